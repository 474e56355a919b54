"""Word lists: the shipped B1 list and protected terms, organisation extensions, the personal list."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.findings import Category, Source
from desktop.core.language.wordlists import (
    B1WordChecker,
    PersonalWordList,
    WordListError,
    WordLists,
    machine_wordlists_dir,
    personal_wordlist_path,
    shipped_wordlists_dir,
)

pytestmark = pytest.mark.core


def _letter(test_data: Path, name: str) -> list[str]:
    return (test_data / "letters" / "texts" / name).read_text(encoding="utf-8").split("\n\n")


def test_shipped_lists_load_and_protect_legal_terms():
    lists = WordLists.load_default()
    assert len(lists.b1) > 60
    for term in ("bezwaarschrift", "omgevingsvergunning", "beschikking", "Algemene wet bestuursrecht"):
        assert term in lists.protected
    assert lists.b1.lookup("alvorens") is not None
    assert lists.b1.lookup("bezwaarschrift") is None


def test_b1_checker_on_real_officialese(test_data):
    """016: 'Middels dit schrijven'; 001: 'dient te zijn ondertekend'."""
    checker = B1WordChecker(WordLists.load_default().b1)
    paragraph = _letter(test_data, "016_brief.txt")[2]
    found = {f.original: f for f in checker.check("p", paragraph)}
    assert found["Middels"].suggestions[0] == "Met"  # capital kept
    assert found["Middels"].category is Category.STYLE and found["Middels"].source is Source.WORDLIST
    clause = next(p for p in _letter(test_data, "001_besluit.txt") if "dient te" in p)
    dient = next(f for f in checker.check("b", clause) if f.original == "dient te")
    assert dient.suggestions == ("moet",)
    assert clause[dient.start : dient.end] == "dient te"


def test_b1_checker_on_plain_letter_reports_only_the_officialese(test_data):
    """014 is already close to B1: only 'naar aanleiding van' is on our list."""
    checker = B1WordChecker(WordLists.load_default().b1)
    found = [f.original for p in _letter(test_data, "014_brief.txt") for f in checker.check("p", p)]
    assert found == ["naar aanleiding van"]


def test_no_b1_word_inside_the_title_of_a_regulation(test_data):
    """007: 'artikel 12 van het Besluit administratieve bepalingen inzake het wegverkeer' names a regulation, which is
    quoted as it stands; the writer's own 'hiertoe' after 'de Algemene wet bestuursrecht' (decision 113) is not."""
    checker = B1WordChecker(WordLists.load_default().b1)
    clause = next(p for p in _letter(test_data, "007_besluit.txt") if "bepalingen inzake het wegverkeer" in p)
    assert "inzake" in clause and not [f for f in checker.check("p", clause) if f.original == "inzake"]
    decision = (test_data / "decisions" / "texts" / "113_ouderamstel_gpp.txt").read_text(encoding="utf-8")
    sentence = next(s for s in decision.split("\n") if "Algemene wet bestuursrecht kunt u hiertoe" in s)
    assert [f.original for f in checker.check("p", sentence) if f.original == "hiertoe"] == ["hiertoe"]


def test_inflected_form_gets_explanation_but_no_replacement():
    checker = B1WordChecker(WordLists.load_default().b1)
    (finding,) = checker.check("p", "De werkzaamheden zijn gisteren aangevangen.")
    assert finding.original == "aangevangen" and finding.suggestions == ()
    assert "beginnen" in finding.message


def test_organisation_extends_b1_and_protects(isolated_folders):
    machine = machine_wordlists_dir()
    machine.mkdir(parents=True)
    (machine / "b1-woorden.toml").write_text(
        '[[woord]]\nterm = "vooroverleg"\nalternatieven = ["eerste gesprek"]\nsoort = "moeilijk"\n',
        encoding="utf-8",
    )
    (machine / "beschermde-termen.txt").write_text("# eigen\nmiddels\n", encoding="utf-8")
    (machine / "organisatie.txt").write_text("Schokkerringweg\n", encoding="utf-8")
    lists = WordLists.load_default()
    assert lists.b1.lookup("vooroverleg").alternatives == ("eerste gesprek",)
    assert lists.b1.lookup("middels") is None  # protected by the organisation
    assert "Schokkerringweg" in lists.organisation


def test_broken_b1_file_gives_dutch_error(tmp_path):
    broken = tmp_path / "b1-woorden.toml"
    broken.write_text('[[woord]]\nterm = "x"\n', encoding="utf-8")
    with pytest.raises(WordListError, match="B1-woordenlijst"):
        WordLists.load(shipped_wordlists_dir(), broken.parent, tmp_path / "p.txt")


def test_personal_list_adds_and_persists(isolated_folders):
    path = personal_wordlist_path()
    personal = PersonalWordList(path)
    assert personal.add("Intermaris") is True
    assert personal.add("Intermaris") is False
    assert "Intermaris" in PersonalWordList(path)
    assert personal.remove("Intermaris") is True
    assert "Intermaris" not in PersonalWordList(path)
    with pytest.raises(WordListError):
        personal.add("twee woorden")
