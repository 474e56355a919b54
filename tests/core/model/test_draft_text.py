"""A model that fails while drafting says so: its error reaches the caller, never a quiet "no safe text"."""

from __future__ import annotations

import pytest

from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.model.engine import EngineError, UnusableAnswerError
from desktop.core.model.guards import GuardContext
from desktop.core.model.tasks import draft_text

pytestmark = pytest.mark.core


class FailingEngine:
    def complete(self, *_args: object, **_kwargs: object) -> object:
        raise EngineError("llama.cpp kon geen geheugen krijgen")


def test_a_failing_model_is_an_error_not_a_refusal() -> None:
    context = GuardContext(SpellChecker(default_dictionary_dir()), ())
    with pytest.raises(EngineError, match="geen geheugen"):
        draft_text(FailingEngine(), "inleiding", "Schrijf een inleiding.", {"Naam": "Jansen"}, [], context)  # type: ignore[arg-type]


class UnusableThenFailingEngine:
    """An answer in the wrong form first (tried again, like a refused one), then a failing model."""

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, *_args: object, **_kwargs: object) -> object:
        self.calls += 1
        if self.calls == 1:
            raise UnusableAnswerError("Het model gaf geen bruikbaar antwoord.")
        raise EngineError("llama.cpp kon geen geheugen krijgen")


def test_an_answer_in_the_wrong_form_is_tried_again() -> None:
    context = GuardContext(SpellChecker(default_dictionary_dir()), ())
    engine = UnusableThenFailingEngine()
    with pytest.raises(EngineError, match="geen geheugen"):
        draft_text(engine, "inleiding", "Schrijf een inleiding.", {"Naam": "Jansen"}, [], context)  # type: ignore[arg-type]
    assert engine.calls == 2
