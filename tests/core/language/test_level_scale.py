"""The level scale: a text that gets easier moves on it even when its level stays."""

from __future__ import annotations

import pytest

from desktop.core.language.readability import LevelEstimate, measure_paragraph, scale_position

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("level", "score", "position"),
    [("A2", 0.25, 0.5), ("B1", 0.5, 1.0), ("B1", 0.7, 1.5), ("B2", 1.25, 3.0), ("C1+", 9.0, 4.0),
     ("B2", 0.6, 2.0)],  # raised to B2 for one measure far past its norm: the floor of B2
)
def test_positions(level: str, score: float, position: float) -> None:
    assert scale_position(LevelEstimate(level, (), score)) == pytest.approx(position)


def test_a_shorter_sentence_moves_within_its_level() -> None:
    long = measure_paragraph("p1", "Wij hebben uw aanvraag door middel van het formulier ontvangen en "
                                   "zullen deze binnen de gestelde termijn in behandeling nemen.").level
    short = measure_paragraph("p1", "Wij hebben uw aanvraag met het formulier ontvangen en "
                                    "zullen deze binnen de gestelde termijn in behandeling nemen.").level
    assert short.score < long.score and scale_position(short) < scale_position(long)
