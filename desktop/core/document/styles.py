"""What a paragraph looks like: its style name, heading level, list level and run formatting.

Resolves styles the way Word does for the properties the user interface renders: direct
formatting first, then the character style and its ``basedOn`` chain, then the paragraph style and
its chain, then the document defaults. (Word's toggle semantics for bold and italic in nested
styles are not modelled; the first explicit value wins.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from desktop.core.document.ooxml import W_PPR, W_PSTYLE, W_RPR, W_RSTYLE, W_TYPE, W_VAL, is_on, w

W_STYLE = w("style")
W_STYLE_ID = w("styleId")
W_NAME = w("name")
W_BASED_ON = w("basedOn")
W_DEFAULT = w("default")
W_OUTLINE_LVL = w("outlineLvl")
W_NUMPR = w("numPr")
W_NUM_ID = w("numId")
W_ILVL = w("ilvl")

_HEADING_NAME = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class ParagraphLook:
    """What the document view needs to show a paragraph's kind."""

    style_id: str | None
    style_name: str | None
    heading_level: int | None
    list_level: int | None
    list_format: str | None


@dataclass(frozen=True)
class _Style:
    name: str
    kind: str
    based_on: str | None
    element: etree._Element


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class StyleSheet:
    """The styles and numbering parts of one document (either may be missing)."""

    def __init__(self, styles: etree._Element | None, numbering: etree._Element | None) -> None:
        # Style elements by id; a style's name and basedOn are read when a paragraph first uses it
        # (a template defines a hundred or more styles, a document uses a few).
        self._elements: dict[str, etree._Element] = {}
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self._defaults: etree._Element | None = None
        if styles is not None:
            for element in styles.iter(W_STYLE):
                style_id = element.get(W_STYLE_ID)
                if style_id is None:
                    continue
                self._elements[style_id] = element
                is_default = element.get(W_DEFAULT) in ("1", "true", "on")
                if is_default and self.default_paragraph is None and element.get(W_TYPE, "paragraph") == "paragraph":
                    self.default_paragraph = style_id
            self._defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{W_RPR}")
        self._numbering = _Numbering(numbering)
        self._format_cache: dict[tuple[str | None, str | None], tuple[bool | None, ...]] = {}
        self._look_cache: dict[str, tuple[int | None, str | None, str | None]] = {}
        self._looks: dict[tuple[str | None, int | None, str | None, str | None], ParagraphLook] = {}
        self._formatters: dict[str | None, Callable[[etree._Element | None], tuple[bool, bool, bool]]] = {}

    def _style(self, style_id: str) -> _Style | None:
        """The style with ``style_id``, None when the document defines none."""
        style = self._styles.get(style_id)
        if style is None:
            element = self._elements.get(style_id)
            if element is None:
                return None
            name_el = element.find(W_NAME)
            based = element.find(W_BASED_ON)
            style = self._styles[style_id] = _Style(
                name=name_el.get(W_VAL, style_id) if name_el is not None else style_id,
                kind=element.get(W_TYPE, "paragraph"),
                based_on=based.get(W_VAL) if based is not None else None,
                element=element,
            )
        return style

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            style = self._style(style_id)
            if style is None:
                break
            seen.add(style_id)
            chain.append(style)
            style_id = style.based_on
        return chain

    def describe(self, ppr: etree._Element | None) -> ParagraphLook:
        """Style, heading level and list membership of a paragraph with properties ``ppr``."""
        style_id = outline = num_id = ilvl = None
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == W_PSTYLE:
                    style_id = child.get(W_VAL) or None
                elif tag == W_OUTLINE_LVL:
                    outline = _int(child.get(W_VAL))
                elif tag == W_NUMPR:
                    num_id, ilvl = _val(child, W_NUM_ID), _val(child, W_ILVL)
        key = (style_id, outline, num_id, ilvl)
        look = self._looks.get(key)
        if look is None:
            look = self._looks[key] = self._look(style_id, outline, num_id, ilvl)
        return look

    def _look(self, style_id: str | None, outline: int | None, num_id: str | None, ilvl: str | None) -> ParagraphLook:
        """What :meth:`describe` returns for the paragraph properties it read (cached by it)."""
        if style_id is None:
            style_id = self.default_paragraph
        style_heading, style_num_id, style_ilvl = self._style_look(style_id)
        heading = _outline_heading(outline) if outline is not None else style_heading
        if num_id is None:
            num_id = style_num_id
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":
            list_level = list_format = None
        else:
            list_level = _int(ilvl) or 0
            list_format = self._numbering.format(num_id, list_level)
        return ParagraphLook(style_id, self.style_name(style_id), heading, list_level, list_format)

    def _style_look(self, style_id: str | None) -> tuple[int | None, str | None, str | None]:
        """(heading level, numId, ilvl) a paragraph style gives, following ``basedOn``; cached."""
        key = style_id or ""
        if key not in self._look_cache:
            chain = self._chain(style_id)
            level = None
            for style in chain:
                level = _int(_val(style.element.find(W_PPR), W_OUTLINE_LVL))
                if level is not None:
                    break
            heading = _outline_heading(level)
            if level is None:
                matches = (_HEADING_NAME.match(style.name) for style in chain)
                heading = next((int(m.group(1)) for m in matches if m), None)
            num_id = ilvl = None
            for style in chain:
                numpr = style.element.find(f"{W_PPR}/{W_NUMPR}")
                num_id = _val(numpr, W_NUM_ID)
                if num_id is not None:
                    ilvl = _val(numpr, W_ILVL)
                    break
            self._look_cache[key] = (heading, num_id, ilvl)
        return self._look_cache[key]

    def style_name(self, style_id: str | None) -> str | None:
        """The display name of a style (the id when the style is not defined)."""
        if style_id is None:
            return None
        style = self._style(style_id)
        return style.name if style is not None else style_id

    def formatter(self, paragraph_style: str | None) -> Callable[[etree._Element | None], tuple[bool, bool, bool]]:
        """:meth:`run_format` for runs in paragraphs of ``paragraph_style`` (one function per style, reused)."""
        formatter = self._formatters.get(paragraph_style)
        if formatter is None:
            plain = self._plain_run(paragraph_style)
            run_format = self.run_format

            def formatter(rpr: etree._Element | None) -> tuple[bool, bool, bool]:
                return plain if rpr is None else run_format(rpr, paragraph_style)

            self._formatters[paragraph_style] = formatter
        return formatter

    def run_format(self, rpr: etree._Element | None, paragraph_style: str | None) -> tuple[bool, bool, bool]:
        """(bold, italic, underline) of a run with properties ``rpr`` in a paragraph style."""
        if rpr is None:
            return self._plain_run(paragraph_style)
        char_style, bold, italic, underline = _direct(rpr)
        if bold is None or italic is None or underline is None:
            inherited = self._inherited(char_style, paragraph_style)
            bold = inherited[0] if bold is None else bold
            italic = inherited[1] if italic is None else italic
            underline = inherited[2] if underline is None else underline
        return bool(bold), bool(italic), bool(underline)

    def _plain_run(self, paragraph_style: str | None) -> tuple[bool, bool, bool]:
        """The format of a run without properties: what its paragraph style gives."""
        bold, italic, underline = self._inherited(None, paragraph_style)
        return bool(bold), bool(italic), bool(underline)

    def _inherited(self, char_style: str | None, paragraph_style: str | None) -> tuple[bool | None, ...]:
        key = (char_style, paragraph_style)
        cached = self._format_cache.get(key)
        if cached is not None:
            return cached
        values: list[bool | None] = [None, None, None]
        sources = [s.element.find(W_RPR) for s in self._chain(char_style)]
        sources += [s.element.find(W_RPR) for s in self._chain(paragraph_style)]
        sources.append(self._defaults)
        for source in sources:
            for i, value in enumerate(_direct(source)[1:]):
                if values[i] is None:
                    values[i] = value
        result = tuple(values)
        self._format_cache[key] = result
        return result


