"""The review screen on a real decision: the document as it will be saved (all marks, or the final text), the
levels after every decision, the save question before another document replaces this one, every pane
belonging to the open document, and a refused file that changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from desktop.core.document.reader import open_document
from desktop.core.findings import Finding
from desktop.core.session import Decision
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


def _open_and_analyse(qtbot, window: MainWindow, path: Path) -> None:
    """Open ``path`` and wait for the end of *its* analysis: the analysis of the document open before can end
    while ``path`` is being read, and its analysis_done is not this one's."""
    with qtbot.waitSignal(window.controller.opened, timeout=30_000, check_params_cb=lambda d: d.path == path):
        window.open_path(path)
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        pass


def _finding(window: MainWindow, original: str) -> Finding:
    session = window.controller.session
    assert session is not None
    return next(f for f in session.visible() if f.original == original and f.suggestions)


def _selected(window: MainWindow, start: int, end: int) -> str:
    cursor = QTextCursor(window.review.view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _paragraph_level(window: MainWindow, paragraph: str) -> str:
    level = next(r for r in window.controller.levels if r.paragraph == paragraph)
    return level.estimate.level


def test_decisions_show_in_the_document_as_it_will_be_saved(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path]
) -> None:
    path = letter_docx("003_besluit")
    _open_and_analyse(qtbot, window, path)
    document = open_document(path)
    review, view = window.review, window.review.view
    bar_before = review.level_meter.bar.value()
    assert bar_before > 0 and _paragraph_level(window, "p5") == "B1"
    criteria, door = _finding(window, "criteria"), _finding(window, "door middel van")
    typo, wijze, dient = _finding(window, "adminitratieve"), _finding(window, "wijze"), _finding(window, "dient te")
    session = window.controller.session
    assert session is not None
    # "... verleend dient te worden ... op het Raadhuisplein te Dinteloord": the "te" after the accepted "moet"
    place = next(f for f in session.visible() if f.paragraph == "p9" and f.original == "te" and f.suggestions)
    for finding in (criteria, door, dient, typo):
        review.select_finding(finding.id)
        review.accept_current()
    review.select_finding(wijze.id)
    review.reject_current()
    assert session.decision(wijze.id) == (Decision.REJECTED, 0)

    # "Alle markeringen": deletions struck through, insertions beside them, the rejected one as it was.
    assert view.marks("p3") == [("deleted", "criteria"), ("inserted", "normen")]
    assert "voldoet aan de criterianormen om in aanmerking" in view.shown_text("p3")
    assert view.marks("p5") == [("deleted", " middel van")]  # word level, as Word will show it
    assert view.marks("p10") == [("deleted", "adminitratieve"), ("inserted", "administratieve")]
    assert view.marks("p6") == [] and view.shown_text("p6") == document.paragraph("p6").text
    # The reason on hover, over the inserted word.
    cursor = QTextCursor(view.document())
    cursor.setPosition((view.view_position("p3", criteria.start) or 0) + len("criteria") + 2)
    tip = view.tooltip_at(view.cursorRect(cursor).center()) or ""
    assert "Ingevoegd: ‘normen’" in tip and criteria.message in tip
    # An open finding after a change is still highlighted on its own words.
    span = view.view_span(place)
    assert span is not None and _selected(window, *span) == "te"

    # "Eindversie": the text as it will be saved, without marks.
    review.final_button.click()
    assert view.final and view.marks("p3") == []
    assert view.shown_text("p3") == document.paragraph("p3").text.replace("criteria", "normen")
    assert view.shown_text("p5") == document.paragraph("p5").text.replace("door middel van", "door")
    assert "Besluit administratieve bepalingen inzake" in view.shown_text("p10")
    assert view.shown_text("p9") == document.paragraph("p9").text.replace("dient te", "moet")
    span = view.view_span(place)
    assert span is not None and _selected(window, *span) == "te"
    review.marked_button.click()
    assert not view.final and view.marks("p3")

    # The levels are measured on the text as it will be saved, after every decision.
    opened = {r.paragraph: r for r in window.controller.opened_levels}
    now = {r.paragraph: r for r in window.controller.levels}
    assert now["p5"].words == opened["p5"].words - 2 and now[None].words == opened[None].words - 3  # and "moet"
    assert _paragraph_level(window, "p5") == "A2"  # was B1
    assert review.level_meter.bar.value() < bar_before  # the meter moved towards B1
    cursor.setPosition(view.view_position("p5", 3) or 0)
    assert "Taalniveau van deze alinea: A2" in (view.tooltip_at(view.cursorRect(cursor).center()) or "")

    # Undo takes a change out of the view and the levels again.
    window.commands.undo.trigger()  # the rejection
    window.commands.undo.trigger()  # the spelling fix
    assert view.marks("p10") == [] and view.marks("p3")
    assert window.controller.markup is not None and "p10" not in window.controller.markup.pieces


