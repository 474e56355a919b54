"""Moving a subordinate clause's finite verb to second place, when the clause becomes a main clause of its own.

Which words of the clause can be its finite verb (the model judges among them, desktop/core/model/rule_rewrites.py),
how a separable verb comes apart when it moves ("die Waternet afgeeft" → "Die geeft Waternet af"), and the clause's
text without the moved verb. Used by :mod:`desktop.core.language.clauses`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from wordfreq import zipf_frequency

from desktop.core.language.finite_verbs import PREPOSITIONS, FiniteForm, Token, finite_forms, is_finite
from desktop.core.language.lemmas import lemma

# At most this many finite forms of a subordinate clause are offered as its verb (the last ones first).
MAX_VERB_CHOICES = 4
SINGULAR_PRONOUNS = frozenset({"ik", "je", "jij", "u", "hij", "het", "men"})
# Forms the dictionary lists as verbs too ("nieten", "uiten") that in these texts are other words.
NOT_VERBS = frozenset(
    {
        "niet", "uit", "echt", "net", "want", "maart", "buiten", "vast", "naast", "recht", "kort", "slecht",
        "dicht", "acht", "zeven", "negen", "zeker", "wel", "even", "ook", "eens", "zelf", "open",
    }
)  # fmt: skip
# Particles of separable verbs: "voordoet" is "doet ... voor" in a main clause.
PARTICLES = (
    "overeen", "teweeg", "terug", "samen", "tegen", "voorbij", "binnen", "buiten", "door", "mee", "aan", "af",
    "bij", "in", "na", "om", "op", "over", "toe", "uit", "voor", "weg", "vast", "vrij", "los", "neer", "open",
    "dicht", "rond", "heen", "kennis", "plaats", "deel",
)  # fmt: skip
# Particles whose verbs can also be inseparable ("voorkómt", "overwéégt", "omvat"): both forms are offered and the
# model judges. A verb known to be separable with another particle is only offered split when it moves ("die
# Waternet afgeeft" → "Die geeft Waternet af"; "Die afgeeft Waternet" is no Dutch, and no guard refuses it).
BOTH_WAYS = frozenset({"door", "over", "om", "voor"})


def separated(word: str, particle: str, forms: Mapping[str, FiniteForm]) -> str | None:
    """The verb of ``word`` without ``particle`` when ``word`` is that particle's separable verb ("afgeeft" →
    "geeft"): the rest is a finite form of the same persons, and the lemmas agree ("afgeven" is "af" + "geven";
    "opent" is no "op" + "enten")."""
    rest = word[len(particle) :]
    if not word.startswith(particle) or len(rest) < 2 or rest not in forms:
        return None
    if forms[rest].persons != forms[word].persons or lemma(word) != particle + lemma(rest):
        return None
    return rest


def always_separable(particle: str, rest: str) -> bool:
    """True when the verb ``particle`` + ``rest`` ("af" + "geeft") is separable and has no inseparable twin: its
    particle is not one of :data:`BOTH_WAYS`, and its separable participle is a word people write ("afgegeven",
    "vastgesteld": the particle, "ge" and the participle of a weak verb or the infinitive of a strong one). Where
    the participle cannot be made this way ("aangeboden", "ingeformeerd"), it is not known."""
    if particle in BOTH_WAYS:
        return False
    stem = rest[:-1] if rest.endswith("t") else rest
    participles = (f"{particle}ge{lemma(rest)}", f"{particle}ge{stem}d", f"{particle}ge{stem}t")
    return any(zipf_frequency(p, "nl") > 0 for p in participles)


def verb_choices(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, str, str]]:
    """The words of a subordinate clause (opened at ``start``) that can be its finite verb: (index, the verb as
    moved, what stays). When the clause's subject is a pronoun right after its first word, the verb agrees
    with it ("als u ... kunt": not the plural "stemmen")."""
    forms = finite_forms()
    subject = tokens[start + 1].lower if start + 1 < end else ""
    wanted = "m" if subject in ("we", "wij", "jullie") else ("13" if subject in SINGULAR_PRONOUNS else "13m")
    choices: list[tuple[int, str, str]] = []
    for i in range(end - 1, start, -1):
        if tokens[i].depth or not is_finite(tokens, i) or tokens[i].lower in PREPOSITIONS | NOT_VERBS:
            continue
        if not set(forms[tokens[i].lower].persons) & set(wanted):
            continue
        word = tokens[i].lower
        split = [(rest, particle) for particle in PARTICLES if (rest := separated(word, particle, forms)) is not None]
        if not any(always_separable(particle, rest) for rest, particle in split):
            choices.append((i, word, ""))
        choices += [(i, rest, particle) for rest, particle in split]
        if len(choices) >= MAX_VERB_CHOICES:
            break
    return choices


def clause_text(sentence: str, tokens: Sequence[Token], start: int, end: int, skip: int, replacement: str) -> str:
    """The text of ``tokens[start:end]`` as written, with the token at ``skip`` replaced (or left out)."""
    parts: list[str] = []
    position = tokens[start].start
    for i in range(start, end):
        token = tokens[i]
        if i == skip:
            parts.append(sentence[position : token.start])
            if replacement:
                parts.append(replacement)
            else:  # drop the word and one space around it
                if parts and parts[-1].endswith(" "):
                    parts[-1] = parts[-1][:-1]
            position = token.end
            continue
    parts.append(sentence[position : tokens[end - 1].end])
    text = "".join(parts)
    return re.sub(r"\s{2,}", " ", text).strip()
