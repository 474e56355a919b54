"""One-click fixes that keep the sentence Dutch.

A replacement from a word list or a style rule is right for the word and can be wrong for the
sentence: LanguageTool's "om reden van" → "omdat" turns "dat het om reden van verkeersveiligheid
gewenst is" into "dat het omdat verkeersveiligheid gewenst is". Before a suggestion is offered as a
one-click fix, :func:`verify_fixes`

1. gives the right construction where the plain word needs one (:data:`CONSTRUCTIONS`: "om reden
   van X" → "vanwege X");
2. drops a plain word that means something else here (:data:`NOT_THE_SAME`: "onderscheidenlijk" is no
   "duidelijk"; "bij nader inzien" is no "bij later inzien") or does not fit the construction (a
   conjunction for a prepositional phrase, "niet verzekerd toen haar ziekmelding", or before "te" +
   infinitive; a preposition where an adjective stands, "het over gebruiksverbod");
3. puts the replacement into the sentence and runs the grammar rules and the spelling check again:
   a suggestion that makes a rule fire that did not fire on the original, or a word the dictionary
   does not know, is dropped.

A finding whose suggestions are all dropped keeps its advice without a one-click fix, and says why.
The model's opinion of the result (its score must not fall sharply) is added by the confusion
stage when a model is loaded (:func:`desktop.core.language.confusion.fix_candidates`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from desktop.core.findings import Category, Finding
from desktop.core.i18n import N_, _
from desktop.core.language.casing import case_like
from desktop.core.language.finite_verbs import DETERMINERS, PREPOSITIONS
from desktop.core.language.sentences import split_sentences

# Rule or word-list ids whose suggestion needs a different construction: (rule, pattern on the
# text from the finding's start, the replacement of the finding's own text, the advice).
CONSTRUCTIONS: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    # "om reden van X" is a preposition with a noun phrase: "vanwege X", never the conjunction "omdat".
    (
        "LT:OM_REDEN_VAN",
        re.compile(r"om reden van\b", re.IGNORECASE),
        "vanwege",
        N_("‘Om reden van’ is ambtelijk. Schrijf ‘vanwege’: ‘vanwege de verkeersveiligheid’ (‘omdat’ past hier "
           "niet: daarna moet een zin met een werkwoord volgen)."),
    ),
)
# Conjunctions cannot stand before "te" + infinitive ("voordat te beslissen"), nor take the place of a prepositional
# phrase, which governs a noun phrase ("niet verzekerd ten tijde van haar ziekmelding" → "toen haar ziekmelding").
CONJUNCTIONS = frozenset(
    ["omdat", "voordat", "zodat", "als", "wanneer", "nadat", "doordat", "terwijl", "hoewel", "toen", "zodra"]
)
_TE_INFINITIVE = re.compile(r"\s+te\s+\w+en\b")
# Coordinating conjunctions join clauses: as a plain word they fit only where a clause starts. The B1 list's own
# coordinating conjunctions are replaced by a plainer one wherever they stand ("klein doch fijn" → "klein maar fijn").
COORDINATORS = frozenset({"maar", "en", "want", "dus", "of"})
CONJUNCTION_TERMS = frozenset({"alsmede", "dan wel", "doch"})
# "dient te" → "moet" drops the "te" of a second infinitive it governs: "Het beroepschrift dient te zijn ondertekend
# en ten minste het volgende te bevatten" would become "moet zijn ondertekend en ... te bevatten".
_WITH_TE = re.compile(r"\w\s+te$")  # a verb with "te" ("dient te"), not the "te" of a place ("te Tilburg")
_COORDINATED_TE = re.compile(r"[^.;:]*?\sen\s[^.;:]*?\bte\s+\w+n\b", re.IGNORECASE)
_PREPOSITIONAL = re.compile(r"\b(?:van|tot|met|op|aan)$", re.IGNORECASE)
# Plain words that LanguageTool's officialese rules or the B1 list offer but that mean something else in government
# text, found by reading every one-click style fix on the 64 real letters and decisions in tests/data: the finding
# keeps its advice, without these as a fix. Keyed by the original in lower case.
NOT_THE_SAME: dict[str, frozenset[str]] = {
    "onderscheidenlijk": frozenset({"duidelijk"}),  # "respectively"
    "legitieme": frozenset({"wettelijke", "wettige"}),  # a legitimate aim need not be a statutory one
    "legitiem": frozenset({"wettelijk", "wettig"}),
    "leges": frozenset({"geld"}),  # a fee, not money in general ("kosten" stays)
    "principe": frozenset({"keuze"}),  # "uitgangspunt" stays
    "concrete": frozenset({"praktische", "duidelijke"}),
    "structureel": frozenset({"voortdurend"}),
    "compensatie": frozenset({"vergoeding"}),  # trees planted in return are no payment
    "procedure": frozenset({"werkwijze", "methode"}),  # a procedure at the court is no way of working
    "ondergetekende": frozenset({"ik", "bij mij"}),  # "is ondergetekende bevoegd": the verb would need "ben"
    "motie": frozenset({"politiek voorstel"}),  # a motion is a council's instrument, by its name
    "moties": frozenset({"politieke voorstellen"}),
    "ter zake van": frozenset({"in"}),
    # "om" + a noun phrase is no purpose: "maatregelen te treffen ten behoeve van de Wielerronde" (decision 129) →
    # "om de Wielerronde", chosen by the model in a B1 rule rewrite; "voor" stays
    "ten behoeve van": frozenset({"om"}),
}
# Fixed expressions a listed word is part of, where its plain word makes no sense: "bij nader inzien" is no "bij
# later inzien"; "alle feiten ... mede te delen" is the verb "mededelen", not "ook te delen".
_FIXED = (re.compile(r"\bbij\s+nader\s+inzien\b", re.IGNORECASE), re.compile(r"\bmede\s+te\s+delen\b", re.IGNORECASE))
# Words that open a clause of their own ("die hierboven staat"): with the determiners and prepositions, they cannot
# take an adjective's place ("de deze maand", "het over gebruiksverbod").
RELATIVE_STARTS = frozenset({"die", "dat", "wat", "welke"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Categories whose suggestions are checked: the corrections and the plainer words.
CHECKED = frozenset([Category.SPELLING, Category.GRAMMAR, Category.STYLE])
MAX_CHECKED_SUGGESTIONS = 3

GrammarCheck = Callable[[str], Sequence[tuple[str, str]]]  # text -> (rule, matched text) pairs
SpellCheck = Callable[[str], Iterable[tuple[int, int]]]  # text -> spans of unknown words


@dataclass(frozen=True)
class FixCheck:
    """What a suggestion is checked with: the grammar rules and the spelling check on a sentence."""

    grammar: GrammarCheck
    misspelt: SpellCheck


def constructed(finding: Finding, text: str) -> Finding:
    """``finding`` with the right construction as its suggestion where :data:`CONSTRUCTIONS` has one."""
    for rule, pattern, replacement, advice in CONSTRUCTIONS:
        if finding.rule == rule and pattern.match(text, finding.start):
            return replace(finding, suggestions=(case_like(replacement, finding.original),), message=_(advice))
    return finding


def adjective_place(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` stands where an adjective does: after an article or a determiner,
    ending in -e, and before a word that opens no phrase of its own ("het betreffende gebruiksverbod"; not "het
    ingevolge het Vuurwerkbesluit" or "Dit overeenkomstig artikel 24", where "het" and "Dit" are pronouns and the
    word a preposition)."""
    before = _WORD.findall(text[:start])
    after = _WORD.findall(text[end:])
    if not before or before[-1].lower() not in DETERMINERS or opens_phrase(text[start:end]):
        return False  # "dat het om reden van verkeersveiligheid": "om" is a preposition, "het" a pronoun
    if not text[start:end].lower().endswith("e"):
        return False  # after a determiner an adjective ends in -e: "Dit overeenkomstig artikel 24" has a preposition
    return not (after and opens_phrase(after[0]))


