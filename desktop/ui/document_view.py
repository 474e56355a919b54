"""The read-only view of the opened document as it will be saved, with the open findings highlighted.

Paragraphs are rendered from :class:`desktop.core.document.reader.Document` (headings, bold/italic/
underline, lists, tables, headers/footers/notes after the body). Accepted changes are shown as
Word shows them with "Alle markeringen": deleted text struck through in red, inserted text
underlined in blue, and the reason on hover; "Eindversie" shows the text with every accepted change
applied and no marks. What is shown comes from :func:`desktop.core.document.markup.preview`, the
writer's own plan, so it is what a save will write.

For every paragraph the view keeps where each stretch of its current text is shown, so highlights
and jumps use the core's character offsets whatever was inserted or left out before them.
Highlights differ by colour *and* underline style, and the selected one is framed, so colour is
never the only signal; a deletion is struck through and an insertion underlined for the same reason.
Hovering a paragraph shows its estimated language level (measured on the text as it will be saved).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
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
    from desktop.core.document.markup import Piece, Preview
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
# Word's colours for one reviewer's changes: deletions red and struck through, insertions underlined.
DELETED_COLOUR = "#c00000"
INSERTED_COLOUR = "#1f4fb4"
BODY_KINDS = ("body", "table_cell")


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (Qt's positions), not Python characters."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Shown:
    """Where one paragraph is in the view: its first position, its length there, and for each stretch of
    its current text that is shown, (start, end, view position) in document order."""

    text: str
    start: int
    length: int = 0
    stretches: list[tuple[int, int, int]] = field(default_factory=list)

    def view_position(self, offset: int) -> int:
        """The view position of character ``offset`` of the current text; a character that is not shown
        (deleted, in the final version) maps to the next one that is."""
        starts = [stretch[0] for stretch in self.stretches]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0:
            start, end, view = self.stretches[index]
            if offset <= end:
                return view + utf16_length(self.text[start:offset])
        if index + 1 < len(self.stretches):
            return self.stretches[index + 1][2]
        return self.start + self.length


@dataclass(frozen=True)
class _Change:
    """An accepted change as shown: its view range and what it was."""

    start: int
    end: int
    piece: Piece


class DocumentView(QTextEdit):
    """Shows a document read-only, as it will be saved, marked ("Alle markeringen") or final ("Eindversie").

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
        self.final = False
        self._document: Document | None = None
        self._markup: Preview | None = None
        self._shown: dict[str, _Shown] = {}
        self._changes: list[_Change] = []
        self._spans: list[tuple[int, int, str]] = []  # view start, view end, finding id
        self._highlighted: tuple[list[Finding], str | None, set[str]] = ([], None, set())
        self._levels: dict[str, LevelReport] = {}
        self._base_size = self.font().pointSizeF()
        self.viewport().installEventFilter(self)

    # -- rendering ------------------------------------------------------------------------------

    @property
    def shown_document(self) -> Document | None:
        """The document on screen."""
        return self._document

    def show_document(self, document: Document, markup: Preview | None = None) -> None:
        """Render ``document`` with the accepted changes in ``markup``; highlights and levels are reset."""
        self._document = document
        self._markup = markup
        self._levels = {}
        self._highlighted = ([], None, set())
        self._render()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def show_markup(self, markup: Preview | None) -> None:
        """Show the accepted changes in ``markup`` (after a decision), keeping the reading place and highlights."""
        self._markup = markup
        self._rerender()

    def set_final(self, final: bool) -> None:
        """Show the final version (every accepted change applied, no marks) or all marks."""
        if final != self.final:
            self.final = final
            self._rerender()

    def _rerender(self) -> None:
        if self._document is None:
            return
        scroll = self.verticalScrollBar().value()
        cursor = self.textCursor()
        place = self._place_of(cursor.selectionStart())
        self._render()
        if place is not None:
            moved = self.textCursor()
            moved.setPosition(self.view_position(*place) or 0)
            self.setTextCursor(moved)
        self.verticalScrollBar().setValue(scroll)
        self.set_highlights(*self._highlighted)

    def _place_of(self, position: int) -> tuple[str, int] | None:
        """(paragraph id, offset in its current text) shown at ``position``, for keeping the reading place."""
        paragraph = self.paragraph_at(position)
        if paragraph is None:
            return None
        shown = self._shown[paragraph]
        for start, end, view in shown.stretches:
            if view <= position <= view + utf16_length(shown.text[start:end]):
                prefix = position - view
                offset = start
                while offset < end and utf16_length(shown.text[start:offset]) < prefix:
                    offset += 1
                return paragraph, offset
        return paragraph, 0

    def _render(self) -> None:
        document = self._document
        assert document is not None
        self.setUpdatesEnabled(False)
        self.clear()
        self._shown = {}
        self._changes = []
        self._spans = []
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
        self.setUpdatesEnabled(True)

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

    def _base_format(self, paragraph: Paragraph) -> QTextCharFormat:
        base = QTextCharFormat()
        if paragraph.heading_level:
            base.setFontWeight(QFont.Weight.Bold)
            if self._base_size > 0:
                base.setFontPointSize(self._base_size * HEADING_SCALE.get(paragraph.heading_level, 1.0))
        return base

    @staticmethod
    def _styled(base: QTextCharFormat, paragraph: Paragraph, offset: int) -> QTextCharFormat:
        """``base`` with the formatting (bold, italic, underline) the document gives character ``offset``."""
        styled = QTextCharFormat(base)
        for span in paragraph.spans:
            if span.start <= offset < span.end:
                if span.bold:
                    styled.setFontWeight(QFont.Weight.Bold)
                styled.setFontItalic(span.italic)
                styled.setFontUnderline(span.underline)
                break
        return styled

    def _insert_original(self, cursor: QTextCursor, paragraph: Paragraph, base: QTextCharFormat,
                         start: int, end: int) -> None:
        """Characters ``[start, end)`` of the paragraph's current text, each stretch with its formatting."""
        cuts = sorted({start, end, *(s.start for s in paragraph.spans if start < s.start < end),
                       *(s.end for s in paragraph.spans if start < s.end < end)})
        for left, right in pairwise(cuts):
            cursor.insertText(paragraph.text[left:right], self._styled(base, paragraph, left))

    def _insert_text(self, cursor: QTextCursor, paragraph: Paragraph) -> None:
        shown = _Shown(paragraph.text, cursor.position())
        base = self._base_format(paragraph)
        pieces = self._markup.pieces.get(paragraph.id) if self._markup is not None else None
        if not pieces:
            self._insert_original(cursor, paragraph, base, 0, len(paragraph.text))
            shown.stretches.append((0, len(paragraph.text), shown.start))
        else:
            for piece in pieces:
                view = cursor.position()
                if piece.kind == "inserted":
                    inserted = self._styled(base, paragraph, max(0, piece.start - 1))
                    if not self.final:
                        inserted.setForeground(QColor(INSERTED_COLOUR))
                        inserted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                        inserted.setUnderlineColor(QColor(INSERTED_COLOUR))
                    cursor.insertText(piece.text, inserted)
                elif piece.kind == "deleted" and self.final:
                    continue
                elif piece.kind == "deleted":
                    deleted = QTextCharFormat(base)
                    deleted.setFontStrikeOut(True)
                    deleted.setForeground(QColor(DELETED_COLOUR))
                    self._insert_original(cursor, paragraph, deleted, piece.start, piece.end)
                    shown.stretches.append((piece.start, piece.end, view))
                else:
                    self._insert_original(cursor, paragraph, base, piece.start, piece.end)
                    shown.stretches.append((piece.start, piece.end, view))
                if piece.kind != "text" and not self.final:
                    self._changes.append(_Change(view, cursor.position(), piece))
        shown.length = cursor.position() - shown.start
        self._shown[paragraph.id] = shown

    # -- what is shown --------------------------------------------------------------------------

    def shown_text(self, paragraph_id: str) -> str:
        """The text the view shows for a paragraph (marked or final), as the user reads it."""
        shown = self._shown.get(paragraph_id)
        if shown is None:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(shown.start)
        cursor.setPosition(shown.start + shown.length, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def marks(self, paragraph_id: str) -> list[tuple[str, str]]:
        """The accepted changes shown in a paragraph, as ("deleted" | "inserted", text), in reading order."""
        shown = self._shown.get(paragraph_id)
        if shown is None:
            return []
        end = shown.start + shown.length
        return [(c.piece.kind, c.piece.text) for c in self._changes if shown.start <= c.start < end]

    # -- positions ------------------------------------------------------------------------------

    def view_position(self, paragraph_id: str, offset: int) -> int | None:
        """Where character ``offset`` of a paragraph's current text is shown (None: paragraph not shown)."""
        shown = self._shown.get(paragraph_id)
        return shown.view_position(offset) if shown is not None else None

    def view_span(self, finding: Finding) -> tuple[int, int] | None:
        """The finding's start and end as positions in the view (None when its paragraph is not shown)."""
        start = self.view_position(finding.paragraph, finding.start)
        end = self.view_position(finding.paragraph, finding.end)
        if start is None or end is None:
            return None
        return start, max(start + 1, end)

    def paragraph_at(self, position: int) -> str | None:
        """The id of the paragraph that holds view position ``position``."""
        best: tuple[int, str] | None = None
        for paragraph_id, shown in self._shown.items():
            if shown.start <= position <= shown.start + shown.length and (best is None or shown.start > best[0]):
                best = (shown.start, paragraph_id)
        return best[1] if best else None

    def finding_at(self, position: int) -> str | None:
        """The id of the (smallest) highlighted finding under view position ``position``."""
        hits = [(end - start, fid) for start, end, fid in self._spans if start <= position < end]
        return min(hits)[1] if hits else None

    def change_at(self, position: int) -> Piece | None:
        """The accepted change (deletion or insertion) shown at view position ``position``."""
        return next((c.piece for c in self._changes if c.start <= position < c.end), None)

    # -- highlights -----------------------------------------------------------------------------

    def set_highlights(self, findings: Iterable[Finding], selected: str | None, decided: set[str]) -> None:
        """Highlight open findings; decided ones are shown as changes (or not at all); the selected one is framed."""
        findings = list(findings)
        self._highlighted = (findings, selected, decided)
        selections = []
        self._spans = []
        last = max(0, self.document().characterCount() - 1)
        for finding in findings:
            span = self.view_span(finding)
            if span is None or finding.id in decided:
                continue
            self._spans.append((*span, finding.id))
            colour, underline = CATEGORY_STYLE[finding.category]
            char_format = QTextCharFormat()
            if finding.category is not Category.READABILITY or finding.id == selected:
                char_format.setBackground(QColor(colour))
            char_format.setUnderlineStyle(underline)
            char_format.setUnderlineColor(QColor(colour).darker(170))
            if finding.id == selected:
                char_format.setProperty(QTextFormat.Property.OutlinePen, self.palette().color(QPalette.ColorRole.Text))
                char_format.setFontWeight(QFont.Weight.DemiBold)
            for start, end in self._around_changes(*span):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(min(start, last))
                cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = char_format
                selections.append(selection)
        self.setExtraSelections(selections)

    def _around_changes(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` without the accepted changes in it, so a note on a whole sentence never hides
        their strike-through and underline."""
        parts: list[tuple[int, int]] = []
        for change in self._changes:
            if change.end <= start or change.start >= end:
                continue
            if change.start > start:
                parts.append((start, change.start))
            start = max(start, change.end)
        if start < end:
            parts.append((start, end))
        return parts

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

    def tooltip_at(self, point: QPoint) -> str | None:
        """The tooltip for viewport ``point``: an accepted change's reason, else the paragraph's level."""
        position = self.cursorForPosition(point).position()
        change = self.change_at(position)
        if change is not None:
            what = _("Verwijderd") if change.kind == "deleted" else _("Ingevoegd")
            reason = f"<br/>{escape(change.reason)}" if change.reason else ""
            return f"<b>{escape(what)}: ‘{escape(change.text)}’</b>{reason}"
        return self.level_tooltip(point)

    def level_tooltip(self, point: QPoint) -> str | None:
        """The level of the paragraph under viewport ``point``, as it will be saved."""
        paragraph = self.paragraph_at(self.cursorForPosition(point).position())
        level = self._levels.get(paragraph or "")
        if level is None:
            return None
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in level.estimate.reasons)
        return _("<b>Taalniveau van deze alinea: {level}</b> (doel: B1)<ul>{reasons}</ul>").format(
            level=level.estimate.level, reasons=reasons
        )

    # -- events ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tooltips with a change's reason or the paragraph level; clicks on highlights select the finding."""
        if watched is self.viewport():
            if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                text = self.tooltip_at(event.pos())
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
