"""De or het: the article a noun takes, from a noun lexicon, and a check of "de/het/deze/dit + noun".

The embedded model is weak on the gender of nouns (it preferred "de" in "het voormalige
speelterreintje" by 6.5 nats). A lexicon knows: ``resources/wordlists/lidwoorden.tsv`` (built by
scripts/build_noun_genders.py from LanguageTool's Dutch dictionary, CC BY 3.0 or BSD) lists the
article of Dutch singular nouns; a compound takes the article of its last part, and the list leaves
out compounds whose longest listed ending gives their article (:meth:`NounGenders.article`).
Diminutives (-je, -tje, -pje, -etje, -kje) always take "het".

:class:`ArticleChecker` finds the noun after a definite article or demonstrative (skipping inflected
adjectives: "het voormalige speelterreintje") and reports an article that does not fit it. "Het" and
"dit" can also be pronouns ("omdat het regent"): after them a noun that is also a verb or an
adjective form (marked in the lexicon) is left to the model (the confusion stage), which also gives
its second opinion on every finding of this check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.compounds import FUNCTION_WORDS
from desktop.core.language.wordlists import read_lines, shipped_wordlists_dir

GENDERS_FILE = "lidwoorden.tsv"
RULE = "LIDWOORD"
MIN_ENDING = 3
LINKERS = ("", "s", "en", "e")
# Fronts of a noun that are no word on their own: aan|vraag, ver|gunning, be|sluit.
PREFIXES = frozenset(
    ["aan", "af", "be", "bij", "door", "er", "ge", "her", "in", "mee", "na", "om", "on", "ont", "onder", "op", "over",
     "te", "toe", "uit", "ver", "voor", "weer", "weg"]
)  # fmt: skip
DIMINUTIVE = re.compile(r"(?:[^aeiou]je|tje|pje|kje|etje)$")
TWIN = {"de": "het", "het": "de", "deze": "dit", "dit": "deze"}
WANTED = {"de": "de", "deze": "de", "het": "het", "dit": "het"}
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S")
# Words between the article and its noun that are no inflected adjective: "het zeer grote huis".
# A noun the lexicon knows only by its last part (a compound it does not list) is probably right.
GUESSED_CONFIDENCE = 0.8
# Verbs with a predicate after their object: after them "het"/"dit" is the object, a pronoun, and the noun that
# follows is no noun of it ("Wij vinden het tijd voor ...", "Ik noem dit onzin").
PREDICATE_VERBS = frozenset({
    "vind", "vindt", "vinden", "vond", "vonden", "acht", "achten", "achtte", "achtten", "noem", "noemt", "noemen",
    "noemde", "noemden", "houd", "houdt", "houden", "hield", "hielden",
})  # fmt: skip
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
# Determiners never follow an article: before one, "het" or "dit" is a pronoun.
_DETERMINERS = frozenset(
    ["mijn", "jouw", "je", "zijn", "haar", "ons", "onze", "uw", "hun", "jullie", "elk", "elke", "ieder", "iedere",
     "welk", "welke", "geen", "enkele", "sommige", "alle", "beide", "dat", "die", "deze", "dit", "een"]
)  # fmt: skip
_ADVERBS = frozenset(["zeer", "heel", "erg", "nog", "meest", "minst", "steeds", "veel", "te", "zo", "al", "ook"])
# Words before the noun that hunspell gives no adjective tag: ordinals, "eigen" and a few determiners
# ("het eerste plan", "het eigen huis").
_ORDINALS = frozenset(
    ["eigen", "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
     "elfde", "twaalfde", "twintigste", "honderdste", "zelfde", "eerstvolgende", "laatstgenoemde", "eerstgenoemde"]
)  # fmt: skip
# Hunspell's tags of a word that stands before a noun inflected: an adjective (groene), a superlative (grootste),
# a participle (geldende, volgende, vastgestelde).
_INFLECTED = ("ts:AJe", "ts:AJse", "ts:VBpe", "ts:PPe")


def ending_of(form: str, listed: Container[str], is_word: Callable[[str], bool]) -> str | None:
    """The longest listed noun that ends ``form`` (at least 3 letters) whose front is a word (after taking
    off a linking s, e or en) or a prefix: verkeer|s|besluit, aan|vraag, ver|gunning; not aanvra|gen."""
    for start in range(1, len(form) - MIN_ENDING + 1):
        ending = form[start:]
        if ending not in listed:
            continue
        head = form[:start]
        if head in PREFIXES or any(
            head.endswith(linker) and len(head) - len(linker) >= MIN_ENDING and is_word(head[: len(head) - len(linker)])
            for linker in LINKERS
        ):
            return ending
    return None


@dataclass(frozen=True)
class Gender:
    """A noun's article ("de", "het" or "beide"), whether that came from the word itself or its last part
    (``listed``), and whether the form is also a verb or adjective form (``ambiguous``)."""

    article: str
    listed: bool
    ambiguous: bool


class NounGenders:
    """The noun lexicon (see the module docstring).

    ``analyse`` gives hunspell's analyses of a word (:meth:`~desktop.core.language.spelling.SpellChecker.analyses`)
    and ``is_word`` whether the dictionary accepts it: a word hunspell has as a single word is a singular
    noun only when the lexicon lists it (the lexicon keeps every such noun); any other word (a compound,
    an unknown word) gets the article of its ending (:func:`ending_of`). Without them only listed nouns
    are known.
    """

    def __init__(
        self,
        table: dict[str, tuple[str, bool]],
        analyse: Callable[[str], tuple[str, ...]] | None = None,
        is_word: Callable[[str], bool] | None = None,
    ) -> None:
        self._table = table
        self._analyse = analyse
        self._is_word = is_word

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        analyse: Callable[[str], tuple[str, ...]] | None = None,
        is_word: Callable[[str], bool] | None = None,
    ) -> NounGenders:
        """The shipped ``resources/wordlists/lidwoorden.tsv`` (or ``path``)."""
        table: dict[str, tuple[str, bool]] = {}
        for line in read_lines(path or shipped_wordlists_dir() / GENDERS_FILE):
            parts = line.split("\t")
            if len(parts) >= 2:
                table[parts[0]] = (parts[1], len(parts) > 2 and parts[2] == "*")
        return cls(table, analyse, is_word)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, noun: object) -> bool:
        """True when ``noun`` itself (not only an ending of it) is listed."""
        return isinstance(noun, str) and noun.lower() in self._table

    def analyses(self, word: str) -> tuple[str, ...]:
        """Hunspell's analyses of ``word`` (() without a dictionary)."""
        return self._analyse(word) if self._analyse is not None else ()

    def gender(self, noun: str) -> Gender | None:
        """The article of ``noun`` (a singular noun), or None when the lexicon cannot tell."""
        lower = noun.lower()
        if DIMINUTIVE.search(lower) and len(lower) > 4:
            return Gender("het", True, False)
        exact = self._table.get(lower)
        if exact is not None:
            return Gender(exact[0], True, exact[1])
        front, _hyphen, last = lower.rpartition("-")
        if front and last in self._table:
            return Gender(self._table[last][0], False, False)
        if self._is_word is None or not self._is_word(lower) or stored_single_word(self.analyses(lower)):
            # a misspelt word ("bessluit") has no article; a word hunspell has of its own and the lexicon
            # does not list is no singular noun
            return None
        ending = ending_of(last, self._table, self._is_word)
        return Gender(self._table[ending][0], False, False) if ending is not None else None

    def article(self, noun: str) -> str | None:
        """"de", "het" or "beide" for ``noun``, or None when the lexicon cannot tell."""
        found = self.gender(noun)
        return found.article if found is not None else None


