"""The checkers compared in bench/eval_language.py, each as ``text -> findings``, and the injected error set.

- hunspell alone: OpenTaal's hunspell on every word, hunspell's first suggestion (no skip rules,
  no compound logic, no word lists).
- LanguageTool alone: LanguageTool's Dutch rules as they ship (lingotweaker, its own speller
  MORFOLOGIK on, style rules off as LanguageTool ships them), every match that is not style.
- Schrijfhulp rules: the app's rule stage (spelling with compounds and names, the noun lexicon for
  de/het, LanguageTool's rules as configured, every one-click fix checked).
- Schrijfhulp rules + model: the same, then the confusion stage with the embedded model.
"""

from __future__ import annotations

import random
import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from desktop.core.analysis import ARTICLE_RULE, DOUBTED_CONFIDENCE, LanguageTools
from desktop.core.findings import Category, Finding, Source, merge_findings
from desktop.core.language.confusion import ConfusionChecker
from desktop.core.language.fixes import verify_fixes
from desktop.core.language.genders import ArticleChecker
from desktop.core.language.grammar import category_of
from desktop.core.language.house_rules import RuleMatch
from desktop.core.language.spelling import SpellChecker

CHECKED = (Category.SPELLING, Category.GRAMMAR)
WORD = re.compile(r"[^\W\d_]+")
PLACEHOLDER = re.compile(r"\[[^\]]*\]")
TYPES = ("d/t", "de/het", "compound", "letters", "real-word", "kan u")

System = Callable[[str], list[Finding]]


def split_of(key: str) -> str:
    """'tuning' or 'heldout', fixed per document (or per item) by a hash of its id."""
    return "heldout" if zlib.crc32(key.encode("utf-8")) % 2 else "tuning"


# -- the systems --------------------------------------------------------------------------------------


def hunspell_alone(speller: SpellChecker) -> System:
    """Plain hunspell on every word outside placeholders, with its own first suggestion."""
    suggestions: dict[str, tuple[str, ...]] = {}

    def run(text: str) -> list[Finding]:
        hidden = [m.span() for m in PLACEHOLDER.finditer(text)]
        found = []
        for match in WORD.finditer(text):
            word = match.group()
            if any(s <= match.start() < e for s, e in hidden) or speller._spell(word):
                continue
            if word not in suggestions:
                suggestions[word] = speller.suggest(word)[:1]
            found.append(Finding("s", match.start(), match.end(), word, Category.SPELLING, "HUNSPELL", Source.RULE,
                                 "hunspell", suggestions[word]))
        return found

    return run


def languagetool_alone() -> System:
    """LanguageTool's Dutch rules as shipped (its speller on, tone-tagged style rules off)."""
    import lt_py

    from desktop.core.language.grammar import byte_to_char_offsets

    engine = lt_py.Engine("nl")

    def run(text: str) -> list[Finding]:
        to_char = byte_to_char_offsets(text)
        hidden = [m.span() for m in PLACEHOLDER.finditer(text)]
        found = []
        for match in engine.check(text):
            start, end = to_char(match["offset"]), to_char(match["offset"] + match["length"])
            rule = RuleMatch(start, end, match["rule_id"], match["category_id"] or "", match["issue_type"] or "",
                             match["message"], tuple(match["suggestions"]))
            if category_of(rule) not in CHECKED or any(s <= start < e for s, e in hidden):
                continue
            if rule.rule_id.startswith("MORFOLOGIK") or rule.issue_type == "misspelling":
                category = Category.SPELLING
            else:
                category = Category.GRAMMAR
            found.append(Finding("s", start, end, text[start:end], category, f"LT:{rule.rule_id}", Source.RULE,
                                 rule.message, rule.suggestions[:5]))
        return found

    return run


def schrijfhulp_rules(tools: LanguageTools) -> System:
    """The app's rule stage on one sentence (as run_analysis does it, without a document around it)."""

    def run(text: str) -> list[Finding]:
        findings = list(tools.spelling.check("s", text))
        if tools.articles is not None:
            findings += tools.articles.check("s", text)
        findings += tools.grammar.check("s", text)
        findings = verify_fixes(findings, text, tools.fix_check())
        return [f for f in merge_findings(findings, {"s": text}) if f.category in CHECKED]

    return run


