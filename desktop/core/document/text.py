"""The live text of one paragraph and the map from every character back to its XML.

"Live" text is what Word shows with all markup visible: inserted text (``w:ins``, ``w:moveTo``) is
part of it, deleted text (``w:del``, ``w:moveFrom``) is not, a field shows its result and not its
code. Every character of the live text comes from exactly one :class:`Segment`: a run of text in
one ``w:t`` element, or one special element that stands for one character:

=====================================  ===========================================
``w:tab``, ``w:ptab``                  ``"\\t"``
``w:br``, ``w:cr``                     ``"\\n"``
``w:noBreakHyphen``                    U+2011 non-breaking hyphen
``w:softHyphen``                       U+00AD soft hyphen
``w:sym``                              the symbol's character (often private use)
drawings, pictures, objects, formulas,  :data:`OBJECT` (U+FFFC), never writable
note references, ruby, alternate content
=====================================  ===========================================

Bookmarks, comment ranges, proofing marks and field codes take no characters, so they never shift
offsets. Each segment records whether it may be written and, if not, why (:class:`Lock`).
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import NamedTuple

from lxml import etree

from desktop.core.document.ooxml import (
    M_OMATH,
    M_OMATH_PARA,
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    W_AUTHOR,
    W_BDO,
    W_BR,
    W_CHAR,
    W_CR,
    W_CUSTOM_XML,
    W_DIR,
    W_DRAWING,
    W_ENDNOTE_MARK,
    W_ENDNOTE_REF,
    W_FLD_CHAR,
    W_FLD_CHAR_TYPE,
    W_FLD_SIMPLE,
    W_FOOTNOTE_MARK,
    W_FOOTNOTE_REF,
    W_HYPERLINK,
    W_INS,
    W_MOVE_TO,
    W_NO_BREAK_HYPHEN,
    W_OBJECT,
    W_PICT,
    W_PTAB,
    W_R,
    W_RPR,
    W_RUBY,
    W_SDT,
    W_SDT_CONTENT,
    W_SDT_PR,
    W_SMART_TAG,
    W_SOFT_HYPHEN,
    W_SYM,
    W_T,
    W_TAB,
    W_TXBX_CONTENT,
    W_VAL,
    is_on,
    w,
)
from desktop.core.i18n import _

#: The character that stands for an object (drawing, formula, note reference) in the live text.
OBJECT = "\ufffc"

_SIMPLE_CHARS = {
    W_TAB: "\t",
    W_PTAB: "\t",
    W_BR: "\n",
    W_CR: "\n",
    W_NO_BREAK_HYPHEN: "\u2011",
    W_SOFT_HYPHEN: "\u00ad",
}
_OBJECT_TAGS = frozenset(
    {
        W_DRAWING,
        W_PICT,
        W_OBJECT,
        W_FOOTNOTE_REF,
        W_ENDNOTE_REF,
        W_FOOTNOTE_MARK,
        W_ENDNOTE_MARK,
        W_RUBY,
        MC_ALTERNATE,
    }
)
_TRANSPARENT = frozenset({W_HYPERLINK, W_SMART_TAG, W_CUSTOM_XML, W_DIR, W_BDO})
_LOCKING_SDT_TYPES = tuple(
    w(name) for name in ("dropDownList", "comboBox", "date", "picture", "dataBinding", "citation", "bibliography")
)
_W16SE = "http://schemas.microsoft.com/office/word/2015/wordml/symex"
_W16SE_SYMEX = f"{{{_W16SE}}}symEx"
_W14_CHECKBOX = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"


class Lock(StrEnum):
    """Why text may not be written."""

    REVISION = "revision"
    FIELD = "field"
    CONTENT_CONTROL = "content_control"
    OBJECT = "object"
    TEXTBOX = "textbox"


def lock_reason(lock: Lock, author: str | None = None) -> str:
    """The Dutch explanation shown when a suggestion touches text with ``lock``."""
    if lock is Lock.REVISION:
        if author:
            return _("Deze tekst is al een bijgehouden wijziging van {author}.").format(author=author)
        return _("Deze tekst is al een bijgehouden wijziging.")
    if lock is Lock.FIELD:
        return _(
            "Deze tekst is de uitkomst van een veld (zoals een datum, paginanummer of inhoudsopgave) "
            "en wordt door Word opnieuw berekend."
        )
    if lock is Lock.CONTENT_CONTROL:
        return _("Deze tekst staat in een vergrendeld of gekoppeld invulveld, of is voorbeeldtekst.")
    if lock is Lock.OBJECT:
        return _("Hier staat een object (afbeelding, formule of voetnootverwijzing), geen tekst.")
    return _("Tekst in een tekstvak kan Schrijfhulp niet als bijgehouden wijziging schrijven.")


class Segment(NamedTuple):
    """Characters ``[start, end)`` of the live text, taken from ``node`` of ``run``.

    For a ``w:t`` node the characters are all of ``node.text``; any other node stands for exactly
    one character. ``run`` is the ``w:r`` (or the math element) that holds
    ``node``. (A named tuple: paragraphs have thousands of these.)
    """

    start: int
    end: int
    run: etree._Element
    node: etree._Element
    lock: Lock | None
    author: str | None


class Walk(NamedTuple):
    """The result of reading one paragraph (a named tuple: one per paragraph of a long document)."""

    text: str
    segments: tuple[Segment, ...]
    #: ``w:txbxContent`` elements anchored in this paragraph, in order.
    textboxes: tuple[etree._Element, ...]
    #: Complex fields still open at the end of the paragraph (True: showing its result).
    fields: tuple[bool, ...]
    #: (bold, italic, underline) of each segment, when a run formatter was given.
    formats: tuple[tuple[bool, bool, bool], ...] = ()


#: A segment's start (the key to find a segment by offset with :mod:`bisect`).
segment_start = operator.itemgetter(0)

#: Effective (bold, italic, underline) of a run, from its ``w:rPr`` (None when it has none).
RunFormatter = Callable[[etree._Element | None], tuple[bool, bool, bool]]
_PLAIN = (False, False, False)


def segment_at(segments: Sequence[Segment], offset: int) -> Segment:
    """The segment holding character ``offset`` (which must exist)."""
    index = bisect.bisect_right(segments, offset, key=segment_start) - 1
    segment = segments[index]
    if not segment.start <= offset < segment.end:
        raise IndexError(offset)
    return segment


def sdt_locked(sdt: etree._Element) -> bool:
    """True for a content control whose text must not be edited as plain text."""
    properties = sdt.find(W_SDT_PR)
    if properties is None:
        return False
    lock = properties.find(w("lock"))
    if lock is not None and lock.get(W_VAL) in ("contentLocked", "sdtContentLocked"):
        return True
    if is_on(properties.find(w("showingPlcHdr"))):
        return True
    return any(properties.find(tag) is not None for tag in (*_LOCKING_SDT_TYPES, _W14_CHECKBOX))


def textboxes_in(element: etree._Element) -> list[etree._Element]:
    """``w:txbxContent`` elements directly inside ``element`` (not in fallbacks, not nested)."""
    found = []
    for box in element.iter(W_TXBX_CONTENT):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not element:
            if ancestor.tag in (MC_FALLBACK, W_TXBX_CONTENT):
                break
            ancestor = ancestor.getparent()
        else:
            found.append(box)
    return found


class _Walker:
    __slots__ = (
        "fields",
        "format",
        "formats",
        "formatter",
        "in_field",
        "parts",
        "pos",
        "segments",
        "shown",
        "textboxes",
    )

    def __init__(self, fields: tuple[bool, ...], formatter: RunFormatter | None) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.textboxes: list[etree._Element] = []
        self.fields = list(fields)
        self.pos = 0
        self.formatter = formatter
        self.formats: list[tuple[bool, bool, bool]] = []
        self.format = _PLAIN
        if fields:
            self._update_fields()
        else:
            self.shown = True
            self.in_field = False

    def _update_fields(self) -> None:
        # Text is shown unless some open field is still in its code; shown field text is locked.
        self.shown = all(self.fields)
        self.in_field = bool(self.fields)

    def add(self, text: str, run: etree._Element, node: etree._Element, lock: Lock | None, author: str | None) -> None:
        if not self.shown:
            return
        if lock is None and self.in_field:
            lock = Lock.FIELD
        start = self.pos
        self.pos = end = start + len(text)
        self.parts.append(text)
        self.segments.append(Segment(start, end, run, node, lock, author))
        self.formats.append(self.format)

    def content(self, parent: etree._Element, lock: Lock | None, author: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self.run(child, lock, author)
            elif tag in _TRANSPARENT:
                self.content(child, lock, author)
            elif tag == W_FLD_SIMPLE:
                self.content(child, lock or Lock.FIELD, author)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    inner = lock or (Lock.CONTENT_CONTROL if sdt_locked(child) else None)
                    self.content(content, inner, author)
            elif tag in (W_INS, W_MOVE_TO):
                if lock is None:
                    self.content(child, Lock.REVISION, child.get(W_AUTHOR, ""))
                else:
                    self.content(child, lock, author)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.content(choice, Lock.OBJECT, None)
            elif tag in (M_OMATH, M_OMATH_PARA):
                self.format = _PLAIN
                self.add(OBJECT, child, child, Lock.OBJECT, None)
            # w:del, w:moveFrom, pPr, bookmarks, comment ranges, proofing and permission marks
            # hold no live text.

    def run(self, run: etree._Element, lock: Lock | None, author: str | None) -> None:
        if self.formatter is not None:
            # w:rPr is the first child of a run when present (ISO/IEC 29500-1 §17.3.2.25).
            first = run[0] if len(run) else None
            self.format = self.formatter(first if first is not None and first.tag == W_RPR else None)
        for child in run:
            tag = child.tag
            if tag == W_T:
                # The common case, inlined from add(): paragraphs are mostly runs of text.
                text = child.text
                if text and self.shown:
                    start = self.pos
                    self.pos = end = start + len(text)
                    self.parts.append(text)
                    self.segments.append(
                        Segment(start, end, run, child, Lock.FIELD if lock is None and self.in_field else lock, author)
                    )
                    self.formats.append(self.format)
            elif tag == W_RPR:
                continue
            elif tag in _SIMPLE_CHARS:
                self.add(_SIMPLE_CHARS[tag], run, child, lock, author)
            elif tag == W_FLD_CHAR:
                self.field_char(child.get(W_FLD_CHAR_TYPE))
            elif tag == W_SYM:
                self.add(_symbol(child), run, child, lock, author)
            elif tag in _OBJECT_TAGS:
                self.add(_object_character(child), run, child, Lock.OBJECT, None)
                self.textboxes.extend(textboxes_in(child))

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()
        self._update_fields()


def _object_character(element: etree._Element) -> str:
    """OBJECT, or the symbol an alternate-content emoji (``w16se:symEx``) stands for."""
    if element.tag == MC_ALTERNATE:
        symbol = element.find(f"{MC_CHOICE}/{_W16SE_SYMEX}")
        if symbol is not None:
            return _symbol(symbol, f"{{{_W16SE}}}char")
    return OBJECT


def _symbol(sym: etree._Element, attribute: str = W_CHAR) -> str:
    try:
        code = int(sym.get(attribute, ""), 16)
    except ValueError:
        return OBJECT
    return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else OBJECT


def walk_paragraph(
    paragraph: etree._Element,
    fields: tuple[bool, ...] = (),
    lock: Lock | None = None,
    formatter: RunFormatter | None = None,
) -> Walk:
    """Read the live text of a ``w:p`` and map each character to its XML.

    ``fields`` are the complex fields open at the paragraph's start (fields such as a table of
    contents span paragraphs); ``lock`` applies to the whole paragraph (a text box, say);
    ``formatter``, if given, gives each segment's display formatting in the same pass.
    """
    walker = _Walker(fields, formatter)
    walker.content(paragraph, lock, None)
    return Walk(
        "".join(walker.parts),
        tuple(walker.segments),
        tuple(walker.textboxes),
        tuple(walker.fields),
        tuple(walker.formats),
    )
