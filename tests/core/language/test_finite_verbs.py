"""Which word of a sentence can be its finite verb, read in its place (language/finite_verbs.py)."""

from __future__ import annotations

import pytest

from desktop.core.language.finite_verbs import has_finite_verb, in_verb_slot, missing_finite_verb

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    "sentence",
    ["Ik heb een vraag over de aanvraag.", "Ik ben op 3 mei verhuisd.", "Ik vind de brief duidelijk.",
     "Morgen heb ik tijd.", "Print het formulier.", "De gemeente heeft uw aanvraag ontvangen."],
)
def test_a_sentence_with_a_finite_verb_has_one(sentence: str) -> None:
    assert has_finite_verb(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Een om te versturen naar de burger.", "Het realiseren van de plannen."],
)
def test_a_piece_without_a_finite_verb_has_none(sentence: str) -> None:
    assert not has_finite_verb(sentence)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [  # d/t errors whose sentence has no other finite verb (Amsterdam corpus and nl.wikipedia, tuning parts): a
        # heading or list item with a subject of its own keeps its verb slot
        ("De directie benoemd een voorzitter op voordracht van de cliëntenraad.", "benoemd"),
        ("Geluidsregelgeving veranderd onder de Omgevingswet.", "veranderd"),
        ("Wat dit betekend voor uw salaris en salaristoelagen", "betekend"),
        ("vergoeding van locatiebezoeken gebeurd na verantwoording daarvan", "gebeurd"),
        ("En dat gebeurd onder andere via advertenties in regionale kranten.", "gebeurd"),
    ],
)
def test_a_d_form_where_the_subject_wants_its_verb_stands_in_the_verb_slot(sentence: str, word: str) -> None:
    assert missing_finite_verb(sentence) and in_verb_slot(sentence, sentence.index(word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [  # a definition in a decision (tests/data/decisions, real): a participle after a comma
        ("b. gemeentelijk archeologisch monument: monument, bedoeld in onderdeel a, onder 2;", "bedoeld"),
        # verbless lines of the kinds the rule misread (constructed, in the style of municipal web pages): a
        # headline, a caption after a label, a clause opening with a preposition, an agent, joined participles, a
        # fragment that continues the sentence before, a sentence whose finite verb stands after "na"
        ("Subsidieregeling verlengd tot 1 januari 2025", "verlengd"),
        ("Woning verbouwd, vergunning nodig?", "verbouwd"),
        ("Nieuw: verbeterd formulier voor bewoners", "verbeterd"),
        ("Foto: door bewoners beschilderd kunstwerk.", "beschilderd"),
        ("Speeltuin in Oost opnieuw ingericht door de gemeente.", "ingericht"),
        ("Alle gegevens zorgvuldig bewaard en beveiligd.", "bewaard"),
        ("Of stoepen verbreed met nieuwe tegels.", "verbreed"),
        ("Alles op één stoep na is verbreed.", "verbreed"),
    ],
)
def test_a_participle_of_a_verbless_line_is_no_verb_slot(sentence: str, word: str) -> None:
    assert not in_verb_slot(sentence, sentence.index(word))
