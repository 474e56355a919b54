"""The read-only view of the opened document, with the findings highlighted.

Paragraphs are rendered from :class:`desktop.core.document.reader.Document` (headings, bold/italic/
underline, lists, tables, headers/footers/notes after the body), and for every paragraph id the
view keeps the position of its first character, so highlights use the core's character offsets.
Highlights differ by colour *and* underline style, and the selected one is framed, so colour is
never the only signal. Hovering a paragraph shows its estimated language level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextListFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from desktop.core.findings import Category, Finding
from desktop.core.i18n import N_, _

if TYPE_CHECKING:  # the heavy core modules load in the background after the window shows
    from desktop.core.analysis import LevelReport
    from desktop.core.document.reader import Document, Paragraph

HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1}
# Keyed by desktop.core.document.reader.ParagraphKind values (a StrEnum, so plain strings match).
SECTION_TITLES = {
    "header": N_("Koptekst"),
    "footer": N_("Voettekst"),
    "footnote": N_("Voetnoten"),
    "endnote": N_("Eindnoten"),
    "textbox": N_("Tekstvakken"),
}
# Light backgrounds that keep text readable in light themes; the underline style tells the
# categories apart without colour.
CATEGORY_STYLE: dict[Category, tuple[str, QTextCharFormat.UnderlineStyle]] = {
    Category.SPELLING: ("#f8d7da", QTextCharFormat.UnderlineStyle.WaveUnderline),
    Category.GRAMMAR: ("#ffe8b3", QTextCharFormat.UnderlineStyle.WaveUnderline),
    Category.STYLE: ("#d6e9f8", QTextCharFormat.UnderlineStyle.DashUnderline),
    Category.READABILITY: ("#e4dcf3", QTextCharFormat.UnderlineStyle.DotLine),
    Category.DECISION: ("#d4edda", QTextCharFormat.UnderlineStyle.SingleUnderline),
}
BODY_KINDS = ("body", "table_cell")


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (Qt's positions), not Python characters."""
    return len(text.encode("utf-16-le")) // 2


