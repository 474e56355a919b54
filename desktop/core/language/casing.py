"""A replacement written in the case of the word it replaces: "Word" → "Wordt", "WORD" → "WORDT"."""

from __future__ import annotations


def case_like(word: str, original: str) -> str:
    """``word`` in the case of ``original``: all capitals (two letters or more), a capital first, or as it is."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
