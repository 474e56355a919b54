"""What every guard shares: the task, what the guards need (:class:`GuardContext`), and the outcome.

A guard returns a :class:`GuardOutcome`: whether it ran, what it checked in words a civil servant
understands, and its reasons for refusing (empty when it passed). :class:`Verdict` collects them;
only a verdict whose every guard ran and passed may say "alle feiten zijn behouden".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from desktop.core.i18n import _
from desktop.core.language.wordlists import B1WordList


class Task(StrEnum):
    """What the model was asked to do; which guards run depends on it."""

    B1 = "b1"
    CORRECTION = "correctie"
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
class RuleMatch:
    """One LanguageTool finding as the guards see it; ``style`` for an officialese or style rule."""

    rule: str
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    style: bool = False


# LanguageTool's findings in a text. It may raise desktop.core.language.grammar.GrammarUnavailableError:
# then the grammar guard says it did not run.
GrammarMatches = Callable[[str], Sequence[RuleMatch]]


@dataclass(frozen=True)
class GuardContext:
    """What the guards need besides the texts.

    ``grammar`` gives LanguageTool's findings of a text; None when no LanguageTool is configured (the
    grammar guard then says it did not run). ``alternatives`` is the B1 list whose alternatives a
    rewrite may use instead of a word of the input.
    """

    speller: Speller
    protected_terms: Sequence[str] = ()
    max_sentence_words: int = 20
    # For drafts: texts the facts in the output may come from (fields, instruction, standard paragraphs).
    sources: Sequence[str] = field(default_factory=tuple)
    grammar: GrammarMatches | None = None
    alternatives: B1WordList | None = None


def guard_label(guard: str) -> str:
    """The Dutch name of ``guard`` for the screen."""
    labels = {
        "feiten": _("Feiten"),
        "inhoud": _("Inhoud"),
        "taal": _("Taal"),
        "grammatica": _("Grammatica"),
        "vorm": _("Opbouw"),
        "niveau": _("Taalniveau"),
        "doel": _("Doel"),
        "tijd": _("Tijd"),
    }
    return labels.get(guard, guard)


@dataclass(frozen=True)
class GuardOutcome:
    """One guard on one output: what it checked (Dutch), and why it refused (empty: passed).

    ``ran`` is False when the guard could not run (no LanguageTool); ``checked`` then says why.
    """

    guard: str
    checked: str
    reasons: tuple[str, ...] = ()
    ran: bool = True

    @property
    def passed(self) -> bool:
        """True when the guard ran and found nothing wrong."""
        return self.ran and not self.reasons


@dataclass(frozen=True)
class Verdict:
    """The outcome of every guard on one output: ``ok`` when none refused."""

    outcomes: tuple[GuardOutcome, ...] = ()

    @property
    def reasons(self) -> tuple[tuple[str, str], ...]:
        """(guard, Dutch reason) for every refusal."""
        return tuple((o.guard, reason) for o in self.outcomes for reason in o.reasons)

    @property
    def ok(self) -> bool:
        """True when no guard refused the output (a guard that could not run does not refuse)."""
        return not self.reasons

    @property
    def complete(self) -> bool:
        """True when every guard ran and passed: only then may the app say all facts are kept."""
        return bool(self.outcomes) and all(o.passed for o in self.outcomes)

    @property
    def guards(self) -> set[str]:
        """The guards that refused."""
        return {guard for guard, _reason in self.reasons}

    def outcome(self, guard: str) -> GuardOutcome | None:
        """The outcome of ``guard``, if it ran on this output."""
        return next((o for o in self.outcomes if o.guard == guard), None)
