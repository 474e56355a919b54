"""What the frozen app, the Debian packages and the model pack contain, read from the built files."""

from __future__ import annotations

import hashlib
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest

from desktop import __version__
from desktop.core.model.catalog import ModelCard
from installer import bundle_contents, freeze, model_pack
from tests.installer.conftest import require_tools

pytestmark = pytest.mark.slow

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NETWORK_WORDS = ("curl", "wget", "http", "apt-get", "apt ", "pip", "download", "nc ", "ssh")


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True).stdout


def deb_files(deb: Path) -> dict[str, str]:
    """Path -> the tar listing line of each member."""
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True)
    members = {}
    for line in listing.stdout.splitlines():
        path = line.split(None, 5)[5].split(" -> ")[0]
        members[path.removeprefix(".")] = line
    return members


def deb_control_files(deb: Path, tmp_path: Path) -> Path:
    target = tmp_path / "control"
    subprocess.run(["dpkg-deb", "--control", str(deb), str(target)], check=True)
    return target


def test_the_frozen_app_holds_everything_it_opens_by_path(frozen_app):
    for description, files in freeze.required_files(frozen_app).items():
        assert files and all(path.exists() for path in files), description
    wordfreq = {path.name for path in (frozen_app / "_internal" / "wordfreq" / "data").glob("*.msgpack.gz")}
    assert wordfreq and all(bundle_contents.wordfreq_file_wanted(name) for name in wordfreq)
    qt_catalogues = list(frozen_app.glob("_internal/PySide6/Qt/translations/*.qm"))
    assert any(path.name == "qtbase_nl.qm" for path in qt_catalogues)
    assert all(bundle_contents.keep_collected(f"PySide6/Qt/translations/{path.name}") for path in qt_catalogues)
    assert not list(frozen_app.rglob("libqgtk3.so")) and not list(frozen_app.rglob("libgtk-3.so*"))
    third_party = (frozen_app / "LICENSES" / "THIRD-PARTY.md").read_text(encoding="utf-8")
    for component in ("PySide6_Essentials", "llama_cpp_python", "llama.cpp (ggml)", "lingotweaker", "Python"):
        assert f"| {component} |" in third_party


def test_the_app_package_installs_to_opt_with_commands_desktop_entry_and_policy_folder(app_deb, tmp_path):
    assert deb_field(app_deb, "Package").strip() == "schrijfhulp"
    assert deb_field(app_deb, "Version").strip() == __version__
    assert deb_field(app_deb, "Architecture").strip() == "amd64"
    depends = deb_field(app_deb, "Depends")
    assert "libc6 (>= " in depends and "libgl1" in depends
    members = deb_files(app_deb)
    for path in (
        "/opt/schrijfhulp/schrijfhulp",
        "/opt/schrijfhulp/schrijfhulp-cli",
        "/opt/schrijfhulp/_internal/resources/dictionaries/nl_NL.dic",
        "/usr/share/applications/schrijfhulp.desktop",
        "/usr/share/icons/hicolor/scalable/apps/schrijfhulp.svg",
        "/usr/share/icons/hicolor/48x48/apps/schrijfhulp.png",
        "/etc/schrijfhulp/defaults.toml.voorbeeld",
        "/etc/schrijfhulp/policy.toml.voorbeeld",
        "/usr/share/schrijfhulp/models/",
    ):
        assert path in members, path
    assert "-> /opt/schrijfhulp/schrijfhulp-cli" in members["/usr/bin/schrijfhulp-cli"]
    assert "-> /opt/schrijfhulp/schrijfhulp" in members["/usr/bin/schrijfhulp"]
    assert all(line.split()[1] == "root/root" for line in members.values())

    control = deb_control_files(app_deb, tmp_path)
    scripts = sorted(p.name for p in control.iterdir() if p.name in ("preinst", "postinst", "prerm", "postrm"))
    assert scripts == ["postrm"]
    postrm = (control / "postrm").read_text(encoding="utf-8")
    assert not any(word in postrm.replace("# Nothing else is done here: no network", "") for word in NETWORK_WORDS)
    assert (control / "conffiles").read_text(encoding="utf-8").split() == [
        "/etc/schrijfhulp/defaults.toml.voorbeeld",
        "/etc/schrijfhulp/policy.toml.voorbeeld",
    ]


def test_the_desktop_entry_offers_docx_and_is_valid(app_deb, tmp_path):
    require_tools("desktop-file-validate")
    subprocess.run(["dpkg-deb", "--extract", str(app_deb), str(tmp_path / "root")], check=True)
    entry = tmp_path / "root" / "usr" / "share" / "applications" / "schrijfhulp.desktop"
    subprocess.run(["desktop-file-validate", str(entry)], check=True)
    text = entry.read_text(encoding="utf-8")
    assert f"MimeType={DOCX_MIME};" in text
    assert "Exec=/usr/bin/schrijfhulp %f" in text and "Icon=schrijfhulp" in text


def test_the_model_pack_places_the_model_and_its_verified_entry(embedded_model_pack, embedded_model):
    entry = embedded_model_pack.entry
    assert entry["sha256"] == embedded_model.card.sha256 and entry["size"] == embedded_model.path.stat().st_size
    card = ModelCard.from_toml(entry, Path("pack"))
    assert card.file == embedded_model.path.name

    deb = embedded_model_pack.deb
    assert deb is not None
    assert deb_field(deb, "Architecture").strip() == "all"
    assert deb_field(deb, "Provides").strip() == model_pack.VIRTUAL_PACKAGE
    members = deb_files(deb)
    models = "/usr/share/schrijfhulp/models/"
    assert f"{models}{card.file}" in members and f"{models}{card.id}.toml" in members

    with zipfile.ZipFile(embedded_model_pack.archive) as archive:
        names = set(archive.namelist())
        assert names == {f"models/{card.file}", f"models/{card.id}.toml", "SHA256SUMS"}
        manifest = tomllib.loads(archive.read(f"models/{card.id}.toml").decode("utf-8"))
        assert manifest["model"] == [entry]
        sums = dict(reversed(line.split("  ", 1)) for line in archive.read("SHA256SUMS").decode().splitlines())
        assert sums[f"models/{card.file}"] == entry["sha256"]
        digest = hashlib.sha256(archive.read(f"models/{card.id}.toml")).hexdigest()
        assert sums[f"models/{card.id}.toml"] == digest

