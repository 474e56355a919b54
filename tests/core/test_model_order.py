"""The model's tasks: hardest sentence first, within a budget per page, so stopping early keeps the work that
helps most."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import analysis
from desktop.core.analysis import LanguageTools, ModelReport, Notice, ParagraphFindings, by_expected_gain, run_analysis
from desktop.core.document.reader import open_document
from desktop.core.language.confusion import WORDS_PER_PAGE
from desktop.core.model.engine import Completion, EngineInfo, Request, TextCallback
from desktop.core.model.guards import Task
from desktop.core.model.jobs import ModelJob
from desktop.core.policy.settings import load_settings

pytestmark = pytest.mark.core

EASY = "Wij sturen u deze brief."
LONG = (
    "Gedurende een termijn van 6 weken kunnen belanghebbenden op grond van artikel 7:1 van de Algemene wet "
    "bestuursrecht, bij ons schriftelijk bezwaar maken tegen het besluit dat wij hebben genomen."
)
HARDEST = (
    "Het fractievoorzittersoverleg doet aanbevelingen aan de raad inzake de organisatie en het functioneren van de "
    "raad en de raadscommissies voor zover het niet betreft de taken van de agendacommissie, welke door het "
    "presidium worden geëffectueerd."
)


def test_the_hardest_sentence_goes_first_and_equals_keep_their_order(letter_docx: Callable[..., Path]) -> None:
    paragraph = open_document(letter_docx("003_besluit")).paragraphs[0]
    texts = [EASY, LONG, EASY + " ", HARDEST]
    work = [(paragraph, ModelJob(Task.B1, f"p{i}", text, 0, len(text))) for i, text in enumerate(texts)]
    ordered = [job.paragraph for _paragraph, job in by_expected_gain(work, 20)]
    assert ordered == ["p3", "p1", "p0", "p2"]


class SlowEngine:
    """Streams an answer a word every 20 ms, as a slow laptop would, and records what it was asked."""

    info = EngineInfo("nep", "nep.gguf", "0" * 64, None, 1, 4096)

    def __init__(self) -> None:
        self.asked: list[str] = []

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        self.asked.append(request.user)
        text = "Dit " + " ".join(["is een zin"] * 14)
        raw = json.dumps({"tekst": text})
        for count in range(11, len(raw) + 1, 6):
            time.sleep(0.02)
            if on_text is not None:
                on_text(raw[:count])
            if cancel is not None and cancel.is_set():
                return Completion("", raw[:count], 100, count, 0.0, 0.1, "cancelled")
        return Completion(text, raw, 100, len(raw), 0.0, 0.1, "stop")


def test_the_model_stage_keeps_to_its_budget_and_says_what_it_left(
    letter_docx: Callable[..., Path], language_tools: LanguageTools, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis, "MODEL_SECONDS_PER_PAGE", 0.5)
    settings = load_settings(registry=dict)
    document = open_document(letter_docx("016_brief"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    found = {p.id: [] for p in paragraphs}
    for item in run_analysis(document, settings, threading.Event(), language_tools):
        if isinstance(item, ParagraphFindings):
            found[item.paragraph] = list(item.findings)
    jobs = [job for p in paragraphs for job in analysis.model_jobs(p, found[p.id])]
    assert len(jobs) >= 3
    budget = 0.5 * max(1.0, sum(len(p.text.split()) for p in paragraphs) / WORDS_PER_PAGE)
    engine = SlowEngine()
    started = time.monotonic()
    items = list(analysis.model_stage(engine, paragraphs, found, settings, language_tools, threading.Event()))
    assert time.monotonic() - started < budget + 1.0  # the candidate being written stopped at the budget
    done = sum(isinstance(item, ModelReport) for item in items)
    [notice] = [item for item in items if isinstance(item, Notice)]
    assert 0 < done < len(jobs)
    assert f"{len(jobs) - done} van de {len(jobs)} zinnen" in notice.message
