"""Readability: B1 measures per sentence, paragraph and document, and an estimated language level.

Measures: words per sentence, syllables per word (Dutch hyphenation patterns, pyphen), the
Flesch-Douma score (206.84 - 0.93 x words/sentence - 77 x syllables/word; higher is easier),
the share of infrequent words (wordfreq, Zipf < 3.5), passive constructions, long words,
nominalisations and abbreviations. :func:`estimate_level` turns them into A2/B1/B2/C1+ with
the three reasons that weigh most; :class:`ReadabilityChecker` reports sentences above the B1
target. Calibrated on the City of Amsterdam's expert simplifications (bench/eval_language.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from wordfreq import zipf_frequency

from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.sentences import Span, split_sentences, words

# B1 norms (Dutch plain-language practice): sentences of at most 15-20 words, mostly common
# words of one or two syllables, active voice.
B1_SENTENCE_WORDS = 20
B1_SENTENCE_WORDS_IDEAL = 15
B1_SYLLABLES_PER_WORD = 1.6
B1_INFREQUENT_SHARE = 0.10
B1_PASSIVE_SHARE = 0.25
B1_LONG_WORD_SHARE = 0.08
B1_NOMINALISATION_SHARE = 0.05
INFREQUENT_ZIPF = 3.5
LONG_WORD_LETTERS = 13
# A text past 1.3 times the syllable norm is not B1 however short its sentences (general text; the level
# guard of a rewrite passes its own bound, desktop/core/model/guards/level.py).
FAR_SYLLABLES_PER_WORD = 1.3 * B1_SYLLABLES_PER_WORD

_hyphenator = pyphen.Pyphen(lang="nl_NL")
# A vowel with a diaeresis starts a new syllable: ge-ïn-for-meerd, re-ë-le.
_VOWEL_GROUPS = re.compile(r"[ëïöüä][aeiouyéèáóê]*|[aeiouyéèáóê]+")
_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden", "geworden"})
_PARTICIPLE = re.compile(r"^(?:ge|be|ver|ont|her|er)[a-zë]{2,}(?:d|t|en)$")
_NOT_PARTICIPLE = frozenset({"geen", "gegeven", "gebied", "gebieden", "gezondheid", "verschillend", "bent"})
_NOMINAL = re.compile(r"^[a-z]{3,}(?:ing|ingen|atie|aties|isatie|isaties|ering|eringen|heid|heden)$")
_NOT_NOMINAL = frozenset(
    {
        "woning",
        "woningen",
        "koning",
        "regering",
        "vergadering",
        "vergaderingen",
        "mening",
        "tekening",
        "lening",
    }
)
_ABBREVIATIONS = frozenset(
    {"art", "bijv", "blz", "ca", "dhr", "drs", "evt", "excl", "incl", "jl", "mevr", "mr", "nr", "nrs", "o.a",
     "tel", "t/m", "mln", "mld", "max", "min", "resp", "vs", "zgn"}
)  # fmt: skip

Level = str  # "A2" | "B1" | "B2" | "C1+"
LEVELS: tuple[Level, ...] = ("A2", "B1", "B2", "C1+")
# The highest difficulty score of A2, B1 and B2. At the B1 norms (20 words a sentence, 1.6 syllables a
# word, 10% rare words, no passive) the score is 0.89; ten-word sentences of short common words score
# about 0.45. A C1+ text is drawn up to 1.6 on a scale.
LEVEL_BOUNDS = (0.5, 0.9, 1.25)
_SCALE_TOP = 1.6


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """The number of syllables of a Dutch word (at least 1 for any word).

    The Dutch hyphenation patterns split the word; a part can still hold more than one
    syllable, because the patterns never split off a single letter (i-dee, ide-aal), so each
    part counts its vowel groups.
    """
    lower = word.lower().strip(".'’-")
    if not lower:
        return 0
    if not any(c.isalpha() for c in lower):
        return 1
    parts = _hyphenator.inserted(lower, hyphen="\x00").replace("-", "\x00").split("\x00")
    return max(1, sum(max(1, len(_VOWEL_GROUPS.findall(p))) for p in parts if p))


@lru_cache(maxsize=50_000)
def is_infrequent(word: str) -> bool:
    """True for a word that is rare in Dutch (Zipf frequency below 3.5).

    A compound of two common words (deelfiets, bushalte) is rare as a whole but easy to read,
    so it does not count.
    """
    lower = word.lower()
    if zipf_frequency(lower, "nl") >= INFREQUENT_ZIPF:
        return False
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if zipf_frequency(tail, "nl") < INFREQUENT_ZIPF:
            continue
        for linker in ("", "s", "e", "en"):
            stem = head[: len(head) - len(linker)]
            if head.endswith(linker) and len(stem) >= 3 and zipf_frequency(stem, "nl") >= INFREQUENT_ZIPF:
                return False
    return True


def is_abbreviation(word: str) -> bool:
    """True for an abbreviation: d.d., i.v.m., AWBZ, art, nr."""
    bare = word.rstrip(".")
    if "." in bare:
        return True
    if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper():
        return True
    return bare.lower() in _ABBREVIATIONS


@dataclass(frozen=True)
class Counts:
    """The raw counts that every measure is computed from; they add up over sentences."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    infrequent: int = 0
    passives: int = 0
    long_words: int = 0
    nominalisations: int = 0
    abbreviations: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        """Average word length in syllables."""
        return self.syllables / self.words if self.words else 0.0

    @property
    def infrequent_share(self) -> float:
        """Share of words that are rare in Dutch."""
        return self.infrequent / self.words if self.words else 0.0

    @property
    def passive_share(self) -> float:
        """Share of sentences in the passive voice."""
        return self.passives / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        """Share of words of 13 letters or more."""
        return self.long_words / self.words if self.words else 0.0

    @property
    def nominalisation_share(self) -> float:
        """Share of words that are nominalisations (verlening, realisatie)."""
        return self.nominalisations / self.words if self.words else 0.0


