"""Tracked changes inside runs of plain text, written as markup parsed once per save.

Most suggestions replace a word or a few words inside one run that holds nothing but its
formatting and one ``w:t`` (a spelling fix, a shorter phrase). For a paragraph whose every hunk
is such a replacement, :class:`SimpleChanges` writes exactly what the general writer
(:func:`desktop.core.document.revisions.apply_changes`) writes, with a fraction of its lxml
operations: the run keeps the text before the first cut, and what follows it (the deleted pieces
in ``w:del``, the insertions in ``w:ins``, the rest of the text in runs like the first) is written
as markup; the markup of all such paragraphs is parsed in one go. Only the copies of the run's
``w:rPr`` are made with lxml (serializing a run's properties costs more than copying them), and
the text of the pieces no hunk covers is set after parsing (a long run's rest costs more to
parse than to set). A run of several ``w:t`` (lines with a break) may be cut in each: as in the
general writer, the texts after the first cut one move to the last new run written for it, where
the next cut finds them. The ids come from the same allocator in the same order (per hunk: the
deletion's, then the insertion's). Any other paragraph (an insertion, a hunk across runs or
containers, a run with a tab, a field or an object, a clean copy, a run attribute outside the
``w`` namespace, a cut that would split a neighbouring run) is left to the general writer,
untouched.

tests/core/document/test_simple_changes.py writes random paragraphs both ways and compares
every part byte for byte."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from lxml import etree

from desktop.core.document.ooxml import (
    SAFE_PARSER,
    W_DEL,
    W_DEL_TEXT,
    W_INS,
    W_MOVE_FROM,
    W_MOVE_TO,
    W_NS,
    W_R,
    W_RPR,
    W_RPR_CHANGE,
    W_T,
    XML_SPACE,
    xml_attribute,
    xml_text,
)
from desktop.core.document.revisions import Hunk, IdAllocator, PlannedChange, Revision
from desktop.core.document.text import Segment

_W_PREFIX = f"{{{W_NS}}}"
_START = f'<x xmlns:w="{W_NS}">'
_TABS_AND_BREAKS = re.compile(r"([\t\n])")
_REVISION_PROPERTIES = frozenset({W_RPR_CHANGE, W_INS, W_DEL, W_MOVE_FROM, W_MOVE_TO})


class _Run:
    """One run of the original paragraph that hunks cut, and what is written after it."""

    __slots__ = ("attributes", "copy", "hunks", "kept", "node", "segment")

    def __init__(self, segment: Segment, attributes: str, node: int) -> None:
        self.segment = segment
        self.attributes = attributes
        #: The place of the cut ``w:t`` among the original run's children.
        self.node = node
        self.hunks: list[tuple[Hunk, PlannedChange]] = []
        #: The cut ``w:t`` in the working copy. Not its run: when an earlier ``w:t`` of the same
        #: run is cut, this one moves (with all that follows it) into the last new run written
        #: for that earlier one, as the general writer moves it.
        self.copy: etree._Element | None = None
        #: The text of each piece no hunk covers after the first, in order.
        self.kept: list[str] = []


class SimpleChanges:
    """The simple paragraphs of one save: their markup is collected paragraph by paragraph (ids
    allocated in the general writer's order) and parsed in one go by :meth:`write` (parsing a
    paragraph's markup on its own costs twice as much)."""

    def __init__(self, ids: IdAllocator) -> None:
        self._ids = ids
        self._runs: list[_Run] = []
        self._markup: list[str] = []
        self._counts: list[int] = []

    def add(
        self,
        paragraph: etree._Element,
        original: etree._Element,
        segments: Sequence[Segment],
        changes: Sequence[PlannedChange],
    ) -> bool:
        """Take ``changes`` for ``paragraph`` if every hunk is simple; False, having changed
        nothing, when any hunk needs the general writer.

        ``paragraph`` is the working copy of ``original``, whose ``segments`` the reader made (the
        copy has the same structure). The changes are written, and their first and last elements
        known, after :meth:`write`.
        """
        runs = _simple_runs(segments, changes)
        if runs is None:
            return False
        for run in runs:
            run.copy = _counterpart(run.segment.node, original, paragraph)
            before = len(self._markup)
            _run_markup(run, self._ids, self._markup)
            self._counts.append(len(self._markup) - before)
        self._runs.extend(runs)
        return True

    def write(self) -> None:
        """Parse the markup of every paragraph taken and put it in place."""
        if not self._runs:
            return
        parsed = iter(etree.fromstring(f"{_START}{''.join(self._markup)}</x>".encode(), SAFE_PARSER))
        for run, count in zip(self._runs, self._counts, strict=True):
            _place(run, [next(parsed) for _ in range(count)])
        self._runs, self._markup, self._counts = [], [], []


def _simple_runs(segments: Sequence[Segment], changes: Sequence[PlannedChange]) -> list[_Run] | None:
    """The runs the hunks fall in, in document order, or None when a hunk is not simple."""
    runs: list[_Run] = []
    length = segments[-1].end if segments else 0
    starts = [segment.start for segment in segments]
    index = 0
    for change in changes:
        for hunk in change.hunks:
            if hunk.start >= hunk.end:
                return None
            while index + 1 < len(starts) and starts[index + 1] <= hunk.start:
                index += 1
            segment = segments[index]
            if not segment.start <= hunk.start < hunk.end <= segment.end or segment.lock is not None:
                return None
            if runs and runs[-1].segment is segment:
                runs[-1].hunks.append((hunk, change))
                continue
            shape = _text_run(segment)
            if shape is None:
                return None
            if hunk.start == segment.start and index > 0 and not _ends_run(segments[index - 1]):
                return None
            run = _Run(segment, *shape)
            run.hunks.append((hunk, change))
            runs.append(run)
    for run in runs:
        segment = run.segment
        # A hunk at the text's start or end cuts only where the text starts or ends its run (and
        # the neighbouring run is not split either); content after the text moves to the last
        # new run.
        if run.hunks[0][0].start == segment.start and run.node != (1 if segment.run[0].tag == W_RPR else 0):
            return None
        end = run.hunks[-1][0].end
        if end == segment.end and (
            len(segment.run) - 1 > run.node
            or (end < length and not _starts_run(segments[starts.index(segment.start) + 1]))
        ):
            return None
    return runs


def _text_run(segment: Segment) -> tuple[str, int] | None:
    """The run's attributes as markup and the place of the segment's ``w:t`` among its children,
    if the run is a ``w:r`` with its properties (if any) first and attributes markup can hold."""
    run, node = segment.run, segment.node
    if run.tag != W_R or node.tag != W_T:
        return None
    place = 0
    for n, child in enumerate(run):
        if child.tag == W_RPR and n > 0:
            return None
        if child is node:
            place = n
    attributes = []
    for name, value in run.attrib.items():
        if name.startswith(_W_PREFIX):
            attributes.append(f' w:{name[len(_W_PREFIX) :]}="{xml_attribute(value)}"')
        elif name.startswith("{"):
            return None
        else:
            attributes.append(f' {name}="{xml_attribute(value)}"')
    return "".join(attributes), place


def _ends_run(segment: Segment) -> bool:
    """True when cutting right after ``segment`` splits nothing (the general writer's test)."""
    return segment.run.tag != W_R or segment.node.getnext() is None


def _starts_run(segment: Segment) -> bool:
    """True when cutting right before ``segment`` splits nothing (the general writer's test)."""
    if segment.run.tag != W_R:
        return True
    previous = segment.node.getprevious()
    return previous is None or (previous.tag == W_RPR and previous.getprevious() is None)


def _counterpart(element: etree._Element, original: etree._Element, copy: etree._Element) -> etree._Element:
    """The element of ``copy`` at the place ``element`` has in ``original``."""
    path = []
    while element is not original:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    for position in reversed(path):
        copy = copy[position]
    return copy


def _run_markup(run: _Run, ids: IdAllocator, markup: list[str]) -> None:
    """Append the markup that follows ``run`` (its first piece stays in place) to ``markup``."""
    segment = run.segment
    text = segment.node.text or ""
    base = segment.start
    position = base
    for hunk, change in run.hunks:
        if position < hunk.start and position > base:
            _keep_markup(run, text[position - base : hunk.start - base], markup)
        deletion = _revision("del", change.revision, ids())
        if hunk.start == base:
            markup.append(f"{deletion}</w:del>")  # the run itself moves into it
        else:
            piece = _text(text[hunk.start - base : hunk.end - base])
            markup.append(
                f'{deletion}<w:r{run.attributes}><w:delText xml:space="preserve">{piece}</w:delText></w:r></w:del>'
            )
        if hunk.text:
            markup.append(f"{_revision('ins', change.revision, ids())}<w:r>{_content(hunk.text)}</w:r></w:ins>")
        position = hunk.end
    if position < segment.end:
        _keep_markup(run, text[position - base :], markup)


def _keep_markup(run: _Run, text: str, markup: list[str]) -> None:
    """A run like ``run`` for a piece no hunk covers (its text is set after parsing: the rest of a
    long run costs more to parse than to set)."""
    markup.append(f'<w:r{run.attributes}><w:t xml:space="preserve"/></w:r>')
    run.kept.append(text)


def _revision(tag: str, revision: Revision, revision_id: str) -> str:
    return f'<w:{tag} w:id="{revision_id}"{_revision_attributes(revision.author, revision.date)}>'


@functools.lru_cache(maxsize=16)
def _revision_attributes(author: str, date: str) -> str:
    return f' w:author="{xml_attribute(author)}" w:date="{xml_attribute(date)}"'


def _text(text: str) -> str:
    """Text of the document or of a checked suggestion (plan_edits refuses what XML cannot hold)."""
    return xml_text(text, check=False)


def _content(text: str) -> str:
    """A run's content for ``text``: tabs and newlines as ``w:tab`` and ``w:br``."""
    if "\t" not in text and "\n" not in text:
        return f'<w:t xml:space="preserve">{_text(text)}</w:t>'
    parts = []
    for piece in _TABS_AND_BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\n":
            parts.append("<w:br/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{_text(piece)}</w:t>')
    return "".join(parts)


def _place(run: _Run, elements: list[etree._Element]) -> None:
    """Put the parsed ``elements`` after the run's copy, cut its text, add copies of its
    properties, and record each change's first and last element."""
    node = run.copy
    assert node is not None
    # The run holding the w:t now: the original's copy, or the new run written for the rest of
    # an earlier w:t of the same run (a copy of the same attributes and properties).
    copy = node.getparent()
    segment = run.segment
    rpr = copy[0] if copy[0].tag == W_RPR else None
    following = list(node.itersiblings())
    first_hunk = run.hunks[0][0]
    first_cut = first_hunk.start if first_hunk.start > segment.start else first_hunk.end
    if first_cut < segment.end:
        node.text = (node.text or "")[: first_cut - segment.start]
        if node.get(XML_SPACE) != "preserve":
            node.set(XML_SPACE, "preserve")
    wrapped = first_hunk.start == segment.start
    anchor = copy
    written = iter(elements)
    kept = iter(run.kept)
    for hunk, change in run.hunks:
        deletion = next(written)
        if wrapped and hunk.start == segment.start:
            copy.addprevious(deletion)
            node.tag = W_DEL_TEXT
            deletion.append(copy)
        else:
            # Pieces without a hunk come before this one's deletion.
            while deletion.tag == W_R:
                _keep(deletion, kept, rpr)
                anchor.addnext(deletion)
                anchor = deletion
                deletion = next(written)
            if rpr is not None:
                _add_properties(deletion[0], rpr, clean=False)
            anchor.addnext(deletion)
        anchor = deletion
        last = deletion
        if hunk.text:
            insertion = next(written)
            if rpr is not None:
                _add_properties(insertion[0], rpr, clean=True)
            anchor.addnext(insertion)
            anchor = last = insertion
        change.first = change.first if change.first is not None else deletion
        change.last = last
    for rest in written:
        _keep(rest, kept, rpr)
        anchor.addnext(rest)
        anchor = rest
    for child in following:
        anchor.append(child)


def _keep(run: etree._Element, kept: Iterator[str], rpr: etree._Element | None) -> None:
    """Fill in a parsed run for a piece no hunk covers: its text and a copy of the properties."""
    run[0].text = next(kept)
    if rpr is not None:
        _add_properties(run, rpr, clean=False)


def _add_properties(run: etree._Element, rpr: etree._Element, *, clean: bool) -> None:
    """A copy of ``rpr`` as ``run``'s first child (without revision marks for an insertion, and
    none if nothing is left)."""
    properties = rpr.__copy__()
    if clean:
        for child in list(properties):
            if child.tag in _REVISION_PROPERTIES:
                properties.remove(child)
        if not len(properties) and not properties.attrib:
            return
    run.insert(0, properties)
