"""Accepted suggestions -> a new .docx with tracked changes and comments (or a clean copy).

:func:`save_document` is the one entry point. It never changes the opened :class:`Document` (it
works on copies of the parts it changes, so it can be called again with other edits), never
writes over the original unless asked to, refuses when the original changed on disk since it was
opened, and writes atomically. Every part it does not change is copied byte for byte.

What happens to each edit is decided before anything is written (:func:`plan_edits`):

* an edit whose paragraph does not exist, whose offsets are out of range, whose new text holds
  characters a document cannot hold, or that changes nothing is refused;
* an edit is broken into word-level hunks; if any hunk touches text that may not be written
  (another author's revision, a field result, a locked content control, an object, a text box)
  the whole edit is refused with the reason;
* an edit identical to an earlier one (same place, same new text) is merged into it: written
  once, with both explanations in its comment; the pieces of one rewrite (edits that share a
  ``group``) get one comment, on the first piece;
* an edit that overlaps an earlier accepted one (or inserts at its edge) is refused. "Earlier"
  is the order of the ``edits`` argument, so the outcome is deterministic.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from lxml import etree

from desktop.core.atomic_file import atomic_write
from desktop.core.document.collector import collector_paused
from desktop.core.document.errors import (
    SaveFailedError,
    SaveRefusedError,
    SourceChangedError,
    TooLargeDocumentError,
    UnreadableDocumentError,
)
from desktop.core.document.ooxml import (
    W_COMMENTS,
    W_NS,
    XML_DECLARATION,
    parse_xml,
    serialize_part,
    xml_attribute,
    xml_text,
)
from desktop.core.document.package import PackageBuilder, read_file, sha256_of
from desktop.core.document.properties import Disclosure, apply_disclosure
from desktop.core.document.reader import Document, Paragraph, ParagraphKind
from desktop.core.document.revisions import (
    Hunk,
    IdAllocator,
    NewElements,
    PlannedChange,
    Revision,
    apply_changes,
    diff_hunks,
)
from desktop.core.document.simple_changes import SimpleChanges
from desktop.core.document.text import OBJECT
from desktop.core.document.working_copies import WorkingCopies
from desktop.core.findings import Edit
from desktop.core.i18n import _

__all__ = [
    "DEFAULT_AUTHOR",
    "Disclosure",
    "WriteOptions",
    "WriteReport",
    "plan_edits",
    "revision_date",
    "save_document",
]

DEFAULT_AUTHOR = "Schrijfhulp (AI)"

#: Stories where Word allows comments (not headers, footers or text boxes).
_COMMENTABLE = (ParagraphKind.BODY, ParagraphKind.TABLE_CELL, ParagraphKind.FOOTNOTE, ParagraphKind.ENDNOTE)


@dataclass(frozen=True)
class WriteOptions:
    """How to write: as whom, with or without comments, tracked or clean, and any disclosure.

    ``date`` is the revision and comment time (now when None; a naive datetime is local time).
    In clean mode the edits are applied directly and no comments are written.
    """

    author: str = DEFAULT_AUTHOR
    comments: bool = True
    clean: bool = False
    date: datetime | None = None
    disclosure: Disclosure | None = None


@dataclass
class WriteReport:
    """What :func:`save_document` did. Reasons are Dutch, for the user."""

    target: Path
    applied: list[Edit] = field(default_factory=list)
    refused: list[tuple[Edit, str]] = field(default_factory=list)
    #: Comments written.
    comments: int = 0
    #: Applied edits whose explanation could not become a comment (Word has none in headers/footers).
    uncommented: list[Edit] = field(default_factory=list)
    #: Zip members of the output that differ from the original (everything else is byte-identical).
    parts_changed: tuple[str, ...] = ()


@dataclass
class _Accepted:
    edit: Edit
    paragraph: Paragraph
    hunks: list[Hunk]
    explanations: list[str]


@dataclass
class Plan:
    """The outcome of :func:`plan_edits`: what will be written where, and what is refused."""

    by_paragraph: dict[str, list[_Accepted]] = field(default_factory=dict)
    applied: list[Edit] = field(default_factory=list)
    refused: list[tuple[Edit, str]] = field(default_factory=list)


#: Characters a suggestion may not bring into a document: control characters other than tab and
#: newline, the object placeholder, lone surrogates and the two non-characters XML forbids.
_BAD_CHARACTERS = re.compile(f"[\x00-\x08\x0b-\x1f{OBJECT}\ud800-\udfff\ufffe\uffff]")


def _bad_characters(text: str) -> bool:
    return _BAD_CHARACTERS.search(text) is not None


def _conflict(a: _Accepted, b_start: int, b_end: int, b_hunks: list[Hunk]) -> bool:
    """True when edit spans overlap, or a hunk of one inserts inside or at the edge of the other's."""
    if _spans_clash(a.edit.start, a.edit.end, b_start, b_end):
        return True
    return any(_spans_clash(x.start, x.end, y.start, y.end) for x in a.hunks for y in b_hunks)


