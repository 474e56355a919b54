"""What LanguageTool's Dutch rules misread in real government text, and the matches left alone for it.

Each case was seen on real text (the Amsterdam corpus's tuning part, the real letters and decisions in
tests/data) and is described where its constant is defined; :class:`Misreadings` answers for one paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.language.house_rules import GLUED_START_RULES, RuleMatch, glued_sentence_start

# "de woningen verhuurt": a rule that looks up to three words past "wordt" for a participle written with t reads a
# coordinated clause with its own object ("die erfpachter wordt en de woningen verhuurt") as one; when "en", "of",
# "maar" or a comma and then a determiner stand in between, the match is dropped ("wordt ingepakt en verzendt"
# still gets "verzonden").
WORDT_PARTICIPLE_RULES = frozenset({"WORDT_OMHULT"})
_WORDT = re.compile(r"\bwordt\b", re.IGNORECASE)
_COORDINATION = re.compile(
    r"(?:,|\b(?:en|of|maar)\b)\s+(?:de|het|een|die|dit|deze|dat|zijn|haar|hun|ons|onze|uw|mijn)\b", re.IGNORECASE
)
# "kan een belanghebbende bezwaar maken" (Awb 6:4, 7:1; the Amsterdam corpus, tuning part: "mag een belanghebbende
# bezwaar indienen"): LanguageTool's EEN_LELIJKE_MEISJE reads "belanghebbende bezwaar" as adjective and het-noun ("een
# lelijk meisje") where the noun is the bare object of a remedy ("bezwaar maken", "beroep instellen"). Left alone
# before these nouns; "een minderjarige kind" is still reported.
ADJECTIVE_NOUN_RULES = frozenset({"EEN_LELIJKE_MEISJE"})
_BARE_REMEDY = re.compile(r"\s+(?:bezwaar|beroep|hoger\s+beroep|verzet|administratief\s+beroep)\b", re.IGNORECASE)
# "RBB Groep": an acronym before a capitalised word is a name, not a compound that needs a hyphen.
ACRONYM_COMPOUND_RULES = frozenset({"XXX_DING"})
# Rules whose match at the very start of a paragraph is a list item, not an error: in Dutch
# decisions every "dat ..." of a considerans and every "gelet op ..." is its own paragraph. The start is after a
# bullet or a list marker ("a. het verzekeren van de veiligheid op de weg;", "1a. het …", "b) de …": the
# Wegenverkeerswet's aims as decisions list them; the sentence splitter reads "a." as a sentence of its own).
PARAGRAPH_START_EXEMPT = frozenset({"UPPERCASE_SENTENCE_START"})
_PARAGRAPH_LEAD = re.compile(r"[\s\-–•*\"'‘“(]*(?:(?:\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})[.)]\s+)?")
# An initial in brackets is no sentence end: anonymised rulings and letters write a person as "[C.]", and
# LanguageTool's sentence splitter ends a sentence at "[C.] ([C.])" ("via uitzendbureau [C.] ([C.]) werkzaam is
# geweest", real ruling 019 in tests/data/letters). "J. de Vries" it reads right on its own.
_INITIAL_IN_BRACKETS = re.compile(r"(?<![\w.])[A-Z]\.[\])]{1,2}\s+$")
# A word written with spaces between its letters is a heading of a decision ("b e s l u i t e n:"); LanguageTool reads
# its letters as words ("t" → "het").
_LETTER_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){3,}[^\W\d_](?![^\W\d_])")
# "1 den met een diameter van 20-25 cm" (a real felling permit, letter 010): after a number or a determiner "den" is
# the tree, not the old article LanguageTool's DEN asks to write as "de".
TREE_RULES = frozenset({"DEN"})
_TREE_BEFORE = re.compile(r"(?:\b\d+|\b(?:een|de|die|deze|elke|iedere|geen))\s+$", re.IGNORECASE)
_ARTICLE_AND_NAME = re.compile(r"((?:[Dd]e|[Hh]et))\s+[A-Z]")
# "M.D.F. de Moor" (a real ruling, letter 024): after initials a Dutch surname's "de" or "van" is written in lower case;
# LanguageTool's case rules for surnames (NL_CHECKCASE_DE_MOOR) ask for a capital, which is right only without them.
CHECKCASE_PREFIX = "NL_CHECKCASE_"
TUSSENVOEGSELS = frozenset({"de", "den", "der", "van", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le"})
_INITIALS_BEFORE = re.compile(r"\b(?:[A-Z]\.){1,5}\s+$")
# "op grond van artikel …" is the legal-basis formula a decision must contain (Awb 3:47, checked by the
# review); LanguageTool's officialese rule for "op grond van" stays for every other use. Its only fix,
# "vanwege", names a cause, not a legal basis: "Belanghebbenden kunnen vanwege hoofdstuk 6 van de Algemene wet
# bestuursrecht een bezwaarschrift indienen" (a real decision, 129) says something else. Before a law, a part of
# one ("hoofdstuk 6", "afdeling 3.4", "het eerste lid"), a regulation or a decision (also "het geldende
# mandaatbesluit", "deze wetten", "de Awb") the rule is left out.
LEGAL_BASIS_RULES = frozenset({"OP_GROND_VAN"})
LEGAL_BASIS_FOLLOWS = re.compile(
    r"\s+(?:(?:de|het|deze|dit|die)\s+)?(?:\w+e\s+)?"
    r"(?:artikel|artikelen|art\.|hoofdstuk|afdeling|titel|paragraaf|§|lid\b|\w*wet(?:ten)?\b|\w*verordening(?:en)?\b"
    r"|\w*besluit(?:en)?\b|\w*regeling(?:en)?\b|(?:awb|apv|wabo|wmo|woo|wob|wro|brp)\b)",
    re.IGNORECASE,
)


class Misreadings:
    """What LanguageTool misreads in one paragraph's text: worked out once per paragraph, asked per match."""

    def __init__(self, text: str) -> None:
        self.text = text
        opening = _PARAGRAPH_LEAD.match(text)
        self.lead = opening.end() if opening else 0  # where the text starts, after a bullet or list marker
        self.letter_spaced = [m.span() for m in _LETTER_SPACED.finditer(text)]

    def misreads(self, match: RuleMatch) -> bool:
        """True when ``match`` misreads its context. Each case is described where its constant is defined."""
        text, lead = self.text, self.lead
        rule, start, end = match.rule_id, match.start, match.end
        original = text[start:end]
        return (
            (rule in WORDT_PARTICIPLE_RULES and _coordinated(text, start))
            or (rule in PARAGRAPH_START_EXEMPT and (start <= lead or bool(_INITIAL_IN_BRACKETS.search(text, 0, start))))
            or (rule in LEGAL_BASIS_RULES and LEGAL_BASIS_FOLLOWS.match(text, end) is not None)
            or (rule in GLUED_START_RULES and glued_sentence_start(text, start, end))
            or (rule in ADJECTIVE_NOUN_RULES and _BARE_REMEDY.match(text, end) is not None)
            or (rule in ACRONYM_COMPOUND_RULES and original.split()[-1][:1].isupper())
            or any(s <= start and end <= e for s, e in self.letter_spaced)
            or (rule in TREE_RULES and _TREE_BEFORE.search(text, 0, start) is not None)
            or _article_of_a_name(original, match.suggestions)
            or (
                rule.startswith(CHECKCASE_PREFIX)
                and original.split()[0] in TUSSENVOEGSELS
                and _INITIALS_BEFORE.search(text, 0, start) is not None
            )
        )


def _article_of_a_name(original: str, suggestions: Sequence[str]) -> bool:
    """True for "het Hertenkamp" → "de Hertenkamp": a capitalised noun after its article is a name, and a name
    takes the article its bearers give it (a real decision in tests/data/decisions, 121)."""
    found = _ARTICLE_AND_NAME.match(original)
    if found is None or not suggestions:
        return False
    article, rest = found.group(1).lower(), original[found.end(1) :]
    return all(
        _ARTICLE_AND_NAME.match(s) is not None and s.split()[0].lower() != article and s[len(s.split()[0]) :] == rest
        for s in suggestions
    )


def _coordinated(text: str, start: int) -> bool:
    """True when the last "wordt" before ``start`` is followed, before ``start``, by "en", "of", "maar" or a comma
    and a determiner: the word at ``start`` belongs to a clause of its own."""
    wordt = [m.end() for m in _WORDT.finditer(text, 0, start)]
    return bool(wordt) and _COORDINATION.search(text, wordt[-1], start) is not None
