"""The model's {"tekst": ...} answer format: the finished answer and the text while it streams."""

from __future__ import annotations

import itertools
import json

import pytest

from desktop.core.model.engine import EngineError, structured_text
from desktop.core.model.structured import StructuredOutputError, final_text, partial_text

pytestmark = pytest.mark.core

ANSWER = json.dumps({"tekst": "U krijgt binnen 6 weken een besluit over “uw aanvraag”.\nMet \\ groet"},
                    ensure_ascii=False)


def test_the_finished_answer_gives_its_text() -> None:
    assert final_text(ANSWER + "\n") == "U krijgt binnen 6 weken een besluit over “uw aanvraag”.\nMet \\ groet"


@pytest.mark.parametrize("raw", ['{"tekst": 5}', '{"text": "a"}', '{"tekst": "afgebroken', "[]", ""])
def test_anything_else_is_refused(raw: str) -> None:
    with pytest.raises(StructuredOutputError):
        final_text(raw)
    with pytest.raises(EngineError, match="geen bruikbaar antwoord"):
        structured_text(raw)


def test_every_prefix_of_a_streaming_answer_shows_the_text_so_far() -> None:
    text = final_text(ANSWER)
    shown = [partial_text(ANSWER[:cut]) for cut in range(len(ANSWER) + 1)]
    assert shown[0] == "" and shown[-1] == text
    for before, after in itertools.pairwise(shown):
        assert text.startswith(after) and after.startswith(before)  # it only grows, and never shows JSON
