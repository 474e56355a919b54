"""Changing the text of one paragraph in place: run splitting, tracked changes, clean edits.

A change is first broken into word-level :class:`Hunk`\\ s (:func:`diff_hunks`), so a rewritten
sentence shows as a few readable revisions rather than one block. The paragraph's runs are then
cut at every hunk boundary: the run keeps everything left of the cut and a new run with a copy of
its ``w:rPr`` (and its rsid attributes) takes the rest, inside the same container (hyperlink,
content control, smart tag). After cutting, every hunk covers whole runs only, and:

* tracked mode wraps each group of adjacent covered runs in ``w:del`` (``w:t`` becomes
  ``w:delText``) and puts one ``w:ins`` right after the first group, with a run that copies the
  formatting of the first replaced character (Word's behaviour);
* clean mode removes the covered runs and puts a plain run with the new text in their place.

A pure insertion attaches to the character before it (taking its formatting and container),
unless that one is not writable or sits in a hyperlink, content control or other container that
the character after it is not in; an insertion into an empty paragraph takes the paragraph mark's
formatting. Tabs and newlines in new text become ``w:tab`` and ``w:br``.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from desktop.core.document.ooxml import (
    SAFE_PARSER,
    W_AUTHOR,
    W_BR,
    W_DATE,
    W_DEL,
    W_DEL_INSTR_TEXT,
    W_DEL_TEXT,
    W_ID,
    W_INS,
    W_INSTR_TEXT,
    W_MOVE_FROM,
    W_MOVE_TO,
    W_NS,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_RPR_CHANGE,
    W_T,
    W_TAB,
    XML_SPACE,
)
from desktop.core.document.text import Segment, segment_at, segment_start, walk_paragraph

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Hunk:
    """Replace ``[start, end)`` of a paragraph's live text by ``text`` (an insertion if empty)."""

    start: int
    end: int
    text: str


def diff_hunks(original: str, replacement: str, offset: int = 0) -> list[Hunk]:
    """The word-level differences between ``original`` and ``replacement``.

    Offsets are shifted by ``offset`` (where ``original`` starts in the paragraph). Changes that
    are separated only by whitespace are joined into one hunk, which reads better in Word.
    """
    old = _TOKEN.findall(original)
    new = _TOKEN.findall(replacement)
    if set(old).isdisjoint(new):
        # Nothing in common (a word replaced, say): one hunk, as the matcher would find, at a
        # fraction of its cost.
        return [Hunk(offset, offset + len(original), replacement)] if old or new else []
    old_at = _starts(old)
    new_at = _starts(new)
    hunks: list[list[int]] = []  # [old_start, old_end, new_start, new_end] in characters
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        span = [old_at[i1], old_at[i2], new_at[j1], new_at[j2]]
        if hunks:
            last = hunks[-1]
            gap_old = original[last[1] : span[0]]
            gap_new = replacement[last[3] : span[2]]
            if gap_old == gap_new and gap_old.isspace():
                last[1], last[3] = span[1], span[3]
                continue
        hunks.append(span)
    return [Hunk(offset + a, offset + b, replacement[c:d]) for a, b, c, d in hunks]


def _starts(tokens: list[str]) -> list[int]:
    """Character offset of each token, plus the total length at the end."""
    positions = [0]
    for token in tokens:
        positions.append(positions[-1] + len(token))
    return positions


class IdAllocator:
    """Revision and comment ids, unique in the document: counting up from above every id in use,
    or (when that would pass the 32-bit range Word reads) from the lowest free id."""

    LIMIT = 2**31 - 1

    def __init__(self, used: Iterable[int]) -> None:
        self._used = set(used)
        self._next = max(self._used, default=-1) + 1
        if self._next > self.LIMIT:
            self._next = 0

    def __call__(self) -> str:
        """The next free id."""
        while self._next in self._used:
            self._next += 1
        value = self._next
        self._used.add(value)
        self._next += 1
        return str(value)


