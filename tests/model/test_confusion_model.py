"""The confusion stage with the real embedded model, on the real sentences of issue 14."""

from __future__ import annotations

import pytest

from desktop.core.language.confusion import ConfusionChecker, ConfusionPairs
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.model.engine import LlamaEngine
from desktop.core.model.scoring import LlamaScorer, scorer_for

pytestmark = pytest.mark.model

# Real nl.wikipedia sentences with a real d/t error (tests/data/real-errors) and their corrections.
WRONG_RIGHT = [
    ("Pas in 1968 word Mauritius onafhankelijk.", "word", "wordt"),
    ("Het verbind steden als Madrid, Barcelona, Málaga, Sevilla en Valladolid.", "verbind", "verbindt"),
    ("De paring vind plaats in het water.", "vind", "vindt"),
]


@pytest.fixture(scope="module")
def checker() -> ConfusionChecker:
    return ConfusionChecker(SpellChecker(default_dictionary_dir()).in_dictionary, ConfusionPairs.load())


def test_real_dt_errors_are_found_and_their_corrections_left_alone(
    embedded_engine: LlamaEngine, checker: ConfusionChecker
) -> None:
    scorer = scorer_for(embedded_engine)
    assert isinstance(scorer, LlamaScorer) and scorer_for(embedded_engine) is scorer
    paragraphs = [(f"w{i}", wrong) for i, (wrong, _w, _r) in enumerate(WRONG_RIGHT)]
    paragraphs += [(f"r{i}", wrong.replace(word, right, 1)) for i, (wrong, word, right) in enumerate(WRONG_RIGHT)]
    found = dict(checker.judge(paragraphs, scorer, seconds_per_page=600.0))
    for i, (_wrong, word, right) in enumerate(WRONG_RIGHT):
        assert [(f.original, f.suggestions[0]) for f in found[f"w{i}"]] == [(word, right)]
        assert found[f"r{i}"] == []
    assert checker.report.unscored_sentences == 0
