"""The one module that owns threads.

Long work is a pure core function; a job runs it on a thread pool and its outcome comes back, in
the GUI thread, to the caller that started it, typed (as Anki's ``QueryOp(success=...)``):
:meth:`Workers.run` calls ``on_done(result)`` with the work's return value, :meth:`Workers.stream`
calls ``on_item(item)`` for every value a core generator yields and then ``on_done()``, and
:meth:`Workers.run_reporting` gives the work a ``report`` function whose values reach ``on_progress``
(the model's text as it streams). Values of a job that was cancelled or replaced are dropped. A failure
goes to ``on_error(exc)``, or is raised in the GUI thread when the caller has none. Pool threads
only return values; they never touch a UI object.

Each job belongs to a :class:`Lane` ("openen", "analyse", "model", ...): starting a new job in a lane
cancels the previous one and drops its late results, so the UI never shows stale work. Model work
runs on its own one-thread pool: the model is loaded lazily on that thread and used only there.
Threads are never killed; cancelling sets a flag the core checks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

PROGRESS_DELAY_MS = 600

T = TypeVar("T")
Item = TypeVar("Item")
Report = TypeVar("Report")
ErrorCallback = Callable[[Exception], None]
# How a job hands back its work: the return value, each value the generator yields, or values it reports.
Mode = Literal["run", "stream", "report"]


@dataclass(frozen=True)
class Lane:
    """A kind of work with at most one current job. ``status``: the main window shows it in the status bar
    once it is slow; ``cancellable``: Annuleren can stop it there (a save cannot: it is atomic)."""

    name: str
    status: bool = False
    cancellable: bool = True


@dataclass
class JobHandle:
    """What the UI keeps of a running job: its lane, id and cancel flag."""

    lane: Lane
    job_id: int
    cancel: threading.Event = field(default_factory=threading.Event)


@dataclass
class _Callbacks:
    """Where a job's outcome goes (called in the GUI thread only)."""

    on_item: Callable[[Any], None] | None
    on_done: Callable[[Any], None]
    on_error: ErrorCallback | None


class _Relay(QObject):
    """Carries values from pool threads to the GUI thread (queued connections): (job id, value)."""

    item = Signal(int, object)
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    """Runs the work on a pool thread and emits what it returns, yields or reports; touches nothing else."""

    def __init__(self, handle: JobHandle, work: Callable[..., Any], relay: _Relay, mode: Mode) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._work = work
        self._relay = relay
        self._mode = mode

    def _report(self, value: object) -> None:
        self._relay.item.emit(self._handle.job_id, value)

    def run(self) -> None:
        handle = self._handle
        try:
            result = self._work(handle.cancel, self._report) if self._mode == "report" else self._work(handle.cancel)
            if self._mode == "stream":
                for item in result:
                    if handle.cancel.is_set():
                        break
                    self._relay.item.emit(handle.job_id, item)
                result = None
            self._relay.done.emit(handle.job_id, result)
        except Exception as exc:  # reported to the caller, which shows it; never swallowed
            self._relay.failed.emit(handle.job_id, exc)


