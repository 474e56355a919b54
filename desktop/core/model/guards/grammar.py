"""The grammar guard: a rewrite may not have a LanguageTool finding that its input did not have.

"Het gemeenteraad … willen" (a wrong article, a plural verb with a singular subject) in a rewrite of a
correct sentence is refused. Findings are compared per rule: the output may have as many findings of
a rule as the input had (a kept officialese word stays flagged), never more.

Errors LanguageTool does not see in a split are checked by rules of our own, on the sentences of the
output that are not in the input: a new sentence that opens with a pronoun, its verb and then a subject
of its own in a passive clause (:func:`double_subjects`: "Dit kan de post verstuurd worden", the 1.5B
model's split of "... en kan de post verstuurd worden"; a passive clause has no object, so the pronoun
has no place in it), and a piece that is no sentence (:func:`pieces`: "Zodat de afdeling ... heeft.",
"Een om te versturen naar de burger en één voor het opsturen naar Weesp."), and a new sentence whose
subject was no subject in the input (:func:`new_subjects`: "Het documentnummer zal mailen"), or is a
pronoun put before a clause that shared its subject (:func:`new_pronoun_subjects`: "Iedereen voelt ...,
wordt gewaardeerd" → "Dit wordt gewaardeerd").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from desktop.core.i18n import _
from desktop.core.language.clauses import SENTENCE_BREAK
from desktop.core.language.finite_verbs import finite_forms, has_finite_verb, is_finite, tokenize
from desktop.core.language.grammar import GrammarUnavailableError
from desktop.core.language.sentences import split_sentences
from desktop.core.model.guards.verdict import GrammarMatches, GuardOutcome

# A sentence that opens with one of these pronouns, a finite verb and a noun phrase ("Dit kan de post")
# and has a passive auxiliary in the same clause has two subjects.
PRONOUN_STARTS = frozenset({"dit", "dat", "het"})
NOUN_PHRASE_STARTS = frozenset(
    {"de", "het", "een", "uw", "zijn", "haar", "hun", "onze", "ons", "mijn", "deze", "dit", "die", "alle", "elke"}
)
PASSIVE_AUXILIARIES = frozenset({"worden", "wordt", "werd", "werden"})
# Where the clause ends: a comma or a word that opens a clause of its own ("waarop", "waarmee" too). Not told
# apart: "Dat kan de burger gevraagd worden" (an indirect object) is refused too; a lost suggestion, never a
# wrong one.
CLAUSE_ENDS = frozenset(
    {",", ";", ":", "die", "dat", "wat", "omdat", "als", "wanneer", "zoals", "zodat", "terwijl", "nadat",
     "voordat", "doordat", "hoewel", "of", "en", "maar", "want"}
)  # fmt: skip
_TOKEN = re.compile(r"\w+|[,;:]")
# Words that open a subordinate clause and never a sentence of its own (a question apart): a new sentence that
# starts with one is a piece cut from the sentence before it ("Zodat de afdeling ... heeft.").
PIECE_STARTS = frozenset(
    {"zodat", "opdat", "waardoor", "waarbij", "waarmee", "waarin", "waarna", "waarop", "waarover", "waarvan",
     "waaraan", "waaruit", "waarvoor"}
)  # fmt: skip


def _sentences(text: str) -> list[str]:
    """The sentences of ``text``, also where the sentence splitter reads a full stop as an abbreviation's
    ("het Zijkanaal I. Vooraf.")."""
    return [part for span in split_sentences(text) for part in SENTENCE_BREAK.split(span.text) if part]


def double_subjects(source: str, output: str) -> list[str]:
    """The sentences of ``output`` that are not in ``source`` and open with a pronoun, a finite verb and a
    subject of its own in a passive clause ("Dit kan de post verstuurd worden")."""
    found: list[str] = []
    forms = finite_forms()
    for sentence in _sentences(output):
        if sentence in source:
            continue
        tokens = [t.lower() for t in _TOKEN.findall(sentence)]
        if len(tokens) < 4 or tokens[0] not in PRONOUN_STARTS or tokens[2] not in NOUN_PHRASE_STARTS:
            continue
        if tokens[1] not in forms:
            continue
        clause = []
        for token in tokens[3:]:
            if token in CLAUSE_ENDS or token.startswith("waar"):
                break
            clause.append(token)
        if any(t in PASSIVE_AUXILIARIES for t in clause):
            found.append(sentence)
    return found


def pieces(source: str, output: str) -> list[str]:
    """The sentences of ``output`` that are not in ``source`` and are no sentence: one that starts with a word
    of :data:`PIECE_STARTS` and is no question, or one without a finite verb ("Een om te versturen naar de
    burger en één voor het opsturen naar Weesp."). Not checked when ``source`` has no finite verb itself (a
    heading, "Gelet op ...;").

    Strict on purpose: experts write such pieces now and then ("Of een combinatie hiervan."); on the tuning
    documents of the Amsterdam pairs 23 of 945 expert rewrites have one. A refused split is a lost suggestion;
    a piece offered as a sentence is a wrong one.
    """
    if not has_finite_verb(source):
        return []
    found: list[str] = []
    for text in _sentences(output):
        if text in source:
            continue
        first = _TOKEN.findall(text)[:1]
        starts_piece = bool(first) and first[0].lower() in PIECE_STARTS and not text.endswith("?")
        if starts_piece or not has_finite_verb(text):
            found.append(text)
    return found


def _agrees(head: str, form: str) -> bool:
    """True when the finite verb ``form`` can go with a noun phrase ending in ``head`` (plural: -en, -s)."""
    persons = finite_forms().get(form)
    if persons is None:
        return False
    plural = head.endswith(("en", "s")) and len(head) > 4
    return "m" in persons.persons if plural else "3" in persons.persons


def _first_verb(sentence: str) -> tuple[list[str], int | None]:
    """The sentence's words (lower case) and the index of its first finite verb, or None."""
    tokens = tokenize(sentence)
    words = [t.lower for t in tokens]
    verb = next((i for i in range(len(tokens)) if tokens[i].is_word and is_finite(tokens, i, strict=True)), None)
    return words, verb


