"""Word-level differences between a text and its rewrite (for minimal suggestions and for display)."""

from __future__ import annotations

import difflib
import re

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, runs of white space and single punctuation marks, in order; they join back to ``text``."""
    return TOKEN.findall(text)


def opcodes(original: str, rewritten: str) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    """The token lists of both texts and difflib's opcodes between them (no junk heuristics)."""
    old, new = tokens(original), tokens(rewritten)
    codes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return old, new, [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in codes]


def diff_segments(original: str, rewritten: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) per hunk, tag "equal", "replace", "delete" or "insert"."""
    old, new, codes = opcodes(original, rewritten)
    return [(tag, "".join(old[i1:i2]), "".join(new[j1:j2])) for tag, i1, i2, j1, j2 in codes]
