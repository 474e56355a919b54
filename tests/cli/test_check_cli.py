"""schrijfhulp-cli check: readable and JSON output, the checklist, writing tracked changes with -o."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.document.reader import open_document

pytestmark = [pytest.mark.core, pytest.mark.slow]

FINDING_KEYS = [
    "paragraph", "start", "end", "original", "suggestions", "category", "rule", "source", "message", "confidence",
    "doubtful",
]


def _json_lines(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict[str, object]]:
    assert main(argv) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_json_output_has_findings_levels_and_checklist(
    letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = letter_docx("006_besluit", ("binnen 6 weken", "binnen vier weken"))
    lines = _json_lines(capsys, ["check", str(path), "--json", "--no-model"])
    findings = [line for line in lines if "rule" in line]
    levels = [line for line in lines if "level" in line]
    checks = [line for line in lines if "check" in line]
    kinds = [line for line in lines if "document_kind" in line]
    assert findings and levels and checks and len(kinds) == 1
    assert len(findings) + len(levels) + len(checks) + len(kinds) == len(lines)
    document = open_document(path)
    for finding in findings:
        assert list(finding) == FINDING_KEYS
        text = document.paragraph(str(finding["paragraph"])).text
        assert text[int(finding["start"]) : int(finding["end"])] == finding["original"]
        assert finding["source"] in ("rule", "wordlist", "model") and finding["message"]
    assert {tuple(level) for level in levels} == {("level", "paragraph", "reasons")}
    assert [level["paragraph"] for level in levels].count(None) == 1
    assert kinds[0]["document_kind"] == "besluit" and kinds[0]["signs"]
    term = next(c for c in checks if c["check"] == "bezwaartermijn")
    assert {key: term[key] for key in ("section", "status", "article", "quote", "suggestion")} == {
        "section": "besluit", "status": "wrong", "article": "6:7 Awb", "quote": "vier weken", "suggestion": "zes weken"}
    text = document.paragraph(str(term["paragraph"])).text
    assert text[int(term["start"]) : int(term["end"])] == "vier weken"
    assert term["place"] == f"alinea {int(str(term['paragraph'])[1:]) + 1}"
    for check in checks:
        assert list(check) == ["check", "section", "status", "article", "quote", "paragraph", "start", "end",
                               "place", "message", "suggestion"]
        if check["quote"] is not None:
            cited = document.paragraph(str(check["paragraph"])).text
            assert cited[int(check["start"]) : int(check["end"])] == check["quote"]


def test_readable_output(letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(letter_docx("003_besluit")), "--no-model"]) == 0
    out = capsys.readouterr().out
    assert "Taalniveau van het document:" in out and "(doel: B1)" in out
    assert "‘adminitratieve’ → ‘administratieve’" in out
    assert "Soort document: besluit" in out and "✗ ontbreekt — Bezwaarclausule (art. 3:45 Awb)" in out
    assert "Besluit-eisen (Awb):" in out and "Briefeisen:" not in out


def test_the_fixes_of_letter_016_read_right(
    letter_docx: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(letter_docx("016_brief")), "--no-model"]) == 0
    out = capsys.readouterr().out
    # "district Zuid  en is": its fix read ‘  ’ → ‘ ’, which tells the reader nothing
    assert "Grammatica: (2 spaties) → (één spatie)" in out
    assert "‘ ’" not in out and "‘  ’" not in out
    # "De concept planning" is "de conceptplanning" written apart: the article stays, the words join
    assert "‘De concept planning’ → ‘De conceptplanning’" in out


def test_writing_suggestions_as_tracked_changes(
    letter_docx: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = letter_docx("003_besluit")
    before = source.read_bytes()
    target = tmp_path / "uit.docx"
    assert main(["check", str(source), "--no-model", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Geschreven:" in out
    assert source.read_bytes() == before  # the original is never touched
    written = open_document(target)
    assert written.has_tracked_changes and written.has_comments
    text = " ".join(p.text for p in written.paragraphs)
    assert "administratieve" in text  # the live text shows the insertion


def test_unreadable_input_gives_a_dutch_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(b"PK\x03\x04 dit is geen zip")
    assert main(["check", str(bad), "--no-model"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("schrijfhulp-cli: ") and "Traceback" not in err
