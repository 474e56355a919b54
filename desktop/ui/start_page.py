"""The start page: what the window shows until a document is open.

Open a document, draft a new letter, or pick one of the last files; plus the promise that
everything stays on this computer. It is the app's first paint, so it stays small: command links
in a column kept in the middle by stretches, nothing that needs the review's modules or Qt's enum
namespace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop import APP_NAME
from desktop.core.i18n import _

SHOWN_RECENT = 5


class StartPage(QWidget):
    """Signals: ``open_requested()``, ``new_requested()``, ``recent_requested(path)``."""

    open_requested = Signal()
    new_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(APP_NAME, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(_("Schrijfhulp controleert spelling, grammatica, taalniveau B1 en de eisen aan een besluit. "
                         "U beslist over elke suggestie; wat u accepteert, komt als bijgehouden wijziging in een "
                         "kopie van uw document."), self)
        intro.setWordWrap(True)
        self.open_button = self._link(_("Document openen…"), _("Een brief of besluit in Word-formaat (.docx) "
                                                              "laten controleren"))
        self.open_button.clicked.connect(self.open_requested)
        self.new_button = self._link(_("Nieuwe brief of besluit…"),
                                     _("Beginnen met een sjabloon en standaardteksten van uw organisatie"))
        self.new_button.clicked.connect(self.new_requested)
        self.recent_label = QLabel(_("Recente bestanden"), self)
        self.recent_buttons: list[QCommandLinkButton] = []
        self._recent = QVBoxLayout()
        drop = QLabel(_("U kunt een .docx ook naar dit venster slepen."), self)
        local = QLabel(_("Alles blijft op deze computer: uw tekst en documenten gaan nergens heen."), self)
        local.setWordWrap(True)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addWidget(self.open_button)
        column.addWidget(self.new_button)
        column.addSpacing(12)
        column.addWidget(self.recent_label)
        column.addLayout(self._recent)
        column.addSpacing(12)
        column.addWidget(drop)
        column.addWidget(local)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def _link(self, text: str, description: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(description)
        return button

    def set_recent(self, entries: list[str]) -> None:
        """Show the most recent files (most recent first): the name, with the folder beneath."""
        for button in self.recent_buttons:
            self._recent.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        for entry in entries[:SHOWN_RECENT]:
            path = Path(entry)
            button = self._link(path.name, str(path.parent))
            button.setToolTip(entry)
            button.clicked.connect(lambda _checked=False, entry=entry: self.recent_requested.emit(entry))
            self._recent.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_label.setVisible(bool(self.recent_buttons))
