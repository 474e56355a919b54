"""Document review: the Awb checklist for decisions and the checks every letter needs.

Input is a whole document as ``(paragraph_id, text)`` pairs. :func:`document_kind` tells a
decision (besluit, beschikking) from a letter; :func:`review_decision` checks what the Algemene
wet bestuursrecht asks of a decision, each item with its article, as present, missing or
doubtful, quoting the sentence that satisfies it; :func:`review_letter` checks salutation and
closing, "u/U" and the form of address. :func:`review_findings` turns located problems into
Findings (category besluit-eisen) for the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.letter import CLOSING, SALUTATION, ChecklistItem, Status, find_line, review_letter
from desktop.core.language.sentences import Span, split_sentences

Kind = Literal["besluit", "brief"]

_I = re.IGNORECASE
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE_WITH_YEAR = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b|\b\d{{1,2}}-\d{{1,2}}-\d{{4}}\b", _I)
_DATE_NO_YEAR = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b(?!\s+\d)", _I)
_DECISION_SIGNALS = (
    re.compile(r"^\s*(?:b\s*e\s*s\s*l\s*u\s*i\s*t\s*(?:e\s*n)?|besluit(?:en)?)\s*:?\s*$", _I | re.M),
    re.compile(r"\b(?:heeft|hebben|heb)\b[^.]{0,80}\bbesloten\b", _I),
    re.compile(r"\bbeschikking\b", _I),
    re.compile(
        r"\b(?:vergunning|ontheffing|subsidie|uitkering)\b[^.]{0,60}"
        r"\b(?:verleend|verlenen|toegekend|ontvangt u)",
        _I,
    ),
    re.compile(r"\b(?:verleend|toegekend|afgewezen)\b", _I),
    re.compile(r"^\s*(?:gelet op|overwegende)\b", _I | re.M),
    re.compile(r"\bbezwaar(?:schrift)?\b[^.]{0,80}\b(?:maken|indienen)\b", _I),
    re.compile(r"\b(?:verkeersbesluit|aanwijzingsbesluit|besluit van)\b", _I),
    re.compile(r"\bontvangt u\b[^.]{0,30}\b(?:ontheffing|vergunning|beschikking|subsidie)\b", _I),
    re.compile(r"\b(?:toekenning|weigering|intrekking)\s+(?:van\s+)?(?:de\s+|een\s+)?[a-z]+", _I),
    re.compile(r"\btegen (?:dit|het) besluit\b", _I),
    re.compile(r"^\s*overwegingen\s*:?\s*$", _I | re.M),
)
_OBJECTION = re.compile(r"\bbezwaar(?:schrift)?\b", _I)
_APPEAL = re.compile(r"\bberoep(?:schrift)?\b[^.]{0,80}\b(?:instellen|indienen)\b|\bberoepschrift\b", _I)
_WEEKS = re.compile(
    r"\b(?:binnen|gedurende|een termijn van)?\s*(?P<n>\d+|een|twee|drie|vier|vijf|zes|zeven|acht)\s+weken\b",
    _I,
)
_SIX = ("6", "zes")
_START = re.compile(
    r"\b(?:na|vanaf|met ingang van)\s+de\s+dag\s+(?:na\s+)?(?:de\s+)?(?:van\s+)?(?:de\s+)?"
    r"(?:verzending|bekendmaking|dagtekening|terinzagelegging|uitreiking|publicatie)|"
    r"\bdag\s+na\s+(?:de\s+)?(?:verzending|bekendmaking|dagtekening|terinzagelegging|publicatie)|"
    r"\b(?:termijn\s+)?(?:gaat|begint)\s+in\b",
    _I,
)
_LOOSE_START = re.compile(
    r"\bna\s+(?:de\s+)?(?:verzending|bekendmaking|dagtekening|terinzagelegging|publicatie|datum)\b", _I
)
_BODY = re.compile(
    r"\b(?:bij|aan|naar|richten aan)\s+(?:het\s+|de\s+)?(?P<body>college|burgemeester|gedeputeerde staten|"
    r"provinciale staten|(?:de\s+)?minister|staatssecretaris|directeur|gemeenteraad|raad|dagelijks bestuur|"
    r"algemeen bestuur|ons|ons college|afdeling bestuursrechtspraak|rechtbank|bestuursorgaan)\b",
    _I,
)
_ADDRESS = re.compile(r"\bPostbus\s+\d[\d.]*|\b\d{4}\s?[A-Z]{2}\b|\bhttps?://\S+|\bwww\.\S+")
_REQUIREMENTS = {
    "schriftelijk": re.compile(r"\bschriftelijk|\bbezwaarschrift\b|\bper brief\b", _I),
    "ondertekend": re.compile(r"\bondertek|\bhandtekening\b", _I),
    "naam en adres": re.compile(r"\bnaam\b[^.]{0,20}\badres\b", _I),
    "datum": re.compile(r"\bdatum\b|\bdagtekening\b", _I),
    "het besluit": re.compile(r"\b(?:omschrijving|welk|het)\s+(?:van\s+het\s+)?besluit\b|\bwaartegen\b", _I),
    "de gronden": re.compile(r"\bgronden\b|\bredenen\b|\bwaarom\b", _I),
}
_LEGAL_BASIS = re.compile(
    r"\b(?:op grond van|gelet op|krachtens|ingevolge|op basis van|ex|in)\s+(?:het bepaalde in\s+)?"
    r"(?:de\s+)?(?:artikel|art\.|artikelen)\s*\d",
    _I,
)
_LAW_NAME = re.compile(
    r"\b(?:op grond van|gelet op|krachtens|ingevolge)\b[^.]{0,60}\b(?:wet|verordening|besluit)\b", _I
)
_MOTIVATION = re.compile(
    r"\boverwegende\b|\boverweging(?:en)?\b|\bmotivering\b|\bomdat\b|\bdaarom\b|\bredenen?\b|"
    r"\bbelangenafweging\b|\bweegt\b[^.]{0,40}\bzwaar|\bvan oordeel\b|\bwaarom\b",
    _I,
)
_MOTIVATION_HEADING = re.compile(
    r"^\s*(?:overwegingen|motivering|waarom (?:dit|een|het) besluit\??)\s*:?\s*$", _I
)
_REFERENCE = re.compile(
    r"\b(?P<label>(?:ons\s+)?kenmerk|zaaknummer|referentie|dossiernummer|uw kenmerk|nr\.?|nummer)"
    r"\s*:?\s*(?P<value>[^\s,;]*)",
    _I,
)
_SIGNED = re.compile(
    r"\(getekend\)|\[naam\]|^\s*(?:[A-Z]\.){1,4}\s*(?:van\s+(?:der?\s+)?|de\s+)?[A-Z][a-z]+", re.M
)
_ROLE = re.compile(
    r"^\s*(?:(?:de|het)\s+)?(?:burgemeester|wethouder|college|gedeputeerde staten|minister|staatssecretaris|"
    r"directeur(?:-generaal)?|secretaris|hoofd|teamleider|afdelingshoofd|projectleider|coördinator|coordinator|"
    r"manager|voorzitter|griffier)\b",
    _I | re.M,
)
_ORGAN = re.compile(
    r"\b(?:burgemeester|wethouders|college|gedeputeerde staten|minister|staatssecretaris|raad)\b", _I
)
_MANDATE = re.compile(r"\bnamens\b|\bvoor deze\b|\bbij mandaat\b|\bi\.o\.\b|\bin opdracht\b", _I)


@dataclass(frozen=True)
class Review:
    """The review of a whole document."""

    kind: Kind
    kind_reason: str
    decision: tuple[ChecklistItem, ...]
    letter: tuple[ChecklistItem, ...]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """Every item, decision checks first."""
        return self.decision + self.letter


@dataclass(frozen=True)
class _Sentence:
    paragraph: str
    span: Span


def _sentences(paragraphs: Sequence[tuple[str, str]]) -> list[_Sentence]:
    return [_Sentence(pid, span) for pid, text in paragraphs for span in split_sentences(text)]


def _item(
    check: str, status: Status, article: str, message: str, where: _Sentence | None = None
) -> ChecklistItem:
    if where is None:
        return ChecklistItem(check, status, article, None, None, None, None, message)
    span = where.span
    return ChecklistItem(check, status, article, span.text, where.paragraph, span.start, span.end, message)


def _first(sentences: Iterable[_Sentence], pattern: re.Pattern[str]) -> _Sentence | None:
    return next((s for s in sentences if pattern.search(s.span.text)), None)


# -- kind ------------------------------------------------------------------------------------------


def document_kind(paragraphs: Sequence[tuple[str, str]]) -> tuple[Kind, str]:
    """Whether the document is a decision or a letter, with a Dutch reason."""
    text = "\n".join(t for _pid, t in paragraphs)
    hits = [p for p in _DECISION_SIGNALS if p.search(text)]
    if len(hits) >= 2:
        example = hits[0].search(text)
        quote = example.group().strip() if example else ""
        return "besluit", _("Besluit: de tekst bevat onder meer ‘{quote}’.").format(quote=quote[:60])
    return "brief", _("Brief: geen kenmerken van een besluit gevonden.")


# -- decision --------------------------------------------------------------------------------------


def _clause(sentences: list[_Sentence]) -> list[_Sentence]:
    """The sentences of the remedies clause: those about bezwaar or beroep, and their neighbours."""
    hits = {
        i for i, s in enumerate(sentences) if _OBJECTION.search(s.span.text) or _APPEAL.search(s.span.text)
    }
    wanted = sorted({j for i in hits for j in (i, i + 1, i + 2) if j < len(sentences)})
    return [sentences[j] for j in wanted]


def _objection_items(sentences: list[_Sentence]) -> list[ChecklistItem]:
    clause = _clause(sentences)
    objection = _first(
        clause,
        re.compile(
            r"\bbezwaar(?:schrift)?\b[^.]{0,120}\b(?:maken|indienen|instellen|sturen)\b|"
            r"\b(?:maken|indienen)\b[^.]{0,60}\bbezwaar",
            _I,
        ),
    )
    appeal = _first(clause, _APPEAL)
    items: list[ChecklistItem] = []
    if objection is not None:
        items.append(
            _item(
                "bezwaarclausule",
                "present",
                "3:45",
                _("Het besluit zegt dat bezwaar mogelijk is."),
                objection,
            )
        )
    elif appeal is not None:
        items.append(
            _item(
                "bezwaarclausule",
                "doubtful",
                "3:45",
                _(
                    "Alleen beroep wordt genoemd, geen bezwaar. Klopt het dat bezwaar hier niet mogelijk is "
                    "(bijvoorbeeld na een uniforme openbare voorbereiding)?"
                ),
                appeal,
            )
        )
    else:
        zienswijze = _first(sentences, re.compile(r"\bzienswijze", _I))
        message = _("Er staat niet in dat en hoe bezwaar kan worden gemaakt (bezwaarclausule).")
        if zienswijze is not None:
            message += " " + _("Er wordt alleen een zienswijze gevraagd; dat is geen bezwaar.")
        return [_item("bezwaarclausule", "missing", "3:45", message)] + [
            _item(
                check, "missing", article, _("Geen bezwaarclausule, dus ook geen {what}.").format(what=what)
            )
            for check, article, what in (
                ("bezwaartermijn", "6:7", _("termijn")),
                ("aanvang-termijn", "6:8", _("begin van de termijn")),
                ("bezwaarorgaan", "6:4", _("orgaan waar het bezwaar heen moet")),
                ("bezwaarvereisten", "6:5", _("eisen aan het bezwaarschrift")),
            )
        ]
    items.append(_term_item(clause))
    items.append(_start_item(clause))
    items.append(_body_item(clause))
    items.append(_requirements_item(clause))
    return items


def _term_item(clause: list[_Sentence]) -> ChecklistItem:
    for sentence in clause:
        match = _WEEKS.search(sentence.span.text)
        if match is None:
            continue
        if match.group("n").lower() in _SIX:
            return _item(
                "bezwaartermijn", "present", "6:7", _("De termijn van zes weken staat erin."), sentence
            )
        return _item(
            "bezwaartermijn",
            "doubtful",
            "6:7",
            _("De termijn voor bezwaar en beroep is zes weken; hier staat ‘{found}’.").format(
                found=match.group().strip()
            ),
            sentence,
        )
    dated = _first(
        clause, re.compile(r"\b(?:tot en met|uiterlijk|vóór|voor)\s+\d{1,2}\s+(?:" + _MONTHS + ")", _I)
    )
    if dated is not None:
        return _item(
            "bezwaartermijn",
            "doubtful",
            "6:7",
            _("De termijn staat er als einddatum. Controleer dat dit zes weken na de bekendmaking is."),
            dated,
        )
    return _item("bezwaartermijn", "missing", "6:7", _("De termijn van zes weken ontbreekt."))


def _start_item(clause: list[_Sentence]) -> ChecklistItem:
    exact = _first(clause, _START)
    if exact is not None:
        return _item("aanvang-termijn", "present", "6:8", _("Er staat wanneer de termijn begint."), exact)
    loose = _first(clause, _LOOSE_START)
    if loose is not None:
        return _item(
            "aanvang-termijn",
            "doubtful",
            "6:8",
            _("De termijn begint op de dag ná de bekendmaking of verzending; zeg dat precies zo."),
            loose,
        )
    return _item(
        "aanvang-termijn",
        "missing",
        "6:8",
        _("Er staat niet wanneer de termijn begint: op de dag na de bekendmaking of verzending."),
    )


def _body_item(clause: list[_Sentence]) -> ChecklistItem:
    for sentence in clause:
        match = _BODY.search(sentence.span.text)
        if match is None or (
            not _OBJECTION.search(sentence.span.text) and not _APPEAL.search(sentence.span.text)
        ):
            continue
        index = clause.index(sentence)
        nearby = [
            s
            for s in clause[index : index + 2]
            if not re.search(r"rechtbank|voorzieningenrechter", s.span.text, _I)
        ]
        address = _first(nearby, _ADDRESS)
        if match.group("body").lower() in ("ons", "ons college") or address is None:
            return _item(
                "bezwaarorgaan",
                "doubtful",
                "6:4",
                _(
                    "Er staat niet duidelijk bij wie en op welk adres het bezwaarschrift moet worden "
                    "ingediend."
                ),
                sentence,
            )
        return _item(
            "bezwaarorgaan",
            "present",
            "6:4",
            _("Er staat bij wie en waar het bezwaarschrift moet worden ingediend."),
            sentence,
        )
    return _item(
        "bezwaarorgaan",
        "missing",
        "6:4",
        _("Er staat niet bij welk bestuursorgaan het bezwaarschrift moet worden ingediend."),
    )


def _requirements_item(clause: list[_Sentence]) -> ChecklistItem:
    found = {name: _first(clause, pattern) for name, pattern in _REQUIREMENTS.items()}
    missing = [name for name, where in found.items() if where is None]
    anchor = next((w for name, w in found.items() if w is not None and name != "schriftelijk"), None)
    if not missing:
        return _item(
            "bezwaarvereisten", "present", "6:5", _("De eisen aan het bezwaarschrift staan erin."), anchor
        )
    message = _("Niet vermeld wat in het bezwaarschrift moet staan: {missing}.").format(
        missing=", ".join(missing)
    )
    return _item("bezwaarvereisten", "missing" if anchor is None else "doubtful", "6:5", message, anchor)


def _basis_item(sentences: list[_Sentence]) -> ChecklistItem:
    exact = _first(sentences, _LEGAL_BASIS)
    if exact is not None:
        return _item(
            "wettelijke-grondslag",
            "present",
            "3:47",
            _("Het besluit noemt het wetsartikel waarop het berust."),
            exact,
        )
    loose = _first(sentences, _LAW_NAME)
    if loose is not None:
        return _item(
            "wettelijke-grondslag",
            "doubtful",
            "3:47",
            _("Er wordt een regeling genoemd, maar geen artikel."),
            loose,
        )
    return _item(
        "wettelijke-grondslag",
        "missing",
        "3:47",
        _("Er staat niet op grond van welk wetsartikel het besluit is genomen."),
    )


def _motivation_item(sentences: list[_Sentence]) -> ChecklistItem:
    heading = _first(sentences, _MOTIVATION_HEADING)
    hits = [s for s in sentences if _MOTIVATION.search(s.span.text) and not _OBJECTION.search(s.span.text)]
    if heading is not None or len(hits) >= 2:
        where = hits[0] if hits else heading
        return _item("motivering", "present", "3:46", _("Het besluit geeft redenen."), where)
    if hits:
        return _item(
            "motivering",
            "doubtful",
            "3:46",
            _("Er is maar één zin met een reden. Is het besluit voldoende gemotiveerd?"),
            hits[0],
        )
    return _item(
        "motivering", "missing", "3:46", _("Het besluit geeft geen redenen: leg uit waarom zo is besloten.")
    )


def _date_item(sentences: list[_Sentence]) -> ChecklistItem:
    labelled = _first(
        sentences,
        re.compile(r"^\s*(?:datum\s*:?|[A-Z][a-z'-]+(?:\s[A-Z][a-z]+)?,)\s*" + _DATE_WITH_YEAR.pattern, _I),
    )
    dated = labelled or _first(sentences, _DATE_WITH_YEAR)
    if dated is not None:
        return _item("datum", "present", "3:40", _("Het besluit heeft een datum."), dated)
    no_year = _first(sentences, _DATE_NO_YEAR)
    if no_year is not None:
        return _item("datum", "doubtful", "3:40", _("Er staat een datum zonder jaartal."), no_year)
    return _item("datum", "missing", "3:40", _("Het besluit heeft geen datum."))


def _signature(paragraphs: Sequence[tuple[str, str]]) -> tuple[str, str, int, int] | None:
    """The signature block: paragraph id, its text and the span of the signature in the last paragraphs."""
    for pid, text in reversed(paragraphs[-6:]):
        signed = _SIGNED.search(text)
        if signed is not None and (_ROLE.search(text) or CLOSING.search(text) or "(getekend)" in text):
            return pid, text, 0, len(text.rstrip())
        role = _ROLE.search(text)
        if (
            role is not None
            and len(text) < 120
            and pid in {p for p, _t in paragraphs[-4:]}
            and text.rstrip()[-1:] not in ".:;"
        ):
            return pid, text, 0, len(text.rstrip())
    return None


def _signature_items(paragraphs: Sequence[tuple[str, str]]) -> list[ChecklistItem]:
    block = _signature(paragraphs)
    if block is None:
        return [
            _item("ondertekening", "missing", "10:10", _("Het besluit is niet ondertekend.")),
            _item(
                "mandaat",
                "doubtful",
                "10:10",
                _("Zonder ondertekening is niet te zien of het besluit in mandaat is genomen."),
            ),
        ]
    pid, text, start, end = block
    where = _Sentence(pid, Span(start, end, text[start:end]))
    signed = _item("ondertekening", "present", "10:10", _("Het besluit is ondertekend."), where)
    whole = "\n".join(t for _pid, t in paragraphs[-6:])
    if _MANDATE.search(whole):
        return [
            signed,
            _item(
                "mandaat", "present", "10:10", _("Er staat namens welk bestuursorgaan is ondertekend."), where
            ),
        ]
    if _ORGAN.search(text):
        return [
            signed,
            _item(
                "mandaat",
                "present",
                "10:10",
                _("Het bestuursorgaan ondertekent zelf; er is geen mandaat."),
                where,
            ),
        ]
    return [
        signed,
        _item(
            "mandaat",
            "doubtful",
            "10:10",
            _(
                "Ondertekend door een ambtenaar: vermeld namens welk bestuursorgaan (‘namens het "
                "college van burgemeester en wethouders’)."
            ),
            where,
        ),
    ]


def _reference_item(sentences: list[_Sentence]) -> ChecklistItem:
    empty = None
    for sentence in sentences:
        for match in _REFERENCE.finditer(sentence.span.text):
            if any(c.isdigit() for c in match.group("value")):
                return _item("kenmerk", "present", "—", _("Het besluit heeft een kenmerk."), sentence)
            if match.group("label").lower() in ("kenmerk", "ons kenmerk", "zaaknummer") and not match.group(
                "value"
            ):
                empty = empty or sentence
    if empty is not None:
        return _item("kenmerk", "doubtful", "—", _("Het kenmerk is niet ingevuld."), empty)
    return _item(
        "kenmerk",
        "missing",
        "—",
        _("Het besluit heeft geen kenmerk of zaaknummer waarnaar de lezer kan verwijzen."),
    )


def review_decision(paragraphs: Sequence[tuple[str, str]]) -> list[ChecklistItem]:
    """The Awb checklist for a decision."""
    sentences = _sentences(paragraphs)
    return [
        *_objection_items(sentences),
        _basis_item(sentences),
        _motivation_item(sentences),
        _date_item(sentences),
        *_signature_items(paragraphs),
        _reference_item(sentences),
    ]


# -- letter ----------------------------------------------------------------------------------------

# -- everything ------------------------------------------------------------------------------------


def review_document(paragraphs: Sequence[tuple[str, str]]) -> Review:
    """Review a whole document: the Awb checklist for a decision, the letter checks for any letter."""
    kind, reason = document_kind(paragraphs)
    decision = tuple(review_decision(paragraphs)) if kind == "besluit" else ()
    is_letter = kind == "brief" or find_line(paragraphs, SALUTATION) is not None
    letter = tuple(review_letter(paragraphs)) if is_letter else ()
    return Review(kind, reason, decision, letter)


def review_findings(review: Review, texts: dict[str, str]) -> Iterator[Finding]:
    """A DECISION finding for every doubtful item that points at a place in the text.

    Missing items have no place; the checklist shows them.
    """
    for item in review.items:
        if item.status != "doubtful" or item.paragraph is None or item.start is None or item.end is None:
            continue
        article = (
            _(" (art. {article} Awb)").format(article=item.article) if item.article[:1].isdigit() else ""
        )
        yield Finding(
            paragraph=item.paragraph,
            start=item.start,
            end=item.end,
            original=texts[item.paragraph][item.start : item.end],
            category=Category.DECISION,
            rule=f"AWB:{item.check}",
            source=Source.RULE,
            message=item.message + article,
        )