def _fields(counts: Counts) -> tuple[int, ...]:
    return (
        counts.sentences, counts.words, counts.syllables, counts.infrequent, counts.passives,
        counts.long_words, counts.nominalisations, counts.abbreviations,
    )  # fmt: skip


@dataclass(frozen=True)
class SentenceMetrics:
    """The measures of one sentence; ``start``/``end`` are offsets in its paragraph."""

    start: int
    end: int
    text: str
    counts: Counts
    passive: bool
    long_words: tuple[str, ...]
    nominalisations: tuple[str, ...]
    abbreviations: tuple[str, ...]


@dataclass(frozen=True)
class LevelEstimate:
    """An estimated language level with the (Dutch) reasons that weigh most, and the :func:`difficulty`
    score it was read from (so a display can show a text getting easier within its level)."""

    level: Level
    reasons: tuple[str, ...]
    score: float = 0.0
    # How the level was measured when not by the general norms (Dutch; the level guard of a rewrite sets it).
    note: str = ""


@dataclass(frozen=True)
class ParagraphMetrics:
    """The measures of one paragraph and its sentences."""

    paragraph: str
    sentences: tuple[SentenceMetrics, ...]
    counts: Counts

    @property
    def level(self) -> LevelEstimate:
        """The estimated language level of the paragraph."""
        return estimate_level(self.counts)


@dataclass(frozen=True)
class DocumentMetrics:
    """The measures of a whole document."""

    paragraphs: tuple[ParagraphMetrics, ...]
    counts: Counts

    @property
    def level(self) -> LevelEstimate:
        """The estimated language level of the document."""
        return estimate_level(self.counts)


def _is_name(token: Span, sentence_start: int) -> bool:
    return token.text[:1].isupper() and token.start != sentence_start


def measure_sentence(sentence: Span) -> SentenceMetrics:
    """The measures of one sentence (offsets of ``sentence`` are kept)."""
    tokens = [t for t in words(sentence.text, sentence.start) if any(c.isalpha() for c in t.text)]
    lowered = [t.text.lower() for t in tokens]
    content = [t for t in tokens if not _is_name(t, sentence.start) and not is_abbreviation(t.text)]
    passive = any(w in _WORDEN for w in lowered) and any(
        _PARTICIPLE.match(w) and w not in _NOT_PARTICIPLE for w in lowered
    )
    long_words = tuple(t.text for t in content if len(t.text) >= LONG_WORD_LETTERS)
    nominal = tuple(t.text for t in content if _NOMINAL.match(t.text) and t.text not in _NOT_NOMINAL)
    abbreviations = tuple(t.text for t in tokens if is_abbreviation(t.text))
    counts = Counts(
        sentences=1,
        words=len(tokens),
        syllables=sum(syllables(t.text) for t in tokens),
        infrequent=sum(1 for t in content if is_infrequent(t.text)),
        passives=int(passive),
        long_words=len(long_words),
        nominalisations=len(nominal),
        abbreviations=len(abbreviations),
    )
    return SentenceMetrics(
        sentence.start, sentence.end, sentence.text, counts, passive, long_words, nominal, abbreviations
    )


