"""The main window: the document with its findings, the side panels, and every action on them.

Thin by design: the review controller talks to the core, the model service owns the engine, and
the panels show what they are given. Everything long runs through desktop.ui.workers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.i18n import _
from desktop.core.review_session import Decision
from desktop.core.settings import Settings, load_settings
from desktop.core.user_state import UserState, load_state, save_state
from desktop.ui.b1_preview import B1Preview
from desktop.ui.document_view import DocumentView
from desktop.ui.model_service import ModelService
from desktop.ui.panels import ChecklistPanel, LevelMeter
from desktop.ui.review_controller import ANALYSIS_LANE, ReviewController
from desktop.ui.suggestions import SuggestionPanel
from desktop.ui.workers import Workers

if TYPE_CHECKING:  # loaded after the window shows (see start_up), never before
    from desktop.core.disclosure import ModelUse
    from desktop.core.document import Document
    from desktop.core.saving import SaveResult
    from desktop.ui.save_dialog import SaveChoices, SaveDialog


class MainWindow(QMainWindow):
    """Schrijfhulp's main window.

    ``confirm_close`` is asked ("save", "discard" or "cancel") when the window closes with
    decisions that were not saved; tests replace it instead of answering a modal dialog.
    """

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or load_settings()
        self.state: UserState = load_state()
        self.last_message: tuple[str, str] | None = None
        self.last_saved: SaveResult | None = None
        self.confirm_close: Callable[[], str] = self._ask_close
        self.workers = Workers(self)
        self.controller = ReviewController(self.workers, self.settings, self)
        self.model = ModelService(self.workers, self)
        self._rewriting: str | None = None  # paragraph id of the rewrite in the preview
        self.save_dialog: SaveDialog | None = None

        self.view = DocumentView(self)
        self.suggestions = SuggestionPanel(self)
        self.level_meter = LevelMeter(self)
        self.checklist = ChecklistPanel(self)
        self.preview = B1Preview(self)
        self._build_layout()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._update_title()
        self._update_actions()

    # -- construction -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        review = QWidget(self)
        layout = QVBoxLayout(review)
        layout.addWidget(self.level_meter)
        layout.addWidget(self.suggestions, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Zijpaneel"))
        self.tabs.addTab(review, _("Suggesties"))
        self.tabs.addTab(self.checklist, _("Besluit-eisen"))
        self.tabs.addTab(self.preview, _("Herschrijven (B1)"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.open_action = self._action(_("&Openen…"), self.choose_file, QKeySequence(key.Open),
                                        _("Een Word-document (.docx) openen"))
        self.new_action = self._action(_("&Nieuwe brief…"), self.new_letter, QKeySequence(key.New),
                                       _("Een brief of besluit maken uit een sjabloon van uw organisatie"))
        self.save_action = self._action(_("Opslaan met &wijzigingen bijhouden…"), lambda: self.save(clean=False),
                                        QKeySequence(key.Save), _("Een kopie opslaan met bijgehouden wijzigingen"))
        self.clean_action = self._action(_("Opslaan als &schone kopie…"), lambda: self.save(clean=True),
                                         "Ctrl+Shift+S", _("Een kopie opslaan met de wijzigingen toegepast"))
        self.word_action = self._action(_("Openen in &Word"), self.open_in_word, None,
                                        _("Het laatst opgeslagen document openen"))
        self.quit_action = self._action(_("&Afsluiten"), self.close, QKeySequence(key.Quit))
        self.undo_action = self._action(_("&Ongedaan maken"), self.controller.undo, QKeySequence(key.Undo))
        self.redo_action = self._action(_("Opnieuw &doen"), self.controller.redo, QKeySequence(key.Redo))
        self.next_action = self._action(_("&Volgende suggestie"), lambda: self.step(1), "F8")
        self.next_action.setShortcuts([QKeySequence("F8"), QKeySequence("Alt+Down")])
        self.previous_action = self._action(_("V&orige suggestie"), lambda: self.step(-1), "Shift+F8")
        self.previous_action.setShortcuts([QKeySequence("Shift+F8"), QKeySequence("Alt+Up")])
        self.accept_action = self._action(_("&Accepteren"), self.accept_current, "Ctrl+Return")
        self.accept_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.reject_action = self._action(_("A&fwijzen"), self.reject_current, "Ctrl+Delete")
        self.reject_action.setShortcuts([QKeySequence("Ctrl+Delete"), QKeySequence("Ctrl+Backspace")])
        self.kind_action = self._action(_("Alles van deze &soort accepteren"), self.accept_kind, None)
        self.ignore_action = self._action(_("Regel &negeren"), self.ignore_rule, None)
        self.word_list_action = self._action(_("&Toevoegen aan woordenlijst"), self.add_word, None)
        self.b1_action = self._action(_("Herschrijf in &B1"), self.rewrite_b1, "Ctrl+B",
                                      _("De alinea bij de cursor laten herschrijven door het lokale taalmodel"))
        self.cancel_action = self._action(_("&Annuleren"), self.cancel_work, "Esc")
        self.settings_action = self._action(_("&Instellingen…"), self.open_settings, "Ctrl+,")
        self.team_action = self._action(_("Instellingen voor uw &team…"), self.open_team_lead, None,
                                        _("AI-vermelding en privacy-instellingen kiezen en exporteren voor IT"))
        self.about_action = self._action(_("&Over Schrijfhulp en privacy"), self.open_about, None)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Bestand"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(_("&Recente bestanden"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        for action in (self.save_action, self.clean_action, self.word_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(_("Be&werken"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        review_menu = self.menuBar().addMenu(_("&Suggesties"))
        for action in (self.next_action, self.previous_action, self.accept_action, self.reject_action,
                       self.kind_action, self.ignore_action, self.word_list_action):
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addAction(self.b1_action)
        self.extra_menu = self.menuBar().addMenu(_("E&xtra"))
        self.extra_menu.addAction(self.settings_action)
        self.extra_menu.addAction(self.team_action)
        self.help_menu = self.menuBar().addMenu(_("&Help"))
        self.help_menu.addAction(self.about_action)
        toolbar = self.addToolBar(_("Werkbalk"))
        toolbar.setObjectName("main-toolbar")
        for action in (self.new_action, self.open_action, self.save_action, self.previous_action, self.next_action,
                       self.accept_action, self.reject_action, self.b1_action):
            toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(_("Voortgang"))
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(_("Annuleren"), self)
        self.cancel_button.setAccessibleName(_("Werk annuleren"))
        self.cancel_button.clicked.connect(self.cancel_work)
        self.model_label = QLabel(self)
        self.model_label.setAccessibleName(_("Status van het taalmodel"))
        self.local_label = QLabel(_("Alles blijft op deze computer"), self)
        self.local_label.setAccessibleName(_("Privacy"))
        bar = self.statusBar()
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.local_label)
        self._show_busy(False)
        self._on_model_state(self.model.state, self.model.detail)

    def _connect(self) -> None:
        c = self.controller
        c.opened.connect(self._on_opened)
        c.open_failed.connect(lambda message: self.show_message(_("Dit document kan niet worden geopend"), message))
        c.findings_changed.connect(self._refresh_findings)
        c.levels_changed.connect(self._refresh_levels)
        c.review_changed.connect(lambda: self.checklist.show_review(c.review))
        c.progress.connect(self._on_progress)
        c.analysis_done.connect(self._on_analysis_done)
        c.notice.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        c.saved.connect(self._on_saved)
        c.save_failed.connect(lambda message: self.show_message(_("Opslaan is niet gelukt"), message))
        c.source_changed.connect(self._on_source_changed)
        c.restored.connect(lambda n: self.statusBar().showMessage(
            _("Uw eerdere beoordeling is hersteld ({count} beslissingen).").format(count=n), 10_000))
        self.workers.busy.connect(lambda _lane, busy: self._show_busy(busy))
        self.view.finding_clicked.connect(self.select_finding)
        self.suggestions.selected.connect(self._on_panel_selected)
        self.suggestions.accept_requested.connect(lambda fid, choice: self._decide(fid, Decision.ACCEPTED, choice))
        self.suggestions.reject_requested.connect(lambda fid: self._decide(fid, Decision.REJECTED))
        self.suggestions.accept_kind_requested.connect(lambda fid: self.controller.accept_kind(fid))
        self.suggestions.ignore_rule_requested.connect(lambda fid: self.controller.ignore_rule(fid))
        self.suggestions.add_word_requested.connect(lambda fid: self.controller.add_word(fid))
        self.checklist.jump_requested.connect(self._jump_to)
        self.model.state_changed.connect(self._on_model_state)
        self.model.streamed.connect(self._on_streamed)
        self.model.rewritten.connect(self._on_rewritten)
        self.model.failed.connect(lambda message: self.show_message(_("Herschrijven is niet gelukt"), message))
        self.preview.accepted.connect(self._accept_rewrite)
        self.preview.discarded.connect(self._discard_rewrite)
        self.preview.cancel_requested.connect(self._cancel_rewrite)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.state.recent_files:
            action = self.recent_menu.addAction(Path(entry).name)
            action.setToolTip(entry)
            action.triggered.connect(lambda _checked=False, entry=entry: self._open_recent(entry))
        self.recent_menu.setEnabled(bool(self.state.recent_files))

    # -- state shown ----------------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        """The open document, if any."""
        return self.controller.document

    def _update_title(self) -> None:
        document = self.document
        if document is None:
            self.setWindowTitle(APP_NAME)
        else:
            mark = "*" if self.controller.dirty else ""
            self.setWindowTitle(f"{mark}{document.path.name} — {APP_NAME}")

    def _update_actions(self) -> None:
        session = self.controller.session
        has_document = self.document is not None
        for action in (self.save_action, self.clean_action, self.next_action, self.previous_action):
            action.setEnabled(has_document)
        self.undo_action.setEnabled(bool(session and session.can_undo()))
        self.redo_action.setEnabled(bool(session and session.can_redo()))
        self.word_action.setEnabled(self.last_saved is not None)
        self.b1_action.setEnabled(has_document and self.model.state == ModelService.READY)

    def _refresh_findings(self) -> None:
        session = self.controller.session
        self.suggestions.set_session(session)
        if session is not None:
            decided = set(session.decisions)
            self.view.set_highlights(session.visible(), self.suggestions.current_id(), decided)
        self._update_title()
        self._update_actions()

    def _refresh_levels(self) -> None:
        self.view.set_levels(self.controller.levels)
        whole = next((level for level in self.controller.levels if level.paragraph is None), None)
        if whole is not None:
            self.level_meter.show_level(whole)

    def _show_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{stage}: %v/%m")

    def _on_analysis_done(self) -> None:
        session = self.controller.session
        count = len(session.pending()) if session else 0
        self.statusBar().showMessage(_("Controle klaar: {count} open suggesties.").format(count=count), 8000)

    def _on_model_state(self, state: str, detail: str) -> None:
        if state == ModelService.READY:
            text = _("Taalmodel: klaar ({name})").format(name=detail)
        elif state == ModelService.LOADING:
            text = _("Taalmodel: laden…")
        else:
            text = _("Taalmodel: niet beschikbaar — alleen regels")
        self.model_label.setText(text)
        self.model_label.setToolTip(detail)
        self._update_actions()

    def show_message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
                     buttons: list[tuple[str, Callable[[], object]]] | None = None) -> QMessageBox:
        """A window-modal message that never blocks the event loop (tests read ``last_message``)."""
        self.last_message = (title, text)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for label, callback in buttons or []:
            button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _checked=False, callback=callback: callback())
        box.open()
        return box

    # -- start-up -------------------------------------------------------------------------------

    def start_up(self, document: Path | None = None, previous_crash: Path | None = None) -> None:
        """After the window shows: a crash of the last run, settings problems; in the background the language
        tools, retention and the model; the first-run screen, a document."""
        if previous_crash is not None:
            self.show_message(
                _("Schrijfhulp is de vorige keer onverwacht gestopt"),
                _("Uw beoordeling is tussentijds bewaard en wordt hersteld als u het document opnieuw opent. "
                  "Het technische verslag staat in {path}; uw IT-afdeling kan het gebruiken.").format(
                    path=previous_crash),
                QMessageBox.Icon.Information,
                [(_("Map openen"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(previous_crash.parent))))],
            )
        problems = self.settings.problems
        if problems:
            text = "\n".join(f"• {problem}" for problem in problems)
            if self.settings.policy_invalid:
                text += "\n\n" + _("Omdat het beleid ongeldig is, gelden de strengste instellingen.")
            self.show_message(_("Problemen in de instellingen"), text)
        self.controller.prepare()
        self.controller.enforce_retention()
        self.model.load(self.settings)
        from desktop.core.user_state import needs_first_run

        if needs_first_run(self.settings, self.state):
            from desktop.ui.dialogs import FirstRunDialog

            self.first_run = FirstRunDialog(self, state=self.state)
            self.first_run.open()
        if document is not None:
            self.open_path(document)

    # -- dialogs --------------------------------------------------------------------------------

    def open_settings(self) -> None:
        """The settings dialog, generated from the schema (locked fields managed by the organisation)."""
        from desktop.ui.settings_dialog import SettingsDialog

        tools = self.controller.tools
        dialog = SettingsDialog(self.settings, self, word_lists=tools.word_lists if tools else None)
        dialog.applied.connect(self._settings_applied)
        dialog.data_erased.connect(self._data_erased)
        dialog.open()
        self.settings_dialog = dialog

    def _settings_applied(self, keys: set[str]) -> None:
        if any(key.startswith("model.") for key in keys):
            self.model.load(self.settings)
        if any(key.startswith(("checks.", "grammar.")) for key in keys):
            self.controller.reset_tools()
            self.controller.analyse()
        if "language" in keys:
            self.show_message(_("Taal gewijzigd"), _("De nieuwe taal geldt na het opnieuw starten van Schrijfhulp."),
                              QMessageBox.Icon.Information)

    def _data_erased(self, _removed: list[Path]) -> None:
        self.state = UserState()
        self.settings = load_settings()
        self.controller.settings = self.settings
        self.controller.discard_session()
        self._fill_recent_menu()

    def new_letter(self) -> None:
        """Draft a new letter or decision from a template; the draft opens here for review."""
        from desktop.ui.draft_dialog import DraftDialog

        dialog = DraftDialog(self.settings, self, workers=self.workers, engine=self.model.engine,
                             tools=self.controller.tools)
        dialog.drafted.connect(self.open_path)
        dialog.open()
        self.draft_dialog = dialog

    def open_team_lead(self) -> None:
        """The team lead's editor for disclosure and privacy defaults."""
        from desktop.ui.team_lead import TeamLeadDialog

        self.team_dialog = TeamLeadDialog(self)
        self.team_dialog.open()

    def open_about(self) -> None:
        """About Schrijfhulp: the model card, how nothing leaves the computer, the licences."""
        from desktop.ui.dialogs import AboutDialog

        self.about_dialog = AboutDialog(self.model.info, self)
        self.about_dialog.open()

    # -- opening --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a .docx and open it."""
        name, _filter = QFileDialog.getOpenFileName(self, _("Document openen"), str(Path.home()),
                                                    _("Word-documenten (*.docx)"))
        if name:
            self.open_path(Path(name))

    def _open_recent(self, entry: str) -> None:
        path = Path(entry)
        if not path.exists():
            self.state.forget_recent(entry)
            save_state(self.state)
            self.show_message(_("Bestand niet gevonden"), _("{path} bestaat niet meer.").format(path=entry))
            return
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Open ``path`` in the background; problems are shown as a clear Dutch message."""
        if self.controller.dirty:
            self.controller.keep_session()
        self.statusBar().showMessage(_("{name} openen…").format(name=path.name))
        self.controller.open(path)

    def _on_opened(self, document: Document) -> None:
        self.statusBar().clearMessage()
        self.view.show_document(document)
        self.level_meter.clear()
        self.checklist.show_review(None)
        self.state.add_recent(document.path)
        save_state(self.state)
        self._update_title()
        self._update_actions()
        self.statusBar().showMessage(_("{paragraphs} alinea's, {words} woorden; controleren…").format(
            paragraphs=len(document.paragraphs), words=document.word_count), 8000)

    # -- reviewing ------------------------------------------------------------------------------

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
            self.statusBar().showMessage(_("Geen open suggesties meer."), 5000)
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
            self.statusBar().showMessage(_("{count} suggesties geaccepteerd.").format(count=count), 5000)

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
        document = self.document
        if document is None:
            return
        text = document.paragraph(paragraph).text
        position = self.view.positions.get(paragraph)
        if position is None:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(position + len(text[:start].encode("utf-16-le")) // 2)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        self.view.setFocus()

    def cancel_work(self) -> None:
        """Cancel the analysis and any rewrite (within a second: between paragraphs or tokens)."""
        if self.workers.is_running(ANALYSIS_LANE):
            self.controller.cancel_analysis()
            self.statusBar().showMessage(_("Controle geannuleerd."), 5000)
        if self._rewriting is not None:
            self._cancel_rewrite()
        self._show_busy(False)

    # -- B1 rewrite -----------------------------------------------------------------------------

    def rewrite_b1(self) -> None:
        """Rewrite the paragraph under the cursor (or the selection's paragraph) in B1 with the model."""
        document = self.document
        if document is None or self.controller.tools is None:
            return
        paragraph_id = self.view.paragraph_at(self.view.textCursor().selectionStart())
        if paragraph_id is None:
            self.statusBar().showMessage(_("Zet de cursor in de alinea die u wilt laten herschrijven."), 6000)
            return
        paragraph = document.paragraph(paragraph_id)
        if not paragraph.text.strip() or not paragraph.writable(0, len(paragraph.text)):
            self.statusBar().showMessage(_("Deze alinea kan niet worden herschreven."), 6000)
            return
        context = self.controller.tools.guard_context(self.settings)
        if self.model.rewrite(paragraph.id, paragraph.text, 0, len(paragraph.text), context):
            self._rewriting = paragraph.id
            self.preview.start(paragraph.text)
            self.tabs.setCurrentWidget(self.preview)

    def _on_streamed(self, raw: str) -> None:
        if self._rewriting is not None:
            self.preview.stream(raw)

    def _on_rewritten(self, result: object) -> None:
        if self._rewriting is not None:
            self._rewriting = None
            self.preview.finish(result)  # type: ignore[arg-type]

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

    def _cancel_rewrite(self) -> None:
        self.model.cancel()
        self._rewriting = None
        self.preview.cancelled()

    # -- saving ---------------------------------------------------------------------------------

    def model_use(self) -> ModelUse:
        """The model that wrote accepted text (for the disclosure), from the loaded engine."""
        from desktop.core.disclosure import ModelUse

        info = self.model.info
        return ModelUse(info.name, info.sha256) if info is not None else ModelUse()

    def save(self, clean: bool) -> None:
        """Open the save dialog: target, mode and the disclosure policy requires (preview, maybe adjustable)."""
        document, session = self.document, self.controller.session
        if document is None or session is None:
            return
        from desktop.core.disclosure import earlier_disclosure
        from desktop.core.saving import default_target
        from desktop.ui.save_dialog import SaveDialog

        edits = session.accepted_edits(str(self.settings["author"]))
        dialog = SaveDialog(self.settings, edits, self.model_use(), default_target(document, self.settings, clean),
                            clean, self, earlier_disclosure(document))
        dialog.chosen.connect(self._save_chosen)
        dialog.open()
        self.save_dialog = dialog

    def _save_chosen(self, choices: SaveChoices) -> None:
        if self.document is not None and choices.target.resolve() == self.document.path.resolve():
            never = _("Schrijfhulp overschrijft nooit het origineel; kies een andere naam.")
            self.show_message(_("Niet opgeslagen"), never)
            return
        self.controller.save(choices.target, self.model_use(), clean=choices.clean, visible=choices.visible,
                             text=choices.text)

    def _on_saved(self, result: SaveResult) -> None:
        self.last_saved = result
        self._update_title()
        self._update_actions()
        report = result.report
        text = _("Opgeslagen als {name}: {applied} wijzigingen, {comments} opmerkingen.").format(
            name=report.target.name, applied=len(report.applied), comments=report.comments)
        if report.refused:
            text += "\n" + _("Niet geschreven:") + "\n" + "\n".join(f"• {reason}" for _edit, reason in report.refused)
        if result.audit_note:
            text += "\n" + result.audit_note
        self.show_message(_("Opgeslagen"), text, QMessageBox.Icon.Information,
                          [(_("Openen in Word"), self.open_in_word)])

    def open_in_word(self) -> None:
        """Open the last saved document with the system's default application."""
        if self.last_saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_saved.report.target)))

    def _on_source_changed(self, message: str) -> None:
        self.show_message(_("Het origineel is gewijzigd"), message + "\n" + _(
            "Laad het document opnieuw; uw beslissingen over ongewijzigde tekst blijven bewaard."),
            buttons=[(_("Opnieuw laden"), self.controller.reload)])

    # -- closing --------------------------------------------------------------------------------

    def _ask_close(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                          _("U hebt beslissingen genomen die nog niet zijn opgeslagen."), parent=self)
        box.setInformativeText(_("Wilt u het document eerst opslaan?"))
        save = box.addButton(_("Opslaan…"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before closing with unsaved decisions; stop background work."""
        if self.controller.dirty:
            answer = self.confirm_close()
            if answer == "cancel":
                event.ignore()
                return
            if answer == "save":
                event.ignore()
                self.save(clean=self.settings["save.mode"] == "clean")
                return
            self.controller.discard_session()
        self.workers.shutdown()
        super().closeEvent(event)

    # -- drag and drop --------------------------------------------------------------------------

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls()
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        return Path(urls[0].toLocalFile())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a single local file."""
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the dropped file (a non-.docx gets the same clear message as from the menu)."""
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)
