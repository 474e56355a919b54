"""The model's tasks are done hardest sentence first, so stopping early keeps the work that helps most."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.analysis import by_expected_gain
from desktop.core.document.reader import open_document
from desktop.core.model.guards import Task
from desktop.core.model.jobs import ModelJob

pytestmark = pytest.mark.core

EASY = "Wij sturen u deze brief."
LONG = (
    "Gedurende een termijn van 6 weken kunnen belanghebbenden op grond van artikel 7:1 van de Algemene wet "
    "bestuursrecht, bij ons schriftelijk bezwaar maken tegen het besluit dat wij hebben genomen."
)
HARDEST = (
    "Het fractievoorzittersoverleg doet aanbevelingen aan de raad inzake de organisatie en het functioneren van de "
    "raad en de raadscommissies voor zover het niet betreft de taken van de agendacommissie, welke door het "
    "presidium worden geëffectueerd."
)


def test_the_hardest_sentence_goes_first_and_equals_keep_their_order(letter_docx: Callable[..., Path]) -> None:
    paragraph = open_document(letter_docx("003_besluit")).paragraphs[0]
    texts = [EASY, LONG, EASY + " ", HARDEST]
    work = [(paragraph, ModelJob(Task.B1, f"p{i}", text, 0, len(text))) for i, text in enumerate(texts)]
    ordered = [job.paragraph for _paragraph, job in by_expected_gain(work, 20)]
    assert ordered == ["p3", "p1", "p0", "p2"]
