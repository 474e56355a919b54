"""Kenmerk, date, signature and mandate, found wherever they stand: body, tables, text boxes, headers, footers.

A signature block is a few short lines near the end: the body or mandate line ("namens het college van
burgemeester en wethouders van …", "De burgemeester van …,", "voor deze:"), a name (with initials or a
title: "mr. A. Jansen") and a function ("teamleider Vergunningen"). A decision taken under mandate must
say on whose behalf it was taken (art. 10:10 Awb), in the signature or in the text.
"""

from __future__ import annotations

import re

from desktop.core.i18n import _
from desktop.core.language.checklist import ChecklistItem, Line, Text, item, story_label

_I = re.IGNORECASE
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b|\b\d{{1,2}}-\d{{1,2}}-\d{{4}}\b", _I)
_DATE_NO_YEAR = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b(?!\s+\d)", _I)
_DATE_LABEL = re.compile(rf"^(?:datum|dagtekening|verzonden(?: op)?|verzenddatum|publicatiedatum)\b\s*:?\s*|"
                         rf"^[A-Z][\w'-]+(?:\s[a-z]+)?(?:\s[A-Z][\w'-]+)*,\s*(?=\d{{1,2}}\s+(?:{_MONTHS}))", _I)
_LABEL = re.compile(
    r"^(?P<label>ons kenmerk|onze referentie|kenmerk|zaaknummer|zaaknr\.?|dossiernummer|registratienummer|"
    r"besluitnummer|documentnummer|briefnummer|referentie|(?:\w*besluit\s+)?(?:nummer|nr\.?))\s*[:.]?\s*"
    r"(?P<value>.*)$",
    _I,
)
_THEIRS = re.compile(r"^uw\s+(?:kenmerk|referentie|brief)", _I)
_TITLE_NUMBER = re.compile(r"\b(?:nr\.|nummer)\s*(?P<value>[A-Z]{0,4}[/-]?\d[\w/.-]*)", _I)
_BARE_NUMBER = re.compile(r"^(?:[A-Z]{1,4}[/-]?)?\d[\d/.-]{4,}[A-Z0-9]*$|^[A-Z]{1,3}\d{5,}$")

_MANDATE = re.compile(r"^(?:namens|voor deze|bij mandaat|i\.o\.|in opdracht)\b|\bnamens\s+(?:deze|het|de|burgemeester|"
                      r"gedeputeerde|[A-Z])", _I)
_ORGAN_LINE = re.compile(
    r"^(?:het college van |de |het )?(?:burgemeester en wethouders|burgemeester|wethouders|gedeputeerde staten|"
    r"minister|staatssecretaris|raad|dagelijks bestuur|algemeen bestuur|directeur(?:-generaal)?|college)\b",
    _I,
)
_ORGAN_SELF = re.compile(r"^(?:het college van |de |het )?(?:burgemeester en wethouders|burgemeester|"
                         r"gedeputeerde staten|minister|staatssecretaris|raad|dagelijks bestuur|algemeen bestuur|"
                         r"college)\b", _I)
_SECRETARY = re.compile(r"^(?:de\s+)?(?:secretaris|gemeentesecretaris|griffier|voorzitter)\b", _I)
_NAME = re.compile(
    r"^(?:(?:mr|drs|dr|ir|ing|prof|bc|ds|ds|mw|dhr|mevr)\.?\s+)*(?:[A-Z](?:[a-z]{0,2})?\.\s*){1,5}(?:\([A-Z][a-z]+\)\s*)?"
    r"(?:(?:van|de|der|den|ten|ter|het|'t|la|le)\s+)*[A-Z][\w'-]+|^\[naam\]|^\(getekend\)|^w\.g\.",
    0,
)
_FUNCTION = re.compile(
    r"^(?:de\s+)?(?:teamleider|teammanager|hoofd|afdelingshoofd|unithoofd|sectorhoofd|directeur|manager|"
    r"coördinator|coordinator|secretaris|gemeentesecretaris|burgemeester|wethouder|voorzitter|griffier|"
    r"medewerker|beleidsmedewerker|juridisch\s+\w+|adviseur|senior\s+\w+|programmamanager|projectleider|"
    r"verkeerskundige?)\b",
    _I,
)
_SIGNATURE_LINE = 120
_WINDOW = 6
_MANDATE_TEXT = re.compile(
    r"\bgemandateerd\s+(?:door|namens|van)\s+(?P<organ>[^.;,]{3,80})|"
    r"\bmandaatbesluit\s+(?:van\s+)?(?P<organ2>burgemeester en wethouders|het college|de burgemeester|"
    r"gedeputeerde staten|de minister)[^.;]{0,40}|"
    r"\bnamens\s+(?P<organ3>(?:het college|burgemeester|de burgemeester|gedeputeerde staten|de minister|"
    r"de staatssecretaris)[^.;,]{0,60})|"
    r"\b(?:deze|die)\s+bevoegdheid\s+is\s+gemandateerd\b",
    _I,
)
_MANDATE_VAGUE = re.compile(r"\b(?:besluit\s+)?mandaat\b|\bmandaatcatalogus\b|\bmandaatregeling\b", _I)


