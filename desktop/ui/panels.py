"""Summary panels beside the document: the level meter and the decision checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from desktop.core.i18n import N_, _

if TYPE_CHECKING:
    from desktop.core.analysis import LevelReport
    from desktop.core.language.awb import Review
    from desktop.core.language.letter import ChecklistItem

LEVELS = ("A2", "B1", "B2", "C1+")
STATUS_LABELS = {"present": N_("aanwezig"), "missing": N_("ontbreekt"), "doubtful": N_("twijfel")}
STATUS_MARKS = {"present": "✓", "missing": "✗", "doubtful": "?"}
ITEM_ROLE = Qt.ItemDataRole.UserRole


class LevelMeter(QWidget):
    """The document's estimated level against the B1 target, with the reasons that weigh most."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(_("Taalniveau: nog niet bepaald (doel: B1)"), self)
        self.label.setAccessibleName(_("Taalniveau van het document"))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, len(LEVELS))
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

    def show_level(self, report: LevelReport) -> None:
        """Show the document level ``report``."""
        level = report.estimate.level
        verdict = _("op of onder B1") if level in ("A2", "B1") else _("boven B1")
        self.label.setText(_("Taalniveau: <b>{level}</b> (doel: B1, {verdict})").format(level=level, verdict=verdict))
        self.bar.setValue(LEVELS.index(level) + 1)
        self.bar.setFormat(level)
        self.reasons.setText("\n".join(f"• {reason}" for reason in report.estimate.reasons))


class ChecklistPanel(QWidget):
    """The Awb checklist of a decision: each requirement present, missing or doubtful; click to jump."""

    jump_requested = Signal(str, int, int)  # paragraph id, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QLabel(_("Nog niet beoordeeld."), self)
        self.kind.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Besluit-eisen"))
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.list)

    def show_review(self, review: Review | None) -> None:
        """Show ``review`` (None clears the panel)."""
        self.list.clear()
        if review is None:
            self.kind.setText(_("Nog niet beoordeeld."))
            return
        if review.kind == "besluit":
            self.kind.setText(_("Dit is een besluit. {reason}").format(reason=review.kind_reason))
        else:
            self.kind.setText(_("Dit is een brief; de Awb-eisen voor besluiten gelden niet. {reason}").format(
                reason=review.kind_reason))
        for item in review.items:
            self._add(item)

    def _add(self, item: ChecklistItem) -> None:
        article = _(" (art. {article} Awb)").format(article=item.article) if item.article[:1].isdigit() else ""
        status = _(STATUS_LABELS[item.status])
        text = f"{STATUS_MARKS[item.status]} {item.check}{article} — {status}\n{item.message}"
        if item.quote:
            text += f"\n“{item.quote}”"
        entry = QListWidgetItem(text, self.list)
        entry.setData(ITEM_ROLE, (item.paragraph, item.start, item.end))
        entry.setToolTip(_("Klik om naar de zin te gaan") if item.paragraph else "")

    def _jump(self, entry: QListWidgetItem) -> None:
        paragraph, start, end = entry.data(ITEM_ROLE)
        if paragraph is not None:
            self.jump_requested.emit(paragraph, start or 0, end or 0)