def schrijfhulp_model(tools: LanguageTools, scorer: object) -> System:
    """The rule stage, then the confusion stage with the model (its doubts applied as the app applies them)."""
    rules = schrijfhulp_rules(tools)
    confusion = tools.confusion
    assert confusion is not None

    def run(text: str) -> list[Finding]:
        found = rules(text)
        judged = [f for _p, fs in confusion.judge([("s", text)], scorer, threading.Event(), 600.0,  # type: ignore[arg-type]
                                                  rule_findings={"s": found}) for f in fs]
        found = confusion.revise("s", found)
        for _p, start, end, _margin in confusion.report.doubts:
            found = [
                replace(f, confidence=min(f.confidence, DOUBTED_CONFIDENCE))
                if f.rule == ARTICLE_RULE and (f.start, f.end) == (start, end) else f
                for f in found
            ]
        return merge_findings(found + judged, {"s": text})

    return run


# -- the injected error set -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One sentence with one error: the text, the error span, its type, the correct sentence, the split."""

    text: str
    start: int
    end: int
    kind: str
    correct: str
    split: str


_ARTICLE_SWAP = {"de": "het", "het": "de", "deze": "dit", "dit": "deze"}
_ARTICLE_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S")
# Per error type, the ways of making one, taking turns within the type.
INJECTIONS: dict[str, tuple[str, ...]] = {
    "d/t": ("d/t",),
    "de/het": ("de/het",),
    "compound": ("los geschreven", "samenstelling"),
    "letters": ("ei/ij", "dubbele medeklinker", "letter weg", "letter extra"),
    "real-word": ("woordpaar",),
    "kan u": ("kan u",),
}
_KAN_U = re.compile(r"\b(?:[Kk]unt u|u kunt)\b")


def inject(sentence: str, how: str, speller: SpellChecker, confusion: ConfusionChecker, articles: ArticleChecker,
           rng: random.Random) -> tuple[str, int, int] | None:
    """``sentence`` with one error made ``how``, and the error's span; None when the sentence has no place for it.

    Every injection makes a sentence that is wrong: a d/t twin, a listed real-word twin, a letter error that
    is no word. An article is swapped only where it stands before a singular noun whose article the noun lexicon
    knows as one of the two (not "beide"), so that a pronoun ("omdat het goed gaat", "als de raad dit nodig
    vindt") or a plural ("de woningen") never becomes a "de/het error" that is no error; the lexicon is the
    judge of noun-hood here, so these cases measure the phrase reading and the judging, not the lexicon's gaps;
    "het", "dit" and "deze" before a noun that is also a verb form ("dit moet gebeuren") are left as they are.
    """
    if how == "kan u":
        found = _KAN_U.search(sentence)
        if found is None:
            return None
        new = found.group().replace("unt u", "an u").replace("u kunt", "u kan")
        return sentence[: found.start()] + new + sentence[found.end() :], found.start(), found.start() + len(new)
    if how == "de/het":
        tokens = list(_ARTICLE_TOKEN.finditer(sentence))
        places = []
        for index, match in enumerate(tokens):
            lower = match.group().lower()
            if lower not in _ARTICLE_SWAP or match.start() == 0:
                continue
            phrase = articles.phrase(tokens, index + 1)
            gender = articles.genders.gender(phrase.word) if phrase is not None and not phrase.plural else None
            if gender is None or gender.article not in ("de", "het"):
                continue
            if lower != "de" and gender.ambiguous:
                continue  # "waarmee dit moet gebeuren", "het kan lijken": a pronoun before a verb that is also a noun
            places.append(match)
        if not places:
            return None
        match = rng.choice(places)
        new = _ARTICLE_SWAP[match.group().lower()]
        return sentence[: match.start()] + new + sentence[match.end() :], match.start(), match.start() + len(new)
    tokens = [m for m in WORD.finditer(sentence) if not any(s <= m.start() < e for s, e in
                                                             (p.span() for p in PLACEHOLDER.finditer(sentence)))]
    rng.shuffle(tokens)

    def swap(match: re.Match[str], new: str) -> tuple[str, int, int]:
        return sentence[: match.start()] + new + sentence[match.end() :], match.start(), match.start() + len(new)

    for match in tokens:
        word = match.group()
        lower = word.lower()
        if not word.islower():
            continue
        if how == "d/t" and len(word) > 3 and word.endswith(("d", "t")):
            # the forms people mix up: wordt/word, vindt/vind, gebeurt/gebeurd, stimuleert/stimuleerd
            if word.endswith("dt"):
                return swap(match, word[:-1])
            twins = confusion.dt_twins(word)
            if twins:
                return swap(match, rng.choice(twins))
            if word.endswith(("eert", "eerd")) and len(word) > 6:
                return swap(match, word[:-1] + ("d" if word.endswith("t") else "t"))
        elif how == "los geschreven" and len(word) >= 9:
            for cut in range(4, len(word) - 3):
                if speller.in_dictionary(word[:cut]) and speller.in_dictionary(word[cut:]):
                    return swap(match, word[:cut] + " " + word[cut:])
        elif how == "samenstelling" and len(word) >= 9 and speller.compounds.parts(word):
            doubled = [i for i in range(2, len(word) - 2) if word[i] not in "aeiou" and word[i] != word[i - 1]
                       and word[i] != word[i + 1]]
            if doubled:
                i = rng.choice(doubled)
                return swap(match, word[: i + 1] + word[i:])
        elif how == "ei/ij" and ("ij" in word or "ei" in word) and len(word) > 3:
            new = word.replace("ij", "ei", 1) if "ij" in word else word.replace("ei", "ij", 1)
            if not speller.is_correct(new):
                return swap(match, new)
        elif how == "dubbele medeklinker" and len(word) > 5:
            doubled = [i for i in range(1, len(word) - 1) if word[i] == word[i + 1] and word[i] not in "aeiou"]
            if doubled:
                i = doubled[0]
                return swap(match, word[:i] + word[i + 1 :])
        elif how == "letter weg" and len(word) > 5:
            i = rng.randrange(1, len(word) - 1)
            new = word[:i] + word[i + 1 :]
            if not speller.is_correct(new):
                return swap(match, new)
        elif how == "letter extra" and len(word) > 4:
            i = rng.randrange(1, len(word) - 1)
            new = word[:i] + word[i] + word[i:]
            if not speller.is_correct(new):
                return swap(match, new)
        elif how == "woordpaar" and confusion.pairs.twins(lower):
            return swap(match, rng.choice(confusion.pairs.twins(lower)))
    return None


