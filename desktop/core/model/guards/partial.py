"""What the guards can already tell about an answer that is still being written.

The model writes a few tokens a second on a laptop, so an answer that is bound to be refused is
stopped as soon as that is certain, instead of being written out (candidates.EarlyStop calls this
on every token). Only what no continuation can repair counts:

- markup (a code fence, a heading, bold, a tag) or the model's commentary at the start, which the
  input does not have: the language guard refuses any text that contains it;
- a fact the input does not have (an amount, date, number, term, name, reference, an added negation
  or obligation): the fact guard refuses any output with a fact that is not in its source. A fact
  counts once three more words follow it, so "19 mei" is not judged before "2024" can follow;
- English: the language guard refuses an answer that is more than a quarter English. Stopped here
  when at least five of the words so far, and more than half of them, are English;
- (a rewrite) more words than the purpose guard allows (25% more than the input, plus four).

A missing fact cannot be told before the end (the model may still write it), nor can a new spelling
error (whether a word counts as a name depends on the rest of the text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from desktop.core.i18n import _
from desktop.core.language.sentences import words
from desktop.core.model.guards.facts import extract_facts, fact_key, fact_keys, known_keys
from desktop.core.model.guards.language import _COMMENTARY, _MARKUP, WORD, _looks_english
from desktop.core.model.guards.level import B1_GROWTH_SLACK, B1_MAX_GROWTH
from desktop.core.model.guards.verdict import GuardContext

SETTLED_AFTER_WORDS = 3  # a fact followed by this many words is complete
MIN_ENGLISH_WORDS = 5
ENGLISH_SHARE_SO_FAR = 0.5
_TOKENS = re.compile(r"\S+")


def _without_last_words(text: str, count: int) -> str:
    """``text`` up to the end of its word ``count`` words before the last ("" when it has no more words)."""
    ends = [match.end() for match in _TOKENS.finditer(text)]
    return text[: ends[-count - 1]] if len(ends) > count else ""


@lru_cache(maxsize=64)
def _source_facts(
    source: str, protected_terms: tuple[str, ...], is_word: Callable[[str], bool]
) -> frozenset[tuple[str, str]]:
    """The facts of the input, once per input (the answer is judged again at every word)."""
    return frozenset(known_keys(extract_facts(source, protected_terms, is_word)))


def _word_count(text: str) -> int:
    """Words as the readability measures count them (the purpose guard's length)."""
    return sum(1 for token in words(text) if any(c.isalpha() for c in token.text))


def partial_refusal(
    source: str, written: str, context: GuardContext, *, rewrite: bool = False
) -> tuple[str, str] | None:
    """(guard, Dutch reason) when ``written`` (the answer so far, complete words only) is bound to be refused;
    ``rewrite``: the answer is a B1 rewrite (which may not grow much)."""
    if not written.strip():
        return None
    if rewrite:
        before, after = _word_count(source), _word_count(written)
        if after > B1_MAX_GROWTH * before + B1_GROWTH_SLACK:
            return "niveau", _(
                "De herschrijving is veel langer dan het origineel ({after} in plaats van {before} woorden)."
            ).format(after=after, before=before)
    if _MARKUP.search(written) and not _MARKUP.search(source):
        return "taal", _("Het antwoord bevat opmaakcode of een codeblok.")
    if _COMMENTARY.match(written.strip()) and not _COMMENTARY.match(source.strip()):
        return "taal", _("Het antwoord begint met een toelichting van het model in plaats van de tekst.")
    words = WORD.findall(written)
    english = [w for w in words if _looks_english(w)]
    if len(english) >= MIN_ENGLISH_WORDS and len(english) > ENGLISH_SHARE_SO_FAR * len(words):
        return "taal", _("Het antwoord is (deels) Engels.")
    settled = _without_last_words(written, SETTLED_AFTER_WORDS)
    if settled:
        is_word = context.speller.in_dictionary
        known = _source_facts(source, tuple(context.protected_terms), is_word)
        later = fact_keys(extract_facts(written, context.protected_terms, is_word))
        for fact in extract_facts(settled, context.protected_terms, is_word):
            key = fact_key(fact)
            if key not in known and key in later:
                if fact.kind == "polarity":
                    what = _("ontkenning") if fact.value == "ontkenning" else _("verplichting")
                    return "feiten", _("Het model voegde een {what} toe.").format(what=what)
                return "feiten", _("{fact} staat niet in de oorspronkelijke tekst.").format(fact=repr(fact.text))
    return None