class DocumentView(QTextEdit):
    """Shows a document read-only; ``positions`` maps paragraph id -> offset of its text in the view.

    Signals: ``finding_clicked(id)`` when the user clicks a highlighted finding.
    """

    finding_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName(_("Documenttekst"))
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(24)
        self.positions: dict[str, int] = {}
        self._texts: dict[str, str] = {}
        self._spans: list[tuple[int, int, str]] = []  # view start, view end, finding id
        self._levels: dict[str, LevelReport] = {}
        self._base_size = self.font().pointSizeF()
        self.viewport().installEventFilter(self)

    # -- rendering ------------------------------------------------------------------------------

    def show_document(self, document: Document) -> None:
        """Render ``document``; the previous content, highlights and levels are replaced."""
        self.clear()
        self.positions = {}
        self._texts = {p.id: p.text for p in document.paragraphs}
        self._spans = []
        self._levels = {}
        cursor = QTextCursor(self.document())
        body = [p for p in document.paragraphs if p.kind in BODY_KINDS]
        others = [p for p in document.paragraphs if p.kind not in BODY_KINDS]
        self._insert_flow(cursor, body)
        kind: str | None = None
        for paragraph in others:
            if paragraph.kind != kind:
                kind = paragraph.kind
                self._insert_section_title(cursor, _(SECTION_TITLES.get(kind, str(kind))))
            self._insert_paragraph(cursor, paragraph, first=False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_flow(self, cursor: QTextCursor, paragraphs: list[Paragraph]) -> None:
        first = True
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
            while index < len(paragraphs):
                cell = paragraphs[index].table
                if cell is None or cell[0] != table_no:
                    break
                cells.append(paragraphs[index])
                index += 1
            self._insert_table(cursor, cells, first=first)
            first = False

    def _insert_table(self, cursor: QTextCursor, cells: Sequence[Paragraph], *, first: bool) -> None:
        places = [p.table for p in cells if p.table is not None]
        rows = 1 + max(place[1] for place in places)
        columns = 1 + max(place[2] for place in places)
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
        block = QTextBlockFormat()
        block.setTopMargin(18)
        cursor.insertBlock(block)
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        cursor.insertText(title, char_format)

    def _insert_paragraph(self, cursor: QTextCursor, paragraph: Paragraph, *, first: bool) -> None:
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(8)
        block_format.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if paragraph.heading_level:
            block_format.setTopMargin(10)
        if first:
            cursor.setBlockFormat(block_format)
        else:
            cursor.insertBlock(block_format)
        if paragraph.list_level is not None:
            list_format = QTextListFormat()
            numbered = paragraph.list_format not in (None, "bullet")
            list_format.setStyle(QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc)
            list_format.setIndent(paragraph.list_level + 1)
            cursor.createList(list_format)
        self._insert_text(cursor, paragraph)

    def _insert_text(self, cursor: QTextCursor, paragraph: Paragraph) -> None:
        self.positions[paragraph.id] = cursor.position()
        base = QTextCharFormat()
        if paragraph.heading_level:
            base.setFontWeight(QFont.Weight.Bold)
            if self._base_size > 0:
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

    # -- positions ------------------------------------------------------------------------------

    def view_span(self, finding: Finding) -> tuple[int, int] | None:
        """The finding's start and end as positions in the view (None when its paragraph is not shown)."""
        base = self.positions.get(finding.paragraph)
        text = self._texts.get(finding.paragraph)
        if base is None or text is None:
            return None
        start = base + utf16_length(text[: finding.start])
        return start, start + max(1, utf16_length(finding.original))

    def paragraph_at(self, position: int) -> str | None:
        """The id of the paragraph that holds view position ``position``."""
        best: tuple[int, str] | None = None
        for paragraph_id, start in self.positions.items():
            end = start + utf16_length(self._texts[paragraph_id])
            if start <= position <= end and (best is None or start > best[0]):
                best = (start, paragraph_id)
        return best[1] if best else None

    def finding_at(self, position: int) -> str | None:
        """The id of the (smallest) highlighted finding under view position ``position``."""
        hits = [(end - start, fid) for start, end, fid in self._spans if start <= position < end]
        return min(hits)[1] if hits else None

    # -- highlights -----------------------------------------------------------------------------

    def set_highlights(self, findings: Iterable[Finding], selected: str | None, decided: set[str]) -> None:
        """Highlight open findings; decided ones are not highlighted; the selected one is framed."""
        selections = []
        self._spans = []
        for finding in findings:
            span = self.view_span(finding)
            if span is None or finding.id in decided:
                continue
            self._spans.append((*span, finding.id))
            colour, underline = CATEGORY_STYLE[finding.category]
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(span[0])
            cursor.setPosition(min(span[1], self.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            char_format = QTextCharFormat()
            if finding.category is not Category.READABILITY or finding.id == selected:
                char_format.setBackground(QColor(colour))
            char_format.setUnderlineStyle(underline)
            char_format.setUnderlineColor(QColor(colour).darker(170))
            char_format.setForeground(QColor("#1a1a1a"))
            if finding.id == selected:
                char_format.setProperty(QTextFormat.Property.OutlinePen, self.palette().color(QPalette.ColorRole.Text))
                char_format.setFontWeight(QFont.Weight.DemiBold)
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)

    def reveal(self, finding: Finding) -> None:
        """Scroll to ``finding`` and put the cursor on it."""
        span = self.view_span(finding)
        if span is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(span[0])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def set_levels(self, levels: Iterable[LevelReport]) -> None:
        """The per-paragraph level reports shown on hover."""
        self._levels = {level.paragraph: level for level in levels if level.paragraph is not None}

    def level_tooltip(self, point: QPoint) -> str | None:
        """The tooltip text for the paragraph under viewport ``point``."""
        paragraph = self.paragraph_at(self.cursorForPosition(point).position())
        level = self._levels.get(paragraph or "")
        if level is None:
            return None
        reasons = "".join(f"<li>{reason}</li>" for reason in level.estimate.reasons)
        return _("<b>Taalniveau van deze alinea: {level}</b> (doel: B1)<ul>{reasons}</ul>").format(
            level=level.estimate.level, reasons=reasons
        )

    # -- events ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tooltips with the paragraph level; clicks on highlights select the finding."""
        if watched is self.viewport():
            if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                text = self.level_tooltip(event.pos())
                if text:
                    QToolTip.showText(event.globalPos(), text, self.viewport())
                else:
                    QToolTip.hideText()
                return True
            if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                finding = self.finding_at(self.cursorForPosition(event.position().toPoint()).position())
                if finding is not None:
                    self.finding_clicked.emit(finding)
        return super().eventFilter(watched, event)
