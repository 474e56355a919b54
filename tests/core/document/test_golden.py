"""Golden tests: the exact XML the writer produces for small handmade cases.

Each folder in tests/data/docx/golden holds an ``input.docx`` (built from hand-written XML),
the ``edits.json`` applied to it, and one ``expected/<member>`` file per zip member the writer
changed, pretty-printed, with revision and comment dates masked. Review a diff in these files like
code: it is the writer's behaviour. To regenerate after an intended change, run the tests with
SCHRIJFHULP_UPDATE_GOLDEN=1 and review ``git diff tests/data/docx/golden``.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from desktop.core.document.reader import open_document
from desktop.core.document.writer import WriteOptions, revision_date, save_document
from desktop.core.findings import Edit
from tests import DATA
from tests.ooxml_oracle import read_parts

pytestmark = pytest.mark.core

GOLDEN = DATA / "docx" / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())
W_DATE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date"
UPDATE = os.environ.get("SCHRIJFHULP_UPDATE_GOLDEN") == "1"


def _masked(data: bytes, date: str) -> str:
    """The part pretty-printed, with the writer's own revision and comment dates masked."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    for element in root.iter():
        if element.get(W_DATE) == date:
            element.set(W_DATE, "DATE")
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def test_every_case_is_there() -> None:
    assert CASES == [
        "across_bookmark",
        "formatting_kept",
        "inside_hyperlink",
        "next_to_revision",
        "split_run",
        "table_cell",
    ]


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path) -> None:
    folder = GOLDEN / case
    edits = [Edit(**item) for item in json.loads((folder / "edits.json").read_text(encoding="utf-8"))]
    out = tmp_path / "out.docx"
    now = datetime.now(UTC)
    report = save_document(open_document(folder / "input.docx"), edits, out, WriteOptions(date=now))
    date = revision_date(now)
    written = read_parts(out)
    expected_folder = folder / "expected"
    if UPDATE:
        for member in report.parts_changed:
            target = expected_folder / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_masked(written[member], date), encoding="utf-8")
    expected = sorted(str(p.relative_to(expected_folder)) for p in expected_folder.rglob("*") if p.is_file())
    assert sorted(report.parts_changed) == expected
    for member in expected:
        assert _masked(written[member], date) == (expected_folder / member).read_text(encoding="utf-8"), member
    original = read_parts(folder / "input.docx")
    assert all(written[name] == data for name, data in original.items() if name not in report.parts_changed)
