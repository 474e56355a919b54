"""The Besluit-eisen tab on a real .docx: the classification with its reasons, the checklist under its
headings, clicking an item selects its quote, and the user's switch to "not a decision" is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ui.main_window import MainWindow
from desktop.ui.panels import ITEM_ROLE
from desktop.ui.review_controller import ANALYSIS_LANE
from tests.core.language.awb.sample_decision import sample_decision_docx

pytestmark = pytest.mark.ui


def _open(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(path)


def _entries(window: MainWindow) -> list[str]:
    panel = window.review.checklist
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_the_tab_shows_every_item_with_its_quote_and_a_click_selects_it(qtbot, window: MainWindow, tmp_path):
    _open(qtbot, window, sample_decision_docx(tmp_path))
    panel = window.review.checklist
    window.review.tabs.setCurrentWidget(panel)
    assert panel.kind.text().startswith("Dit is een besluit. Besluit: titel ‘Toekenning invalidenparkeerplaats")
    assert panel.switch.isVisible() and panel.switch.text() == "Geen besluit"
    entries = _entries(window)
    assert entries[0] == "Besluit-eisen (Awb)" and "Briefeisen" not in entries
    kenmerk = next(i for i, text in enumerate(entries) if text.startswith("✓ aanwezig — Kenmerk"))
    assert "“2025/1004” (tabel 1, rij 1, kolom 2)" in entries[kenmerk]
    mandate = "✓ aanwezig — Mandaat (art. 10:10 Awb)"
    assert any(text.startswith(mandate) and "namens het college" in text for text in entries)
    panel.list.itemClicked.emit(panel.list.item(kenmerk))
    assert window.review.view.textCursor().selectedText() == "2025/1004"
    heading = panel.list.item(0)
    assert heading.data(ITEM_ROLE) == (None, None, None) and not heading.flags() & Qt.ItemFlag.ItemIsSelectable


def test_switching_to_not_a_decision_is_one_click_and_is_remembered(qtbot, secret_service, new_window, tmp_path):
    source = sample_decision_docx(tmp_path)
    first = new_window()
    _open(qtbot, first, source)
    controller = first.controller
    assert controller.review is not None and controller.review.kind == "besluit"
    first.review.tabs.setCurrentWidget(first.review.checklist)
    first.review.checklist.switch.click()
    assert controller.review.kind == "brief" and controller.session.document_kind == "brief"
    assert first.review.checklist.switch.text() == "Toch een besluit"
    assert not any(f.rule.startswith("AWB:") for f in controller.session.findings.values())
    assert "U hebt gekozen: brief (geen besluit)" in first.review.checklist.kind.text()
    qtbot.waitUntil(lambda: not controller._autosave.isActive(), timeout=5_000)
    first.workers.shutdown()

    second = new_window()
    _open(qtbot, second, source)
    qtbot.waitUntil(lambda: not second.workers.is_running(ANALYSIS_LANE), timeout=120_000)
    assert second.controller.session.document_kind == "brief"
    assert second.controller.review is not None and second.controller.review.kind == "brief"
    assert "Besluit-eisen (Awb)" not in _entries(second)
