"""Compounds: how a word splits into parts people write on their own, and when a "compound" is a typo.

Dutch writes compounds as one word, and no dictionary lists them all: OpenTaal's hunspell accepts
many by its compound rules, and :class:`~desktop.core.language.spelling.SpellChecker` accepts two
dictionary words joined. That also accepts typos that happen to split into words: "bessluit" (bes +
sluit), "inkkomen" (ink + komen), "beddrijven" (bed + drijven), "zangtalend" (zang + talend).

:class:`CompoundAnalyser` tells them apart with word frequencies (wordfreq's Dutch list):

- :meth:`~CompoundAnalyser.parts` splits a word into *known parts*: dictionary words that are
  also written on their own (Zipf >= :data:`MIN_PART_ZIPF`), joined directly or with a linking
  s, e, en or hyphen (rijks|waterstaat|s|werken). Fewest parts first, then the most frequent.
- :meth:`~CompoundAnalyser.typo` looks at a word that the frequency list does not know and that
  is read as a compound. It is a typo when one edit (a letter removed, added, replaced, or two
  swapped) gives a frequent word (bessluit → besluit, agelopen → afgelopen), or a compound of
  fewer or more frequent parts (gegevensversstrekking → gegevens|verstrekking, zangtalend →
  zang|talent). A compound whose parts are all real words in a sensible order has no such
  neighbour (rijkswaterstaatswerken, gehandicaptenparkeerplaatsen) and stays accepted.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache

LANGUAGE = "nl"
# A part of a compound must be a word people write on their own at least this often (Zipf scale:
# 1 = once per 100 million words, 3 = once per million).
MIN_PART_ZIPF = 1.5
MIN_PART_LENGTH = 3
# Short parts (tal, end, oden) make almost any string split: a part of up to 4 letters must be common.
SHORT_PART_LENGTH = 4
SHORT_PART_ZIPF = 3.0
# A word the frequency list knows at least this well was written by many people: no typo check.
COMMON_WORD_ZIPF = 3.0
# Below this a word is hardly known; from it up a neighbour must be this much more frequent to call it a typo.
KNOWN_WORD_ZIPF = 1.0
KNOWN_NEIGHBOUR_GAP = 2.5
# A one-edit neighbour that is a single word must be this frequent to call the compound a typo.
NEIGHBOUR_ZIPF = 2.5
# A part hardly anyone writes on its own (talend) is a typo only for a much more frequent word of its length.
RARE_PART_NEIGHBOUR_ZIPF = 3.5
MIN_TYPO_LENGTH = 6
# A word only our own compound reading accepts is a slip of the pen for a word one letter removed or two swapped that
# hunspell accepts and that reads this much better (quality: rarest part, fewer and longer parts):
# verkiezingsdaggen (verkiezingsdag|gen, 1.7) → verkiezingsdagen (verkiezing|s|dagen, 3.8).
SLIP_GAP = 1.5
LINKERS = ("", "s", "e", "en", "-")
# Function words are no parts of a compound: "ervanuit", "verleentals" and "instandhouden" are words
# that belong apart, not compounds of er + vanuit, verleent + als, in + stand + houden.
FUNCTION_WORDS = frozenset(
    [
        "aan", "achter", "af", "al", "alle", "als", "altijd", "bij", "boven", "dan", "dat", "de", "deze", "die",
        "dit", "door", "dus", "een", "en", "er", "geen", "haar", "het", "hij", "hoe", "hun", "ik", "in", "is", "je",
        "jij", "maar", "meer", "met", "na", "naar", "niet", "nog", "nu", "of", "om", "onder", "ons", "ook", "op",
        "over", "sinds", "te", "tegen", "ten", "ter", "toe", "tot", "tussen", "u", "uit", "van", "vanaf", "vanuit",
        "veel", "voor", "waar", "want", "was", "wat", "we", "wel", "wie", "wij", "wordt", "ze", "zich", "zij", "zijn",
        "zo", "zonder",
    ]
)  # fmt: skip
ALPHABET = "abcdefghijklmnopqrstuvwxyzéëïöü"

Split = tuple[str, ...]
Segments = tuple[tuple[str, str], ...]  # (part, linking letters after it)


def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    # The arguments exactly as wordfreq's own zipf_frequency passes them: its lru_cache keys on them, and any
    # other spelling builds the 311,000-word table a second time (0.1-0.2 s and its memory at every start).
    return get_frequency_dict(LANGUAGE, "best")


def one_edit(word: str, alphabet: str = ALPHABET) -> Iterator[str]:
    """Every string one edit from ``word``: a letter removed, two neighbours swapped, one replaced or added."""
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            yield left + right[1:]
        if len(right) > 1 and right[0] != right[1]:
            yield left + right[1] + right[0] + right[2:]
        for letter in alphabet:
            if right and letter != right[0]:
                yield left + letter + right[1:]
            yield left + letter + right


class CompoundAnalyser:
    """Splits words into known parts and finds typos that read as compounds.

    ``spell`` says whether the dictionary accepts a word as it is written (hunspell); it is
    asked about parts in lower case and capitalised (rijks|Waterstaat).
    """

    def __init__(self, spell: Callable[[str], bool]) -> None:
        self._spell = spell
        self._table: dict[str, float] | None = None
        self._lock = threading.Lock()
        self.parts = lru_cache(maxsize=8192)(self._parts)
        self._is_part = lru_cache(maxsize=65536)(self._is_part)  # type: ignore[method-assign]
        self.typo = lru_cache(maxsize=8192)(self._typo)

    # -- frequencies --------------------------------------------------------------------------------

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency in Dutch (0 when the list does not have it)."""
        table = self._table
        if table is None:
            with self._lock:
                if self._table is None:
                    self._table = _frequencies()
                table = self._table
        frequency = table.get(word.lower(), 0.0)
        return math.log10(frequency) + 9.0 if frequency > 0 else 0.0

    def _is_part(self, part: str) -> bool:
        if len(part) < MIN_PART_LENGTH or part in FUNCTION_WORDS:
            return False
        frequency = self.zipf(part)
        if frequency < (SHORT_PART_ZIPF if len(part) <= SHORT_PART_LENGTH else MIN_PART_ZIPF):
            return False
        return self._spell(part) or self._spell(part[:1].upper() + part[1:])

    # -- splitting ----------------------------------------------------------------------------------

    def _parts(self, word: str) -> Split | None:
        """The best split of ``word`` (lower-cased) into two or more known parts, or None.

        Best = fewest parts, then the highest frequency of its rarest part. Linking letters
        (bestemming|s|verkeer) are left out of the parts.
        """
        best = self._split(word.lower())
        return tuple(part for part, _linker in best[2]) if best is not None and len(best[2]) >= 2 else None

    @lru_cache(maxsize=65536)  # noqa: B019 - one analyser per spell checker, kept for the app's life
    def _split(self, word: str) -> tuple[int, float, Segments] | None:
        """(parts, rarest part's Zipf, (part, linker) segments) of the best split of all of ``word``.

        A single known part counts as a split of one part.
        """
        options: list[tuple[int, float, Segments]] = []
        if self._is_part(word):
            options.append((1, self.zipf(word), ((word, ""),)))
        for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
            head, rest = word[:cut], word[cut:]
            if not self._is_part(head):
                continue
            for linker in LINKERS:
                if not rest.startswith(linker) or len(rest) - len(linker) < MIN_PART_LENGTH:
                    continue
                tail = self._split(rest[len(linker) :])
                if tail is not None:
                    options.append((tail[0] + 1, min(self.zipf(head), tail[1]), ((head, linker), *tail[2])))
        if not options:
            return None
        return min(options, key=lambda o: (o[0], -o[1]))

    def quality(self, word: str) -> float:
        """How ordinary a word is: its Zipf frequency, or for a compound its rarest part's, less half a point
        for each part after the first and for each short part (for ranking suggestions)."""
        frequency = self.zipf(word)
        if frequency > 0:
            return frequency
        split = self._split(word.lower())
        if split is None:
            return 0.0
        short = sum(len(part) <= SHORT_PART_LENGTH for part, _linker in split[2])
        return split[1] - 0.5 * (split[0] - 1) - 0.5 * short

    # -- typos --------------------------------------------------------------------------------------

    def _runs(self, word: str, given: Split | None) -> Iterator[tuple[int, int, bool]]:
        """(start, end, single rare part) of the stretches of ``word`` that may hold the typo: every run of
        two or more adjacent parts, and every single part that hardly anyone writes on its own. The parts
        are ``given`` (hunspell's own reading) or the best split; the whole word when there is none."""
        if given is not None and "".join(given) == word:
            parts = list(given)
            spans, position = [], 0
            for part in parts:
                spans.append((position, position + len(part)))
                position += len(part)
        else:
            best = self._split(word)
            if best is None:
                yield 0, len(word), False
                return
            parts, spans, position = [], [], 0
            for part, linker in best[2]:
                parts.append(part)
                spans.append((position, position + len(part)))
                position += len(part) + len(linker)
        for first in range(len(parts)):
            if self.zipf(parts[first]) < KNOWN_WORD_ZIPF:
                yield spans[first][0], spans[first][1], True
            for last in range(first + 1, len(parts)):
                yield spans[first][0], spans[last][1], False

    def _typo(self, word: str, given: Split | None = None) -> tuple[str, ...]:
        """Corrections, most likely first, when ``word`` looks like a typo that reads as a compound; () otherwise.

        Only a word the frequency list does not know is looked at (the caller makes sure the
        dictionary does not list it as a single word). A run of adjacent parts (bes|sluit,
        ver|s|strekking), or a part nobody writes (zang|talend), or the whole word when it does not
        split, must be one edit from a frequent word (besluit, verstrekking, talent). ``given``:
        the parts hunspell read (its analysis), used instead of our own split.
        """
        lower = word.lower()
        own = self.zipf(lower)
        if len(lower) < MIN_TYPO_LENGTH or not lower.isalpha() or own >= COMMON_WORD_ZIPF:
            return ()
        # A word some people write (a common misspelling such as "verschilende") needs a far more frequent neighbour.
        wanted = NEIGHBOUR_ZIPF if own < KNOWN_WORD_ZIPF else max(NEIGHBOUR_ZIPF, own + KNOWN_NEIGHBOUR_GAP)
        found: dict[str, float] = {}
        for start, end, single in set(self._runs(lower, given)):
            middle = lower[start:end]
            for neighbour in set(one_edit(middle)):
                frequency = self.zipf(neighbour)
                if single and (len(neighbour) != len(middle) or frequency < RARE_PART_NEIGHBOUR_ZIPF):
                    continue  # a rare part (a verb stem: aanbind) is no typo for a different-length word
                if frequency >= wanted and len(neighbour) >= MIN_PART_LENGTH and self._spell(neighbour):
                    corrected = lower[:start] + neighbour + lower[end:]
                    found[corrected] = max(found.get(corrected, 0.0), frequency)
        return tuple(sorted(found, key=lambda w: -found[w]))

    def slips(self, word: str) -> tuple[str, ...]:
        """Corrections of ``word`` (one that hunspell does not accept and that reads as a compound) by one letter
        removed or two neighbours swapped, where hunspell accepts the result and its :meth:`quality` is at least
        :data:`SLIP_GAP` higher; best first. () for a short word or one the frequency list knows."""
        lower = word.lower()
        if len(lower) < MIN_TYPO_LENGTH or not lower.isalpha() or self.zipf(lower) > 0:
            return ()
        wanted = self.quality(lower) + SLIP_GAP
        found: dict[str, float] = {}
        for i in range(len(lower)):
            options = [lower[:i] + lower[i + 1 :]]
            if i + 1 < len(lower) and lower[i] != lower[i + 1]:
                options.append(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :])
            for option in options:
                if option not in found and len(option) >= MIN_TYPO_LENGTH and self._spell(option):
                    quality = self.quality(option)
                    if quality >= wanted:
                        found[option] = quality
        return tuple(sorted(found, key=lambda w: -found[w]))

    def repairs(self, word: str) -> tuple[str, ...]:
        """Corrections of an unknown long word by one edit in its first or last stretch, keeping the rest
        where that splits into known parts (onderzoeksmetoden → onderzoeks|methoden); most frequent first."""
        lower = word.lower()
        found: dict[str, float] = {}
        for cut in range(MIN_PART_LENGTH, len(lower) - MIN_PART_LENGTH + 1):
            head, tail = lower[:cut], lower[cut:]
            for stretch, keep, before in ((tail, head, True), (head, tail, False)):
                kept = keep
                if before:  # the kept head may end in a linking s, e or en
                    linker = next(
                        (x for x in ("en", "s", "e") if keep.endswith(x) and self._split(keep[: -len(x)])), ""
                    )
                    kept = keep[: len(keep) - len(linker)] if linker else keep
                if self._split(kept) is None:
                    continue
                for neighbour in set(one_edit(stretch)):
                    frequency = self.zipf(neighbour)
                    if frequency >= NEIGHBOUR_ZIPF and self._spell(neighbour):
                        corrected = keep + neighbour if before else neighbour + keep
                        found[corrected] = max(found.get(corrected, 0.0), frequency)
        return tuple(sorted(found, key=lambda w: -found[w]))
