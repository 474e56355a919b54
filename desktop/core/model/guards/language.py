"""The language guard: plain Dutch text of the kind asked for, without new spelling errors.

No code fences or markdown, no commentary of the model ("Hier is de herschreven tekst:"), not
(partly) English, and no word the spelling check flags that the input did not have.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from desktop.core.i18n import _
from desktop.core.model.guards.verdict import Speller

ENGLISH_SHARE = 0.25

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_MARKUP = re.compile(r"```|^\s{0,3}#{1,6}\s|\*\*|__|^\s*[-*]\s|<\/?[a-z]+>|\|\s*---", re.M)
_COMMENTARY = re.compile(
    r"^\s*(?:hier\s+is|hieronder|zeker|natuurlijk|uiteraard|graag|let\s+op|opmerking|toelichting|"
    r"herschreven(?:\s+tekst)?\s*:|verbeterde?\s+(?:tekst|zin)\s*:|b1\s*:|sure|here\s+is|certainly|note)\b",
    re.I,
)


@lru_cache(maxsize=65536)
def _looks_english(word: str) -> bool:
    lowered = word.lower()
    english, dutch = zipf_frequency(lowered, "en"), zipf_frequency(lowered, "nl")
    return english >= 3.0 and english > dutch + 1.0


def language_guard(source: str, output: str, speller: Speller) -> list[str]:
    """Reasons why ``output`` is not plain Dutch text (empty when it is)."""
    reasons: list[str] = []
    stripped = output.strip()
    if not stripped:
        return [_("Het model gaf een lege tekst.")]
    if _MARKUP.search(output) and not _MARKUP.search(source):
        reasons.append(_("Het antwoord bevat opmaakcode of een codeblok."))
    if _COMMENTARY.match(stripped) and not _COMMENTARY.match(source.strip()):
        reasons.append(_("Het antwoord begint met een toelichting van het model in plaats van de tekst."))
    words = WORD.findall(output)
    english = [w for w in words if _looks_english(w)]
    if words and len(english) / len(words) > ENGLISH_SHARE:
        reasons.append(_("Het antwoord is (deels) Engels."))
    known_errors = {source[s:e].lower() for s, e in speller.misspelt(source)}
    new_errors = sorted({output[s:e] for s, e in speller.misspelt(output)}, key=str.lower)
    new_errors = [w for w in new_errors if w.lower() not in known_errors]
    if new_errors:
        reasons.append(_("Nieuwe spelfouten: {words}.").format(words=", ".join(new_errors[:5])))
    return reasons