def opens_phrase(alternative: str) -> bool:
    """True for an alternative that opens a phrase of its own (an article, a determiner, a relative pronoun or a
    preposition: "deze", "die hierboven staat", "over"), which cannot take an adjective's place."""
    words = alternative.split()
    first = words[0].lower() if words else ""
    return first in DETERMINERS or first in RELATIVE_STARTS or first in PREPOSITIONS


def means_something_else(text: str, start: int, end: int, alternative: str) -> bool:
    """True when ``alternative`` means something else than ``text[start:end]`` here (:data:`NOT_THE_SAME`), or those
    words are part of a fixed expression (:data:`_FIXED`). The one-click fixes and the B1 rule rewrites both ask."""
    original = re.sub(r"\s+", " ", text[start:end].lower())
    if alternative.lower() in NOT_THE_SAME.get(original, frozenset()):
        return True
    return any(m.start() <= start and end <= m.end() for f in _FIXED for m in f.finditer(text))


def fits_in_place(text: str, start: int, end: int, alternative: str) -> bool:
    """Whether the plain word ``alternative`` can take the place of ``text[start:end]`` in its construction: no
    conjunction for a prepositional phrase ("niet verzekerd toen haar ziekmelding") or before "te" + infinitive; a
    coordinating conjunction only where a clause starts ("te Tilburg echter sterk wordt aangedrongen" is no "te
    Tilburg maar sterk ..."), unless it replaces one (:data:`CONJUNCTION_TERMS`: "de voorzitter dan wel het lid" →
    "of"); no verb without "te" for one with it when a second "te" + infinitive hangs on it ("dient te zijn
    ondertekend en ... te bevatten"); no word that opens a phrase where an adjective stands ("het over
    gebruiksverbod")."""
    original = re.sub(r"\s+", " ", text[start:end].lower())
    word = alternative.lower()
    if word in CONJUNCTIONS and (_TE_INFINITIVE.match(text, end) or _PREPOSITIONAL.search(original)):
        return False
    if word in COORDINATORS and original not in CONJUNCTION_TERMS:
        before = text[:start].rstrip()
        if before and before[-1] not in ",;:.!?":
            return False
    if _WITH_TE.search(original) and not _WITH_TE.search(word) and _COORDINATED_TE.match(text, end):
        return False
    return not (adjective_place(text, start, end) and opens_phrase(alternative))


