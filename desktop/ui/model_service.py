"""The local model in the UI: loaded in the background on the model thread, used for B1 rewrites.

The app is usable at once: rule checks never wait for the model. The state (laden / klaar /
niet beschikbaar — alleen regels) is emitted for the status bar. Every model call runs on the
workers' one-thread model pool; a rewrite's streamed text and result go to the callbacks of the
caller that started it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.i18n import _
from desktop.core.model.energy import ModelCost
from desktop.core.policy.settings import Settings
from desktop.ui.workers import Lane, Workers

if TYPE_CHECKING:  # llama.cpp and the guards load on the model thread, not before the window shows
    from desktop.core.model.engine import EngineInfo, LlamaEngine
    from desktop.core.model.guards import GuardContext
    from desktop.core.model.jobs import ModelJob
    from desktop.core.model.tasks import ModelResult

LOAD_LANE = Lane("model-laden")
TASK_LANE = Lane("model", status=True)
RELEASE_LANE = Lane("model-vrijgeven", cancellable=False)


class ModelService(QObject):
    """Owns the engine; signals: ``state_changed(state, detail)`` for the status bar, ``failed(message)``.

    A rewrite's streamed text and its result go to the callbacks its caller passes to :meth:`rewrite`.
    """

    state_changed = Signal(str, str)
    failed = Signal(str)

    LOADING = "laden"
    READY = "klaar"
    UNAVAILABLE = "niet beschikbaar"

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._engine: LlamaEngine | None = None
        self._counted = ModelCost()  # the engine's total when take_cost last looked
        self.state = self.UNAVAILABLE
        self.detail = ""

    @property
    def engine(self) -> LlamaEngine | None:
        """The loaded engine (for work that runs on the model thread, such as drafting), or None."""
        return self._engine

    @property
    def info(self) -> EngineInfo | None:
        """The loaded model's info, or None."""
        return self._engine.info if self._engine is not None else None

    def _set_state(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail
        self.state_changed.emit(state, detail)

    def load(self, settings: Settings) -> None:
        """Start loading the configured model in the background (or say why there is none). A model loaded
        before is let go first: nothing (a rewrite, drafting, the status bar) uses it once this is called."""
        self._release()
        if not settings.model.enabled:
            self._workers.cancel(LOAD_LANE)
            self._set_state(self.UNAVAILABLE, _("het taalmodel staat uit in de instellingen"))
            return
        wanted, threads = settings.model.file, settings.model.threads

        def work(_cancel: threading.Event) -> LlamaEngine:
            from desktop.core.model.engine import load_engine
            from desktop.core.model.examples import load_examples

            engine = load_engine(wanted, threads)
            load_examples()  # read once here, not in the user's wait for the first rewrite (0.3 s)
            return engine

        self._set_state(self.LOADING, "")
        self._workers.run(LOAD_LANE, work, self._on_loaded, self._on_load_failed, model=True)

    def take_cost(self) -> ModelCost:
        """What the engine generated since the last call (rewrites, drafting; stopped ones too)."""
        if self._engine is None:
            return ModelCost()
        total = self._engine.meter.total()
        cost, self._counted = total - self._counted, total
        return cost

    def _release(self) -> None:
        """Stop using the loaded engine now, and free it on the model thread after the work already queued
        there (which holds it, and would crash if it were freed under a decode)."""
        engine, self._engine = self._engine, None
        if engine is not None:
            self._workers.run(RELEASE_LANE, lambda _cancel: engine.close(), lambda _none: None, model=True)

    def close(self) -> None:
        """Free the loaded engine when the app ends, after the background work has stopped (a model job
        still running after the wait keeps it: freeing it under a decode would crash)."""
        engine = self._engine
        if engine is None or not self._workers.shutdown():
            return
        self._engine = None
        engine.close()
        self._set_state(self.UNAVAILABLE, "")

    def _on_loaded(self, engine: LlamaEngine) -> None:
        self._engine = engine
        self._counted = engine.meter.total()
        self._set_state(self.READY, engine.info.name)

    def _on_load_failed(self, error: Exception) -> None:
        from desktop.core.model.engine import EngineError

        if not isinstance(error, EngineError):
            raise error
        self._set_state(self.UNAVAILABLE, str(error))

    def rewrite(
        self,
        job: ModelJob,
        context: GuardContext,
        on_text: Callable[[str], None],
        on_result: Callable[[ModelResult], None],
    ) -> bool:
        """Start ``job`` (a guarded B1 rewrite): ``on_text`` gets the answer so far as it streams, ``on_result``
        the outcome, both in the GUI thread and only while this is the current rewrite. False when no model
        is ready."""
        engine = self._engine
        if engine is None:
            return False

        def work(cancel: threading.Event, report: Callable[[str], None]) -> ModelResult:
            from desktop.core.model.tasks import run_task

            return run_task(engine, job, context, cancel=cancel, on_text=report)

        self._workers.run_reporting(TASK_LANE, work, on_text, on_result, self._on_rewrite_failed, model=True)
        return True

    def _on_rewrite_failed(self, error: Exception) -> None:
        from desktop.core.model.engine import EngineError

        if not isinstance(error, EngineError):
            raise error
        self.failed.emit(str(error))

    def cancel(self) -> bool:
        """Stop the running rewrite (between tokens); True when one was running."""
        return self._workers.cancel(TASK_LANE)
