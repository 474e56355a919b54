"""What the guards tell of an answer still being written: stopped only when no continuation could pass."""

from __future__ import annotations

import json
import threading

import pytest

from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import WordLists
from desktop.core.model.candidates import EarlyStop
from desktop.core.model.engine import Completion, EngineInfo, Request, TextCallback
from desktop.core.model.guards import GuardContext, Task, check_output
from desktop.core.model.guards.partial import partial_refusal
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import run_task

pytestmark = pytest.mark.core

# letter 015 (Drimmelen) and letter 014
DRIMMELEN = (
    "Afgelopen donderdag, 19 mei, stemde de gemeenteraad in met het voorstel om in onze gemeente 300 "
    "asielzoekers op te vangen voor een periode van vijf jaar."
)
BEZWAAR = "U kunt binnen zes weken na de datum van deze brief bezwaar maken."


@pytest.fixture(scope="module")
def context() -> GuardContext:
    lists = WordLists.load_default()
    return GuardContext(SpellChecker(default_dictionary_dir()), lists.protected.terms, alternatives=lists.b1)


@pytest.mark.parametrize(
    ("written", "guard"),
    [
        ("```json De gemeenteraad stemde", "taal"),
        ("De gemeenteraad stemde **donderdag** in met", "taal"),
        ("Hier is de herschreven tekst: De gemeenteraad", "taal"),
        ("The council agreed last Thursday with the proposal to", "taal"),
        ("Op 21 mei stemde de gemeenteraad", "feiten"),  # another date, with three words after it
        ("De gemeente vangt 350 asielzoekers op voor", "feiten"),
        ("Voor een periode van tien jaar vangt de gemeente", "feiten"),
        ("De gemeenteraad stemde niet in met het voorstel", "feiten"),  # an added negation
        ("Burgemeester Jansen zegt dat de gemeenteraad", "feiten"),  # a name the letter does not have
    ],
)
def test_an_answer_bound_to_be_refused_is_stopped(context: GuardContext, written: str, guard: str) -> None:
    refusal = partial_refusal(DRIMMELEN, written, context)
    assert refusal is not None and refusal[0] == guard
    # the guards refuse the whole answer too, whatever follows (here: the rest of the letter's sentence)
    verdict = check_output(Task.B1, DRIMMELEN, written + " " + DRIMMELEN, context)
    assert guard in {g for g, _reason in verdict.reasons}


@pytest.mark.parametrize(
    "written",
    [
        "Afgelopen donderdag stemde de gemeenteraad in met het voorstel.",
        "Op 19 mei stemde de gemeenteraad in.",
        "Wij vangen 300 asielzoekers op.",  # the number is the letter's
        "De gemeente vangt 300",  # what follows may still make it the letter's fact
        "Op 21",  # too early to tell: "Op 21" is judged once three words follow it
        "De raad stemde in. The",  # one English word is no English answer
    ],
)
def test_an_answer_that_may_still_pass_goes_on(context: GuardContext, written: str) -> None:
    assert partial_refusal(DRIMMELEN, written, context) is None


class StreamingEngine:
    """Streams each prepared answer character by character, as the real engine streams tokens."""

    info = EngineInfo("nep", "nep.gguf", "0" * 64, None, 1, 4096)

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.streamed: list[int] = []

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        text = self.answers.pop(0)
        raw = json.dumps({"tekst": text}, ensure_ascii=False)
        for count in range(1, len(raw) + 1):
            if on_text is not None:
                on_text(raw[:count])
            if cancel is not None and cancel.is_set():
                self.streamed.append(count)
                return Completion("", raw[:count], 100, count, 0.0, 0.1, "cancelled")
        self.streamed.append(len(raw))
        return Completion(text, raw, 100, len(raw), 0.0, 0.1, "stop")


def test_a_correction_that_turns_english_is_stopped_and_one_that_copies_is_not(context: GuardContext) -> None:
    english = "U kunt: you can object to this decision within six weeks after the date of this letter."
    engine = StreamingEngine([english, BEZWAAR, BEZWAAR])
    job = ModelJob(Task.CORRECTION, "p1", BEZWAAR, 0, len(BEZWAAR), problems="-")
    result = run_task(engine, job, context)
    assert engine.streamed[0] < 0.7 * len(json.dumps({"tekst": english}))  # stopped while writing
    assert engine.streamed[1] == len(json.dumps({"tekst": BEZWAAR}))  # a correction may copy: written out
    assert result.refusals[0].guards == {"taal"}
    assert "Gestopt tijdens het schrijven" in result.refusals[0].outcomes[0].checked


def test_a_rewrite_that_changes_a_number_is_stopped_where_it_does(context: GuardContext) -> None:
    changed = ("De gemeenteraad stemde op 19 mei in met een voorstel. De gemeente vangt 30 asielzoekers op. Dat "
               "is voor een periode van vijf jaar.")
    engine = StreamingEngine([changed])
    watch = EarlyStop(DRIMMELEN, None, None, None, context)
    engine.complete(Request("", ""), watch.stop, watch)
    assert watch.reason is not None and watch.reason[0] == "feiten" and "'30'" in watch.reason[1]
    stopped_at = engine.streamed[0]
    assert stopped_at < len(json.dumps({"tekst": changed}, ensure_ascii=False)) * 0.9


def test_a_rewrite_that_has_grown_too_long_is_stopped(context: GuardContext) -> None:
    """The purpose guard allows a rewrite 25% more words than its input, plus four: past that, nothing helps."""
    before = 24  # the letter's sentence without its numbers, as the readability measures count words
    allowed = int(1.25 * before + 4)
    longer = " ".join(["De gemeenteraad stemde in."] * 12).split()
    assert partial_refusal(DRIMMELEN, " ".join(longer[:allowed]), context, rewrite=True) is None
    refusal = partial_refusal(DRIMMELEN, " ".join(longer[: allowed + 1]), context, rewrite=True)
    assert refusal is not None and refusal[0] == "niveau"
    assert f"{allowed + 1} in plaats van {before} woorden" in refusal[1]
    assert partial_refusal(DRIMMELEN, " ".join(longer), context) is None  # a correction is judged otherwise
    verdict = check_output(Task.B1, DRIMMELEN, " ".join(longer[: allowed + 1]), context)
    assert any("veel langer" in reason for _guard, reason in verdict.reasons)
