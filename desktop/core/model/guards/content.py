"""The content guard: every content word of the input is kept, or replaced by a listed alternative.

Content words are the words that are not function words (articles, pronouns, prepositions,
conjunctions, auxiliaries, modal particles such as "wel" and "toch", and pronominal adverbs such as
"daarvoor", which point back to a word the guard does check): nouns, verbs, adjectives and adverbs.
They are compared by lemma (simplemma's Dutch lemmas: "worden gerealiseerd" and "wordt gerealiseerd" are the same), by a
rough stem (vraag/vragen), and as parts of compounds and separable verbs ("gehandicaptenparkeerplaats"
is kept by "parkeerplaats voor gehandicapten", "inrichten" by "richt ... in"). A word of the input may
be replaced only by an alternative that a list names for it: the B1 list ("reeds" → "al") or
LanguageTool's officialese rules for a phrase they flag in the input ("alvorens" → "voordat").

Besides the words, the guard refuses:

- a changed fixed prepositional expression ("in het kader van" → "onder");
- a lost preposition ("de effecten hangen af van de locatie" → "de locatie hangt af": "van" is gone);
- a lost or added negation (the number of "niet", "geen", "nooit", ... must stay the same);
- a lost subordinating conjunction ("voordat", "omdat", "tenzij", ...) whose relation no other word keeps;
- a changed modal verb ("moet" → "kan"; "dient te" and "moet" are the same);
- content words of the model's own that are not in the input and not an alternative from the list.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.i18n import _
from desktop.core.language.lemmas import lemma
from desktop.core.language.wordlists import B1WordList, normalise
from desktop.core.model.guards.facts import NEGATIONS, NUMBER_WORDS, ORDINALS
from desktop.core.model.guards.verdict import RuleMatch

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_PLACEHOLDER = re.compile(r"\[[^\]\n]{1,40}\]")

# Closed word classes: articles, pronouns, prepositions, conjunctions, auxiliaries, particles.
FUNCTION_WORDS = frozenset(
    {
        "de", "het", "een", "'t", "'n", "der", "des", "den", "ik", "je", "jij", "u", "hij", "zij", "ze", "wij", "we",
        "jullie", "hen", "hun", "hem", "haar", "mij", "me", "ons", "onze", "mijn", "jouw", "jou", "uw", "zich",
        "zichzelf", "elkaar", "men", "iets", "dit", "dat", "deze", "die", "wat", "wie", "welke", "welk", "waar",
        "wanneer", "hoe", "waarom", "waarbij", "waarin", "waarvan", "waarmee", "waarop", "waarvoor", "waardoor",
        "waarna", "waarover", "er", "hier", "daar", "daarin", "daarvan", "daarmee", "daarbij", "daarvoor", "daarop",
        "daarna", "daarover", "daaraan", "daardoor", "daaruit", "hierin", "hiervan", "hiermee", "hierbij", "hiervoor",
        "hierop", "hierna", "hierover", "hieraan", "hierdoor", "hieruit", "erin", "ervan", "ermee", "erbij", "ervoor",
        "erop", "erna", "erover", "eraan", "erdoor", "eruit", "aan", "achter", "bij", "binnen", "boven", "buiten",
        "door", "in", "met", "na", "naar", "naast", "om", "onder", "op", "over", "per", "sinds", "tegen", "tot",
        "tussen", "uit", "van", "voor", "vanaf", "vanuit", "via", "tijdens", "volgens", "wegens", "vanwege", "rond",
        "rondom", "langs", "behalve", "ondanks", "omtrent", "jegens", "inzake", "betreffende", "en", "of", "maar",
        "want", "dus", "omdat", "als", "dan", "doordat", "zodat", "terwijl", "toen", "indien", "mits", "tenzij",
        "hoewel", "zodra", "voordat", "nadat", "totdat", "opdat", "zowel", "alsook", "ofwel", "zoals", "evenals",
        "alsmede", "zijn", "is", "was", "waren", "ben", "bent", "geweest", "hebben", "heeft", "had", "hadden", "heb",
        "hebt", "gehad", "worden", "wordt", "werd", "werden", "geworden", "word", "te", "wel", "toch", "even",
        "eens", "nou", "toe", "af", "mee",
    }
)  # fmt: skip
# Lemmas of the auxiliaries (simplemma maps "is" to "zijn", "werd" to "worden").
FUNCTION_LEMMAS = frozenset({"zijn", "hebben", "worden", "de", "het", "een", "u", "uw"})
# Modal verbs by meaning: "dienen te" means "moeten", "behoeven" means "hoeven".
MODALS = {
    "moeten": "moeten",
    "dienen": "moeten",
    "kunnen": "kunnen",
    "mogen": "mogen",
    "hoeven": "hoeven",
    "behoeven": "hoeven",
    "willen": "willen",
    "zullen": "zullen",
}
# Subordinating conjunctions whose relation a rewrite must keep, with the words that keep it: the conjunction itself,
# a plainer one, or a linking adverb of a split ("…, zodat X" → "… Daardoor X"). "Voordat zij besluit om van het advies
# af te wijken overlegt zij eenmaal" → "Zij besluit om van het advies af te wijken overlegt zij eenmaal" (the 1.5B model
# on a tuning sentence) lost the order of events and kept every content word. A conditional may become a question
# ("Indien u … heeft, neem dan …" → "Heeft u …? Neem dan …"): "?" keeps it. "als" and "wanneer" also compare or ask,
# and are not checked.
RELATIONS: dict[str, frozenset[str]] = {
    "voordat": frozenset({"voordat", "eerst", "vóór", "daarna", "daarvoor"}),
    "nadat": frozenset({"nadat", "daarna", "eerst", "dan"}),
    "omdat": frozenset({"omdat", "want", "daarom", "doordat", "daardoor", "vanwege"}),
    "doordat": frozenset({"doordat", "daardoor", "omdat", "want", "daarom", "vanwege"}),
    "aangezien": frozenset({"aangezien", "omdat", "want", "daarom"}),
    "zodat": frozenset({"zodat", "daardoor", "dan"}),
    "indien": frozenset({"indien", "als", "wanneer", "dan", "anders", "?"}),
    "mits": frozenset({"mits", "als", "voorwaarde", "anders"}),
    "tenzij": frozenset({"tenzij", "behalve", "uitzondering", "anders"}),
    "hoewel": frozenset({"hoewel", "ofschoon", "maar", "toch", "ondanks"}),
    "ofschoon": frozenset({"ofschoon", "hoewel", "maar", "toch", "ondanks"}),
    "terwijl": frozenset({"terwijl", "maar", "tegelijk", "ondertussen"}),
    "totdat": frozenset({"totdat", "tot"}),
    "zodra": frozenset({"zodra", "als", "dan", "meteen", "direct"}),
}
# The persons a text speaks of or to, by their forms: a rewrite that loses one changes who does what ("Door
# te stemmen, bepaalt u dus mee ..." → "Door te stemmen bepalen Nederland ...", the 1.5B model on a tuning
# sentence). Third persons ("hij", "ze") point at a noun and are left to the other checks.
PERSONS = {
    "u": frozenset({"u", "uw", "uzelf"}),
    "ik": frozenset({"ik", "mij", "me", "mijn", "mijzelf"}),
    "wij": frozenset({"wij", "we", "ons", "onze", "onszelf"}),
    "jij": frozenset({"jij", "je", "jou", "jouw", "jezelf"}),
    "jullie": frozenset({"jullie"}),
}
# Verbs and adverbs a plain rewrite may add without adding meaning ("U krijgt ...", "Dat doet u ...").
LIGHT_WORDS = frozenset(
    {"krijgen", "geven", "gaan", "komen", "doen", "maken", "staan", "staat", "laten", "ook", "dan"}
)
# Units of amounts and percentages: the fact guard compares those ("600 euro" = "€ 600").
FACT_UNITS = frozenset({"euro", "eur", "cent", "procent"})
# Fixed prepositional expressions: a rewrite keeps them whole, or uses an alternative the B1 list names.
FIXED_EXPRESSIONS = (
    "in het kader van", "op grond van", "met betrekking tot", "ten aanzien van", "in verband met",
    "naar aanleiding van", "op basis van", "in plaats van", "ten behoeve van", "met het oog op",
    "in overeenstemming met", "ten gevolge van", "in afwachting van", "op verzoek van", "met ingang van",
    "ten laste van", "ten opzichte van", "in strijd met", "onder voorbehoud van", "uit hoofde van",
    "door middel van", "in samenwerking met", "ter uitvoering van", "ter hoogte van", "in het belang van",
    "op kosten van", "in aanmerking voor", "in de zin van", "ten tijde van", "in geval van", "bij wijze van",
    "met uitzondering van", "in opdracht van", "namens", "ingevolge",
)  # fmt: skip
_LINKERS = ("", "s", "e", "en", "n")
# Prepositions that tie a word to another ("hangen af van", "effecten voor de natuur"): a rewrite keeps each
# of them (as many times) unless a listed alternative replaced its phrase. Not "door" (an active sentence
# drops the agent's "door"), "om" ("om te") and "zonder" (a negation, counted there).
PREPOSITIONS = frozenset(
    {
        "aan", "achter", "bij", "binnen", "boven", "buiten", "in", "met", "na", "naar", "naast", "onder", "op",
        "over", "per", "sinds", "tegen", "tot", "tussen", "uit", "van", "voor", "vanaf", "vanuit", "via", "tijdens",
        "volgens", "wegens", "vanwege", "rond", "langs", "behalve", "ondanks",
    }
)  # fmt: skip
# A corrected word is at least this much like the word it corrects ("adminitratieve" → "administratieve").
CORRECTION_MIN_WORD_LIKENESS = 0.75
ARTICLES = frozenset({"de", "het", "een"})
_PRONOMINAL = re.compile(r"(?:er|daar|hier|waar)(\w+)")


@lru_cache(maxsize=65536)
def _stem(word: str) -> tuple[str, bool]:
    """A rough stem that makes inflections and derivations compare equal (vraag, vragen → vrag), and whether
    an ending was cut off (an inflected form)."""
    lowered = word.lower()
    for ending in ("en", "e", "s", "n"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 4:
            return re.sub(r"([aeou])\1", r"\1", lowered[: -len(ending)]), True
    return re.sub(r"([aeou])\1", r"\1", lowered), False


def _plausible_lemma(surface: str, found: str) -> bool:
    """False for a lemma that cannot be this word's: it starts otherwise than the word without its "ge-"
    (simplemma reads "gewezen" as "afwijzen", which would let "afgewezen" → "gewezen" pass)."""
    bare = surface[2:] if surface.startswith("ge") and len(surface) > 4 else surface
    return found[:1] == bare[:1] or found[:1] == surface[:1]


@dataclass(frozen=True)
class Word:
    """A word of a text: as written, lower-cased, and its lemma."""

    text: str
    lower: str
    lemma: str
    start: int


def _words(text: str) -> list[Word]:
    cleaned = _PLACEHOLDER.sub(lambda m: " " * len(m[0]), normalise(text))
    return [Word(m[0], m[0].lower(), lemma(m[0]), m.start()) for m in _TOKEN.finditer(cleaned)]


def is_content(word: Word) -> bool:
    """True for a content word: not a function word, a negation, a modal verb, or a number."""
    lowered = word.lower.replace("’", "'")
    if len(lowered) < 2 or lowered in FUNCTION_WORDS or word.lemma in FUNCTION_LEMMAS:
        return False
    if lowered in NEGATIONS or word.lemma in MODALS:
        return False
    return not ({lowered, word.lemma} & (NUMBER_WORDS.keys() | ORDINALS.keys() | FACT_UNITS))


class _Vocabulary:
    """The forms of a text's words, for asking whether a word of another text is in it."""

    def __init__(self, words: Iterable[Word]) -> None:
        self.words = list(words)
        self.forms: set[str] = set()
        for word in self.words:
            self.forms.add(word.lower)
            if _plausible_lemma(word.lower, word.lemma):
                self.forms.add(word.lemma)
        # A stem of an inflected form matches any form; two bare forms only when they are the same word
        # (the vowel rule would make "maand" and "mand", "zaak" and "zak" one word).
        self.stems: dict[str, bool] = {}
        for form in self.forms:
            cut, inflected = _stem(form)
            self.stems[cut] = self.stems.get(cut, False) or inflected

    def has(self, form: str) -> bool:
        if form in self.forms:
            return True
        cut, inflected = _stem(form)
        return cut in self.stems and (inflected or self.stems[cut])

    def keeps(self, word: Word, origin: _Vocabulary) -> bool:
        """True when ``word`` (of the text ``origin``) is in this text as itself, an inflection, or in parts."""
        if self.has(word.lower) or self.has(word.lemma):
            return True
        for form in {word.lower, word.lemma}:
            # A compound or separable verb split up: parkeerplaats voor gehandicapten, richt ... in.
            for cut in range(2, len(form) - 2):
                if self.has(form[cut:]) and self._has_stem(form[:cut]):
                    return True
            # Joined with another word of its text into a compound here: gehandicaptenparkeerplaats.
            # ("huurder" is not kept by "verhuurder": "ver" is no word of its text.)
            if len(form) >= 4:
                for other in self.forms:
                    if len(other) < len(form) + 2:
                        continue
                    if other.startswith(form) and origin._has_stem(other[len(form) :], prefix=False):
                        return True
                    if other.endswith(form) and origin._has_stem(other[: -len(form)]):
                        return True
        return False

    def _has_stem(self, part: str, prefix: bool = True) -> bool:
        """True when ``part`` (a compound's first part with its linking letters, or its last part) is a word here."""
        if not prefix:
            return self.has(part)
        return any(
            part.endswith(linker) and len(part) - len(linker) >= 2 and self.has(part[: len(part) - len(linker)])
            for linker in _LINKERS
        )


