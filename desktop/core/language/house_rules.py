"""Schrijfhulp's own grammar rules beside LanguageTool's, the same for every backend: "u kan"/"kan u" → "kunt", the d/t
of a sentence that has no finite verb without it (doubtful), and a glued heading's capital "U" that starts a sentence.

:class:`RuleMatch` (one match with character offsets) is shared by the backends in grammar.py and these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.i18n import _


@dataclass(frozen=True)
class RuleMatch:
    """One LanguageTool match with character offsets into the checked text."""

    start: int
    end: int
    rule_id: str
    category_id: str
    issue_type: str
    message: str
    suggestions: tuple[str, ...]


# "u kan" / "kan u": with "u" as subject the verb is "kunt" in the Netherlands (Taaladvies);
# LanguageTool's Dutch rules have no rule for it. With "u" as object ("Dat kan u helpen.") "kan"
# is right: "kan u" directly followed by a single infinitive closing the clause is left alone, and
# so is "ik kan u" ("Ik kan u nu wel mededelen", ../shared letter 012).
HOUSE_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("U_KAN", re.compile(r"\b[uU] kan\b"), "kunt"),
    ("KAN_U", re.compile(r"\b(Kan) u\b(?!\s+\w+en\s*(?:[.,;:!?)]|$))"), "Kunt"),
    ("KAN_U", re.compile(r"(?<!\b[Ii]k )\b(kan) u\b(?!\s+\w+en\s*(?:[.,;:!?)]|$))"), "kunt"),
)


def house_rule_matches(text: str) -> list[RuleMatch]:
    """Matches of our own grammar rules (the same for every backend)."""
    matches = dt_matches(text)
    for rule_id, pattern, replacement in HOUSE_RULES:
        for match in pattern.finditer(text):
            verb = match.start(1) if match.lastindex else match.end() - 3
            matches.append(
                RuleMatch(
                    start=verb,
                    end=verb + 3,
                    rule_id=rule_id,
                    category_id="SCHRIJFHULP",
                    issue_type="grammar",
                    message=_("Bij ‘u’ hoort ‘kunt’: ‘u kunt’, ‘kunt u’."),
                    suggestions=(replacement,),
                )
            )
    return matches


# A line without a finite verb may be no sentence at all (a heading, a definition "Gestileerd beeld: minder
# realistisch beeld."): the d/t house rule's finding is shown as doubtful, with that reason.
DOUBTFUL_HOUSE_RULES = {"DT_PERSOONSVORM": 0.5}


def dt_matches(text: str) -> list[RuleMatch]:
    """A word in d that, written with t, would give a sentence without a finite verb its verb (see
    :func:`~desktop.core.language.finite_verbs.missing_finite_verb`): "Vergoeding van vacatiegeld gebeurd alleen op
    declaratiebasis." On the tuning parts (7 December 2026) it found 9 d/t errors with the right fix and, with
    "zoals"/"als" left out, raised no alarm on the 760 correct Amsterdam sentences or the real letters. Only a word in
    the finite-verb slot of a clause with a subject is judged
    (:func:`~desktop.core.language.finite_verbs.in_verb_slot`): not a participle after a comma, a label or a
    preposition, with its agent, or in a headline."""
    from desktop.core.language.finite_verbs import in_verb_slot, missing_finite_verb
    from desktop.core.language.sentences import split_sentences

    matches = []
    for sentence in split_sentences(text):
        for start, end, twin in missing_finite_verb(sentence.text):
            if not in_verb_slot(sentence.text, start):
                continue
            matches.append(RuleMatch(
                start=sentence.start + start,
                end=sentence.start + end,
                rule_id="DT_PERSOONSVORM",
                category_id="SCHRIJFHULP",
                issue_type="grammar",
                message=_("Deze zin heeft geen persoonsvorm; met ‘{twin}’ wel. Schrijft u ‘{twin}’ (d/t)? Is het een "
                          "kop of een omschrijving zonder werkwoord, dan klopt het zo.").format(twin=twin),
                suggestions=(twin,),
            ))
    return matches


# "Stemmen per brief U kunt deze verkiezing ook per brief stemmen.": a web page's heading glued to its first sentence
# (the line break lost; Amsterdam corpus, tuning part). LanguageTool's U asks for "u", which would keep the heading
# inside the sentence: the capital starts a sentence. Left alone where "U" with its own verb ("U kunt", "U heeft")
# follows a word that cannot stand before a subject "u" inside a clause; "dat U kunt", "als U wilt" (a conjunction)
# and "wij vragen U" (an object) are still reported.
GLUED_START_RULES = frozenset({"U"})
_INSIDE_A_CLAUSE = frozenset(
    {
        "dat", "als", "omdat", "of", "wanneer", "zodat", "waarmee", "waarop", "waar", "die", "wat", "en", "maar",
        "want", "dan", "nu", "toen", "indien", "tenzij", "zoals", "voordat", "nadat", "terwijl", "doordat", "hoewel",
        "zodra", "totdat", "mits", "ook", "wie", "hoe", "waarom", "waardoor", "welke", "zo", "hier", "daar", "er",
    }
)  # fmt: skip
_WORD_AROUND = re.compile(r"([^\W\d_]+)\W*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def glued_sentence_start(text: str, start: int, end: int) -> bool:
    """True when the capital "U" at ``start`` is followed by its own finite verb ("U kunt") and preceded by a word
    that ends a heading, not one that leads into a clause or a verb with "u" after it (:data:`GLUED_START_RULES`)."""
    from desktop.core.language.finite_verbs import PREPOSITIONS, finite_forms

    if text[start:end] != "U":
        return False
    before = _WORD_AROUND.search(text, 0, start)
    after = _NEXT_WORD.match(text, end)
    if before is None or after is None or text[before.end(1) : start].strip():
        return False
    verb = finite_forms().get(after[1].lower())
    previous = before[1].lower()
    previous_verb = finite_forms().get(previous)
    return (
        verb is not None
        and "3" in verb.persons
        and previous not in _INSIDE_A_CLAUSE
        and previous not in PREPOSITIONS
        and not (previous_verb is not None and "3" in previous_verb.persons)
    )
