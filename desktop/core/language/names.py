"""Names the document itself uses: not spelling errors, but words to add to the word list.

A letter names its people and things in set places: the salutation ("Geachte heer Van Grootheest,"),
the signature under the closing formula ("Met vriendelijke groet, … Gerdo van Grootheest,
burgemeester"), an office before a name ("burgemeester Gerdo van Grootheest", "de heer Bakker"),
the title of a law or a quoted title ("Wet op de rijkswaterstaatswerken", "‘Samen Sterk in Zuid’").
A capitalised word that recurs and is never written in lower case is a name too. The spelling
check reports such a word, when the dictionary does not have it, as a name to add to the word list
instead of a spelling error with corrections (which for "Gerdo" would be "Ger do").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.i18n import N_
from desktop.core.language.finite_verbs import PERSONAL_PRONOUNS, finite_forms

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CAPITALISED = re.compile(r"[^\W\d_a-zß-ÿ][^\W\d_]*(?:['’-][^\W\d_]+)*")
# Words inside a person's name that are written in lower case: van, de, ter, ...
_NAME_PARTICLES = r"(?:van|de|der|den|het|ten|ter|te|in|op|la|le|da|di|du|von|zu|'t)"
_PERSON = rf"(?:[A-Z]\.\s?)*[^\W\d_a-z][^\W\d_]+(?:\s+(?:{_NAME_PARTICLES}\s+)*[^\W\d_a-z][^\W\d_]+){{0,3}}"
_TITLES = r"(?:(?:mr|drs|dr|ir|ing|prof|mw|mevr|dhr)\.?\s+)*"
SALUTATION = re.compile(  # no IGNORECASE: it would make the capital classes of _PERSON match nothing
    rf"^\s*(?:Geachte|Beste|Lieve)\s+(?:[Hh]eer|[Mm]evrouw|[Mm]evr\.|[Dd]hr\.|heer/mevrouw|mevrouw/heer)?\s*"
    rf"{_TITLES}(?P<name>{_PERSON})",
)
# An office or form of address right before a name.
OFFICE = re.compile(
    rf"\b(?:burgemeester|wethouder|gedeputeerde|commissaris|minister|staatssecretaris|secretaris|directeur|"
    rf"voorzitter|griffier|de heer|mevrouw|dhr\.|mevr\.|mw\.)\s+{_TITLES}(?P<name>{_PERSON})",
)
CLOSING = re.compile(
    r"^\s*(?:met\s+(?:vriendelijke|hartelijke)\s+groet(?:en)?|hoogachtend|namens\b|"
    r"(?:het\s+)?college\s+van\s+burgemeester\s+en\s+wethouders|burgemeester\s+en\s+wethouders\s+van|"
    r"de\s+(?:burgemeester|secretaris|directeur|voorzitter)\b)",
    re.IGNORECASE,
)
# The title of a law, regulation or decision: "Wet op de rijkswaterstaatswerken", "Algemene wet bestuursrecht".
# A lower-case "wet" only after a capitalised word ("Algemene wet ..."): "de wet moet u ..." is no title.
LAW = re.compile(
    r"\b(?:[A-Z][^\W\d_]*\s+wet|(?:[A-Z][^\W\d_]*\s+)?(?:Wet|Besluit|Regeling|Verordening|Reglement))\s+"
    r"(?P<name>(?:(?:op|van|de|het|der|inzake|tot|en|voor|betreffende)\s+)*[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*"
    r"(?:\s+[^\W\d_][^\W\d_-]*){0,4})"
)


def in_law_name(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` lies inside the title of a law, regulation or decision (:data:`LAW`): a title
    is quoted as it stands ("artikel 12 van het Besluit administratieve bepalingen inzake het wegverkeer": its
    "inzake" is no officialese to replace). The title ends before a personal pronoun or a verb form ("Conform de
    Algemene wet bestuursrecht kunt u hiertoe …": "hiertoe" is the writer's own)."""
    forms = finite_forms()
    for match in LAW.finditer(text):
        title_end = match.end("name")
        for word in _WORD.finditer(text, match.start("name"), title_end):
            lowered = word.group().lower()
            if lowered in PERSONAL_PRONOUNS or lowered in forms:
                title_end = word.start()
                break
        if match.start("name") <= start and end <= title_end:
            return True
    return False


# Quote marks, not apostrophes inside words ("zo'n 40 bezwaren en zo'n 10 klachten" holds no quoted name).
QUOTED = re.compile(r"(?<![^\W\d_])[“\"‘'](?P<name>[^“”\"‘’'\n]{3,80})[”\"’'](?![^\W\d_])")
# The text before a word when the word starts a sentence, a line or a list item.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])[\s\"'‘“(*•–-]*$")
# Lines of the signature block: short, after the closing formula.
SIGNATURE_LINES = 8
SIGNATURE_WORDS = 6

REASONS = {
    "aanhef": N_("in de aanhef"),
    "ondertekening": N_("in de ondertekening"),
    "functie": N_("na een functie of aanspreekvorm"),
    "titel": N_("in de naam van een wet of een titel"),
    "terugkerend": N_("midden in een zin met een hoofdletter en nergens met een kleine letter"),
}


@dataclass(frozen=True)
class DocumentNames:
    """Words the document uses as names, each with where it was seen (a key of :data:`REASONS`)."""

    words: dict[str, str] = field(default_factory=dict)

    def reason(self, word: str) -> str | None:
        """Why ``word`` (any case) is a name here, or None when it is not one."""
        return self.words.get(word.lower())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self.words


def _add(found: dict[str, str], text: str, reason: str, capitalised_only: bool = True) -> None:
    pattern = _CAPITALISED if capitalised_only else _WORD
    for match in pattern.finditer(text):
        found.setdefault(match.group().lower(), reason)


def document_names(paragraphs: Sequence[str]) -> DocumentNames:
    """The names in a document's paragraphs (in reading order)."""
    found: dict[str, str] = {}
    for text in paragraphs:
        salutation = SALUTATION.match(text)
        if salutation:
            _add(found, salutation.group("name"), "aanhef")
        for match in OFFICE.finditer(text):
            _add(found, match.group("name"), "functie")
        for match in LAW.finditer(text):
            _add(found, match.group("name"), "titel", capitalised_only=False)
        for match in QUOTED.finditer(text):
            _add(found, match.group("name"), "titel", capitalised_only=False)
    closing = next((i for i, text in enumerate(paragraphs) if CLOSING.match(text) and len(text.split()) <= 12), None)
    if closing is not None:
        for text in paragraphs[closing + 1 : closing + 1 + SIGNATURE_LINES]:
            for line in text.splitlines():
                if 0 < len(line.split()) <= SIGNATURE_WORDS:
                    _add(found, line, "ondertekening")
    # A word written with a capital inside a sentence somewhere, and nowhere in lower case, is a name.
    inside: set[str] = set()
    lower: set[str] = set()
    for text in paragraphs:
        for match in _WORD.finditer(text):
            word = match.group()
            if word[:1].islower():
                lower.add(word.lower())
            elif not _SENTENCE_START.search(text[: match.start()]):
                inside.add(word.lower())
    for word in sorted(inside - lower):
        found.setdefault(word, "terugkerend")
    return DocumentNames(found)
