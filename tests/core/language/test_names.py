"""Names from the document itself: offered for the word list, never corrected into other words."""

from __future__ import annotations

import pytest

from desktop.core.language.names import document_names
from desktop.core.language.spelling import NAME_RULE, RULE, SpellChecker, default_dictionary_dir

pytestmark = pytest.mark.core

LETTER = [
    "Geachte mevrouw Wijnterp,",
    "Op 4 maart heeft burgemeester Gerdo van Grootheest het besluit genomen. Daarbij sprak hij met de heer Quispel.",
    "Het besluit volgt de nota ‘Samen Sterk in Zuidwest’ en de Wet op de rijkswaterstaatswerken.",
    "Sterkmeer en Quispelhoek liggen aan de dijk. Voor Sterkmeer geldt een uitzondering.",
    "Met vriendelijke groet,",
    "Gerdo van Grootheest\nburgemeester van Kwintsheul",
]


@pytest.fixture(scope="module")
def speller() -> SpellChecker:
    return SpellChecker(default_dictionary_dir())


def test_names_come_from_salutation_signature_office_titles_and_capitals() -> None:
    names = document_names(LETTER)
    assert names.reason("Wijnterp") == "aanhef"
    assert names.reason("Gerdo") == "functie"  # "burgemeester Gerdo" comes before the signature
    assert names.reason("Quispel") == "functie"
    assert names.reason("Kwintsheul") == "ondertekening"
    assert names.reason("Zuidwest") == "titel" and names.reason("rijkswaterstaatswerken") == "titel"
    assert names.reason("Sterkmeer") == "terugkerend"  # capitalised inside a sentence, never in lower case
    assert "besluit" not in names and "Dijk" not in names


def test_the_mayors_first_name_in_the_signature_is_offered_for_the_word_list(speller) -> None:
    """The issue's false alarm: 'Gerdo' → 'Ger do', for the mayor's name in the letter's own signature."""
    names = document_names(LETTER)
    [finding] = speller.check("p6", LETTER[-1], names)
    assert (finding.original, finding.rule, finding.suggestions) == ("Gerdo", NAME_RULE, ())
    assert finding.doubtful and "woordenlijst" in finding.message
    [plain] = speller.check("p6", LETTER[-1])  # without the document's names: an ordinary unknown word
    assert plain.rule == RULE and all(" " not in s for s in plain.suggestions)


def test_a_typo_is_not_a_name_because_it_starts_two_sentences(speller) -> None:
    text = ["Bessluit is genomen.", "Bessluit twee volgt."]
    assert "bessluit" not in document_names(text)
    [finding] = speller.check("p", text[0], document_names(text))
    assert finding.suggestions[0] == "Besluit"


def test_a_typo_inside_a_law_name_stays_a_typo(speller) -> None:
    """tests/data/letters 003: 'Besluit adminitratieve bepalingen inzake het wegverkeer' has a real typo."""
    text = "Gelet op artikel 12 van het Besluit adminitratieve bepalingen inzake het wegverkeer (BAWB);"
    names = document_names([text])
    assert names.reason("adminitratieve") == "titel"
    [finding] = speller.check("p", text, names)
    assert (finding.rule, finding.suggestions[0]) == (RULE, "administratieve")


def test_a_lower_case_wet_and_apostrophes_inside_words_make_no_names() -> None:
    names = document_names([
        "Volgens de wet moet u binnen zes weken reageren.",
        "Er kwamen zo'n veertig bezwaren en zo'n tien klachten binnen.",
        "De Algemene wet bestuursrecht geldt ook hier.",
    ])
    assert "moet" not in names and "binnen" not in names and "veertig" not in names and "bezwaren" not in names
    assert names.reason("bestuursrecht") == "titel"  # "wet" after a capitalised word is a title


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("Coordinator Groenbeheer", "Coordinator", "Coördinator"),  # tests/data/real-errors gl007 (a signature)
        ("Een Neederlandse versie van het toneelstuk ging in première.", "Neederlandse", "Nederlandse"),  # wp053
        ("Ideeen voor de buurt zijn welkom.", "Ideeen", "Ideeën"),
    ],
)
def test_a_capitalised_common_word_without_its_diaeresis_or_with_a_doubled_letter_is_no_name(
    speller, text, word, fix
) -> None:
    """A name rarely differs from a common word by a doubled letter or a missing diaeresis; at a line's start
    before another capital, "Coordinator" was read as a first name (LanguageTool's speller found it)."""
    [finding] = speller.check("p", text)
    assert (finding.original, finding.suggestions[0]) == (word, fix)


def test_a_name_without_its_accent_stays_a_name(speller) -> None:
    """"Andre" is "André" without the accent, but "andré" is no common word: a name as its bearer writes it."""
    assert list(speller.check("p", "Andre Baars en Rene de Vries kwamen langs.")) == []


def test_a_mistyped_job_title_under_a_signature_is_no_name(speller, test_data) -> None:
    """Real letter 018 signs with "Coordinator Groenbeheer": the document reads it as a name from the signature,
    but it is "Coördinator" without its diaeresis (LanguageTool's speller found it)."""
    paragraphs = [
        p for p in (test_data / "letters" / "texts" / "018_brief.txt").read_text(encoding="utf-8").split("\n\n") if p
    ]
    names = document_names(paragraphs)
    [finding] = [f for p in paragraphs for f in speller.check("p", p, names) if f.original == "Coordinator"]
    assert (finding.rule, finding.suggestions[:1]) == (RULE, ("Coördinator",))
