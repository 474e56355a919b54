"""Findings: confidence, doubt and merging two checks' findings into one."""

from __future__ import annotations

import pytest

from desktop.core.findings import DOUBTFUL_BELOW, Category, Finding, Source, merge_findings, quoted
from desktop.core.session import finding_from_dict, finding_to_dict

pytestmark = pytest.mark.core

TEXT = "Pas in 1968 word Mauritius onafhankelijk."


def _finding(rule: str, source: Source, confidence: float = 1.0) -> Finding:
    start = TEXT.index("word")
    return Finding("p", start, start + 4, "word", Category.GRAMMAR, rule, source, f"reden van {rule}",
                   ("wordt",), confidence=confidence)


def test_rules_are_sure_and_a_small_margin_is_doubtful() -> None:
    assert not _finding("LT:X", Source.RULE).doubtful
    assert _finding("CONF:DT", Source.MODEL, DOUBTFUL_BELOW - 0.01).doubtful
    assert not _finding("CONF:DT", Source.MODEL, DOUBTFUL_BELOW).doubtful
    with pytest.raises(ValueError):
        _finding("CONF:DT", Source.MODEL, 1.5)


def test_a_rule_and_the_model_on_one_error_give_one_sure_finding_with_both_reasons() -> None:
    merged = merge_findings([_finding("CONF:DT", Source.MODEL, 0.4), _finding("LT:DT", Source.RULE)], {"p": TEXT})
    assert len(merged) == 1
    assert merged[0].confidence == 1.0
    assert set(merged[0].reasons) == {"reden van CONF:DT", "reden van LT:DT"}


def test_confidence_survives_the_session_file() -> None:
    finding = _finding("CONF:DT", Source.MODEL, 0.42)
    assert finding_from_dict(finding_to_dict(finding)) == finding


def test_a_suggestion_both_checks_make_comes_first() -> None:
    """LanguageTool offers 'het instellingbesluit' first; it and the noun lexicon agree on 'de instelling besluit'."""
    text = "Als het instelling besluit om te stoppen."
    wide = Finding("p", 4, 26, "het instelling besluit", Category.GRAMMAR, "LT:HET_ZNW", Source.RULE, "m",
                   ("het instellingbesluit", "het instelling-besluit", "de instelling besluit"))
    article = Finding("p", 4, 7, "het", Category.GRAMMAR, "LIDWOORD", Source.WORDLIST, "m", ("de",))
    [merged] = merge_findings([wide, article], {"p": text})
    assert merged.suggestions[0] == "de instelling besluit"


def test_an_original_or_suggestion_of_spaces_alone_is_named() -> None:
    assert quoted("wordt") == "‘wordt’"
    assert quoted(" ") == "(één spatie)"
    assert quoted("   ") == "(3 spaties)"
    assert quoted("\u00a0") == "(witruimte)"  # a non-breaking space is no plain space
    assert quoted("") == "‘’"
