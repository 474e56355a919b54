"""Property-based tests of the writer against the independent oracle in tests/ooxml_oracle.py.

For random documents (runs with random formatting, hyperlinks, bookmarks, smart tags, tabs and
breaks, fields, and revisions by someone else) and random non-overlapping suggestions on the
writable text:

* rejecting every revision gives back the original exactly: the same text, and the same XML
  once runs of equal formatting are merged (formatting, containers, fields, bookmarks);
* accepting every revision gives exactly the text with the suggestions applied, and every
  character outside the suggestions keeps its formatting;
* the output breaks none of the revision rules; the clean copy has the suggested text and no
  revisions beyond the other author's.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.core.document.reader import open_document
from desktop.core.document.revisions import diff_hunks
from desktop.core.document.writer import WriteOptions, save_document
from desktop.core.findings import Edit
from tests.docx_factory import build_docx
from tests.ooxml_oracle import (
    accept_all,
    body_texts,
    canonical,
    normalize,
    paragraph_chars,
    parse,
    read_parts,
    reject_all,
    revision_problems,
)

pytestmark = pytest.mark.core

WORDS = ["de", "het", "een", "gemeente", "besluit", "aanvraag", "uw", "wij", "café", "één", "2024", "€ 50"]
TEXT = st.lists(st.sampled_from([*WORDS, " ", ", ", ". ", "-", "'"]), min_size=1, max_size=6).map("".join)
FORMATS = st.sampled_from(["", "<w:b/>", "<w:i/>", '<w:u w:val="single"/>', "<w:b/><w:i/>", '<w:sz w:val="28"/>'])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, fmt: str) -> str:
    rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'


@st.composite
def pieces(draw: st.DrawFn, bookmark_id: list[int]) -> str:
    kind = draw(
        st.sampled_from(
            [
                "run",
                "run",
                "run",
                "multi",
                "link",
                "bookmark",
                "smart",
                "tab",
                "field",
                "complex",
                "ins",
                "del",
            ]
        )
    )
    text, fmt = draw(TEXT), draw(FORMATS)
    if kind == "run":
        return _run(text, fmt)
    if kind == "multi":
        second = draw(TEXT)
        rpr = f"<w:rPr>{fmt}</w:rPr>" if fmt else ""
        return (
            f'<w:r>{rpr}<w:t xml:space="preserve">{_escape(text)}</w:t><w:tab/>'
            f'<w:t xml:space="preserve">{_escape(second)}</w:t><w:br/></w:r>'
        )
    if kind == "link":
        return f'<w:hyperlink r:id="rIdL">{_run(text, fmt)}{_run(draw(TEXT), draw(FORMATS))}</w:hyperlink>'
    if kind == "bookmark":
        bookmark_id[0] += 1
        n = bookmark_id[0]
        return f'<w:bookmarkStart w:id="{n}" w:name="b{n}"/>{_run(text, fmt)}<w:bookmarkEnd w:id="{n}"/>'
    if kind == "sdt":
        return f"<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{_run(text, fmt)}</w:sdtContent></w:sdt>"
    if kind == "smart":
        return f'<w:smartTag w:uri="urn:x" w:element="x">{_run(text, fmt)}</w:smartTag>'
    if kind == "tab":
        return "<w:r><w:tab/></w:r>"
    if kind == "field":
        return f'<w:fldSimple w:instr=" DATE ">{_run(text, fmt)}</w:fldSimple>'
    if kind == "complex":
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run(text, fmt)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    bookmark_id[0] += 1
    tag = "w:ins" if kind == "ins" else "w:del"
    inner = (
        _run(text, fmt).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        if kind == "del"
        else _run(text, fmt)
    )
    return f'<{tag} w:id="{900 + bookmark_id[0]}" w:author="Anna" w:date="2024-01-01T00:00:00Z">{inner}</{tag}>'


@st.composite
def documents(draw: st.DrawFn) -> str:
    counter = [0]
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        runs = draw(st.lists(pieces(counter), min_size=0, max_size=7))
        paragraphs.append(f"<w:p>{''.join(runs)}</w:p>")
    if draw(st.booleans()):
        cell = f"<w:tc>{paragraphs.pop()}</w:tc>" if len(paragraphs) > 1 else "<w:tc><w:p/></w:tc>"
        paragraphs.append(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")
    return "".join(paragraphs)


REPLACEMENT = st.one_of(st.just(""), TEXT, TEXT.map(lambda t: t + "\t" + t), TEXT.map(lambda t: t + "\n"))


@st.composite
def edits_for(draw: st.DrawFn, doc_texts: dict[str, tuple[str, object]]) -> list[Edit]:
    """Non-overlapping edits on writable text, at least one character apart."""
    edits: list[Edit] = []
    for pid, (text, paragraph) in doc_texts.items():
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
        position = 0
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            if start < position:
                continue
            end = draw(st.sampled_from([start, end]))
            replacement = draw(REPLACEMENT)
            if not paragraph.writable(start, end) or text[start:end] == replacement:  # type: ignore[attr-defined]
                continue
            hunks = diff_hunks(text[start:end], replacement, start)
            if not all(paragraph.writable(h.start, h.end) for h in hunks):  # type: ignore[attr-defined]
                continue
            explanation = draw(st.sampled_from(["", "Korter en duidelijker.", "Spelling"]))
            edits.append(Edit(pid, start, end, replacement, explanation=explanation))
            position = end + 1
    return edits


def _applied(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def _outside_formats(chars: list[tuple[str, bytes]], edits: list[Edit]) -> list[tuple[str, bytes]]:
    """The characters (with formatting) that no edit touches, in order."""
    spans = [(e.start, e.end) for e in edits]
    return [c for i, c in enumerate(chars) if not any(s <= i < e for s, e in spans)]


def _outside_after(chars: list[tuple[str, bytes]], edits: list[Edit]) -> list[tuple[str, bytes]]:
    """The same characters located in the text after the edits were applied."""
    keep: list[tuple[str, bytes]] = []
    position = 0
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        keep += chars[position + shift : edit.start + shift]
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    keep += chars[position + shift :]
    return keep


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _revision_count(root: object) -> int:
    return sum(1 for _e in root.iter(*(W_P.replace("}p", "}" + t) for t in ("ins", "del"))))  # type: ignore[attr-defined]


@SETTINGS
@given(body=documents(), data=st.data(), clean=st.booleans())
def test_reject_restores_and_accept_applies(body: str, data: st.DataObject, clean: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = build_docx(Path(folder) / "in.docx", body, hyperlinks={"rIdL": "https://example.org"})
        doc = open_document(source)
        edits = data.draw(edits_for({p.id: (p.text, p) for p in doc.paragraphs}))
        event(f"edits: {min(len(edits), 3)}{'+' if len(edits) >= 3 else ''}")
        event(f"insertions: {any(e.start == e.end for e in edits)}")
        report = save_document(doc, edits, Path(folder) / "out.docx", WriteOptions(clean=clean))
        assert report.refused == []
        assert report.applied == edits

        original = parse(read_parts(source)["word/document.xml"])
        written_parts = read_parts(Path(folder) / "out.docx")
        written = parse(written_parts["word/document.xml"])
        assert [p.text for p in doc.paragraphs] == body_texts(original)  # reader == oracle
        expected = [_applied(p.text, [e for e in edits if e.paragraph == p.id]) for p in doc.paragraphs]
        assert revision_problems(written_parts) == []

        if clean:
            assert body_texts(written) == expected
            assert _revision_count(written) == _revision_count(original)
            assert report.comments == 0
            return

        accepted = accept_all(written)
        assert body_texts(accepted) == expected
        assert body_texts(reject_all(written)) == body_texts(reject_all(original))
        assert canonical(normalize(reject_all(written))) == canonical(normalize(reject_all(original)))
        for paragraph, before, after in zip(doc.paragraphs, original.iter(W_P), accepted.iter(W_P), strict=True):
            mine = [e for e in edits if e.paragraph == paragraph.id]
            assert _outside_formats(paragraph_chars(before), mine) == _outside_after(paragraph_chars(after), mine)
        assert report.comments == sum(1 for e in edits if e.explanation)


@settings(max_examples=300, deadline=None)
@given(original=TEXT, replacement=REPLACEMENT, offset=st.integers(0, 5))
def test_hunks_rebuild_the_replacement(original: str, replacement: str, offset: int) -> None:
    hunks = diff_hunks(original, replacement, offset)
    text = " " * offset + original
    for hunk in reversed(hunks):
        text = text[: hunk.start] + hunk.text + text[hunk.end :]
    assert text == " " * offset + replacement
    assert all(a.end <= b.start for a, b in itertools.pairwise(hunks))
