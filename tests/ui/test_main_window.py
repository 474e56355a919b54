"""The main window opens real .docx files, shows their text, and survives bad input."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.core.document.reader import open_document
from desktop.core.user_state import load_state
from desktop.ui.main_window import MainWindow
from desktop.ui.review_controller import ANALYSIS_LANE, PREPARE_LANE, RETENTION_LANE, SAVE_LANE
from desktop.ui.workers import PROGRESS_DELAY_MS

pytestmark = pytest.mark.ui

TABLE_DOC = "python-docx__features_steps_test_files_tbl-having-tables.docx"


def _first_corpus_file_with(test_data: Path, feature: str) -> Path:
    lines = (test_data / "docx" / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cells = line.split("\t")
        if cells[1] == "normal" and feature in cells[9].split(","):
            return test_data / "docx" / cells[0]
    raise AssertionError(feature)


def _open(qtbot, window: MainWindow, path: Path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == path, timeout=20_000)


def test_opening_a_real_docx_shows_its_text(qtbot, window: MainWindow, test_data: Path) -> None:
    path = _first_corpus_file_with(test_data, "tbl")
    _open(qtbot, window, path)
    shown = window.review.view.toPlainText()
    expected = [p.text for p in open_document(path).paragraphs if p.text.strip()]
    assert expected and all(text in shown for text in expected[:20])
    assert window.windowTitle() == f"{path.name} — Schrijfhulp"
    assert window.review.view.isReadOnly()
    assert load_state().recent_files[0] == str(path.resolve())


def test_headings_and_tables_are_rendered(qtbot, window: MainWindow, test_data: Path) -> None:
    path = _first_corpus_file_with(test_data, "tbl")
    _open(qtbot, window, path)
    cursor = window.review.view.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    tables = 0
    block = window.review.view.document().begin()
    while block.isValid():
        cursor.setPosition(block.position())
        tables += cursor.currentTable() is not None
        block = block.next()
    assert tables > 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("poi__test-data_poifs_protected_agile.docx", "wachtwoord"),
        ("poi__test-data_document_truncated62886.docx", "beschadigd"),
        ("python-mammoth__tests_test-data_strict-format.docx", "Strict Open XML"),
    ],
)
def test_bad_documents_give_a_dutch_message_and_the_app_stays_usable(
    qtbot, window: MainWindow, test_data: Path, name: str, expected: str
) -> None:
    window.open_path(test_data / "docx" / "hostile" / name)
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=20_000)
    title, text = window.last_message
    assert title == "Dit document kan niet worden geopend" and expected in text
    assert window.document is None and window.windowTitle() == "Schrijfhulp"
    _open(qtbot, window, _first_corpus_file_with(test_data, "tbl"))


def test_a_non_docx_file_is_refused_clearly(qtbot, window: MainWindow, tmp_path: Path) -> None:
    notes = tmp_path / "aantekeningen.txt"
    notes.write_text("Dit is geen Word-document.", encoding="utf-8")
    window.open_path(notes)
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=10_000)
    assert "geen Word-document" in window.last_message[1]


def test_dropping_a_docx_opens_it(qtbot, window: MainWindow, test_data: Path) -> None:
    path = _first_corpus_file_with(test_data, "hyperlink")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document is not None, timeout=20_000)
    assert window.document.path == path


def test_recent_files_menu_lists_and_reopens(qtbot, window: MainWindow, test_data: Path) -> None:
    first = _first_corpus_file_with(test_data, "tbl")
    second = _first_corpus_file_with(test_data, "hyperlink")
    _open(qtbot, window, first)
    _open(qtbot, window, second)
    window.recent_menu.aboutToShow.emit()
    actions = window.recent_menu.actions()
    assert [a.toolTip() for a in actions[:2]] == [str(second.resolve()), str(first.resolve())]
    actions[1].trigger()
    qtbot.waitUntil(lambda: window.document.path == first.resolve() or window.document.path == first, timeout=20_000)


def _ignore(_result: object) -> None:
    """The stand-in jobs' results are of no interest."""


def test_slow_work_shows_progress_after_a_delay_and_background_work_never(qtbot, window: MainWindow) -> None:
    """The progress bar and Annuleren appear once the window's own work runs past PROGRESS_DELAY_MS; a save
    cannot be cancelled, and start-up work in the background (language tools, retention) shows nothing."""
    release = threading.Event()
    window.workers.run(PREPARE_LANE, lambda _cancel: release.wait(10), _ignore)
    window.workers.run(ANALYSIS_LANE, lambda _cancel: release.wait(10), _ignore)
    assert window.status.progress_bar.isHidden()  # not before the delay
    qtbot.waitUntil(lambda: window.status.progress_bar.isVisible(), timeout=5_000)
    assert window.status.cancel_button.isVisible()
    window.status.cancel_button.click()
    assert window.status.progress_bar.isHidden() and window.status.cancel_button.isHidden()
    window.workers.run(SAVE_LANE, lambda _cancel: release.wait(10), _ignore)
    qtbot.waitUntil(lambda: window.status.progress_bar.isVisible(), timeout=5_000)
    assert window.status.cancel_button.isHidden()  # a save is atomic; it is not stopped halfway
    window.workers.cancel(SAVE_LANE)  # (the test's stand-in job has no SaveResult to report)
    assert window.status.progress_bar.isHidden()
    window.workers.run(RETENTION_LANE, lambda _cancel: release.wait(10), _ignore)
    qtbot.wait(PROGRESS_DELAY_MS + 400)
    assert window.status.progress_bar.isHidden() and window.workers.is_running(RETENTION_LANE)
    window.workers.cancel(RETENTION_LANE)
    release.set()
