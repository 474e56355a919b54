"""Findings, edits and the rules for combining them.

A :class:`Finding` is what a check reports: where (paragraph id and character offsets in that
paragraph's live text), what (the original text), why (a Dutch explanation), what to do instead
(zero or more suggestions), which rule or source said so, and its category. An :class:`Edit` is
what the document writer applies once a person accepted a suggestion.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

from desktop.core.i18n import N_, _


class Category(StrEnum):
    """The five kinds of finding the user sees, each with its own colour and group."""

    SPELLING = "spelling"
    GRAMMAR = "grammatica"
    STYLE = "stijl"
    READABILITY = "leesbaarheid"
    DECISION = "besluit-eisen"

    @property
    def label(self) -> str:
        """The category's name for the user, in the user's language ("B1 en stijl")."""
        return _(CATEGORY_LABELS[self])


CATEGORY_LABELS = {
    Category.SPELLING: N_("Spelling"),
    Category.GRAMMAR: N_("Grammatica"),
    Category.STYLE: N_("B1 en stijl"),
    Category.READABILITY: N_("Leesbaarheid"),
    Category.DECISION: N_("Besluit-eisen"),
}


class Source(StrEnum):
    """Where a suggestion came from: a language rule, one of our word lists, or the local model."""

    RULE = "rule"
    WORDLIST = "wordlist"
    MODEL = "model"


# A finding whose confidence is below this is shown as doubtful ("twijfelachtig"), with its evidence.
DOUBTFUL_BELOW = 0.6


def quoted(text: str) -> str:
    """``text`` between quotes, as lists and reports show an original or a suggestion; spaces alone are named
    instead (a double space fixed would otherwise read ‘  ’ → ‘ ’, which says nothing)."""
    if text and not text.strip():
        if text.strip(" "):
            return _("(witruimte)")
        return _("(één spatie)") if len(text) == 1 else _("({count} spaties)").format(count=len(text))
    return f"‘{text}’"


@dataclass(frozen=True)
class Finding:
    """One reported issue in one paragraph's live text, ``text[start:end] == original``."""

    paragraph: str
    start: int
    end: int
    original: str
    category: Category
    rule: str
    source: Source
    message: str
    suggestions: tuple[str, ...] = ()
    # Further (rule, message) pairs when several checks reported the same text.
    also: tuple[tuple[str, str], ...] = field(default=())
    # Findings that share a non-empty group (the word-level pieces of one model rewrite) are
    # accepted or rejected together.
    group: str = ""
    # How sure the check is, from 0 to 1. Rules and word lists are 1.0; a judgement of the model
    # (a confusion with a small margin) is lower. See :attr:`doubtful`.
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if self.end - self.start != len(self.original):
            raise ValueError(f"span {self.start}..{self.end} does not match {self.original!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    @property
    def id(self) -> str:
        """A stable id: the same finding on the same text always gets the same id."""
        key = f"{self.paragraph}\x1f{self.start}\x1f{self.end}\x1f{self.rule}\x1f{self.original}"
        return hashlib.blake2s(key.encode("utf-8"), digest_size=8).hexdigest()

    @property
    def doubtful(self) -> bool:
        """True when the check is not sure: show it as doubtful, with its reasons, or leave it out."""
        return self.confidence < DOUBTFUL_BELOW

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every explanation attached to this finding, first the main one."""
        return (self.message, *(message for _rule, message in self.also))

    def overlaps(self, other: Finding) -> bool:
        """True when both findings cover some of the same characters of the same paragraph."""
        if self.paragraph != other.paragraph:
            return False
        if self.start == self.end or other.start == other.end:
            return self.start == other.start and self.end == other.end
        return self.start < other.end and other.start < self.end

    def to_edit(self, choice: int = 0, author: str | None = None) -> Edit:
        """The edit that applies suggestion number ``choice``."""
        return Edit(
            paragraph=self.paragraph,
            start=self.start,
            end=self.end,
            replacement=self.suggestions[choice],
            explanation=" ".join(self.reasons),
            author=author,
            category=self.category,
            source=self.source,
            group=self.group,
        )


@dataclass(frozen=True)
class Edit:
    """An accepted change: replace ``[start, end)`` of a paragraph's live text by ``replacement``."""

    paragraph: str
    start: int
    end: int
    replacement: str
    explanation: str = ""
    author: str | None = None
    category: Category = Category.SPELLING
    source: Source = Source.RULE
    # The pieces of one model rewrite share a group (as their findings do): one comment explains them all.
    group: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


class Checker(Protocol):
    """A check over one paragraph's live text."""

    name: str

    def check(self, paragraph_id: str, text: str) -> Iterable[Finding]:
        """Yield the findings for ``text``, with offsets into ``text``."""
        ...


def _extend(finding: Finding, text: str, start: int, end: int) -> Finding:
    """Widen ``finding`` to ``[start, end)`` by padding its suggestions with the original text."""
    before = text[start : finding.start]
    after = text[finding.end : end]
    return replace(
        finding,
        start=start,
        end=end,
        original=text[start:end],
        suggestions=tuple(before + s + after for s in finding.suggestions),
    )


def _combine(first: Finding, second: Finding, text: str) -> Finding:
    """One finding that carries both findings' reasons and suggestions over the union span.

    Two checks that agree make the finding as sure as the surer of the two.
    """
    start, end = min(first.start, second.start), max(first.end, second.end)
    a, b = _extend(first, text, start, end), _extend(second, text, start, end)
    # a suggestion both checks make comes first ("het instelling besluit": LanguageTool offers
    # "het instellingbesluit" first, the noun lexicon and LanguageTool's third both "de instelling besluit")
    both = set(a.suggestions) & set(b.suggestions)
    suggestions = tuple(sorted(dict.fromkeys(a.suggestions + b.suggestions), key=lambda s: s not in both))
    seen = {(a.rule, a.message), *a.also}
    extra = tuple(pair for pair in ((b.rule, b.message), *b.also) if pair not in seen)
    return replace(
        a, suggestions=suggestions, also=a.also + extra, confidence=max(a.confidence, b.confidence)
    )


def merge_findings(findings: Iterable[Finding], texts: dict[str, str]) -> list[Finding]:
    """Merge duplicates and overlaps deterministically.

    Findings on exactly the same span are always merged into one with both reasons. Findings
    that carry suggestions and overlap are merged into one over the union of their spans (their
    suggestions padded with the original text), because both cannot be applied. A finding
    without suggestions (a note such as "deze zin is lang") that overlaps others stays separate.
    The result is sorted by paragraph order of first appearance, then by start.
    """
    order: dict[str, int] = {}
    by_paragraph: dict[str, list[Finding]] = {}
    for finding in findings:
        order.setdefault(finding.paragraph, len(order))
        by_paragraph.setdefault(finding.paragraph, []).append(finding)

    merged: list[Finding] = []
    for paragraph in sorted(by_paragraph, key=order.__getitem__):
        text = texts[paragraph]
        pending = sorted(by_paragraph[paragraph], key=lambda f: (f.start, -f.end, f.rule))
        result: list[Finding] = []
        for finding in pending:
            target = next(
                (
                    i
                    for i, kept in enumerate(result)
                    if (kept.start, kept.end) == (finding.start, finding.end)
                    or (kept.suggestions and finding.suggestions and kept.overlaps(finding))
                ),
                None,
            )
            if target is None:
                result.append(finding)
            else:
                result[target] = _combine(result[target], finding, text)
        merged.extend(sorted(result, key=lambda f: (f.start, f.end)))
    return merged