def _outline_heading(level: int | None) -> int | None:
    """Heading level 1-9 for outline level 0-8 (9 and beyond are body text)."""
    return level + 1 if level is not None and 0 <= level <= 8 else None


def _val(parent: etree._Element | None, tag: str) -> str | None:
    """The ``w:val`` of ``parent``'s child ``tag``, None when either is missing."""
    if parent is None:
        return None
    child = parent.find(tag)
    return child.get(W_VAL) if child is not None else None


_B, _I, _U = w("b"), w("i"), w("u")


def _direct(rpr: etree._Element | None) -> tuple[str | None, bool | None, bool | None, bool | None]:
    """(character style, bold, italic, underline) set directly in ``rpr`` (None where not set)."""
    style = None
    bold = italic = underline = None
    if rpr is not None:
        for child in rpr:
            tag = child.tag
            if tag == W_RSTYLE:
                style = child.get(W_VAL)
            elif tag == _B:
                bold = is_on(child)
            elif tag == _I:
                italic = is_on(child)
            elif tag == _U:
                underline = child.get(W_VAL, "single") != "none"
    return style, bold, italic, underline


class _Numbering:
    """numbering.xml: which number format a list level uses."""

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, etree._Element] = {}
        self._nums: dict[str, etree._Element] = {}
        if root is None:
            return
        for element in root.iter(w("abstractNum")):
            self._abstract[element.get(w("abstractNumId"), "")] = element
        for element in root.iter(w("num")):
            self._nums[element.get(w("numId"), "")] = element

    def format(self, num_id: str, level: int) -> str | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        for override in num.iter(w("lvlOverride")):
            if override.get(W_ILVL) == str(level):
                fmt = override.find(f"{w('lvl')}/{w('numFmt')}")
                if fmt is not None:
                    return fmt.get(W_VAL)
        abstract_ref = num.find(w("abstractNumId"))
        abstract = self._abstract.get(abstract_ref.get(W_VAL, "") if abstract_ref is not None else "")
        if abstract is None:
            return None
        for lvl in abstract.iter(w("lvl")):
            if lvl.get(W_ILVL) == str(level):
                fmt = lvl.find(w("numFmt"))
                return fmt.get(W_VAL, "decimal") if fmt is not None else "decimal"
        return None