def _phrase_in(phrase: str, vocabulary: _Vocabulary) -> bool:
    """True when every word of ``phrase`` is in the text (by form, lemma, stem, or inside a compound)."""
    words = _words(phrase)
    content = [w for w in words if is_content(w)]
    if content:  # "terug te sturen" is in "terugsturen"
        origin = _Vocabulary(words)
        return all(vocabulary.keeps(w, origin) for w in content)
    return bool(words) and all(vocabulary.has(w.lower) or vocabulary.has(w.lemma) for w in words)


def _contains_phrase(text: str, phrase: str) -> bool:
    return phrase_start(text, phrase) >= 0


def phrase_start(text: str, phrase: str) -> int:
    """Where ``phrase`` first stands in ``text`` as whole words (case-insensitive), or -1: LanguageTool's
    "te" of "te Amsterdam" is not the "te" inside "cliëntenraad"."""
    match = re.search(rf"(?<!\w){re.escape(normalise(phrase))}(?!\w)", normalise(text), re.I)
    return match.start() if match else -1


def _modals(words: Iterable[Word], text: str) -> set[str]:
    found = set()
    for word in words:
        meaning = MODALS.get(word.lemma)
        if meaning is None:
            continue
        if word.lemma == "dienen" and not re.search(rf"\b{re.escape(word.lower)}\b.*\bte\b", text, re.I | re.S):
            continue  # "dient als" (serves as) is not a modal
        found.add(meaning)
    return found


