"""Where a long Dutch sentence can be split into shorter ones, and how each split can be written.

Rules find the places; the ways a split can be written are offered as alternatives, and the model
picks among them by log-probability (desktop/core/model/rule_rewrites.py). A place is offered only where
both parts are whole clauses:

- ``;`` or ``:`` between two main clauses: "X; Y." → "X. Y.", "X zijn gescheiden: auto's rijden ..." →
  "X zijn gescheiden. Auto's rijden ..." (a colon after a label, with no verb before it, or right after
  the verb, "Het college besluit:", is no place);
- a coordinating conjunction between two main clauses, with or without a comma: "X, maar Y." →
  "X. Maar Y." (main-clause order stays). When the second clause has no subject of its own ("X en
  hebben geen stemrecht"), a pronoun that agrees with its verb is put in ("Maar ze hebben ..."); when
  it starts with its verb after a fronted adverb ("Hierdoor zal X en kan Y"), the adverb is repeated
  or "Ook" is put before it;
- a comma between two main clauses ("X, hiermee is Y") → "X. Hiermee is Y"; after a fronted adverb a
  form of a common verb ("is", "kan", "wordt") is the clause's verb, also when no subject follows it
  ("..., hiermee is rekening gehouden in de verkaveling");
- a subordinate clause at the end that becomes a main clause with a linking adverb: ", waardoor Y" →
  ". Daardoor Y", ", waarbij Y" → ". Daarbij Y", ", wat Y" → ". Dat Y", ", die Y" → ". Die Y". The
  finite verb moves from the end of the clause to the second place ("waardoor de kosten kunnen
  stijgen" → "Daardoor kunnen de kosten stijgen"); which word is the finite verb is for the model to
  judge: each finite form of the clause is offered (a separable verb is split: "vaststelt" → "stelt
  ... vast"; it is offered whole as well unless it is known to be separable only: "voorkomt"). Not
  when the clause joins two singular verbs ("waardoor het X beperkt en Y vaststelt": either verb moved
  leaves the other at the end of a main clause).
- a relative clause with "die" right after an indefinite noun phrase at the end, without a comma: "X is
  een gemeenschappelijke ruimte die toegankelijk is voor ..." → "X is een gemeenschappelijke ruimte. Die
  is toegankelijk voor ..." (as the experts split it). Only "die": "dat" and "wat" after a noun can open
  a clause that is no relative clause ("een teken dat ..."). Not after an auxiliary or modal verb (its
  participle or infinitive may follow the relative clause), nor when the clause holds two verbs joined by
  a conjunction ("die zichzelf aanpast en belemmeringen wegneemt": one moved verb breaks it).

Never offered: a split inside brackets or quotes, of a list item (it ends in ";", ":" or ","), of a
sentence whose subject holds a clause of its own ("Een migrant die ... heeft, ... en ..., is ..."),
or inside a subordinate clause ("Het is belangrijk dat A en B": "En B" would be no sentence).

Which word can be a finite verb is read by :mod:`desktop.core.language.finite_verbs`; how it moves (and how a
separable verb comes apart) by :mod:`desktop.core.language.verb_movement`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from desktop.core.language.finite_verbs import (
    CERTAIN_VERBS,
    CLOSING,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    Token,
    finite_forms,
    is_finite,
    tokenize,
)
from desktop.core.language.verb_movement import NOT_VERBS, clause_text, verb_choices

WordCheck = Callable[[str], bool]
# A part of a split has at least this many words ("Maar ze hebben geen stemrecht" is fine).
MIN_PART_WORDS = 3
# The finite verb of a main clause stands within this many words of its start (after the first part of the
# sentence: "Als gevolg van de financiële crisis is ...").
V2_WINDOW = 8

COORDINATORS = frozenset({"en", "maar", "want", "dus"})
CONDITIONS = frozenset({"als", "indien"})  # a condition at the start that can become a question
SUBORDINATORS = frozenset(
    {
        "dat", "als", "omdat", "wanneer", "indien", "doordat", "zodat", "terwijl", "hoewel", "nadat", "voordat",
        "zodra", "tenzij", "mits", "totdat", "opdat", "zoals", "alsof", "ofschoon", "aangezien", "naargelang",
        "naarmate", "zover", "of", "zolang", "sinds", "voorzover",
    }
)  # fmt: skip
QUESTION_WORDS = frozenset({"hoe", "waarom", "wie", "wat", "welke", "waar"})
OBJECT_PRONOUNS = frozenset(
    {"zich", "zichzelf", "elkaar", "hem", "hen", "mij", "me", "mijzelf", "jezelf", "uzelf", "onszelf"}
)
SINGULAR_DETERMINERS = frozenset({"het", "een", "dit", "elk", "elke", "ieder", "iedere"})
RELATIVES = frozenset({"die", "dat", "wat", "welke", "wie", "waar"})
# Openers of a clause that a preposition before the comma can govern ("variëren op, wat ..."); a "waar-" word
# cannot be governed, so before one the word is a particle ("nodigden we ... uit, waarvan er ...").
GOVERNED = frozenset({"die", "wat", "welke"})
# A relative "die" without a comma splits only after "een" and at most this many words ("een gemeenschappelijke
# ruimte die").
MAX_ANTECEDENT_WORDS = 3
# Finite forms of auxiliary and modal verbs: after one, the main clause's participle or infinitive may stand
# after a relative clause ("heeft een brief die ... gestuurd"), so no relative without a comma splits there.
AUXILIARIES = frozenset(
    {
        "heb", "hebt", "heeft", "hebben", "had", "hadden", "word", "wordt", "worden", "werd", "werden", "zal",
        "zult", "zullen", "zou", "zouden", "kan", "kunt", "kunnen", "kon", "konden", "moet", "moeten", "moest",
        "moesten", "mag", "mogen", "mocht", "mochten", "wil", "wilt", "willen", "wilde", "wilden", "ga", "gaat",
        "gaan", "ging", "gingen", "laat", "laten", "liet", "lieten", "dient", "dienen", "hoeft", "hoeven",
        "blijkt", "blijken", "lijkt", "lijken",
    }
)  # fmt: skip
# Subordinate clauses at the end of a sentence that become a main clause: the word that opens it, the
# linking words the new sentence may start with (the model picks).
LINKS: dict[str, tuple[str, ...]] = {
    "waardoor": ("Daardoor",),
    "waarbij": ("Daarbij",),
    "waarmee": ("Daarmee",),
    "waarin": ("Daarin",),
    "waarna": ("Daarna",),
    "waarvoor": ("Daarvoor",),
    "waarop": ("Daarop",),
    "waarover": ("Daarover",),
    "waarvan": ("Daarvan",),
    "waaraan": ("Daaraan",),
    "waaruit": ("Daaruit",),
    "waar": ("Daar",),
    "wat": ("Dat",),
    "die": ("Die", "Deze"),
    "welke": ("Die", "Deze"),
    "zodat": ("Daardoor", "Dan"),
}
# Words that start a subject: after a verb at the start of a clause they mean the clause has its own subject.
SUBJECT_STARTS = frozenset(
    {
        "de", "het", "een", "u", "we", "wij", "ze", "zij", "hij", "ik", "je", "jij", "dit", "deze", "dat", "die",
        "er", "men", "hun", "haar", "zijn", "uw", "onze", "ons", "mijn", "jullie", "iedereen", "niemand", "alle",
        "elke", "ieder", "iedere", "veel", "sommige",
    }
)  # fmt: skip
# Adverbs that can open a main clause before its verb ("Hierdoor zal ...", "Dan hoeft u ...").
ADVERB_STARTS = frozenset(
    {
        "hierdoor", "daardoor", "daarom", "daarna", "daarnaast", "daarbij", "hierbij", "hiermee", "daarmee", "dan",
        "nu", "ook", "toen", "verder", "bovendien", "tevens", "eerst", "vervolgens", "vroeger", "later", "soms",
        "daarvoor", "hiervoor", "zo", "ten slotte", "tot slot", "zeker", "misschien", "mogelijk", "meestal",
    }
)  # fmt: skip
LIST_ENDINGS = (";", ":", ",")
# Where a text holds a second sentence: after a full stop, question or exclamation mark, a capital. Each
# sentence is split on its own (a part of a split never reaches back into the sentence before).
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class SplitOption:
    """One place where a sentence can be split: ``sentence[start:end]`` is replaced by one of ``alternatives``.

    ``kind``: "puntkomma", "dubbelepunt", "nevenschikking", "komma", "bijzin", "vraag" or "voorwaarde".
    """

    start: int
    end: int
    original: str
    alternatives: tuple[str, ...]
    kind: str


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _opens_subordinate(tokens: Sequence[Token], index: int) -> bool:
    """True when the sentence's first word, at ``index``, opens a subordinate clause ("Als ...", "Hoe ...",
    "Om ... te ...", "Dat dit pictogram ... verwijst, is ..."); "Dat is ..." and "Die kan ..." do not."""
    word = tokens[index].lower
    following = next((j for j in range(index + 1, len(tokens)) if tokens[j].is_word), None)
    if word in ("dat", "die", "wat", "wie", "welke"):
        return following is not None and not is_finite(tokens, following, strict=True)
    if word == "om":
        return any(t.lower == "te" for t in tokens[index + 1 :])
    return word in SUBORDINATORS or word in QUESTION_WORDS or word.startswith("waar")


def _main_verb(tokens: Sequence[Token], stop: int) -> int | None:
    """The index of the main clause's finite verb before ``stop``, or None when there is none to be sure of.

    A sentence that opens with a subordinate clause ("Als ..., dan volgen wij") has its main verb right after
    the comma that closes it. Otherwise the main verb is the first finite form, and no relative pronoun or
    subordinating conjunction may come before it (the subject would hold a clause of its own).
    """
    words = [i for i in range(stop) if tokens[i].is_word and tokens[i].depth == 0]
    if not words or tokens[words[0]].lower in OBJECT_PRONOUNS:
        return None  # "Elkaar aanspreken op afspraken en gedrag: ...": a label, its verb an infinitive
    if _opens_subordinate(tokens, words[0]):
        for i in range(words[0], stop - 1):
            if tokens[i].text == "," and tokens[i].depth == 0:
                after = [j for j in range(i + 1, stop) if tokens[j].is_word]
                if after and tokens[after[0]].lower in ("dan", "zo") and len(after) > 1:
                    after = after[1:]
                if after and is_finite(tokens, after[0], strict=True):
                    return after[0]
        return None
    for i in words:
        word = tokens[i].lower
        if is_finite(tokens, i, strict=True):
            return i
        if i > words[0] and (word in SUBORDINATORS or word in RELATIVES or word.startswith("waar")):
            return None
    return None


def _closed_before(tokens: Sequence[Token], main: int, boundary: int, comma: bool) -> bool:
    """True when the first clause is whole before ``boundary``: every subordinate clause opened after the main
    verb is closed, the main verb is not followed by a comma (an insertion: "moet, met ..., moet leiden"), and
    the last word is no article or conjunction, nor a preposition before a relative pronoun ("overeenkomen
    met, of variëren op, wat ...": "wat" is what "op" governs; before "waarvan" it is a particle).

    Without a comma at the boundary no subordinate clause may have been opened at all; with one, a clause
    opened since the last comma must have had its finite verb (the comma then closes it).
    """
    if tokens[main + 1].text == "," or boundary <= main + 1:
        return False
    last = tokens[boundary - 1].lower
    if last in DETERMINERS or last in COORDINATORS or last in SUBORDINATORS:
        return False
    if last in PREPOSITIONS and tokens[boundary + 1].lower in GOVERNED:
        return False
    segment_start = main + 1
    opened = False
    for i in range(main + 1, boundary):
        token = tokens[i]
        if token.depth:
            continue
        if token.text == ",":
            if opened and not comma:
                return False
            segment_start = i + 1
            continue
        if token.lower in SUBORDINATORS or token.lower in RELATIVES or token.lower.startswith("waar"):
            if not comma:
                return False
            opened = True
            segment_start = i
    if opened:
        return any(is_finite(tokens, i) for i in range(segment_start + 1, boundary))
    return True


def _main_clause_after(tokens: Sequence[Token], start: int, end: int) -> str | None:
    """How the words ``tokens[start:end]`` open a clause: "v2" (a first part, then the finite verb and more),
    "v1" (the verb first: "en hebben geen ...", "en kan de post ..."), or None when they are no main clause."""
    words = [i for i in range(start, end) if tokens[i].is_word and tokens[i].depth == 0]
    if len(words) < MIN_PART_WORDS:
        return None
    first = tokens[words[0]].lower
    if first in SUBORDINATORS - {"als"} or first in RELATIVES or first.startswith("waar") or first in COORDINATORS:
        return None
    if first in OBJECT_PRONOUNS:
        return None  # "zichzelf kan zijn": no subject of its own
    if is_finite(tokens, words[0], strict=True):
        return None if tokens[words[0] + 1].text in ",:;" else "v1"
    for position, i in enumerate(words[1 : V2_WINDOW + 1], start=1):
        if any(tokens[j].text in ",:;" and tokens[j].depth == 0 for j in range(words[0], i)):
            return None
        if is_finite(tokens, i, strict=True):
            if position == len(words) - 1:
                return None  # the verb closes the clause: an infinitive ("je ... een vrouw voelen")
            after = tokens[words[position + 1]]
            following = tokens[words[position + 2]] if position + 2 < len(words) else None
            if after.lower in ("die", "dat") and following is not None and following.lower in DETERMINERS:
                return None  # "in samenspraak ... komen die de kwaliteit ... dient": a relative clause follows
            # "hiermee is rekening gehouden", "daarbij is dubbel gebruik mogelijk": after a fronted adverb, a
            # form of a common verb is the verb of the clause, whatever follows it
            adverb_verb = first in ADVERB_STARTS and position == 1 and tokens[i].lower in CERTAIN_VERBS | AUXILIARIES
            fronted = (first in PREPOSITIONS or first in ADVERB_STARTS) and not adverb_verb
            if fronted and after.lower not in SUBJECT_STARTS and not after.text[:1].isupper():
                return None  # "Via de ALV meebeslissen over ...": after a fronted part the subject follows
            if first in SINGULAR_DETERMINERS and finite_forms()[tokens[i].lower].persons == "m":
                return None  # "het geldend maken van ...": a singular subject has no plural verb
            return "v2"
        if tokens[i].lower in SUBORDINATORS or tokens[i].lower in RELATIVES or tokens[i].lower.startswith("waar"):
            return None
        if position == 1 and first in PERSONAL_PRONOUNS:
            return None  # after a pronoun subject the verb comes next
    return None


def _segment_end(tokens: Sequence[Token], start: int, stops: Iterable[int]) -> int:
    later = [s for s in stops if s > start]
    end = min(later) if later else len(tokens)
    while end > start and not tokens[end - 1].is_word and tokens[end - 1].text not in CLOSING:
        end -= 1
    return end


def _sentence_end(tokens: Sequence[Token]) -> int:
    end = len(tokens)
    while end > 0 and not tokens[end - 1].is_word and tokens[end - 1].text not in CLOSING:
        end -= 1
    return end


def _subject(sentence: str, tokens: Sequence[Token], main: int, is_word: WordCheck) -> str | None:
    """The subject of the first clause when it stands before its verb and is short ("Kandidaten", "De
    instelling"), lower-cased where it is a common word; None when the clause starts otherwise."""
    words = [i for i in range(main) if tokens[i].is_word]
    if not words or len(words) > 4 or any(tokens[i].text in ",;:" for i in range(words[0], main)):
        return None
    first = tokens[words[0]]
    if first.lower in PREPOSITIONS or first.lower in ADVERB_STARTS or first.lower in SUBORDINATORS:
        return None
    if len(words) > 1 and first.lower not in DETERMINERS and first.lower not in SUBJECT_STARTS:
        return None
    text = sentence[first.start : tokens[words[-1]].end]
    lowered = first.text[:1].lower() + first.text[1:]
    if first.text[1:].islower() and (first.lower in SUBJECT_STARTS or first.lower in DETERMINERS or is_word(lowered)):
        text = lowered + text[len(first.text) :]
    return text


def _own_subject_follows(tokens: Sequence[Token], verb: int, end: int) -> bool:
    """True when the word after the verb at ``verb`` starts a subject ("kan de post", "bespaart u")."""
    after = next((i for i in range(verb + 1, end) if tokens[i].is_word), None)
    return after is not None and (tokens[after].lower in SUBJECT_STARTS or tokens[after].text[:1].isupper())


def _persons(word: str) -> str:
    form = finite_forms().get(word)
    return form.persons if form is not None else ""


def _coordination(
    sentence: str,
    tokens: Sequence[Token],
    index: int,
    conjunction: int | None,
    main: int,
    right: int,
    end: int,
    is_word: WordCheck,
) -> SplitOption | None:
    """The split at ``index`` (a comma, a semicolon or the conjunction itself), with the conjunction at
    ``conjunction`` (None: none) and the second clause's words from ``right`` to ``end``."""
    shape = _main_clause_after(tokens, right, end)
    if shape is None or (shape != "v2" and tokens[index].text in ",:" and conjunction is None):
        return None  # ", moet leiden ...": after a comma or a colon a verb first is no second sentence
    first = tokens[right]
    cut, rest_start = tokens[index - 1].end, first.end
    original = sentence[cut:rest_start]
    word = first.text
    joiner = _capitalised(tokens[conjunction].lower) if conjunction is not None else ""
    alternatives: list[str] = []
    if shape == "v2":
        if joiner:
            alternatives.append(f". {joiner} {word}")
        if not joiner or tokens[conjunction or 0].lower == "en":
            alternatives.append(f". {_capitalised(word)}")
    else:
        # The verb first: after a first clause that starts with its subject ("Kandidaten krijgen X maar hebben
        # Y"), the second shares that subject, which is repeated; its verb must agree with the first's. After
        # a first clause that starts with an adverb ("Hierdoor zal X en kan de post Y"), the second has its
        # own subject after the verb: the adverb is repeated, or "Ook" takes its place.
        fronted = [t for t in tokens[:main] if t.is_word]
        subject = _subject(sentence, tokens, main, is_word)
        if subject is not None:
            if not set(_persons(tokens[main].lower)) & set(_persons(first.lower)):
                return None  # "Uw bezwaarschrift dient ... en voorzien te zijn": no verb of its own
            alternatives.append(f". {joiner} {subject} {word}" if joiner else f". {_capitalised(subject)} {word}")
        elif not fronted or not (fronted[0].lower in PREPOSITIONS or fronted[0].lower in ADVERB_STARTS):
            return None
        elif not _own_subject_follows(tokens, right, end):
            return None  # "Na X worden ... verwerkt en bekeken of ...": a participle, no clause of its own
        elif len(fronted) == 1 and fronted[0].lower in ADVERB_STARTS:
            alternatives += [f". {_capitalised(fronted[0].lower)} {word}", f". Ook {word}"]
        else:
            alternatives.append(f". Ook {word}")
    kinds = {";": "puntkomma", ":": "dubbelepunt"}
    kind = kinds.get(tokens[index].text, "nevenschikking" if conjunction is not None else "komma")
    return SplitOption(cut, rest_start, original, tuple(dict.fromkeys(alternatives)), kind)


def _coordinated_verbs(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when the clause from ``start`` to ``end`` joins two singular finite verbs with a coordinator ("waardoor
    het de schade beperkt en de kosten vaststelt"): whichever moves to second place, the other is left at the end of
    a main clause. Plural forms may be infinitives under the moved verb ("waar ze ... kunnen ontwikkelen en dezelfde
    kansen krijgen" → "Daar kunnen ze ... ontwikkelen en dezelfde kansen krijgen")."""
    forms = finite_forms()

    def singular(j: int) -> bool:
        return is_finite(tokens, j) and "m" not in forms[tokens[j].lower].persons

    for c in range(start, end):
        joins = tokens[c].lower in COORDINATORS | {"of"} and not tokens[c].depth
        if joins and any(singular(j) for j in range(start, c)) and any(singular(k) for k in range(c + 1, end)):
            return True
    return False


def _subordinate(sentence: str, tokens: Sequence[Token], opener: int, end: int) -> SplitOption | None:
    """The split of a subordinate clause opened at ``opener`` (after a comma, or a relative "die" without
    one) that runs to ``end`` into a main clause; the text is cut after the word before it."""
    links = LINKS.get(tokens[opener].lower)
    if links is None:
        return None
    words = [i for i in range(opener + 1, end) if tokens[i].is_word]
    if len(words) < MIN_PART_WORDS - 1 or any(tokens[i].text in ",;:" for i in range(opener + 1, end)):
        return None
    if _coordinated_verbs(tokens, opener + 1, end):
        return None
    cut = tokens[opener - 2 if tokens[opener - 1].text == "," else opener - 1].end
    tail = tokens[end - 1].end
    alternatives: list[str] = []
    for verb_index, verb, particle in verb_choices(tokens, opener, end):
        body = clause_text(sentence, tokens, opener + 1, end, verb_index, particle)
        for link in links:
            alternatives.append(f". {link} {verb} {body}")
    if not alternatives:
        return None
    return SplitOption(cut, tail, sentence[cut:tail], tuple(dict.fromkeys(alternatives)), "bijzin")


def _relative_after_indefinite(tokens: Sequence[Token], index: int, end: int) -> bool:
    """True when the "die" at ``index`` opens a relative clause right after an indefinite noun phrase ("een
    gemeenschappelijke ruimte die ...") that runs to ``end`` with one verb (no coordinator in it), and the
    main clause before it does not hang on an auxiliary or modal verb."""
    if tokens[index].lower != "die" or tokens[index].depth:
        return False
    article = next(
        (j for j in range(index - 1, max(index - 2 - MAX_ANTECEDENT_WORDS, -1), -1) if tokens[j].lower == "een"),
        None,
    )
    if article is None:
        return False
    between = tokens[article + 1 : index]
    if any(not t.is_word or t.lower in PREPOSITIONS or t.lower in COORDINATORS for t in between):
        return False
    if any(is_finite(tokens, j, strict=True) for j in range(article + 1, index)):
        return False
    if any(t.lower in COORDINATORS or t.lower == "of" for t in tokens[index + 1 : end] if not t.depth):
        return False
    main = _main_verb(tokens, article)
    return main is not None and tokens[main].lower not in AUXILIARIES


def _then_clause(sentence: str, tokens: Sequence[Token], start: int, end: int) -> str | None:
    """The main clause after a condition's comma as a sentence of its own: "dan kunt u ..." → "Dan kunt u
    ...", "kunt u ..." → "Dan kunt u ...", "neem dan ..." → "Neem dan ..."; None when it starts otherwise."""
    words = [i for i in range(start, end) if tokens[i].is_word]
    if len(words) < MIN_PART_WORDS - 1 or tokens[words[0]].depth:
        return None
    text = sentence[tokens[words[0]].start : tokens[end - 1].end]
    first, second = tokens[words[0]], tokens[words[1]]
    if first.lower == "dan" and is_finite(tokens, words[1], strict=True):
        return _capitalised(text)
    # "dan start de vergoeding": after "dan" and before a subject comes the verb, also a form that can be a noun
    third = tokens[words[2]] if len(words) > 2 else None
    if first.lower == "dan" and is_finite(tokens, words[1]) and third is not None and third.lower in SUBJECT_STARTS:
        return _capitalised(text)
    form = finite_forms().get(first.lower)
    if form is None or first.lower in NOT_VERBS:
        return None
    if second.lower == "dan" and "1" in form.persons:  # an imperative: "neem dan contact op"
        return _capitalised(text)
    if second.lower in PERSONAL_PRONOUNS and ("1" in form.persons) == (second.lower in ("je", "jij", "ik")):
        return "Dan " + text  # "denk je", "sturen wij": a pronoun after it makes the form a verb
    if is_finite(tokens, words[0], strict=True) and (second.lower in SUBJECT_STARTS or second.text[:1].isupper()):
        return "Dan " + text
    return None


def _question(sentence: str, tokens: Sequence[Token], end: int) -> SplitOption | None:
    """A condition written as a question ("Heeft u vragen, neem dan contact op") → "Heeft u vragen? Neem dan
    contact op": the sentence starts with its verb and a subject, and the clause after the comma follows."""
    words = [i for i in range(end) if tokens[i].is_word]
    if len(words) < 2 * MIN_PART_WORDS or not is_finite(tokens, words[0], strict=True):
        return None
    if tokens[words[1]].lower not in SUBJECT_STARTS:
        return None
    comma = next((i for i in range(words[1], end) if tokens[i].text == "," and tokens[i].depth == 0), None)
    if comma is None or comma + 1 >= end:
        return None
    then = _then_clause(sentence, tokens, comma + 1, end)
    if then is None:
        return None
    cut, tail = tokens[comma - 1].end, tokens[end - 1].end
    return SplitOption(cut, tail, sentence[cut:tail], (f"? {then}",), "vraag")


def _conditional(sentence: str, tokens: Sequence[Token], end: int) -> SplitOption | None:
    """"Als u meer tijd nodig heeft, neem dan contact op" → "Heeft u meer tijd nodig? Neem dan contact op":
    the condition becomes a question (its finite verb moves to the front; the model picks which word that is)."""
    words = [i for i in range(end) if tokens[i].is_word]
    if not words or tokens[words[0]].lower not in CONDITIONS or words[0] != 0:
        return None
    comma = next((i for i in range(1, end) if tokens[i].text == "," and tokens[i].depth == 0), None)
    if comma is None or comma + 1 >= end or comma < 1 + MIN_PART_WORDS:
        return None
    if any(t.lower in SUBORDINATORS or t.lower in RELATIVES for t in tokens[1:comma]):
        return None  # "Als in de toekomst wordt besloten dat ...": a clause inside the condition
    if any(t.lower in COORDINATORS or t.lower == "of" for t in tokens[1:comma] if not t.depth):
        return None  # "Als u geen pas heeft en er geen wilt aanvragen": one moved verb breaks the second part
    then = _then_clause(sentence, tokens, comma + 1, end)
    if then is None:
        return None
    subject = tokens[1].lower
    alternatives: list[str] = []
    for verb_index, verb, particle in verb_choices(tokens, 0, comma):
        body = clause_text(sentence, tokens, 1, comma, verb_index, particle)
        forms = [verb]
        if subject in ("je", "jij") and verb.endswith("t") and verb[:-1] in finite_forms():
            forms.insert(0, verb[:-1])  # "als je ... hebt" → "heb je ...?"
        for form in forms:
            alternatives.append(f"{_capitalised(form)} {body}? {then}")
    if not alternatives:
        return None
    tail = tokens[end - 1].end
    return SplitOption(0, tail, sentence[:tail], tuple(dict.fromkeys(alternatives)), "voorwaarde")


def _common_word(word: str) -> bool:
    return word.lower() in SUBJECT_STARTS or word.lower() in DETERMINERS


def split_options(sentence: str, is_word: WordCheck = _common_word) -> list[SplitOption]:
    """Every place where ``sentence`` can be split into two whole sentences, with the ways to write each.

    ``is_word`` tells whether a lower-case word is a word of the language, not a name: a subject that is
    repeated after "maar" keeps its capital unless it is one ("Maar kandidaten hebben", "En Amsterdam ...").
    """
    starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(sentence)]
    if len(starts) > 1:  # more than one sentence (the sentence splitter took "Zijkanaal I. Vooraf" for one)
        ends = [*starts[1:], len(sentence)]
        return [
            replace(option, start=option.start + start, end=option.end + start)
            for start, end in zip(starts, ends, strict=True)
            for option in split_options(sentence[start:end], is_word)
        ]
    stripped = sentence.rstrip()
    if not stripped or stripped.endswith((*LIST_ENDINGS, "?")) or not finite_forms():
        return []
    tokens = tokenize(sentence)
    end = _sentence_end(tokens)
    places: list[tuple[int, int | None, int]] = []  # (boundary, conjunction, first word of the second part)
    for i, token in enumerate(tokens[:end]):
        if token.depth or i == 0 or i + 1 >= end:
            continue
        following = tokens[i + 1]
        if token.text in ";:":
            places.append((i, None, i + 1))
        elif token.text == ",":
            if following.lower in COORDINATORS:
                places.append((i, i + 1, i + 2))
            elif following.is_word:  # a comma splice, or a subordinate clause that may become a sentence
                places.append((i, None, i + 1))
        elif token.lower in COORDINATORS and tokens[i - 1].text not in ",;":
            places.append((i, i, i + 1))
    stops = [p[0] for p in places]
    # a relative clause without a comma is the last part of its sentence: no stop for the others
    places += [(i, None, i) for i in range(1, end) if _relative_after_indefinite(tokens, i, end)]
    options: list[SplitOption] = []
    for whole in (_question(sentence, tokens, end), _conditional(sentence, tokens, end)):
        if whole is not None:
            options.append(whole)
            places = [p for p in places if not whole.start <= tokens[p[0]].start < whole.end]
    for boundary, conjunction, right in places:
        if right >= end:
            continue
        left_words = _words(tokens[:boundary])
        if len(left_words) < MIN_PART_WORDS:
            continue
        main = _main_verb(tokens, boundary)
        if main is None:
            continue
        comma = tokens[boundary].text in ",;:"
        if not _closed_before(tokens, main, boundary, comma):
            continue
        opener = tokens[right].lower
        relative = right == boundary  # a relative "die" without a comma
        if relative or (tokens[boundary].text == "," and conjunction is None and opener in LINKS):
            option = _subordinate(sentence, tokens, right, end)
        else:
            segment_end = _segment_end(tokens, right, stops)
            option = _coordination(sentence, tokens, boundary, conjunction, main, right, segment_end, is_word)
        if option is not None:
            options.append(option)
    return options


def apply_options(sentence: str, chosen: Sequence[tuple[SplitOption, str]]) -> str:
    """``sentence`` with each chosen option replaced by its chosen alternative (options may not overlap)."""
    text = sentence
    for option, alternative in sorted(chosen, key=lambda item: item[0].start, reverse=True):
        text = text[: option.start] + alternative + text[option.end :]
    return text
