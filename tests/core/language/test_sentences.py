"""Sentence splitting with the SRX patterns compiled once and kept in the user's cache folder."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from desktop.core import disk_cache
from desktop.core.language import sentences
from tests import DATA

pytestmark = pytest.mark.core

LETTERS = sorted((DATA / "letters" / "texts").glob("*.txt"))


@pytest.fixture
def fresh_splitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The splitter as at the start of a process: no SRX document yet, nothing split."""
    monkeypatch.setattr(sentences, "_document", None)
    monkeypatch.setattr(sentences, "_store_patterns", False)
    sentences.split_sentences.cache_clear()
    yield
    sentences.split_sentences.cache_clear()


def _split_all() -> list[tuple[sentences.Span, ...]]:
    return [sentences.split_sentences(p) for path in LETTERS for p in path.read_text(encoding="utf-8").split("\n")]


def _entries() -> list[Path]:
    folder = disk_cache.entry_path(sentences.PATTERN_CACHE, "x").parent
    return sorted(folder.glob("*.bin")) if folder.is_dir() else []


def test_the_compiled_patterns_are_kept_and_split_the_letters_the_same(fresh_splitter: None) -> None:
    assert _entries() == []
    compiled = _split_all()  # the first split compiles the patterns and keeps them
    [entry] = _entries()
    assert sentences._document is not None and len(sentences._document.regex_cache) > 20

    sentences._document = None  # a new start: the patterns come from the cache, nothing is compiled
    sentences.split_sentences.cache_clear()
    document = sentences._srx()
    assert set(document.regex_cache) == set(pickle.loads(entry.read_bytes()))
    assert not sentences._store_patterns
    assert _split_all() == compiled
    assert sum(len(s) for s in compiled) > 500


def test_a_cache_file_that_would_run_code_is_refused(fresh_splitter: None, tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {marker}",)

    sentences._srx()
    key = sentences._pattern_key(sentences._document)
    disk_cache.write(sentences.PATTERN_CACHE, key, pickle.dumps({"x": Exploit()}))
    sentences._document = None
    assert sentences.split_sentences("Dit is dhr. Jansen. Hij woont hier.")[1].text == "Hij woont hier."
    assert not marker.exists()
    assert sentences._cached_patterns(key)  # compiled again, and kept again after the split


def test_a_damaged_cache_file_only_costs_time(fresh_splitter: None) -> None:
    sentences._srx()
    key = sentences._pattern_key(sentences._document)
    disk_cache.write(sentences.PATTERN_CACHE, key, b"not a pickle")
    sentences._document = None
    split = sentences.split_sentences("Zie dhr. Jansen. Dat geldt.")
    assert [s.text for s in split] == ["Zie dhr. Jansen.", "Dat geldt."]
    assert sentences._cached_patterns(key)
