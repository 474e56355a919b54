"""A .docx as the rest of Schrijfhulp sees it: paragraphs with stable ids and their live text.

Open a document with :func:`open_document`; bad input raises a :class:`DocumentError` subclass
whose ``str()`` is a Dutch message for the user.

Paragraph ids
-------------
An id names a paragraph by its place in the document, so the same file always gives the same ids:

* body paragraphs outside tables: ``p0``, ``p1``, ... in document order (paragraphs inside
  block-level content controls count as body paragraphs);
* paragraphs in table cells: ``t<table>.<row>.<column>.<n>``, where tables are numbered in
  document order (nested tables included, in order of their start), ``row`` counts the table's
  rows, ``column`` is the cell's first grid column (so merged cells keep their place), and ``n``
  counts the paragraphs directly in that cell;
* other stories put a prefix and a colon before the same scheme: headers ``h<n>:`` and footers
  ``f<n>:`` (numbered in the order the sections first refer to them), footnotes ``fn<id>:`` and
  endnotes ``en<id>:`` (Word's note id), text boxes ``<paragraph id>:x<n>:`` (the n-th text box
  anchored in that paragraph). Examples: ``h0:p1``, ``f0:t0.0.2.0``, ``fn3:p0``, ``p12:x0:p0``.

:attr:`Document.paragraphs` lists the body first (table cells in document order), then headers,
footers, footnotes, endnotes and text boxes.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from lxml import etree

from desktop.core.document.collector import collector_paused
from desktop.core.document.errors import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
    MacroDocumentError,
    NotDocxError,
    SaveFailedError,
    SaveRefusedError,
    SourceChangedError,
    StrictOoxmlError,
    TooLargeDocumentError,
    UnreadableDocumentError,
    UnsafeDocumentError,
)
from desktop.core.document.ooxml import (
    MC_ALTERNATE,
    MC_CHOICE,
    R_NS,
    REVISION_TAGS,
    W_BODY,
    W_CUSTOM_XML,
    W_FOOTER_REF,
    W_GRID_BEFORE,
    W_GRID_SPAN,
    W_HEADER_REF,
    W_P,
    W_PPR,
    W_SDT,
    W_SDT_CONTENT,
    W_SECTPR,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    W_TYPE,
    W_VAL,
    parse_xml,
    w,
)
from desktop.core.document.package import open_package
from desktop.core.document.styles import StyleSheet
from desktop.core.document.text import (
    Lock,
    Segment,
    lock_reason,
    sdt_locked,
    segment_at,
    segment_start,
    walk_paragraph,
)
from desktop.core.i18n import _

__all__ = [
    "CorruptDocumentError",
    "Document",
    "DocumentError",
    "EncryptedDocumentError",
    "MacroDocumentError",
    "NotDocxError",
    "Paragraph",
    "ParagraphKind",
    "SaveFailedError",
    "SaveRefusedError",
    "SourceChangedError",
    "Span",
    "StoryPart",
    "StrictOoxmlError",
    "TooLargeDocumentError",
    "UnreadableDocumentError",
    "UnsafeDocumentError",
    "open_document",
]

#: Deepest nesting of tables and content controls the reader follows.
MAX_NESTING = 40

_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


class ParagraphKind(StrEnum):
    """Where a paragraph lives. Tables in headers, footers and notes keep their story's kind."""

    BODY = "body"
    TABLE_CELL = "table_cell"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    TEXTBOX = "textbox"


class Span(NamedTuple):
    """A stretch ``[start, end)`` of live text with some formatting (only formatted stretches).

    (A named tuple: building frozen dataclasses took ~1 ms of reading 100 pages.)
    """

    start: int
    end: int
    bold: bool
    italic: bool
    underline: bool


@dataclass(frozen=True, eq=False)
class StoryPart:
    """An XML part that holds paragraphs: the main document, a header, footer or notes part."""

    partname: str
    root: etree._Element
    #: python-docx's part; for parts python-docx does not parse (notes), ``root`` is our own parse.
    part: Part


