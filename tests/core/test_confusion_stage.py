"""The app's confusion stage (analysis.confusion_stage) on the rules' real findings of a real .docx: what the model
says about their suggestions reaches the review. The scorer is a stand-in with given margins (the real model's
ranking is tested in tests/model/test_confusion_model.py)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.core import analysis
from desktop.core.analysis import LanguageTools, ParagraphFindings, run_analysis
from desktop.core.document.reader import open_document
from desktop.core.document.samples import text_to_docx
from desktop.core.findings import Finding
from desktop.core.language.confusion import FIX_DROP
from desktop.core.language.confusion_candidates import Candidate
from desktop.core.model import engine as engine_module
from desktop.core.policy.settings import load_settings

pytestmark = pytest.mark.core

TEXT = (
    "Wij vinden dat het om reden van de veiligheid gewenst is de weg af te sluiten. "
    "Hij is na de vakantie erg dike geworden."
)


class MarginsPerAlternative:
    """A scorer that gives each alternative the margin listed for it (else -5: the sentence as written wins)."""

    def __init__(self, margins: dict[str, float]) -> None:
        self.margins_given = margins
        self.tokens_scored = 0

    def margins(
        self, sentences: Sequence[tuple[str, Sequence[Candidate]]], cancel: threading.Event | None = None
    ) -> list[list[tuple[float, ...]] | None]:
        return [[tuple(self.margins_given.get(a, -5.0) for a in c.alternatives) for c in cands]
                for _s, cands in sentences]


def _after_stage(
    language_tools: LanguageTools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, margins: dict[str, float]
) -> dict[str, Finding]:
    settings = load_settings(registry=dict)
    document = open_document(text_to_docx(TEXT, tmp_path / "brief.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    found: dict[str, list[Finding]] = {p.id: [] for p in paragraphs}
    for item in run_analysis(document, settings, threading.Event(), language_tools, rewrites=False):
        if isinstance(item, ParagraphFindings):
            found[item.paragraph] = list(item.findings)
    rules = {f.original: f for f in found[paragraphs[0].id]}
    assert rules["dike"].suggestions[:3] == ("die", "dikke", "dik")  # by frequency: 'die' first
    assert rules["om reden van"].suggestions == ("vanwege",)  # the construction the sentence needs
    monkeypatch.setattr(engine_module, "scorer_for", lambda engine: MarginsPerAlternative(margins))
    items = list(analysis.confusion_stage(object(), paragraphs, found, settings, language_tools, threading.Event()))
    [last] = [item for item in items if isinstance(item, ParagraphFindings)][-1:]
    assert last.findings == tuple(found[paragraphs[0].id])
    return {f.original: f for f in last.findings}


def test_the_model_puts_the_suggestion_its_sentence_needs_first(
    language_tools: LanguageTools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = _after_stage(language_tools, tmp_path, monkeypatch, {"dik": 3.0, "dikke": 1.0, "die": -1.0})
    assert after["dike"].suggestions[:3] == ("dik", "die", "dikke")  # its first by more than RANK_RERANK; the rest stay
    assert after["om reden van"].suggestions == ("vanwege",)  # a replacement the model finds fine stays


def test_a_replacement_the_model_finds_far_worse_is_shown_as_advice_without_a_one_click_fix(
    language_tools: LanguageTools, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = _after_stage(language_tools, tmp_path, monkeypatch, {"vanwege": FIX_DROP - 1.0})
    withheld = after["om reden van"]
    assert withheld.suggestions == () and "Geen directe vervanging" in withheld.message
