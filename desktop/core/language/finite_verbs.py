"""Which words of a Dutch sentence can be its finite verb (persoonsvorm): the shipped list of finite forms
and the rules that read a form in its place ("de rest" is a noun, "te gaan" an infinitive).

Used where a long sentence is split (language/clauses.py) and by the grammar guard of a rewrite, which refuses
a new sentence without one. The forms come from resources/wordlists/persoonsvormen.tsv (LanguageTool's Dutch
dictionary; scripts/build_finite_verbs.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from desktop.core import paths

FINITE_FILE = "persoonsvormen.tsv"

PERSONAL_PRONOUNS = frozenset({"ik", "je", "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "men"})
ARTICLES_ONLY = frozenset({"de", "een", "elke", "iedere", "alle", "geen", "uw", "onze", "mijn", "jouw"})
DETERMINERS = frozenset(
    {
        "de", "het", "een", "deze", "dit", "die", "elke", "ieder", "iedere", "alle", "geen", "haar", "hun", "uw",
        "mijn", "onze", "ons", "jouw", "welke", "veel", "weinig", "enkele", "sommige",
    }
)  # fmt: skip
# Common verbs whose forms can also be read as another word ("is", "kan", "zijn"): taken as verbs anyway.
CERTAIN_VERBS = frozenset(
    {
        "is", "zijn", "was", "waren", "kan", "kunnen", "moet", "moeten", "mag", "mogen", "wil", "willen", "zal",
        "zullen", "staat", "laat", "laten", "weet", "zit", "stelt", "lijken", "heet",
    }
)  # fmt: skip
PREPOSITIONS = frozenset(
    {
        "aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "met", "na", "naar", "naast", "om",
        "onder", "op", "over", "per", "sinds", "tegen", "tot", "tussen", "uit", "van", "voor", "vanaf", "vanuit",
        "via", "tijdens", "volgens", "wegens", "vanwege", "gedurende", "zonder", "namens", "ondanks", "rond",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,:/-]\d+)*|\S")
# Brackets and quotes that open and close a part of a sentence.
OPENING, CLOSING = "([{‘“«", ")]}’”»"
_STRAIGHT_QUOTES = "\"'"
@dataclass(frozen=True)
class Token:
    """A word, number or sign of a sentence, with its place and how deep it stands in brackets or quotes."""

    text: str
    start: int
    end: int
    depth: int  # inside how many brackets or quotes

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def finite_forms_path() -> Path:
    """The shipped list of finite verb forms."""
    return paths.resources_dir() / "wordlists" / FINITE_FILE


@dataclass(frozen=True)
class FiniteForm:
    """What a finite verb form can be: ``persons`` "1" (first person singular, the imperative), "3" (third
    person singular) and "m" (plural); ``other`` when it can also be another word class."""

    persons: str
    other: bool


@lru_cache(maxsize=1)
def finite_forms() -> dict[str, FiniteForm]:
    """Finite verb form (lower case) → what it can be. The list ships with the app: a missing one is an
    installation error (OSError), never an empty list that would quietly find no verb anywhere."""
    forms: dict[str, FiniteForm] = {}
    for line in finite_forms_path().read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, persons, *other = line.split("\t")
            forms[form] = FiniteForm(persons, bool(other and other[0] == "*"))
    return forms


def tokenize(sentence: str) -> list[Token]:
    """The sentence's words, numbers and signs in order (brackets and quotes counted in ``depth``)."""
    tokens: list[Token] = []
    depth = 0
    straight_open = False
    for match in _TOKEN.finditer(sentence):
        text = match[0]
        if text in CLOSING or (text in _STRAIGHT_QUOTES and straight_open):
            depth = max(0, depth - 1)
            straight_open = straight_open and text not in _STRAIGHT_QUOTES
            tokens.append(Token(text, match.start(), match.end(), depth))
            continue
        tokens.append(Token(text, match.start(), match.end(), depth))
        if text in OPENING or (text in _STRAIGHT_QUOTES and not straight_open):
            depth += 1
            straight_open = straight_open or text in _STRAIGHT_QUOTES
    return tokens