def kenmerk_item(text: Text) -> ChecklistItem:
    """The decision's own reference (kenmerk, zaaknummer), in the text, a table, a header or a footer."""
    empty: Line | None = None
    for position, line in enumerate(text.lines):
        if _THEIRS.match(line.text):
            continue
        label = _LABEL.match(line.text)
        if label is not None:
            value = label.group("value").strip()
            if not value:
                neighbour = text.lines[position + 1] if position + 1 < len(text.lines) else None
                if neighbour is not None and neighbour.paragraph.startswith(_row(line.paragraph)) and any(
                        c.isdigit() for c in neighbour.text) and len(neighbour.text) < 40:
                    return _kenmerk_found(neighbour, line)
                if not label.group("label").lower().endswith(("nummer", "nr", "nr.")):
                    empty = empty or line
                continue
            if any(c.isdigit() for c in value):
                return _kenmerk_found(line, line)
    title = text.flow[0] if text.flow else None
    if title is not None:
        number = _TITLE_NUMBER.search(title.text)
        if number is not None:
            return item("kenmerk", "present", "", _("Het nummer van het besluit staat in de titel."), title,
                        number.span())
    bare = next((line for line in text.flow[:6] if _BARE_NUMBER.match(line.text)), None)
    if bare is not None:
        return item("kenmerk", "doubtful", "",
                    _("Er staat een nummer zonder label: is dit het kenmerk of zaaknummer? Zet ‘Ons kenmerk:’ ervoor."),
                    bare)
    if empty is not None:
        return item("kenmerk", "doubtful", "", _("Het kenmerk is niet ingevuld."), empty)
    return item("kenmerk", "missing", "",
                _("Gezocht in tekst, tabellen, tekstvakken, kop- en voetteksten: geen kenmerk of zaaknummer waarnaar "
                  "de lezer kan verwijzen."))


def _row(paragraph: str) -> str:
    """The table row of a cell paragraph id ('t0.1.' for 't0.1.2.0'), or the id itself outside tables."""
    story, _sep, local = paragraph.rpartition(":")
    if not local.startswith("t"):
        return paragraph
    parts = local.split(".")
    return (story + ":" if story else "") + ".".join(parts[:2]) + "."


def _kenmerk_found(line: Line, label: Line) -> ChecklistItem:
    where = story_label(line.paragraph)
    return item("kenmerk", "present", "",
                _("Het besluit heeft een kenmerk ({where}).").format(where=where), line)


def date_item(text: Text) -> ChecklistItem:
    """The date of the decision: a labelled date or 'Plaats, 1 januari 2025'. Any other full date may be the date of
    what was decided ("De maatregelen zullen van kracht zijn op zondag 24 juni 2012", decision 129): doubtful, with
    that date as its evidence."""
    for line in text.lines:
        label = _DATE_LABEL.match(line.text)
        date = _DATE.search(line.text)
        if label is not None and date is not None:
            return item("datum", "present", "",
                        _("Het besluit heeft een datum ({where}).").format(where=story_label(line.paragraph)),
                        line, date.span())
    dated = next(text.matches(_DATE), None)
    if dated is not None:
        line, date = dated
        return item("datum", "doubtful", "", _("Er staat een datum in het besluit; is dit de dagtekening?"), line,
                    date.span())
    no_year = next(text.matches(_DATE_NO_YEAR), None)
    if no_year is not None:
        return item("datum", "doubtful", "", _("Er staat een datum zonder jaartal."), no_year[0], no_year[1].span())
    return item("datum", "missing", "", _("Gezocht in tekst, tabellen, kop- en voetteksten: het besluit heeft geen "
                                           "datum."))


def _is_name(line: Line) -> bool:
    return len(line.text) <= _SIGNATURE_LINE and _NAME.match(line.text) is not None


