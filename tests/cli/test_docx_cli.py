"""schrijfhulp-cli text and apply: the engine on its own, with Dutch messages and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.document.reader import open_document
from tests import REPO
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core



@pytest.fixture
def letter(tmp_path: Path) -> Path:
    cell = "<w:tbl><w:tr><w:tc>" + p(r("in de cel")) + "</w:tc></w:tr></w:tbl>"
    body = p(r("Geachte heer,")) + cell + p("<w:r><w:t>Regel één</w:t><w:br/><w:t>regel twee</w:t></w:r>")
    footnotes = '<w:footnote w:id="1">' + p(r("Een voetnoot.")) + "</w:footnote>"
    return build_docx(tmp_path / "brief.docx", body, header=p(r("Kop")), footer=p(r("Voet")), footnotes=footnotes)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_text_prints_every_paragraph_with_its_id(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["text", str(letter)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "p0\tGeachte heer,",
        "t0.0.0.0\tin de cel",
        "p1\tRegel één↵regel twee",
        "h0:p0\tKop",
        "f0:p0\tVoet",
        "fn1:p0\tEen voetnoot.",
    ]


def test_apply_writes_tracked_changes_and_reports(
    letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suggestions = tmp_path / "suggesties.json"
    suggestions.write_text(
        json.dumps(
            [
                {"paragraph": "p0", "start": 0, "end": 7, "replacement": "Beste", "explanation": "Minder formeel."},
                {"paragraph": "t0.0.0.0", "start": 6, "end": 9, "replacement": "tabel"},
                {"paragraph": "p0", "start": 2, "end": 4, "replacement": "x", "explanation": "overlapt"},
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "uit.docx"
    assert main(["apply", str(letter), str(suggestions), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Toegepast: 2" in printed and "Geweigerd: 1" in printed
    assert "p0 2-4: Deze suggestie overlapt" in printed
    written = open_document(out)
    assert written.has_tracked_changes and written.has_comments
    assert written.paragraph("p0").text == "Beste heer,"

    clean = tmp_path / "schoon.docx"
    assert main(["apply", str(letter), str(suggestions), "-o", str(clean), "--clean"]) == 0
    assert not open_document(clean).has_tracked_changes
    assert open_document(clean).paragraph("t0.0.0.0").text == "in de tabel"


def test_bad_input_gives_a_dutch_message_and_exit_1(letter: Path, tmp_path: Path) -> None:
    not_docx = tmp_path / "kapot.docx"
    not_docx.write_bytes(b"geen zip")
    for args in (["text", str(not_docx)], ["apply", str(not_docx), str(tmp_path / "s.json"), "-o", "x.docx"]):
        (tmp_path / "s.json").write_text("[]", encoding="utf-8")
        result = _cli(*args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.strip() == "schrijfhulp-cli: Het bestand kapot.docx is geen Word-document (.docx)."

    (tmp_path / "fout.json").write_text('{"paragraph": "p0"}', encoding="utf-8")
    result = _cli("apply", str(letter), str(tmp_path / "fout.json"), "-o", str(tmp_path / "u.docx"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Het suggestiebestand fout.json is geen JSON-lijst van suggesties" in result.stderr

    result = _cli("apply", str(letter), str(tmp_path / "s.json"), "-o", str(letter))
    assert result.returncode == 1 and "oorspronkelijke document" in result.stderr
    assert not (tmp_path / "u.docx").exists()
