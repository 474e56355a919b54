"""A checklist verdict and the text it saw: shared by the decision review and the letter checks.

Input to both is a whole document as ``(paragraph_id, text)`` pairs, with the document engine's ids
(``p3``, ``t0.1.2.0`` for a table cell, ``h0:p1`` for a header, ``p12:x0:p0`` for a text box ...), so
a verdict can say where it looked as well as what it quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from desktop.core.i18n import N_, _
from desktop.core.language.sentences import split_sentences

#: present: the requirement is met; missing: not in the text; wrong: there but wrong (a term of four weeks);
#: doubtful: the rules cannot tell, the quote says why; inapplicable: the requirement does not apply here.
Status = Literal["present", "missing", "wrong", "doubtful", "inapplicable"]

#: How a status is shown: a mark and a Dutch word (the screen, the command line and the html report alike).
STATUS_MARKS: dict[str, str] = {"present": "✓", "missing": "✗", "wrong": "!", "doubtful": "?", "inapplicable": "–"}
STATUS_LABELS: dict[str, str] = {
    "present": N_("aanwezig"),
    "missing": N_("ontbreekt"),
    "wrong": N_("onjuist"),
    "doubtful": N_("twijfel"),
    "inapplicable": N_("niet van toepassing"),
}
#: Each requirement's name for a reader (the check ids are for --json and the rule codes).
CHECK_LABELS: dict[str, str] = {
    "wettelijke-grondslag": N_("Wettelijke grondslag"),
    "motivering": N_("Motivering"),
    "datum": N_("Datum"),
    "kenmerk": N_("Kenmerk"),
    "ondertekening": N_("Ondertekening"),
    "mandaat": N_("Mandaat"),
    "bezwaarclausule": N_("Bezwaarclausule"),
    "bezwaartermijn": N_("Bezwaartermijn"),
    "aanvang-termijn": N_("Begin van de termijn"),
    "bezwaarorgaan": N_("Waar het bezwaar heen moet"),
    "bezwaarvereisten": N_("Wat een bezwaarschrift moet bevatten"),
    "aanhef-slot": N_("Aanhef en slotgroet"),
    "u-consistent": N_("‘u’ steeds hetzelfde geschreven"),
    "aanspreekvorm": N_("De lezer aangesproken met ‘u’"),
}


@dataclass(frozen=True)
class ChecklistItem:
    """One requirement of the checklist, the verdict, and the sentence or place it is based on."""

    check: str
    status: Status
    article: str
    quote: str | None
    paragraph: str | None
    start: int | None
    end: int | None
    message: str
    #: The corrected wording for ``quote[start:end]`` when the verdict is "wrong" and the fix is certain.
    suggestion: str | None = None

    @property
    def label(self) -> str:
        """The requirement's name in the user's language ("Bezwaartermijn")."""
        return _(CHECK_LABELS[self.check]) if self.check in CHECK_LABELS else self.check

    @property
    def status_label(self) -> str:
        """The verdict as a mark and a word in the user's language ("✓ aanwezig")."""
        return f"{STATUS_MARKS[self.status]} {_(STATUS_LABELS[self.status])}"

    @property
    def reference(self) -> str:
        """"art. 6:7 Awb" for an Awb article, another reference as it is, or "" (a letter's checks have none)."""
        return _("art. {article} Awb").format(article=self.article) if self.article[:1].isdigit() else self.article

    @property
    def place(self) -> str:
        """Where the quote stands, in words a reader can find ("alinea 5", "tabel 1, rij 1, kolom 2",
        "koptekst"); empty without a quote. The exact offsets are in ``paragraph``, ``start`` and ``end``."""
        if self.paragraph is None or self.start is None or self.end is None:
            return ""
        return describe_place(self.paragraph)


