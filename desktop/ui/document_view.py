"""The read-only view of the opened document: headings, bold/italic, lists and tables as in the original.

The view renders :class:`desktop.core.document.Document` paragraphs into a QTextDocument and keeps,
for every paragraph id, the position of its first character, so highlights and jumps can be placed
with the core's character offsets.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.core.document import Document, Paragraph
from desktop.core.i18n import _

HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1}
SECTION_TITLES = {
    "header": "Koptekst",
    "footer": "Voettekst",
    "footnote": "Voetnoten",
    "endnote": "Eindnoten",
    "textbox": "Tekstvakken",
}


class DocumentView(QTextEdit):
    """Shows a document read-only; ``positions`` maps paragraph id -> offset of its text in the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName(_("Documenttekst"))
        self.setTextInteractionFlags(self.textInteractionFlags())
        self.positions: dict[str, int] = {}
        self._base_size = self.font().pointSizeF()

    def show_document(self, document: Document) -> None:
        """Render ``document``; the previous content is replaced."""
        self.clear()
        self.positions = {}
        cursor = QTextCursor(self.document())
        body = [p for p in document.paragraphs if p.kind in ("body", "table_cell")]
        others = [p for p in document.paragraphs if p.kind not in ("body", "table_cell")]
        self._insert_flow(cursor, body, first=True)
        kind = None
        for paragraph in others:
            if paragraph.kind != kind:
                kind = paragraph.kind
                self._insert_section_title(cursor, _(SECTION_TITLES.get(kind, kind)))
            self._insert_paragraph(cursor, paragraph, first=False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_flow(self, cursor: QTextCursor, paragraphs: list[Paragraph], *, first: bool) -> None:
        index = 0
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            if paragraph.table is None:
                self._insert_paragraph(cursor, paragraph, first=first)
                first = False
                index += 1
                continue
            table_no = paragraph.table[0]
            cells: list[Paragraph] = []
            while (
                index < len(paragraphs) and paragraphs[index].table and paragraphs[index].table[0] == table_no
            ):
                cells.append(paragraphs[index])
                index += 1
            self._insert_table(cursor, cells, first=first)
            first = False

    def _insert_table(self, cursor: QTextCursor, cells: Iterable[Paragraph], *, first: bool) -> None:
        cells = list(cells)
        rows = 1 + max(p.table[1] for p in cells if p.table)
        columns = 1 + max(p.table[2] for p in cells if p.table)
        if not first:
            cursor.insertBlock()
        table_format = QTextTableFormat()
        table_format.setCellPadding(4)
        table_format.setBorder(0.5)
        table = cursor.insertTable(rows, columns, table_format)
        filled: set[tuple[int, int]] = set()
        for paragraph in cells:
            assert paragraph.table is not None
            _table, row, column = paragraph.table
            cell_cursor = table.cellAt(row, column).lastCursorPosition()
            if (row, column) in filled:
                cell_cursor.insertBlock()
            filled.add((row, column))
            self._insert_text(cell_cursor, paragraph)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    def _insert_section_title(self, cursor: QTextCursor, title: str) -> None:
        cursor.insertBlock(QTextBlockFormat())
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setForeground(self.palette().placeholderText())
        cursor.insertText(title, char_format)

    def _insert_paragraph(self, cursor: QTextCursor, paragraph: Paragraph, *, first: bool) -> None:
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(6)
        if first:
            cursor.setBlockFormat(block_format)
        else:
            cursor.insertBlock(block_format)
        if paragraph.list_level is not None:
            list_format = QTextListFormat()
            list_format.setStyle(QTextListFormat.Style.ListDisc)
            list_format.setIndent(paragraph.list_level + 1)
            cursor.createList(list_format)
        self._insert_text(cursor, paragraph)

    def _insert_text(self, cursor: QTextCursor, paragraph: Paragraph) -> None:
        self.positions[paragraph.id] = cursor.position()
        base = QTextCharFormat()
        if paragraph.heading_level:
            base.setFontWeight(QFont.Weight.Bold)
            base.setFontPointSize(self._base_size * HEADING_SCALE.get(paragraph.heading_level, 1.0))
        text = paragraph.text
        position = 0
        for span in paragraph.spans:
            if span.start > position:
                cursor.insertText(text[position : span.start], base)
            styled = QTextCharFormat(base)
            if span.bold:
                styled.setFontWeight(QFont.Weight.Bold)
            styled.setFontItalic(span.italic)
            styled.setFontUnderline(span.underline)
            cursor.insertText(text[span.start : span.end], styled)
            position = span.end
        if position < len(text):
            cursor.insertText(text[position:], base)