@dataclass(eq=False)
class Paragraph:
    """One paragraph's live text and where every character of it comes from."""

    id: str
    kind: ParagraphKind
    text: str
    style_name: str | None
    heading_level: int | None
    #: 0-8 when the paragraph is in a numbered or bulleted list, else None.
    list_level: int | None
    #: The list's number format ("bullet", "decimal", "lowerLetter", ...), None outside lists.
    list_format: str | None
    #: (table index, row, grid column) for paragraphs in table cells.
    table: tuple[int, int, int] | None
    spans: tuple[Span, ...]
    story: StoryPart = field(repr=False)
    element: etree._Element = field(repr=False)
    segments: tuple[Segment, ...] = field(repr=False)
    #: Why the whole paragraph is read-only (a text box, a locked content control), if it is.
    lock: Lock | None = field(default=None, repr=False)
    #: Complex fields open at the paragraph's start (the writer re-reads the paragraph with them).
    fields: tuple[bool, ...] = field(default=(), repr=False)

    def lock_reason(self, start: int, end: int) -> str | None:
        """Why ``[start, end)`` cannot be changed (Dutch), or None when it can.

        An empty range (an insertion point) is writable when a writable character next to it, or
        the paragraph itself if it is empty and not inside a field, can take the insertion.
        """
        if not 0 <= start <= end <= len(self.text):
            return _out_of_range()
        if self.lock is not None:
            return lock_reason(self.lock)
        if not self.segments and self.fields:
            return lock_reason(Lock.FIELD)
        if start == end:
            return self._insertion_reason(start)
        for segment in self.segments[self._index(start) :]:
            if segment.start >= end:
                break
            if segment.lock is not None:
                return lock_reason(segment.lock, segment.author)
        return None

    def _insertion_reason(self, offset: int) -> str | None:
        if not self.segments:
            return None
        before = segment_at(self.segments, offset - 1) if offset > 0 else None
        after = segment_at(self.segments, offset) if offset < len(self.text) else None
        for neighbour in (before, after):
            if neighbour is not None and neighbour.lock is None:
                return None
        for neighbour in (before, after):
            if neighbour is not None and neighbour.lock is not None:
                return lock_reason(neighbour.lock, neighbour.author)
        return _out_of_range()

    def writable(self, start: int, end: int) -> bool:
        """True when a suggestion may replace ``[start, end)`` (or insert at ``start == end``)."""
        return self.lock_reason(start, end) is None

    def locate(self, offset: int) -> tuple[etree._Element, etree._Element, int]:
        """(run, node, offset in the node's text) of character ``offset`` of the live text."""
        segment = segment_at(self.segments, offset)
        return segment.run, segment.node, offset - segment.start

    def _index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.segments, offset, key=segment_start) - 1, 0)


def _out_of_range() -> str:
    return _("Deze plaats bestaat niet (meer) in de alinea.")


@dataclass(eq=False)
class Document:
    """An opened .docx: its paragraphs, and what the writer needs to write a changed copy."""

    path: Path
    #: SHA-256 of the file's bytes when it was opened; the writer refuses if the file changed.
    sha256: str
    #: python-docx's document (read-only for everyone: the writer works on copies of its parts).
    docx: DocxDocument = field(repr=False)
    paragraphs: list[Paragraph] = field(repr=False)
    stories: list[StoryPart] = field(repr=False)
    has_tracked_changes: bool
    has_comments: bool
    _by_id: dict[str, Paragraph] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {paragraph.id: paragraph for paragraph in self.paragraphs}

    def paragraph(self, paragraph_id: str) -> Paragraph:
        """The paragraph with ``paragraph_id`` (KeyError when there is none)."""
        return self._by_id[paragraph_id]

    def texts(self) -> dict[str, str]:
        """Paragraph id -> live text, in :attr:`paragraphs` order."""
        return {paragraph.id: paragraph.text for paragraph in self.paragraphs}

    @property
    def word_count(self) -> int:
        """Words as Word's status bar counts them: body, tables, notes and text boxes."""
        return sum(
            sum(1 for token in paragraph.text.split() if any(c.isalnum() for c in token))
            for paragraph in self.paragraphs
            if paragraph.kind not in (ParagraphKind.HEADER, ParagraphKind.FOOTER)
        )


def open_document(path: Path) -> Document:
    """Open and read ``path``.

    Raises a :class:`DocumentError` subclass with a Dutch message when the file is missing, not a
    .docx, encrypted, Strict Open XML, macro-enabled, damaged, too large or unsafe.
    """
    path = Path(path)
    with collector_paused():
        package = open_package(path)
        try:
            return read_document(path, package.sha256, package.docx)
        except RecursionError as exc:
            raise CorruptDocumentError.for_path(path, "nesting too deep") from exc


