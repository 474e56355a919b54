"""The main flow on real documents: open, analyse, decide by keyboard, save as tracked changes; and the
ways it can go wrong: cancel, a file changed on disk, a crash before saving."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core import analysis
from desktop.core.document.reader import open_document
from desktop.core.findings import Category
from desktop.core.model.engine import EngineError
from desktop.core.session import Decision
from desktop.ui.main_window import MainWindow
from desktop.ui.review_controller import ANALYSIS_LANE, CONFUSION_LANE
from tests.ooxml_oracle import accept_all, body_texts, reject_all

pytestmark = pytest.mark.ui

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open_and_analyse(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(path)
    assert window.controller.session is not None and window.controller.session.pending()


def _key(qtbot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    QTest.keyClick(window.review.view, key, modifier)
    qtbot.wait(10)


def _save(qtbot, window: MainWindow, clean: bool = False) -> Path:
    window.save(clean=clean)
    dialog = window.save_dialog
    assert dialog is not None and dialog.isVisible()
    target = Path(dialog.path.text())
    with qtbot.waitSignal(window.controller.saved, timeout=60_000):
        dialog.confirm()
    return target


def test_decide_by_keyboard_and_save_as_tracked_changes(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path]
) -> None:
    source = letter_docx("003_besluit")
    original_bytes = source.read_bytes()
    _open_and_analyse(qtbot, window, source)
    session = window.controller.session
    assert session is not None

    accepted: list[str] = []
    rejected: list[str] = []
    for turn in range(6):
        _key(qtbot, window, Qt.Key.Key_F8)
        current = window.review.suggestions.current_id()
        assert current is not None
        finding = session.findings[current]
        if finding.suggestions and turn % 2 == 0:
            _key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            if session.decision(current) == (Decision.ACCEPTED, 0):
                accepted.append(current)
        else:
            _key(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
            assert session.decision(current) == (Decision.REJECTED, 0)
            rejected.append(current)
    assert accepted and rejected
    assert window.windowTitle().startswith("*")
    # The status bar keeps counting after the "Controle klaar" message has gone.
    assert window.status.open_label.isVisible() and window.status.open_label.text() == f"{len(session.pending())} open"

    target = _save(qtbot, window)
    assert source.read_bytes() == original_bytes  # the original is never touched
    assert target != source and target.parent == source.parent and target.is_file()

    with zipfile.ZipFile(target) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    revisions = body.findall(f".//{W}ins") + body.findall(f".//{W}del")
    assert len(revisions) >= len(accepted)  # a minimal change may be only a deletion or only an insertion
    assert {r.get(f"{W}author") for r in revisions} == {"Schrijfhulp (AI)"}
    comment_texts = ["".join(c.itertext()) for c in comments.findall(f"{W}comment")]
    for finding_id in accepted:
        finding = session.findings[finding_id]
        assert any(finding.message in text for text in comment_texts)
        assert {c.get(f"{W}author") for c in comments.findall(f"{W}comment")} == {"Schrijfhulp (AI)"}
    # Rejecting every revision gives the original text back; accepting gives the accepted suggestions.
    original_texts = body_texts(etree.fromstring(zipfile.ZipFile(source).read("word/document.xml")))
    assert body_texts(reject_all(etree.fromstring(etree.tostring(body)))) == original_texts
    accepted_text = " ".join(body_texts(accept_all(body)))
    for finding_id in accepted:
        assert session.findings[finding_id].suggestions[0] in accepted_text
    for finding_id in rejected:
        finding = session.findings[finding_id]
        if finding.suggestions and finding.category is Category.SPELLING:
            assert finding.suggestions[0] not in accepted_text


def test_clicking_a_highlight_selects_the_suggestion(qtbot, window: MainWindow, letter_docx) -> None:
    _open_and_analyse(qtbot, window, letter_docx("003_besluit"))
    session = window.controller.session
    finding = next(f for f in session.visible() if f.original == "adminitratieve")
    start, _end = window.review.view.view_span(finding)
    assert window.review.view.finding_at(start + 2) == finding.id
    window.review.view.finding_clicked.emit(finding.id)
    assert window.review.suggestions.current_id() == finding.id
    title = window.review.suggestions.title.text()
    assert "adminitratieve" in title and "administratieve" in title
    assert "woordenboek" in window.review.suggestions.reason.text()


def test_undo_and_redo_of_decisions(qtbot, window: MainWindow, letter_docx) -> None:
    _open_and_analyse(qtbot, window, letter_docx("003_besluit"))
    session = window.controller.session
    _key(qtbot, window, Qt.Key.Key_F8)
    current = window.review.suggestions.current_id()
    _key(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert session.decision(current) is not None
    window.commands.undo.trigger()
    assert session.decision(current) is None
    window.commands.redo.trigger()
    assert session.decision(current) is not None


def test_cancel_during_analysis_stops_within_a_second(qtbot, window: MainWindow, letter_docx) -> None:
    path = letter_docx("019_ambtelijk")  # the longest real text (1,297 words)
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(path)
    assert window.workers.is_running(ANALYSIS_LANE)
    started = time.monotonic()
    window.cancel_work()
    assert not window.workers.is_running(ANALYSIS_LANE)
    assert window.workers.wait(1_000)  # the worker thread itself stops between paragraphs
    assert time.monotonic() - started < 1.5
    assert window.statusBar().currentMessage() == "Controle geannuleerd."


def test_a_file_changed_on_disk_is_not_overwritten_and_can_be_reloaded(qtbot, window: MainWindow, letter_docx):
    source = letter_docx("003_besluit")
    _open_and_analyse(qtbot, window, source)
    session = window.controller.session
    first = next(f for f in session.pending() if f.suggestions)
    window.controller.decide([first.id], Decision.ACCEPTED)
    changed = open_document(source).docx
    changed.add_paragraph("Toegevoegd in Word terwijl Schrijfhulp open stond.")
    changed.save(str(source))
    window.save(clean=False)
    dialog = window.save_dialog
    target = Path(dialog.path.text())
    with qtbot.waitSignal(window.controller.source_changed, timeout=30_000):
        dialog.confirm()
    assert not target.exists()
    assert window.last_message[0] == "Het origineel is gewijzigd"
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.controller.reload()
    assert any("Toegevoegd in Word" in p.text for p in window.document.paragraphs)
    assert window.controller.session.decision(first.id) == (Decision.ACCEPTED, 0)  # kept: its text is unchanged


def test_work_is_restored_after_a_crash(qtbot, secret_service, letter_docx, new_window) -> None:
    source = letter_docx("003_besluit")
    first_window = new_window()
    _open_and_analyse(qtbot, first_window, source)
    session = first_window.controller.session
    chosen = [f.id for f in session.pending()[:3]]
    for finding_id in chosen:
        first_window.controller.decide([finding_id], Decision.REJECTED)
    qtbot.waitUntil(lambda: not first_window.controller._autosave.isActive(), timeout=5_000)
    first_window.workers.shutdown()  # the process "dies" here: no save, no close event

    second = new_window()
    with qtbot.waitSignal(second.controller.restored, timeout=30_000) as restored:
        second.open_path(source)
    assert restored.args == [3, False]  # three decisions, not saved yet
    qtbot.waitUntil(lambda: not second.workers.is_running(ANALYSIS_LANE), timeout=120_000)
    assert all(second.controller.session.decision(fid) == (Decision.REJECTED, 0) for fid in chosen)


def test_closing_with_unsaved_decisions_asks_first(qtbot, window: MainWindow, letter_docx) -> None:
    _open_and_analyse(qtbot, window, letter_docx("003_besluit"))
    window.controller.decide([window.controller.session.pending()[0].id], Decision.REJECTED)
    asked = []
    window.confirm_close = lambda: asked.append(True) or "cancel"
    assert not window.close()
    assert asked and window.isVisible()



def test_accept_all_of_a_kind_and_add_a_word_are_undone_in_one_step(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path]
) -> None:
    source = letter_docx("003_besluit", ("aan te leggen", "aan te leggen bij de wozopas en de wozopas"))
    _open_and_analyse(qtbot, window, source)
    session = window.controller.session
    assert session is not None
    by_rule: dict[str, list[str]] = {}
    for finding in session.pending():
        if finding.suggestions and not finding.group:
            by_rule.setdefault(finding.rule, []).append(finding.id)
    rule, ids = max(by_rule.items(), key=lambda item: len(item[1]))
    assert len(ids) >= 2
    window.review.select_finding(ids[0])
    window.commands.kind.trigger()
    assert all(session.decision(fid) == (Decision.ACCEPTED, 0) for fid in ids), rule
    window.commands.undo.trigger()
    assert all(session.decision(fid) is None for fid in ids)

    words = [f for f in session.pending() if f.category is Category.SPELLING and f.original == "wozopas"]
    assert len(words) >= 2
    personal = window.controller.tools.word_lists.personal
    window.review.select_finding(words[0].id)
    window.commands.word_list.trigger()
    assert "wozopas" in personal and not any(f.original == "wozopas" for f in session.pending())
    assert window.statusBar().currentMessage() == "‘wozopas’ staat nu in uw woordenlijst."
    assert window.commands.undo.isEnabled()
    window.commands.undo.trigger()
    assert "wozopas" not in personal
    assert len([f for f in session.pending() if f.original == "wozopas"]) == len(words)


def test_a_model_that_fails_while_judging_leaves_the_rule_findings_and_says_so(
    qtbot, window: MainWindow, letter_docx, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: object) -> Iterator[object]:
        raise EngineError("llama.cpp kon geen geheugen krijgen")
        yield  # a generator, like the real stage

    monkeypatch.setattr(analysis, "run_confusion", failing)
    window.controller.model_engine = lambda: object()  # a model is loaded
    notices: list[str] = []
    window.controller.notice.connect(notices.append)
    _open_and_analyse(qtbot, window, letter_docx("003_besluit"))
    qtbot.waitUntil(lambda: not window.workers.is_running(CONFUSION_LANE), timeout=30_000)
    assert any("kon de twijfelwoorden (d/t, de/het) niet beoordelen: llama.cpp kon geen geheugen krijgen" in notice
               for notice in notices), notices
    assert window.controller.session.pending()  # the rules' findings stand
