"""The motivation (art. 3:46, 3:47 Awb): the grounds a decision gives and the legal basis it names.

Grounds are counted, not guessed: the paragraphs or list items of a considerans ("overwegende dat …",
"dat …", the items under "Overwegende dat:"), the sentences under a heading such as "Motivering",
"Overwegingen" or "Belangenafweging", and sentences that give a reason ("omdat", "vanwege", "daarom",
"in het belang van"). Thin motivation is doubtful with its evidence, never a flat error when grounds
are there; a regulation needs none in the text itself (art. 3:1 Awb).
"""

from __future__ import annotations

import re

from desktop.core.i18n import _
from desktop.core.language.awb.remedies import REMEDY, clause
from desktop.core.language.checklist import ChecklistItem, Line, Sentence, Text, item

_I = re.IGNORECASE
_CONSIDERANS_HEAD = re.compile(r"^(?:en\s+)?overwegende(?:\s+dat)?\s*[:;,]?\s*$", _I)
_GROUND_LINE = re.compile(r"^(?:[-•–*]\s*|[a-z0-9]{1,2}[.)]\s+)?(?:(?:en\s+)?overwegende,?\s+)?dat\b", _I)
_LIST_ITEM = re.compile(r"^(?:[-•–*]|[a-z0-9]{1,2}[.)])\s+\S")
_HEADING = re.compile(
    r"^(?:motivering|overwegingen(?: ten aanzien van het besluit)?|belangenafweging(?: en motivering)?|"
    r"doelstelling(?: en motivering)?(?: verkeersbesluit)?|waarom\b[^.]{0,60}\?|aanleiding(?: verkeersbesluit)?|"
    r"toelichting|afweging)\s*:?$",
    _I,
)
_END_OF_GROUNDS = re.compile(
    r"^(?:(?:en |mede )?gelet op|besluit|b\s?e\s?s\s?l\s?u\s?i\s?t|hebben besloten|besluiten)\b", _I)
_REASON = re.compile(
    r"\b(?:omdat|vanwege|daarom|aangezien|doordat|zodat|om deze reden|in verband met|teneinde|ten einde|"
    r"ten behoeve van|in het belang van|met het oog op|uit (?:het )?oogpunt van|daar de|is gewenst|wenselijk|"
    r"noodzakelijk|van oordeel|weegt|zwaarder|beoogd|met als doel|het doel|op verzoek van|naar aanleiding van|"
    r"dat betekent|immers)\b|^nu\b[^,]{3,120},|\bmoet(?:en)?\b[^.]{0,80}\bkunnen\b",
    _I,
)
_BASIS = re.compile(
    r"\b(?:op grond van|gelet op|krachtens|ingevolge|op basis van|conform|overeenkomstig|ex)\s+"
    r"(?:het bepaalde in\s+)?(?:de\s+)?(?:artikel|art\.|artikelen)\s*\d|"
    r"\bartikel(?:en)?\s+\d[\w:.]*(?:,?\s+(?:eerste|tweede|derde|lid|onder|sub|\d|[a-z]\b)[\w\s,]{0,30})?\s+"
    r"(?:van\s+)?(?:de|het)\s+[\w\s-]{0,40}(?:wet|verordening|besluit|apv|reglement)\b",
    _I,
)
_LEGAL_STATEMENT = re.compile(r"^(?:krachtens|op grond van|conform|ingevolge|overeenkomstig|in artikel)\b[^.]{0,80}"
                              r"\bartikel", _I)
_AIMS = re.compile(r"\b(?:te weten|met als doel|wordt beoogd|beoogd|doelstelling(?:en)?)\b[^.]*:?\s*$|"
                   r"\buit (?:het )?oogpunt van\b[^.]*:\s*$", _I)
_PLACEHOLDER = re.compile(r"\[Schrijf hier:[^\]]*motivering[^\]]*\]", _I)
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+(?=[A-Z])")
#: "dat op grond van artikel 15 … een verkeersbesluit moet worden genomen" states the law, not a reason.
_LEGAL_GROUND = re.compile(
    r"^(?:[-•–*]\s*)?dat\s+(?:op grond van|krachtens|ingevolge|conform)\b[^.;]{0,80}\bartikel", _I)
_ARTICLE = re.compile(r"\bartikel", _I)
_LAW = re.compile(r"\b(?:op grond van|gelet op|krachtens|ingevolge)\b[^.]{0,80}\b(?:wet|verordening|besluit|apv)\b",
                  _I)


