"""Real decisions and letters from tests/data/decisions as ``(paragraph_id, text)`` pairs."""

from __future__ import annotations

import json

from tests import DATA

Paragraphs = list[tuple[str, str]]
DECISIONS = DATA / "decisions"


def as_paragraphs(text: str) -> Paragraphs:
    """Paragraphs split at blank lines, numbered as the document engine numbers body paragraphs."""
    return [(f"p{i}", part.strip()) for i, part in enumerate(p for p in text.split("\n\n") if p.strip())]


def manifest() -> list[dict]:
    """The evaluation set's manifest rows."""
    return [json.loads(line) for line in (DECISIONS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def load(ident: str) -> Paragraphs:
    """One text of the evaluation set by id ("101") as paragraphs."""
    rows = {row["id"]: row for row in manifest()}
    return as_paragraphs((DECISIONS / rows[ident]["file"]).read_text(encoding="utf-8"))


def replaced(paragraphs: Paragraphs, old: str, new: str) -> Paragraphs:
    """``old`` replaced by ``new``; fails when ``old`` is not there (so a test cannot pass by accident)."""
    changed = [(pid, text.replace(old, new)) for pid, text in paragraphs]
    assert changed != paragraphs, f"{old!r} not in the document"
    return changed