def _spans_clash(s1: int, e1: int, s2: int, e2: int) -> bool:
    if s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    if s1 == e1 and s2 == e2:
        return s1 == s2
    point, start, end = (s1, s2, e2) if s1 == e1 else (s2, s1, e1)
    return start <= point <= end


def plan_edits(doc: Document, edits: Sequence[Edit]) -> Plan:
    """Decide, without writing, which edits will be applied and why the others are refused."""
    plan = Plan()
    for edit in edits:
        reason = _refusal(doc, edit, plan)
        if reason is not None:
            plan.refused.append((edit, reason))
        else:
            plan.applied.append(edit)
    for accepted in plan.by_paragraph.values():
        accepted.sort(key=lambda a: (a.edit.start, a.edit.end))
    return plan


def _refusal(doc: Document, edit: Edit, plan: Plan) -> str | None:
    """Why ``edit`` cannot be applied (Dutch), or None after recording it in ``plan``."""
    try:
        paragraph = doc.paragraph(edit.paragraph)
    except KeyError:
        return _("Deze alinea bestaat niet in het document.")
    if edit.end > len(paragraph.text):
        return paragraph.lock_reason(edit.start, edit.end)
    if _bad_characters(edit.replacement):
        return _("De nieuwe tekst bevat tekens die niet in een Word-document passen.")
    original = paragraph.text[edit.start : edit.end]
    if original == edit.replacement:
        return _("Deze suggestie verandert de tekst niet.")
    hunks = diff_hunks(original, edit.replacement, edit.start)
    for hunk in hunks:
        reason = paragraph.lock_reason(hunk.start, hunk.end)
        if reason is not None:
            return reason
    accepted = plan.by_paragraph.setdefault(paragraph.id, [])
    for earlier in accepted:
        same = (earlier.edit.start, earlier.edit.end, earlier.edit.replacement)
        if same == (edit.start, edit.end, edit.replacement):
            if edit.explanation and edit.explanation not in earlier.explanations:
                earlier.explanations.append(edit.explanation)
            return None
        if _conflict(earlier, edit.start, edit.end, hunks):
            return _("Deze suggestie overlapt met een andere suggestie die al wordt toegepast.")
    explanations = [edit.explanation] if edit.explanation else []
    accepted.append(_Accepted(edit, paragraph, hunks, explanations))
    return None


def revision_date(value: datetime | None) -> str:
    """A ``w:date`` value: UTC, whole seconds, with a Z (now when ``value`` is None)."""
    moment = value if value is not None else datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_target(doc: Document, target: Path, allow_overwrite_original: bool) -> None:
    if target.suffix.lower() != ".docx":
        raise SaveRefusedError(_("Kies een bestandsnaam die eindigt op .docx."), path=target)
    if target.is_dir():
        raise SaveRefusedError(
            _("{name} is een map. Kies een bestandsnaam die eindigt op .docx.").format(name=target.name),
            path=target,
        )
    same = target.resolve() == doc.path.resolve() or (
        target.exists() and doc.path.exists() and os.path.samefile(target, doc.path)
    )
    if same and not allow_overwrite_original:
        raise SaveRefusedError(
            _(
                "Schrijfhulp schrijft niet over het oorspronkelijke document heen. Kies een andere "
                "bestandsnaam, of kies uitdrukkelijk voor overschrijven."
            ),
            path=target,
        )