def describe_place(paragraph: str) -> str:
    """A paragraph id of the document engine (``p4``, ``t0.1.2.0``, ``h0:p1``, ``p12:x0:p0``) in Dutch words."""
    if ":x" in paragraph:
        return _("tekstvak bij {place}").format(place=describe_place(paragraph.split(":x", 1)[0]))
    if ":" in paragraph:  # a header, footer or note: its name says enough
        return story_label(paragraph)
    if paragraph.startswith("t"):
        table, row, column = (int(part) + 1 for part in paragraph[1:].split(".")[:3])
        return _("tabel {table}, rij {row}, kolom {column}").format(table=table, row=row, column=column)
    return _("alinea {number}").format(number=int(paragraph[1:]) + 1)


def story_label(paragraph: str) -> str:
    """Where a paragraph id lives, in Dutch: alinea, tabel, koptekst, voettekst, tekstvak, voetnoot, eindnoot."""
    if ":x" in paragraph:
        return _("tekstvak")
    prefix = paragraph.split(":", 1)[0] if ":" in paragraph else ""
    if prefix.startswith("fn"):
        return _("voetnoot")
    if prefix.startswith("en"):
        return _("eindnoot")
    if prefix.startswith("h"):
        return _("koptekst")
    if prefix.startswith("f"):
        return _("voettekst")
    return _("tabel") if paragraph.rsplit(":", 1)[-1].startswith("t") else _("alinea")


def in_body_flow(paragraph: str) -> bool:
    """True for the body, its tables and its text boxes; False for headers, footers and notes."""
    return ":" not in paragraph or ":x" in paragraph


@dataclass(frozen=True)
class Line:
    """One line of a paragraph (a paragraph may hold several, joined by line breaks)."""

    index: int  # position in the document's list of lines
    paragraph: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a line, with its place in the paragraph."""

    line: Line
    start: int
    end: int
    text: str

    @property
    def paragraph(self) -> str:
        """The id of the paragraph the sentence is in."""
        return self.line.paragraph


class Text:
    """A document as lines and sentences with their places, built once and read by every check."""

    def __init__(self, paragraphs: Sequence[tuple[str, str]]) -> None:
        self.paragraphs = [(pid, text) for pid, text in paragraphs if text.strip()]
        self.lines: list[Line] = []
        for pid, text in self.paragraphs:
            offset = 0
            for raw in text.split("\n"):
                stripped = raw.strip()
                if stripped:
                    start = offset + raw.index(stripped)
                    self.lines.append(Line(len(self.lines), pid, start, start + len(stripped), stripped))
                offset += len(raw) + 1
        self.sentences: list[Sentence] = [
            Sentence(line, line.start + span.start, line.start + span.end, span.text)
            for line in self.lines
            for span in split_sentences(line.text)
        ]
        self.flow = [line for line in self.lines if in_body_flow(line.paragraph)]

    @property
    def whole(self) -> str:
        """All text, lines separated by newlines."""
        return "\n".join(line.text for line in self.lines)

    def first(self, pattern: re.Pattern[str], sentences: Iterable[Sentence] | None = None) -> Sentence | None:
        """The first sentence that matches ``pattern``."""
        return next((s for s in (self.sentences if sentences is None else sentences) if pattern.search(s.text)), None)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[Line, re.Match[str]]]:
        """Every match of ``pattern`` in every line."""
        for line in self.lines:
            for match in pattern.finditer(line.text):
                yield line, match


def item(
    check: str,
    status: Status,
    article: str,
    message: str,
    where: Sentence | Line | None = None,
    span: tuple[int, int] | None = None,
    suggestion: str | None = None,
) -> ChecklistItem:
    """A verdict quoting ``where`` (a sentence or line), or the part ``span`` of its text."""
    if where is None:
        return ChecklistItem(check, status, article, None, None, None, None, message)
    start, end = span if span is not None else (0, len(where.text))
    return ChecklistItem(
        check, status, article, where.text[start:end], where.paragraph, where.start + start, where.start + end,
        message, suggestion,
    )