def government_sentences(letters: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(document id, sentence) for every full sentence of the real letters and decisions ``letters`` (id, text):
    at least five words, a capital first and a full stop, question mark or colon last (no headings, addresses or
    list items)."""
    from desktop.core.language.sentences import split_sentences

    found = []
    for document, text in letters:
        for paragraph in text.split("\n\n"):
            for sentence in split_sentences(" ".join(paragraph.split())):
                words = sentence.text.split()
                if len(words) >= 5 and sentence.text[:1].isupper() and sentence.text.rstrip()[-1:] in ".?:":
                    found.append((document, sentence.text.strip()))
    return found


def injected_cases(sources: list[tuple[str, str]], speller: SpellChecker, confusion: ConfusionChecker,
                   articles: ArticleChecker, per_type: int = 150, seed: int = 20241124) -> list[Case]:
    """One error per sentence of ``sources`` ((document id, correct sentence)), at most ``per_type`` of each
    type in :data:`INJECTIONS`. The sentences are taken in an order fixed by ``seed``; each is given the type
    that has the fewest cases so far among those it has a place for, so that the rarer types (real-word pairs,
    d/t) are not crowded out by letter errors. The split (tuning or held-out) is the sentence's document's."""
    rng = random.Random(seed)
    order = list(sources)
    rng.shuffle(order)
    counts: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    cases: list[Case] = []
    for document, sentence in order:
        for kind in sorted((k for k in INJECTIONS if counts[k] < per_type), key=lambda k: (counts[k], k)):
            ways = INJECTIONS[kind]
            made = None
            for offset in range(len(ways)):  # the type's ways take turns; the next one where this one has no place
                made = inject(sentence, ways[(turns[kind] + offset) % len(ways)], speller, confusion, articles, rng)
                if made is not None:
                    break
            if made is not None and made[0] != sentence:
                turns[kind] += 1
                counts[kind] += 1
                cases.append(Case(made[0], made[1], made[2], kind, sentence, split_of(document)))
                break
    return cases
