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

if TYPE_CHECKING:  # the guards load with the model's first rewrite, not when the review pane is built
    from desktop.core.model.guards import Verdict
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


def checks_html(verdict: Verdict) -> str:
    """Per guard what was checked, as a short list (a guard that could not run says so)."""
    from desktop.core.model.guards import guard_label

    items = []
    for outcome in verdict.outcomes:
        mark = "✓" if outcome.passed else "–"
        items.append(f"<li>{mark} <b>{escape(guard_label(outcome.guard))}</b>: {escape(outcome.checked)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def refusal_html(result: ModelResult) -> str:
    """Why the candidates were refused, per guard, in the guards' own words (at most three reasons a guard)."""
    from desktop.core.model.guards import guard_label

    by_guard: dict[str, list[str]] = {}
    for verdict in result.refusals:
        for guard, reason in verdict.reasons:
            reasons = by_guard.setdefault(guard, [])
            if reason not in reasons:
                reasons.append(reason)
    items = [
        f"<li><b>{escape(guard_label(guard))}</b>: {escape(' '.join(reasons[:3]))}</li>"
        for guard, reasons in by_guard.items()
    ]
    items += [f"<li>{escape(error)}</li>" for error in result.errors]
    return f"<ul>{''.join(items)}</ul>" if items else ""


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
        self.cost = QLabel("", self)
        self.cost.setWordWrap(True)
        self.cost.setAccessibleName(_("Rekenwerk van de herschrijving"))
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
        layout.addWidget(self.cost)
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
        self.cost.setText("")
        self.accept_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        self.cancel_button.setEnabled(True)

    def stream(self, raw: str) -> None:
        """The model's answer so far (raw JSON as it streams)."""
        self.rewrite.setPlainText(partial_text(raw))

    def finish(self, result: ModelResult) -> None:
        """Show the guarded outcome: per guard what was checked, or why every candidate was refused."""
        from desktop.core.model.energy import ModelCost

        self.result = result
        self.cancel_button.setEnabled(False)
        self.cost.setText(_("Taalmodel: {cost}").format(cost=ModelCost.of(result.completions).describe()))
        if result.text is None or result.verdict is None:
            self.heading.setText(_("Geen veilige herschrijving gevonden."))
            self.status.setText(
                _("Het taalmodel schreef {count} versie(s); geen daarvan kwam door de controles. Er verandert "
                  "niets.").format(count=len(result.completions)) + refusal_html(result)
            )
            self.rewrite.setPlainText("")
            self.accept_button.setEnabled(False)
            self.discard_button.setEnabled(True)
            return
        from desktop.core.model.guards import summary

        self.heading.setText(summary(result.verdict, result.task, result.level_before, result.level_after))
        self.rewrite.setHtml(diff_html(result.original, result.text))
        self.status.setText(
            checks_html(result.verdict)
            + _("Doorgehaald = weg, onderstreept = nieuw. Overnemen maakt er bijgehouden wijzigingen van.")
        )
        self.accept_button.setEnabled(bool(result.findings))
        self.discard_button.setEnabled(True)

    def reset(self) -> None:
        """Empty, as before any rewrite (another document was opened)."""
        self.result = None
        self.heading.setText(_("Herschrijf in B1: kies een alinea en druk op Ctrl+B."))
        self.original.clear()
        self.rewrite.clear()
        self.status.setText("")
        self._idle()

    def cancelled(self) -> None:
        """The rewrite was cancelled."""
        self.heading.setText(_("Herschrijven geannuleerd."))
        self.status.setText("")
        self._idle()