class NewElements:
    """Fresh elements for the writer, parsed in batches instead of built one by one.

    lxml takes 2-7 µs to build a WordprocessingML element with namespaced attributes, and a save
    with a thousand suggestions builds ten thousand of them. Parsing copies of a template in
    batches and moving each one into place costs 1-2 µs. Each template is built and serialized
    by lxml itself (so escaping, and the refusal of text XML cannot hold, are lxml's). A copy
    refers to the batch's ``w`` namespace declaration; when it joins the document lxml points it
    at the document's own declaration of that namespace, as it does for an element built with
    ``makeelement``, so the written XML is the same.
    """

    #: Copies parsed at a time: the first batch of a kind is small (a letter needs a few), each next
    #: one twice as large up to the last size, which spreads the parser's start-up and wastes little.
    _FIRST_BATCH = 16
    _LARGEST_BATCH = 512
    _BATCH_START = b'<batch xmlns:w="' + W_NS.encode() + b'">'
    _W_DECLARATION = b' xmlns:w="' + W_NS.encode() + b'"'

    def __init__(self) -> None:
        self._templates: dict[tuple[str, ...], bytes] = {}
        self._stock: dict[tuple[str, ...], list[etree._Element]] = {}
        self._batch: dict[tuple[str, ...], int] = {}

    def _take(self, key: tuple[str, ...], attrib: dict[str, str]) -> etree._Element:
        """A new element with tag ``key[0]`` and ``attrib`` (the same for every ``key``; an id
        placeholder keeps the attribute's place for the caller to fill in)."""
        stock = self._stock.get(key)
        if not stock:
            template = self._templates.get(key)
            if template is None:
                built = etree.tostring(etree.Element(key[0], attrib, nsmap={"w": W_NS}))
                template = self._templates[key] = built.replace(self._W_DECLARATION, b"", 1)
            size = self._batch.get(key, self._FIRST_BATCH)
            self._batch[key] = min(2 * size, self._LARGEST_BATCH)
            batch = etree.fromstring(self._BATCH_START + template * size + b"</batch>", SAFE_PARSER)
            stock = self._stock[key] = list(batch)
        return stock.pop()

    def revision(self, tag: str, revision: Revision, revision_id: str) -> etree._Element:
        """An empty ``w:ins`` or ``w:del`` (``tag``) with ``revision``'s author and date."""
        attrib = {W_ID: "", W_AUTHOR: revision.author, W_DATE: revision.date}
        element = self._take((tag, revision.author, revision.date), attrib)
        element.set(W_ID, revision_id)
        return element

    def run(self) -> etree._Element:
        """An empty ``w:r``."""
        return self._take((W_R,), {})

    def text(self, text: str) -> etree._Element:
        """A ``w:t`` with ``text`` whose spaces are kept."""
        node = self._take((W_T,), {XML_SPACE: "preserve"})
        node.text = text
        return node


@dataclass(frozen=True)
class Revision:
    """Who and when, for tracked changes (ignored in clean mode)."""

    author: str
    date: str


@dataclass
class PlannedChange:
    """One edit's hunks in one paragraph, as the writer validated them."""

    hunks: list[Hunk]
    revision: Revision
    #: Filled in by :func:`apply_changes`: first and last element written (for comment ranges).
    first: etree._Element | None = None
    last: etree._Element | None = None


def apply_changes(
    paragraph: etree._Element,
    changes: Sequence[PlannedChange],
    *,
    fields: tuple[bool, ...],
    clean: bool,
    ids: IdAllocator,
    new: NewElements,
) -> None:
    """Write ``changes`` (validated, non-overlapping) into ``paragraph``.

    ``fields`` are the complex fields open at the paragraph's start, as the reader saw them;
    ``new`` gives the elements written.
    """
    segments = list(walk_paragraph(paragraph, fields).segments)
    text_length = segments[-1].end if segments else 0
    hunks = [(hunk, change) for change in changes for hunk in change.hunks]
    attach_after = {
        hunk.start: _attach_after(segments, hunk.start, text_length) for hunk, _c in hunks if hunk.start == hunk.end
    }
    for position in sorted({p for hunk, _c in hunks for p in (hunk.start, hunk.end)}, reverse=True):
        _cut(segments, position, text_length, new)
    for hunk, change in hunks:
        written = _apply_hunk(
            paragraph, segments, hunk, change.revision, clean, ids, new, attach_after.get(hunk.start)
        )
        if written:
            # Hunks come in text order, so the first written element starts the change.
            change.first = change.first if change.first is not None else written[0]
            change.last = written[-1]


def _attach_after(segments: Sequence[Segment], position: int, length: int) -> bool | None:
    """Where an insertion at ``position`` goes: after the previous character (True), before the
    next one (False), or into the empty paragraph (None)."""
    before = segment_at(segments, position - 1) if position > 0 else None
    after = segment_at(segments, position) if position < length else None
    if before is None or before.lock is not None:
        return False if after is not None else None
    if after is None or after.lock is not None:
        return True
    before_parent, after_parent = before.run.getparent(), after.run.getparent()
    return not (before_parent is not after_parent and after_parent is not None and after_parent.tag == W_P)


