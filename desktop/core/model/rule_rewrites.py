"""B1 candidates built by rules and judged by the model: splits of a long sentence and plainer words.

The small model judges better than it writes. desktop/core/language/clauses.py finds where a long
sentence can be split into whole sentences and the ways each split can be written (which word is the
finite verb that moves, whether the fronted adverb is repeated); the B1 list and LanguageTool's
officialese rules name plainer words ("indien" → "als"). The model's log-probabilities
(:class:`~desktop.core.language.confusion.ConfusionScorer`, the confusion stage's batched scorer) pick
the best way per place and per word, and drop a place or word whose best way reads much worse to the
model than the sentence as written (:data:`MIN_SPLIT_MARGIN`, :data:`MIN_WORD_MARGIN`): "ongeacht of" →
"ondanks of" reads wrong to it. From what is left, candidates are composed: the best split (or two in a
long sentence) with the plainer words outside it, the split alone, and last the plainer words alone (a
sentence with neither a place to split nor a plainer word is not scored). A word inside a name ("Wet
kwaliteit, klachten en geschillen zorg") is never replaced. The tasks run every guard on each candidate,
unchanged, as on a rewrite the model wrote: plainer words alone pass only when the sentence then reaches
B1 or a level lower, and is easier.

Judging costs one scoring pass (about half a second to two seconds on two cores) instead of a
generation (ten seconds and more), so the tasks try these first and ask the model to write only
when none passes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.language.casing import case_like
from desktop.core.language.clauses import SplitOption, apply_options, split_options
from desktop.core.language.confusion import ConfusionScorer
from desktop.core.language.confusion_candidates import Candidate
from desktop.core.language.fixes import fits_in_place, means_something_else
from desktop.core.language.wordlists import normalise
from desktop.core.model.guards.check import style_alternatives
from desktop.core.model.guards.content import phrase_start
from desktop.core.model.guards.level import level_guard
from desktop.core.model.guards.verdict import GuardContext

# A split is dropped when its best way reads this many nats worse to the model than the sentence as
# written (over the changed words and the next few tokens): on the tuning documents of the Amsterdam pairs
# the splits that read right scored -5 and better, wrong ones mostly -7 and worse. A plainer word must read
# at least as well as the word it replaces: the model is a weak judge of words (it finds "ter zake" →
# "over" fluent in "zich een oordeel over te vormen"), so only its clear preferences count.
MIN_SPLIT_MARGIN = -6.0
MIN_WORD_MARGIN = 0.0
# Two splits together only in a sentence of at least this many words (each part keeps a few words).
MIN_WORDS_FOR_TWO = 24
MAX_CANDIDATES = 6
WORD_KIND = "woord"
# A word this many words or fewer after a capitalised word (not the first of the sentence) may belong to a
# name or title ("de Wet kwaliteit, klachten en geschillen zorg": "geschillen" is no word to replace there).
NAME_REACH = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Judged:
    """A place (a split or a word), the way the model preferred, and its margin in nats over the text as
    written."""

    option: SplitOption
    alternative: str
    margin: float


def _in_name(sentence: str, start: int) -> bool:
    """True when the word at ``start`` follows a capitalised word within :data:`NAME_REACH` words (one that
    does not open a sentence, a bracket or a quote): it may be part of a name or title."""
    for match in list(_WORD.finditer(sentence[:start]))[-NAME_REACH:]:
        opening = sentence[: match.start()].rstrip()
        if match.group()[:1].isupper() and opening and opening[-1] not in ".!?:;(\"'‘“":
            return True
    return False


def word_options(sentence: str, context: GuardContext) -> list[SplitOption]:
    """The words of ``sentence`` that the B1 list or LanguageTool's officialese rules give a plainer word for,
    as options (kind :data:`WORD_KIND`) whose alternatives are those words. A conjunction ("maar" for
    "echter") only replaces the first word of a clause: in the middle of one it changes the meaning ("zijn
    de molens echter nodig" is not "zijn de molens maar nodig"); it may replace a conjunction anywhere; after an
    article only a plain word takes the place of an adjective (the one-click fixes' test,
    :func:`~desktop.core.language.fixes.fits_in_place`). A word that may be part of a name is left as it is
    (:func:`_in_name`)."""
    found: dict[tuple[int, int], list[str]] = {}
    if context.alternatives is not None:
        for start, end, entry in context.alternatives.find(sentence):
            original = sentence[start:end]
            if re.sub(r"\s+", " ", normalise(original)).lower() == entry.term.lower():
                found.setdefault((start, end), []).extend(case_like(a, original) for a in entry.alternatives)
    for match in style_alternatives(sentence, context):
        start = phrase_start(sentence, match.text)
        if start >= 0:
            end = start + len(match.text)
            found.setdefault((start, end), []).extend(match.suggestions)
    options: list[SplitOption] = []
    for (start, end), alternatives in sorted(found.items()):
        if options and start < options[-1].end:
            continue  # overlapping matches: the first one
        if _in_name(sentence, start):
            continue
        original = sentence[start:end]
        kept = tuple(
            dict.fromkeys(
                a
                for a in alternatives
                if a
                and a.lower() != original.lower()
                and fits_in_place(sentence, start, end, a)
                and not means_something_else(sentence, start, end, a)
            )
        )
        if kept:
            options.append(SplitOption(start, end, original, kept, WORD_KIND))
    return options


def _groups(options: Sequence[SplitOption]) -> list[list[SplitOption]]:
    """The options in groups whose spans do not overlap (the scorer scores the twins of a group together)."""
    groups: list[list[SplitOption]] = []
    for option in sorted(options, key=lambda o: o.start):
        for group in groups:
            if group[-1].end <= option.start:
                group.append(option)
                break
        else:
            groups.append([option])
    return groups


def judge(
    scorer: ConfusionScorer, sentence: str, options: Sequence[SplitOption], cancel: threading.Event | None = None
) -> list[Judged]:
    """Each option with the way the model prefers and its margin, best first; options whose best way falls
    below their minimum margin, or that the scorer could not score (too long), are left out. Empty when
    cancelled."""
    if not options:
        return []
    groups = _groups(options)
    items = [
        (sentence, [Candidate(o.start, o.end, o.original, o.alternatives, o.kind) for o in group]) for group in groups
    ]
    margins = scorer.margins(items, cancel)
    if margins is None:
        return []
    judged: list[Judged] = []
    for group, scored in zip(groups, margins, strict=True):
        if scored is None:
            continue
        for option, values in zip(group, scored, strict=True):
            best = max(range(len(values)), key=values.__getitem__)
            minimum = MIN_WORD_MARGIN if option.kind == WORD_KIND else MIN_SPLIT_MARGIN
            if values[best] >= minimum:
                judged.append(Judged(option, option.alternatives[best], values[best]))
    return sorted(judged, key=lambda j: -j.margin)


def _apart(first: SplitOption, second: SplitOption) -> bool:
    return first.end <= second.start or second.end <= first.start


def _compositions(sentence: str, judged: Sequence[Judged]) -> list[str]:
    """Every candidate :func:`compose` builds from ``judged``, in its order, without repeats and uncapped."""
    splits = [j for j in judged if j.option.kind != WORD_KIND]
    words = [j for j in judged if j.option.kind == WORD_KIND]
    chosen: list[list[Judged]] = []
    if len(sentence.split()) >= MIN_WORDS_FOR_TWO:
        pairs = [(a, b) for i, a in enumerate(splits) for b in splits[i + 1 :] if _apart(a.option, b.option)]
        chosen += [list(pair) for pair in sorted(pairs, key=lambda p: -(p[0].margin + p[1].margin))]
    chosen += [[single] for single in splits]
    candidates: list[str] = []
    for group in chosen:
        plain = [w for w in words if all(_apart(w.option, g.option) for g in group)]
        for extra in ([plain] if plain else []) + [[]]:
            candidates.append(apply_options(sentence, [(j.option, j.alternative) for j in group + extra]))
    candidates = list(dict.fromkeys(candidates))
    if words:
        candidates.append(apply_options(sentence, [(j.option, j.alternative) for j in words]))
    return list(dict.fromkeys(candidates))


def compose(sentence: str, judged: Sequence[Judged]) -> list[str]:
    """Candidate rewrites from the judged splits and words: the splits (two together in a long sentence,
    the pair with the best margins first; then each alone), each with the plainer words outside it and
    without them; last, the plainer words alone; without repeats."""
    candidates = _compositions(sentence, judged)
    if len(candidates) > MAX_CANDIDATES and any(j.option.kind == WORD_KIND for j in judged):
        return [*candidates[: MAX_CANDIDATES - 1], candidates[-1]]  # the plainer words alone stay
    return candidates[:MAX_CANDIDATES]


def can_reach_level(sentence: str, options: Sequence[SplitOption], max_sentence_words: int) -> bool:
    """Whether any candidate the rules could build from ``options`` passes the level guard, whichever way
    the model would choose per place. Each place is written its shortest way (a repeated adverb only adds
    a word) and every plainer word is taken. A sentence that fails here fails with (nearly) every choice,
    and scoring it would cost a second for nothing: a 106-word paragraph split twice is still far above
    B1. Of the 101 long tuning sentences of the Amsterdam pairs (15 words or more) with a place to split or
    a plainer word, 40 fail here (48 before the level guard took the experts' word-length bound); for one of
    them another plainer word ("Het dit Stedenbouwkundig Plan", which the grammar guard refuses) would have
    tipped the level estimate."""
    unjudged = [
        Judged(option, min(option.alternatives, key=lambda a: len(a.split())), 0.0)
        for option in options
        if option.alternatives
    ]
    candidates = _compositions(sentence, unjudged)
    return any(not level_guard(sentence, candidate, max_sentence_words) for candidate in candidates)


def rule_candidates(
    scorer: ConfusionScorer, sentence: str, context: GuardContext, cancel: threading.Event | None = None
) -> list[str]:
    """The candidates for ``sentence`` built by the rules and judged by the model, best first; none (and
    nothing scored) when the sentence has no place to split and no plainer word, or when no candidate the
    rules could build reaches the level the level guard asks."""
    options = split_options(sentence, context.speller.in_dictionary) + word_options(sentence, context)
    if not options:
        return []
    if not can_reach_level(sentence, options, context.max_sentence_words):
        return []
    return compose(sentence, judge(scorer, sentence, options, cancel))