def is_finite(tokens: Sequence[Token], index: int, *, strict: bool = False) -> bool:
    """True when the word at ``index`` can be a finite verb there: a listed form, not after "te" (an
    infinitive), not after an article or a preposition (a noun: "de rest", "in kaart"), not only a first
    person form ("nodig", "proces": read as such only next to "ik" or as the sentence's first word, an
    imperative).

    ``strict``: the rules count on it as the verb of a clause; then a form that can also be another word
    class ("vormen", "redenen") counts only when it is one of the common verbs in :data:`CERTAIN_VERBS`.
    """
    token = tokens[index]
    form = finite_forms().get(token.lower) if token.is_word else None
    if form is None:
        return False
    previous = tokens[index - 1].lower if index > 0 else ""
    if previous == "te" or previous in PREPOSITIONS:
        return False
    if previous in ARTICLES_ONLY or (previous in DETERMINERS and form.other and token.lower not in CERTAIN_VERBS):
        return False  # "de rest", "een kan"; but "het wordt", "dat is": a pronoun and its verb
    if previous in ("het", "dit", "dat") and form.persons == "m":
        return False  # "het realiseren": a plural form cannot go with "het"
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if form.persons == "1" and any(t.is_word for t in tokens[:index]) and "ik" not in (previous, following):
        return False  # a first-person form is a verb with "ik" ("Ik heb", "heb ik") or as an imperative
    return not (strict and form.other and token.lower not in CERTAIN_VERBS)


def has_finite_verb(sentence: str) -> bool:
    """True when a word of ``sentence`` can be its finite verb ("print", "heeft"); False for a piece without one
    ("Een om te versturen naar de burger en één voor het opsturen naar Weesp": after "te" or "het" a verb form is
    no finite verb). Lenient: a form that can also be another word class counts."""
    tokens = tokenize(sentence)
    words = [t for t in tokens if t.is_word]
    inverted = any(  # "En ben je ...", "Dat doen we ...": a verb form before its pronoun subject
        first.lower in finite_forms() and second.lower in PERSONAL_PRONOUNS
        for first, second in pairwise(words)
    )
    return inverted or any(is_finite(tokens, i) for i in range(len(tokens)))




# Before these a participle stands without an auxiliary: "zoals bedoeld in artikel 2".
_ELLIPTIC = frozenset({"zoals", "als"})
MIN_DT_WORD = 5