def _wrong_construction(finding: Finding, suggestion: str, text: str) -> bool:
    """True when ``suggestion`` does not fit where ``finding`` stands: for a plainer word (a style finding) see
    :func:`fits_in_place`; for any finding, a conjunction before "te" + infinitive."""
    if finding.category is Category.STYLE:
        return not fits_in_place(text, finding.start, finding.end, suggestion)
    return suggestion.lower() in CONJUNCTIONS and bool(_TE_INFINITIVE.match(text, finding.end))


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    for sentence in split_sentences(text):
        if sentence.start <= start and end <= sentence.end:
            return sentence.start, sentence.end
    return 0, len(text)


def _broken(finding: Finding, suggestion: str, text: str, check: FixCheck, cache: dict[str, Counter[str]]) -> bool:
    """True when ``suggestion`` in place of ``finding`` means something else (:func:`means_something_else`), does not
    fit the construction (:func:`_wrong_construction`), or makes a new grammar finding or an unknown word."""
    if means_something_else(text, finding.start, finding.end, suggestion) or _wrong_construction(
        finding, suggestion, text
    ):
        return True
    first, last = _sentence_at(text, finding.start, finding.end)
    sentence = text[first:last]
    fixed = sentence[: finding.start - first] + suggestion + sentence[finding.end - first :]

    def rules(value: str) -> Counter[str]:
        if value not in cache:
            cache[value] = Counter(rule for rule, _matched in check.grammar(value))
        return cache[value]

    before, after = rules(sentence), rules(fixed)
    new = after - before
    new.pop(finding.rule, None)
    if new:
        return True
    start = finding.start - first
    stop = start + len(suggestion)
    return any(s < stop and start < e for s, e in check.misspelt(fixed))


def verify_fixes(findings: Sequence[Finding], text: str, check: FixCheck) -> list[Finding]:
    """The findings of one paragraph (``text``) with only the suggestions that keep the sentence right.

    A finding whose every suggestion breaks the sentence keeps its message (the advice) without a
    one-click fix, with a note that the sentence needs rewriting.
    """
    cache: dict[str, Counter[str]] = {}
    result = []
    for finding in findings:
        if not finding.suggestions or finding.category not in CHECKED or finding.group:
            result.append(finding)
            continue
        finding = constructed(finding, text)
        kept = tuple(
            s for s in finding.suggestions[:MAX_CHECKED_SUGGESTIONS] if not _broken(finding, s, text, check, cache)
        )
        if kept:
            result.append(replace(finding, suggestions=kept))
        elif all(
            means_something_else(text, finding.start, finding.end, s)
            for s in finding.suggestions[:MAX_CHECKED_SUGGESTIONS]
        ):
            note = _("Geen directe vervanging: de eenvoudiger woorden betekenen hier iets anders; kies zelf een "
                     "woord dat past.")
            result.append(replace(finding, suggestions=(), message=f"{finding.message} {note}"))
        else:
            note = _("Geen directe vervanging: met de suggestie klopt de zin niet meer; herschrijf de zin zelf.")
            result.append(replace(finding, suggestions=(), message=f"{finding.message} {note}"))
    return result
