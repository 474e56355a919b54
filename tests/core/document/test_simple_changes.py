"""The markup path for simple changes writes exactly what the general writer writes.

Differential tests: random documents (those of the property tests, and paragraphs of plain runs
with rsid attributes, richer formatting and a formatting change of someone else) get random
word-level suggestions and are saved twice, once as the writer does (simple paragraphs through
:class:`~desktop.core.document.simple_changes.SimpleChanges`) and once with every paragraph
through the general writer; every part must come out byte for byte the same.
"""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.core.document.reader import Document, open_document
from desktop.core.document.simple_changes import SimpleChanges
from desktop.core.document.writer import WriteOptions, save_document
from desktop.core.findings import Edit
from tests.core.document.test_properties import REPLACEMENT, TEXT, WORDS, documents, edits_for
from tests.docx_factory import build_docx, p
from tests.ooxml_oracle import read_parts

pytestmark = pytest.mark.core

DATE = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
WORD = re.compile(r"\w+")
PROPERTIES = st.sampled_from(
    [
        "",
        "<w:rPr><w:b/></w:rPr>",
        '<w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/><w:i/><w:sz w:val="18"/><w:lang w:val="nl-NL"/></w:rPr>',
        '<w:rPr><w:b/><w:rPrChange w:id="801" w:author="Anna" w:date="2024-01-01T00:00:00Z"><w:rPr/>'
        "</w:rPrChange></w:rPr>",
        '<w:rPr w:rsidRPr="00A1B2C3"><w:u w:val="single"/></w:rPr>',
    ]
)
ATTRIBUTES = st.sampled_from(["", ' w:rsidR="00C4D5E6"', ' w:rsidRPr="00112233" w:rsidR="00445566"'])
EDGES = [
    "<w:r><w:tab/></w:r>",
    '<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">{0}</w:t></w:r>',
    '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{0}</w:t><w:lastRenderedPageBreak/></w:r>',
    # Runs of several w:t: a cut in an earlier one moves the later ones into a new run.
    '<w:r w:rsidR="00C4D5E6"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{0}</w:t><w:br/>'
    '<w:t xml:space="preserve">{1}</w:t><w:tab/></w:r>',
    '<w:r><w:t xml:space="preserve">{0}</w:t><w:t xml:space="preserve">{1}</w:t></w:r>',
    '<w:r w:rsidRPr="00112233"><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{0}</w:t>'
    '<w:lastRenderedPageBreak/><w:t xml:space="preserve">{1}</w:t><w:br/><w:t xml:space="preserve">{2}</w:t></w:r>',
]
SPACE = st.sampled_from(['<w:t xml:space="preserve">', "<w:t>"])
SAVE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plain_paragraphs(draw: st.DrawFn) -> str:
    """Paragraphs of runs with one w:t each, the kind the markup path writes."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        runs = []
        for _ in range(draw(st.integers(1, 4))):
            text = draw(TEXT).replace("&", "&amp;").replace("<", "&lt;")
            runs.append(f"<w:r{draw(ATTRIBUTES)}>{draw(PROPERTIES)}{draw(SPACE)}{text}</w:t></w:r>")
        # Runs a cut at their edge would split (a mark before or after the text), runs of several w:t.
        for extra in draw(st.lists(st.sampled_from(EDGES), max_size=2)):
            runs.append(extra.format(*(draw(TEXT).replace("&", "&amp;").replace("<", "&lt;") for _ in range(3))))
        paragraphs.append(f"<w:p>{''.join(draw(st.permutations(runs)))}</w:p>")
    return "".join(paragraphs)


@st.composite
def several_texts(draw: st.DrawFn) -> str:
    """A paragraph with a run of several w:t between plain runs, its texts padded with spaces so
    that word edits fall inside them (the first may start with a word: a deletion then wraps the
    run, and the texts after the first move to the last new run all the same)."""
    texts = (f"{lead}{draw(TEXT).replace('&', '&amp;').replace('<', '&lt;')} " for lead in ("", " ", " "))
    several = draw(st.sampled_from([edge for edge in EDGES if edge.count("<w:t ") > 1])).format(*texts)
    plain = st.builds(lambda text: f'<w:r><w:t xml:space="preserve">{text} </w:t></w:r>', st.sampled_from(WORDS))
    return (
        f"<w:p>{''.join(draw(st.lists(plain, max_size=2)))}{several}{''.join(draw(st.lists(plain, max_size=2)))}</w:p>"
    )


@st.composite
def word_edits(draw: st.DrawFn, doc: Document, *, pairs: bool = True) -> list[Edit]:
    """Replacements of whole words (several per paragraph), the suggestions spelling makes; with
    ``pairs``, some replace a word and the next."""
    edits = []
    for paragraph in doc.paragraphs:
        position = 0
        for match in WORD.finditer(paragraph.text):
            if match.start() < position or not draw(st.booleans()):
                continue
            end = match.end()
            if pairs and draw(st.booleans()):
                following = WORD.search(paragraph.text, end)
                end = following.end() if following else end
            replacement = draw(st.one_of(REPLACEMENT, st.just(match.group().upper() + " & <zo>")))
            original = paragraph.text[match.start() : end]
            if replacement == original or not paragraph.writable(match.start(), end):
                continue
            edits.append(Edit(paragraph.id, match.start(), end, replacement, explanation="Spelling"))
            position = end + 1
    return edits


def _both_ways(source: Path, edits: list[Edit], folder: Path) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """Every part written with the markup path and with the general writer alone, and how many
    paragraphs the markup path took."""
    doc = open_document(source)
    taken = 0
    real_add = SimpleChanges.add

    def counting_add(self: SimpleChanges, *args: object) -> bool:
        nonlocal taken
        took = real_add(self, *args)  # type: ignore[arg-type]
        taken += took
        return took

    with mock.patch.object(SimpleChanges, "add", counting_add):
        simple = save_document(doc, edits, folder / "simple.docx", WriteOptions(date=DATE))
    with mock.patch.object(SimpleChanges, "add", return_value=False):
        general = save_document(doc, edits, folder / "general.docx", WriteOptions(date=DATE))
    assert simple.applied == general.applied and simple.refused == general.refused
    return read_parts(folder / "simple.docx"), read_parts(folder / "general.docx"), taken


@SAVE
@given(body=st.one_of(plain_paragraphs(), plain_paragraphs(), documents()), data=st.data())
def test_markup_path_writes_what_the_general_writer_writes(body: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = build_docx(folder / "in.docx", body, hyperlinks={"rIdL": "https://example.org"})
        doc = open_document(source)
        strategy = st.one_of(word_edits(doc), word_edits(doc), edits_for({p.id: (p.text, p) for p in doc.paragraphs}))
        edits = data.draw(strategy)
        simple, general, taken = _both_ways(source, edits, folder)
        event(f"paragraphs through the markup path: {min(taken, 2)}{'+' if taken >= 2 else ''}")
        assert simple.keys() == general.keys()
        for name_ in general:
            if name_ != "word/comments.xml":
                assert simple[name_] == general[name_], name_
        assert simple.get("word/comments.xml") == general.get("word/comments.xml")


@SAVE
@given(body=several_texts(), data=st.data())
def test_cuts_in_several_texts_of_one_run(body: str, data: st.DataObject) -> None:
    """Cuts in two texts of one run (rare in the bodies above: one in ~1,000 examples): each cut
    after the first finds its w:t in the run written for the rest of the text before it."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = build_docx(folder / "in.docx", body)
        edits = data.draw(word_edits(open_document(source), pairs=False))
        simple, general, taken = _both_ways(source, edits, folder)
        event(f"paragraphs through the markup path: {taken}")
        assert simple == general