def stored_single_word(analyses: Sequence[str]) -> bool:
    """True when hunspell's analyses show it has the word as one word of its own (a stem, no compound parts)."""
    return bool(analyses) and not any("pa:" in analysis for analysis in analyses)


def head_tags(analyses: Sequence[str]) -> str:
    """The tags (``ts:``) hunspell gives the word as a whole: of a compound those of its last part only
    (" pa:cliënten st:cliënt ts:NN2 pa:raad" is no plural: the tag belongs to "cliënten")."""
    tags = []
    for analysis in analyses:
        fields = analysis.split()
        last_part = max((i for i, f in enumerate(fields) if f.startswith("pa:")), default=-1)
        tags += [f for f in fields[last_part + 1 :] if f.startswith("ts:")]
    return " ".join(tags)


@dataclass(frozen=True)
class ArticleMatch:
    """An article (offsets into the text) and the noun it belongs to, with the noun's gender."""

    start: int
    end: int
    article: str
    noun: str
    gender: Gender
    next_word: str = ""  # the lower-case word one space after the noun, if any ("concept planning": "planning")


@dataclass(frozen=True)
class Phrase:
    """The head of the phrase after an article: the word, whether it is only a plural noun, and the lower-case
    word one space after it (empty when there is none)."""

    word: str
    plural: bool
    next_word: str = ""