def _cut(segments: list[Segment], position: int, length: int, new: NewElements) -> None:
    """Make ``position`` a run boundary, with non-text run content kept outside both sides.

    ``segments`` are updated to what walking the paragraph would now give (the same nodes, text
    split where a node was split, runs changed where content moved), which is a fraction of the
    cost of walking it again. An inline object that is not in a run (a formula) is a boundary
    already.
    """
    if position < length:
        index = _segment_index(segments, position)
        segment = segments[index]
        if segment.run.tag == W_R:
            split = _split_before(segment.run, segment.node, position - segment.start, new)
            if split is not None:
                _moved(segments, index, position, *split)
    if position > 0:
        index = _segment_index(segments, position - 1)
        segment = segments[index]
        if segment.run.tag == W_R:
            split = _split_after(segment.run, segment.node, position - segment.start, new)
            if split is not None:
                _moved(segments, index, position, *split)


def _segment_index(segments: Sequence[Segment], offset: int) -> int:
    """The index of the segment holding character ``offset`` (which must exist)."""
    return bisect.bisect_right(segments, offset, key=segment_start) - 1


def _moved(
    segments: list[Segment], index: int, position: int, fresh: etree._Element, rest: etree._Element | None
) -> None:
    """Record that a run was split at ``position`` (in segment ``index``): what followed went to
    the run ``fresh``, with ``rest`` holding the segment's text from ``position`` when its text
    node was split."""
    start, end, run, node, lock, author = segments[index]
    if rest is not None:
        segments[index] = Segment(start, position, run, node, lock, author)
        index += 1
        segments.insert(index, Segment(position, end, fresh, rest, lock, author))
        index += 1
    elif start < position:
        index += 1
    while index < len(segments) and segments[index].run is run:
        start, end, _run, node, lock, author = segments[index]
        segments[index] = Segment(start, end, fresh, node, lock, author)
        index += 1


def _properties(run: etree._Element) -> etree._Element | None:
    """The run's ``w:rPr``: its first child when present (ISO/IEC 29500-1 §17.3.2.25), so looking
    through the children is faster than ``find``, which gives the same element."""
    for child in run:
        if child.tag == W_RPR:
            return child
    return None


def _clone(element: etree._Element) -> etree._Element:
    """A deep copy of ``element`` (lxml's ``__copy__`` copies deeply; ``copy.deepcopy`` adds ~2 µs)."""
    return element.__copy__()


def _new_run_like(run: etree._Element, new: NewElements) -> etree._Element:
    """An empty run with ``run``'s attributes and a copy of its properties, right after it."""
    fresh = new.run()
    for name, value in run.attrib.items():
        fresh.set(name, value)
    rpr = _properties(run)
    if rpr is not None:
        fresh.append(_clone(rpr))
    run.addnext(fresh)
    return fresh


def _content(run: etree._Element) -> list[etree._Element]:
    return [child for child in run if child.tag != W_RPR]


def _keep_spaces(node: etree._Element) -> None:
    if node.get(XML_SPACE) != "preserve":
        node.set(XML_SPACE, "preserve")


def _split_before(
    run: etree._Element, node: etree._Element, k: int, new: NewElements
) -> tuple[etree._Element, etree._Element | None] | None:
    """Move character ``k`` of ``node`` and everything after it to a new run, if anything precedes.

    Returns the new run and the new text node holding ``node``'s text from ``k`` (None when
    ``node`` moved whole), or None when nothing moved.
    """
    if k == 0 and node.getprevious() is None:
        return None  # the common case, decided without listing the run's content
    content = _content(run)
    index = content.index(node)
    if index == 0 and k == 0:
        return None
    fresh = _new_run_like(run, new)
    rest = None
    if node.tag == W_T and k > 0:
        text = node.text
        rest = new.text(text[k:])
        fresh.append(rest)
        node.text = text[:k]
        _keep_spaces(node)
        moving = content[index + 1 :]
    else:
        moving = content[index:]
    for child in moving:
        fresh.append(child)
    return fresh, rest


def _split_after(
    run: etree._Element, node: etree._Element, k: int, new: NewElements
) -> tuple[etree._Element, etree._Element | None] | None:
    """Move everything after character ``k - 1`` of ``node`` to a new run, if anything follows.

    Returns the new run and the new text node holding ``node``'s text from ``k`` (None when the
    node was not split), or None when nothing moved.
    """
    rest_of_node = node.tag == W_T and k < len(node.text or "")
    if not rest_of_node and node.getnext() is None:
        return None  # the common case, decided without listing the run's content
    content = _content(run)
    index = content.index(node)
    if index == len(content) - 1 and not rest_of_node:
        return None
    fresh = _new_run_like(run, new)
    rest = None
    if rest_of_node:
        text = node.text
        rest = new.text(text[k:])
        fresh.append(rest)
        node.text = text[:k]
        _keep_spaces(node)
    for child in content[index + 1 :]:
        fresh.append(child)
    return fresh, rest