def measure_paragraph(paragraph_id: str, text: str) -> ParagraphMetrics:
    """The measures of one paragraph's live text."""
    sentences = tuple(
        measure_sentence(span) for span in split_sentences(text) if any(c.isalpha() for c in span.text)
    )
    return ParagraphMetrics(paragraph_id, sentences, sum((s.counts for s in sentences), Counts()))


def measure_document(paragraphs: Iterable[tuple[str, str]]) -> DocumentMetrics:
    """The measures of a document given as ``(paragraph_id, text)`` pairs."""
    measured = tuple(measure_paragraph(pid, text) for pid, text in paragraphs)
    return DocumentMetrics(measured, sum((p.counts for p in measured), Counts()))


def _number(value: float, decimals: int = 1) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _pressures(counts: Counts, max_sentence_words: int) -> list[tuple[float, str]]:
    """Each measure as (how far it is past its B1 norm, 1.0 = at the norm; Dutch reason)."""
    return [
        (
            counts.words_per_sentence / max_sentence_words,
            _("{value} woorden per zin; B1: hooguit {ideal}–{limit}").format(
                value=_number(counts.words_per_sentence, 0),
                ideal=B1_SENTENCE_WORDS_IDEAL,
                limit=max_sentence_words,
            ),
        ),
        (
            counts.syllables_per_word / B1_SYLLABLES_PER_WORD,
            _("{value} lettergrepen per woord; B1: hooguit {limit}").format(
                value=_number(counts.syllables_per_word), limit=_number(B1_SYLLABLES_PER_WORD)
            ),
        ),
        (
            counts.infrequent_share / B1_INFREQUENT_SHARE,
            _("{value} weinig gebruikte woorden; B1: hooguit {limit}").format(
                value=_percent(counts.infrequent_share), limit=_percent(B1_INFREQUENT_SHARE)
            ),
        ),
        (
            counts.passive_share / B1_PASSIVE_SHARE,
            _("{value} van de zinnen in de lijdende vorm; B1: hooguit {limit}").format(
                value=_percent(counts.passive_share), limit=_percent(B1_PASSIVE_SHARE)
            ),
        ),
        (
            counts.long_word_share / B1_LONG_WORD_SHARE,
            _("{value} lange woorden (13 letters of meer); B1: hooguit {limit}").format(
                value=_percent(counts.long_word_share), limit=_percent(B1_LONG_WORD_SHARE)
            ),
        ),
        (
            counts.nominalisation_share / B1_NOMINALISATION_SHARE,
            _("{value} naamwoordstijl (zoals ‘verlening’); B1: hooguit {limit}").format(
                value=_percent(counts.nominalisation_share), limit=_percent(B1_NOMINALISATION_SHARE)
            ),
        ),
    ]


# Weights of the difficulty score, fitted on the Amsterdam expert simplifications (see the module
# docstring): sentence length dominates; word length, rare words and passives refine it. Long
# words and nominalisations are reported as reasons but left out of the score: the experts often
# wrote out elliptic compounds (deelauto, -fiets -> deelauto, deelfiets), which makes more long words.
_WEIGHTS = (3.0, 0.5, 0.5, 0.5)


def difficulty(counts: Counts, max_sentence_words: int = B1_SENTENCE_WORDS) -> float:
    """One number for how hard a text is: 1.0 at the B1 norms, higher is harder."""
    if not counts.words:
        return 0.0
    pressures = (
        counts.words_per_sentence / max_sentence_words,
        counts.syllables_per_word / B1_SYLLABLES_PER_WORD,
        counts.infrequent_share / B1_INFREQUENT_SHARE,
        counts.passive_share / B1_PASSIVE_SHARE,
    )
    return sum(w * p for w, p in zip(_WEIGHTS, pressures, strict=True)) / sum(_WEIGHTS)