def test_the_markup_path_takes_simple_paragraphs_only(tmp_path: Path) -> None:
    mark = "<w:lastRenderedPageBreak/>"
    body = "".join(
        [
            p('<w:r w:rsidR="00C4D5E6"><w:rPr><w:b/></w:rPr><w:t>Wij verzoeken u vriendelijk</w:t></w:r>'),
            p("<w:r><w:t>Het formulier</w:t><w:tab/><w:t>terug</w:t></w:r>"),
            p("<w:r><w:t>Een woord erbij</w:t></w:r>"),
            # A cut at the end of "verzoeken" would split the next run (the mark before its text).
            p(f'<w:r><w:t>Wij verzoeken</w:t></w:r><w:r>{mark}<w:t xml:space="preserve"> u</w:t></w:r>'),
            # A cut at the start of "verzoeken" would split the run before (the mark after its text).
            p(f'<w:r><w:t xml:space="preserve">Wij </w:t>{mark}</w:r><w:r><w:t>verzoeken u</w:t></w:r>'),
            # Whole runs between plain neighbours.
            p('<w:r><w:t xml:space="preserve">Wij </w:t></w:r><w:r><w:t>verzoeken</w:t></w:r><w:r><w:t> u</w:t></w:r>'),
            # Inside a text with a break after it (the break moves to the last new run).
            p('<w:r><w:rPr><w:i/></w:rPr><w:t>Wij verzoeken u</w:t><w:br/><w:t>Adres</w:t></w:r>'),
            # At the start of a text with a mark before it in its run (that run would be split).
            p(f'<w:r><w:t xml:space="preserve">Wij </w:t></w:r><w:r>{mark}<w:t>verzoeken u</w:t></w:r>'),
        ]
    )
    source = build_docx(tmp_path / "brief.docx", body)
    edits = [
        Edit("p0", 4, 13, "vragen", explanation="Korter."),  # inside a plain run: markup
        Edit("p0", 16, 27, "", explanation="Weg."),  # a second hunk in the same run
        Edit("p1", 4, 13, "blad"),  # a run with a tab: general writer
        Edit("p2", 4, 4, "extra "),  # an insertion: general writer
        Edit("p3", 4, 13, "vragen"),
        Edit("p4", 4, 13, "vragen"),
        Edit("p5", 4, 13, "vragen", explanation="Korter."),
        Edit("p6", 4, 13, "vragen", explanation="Korter."),
        Edit("p7", 4, 13, "vragen"),
    ]
    simple, general, taken = _both_ways(source, edits, tmp_path)
    assert taken == 3
    assert simple == general
    document = simple["word/document.xml"].decode()
    assert '<w:delText xml:space="preserve">verzoeken</w:delText>' in document
    assert '<w:r w:rsidR="00C4D5E6"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Wij </w:t></w:r>' in document


