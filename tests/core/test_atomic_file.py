"""Every small file Schrijfhulp writes (settings, state, word list, journal, cache) is whole or untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.core import atomic_file, disk_cache, paths, user_state
from desktop.core.language.wordlists import PersonalWordList

pytestmark = pytest.mark.core


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "map"
    folder.mkdir()
    return folder


def test_a_write_replaces_the_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    target = folder / "instellingen.toml"
    target.write_text("oud\n", encoding="utf-8")
    atomic_file.write_text(target, "nieuw\nregel\n")
    assert target.read_bytes() == b"nieuw\nregel\n"  # "\n" on every system
    assert [p.name for p in folder.iterdir()] == ["instellingen.toml"]


def test_a_failing_write_keeps_the_old_file_and_removes_its_temporary_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    target = folder / "woordenlijst.txt"
    target.write_text("oud\n", encoding="utf-8")

    def half_then_fail(handle: object) -> None:
        handle.write(b"half")  # type: ignore[attr-defined]
        raise OSError("schijf vol")

    with pytest.raises(OSError, match="schijf vol"):
        atomic_file.atomic_write(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in folder.iterdir()] == ["woordenlijst.txt"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; on Windows the profile's permissions apply")
def test_private_files_are_the_owners_alone(tmp_path: Path) -> None:
    atomic_file.write_bytes(tmp_path / "dagboek.json", b"{}", private=True)
    atomic_file.write_bytes(tmp_path / "beleid.toml", b"", private=False)
    assert _mode(tmp_path / "dagboek.json") == 0o600
    assert _mode(tmp_path / "beleid.toml") == 0o666 & ~_umask()  # policy files are for everyone to read


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_personal_word_list_and_the_cache_are_private_and_the_state_survives_a_rewrite() -> None:
    words = PersonalWordList(paths.user_config_dir() / "woorden.txt")
    words.add("Schrijfhulp")
    assert _mode(words.path) == 0o600
    assert disk_cache.write("patronen", "sleutel", b"\x00\x01")
    assert disk_cache.read("patronen", "sleutel") == b"\x00\x01"
    assert _mode(disk_cache.entry_path("patronen", "sleutel")) == 0o600
    user_state.save_state(user_state.UserState(recent_files=["/tmp/brief.docx"], acknowledged=["v1"]))
    user_state.save_state(user_state.UserState(recent_files=["/tmp/besluit.docx"], acknowledged=["v1"]))
    assert user_state.load_state().recent_files == ["/tmp/besluit.docx"]


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand waar een map moet staan", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_USER_CACHE, str(blocker))
    assert disk_cache.write("patronen", "sleutel", b"data") is False
    assert disk_cache.read("patronen", "sleutel") is None
