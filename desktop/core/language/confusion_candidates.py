"""What the confusion stage's model judges: a :class:`Candidate` (a stretch of a sentence and its alternatives), and the
rules' findings made candidates (:func:`with_fix_candidates`): a misspelt word's suggestions to rank, a style finding's
replacement to check, a LanguageTool grammar finding's suggestions, each with the twins of the words inside it folded
in. The stage itself (the twins of a sentence, the margins made findings) is desktop/core/language/confusion.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from desktop.core.findings import Category, Finding

# The kinds of the rules' findings the model judges (ConfusionChecker.revise): a misspelt word's suggestions, a style
# finding's replacement, a LanguageTool grammar finding's suggestions.
RANK_KIND = "spelling"
FIX_KIND = "fix"
RULE_KIND = "regel"
MAX_JUDGED_SUGGESTIONS = 5


@dataclass(frozen=True)
class Candidate:
    """A word in a sentence, its valid twins and the kind of confusion (offsets into the sentence)."""

    start: int
    end: int
    original: str
    alternatives: tuple[str, ...]
    kind: str
    # For a rule finding (RULE_KIND, RANK_KIND): the twins of the words inside it, each as the finding's text with the
    # twin in place, and its kind ("onder werp" → ("onderwerp", "los")); they follow the rule's suggestions.
    folded: tuple[tuple[str, str], ...] = ()


def without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates sorted by start, each one that overlaps an earlier one left out (the scorer replaces
    one stretch of the sentence at a time)."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, c.end)):
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


def preferred_first(finding: Finding, margins: Mapping[str, float], lead: float) -> Finding:
    """``finding`` with the suggestion the model prefers first, when it beats the rule's first by more than
    ``lead`` nats (the others keep the rule's order)."""
    first = finding.suggestions[0]
    best = max(finding.suggestions, key=lambda s: margins.get(s, -1e9))
    if margins.get(best, -1e9) - margins.get(first, -1e9) <= lead:
        return finding
    return replace(finding, suggestions=(best, *(s for s in finding.suggestions if s != best)))


def with_fix_candidates(
    candidates: list[Candidate], start: int, end: int, findings: Iterable[Finding]
) -> list[Candidate]:
    """``candidates`` (of the sentence at ``start:end`` of its paragraph) with a candidate for each rule finding in it
    whose suggestions the model judges: a spelling finding with more than one suggestion (:data:`RANK_KIND`: the
    model ranks them) and a style finding's replacement (:data:`FIX_KIND`). A twin candidate that overlaps one of
    these gives way."""
    extra = []
    for finding in findings:
        if not (start <= finding.start and finding.end <= end) or not finding.suggestions:
            continue
        if finding.category is Category.SPELLING and len(finding.suggestions) > 1:
            kind = RANK_KIND
        elif finding.category is Category.STYLE:
            kind = FIX_KIND
        elif finding.category is Category.GRAMMAR and finding.rule.startswith("LT:"):
            kind = RULE_KIND
        else:
            continue
        extra.append(Candidate(finding.start - start, finding.end - start, finding.original,
                               tuple(finding.suggestions[:MAX_JUDGED_SUGGESTIONS]), kind))
    extra = [folded(e, candidates) if e.kind in (RULE_KIND, RANK_KIND) else e for e in without_overlaps(extra)]
    kept = [c for c in candidates if not any(c.start < e.end and e.start < c.end for e in extra)]
    return without_overlaps(extra + kept)


def folded(rule: Candidate, twins: Sequence[Candidate]) -> Candidate:
    """``rule`` (a LanguageTool finding or a misspelt word to judge) with the twins of the words inside it as further
    alternatives: the scorer replaces one stretch at a time, so a twin candidate inside a rule's finding is judged as
    part of it."""
    folded = []
    for twin in twins:
        if twin.kind in (RANK_KIND, FIX_KIND, RULE_KIND) or not (rule.start <= twin.start and twin.end <= rule.end):
            continue
        before = rule.original[: twin.start - rule.start]
        after = rule.original[twin.end - rule.start :]
        kinds = dict(twin.folded)
        folded += [(before + a + after, kinds.get(a, twin.kind)) for a in twin.alternatives]
    folded = [(a, k) for a, k in dict(folded).items() if a != rule.original]
    if not folded:
        return rule
    new = tuple(a for a, _k in folded if a not in rule.alternatives)
    return replace(rule, alternatives=rule.alternatives + new, folded=tuple(folded))
