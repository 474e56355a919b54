"""Dutch lemmas of single words, from simplemma's Dutch data (shipped inside the package, no download)."""

from __future__ import annotations

from functools import lru_cache

import simplemma


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The Dutch lemma of ``word`` (lower case; separable verbs without simplemma's underscore)."""
    lowered = word.lower()
    return simplemma.lemmatize(lowered, lang="nl").lower().replace("_", "")