def _prepositions(words: Iterable[Word], skip: set[int] | None = None) -> Counter[str]:
    """The prepositions of a text, also inside pronominal adverbs (daarvoor: voor), minus the words at ``skip``."""
    found: Counter[str] = Counter()
    for word in words:
        if skip and word.start in skip:
            continue
        match = _PRONOMINAL.fullmatch(word.lower)
        bare = match[1] if match else word.lower
        if bare in PREPOSITIONS:
            found[bare] += 1
    return found


def _hebben(words: Iterable[Word]) -> int:
    """How many forms of "hebben" (a verb the guards otherwise count as a function word) ``words`` has."""
    return sum(1 for w in words if w.lemma == "hebben")


def _lost_relations(source_words: Sequence[Word], output_words: Sequence[Word], question: bool) -> list[str]:
    """The subordinating conjunctions of the source (:data:`RELATIONS`) whose relation the output (its words, and
    whether it asks a ``question``) no longer expresses, in the order they stand."""
    kept = {w.lower for w in output_words} | ({"?"} if question else set())
    found = [w.lower for w in source_words if w.lower in RELATIONS]
    return list(dict.fromkeys(word for word in found if not RELATIONS[word] & kept))


def _negations(words: Iterable[Word]) -> int:
    return sum(1 for w in words if w.lower in NEGATIONS)


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"‘{w}’" for w in words)


