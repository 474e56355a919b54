"""The one module that owns threads.

Long work is a pure core function (often a generator); a :class:`Job` runs it on a thread pool
and reports through a QObject that lives in the GUI thread, so results arrive as queued signals.
Each job belongs to a *lane* ("open", "analysis", "model", ...): starting a new job in a lane
cancels the previous one and drops its late results, so the UI never shows stale work.
Model work runs on its own one-thread pool: the model is loaded lazily on that thread and used
only there. Threads are never killed; cancelling sets a flag the core checks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

PROGRESS_DELAY_MS = 600


@dataclass
class JobHandle:
    """What the UI keeps of a running job: its lane, id and cancel flag."""

    lane: str
    job_id: int
    cancel: threading.Event = field(default_factory=threading.Event)


class _Relay(QObject):
    """Carries results from pool threads to the GUI thread (queued connections)."""

    item = Signal(str, int, object)
    done = Signal(str, int, object)
    failed = Signal(str, int, object)


class _Job(QRunnable):
    def __init__(self, handle: JobHandle, work: Callable[[threading.Event], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._work = work
        self._relay = relay

    def run(self) -> None:
        handle = self._handle
        try:
            result = self._work(handle.cancel)
            if isinstance(result, Iterator):
                for item in result:
                    if handle.cancel.is_set():
                        break
                    self._relay.item.emit(handle.lane, handle.job_id, item)
                result = None
            self._relay.done.emit(handle.lane, handle.job_id, result)
        except Exception as exc:  # reported to the UI, which shows it; never swallowed
            self._relay.failed.emit(handle.lane, handle.job_id, exc)


class Workers(QObject):
    """Runs core work off the GUI thread; one current job per lane.

    Signals carry (lane, payload): ``item`` for each value a generator yields, ``finished`` with the
    return value, ``failed`` with the exception, ``busy`` (lane, bool) once a job has run longer than
    PROGRESS_DELAY_MS (so short work never flashes a progress bar) and again when it ends.
    """

    item = Signal(str, object)
    finished = Signal(str, object)
    failed = Signal(str, object)
    busy = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._model_pool = QThreadPool(self)
        self._model_pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.item.connect(self._on_item)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._current: dict[str, JobHandle] = {}
        self._timers: dict[str, QTimer] = {}
        self._next_id = 0

    def start(self, lane: str, work: Callable[[threading.Event], Any], *, model: bool = False) -> JobHandle:
        """Run ``work(cancel)`` in ``lane``, cancelling the lane's previous job."""
        self.cancel(lane)
        self._next_id += 1
        handle = JobHandle(lane, self._next_id)
        self._current[lane] = handle
        timer = self._timers.get(lane)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(PROGRESS_DELAY_MS)
            timer.timeout.connect(lambda lane=lane: self._on_slow(lane))
            self._timers[lane] = timer
        timer.start()
        (self._model_pool if model else self._pool).start(_Job(handle, work, self._relay))
        return handle

    def cancel(self, lane: str) -> None:
        """Ask the lane's job to stop; its later results are dropped."""
        handle = self._current.pop(lane, None)
        if handle is not None:
            handle.cancel.set()
            self._end(lane)

    def is_running(self, lane: str) -> bool:
        """True while the lane has a job whose results are still wanted."""
        return lane in self._current

    def is_slow(self, lane: str) -> bool:
        """True while the lane's job runs and has passed PROGRESS_DELAY_MS (``busy`` said True for it)."""
        timer = self._timers.get(lane)
        return lane in self._current and timer is not None and not timer.isActive()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every pool is idle (used at shutdown and in tests)."""
        return self._pool.waitForDone(timeout_ms) and self._model_pool.waitForDone(timeout_ms)

    def shutdown(self) -> None:
        """Cancel every job and wait for the threads to finish their current step."""
        for lane in list(self._current):
            self.cancel(lane)
        self.wait()

    def _is_current(self, lane: str, job_id: int) -> bool:
        handle = self._current.get(lane)
        return handle is not None and handle.job_id == job_id

    def _end(self, lane: str) -> None:
        timer = self._timers.get(lane)
        was_slow = timer is not None and not timer.isActive()
        if timer is not None:
            timer.stop()
        if was_slow:
            self.busy.emit(lane, False)

    def _on_slow(self, lane: str) -> None:
        if lane in self._current:
            self.busy.emit(lane, True)

    def _on_item(self, lane: str, job_id: int, item: object) -> None:
        if self._is_current(lane, job_id):
            self.item.emit(lane, item)

    def _on_done(self, lane: str, job_id: int, result: object) -> None:
        if self._is_current(lane, job_id):
            del self._current[lane]
            self._end(lane)
            self.finished.emit(lane, result)

    def _on_failed(self, lane: str, job_id: int, error: object) -> None:
        if self._is_current(lane, job_id):
            del self._current[lane]
            self._end(lane)
            self.failed.emit(lane, error)
