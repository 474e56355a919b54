"""The model service at the app's end: the engine is freed explicitly once the model work has stopped (freed by
llama-cpp-python's ``__del__`` during interpreter shutdown it printed a TypeError)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import pytest

from desktop.core.model.energy import CostMeter
from desktop.core.model.engine import EngineInfo
from desktop.core.policy.settings import load_settings
from desktop.ui.model_service import TASK_LANE, ModelService
from desktop.ui.workers import Workers

pytestmark = pytest.mark.ui


class ClosingEngine:
    """Records when it is closed, beside the events of the model work that uses it."""

    info = EngineInfo("Nepmodel", "nep.gguf", "cc" * 32, None, 2, 4096)

    def __init__(self, events: list[str]) -> None:
        self.meter = CostMeter()
        self.events = events

    def close(self) -> None:
        self.events.append("engine closed")


@pytest.fixture
def workers() -> Iterator[Workers]:
    pool = Workers()
    yield pool
    pool.shutdown()


def _start_decoding(workers: Workers, events: list[str]) -> None:
    """Start a rewrite on the model thread that stops between tokens when cancelled, and wait until it runs."""
    started = threading.Event()

    def decode(cancel: threading.Event) -> None:
        started.set()
        while not cancel.wait(0.01):
            pass
        events.append("work stopped")

    workers.run(TASK_LANE, decode, lambda _result: None, model=True)
    assert started.wait(5)


def test_closing_frees_the_engine_after_the_running_model_work_stopped(qtbot, workers: Workers) -> None:
    events: list[str] = []
    service = ModelService(workers)
    engine = ClosingEngine(events)
    service._on_loaded(engine)  # type: ignore[arg-type]
    _start_decoding(workers, events)
    with qtbot.waitSignal(service.state_changed, timeout=5_000) as changed:
        service.close()
    assert events == ["work stopped", "engine closed"]
    assert service.engine is None and changed.args == [ModelService.UNAVAILABLE, ""]
    service.close()  # nothing loaded any more: nothing to close
    assert events == ["work stopped", "engine closed"]


def test_switching_the_model_off_lets_go_of_it_at_once_and_frees_it_after_the_running_work(
    qtbot, workers: Workers
) -> None:
    events: list[str] = []
    service = ModelService(workers)
    service._on_loaded(ClosingEngine(events))  # type: ignore[arg-type]
    _start_decoding(workers, events)
    off = load_settings(registry=dict)
    off = dataclasses.replace(off, values={**off.values, "model.enabled": False})
    service.load(off)
    assert service.engine is None and service.state == ModelService.UNAVAILABLE  # drafting cannot use it now
    assert events == []  # not freed under the decode
    workers.cancel(TASK_LANE)
    qtbot.waitUntil(lambda: events == ["work stopped", "engine closed"], timeout=5_000)
