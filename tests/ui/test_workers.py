"""The workers: a job's outcome comes back typed to the caller that started it, in the GUI thread; a replaced or
cancelled job's late values are dropped; the model lane has one thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from desktop.ui.workers import Lane, Workers

pytestmark = pytest.mark.ui

LANE = Lane("proef")


@pytest.fixture
def workers() -> Iterator[Workers]:
    pool = Workers()
    yield pool
    pool.shutdown()


def test_the_result_comes_back_to_the_caller_in_the_gui_thread(qtbot, workers: Workers) -> None:
    got: list[tuple[int, bool]] = []
    workers.run(LANE, lambda _cancel: 6 * 7,
                lambda answer: got.append((answer, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(got), timeout=5_000)
    assert got == [(42, True)] and not workers.is_running(LANE)


def test_a_replaced_job_never_reports(qtbot, workers: Workers) -> None:
    release = threading.Event()
    got: list[str] = []
    workers.run(LANE, lambda _cancel: release.wait(5) and "oud", got.append)
    workers.run(LANE, lambda _cancel: "nieuw", got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5_000)
    release.set()
    assert workers.wait(5_000)
    qtbot.wait(50)  # the old job's result would arrive now
    assert got == ["nieuw"]


def test_a_stream_delivers_every_item_then_done_and_cancel_stops_it(qtbot, workers: Workers) -> None:
    items: list[int] = []
    done: list[bool] = []

    def count(_cancel: threading.Event) -> Iterator[int]:
        yield from range(5)

    workers.stream(LANE, count, items.append, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert items == [0, 1, 2, 3, 4]

    release = threading.Event()

    def slow(_cancel: threading.Event) -> Iterator[int]:
        yield 1
        release.wait(5)
        yield 2

    items.clear()
    done.clear()
    workers.stream(LANE, slow, items.append, lambda: done.append(True))
    qtbot.waitUntil(lambda: items == [1], timeout=5_000)
    assert workers.cancel(LANE) and not workers.cancel(LANE)
    release.set()
    assert workers.wait(5_000)
    qtbot.wait(50)
    assert items == [1] and not done


def test_reports_reach_the_caller_until_the_job_is_cancelled(qtbot, workers: Workers) -> None:
    reported: list[str] = []
    finished: list[str] = []
    go_on = threading.Event()

    def work(cancel: threading.Event, report: Callable[[str], None]) -> str:
        report("{\"tekst\": \"Een")
        go_on.wait(5)
        report("{\"tekst\": \"Een zin")  # after the cancel: dropped
        return "klaar"

    workers.run_reporting(LANE, work, reported.append, finished.append, model=True)
    qtbot.waitUntil(lambda: bool(reported), timeout=5_000)
    workers.cancel(LANE)
    go_on.set()
    assert workers.wait(5_000)
    qtbot.wait(50)
    assert reported == ["{\"tekst\": \"Een"] and not finished


def test_a_failure_goes_to_the_callers_error_handler(qtbot, workers: Workers) -> None:
    errors: list[Exception] = []

    def fail(_cancel: threading.Event) -> int:
        raise ValueError("kapot")

    workers.run(LANE, fail, lambda _value: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert str(errors[0]) == "kapot" and not workers.is_running(LANE)


def test_model_work_runs_one_job_at_a_time(qtbot, workers: Workers) -> None:
    running: list[int] = []
    most: list[int] = []
    done: list[int] = []

    def job(_cancel: threading.Event) -> int:
        running.append(1)
        most.append(len(running))
        threading.Event().wait(0.05)
        running.pop()
        return 1

    for index in range(3):
        workers.run(Lane(f"model-{index}"), job, done.append, model=True)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5_000)
    assert max(most) == 1


def test_a_held_lane_is_busy_and_its_job_takes_over_without_flicker(qtbot, workers: Workers) -> None:
    busy: list[bool] = []
    workers.busy.connect(lambda _lane, slow: busy.append(slow))
    workers.hold(LANE)
    assert workers.is_running(LANE) and workers.is_held(LANE)
    qtbot.waitUntil(lambda: busy == [True], timeout=5_000)
    assert workers.slow_lanes() == [LANE]
    release = threading.Event()
    got: list[str] = []
    workers.run(LANE, lambda _cancel: release.wait(5) and "klaar", got.append)
    assert not workers.is_held(LANE) and workers.slow_lanes() == [LANE] and busy == [True]
    release.set()
    qtbot.waitUntil(lambda: got == ["klaar"], timeout=5_000)
    assert busy == [True, False] and not workers.is_running(LANE)


def test_a_held_lane_can_be_cancelled(workers: Workers) -> None:
    workers.hold(LANE)
    assert workers.cancel(LANE) and not workers.is_running(LANE) and not workers.is_held(LANE)
