"""The main window: menus, toolbar and status bar around the start page or the review pane.

Thin by design: the review controller talks to the core, the model service owns the engine, the
review pane shows the document with its findings, and everything long runs through
desktop.ui.workers. The first paint is the start page; the review pane and its modules load the
first time a document is opened, so the window is usable as soon as Qt can show it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from desktop import APP_NAME
from desktop.core.i18n import _
from desktop.core.policy.settings import Settings, load_settings
from desktop.core.user_state import UserState, load_state, save_state
from desktop.ui.main_actions import build_actions
from desktop.ui.model_service import ModelService
from desktop.ui.review_controller import ReviewController
from desktop.ui.start_page import StartPage
from desktop.ui.status_bar import StatusBar
from desktop.ui.workers import Lane, Workers

if TYPE_CHECKING:  # loaded after the window shows (see start_up and review), never before
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from desktop.core.document.reader import Document
    from desktop.core.policy.disclosure import ModelUse
    from desktop.core.saving import SaveResult
    from desktop.ui.review_pane import ReviewPane
    from desktop.ui.save_dialog import SaveChoices, SaveDialog


def open_with_system(path: Path) -> None:
    """Open a file or folder with the system's default application (Word for a .docx)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class MainWindow(QMainWindow):
    """Schrijfhulp's main window.

    ``confirm_close`` is asked ("save", "discard" or "cancel") when decisions that were not saved
    would go: the window closes, or another document, a recent file, a dropped file or a new letter
    takes its place. "save" opens the save dialog and goes on once the copy is saved. Tests replace
    it instead of answering a modal dialog.
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
        self.save_dialog: SaveDialog | None = None
        self._review: ReviewPane | None = None
        self._after_save: Callable[[], None] | None = None  # what waits for the save the user chose
        self._saved_note = ""  # that save's outcome, said when the next document opens

        self.start_page = StartPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)
        self.commands = build_actions(self)
        self._build_menus()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.cancel_button.clicked.connect(self.cancel_work)
        self._on_model_state(self.model.state, self.model.detail)
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._update_title()
        self._update_actions()

    @property
    def review(self) -> ReviewPane:
        """The review pane (document and side panels); built the first time it is needed."""
        return self._review or self._build_review()

    def _build_review(self) -> ReviewPane:
        from desktop.ui.review_pane import ReviewPane

        self._review = ReviewPane(self.controller, self.model, self.settings, self)
        self._review.notice.connect(self.status.showMessage)
        self.pages.addWidget(self._review)
        return self._review

    # -- construction -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        # One addAction per action: with addActions([...]) half of the UI test runs aborted at interpreter exit
        # ("bool_dealloc: deallocating True or False", a reference count error in the bindings; PySide6 6.x).
        do = self.commands
        file_menu = self.menuBar().addMenu(_("&Bestand"))
        for action in (do.new, do.open):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu(_("&Recente bestanden"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        for action in (do.save, do.clean, do.word):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(do.quit)
        edit_menu = self.menuBar().addMenu(_("Be&werken"))
        for action in (do.undo, do.redo):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(do.cancel)
        review_menu = self.menuBar().addMenu(_("&Suggesties"))
        for action in (do.next, do.previous, do.accept, do.reject, do.kind, do.ignore, do.word_list):
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addAction(do.b1)
        self.extra_menu = self.menuBar().addMenu(_("E&xtra"))
        for action in (do.settings, do.team):
            self.extra_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu(_("&Help"))
        self.help_menu.addAction(do.about)
        toolbar = self.addToolBar(_("Werkbalk"))
        toolbar.setObjectName("main-toolbar")
        for action in (do.new, do.open, do.save, do.previous, do.next, do.accept, do.reject, do.b1):
            toolbar.addAction(action)

    def _connect(self) -> None:
        c = self.controller
        c.opened.connect(self._on_opened)
        c.open_failed.connect(self._on_open_failed)
        c.findings_changed.connect(self._refresh_state)
        c.progress.connect(self.status.show_progress)
        c.analysis_done.connect(self._on_analysis_done)
        c.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        c.saved.connect(self._on_saved)
        c.save_failed.connect(self._on_save_failed)
        c.source_changed.connect(self._on_source_changed)
        c.restored.connect(self._on_restored)
        self.workers.busy.connect(self._on_busy)
        self.model.state_changed.connect(self._on_model_state)
        c.model_cost_changed.connect(self._on_model_cost)
        self.controller.model_engine = lambda: self.model.engine
        self.controller.take_model_cost = self.model.take_cost
        self.model.failed.connect(lambda message: self.show_message(_("Herschrijven is niet gelukt"), message))
        self.start_page.open_requested.connect(self.choose_file)
        self.start_page.new_requested.connect(self.new_letter)
        self.start_page.recent_requested.connect(self._open_recent)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.state.recent_files:
            action = self.recent_menu.addAction(Path(entry).name)
            action.setToolTip(entry)
            action.triggered.connect(lambda _checked=False, entry=entry: self._open_recent(entry))
        self.recent_menu.setEnabled(bool(self.state.recent_files))
        self.start_page.set_recent(self.state.recent_files)

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
        for action in self.commands.review:
            action.setEnabled(has_document)
        self.commands.undo.setEnabled(bool(session and session.can_undo()))
        self.commands.redo.setEnabled(bool(session and session.can_redo()))
        self.commands.word.setEnabled(self.last_saved is not None)
        self.commands.b1.setEnabled(has_document and self.model.state == ModelService.READY)

    def _refresh_state(self) -> None:
        self._update_title()
        self._update_actions()
        session = self.controller.session
        # stays true after every decision, unlike the message "Controle klaar"
        self.status.show_open(len(session.pending()) if session is not None else None)

    def _on_busy(self, _lane: Lane, _busy: bool) -> None:
        """The window's own work (lanes marked ``status``) gets the progress bar once it is slow, and Annuleren
        where it can be stopped. Start-up work, the model's loading and drafting show elsewhere."""
        slow = [lane for lane in self.workers.slow_lanes() if lane.status]
        self.status.show_busy(bool(slow), any(lane.cancellable for lane in slow))

    def _on_analysis_done(self) -> None:
        session = self.controller.session
        count = len(session.pending()) if session else 0
        self.status.showMessage(_("Controle klaar: {count} open suggesties.").format(count=count), 8000)

    def _on_model_state(self, state: str, detail: str) -> None:
        if state == ModelService.READY:
            text = _("Taalmodel: klaar ({name})").format(name=detail)
        elif state == ModelService.LOADING:
            text = _("Taalmodel: laden…")
        else:
            text = _("Taalmodel: niet beschikbaar — alleen regels")
        self.status.show_model(text, detail)
        self._update_actions()
        if state == ModelService.READY:
            self.controller.judge_with_model()  # a document checked before the model was ready gets its judgement

    def _on_model_cost(self) -> None:
        """What the model's work on this document cost, beside the model's state (the audit log keeps it too)."""
        self.status.show_cost(self.controller.model_cost)

    def show_message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
                     buttons: list[tuple[str, Callable[[], object]]] | None = None) -> QMessageBox:
        """A window-modal message that never blocks the event loop (tests read ``last_message``)."""
        self.last_message = (title, text)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        box.finished.connect(box.deleteLater)
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
                [(_("Map openen"), lambda: open_with_system(previous_crash.parent))],
            )
        problems = self.settings.problems
        if problems:
            text = "\n".join(f"• {problem}" for problem in problems)
            if self.settings.policy_invalid:
                text += "\n\n" + _("Omdat het beleid ongeldig is, gelden de strengste instellingen.")
            self.show_message(_("Problemen in de instellingen"), text)
        from desktop.core.user_state import needs_first_run

        if needs_first_run(self.settings, self.state):
            from desktop.ui.dialogs import FirstRunDialog

            self.first_run = FirstRunDialog(self, state=self.state, settings=self.settings)
            self.first_run.open()
        if document is not None and self._review is None:
            self._build_review()
        # The background work last, so the window's own work above never waits for Python's lock while a worker
        # imports; the language tools first: the first findings wait for them.
        self.controller.prepare()
        if document is not None:
            self.open_path(document)
        self.controller.enforce_retention()
        self._load_model_after_tools()

    def _load_model_after_tools(self) -> None:
        """Load the model once the cheap checks' language tools are ready: loading it (about a second of two
        cores, llama.cpp holding Python's lock part of it) would otherwise hold up the first findings."""
        if self.controller.tools is not None:
            self.model.load(self.settings)
            return

        def ready() -> None:
            self.controller.tools_ready.disconnect(ready)
            self.model.load(self.settings)

        self.controller.tools_ready.connect(ready)

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
        """Draft a new letter or decision from a template; the draft opens here for review. Unsaved decisions
        on the open document are settled first."""
        self.settle(self._draft)

    def _draft(self) -> None:
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
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(self, _("Document openen"), str(Path.home()),
                                                    _("Word-documenten (*.docx)"))
        if name:
            self.open_path(Path(name))

    def _open_recent(self, entry: str) -> None:
        path = Path(entry)
        if not path.exists():
            self.state.forget_recent(entry)
            save_state(self.state)
            self._fill_recent_menu()
            self.show_message(_("Bestand niet gevonden"), _("{path} bestaat niet meer.").format(path=entry))
            return
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Open ``path`` in the background. Once it is read, unsaved decisions on the open document are
        settled (:meth:`settle`) before it is replaced; a file that cannot be opened changes nothing and
        is explained in Dutch."""
        if self.controller.dirty:
            self.controller.keep_session()
        self.status.showMessage(_("{name} openen…").format(name=path.name))
        self.controller.open(path, self.settle)
        if self._review is None:
            self._build_review()  # while the document loads in the background

    def settle(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` (another document replaces this one) once unsaved decisions are saved or let go,
        as the user answers "Opslaan / Niet opslaan / Annuleren"; nothing happens on Annuleren."""
        if not self.controller.dirty:
            proceed()
            return
        answer = self.confirm_close()
        if answer == "discard":
            self.controller.discard_session()
            proceed()
        elif answer == "save":
            self._after_save = proceed
            self.save(clean=self.settings.save.mode == "clean")
        else:
            self.status.showMessage(_("Niets geopend; uw beslissingen staan nog open."), 8000)

    def _on_open_failed(self, name: str, reason: str) -> None:
        """The file was not opened; what was open stays, and the status bar says what happened."""
        self.status.showMessage(_("{name} is niet geopend: {reason}").format(name=name, reason=reason))
        self.show_message(_("Dit document kan niet worden geopend"), reason)

    def _on_restored(self, count: int, saved: bool) -> None:
        if saved:
            text = _("Uw beslissingen van de vorige keer staan er weer ({count}); ze zijn al opgeslagen.")
        else:
            text = _("Uw eerdere beoordeling is hersteld ({count} beslissingen).")
        self.status.showMessage(text.format(count=count), 10_000)

    def _on_opened(self, document: Document) -> None:
        self.status.clearMessage()
        self.pages.setCurrentWidget(self.review)
        self.state.add_recent(document.path)
        save_state(self.state)
        self._fill_recent_menu()
        self._refresh_state()
        opened = _("{paragraphs} alinea's, {words} woorden; controleren…").format(
            paragraphs=len(document.paragraphs), words=document.word_count)
        note, self._saved_note = self._saved_note, ""
        self.status.showMessage(f"{note} {opened}" if note else opened, 10_000)

    def cancel_work(self) -> None:
        """Cancel opening, the analysis and any rewrite (within a second: between paragraphs or tokens)."""
        if self.controller.cancel_open():
            self.status.showMessage(_("Openen geannuleerd."), 5000)
        if self.controller.cancel_analysis():
            self.status.showMessage(_("Controle geannuleerd."), 5000)
        if self._review is not None and self._review.rewriting is not None:
            self._review.cancel_rewrite()
    # -- saving ---------------------------------------------------------------------------------

    def model_use(self) -> ModelUse:
        """The model that wrote accepted text (for the disclosure), from the loaded engine."""
        from desktop.core.policy.disclosure import ModelUse

        info = self.model.info
        return ModelUse(info.name, info.sha256) if info is not None else ModelUse()

    def save(self, clean: bool) -> None:
        """Open the save dialog: target, mode and the disclosure policy requires (preview, maybe adjustable)."""
        document, session = self.document, self.controller.session
        if document is None or session is None:
            return
        from desktop.core.policy.disclosure import earlier_disclosure
        from desktop.core.saving import default_target
        from desktop.ui.save_dialog import SaveDialog

        edits = session.accepted_edits(self.settings.author)
        dialog = SaveDialog(self.settings, edits, self.model_use(), default_target(document, self.settings, clean),
                            clean, self, earlier_disclosure(document))
        dialog.chosen.connect(self._save_chosen)
        dialog.rejected.connect(self._save_abandoned)
        dialog.open()
        self.save_dialog = dialog

    def _save_abandoned(self) -> None:
        """The save dialog was closed without saving: what waited for the save does not happen."""
        if self._after_save is not None:
            self._after_save = None
            self.status.showMessage(_("Niet opgeslagen; uw beslissingen staan nog open."), 8000)

    def _on_save_failed(self, message: str) -> None:
        self._after_save = None
        self.show_message(_("Opslaan is niet gelukt"), message)

    def _save_chosen(self, choices: SaveChoices) -> None:
        if self.document is not None and choices.target.resolve() == self.document.path.resolve():
            never = _("Schrijfhulp overschrijft nooit het origineel; kies een andere naam.")
            self._after_save = None
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
        proceed, self._after_save = self._after_save, None
        if proceed is not None and not report.refused and not result.audit_note:
            self._saved_note = text  # the user is on the way elsewhere: said in the status bar, no box to close
        else:
            self.show_message(_("Opgeslagen"), text, QMessageBox.Icon.Information,
                              [(_("Openen in Word"), self.open_in_word)])
        if proceed is not None:
            proceed()

    def open_in_word(self) -> None:
        """Open the last saved document with the system's default application."""
        if self.last_saved is not None:
            open_with_system(self.last_saved.report.target)

    def _on_source_changed(self, message: str) -> None:
        self._after_save = None
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

    def _close_saved(self) -> None:
        """Close after the save the user asked for on closing."""
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before closing with unsaved decisions; stop background work."""
        if self.controller.dirty:
            answer = self.confirm_close()
            if answer == "cancel":
                event.ignore()
                return
            if answer == "save":
                event.ignore()
                self._after_save = self._close_saved
                self.save(clean=self.settings.save.mode == "clean")
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
