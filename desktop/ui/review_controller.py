"""The review of the open document, between the widgets and the core.

Opens the document and runs the analysis through the workers, keeps the core's ReviewSession up
to date as findings arrive, applies the user's decisions (the session decides what is allowed),
keeps the session encrypted on disk as the user works (so a crash loses nothing), and saves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.i18n import _
from desktop.core.policy.settings import Settings
from desktop.ui.workers import Workers

if TYPE_CHECKING:  # the core loads in the background or once a document is open, never before the window shows
    from desktop.core.analysis import LanguageTools, LevelReport
    from desktop.core.document.reader import Document
    from desktop.core.findings import Finding
    from desktop.core.language.awb import Review
    from desktop.core.policy.disclosure import ModelUse
    from desktop.core.privacy.history import SavedSession
    from desktop.core.privacy.retention import RetentionReport
    from desktop.core.privacy.secure_store import SecureStore
    from desktop.core.session import Decision, ReviewSession

PREPARE_LANE = "voorbereiden"
OPEN_LANE = "openen"
ANALYSIS_LANE = "analyse"
SAVE_LANE = "opslaan"
RETENTION_LANE = "opruimen"
AUTOSAVE_MS = 400
REFRESH_MS = 120


class ReviewController(QObject):
    """State of the open document's review; the widgets listen to its signals."""

    opened = Signal(object)  # Document
    open_failed = Signal(str)
    findings_changed = Signal()
    levels_changed = Signal()
    review_changed = Signal()
    progress = Signal(str, int, int)
    analysis_done = Signal()
    notice = Signal(str)
    saved = Signal(object)  # SaveResult
    save_failed = Signal(str)
    source_changed = Signal(str)
    restored = Signal(int)  # number of decisions restored

    def __init__(self, workers: Workers, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.settings = settings
        self.tools: LanguageTools | None = None
        self.document: Document | None = None
        self.session: ReviewSession | None = None
        self.levels: list[LevelReport] = []
        self.review: Review | None = None
        self.dirty = False
        self._store: SecureStore | None = None
        self._store_problem: str | None = None
        # The store is opened and used from the open job, the retention job and the GUI thread: one at a time.
        self._store_lock = threading.Lock()
        # Decisions from before the document changed on disk, re-applied as findings reappear.
        self._carried: dict[str, tuple[Decision, int]] = {}
        self._reloading: ReviewSession | None = None
        self._tools_ready = threading.Event()
        self._tools_generation = 0  # a late result of an older prepare() must not replace newer tools
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.findings_changed)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.keep_session)
        workers.item.connect(self._on_item)
        workers.finished.connect(self._on_finished)
        workers.failed.connect(self._on_failed)

    # -- opening and analysis -------------------------------------------------------------------

    def prepare(self) -> None:
        """Load the language tools (dictionary, word lists) in the background. LanguageTool's rules
        (seconds to load) load later, in the analysis's grammar stage, after the cheap findings show."""
        if self.tools is not None:
            self._tools_ready.set()
            return
        settings, generation, ready = self.settings, self._tools_generation, self._tools_ready

        def work(_cancel: threading.Event) -> LanguageTools:
            from desktop.core.analysis import LanguageTools

            tools = LanguageTools.from_settings(settings)
            tools.warm_up()
            if generation == self._tools_generation:
                self.tools = tools
                ready.set()
            return tools

        self.workers.start(PREPARE_LANE, work)

    def reset_tools(self) -> None:
        """Forget the language tools (settings they depend on changed); they are prepared again."""
        self.cancel_analysis()
        self._tools_generation += 1
        self.tools = None
        self._tools_ready = threading.Event()
        self.prepare()

    def _wait_for_tools(self, cancel: threading.Event) -> LanguageTools | None:
        while self.tools is None and not self._tools_ready.wait(0.1):
            if cancel.is_set():
                return None
        return self.tools

    def open(self, path: Path) -> None:
        """Open ``path`` and find its kept review in the background (the keyring can take a while)."""

        def work(_cancel: threading.Event) -> tuple[Document, SavedSession | None, str | None]:
            from desktop.core.document.reader import open_document
            from desktop.core.privacy import history

            document = open_document(path)
            with self._store_lock:
                store, problem = self._open_store()
                kept = history.load(store, str(document.path)) if store is not None else None
            return document, kept, problem

        self.workers.start(OPEN_LANE, work)

    def enforce_retention(self) -> None:
        """Delete kept reviews, audit entries and logs older than the retention period, in the background;
        a store that cannot be opened is reported as a notice while history is on."""
        settings, lock = self.settings, self._store_lock

        def work(_cancel: threading.Event) -> RetentionReport:
            from desktop.core.privacy.retention import enforce_retention

            with lock:
                return enforce_retention(settings)

        self.workers.start(RETENTION_LANE, work)

    def analyse(self) -> None:
        """(Re)run the rule checks on the open document; findings arrive paragraph by paragraph."""
        document, settings = self.document, self.settings
        if document is None:
            return
        if self.tools is None and not self.workers.is_running(PREPARE_LANE):
            self.prepare()

        def work(cancel: threading.Event) -> Iterator[object]:
            from desktop.core.analysis import run_analysis

            tools = self._wait_for_tools(cancel)
            return iter(()) if tools is None else run_analysis(document, settings, cancel, tools)

        self.workers.start(ANALYSIS_LANE, work)

    def cancel_analysis(self) -> None:
        """Stop the running analysis (its late results are dropped)."""
        self.workers.cancel(ANALYSIS_LANE)

    def _start_review(self, document: Document, kept: SavedSession | None) -> None:
        from desktop.core.session import ReviewSession

        self.document = document
        self.levels, self.review, self.dirty, self._carried = [], None, False, {}
        previous = self._reloading
        self._reloading = None
        self.session = ReviewSession(str(document.path), document.sha256)
        if previous is not None and previous.document_path == str(document.path):
            self._carried = dict(previous.decisions)
            self.session.ignored_rules = set(previous.ignored_rules)
            self.dirty = bool(previous.decisions)
            restored = 0
        else:
            restored = self._restore(kept)
        self.opened.emit(document)
        self.findings_changed.emit()
        if restored:
            self.restored.emit(restored)
        self.analyse()

    def _restore(self, kept: SavedSession | None) -> int:
        """Restore the kept review of this file: whole when the file is unchanged; otherwise its
        decisions are carried over to the findings that reappear on unchanged text."""
        if kept is None or self.session is None:
            return 0
        if kept.session.document_sha256 == self.session.document_sha256:
            self.session = kept.session
        else:
            self._carried = dict(kept.session.decisions)
            self.session.ignored_rules = set(kept.session.ignored_rules)
        self.dirty = bool(kept.session.decisions)
        return len(kept.session.decisions)

    # -- results --------------------------------------------------------------------------------

    def _on_item(self, lane: str, item: object) -> None:
        if lane != ANALYSIS_LANE or self.session is None:
            return
        from desktop.core.analysis import LevelReport, Notice, ParagraphFindings, Progress, ReviewReport

        if isinstance(item, ParagraphFindings):
            self.session.replace_paragraph(item.paragraph, item.findings)
            if self._carried:
                self.session.adopt(self._carried)
            if not self._refresh.isActive():
                self._refresh.start()
        elif isinstance(item, Progress):
            self.progress.emit(item.stage, item.done, item.total)
        elif isinstance(item, LevelReport):
            self.levels.append(item)
            self.levels_changed.emit()
        elif isinstance(item, ReviewReport):
            self.review = item.review
            self.review_changed.emit()
        elif isinstance(item, Notice):
            self.notice.emit(item.message)

    def _on_finished(self, lane: str, result: object) -> None:
        if lane == OPEN_LANE:
            document, kept, problem = result  # type: ignore[misc]
            self._start_review(document, kept)
            if problem:  # after the document shows, so the window's own "opened" message does not hide it
                self.notice.emit(problem)
        elif lane == ANALYSIS_LANE:
            self._refresh.stop()
            self.findings_changed.emit()
            self.analysis_done.emit()
        elif lane == SAVE_LANE:
            from desktop.core.privacy import history

            self.dirty = False
            if self.session is not None:
                history.discard(self.session.document_path)
            self.saved.emit(result)
        elif lane == RETENTION_LANE:
            unavailable = result.unavailable  # type: ignore[attr-defined]
            if unavailable and self.settings.privacy.history:
                self.notice.emit(unavailable)

    def _on_failed(self, lane: str, error: object) -> None:
        if lane not in (PREPARE_LANE, OPEN_LANE, ANALYSIS_LANE, SAVE_LANE, RETENTION_LANE):
            return
        from desktop.core.document.reader import DocumentError, SourceChangedError
        from desktop.core.saving import SaveBlockedError

        if lane == OPEN_LANE and isinstance(error, DocumentError):
            self.open_failed.emit(str(error))
        elif lane == SAVE_LANE and isinstance(error, SourceChangedError):
            self.source_changed.emit(str(error))
        elif lane == SAVE_LANE and isinstance(error, (DocumentError, SaveBlockedError, OSError)):
            self.save_failed.emit(str(error))
        elif isinstance(error, BaseException):
            raise error

    # -- decisions ------------------------------------------------------------------------------

    def finding(self, finding_id: str) -> Finding | None:
        """The finding with ``finding_id`` in the current session."""
        return self.session.findings.get(finding_id) if self.session else None

    def _changed(self) -> None:
        self.dirty = True
        self.findings_changed.emit()
        self._autosave.start()

    def decide(self, finding_ids: list[str], decision: Decision, choice: int = 0) -> bool:
        """Accept or reject; a refusal (overlap, no suggestion) is told to the user. True when taken."""
        if self.session is None or not finding_ids:
            return False
        from desktop.core.session import ConflictError

        try:
            self.session.decide(finding_ids, decision, choice)
        except ConflictError as exc:
            self.notice.emit(str(exc))
            return False
        self._changed()
        return True

    def accept_kind(self, finding_id: str) -> int:
        """Accept every open finding of the same rule; return how many were accepted."""
        finding = self.finding(finding_id)
        if finding is None or self.session is None:
            return 0
        from desktop.core.session import ConflictError, Decision

        accepted = 0
        for other in self.session.pending():
            if other.rule == finding.rule and other.suggestions and not other.group:
                try:
                    self.session.decide([other.id], Decision.ACCEPTED)
                    accepted += 1
                except ConflictError:
                    continue
        if accepted:
            self._changed()
        return accepted

    def ignore_rule(self, finding_id: str) -> None:
        """Hide the finding's rule for this document (undoable)."""
        finding = self.finding(finding_id)
        if finding is not None and self.session is not None:
            self.session.ignore_rule(finding.rule)
            self._changed()

    def add_word(self, finding_id: str) -> None:
        """Add the finding's word to the personal list; that word's open spelling findings disappear."""
        finding = self.finding(finding_id)
        if finding is None or self.session is None or self.tools is None:
            return
        from desktop.core.findings import Category
        from desktop.core.language.wordlists import WordListError

        try:
            self.tools.word_lists.personal.add(finding.original)
        except WordListError as exc:
            self.notice.emit(str(exc))
            return
        word = finding.original.lower()
        for other in list(self.session.pending()):
            if other.category is Category.SPELLING and other.original.lower() == word:
                self.session.findings.pop(other.id)
        self.notice.emit(_("‘{word}’ staat nu in uw woordenlijst.").format(word=finding.original))
        self.findings_changed.emit()

    def add_findings(self, findings: tuple[Finding, ...], accept: bool) -> None:
        """Add findings (a model rewrite) and optionally accept them together."""
        if self.session is None or not findings:
            return
        self.session.add(findings)
        if accept:
            from desktop.core.session import Decision

            self.decide([findings[0].id], Decision.ACCEPTED)
        else:
            self.findings_changed.emit()

    def undo(self) -> None:
        """Undo the last decision."""
        if self.session is not None and self.session.can_undo():
            self.session.undo()
            self._changed()

    def redo(self) -> None:
        """Redo the last undone decision."""
        if self.session is not None and self.session.can_redo():
            self.session.redo()
            self._changed()

    # -- keeping work ---------------------------------------------------------------------------

    def _open_store(self) -> tuple[SecureStore | None, str | None]:
        """The encrypted store for the review history (None when nothing may be kept), and the reason it
        cannot be opened the first time that happens (for a notice). The caller holds ``_store_lock``."""
        if not self.settings.privacy.history:
            return None, None
        from desktop.core.privacy.secure_store import StoreUnavailableError, open_store

        if self._store is None and self._store_problem is None:
            try:
                self._store = open_store(self.settings.privacy.allow_unsafe_store)
            except StoreUnavailableError as exc:
                self._store_problem = str(exc)
                return None, self._store_problem
        return self._store, None

    def keep_session(self) -> None:
        """Write the session (encrypted) now."""
        from desktop.core.privacy import history

        with self._store_lock:
            store, problem = self._open_store()
            if store is not None and self.session is not None:
                history.save(store, self.session)
        if problem:
            self.notice.emit(problem)

    def discard_session(self) -> None:
        """Forget the kept session (the user chose not to keep the decisions)."""
        from desktop.core.privacy import history

        if self.session is not None:
            history.discard(self.session.document_path)
        self.dirty = False

    # -- saving ---------------------------------------------------------------------------------

    def save(self, target: Path, model: ModelUse, *, clean: bool, visible: bool | None, text: str | None) -> None:
        """Write the accepted suggestions to ``target`` in the background."""
        if self.document is None or self.session is None:
            return
        document, settings = self.document, self.settings
        edits = self.session.accepted_edits(settings.author)

        def work(_cancel: threading.Event) -> object:
            from desktop.core.saving import save_reviewed

            return save_reviewed(document, edits, target, settings, model, clean=clean, visible=visible, text=text)

        self.workers.start(SAVE_LANE, work)

    def reload(self) -> None:
        """Re-open the document from disk (after it changed); decisions on unchanged text are kept."""
        if self.document is not None:
            self._reloading = self.session
            self.open(self.document.path)
