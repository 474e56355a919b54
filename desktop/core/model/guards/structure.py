"""The structure guard: a rewrite keeps the form of its input.

- A list item stays a list item: the same first-letter case and the same closing punctuation
  (";", ":", ","), and it is not split into sentences (that would break the list).
- A paragraph-level marker stays at the start: numbering ("1", "2.", "a."), a bullet, "dat",
  "Gelet op", "Overwegende dat".
- No sentence of the model's own: every sentence of the output is made of the input's words, and a
  sentence is split into at most three.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.i18n import _
from desktop.core.language.sentences import split_sentences
from desktop.core.language.wordlists import B1WordList
from desktop.core.model.guards.content import added_words, content_words
from desktop.core.model.guards.verdict import RuleMatch

MAX_SPLIT = 3  # a sentence may become at most three
LIST_ENDINGS = (";", ":", ",")
MARKER = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*[.)]?|[a-z][.)]|[ivx]+[.)]|[-–•*])(?=\s)"
    r"|(?:overwegende\s+dat|overwegende|gelet\s+op|gezien|dat|besluit(?:en)?|beslist)\b)",
    re.I,
)


def first_letter(text: str) -> str:
    """The first letter of ``text`` (empty when it has none)."""
    return next((c for c in text if c.isalpha()), "")


def closing_punctuation(text: str) -> str:
    """The punctuation mark that ends ``text`` (empty when it ends in a letter or digit)."""
    stripped = text.rstrip()
    return stripped[-1] if stripped and not stripped[-1].isalnum() else ""


def describe_form(source: str) -> str:
    """What the structure guard keeps of ``source``, in Dutch (for the verdict)."""
    parts = []
    marker = MARKER.match(source)
    if marker:
        parts.append(_("begint met ‘{marker}’").format(marker=marker[0].strip()))
    letter = first_letter(source)
    if letter:
        parts.append(_("kleine beginletter") if letter.islower() else _("hoofdletter aan het begin"))
    ending = closing_punctuation(source)
    parts.append(_("eindigt op ‘{ending}’").format(ending=ending) if ending else _("geen leesteken aan het eind"))
    return "; ".join(parts)


def _starts_with_words(text: str, marker: str) -> bool:
    """True when ``text`` starts with the words of ``marker``, whole ("Datum" does not start with "dat")."""
    wanted = marker.strip().lower()
    return re.match(rf"{re.escape(wanted)}(?!\w)", text.lstrip().lower()) is not None


def structure_guard(
    source: str, output: str, alternatives: B1WordList | None = None, style: Sequence[RuleMatch] = ()
) -> list[str]:
    """Reasons why ``output`` does not keep the form of ``source`` (empty when it does)."""
    reasons = []
    marker = MARKER.match(source)
    if marker and not _starts_with_words(output, marker[0]):  # case: see below
        reasons.append(
            _("De tekst begon met ‘{marker}’; de herschrijving niet meer.").format(marker=marker[0].strip())
        )
    before, after = first_letter(source), first_letter(output)
    if before and after and before.islower() != after.islower():
        reasons.append(
            _("De beginletter veranderde van ‘{before}’ naar ‘{after}’; dit hoort bij een opsomming.").format(
                before=before, after=after
            )
            if before.islower()
            else _("De beginletter veranderde van een hoofdletter naar een kleine letter.")
        )
    ending_before, ending_after = closing_punctuation(source), closing_punctuation(output)
    if ending_before != ending_after:
        reasons.append(
            _("De tekst eindigde op ‘{before}’ en de herschrijving op ‘{after}’.").format(
                before=ending_before or _("geen leesteken"), after=ending_after or _("geen leesteken")
            )
        )
    sentences_before = max(1, len(split_sentences(source)))
    sentences = split_sentences(output)
    if ending_before in LIST_ENDINGS and len(sentences) > sentences_before:
        reasons.append(_("Een onderdeel van een opsomming is in losse zinnen gesplitst."))
    elif len(sentences) > MAX_SPLIT * sentences_before:
        reasons.append(
            _("Het model maakte {after} zinnen van {before}; hooguit {limit}.").format(
                after=len(sentences), before=sentences_before, limit=MAX_SPLIT * sentences_before
            )
        )
    if len(sentences) > 1:
        for sentence in sentences:
            words = content_words(sentence.text)
            foreign = added_words(source, sentence.text, alternatives, style)
            if words and 2 * len(foreign) > len(words):
                reasons.append(_("Het model voegde een eigen zin toe: ‘{sentence}’").format(sentence=sentence.text))
    return reasons