def missing_finite_verb(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, the t-form) for every word ending in d (a participle or a stem: "veranderd", "broed") that would be
    the finite verb of ``sentence`` if it ended in t, where the sentence as written has none: "Geluidsregelgeving
    veranderd onder de Omgevingswet." (verandert). Not the first word (a heading: "Verlengd verlof"), not after
    "zoals" or "als" ("zoals bedoeld in artikel 2")."""
    if has_finite_verb(sentence):
        return []
    tokens = tokenize(sentence)
    found = []
    for index, token in enumerate(tokens):
        word = token.text
        if index == 0 or not word.islower() or not word.endswith("d") or len(word) < MIN_DT_WORD:
            continue
        if tokens[index - 1].lower in _ELLIPTIC:
            continue
        for twin in (word[:-1] + "t", word + "t"):
            if twin in finite_forms() and has_finite_verb(sentence[: token.start] + twin + sentence[token.end :]):
                found.append((token.start, token.end, twin))
                break
    return found


# Words that open a subject of their own: "De directie benoemd …", "Dat gebeurd …", "Wat dit betekend …". A capitalised
# line without a full stop or exclamation mark whose subject is a bare noun reads as a headline ("Subsidieregeling
# verlengd tot 1 januari 2025", "Woning verbouwd, vergunning nodig?"): the d-form is a participle without its
# auxiliary. A list item or heading with a subject of its own keeps its finite-verb slot: "Wat dit betekend voor uw
# salaris" (a heading, tuning part), "vergoeding van locatiebezoeken gebeurd na verantwoording daarvan" (a list item).
SUBJECT_OPENERS = DETERMINERS | PERSONAL_PRONOUNS | {"dat", "wat", "wie", "er", "hier", "daar"}
_CLAUSE_BREAKS = frozenset(",;:–—-()")
_CLOSERS = ")]’”»\"'"
# A sentence that opens with one of these continues the one before ("Of een combinatie hiervan.", "Bijvoorbeeld
# vanwege hun leeftijd of gezondheid.": fragments without a verb in the Amsterdam corpus's tuning part); only a subject
# of its own right after it ("En dat gebeurd …") makes it a clause with a finite-verb slot.
CONTINUATIONS = frozenset({"en", "of", "maar", "bijvoorbeeld", "zoals", "inclusief", "behalve", "ofwel", "oftewel"})
# Finite forms that are no other word and no infinitive: a sentence with one of them anywhere has its finite verb,
# also where the context rules of :func:`is_finite` set it aside ("Alles op één stoep na is …" after "na", "…
# bevoegd ben dit verkeersbesluit te nemen": a first-person form without "ik"; Amsterdam corpus and decisions, tuning).
PLAIN_FINITE = frozenset(
    {
        "is", "ben", "bent", "was", "waren", "heeft", "heb", "hebt", "had", "hadden", "wordt", "werd", "werden",
        "kan", "kunt", "kon", "konden", "moet", "moest", "moesten", "mag", "mocht", "wil", "wilt", "wilde", "zal",
        "zult", "zou", "zouden", "gaat", "komt", "blijft", "krijgt", "ligt", "staat",
    }
)  # fmt: skip


def in_verb_slot(sentence: str, start: int) -> bool:
    """True when the word at ``start`` stands where a sentence with a subject has its finite verb, so that a
    d-form there (:func:`missing_finite_verb`) is a d/t error and not a participle of a verbless line. False for a
    sentence that has a plain finite form after all (:data:`PLAIN_FINITE`), a word right after a comma, colon, dash
    or bracket ("monument, bedoeld in onderdeel a"), the first word after a label ("Nieuw: verbeterd formulier"), a
    clause that opens with a preposition (a prepositional phrase is no subject: "Foto: door bewoners beschilderd
    kunstwerk") or continues the sentence before without a subject of its own ("Of …", "Bijvoorbeeld …",
    :data:`CONTINUATIONS`), a participle with its agent ("… verbouwd door de gemeente"), two participles joined
    ("bewaard en beveiligd") and a headline (see :data:`SUBJECT_OPENERS`)."""
    tokens = tokenize(sentence)
    if any(t.lower in PLAIN_FINITE for t in tokens):
        return False
    index = next((i for i, t in enumerate(tokens) if t.start == start), None)
    if index is None or index == 0:
        return False
    if tokens[index - 1].text in _CLAUSE_BREAKS:
        return False
    labels = [i for i, t in enumerate(tokens[:index]) if t.text == ":"]
    clause = tokens[labels[-1] + 1 if labels else 0 :]
    if clause[0].lower in CONTINUATIONS and len(clause) > 1 and clause[1].lower in SUBJECT_OPENERS:
        clause = clause[1:]
    first = clause[0]
    if first.start == start or first.lower in PREPOSITIONS or first.lower in CONTINUATIONS:
        return False
    after = tokens[index + 1 :]
    following = next((t for t in after if t.text in _CLAUSE_BREAKS or t.lower == "door"), None)
    if following is not None and following.lower == "door":
        return False
    words = [t.lower for t in tokens]
    before, after_words = words[max(0, index - 2) : index], words[index + 1 : index + 3]
    if (len(before) == 2 and before[1] in ("en", "of") and _participle_like(before[0])) or (
        len(after_words) == 2 and after_words[0] in ("en", "of") and _participle_like(after_words[1])
    ):
        return False
    headline = sentence.strip().rstrip(_CLOSERS)[-1:] not in ".!" and sentence.lstrip()[:1].isupper()
    return not (headline and first.lower not in SUBJECT_OPENERS)


def _participle_like(word: str) -> bool:
    return len(word) >= MIN_DT_WORD and word.endswith(("d", "t"))