def _listed(
    source: str, alternatives: B1WordList | None, style: Sequence[RuleMatch]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, alternatives) for every word or phrase of ``source`` that a list names alternatives
    for: the B1 list, and LanguageTool's officialese rules (``style``: its style findings in ``source``)."""
    found = []
    if alternatives is not None:
        found = [(start, end, entry.alternatives) for start, end, entry in alternatives.find(source)]
    for match in style:
        start = phrase_start(source, match.text)
        if start >= 0 and match.suggestions:
            found.append((start, start + len(match.text), match.suggestions))
    return found


def _replacements(
    source: str,
    source_words: list[Word],
    kept_in_output: _Vocabulary,
    alternatives: B1WordList | None,
    style: Sequence[RuleMatch] = (),
) -> tuple[set[int], list[Word]]:
    """The starts of the input's words that a listed alternative in the output replaces, and the
    words of those alternatives."""
    replaced: set[int] = set()
    used_alternatives: list[Word] = []
    for start, end, listed in _listed(source, alternatives, style):
        used = [a for a in listed if _phrase_in(a, kept_in_output)]
        if used:
            replaced.update(w.start for w in source_words if start <= w.start < end)
            used_alternatives += [w for alternative in used for w in _words(alternative)]
    return replaced, used_alternatives


