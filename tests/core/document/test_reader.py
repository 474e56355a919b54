"""Reading: live text, offsets, ids, formatting and writability of every kind of paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.core.document.reader import Document, ParagraphKind, Span, open_document
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core


def _open(tmp_path: Path, body: str, **kwargs: object) -> Document:
    return open_document(build_docx(tmp_path / "in.docx", body, **kwargs))  # type: ignore[arg-type]


def test_plain_runs_tabs_breaks_and_special_characters(tmp_path: Path) -> None:
    body = p(
        r("Een "),
        "<w:r><w:t>zin</w:t><w:tab/><w:t>met</w:t><w:br/><w:t>re</w:t><w:softHyphen/><w:t>gels</w:t></w:r>",
        '<w:r><w:noBreakHyphen/><w:sym w:font="Symbol" w:char="F0B7"/><w:cr/></w:r>',
    )
    doc = _open(tmp_path, body)
    paragraph = doc.paragraph("p0")
    assert paragraph.text == "Een zin\tmet\nre\u00adgels\u2011\uf0b7\n"
    assert paragraph.kind is ParagraphKind.BODY
    _run, node, offset = paragraph.locate(5)
    assert node.text == "zin" and offset == 1
    assert paragraph.locate(7)[1].tag.endswith("}tab")
    assert paragraph.writable(0, len(paragraph.text))


def test_existing_revisions_are_read_as_word_shows_them(tmp_path: Path) -> None:
    body = p(
        r("Wij "),
        '<w:del w:id="1" w:author="Anna" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>verzoeken </w:delText></w:r></w:del>",
        '<w:ins w:id="2" w:author="Anna" w:date="2024-01-01T00:00:00Z"><w:r><w:t>vragen </w:t></w:r></w:ins>',
        r("u"),
        '<w:moveFrom w:id="3" w:author="Bob"><w:r><w:t> weg</w:t></w:r></w:moveFrom>',
        '<w:moveTo w:id="4" w:author="Bob"><w:r><w:t> hier</w:t></w:r></w:moveTo>',
        r("."),
    )
    doc = _open(tmp_path, body)
    paragraph = doc.paragraph("p0")
    assert paragraph.text == "Wij vragen u hier."
    assert doc.has_tracked_changes
    assert paragraph.writable(0, 4)
    assert not paragraph.writable(4, 10)
    assert "Anna" in (paragraph.lock_reason(5, 6) or "")
    assert not paragraph.writable(12, 15)
    # Insertion points next to the other author's insertion attach to the free side.
    assert paragraph.writable(4, 4) and paragraph.writable(11, 11)


def test_fields_show_their_result_and_are_read_only(tmp_path: Path) -> None:
    body = p(
        r("Pagina "),
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>',
        r(" van "),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="end"/><w:t xml:space="preserve"> totaal</w:t></w:r>',
    )
    doc = _open(tmp_path, body)
    paragraph = doc.paragraph("p0")
    assert paragraph.text == "Pagina 3 van 9 totaal"
    assert not paragraph.writable(7, 8)
    assert not paragraph.writable(13, 14)
    assert paragraph.writable(14, 21)
    assert "veld" in (paragraph.lock_reason(13, 14) or "")


def test_nested_field_in_instruction_and_field_spanning_paragraphs(tmp_path: Path) -> None:
    body = (
        p(
            '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText>'
            '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r>',
            '<w:r><w:instrText> = 1 "ja"</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>ja</w:t></w:r>',
        )
        + p(r("inhoud"))
        + p()
        + p('<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("Daarna"))
    )
    doc = _open(tmp_path, body)
    assert [x.text for x in doc.paragraphs] == ["ja", "inhoud", "", "Daarna"]
    assert not doc.paragraph("p1").writable(0, 6)
    assert not doc.paragraph("p2").writable(0, 0)
    assert doc.paragraph("p3").writable(0, 6)


def test_hyperlinks_smart_tags_bookmarks_and_content_controls(tmp_path: Path) -> None:
    body = p(
        '<w:bookmarkStart w:id="0" w:name="b"/>',
        r("Zie "),
        '<w:hyperlink r:id="rIdLink"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        "<w:t>de site</w:t></w:r></w:hyperlink>",
        '<w:bookmarkEnd w:id="0"/>',
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t> Den Haag</w:t></w:r></w:smartTag>',
        "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t> vrij</w:t></w:r></w:sdtContent></w:sdt>",
        '<w:sdt><w:sdtPr><w:lock w:val="contentLocked"/></w:sdtPr><w:sdtContent><w:r><w:t> vast</w:t></w:r>'
        "</w:sdtContent></w:sdt>",
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t> Klik hier</w:t></w:r>"
        "</w:sdtContent></w:sdt>",
    )
    doc = _open(tmp_path, body, hyperlinks={"rIdLink": "https://example.org"})
    paragraph = doc.paragraph("p0")
    assert paragraph.text == "Zie de site Den Haag vrij vast Klik hier"
    assert paragraph.writable(0, 25)
    assert not paragraph.writable(25, 30)
    assert not paragraph.writable(31, 40)
    assert paragraph.spans == (Span(4, 11, bold=False, italic=False, underline=True),)


def test_objects_text_boxes_and_notes(tmp_path: Path) -> None:
    textbox = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        "<wps:wsp><wps:txbx><w:txbxContent>"
        + p(r("In het kader"))
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p(r("In het kader"))
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = p(r("Tekst"), '<w:r><w:footnoteReference w:id="1"/></w:r>', textbox, r(" en verder"))
    footnotes = '<w:footnote w:id="1">' + p("<w:r><w:footnoteRef/></w:r>", r(" Bron: wet.")) + "</w:footnote>"
    endnotes = '<w:endnote w:id="1">' + p(r("Eindnoot")) + "</w:endnote>"
    doc = _open(tmp_path, body, footnotes=footnotes, endnotes=endnotes)
    assert [(x.id, x.kind, x.text) for x in doc.paragraphs] == [
        ("p0", ParagraphKind.BODY, "Tekst\ufffc\ufffc en verder"),
        ("fn1:p0", ParagraphKind.FOOTNOTE, "\ufffc Bron: wet."),
        ("en1:p0", ParagraphKind.ENDNOTE, "Eindnoot"),
        ("p0:x0:p0", ParagraphKind.TEXTBOX, "In het kader"),
    ]
    assert not doc.paragraph("p0").writable(5, 6)
    assert doc.paragraph("fn1:p0").writable(2, 6)
    assert "tekstvak" in (doc.paragraph("p0:x0:p0").lock_reason(0, 2) or "")


def test_tables_headers_footers_and_ids(tmp_path: Path) -> None:
    cell = "<w:tc><w:tcPr>{}</w:tcPr>{}</w:tc>"
    nested = "<w:tbl><w:tr>" + cell.format("", p(r("genest"))) + "</w:tr></w:tbl>"
    table = (
        "<w:tbl><w:tr>"
        + cell.format('<w:gridSpan w:val="2"/>', p(r("A")) + p(r("A2")))
        + cell.format("", p(r("B")))
        + "</w:tr><w:tr>"
        + cell.format("", p(r("C")))
        + cell.format("", nested + p(r("D")))
        + cell.format("", p(r("E")))
        + "</w:tr></w:tbl>"
    )
    header = p(r("Gemeente Voorbeeld"))
    footer = "<w:tbl><w:tr>" + cell.format("", p(r("Pagina"))) + "</w:tr></w:tbl>"
    doc = _open(tmp_path, p(r("Voor")) + table + p(r("Na")), header=header, footer=footer)
    assert [(x.id, x.text, x.table, x.kind.value) for x in doc.paragraphs] == [
        ("p0", "Voor", None, "body"),
        ("t0.0.0.0", "A", (0, 0, 0), "table_cell"),
        ("t0.0.0.1", "A2", (0, 0, 0), "table_cell"),
        ("t0.0.2.0", "B", (0, 0, 2), "table_cell"),
        ("t0.1.0.0", "C", (0, 1, 0), "table_cell"),
        ("t1.0.0.0", "genest", (1, 0, 0), "table_cell"),
        ("t0.1.1.0", "D", (0, 1, 1), "table_cell"),
        ("t0.1.2.0", "E", (0, 1, 2), "table_cell"),
        ("p1", "Na", None, "body"),
        ("h0:p0", "Gemeente Voorbeeld", None, "header"),
        ("f0:t0.0.0.0", "Pagina", (0, 0, 0), "footer"),
    ]
    again = open_document(doc.path)
    assert again.texts() == doc.texts()
    assert doc.word_count == 9


def test_styles_headings_lists_and_formatting(tmp_path: Path) -> None:
    body = (
        p(r("Titel"), ppr='<w:pStyle w:val="Kop1"/>')
        + p(r("Sub"), ppr='<w:pStyle w:val="Kop2"/>')
        + p(r("Eerste punt"), ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
        + p(r("Opsomming"), ppr='<w:pStyle w:val="Lijstalinea"/>')
        + p(r("Geen lijst"), ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
        + p(
            r("vet", "<w:b/>"),
            r(" niet", '<w:b w:val="0"/>'),
            r(" schuin", '<w:rStyle w:val="Nadruk"/>'),
            r(" beide", '<w:b/><w:i/><w:u w:val="double"/>'),
            r(" geen", '<w:u w:val="none"/>'),
        )
    )
    doc = _open(tmp_path, body)
    kop1, kop2, item, bullet, plain, formatted = doc.paragraphs
    assert (kop1.style_name, kop1.heading_level, kop1.spans) == (
        "heading 1",
        1,
        (Span(0, 5, True, False, False),),
    )
    assert (kop2.heading_level, kop2.spans) == (2, (Span(0, 3, True, True, False),))
    assert (item.list_level, item.list_format, item.heading_level) == (1, "lowerLetter", None)
    assert (bullet.list_level, bullet.list_format) == (0, "bullet")
    assert (plain.list_level, plain.style_name) == (None, "Normal")
    assert formatted.spans == (
        Span(0, 3, True, False, False),
        Span(8, 15, False, True, False),
        Span(15, 21, True, True, True),
    )


def test_python_docx_document_reads_like_python_docx(tmp_path: Path) -> None:
    source = docx.Document()
    source.add_heading("Besluit", level=1)
    source.add_paragraph("Geachte heer, mevrouw,")
    table = source.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "cel"
    source.sections[0].header.paragraphs[0].text = "Kop"
    source.save(tmp_path / "pd.docx")
    doc = open_document(tmp_path / "pd.docx")
    assert doc.texts() == {
        "p0": "Besluit",
        "p1": "Geachte heer, mevrouw,",
        "t0.0.0.0": "",
        "t0.0.1.0": "",
        "t0.1.0.0": "",
        "t0.1.1.0": "cel",
        "h0:p0": "Kop",
    }
    assert doc.paragraph("p0").heading_level == 1
    assert not doc.has_tracked_changes and not doc.has_comments
    with pytest.raises(KeyError):
        doc.paragraph("p99")


def test_live_text_matches_the_oracle_on_the_corpus(test_data: Path) -> None:
    """The reader and the independent oracle agree on every body paragraph of every normal file."""
    from tests.ooxml_oracle import body_texts, parse, read_parts

    checked = 0
    for path in sorted((test_data / "docx" / "normal").glob("*.docx")):
        doc = open_document(path)
        main = str(doc.stories[0].partname).lstrip("/")
        oracle = body_texts(parse(read_parts(path)[main]))
        ours = [x.text for x in doc.paragraphs if x.kind in (ParagraphKind.BODY, ParagraphKind.TABLE_CELL)]
        assert ours == oracle, path.name
        checked += 1
    assert checked == 200
