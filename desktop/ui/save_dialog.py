"""The save dialog: where to, tracked changes or a clean copy, and a preview of the AI disclosure.

The disclosure the policy requires is shown as it will appear; the user may adjust or leave it
out only when policy allows. The dialog checks its choices with the core (disclosure.build and
the second check on save) before it closes, so a refused save is explained right there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import Edit, Source
from desktop.core.i18n import _
from desktop.core.policy.disclosure import (
    NOTHING_EARLIER,
    DisclosureError,
    Earlier,
    ModelUse,
    build,
    render_text,
    required,
    save_check,
)
from desktop.core.policy.settings import Settings


@dataclass(frozen=True)
class SaveChoices:
    """What the user chose: target, mode, and the disclosure (None = as policy prescribes)."""

    target: Path
    clean: bool
    visible: bool | None
    text: str | None


class SaveDialog(QDialog):
    """Non-blocking save dialog; emits ``chosen(SaveChoices)`` when the choices pass the checks."""

    chosen = Signal(object)

    def __init__(self, settings: Settings, edits: Sequence[Edit], model: ModelUse, target: Path, clean: bool,
                 parent: QWidget | None = None, earlier: Earlier = NOTHING_EARLIER) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Opslaan"))
        self.settings, self.edits, self.model, self.earlier = settings, list(edits), model, earlier
        self.now = datetime.now().astimezone()
        self.default_text = render_text(settings, model if model.name else earlier.model, self.now)
        self.needed = required(settings, self.edits, earlier.model_text) and not earlier.visible
        self.may_edit = settings.disclosure.user_may_edit

        self.path = QLineEdit(str(target), self)
        self.path.setAccessibleName(_("Bestandsnaam"))
        browse = QPushButton(_("&Bladeren…"), self)
        browse.setAccessibleName(_("Bladeren"))
        browse.clicked.connect(self._browse)
        self.tracked = QRadioButton(_("Met &wijzigingen bijhouden (u beslist in Word over elke wijziging)"), self)
        self.clean = QRadioButton(_("Als &schone kopie (wijzigingen direct toegepast)"), self)
        (self.clean if clean else self.tracked).setChecked(True)

        counts = Counter(
            e.category.label + (" " + _("(taalmodel)") if e.source is Source.MODEL else "") for e in self.edits
        )
        summary = ", ".join(f"{kind}: {count}" for kind, count in sorted(counts.items())) or _("geen")
        self.summary = QLabel(_("Geaccepteerde wijzigingen: {summary}").format(summary=summary), self)
        self.summary.setWordWrap(True)

        box = QGroupBox(_("AI-vermelding"), self)
        if earlier.visible:
            reason = _("Het document bevat al een AI-vermelding; er komt geen tweede bij.")
        elif self.needed:
            reason = _("Verplicht volgens het beleid van uw organisatie.")
        else:
            reason = _("Niet nodig: alleen spelling en grammatica door taalregels, of het beleid vraagt er niet om.")
        self.policy = QLabel(reason, box)
        self.policy.setWordWrap(True)
        self.include = QCheckBox(_("AI-vermelding &opnemen in het document"), box)
        self.include.setChecked(self.needed)
        self.text = QPlainTextEdit(self.default_text, box)
        self.text.setAccessibleName(_("Tekst van de AI-vermelding"))
        self.text.setEnabled(self.needed)
        self.include.toggled.connect(self.text.setEnabled)
        if not self.may_edit:
            self.include.setEnabled(False)
            self.text.setReadOnly(True)
            self.policy.setText(reason + " " + _("De vermelding wordt beheerd door uw organisatie."))
        note = QLabel(_("Altijd vastgelegd in de documenteigenschappen: AI-gebruik, hulpmiddel, model, datum en "
                        "soorten wijzigingen."), box)
        note.setWordWrap(True)
        inner = QVBoxLayout(box)
        inner.addWidget(self.policy)
        inner.addWidget(self.include)
        inner.addWidget(self.text)
        inner.addWidget(note)

        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Melding"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Opslaan als:"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tracked)
        layout.addWidget(self.clean)
        layout.addWidget(self.summary)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), self.path.text(),
                                                    _("Word-documenten (*.docx)"))
        if name:
            self.path.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def choices(self) -> SaveChoices:
        """The current choices, with the disclosure left to policy where the user did not change it."""
        visible = self.include.isChecked()
        text = self.text.toPlainText()
        return SaveChoices(
            target=Path(self.path.text()).expanduser(),
            clean=self.clean.isChecked(),
            visible=None if visible == self.needed else visible,
            text=None if text == self.default_text or not visible else text,
        )

    def confirm(self) -> None:
        """Check the choices with the core; emit them and close, or explain why not."""
        choices = self.choices()
        if not choices.target.name.lower().endswith(".docx"):
            self.error.setText(_("Kies een bestandsnaam die eindigt op .docx."))
            return
        try:
            disclosure = build(self.settings, self.edits, self.model, self.now, visible=choices.visible,
                               text=choices.text, earlier=self.earlier)
        except DisclosureError as exc:
            self.error.setText(str(exc))
            return
        blocked = save_check(self.settings, self.edits, disclosure, earlier=self.earlier)
        if blocked:
            self.error.setText(blocked)
            return
        self.chosen.emit(choices)
        self.accept()
