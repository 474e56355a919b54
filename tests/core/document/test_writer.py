"""The writer's rules: refusals, overlaps, authors, comments, clean copies, disclosure, saving."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from desktop.core.document.ooxml import parse_xml, serialize_part
from desktop.core.document.reader import (
    SaveRefusedError,
    SourceChangedError,
    open_document,
)
from desktop.core.document.writer import Disclosure, WriteOptions, plan_edits, save_document
from desktop.core.findings import Edit
from tests.docx_factory import build_docx, p, r
from tests.ooxml_oracle import (
    accept_all,
    body_texts,
    new_schema_errors,
    parse,
    read_parts,
    reject_all,
    revision_problems,
)

pytestmark = pytest.mark.core

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    body = (
        p(r("Geachte heer Jansen,"))
        + p(r("Wij verzoeken u "), r("vriendelijk", "<w:b/>"), r(" om het formulier te retourneren."))
        + p(
            r("Zie "),
            '<w:ins w:id="7" w:author="Anna" w:date="2024-01-01T00:00:00Z">' + r("haar tekst") + "</w:ins>",
            r(" en "),
            '<w:fldSimple w:instr=" DATE "><w:r><w:t>1 mei</w:t></w:r></w:fldSimple>',
        )
        + p()
    )
    return build_docx(tmp_path / "brief.docx", body, header=p(r("Gemeente Voorbeeld")))


def _parts(path: Path) -> dict[str, bytes]:
    return read_parts(path)


def _texts(path: Path, part: str = "word/document.xml") -> list[str]:
    return body_texts(accept_all(parse(_parts(path)[part])))


def test_refusals_are_explained_in_dutch(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    edits = [
        Edit("p9", 0, 1, "x"),
        Edit("p0", 0, 99, "x"),
        Edit("p0", 0, 7, "Geachte"),
        Edit("p0", 0, 7, "Beste\x00"),
        Edit("p2", 5, 9, "zijn"),
        Edit("p2", 19, 20, "2"),
        Edit("p2", 19, 19, "!"),
        Edit("p0", 20, 20, "x\ufffcy"),
    ]
    report = save_document(doc, edits, tmp_path / "out.docx", WriteOptions(date=DATE))
    reasons = [reason for _edit, reason in report.refused]
    assert report.applied == []
    assert reasons[0] == "Deze alinea bestaat niet in het document."
    assert reasons[1] == "Deze plaats bestaat niet (meer) in de alinea."
    assert reasons[2] == "Deze suggestie verandert de tekst niet."
    assert reasons[3] == reasons[7] == "De nieuwe tekst bevat tekens die niet in een Word-document passen."
    assert reasons[4] == "Deze tekst is al een bijgehouden wijziging van Anna."
    assert reasons[5].startswith("Deze tekst is de uitkomst van een veld")
    assert reasons[6].startswith("Deze tekst is de uitkomst van een veld")
    assert _parts(tmp_path / "out.docx")["word/document.xml"] == _parts(letter)["word/document.xml"]


def test_overlapping_suggestions_are_merged_or_refused_in_input_order(letter: Path) -> None:
    doc = open_document(letter)
    first = Edit("p1", 4, 13, "vragen", explanation="Korter.")
    duplicate = Edit("p1", 4, 13, "vragen", explanation="Eenvoudiger woord.")
    overlapping = Edit("p1", 0, 13, "We vragen")
    at_edge = Edit("p1", 13, 13, " graag")
    adjacent = Edit("p1", 14, 15, "jou")
    plan = plan_edits(doc, [first, duplicate, overlapping, at_edge, adjacent])
    assert plan.applied == [first, duplicate, adjacent]
    assert [edit for edit, _reason in plan.refused] == [overlapping, at_edge]
    assert {reason for _edit, reason in plan.refused} == {
        "Deze suggestie overlapt met een andere suggestie die al wordt toegepast."
    }
    (accepted,) = [a for a in plan.by_paragraph["p1"] if a.edit == first]
    assert accepted.explanations == ["Korter.", "Eenvoudiger woord."]


def test_tracked_change_markup_author_date_ids_and_comment(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    edits = [
        Edit("p1", 16, 27, "", explanation="Overbodig."),
        Edit("p1", 45, 59, "terug te sturen", explanation="B1: eenvoudiger.", author="Redacteur"),
        Edit("p0", 8, 19, "mevrouw De Vries"),
    ]
    out = tmp_path / "out.docx"
    report = save_document(doc, edits, out, WriteOptions(date=DATE))
    assert report.applied == edits and report.comments == 2
    parts = _parts(out)
    root = parse(parts["word/document.xml"])
    revisions = [e for e in root.iter(f"{W}ins", f"{W}del") if e.get(f"{W}author") != "Anna"]
    assert {e.get(f"{W}date") for e in revisions} == {"2024-05-01T12:00:00Z"}
    assert {e.get(f"{W}author") for e in revisions} == {"Schrijfhulp (AI)", "Redacteur"}
    ids = [e.get(f"{W}id") for e in root.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)) and "7" in ids
    assert all(int(i) > 7 for i in ids if i != "7")
    comments = parse(parts["word/comments.xml"])
    assert [(c.get(f"{W}author"), "".join(c.itertext())) for c in comments] == [
        ("Schrijfhulp (AI)", "Overbodig."),
        ("Redacteur", "B1: eenvoudiger."),
    ]
    assert revision_problems(parts) == []
    assert _texts(out)[:2] == [
        "Geachte mevrouw De Vries,",
        "Wij verzoeken u  om het formulier terug te sturen.",
    ]
    assert body_texts(reject_all(root)) == body_texts(reject_all(parse(_parts(letter)["word/document.xml"])))
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert "relationships/comments" in rels
    assert "/word/comments.xml" in parts["[Content_Types].xml"].decode()


def test_the_pieces_of_one_rewrite_get_one_comment(letter: Path, tmp_path: Path) -> None:
    """A model rewrite is saved as several word-level changes; its explanation is written once, on the
    first piece, not repeated on every piece (another rewrite of the same paragraph keeps its own)."""
    why = "Eenvoudiger geschreven (B1). Gecontroleerd: bedragen, datums, namen en inhoudswoorden zijn gelijk."
    edits = [
        Edit("p1", 0, 3, "We", explanation=why, group="model-b1:p1:0:59"),
        Edit("p1", 45, 59, "terug te sturen", explanation=why, group="model-b1:p1:0:59"),
        Edit("p0", 8, 19, "mevrouw", explanation="Andere herschrijving.", group="model-b1:p0:0:20"),
        Edit("p0", 0, 7, "Beste", explanation="Los voorstel."),
    ]
    out = tmp_path / "out.docx"
    report = save_document(open_document(letter), edits, out, WriteOptions(date=DATE))
    assert report.applied == edits and report.comments == 3
    comments = ["".join(c.itertext()) for c in parse(_parts(out)["word/comments.xml"])]
    assert sorted(comments) == sorted([why, "Andere herschrijving.", "Los voorstel."])
    assert revision_problems(_parts(out)) == []


def test_comment_text_and_author_keep_every_character(letter: Path, tmp_path: Path) -> None:
    author = 'R&D <team> "Ü"\ttab\nregel\r'
    explanation = 'Zie "artikel 3:2" & <bijlage> > 1 \u20ac\r\n\nregel\ttab  '
    out = tmp_path / "out.docx"
    report = save_document(
        open_document(letter), [Edit("p0", 8, 19, "mevrouw", explanation=explanation, author=author)], out
    )
    assert report.comments == 1
    written = _parts(out)["word/comments.xml"]
    # Written as markup without lxml: the very bytes lxml would write for it.
    assert written == serialize_part(parse_xml(written))
    (comment,) = parse(written)
    assert comment.get(f"{W}author") == author
    lines = ["".join(p.itertext()) for p in comment.iter(f"{W}p")]
    assert lines == explanation.split("\n")
    # The same markup as lxml writes for a comment built element by element.
    expected = etree.Element(
        f"{W}comment", {f"{W}id": comment.get(f"{W}id"), f"{W}author": author}, nsmap={"w": W[1:-1]}
    )
    expected.set(f"{W}date", comment.get(f"{W}date"))
    for n, line in enumerate(explanation.split("\n")):
        paragraph = etree.SubElement(expected, f"{W}p")
        etree.SubElement(etree.SubElement(paragraph, f"{W}pPr"), f"{W}pStyle", {f"{W}val": "CommentText"})
        if n == 0:
            reference = etree.SubElement(paragraph, f"{W}r")
            etree.SubElement(etree.SubElement(reference, f"{W}rPr"), f"{W}rStyle", {f"{W}val": "CommentReference"})
            etree.SubElement(reference, f"{W}annotationRef")
        if line:
            node = etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}t")
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node.text = line
    assert etree.tostring(comment) == etree.tostring(expected)


def test_deleted_bold_text_keeps_its_formatting_and_insertion_copies_it(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    out = tmp_path / "out.docx"
    save_document(doc, [Edit("p1", 16, 27, "graag")], out, WriteOptions(comments=False))
    root = parse(_parts(out)["word/document.xml"])
    (deletion,) = [d for d in root.iter(f"{W}del")]
    (insertion,) = [i for i in root.iter(f"{W}ins") if i.get(f"{W}author") != "Anna"]
    assert deletion.find(f"{W}r/{W}rPr/{W}b") is not None
    assert deletion.find(f"{W}r/{W}delText").text == "vriendelijk"
    assert insertion.find(f"{W}r/{W}rPr/{W}b") is not None
    assert insertion.getprevious() is deletion
    assert "comments" not in " ".join(_parts(out))


def test_insertions_into_empty_paragraph_and_deletions(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    out = tmp_path / "out.docx"
    edits = [Edit("p3", 0, 0, "Met vriendelijke groet,\nde burgemeester"), Edit("p0", 0, 8, "")]
    report = save_document(doc, edits, out)
    assert report.refused == []
    texts = _texts(out)
    assert texts[0] == "heer Jansen,"
    assert texts[3] == "Met vriendelijke groet,\nde burgemeester"
    assert open_document(out).paragraph("p3").text == "Met vriendelijke groet,\nde burgemeester"


@pytest.mark.parametrize("clean", [False, True])
def test_text_next_to_a_formula_can_be_changed(tmp_path: Path, clean: bool) -> None:
    formula = "<m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>"
    source = build_docx(tmp_path / "formule.docx", p(r("Som "), formula, r(" is groot")))
    doc = open_document(source)
    assert doc.paragraph("p0").text == "Som \ufffc is groot"
    edits = [Edit("p0", 0, 3, "Uitkomst"), Edit("p0", 6, 8, "blijft"), Edit("p0", 4, 4, "(ongeveer) ")]
    out = tmp_path / "uit.docx"
    report = save_document(doc, edits, out, WriteOptions(clean=clean))
    assert report.refused == []
    assert open_document(out).paragraph("p0").text == "Uitkomst (ongeveer) \ufffc blijft groot"
    if not clean:
        assert _texts(out) == ["Uitkomst (ongeveer) \ufffc blijft groot"]
        assert body_texts(reject_all(parse(_parts(out)["word/document.xml"]))) == ["Som \ufffc is groot"]


def test_clean_copy_has_no_revisions_and_no_comments(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    out = tmp_path / "clean.docx"
    report = save_document(doc, [Edit("p1", 4, 13, "vragen", explanation="Korter.")], out, WriteOptions(clean=True))
    assert report.comments == 0
    parts = _parts(out)
    root = parse(parts["word/document.xml"])
    assert [e.get(f"{W}author") for e in root.iter(f"{W}ins", f"{W}del")] == ["Anna"]
    assert body_texts(root)[1] == "Wij vragen u vriendelijk om het formulier te retourneren."
    assert "word/comments.xml" not in parts


def test_header_edits_are_written_without_comment(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    edit = Edit("h0:p0", 0, 8, "Provincie", explanation="Andere afzender.")
    report = save_document(doc, [edit], tmp_path / "out.docx")
    assert report.applied == [edit] and report.uncommented == [edit] and report.comments == 0
    assert _texts(tmp_path / "out.docx", "word/header1.xml") == ["Provincie Voorbeeld"]
    assert report.parts_changed == ("word/header1.xml",)


def test_untouched_parts_are_byte_identical_and_the_document_is_not_modified(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    before = {p.id: p.text for p in doc.paragraphs}
    edit = Edit("p1", 4, 13, "vragen")
    first = save_document(doc, [edit], tmp_path / "a.docx")
    second = save_document(doc, [edit], tmp_path / "b.docx", WriteOptions(date=DATE))
    assert doc.texts() == before
    assert first.parts_changed == second.parts_changed == ("word/document.xml",)
    original, written = _parts(letter), _parts(tmp_path / "a.docx")
    assert list(written) == list(original)
    assert {name for name in original if original[name] != written[name]} == {"word/document.xml"}
    with zipfile.ZipFile(letter) as a, zipfile.ZipFile(tmp_path / "a.docx") as b:
        assert [(i.filename, i.date_time) for i in a.infolist()] == [(i.filename, i.date_time) for i in b.infolist()]


def test_never_over_the_original_unless_asked(letter: Path) -> None:
    doc = open_document(letter)
    original = letter.read_bytes()
    with pytest.raises(SaveRefusedError) as refused:
        save_document(doc, [Edit("p1", 4, 13, "vragen")], letter)
    assert "oorspronkelijke document" in str(refused.value)
    assert letter.read_bytes() == original
    with pytest.raises(SaveRefusedError, match=r"\.docx"):
        save_document(doc, [], letter.with_suffix(".docm"))
    report = save_document(doc, [Edit("p1", 4, 13, "vragen")], letter, allow_overwrite_original=True)
    assert report.applied and letter.read_bytes() != original
    assert open_document(letter).paragraph("p1").text.startswith("Wij vragen")


def test_source_changed_on_disk_is_refused(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    letter.write_bytes(letter.read_bytes() + b"\0")
    with pytest.raises(SourceChangedError) as changed:
        save_document(doc, [Edit("p1", 4, 13, "vragen")], tmp_path / "out.docx")
    assert "gewijzigd of verplaatst" in str(changed.value)
    assert not (tmp_path / "out.docx").exists()
    letter.unlink()
    with pytest.raises(SourceChangedError):
        save_document(doc, [], tmp_path / "out.docx")


def test_disclosure_properties_and_note_at_the_end(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    out = tmp_path / "out.docx"
    disclosure = Disclosure(
        properties={"AI-ondersteund": True, "Versie": 3, "Score": 0.5, "Model": "Qwen", "Datum": DATE},
        text="Deze brief is opgesteld met hulp van AI.",
    )
    save_document(doc, [], out, WriteOptions(disclosure=disclosure))
    parts = _parts(out)
    custom = parse(parts["docProps/custom.xml"])
    values = {prop.get("name"): (etree.QName(prop[0]).localname, prop[0].text, prop.get("pid")) for prop in custom}
    assert values == {
        "AI-ondersteund": ("bool", "true", "2"),
        "Versie": ("i4", "3", "3"),
        "Score": ("r8", "0.5", "4"),
        "Model": ("lpwstr", "Qwen", "5"),
        "Datum": ("filetime", "2024-05-01T12:00:00Z", "6"),
    }
    assert "custom-properties" in parts["_rels/.rels"].decode()
    assert "/docProps/custom.xml" in parts["[Content_Types].xml"].decode()
    reopened = open_document(out)
    last = reopened.paragraphs[4]
    assert (last.id, last.text, last.style_name) == ("p4", disclosure.text, "Schrijfhulp verantwoording")
    root = parse(parts["word/document.xml"])
    assert root.find(f"{W}body")[-1].tag == f"{W}sectPr"
    assert new_schema_errors(letter, out) == []

    again = tmp_path / "again.docx"
    save_document(reopened, [], again, WriteOptions(disclosure=Disclosure(properties={"versie": 4})))
    custom = parse(_parts(again)["docProps/custom.xml"])
    assert [(prop.get("name"), prop[0].text) for prop in custom][1] == ("Versie", "4")
    assert len(custom) == 5


def test_disclosure_in_footers_and_on_the_first_page(letter: Path, tmp_path: Path) -> None:
    doc = open_document(letter)
    out = tmp_path / "footer.docx"
    note = "Opgesteld met hulp van AI"
    save_document(doc, [], out, WriteOptions(disclosure=Disclosure(text=note, placement="footer")))
    reopened = open_document(out)
    assert reopened.texts()["f0:p0"] == note
    parts = _parts(out)
    assert "footerReference" in parts["word/document.xml"].decode()
    assert new_schema_errors(letter, out) == []

    existing = build_docx(tmp_path / "met-voet.docx", p(r("Tekst")), footer=p(r("Pagina")))
    out2 = tmp_path / "footer2.docx"
    save_document(open_document(existing), [], out2, WriteOptions(disclosure=Disclosure(text=note, placement="footer")))
    assert open_document(out2).texts() == {"p0": "Tekst", "f0:p0": "Pagina", "f0:p1": note}

    out3 = tmp_path / "first.docx"
    disclosure = Disclosure(text=note, placement="first_page_note", style_name="Kop1")
    save_document(doc, [], out3, WriteOptions(disclosure=disclosure))
    first = open_document(out3).paragraphs[0]
    assert (first.text, first.style_name, first.heading_level) == (note, "heading 1", 1)
    assert _parts(out3)["word/styles.xml"] == _parts(letter)["word/styles.xml"]


def test_oracle_detects_broken_revisions(tmp_path: Path) -> None:
    """The revision rules and the schema check fail on the mistakes they exist to catch."""
    good = build_docx(tmp_path / "good.docx", p(r("tekst")))
    bad = build_docx(
        tmp_path / "bad.docx",
        p(
            '<w:del w:id="1" w:author="A"><w:r><w:t>fout</w:t></w:r></w:del>',
            '<w:ins w:id="1"><w:ins w:id="2" w:author="B">' + r("genest") + "</w:ins></w:ins>",
            "<w:r><w:delText>los</w:delText></w:r>",
            '<w:commentRangeStart w:id="5"/>',
        ),
    )
    problems = revision_problems(_parts(bad))
    assert any("w:t inside a deletion" in x for x in problems)
    assert any("without w:id or w:author" in x for x in problems)
    assert any("nested" in x for x in problems)
    assert any("delText outside" in x for x in problems)
    assert any("used 2 times" in x for x in problems)
    assert any("comment '5'" in x for x in problems)
    assert revision_problems(_parts(good)) == []
    schema_bad = build_docx(tmp_path / "schema.docx", p('<w:r><w:ins w:id="3" w:author="A"/></w:r>'))
    assert new_schema_errors(good, schema_bad) != []


def test_comments_join_an_existing_comments_part_without_id_clashes(tmp_path: Path) -> None:
    comment = '<w:comment w:id="3" w:author="Bob"><w:p><w:r><w:t>Klopt dit?</w:t></w:r></w:p></w:comment>'
    body = p(
        '<w:commentRangeStart w:id="3"/>',
        r("Het bedrag is hoog."),
        '<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>',
        '<w:commentRangeStart w:id="9"/>',  # an orphan range, as some real files have
    )
    source = build_docx(tmp_path / "met-opmerking.docx", body, comments=comment)
    doc = open_document(source)
    assert doc.has_comments
    out = tmp_path / "uit.docx"
    report = save_document(doc, [Edit("p0", 14, 18, "te hoog", explanation="Duidelijker.")], out)
    assert report.comments == 1
    parts = _parts(out)
    comments = parse(parts["word/comments.xml"])
    assert [(c.get(f"{W}id"), c.get(f"{W}author")) for c in comments] == [("3", "Bob"), ("11", "Schrijfhulp (AI)")]
    assert report.parts_changed == ("word/comments.xml", "word/document.xml")
    assert new_schema_errors(source, out) == []


def test_ids_stay_in_the_range_word_reads(tmp_path: Path) -> None:
    body = p('<w:bookmarkStart w:id="2147483647" w:name="x"/>', r("Een zin."), '<w:bookmarkEnd w:id="2147483647"/>')
    doc = open_document(build_docx(tmp_path / "hoog.docx", body))
    out = tmp_path / "uit.docx"
    save_document(doc, [Edit("p0", 4, 7, "regel", explanation="Ander woord.")], out)
    parts = _parts(out)
    ids = [
        e.get(f"{W}id") for e in parse(parts["word/document.xml"]).iter(f"{W}ins", f"{W}del", f"{W}commentRangeStart")
    ]
    assert ids == ["2", "0", "1"]
    assert revision_problems(parts) == []
