"""The review of the open document, between the widgets and the core.

Opens the document and runs the analysis through the workers, keeps the core's ReviewSession up
to date as findings arrive, applies the user's decisions (the session decides what is allowed),
keeps what the document will look like when saved and its levels up to date after every decision,
keeps the review on disk as the user works (encrypted, or only the decisions where there is no key
store; so a crash loses nothing), and saves. A review is kept after saving too, so reopening the
document shows what was decided.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.i18n import _
from desktop.core.model.energy import ModelCost
from desktop.core.policy.settings import Settings
from desktop.ui.workers import Lane, Workers

if TYPE_CHECKING:  # the core loads in the background or once a document is open, never before the window shows
    from desktop.core.analysis import AnalysisItem, LanguageTools, LevelReport
    from desktop.core.document.markup import Preview
    from desktop.core.document.reader import Document
    from desktop.core.findings import Finding
    from desktop.core.language.awb import Kind, Review
    from desktop.core.model.engine import Engine
    from desktop.core.policy.disclosure import ModelUse
    from desktop.core.privacy.journal import Journal
    from desktop.core.privacy.kept_reviews import KeptReview, KeptReviews
    from desktop.core.privacy.retention import RetentionReport
    from desktop.core.saving import SaveResult
    from desktop.core.session import Decision, ReviewSession

PREPARE_LANE = Lane("voorbereiden")
OPEN_LANE = Lane("openen", status=True)
ANALYSIS_LANE = Lane("analyse", status=True)
CONFUSION_LANE = Lane("twijfelwoorden", status=True)  # the model judges d/t, de/het, ei/ij after the rules
SAVE_LANE = Lane("opslaan", status=True, cancellable=False)
RETENTION_LANE = Lane("opruimen")
AUTOSAVE_MS = 400
REFRESH_MS = 120

# What opening found: the document, its kept review, and a first-time problem with the key store.
Opened = tuple["Document", "KeptReview | None", "str | None"]
# Asked before an opened document replaces one with unsaved decisions: call ``proceed`` to go on.
Settle = Callable[[Callable[[], None]], None]


class ReviewController(QObject):
    """State of the open document's review; the widgets listen to its signals."""

    opened = Signal(object)  # Document
    open_failed = Signal(str, str)  # file name, Dutch reason
    findings_changed = Signal()
    markup_changed = Signal()  # the document as it will be saved (``markup``) changed
    levels_changed = Signal()
    review_changed = Signal()
    progress = Signal(str, int, int)
    analysis_done = Signal()
    notice = Signal(str)
    saved = Signal(object)  # SaveResult
    save_failed = Signal(str)
    source_changed = Signal(str)
    restored = Signal(int, bool)  # decisions restored, and whether they were saved already
    model_cost_changed = Signal()
    tools_ready = Signal()  # the language tools of the cheap checks are loaded (the first findings can come)

    def __init__(self, workers: Workers, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.settings = settings
        # The loaded model, if any (set by the main window from its model service): the confusion stage uses it.
        self.model_engine: Callable[[], Engine | None] | None = None
        #: What the model did since this was last asked (the main window passes the model service's take_cost).
        self.take_model_cost: Callable[[], ModelCost] | None = None
        self.tools: LanguageTools | None = None
        self.document: Document | None = None
        self.session: ReviewSession | None = None
        # Levels measured on the text as it will be saved (``levels``), and on the text as opened.
        self.levels: list[LevelReport] = []
        self.opened_levels: list[LevelReport] = []
        self.markup: Preview | None = None  # the accepted changes as a save will write them
        self.review: Review | None = None
        self.dirty = False
        self.model_cost = ModelCost()  # the model's work on the open document (its audit entry keeps it)
        # The kept reviews are used from the open job, the retention job and the GUI thread (it serialises them).
        self._kept: KeptReviews | None = None
        # Decisions from before the document changed on disk, re-applied as findings reappear.
        self._carried: dict[str, tuple[Decision, int]] = {}
        self._reloading: ReviewSession | None = None
        # Kept decisions without their findings (no key store): taken over as the analysis finds them again.
        self._journal: Journal | None = None
        # Findings arriving in a burst are shown at most every REFRESH_MS; the first of a burst at once.
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_due)
        self._refresh_pending = False
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.keep_session)

    # -- opening and analysis -------------------------------------------------------------------

    @property
    def kept(self) -> KeptReviews:
        """The encrypted review history (its store opens on first use, often on a worker thread)."""
        if self._kept is None:
            from desktop.core.privacy.kept_reviews import KeptReviews

            self._kept = KeptReviews()
        return self._kept

    def prepare(self) -> None:
        """Load the language tools (dictionary, word lists) in the background. LanguageTool's rules
        (seconds to load) load later, in the analysis's grammar stage, after the cheap findings show.
        A prepare already under way is kept."""
        if self.tools is not None or self.workers.is_running(PREPARE_LANE):
            return
        settings = self.settings

        def work(_cancel: threading.Event) -> LanguageTools:
            from desktop.core.analysis import LanguageTools

            tools = LanguageTools.from_settings(settings)
            tools.warm_up()
            return tools

        self.workers.run(PREPARE_LANE, work, self._on_tools, self._on_tools_failed)

    def _on_tools(self, tools: LanguageTools) -> None:
        self.tools = tools
        self.tools_ready.emit()
        if self.workers.is_held(ANALYSIS_LANE):  # an analysis waits for them
            self.analyse()

    def _on_tools_failed(self, error: Exception) -> None:
        self.workers.cancel(ANALYSIS_LANE)  # an analysis waiting for them would wait for ever
        raise error

    def reset_tools(self) -> None:
        """Forget the language tools (settings they depend on changed); they are prepared again (a prepare
        still under way with the old settings is cancelled, so its tools never arrive)."""
        self.cancel_analysis()
        self.workers.cancel(PREPARE_LANE)
        self.tools = None
        self.prepare()

    def open(self, path: Path, settle: Settle | None = None) -> None:
        """Open ``path`` and find its kept review in the background (the keyring can take a while).

        Once it is read, and only then, ``settle(proceed)`` is asked when the current review has unsaved
        decisions: the new document replaces it when ``proceed`` is called. A file that cannot be opened
        leaves the current review as it is (``open_failed``).
        """
        settings, kept = self.settings, self.kept

        def work(_cancel: threading.Event) -> Opened:
            from desktop.core.document.reader import open_document

            document = open_document(path)
            return (document, *kept.load(settings, str(document.path), document.sha256))

        def failed(error: Exception) -> None:
            self._on_open_failed(path, error)

        def opened(result: Opened) -> None:
            if settle is not None and self.dirty and self.document is not None:
                settle(lambda: self._on_opened(result))
            else:
                self._on_opened(result)

        self.workers.run(OPEN_LANE, work, opened, failed)

    def cancel_open(self) -> bool:
        """Stop opening a document; True when one was being opened."""
        return self.workers.cancel(OPEN_LANE)

    def enforce_retention(self) -> None:
        """Delete kept reviews, audit entries and logs older than the retention period, in the background
        (a key store that fails is told when the review is first kept, see :meth:`_on_retention`)."""
        settings, kept = self.settings, self.kept

        def work(_cancel: threading.Event) -> RetentionReport:
            return kept.enforce_retention(settings)

        self.workers.run(RETENTION_LANE, work, self._on_retention)

    def analyse(self) -> None:
        """(Re)run the rule checks on the open document; findings arrive paragraph by paragraph. Without
        the language tools yet, the analysis lane is held (it shows and can be cancelled) and the
        analysis starts as soon as they are ready."""
        document, settings, tools = self.document, self.settings, self.tools
        if document is None:
            return
        kind = self._document_kind()
        if tools is None:
            self.workers.hold(ANALYSIS_LANE)
            self.prepare()
            return

        self.opened_levels = []  # measured again by this analysis
        self.workers.cancel(CONFUSION_LANE)
        if self.session is not None:
            self.session.reset_review_findings()  # this analysis makes them again, for the kind as chosen

        def work(cancel: threading.Event) -> Iterator[AnalysisItem]:
            from desktop.core.analysis import run_analysis

            return run_analysis(document, settings, cancel, tools, kind=kind)

        self.workers.stream(ANALYSIS_LANE, work, self._on_analysis_item, self._on_analysis_done)

    def cancel_analysis(self) -> bool:
        """Stop the running analysis and the model's judging (late results are dropped); True when one was running
        or waiting."""
        judging = self.workers.cancel(CONFUSION_LANE)
        return self.workers.cancel(ANALYSIS_LANE) or judging

    def _start_review(self, document: Document, kept: KeptReview | None) -> None:
        from desktop.core.session import ReviewSession

        self.document = document
        self.levels, self.opened_levels, self.markup, self.review = [], [], None, None
        self.dirty, self._carried, self._journal = False, {}, None
        previous = self._reloading
        self._reloading = None
        self.session = ReviewSession(str(document.path), document.sha256)
        if previous is None or previous.document_path != str(document.path):
            if self.take_model_cost is not None:
                self.take_model_cost()  # the model's work before this document is not this document's cost
            self.model_cost = ModelCost()
            self.model_cost_changed.emit()
        if previous is not None and previous.document_path == str(document.path):
            self._carried = dict(previous.decisions)
            self.session.ignored_rules = set(previous.ignored_rules)
            self.session.document_kind = previous.document_kind
            self.dirty = bool(previous.decisions)
            restored = 0
        else:
            restored = self._restore(kept)
        self._update_markup()
        self.opened.emit(document)
        self.findings_changed.emit()
        self.review_changed.emit()
        if restored and kept is not None:
            self.restored.emit(restored, kept.saved)
        self.analyse()

    def _restore(self, kept: KeptReview | None) -> int:
        """Restore the kept review of this file: whole when the file is unchanged; otherwise its
        decisions are carried over to the findings that reappear on unchanged text. Without a key
        store only the decisions were kept: they are taken over as the analysis finds them again."""
        if kept is None or self.session is None:
            return 0
        if kept.session is not None and kept.session.document_sha256 == self.session.document_sha256:
            self.session = kept.session
        elif kept.session is not None:
            self._carried = dict(kept.session.decisions)
            self.session.ignored_rules = set(kept.session.ignored_rules)
            self.session.document_kind = kept.session.document_kind
        elif kept.journal is not None:
            self._journal = kept.journal
            self.session.document_kind = kept.journal.document_kind
        self.dirty = bool(kept.decisions) and not kept.saved
        return kept.decisions

    # -- results --------------------------------------------------------------------------------

    def _on_opened(self, opened: Opened) -> None:
        document, kept, problem = opened
        self._start_review(document, kept)
        if problem:  # after the document shows, so the window's own "opened" message does not hide it
            self.notice.emit(problem)

    def _on_open_failed(self, path: Path, error: Exception) -> None:
        from desktop.core.document.reader import DocumentError

        if not isinstance(error, DocumentError):
            raise error
        self.open_failed.emit(path.name, str(error))

    def _on_retention(self, _report: RetentionReport) -> None:
        """Nothing to tell: a computer without a key store is said once (first-run screen, About), and a
        key store that fails is told when the review is first kept."""

    def _on_analysis_item(self, item: AnalysisItem) -> None:
        if self.session is None:
            return
        from desktop.core.analysis import LevelReport, Notice, ParagraphFindings, Progress, ReviewReport

        if isinstance(item, ParagraphFindings):
            self.session.replace_paragraph(item.paragraph, item.findings)
            taken = self.session.adopt(self._carried) if self._carried else 0
            if self._journal is not None:
                taken += self._take_from_journal(self._journal)
            if taken:
                self._update_markup()
            if self._refresh.isActive():
                self._refresh_pending = True
            else:
                self.findings_changed.emit()
                if item.findings:  # paragraphs without findings (headings) never hold back the first ones
                    self._refresh.start()
        elif isinstance(item, Progress):
            self.progress.emit(item.stage, item.done, item.total)
        elif isinstance(item, LevelReport):
            self.opened_levels.append(item)
            if item.paragraph is None:  # the last one: measure the text as it will be saved
                self._update_markup()
        elif isinstance(item, ReviewReport):
            chosen = self._document_kind()
            if chosen is not None and item.review.kind != chosen:
                return  # the analysis began before the user chose the other kind: the choice stands
            self.review = item.review
            self.review_changed.emit()
        elif isinstance(item, Notice):
            self.notice.emit(item.message)

    def _refresh_due(self) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            self.findings_changed.emit()
            self._refresh.start()

    def _on_analysis_done(self) -> None:
        self._refresh.stop()
        self._refresh_pending = False
        self.findings_changed.emit()
        self.analysis_done.emit()
        if not self.judge_with_model():
            self._report_journal_left()  # else once the model has judged: kept decisions on its findings come back

    def judge_with_model(self) -> bool:
        """Run the confusion stage (the model judges words with a confusable twin) on the model's thread, after
        the rules, when a model is loaded (``model_engine``); its findings join the rule findings as they come.
        Also called when the model becomes ready after the rules finished. True when the stage started."""
        document, settings, tools, session = self.document, self.settings, self.tools, self.session
        engine = self.model_engine() if self.model_engine is not None else None
        if document is None or tools is None or session is None or engine is None:
            return False
        if self.workers.is_running(ANALYSIS_LANE) or self.workers.is_held(ANALYSIS_LANE):
            return False  # the rules are still running: the stage follows when they are done
        findings: dict[str, list[Finding]] = {}
        for finding in session.findings.values():
            if not finding.group:  # model rewrites are alternatives, never merged with the rule findings
                findings.setdefault(finding.paragraph, []).append(finding)

        def work(cancel: threading.Event) -> Iterator[AnalysisItem]:
            from desktop.core.analysis import run_confusion

            return run_confusion(document, settings, cancel, tools, engine, findings)

        self.workers.stream(CONFUSION_LANE, work, self._on_analysis_item, self._on_confusion_done,
                            self._on_confusion_failed, model=True)
        return True

    def _on_confusion_failed(self, error: Exception) -> None:
        """The model could not judge (llama.cpp failed): the rule findings stand, and the user is told so."""
        from desktop.core.model.engine import EngineError

        if not isinstance(error, EngineError):
            raise error  # a defect: the app's error report
        self._on_confusion_done()
        self.notice.emit(_("Het taalmodel kon de twijfelwoorden (d/t, de/het) niet beoordelen: {reason}. De "
                           "bevindingen van de taalregels blijven staan.").format(reason=error))

    def _on_confusion_done(self) -> None:
        self.charge_model_work()
        self._refresh.stop()
        self._report_journal_left()
        self.findings_changed.emit()

    def _take_from_journal(self, kept: Journal) -> int:
        """Take over the journal's decisions (and ignored rules) on the findings there are now."""
        assert self.session is not None
        from desktop.core.privacy import journal

        findings = list(self.session.findings.values())
        sha = self.session.document_sha256
        self.session.ignored_rules |= journal.ignored_rules(kept, findings, sha)
        new = {fid: value for fid, value in journal.match(kept, findings, sha).decisions.items()
               if fid not in self.session.decisions}
        return self.session.adopt(new)

    def _report_journal_left(self) -> None:
        """After the analysis: say which kept decisions could not be taken over (and why), once."""
        kept, self._journal = self._journal, None
        if kept is None or self.session is None:
            return
        from desktop.core.privacy import journal

        left = journal.match(kept, self.session.findings.values(), self.session.document_sha256)
        if not left.left:
            return
        if left.model_left == len(left.left):
            text = _("{count} beslissing(en) over suggesties van het taalmodel konden niet worden hersteld: zonder "
                     "beveiligde sleutelopslag bewaart Schrijfhulp hun tekst niet, en het taalmodel deed ze nu niet "
                     "opnieuw (een herschrijving vraagt u zelf opnieuw aan).").format(count=len(left.left))
        else:
            text = _("{count} eerdere beslissing(en) konden niet worden hersteld, omdat de suggestie er niet meer "
                     "is (bijvoorbeeld na een nieuwe woordenlijst).").format(count=len(left.left))
        self.notice.emit(text)

    # -- decisions ------------------------------------------------------------------------------

    def finding(self, finding_id: str) -> Finding | None:
        """The finding with ``finding_id`` in the current session."""
        return self.session.findings.get(finding_id) if self.session else None

    def _changed(self) -> None:
        self.dirty = True
        self.findings_changed.emit()
        self._update_markup()
        self._autosave.start()

    def _update_markup(self) -> None:
        """Work out the document as it will be saved and, once the analysis measured the document as
        opened (so the word frequencies are loaded), its levels: a few milliseconds after every decision."""
        if self.document is None or self.session is None:
            return
        edits = self.session.accepted_edits(self.settings.author)
        if self.opened_levels:
            from desktop.core.analysis import levels_as_saved

            self.markup, self.levels = levels_as_saved(self.document, edits)
            self.levels_changed.emit()
        else:
            from desktop.core.document.markup import preview

            self.markup = preview(self.document, edits)
        self.markup_changed.emit()

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
        """Accept every open finding of the same rule (one undoable step); return how many were accepted."""
        finding = self.finding(finding_id)
        if finding is None or self.session is None:
            return 0
        accepted = self.session.accept_rule(finding.rule)
        if accepted:
            self._changed()
        return len(accepted)

    def ignore_rule(self, finding_id: str) -> None:
        """Hide the finding's rule for this document (undoable)."""
        finding = self.finding(finding_id)
        if finding is not None and self.session is not None:
            self.session.ignore_rule(finding.rule)
            self._changed()

    def add_word(self, finding_id: str) -> None:
        """Add the finding's word to the personal list; that word's open spelling findings disappear (undoable)."""
        finding = self.finding(finding_id)
        if finding is None or self.session is None or self.tools is None:
            return
        from desktop.core.language.wordlists import WordListError

        try:
            self.session.add_word(finding_id, self.tools.word_lists.personal)
        except WordListError as exc:
            self.notice.emit(str(exc))
            return
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

    def _document_kind(self) -> Kind | None:
        kind = self.session.document_kind if self.session is not None else None
        if kind == "besluit":
            return "besluit"
        return "brief" if kind == "brief" else None

    def set_document_kind(self, kind: Kind) -> None:
        """The user's choice: the document is a decision ("besluit") or not ("brief"). The checklist and its
        findings follow at once, and the choice is kept with the document's review."""
        if self.session is None or self.document is None:
            return
        from desktop.core.language.awb import review_document, review_findings

        self.session.document_kind = kind
        paragraphs = [(p.id, p.text) for p in self.document.paragraphs if p.text.strip()]
        self.review = review_document(paragraphs, kind)
        self.session.set_review_findings(review_findings(self.review, dict(paragraphs)))
        self.review_changed.emit()
        self._changed()

    def _add_model_cost(self, cost: ModelCost) -> None:
        """Count the model's work on the open document."""
        if cost:
            self.model_cost += cost
            self.model_cost_changed.emit()

    def charge_model_work(self) -> None:
        """Count what the model did since the last count on the open document (a rewrite, its d/t judgement)."""
        if self.take_model_cost is not None:
            self._add_model_cost(self.take_model_cost())

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

    def keep_session(self, saved: bool = False) -> None:
        """Keep the review now (encrypted, or only the decisions without a key store)."""
        self._autosave.stop()
        if self.session is None:
            return
        problem = self.kept.save(self.settings, self.session, saved=saved)
        if problem:
            self.notice.emit(problem)

    def discard_session(self) -> None:
        """Forget the kept review (the user chose not to keep the decisions)."""
        self._autosave.stop()
        if self.session is not None:
            self.kept.discard(self.session.document_path)
        self.dirty = False

    # -- saving ---------------------------------------------------------------------------------

    def save(self, target: Path, model: ModelUse, *, clean: bool, visible: bool | None, text: str | None) -> None:
        """Write the accepted suggestions to ``target`` in the background."""
        if self.document is None or self.session is None:
            return
        document, settings, cost = self.document, self.settings, self.model_cost
        edits = self.session.accepted_edits(settings.author)

        def work(_cancel: threading.Event) -> SaveResult:
            from desktop.core.saving import save_reviewed

            return save_reviewed(document, edits, target, settings, model, clean=clean, visible=visible, text=text,
                                 cost=cost)

        self.workers.run(SAVE_LANE, work, self._on_saved, self._on_save_failed)

    def _on_saved(self, result: SaveResult) -> None:
        self.dirty = False
        self.keep_session(saved=True)  # reopening the document shows what was decided and saved
        self.saved.emit(result)

    def _on_save_failed(self, error: Exception) -> None:
        from desktop.core.document.reader import DocumentError, SourceChangedError
        from desktop.core.saving import SaveBlockedError

        if isinstance(error, SourceChangedError):
            self.source_changed.emit(str(error))
        elif isinstance(error, (DocumentError, SaveBlockedError, OSError)):
            self.save_failed.emit(str(error))
        else:
            raise error

    def reload(self) -> None:
        """Re-open the document from disk (after it changed); decisions on unchanged text are kept."""
        if self.document is not None:
            self._reloading = self.session
            self.open(self.document.path)
