"""The app runs the confusion stage after the rules once the model is loaded, and shows doubtful findings as such."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.findings import Source
from desktop.core.model.engine import LlamaEngine
from desktop.core.session import Decision
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


def test_a_decision_on_the_models_finding_comes_back_without_a_key_store(
    qtbot, new_window, letter_docx: Callable[..., Path], embedded_engine: LlamaEngine
) -> None:
    """No key store: only the decisions journal is kept. The model judges again after the rules when the
    document is opened again, and the user's decision on its finding is taken over, not reported lost."""
    source = letter_docx("005_besluit", ("ontbrandt", "ontbrand"))
    first = new_window()
    first.model._on_loaded(embedded_engine)
    with qtbot.waitSignal(first.controller.analysis_done, timeout=120_000):
        first.open_path(source)
    qtbot.waitUntil(lambda: not first.workers.is_running(CONFUSION_LANE), timeout=300_000)
    [finding] = [f for f in first.controller.session.findings.values() if f.original == "ontbrand"]
    first.controller.decide([finding.id], Decision.REJECTED)
    first.controller.keep_session()
    first.workers.shutdown()

    second = new_window()
    second.model._on_loaded(embedded_engine)
    notices: list[str] = []
    second.controller.notice.connect(notices.append)
    with qtbot.waitSignal(second.controller.analysis_done, timeout=120_000):
        second.open_path(source)
    qtbot.waitUntil(lambda: not second.workers.is_running(CONFUSION_LANE), timeout=300_000)
    assert second.controller.session.decision(finding.id) == (Decision.REJECTED, 0)
    assert not any("konden niet worden hersteld" in notice for notice in notices), notices
