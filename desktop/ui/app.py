"""The QApplication: translations, the readable error dialog for uncaught exceptions, the main window."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__
from desktop.core import i18n
from desktop.core.i18n import _
from desktop.core.paths import log_dir, resources_dir
from desktop.core.policy import network_guard
from desktop.core.policy.settings import load_settings

ERROR_LOG_NAME = "fouten.log"


def install_qt_translations(app: QApplication, language: str) -> QTranslator | None:
    """Load Qt's own catalogue (qtbase_nl) so stock dialogs and buttons speak the user's language."""
    if language == "en":
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def log_exception(text: str) -> Path:
    """Append a traceback to the error log in the user's data folder (never document text)."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ERROR_LOG_NAME
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text.rstrip() + "\n\n")
    return path


def show_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """The excepthook: log the traceback and show a readable dialog instead of closing the app."""
    details = "".join(traceback.format_exception(kind, value, tb))
    path = log_exception(details)
    if QApplication.instance() is None:
        print(details, file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, _("Er ging iets mis in Schrijfhulp."))
    box.setInformativeText(
        _(
            "Uw document is niet gewijzigd. U kunt gewoon verder werken; sla uw werk op als u twijfelt. "
            "De technische details staan in {path}."
        ).format(path=path)
    )
    box.setDetailedText(details)
    box.exec()


def run(argv: Sequence[str], previous_crash: Path | None = None) -> int:
    """Start the app; ``argv`` may hold one .docx to open; ``previous_crash`` is the last run's crash log."""
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "schrijfhulp.svg")))
    network_guard.install()
    settings = load_settings()
    i18n.set_language(settings.language)
    install_qt_translations(app, i18n.language())
    sys.excepthook = show_exception

    window = MainWindow(settings)
    window.show()
    documents = [a for a in argv if not a.startswith("-")]
    QTimer.singleShot(0, lambda: window.start_up(Path(documents[0]) if documents else None, previous_crash))
    return app.exec()