def estimate_level(
    counts: Counts,
    max_sentence_words: int = B1_SENTENCE_WORDS,
    far_syllables_per_word: float = FAR_SYLLABLES_PER_WORD,
) -> LevelEstimate:
    """The estimated level (A2, B1, B2, C1+) with the three reasons that weigh most.

    ``far_syllables_per_word``: above it a text is at least B2 on word length alone.
    """
    score = difficulty(counts, max_sentence_words)
    level = next((name for name, bound in zip(LEVELS, LEVEL_BOUNDS, strict=False) if score <= bound), "C1+")
    # A text far past the norm for sentence or word length, or with twice the rare words, is
    # not B1 however short its other measures are.
    far_past = (
        counts.words_per_sentence > 1.3 * max_sentence_words
        or counts.syllables_per_word > far_syllables_per_word
        or counts.infrequent_share > 2 * B1_INFREQUENT_SHARE
    )
    if far_past and level in ("A2", "B1"):
        level = "B2"
    ranked = sorted(_pressures(counts, max_sentence_words), key=lambda item: item[0], reverse=True)
    return LevelEstimate(level, tuple(reason for _pressure, reason in ranked[:3]), score)


def scale_position(estimate: LevelEstimate) -> float:
    """Where ``estimate`` stands on a scale from 0 to 4, one unit per level (A2 0–1, B1 1–2, B2 2–3, C1+
    3–4): within its level by its score, so a text that gets easier moves even when its level stays."""
    index = LEVELS.index(estimate.level)
    low = LEVEL_BOUNDS[index - 1] if index else 0.0
    high = LEVEL_BOUNDS[index] if index < len(LEVEL_BOUNDS) else _SCALE_TOP
    within = (estimate.score - low) / (high - low)
    return index + min(1.0, max(0.0, within))  # a level raised for a far-past measure starts at its floor


def sentence_reasons(sentence: SentenceMetrics, max_sentence_words: int = B1_SENTENCE_WORDS) -> list[str]:
    """Why one sentence is above the B1 target (empty when it is not)."""
    counts = sentence.counts
    reasons = []
    if counts.words > max_sentence_words:
        reasons.append(
            _("Lange zin: {count} woorden; B1: hooguit {limit}.").format(
                count=counts.words, limit=max_sentence_words
            )
        )
    if counts.words >= 8 and counts.syllables_per_word > 2.0:
        reasons.append(
            _("Veel lange woorden: gemiddeld {value} lettergrepen per woord.").format(
                value=_number(counts.syllables_per_word)
            )
        )
    if reasons and sentence.passive:
        reasons.append(_("De zin staat in de lijdende vorm."))
    if reasons and sentence.nominalisations:
        reasons.append(
            _("Naamwoordstijl: {words}.").format(
                words=", ".join(f"‘{w}’" for w in sentence.nominalisations[:3])
            )
        )
    return reasons


def sentence_findings(
    paragraph_id: str, text: str, max_sentence_words: int = B1_SENTENCE_WORDS
) -> Iterator[Finding]:
    """A READABILITY finding for every sentence of ``text`` above the B1 target, with reasons."""
    for sentence in measure_paragraph(paragraph_id, text).sentences:
        reasons = sentence_reasons(sentence, max_sentence_words)
        if reasons:
            yield Finding(
                paragraph=paragraph_id,
                start=sentence.start,
                end=sentence.end,
                original=text[sentence.start : sentence.end],
                category=Category.READABILITY,
                rule="B1_ZIN",
                source=Source.RULE,
                message=" ".join(reasons),
            )


class ReadabilityChecker:
    """Reports sentences above the B1 target (a :class:`~desktop.core.findings.Checker`)."""

    name = "leesbaarheid"

    def __init__(self, max_sentence_words: int = B1_SENTENCE_WORDS) -> None:
        self.max_sentence_words = max_sentence_words

    def check(self, paragraph_id: str, text: str) -> Iterator[Finding]:
        """Yield the findings for the sentences of ``text`` that are above the B1 target."""
        return sentence_findings(paragraph_id, text, self.max_sentence_words)
