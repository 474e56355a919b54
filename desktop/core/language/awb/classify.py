"""Is this document a decision? Signs from its structure and words, each with the text that shows it.

A decision (besluit, beschikking) shows itself by a title (Verkeersbesluit, Aanwijzingsbesluit, Besluit
op bezwaar), a dictum ("BESLUIT:", "besluiten:"), "gelet op" with a legal basis, "overwegende dat",
the body that decides at its head, a competence sentence ("is bevoegd dit verkeersbesluit te nemen"),
a granting or refusing verb ("heeft een vergunning verleend") and a remedies clause. No single word
decides: the signs are weighed, and a ruling or a letter to a body counts against. Regulations
(verordening, beleidsregel) are decisions too, but no objection lies against them (art. 8:3 Awb).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from desktop.core.i18n import _
from desktop.core.language.awb.remedies import REMEDY
from desktop.core.language.checklist import Line, Text

Kind = Literal["besluit", "brief"]

_I = re.IGNORECASE
_TITLE_WORDS = r"(?:\w*besluit|beschikking|beslissing op bezwaar|besluit op bezwaar)"
_TITLE_DECISION = re.compile(
    rf"^(?:gemeente\s+[\w'-]+\s+)?{_TITLE_WORDS}\b|\b(?:verkeersbesluit|aanwijzingsbesluit|mandaatbesluit|"
    r"besluit op bezwaar|beslissing op bezwaar|beschikking)\b",
    _I,
)
_TITLE_NAMED = re.compile(
    r"\b(?:verkeersbesluit|aanwijzingsbesluit|besluit op bezwaar|beslissing op bezwaar|beschikking)\b", _I)
_TITLE_REGULATION = re.compile(r"^(?:[\w'-]+\s+)?(?:\w*verordening|\w*regeling|reglement|beleidsregels?)\b", _I)
_TITLE_PERMIT = re.compile(
    r"\b(?:\w*vergunning(?:en)?|ontheffing|toekenning|verlening|weigering|afwijzing|intrekking|"
    r"subsidieverlening|subsidievaststelling)\b",
    _I,
)
_SUBJECT = re.compile(r"^(?:betreft|onderwerp)\b\s*:?\s*(?P<subject>.+)$", _I)
_DICTUM = re.compile(
    r"^(?:b\s?e\s?s\s?l\s?u\s?i\s?t(?:\s?e\s?n)?|besluit(?:en)?)\s*[:.;]?\s*$|"
    r"^(?:b\s?e\s?s\s?l\s?u\s?i\s?t(?:\s?e\s?n)?|besluit(?:en)?)\s*:\s*\S|"
    r"\bbesluit(?:en)?\s*:?\s*vast te stellen\b",
    _I,
)
_DECIDED = re.compile(r"\b(?:heeft|hebben|heb)\b[^.;]{0,140}\bbesloten\b", _I)
_GRANTED = re.compile(
    r"\b(?:heeft|hebben)\b[^.;]{0,120}\b(?:vergunning(?:en)?|ontheffing(?:en)?|subsidie|toestemming)\b"
    r"[^.;]{0,80}\b(?:verleend|toegekend|geweigerd|ingetrokken|afgewezen)\b|"
    r"\b(?:vergunning|ontheffing|subsidie)\b[^.;]{0,40}\b(?:wordt|is)\s+(?:hierbij\s+)?"
    r"(?:verleend|toegekend|geweigerd|ingetrokken|afgewezen)\b|"
    r"\b(?:vergunning(?:en)?|ontheffing(?:en)?)\b[^.;]{0,40}\b(?:heeft|hebben)\s+(?:\w+\s+){0,3}?"
    r"(?:verleend|toegekend|geweigerd|ingetrokken)\b|"
    r"\bontvangt u\b[^.;]{0,20}\b(?:de|het|uw|een)\s+(?:ontheffing|vergunning|beschikking|besluit)\b",
    _I,
)
_COMPETENT = re.compile(r"\bbevoegd\b[^.;]{0,60}\b(?:dit|het|een)\s+\w*besluit(?:en)?\b[^.;]{0,10}\bte nemen\b", _I)
_SELF = re.compile(r"\b(?:tegen|met|in|van|bij)\s+(?:dit|deze)\s+(?:\w*besluit|beschikking)\b", _I)
_MADE_KNOWN = re.compile(
    r"\b(?:het|dit|deze)\s+(?:\w*besluit|beschikking)\b[^.;]{0,60}\b(?:is|wordt|ligt|treedt)\b[^.;]{0,40}"
    r"\b(?:bekendgemaakt|gepubliceerd|ter inzage|in werking)",
    _I,
)
_GELET = re.compile(r"^(?:en\s+)?gelet op\b|\bgelet op\s+(?:het bepaalde in\s+)?(?:de\s+)?artikel", _I)
_CONSIDERANS = re.compile(r"^(?:en\s+)?overwegende\b", _I)
_ORGAN_HEAD = re.compile(
    r"^(?:het college van |de |het )?(?:burgemeester en wethouders|burgemeester|gedeputeerde staten|minister|"
    r"staatssecretaris|raad|dagelijks bestuur|algemeen bestuur|directeur(?:-generaal)?|hoofd|teammanager)\b"
    r"[^.]{0,110}(?:[,;:]|\bvan\s+[\w' -]+)$",
    _I,
)
_RULING = re.compile(
    r"\b(?:ECLI:NL|eiser(?:es)?|appellant(?:e|en)?|verweerder|uitspraak van de|"
    r"de rechtbank (?:overweegt|oordeelt|stelt)|zaaknummer:?\s*\w+\s*\d+/\d+|procesverloop)\b",
    _I,
)
_TO_A_BODY = re.compile(r"^(?:geacht|hooggeacht)\s+(?:college|bestuur|gedeputeerde)", _I)
_REGULATION = re.compile(
    r"\bvast te stellen\b[^.]{0,60}\b(?:\w*verordening|\w*regeling|reglement|beleidsregels?)\b|"
    r"\b(?:\w*verordening|beleidsregels?)\b[^.]{0,30}\bvast te stellen\b|\bnadere (?:eisen|regels)\b",
    _I,
)
#: "Als de vergunning is verleend, …" explains a procedure; it decides nothing.
_CONDITIONAL = re.compile(r"(?:als|indien|wanneer|zodra|nadat|voordat)\b", _I)
#: Title lines: the first few short lines of the body.
_TITLE_LINES = 4
_TITLE_LENGTH = 220
_QUOTE = 60


@dataclass(frozen=True)
class Sign:
    """One sign for (positive weight) or against (negative) a decision, with the text that shows it."""

    label: str
    weight: int
    quote: str
    paragraph: str
    start: int
    end: int


@dataclass(frozen=True)
class Classification:
    """Decision or letter, the signs behind it, and whether the user chose it."""

    kind: Kind
    signs: tuple[Sign, ...] = ()
    regulation: bool = False
    chosen: bool = False
    detected: Kind = field(default="brief")

    @property
    def reason(self) -> str:
        """The verdict with what it saw, in Dutch."""
        if self.chosen:
            return _("U hebt gekozen: {kind} (de herkenning zei: {detected}).").format(
                kind=kind_label(self.kind), detected=kind_label(self.detected))
        for_it = [s for s in self.signs if s.weight > 0]
        against = [s for s in self.signs if s.weight < 0]
        if self.kind == "besluit":
            shown = "; ".join(f"{s.label} ‘{_short(s.quote)}’" for s in for_it)
            return _("Besluit: {signs}.").format(signs=shown)
        if not for_it and not against:
            return _("Brief: geen kenmerken van een besluit gevonden (geen titel of dictum ‘besluit’, "
                     "geen ‘gelet op’, geen ‘overwegende’).")
        shown = "; ".join(f"{s.label} ‘{_short(s.quote)}’" for s in for_it + against)
        return _("Geen besluit: te weinig kenmerken ({signs}).").format(signs=shown)


def kind_label(kind: Kind) -> str:
    """'besluit' or 'brief (geen besluit)' in Dutch."""
    return _("besluit") if kind == "besluit" else _("brief (geen besluit)")


def _short(text: str) -> str:
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1].rstrip() + "…"


def _sign(label: str, weight: int, line: Line, match: re.Match[str] | None = None) -> Sign:
    if match is None:
        return Sign(label, weight, line.text, line.paragraph, line.start, line.end)
    return Sign(label, weight, match.group().strip(), line.paragraph, line.start + match.start(),
                line.start + match.end())


def _title_signs(text: Text) -> list[Sign]:
    signs: list[Sign] = []
    outside_tables = [line for line in text.flow if not line.paragraph.rsplit(":", 1)[-1].startswith("t")]
    for line in outside_tables[:_TITLE_LINES]:
        if len(line.text) > _TITLE_LENGTH:
            continue
        subject = _SUBJECT.match(line.text)
        title = subject.group("subject") if subject else line.text
        if _TITLE_NAMED.search(title):
            signs.append(_sign(_("titel"), 3, line))
        elif _TITLE_DECISION.search(title):
            signs.append(_sign(_("titel"), 2, line))
        elif _TITLE_REGULATION.search(title):
            signs.append(_sign(_("titel van een regeling"), 2, line))
        elif _TITLE_PERMIT.search(title):
            signs.append(_sign(_("titel"), 1, line))
        if signs:
            break
    for line in text.flow:
        subject = _SUBJECT.match(line.text)
        named = subject.group("subject") if subject else ""
        if subject and (_TITLE_DECISION.search(named) or _TITLE_PERMIT.search(named)):
            if not signs:
                signs.append(_sign(_("onderwerp"), 2, line))
            break
    return signs


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence around ``offset`` starts."""
    stops = [text.rfind(mark, 0, offset) for mark in (". ", "? ", "! ", ": ", "; ")]
    return max(0, max(stops) + 2) if max(stops) >= 0 else 0


