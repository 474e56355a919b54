"""The review pane: the document with its highlights beside the side panels, and the work on them.

Built the first time a document is opened (see ``MainWindow.review``): the window's first paint
needs none of it. It shows what the review controller holds, selects and steps through
suggestions, jumps to checklist items, and runs the B1 rewrite into its preview; every decision
goes through the controller, which asks the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.policy.settings import Settings
from desktop.core.session import Decision
from desktop.ui.b1_preview import B1Preview
from desktop.ui.document_view import DocumentView
from desktop.ui.model_service import ModelService
from desktop.ui.panels import ChecklistPanel, LevelMeter
from desktop.ui.review_controller import ReviewController
from desktop.ui.suggestions import SuggestionPanel

if TYPE_CHECKING:
    from desktop.core.document.reader import Document
    from desktop.core.model.tasks import ModelResult


class ReviewPane(QSplitter):
    """The open document (left) and the tabs Suggesties / Besluit-eisen / Herschrijven (B1) (right).

    Signals: ``notice(text, milliseconds)`` for the status bar.
    """

    notice = Signal(str, int)

    def __init__(self, controller: ReviewController, model: ModelService, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.controller = controller
        self.model = model
        self.settings = settings
        self.rewriting: str | None = None  # paragraph id of the rewrite in the preview

        self.view = DocumentView(self)
        self.marked_button = self._view_button(_("Alle &markeringen"),
                                               _("Geaccepteerde wijzigingen zoals Word ze toont: doorgehaald en "
                                                 "onderstreept, met de reden als u erop wijst"))
        self.final_button = self._view_button(_("&Eindversie"), _("De tekst zoals hij wordt na uw wijzigingen"))
        self.marked_button.setChecked(True)
        modes = QButtonGroup(self)
        modes.setExclusive(True)
        modes.addButton(self.marked_button)
        modes.addButton(self.final_button)
        self.final_button.toggled.connect(self.view.set_final)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(_("Weergave:"), self))
        bar.addWidget(self.marked_button)
        bar.addWidget(self.final_button)
        bar.addStretch(1)
        document = QWidget(self)
        column = QVBoxLayout(document)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        self.level_meter = LevelMeter(self)
        self.suggestions = SuggestionPanel(self)
        self.checklist = ChecklistPanel(self)
        self.preview = B1Preview(self)
        review = QWidget(self)
        layout = QVBoxLayout(review)
        layout.addWidget(self.level_meter)
        layout.addWidget(self.suggestions, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Zijpaneel"))
        self.tabs.addTab(review, _("Suggesties"))
        self.tabs.addTab(self.checklist, _("Besluit-eisen"))
        self.tabs.addTab(self.preview, _("Herschrijven (B1)"))
        self.addWidget(document)
        self.addWidget(self.tabs)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self._connect()

    def _view_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    def _connect(self) -> None:
        c = self.controller
        c.opened.connect(self._on_opened)
        c.markup_changed.connect(self._on_markup)
        c.findings_changed.connect(self.refresh_findings)
        c.levels_changed.connect(self._refresh_levels)
        c.review_changed.connect(lambda: self.checklist.show_review(c.review))
        self.view.finding_clicked.connect(self.select_finding)
        self.suggestions.selected.connect(self._on_panel_selected)
        self.suggestions.accept_requested.connect(lambda fid, choice: self._decide(fid, Decision.ACCEPTED, choice))
        self.suggestions.reject_requested.connect(lambda fid: self._decide(fid, Decision.REJECTED))
        self.suggestions.accept_kind_requested.connect(lambda fid: c.accept_kind(fid))
        self.suggestions.ignore_rule_requested.connect(lambda fid: c.ignore_rule(fid))
        self.suggestions.add_word_requested.connect(lambda fid: c.add_word(fid))
        self.checklist.jump_requested.connect(self._jump_to)
        self.checklist.kind_requested.connect(lambda kind: c.set_document_kind(kind))
        self.preview.accepted.connect(self._accept_rewrite)
        self.preview.discarded.connect(self._discard_rewrite)
        self.preview.cancel_requested.connect(self.cancel_rewrite)

    # -- what the controller holds --------------------------------------------------------------

    def _on_opened(self, document: Document) -> None:
        """Every pane shows the new document: its text, no level yet, no checklist, an empty B1 preview."""
        if self.rewriting is not None:
            self.cancel_rewrite()
        self.view.show_document(document, self.controller.markup)
        self.level_meter.clear()
        self.checklist.show_review(self.controller.review)
        self.preview.reset()
        self.tabs.setCurrentIndex(0)

    def _on_markup(self) -> None:
        if self.view.shown_document is self.controller.document:  # not the last one's changes on a new one
            self.view.show_markup(self.controller.markup)

    def refresh_findings(self) -> None:
        """Show the session's visible findings in the panel and as highlights."""
        session = self.controller.session
        self.suggestions.set_session(session)
        if session is not None:
            self.view.set_highlights(session.visible(), self.suggestions.current_id(), set(session.decisions))

    def _refresh_levels(self) -> None:
        """The levels of the text as it will be saved, beside the document's level as it was opened."""
        self.view.set_levels(self.controller.levels)
        whole = next((level for level in self.controller.levels if level.paragraph is None), None)
        opened = next((level for level in self.controller.opened_levels if level.paragraph is None), None)
        if whole is not None:
            self.level_meter.show_level(whole, opened)

    # -- selecting and deciding -----------------------------------------------------------------

    def select_finding(self, finding_id: str) -> None:
        """Select a finding in the panel and the document."""
        self.tabs.setCurrentIndex(0)
        self.suggestions.select(finding_id)

    def _on_panel_selected(self, finding_id: str) -> None:
        finding = self.controller.finding(finding_id)
        session = self.controller.session
        if finding is None or session is None:
            return
        self.view.set_highlights(session.visible(), finding_id, set(session.decisions))
        self.view.reveal(finding)

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) open suggestion, wrapping around."""
        session = self.controller.session
        if session is None:
            return
        pending = [f.id for f in session.pending()]
        if not pending:
            self.notice.emit(_("Geen open suggesties meer."), 5000)
            return
        order = self.suggestions.ordered_ids()
        current = self.suggestions.current_id()
        position = order.index(current) if current in order else (-1 if direction > 0 else len(order))
        candidates = order[position + 1 :] + order[: position + 1] if direction > 0 else (
            list(reversed(order[:position])) + list(reversed(order[position:])))
        target = next(fid for fid in candidates if fid in pending)
        self.select_finding(target)

    def _decide(self, finding_id: str, decision: Decision, choice: int = 0) -> None:
        if self.controller.decide([finding_id], decision, choice):
            self.step(1)

    def accept_current(self) -> None:
        """Accept the selected suggestion (the chosen alternative) and go to the next."""
        finding_id = self.suggestions.current_id()
        if finding_id:
            self._decide(finding_id, Decision.ACCEPTED, max(0, self.suggestions.choice.currentIndex()))

    def reject_current(self) -> None:
        """Reject the selected suggestion and go to the next."""
        finding_id = self.suggestions.current_id()
        if finding_id:
            self._decide(finding_id, Decision.REJECTED)

    def accept_kind(self) -> None:
        """Accept every open suggestion of the selected one's rule."""
        finding_id = self.suggestions.current_id()
        if finding_id:
            count = self.controller.accept_kind(finding_id)
            self.notice.emit(_("{count} suggesties geaccepteerd.").format(count=count), 5000)

    def ignore_rule(self) -> None:
        """Hide the selected suggestion's rule in this document."""
        finding_id = self.suggestions.current_id()
        if finding_id:
            self.controller.ignore_rule(finding_id)

    def add_word(self) -> None:
        """Add the selected spelling finding's word to the personal word list."""
        finding_id = self.suggestions.current_id()
        if finding_id:
            self.controller.add_word(finding_id)

    def _jump_to(self, paragraph: str, start: int, end: int) -> None:
        """Show and select the quoted text ``[start, end)`` of ``paragraph``."""
        first, last = self.view.view_position(paragraph, start), self.view.view_position(paragraph, end)
        if first is None or last is None:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(first)
        cursor.setPosition(last, cursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        self.view.setFocus()

    # -- B1 rewrite -----------------------------------------------------------------------------

    def rewrite_b1(self) -> None:
        """Rewrite the paragraph under the cursor (or the selection's paragraph) in B1 with the model."""
        document = self.controller.document
        tools = self.controller.tools
        if document is None or tools is None:
            return
        paragraph_id = self.view.paragraph_at(self.view.textCursor().selectionStart())
        if paragraph_id is None:
            self.notice.emit(_("Zet de cursor in de alinea die u wilt laten herschrijven."), 6000)
            return
        paragraph = document.paragraph(paragraph_id)
        if not paragraph.text.strip() or not paragraph.writable(0, len(paragraph.text)):
            self.notice.emit(_("Deze alinea kan niet worden herschreven."), 6000)
            return
        context = tools.guard_context(self.settings)
        from desktop.core.model.jobs import ModelJob

        job = ModelJob.b1_rewrite(paragraph.id, paragraph.text)
        if self.model.rewrite(job, context, self.preview.stream, self._on_rewritten):
            self.rewriting = paragraph.id
            self.preview.start(paragraph.text)
            self.tabs.setCurrentWidget(self.preview)

    def _on_rewritten(self, result: ModelResult) -> None:
        self.rewriting = None
        self.controller.charge_model_work()
        self.preview.finish(result)

    def _accept_rewrite(self) -> None:
        result = self.preview.result
        if result is not None and result.findings:
            self.controller.add_findings(result.findings, accept=True)
            self.preview.cancelled()
            self.preview.heading.setText(_("De herschrijving staat als geaccepteerde suggesties in de lijst."))
            self.tabs.setCurrentIndex(0)

    def _discard_rewrite(self) -> None:
        self.preview.result = None
        self.preview.cancelled()
        self.preview.heading.setText(_("Herschrijving verworpen; er is niets veranderd."))

    def cancel_rewrite(self) -> None:
        """Stop the running rewrite; the preview says nothing changed."""
        self.model.cancel()
        self.rewriting = None
        self.controller.charge_model_work()  # what was written until the cancel
        self.preview.cancelled()
