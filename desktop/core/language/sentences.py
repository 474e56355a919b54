"""Sentences and words of Dutch text, with character offsets.

Sentences come from LanguageTool's SRX segmentation rules (``choppa-srx``, pure Python), which
know Dutch abbreviations (dhr., tel., art.). Words are our own tokens: wordfreq's tokenizer drops
the dot of an abbreviation, and the readability measures need to see it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from choppa import DEFAULT_SRX_RULESET, SrxDocument, SrxTextIterator

SRX_LANGUAGE = "nl_two"  # a single line break does not end a sentence; an empty line does

_document: SrxDocument | None = None
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


def _srx() -> SrxDocument:
    global _document
    with _lock:
        if _document is None:
            _document = SrxDocument(ruleset=str(DEFAULT_SRX_RULESET))
        return _document


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text``, trimmed of surrounding white space, with offsets into ``text``.

    Cached: the checks run again on every pause in typing, mostly on unchanged paragraphs.
    """
    pieces: list[tuple[int, int]] = []
    position = 0
    for segment in SrxTextIterator(_srx(), SRX_LANGUAGE, text):
        start, end = position, position + len(segment)
        position = end
        if pieces and _MONTH_BREAK.search(text, pieces[-1][0], pieces[-1][1]) and segment[:1].isdigit():
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
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
