"""The level guard and the purpose guard: a rewrite must be easier, and a correction close.

The level guard: a B1 rewrite reaches B1 (or A2), or is at least one level easier than its input
(C1+ → B2); otherwise there is no rewrite worth offering. The purpose guard: a B1 rewrite is easier
than its input by the difficulty score and not much longer; a correction stays close to its input and
changes something.
"""

from __future__ import annotations

import difflib

from desktop.core.i18n import _
from desktop.core.language.readability import LEVELS, LevelEstimate, difficulty, estimate_level, measure_paragraph
from desktop.core.model.guards.verdict import Task

B1_MAX_GROWTH = 1.25  # a B1 rewrite may be at most 25% longer (plus a few words)
B1_GROWTH_SLACK = 4
CORRECTION_MIN_SIMILARITY = 0.8
TARGET_LEVELS = ("A2", "B1")


def levels(source: str, output: str, max_sentence_words: int) -> tuple[LevelEstimate, LevelEstimate]:
    """The estimated level of ``source`` and of ``output``."""
    before = estimate_level(measure_paragraph("bron", source).counts, max_sentence_words)
    after = estimate_level(measure_paragraph("model", output).counts, max_sentence_words)
    return before, after


def level_guard(source: str, output: str, max_sentence_words: int = 20) -> list[str]:
    """Why ``output`` is not at B1 and not a level easier than ``source`` (empty when it is)."""
    before, after = levels(source, output, max_sentence_words)
    if after.level in TARGET_LEVELS or LEVELS.index(after.level) < LEVELS.index(before.level):
        return []
    return [
        _(
            "Het taalniveau blijft {after} (de oorspronkelijke tekst is {before}); een herschrijving moet B1 "
            "halen of ten minste één niveau eenvoudiger zijn. Wat het moeilijk houdt: {reasons}."
        ).format(after=after.level, before=before.level, reasons="; ".join(after.reasons[:2]))
    ]


def purpose_guard(source: str, output: str, task: Task, max_sentence_words: int = 20) -> list[str]:
    """Reasons why ``output`` does not do what ``task`` asked (empty when it does)."""
    if task is Task.B1:
        reasons = []
        before = measure_paragraph("bron", source).counts
        after = measure_paragraph("model", output).counts
        if difficulty(after, max_sentence_words) >= difficulty(before, max_sentence_words):
            reasons.append(_("De herschrijving is niet eenvoudiger dan het origineel."))
        if after.words > B1_MAX_GROWTH * before.words + B1_GROWTH_SLACK:
            reasons.append(
                _(
                    "De herschrijving is veel langer dan het origineel "
                    "({after} in plaats van {before} woorden)."
                ).format(after=after.words, before=before.words)
            )
        return reasons
    if task is Task.CORRECTION:
        similarity = difflib.SequenceMatcher(None, source, output, autojunk=False).ratio()
        if similarity < CORRECTION_MIN_SIMILARITY:
            return [_("De correctie wijkt te veel af van de oorspronkelijke zin.")]
        if source.strip() == output.strip():
            return [_("Het model vond niets te verbeteren.")]
    return []
