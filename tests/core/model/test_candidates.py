"""B1 candidates with a fake engine that streams real outputs of the 1.5B model: early stop on a copy or a
lost list form, one candidate for a model that copies, a split that keeps every word, and what the user is told."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence

import pytest

from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import WordLists
from desktop.core.model.candidates import hopeless
from desktop.core.model.engine import Completion, EngineInfo, Request, TextCallback
from desktop.core.model.guards import GuardContext, Task
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import run_task

pytestmark = pytest.mark.core

# letter 025 (Culemborg) and the considerans item of the issue (Haarlemmermeer)
CULEMBORG = (
    "Het zijn de Culemborgers die onze stad haar ziel geven en elke dag weer een beetje mooier maken."
)
HAARLEMMERMEER = (
    "dat binnen de gemeente Haarlem-mermeer in het kader van de Vinex Locatie Hoofddorp en het project "
    "Hogesnelheidslijn-Zuid bouwactiviteiten worden gerealiseerd;"
)
# letter 014: a long sentence, and a split of it that keeps every word
BRIEF = (
    "Voor de start ontvangt u een brief met de exacte startdatum, de duur van de werkzaamheden en de eventuele "
    "hinder die u kunt ondervinden."
)
BRIEF_SPLIT = (
    "Voor de start ontvangt u een brief met de exacte startdatum en de duur van de werkzaamheden. In de brief "
    "staat ook de eventuele hinder die u kunt ondervinden."
)


class FakeEngine:
    """Streams the prepared answers in turn, character by character, as the real engine streams tokens."""

    info = EngineInfo("nep", "nep.gguf", "0" * 64, None, 1, 4096)

    def __init__(self, answers: Sequence[str] = ()) -> None:
        self.answers = list(answers)
        self.requests: list[Request] = []
        self.streamed: list[int] = []  # characters streamed per request

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        self.requests.append(request)
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


@pytest.fixture(scope="module")
def context() -> GuardContext:
    lists = WordLists.load_default()
    return GuardContext(SpellChecker(default_dictionary_dir()), lists.protected.terms, alternatives=lists.b1)


def _job(text: str) -> ModelJob:
    return ModelJob(Task.B1, "p1", text, 0, len(text))


def test_a_copy_is_given_up_at_70_percent_of_the_sentence() -> None:
    words = CULEMBORG.split()  # 18 words: given up at 13 copied words
    assert len(words) == 18
    assert hopeless(CULEMBORG, " ".join(words[:12]) + " ") is None
    assert hopeless(CULEMBORG, " ".join(words[:13]) + " ") is not None
    # a split that has split is not a copy, however much it keeps
    split = "Het zijn de Culemborgers die onze stad haar ziel geven. Zij maken de stad elke dag weer "
    assert hopeless(CULEMBORG, split) is None
    # the last word may still grow: "Culem" is not yet a word
    assert hopeless(CULEMBORG, "Het zijn de Culem") is None


def test_a_list_item_that_lost_its_form_is_given_up_at_its_first_word() -> None:
    assert hopeless(HAARLEMMERMEER, "Dat ") == ("vorm", "De beginletter veranderde; dit hoort bij een opsomming.")
    assert hopeless(HAARLEMMERMEER, "In de gemeente ") is not None
    assert hopeless(HAARLEMMERMEER, "dat in de gemeente ") is None


def test_a_copying_model_costs_one_candidate_cut_at_70_percent_and_says_why(context: GuardContext) -> None:
    # the 1.5B model's greedy answers on this sentence were the sentence itself (captured)
    engine = FakeEngine([CULEMBORG, CULEMBORG, CULEMBORG])
    result = run_task(engine, _job(CULEMBORG), context)
    assert result.text is None and result.message == "Geen veilige herschrijving gevonden."
    # the greedy rewrite copied: the sampled one is not tried, and the model is not asked only to split
    # (none of its 25 splits on 60 tuning sentences passed the guards; candidates.B1_ATTEMPTS)
    assert [r.temperature for r in engine.requests] == [0.0]
    full = len(json.dumps({"tekst": CULEMBORG}, ensure_ascii=False))
    assert all(count < 0.8 * full for count in engine.streamed)
    reasons = [reason for verdict in result.refusals for _guard, reason in verdict.reasons]
    assert all("woord voor woord" in reason for reason in reasons), reasons


def test_a_list_item_is_never_split_and_a_capital_stops_it_at_once(context: GuardContext) -> None:
    # the captured greedy answer: "Dat binnen …" with a full stop
    captured = HAARLEMMERMEER.replace("dat", "Dat", 1).replace(";", ".")
    engine = FakeEngine([captured, captured])
    result = run_task(engine, _job(HAARLEMMERMEER), context)
    assert result.text is None
    assert len(engine.requests) == 1  # the greedy rewrite lost the form: the sampled one is not tried
    assert all(count <= len('{"tekst": "Dat ') for count in engine.streamed)
    assert {g for verdict in result.refusals for g in verdict.guards} == {"vorm"}


def test_a_split_that_keeps_every_word_is_offered_with_what_was_checked(context: GuardContext) -> None:
    engine = FakeEngine([BRIEF_SPLIT, BRIEF])
    result = run_task(engine, _job(BRIEF), context)
    assert result.text == BRIEF_SPLIT
    # the greedy rewrite split the sentence and reached B1: no further candidates
    assert len(engine.requests) == 1
    assert result.verdict is not None and result.verdict.ok
    assert result.findings and all(
        f.message.startswith("Eenvoudiger geschreven (B1)") and "inhoudswoorden zijn gelijk" in f.message
        for f in result.findings
    )
    # no LanguageTool in this context: the grammar was not checked, so nothing claims all facts are kept
    assert all("grammatica niet gecontroleerd" in f.message for f in result.findings)
    assert not any("feiten zijn behouden" in f.message for f in result.findings)


def test_a_sampled_candidate_is_still_tried_after_a_greedy_one_that_was_written_out_and_refused(
    context: GuardContext,
) -> None:
    dropped = BRIEF.replace("exacte ", "")  # loses a content word: refused after it was written out
    engine = FakeEngine([dropped, BRIEF_SPLIT])
    result = run_task(engine, _job(BRIEF), context)
    assert [r.temperature for r in engine.requests] == [0.0, 0.7]
    assert result.text == BRIEF_SPLIT


def test_a_candidate_past_the_sentences_time_is_stopped() -> None:
    import time

    from desktop.core.model.candidates import EarlyStop

    watch = EarlyStop(CULEMBORG, None, None, give_up_at=time.monotonic() - 1)
    watch('{"tekst": "Onze')
    assert watch.stop.is_set() and watch.reason is not None and watch.reason[0] == "tijd"
    fresh = EarlyStop(CULEMBORG, None, None, give_up_at=time.monotonic() + 3600)
    fresh('{"tekst": "Onze')
    assert not fresh.stop.is_set()
