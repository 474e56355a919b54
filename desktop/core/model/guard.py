"""Guards: what a model output must pass before anyone sees it.

Three guards run on every output; any reason from any guard refuses the output:

- the *fact guard*: every fact of the input (amount, number, percentage, date, time, term,
  article reference, e-mail, URL, kenmerk, capitalised name, protected term, negation,
  obligation) is still there, unchanged, and the output adds no fact of its own (for drafts:
  no fact that is not in the material the user gave);
- the *language guard*: Dutch, no English, no code fences or markdown, no commentary, no new
  spelling errors, no sentences of the model's own (including obeying instructions that were
  inside the document);
- the *purpose guard*: a B1 rewrite must be easier than its input and not grow much longer; a
  correction must stay close to its input.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from wordfreq import zipf_frequency

from desktop.core.i18n import _
from desktop.core.language.readability import difficulty, measure_paragraph
from desktop.core.language.sentences import split_sentences
from desktop.core.model.facts import Fact, extract_facts, fact_key, fact_keys

B1_MAX_GROWTH = 1.25  # a B1 rewrite may be at most 25% longer (plus a few words)
B1_GROWTH_SLACK = 4
CORRECTION_MIN_SIMILARITY = 0.8
MIN_CONTENT_RECALL = 0.5  # share of the input's content words a rewrite keeps (or the input is ignored)
ENGLISH_SHARE = 0.25

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_MARKUP = re.compile(r"```|^\s{0,3}#{1,6}\s|\*\*|__|^\s*[-*]\s|<\/?[a-z]+>|\|\s*---", re.M)
_COMMENTARY = re.compile(
    r"^\s*(?:hier\s+is|hieronder|zeker|natuurlijk|uiteraard|graag|let\s+op|opmerking|toelichting|"
    r"herschreven(?:\s+tekst)?\s*:|verbeterde?\s+(?:tekst|zin)\s*:|b1\s*:|sure|here\s+is|certainly|note)\b",
    re.I,
)


class Task(StrEnum):
    """What the model was asked to do; the purpose guard depends on it."""

    B1 = "b1"
    CORRECTION = "correctie"
    EXPLANATION = "uitleg"
    DRAFT = "concept"


class Speller(Protocol):
    """What the guards need from the spelling check."""

    def misspelt(self, text: str) -> Iterable[tuple[int, int]]:
        """Spans of misspelt words in ``text``."""
        ...

    def is_correct(self, word: str) -> bool:
        """True when ``word`` is spelt right (in the dictionary or a word list)."""
        ...

    def in_dictionary(self, word: str) -> bool:
        """True when the dictionary or a word list has ``word`` itself (no compound guess)."""
        ...


@dataclass(frozen=True)
class Verdict:
    """The outcome: ``ok`` when no guard objected; otherwise Dutch reasons per guard."""

    reasons: tuple[tuple[str, str], ...] = ()  # (guard, reason)

    @property
    def ok(self) -> bool:
        """True when the output may be shown."""
        return not self.reasons

    @property
    def guards(self) -> set[str]:
        """The guards that refused (feiten, taal, doel)."""
        return {guard for guard, _reason in self.reasons}


@dataclass(frozen=True)
class GuardContext:
    """What the guards need besides the texts."""

    speller: Speller
    protected_terms: Sequence[str] = ()
    max_sentence_words: int = 20
    # For drafts: texts the facts in the output may come from (fields, instruction, standard paragraphs).
    sources: Sequence[str] = field(default_factory=tuple)


def _describe(fact: Fact) -> str:
    return f"{fact.text!r}"


def fact_guard(
    source: str,
    output: str,
    protected_terms: Sequence[str] = (),
    *,
    require_all: bool = True,
    allowed: Sequence[str] = (),
    is_word: Callable[[str], bool] | None = None,
) -> list[str]:
    """Reasons why ``output`` does not keep the facts of ``source`` (empty when it does).

    With ``require_all`` every fact of ``source`` must still be in ``output``. Every fact of
    ``output`` must occur in ``source`` or in one of the ``allowed`` texts.
    """
    reasons: list[str] = []
    source_facts = extract_facts(source, protected_terms, is_word)
    output_facts = extract_facts(output, protected_terms, is_word)
    output_keys = fact_keys(output_facts)
    known = fact_keys(source_facts)
    for text in allowed:
        known |= fact_keys(extract_facts(text, protected_terms, is_word))
    if require_all:
        for fact in source_facts:
            if fact_key(fact) not in output_keys:
                if fact.kind == "polarity":
                    reasons.append(
                        _("De {what} uit de oorspronkelijke tekst is verdwenen.").format(
                            what=_("ontkenning") if fact.value == "ontkenning" else _("verplichting")
                        )
                    )
                else:
                    reasons.append(_("{fact} ontbreekt of is veranderd.").format(fact=_describe(fact)))
    for fact in output_facts:
        if fact_key(fact) not in known:
            if fact.kind == "polarity":
                reasons.append(
                    _("Het model voegde een {what} toe.").format(
                        what=_("ontkenning") if fact.value == "ontkenning" else _("verplichting")
                    )
                )
            else:
                reasons.append(
                    _("{fact} staat niet in de oorspronkelijke tekst.").format(fact=_describe(fact))
                )
    return list(dict.fromkeys(reasons))


@lru_cache(maxsize=65536)
def _looks_english(word: str) -> bool:
    lowered = word.lower()
    english, dutch = zipf_frequency(lowered, "en"), zipf_frequency(lowered, "nl")
    return english >= 3.0 and english > dutch + 1.0


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 4 and zipf_frequency(w.lower(), "nl") < 5.5}


def language_guard(source: str, output: str, speller: Speller, task: Task) -> list[str]:
    """Reasons why ``output`` is not plain Dutch text of the kind asked for (empty when it is)."""
    reasons: list[str] = []
    stripped = output.strip()
    if not stripped:
        return [_("Het model gaf een lege tekst.")]
    if _MARKUP.search(output):
        reasons.append(_("Het antwoord bevat opmaakcode of een codeblok."))
    if _COMMENTARY.match(stripped) and not _COMMENTARY.match(source.strip()):
        reasons.append(_("Het antwoord begint met een toelichting van het model in plaats van de tekst."))
    words = _WORD.findall(output)
    english = [w for w in words if _looks_english(w)]
    if words and len(english) / len(words) > ENGLISH_SHARE:
        reasons.append(_("Het antwoord is (deels) Engels."))
    known_errors = {source[s:e].lower() for s, e in speller.misspelt(source)}
    new_errors = sorted({output[s:e] for s, e in speller.misspelt(output)} - known_errors, key=str.lower)
    new_errors = [w for w in new_errors if w.lower() not in known_errors]
    if new_errors:
        reasons.append(_("Nieuwe spelfouten: {words}.").format(words=", ".join(new_errors[:5])))
    if task in (Task.B1, Task.CORRECTION):
        before, after = len(split_sentences(source)), len(split_sentences(output))
        limit = before if task is Task.CORRECTION else 2 * before + 1
        if after > limit:
            reasons.append(
                _("Het model voegde zinnen toe ({after} in plaats van {before}).").format(
                    after=after, before=before
                )
            )
        content = _content_words(source)
        if content:
            kept = len(content & _content_words(output)) / len(content)
            if kept < MIN_CONTENT_RECALL:
                reasons.append(_("Het antwoord gaat over iets anders dan de oorspronkelijke tekst."))
    return reasons


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


def check_output(task: Task, source: str, output: str, context: GuardContext) -> Verdict:
    """Run the three guards on ``output`` for ``task`` on ``source``."""
    reasons: list[tuple[str, str]] = []
    is_word = context.speller.in_dictionary  # a word at a sentence start is a name unless the dictionary has it
    if task is Task.DRAFT:
        facts = fact_guard(
            source,
            output,
            context.protected_terms,
            require_all=False,
            allowed=context.sources,
            is_word=is_word,
        )
    elif task is Task.EXPLANATION:
        facts = fact_guard(source, output, context.protected_terms, require_all=False, is_word=is_word)
    else:
        facts = fact_guard(source, output, context.protected_terms, is_word=is_word)
    reasons += [("feiten", reason) for reason in facts]
    reasons += [("taal", reason) for reason in language_guard(source, output, context.speller, task)]
    reasons += [
        ("doel", reason) for reason in purpose_guard(source, output, task, context.max_sentence_words)
    ]
    return Verdict(tuple(reasons))