def _first_sign(text: Text, label: str, weight: int, pattern: re.Pattern[str], whole: bool) -> Sign | None:
    found = next(((line, match) for line, match in text.matches(pattern)
                  if not _CONDITIONAL.match(line.text[_sentence_start(line.text, match.start()):])), None)
    if found is None:
        return None
    return _sign(label, weight, found[0]) if whole else _sign(label, weight, *found)


def classify(paragraphs: Text, chosen: Kind | None = None) -> Classification:
    """Weigh the signs; ``chosen`` (the user's choice) overrides the verdict but keeps the signs."""
    text = paragraphs
    signs = _title_signs(text)
    for label, weight, pattern, whole in (
        (_("dictum"), 2, _DICTUM, True),
        (_("besloten"), 2, _DECIDED, False),
        (_("verleend of geweigerd"), 2, _GRANTED, False),
        (_("bevoegdheid"), 2, _COMPETENT, False),
        (_("grondslag"), 1, _GELET, True),
        (_("considerans"), 1, _CONSIDERANS, True),
        (_("verwijst naar zichzelf"), 1, _SELF, False),
        (_("bekendmaking"), 1, _MADE_KNOWN, False),
        (_("rechtsmiddel"), 1, REMEDY, False),
    ):
        sign = _first_sign(text, label, weight, pattern, whole)
        if sign is not None:
            signs.append(sign)
    head = next((line for line in text.flow[:12] if _ORGAN_HEAD.match(line.text)), None)
    if head is not None:
        signs.append(_sign(_("bestuursorgaan aan het hoofd"), 1, head))
    rulings = {m.group().lower() for _line, m in text.matches(_RULING)}
    if len(rulings) >= 2:
        ruling = next(text.matches(_RULING))
        signs.append(_sign(_("uitspraak van een rechter"), -4, *ruling))
    to_body = next((line for line in text.flow if _TO_A_BODY.match(line.text)), None)
    if to_body is not None:
        signs.append(_sign(_("brief aan een bestuursorgaan"), -2, to_body))
    score = sum(s.weight for s in signs)
    strong = any(s.weight >= 2 for s in signs)
    detected: Kind = "besluit" if (score >= 3 and strong) or score >= 4 else "brief"
    regulation = any(s.label == _("titel van een regeling") for s in signs) or any(
        True for _ in text.matches(_REGULATION))
    return Classification(chosen or detected, tuple(signs), regulation, chosen is not None, detected)
