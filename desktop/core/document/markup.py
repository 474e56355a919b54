"""The document as it will be saved: every paragraph's text with the accepted changes marked or applied.

:func:`preview` asks the writer's own plan (:func:`desktop.core.document.writer.plan_edits`) what a
save would write, so what the review screen shows is what Word will show: the same word-level
hunks, the same edits merged or refused. Each paragraph becomes a sequence of :class:`Piece`\\ s, as
Word's "Alle markeringen" shows them (unchanged text, deleted text, inserted text, each change with
its explanation), and its final text, as "Eindversie" shows it and as the levels are measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from desktop.core.document.reader import Document
from desktop.core.document.writer import plan_edits
from desktop.core.findings import Edit

PieceKind = Literal["text", "deleted", "inserted"]


@dataclass(frozen=True)
class Piece:
    """A stretch of one paragraph as it will be saved.

    ``start``/``end`` are offsets in the paragraph's current live text: for "text" and "deleted"
    the characters shown; an insertion takes no characters of it (``start == end``, where it goes).
    ``edit`` and ``reason`` are the accepted change a deletion or insertion belongs to.
    """

    kind: PieceKind
    text: str
    start: int
    end: int
    edit: Edit | None = None
    reason: str = ""


@dataclass(frozen=True)
class Preview:
    """What a save of the accepted edits would write.

    ``pieces`` and ``final_texts`` hold only the paragraphs that change; ``refused`` lists the
    accepted edits the writer would not write, with the Dutch reason.
    """

    pieces: dict[str, tuple[Piece, ...]] = field(default_factory=dict)
    final_texts: dict[str, str] = field(default_factory=dict)
    refused: tuple[tuple[Edit, str], ...] = ()

    def final_text(self, paragraph_id: str, current: str) -> str:
        """The text paragraph ``paragraph_id`` will have (``current`` when nothing in it changes)."""
        return self.final_texts.get(paragraph_id, current)


def preview(document: Document, edits: Sequence[Edit]) -> Preview:
    """The document with ``edits`` as a save would write them (nothing is written)."""
    plan = plan_edits(document, edits)
    pieces: dict[str, tuple[Piece, ...]] = {}
    finals: dict[str, str] = {}
    for paragraph_id, accepted in plan.by_paragraph.items():
        if not accepted:
            continue
        text = accepted[0].paragraph.text
        changes = sorted(
            ((hunk, item.edit, " ".join(item.explanations)) for item in accepted for hunk in item.hunks),
            key=lambda change: (change[0].start, change[0].end),
        )
        result: list[Piece] = []
        final: list[str] = []
        position = 0
        for hunk, edit, reason in changes:
            if hunk.start > position:
                result.append(Piece("text", text[position : hunk.start], position, hunk.start))
                final.append(text[position : hunk.start])
            if hunk.end > hunk.start:
                result.append(Piece("deleted", text[hunk.start : hunk.end], hunk.start, hunk.end, edit, reason))
            if hunk.text:
                result.append(Piece("inserted", hunk.text, hunk.end, hunk.end, edit, reason))
                final.append(hunk.text)
            position = hunk.end
        if position < len(text):
            result.append(Piece("text", text[position:], position, len(text)))
            final.append(text[position:])
        pieces[paragraph_id] = tuple(result)
        finals[paragraph_id] = "".join(final)
    return Preview(pieces, finals, tuple(plan.refused))
