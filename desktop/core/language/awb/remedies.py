"""The rechtsmiddelenclausule, item by item: remedy, term, its start, the body, what an objection contains.

Art. 3:45 Awb: a decision open to objection or appeal says so, and by whom, within which term and with
which body it can be lodged. The term is six weeks (6:7), from the day after the decision was made known
(6:8): sent to the addressee, or published (a traffic or designation decision, 3:42), or laid open for
inspection after a uniform public procedure (then appeal lies directly, 7:1). An objection is lodged with
the body that took the decision (6:4) and is signed and gives name, address, date, the decision concerned
and the grounds (6:5) — not required in the clause, but good practice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.i18n import N_, _
from desktop.core.language.checklist import ChecklistItem, Sentence, Text, item

_I = re.IGNORECASE
REMEDY = re.compile(
    r"\bbezwaar(?:schrift)?\b[^.;]{0,160}\b(?:maken|indienen|instellen|sturen|richten|aantekenen|worden ingediend|"
    r"worden gestuurd|in te dienen)\b|\b(?:maken|indienen|dienen)\b[^.;]{0,80}\bbezwaar(?:schrift)?\b|"
    r"\bberoep(?:schrift)?\b[^.;]{0,120}\b(?:instellen|indienen|aantekenen|in te stellen|in te dienen)\b|"
    r"\b(?:in|op) beroep gaan\b",
    _I,
)
_OBJECTION = re.compile(r"\bbezwaar(?:schrift)?\b", _I)
_APPEAL = re.compile(r"\bberoep(?:schrift)?\b", _I)
_INTERIM = re.compile(
    r"\bvoorlopige voorziening|\bvoorzieningenrechter|\bgriffierecht|\bschors|\bschort|\bopschort", _I)
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\S+@\S+")
_AFTER_DRAFT = re.compile(r"\bzienswijze\b[^.;]{0,80}\b(?:ingediend|naar voren)|\bontwerp\w*besluit|\bontwerp-", _I)
_ZIENSWIJZE = re.compile(r"\bzienswijze", _I)
_NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
            "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
_TERM = re.compile(
    r"\b(?P<n>\d{1,2}|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)(?P<sep>\s*|-)"
    r"(?P<unit>weken|week|dagen|dag|maanden|maand)\b",
    _I,
)
_TERM_CONTEXT = re.compile(r"\b(?:binnen|gedurende|termijn|bedraagt|uiterlijk)\b", _I)
# Another sentence of the clause about another period than the objection term: the decision on the objection.
_OTHER_PERIOD = re.compile(r"\b(?:een|het|uw|ons) besluit\b|\bontvangstbevestiging\b", _I)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_END_DATE = re.compile(rf"\b(?:tot en met|t/m|uiterlijk|vóór|voor|tot)\s+(?:\w+dag\s+)?\d{{1,2}}\s+(?:{_MONTHS})\b", _I)
_START_EXACT = re.compile(
    r"\bdag\s+(?:na|volgend\s+op)\s+(?:die\s+|de\s+dag\s+)?(?:van\s+)?(?:de\s+)?(?:verzending|bekendmaking|"
    r"publicatie|terinzagelegging|uitreiking|dagtekening|verzenddatum)|"
    r"\bna\s+de\s+dag\s+(?:van\s+)?(?:de\s+)?(?:verzending|bekendmaking|publicatie|terinzagelegging|uitreiking)|"
    r"\b(?:met ingang van|vanaf)\s+de\s+dag\s+na\b",
    _I,
)
_START_LOOSE = re.compile(
    r"\b(?:na|vanaf|sinds)\s+(?:de\s+)?(?:verzending|verzenddatum|bekendmaking|publicatie|terinzagelegging|"
    r"uitreiking|ontvangst|dagtekening|datum)\b",
    _I,
)
_SENT = re.compile(r"\bverzend|\bverzond|\bontvangst\b|\bdagtekening\b", _I)
_PUBLISHED_KIND = re.compile(r"\b(?:verkeersbesluit|aanwijzingsbesluit|algemene strekking)", _I)
_BODY = re.compile(
    r"\b(?:bij|aan|naar|richten aan|gericht aan|geadresseerd aan|sturen naar|zenden aan)\s+"
    r"(?:het\s+|de\s+|uw\s+)?(?P<body>college(?: van [\w &]+)?|burgemeester(?: en wethouders)?|b\s?&\s?w|"
    r"gedeputeerde staten|provinciale staten|(?:de\s+)?minister|staatssecretaris|directeur(?:-generaal)?|"
    r"gemeenteraad|raad|dagelijks bestuur|algemeen bestuur|bestuur|ons(?: college)?|"
    r"afdeling bestuursrechtspraak|raad van state|rechtbank|sector bestuursrecht|centrale raad van beroep|"
    r"college van beroep|bestuursorgaan|gemeente\s+[A-Z][\w-]+)\b",
    _I,
)
_ADDRESS = re.compile(r"\b[Pp]ostbus\s+\d[\d.]*|\b\d{4}\s?[A-Z]{2}\b|\bhttps?://\S+|\bwww\.\S+|@")
_CONTENTS = {
    "naam": re.compile(r"\bnaam\b|\bnaw\b", _I),
    "adres": re.compile(r"\badres\b|\bnaw\b", _I),
    "datum": re.compile(r"\bdatum\b|\bdagtekening\b|\bgedateerd", _I),
    "het besluit": re.compile(
        r"\bomschrijving van (?:het|de)\b|\bwaartegen\b|\bwelk besluit\b|\b(?:datum|kenmerk) (?:en \w+ )?(?:van|of) "
        r"(?:het|de) (?:besluit|beslissing)|\bnummer of kenmerk\b|\bkopie van (?:het|de) (?:besluit|beslissing)",
        _I),
    "gronden": re.compile(r"\bgronden\b|\bredenen?\b|\bwaarom\b|\bmotivatie\b|\bgemotiveerd", _I),
    "handtekening": re.compile(r"\bonderteken|\bhandtekening\b", _I),
}
_CONTENT_LABELS = {"naam": N_("naam"), "adres": N_("adres"), "datum": N_("datum"), "het besluit": N_("het besluit"),
                   "gronden": N_("de gronden"), "handtekening": N_("een handtekening")}
_ELSEWHERE = re.compile(r"\b(?:website|brochure|www\.|https?://)", _I)
_CLAUSE_WORDS = re.compile(
    r"\bbezwaar|\bberoep|\btermijn|\bweken\b|\bindien|\badres|\bpostbus|\bnaam\b|\bdatum\b|\bdagtekening|"
    r"\bonderteken|\bhandtekening|\bgronden|\bredenen|\bwaarom\b|\bomschrijving|\bstuur|\brichten|\bdigid\b",
    _I,
)


def clause(text: Text) -> list[Sentence]:
    """The sentences of the remedies clause: from each remedy sentence on, while the text stays about it."""
    lines = text.flow
    wanted: set[int] = set()
    for line in lines:
        if REMEDY.search(_plain(line.text)) and not _INTERIM.search(line.text):
            position = lines.index(line)
            wanted.add(position)
            gap = 0
            for later in lines[position + 1 :]:
                if _CLAUSE_WORDS.search(later.text) or later.text.startswith(("-", "•", "–")) or later.text[:2].rstrip(
                        ".)").isdigit():
                    wanted.add(lines.index(later))
                    gap = 0
                else:
                    gap += 1
                    if gap > 1:
                        break
    chosen = {lines[i].index for i in wanted}
    return [s for s in text.sentences if s.line.index in chosen]


def _plain(text: str) -> str:
    """The text without web and e-mail addresses ('www.gemeente.nl/bezwaar-maken' is no clause)."""
    return _URL.sub(" ", text)


def _objection(sentences: Sequence[Sentence]) -> Sentence | None:
    return next((s for s in sentences if REMEDY.search(_plain(s.text)) and _OBJECTION.search(_plain(s.text))
                 and not _INTERIM.search(s.text)), None)


def _appeal(sentences: Sequence[Sentence]) -> Sentence | None:
    return next((s for s in sentences if REMEDY.search(_plain(s.text)) and _APPEAL.search(_plain(s.text))
                 and not _INTERIM.search(s.text)), None)


def remedy_items(text: Text, regulation: bool) -> list[ChecklistItem]:
    """The clause's items: bezwaarclausule (3:45), bezwaartermijn (6:7), aanvang-termijn (6:8),
    bezwaarorgaan (6:4) and bezwaarvereisten (6:5)."""
    sentences = clause(text)
    objection = _objection(sentences)
    appeal = _appeal(sentences) if objection is None else None
    remedy = objection or appeal
    if remedy is None:
        return _no_clause(text, regulation)
    if objection is not None:
        first = item("bezwaarclausule", "present", "3:45", _("Het besluit zegt dat bezwaar mogelijk is."), objection)
    elif _AFTER_DRAFT.search(text.whole):
        first = item("bezwaarclausule", "present", "3:45",
                     _("Direct beroep, geen bezwaar: dat past bij een besluit na een ontwerp en zienswijzen "
                       "(uniforme openbare voorbereiding, art. 7:1 lid 1 onder d Awb)."), appeal)
    else:
        first = item("bezwaarclausule", "doubtful", "3:45",
                     _("Alleen beroep wordt genoemd, geen bezwaar. Dat klopt alleen als de wet bezwaar overslaat "
                       "(bijvoorbeeld na een ontwerpbesluit met zienswijzen); anders moet hier bezwaar staan."),
                     appeal)
    noun = _("bezwaarschrift") if objection is not None else _("beroepschrift")
    return [first, _term(sentences, remedy), _start(text, sentences, remedy),
            _body(text, sentences, objection is not None), _contents(sentences, noun)]


def _no_clause(text: Text, regulation: bool) -> list[ChecklistItem]:
    checks = (("bezwaartermijn", "6:7"), ("aanvang-termijn", "6:8"), ("bezwaarorgaan", "6:4"),
              ("bezwaarvereisten", "6:5"))
    if regulation:
        message = _("Dit is een regeling (verordening of beleidsregel): daartegen staat geen bezwaar of beroep open "
                    "(art. 8:3 Awb), dus een bezwaarclausule hoort er niet in.")
        return [item("bezwaarclausule", "inapplicable", "8:3", message)] + [
            item(check, "inapplicable", article, _("Niet van toepassing: geen bezwaar mogelijk."))
            for check, article in checks]
    message = _("Gezocht in de hele tekst: er staat niet in dat en hoe bezwaar (of beroep) kan worden ingesteld. "
                "Vermeld wie binnen welke termijn bij welk orgaan bezwaar kan maken.")
    zienswijze = text.first(_ZIENSWIJZE)
    if zienswijze is not None:
        message += " " + _("Er wordt alleen een zienswijze gevraagd; dat is geen bezwaar.")
    return [item("bezwaarclausule", "missing", "3:45", message, zienswijze)] + [
        item(check, "missing", article, _("Geen bezwaarclausule, dus ook dit onderdeel niet."))
        for check, article in checks]


def _term(sentences: Sequence[Sentence], remedy: Sentence) -> ChecklistItem:
    """Six weeks anywhere in the clause is the term. Another term is *wrong* only when it stands in the
    sentence that says bezwaar (or beroep) is possible; in another sentence of the clause it may be some
    other period ("binnen twaalf weken een besluit op uw bezwaar"), so it is only doubtful, without a fix."""
    ordered = [remedy] + [s for s in sentences if s is not remedy]
    found: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in ordered:
        if _INTERIM.search(sentence.text) or re.search(r"\bter inzage\b|\bbeslis", sentence.text, _I):
            continue
        if sentence is not remedy and (not _TERM_CONTEXT.search(sentence.text) or _OTHER_PERIOD.search(sentence.text)):
            continue
        found += [(sentence, match) for match in _TERM.finditer(sentence.text)]
    for sentence, match in found:
        number = match.group("n").lower()
        value = int(number) if number.isdigit() else _NUMBERS[number]
        if value == 6 and match.group("unit").lower().startswith("we"):
            return item("bezwaartermijn", "present", "6:7", _("De termijn is zes weken."), sentence, match.span())
    if found:
        sentence, match = found[0]
        if sentence is remedy:
            correct = "6 weken" if match.group("n").isdigit() else "zes weken"
            return item("bezwaartermijn", "wrong", "6:7",
                        _("De termijn voor bezwaar en beroep is zes weken (art. 6:7 Awb); hier staat ‘{found}’. "
                          "Een te korte of te lange termijn misleidt de lezer.").format(found=match.group()),
                        sentence, match.span(), suggestion=correct)
        return item("bezwaartermijn", "doubtful", "6:7",
                    _("De bezwaarclausule noemt ‘{found}’, niet de termijn van zes weken (art. 6:7 Awb). Is dit de "
                      "termijn voor bezwaar, dan moet het zes weken zijn; gaat het over iets anders, vermeld dan "
                      "ook de zes weken.").format(found=match.group()),
                    sentence, match.span())
    for sentence in ordered:
        end = _END_DATE.search(sentence.text)
        if end is not None:
            return item("bezwaartermijn", "doubtful", "6:7",
                        _("De termijn staat er als einddatum. Controleer dat die zes weken na de dag van bekendmaking "
                          "(of terinzagelegging) valt, of schrijf ‘binnen zes weken na de dag van bekendmaking’."),
                        sentence, end.span())
    return item("bezwaartermijn", "missing", "6:7",
                _("Gezocht in de bezwaarclausule: de termijn van zes weken ontbreekt."), remedy)


def _start(text: Text, sentences: Sequence[Sentence], remedy: Sentence) -> ChecklistItem:
    published = _PUBLISHED_KIND.search(text.whole) is not None
    exact = text.first(_START_EXACT, sentences)
    loose = exact or text.first(_START_LOOSE, sentences)
    if loose is None:
        if text.first(_END_DATE, sentences) is not None:
            return item("aanvang-termijn", "doubtful", "6:8",
                        _("Er staat een einddatum, niet wanneer de termijn begint (de dag na de bekendmaking)."),
                        remedy)
        return item("aanvang-termijn", "missing", "6:8",
                    _("Gezocht in de bezwaarclausule: er staat niet wanneer de termijn begint (op de dag na de "
                      "bekendmaking of verzending)."), remedy)
    if published and _SENT.search(loose.text):
        return item("aanvang-termijn", "doubtful", "6:8",
                    _("Dit besluit wordt bekendgemaakt door publicatie (art. 3:42 Awb): de termijn begint op de dag na "
                      "de bekendmaking, niet na verzending of dagtekening."), loose)
    if re.search(r"\bdagtekening\b", loose.text, _I):
        return item("aanvang-termijn", "doubtful", "6:8",
                    _("De termijn begint op de dag na de bekendmaking (verzending of publicatie), niet na de "
                      "dagtekening; die kan eerder liggen."), loose)
    if exact is not None:
        return item("aanvang-termijn", "present", "6:8", _("Er staat wanneer de termijn begint."), exact)
    return item("aanvang-termijn", "present", "6:8",
                _("Er staat vanaf wanneer de termijn loopt; precies is ‘na de dag van bekendmaking’."), loose)


def _body(text: Text, sentences: Sequence[Sentence], objection: bool) -> ChecklistItem:
    for sentence in sentences:
        if _INTERIM.search(sentence.text) or not (_OBJECTION.search(sentence.text) or _APPEAL.search(sentence.text)
                                                   or re.search(r"\bstuur|\bricht|\bzend", sentence.text, _I)):
            continue
        match = _BODY.search(sentence.text)
        if match is None:
            continue
        body = match.group("body").lower()
        court = body in ("rechtbank", "sector bestuursrecht", "afdeling bestuursrechtspraak", "raad van state",
                         "centrale raad van beroep", "college van beroep")
        if objection and court and not _OBJECTION.search(sentence.text):
            continue
        address = _ADDRESS.search(sentence.text) or next(
            (s for s in sentences if s.line is sentence.line and _ADDRESS.search(s.text)), None)
        note = "" if address else " " + _("Een adres (postbus) erbij helpt de lezer.")
        if body.startswith("ons"):
            return item("bezwaarorgaan", "present", "6:4",
                        _("Het bezwaar gaat naar ‘ons’: het bestuursorgaan dat het besluit nam.") + note,
                        sentence, match.span())
        return item("bezwaarorgaan", "present", "6:4",
                    _("Er staat bij welk orgaan het bezwaar- of beroepschrift moet worden ingediend.") + note,
                    sentence, match.span())
    return item("bezwaarorgaan", "missing", "6:4",
                _("Gezocht in de bezwaarclausule: er staat niet bij welk bestuursorgaan (of welke rechter) het "
                  "bezwaar- of beroepschrift moet worden ingediend."), sentences[0] if sentences else None)


def _contents(sentences: Sequence[Sentence], noun: str) -> ChecklistItem:
    found = {name: next((s for s in sentences if p.search(s.text) and not _INTERIM.search(s.text)), None)
             for name, p in _CONTENTS.items()}
    present = [name for name, where in found.items() if where is not None]
    missing = [name for name in _CONTENTS if name not in present]
    anchor = next((found[name] for name in ("naam", "het besluit", "handtekening", "gronden", "datum", "adres")
                   if found[name] is not None), None)
    if not missing:
        return item("bezwaarvereisten", "present", "6:5",
                    _("Er staat wat in het {noun} moet: naam, adres, datum, het besluit, de gronden en een "
                      "handtekening.").format(noun=noun), anchor)
    elsewhere = next((s for s in sentences if _ELSEWHERE.search(s.text) and re.search(r"voorwaarde|eisen|moet",
                                                                                        s.text, _I)), None)
    if not present and elsewhere is not None:
        return item("bezwaarvereisten", "doubtful", "6:5",
                    _("Voor de eisen aan het {noun} wordt verwezen naar een website of brochure; noem ze liever "
                      "zelf (naam, adres, datum, het besluit, de gronden, handtekening).").format(noun=noun), elsewhere)
    names = ", ".join(_(_CONTENT_LABELS[name]) for name in missing)
    if not present:
        message = _("Niet vermeld wat in het {noun} moet staan (art. 6:5 Awb: naam, adres, datum, het besluit, de "
                    "gronden, handtekening). Niet verplicht in de clausule, wel gebruikelijk.").format(noun=noun)
    else:
        message = _("Onvolledig: niet vermeld dat het {noun} ook {missing} moet bevatten (art. 6:5 Awb).").format(
            noun=noun, missing=names)
    return item("bezwaarvereisten", "missing", "6:5", message, anchor)