@lru_cache(maxsize=64)
def _subject_words(source: str) -> frozenset[str]:
    """Words of ``source`` that stand where a subject stands: before a sentence's first finite verb, or right
    before a finite verb that agrees with them ("... en de beslissing volgt later"). Kept per source: both
    subject checks ask for it, for every candidate of the same input."""
    found: set[str] = set()
    for sentence in _sentences(source):
        words, verb = _first_verb(sentence)
        found.update(words[: verb if verb is not None else 0])
        found.update(w for w, following in pairwise(words) if _agrees(w, following))
    return frozenset(found)


def new_subjects(source: str, output: str) -> list[tuple[str, str]]:
    """(sentence, phrase) for each sentence of ``output`` not in ``source`` that opens with a noun phrase and
    then its finite verb, where that phrase was no subject in ``source`` (:func:`_subject_words`): "De afdeling
    zal een document aanmaken en het documentnummer mailen" → "Het documentnummer zal mailen", the object
    became the subject.

    Strict on purpose: a subject that stood after its verb in the source ("Daarom stuurt de gemeente ...") is
    refused too; a lost suggestion, never a wrong one.
    """
    subjects = _subject_words(source)
    source_words = {t.lower for t in tokenize(source)}
    found: list[tuple[str, str]] = []
    for sentence in _sentences(output):
        if sentence in source:
            continue
        words, verb = _first_verb(sentence)
        if verb is None or verb < 2 or words[0] not in NOUN_PHRASE_STARTS:
            continue
        head = words[verb - 1]
        if head in source_words and head not in subjects:  # a word the source lacks is the content guard's
            found.append((sentence, " ".join(words[:verb])))
    return found


# Pronouns that can open a new sentence as its subject and point back ("Dit wordt ...", "Die heeft ...").
POINTING_PRONOUNS = frozenset({"dit", "dat", "het", "deze", "die"})
# How many words after the pronoun must stand in the input, after a comma or a conjunction.
COPIED_WORDS = 3


def new_pronoun_subjects(source: str, output: str) -> list[str]:
    """The sentences of ``output`` not in ``source`` that open with a pointing pronoun ("dit", "dat", "het",
    "deze", "die") put before a clause of ``source`` that shared the subject of the clause before it (its
    next words follow a comma, "en" or "maar" in ``source``), where the pronoun was no subject in ``source``.
    The 1.5B model made "Iedereen voelt ..., wordt evenredig gewaardeerd en heeft toegang ..." into "... Dit
    wordt evenredig gewaardeerd en heeft toegang ...": "Dit" points at something else than "Iedereen", and
    the meaning changed. A pronoun that opens a sentence of the model's own words ("Het kan zijn dat ...")
    is left to the content guard.
    """
    subjects = _subject_words(source)
    found: list[str] = []
    for sentence in _sentences(output):
        if sentence in source:
            continue
        words, verb = _first_verb(sentence)
        if verb != 1 or words[0] not in POINTING_PRONOUNS or words[0] in subjects:
            continue
        following = _TOKEN.findall(sentence)[1 : 1 + COPIED_WORDS]
        if len(following) < COPIED_WORDS:
            continue
        copied = r"\s+".join(re.escape(w) for w in following)
        if re.search(rf"(?:,|\ben|\bmaar)\s+{copied}\b", source, re.IGNORECASE):
            found.append(sentence)
    return found


def grammar_guard(source: str, output: str, grammar: GrammarMatches | None) -> GuardOutcome:
    """The grammar guard's outcome; it does not run (and says so) without a LanguageTool."""
    if grammar is None:
        return GuardOutcome("grammatica", _("Niet gecontroleerd: er is geen LanguageTool ingesteld."), ran=False)
    try:
        before, after = grammar(source), grammar(output)
    except GrammarUnavailableError as exc:
        return GuardOutcome("grammatica", _("Niet gecontroleerd: {reason}").format(reason=exc), ran=False)
    allowed = Counter(match.rule for match in before)
    reasons = [
        _("Zinsbouw klopt niet: ‘{sentence}’ heeft twee onderwerpen.").format(sentence=text)
        for text in double_subjects(source, output)
    ]
    reasons += [
        _("‘{sentence}’ is geen hele zin: een stuk van de zin ervoor.").format(sentence=text)
        for text in pieces(source, output)
    ]
    reasons += [
        _("In ‘{sentence}’ is ‘{phrase}’ het onderwerp geworden; in de oorspronkelijke tekst was het dat niet. "
          "Dan verandert wie wat doet.").format(sentence=text, phrase=phrase)
        for text, phrase in new_subjects(source, output)
    ]
    reasons += [
        _("In ‘{sentence}’ is ‘{word}’ het onderwerp; het verwijst niet naar het onderwerp van de oorspronkelijke "
          "zin. Dan verandert wie of wat er bedoeld wordt.").format(sentence=text, word=_TOKEN.findall(text)[0])
        for text in new_pronoun_subjects(source, output)
    ]
    for match in after:
        if allowed[match.rule] > 0:
            allowed[match.rule] -= 1
            continue
        reasons.append(
            _("Nieuwe taalfout: ‘{text}’ — {message}").format(text=match.text, message=match.message.rstrip("."))
        )
    return GuardOutcome("grammatica", _("Geen nieuwe taalfouten volgens LanguageTool."), tuple(reasons))
