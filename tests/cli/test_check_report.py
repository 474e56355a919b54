"""schrijfhulp-cli check prints nothing but its report: text without empty "()", JSON, or an html page that
parses and escapes the document; -o writes only the kinds and the confidence asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from desktop.check_command import to_write
from desktop.cli import main
from desktop.core import paths
from desktop.core.document.reader import open_document
from desktop.core.findings import Category, Finding, Source

pytestmark = [pytest.mark.core, pytest.mark.slow]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML_TEXT = etree.XPath("string(.)")
SHOWN_TEXT = etree.XPath("text()|mark/text()")  # a paragraph without the numbers of its marks
INJECTED = '<script>alert("x")</script> & <b>vet</b>'


class _Tags(HTMLParser):
    """The start tags a browser's tokenizer sees."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_the_html_report_parses_and_shows_findings_levels_and_checklist(
    letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = letter_docx("003_besluit", ("Besluiten:", f"Besluiten: {INJECTED}"))
    assert main(["check", str(path), "--no-model", "--format", "html"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    page = captured.out
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")

    tags = _Tags()
    tags.feed(page)
    assert "script" not in tags.tags and "b" not in tags.tags  # the document's text is escaped
    root = etree.fromstring(page.encode("utf-8"))  # strictly well-formed
    assert root.get("lang") == "nl" and root.find("head/meta").get("charset") == "utf-8"
    assert not root.xpath("//script|//link|//img|//iframe|//*[@src]")  # self-contained, nothing to fetch

    document = open_document(path)
    texts = {"".join(SHOWN_TEXT(p)) for p in root.xpath("//article/p[@class='text']")}
    injected = next(p for p in document.paragraphs if INJECTED in p.text)
    assert injected.text in texts  # shown verbatim
    heading = root.xpath(f"string(//article[@id='alinea-{injected.id}']/header/span[1])")
    assert heading == f"Alinea {int(injected.id[1:]) + 1}"  # the place as the checklist and the tab say it
    for paragraph in document.paragraphs:
        if "adminitratieve" in paragraph.text:
            assert paragraph.text in texts
    marks = [XHTML_TEXT(m) for m in root.xpath("//mark")]
    assert "adminitratieve" in marks

    findings = root.xpath("//ol[@class='findings']/li")
    assert len(findings) == int(root.xpath("string(//section[@id='samenvatting']/p[last()])").split()[1])
    spelling = next(li for li in findings if "adminitratieve" in XHTML_TEXT(li))
    assert XHTML_TEXT(spelling.find("ins")) == "‘administratieve’"
    assert XHTML_TEXT(spelling.find("details/summary")) == "Details"
    assert "OPENTAAL_SPELLING" in XHTML_TEXT(spelling.find("details"))  # the rule code only behind Details
    assert "OPENTAAL_SPELLING" not in "".join(XHTML_TEXT(p) for p in spelling.findall("p"))

    assert XHTML_TEXT(root.xpath("//section[@id='samenvatting']//span[contains(@class, 'level')]")[0]) in (
        "A2", "B1", "B2", "C1+")
    assert root.xpath("//article//header/span[contains(@class, 'level')]")  # paragraph levels
    rows = root.xpath("//section[@id='eisen']//tbody/tr")
    checks = {XHTML_TEXT(row[0]): (row.get("class"), XHTML_TEXT(row[2])) for row in rows}
    assert checks["Bezwaarclausule"] == ("missing", "art. 3:45 Awb")  # the same words as the tab and the text


def test_the_text_report_has_no_empty_brackets_and_stderr_stays_empty(
    letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(letter_docx("011_brief")), "--no-model"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "Soort document: brief" in captured.out
    assert "()" not in captured.out
    assert "  ✓ aanwezig — Aanhef en slotgroet: Aanhef en slotgroet passen bij elkaar." in captured.out.splitlines()
    assert "Geen taalmodel: alleen de taalregels" in captured.out  # part of the report, not a stray line


def test_json_and_writing_keep_stdout_json(
    letter_docx: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "uit.docx"
    assert main(["check", str(letter_docx("003_besluit")), "--no-model", "--format", "json", "-o", str(target),
                 "--min-confidence", "1"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert lines and "Geschreven:" in captured.err
    written = sum(1 for line in lines if line.get("suggestions"))  # rules are sure: every suggestion is written
    body = etree.fromstring(zipfile.ZipFile(target).read("word/comments.xml"))
    assert len(body.findall(f"{W}comment")) == written - int(captured.err.count("Niet geschreven"))


def test_a_confidence_outside_zero_to_one_is_refused(
    letter_docx: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(letter_docx("003_besluit")), "-o", str(tmp_path / "uit.docx"), "--min-confidence", "7"])
    assert stopped.value.code == 2
    assert "geef een getal van 0 tot en met 1" in capsys.readouterr().err


def _finding(start: int, confidence: float, category: Category = Category.SPELLING) -> Finding:
    return Finding("p1", start, start + 4, "tekt", category, "R", Source.MODEL, "Waarom.", ("tekst",),
                   confidence=confidence)


def test_only_sure_findings_of_the_chosen_kinds_are_written() -> None:
    doubtful, fair, sure = _finding(0, 0.5), _finding(10, 0.75), _finding(20, 1.0)
    style = _finding(30, 0.9, Category.STYLE)
    note = Finding("p1", 40, 44, "lang", Category.READABILITY, "B1_ZIN", Source.RULE, "Lang.", confidence=0.3)
    findings = [doubtful, fair, sure, style, note]
    assert to_write(findings, None, None) == (findings, 0)
    assert to_write(findings, None, 0.6) == ([fair, sure, style], 1)  # the note had nothing to write
    assert to_write(findings, {"spelling"}, 0.8) == ([sure], 2)
    assert to_write(findings, {"style", "readability"}, 0.0) == ([style, note], 0)


def test_reports_are_utf8_where_the_locale_is_not(letter_docx: Callable[..., Path]) -> None:
    # Windows writes a redirected stdout in cp1252, which has no ✓ or ✗: the page says UTF-8 and must be it.
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for report in ("html", "text"):
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "check", str(letter_docx("003_besluit")), "--no-model",
             "--checks", "decision", "--format", report],
            capture_output=True, env=environment, check=False,
        )
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        assert "✗ ontbreekt" in result.stdout.decode("utf-8")


def test_checks_never_switch_on_a_check_the_policy_switched_off(
    letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    policy = paths.machine_config_dir() / "policy.toml"
    policy.write_text("[checks]\ndecision = false\n", encoding="utf-8")
    assert main(["check", str(letter_docx("003_besluit")), "--no-model", "--checks", "decision"]) == 2
    assert "Uw organisatie heeft deze controle uitgeschakeld: decision." in capsys.readouterr().err