def test_cuts_in_two_texts_of_one_run(tmp_path: Path) -> None:
    """Hypothesis's falsifying example: a run of two w:t (a break between them) with a cut inside
    each. The first cut moves the second w:t into the run written for the rest of the first; the
    second cut must find it there (it crashed with an IndexError looking in the original run)."""
    euro = "€ 50€ 50 "
    body = p(
        '<w:r><w:t xml:space="preserve">de€ 50</w:t></w:r><w:r><w:t xml:space="preserve">€ 50</w:t></w:r>'
        '<w:r><w:t xml:space="preserve">€ 50</w:t></w:r><w:r><w:t xml:space="preserve">€ 50€ 50</w:t></w:r>'
        f'<w:r w:rsidR="00C4D5E6"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{euro}</w:t><w:br/>'
        f'<w:t xml:space="preserve">{euro}</w:t><w:tab/></w:r><w:r><w:tab/></w:r>'
    )
    source = build_docx(tmp_path / "brief.docx", body)
    edits = [Edit("p0", start, end, "", explanation="Spelling") for start, end in [(0, 6), (24, 30), (34, 40)]]
    simple, general, taken = _both_ways(source, edits, tmp_path)
    assert taken == 1
    assert simple == general
    document = simple["word/document.xml"].decode()
    # The second cut splits the run the first one left: its text, the break and the second w:t's start.
    assert '<w:t xml:space="preserve"> </w:t><w:br/><w:t xml:space="preserve">€ </w:t></w:r>' in document
    assert document.count('<w:delText xml:space="preserve">50€ 50</w:delText>') == 2
