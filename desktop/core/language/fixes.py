"""One-click fixes that keep the sentence Dutch.

A replacement from a word list or a style rule is right for the word and can be wrong for the
sentence: LanguageTool's "om reden van" → "omdat" turns "dat het om reden van verkeersveiligheid
gewenst is" into "dat het omdat verkeersveiligheid gewenst is". Before a suggestion is offered as a
one-click fix, :func:`verify_fixes`

1. gives the right construction where the plain word needs one (:data:`CONSTRUCTIONS`: "om reden
   van X" → "vanwege X"; a conjunction never replaces a word before "te" + infinitive);
2. puts the replacement into the sentence and runs the grammar rules and the spelling check again:
   a suggestion that makes a rule fire that did not fire on the original, or a word the dictionary
   does not know, is dropped.

A finding whose suggestions are all dropped keeps its advice without a one-click fix, and says why.
The model's opinion of the result (its score must not fall sharply) is added by the confusion
stage when a model is loaded (:func:`desktop.core.language.confusion.fix_candidates`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from desktop.core.findings import Category, Finding
from desktop.core.i18n import N_, _
from desktop.core.language.casing import case_like
from desktop.core.language.sentences import split_sentences

# Rule or word-list ids whose suggestion needs a different construction: (rule, pattern on the
# text from the finding's start, the replacement of the finding's own text, the advice).
CONSTRUCTIONS: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    # "om reden van X" is a preposition with a noun phrase: "vanwege X", never the conjunction "omdat".
    (
        "LT:OM_REDEN_VAN",
        re.compile(r"om reden van\b", re.IGNORECASE),
        "vanwege",
        N_("‘Om reden van’ is ambtelijk. Schrijf ‘vanwege’: ‘vanwege de verkeersveiligheid’ (‘omdat’ past hier "
           "niet: daarna moet een zin met een werkwoord volgen)."),
    ),
)
# Conjunctions cannot stand before "te" + infinitive ("voordat te beslissen").
CONJUNCTIONS = frozenset(["omdat", "voordat", "zodat", "als", "wanneer", "nadat", "doordat", "terwijl", "hoewel"])
_TE_INFINITIVE = re.compile(r"\s+te\s+\w+en\b")
# Categories whose suggestions are checked: the corrections and the plainer words.
CHECKED = frozenset([Category.SPELLING, Category.GRAMMAR, Category.STYLE])
MAX_CHECKED_SUGGESTIONS = 3

GrammarCheck = Callable[[str], Sequence[tuple[str, str]]]  # text -> (rule, matched text) pairs
SpellCheck = Callable[[str], Iterable[tuple[int, int]]]  # text -> spans of unknown words


@dataclass(frozen=True)
class FixCheck:
    """What a suggestion is checked with: the grammar rules and the spelling check on a sentence."""

    grammar: GrammarCheck
    misspelt: SpellCheck


def constructed(finding: Finding, text: str) -> Finding:
    """``finding`` with the right construction as its suggestion where :data:`CONSTRUCTIONS` has one."""
    for rule, pattern, replacement, advice in CONSTRUCTIONS:
        if finding.rule == rule and pattern.match(text, finding.start):
            return replace(finding, suggestions=(case_like(replacement, finding.original),), message=_(advice))
    return finding


def _conjunction_before_te(suggestion: str, text: str, end: int) -> bool:
    return suggestion.lower() in CONJUNCTIONS and bool(_TE_INFINITIVE.match(text, end))


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    for sentence in split_sentences(text):
        if sentence.start <= start and end <= sentence.end:
            return sentence.start, sentence.end
    return 0, len(text)


def _broken(finding: Finding, suggestion: str, text: str, check: FixCheck, cache: dict[str, Counter[str]]) -> bool:
    """True when ``suggestion`` in place of ``finding`` makes a new grammar finding or an unknown word."""
    if _conjunction_before_te(suggestion, text, finding.end):
        return True
    first, last = _sentence_at(text, finding.start, finding.end)
    sentence = text[first:last]
    fixed = sentence[: finding.start - first] + suggestion + sentence[finding.end - first :]

    def rules(value: str) -> Counter[str]:
        if value not in cache:
            cache[value] = Counter(rule for rule, _matched in check.grammar(value))
        return cache[value]

    before, after = rules(sentence), rules(fixed)
    new = after - before
    new.pop(finding.rule, None)
    if new:
        return True
    start = finding.start - first
    stop = start + len(suggestion)
    return any(s < stop and start < e for s, e in check.misspelt(fixed))


def verify_fixes(findings: Sequence[Finding], text: str, check: FixCheck) -> list[Finding]:
    """The findings of one paragraph (``text``) with only the suggestions that keep the sentence right.

    A finding whose every suggestion breaks the sentence keeps its message (the advice) without a
    one-click fix, with a note that the sentence needs rewriting.
    """
    cache: dict[str, Counter[str]] = {}
    result = []
    for finding in findings:
        if not finding.suggestions or finding.category not in CHECKED or finding.group:
            result.append(finding)
            continue
        finding = constructed(finding, text)
        kept = tuple(
            s for s in finding.suggestions[:MAX_CHECKED_SUGGESTIONS] if not _broken(finding, s, text, check, cache)
        )
        if kept:
            result.append(replace(finding, suggestions=kept))
        else:
            note = _("Geen directe vervanging: met de suggestie klopt de zin niet meer; herschrijf de zin zelf.")
            result.append(replace(finding, suggestions=(), message=f"{finding.message} {note}"))
    return result
