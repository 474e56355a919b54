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
from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop.core.analysis import ARTICLE_RULE, DOUBTED_CONFIDENCE, LanguageTools
from desktop.core.findings import Category, Finding, Source, merge_findings
from desktop.core.language.confusion import ConfusionChecker
from desktop.core.language.fixes import verify_fixes
from desktop.core.language.grammar import RuleMatch, category_of
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
        judged = [f for _p, fs in confusion.judge([("s", text)], scorer, threading.Event(), 600.0) for f in fs]  # type: ignore[arg-type]
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
_NOT_A_NOUN = frozenset(
    ["is", "was", "wordt", "werd", "zijn", "heeft", "had", "kan", "moet", "zal", "mag", "gaat", "komt", "staat",
     "niet", "ook", "al", "wel", "nog"]
)
INJECTIONS = (
    ("d/t", "d/t"),
    ("de/het", "de/het"),
    ("los geschreven", "compound"),
    ("samenstelling", "compound"),
    ("ei/ij", "letters"),
    ("dubbele medeklinker", "letters"),
    ("letter weg", "letters"),
    ("letter extra", "letters"),
    ("woordpaar", "real-word"),
)


def inject(sentence: str, how: str, speller: SpellChecker, confusion: ConfusionChecker,
           rng: random.Random) -> tuple[str, int, int] | None:
    """``sentence`` with one error made ``how``, and the error's span; None when the sentence has no place for it."""
    tokens = [m for m in WORD.finditer(sentence) if not any(s <= m.start() < e for s, e in
                                                             (p.span() for p in PLACEHOLDER.finditer(sentence)))]
    rng.shuffle(tokens)

    def swap(match: re.Match[str], new: str) -> tuple[str, int, int]:
        return sentence[: match.start()] + new + sentence[match.end() :], match.start(), match.start() + len(new)

    for match in tokens:
        word = match.group()
        lower = word.lower()
        if not word.islower() and how not in ("de/het",):
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
        elif how == "de/het" and lower in _ARTICLE_SWAP and match.start() > 0:
            following = sentence[match.end() :].split(maxsplit=1)
            if following and following[0][:1].islower() and following[0] not in _NOT_A_NOUN:
                return swap(match, _ARTICLE_SWAP[lower])
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


_KAN_U = re.compile(r"\b(?:[Kk]unt u|u kunt)\b")


def injected_cases(rows: list[tuple[str, str]], extra_kan_u: list[str], speller: SpellChecker,
                   confusion: ConfusionChecker, seed: int = 20241124) -> list[Case]:
    """One error per sentence, the injections taking turns; ``rows`` are (document id, correct sentence)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for number, (document, sentence) in enumerate(rows):
        how, kind = INJECTIONS[number % len(INJECTIONS)]
        made = inject(sentence, how, speller, confusion, rng)
        if made is not None:
            cases.append(Case(made[0], made[1], made[2], kind, sentence, split_of(document)))
    for number, sentence in enumerate(extra_kan_u):
        found = _KAN_U.search(sentence)
        if found:
            new = found.group().replace("unt u", "an u").replace("u kunt", "u kan")
            text = sentence[: found.start()] + new + sentence[found.end() :]
            cases.append(Case(text, found.start(), found.start() + len(new), "kan u", sentence,
                              split_of(f"kan-u-{number}")))
    return cases