def _added(output_words: list[Word], kept_in_source: _Vocabulary, listed: _Vocabulary) -> list[str]:
    origin = _Vocabulary(output_words)
    return [
        w.text
        for w in output_words
        if is_content(w)
        and not {w.lower, w.lemma} & LIGHT_WORDS
        and not kept_in_source.keeps(w, origin)
        and not listed.keeps(w, origin)
    ]


def content_lemmas(text: str) -> list[str]:
    """The lemmas of the content words of ``text``."""
    return [w.lemma for w in _words(text) if is_content(w)]


def content_words(text: str) -> list[str]:
    """The content words of ``text`` as written."""
    return [w.text for w in _words(text) if is_content(w)]


def added_words(
    source: str, output: str, alternatives: B1WordList | None = None, style: Sequence[RuleMatch] = ()
) -> list[str]:
    """The content words of ``output`` that are not in ``source`` nor a listed alternative of one of its words."""
    source_words = _words(source)
    output_words = _words(output)
    _replaced, used = _replacements(source, source_words, _Vocabulary(output_words), alternatives, style)
    return _added(output_words, _Vocabulary(source_words), _Vocabulary(used))


def _fewer_times(source_words: Sequence[Word], output_words: Sequence[Word], replaced: set[int]) -> list[Word]:
    """The content words of the source whose lemma the output has, but fewer times: each occurrence past the
    output's count ("door laten gaan ... laat het ons weten" → "door laten gaan ... Dat ons weten" lost "laat",
    though "laten" is still there). Words the output does not have at all are the set check's. On the tuning
    documents of the Amsterdam pairs 41 of 945 expert rewrites name a repeated content word fewer times
    ("de cliëntenraad ... wanneer de cliëntenraad" → "... wanneer die"): refused here, as promised."""
    in_output = Counter(w.lemma for w in output_words)
    seen: Counter[str] = Counter()
    lost: list[Word] = []
    for word in source_words:
        if not is_content(word) or word.start in replaced or not in_output[word.lemma]:
            continue
        seen[word.lemma] += 1
        if seen[word.lemma] > in_output[word.lemma]:
            lost.append(word)
    return lost


