"""Sentences and words of Dutch text, with character offsets.

Sentences come from LanguageTool's SRX segmentation rules (``choppa-srx``, pure Python), which
know Dutch abbreviations (dhr., tel., art.). Words are our own tokens: wordfreq's tokenizer drops
the dot of an abbreviation, and the readability measures need to see it.

Compiling the Dutch SRX rules' patterns takes 0.15-0.35 s on a 2-core laptop, before the first
sentence can be split (and so before the first findings). The compiled patterns are kept in the
user's cache folder (desktop/core/disk_cache.py) and read back in about 15 ms: only ``regex``'s own
compile function may be called while they are read, so a changed file can run nothing else.
"""

from __future__ import annotations

import importlib
import io
import logging
import pickle
import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class _XmlschemaOnUse(types.ModuleType):
    """Stands in for xmlschema in choppa's namespace: choppa imports it at the top of its parser (~0.1 s with
    elementpath, holding Python's lock, on the way to the first findings) only to validate a ruleset against its
    schema when asked, which we never do. The real package is imported when an attribute is first looked up."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # introspection (inspect, PySide6's import hook reads every module's source)
            raise AttributeError(name)
        if sys.modules.get("xmlschema") is self:  # looked up while choppa is being imported
            del sys.modules["xmlschema"]
        return getattr(importlib.import_module("xmlschema"), name)


if "xmlschema" not in sys.modules:  # only while choppa is imported: any other import gets the real package
    sys.modules["xmlschema"] = _XmlschemaOnUse("xmlschema")
    try:
        import choppa.srx_parser
    finally:
        del sys.modules["xmlschema"]

import choppa  # noqa: E402
import regex  # noqa: E402
from choppa import DEFAULT_SRX_RULESET, SrxDocument, SrxTextIterator  # noqa: E402

from desktop.core import disk_cache  # noqa: E402

SRX_LANGUAGE = "nl_two"  # a single line break does not end a sentence; an empty line does
PATTERN_CACHE = "srx-patronen"

log = logging.getLogger(__name__)
_document: SrxDocument | None = None
_store_patterns = False  # the patterns were compiled here: store them once the first split has compiled them
_lock = threading.Lock()

# A month abbreviation followed by a number: the SRX rules end a sentence after "5 jan."
_MONTH_BREAK = re.compile(r"\b(?:jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.\s+$", re.IGNORECASE)
_WORD = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                       # dotted abbreviations: d.d., i.v.m., t.h.v.
    | \d+(?:[.,:/-]\d+)*                     # numbers, amounts, dates, article numbers
    | [^\W\d_]+(?:['’-][^\W\d_]+)*\.?         # words, with apostrophes and hyphens
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Span:
    """A stretch of text with its offsets: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


class _PatternUnpickler(pickle.Unpickler):
    """Reads a pickled ``{key: regex pattern}``: the only callable it may look up is regex's compile."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the pattern cache")


def _pattern_key(document: SrxDocument) -> str:
    return disk_cache.entry_key(
        sys.version, regex.__version__, choppa.__version__, disk_cache.file_digest(DEFAULT_SRX_RULESET),
        document.pattern_flags,
    )


def _cached_patterns(key: str) -> dict[str, Any] | None:
    data = disk_cache.read(PATTERN_CACHE, key)
    if data is None:
        return None
    try:
        patterns = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception as exc:  # a damaged or foreign file: compile as without a cache
        log.warning("the cached sentence patterns cannot be read: %s", exc)
        return None
    if not isinstance(patterns, dict) or not all(
        isinstance(k, str) and isinstance(v, regex.Pattern) for k, v in patterns.items()
    ):
        log.warning("the cached sentence patterns are not patterns")
        return None
    return patterns


def _srx() -> SrxDocument:
    global _document, _store_patterns
    with _lock:
        if _document is None:
            document = SrxDocument(ruleset=str(DEFAULT_SRX_RULESET))
            patterns = _cached_patterns(_pattern_key(document))
            if patterns is None:
                _store_patterns = True
            else:
                document.regex_cache.update(patterns)
            _document = document
        return _document


def _keep_patterns(document: SrxDocument) -> None:
    """Store the patterns the first split compiled, for the next start."""
    global _store_patterns
    with _lock:
        if not _store_patterns:
            return
        _store_patterns = False
        patterns = dict(document.regex_cache)
    disk_cache.write(PATTERN_CACHE, _pattern_key(document), pickle.dumps(patterns, protocol=pickle.HIGHEST_PROTOCOL))


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text``, trimmed of surrounding white space, with offsets into ``text``.

    Cached: the checks run again on every pause in typing, mostly on unchanged paragraphs.
    """
    pieces: list[tuple[int, int]] = []
    position = 0
    document = _srx()
    for segment in SrxTextIterator(document, SRX_LANGUAGE, text):
        start, end = position, position + len(segment)
        position = end
        if pieces and _MONTH_BREAK.search(text, pieces[-1][0], pieces[-1][1]) and segment[:1].isdigit():
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    if _store_patterns:
        _keep_patterns(document)
    sentences: list[Span] = []
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            sentences.append(Span(start, end, text[start:end]))
    return tuple(sentences)


def words(text: str, offset: int = 0) -> list[Span]:
    """The word tokens of ``text`` (numbers included); a closing dot is kept only on abbreviations.

    ``offset`` is added to every start and end, for tokens of a sentence inside a paragraph.
    """
    tokens = []
    for match in _WORD.finditer(text):
        token = match.group()
        end = match.end()
        if token.endswith(".") and token.count(".") == 1 and _is_sentence_dot(text, end):
            token, end = token[:-1], end - 1
        tokens.append(Span(match.start() + offset, end + offset, token))
    return tokens


def _is_sentence_dot(text: str, end: int) -> bool:
    """True when the dot before ``end`` closes a sentence rather than an abbreviation."""
    rest = text[end:].lstrip()
    return not rest or rest[:1].isupper() or rest[:1] in "\"'‘“(["
