"""The B1 preview: the guarded rewrite of a paragraph streams in beside the original, as a word diff.

The panel shows the original, the model's text as it is generated, and when the guards passed it,
the word diff with the level before and after. Accepting turns the rewrite into tracked-change
suggestions (the main window does that through the core's ReviewSession).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.i18n import _
from desktop.core.language.word_diff import diff_segments
from desktop.core.model.structured import partial_text

if TYPE_CHECKING:
    from desktop.core.model.tasks import ModelResult


def diff_html(original: str, rewritten: str) -> str:
    """The word diff as HTML: deletions struck through, insertions underlined (not only coloured)."""
    parts = []
    for tag, old, new in diff_segments(original, rewritten):
        if tag == "equal":
            parts.append(escape(old))
            continue
        if old:
            parts.append(f'<s style="background:#f8d7da">{escape(old)}</s>')
        if new:
            parts.append(f'<u style="background:#d4edda">{escape(new)}</u>')
    return "".join(parts)


class B1Preview(QWidget):
    """Original and rewrite side by side; Accept / Discard."""

    accepted = Signal()
    discarded = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(_("Herschrijf in B1: kies een alinea en druk op Ctrl+B."), self)
        self.heading.setWordWrap(True)
        self.original = QTextBrowser(self)
        self.original.setAccessibleName(_("Oorspronkelijke tekst"))
        self.rewrite = QTextBrowser(self)
        self.rewrite.setAccessibleName(_("Herschreven tekst (B1)"))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setAccessibleName(_("Uitkomst van de herschrijving"))
        self.accept_button = QPushButton(_("Herschrijving &overnemen"), self)
        self.accept_button.setAccessibleName(_("Herschrijving overnemen"))
        self.discard_button = QPushButton(_("&Verwerpen"), self)
        self.discard_button.setAccessibleName(_("Herschrijving verwerpen"))
        self.cancel_button = QPushButton(_("Annu&leren"), self)
        self.cancel_button.setAccessibleName(_("Herschrijven annuleren"))
        self.accept_button.clicked.connect(self.accepted)
        self.discard_button.clicked.connect(self.discarded)
        self.cancel_button.clicked.connect(self.cancel_requested)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(_("Origineel"), self))
        left.addWidget(self.original)
        right.addWidget(QLabel(_("B1 (lokaal taalmodel)"), self))
        right.addWidget(self.rewrite)
        columns.addLayout(left)
        columns.addLayout(right)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.result: ModelResult | None = None
        self._idle()

    def _idle(self) -> None:
        self.accept_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        self.cancel_button.setEnabled(False)

    def start(self, original: str) -> None:
        """A rewrite of ``original`` has started."""
        self.result = None
        self.heading.setText(_("Het lokale taalmodel herschrijft deze alinea in B1…"))
        self.original.setPlainText(original)
        self.rewrite.setPlainText("")
        self.status.setText(_("Bezig; de controles beoordelen de uitkomst voordat u die kunt overnemen."))
        self.accept_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        self.cancel_button.setEnabled(True)

    def stream(self, raw: str) -> None:
        """The model's answer so far (raw JSON as it streams)."""
        self.rewrite.setPlainText(partial_text(raw))

    def finish(self, result: ModelResult) -> None:
        """Show the guarded outcome."""
        self.result = result
        self.cancel_button.setEnabled(False)
        if result.text is None:
            self.heading.setText(_("Geen veilige herschrijving gevonden."))
            reasons = sorted({reason for verdict in result.refusals for _guard, reason in verdict.reasons})
            detail = "".join(f"<li>{escape(reason)}</li>" for reason in reasons[:6]) or "".join(
                f"<li>{escape(error)}</li>" for error in result.errors)
            self.status.setText(
                _("De controles hebben {count} poging(en) geweigerd. Er verandert niets.").format(
                    count=len(result.refusals) or len(result.completions)) + (f"<ul>{detail}</ul>" if detail else "")
            )
            self.rewrite.setPlainText("")
            self.accept_button.setEnabled(False)
            self.discard_button.setEnabled(True)
            return
        self.heading.setText(_("Herschreven in B1 en gecontroleerd: alle feiten zijn behouden."))
        self.rewrite.setHtml(diff_html(result.original, result.text))
        before = result.level_before.level if result.level_before else "?"
        after = result.level_after.level if result.level_after else "?"
        self.status.setText(
            _("Taalniveau: <b>{before}</b> → <b>{after}</b>. Doorgehaald = weg, onderstreept = nieuw. "
              "Overnemen maakt er bijgehouden wijzigingen van.").format(before=before, after=after)
        )
        self.accept_button.setEnabled(bool(result.findings))
        self.discard_button.setEnabled(True)

    def cancelled(self) -> None:
        """The rewrite was cancelled."""
        self.heading.setText(_("Herschrijven geannuleerd."))
        self.status.setText("")
        self._idle()