def test_another_document_asks_to_save_first_and_reopening_shows_the_decisions(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path]
) -> None:
    first, second = letter_docx("003_besluit"), letter_docx("006_besluit")
    _open_and_analyse(qtbot, window, first)
    accepted = [_finding(window, "criteria"), _finding(window, "adminitratieve")]
    for finding in accepted:
        window.controller.decide([finding.id], Decision.ACCEPTED)
    rejected = _finding(window, "wijze")
    window.controller.decide([rejected.id], Decision.REJECTED)
    window.review.preview.start("Een alinea van het eerste document.")  # as if a B1 rewrite were shown
    asked: list[str] = []

    def answer(choice: str) -> Callable[[], str]:
        return lambda: asked.append(choice) or choice

    # Annuleren: nothing changes.
    window.confirm_close = answer("cancel")
    window.open_path(second)
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)  # asked once the other document was read
    assert window.statusBar().currentMessage() == "Niets geopend; uw beslissingen staan nog open."
    assert window.document is not None and window.document.path == first and window.controller.dirty

    # Opslaan: the save dialog; once the copy is saved, the other document opens.
    window.confirm_close = answer("save")
    window.open_path(second)
    qtbot.waitUntil(lambda: window.save_dialog is not None and window.save_dialog.isVisible(), timeout=30_000)
    assert window.document is not None and window.document.path == first  # not replaced before the save
    target = Path(window.save_dialog.path.text())
    with qtbot.waitSignal(window.controller.opened, timeout=60_000):
        window.save_dialog.confirm()
    assert asked == ["cancel", "save"]
    assert window.document is not None and window.document.path == second and not window.controller.dirty
    written = open_document(target)
    assert written.has_tracked_changes and "normen" in " ".join(p.text for p in written.paragraphs)
    # Every pane belongs to the new document.
    assert window.review.preview.original.toPlainText() == "" and window.review.preview.result is None
    assert "Toekenning invalidenparkeerplaats" not in window.review.view.toPlainText()
    assert window.review.level_meter.bar.value() == 0
    second_document = window.document
    assert window.statusBar().currentMessage() == (
        f"Opgeslagen als {target.name}: 2 wijzigingen, 2 opmerkingen. "
        f"{len(second_document.paragraphs)} alinea's, {second_document.word_count} woorden; controleren…")

    # Reopening the first: no question (nothing unsaved), and the decisions are there, marked as saved.
    with qtbot.waitSignal(window.controller.restored, timeout=30_000) as restored:
        window.open_path(first)
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        pass  # the reopened document's analysis: the kept decisions go to the findings it finds again
    assert restored.args == [3, True]
    session = window.controller.session
    assert session is not None and asked == ["cancel", "save"]
    assert all(session.decision(f.id) == (Decision.ACCEPTED, 0) for f in accepted)
    assert session.decision(rejected.id) == (Decision.REJECTED, 0)
    assert window.review.view.marks("p3") == [("deleted", "criteria"), ("inserted", "normen")]
    assert not window.controller.dirty and not window.windowTitle().startswith("*")

    # Niet opslaan: the decisions go, as when quitting.
    window.controller.decide([_finding(window, "door middel van").id], Decision.ACCEPTED)
    window.confirm_close = answer("discard")
    with qtbot.waitSignal(window.controller.opened, timeout=30_000):
        window.open_path(second)
    _open_and_analyse(qtbot, window, first)
    session = window.controller.session
    assert session is not None and session.document_path == str(first)
    assert asked[-1] == "discard" and not session.decisions


def test_a_new_letter_and_a_recent_file_ask_too(qtbot, window: MainWindow, letter_docx: Callable[..., Path]) -> None:
    first, second = letter_docx("003_besluit"), letter_docx("006_besluit")
    _open_and_analyse(qtbot, window, second)
    _open_and_analyse(qtbot, window, first)
    window.controller.decide([_finding(window, "criteria").id], Decision.ACCEPTED)
    asked: list[str] = []
    window.confirm_close = lambda: asked.append("new") or "cancel"
    window.commands.new.trigger()
    assert asked == ["new"] and not hasattr(window, "draft_dialog")
    window.confirm_close = lambda: asked.append("recent") or "cancel"
    recent = next(a for a in window.recent_menu.actions() if a.text() == second.name)
    recent.trigger()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=30_000)
    assert asked == ["new", "recent"] and window.document is not None and window.document.path == first


def test_a_refused_file_leaves_the_open_document_as_it_was(
    qtbot, window: MainWindow, letter_docx: Callable[..., Path], tmp_path: Path
) -> None:
    path = letter_docx("003_besluit")
    _open_and_analyse(qtbot, window, path)
    criteria = _finding(window, "criteria")
    window.controller.decide([criteria.id], Decision.ACCEPTED)
    shown = window.review.view.toPlainText()
    asked: list[bool] = []
    window.confirm_close = lambda: asked.append(True) or "discard"
    bad = tmp_path / "nep.docx"
    bad.write_bytes(b"Dit is geen Word-document.")
    with qtbot.waitSignal(window.controller.open_failed, timeout=30_000):
        window.open_path(bad)
    assert not asked  # nothing to decide: the file never opened
    assert window.document is not None and window.document.path == path
    assert window.review.view.toPlainText() == shown and window.review.view.marks("p3")
    assert window.controller.session is not None and window.controller.session.decision(criteria.id)
    assert window.controller.dirty and window.windowTitle().startswith("*")
    message = window.statusBar().currentMessage()
    assert message.startswith("nep.docx is niet geopend: ") and "openen…" not in message
    assert window.last_message is not None and window.last_message[0] == "Dit document kan niet worden geopend"