def _is_function(line: Line) -> bool:
    if len(line.text) > _SIGNATURE_LINE:
        return False
    if _FUNCTION.match(line.text):
        return True
    head, _sep, tail = line.text.partition(",")
    return bool(tail) and _NAME.match(head.strip()) is not None and _FUNCTION.match(tail.strip()) is not None


def _is_header(line: Line) -> bool:
    short = len(line.text) <= _SIGNATURE_LINE
    return short and (_MANDATE.match(line.text) is not None or (
        _ORGAN_LINE.match(line.text) is not None and line.text.rstrip()[-1:] in ",;:"))


def _signature_line(line: Line) -> bool:
    return _is_header(line) or _is_name(line) or _is_function(line) or (
        len(line.text) <= 40 and _SECRETARY.match(line.text) is not None)


def _signed(block: list[Line]) -> bool:
    header = any(_is_header(line) for line in block)
    names = any(_is_name(line) and not _is_header(line) for line in block)
    functions = any(_is_function(line) for line in block)
    marked = any(line.text.startswith(("(getekend)", "w.g.")) for line in block)
    return marked or (names and (header or functions))


def signature_block(text: Text) -> list[Line] | None:
    """The lines of the last signature block in the body: a run of short lines (organ or mandate line,
    name, function) in the last two thirds of the text."""
    lines = text.flow
    best: list[Line] | None = None
    position = max(1, len(lines) // 3)
    while position < len(lines):
        line = lines[position]
        if not (_is_header(line) or _is_name(line)):
            position += 1
            continue
        block = [line]
        following = position + 1
        while following < len(lines) and len(block) < _WINDOW and _signature_line(lines[following]):
            block.append(lines[following])
            following += 1
        if _signed(block):
            best = block
            position = following
        else:
            position += 1
    return best


def signature_items(text: Text) -> list[ChecklistItem]:
    """Ondertekening and mandaat (art. 10:10 Awb)."""
    block = signature_block(text)
    mandate_text = next(text.matches(_MANDATE_TEXT), None)
    if block is None:
        signed = item("ondertekening", "missing", "",
                      _("Gezocht aan het eind van de tekst (ook in tabellen en tekstvakken): geen ondertekening met "
                        "naam, functie of bestuursorgaan."))
        if mandate_text is not None:
            line, match = mandate_text
            return [signed, item("mandaat", "present", "10:10",
                                 _("De tekst zegt namens wie het besluit is genomen."), line, match.span())]
        vague = next(text.matches(_MANDATE_VAGUE), None)
        if vague is not None:
            return [signed, item("mandaat", "doubtful", "10:10",
                                 _("Er is sprake van mandaat, maar niet namens welk bestuursorgaan het besluit is "
                                   "genomen (art. 10:10 Awb)."), vague[0], vague[1].span())]
        return [signed, item("mandaat", "doubtful", "10:10",
                             _("Zonder ondertekening is niet te zien of het besluit in mandaat is genomen."))]
    quote = next((line for line in block if _is_name(line) and not _is_header(line)), block[0])
    where = story_label(quote.paragraph)
    signed = item("ondertekening", "present", "",
                  _("Ondertekend: {lines} ({where}).").format(lines=" / ".join(line.text for line in block),
                                                              where=where),
                  quote)
    mandate = next((line for line in block if _MANDATE.search(line.text)), None)
    if mandate is not None:
        return [signed, item("mandaat", "present", "10:10",
                             _("Er staat namens welk bestuursorgaan is ondertekend."), mandate)]
    if mandate_text is not None:
        line, match = mandate_text
        return [signed, item("mandaat", "present", "10:10", _("De tekst zegt namens wie het besluit is genomen."),
                             line, match.span())]
    organ = next((line for line in block if _ORGAN_SELF.match(line.text) or _SECRETARY.match(line.text)), None)
    if organ is not None:
        return [signed, item("mandaat", "inapplicable", "10:10",
                             _("Het bestuursorgaan ondertekent zelf; er is geen mandaat."), organ)]
    director = next((line for line in block if _ORGAN_LINE.match(line.text)), None)
    if director is not None:
        return [signed, item("mandaat", "doubtful", "10:10",
                             _("Een directeur is meestal geen bestuursorgaan: vermeld namens wie hij ondertekent "
                               "(‘namens de minister’, art. 10:10 Awb)."), director)]
    return [signed, item("mandaat", "missing", "10:10",
                         _("Ondertekend door een ambtenaar zonder ‘namens’: vermeld namens welk bestuursorgaan "
                           "(‘namens het college van burgemeester en wethouders’, art. 10:10 Awb)."), quote)]
