"""One-click fixes keep the sentence Dutch: the right construction, or advice without a one-click fix.

The walk over the real letters applies every fix the app offers and asks LanguageTool about the
result: no fix may make it flag a sentence that was clean.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.core.analysis import LanguageTools, ParagraphFindings, run_analysis
from desktop.core.document.reader import open_document
from desktop.core.document.samples import text_to_docx
from desktop.core.findings import Category, Finding, Source
from desktop.core.language.casing import case_like
from desktop.core.language.fixes import FixCheck, fits_in_place, verify_fixes
from desktop.core.language.sentences import split_sentences
from desktop.core.policy.settings import load_settings
from tests import DATA

pytestmark = pytest.mark.core


def _findings(tools: LanguageTools, path: Path) -> tuple[dict[str, str], list[Finding]]:
    document = open_document(path)
    found: dict[str, tuple[Finding, ...]] = {}
    for item in run_analysis(document, load_settings(registry=dict), threading.Event(), tools):
        if isinstance(item, ParagraphFindings):
            found[item.paragraph] = item.findings
    return {p.id: p.text for p in document.paragraphs}, [f for fs in found.values() for f in fs]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    for sentence in split_sentences(text):
        if sentence.start <= start and end <= sentence.end:
            return sentence.start, sentence.end
    return 0, len(text)


def test_om_reden_van_gets_the_right_construction(language_tools: LanguageTools, tmp_path: Path) -> None:
    """The issue's example: "om reden van" → "omdat" broke the sentence; "vanwege" keeps it."""
    text = "Wij delen u mee dat het om reden van verkeersveiligheid gewenst is de weg af te sluiten."
    _texts, findings = _findings(language_tools, text_to_docx(text, tmp_path / "brief.docx"))
    [finding] = [f for f in findings if f.original == "om reden van"]
    assert finding.suggestions == ("vanwege",)
    assert "vanwege" in finding.message


def test_teneinde_te_becomes_om_te(language_tools: LanguageTools, tmp_path: Path) -> None:
    text = "Teneinde te voorkomen dat de weg blokkeert, plaatsen wij borden."
    _texts, findings = _findings(language_tools, text_to_docx(text, tmp_path / "brief.docx"))
    [finding] = [f for f in findings if f.original == "Teneinde"]
    assert finding.suggestions == ("Om",)


def test_a_fix_that_breaks_the_sentence_is_advice_without_one_click(language_tools: LanguageTools) -> None:
    """A conjunction before "te" + infinitive, and a word list suggestion that makes a rule fire."""
    text = "Alvorens te beslissen horen wij u."
    finding = Finding("p", 0, 8, "Alvorens", Category.STYLE, "B1:alvorens", Source.WORDLIST, "Ambtelijk woord.",
                      suggestions=("Voordat",))
    [checked] = verify_fixes([finding], text, language_tools.fix_check())
    assert checked.suggestions == () and "herschrijf" in checked.message

    def flags_de_besluit(sentence: str) -> list[tuple[str, str]]:
        return [("DE_HET", "de besluit")] if "de besluit" in sentence.lower() else []

    text = "Het besluit is genomen."
    finding = Finding("p", 0, 3, "Het", Category.GRAMMAR, "X", Source.RULE, "?", suggestions=("De", "Dit"))
    [checked] = verify_fixes([finding], text, FixCheck(flags_de_besluit, lambda _t: []))
    assert checked.suggestions == ("Dit",)


