"""The local model in the UI: loaded in the background on the model thread, used for B1 rewrites.

The app is usable at once: rule checks never wait for the model. The state (laden / klaar /
niet beschikbaar — alleen regels) is emitted for the status bar. Every model call runs on the
workers' one-thread model pool; streamed text comes back as a queued signal.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.i18n import _
from desktop.core.policy.settings import Settings
from desktop.ui.workers import Workers

if TYPE_CHECKING:  # llama.cpp and the guards load on the model thread, not before the window shows
    from desktop.core.model.engine import EngineInfo, LlamaEngine
    from desktop.core.model.guards import GuardContext
    from desktop.core.model.jobs import ModelJob

LOAD_LANE = "model-laden"
TASK_LANE = "model"


class ModelService(QObject):
    """Owns the engine; signals: ``state_changed(state, detail)``, ``streamed(text)``, ``rewritten(result)``."""

    state_changed = Signal(str, str)
    streamed = Signal(str)
    rewritten = Signal(object)
    failed = Signal(str)

    LOADING = "laden"
    READY = "klaar"
    UNAVAILABLE = "niet beschikbaar"

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._engine: LlamaEngine | None = None
        self.state = self.UNAVAILABLE
        self.detail = ""
        workers.finished.connect(self._on_finished)
        workers.failed.connect(self._on_failed)

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
        """Start loading the configured model in the background (or say why there is none)."""
        if not settings.model.enabled:
            self._set_state(self.UNAVAILABLE, _("het taalmodel staat uit in de instellingen"))
            return
        wanted, threads = settings.model.file, settings.model.threads

        def work(_cancel: threading.Event) -> LlamaEngine:
            from desktop.core.model.engine import load_engine

            return load_engine(wanted, threads)

        self._set_state(self.LOADING, "")
        self._workers.start(LOAD_LANE, work, model=True)

    def rewrite(self, job: ModelJob, context: GuardContext) -> bool:
        """Start ``job`` (a guarded B1 rewrite); False when no model is ready."""
        engine = self._engine
        if engine is None:
            return False

        def work(cancel: threading.Event) -> object:
            from desktop.core.model.tasks import run_task

            return run_task(engine, job, context, cancel=cancel, on_text=self.streamed.emit)

        self._workers.start(TASK_LANE, work, model=True)
        return True

    def cancel(self) -> None:
        """Stop the running rewrite (between tokens)."""
        self._workers.cancel(TASK_LANE)

    def _on_finished(self, lane: str, result: object) -> None:
        if lane == LOAD_LANE:
            from desktop.core.model.engine import LlamaEngine

            assert isinstance(result, LlamaEngine)
            self._engine = result
            self._set_state(self.READY, result.info.name)
        elif lane == TASK_LANE:
            self.rewritten.emit(result)

    def _on_failed(self, lane: str, error: object) -> None:
        if lane not in (LOAD_LANE, TASK_LANE):
            return
        from desktop.core.model.catalog import ModelError
        from desktop.core.model.engine import EngineError

        if lane == LOAD_LANE and isinstance(error, (EngineError, ModelError)):
            self._set_state(self.UNAVAILABLE, str(error))
        elif lane == TASK_LANE and isinstance(error, EngineError):
            self.failed.emit(str(error))
        elif isinstance(error, BaseException):
            raise error
