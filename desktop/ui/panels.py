"""Summary panels beside the document: the level meter and the decision checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.core.analysis import LevelReport
    from desktop.core.language.awb import Review
    from desktop.core.language.checklist import ChecklistItem

LEVELS = ("A2", "B1", "B2", "C1+")
ITEM_ROLE = Qt.ItemDataRole.UserRole


class LevelMeter(QWidget):
    """The document's estimated level against the B1 target, with the reasons that weigh most."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(_("Taalniveau: nog niet bepaald (doel: B1)"), self)
        self.label.setAccessibleName(_("Taalniveau van het document"))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100 * len(LEVELS))  # a level is 100 steps: the bar moves within a level too
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(_("Taalniveau als balk: A2, B1, B2, C1+"))
        self.reasons = QLabel("", self)
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName(_("Redenen voor het taalniveau"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.reasons)
        self.clear()

    def clear(self) -> None:
        """Back to 'not determined'."""
        self.label.setText(_("Taalniveau: nog niet bepaald (doel: B1)"))
        self.bar.setValue(0)
        self.bar.setFormat("")
        self.reasons.setText(_("Beweeg over een alinea om het niveau van die alinea te zien."))

    def show_level(self, report: LevelReport, opened: LevelReport | None = None) -> None:
        """Show the document level ``report`` (of the text as it will be saved), and the level it had when
        it was opened (``opened``) when the accepted changes moved it."""
        level = report.estimate.level
        verdict = _("op of onder B1") if level in ("A2", "B1") else _("boven B1")
        text = _("Taalniveau: <b>{level}</b> (doel: B1, {verdict})").format(level=level, verdict=verdict)
        if opened is not None and opened.estimate.level != level:
            text += " " + _("— was {level} vóór uw wijzigingen").format(level=opened.estimate.level)
        self.label.setText(text)
        from desktop.core.language.readability import scale_position

        self.bar.setValue(round(100 * scale_position(report.estimate)))
        self.bar.setFormat(level)
        self.reasons.setText("\n".join(f"• {reason}" for reason in report.estimate.reasons))


class ChecklistPanel(QWidget):
    """The review: decision or letter (with its reasons and a switch), the Awb checklist of a decision and the
    letter checks, each under its own heading; click an item to jump to its quote.

    Signals: ``jump_requested(paragraph, start, end)``; ``kind_requested(kind)`` when the user switches
    between "besluit" and "brief".
    """

    jump_requested = Signal(str, int, int)  # paragraph id, start, end
    kind_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QLabel(_("Nog niet beoordeeld."), self)
        self.kind.setWordWrap(True)
        self.switch = QPushButton(self)
        self.switch.setVisible(False)
        self.switch.clicked.connect(self._switch)
        self._current: str | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Besluit-eisen"))
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def show_review(self, review: Review | None) -> None:
        """Show ``review`` (None clears the panel)."""
        self.list.clear()
        if review is None:
            self.kind.setText(_("Nog niet beoordeeld."))
            self.switch.setVisible(False)
            self._current = None
            return
        self._current = review.kind
        if review.kind == "besluit":
            self.kind.setText(_("Dit is een besluit. {reason}").format(reason=review.kind_reason))
            self.switch.setText(_("Geen besluit"))
            self.switch.setToolTip(_("Dit document is geen besluit: toon alleen de briefeisen (wordt onthouden)."))
        else:
            self.kind.setText(_("Dit is geen besluit; de Awb-eisen voor besluiten gelden niet. {reason}").format(
                reason=review.kind_reason))
            self.switch.setText(_("Toch een besluit"))
            self.switch.setToolTip(_("Dit document is een besluit: toon de Awb-eisen (wordt onthouden)."))
        self.switch.setVisible(True)
        for heading, items in ((_("Besluit-eisen (Awb)"), review.decision), (_("Briefeisen"), review.letter)):
            if items:
                self._heading(heading)
            for item in items:
                self._add(item)

    def _switch(self) -> None:
        if self._current is not None:
            self.kind_requested.emit("brief" if self._current == "besluit" else "besluit")

    def _heading(self, text: str) -> None:
        entry = QListWidgetItem(text, self.list)
        font = entry.font()
        font.setBold(True)
        entry.setFont(font)
        entry.setFlags(Qt.ItemFlag.ItemIsEnabled)
        entry.setData(ITEM_ROLE, (None, None, None))

    def _add(self, item: ChecklistItem) -> None:
        reference = f" ({item.reference})" if item.reference else ""
        text = f"{item.status_label} — {item.label}{reference}\n{item.message}"
        if item.quote:
            text += f"\n“{item.quote}” ({item.place})"
        if item.suggestion:
            text += "\n" + _("Voorstel: ‘{text}’").format(text=item.suggestion)
        entry = QListWidgetItem(text, self.list)
        entry.setData(ITEM_ROLE, (item.paragraph, item.start, item.end))
        entry.setToolTip(_("Klik om naar de zin te gaan") if item.paragraph else "")

    def _jump(self, entry: QListWidgetItem) -> None:
        paragraph, start, end = entry.data(ITEM_ROLE)
        if paragraph is not None:
            self.jump_requested.emit(paragraph, start or 0, end or 0)