def _corpus() -> list[tuple[str, str]]:
    """The real letters and decisions (tests/data/letters, and tests/data/decisions when there)."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((DATA / "letters" / "texts").glob("*.txt"))]
    decisions = DATA / "decisions"
    if decisions.is_dir():
        texts += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(decisions.rglob("*.txt"))]
    return texts


# Real sentences (letters 019 and 023, decisions 120, 305 and 114 in tests/data) where the plain word of LanguageTool or
# the B1 list means something else or does not fit: (sentence, the words, one-click fixes that must not be offered,
# the one that must come first or None for advice only).
OTHER_MEANINGS = [
    ("Uit de verklaringen is gebleken dat appellante in 2004, onderscheidenlijk 2007 via uitzendbureau [C.] "
     "werkzaamheden bij hen heeft verricht.", "onderscheidenlijk", {"duidelijk"}, None),
    ("Daarom was zij volgens het Uwv niet verzekerd ten tijde van haar ziekmelding en is de uitkering ten onrechte "
     "toegekend.", "ten tijde van", {"toen"}, "op het moment van"),
    ("Het Uwv is van mening dat de intrekking van de WW-uitkering bij nader inzien moet worden gebaseerd op artikel "
     "22a.", "nader", {"later", "meer"}, None),
    ("De werknemer is verplicht het Uwv alle feiten en omstandigheden mede te delen.", "mede", {"ook"}, None),
    ("- het gebruik dat bestaat op het tijdstip van inwerkingtreding van het betreffende gebruiksverbod;",
     "betreffende", {"over"}, None),
    ("De belangen van openbare veiligheid wegen in het onderhavige geval zwaarder dan het individuele belang van "
     "burgers.", "onderhavige", {"deze", "die"}, None),
    ("Als u een officiële aanvraag voor een omgevingsvergunning indient, worden leges in rekening gebracht.",
     "leges", {"geld"}, "kosten"),
    ("Aan een procedure bij de rechtbank zijn kosten verbonden.", "procedure", {"werkwijze", "methode"}, None),
    # decision 124 and letter 001: "moet" cannot govern the second "te" + infinitive
    ("Het beroepschrift dient te zijn ondertekend en ten minste het volgende te bevatten:", "dient te", {"moet"}, None),
    ("Uw bezwaarschrift dient te zijn ondertekend en voorzien te zijn van uw naam en adres, de datum en de gronden "
     "van het bezwaar.", "dient te", {"moet"}, None),
    # decision 303: "Dit" is a pronoun and "overeenkomstig" a preposition: "volgens" fits
    ("De opsporingsambtenaar is daartoe bevoegd krachtens mandaat van de korpschef. Dit overeenkomstig artikel 24, "
     "aanhef en onderdeel a, van het Besluit administratieve bepalingen inzake het wegverkeer;", "overeenkomstig",
     set(), "volgens"),
    # letter 003: the "te" of a place is no verb with "te" ("moet"-test above), even with "en ... te verlenen" after it
    ("dat vanuit ziekenhuis St. Elisabeth te Tilburg echter sterk wordt aangedrongen met het oog op de fysieke "
     "beperkingen en de zeer slechte gezondheid van mevrouw [naam] om toch medewerking te verlenen;",
     "te", set(), "in"),
    # decision 102: "echter" at the start of a clause is "maar" (in the middle of one it is not: below)
    ("Op dit moment is er voor de handhavers geen mogelijkheid om hierop handhavend op te treden, echter door het "
     "instellen van dit besluit bestaat die mogelijkheid wel.", "echter", set(), "maar"),
]


@pytest.mark.parametrize(("text", "words", "wrong", "first"), OTHER_MEANINGS)
def test_a_plain_word_that_means_something_else_is_no_one_click_fix(
    language_tools: LanguageTools, tmp_path: Path, text: str, words: str, wrong: set[str], first: str | None
) -> None:
    _texts, findings = _findings(language_tools, text_to_docx(text, tmp_path / "brief.docx"))
    [finding] = [f for f in findings if f.original == words]
    assert not wrong & set(finding.suggestions)
    if first is None:
        assert finding.suggestions == () and "Geen directe vervanging" in finding.message
    else:
        assert finding.suggestions[0] == first


def test_a_coordinating_conjunction_fits_only_where_a_clause_starts() -> None:
    """Letter 003 and decision 102 (real): the test the one-click fixes and the B1 rule rewrites share. (In the
    analysis LanguageTool's second look also refuses the first; the B1 rewrites have no such look.)"""
    middle = "dat vanuit ziekenhuis St. Elisabeth te Tilburg echter sterk wordt aangedrongen"
    start = middle.index("echter")
    assert not fits_in_place(middle, start, start + len("echter"), "maar")
    opening = "geen mogelijkheid om hierop handhavend op te treden, echter door het instellen van dit besluit"
    start = opening.index("echter")
    assert fits_in_place(opening, start, start + len("echter"), "maar")
    both = "de voorzitter dan wel het lid"
    start = both.index("dan wel")
    assert fits_in_place(both, start, start + len("dan wel"), "of")


def test_a_preposition_keeps_its_plain_preposition_after_a_pronoun(
    language_tools: LanguageTools, tmp_path: Path
) -> None:
    """Real decision (letter 004): '- het ingevolge het Vuurwerkbesluit is toegestaan': "het" is a pronoun there, and
    "volgens" fits; only where an adjective stands ("het betreffende gebruiksverbod") is a preposition no fix."""
    text = "- het ingevolge het Vuurwerkbesluit is toegestaan om tussen 31 december, 18:00 uur en 1 januari, 2.00 uur"
    _texts, findings = _findings(language_tools, text_to_docx(text, tmp_path / "brief.docx"))
    [finding] = [f for f in findings if f.original == "ingevolge"]
    assert finding.suggestions[0] == "volgens"


@pytest.mark.slow
def test_no_offered_fix_makes_languagetool_flag_a_clean_sentence(
    language_tools: LanguageTools, tmp_path: Path
) -> None:
    """Walk every suggestion of every finding on the real letters (as .docx): apply it, check the sentence.

    Broken means a grammar or spelling rule of LanguageTool that did not fire before: a style hint that a corrected
    word brings ("geconstateert" → "geconstateerd", which LanguageTool's officialese rule would make "gezien") does
    not break the sentence."""
    lt = language_tools.grammar
    walked, broken = 0, []
    for name, text in _corpus():
        texts, findings = _findings(language_tools, text_to_docx(text, tmp_path / f"{name}.docx"))
        for finding in findings:
            paragraph = texts[finding.paragraph]
            first, last = _sentence(paragraph, finding.start, finding.end)
            sentence = paragraph[first:last]
            before = {f.rule for f in lt.check("s", sentence) if f.category is not Category.STYLE}
            for suggestion in finding.suggestions:
                fixed = sentence[: finding.start - first] + suggestion + sentence[finding.end - first :]
                walked += 1
                new = {f.rule for f in lt.check("s", fixed) if f.category is not Category.STYLE}
                new -= before | {finding.rule}
                if new and not before:
                    broken.append((name, sentence, finding.original, suggestion, sorted(new)))
    assert walked > 100  # the letters have plenty of findings with suggestions
    assert broken == []


@pytest.mark.parametrize(
    ("word", "original", "cased"),
    [("wordt", "word", "wordt"), ("wordt", "Word", "Wordt"), ("wordt", "WORD", "WORDT"), ("de", "U", "De")],
)
def test_a_replacement_takes_the_case_of_the_word_it_replaces(word: str, original: str, cased: str) -> None:
    assert case_like(word, original) == cased