def _covered_runs(segments: Sequence[Segment], hunk: Hunk) -> list[etree._Element]:
    runs: list[etree._Element] = []
    for segment in segments:
        if segment.start >= hunk.end:
            break
        if segment.start >= hunk.start and (not runs or runs[-1] is not segment.run):
            runs.append(segment.run)
    return runs


def _groups(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """Runs split into groups of adjacent siblings."""
    group: list[etree._Element] = []
    for run in runs:
        if group and group[-1].getnext() is not run:
            yield group
            group = []
        group.append(run)
    if group:
        yield group


def _apply_hunk(
    paragraph: etree._Element,
    segments: Sequence[Segment],
    hunk: Hunk,
    revision: Revision,
    clean: bool,
    ids: IdAllocator,
    new: NewElements,
    attach_after: bool | None,
) -> list[etree._Element]:
    """Write one hunk; return the revision elements written, in document order."""
    if hunk.start < hunk.end:
        covered = _covered_runs(segments, hunk)
        rpr = _properties(covered[0])
        if clean:
            if hunk.text:
                covered[0].addprevious(_new_run(hunk.text, rpr, new))
            for run in covered:
                run.getparent().remove(run)
            return []
        written: list[etree._Element] = []
        for group in _groups(covered):
            deletion = new.revision(W_DEL, revision, ids())
            group[0].addprevious(deletion)
            for run in group:
                _mark_deleted(run)
                deletion.append(run)
            written.append(deletion)
        if hunk.text:
            insertion = _insertion(hunk.text, rpr, revision, ids, new)
            written[0].addnext(insertion)
            written.insert(1, insertion)
        return written

    if attach_after is None:
        ppr = paragraph.find(W_PPR)
        mark = ppr.find(W_RPR) if ppr is not None else None
        added = _change(hunk.text, mark, revision, clean, ids, new)
        paragraph.append(added)
    else:
        neighbour = segment_at(segments, hunk.start - 1 if attach_after else hunk.start).run
        added = _change(hunk.text, _properties(neighbour), revision, clean, ids, new)
        if attach_after:
            neighbour.addnext(added)
        else:
            neighbour.addprevious(added)
    return [] if clean else [added]


def _change(
    text: str,
    rpr: etree._Element | None,
    revision: Revision,
    clean: bool,
    ids: IdAllocator,
    new: NewElements,
) -> etree._Element:
    if clean:
        return _new_run(text, rpr, new)
    return _insertion(text, rpr, revision, ids, new)


def _insertion(
    text: str, rpr: etree._Element | None, revision: Revision, ids: IdAllocator, new: NewElements
) -> etree._Element:
    insertion = new.revision(W_INS, revision, ids())
    insertion.append(_new_run(text, rpr, new))
    return insertion


_TABS_AND_BREAKS = re.compile(r"([\t\n])")
_REVISION_PROPERTIES = frozenset({W_RPR_CHANGE, W_INS, W_DEL, W_MOVE_FROM, W_MOVE_TO})


def _new_run(text: str, rpr: etree._Element | None, new: NewElements) -> etree._Element:
    """A run with ``text`` (tabs and newlines as elements) and a clean copy of ``rpr``."""
    run = new.run()
    if rpr is not None:
        properties = _clone(rpr)
        for child in list(properties):
            if child.tag in _REVISION_PROPERTIES:
                properties.remove(child)
        if len(properties) or properties.attrib:
            run.append(properties)
    if "\t" not in text and "\n" not in text:
        if text:
            run.append(new.text(text))
        return run
    for piece in _TABS_AND_BREAKS.split(text):
        if piece == "\t":
            run.append(run.makeelement(W_TAB, {}))
        elif piece == "\n":
            run.append(run.makeelement(W_BR, {}))
        elif piece:
            run.append(new.text(piece))
    return run


def _mark_deleted(run: etree._Element) -> None:
    for child in run:
        if child.tag == W_T:
            child.tag = W_DEL_TEXT
        elif child.tag == W_INSTR_TEXT:
            child.tag = W_DEL_INSTR_TEXT