def _grounds(text: Text) -> list[Line | Sentence]:
    """The grounds in document order: a considerans item is one, a reason sentence is one, a list of aims
    under a heading is one."""
    in_clause = {s.line.index for s in clause(text)}
    by_line: dict[int, list[Sentence]] = {}
    for sentence in text.sentences:
        by_line.setdefault(sentence.line.index, []).append(sentence)
    grounds: list[Line | Sentence] = []
    under: str | None = None  # "considerans" or "heading" while reading the lines below one
    aims = False  # the list under "te weten:" / "met als doel:" (the aims of the law) counts as one ground
    previous = ""
    for line in text.flow[1:]:  # the first line is the title
        if line.index in in_clause or REMEDY.search(line.text):
            under = None
            continue
        bare = _NUMBERED.sub("", line.text)  # "2 Aanleiding" is the heading "Aanleiding"
        listed = _LIST_ITEM.match(line.text) is not None
        if listed and _AIMS.search(previous):
            aims = True
        elif not listed:
            aims = False
        previous = line.text if not listed else previous
        if _CONSIDERANS_HEAD.match(line.text):
            under = "considerans"
            continue
        if _HEADING.match(bare):
            under = "heading"
            continue
        if len(line.text) <= 80 and line.text.endswith("?"):  # another section ("Bent u het niet eens …?")
            under = None
            continue
        if _END_OF_GROUNDS.match(line.text):
            under = None
        if under == "considerans" and not listed and not _GROUND_LINE.match(line.text):
            under = None
        if aims:
            continue
        if _GROUND_LINE.match(line.text) or (listed and under is not None):
            if not (_LEGAL_GROUND.match(line.text) and not _REASON.search(line.text)):
                grounds.append(line)
            continue
        for sentence in by_line.get(line.index, []):
            if len(sentence.text) <= 30 or _LEGAL_STATEMENT.match(sentence.text):
                continue
            if _REASON.search(sentence.text) or (under == "heading" and not _ARTICLE.search(sentence.text)):
                grounds.append(sentence)
    return grounds


def motivation_items(text: Text, regulation: bool) -> list[ChecklistItem]:
    """Wettelijke grondslag (3:47) and motivering (3:46)."""
    return [_basis(text), _motivation(text, regulation)]


def _basis(text: Text) -> ChecklistItem:
    exact = next((s for s in text.sentences if _BASIS.search(s.text)), None)
    if exact is not None:
        return item("wettelijke-grondslag", "present", "3:47",
                    _("Het besluit noemt het wetsartikel waarop het berust."), exact)
    loose = next(text.matches(_LAW), None)
    if loose is not None:
        return item("wettelijke-grondslag", "doubtful", "3:47",
                    _("Er wordt een regeling genoemd, maar geen artikel."), loose[0], loose[1].span())
    return item("wettelijke-grondslag", "missing", "3:47",
                _("Gezocht in de hele tekst: er staat niet op grond van welk wetsartikel het besluit is genomen."))


def _motivation(text: Text, regulation: bool) -> ChecklistItem:
    placeholder = next(text.matches(_PLACEHOLDER), None)
    if placeholder is not None:
        line, match = placeholder
        return item("motivering", "missing", "3:46",
                    _("De motivering is nog niet geschreven: hier staat nog ‘{slot}’.").format(slot=match.group()),
                    line, match.span())
    grounds = _grounds(text)
    if len(grounds) >= 2:
        return item("motivering", "present", "3:46",
                    _("{count} gronden gevonden, de eerste en de laatste: ‘{first}’ … ‘{last}’.").format(
                        count=len(grounds), first=_short(grounds[0].text), last=_short(grounds[-1].text)),
                    grounds[0])
    if grounds:
        return item("motivering", "doubtful", "3:46",
                    _("Maar één grond gevonden: ‘{ground}’. Is het besluit voldoende gemotiveerd? Een motivering "
                      "noemt de feiten, de regels en de afweging.").format(ground=_short(grounds[0].text)), grounds[0])
    if regulation:
        return item("motivering", "inapplicable", "3:46",
                    _("Een regeling hoeft in de tekst zelf geen motivering te hebben (art. 3:1 Awb); een toelichting "
                      "helpt de lezer wel."))
    return item("motivering", "missing", "3:46",
                _("Gezocht naar ‘overwegende dat’, ‘dat …’, een kopje ‘Motivering’ of ‘Overwegingen’ en zinnen met "
                  "‘omdat’ of ‘vanwege’: geen gronden gevonden. Leg uit waarom zo is besloten."))


def _short(text: str, size: int = 70) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