class Workers(QObject):
    """Runs core work off the GUI thread; one current job per lane.

    ``busy(lane, bool)`` says once a job has run longer than PROGRESS_DELAY_MS (so short work never
    flashes a progress bar) and again when it ends.
    """

    busy = Signal(object, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._model_pool = QThreadPool(self)
        self._model_pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.item.connect(self._on_item)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._current: dict[Lane, JobHandle] = {}
        self._callbacks: dict[int, _Callbacks] = {}
        self._held: set[int] = set()  # ids of lanes' placeholders: work that waits for something else
        self._timers: dict[Lane, QTimer] = {}
        self._next_id = 0

    def run(
        self,
        lane: Lane,
        work: Callable[[threading.Event], T],
        on_done: Callable[[T], None],
        on_error: ErrorCallback | None = None,
        *,
        model: bool = False,
    ) -> JobHandle:
        """Run ``work(cancel)`` in ``lane`` (cancelling the lane's previous job); ``on_done`` gets its result."""
        return self._start(lane, work, _Callbacks(None, on_done, on_error), mode="run", model=model)

    def run_reporting(
        self,
        lane: Lane,
        work: Callable[[threading.Event, Callable[[Report], None]], T],
        on_progress: Callable[[Report], None],
        on_done: Callable[[T], None],
        on_error: ErrorCallback | None = None,
        *,
        model: bool = False,
    ) -> JobHandle:
        """Run ``work(cancel, report)`` in ``lane``: ``on_progress`` gets each reported value while the job is
        current, ``on_done`` its result."""
        return self._start(lane, work, _Callbacks(on_progress, on_done, on_error), mode="report", model=model)

    def stream(
        self,
        lane: Lane,
        work: Callable[[threading.Event], Iterator[Item]],
        on_item: Callable[[Item], None],
        on_done: Callable[[], None],
        on_error: ErrorCallback | None = None,
        *,
        model: bool = False,
    ) -> JobHandle:
        """Run the generator ``work(cancel)`` in ``lane``: ``on_item`` for each value, then ``on_done()``."""
        callbacks = _Callbacks(on_item, lambda _none: on_done(), on_error)
        return self._start(lane, work, callbacks, mode="stream", model=model)

    def hold(self, lane: Lane) -> JobHandle:
        """Keep ``lane`` busy for work that cannot start yet (it waits for something else, in the GUI thread):
        it counts as running, shows as slow after the delay and can be cancelled; the next job started in the
        lane takes its place without the progress flickering."""
        handle = self._new_handle(lane)
        self._held.add(handle.job_id)
        return handle

    def is_held(self, lane: Lane) -> bool:
        """True while ``lane`` holds a place for work that has not started."""
        handle = self._current.get(lane)
        return handle is not None and handle.job_id in self._held

    def _new_handle(self, lane: Lane) -> JobHandle:
        previous = self._current.get(lane)
        continuing = previous is not None and previous.job_id in self._held
        if previous is not None and continuing:
            self._held.discard(previous.job_id)  # the lane stays busy: no end, the delay runs on
        else:
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
        if not continuing:
            timer.start()
        return handle

    def _start(self, lane: Lane, work: Callable[..., Any], callbacks: _Callbacks, *, mode: Mode,
               model: bool) -> JobHandle:
        handle = self._new_handle(lane)
        self._callbacks[handle.job_id] = callbacks
        (self._model_pool if model else self._pool).start(_Job(handle, work, self._relay, mode))
        return handle

    def cancel(self, lane: Lane) -> bool:
        """Ask the lane's job to stop; its later results are dropped. True when a job was running."""
        handle = self._current.pop(lane, None)
        if handle is None:
            return False
        handle.cancel.set()
        self._callbacks.pop(handle.job_id, None)
        self._held.discard(handle.job_id)
        self._end(lane)
        return True

    def is_running(self, lane: Lane) -> bool:
        """True while the lane has a job whose results are still wanted."""
        return lane in self._current

    def slow_lanes(self) -> list[Lane]:
        """The lanes whose job runs (or is held) and has passed PROGRESS_DELAY_MS (``busy`` said True for them)."""
        return [lane for lane in self._current if not self._timers[lane].isActive()]

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every pool is idle (used at shutdown and in tests)."""
        return self._pool.waitForDone(timeout_ms) and self._model_pool.waitForDone(timeout_ms)

    def shutdown(self) -> bool:
        """Cancel every job and wait for the threads to finish their current step; True when they did."""
        for lane in list(self._current):
            self.cancel(lane)
        return self.wait()

    def _finish(self, job_id: int) -> _Callbacks | None:
        """The callbacks of ``job_id`` if it is its lane's current job (None for stale work); the lane is free."""
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is None:
            return None
        lane = next(lane for lane, handle in self._current.items() if handle.job_id == job_id)
        del self._current[lane]
        self._end(lane)
        return callbacks

    def _end(self, lane: Lane) -> None:
        timer = self._timers.get(lane)
        was_slow = timer is not None and not timer.isActive()
        if timer is not None:
            timer.stop()
        if was_slow:
            self.busy.emit(lane, False)

    def _on_slow(self, lane: Lane) -> None:
        if lane in self._current:
            self.busy.emit(lane, True)

    def _on_item(self, job_id: int, item: object) -> None:
        callbacks = self._callbacks.get(job_id)  # only current jobs have callbacks: stale items are dropped
        if callbacks is not None and callbacks.on_item is not None:
            callbacks.on_item(item)

    def _on_done(self, job_id: int, result: object) -> None:
        callbacks = self._finish(job_id)
        if callbacks is not None:
            callbacks.on_done(result)

    def _on_failed(self, job_id: int, error: Exception) -> None:
        callbacks = self._finish(job_id)
        if callbacks is None:
            return
        if callbacks.on_error is None:
            raise error
        callbacks.on_error(error)
