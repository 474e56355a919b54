"""Candidates for a model task: which prompts and samplings to try, and when to give one up early.

A B1 rewrite the model writes is a greedy rewrite with the closest expert examples, then a sampled one;
the guards judge each and the easiest that passes wins. (Splits of a long sentence are built by rules and
judged by the model first: model/rule_rewrites.py.) A candidate is given up while it is being written when
it can no longer pass:

- it copies the input word for word past 70% of the sentence (a rewrite that has not changed anything):
  a copy was never going to pass the level guard, and writing it out cost a minute;
- it has already lost the form of a list item (another first-letter case, a dropped "dat" or "1");
  when the greedy candidate is given up for either of these, the tasks do not try it sampled: on the
  tuning documents the sampled ones copied or lost the form too, and cost 2–5 s a sentence;
- the sentence's time is up (tasks.B1_LIMIT_SECONDS);
- (a correction too) a guard can already tell it will refuse the answer: markup, English, a fact the
  input does not have (guards/partial.py).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from desktop.core.i18n import _
from desktop.core.model.engine import TextCallback
from desktop.core.model.guards import GuardContext, GuardOutcome, Verdict
from desktop.core.model.guards.partial import partial_refusal
from desktop.core.model.guards.structure import MARKER, first_letter
from desktop.core.model.structured import partial_text

# A candidate that copies 70% of the sentence word for word is given up. A good B1 candidate often copies the
# first half and then splits ("… geen nieuw project. Het behoort tot …" was cut off at half on held-out data).
COPY_SHARE = 0.7
MIN_COPY_WORDS = 8


@dataclass(frozen=True)
class Attempt:
    """One try: the sampling temperature and seed, and the prompt ("" is the task's own)."""

    temperature: float
    seed: int
    prompt: str = ""


# Greedy first (most faithful); then two sampled tries that may find an output the guards accept.
ATTEMPTS: tuple[Attempt, ...] = (Attempt(0.0, 1), Attempt(0.5, 2), Attempt(0.8, 3))
# A B1 rewrite with the closest expert examples, greedy and then sampled. The model is no longer asked only to
# split (the prompt ``splitsen``, dropped): on the first 60 long tuning pairs (seed 7) none of its 25 split
# candidates passed the guards (the 1.5B model copied the sentence or dropped words), and each cost 0.8–7 s;
# its only passing split on earlier tuning runs ("Aan de Gooiseweg ligt een tankstation …") the rules build
# now (rule_rewrites.py).
B1_ATTEMPTS: tuple[Attempt, ...] = (Attempt(0.0, 1, "b1"), Attempt(0.7, 2, "b1"))


def _complete_words(text: str) -> list[str]:
    words = text.split()
    if words and not text[-1:].isspace():
        words = words[:-1]  # the last word may still grow
    return words


def _complete_text(text: str) -> str:
    """``text`` up to its last complete word (the last word may still grow)."""
    if not text or text[-1].isspace():
        return text.strip()
    cut = max(text.rfind(" "), text.rfind("\n"))
    return text[:cut].strip() if cut >= 0 else ""


def hopeless(original: str, partial: str) -> tuple[str, str] | None:
    """(guard, Dutch reason) when the output so far can no longer pass; None while it still can."""
    words = _complete_words(partial)
    if not words:
        return None
    before, after = first_letter(original), first_letter(partial)
    if before and after and before.islower() != after.islower():
        return "vorm", _("De beginletter veranderde; dit hoort bij een opsomming.")
    marker = MARKER.match(original)
    if marker and not partial.lstrip().lower().startswith(marker[0].strip().lower()[: len(partial.lstrip())]):
        return "vorm", _("De tekst begon met ‘{marker}’; de herschrijving niet meer.").format(marker=marker[0].strip())
    source = original.split()
    copied = 0
    for index, (word, wanted) in enumerate(zip(words, source, strict=False)):
        if word != wanted and not (index == 0 and word.lower() == wanted.lower()):
            return None
        copied += 1
    limit = max(min(MIN_COPY_WORDS, len(source)), math.ceil(COPY_SHARE * len(source)))
    if copied >= limit:
        return "niveau", _("Het model schreef de tekst woord voor woord over; gestopt na {count} woorden.").format(
            count=copied
        )
    return None


class EarlyStop:
    """Watches a candidate as it streams; stops it when it is hopeless or the user cancels.

    Pass :attr:`stop` as the engine's cancel event and the instance as its text callback. With a
    ``context`` the guards judge the answer so far (:func:`partial_refusal`); ``rewrite`` False (a
    correction, which copies its input by design) leaves out the copy and form checks.
    """

    def __init__(
        self,
        original: str,
        cancel: threading.Event | None,
        on_text: TextCallback | None,
        give_up_at: float | None = None,
        context: GuardContext | None = None,
        *,
        rewrite: bool = True,
    ) -> None:
        self.original = original
        self.give_up_at = give_up_at  # time.monotonic() after which the candidate is stopped
        self.cancel = cancel
        self.on_text = on_text
        self.context = context
        self.rewrite = rewrite
        self.stop = threading.Event()
        self.reason: tuple[str, str] | None = None
        self.copied_or_lost_form = False  # given up by :func:`hopeless`: the model's most likely answer
        self._judged = ""  # the complete words the guards last judged

    def __call__(self, raw: str) -> None:
        if self.on_text is not None:
            self.on_text(raw)
        if self.cancel is not None and self.cancel.is_set():
            self.stop.set()
            return
        if self.reason is None and self.give_up_at is not None and time.monotonic() > self.give_up_at:
            self.reason = "tijd", _("Het model had binnen de beschikbare tijd geen herschrijving af en is gestopt.")
        if self.reason is None:
            partial = partial_text(raw)
            if self.rewrite:
                self.reason = hopeless(self.original, partial)
                self.copied_or_lost_form = self.reason is not None
            written = _complete_text(partial)
            if self.reason is None and self.context is not None and written != self._judged:
                self._judged = written
                self.reason = partial_refusal(self.original, written, self.context, rewrite=self.rewrite)
        if self.reason is not None:
            self.stop.set()

    @property
    def user_cancelled(self) -> bool:
        """True when the stop came from the user, not from a hopeless candidate."""
        return self.cancel is not None and self.cancel.is_set()

    def verdict(self) -> Verdict:
        """The refusal of a candidate given up early."""
        guard, reason = self.reason or ("niveau", _("Het model werd gestopt."))
        return Verdict((GuardOutcome(guard, _("Gestopt tijdens het schrijven."), (reason,)),))
