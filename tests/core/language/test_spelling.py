"""Spelling with the shipped OpenTaal dictionary on real government texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.findings import Category
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import PersonalWordList, WordLists
from tests import REPO

pytestmark = pytest.mark.core


@pytest.fixture(scope="session")
def lists() -> WordLists:
    return WordLists.load(
        REPO / "resources" / "wordlists", None, Path("/nonexistent/p.txt")
    )


@pytest.fixture(scope="session")
def speller(lists) -> SpellChecker:
    return SpellChecker(default_dictionary_dir(), lists.organisation, None, lists.protected)


def _letters(test_data: Path) -> dict[str, list[str]]:
    folder = test_data / "letters" / "texts"
    return {p.name: p.read_text(encoding="utf-8").split("\n\n") for p in sorted(folder.glob("*.txt"))}


def _errors(speller: SpellChecker, paragraphs: list[str]) -> list[str]:
    return [f.original for p in paragraphs for f in speller.check("p", p)]


def test_real_spelling_errors_are_found_with_the_right_suggestion(speller, test_data):
    """Errors the manifest records as genuine: adminitratieve, geinformeerd, nr and drs without a dot."""
    letters = _letters(test_data)
    expected = {
        "003_besluit.txt": ("adminitratieve", "administratieve"),
        "014_brief.txt": ("geinformeerd", "geïnformeerd"),
        "010_besluit.txt": ("nr", "nr."),
        "012_brief.txt": ("drs", "drs."),
    }
    for name, (wrong, right) in expected.items():
        findings = [f for p in letters[name] for f in speller.check(name, p) if f.original == wrong]
        assert findings, f"{wrong} not found in {name}"
        assert findings[0].suggestions[0] == right
        assert findings[0].category is Category.SPELLING


def test_no_false_alarms_on_names_numbers_references(speller, test_data):
    """Letters full of names, amounts, postcodes, case numbers, URLs, e-mail and article references."""
    letters = _letters(test_data)
    for name in (
        "001_besluit.txt",
        "006_besluit.txt",
        "008_besluit.txt",
        "011_brief.txt",
        "020_ambtelijk.txt",
        "024_ambtelijk.txt",
        "013_brief.txt",
    ):
        assert _errors(speller, letters[name]) == [], name


@pytest.mark.parametrize(
    "text",
    [
        "Op grond van artikel 3:45 Awb en art. 6:7 van de Algemene wet bestuursrecht is dit besluit genomen.",
        "U ontvangt € 1.250,00 op rekening NL91 ABNA 0417 1643 00 vóór 1 januari 2025.",
        "Stuur uw reactie naar Postbus 513, 3700 AM Zeist of 1011 AB Amsterdam.",
        "Ons kenmerk is Z2024-001234 en uw zaaknummer 2024/12345; zie FF/75C/2014/0319.toek.rr.",
        "Kijk op https://www.amsterdam.nl/bezwaar of mail naar bezwaar@amsterdam.nl voor meer informatie.",
        "Mevrouw [NAME] van [ORGANIZATION] woont op [ADDRESS] en spreekt met Jansen van de GGD.",
        "Het gesprek met dhr. Van der Berg is d.d. 5 maart i.v.m. de aanvraag van 12-03-2024 verplaatst.",
    ],
)
def test_silences_on_things_that_are_not_words(speller, text):
    assert [f.original for f in speller.check("p", text)] == []


def test_amsterdam_sentences_have_few_false_alarms(speller, test_data):
    """The expert-edited (simple) side of the Amsterdam corpus: at most 1 flagged word per 20 sentences."""
    import csv

    with (test_data / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        simple = [row["Simple"] for row in csv.DictReader(handle)][:400]
    flagged = _errors(speller, simple)
    assert len(flagged) <= len(simple) / 20, flagged


def test_personal_and_organisation_words_are_accepted(tmp_path, test_data):
    letters = _letters(test_data)
    personal = PersonalWordList(tmp_path / "persoonlijk.txt")
    checker = SpellChecker(default_dictionary_dir(), ["Nijenheim"], personal)
    assert "Intermaris" in _errors(checker, letters["017_brief.txt"])
    assert "Nijenheim" not in _errors(checker, letters["010_besluit.txt"])
    personal.add("Intermaris")
    assert "Intermaris" not in _errors(checker, letters["017_brief.txt"])


def test_full_suggestions_are_cached(speller):
    first = speller.suggest("adminitratieve")
    assert "administratieve" in first
    assert speller.suggest("adminitratieve") is first


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdeijklmnoprstuvwzëï .,-'’€0123456789ABC[]:/", max_size=80))
def test_offsets_always_match_the_text(speller, text):
    for finding in speller.check("p", text):
        assert text[finding.start : finding.end] == finding.original


def test_a_compound_written_apart_with_a_part_that_is_no_word_is_joined(speller):
    """'bestemmings' is no word of its own: with the next word it is one ('bestemmingsplan')."""
    text = "Het bestemmings plan is vastgesteld en u kunt uw gebieds ontwikkeling melden."
    found = {f.original: f.suggestions for f in speller.check("p", text)}
    assert found == {"bestemmings plan": ("bestemmingsplan",), "gebieds ontwikkeling": ("gebiedsontwikkeling",)}
    assert [f.original for f in speller.check("p", "Dat is een bestemmingsplan.")] == []


def test_a_part_that_is_no_word_is_joined_to_the_word_before_it_once(speller):
    """'lijke' after 'gemeente' (joined backwards); 'verlich ting': both parts unknown, one finding."""
    text = "Dit zijn de gemeente lijke regels en de openbare verlich ting is kapot."
    found = [(f.original, f.suggestions) for f in speller.check("p", text)]
    assert found == [("gemeente lijke", ("gemeentelijke",)), ("verlich ting", ("verlichting",))]


@pytest.mark.parametrize(
    ("sentence", "word", "fix"),
    [
        # injected errors in the tuning part of bench/eval_language.py (Amsterdam sentences)
        ("Dit niet-bindende advisrecht bestaat uit een eenmalig benoemingsadviesgesprek.", "advisrecht", "adviesrecht"),
        ("Daarom moet iedereen in een stembureau een mondkape dragen.", "mondkape", "mondkapje"),
    ],
)
def test_a_word_people_write_comes_before_one_only_a_compound_reading_makes(speller, sentence, word, fix):
    """'avisrecht' (avi + srecht) and 'mondcape' (mond + cape) are one edit away too, but nobody writes them."""
    [finding] = [f for f in speller.check("p", sentence) if f.original == word]
    assert finding.suggestions[0] == fix
    # two frequent words written together are words people write too: "waarin altijd", not "waarinvaltijd"
    assert speller.quick_suggestions("waarinaltijd")[0] == "waarin altijd"


def test_the_plural_of_a_noun_the_dictionary_has_is_a_word(speller):
    """A real decision (tests/data/decisions 115): '5 praalwagens en 3 blaaskapels' was called a typo for
    'blaaskapel': OpenTaal has the noun but not its plural. A typo ending in -s is still one."""
    text = "Een optocht bestaande uit 5 praalwagens en 3 blaaskapels die door het centrum van Schiedam rijdt."
    assert list(speller.check("p", text)) == []
    assert [f.original for f in speller.check("p", "Er zijn twee bessluits genomen.")] == ["bessluits"]
