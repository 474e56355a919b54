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


# Texts of Qt's own dialogs that Qt's Dutch catalogue (qtbase_nl) lacks: Qt 6 gave the file dialog's labels
# a keyboard shortcut, and the catalogue still has only the old texts ("Look in:" without "&"), so the
# dialog was half English. tests/ui/test_qt_dutch.py compares every stock dialog with and without Dutch.
QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "nl": {
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestanden van &type:",
    },
}


class QtGaps(QTranslator):
    """The texts in :data:`QT_GAPS` for one language; every other text is left to Qt's own catalogue."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QApplication) -> None:
        super().__init__(parent)
        self._texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """The Dutch text, or None so that Qt asks the next catalogue."""
        return self._texts.get((context, source))

    def isEmpty(self) -> bool:
        """Empty only without texts (Qt skips an empty translator)."""
        return not self._texts


def install_qt_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's own catalogue (qtbase_nl), and the texts it lacks, so that stock dialogs and buttons speak
    the user's language. Install before the first window or dialog is made; returns what was installed."""
    if language == "en":
        return []
    installed: list[QTranslator] = []
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder) and app.installTranslator(translator):
        installed.append(translator)
    gaps = QT_GAPS.get(language)
    if gaps:
        supplement = QtGaps(gaps, app)
        if app.installTranslator(supplement):  # asked before the catalogue installed earlier
            installed.append(supplement)
    return installed


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
    code = app.exec()
    window.model.close()  # the model is freed now, not in llama-cpp-python's __del__ while Python shuts down
    return code