def _after_a_digit(text: str, start: int) -> bool:
    """True when the word at ``start`` is glued to a number: the "de" of "het 2de tbc-onderzoek" is an ordinal's
    ending, no article."""
    return start > 0 and text[start - 1].isdigit()


class ArticleChecker:
    """Reports "de/het/deze/dit + noun" where the noun takes the other article (category grammar)."""

    name = "lidwoorden"

    def __init__(self, genders: NounGenders) -> None:
        self.genders = genders

    def matches(self, text: str) -> Iterator[ArticleMatch]:
        """Every definite article or demonstrative in ``text`` whose noun the lexicon knows."""
        tokens = list(_TOKEN.finditer(text))
        for index, match in enumerate(tokens):
            article = match.group().lower()
            if article not in TWIN or _after_a_digit(text, match.start()):
                continue
            phrase = self.phrase(tokens, index + 1)
            if phrase is None or phrase.plural:
                continue
            noun = phrase.word
            gender = self.genders.gender(noun)
            if gender is not None:
                yield ArticleMatch(match.start(), match.end(), match.group(), noun, gender, phrase.next_word)

    def fits(self, match: ArticleMatch) -> bool:
        """True when ``match``'s article fits its noun, or the compound the noun makes with the next word.

        "De concept planning" (real letter 016) is a compound written apart whose article is right (de
        conceptplanning): "het concept" would be the wrong fix, and the split is the spelling checks' finding."""
        wanted = WANTED[match.article.lower()]
        if match.gender.article in ("beide", wanted):
            return True
        joined = self.genders.gender(match.noun + match.next_word) if match.next_word else None
        return joined is not None and joined.article in ("beide", wanted)

    def plurals(self, text: str) -> dict[int, str]:
        """Start of every article in ``text`` whose phrase ends in a word that can only be a plural noun, with
        the article ("de bewoners" is right; "het bewoners" is no article with a plural, or "het" is a pronoun:
        "dat het kosten met zich meebrengt"; the model judges those)."""
        tokens = list(_TOKEN.finditer(text))
        found = {}
        for index, match in enumerate(tokens):
            if match.group().lower() in TWIN and not _after_a_digit(text, match.start()):
                phrase = self.phrase(tokens, index + 1)
                if phrase is not None and phrase.plural:
                    found[match.start()] = match.group().lower()
        return found

    def phrase(self, tokens: list[re.Match[str]], index: int) -> Phrase | None:
        """The noun of the phrase starting at ``tokens[index]``, past adverbs, ordinals and inflected adjectives
        (hunspell's "ts:AJe", "ts:VBpe", ...): a singular noun, or a word that can only be a plural noun
        (``plural``); None at a verb form or anything else."""
        for position in range(index, min(index + 4, len(tokens))):
            word = tokens[position].group()
            if not word.replace("-", "").isalpha() or not word.islower() or word in FUNCTION_WORDS:
                return None
            if word in _DETERMINERS:
                return None  # "vinden we het onze plicht" (real letter 015): no article before a determiner
            following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            if following == "-" and tokens[position + 1].start() == tokens[position].end():
                return None  # "het bron- en contactonderzoek": the noun comes later
            if word in _ADVERBS or word in _ORDINALS:
                continue
            analyses = self.genders.analyses(word)
            tags = head_tags(analyses)
            listed = word in self.genders
            if any(tag in tags for tag in _INFLECTED):
                noun = self.genders.gender(following) if following.isalpha() and following.islower() else None
                if not listed or (noun is not None and not noun.ambiguous):
                    continue  # "de gemiddelde bouwhoogte": an adjective before the noun (not "de weergave dicht")
            if "ts:NN2" in tags:
                # a plural takes "de" whatever its gender; only a form that is nothing else is a plural for sure
                only = not listed and all(
                    "ts:NN2" in head_tags([a]) or ("ts:" not in a and f"st:{word} " not in f"{a} ") for a in analyses
                )
                return Phrase(word, True) if only else None
            if "ts:VB" in tags and not listed:
                return None  # a verb form is no noun
            apart = position + 1 < len(tokens) and tokens[position + 1].start() == tokens[position].end() + 1
            return Phrase(word, False, following if apart and following.isalpha() and following.islower() else "")
        return None

    def check(self, paragraph_id: str, text: str) -> Iterator[Finding]:
        """A finding for every article that does not fit its noun (not after "het/dit" + a verb-like noun)."""
        for match in self.matches(text):
            wanted = WANTED[match.article.lower()]
            if self.fits(match):
                continue
            if wanted == "het" and match.gender.ambiguous:
                continue  # "omdat het regent": het may be a pronoun; the model judges these
            previous = _PREVIOUS_WORD.search(text[: match.start])
            if wanted == "het" and previous is not None and previous[1].lower() in PREDICATE_VERBS:
                continue  # "Wij vinden het tijd": het is a pronoun
            twin = TWIN[match.article.lower()]
            twin = twin[:1].upper() + twin[1:] if match.article[:1].isupper() else twin
            yield Finding(
                paragraph=paragraph_id,
                start=match.start,
                end=match.end,
                original=match.article,
                category=Category.GRAMMAR,
                rule=RULE,
                source=Source.WORDLIST,
                message=_("Bij ‘{noun}’ hoort ‘{article}’: {example}.").format(
                    noun=match.noun, article=WANTED[twin.lower()], example=f"{WANTED[twin.lower()]} {match.noun}"
                ),
                suggestions=(twin,),
                confidence=1.0 if match.gender.listed else GUESSED_CONFIDENCE,
            )

    def joined_first(self, finding: Finding) -> Finding:
        """``finding`` (a rule's) with the suggestion that writes a compound as one word first, where the article
        before the compound, inside the finding, fits it: on "de herstel periode" LanguageTool offers "de
        herstelperiode" and "het herstel periode", and the model, weak on gender, preferred the second; the lexicon
        knows "herstelperiode" takes "de", so the article is right and the split is the error (as :meth:`fits` reads
        it: real letter 016, "De concept planning")."""
        for suggestion in finding.suggestions[1:]:
            space = _removed_space(finding.original, suggestion)
            if space is None:
                continue
            start = end = space
            while start > 0 and suggestion[start - 1].isalpha():
                start -= 1
            while end < len(suggestion) and suggestion[end].isalpha():
                end += 1
            previous = _PREVIOUS_WORD.search(suggestion[:start])
            if previous is None or previous[1].lower() not in WANTED:
                continue
            gender = self.genders.gender(suggestion[start:end].lower())
            if gender is not None and gender.article in ("beide", WANTED[previous[1].lower()]):
                others = tuple(s for s in finding.suggestions if s != suggestion)
                return replace(finding, suggestions=(suggestion, *others))
        return finding


def _removed_space(original: str, suggestion: str) -> int | None:
    """Where ``suggestion`` is ``original`` with one space between two letters taken out: that space's index."""
    if len(suggestion) != len(original) - 1:
        return None
    for i in range(1, len(original) - 1):
        if original[i] == " " and original[i - 1].isalpha() and original[i + 1].isalpha() and (
            original[:i] + original[i + 1 :] == suggestion
        ):
            return i
    return None
