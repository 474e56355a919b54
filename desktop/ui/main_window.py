"""The main window: open a .docx (menu, toolbar, recent files, drag and drop) and show it read-only."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from desktop import APP_NAME
from desktop.core.document import Document, DocumentError, open_document
from desktop.core.i18n import _
from desktop.core.user_state import UserState, load_state, save_state
from desktop.ui.document_view import DocumentView
from desktop.ui.workers import Workers

DOCX_SUFFIX = ".docx"


class MainWindow(QMainWindow):
    """Schrijfhulp's main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workers = Workers(self)
        self.workers.finished.connect(self._on_finished)
        self.workers.failed.connect(self._on_failed)
        self.document: Document | None = None
        self.state: UserState = load_state()
        self.last_message: tuple[str, str] | None = None

        self.view = DocumentView(self)
        self.setCentralWidget(self.view)
        self.setAcceptDrops(True)
        self.resize(1100, 760)
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._update_title()

    # -- construction -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.open_action = QAction(_("&Openen…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(_("Een Word-document (.docx) openen"))
        self.open_action.triggered.connect(self.choose_file)
        self.quit_action = QAction(_("&Afsluiten"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Bestand"))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(_("&Recente bestanden"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        toolbar = self.addToolBar(_("Werkbalk"))
        toolbar.setObjectName("main-toolbar")
        toolbar.addAction(self.open_action)

    def _build_status_bar(self) -> None:
        self.local_label = QLabel(_("Alles blijft op deze computer"))
        self.local_label.setAccessibleName(_("Privacy"))
        self.statusBar().addPermanentWidget(self.local_label)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.state.recent_files:
            action = self.recent_menu.addAction(Path(entry).name)
            action.setToolTip(entry)
            action.triggered.connect(lambda _checked=False, entry=entry: self._open_recent(entry))
        self.recent_menu.setEnabled(bool(self.state.recent_files))

    # -- opening ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a .docx and open it."""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Document openen"), str(Path.home()), _("Word-documenten (*.docx)")
        )
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
        """Open ``path`` in the background; errors are shown as a clear Dutch message."""
        self.statusBar().showMessage(_("{name} openen…").format(name=path.name))

        def work(_cancel: threading.Event) -> Document:
            return open_document(path)

        self.workers.start("open", work)

    def show_document(self, document: Document) -> None:
        """Show an opened document and remember it in the recent files."""
        self.document = document
        self.view.show_document(document)
        self.state.add_recent(document.path)
        save_state(self.state)
        self._update_title()
        self.statusBar().showMessage(
            _("{paragraphs} alinea's, {words} woorden").format(
                paragraphs=len(document.paragraphs), words=document.word_count
            ),
            8000,
        )

    def show_message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        """A window-modal message that never blocks the event loop (tests read ``last_message``)."""
        self.last_message = (title, text)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_finished(self, lane: str, result: object) -> None:
        if lane == "open" and isinstance(result, Document):
            self.statusBar().clearMessage()
            self.show_document(result)

    def _on_failed(self, lane: str, error: object) -> None:
        self.statusBar().clearMessage()
        if isinstance(error, DocumentError):
            self.show_message(_("Dit document kan niet worden geopend"), str(error))
        elif isinstance(error, BaseException):
            raise error

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
        else:
            self.setWindowTitle(f"{self.document.path.name} — {APP_NAME}")

    # -- drag and drop ------------------------------------------------------------------------

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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop background work before the window goes."""
        self.workers.shutdown()
        super().closeEvent(event)
