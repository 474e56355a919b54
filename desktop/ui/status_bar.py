"""The main window's status bar: progress with Annuleren, open suggestions, the model's state and cost, privacy.

It only shows: the main window tells it what changed (busy lanes, progress, the open count, the model's
state, the model's cost for the open document) and connects Annuleren to its own cancel.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.core.i18n import _
from desktop.core.model.energy import WATTS_PER_BUSY_CORE, ModelCost


class StatusBar(QStatusBar):
    """Messages on the left; on the right, permanently: progress and Annuleren (while slow work runs), the open
    suggestions, the model's state, what the model's work on this document cost, and "Alles blijft op deze
    computer"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(_("Voortgang"))
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(_("Annuleren"), self)
        self.cancel_button.setAccessibleName(_("Werk annuleren"))
        self.open_label = QLabel(self)
        self.open_label.setAccessibleName(_("Open suggesties"))
        self.model_label = QLabel(self)
        self.model_label.setAccessibleName(_("Status van het taalmodel"))
        self.cost_label = QLabel(self)
        self.cost_label.setAccessibleName(_("Rekenwerk van het taalmodel voor dit document"))
        self.local_label = QLabel(_("Alles blijft op deze computer"), self)
        self.local_label.setAccessibleName(_("Privacy"))
        self.messageChanged.connect(self.setToolTip)  # a long message is cut off at the edge
        # One addPermanentWidget per widget, in this order from the left.
        self.addPermanentWidget(self.progress_bar)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.open_label)
        self.addPermanentWidget(self.model_label)
        self.addPermanentWidget(self.cost_label)
        self.addPermanentWidget(self.local_label)
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.open_label.hide()
        self.cost_label.hide()

    def show_busy(self, slow: bool, cancellable: bool) -> None:
        """The progress bar while slow work runs, with Annuleren when that work can be stopped."""
        self.progress_bar.setVisible(slow)
        self.cancel_button.setVisible(slow and cancellable)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        """``done`` of ``total`` steps of ``stage``."""
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{stage}: %v/%m")

    def show_open(self, count: int | None) -> None:
        """The number of open suggestions ("12 open"); hidden without a document (None)."""
        self.open_label.setVisible(count is not None)
        if count is not None:
            self.open_label.setText(_("{count} open").format(count=count))

    def show_model(self, text: str, detail: str) -> None:
        """The model's state in words, with ``detail`` (why, or which model) as its tooltip."""
        self.model_label.setText(text)
        self.model_label.setToolTip(detail)

    def show_cost(self, cost: ModelCost) -> None:
        """What the model's work on this document cost; hidden while it cost nothing."""
        self.cost_label.setVisible(bool(cost))
        self.cost_label.setText(_("Dit document: {cost}").format(cost=cost.describe()) if cost else "")
        self.cost_label.setToolTip(_("Geschat met {watts} W per bezette processorkern; zie de documentatie.").format(
            watts=WATTS_PER_BUSY_CORE))
