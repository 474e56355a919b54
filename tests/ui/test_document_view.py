"""The document view keeps the document's shape (heading, list, table, header and footer) when it shows the
accepted changes, marked or final, and its positions stay right after what was inserted or left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor

from desktop.core.document.markup import preview
from desktop.core.document.reader import Document, open_document
from desktop.core.findings import Category, Edit, Finding, Source
from desktop.ui.document_view import DELETED_COLOUR, INSERTED_COLOUR, DocumentView
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.ui

TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc>" + p(r("Aanvrager")) + "</w:tc><w:tc>" + p(r("Teneinde de bus te parkeren")) + "</w:tc></w:tr>"
    "</w:tbl>"
)


@pytest.fixture
def document(tmp_path: Path) -> Document:
    body = (
        p(r("Besluit op uw aanvraag"), ppr='<w:pStyle w:val="Kop1"/>')
        + p(r("Wij hebben uw aanvraag "), r("zorgvuldig", '<w:b/>'), r(" bekeken teneinde te beslissen."))
        + p(r("eerste punt inzake de bus"), ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        + TABLE
    )
    path = build_docx(tmp_path / "vorm.docx", body, header=p(r("Gemeente Dinteloord, afdeling Vergunningen")),
                      footer=p(r("Pagina 1")))
    return open_document(path)


def _id(document: Document, text: str) -> str:
    return next(paragraph.id for paragraph in document.paragraphs if paragraph.text.startswith(text))


def _char_format(view: DocumentView, position: int) -> QTextCharFormat:
    """The format of the character at view ``position``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def test_changes_show_in_every_part_of_the_document_and_keep_its_shape(qtbot, document: Document) -> None:
    body, item = _id(document, "Wij hebben"), _id(document, "eerste punt")
    cell, header = _id(document, "Teneinde"), _id(document, "Gemeente")
    text = document.paragraph(body).text
    edits = [
        Edit(body, text.index("teneinde"), text.index("teneinde") + 8, "om", explanation="Eenvoudiger."),
        Edit(item, 12, 18, "over", explanation="Ambtelijk woord."),
        Edit(cell, 0, 8, "Om", explanation="Eenvoudiger."),
        Edit(header, 9, 19, "Steenbergen", explanation="Andere gemeente."),
    ]
    shown = preview(document, edits)
    assert not shown.refused
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(document, shown)

    assert view.marks(body) == [("deleted", "teneinde"), ("inserted", "om")]
    assert view.marks(item) == [("deleted", "inzake"), ("inserted", "over")]
    assert view.marks(cell) == [("deleted", "Teneinde"), ("inserted", "Om")]
    assert view.marks(header) == [("deleted", "Dinteloord"), ("inserted", "Steenbergen")]
    # The shape: a heading, a list, a table, and the header and footer after the body.
    frame = view.document().rootFrame()
    assert any(child.__class__.__name__ == "QTextTable" for child in frame.childFrames())
    assert document.paragraphs[0].heading_level == 1 and _char_format(view, 0).fontWeight() == QFont.Weight.Bold.value
    start = view.view_position(item, 0) or 0
    assert QTextCursor(view.document().findBlock(start)).currentList() is not None
    plain = view.toPlainText()
    assert plain.index("Koptekst") > plain.index("Om") and "Pagina 1" in plain
    # Colours and lines: struck through in red, underlined in blue; bold stays bold.
    deleted = _char_format(view, view.view_position(body, text.index("teneinde")) or 0)
    assert deleted.fontStrikeOut() and deleted.foreground().color().name() == DELETED_COLOUR
    inserted_at = (view.view_position(body, text.index("teneinde")) or 0) + len("teneinde")
    inserted = _char_format(view, inserted_at)
    assert inserted.fontUnderline() and inserted.foreground().color().name() == INSERTED_COLOUR
    bold = _char_format(view, view.view_position(body, text.index("zorgvuldig")) or 0)
    assert bold.fontWeight() == QFont.Weight.Bold.value and not bold.fontStrikeOut()

    # A finding after a change is highlighted on its own words, marked and final.
    finding = Finding(body, text.index("beslissen"), text.index("beslissen") + 9, "beslissen", Category.STYLE,
                      "R", Source.RULE, "Waarom.", ("besluiten",))
    for final in (False, True):
        view.set_final(final)
        view.set_highlights([finding], finding.id, set())
        span = view.view_span(finding)
        assert span is not None
        cursor = QTextCursor(view.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == "beslissen"
        assert view.finding_at(span[0] + 1) == finding.id
    assert view.shown_text(body) == "Wij hebben uw aanvraag zorgvuldig bekeken om te beslissen."
    assert view.shown_text(header) == "Gemeente Steenbergen, afdeling Vergunningen"
    assert view.marks(body) == []