def read_document(path: Path, sha256: str, document: DocxDocument) -> Document:
    """Build the paragraph model of an already opened python-docx document."""
    reader = _Reader(path, document)
    paragraphs = reader.read()
    return Document(
        path=path,
        sha256=sha256,
        docx=document,
        paragraphs=paragraphs,
        stories=reader.stories,
        has_tracked_changes=any(next(story.root.iter(*REVISION_TAGS), None) is not None for story in reader.stories),
        has_comments=reader.has_comments,
    )


@dataclass
class _Cell:
    table: int
    row: int
    column: int
    count: int = 0


class _Reader:
    """Walks every story of a document in the documented order."""

    def __init__(self, path: Path, document: DocxDocument) -> None:
        self.path = path
        self.main = document.part
        self.stories: list[StoryPart] = []
        self.has_comments = False
        self.styles = StyleSheet(self._xml_of(RT.STYLES), self._xml_of(RT.NUMBERING))
        self.paragraphs: list[Paragraph] = []
        self.textboxes: deque[tuple[str, etree._Element, StoryPart]] = deque()

    def _xml_of(self, reltype: str) -> etree._Element | None:
        part = self._related(self.main, reltype)
        return self._root(part) if part is not None else None

    def _related(self, source: Part, reltype: str) -> Part | None:
        for rel in source.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                return rel.target_part
        return None

    def _root(self, part: Part) -> etree._Element:
        if isinstance(part, XmlPart):
            return part.element
        try:
            return parse_xml(part.blob)
        except etree.XMLSyntaxError as exc:
            raise CorruptDocumentError.for_path(self.path, f"{part.partname}: {exc}") from exc

    def _story(self, part: Part) -> StoryPart:
        story = StoryPart(partname=str(part.partname), root=self._root(part), part=part)
        self.stories.append(story)
        return story

    def read(self) -> list[Paragraph]:
        body_story = self._story(self.main)
        body = body_story.root.find(W_BODY)
        if body is not None:
            _StoryWalker(self, body_story, ParagraphKind.BODY, "").blocks(body, None, None, 0)
        headers, footers = self._header_footer_parts(body_story.root)
        for kind, prefix, parts in (
            (ParagraphKind.HEADER, "h", headers),
            (ParagraphKind.FOOTER, "f", footers),
        ):
            for n, part in enumerate(parts):
                story = self._story(part)
                _StoryWalker(self, story, kind, f"{prefix}{n}:").blocks(story.root, None, None, 0)
        for kind, prefix, reltype, tag in (
            (ParagraphKind.FOOTNOTE, "fn", RT.FOOTNOTES, w("footnote")),
            (ParagraphKind.ENDNOTE, "en", RT.ENDNOTES, w("endnote")),
        ):
            notes = self._related(self.main, reltype)
            if notes is None:
                continue
            story = self._story(notes)
            for note in story.root.iter(tag):
                if note.get(W_TYPE) not in _NOTE_SEPARATORS:
                    walker = _StoryWalker(self, story, kind, f"{prefix}{note.get(w('id'), '')}:")
                    walker.blocks(note, None, None, 0)
        while self.textboxes:
            prefix, box, story = self.textboxes.popleft()
            _StoryWalker(self, story, ParagraphKind.TEXTBOX, prefix, Lock.TEXTBOX).blocks(box, None, None, 0)
        comments = self._related(self.main, RT.COMMENTS)
        self.has_comments = comments is not None and next(self._root(comments).iter(w("comment")), None) is not None
        return self.paragraphs

    def _header_footer_parts(self, root: etree._Element) -> tuple[list[Part], list[Part]]:
        """Header and footer parts in the order the sections first refer to them."""
        headers: dict[str, Part] = {}
        footers: dict[str, Part] = {}
        related = self.main.related_parts
        for sectpr in root.iter(W_SECTPR):
            parent = sectpr.getparent()
            if parent is not None and parent.tag == w("sectPrChange"):
                continue
            for ref in sectpr:
                target = headers if ref.tag == W_HEADER_REF else footers if ref.tag == W_FOOTER_REF else None
                rid = ref.get(f"{{{R_NS}}}id")
                if target is None or rid not in related:
                    continue
                part = related[rid]
                target.setdefault(str(part.partname), part)
        return list(headers.values()), list(footers.values())