def _verified_source(doc: Document) -> bytes:
    """The original's bytes, re-read now; refused if they are not the ones that were opened."""
    try:
        data = read_file(doc.path)
    except (UnreadableDocumentError, TooLargeDocumentError) as exc:
        raise SourceChangedError.for_path(doc.path) from exc
    if sha256_of(data) != doc.sha256:
        raise SourceChangedError.for_path(doc.path)
    return data


_ALL_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS})


def _ids_in_use(roots: Sequence[etree._Element]) -> set[int]:
    """Every numeric ``w:id`` in the given parts (revisions, comments, bookmarks alike)."""
    used = set()
    for root in roots:
        for value in _ALL_IDS(root):
            if str(value).lstrip("-").isdigit():
                used.add(int(value))
    return used


def save_document(
    doc: Document,
    edits: Sequence[Edit],
    target: Path,
    options: WriteOptions | None = None,
    *,
    allow_overwrite_original: bool = False,
) -> WriteReport:
    """Write ``doc`` with ``edits`` applied to ``target`` and report what was applied.

    Raises :class:`SaveRefusedError` for a target that is not allowed (the original unless
    ``allow_overwrite_original``), :class:`SourceChangedError` when the original changed on disk
    since it was opened, and :class:`SaveFailedError` when writing failed (nothing is replaced).
    """
    with collector_paused():
        return _save(doc, edits, Path(target), options or WriteOptions(), allow_overwrite_original)


def _save(
    doc: Document, edits: Sequence[Edit], target: Path, options: WriteOptions, allow_overwrite_original: bool
) -> WriteReport:
    _check_target(doc, target, allow_overwrite_original)
    source = _verified_source(doc)
    plan = plan_edits(doc, edits)
    builder = PackageBuilder(source)
    working = WorkingCopies(doc)
    comments_partname, comments_root = _comments_root(doc)
    ids = IdAllocator(_ids_in_use([story.root for story in doc.stories] + [comments_root]))
    date = revision_date(options.date)
    report = WriteReport(target=target, applied=plan.applied, refused=plan.refused)
    pending_comments: list[tuple[str, str, str]] = []
    anchors: list[tuple[PlannedChange, str]] = []
    commented_groups: set[str] = set()  # one comment per rewrite, on its first piece
    new = NewElements()
    revisions: dict[str, Revision] = {}  # one per author: a thousand edits have one or two

    def revision_by(author: str) -> Revision:
        if author not in revisions:
            revisions[author] = Revision(author, date)
        return revisions[author]

    simple = SimpleChanges(ids)
    for accepted in plan.by_paragraph.values():
        paragraph = accepted[0].paragraph
        element = working.paragraph(paragraph)
        changes = [PlannedChange(a.hunks, revision_by(a.edit.author or options.author)) for a in accepted]
        if options.clean or not simple.add(element, paragraph.element, paragraph.segments, changes):
            apply_changes(element, changes, fields=paragraph.fields, clean=options.clean, ids=ids, new=new)
        for a, change in zip(accepted, changes, strict=True):
            if options.clean or not options.comments or not a.explanations or a.edit.group in commented_groups:
                continue
            if paragraph.kind not in _COMMENTABLE:
                report.uncommented.append(a.edit)
                continue
            if a.edit.group:
                commented_groups.add(a.edit.group)
            # A tracked change always writes a deletion or an insertion to anchor the comment on.
            comment_id = ids()
            anchors.append((change, comment_id))
            pending_comments.append((comment_id, change.revision.author, "\n".join(a.explanations)))
    simple.write()

    _anchor_comments(anchors)
    if pending_comments:
        _write_comments(doc, builder, comments_partname, comments_root, pending_comments, date)
        report.comments = len(pending_comments)
    if options.disclosure is not None:
        apply_disclosure(doc, builder, working, options.disclosure)
    for partname, root in working.changed():
        builder.replace(partname, serialize_part(root))
    try:
        atomic_write(target, builder.write)
    except OSError as exc:
        raise SaveFailedError.for_path(target, str(exc)) from exc
    report.parts_changed = tuple(sorted(builder.changed_members()))
    return report


