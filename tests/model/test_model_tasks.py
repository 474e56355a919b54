"""The model tasks end to end with the embedded model: a B1 rewrite and a correction through the guards."""

from __future__ import annotations

import threading

import pytest

from desktop.core.analysis import LanguageTools
from desktop.core.model.engine import LlamaEngine
from desktop.core.model.guards import Task, check_output
from desktop.core.model.jobs import ModelJob
from desktop.core.model.tasks import Attempt, ModelResult, run_task
from desktop.core.policy.settings import load_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Real sentences: letter 003 (Steenbergen) and a correction case with a real d/t error pattern.
OFFICIALESE = (
    "Overwegende dat de verzoeker niet voldoet aan de criteria om in aanmerking te komen voor een persoonlijke "
    "gehandicaptenparkeerplaats."
)
WITH_ERROR = "Het besluit word u binnen zes weken na de datum van deze brief per post toegestuurd."


def _apply(result: ModelResult, paragraph: str) -> str:
    """The paragraph with every finding of the result applied (from the end backwards)."""
    text = paragraph
    for finding in sorted(result.findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
    return text


def _check_result(result: ModelResult, task: Task, paragraph: str, tools: LanguageTools) -> None:
    # the model was really asked: to write, or to judge the candidates the rules built
    assert result.completions or result.by_rules
    if result.text is None:
        # Nothing reached the user: every attempt must have been refused with reasons.
        assert result.refusals and all(v.reasons for v in result.refusals)
        assert result.message == "Geen veilige herschrijving gevonden."
        return
    verdict = check_output(task, result.original, result.text, tools.guard_context(load_settings(registry=dict)))
    assert verdict.ok, verdict.reasons
    assert result.findings and len({f.group for f in result.findings}) == 1
    assert _apply(result, paragraph) == paragraph[: result.start] + result.text + paragraph[result.end :]
    assert all("feiten zijn behouden" in f.message for f in result.findings)


def test_b1_rewrite_end_to_end(embedded_engine: LlamaEngine, language_tools: LanguageTools) -> None:
    context = language_tools.guard_context(load_settings(registry=dict))
    job = ModelJob.b1_rewrite("p3", OFFICIALESE)
    result = run_task(embedded_engine, job, context, attempts=(Attempt(0.0, 1), Attempt(0.6, 2)))
    _check_result(result, Task.B1, OFFICIALESE, language_tools)
    if result.text is not None:
        assert result.level_before is not None and result.level_after is not None


def test_correction_end_to_end(embedded_engine: LlamaEngine, language_tools: LanguageTools) -> None:
    context = language_tools.guard_context(load_settings(registry=dict))
    job = ModelJob(Task.CORRECTION, "p1", WITH_ERROR, 0, len(WITH_ERROR),
                   problems="‘word’: de persoonsvorm hoort ‘wordt’ te zijn")
    result = run_task(embedded_engine, job, context, attempts=(Attempt(0.0, 1),))
    _check_result(result, Task.CORRECTION, WITH_ERROR, language_tools)
    if result.text is not None:
        assert "wordt" in result.text
    else:  # refused: it says why (greedy decoding is not the same in every session: the KV cache differs)
        assert result.refusals and all(verdict.reasons for verdict in result.refusals)


def test_cancel_stops_between_tokens(embedded_engine: LlamaEngine, language_tools: LanguageTools) -> None:
    context = language_tools.guard_context(load_settings(registry=dict))
    cancel = threading.Event()
    seen: list[str] = []

    def on_text(text: str) -> None:
        seen.append(text)
        if len(seen) == 3:
            cancel.set()

    result = run_task(embedded_engine, ModelJob.b1_rewrite("p3", OFFICIALESE), context, cancel=cancel, on_text=on_text)
    assert len(seen) <= 4 and result.text is None
    assert [c.finish for c in result.completions] == ["cancelled"]
