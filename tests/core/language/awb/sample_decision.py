"""The shipped sample decision as a real .docx with a letterhead table and a signature block.

The sample (resources/samples/voorbeeldbesluit.txt, a real decision of Steenbergen) breaks off after its
dictum; the decision as sent had a letterhead and a signature. This adds them as the issue describes
them: "Ons kenmerk 2025/1004" in a table at the top and "namens het college … mr. A. Jansen, teamleider
Vergunningen" at the end (the name and number are placeholders, not the real ones).
"""

from __future__ import annotations

from pathlib import Path

from tests import REPO
from tests.docx_factory import build_docx, p, r

SAMPLE = REPO / "resources" / "samples" / "voorbeeldbesluit.txt"
SIGNATURE = (
    "Steenbergen, 15 juli 2014",
    "namens het college van burgemeester en wethouders van Steenbergen,",
    "mr. A. Jansen",
    "teamleider Vergunningen",
)


def cell(text: str) -> str:
    """A table cell with one paragraph."""
    return f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>{p(r(text))}</w:tc>"


def letterhead(*rows: tuple[str, str]) -> str:
    """A two-column table of label and value rows."""
    body = "".join(f"<w:tr>{cell(label)}{cell(value)}</w:tr>" for label, value in rows)
    return f"<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>{body}</w:tbl>"


def sample_paragraphs() -> str:
    """The sample's text as body paragraphs (one per block)."""
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return "".join(p(r(" ".join(block.split("\n")))) for block in blocks)


def sample_decision_docx(folder: Path, *, head: str | None = None, signature: tuple[str, ...] = SIGNATURE,
                         header: str | None = None, footer: str | None = None) -> Path:
    """The sample decision with ``head`` (default: the kenmerk table) before it and ``signature`` after it."""
    top = letterhead(("Ons kenmerk", "2025/1004"), ("Datum", "15 juli 2014")) if head is None else head
    body = top + sample_paragraphs() + "".join(p(r(line)) for line in signature)
    return build_docx(folder / "voorbeeldbesluit.docx", body, header=header, footer=footer)
