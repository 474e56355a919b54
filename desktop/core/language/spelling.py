"""Spelling: the OpenTaal hunspell dictionary plus the organisation's and the user's word lists.

Plain hunspell flags much of what a civil servant writes correctly: names, acronyms, case
numbers, amounts, legal references. :func:`skipped_spans` finds those first; only the words
outside them are looked up. Looking a word up is fast (a cache in front of hunspell); hunspell's
own suggestions are slow (~0.3 s a word), so a finding carries quick suggestions (every
dictionary word one edit away plus the classic Dutch confusions ei/ij, au/ou, d/t/dt), and
:meth:`SpellChecker.suggest` gives hunspell's full list, cached, when the user asks for more.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import hunspell

from desktop.core import paths
from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.casing import case_like
from desktop.core.language.compounds import CompoundAnalyser
from desktop.core.language.names import REASONS, DocumentNames
from desktop.core.language.wordlists import PersonalWordList, ProtectedTerms, normalise

DICTIONARY_NAME = "nl_NL"
RULE = "OPENTAAL_SPELLING"
COMPOUND_TYPO_RULE = "SAMENSTELLING_TIKFOUT"
SPLIT_COMPOUND_RULE = "SAMENSTELLING_LOS"
NAME_RULE = "NAAM_UIT_DOCUMENT"
# A name from the document is probably right: shown as doubtful, with "add to the word list".
NAME_CONFIDENCE = 0.3
# A word in a title or written with capitals is a name unless it is one edit from a common word.
WEAK_NAME_REASONS = frozenset(["titel", "terugkerend"])
# A split suggestion ("rijks waterstaatswerken") is offered only when both words are this common
# and at least this long: "Ger do" for a name is no help.
SPLIT_PART_ZIPF = 3.0
SPLIT_PART_LENGTH = 3
MAX_SUGGESTIONS = 5
# A noun ending in an unstressed -el, -em or -er, or in -je, takes -s for its plural (tafels, bezems, kapels): the
# plural of a word the dictionary has is a word, whether or not the dictionary lists it.
PLURAL_S_ENDINGS = ("el", "em", "er", "je")
# The diaeresis and accents Dutch writes on a vowel, which a hurried writer leaves out (coördinator, creëren, één).
_MARKED_VOWELS = {"a": "á", "e": "ëéè", "i": "ïí", "o": "öó", "u": "üú"}
# Longer words (mostly compounds) get no letter insertions or replacements: hunspell is slow on
# long compounds, and their typos are mostly a missing, doubled or swapped letter.
MAX_EDITED_LENGTH = 16

_LETTER = r"[^\W\d_]"
_ALPHABET = "abcdefghijklmnopqrstuvwxyzéëïöüèáóê"

# Spans that are never words to look up. Order does not matter; overlaps are fine.
_SKIP_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE | re.VERBOSE)
    for pattern in (
        r"\b(?:https?://|www\.)\S+",  # URLs
        r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",  # e-mail addresses
        r"\b(?:[a-z0-9-]+\.)+(?:nl|be|eu|com|org|net|info|frl)\b(?:/\S*)?",  # bare domains: duo.nl
        r"\[[^\]\n]{1,60}\]",  # placeholders: [NAME], [huisnummer]
        r"\b\d{4}\s?[A-Z]{2}\b",  # postcodes: 1011 AB
        r"€\s?[\d.,]+-?|\b\d[\d.,]*\s?(?:euro|EUR)\b",  # amounts
        r"\b\d+[\d.,:/-]*\d*\b",  # numbers, dates, times, article numbers
        # kenmerken and case numbers: Z2024-001234, FF/75C/2014/0319.toek.rr
        r"\b(?=[\w./-]*\d)[\w]+(?:[./-][\w]+)+\b\.?",
        r"\b(?:artikel|art\.|artikelen)\s+[\d:.]+[a-z]?(?:\s*(?:,|en|lid|onder|sub)\s*[\d\w:.]+){0,6}",
        r"\bECLI:[A-Z]{2}:[A-Z]+:\d{4}:[A-Z0-9]+\b",  # court rulings
    )
)

_TOKEN = re.compile(
    rf"""
    -?{_LETTER}+(?:['’]{_LETTER}+)*     # a word, with apostrophes: auto's, zo'n
    (?:-{_LETTER}+(?:['’]{_LETTER}+)*)*   # hyphenated parts: Noord-Beveland, e-mail
    -?                                    # elliptic compounds: verpleeg- en zorginstellingen
    (?:\.(?:{_LETTER}{{1,4}}\.)*)?        # a closing dot, or an abbreviation: d.d., i.v.m.
    """,
    re.VERBOSE,
)
# The word one space after or before a word (for a compound written apart: "bestemmings plan").
_NEXT_WORD = re.compile(rf" ({_LETTER}{{3,}})\b")
_PREVIOUS_WORD = re.compile(rf"\b({_LETTER}{{3,}}) $")
# A compound with an optional part in brackets: bestemmings(vracht)verkeer, (brom)fietsen, fiets(en)stalling.
_BRACKETED = re.compile(rf"({_LETTER}*)\(({_LETTER}+)\)({_LETTER}*)")
_OPENERS = "\"'‘“(*•–- \t"
_NAME_SUFFIXES = (
    "laan", "weg", "straat", "plein", "singel", "dreef", "kade", "gracht", "park", "hof", "dijk",
    "pad", "steeg", "markt", "wijk", "polder", "berg", "dam",
)  # fmt: skip


def skipped_spans(text: str, protected: ProtectedTerms | None = None) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans that the spelling check never looks at."""
    spans = [m.span() for pattern in _SKIP_PATTERNS for m in pattern.finditer(text)]
    if protected is not None:
        spans.extend(protected.spans(text))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _at_sentence_start(text: str, start: int) -> bool:
    """True at the start of the text, of a line, of a list item or after . ! ? : ;"""
    position = start
    while position > 0 and text[position - 1] in _OPENERS:
        position -= 1
    return position == 0 or text[position - 1] in ".!?:;\n\r"


def default_dictionary_dir() -> Path:
    """resources/dictionaries: the shipped OpenTaal files nl_NL.aff and nl_NL.dic."""
    return paths.resources_dir() / "dictionaries"


class SpellChecker:
    """Checks one paragraph's words against OpenTaal and the word lists."""

    name = "spelling"

    def __init__(
        self,
        dictionary_dir: Path,
        organisation_words: Iterable[str] = (),
        personal: PersonalWordList | None = None,
        protected: ProtectedTerms | None = None,
    ) -> None:
        aff, dic = dictionary_dir / f"{DICTIONARY_NAME}.aff", dictionary_dir / f"{DICTIONARY_NAME}.dic"
        if not aff.is_file() or not dic.is_file():
            raise FileNotFoundError(
                _("Het spellingwoordenboek ontbreekt in {folder}.").format(folder=dictionary_dir)
            )
        self._hunspell = hunspell.Hunspell(DICTIONARY_NAME, hunspell_data_dir=str(dictionary_dir))
        self._organisation = frozenset(normalise(w) for w in organisation_words)
        self._personal = personal
        self._protected = protected
        self._known: dict[str, bool] = {}
        self._lock = threading.Lock()  # hunspell handles are not thread-safe
        self._quick = lru_cache(maxsize=4096)(self._rank)
        self._full = lru_cache(maxsize=2048)(self._hunspell_suggest)
        self.compounds = CompoundAnalyser(self._spell)
        self._analyse = lru_cache(maxsize=16384)(self._hunspell_analyse)

    # -- looking words up -------------------------------------------------------------------------

    def _spell(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            with self._lock:
                known = self._hunspell.spell(word)
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[word] = known
        return known

    def _listed(self, word: str) -> bool:
        word = normalise(word)
        lower = word.lower()
        for candidate in {word, lower, lower[:1].upper() + lower[1:]}:
            if candidate in self._organisation:
                return True
            if self._personal is not None and candidate in self._personal:
                return True
        return False

    def in_dictionary(self, word: str) -> bool:
        """True when the dictionary or a word list has ``word`` itself; unlike :meth:`is_correct`, no guess that it
        is a compound (a made-up name such as "Dientelord" would pass as dient + e + lord)."""
        word = normalise(word).replace("’", "'")
        return self._listed(word) or self._spell(word)

    def is_correct(self, word: str) -> bool:
        """True when the dictionary or a word list accepts ``word`` (as written), or it is a compound of
        known words; False for a typo that only reads as a compound (bessluit: see :meth:`compound_typo`)."""
        if self._listed(normalise(word).replace("’", "'")):
            return True
        if self.in_dictionary(word):
            return not self.compound_typo(word)
        word = normalise(word).replace("’", "'")
        if "-" in word.strip("-"):
            parts = [p for p in word.split("-") if p]
            return all(p[:1].isupper() or self._listed(p) or self._spell(p) for p in parts)
        bare = word.strip("-")
        if bare != word:  # verpleeg- en zorginstellingen, voortplantings- of rustplaatsen, -fiets
            return self._spell(bare) or (bare.endswith("s") and self._spell(bare[:-1]))
        if word.endswith("s") and word[:-1].lower().endswith(PLURAL_S_ENDINGS) and self._spell(word[:-1]):
            return True  # "3 blaaskapels" (a real decision): OpenTaal has the noun, not every plural of it
        return self._is_compound(word)

    def _is_compound(self, word: str) -> bool:
        """A compound of known words that OpenTaal does not list (verzetschrift, rijkswaterstaatswerken),
        unless it looks like a typo of a more common word (see :class:`CompoundAnalyser`)."""
        return self.compounds.parts(word) is not None and not self.compound_typo(word)

    def compound_typo(self, word: str) -> tuple[str, ...]:
        """Corrections when ``word`` is accepted only as a compound and looks like a typo (bessluit → besluit,
        beddrijven → bedrijven); () for a word OpenTaal lists on its own or a sensible compound."""
        word = normalise(word).replace("’", "'")
        if self._listed(word) or not word.isalpha():
            return ()
        parts: tuple[str, ...] | None = None
        if self._spell(word):
            parts = self._hunspell_parts(word)
            if parts == ():
                return ()  # hunspell has it as a single word
        elif self.compounds.parts(word) is None:
            return ()  # an unknown word that does not read as a compound: an ordinary spelling finding
        typo = self.compounds.typo(word.lower(), parts)
        if not typo and parts is None and not self._spell(word):
            typo = self.compounds.slips(word)  # verkiezingsdaggen → verkiezingsdagen
        return tuple(case_like(c, word) for c in typo)

    def analyses(self, word: str) -> tuple[str, ...]:
        """Hunspell's morphological analyses of ``word`` (OpenTaal's: " st:stem ts:NN2" for a plural noun,
        "ts:AJe" an inflected adjective, "ts:VB3" a verb form, "pa:" a compound part); () for an unknown word."""
        return self._analyse(word)

    def _hunspell_analyse(self, word: str) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._hunspell.analyze(word))

    def _hunspell_parts(self, word: str) -> tuple[str, ...] | None:
        """The parts of hunspell's compound reading of ``word`` (lower case); () when hunspell has it as a single
        word; None when its analysis says nothing."""
        analyses = self.analyses(word)
        for analysis in analyses:
            parts = tuple(field[3:].lower() for field in analysis.split() if field.startswith("pa:"))
            if len(parts) >= 2:
                return parts
        return () if analyses else None

    # -- checking ---------------------------------------------------------------------------------

    def _bracketed_compounds(self, text: str) -> list[tuple[int, int]]:
        """Spans of compounds with an optional part in brackets, "bestemmings(vracht)verkeer", whose readings
        with and without that part are both correct: the bracket splits no word."""
        spans = []
        for match in _BRACKETED.finditer(text):
            head, inner, tail = match.group(1), match.group(2), match.group(3)
            if (head or tail) and self.is_correct(head + inner + tail) and self.is_correct(head + tail):
                spans.append(match.span())
        return spans

    def misspelt(self, text: str) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` of every word in ``text`` that the check reports."""
        skipped = skipped_spans(text, self._protected)
        if "(" in text:
            skipped = _merged(skipped + self._bracketed_compounds(text))
        tokens = list(_TOKEN.finditer(text))
        capitalised_mid_sentence = {
            m.group().rstrip(".")
            for m in tokens
            if m.group()[:1].isupper() and not _at_sentence_start(text, m.start())
        }
        cursor = 0
        for index, match in enumerate(tokens):
            start, end = match.span()
            while cursor < len(skipped) and skipped[cursor][1] <= start:
                cursor += 1
            if cursor < len(skipped) and skipped[cursor][0] < end:
                continue
            word, end = self._word(match.group(), start)
            if not word or self._ignored(word, text, start, tokens, index, capitalised_mid_sentence):
                continue
            if not self.is_correct(word):
                yield start, end

    def _word(self, token: str, start: int) -> tuple[str, int]:
        """The word to look up and where it ends: a closing dot is kept only for abbreviations."""
        if token.endswith(".") and not self._spell(token) and not self._listed(token):
            token = token[:-1]
            if "." in token:  # i.v.m, t.h.v: an abbreviation the dictionary does not know
                return "", start
        return token, start + len(token)

    def _ignored(
        self,
        word: str,
        text: str,
        start: int,
        tokens: list[re.Match[str]],
        index: int,
        capitalised_mid_sentence: set[str],
    ) -> bool:
        bare = word.strip("-")
        if len(bare) < 2 or "." in word.rstrip("."):
            return len(bare) < 2
        if any(c.isupper() for c in bare[1:]):  # acronyms and brands: AWBZ, DigiD, vanAnaarBeter
            return True
        if index and bare.islower() and text[tokens[index - 1].end() : start] == " ":
            previous = tokens[index - 1].group()
            if previous[:1].isupper() and not self.is_correct(previous):
                return True  # the second half of a name: Pipistrellus nathusii
        if bare[:1].isupper():
            if self._common_word_slip(bare):
                return False  # "Neederlandse", "Coordinator Groenbeheer": a common word mistyped, not a name
            if not _at_sentence_start(text, start):
                return True  # a name or a capitalised term mid-sentence
            if bare in capitalised_mid_sentence or bare.lower().endswith(_NAME_SUFFIXES):
                return True
            following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
            between = text[tokens[index].end() : tokens[index + 1].start()] if following else ""
            if following[:1].isupper() and between.strip() == "":
                return True  # "Andre Baars", "Gedeputeerde Staten"
            return self._spell(bare.lower()) or self._listed(bare.lower())
        return False

    def check(self, paragraph_id: str, text: str, names: DocumentNames | None = None) -> Iterator[Finding]:
        """Yield a spelling finding, with quick suggestions, for every unknown word.

        A word that the document uses as a name (``names``, see :mod:`desktop.core.language.names`)
        gets no corrections: the finding offers to add it to the word list, and is marked doubtful.
        """
        joined_until = -1  # the end of the last compound written apart: its second part is reported with it
        for start, end in self.misspelt(text):
            if start < joined_until:
                continue
            original = text[start:end]
            reason = names.reason(original) if names is not None else None
            if reason in WEAK_NAME_REASONS and self._near_common_word(original):
                reason = None  # "Besluit adminitratieve bepalingen": a typo inside a law's name is still a typo
            if reason is not None and original[:1].isupper() and self._common_word_slip(original):
                reason = None  # "Coordinator Groenbeheer" under a signature: the job, mistyped, not a name
            if reason is not None:
                yield Finding(
                    paragraph=paragraph_id,
                    start=start,
                    end=end,
                    original=original,
                    category=Category.SPELLING,
                    rule=NAME_RULE,
                    source=Source.RULE,
                    message=_(
                        "‘{word}’ staat niet in het woordenboek, maar dit document gebruikt het als naam ({where}). "
                        "Klopt het, voeg het dan toe aan de woordenlijst."
                    ).format(word=original, where=_(REASONS[reason])),
                    confidence=NAME_CONFIDENCE,
                )
                continue
            joined = self._joined(text, start, end)
            if joined is not None:
                first, last, word = joined
                joined_until = last
                yield Finding(
                    paragraph=paragraph_id,
                    start=first,
                    end=last,
                    original=text[first:last],
                    category=Category.SPELLING,
                    rule=SPLIT_COMPOUND_RULE,
                    source=Source.RULE,
                    message=_("‘{word}’ is één woord: een samenstelling schrijft u aaneen.").format(word=word),
                    suggestions=(word,),
                )
                continue
            typo = self.compound_typo(original)
            if typo:
                parts = self.compounds.parts(original) or ()
                message = _(
                    "‘{word}’ lijkt een tikfout voor ‘{right}’; als samenstelling ({parts}) is het ongebruikelijk."
                ).format(word=original, right=typo[0], parts=" + ".join(parts) or original)
                rule = COMPOUND_TYPO_RULE
                suggestions = tuple(dict.fromkeys(typo + self.quick_suggestions(original)))[:MAX_SUGGESTIONS]
            else:
                message = _("‘{word}’ staat niet in het woordenboek. Is het goed gespeld?").format(word=original)
                rule = RULE
                suggestions = self.quick_suggestions(original)
            yield Finding(
                paragraph=paragraph_id,
                start=start,
                end=end,
                original=original,
                category=Category.SPELLING,
                rule=rule,
                source=Source.RULE,
                message=message,
                suggestions=suggestions,
            )

    def _joined(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """(start, end, joined word) when the unknown word at ``start:end`` and the word one space after or before
        it make one word the dictionary has ("bestemmings plan", "ziens wijzen"), both written in lower case."""
        word = text[start:end]
        after = _NEXT_WORD.match(text, end)
        before = _PREVIOUS_WORD.search(text, 0, start)
        options = []
        if after is not None:
            options.append((start, after.end(), word + after.group(1)))
        if before is not None:
            options.append((before.start(1), end, before.group(1) + word))
        for first, last, joined in options:
            if joined.islower() and len(joined) > len(word) + 2 and self.in_dictionary(joined) and not (
                self.compound_typo(joined)
            ):
                return first, last, joined
        return None

    def _common_word_slip(self, word: str) -> bool:
        """True for a capitalised word the dictionary rejects that is a common word (Zipf >= 3) with a letter too
        many in a run of equal letters ("Neederlandse", "Aaarde") or without the diaeresis or accent on one vowel
        ("Coordinator" → "Coördinator", "Creeren" → "Creëren"). A name rarely differs from a common word so; a name
        without its accent ("Andre" for "André") is no common word in lower case."""
        if self._spell(word):
            return False
        for i in range(1, len(word)):
            if word[i].lower() == word[i - 1].lower():
                fixed = word[:i] + word[i + 1 :]
                if self._spell(fixed) and self.compounds.zipf(fixed) >= 3.0:
                    return True
        lower = word.lower()
        for i, letter in enumerate(lower):
            for marked in _MARKED_VOWELS.get(letter, ""):
                fixed = lower[:i] + marked + lower[i + 1 :]
                if self._spell(fixed) and self.compounds.zipf(fixed) >= 3.0:
                    return True
        return False

    def _near_common_word(self, word: str) -> bool:
        """True when a quick suggestion for ``word`` is a common word (Zipf >= 3): then it is more likely a typo."""
        return any(" " not in s and self.compounds.zipf(s) >= 3.0 for s in self.quick_suggestions(word)[:3])

    # -- suggestions ------------------------------------------------------------------------------

    def quick_suggestions(self, word: str) -> tuple[str, ...]:
        """Dictionary words one edit away or one classic Dutch confusion away, most frequent first."""
        return self._quick(word)

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's full suggestion list (slow the first time, cached afterwards)."""
        return self._full(word)

    def _hunspell_suggest(self, word: str) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._hunspell.suggest(word))

    def _candidates(self, word: str) -> Iterator[tuple[str, int]]:
        """Candidate spellings with a preference (0 = Dutch confusion, 1 = one edit, 2 = split)."""
        lower = word.lower()
        for wrong, right in (
            ("ei", "ij"), ("ij", "ei"), ("au", "ou"), ("ou", "au"), ("dt", "d"), ("dt", "t"),
            ("d", "dt"), ("t", "dt"), ("d", "t"), ("t", "d"), ("ie", "i"), ("g", "ch"), ("ch", "g"), ("c", "k"),
            ("k", "c"), ("de", "dde"), ("te", "tte"), ("dde", "de"), ("tte", "te"), ("i", "ï"), ("e", "ë"),
            ("ee", "e"), ("oo", "o"), ("aa", "a"), ("e", "ee"), ("o", "oo"),
        ):  # fmt: skip
            position = lower.find(wrong)
            while position != -1:
                yield lower[:position] + right + lower[position + len(wrong) :], 0
                position = lower.find(wrong, position + 1)
        if self._spell(f"{lower}."):  # nr -> nr., drs -> drs.
            yield f"{lower}.", 0
        alphabet = _ALPHABET if len(lower) <= MAX_EDITED_LENGTH else ""
        for i in range(len(lower) + 1):
            left, right = lower[:i], lower[i:]
            if right:
                yield left + right[1:], 1
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:], 1
            for letter in alphabet:
                if right:
                    yield left + letter + right[1:], 1
                yield left + letter + right, 1
            if len(left) > 1 and len(right) > 1:
                yield f"{left} {right}", 2

    def _slipped(self, lower: str) -> Iterator[str]:
        """``lower`` with a doubled letter made single, where that reads as a sensible compound (stemppluspas →
        stempluspas; any other removal makes compounds of anything: intersekse → int|e|sekse)."""
        for i in range(1, len(lower)):
            if lower[i] == lower[i - 1]:
                option = lower[:i] + lower[i + 1 :]
                if self.compounds.parts(option) is not None and not self.compound_typo(option):
                    yield option

    def _rank(self, word: str) -> tuple[str, ...]:
        best: dict[str, int] = {}
        compound = self.compounds.parts(word) is not None  # never offer to split what reads as a compound
        for candidate, preference in self._candidates(word):
            if len(candidate) < 2 or candidate == word.lower() or best.get(candidate, 3) <= preference:
                continue
            parts = candidate.split(" ")
            if len(parts) > 1 and (compound or not all(
                len(p) >= SPLIT_PART_LENGTH and self.compounds.zipf(p) >= SPLIT_PART_ZIPF for p in parts
            )):
                continue
            capital = word[:1].isupper()
            if all(self._spell(p) or (capital and self._spell(p[:1].upper() + p[1:])) for p in parts):
                # a candidate hunspell accepts only by its compound rules, with no known parts, comes last
                known = (
                    len(parts) > 1
                    or self.compounds.zipf(candidate) > 0
                    or self.compounds.parts(candidate) is not None
                    or self._hunspell_parts(candidate) == ()
                )
                best[candidate] = preference if known else 3
        if len(word) > MAX_EDITED_LENGTH:  # a long compound: one edit in its first or last part
            for candidate in self.compounds.repairs(word):
                best[candidate] = min(best.get(candidate, 1), 1)
        if not best and not compound:
            # nothing hunspell accepts: a compound of known parts with a doubled letter made single (stemppluspas)
            for candidate in self._slipped(word.lower()):
                best[candidate] = 1
        # a word people write (an abbreviation counts without its dot; a split only has frequent words) comes before
        # one that only a compound reading makes ("adviesrecht" before "avi|srecht", "mondkapje" before
        # "mond|cape"); then the likelier edit, then the better reading
        ranked = sorted(best, key=lambda c: (" " not in c and self.compounds.zipf(c.rstrip(".")) == 0, best[c],
                                             -self.compounds.quality(c), c))
        return tuple(case_like(c, word) for c in ranked[:MAX_SUGGESTIONS])
