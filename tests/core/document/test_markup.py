"""The document as it will be saved: the marked pieces and final text are what Word shows in the saved copy."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from desktop.core.analysis import LanguageTools, ParagraphFindings, level_reports, levels_as_saved, run_analysis
from desktop.core.document.markup import preview
from desktop.core.document.reader import Document, open_document
from desktop.core.document.writer import save_document
from desktop.core.findings import Edit
from desktop.core.policy.settings import load_settings
from desktop.core.session import ConflictError, Decision, ReviewSession
from tests.ooxml_oracle import accept_all, body_texts, reject_all

pytestmark = pytest.mark.core


def _reviewed(document: Document, tools: LanguageTools) -> ReviewSession:
    """The real analysis of ``document`` with every suggestion that can be accepted accepted."""
    session = ReviewSession(str(document.path), document.sha256)
    for item in run_analysis(document, load_settings(registry=dict), threading.Event(), tools):
        if isinstance(item, ParagraphFindings):
            session.replace_paragraph(item.paragraph, item.findings)
    for finding in session.pending():
        if finding.suggestions:
            try:
                session.decide([finding.id], Decision.ACCEPTED)
            except ConflictError:
                continue
    return session


@pytest.mark.slow
def test_the_preview_is_what_word_shows_in_the_saved_copy(
    letter_docx: Callable[..., Path], language_tools: LanguageTools, tmp_path: Path
) -> None:
    document = open_document(letter_docx("003_besluit"))
    edits = _reviewed(document, language_tools).accepted_edits()
    assert len(edits) >= 8  # every one-click fix of the real decision 003
    shown = preview(document, edits)
    target = tmp_path / "uit.docx"
    report = save_document(document, edits, target)
    assert [e for e, _reason in shown.refused] == [e for e, _reason in report.refused]
    assert set(shown.pieces) == {e.paragraph for e in report.applied}

    body = etree.fromstring(zipfile.ZipFile(target).read("word/document.xml"))
    accepted = body_texts(accept_all(etree.fromstring(etree.tostring(body))))
    rejected = body_texts(reject_all(body))
    paragraphs = [p for p in document.paragraphs if p.kind == "body"]
    assert len(accepted) == len(paragraphs)
    for paragraph, final, original in zip(paragraphs, accepted, rejected, strict=True):
        pieces = shown.pieces.get(paragraph.id, ())
        # "Eindversie": the text with every change accepted.
        assert shown.final_text(paragraph.id, paragraph.text) == final
        assert "".join(p.text for p in pieces if p.kind != "deleted") == (final if pieces else "")
        # "Alle markeringen" without the insertions: the text as it was.
        assert original == paragraph.text
        if pieces:
            assert "".join(p.text for p in pieces if p.kind != "inserted") == paragraph.text
            assert all(p.reason for p in pieces if p.kind != "text")


def test_a_replacement_is_a_deletion_then_an_insertion_with_its_reason(letter_docx: Callable[..., Path]) -> None:
    document = open_document(letter_docx("003_besluit"))
    paragraph = document.paragraph("p5")
    start = paragraph.text.index("door middel van")
    edit = Edit("p5", start, start + len("door middel van"), "door", explanation="Korter.")
    overlapping = Edit("p5", start + 5, start + 11, "middels", explanation="Overlapt.")
    shown = preview(document, [edit, overlapping])
    pieces = shown.pieces["p5"]
    assert [(p.kind, p.text) for p in pieces] == [
        ("text", paragraph.text[: start + len("door")]),
        ("deleted", " middel van"),
        ("text", paragraph.text[start + len("door middel van") :]),
    ]  # word-level, as the writer writes it: "door" stays, " middel van" goes
    assert pieces[1].reason == "Korter." and pieces[1].edit == edit
    assert shown.final_text("p5", paragraph.text) == paragraph.text.replace("door middel van", "door")
    assert [e for e, _reason in shown.refused] == [overlapping]
    assert shown.final_text("p4", "ongewijzigd") == "ongewijzigd"

    replaced = preview(document, [Edit("p3", 0, len("Overwegende"), "Omdat", explanation="Eenvoudiger.")])
    assert [(p.kind, p.text) for p in replaced.pieces["p3"][:2]] == [("deleted", "Overwegende"), ("inserted", "Omdat")]


def test_levels_are_measured_on_the_text_as_it_will_be_saved(letter_docx: Callable[..., Path]) -> None:
    document = open_document(letter_docx("003_besluit"))
    paragraph = document.paragraph("p5")
    start = paragraph.text.index("door middel van")
    before = {r.paragraph: r for r in level_reports((p.id, p.text) for p in document.paragraphs)}
    _shown, after_reports = levels_as_saved(document, [Edit("p5", start, start + 15, "door")])
    after = {r.paragraph: r for r in after_reports}
    assert after["p5"].words == before["p5"].words - 2
    assert after[None].words == before[None].words - 2
    assert after["p4"] == before["p4"]