def _comments_root(doc: Document) -> tuple[str | None, etree._Element]:
    """(part name, copy of the root) of the document's comments part; (None, a new root) if none."""
    for rel in doc.docx.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            part = rel.target_part
            original = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
            return str(part.partname), copy.deepcopy(original)
    return None, etree.Element(W_COMMENTS, nsmap={"w": W_NS})


def _anchor_comments(anchors: list[tuple[PlannedChange, str]]) -> None:
    """Range markers around each change's first..last element and the reference run after the
    end marker.

    The markers of all comments are parsed in one go (their ids are plain numbers): building them
    one by one with lxml cost three times as much. Each comment's markers go only next to its own
    changes, so placing them after every paragraph is written gives what placing them paragraph
    by paragraph gave.
    """
    if not anchors:
        return
    markup = "".join(
        f'<w:commentRangeStart w:id="{comment_id}"/><w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:commentReference w:id="{comment_id}"/></w:r>'
        for _change, comment_id in anchors
    )
    markers = iter(parse_xml(f'<anchors xmlns:w="{W_NS}">{markup}</anchors>'.encode()))
    for (change, comment_id), start, end, reference in zip(anchors, markers, markers, markers, strict=True):
        if change.first is None or change.last is None:
            raise AssertionError(f"comment {comment_id} has no tracked change to mark")
        change.first.addprevious(start)
        change.last.addnext(end)
        end.addnext(reference)


def _write_comments(
    doc: Document,
    builder: PackageBuilder,
    partname: str | None,
    root: etree._Element,
    comments: list[tuple[str, str, str]],
    date: str,
) -> None:
    """Add the comments to the comments part and put the part into the package.

    The ``w:comment`` markup is the same as python-docx's ``Comments.add_comment`` writes (a
    CommentText paragraph starting with the annotation reference), built here directly because
    python-docx searches all comments for a free id on every call, which makes a thousand
    comments take seconds. The comments are written as markup, three times faster than building
    them element by element. The markup is the bytes lxml would write for it (escaped as lxml
    escapes), so a new comments part is that markup as it is, without parsing and serializing it;
    for an existing part the new comments are parsed in one go and appended to it.
    """
    markup = "".join(_comment_markup(comment_id, author, date, text) for comment_id, author, text in comments)
    part = f'<w:comments xmlns:w="{W_NS}">{markup}</w:comments>'.encode()
    if partname is None:
        partname = builder.free_partname("/word/comments{}.xml")
        builder.add(partname, CT.WML_COMMENTS, XML_DECLARATION + part)
        builder.relate(str(doc.docx.part.partname), RT.COMMENTS, partname)
    else:
        root.extend(list(parse_xml(part)))
        builder.replace(partname, serialize_part(root))


def _comment_markup(comment_id: str, author: str, date: str, text: str) -> str:
    """One ``w:comment``: a CommentText paragraph per line of ``text``, the first starting with
    the annotation reference."""
    paragraphs = []
    for n, line in enumerate(text.split("\n")):
        reference = _ANNOTATION_REFERENCE if n == 0 else ""
        run = f'<w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r>' if line else ""
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{reference}{run}</w:p>')
    attributes = f'w:id="{comment_id}" w:author="{xml_attribute(author)}" w:date="{date}"'
    return f"<w:comment {attributes}>{''.join(paragraphs)}</w:comment>"


_ANNOTATION_REFERENCE = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
