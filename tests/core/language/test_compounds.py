"""Compound typos: words that read as a compound of real words but are one edit from a common word."""

from __future__ import annotations

import pytest

from desktop.core.language.compounds import CompoundAnalyser, one_edit
from desktop.core.language.spelling import COMPOUND_TYPO_RULE, SpellChecker, default_dictionary_dir

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def speller() -> SpellChecker:
    return SpellChecker(default_dictionary_dir())


@pytest.mark.parametrize(
    ("sentence", "typo", "right"),
    [  # the typos of issue 14, in sentences as a letter would have them
        ("Het bessluit is op 3 maart genomen.", "bessluit", "besluit"),
        ("Uw inkkomen is hoger dan de grens.", "inkkomen", "inkomen"),
        ("De beddrijven in de wijk krijgen een brief.", "beddrijven", "bedrijven"),
        ("Het afgelopen jaar is de termijn agelopen.", "agelopen", "afgelopen"),
        ("Tijdens de locdown waren de loketten dicht.", "locdown", "lockdown"),
        ("De gegevensversstrekking aan derden is beperkt.", "gegevensversstrekking", "gegevensverstrekking"),
        ("Het was haar oma die haar zangtalend ontdekte.", "zangtalend", "zangtalent"),  # tests/data/real-errors wp044
        # Amsterdam corpus sentence with a doubled letter (the injected set, tuning part): read as verkiezingsdag|gen
        ("Via deze website kunt op de verkiezingsdaggen ook zien hoe druk het op de stembureaus is.",
         "verkiezingsdaggen", "verkiezingsdagen"),
    ],
)
def test_a_typo_that_reads_as_a_compound_is_flagged_with_the_right_fix_first(speller, sentence, typo, right) -> None:
    [finding] = [f for f in speller.check("p", sentence) if f.original == typo]
    assert finding.rule == COMPOUND_TYPO_RULE
    assert finding.suggestions[0] == right
    assert " " not in "".join(finding.suggestions)  # never split into bes + sluit


@pytest.mark.parametrize(
    "sentence",
    [
        "Dit besluit berust op artikel 2 van de Wet op de rijkswaterstaatswerken.",  # the false alarm
        "Er komen meer gehandicaptenparkeerplaatsen bij het gemeentehuis.",
        "De bouwactiviteiten duren tot het einde van het jaar.",
        "Alleen bestemmings(vracht)verkeer is toegestaan.",  # the false alarm
        "De gegevensverstrekking aan derden is beperkt.",
        "In de windzoekgebieden komen geen woningen.",
        "Er is een speelterreintje aangelegd bij de fietsparkeerplaats.",
    ],
)
def test_sensible_compounds_are_not_flagged(speller, sentence) -> None:
    assert [f.original for f in speller.check("p", sentence)] == []


def test_a_doubled_letter_in_a_compound_no_dictionary_lists_gets_the_compound_as_its_fix(speller) -> None:
    """Amsterdam corpus sentence (the injected set, tuning part): 'stempluspas' is no dictionary word but a sensible
    compound; 'stemppluspas' was flagged without any suggestion. A word with no doubled letter gets no made-up
    compound ('intersekse' is no typo for 'int|e|sekse')."""
    sentence = "U kunt met uw stemppluspas ook gewoon naar het stembureau gaan."
    [finding] = [f for f in speller.check("p", sentence) if f.original == "stemppluspas"]
    assert finding.suggestions[0] == "stempluspas"
    assert speller.quick_suggestions("intersekse") == ()


def test_a_compound_the_dictionary_accepts_is_never_offered_split(speller) -> None:
    """'rijkswaterstaatswerken' was offered as 'rijks waterstaatswerken'; a name as 'Ger do'."""
    assert speller.quick_suggestions("rijkswaterstaatswerken") == () or all(
        " " not in s for s in speller.quick_suggestions("rijkswaterstaatswerken")
    )
    assert all(" " not in s for s in speller.quick_suggestions("Gerdo"))


def test_splits_and_typos_from_word_frequencies(speller) -> None:
    analyser = CompoundAnalyser(speller._spell)
    assert analyser.parts("rijkswaterstaatswerken") == ("rijkswaterstaat", "werken")
    assert analyser.parts("ervanuit") is None  # function words are no parts: "ervan uit" belongs apart
    assert analyser.typo("bessluit") == ("besluit",)
    assert analyser.typo("rijkswaterstaatswerken") == ()
    assert "besluit" in set(one_edit("bessluit")) and "bessluit" not in set(one_edit("bessluit"))


def test_the_word_frequencies_are_the_table_wordfreq_already_loaded() -> None:
    """One Dutch frequency table per process: the compounds read the very table zipf_frequency uses."""
    from wordfreq import get_frequency_dict, zipf_frequency

    from desktop.core.language.compounds import _frequencies

    zipf_frequency("besluit", "nl")
    assert _frequencies() is get_frequency_dict("nl", "best")
