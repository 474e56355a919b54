"""The app runs the confusion stage after the rules once the model is loaded, and shows doubtful findings as such."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.findings import Source
from desktop.core.model.engine import LlamaEngine
from desktop.ui.main_window import MainWindow
from desktop.ui.model_service import ModelService
from desktop.ui.review_controller import CONFUSION_LANE

pytestmark = [pytest.mark.ui, pytest.mark.model]


def test_the_model_judges_dt_after_the_rules_and_its_findings_join_the_review(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path], embedded_engine: LlamaEngine
) -> None:
    """A real letter with a real-word d/t error ("ontbrandt" → "ontbrand"): no rule sees it, the model does."""
    source = letter_docx("005_besluit", ("ontbrandt", "ontbrand"))
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(source)
    session = window.controller.session
    assert session is not None
    assert not [f for f in session.findings.values() if f.original == "ontbrand"]  # the rules alone miss it
    window.model._on_loaded(embedded_engine)  # the model becomes ready after the rules finished
    assert window.model.state == ModelService.READY
    qtbot.waitUntil(lambda: not window.workers.is_running(CONFUSION_LANE), timeout=300_000)
    [finding] = [f for f in session.findings.values() if f.original == "ontbrand"]
    assert finding.source is Source.MODEL and finding.suggestions[0] == "ontbrandt"
    window.review.select_finding(finding.id)
    card = window.review.suggestions
    assert "taalmodel" in card.reason.text()
    assert ("twijfel" in card.source.text()) == finding.doubtful