def content_guard(
    source: str, output: str, alternatives: B1WordList | None = None, style: Sequence[RuleMatch] = ()
) -> list[str]:
    """Reasons why ``output`` loses or changes a content word, expression, negation or modal of ``source``."""
    reasons: list[str] = []
    source_words, output_words = _words(source), _words(output)
    kept_in_output, kept_in_source = _Vocabulary(output_words), _Vocabulary(source_words)
    replaced, used_alternatives = _replacements(source, source_words, kept_in_output, alternatives, style)
    missing = [
        w.text
        for w in source_words
        if is_content(w) and w.start not in replaced and not kept_in_output.keeps(w, kept_in_source)
    ] + [w.text for w in _fewer_times(source_words, output_words, replaced)]
    if missing:
        reasons.append(
            _("Deze woorden uit de oorspronkelijke tekst ontbreken: {words}.").format(
                words=_quoted(dict.fromkeys(missing))
            )
        )
    for expression in FIXED_EXPRESSIONS:
        if not _contains_phrase(source, expression) or _contains_phrase(output, expression):
            continue
        entry = alternatives.lookup(expression) if alternatives is not None else None
        listed = list(entry.alternatives) if entry is not None else []
        listed += [a for m in style if expression in normalise(m.text).lower() for a in m.suggestions]
        if not any(_contains_phrase(output, a) for a in listed):
            reasons.append(
                _("De vaste uitdrukking ‘{expression}’ is weggelaten of veranderd; dat kan de betekenis veranderen.")
                .format(expression=expression)
            )
    lost = _prepositions(source_words, replaced) - _prepositions(output_words)
    if lost:
        reasons.append(
            _("Deze voorzetsels zijn weggevallen: {words}; dat kan veranderen wie wat met wie doet.").format(
                words=_quoted(sorted(lost))
            )
        )
    before, after = _negations(source_words), _negations(output_words)
    if after != before:
        reasons.append(
            _("Het aantal ontkenningen (niet, geen, nooit …) veranderde van {before} naar {after}.").format(
                before=before, after=after
            )
        )
    lost_links = _lost_relations(source_words, output_words, "?" in output)
    if lost_links:
        reasons.append(
            _("Een verbindingswoord is weggevallen: {words}; daarmee verandert hoe de delen van de zin samenhangen.")
            .format(words=_quoted(lost_links))
        )
    modals_before, modals_after = _modals(source_words, source), _modals(output_words, output)
    if modals_before != modals_after:
        reasons.append(
            _("Een hulpwerkwoord dat de betekenis bepaalt is veranderd: {before} → {after}.").format(
                before=", ".join(sorted(modals_before)) or "-", after=", ".join(sorted(modals_after)) or "-"
            )
        )
    before_words, after_words = {w.lower for w in source_words}, {w.lower for w in output_words}
    lost_persons = [person for person, forms in PERSONS.items() if forms & before_words and not forms & after_words]
    if lost_persons:
        reasons.append(
            _("Over wie het gaat is veranderd: {words} staat er niet meer.").format(words=_quoted(lost_persons))
        )
    gained = _hebben(output_words) - _hebben(source_words) - _hebben(used_alternatives)
    if gained > 0:
        extra = [w.text for w in output_words if w.lemma == "hebben"]
        reasons.append(
            _("Het model voegde ‘{word}’ toe: een vorm van ‘hebben’ die er niet stond, verandert de tijd of de "
              "betekenis.").format(word=extra[-1])
        )
    added = _added(output_words, kept_in_source, _Vocabulary(used_alternatives))
    if added:
        reasons.append(
            _("Het model voegde woorden toe die niet in de tekst staan: {words}.").format(
                words=_quoted(dict.fromkeys(added))
            )
        )
    return reasons


def content_recall(
    source: str, output: str, alternatives: B1WordList | None = None, style: Sequence[RuleMatch] = ()
) -> tuple[int, int]:
    """(kept, total): how many content words of ``source`` ``output`` keeps, counting listed alternatives."""
    source_words, output_words = _words(source), _words(output)
    kept_in_output = _Vocabulary(output_words)
    replaced, _used = _replacements(source, source_words, kept_in_output, alternatives, style)
    content = [w for w in source_words if is_content(w)]
    origin = _Vocabulary(source_words)
    kept = [w for w in content if w.start in replaced or kept_in_output.keeps(w, origin)]
    return len(kept) - len(_fewer_times(source_words, output_words, replaced)), len(content)



def _spelt_alike(old: str, new: str) -> bool:
    """True when ``new`` is ``old`` respelt (a typo, a d/t ending, a hyphen), not another word."""
    if old == new:
        return True
    if min(len(old), len(new)) < 3:
        return False
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= CORRECTION_MIN_WORD_LIKENESS


def correction_guard(source: str, output: str) -> list[str]:
    """Reasons why ``output`` is more than a correction of ``source``: a correction changes how words are
    spelt, joined or split, and articles (de/het), never which words there are, nor a negation or a modal."""
    source_words, output_words = _words(source), _words(output)
    old, new = [w.lower for w in source_words], [w.lower for w in output_words]
    changed: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or "".join(old[i1:i2]) == "".join(new[j1:j2]):  # written apart or joined
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
        if tag == "replace" and i2 - i1 == j2 - j1 and all(
            _spelt_alike(a, b) or (a in ARTICLES and b in ARTICLES) for a, b in pairs
        ):
            continue
        changed += [w.text for w in source_words[i1:i2]] + [w.text for w in output_words[j1:j2]]
    reasons = []
    if changed:
        reasons.append(
            _("Een correctie verandert alleen de spelling; deze woorden zijn weggelaten, vervangen of "
              "toegevoegd: {words}.").format(words=_quoted(dict.fromkeys(changed)))
        )
    if _negations(source_words) != _negations(output_words):
        reasons.append(_("Het aantal ontkenningen (niet, geen, nooit …) is veranderd."))
    if _modals(source_words, source) != _modals(output_words, output):
        reasons.append(_("Een hulpwerkwoord dat de betekenis bepaalt is veranderd."))
    return reasons