class _StoryWalker:
    """Reads the paragraphs of one story (body, header, footer, note or text box)."""

    def __init__(
        self, reader: _Reader, story: StoryPart, kind: ParagraphKind, prefix: str, lock: Lock | None = None
    ) -> None:
        self.reader = reader
        self.story = story
        self.kind = kind
        self.prefix = prefix
        self.lock = lock
        self.plain = 0
        self.tables = 0
        self.fields: tuple[bool, ...] = ()

    def blocks(self, container: etree._Element, cell: _Cell | None, lock: Lock | None, depth: int) -> None:
        if depth > MAX_NESTING:
            raise RecursionError("nesting too deep")
        for child in container:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, cell, lock or self.lock)
            elif tag == W_TBL:
                self.table(child, lock, depth + 1)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    inner = lock or (Lock.CONTENT_CONTROL if sdt_locked(child) else None)
                    self.blocks(content, cell, inner, depth + 1)
            elif tag == W_CUSTOM_XML:
                self.blocks(child, cell, lock, depth + 1)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, cell, lock or Lock.OBJECT, depth + 1)

    def table(self, table: etree._Element, lock: Lock | None, depth: int) -> None:
        index = self.tables
        self.tables += 1
        for row_index, (row, row_wrapped) in enumerate(_wrapped_children(table, W_TR)):
            row_lock = lock or (Lock.CONTENT_CONTROL if row_wrapped else None)
            trpr = row.find(W_TRPR)
            if (
                row_lock is None
                and trpr is not None
                and (trpr.find(w("ins")) is not None or trpr.find(w("del")) is not None)
            ):
                row_lock = Lock.REVISION
            column = _int_val(trpr.find(W_GRID_BEFORE) if trpr is not None else None, 0)
            for cell, cell_wrapped in _wrapped_children(row, W_TC):
                cell_lock = row_lock or (Lock.CONTENT_CONTROL if cell_wrapped else None)
                self.blocks(cell, _Cell(index, row_index, column), cell_lock, depth + 1)
                tcpr = cell.find(W_TCPR)
                column += max(_int_val(tcpr.find(W_GRID_SPAN) if tcpr is not None else None, 1), 1)

    def paragraph(self, element: etree._Element, cell: _Cell | None, lock: Lock | None) -> None:
        if cell is None:
            pid = f"{self.prefix}p{self.plain}"
            self.plain += 1
            table = None
        else:
            pid = f"{self.prefix}t{cell.table}.{cell.row}.{cell.column}.{cell.count}"
            cell.count += 1
            table = (cell.table, cell.row, cell.column)
        fields_at_start = self.fields
        styles = self.reader.styles
        first = element[0] if len(element) else None
        ppr = first if first is not None and first.tag == W_PPR else None  # pPr comes first
        look = styles.describe(ppr)
        walk = walk_paragraph(element, fields_at_start, lock, styles.formatter(look.style_id))
        self.fields = walk.fields
        kind = ParagraphKind.TABLE_CELL if table is not None and self.kind is ParagraphKind.BODY else self.kind
        self.reader.paragraphs.append(
            Paragraph(
                id=pid,
                kind=kind,
                text=walk.text,
                style_name=look.style_name,
                heading_level=look.heading_level,
                list_level=look.list_level,
                list_format=look.list_format,
                table=table,
                spans=_spans(walk.segments, walk.formats),
                story=self.story,
                element=element,
                segments=walk.segments,
                lock=lock,
                fields=fields_at_start,
            )
        )
        for n, box in enumerate(walk.textboxes):
            self.reader.textboxes.append((f"{pid}:x{n}:", box, self.story))


def _wrapped_children(container: etree._Element, tag: str) -> Iterator[tuple[etree._Element, bool]]:
    """Children with ``tag``, also those inside content controls and custom XML (flagged True)."""
    for child in container:
        if child.tag == tag:
            yield child, False
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from ((element, True) for element, _wrapped in _wrapped_children(content, tag))
        elif child.tag == W_CUSTOM_XML:
            yield from _wrapped_children(child, tag)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(W_VAL, default))
    except ValueError:
        return default


def _spans(segments: tuple[Segment, ...], formats: tuple[tuple[bool, bool, bool], ...]) -> tuple[Span, ...]:
    """Merged stretches of bold, italic or underlined live text."""
    spans = []
    start = end = -1
    current: tuple[bool, bool, bool] | None = None
    for segment, flags in zip(segments, formats, strict=True):
        if flags == current and end == segment.start:
            end = segment.end
            continue
        if current is not None and True in current:
            spans.append(Span(start, end, *current))
        start, end, current = segment.start, segment.end, flags
    if current is not None and True in current:
        spans.append(Span(start, end, *current))
    return tuple(spans)
