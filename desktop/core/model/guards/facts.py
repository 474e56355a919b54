"""The fact guard: the facts of Dutch administrative text that a rewrite must keep exactly.

:func:`extract_facts` finds amounts, percentages, dates, times, terms ("zes weken"), article and
law references, numbers, postcodes, phone numbers, case numbers (kenmerken), e-mail addresses,
URLs, placeholders such as [naam], capitalised names, protected terms, and the polarity of the
text (negation, obligation). Each fact gets a normalised value so that harmless differences in
notation ("zes weken" / "6 weken", "€ 1.250,00" / "€1.250") compare equal while real changes
("vier weken", "€ 1.520") do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from wordfreq import zipf_frequency

from desktop.core.i18n import _

NUMBER_WORDS = {
    "nul": 0,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
    "duizend": 1000,
}
ORDINALS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "vijfde": 5,
    "zesde": 6,
    "zevende": 7,
    "achtste": 8,
    "negende": 9,
    "tiende": 10,
    "elfde": 11,
    "twaalfde": 12,
    "dertiende": 13,
    "veertiende": 14,
    "vijftiende": 15,
    "zestiende": 16,
    "zeventiende": 17,
    "achttiende": 18,
    "negentiende": 19,
    "twintigste": 20,
}
MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
UNITS = {
    "dag": "dag",
    "dagen": "dag",
    "werkdag": "werkdag",
    "werkdagen": "werkdag",
    "week": "week",
    "weken": "week",
    "maand": "maand",
    "maanden": "maand",
    "jaar": "jaar",
    "jaren": "jaar",
    "kwartaal": "kwartaal",
    "kwartalen": "kwartaal",
    "uur": "uur",
    "uren": "uur",
    "minuut": "minuut",
    "minuten": "minuut",
    "kalenderdag": "dag",
    "kalenderdagen": "dag",
    "meter": "meter",
    "kilometer": "km",
    "km": "km",
    "m": "meter",
    "m2": "m2",
    "m²": "m2",
    "vierkante meter": "m2",
}
NEGATIONS = frozenset({"niet", "geen", "nooit", "niets", "niks", "niemand", "nergens", "zonder", "noch"})
OBLIGATIONS = {
    "moet",
    "moeten",
    "moest",
    "moesten",
    "dient",
    "dienen",
    "verplicht",
    "verplichte",
    "verplichting",
}
# Capitalised words that are not names: the polite pronoun and its forms.
NOT_NAMES = {"U", "Uw", "Uwe"}

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORD_CHARS = r"[A-Za-zÀ-ÖØ-öø-ÿ]"

# Ordered: earlier patterns claim their characters first.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?]", re.I)),
    ("e-mail", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("placeholder", re.compile(r"\[[^\]\n]{1,40}\]")),
    (
        "article",
        re.compile(
            r"\b(?:artikel(?:en)?|art\.)\s+\d+(?:[:.]\d+)*[a-z]?"
            r"(?:\s*(?:,|en|tot en met|t/m)\s*\d+(?:[:.]\d+)*[a-z]?)*",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(rf"(?:€|EUR\b|euro\b)\s?(?:{_NUM})(?:,-|,--)?|(?:{_NUM})(?:,-)?\s?(?:euro|EUR)\b", re.I),
    ),
    ("percentage", re.compile(rf"(?:{_NUM})\s?(?:%|procent\b)|\b(?:{_NUMBER_WORD})\s+procent\b", re.I)),
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}\s+(?:{_MONTH})\.?(?:\s+\d{{4}})?\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
            r"|\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b",
            re.I,
        ),
    ),
    ("time", re.compile(r"\b\d{1,2}[.:]\d{2}\s?uur\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?uur\b", re.I)),
    (
        "member",
        re.compile(
            r"\b(?:lid|leden)\s+\d+[a-z]?\b|\b(?:" + "|".join(ORDINALS) + r")\s+lid\b|\bonder\s+[a-z]\b"
            r"|\bsub\s+[a-z0-9]+\b",
            re.I,
        ),
    ),
    ("ordinal", re.compile(r"\b(?:" + "|".join(ORDINALS) + r")\b|\b\d{1,3}(?:e|de|ste)\b", re.I)),
    ("term", re.compile(rf"\b(?:{_NUM}|{_NUMBER_WORD})\s+(?:{_UNIT})\b", re.I)),
    ("postcode", re.compile(r"\b\d{4}\s?[A-Z]{2}\b")),
    ("phone", re.compile(r"(?<![\w-])(?:\+31|0)\d{1,3}(?:[\s-]*\d){6,8}\b")),
    (
        "reference",
        re.compile(
            r"\b(?=[\w/.-]*\d)(?=[\w/.-]*[A-Za-z/-])[A-Za-z0-9]+(?:[/.-][A-Za-z0-9]+)+\b"
            r"|\b(?=\w*\d)(?=\w*[A-Za-z])\w{4,}\b"
        ),
    ),
    ("number", re.compile(rf"(?<![\w,.]){_NUM}(?![\w])|\b(?:{_NUMBER_WORD})\b", re.I)),
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"'“‘(]\s*)$")
_CAPITALISED = re.compile(rf"\b[A-ZÀ-ÖØ-Þ]{_WORD_CHARS}*(?:[-'’]{_WORD_CHARS}+)*\b")
_WORDS = re.compile(rf"{_WORD_CHARS}+")


@dataclass(frozen=True)
class Fact:
    """A fact as written (``text``) and normalised (``value``) for comparison."""

    kind: str
    value: str
    text: str


def _number(text: str) -> str:
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return str(NUMBER_WORDS[lowered])
    digits = text.replace(".", "").replace(",", ".") if re.fullmatch(_NUM, text) else text
    try:
        return format(Decimal(digits).normalize(), "f")
    except InvalidOperation:
        return text


def _normalise_date(text: str) -> str:
    lowered = text.lower().replace(".", "")
    match = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH})(?:\s+(\d{{4}}))?", lowered)
    if match:
        day, month, year = int(match[1]), MONTHS[match[2]], match[3] or "?"
        return f"{year}-{month:02d}-{day:02d}"
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", lowered)
    if match:
        return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    match = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{2,4})", lowered)
    if match:
        year = match[3] if len(match[3]) == 4 else "20" + match[3]
        return f"{year}-{int(match[2]):02d}-{int(match[1]):02d}"
    return lowered


def _normalise(kind: str, text: str) -> str:
    if kind == "amount":
        match = re.search(_NUM, text)
        return _number(match[0]) if match else text
    if kind in ("percentage", "number"):
        match = re.search(rf"{_NUM}|{_NUMBER_WORD}", text, re.I)
        return _number(match[0]) if match else text
    if kind == "date":
        return _normalise_date(text)
    if kind == "time":
        match = re.match(r"(\d{1,2})(?:[.:](\d{2}))?", text)
        return f"{int(match[1]):02d}:{match[2] or '00'}" if match else text
    if kind == "term":
        amount, unit = text.split(None, 1)
        return f"{_number(amount)} {UNITS[unit.lower()]}"
    if kind == "ordinal":
        lowered = text.lower()
        return str(ORDINALS[lowered]) if lowered in ORDINALS else re.sub(r"\D", "", lowered)
    if kind == "member":
        lowered = text.lower()
        for word, value in ORDINALS.items():
            lowered = lowered.replace(f"{word} lid", f"lid {value}")
        return re.sub(r"\s+", " ", lowered.replace("leden", "lid"))
    if kind == "article":
        return re.sub(r"\s+", " ", re.sub(r"^(?:artikelen|artikel|art\.)", "artikel", text.lower()))
    if kind in ("postcode", "phone"):
        return re.sub(r"[\s-]", "", text).upper()
    return text.lower() if kind in ("e-mail", "url", "protected") else text


@lru_cache(maxsize=65536)
def _is_common_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "nl") >= 3.0


def _names(text: str, taken: list[tuple[int, int]], is_word: Callable[[str], bool]) -> list[Fact]:
    names = []
    for match in _CAPITALISED.finditer(text):
        word = match[0]
        if word in NOT_NAMES or any(s <= match.start() < e for s, e in taken):
            continue
        at_start = bool(_SENTENCE_START.search(text[: match.start()]))
        if at_start and not word.isupper() and is_word(word.lower()):
            continue
        names.append(Fact("name", word, word))
    return names


def extract_facts(
    text: str, protected_terms: Iterable[str] = (), is_word: Callable[[str], bool] | None = None
) -> list[Fact]:
    """Every fact in ``text``, in order of kind and appearance.

    ``is_word`` tells whether a lower-cased word is an ordinary Dutch word, so a capitalised word at
    the start of a sentence is not taken for a name (default: a common word by word frequency).
    """
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []
    for term in protected_terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I):
            facts.append(Fact("protected", term.lower(), match[0]))
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            facts.append(Fact(kind, _normalise(kind, match[0]), match[0]))
    facts.extend(_names(text, taken, is_word or _is_common_word))
    words = {w.lower() for w in _WORDS.findall(text)}
    if words & NEGATIONS:
        facts.append(Fact("polarity", "ontkenning", ", ".join(sorted(words & NEGATIONS))))
    if words & OBLIGATIONS:
        facts.append(Fact("polarity", "verplichting", ", ".join(sorted(words & OBLIGATIONS))))
    return facts


# Kinds whose order matters when a text has more than one: two amounts, dates or terms swapped between
# their clauses ("€ 100 voor A en € 200 voor B") keep the set of facts but change what each belongs to.
ORDERED_KINDS = ("amount", "date", "time", "term", "percentage", "number", "ordinal", "member", "article")


def fact_key(fact: Fact) -> tuple[str, str]:
    """The comparable identity of a fact: (kind, normalised value)."""
    return fact.kind, fact.value


def fact_keys(facts: Iterable[Fact]) -> set[tuple[str, str]]:
    """The comparable identities of ``facts``."""
    return {fact_key(fact) for fact in facts}


def known_keys(facts: Iterable[Fact]) -> set[tuple[str, str]]:
    """What an output may state given ``facts`` of its source: the facts themselves, and a bare number of the
    source as an amount ("tussen de 300 en 600 euro" → "tussen € 300 en € 600"). Never the other way round:
    an amount that lost its currency ("€ 600" → "600") is an amount missing."""
    facts = list(facts)
    return fact_keys(facts) | {("amount", fact.value) for fact in facts if fact.kind == "number"}


def _order(facts: Iterable[Fact]) -> dict[str, list[str]]:
    ordered: dict[str, list[str]] = {}
    for fact in facts:
        if fact.kind in ORDERED_KINDS:
            ordered.setdefault(fact.kind, []).append(fact.value)
    return ordered


def _describe(fact: Fact) -> str:
    return f"{fact.text!r}"


def _polarity(fact: Fact) -> str:
    return _("ontkenning") if fact.value == "ontkenning" else _("verplichting")


def fact_guard(
    source: str,
    output: str,
    protected_terms: Sequence[str] = (),
    *,
    require_all: bool = True,
    allowed: Sequence[str] = (),
    is_word: Callable[[str], bool] | None = None,
) -> list[str]:
    """Reasons why ``output`` does not keep the facts of ``source`` (empty when it does).

    With ``require_all`` every fact of ``source`` must still be in ``output``. Every fact of
    ``output`` must occur in ``source`` or in one of the ``allowed`` texts.
    """
    reasons: list[str] = []
    source_facts = extract_facts(source, protected_terms, is_word)
    output_facts = extract_facts(output, protected_terms, is_word)
    output_keys = fact_keys(output_facts)
    known = known_keys(source_facts)
    for text in allowed:
        known |= known_keys(extract_facts(text, protected_terms, is_word))
    if require_all:
        for fact in source_facts:
            as_amount = fact.kind == "number" and ("amount", fact.value) in output_keys  # "300" → "€ 300"
            if fact_key(fact) not in output_keys and not as_amount:
                if fact.kind == "polarity":
                    missing = _("De {what} uit de oorspronkelijke tekst is verdwenen.")
                    reasons.append(missing.format(what=_polarity(fact)))
                else:
                    reasons.append(_("{fact} ontbreekt of is veranderd.").format(fact=_describe(fact)))
    for fact in output_facts:
        if fact_key(fact) not in known:
            if fact.kind == "polarity":
                reasons.append(_("Het model voegde een {what} toe.").format(what=_polarity(fact)))
            else:
                reasons.append(_("{fact} staat niet in de oorspronkelijke tekst.").format(fact=_describe(fact)))
    if require_all and not reasons:
        before, after = _order(source_facts), _order(output_facts)
        for kind, values in before.items():
            if len(values) > 1 and sorted(values) == sorted(after.get(kind, [])) and values != after[kind]:
                shown = ", ".join(f.text for f in source_facts if f.kind == kind)
                reasons.append(
                    _("De volgorde van {facts} is veranderd: elk hoort misschien niet meer bij hetzelfde.").format(
                        facts=shown
                    )
                )
    return list(dict.fromkeys(reasons))
