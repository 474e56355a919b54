"""The side panel with the suggestions: grouped by category and counted, with a detail card.

Each suggestion shows original → suggestion, the reason in plain Dutch and where it came from
(a language rule, one of our word lists, or the local model); the rule's code and how sure the
check is sit behind a "Details" line, for whoever asks. The panel only shows and asks: it
emits what the user wants, and the main window lets the core's ReviewSession decide.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import Category, Finding, Source, quoted
from desktop.core.i18n import N_, _
from desktop.core.session import Decision, ReviewSession

# A symbol per category, so the list does not rely on colour.
CATEGORY_MARKS = {
    Category.SPELLING: "Sp",
    Category.GRAMMAR: "Gr",
    Category.STYLE: "B1",
    Category.READABILITY: "Le",
    Category.DECISION: "Aw",
}
SOURCE_LABELS = {
    Source.RULE: N_("taalregel"),
    Source.WORDLIST: N_("woordenlijst"),
    Source.MODEL: N_("lokaal taalmodel"),
}
DECISION_MARKS = {None: "○", Decision.ACCEPTED: "✓", Decision.REJECTED: "✗"}
ID_ROLE = Qt.ItemDataRole.UserRole


def change_text(finding: Finding, choice: int = 0) -> str:
    """‘original’ → ‘suggestion’ (or just the original when there is nothing to replace it with)."""
    original = quoted(finding.original if len(finding.original) <= 60 else finding.original[:57] + "…")
    if not finding.suggestions:
        return original
    suggestion = finding.suggestions[min(choice, len(finding.suggestions) - 1)]
    return f"{original} → {quoted(suggestion) if suggestion else _('(weglaten)')}"


class SuggestionPanel(QWidget):
    """The grouped list of suggestions and the card of the selected one."""

    selected = Signal(str)
    accept_requested = Signal(str, int)
    reject_requested = Signal(str)
    accept_kind_requested = Signal(str)
    ignore_rule_requested = Signal(str)
    add_word_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: ReviewSession | None = None
        self._items: dict[str, QTreeWidgetItem] = {}
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Suggesties"))
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(lambda item, _column: self._accept_current())

        self.title = QLabel(_("Geen suggestie gekozen"), self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName(_("Gekozen suggestie"))
        self.reason = QLabel("", self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(_("Reden"))
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel("", self)
        self.source.setAccessibleName(_("Bron"))
        self.details_button = QToolButton(self)
        self.details_button.setText(_("Details"))
        self.details_button.setAccessibleName(_("Details tonen"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.toggled.connect(self._toggle_details)
        self.details = QLabel("", self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName(_("Details"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(_("Kies een suggestie"))
        self.choice.currentIndexChanged.connect(self._update_title)

        self.accept_button = QPushButton(_("&Accepteren"), self)
        self.accept_button.setToolTip(_("Suggestie accepteren (Ctrl+Enter)"))
        self.reject_button = QPushButton(_("A&fwijzen"), self)
        self.reject_button.setToolTip(_("Suggestie afwijzen (Ctrl+Delete)"))
        self.kind_button = QPushButton(_("Alles van deze &soort"), self)
        self.kind_button.setToolTip(_("Alle open suggesties van deze regel accepteren"))
        self.ignore_button = QPushButton(_("Regel &negeren"), self)
        self.word_button = QPushButton(_("&Toevoegen aan woordenlijst"), self)
        for button in (self.accept_button, self.reject_button, self.kind_button, self.ignore_button,
                       self.word_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.accept_button.clicked.connect(self._accept_current)
        self.reject_button.clicked.connect(lambda: self._emit(self.reject_requested))
        self.kind_button.clicked.connect(lambda: self._emit(self.accept_kind_requested))
        self.ignore_button.clicked.connect(lambda: self._emit(self.ignore_rule_requested))
        self.word_button.clicked.connect(lambda: self._emit(self.add_word_requested))

        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        more = QHBoxLayout()
        more.addWidget(self.kind_button)
        more.addWidget(self.ignore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.title)
        layout.addWidget(self.choice)
        layout.addWidget(self.reason)
        source = QHBoxLayout()
        source.addWidget(self.source)
        source.addWidget(self.details_button)
        source.addStretch(1)
        layout.addLayout(source)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.word_button)
        self._show_card(None)

    # -- content --------------------------------------------------------------------------------

    def set_session(self, session: ReviewSession | None) -> None:
        """Show ``session``'s findings (rebuilds the list, keeps the selection when it still exists)."""
        current = self.current_id()
        self._session = session
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = {}
        if session is not None:
            counts = session.counts()
            groups: dict[Category, QTreeWidgetItem] = {}
            for category in Category:
                if counts[category]:
                    open_count = sum(
                        1 for f in session.visible() if f.category is category and session.decision(f.id) is None
                    )
                    group = QTreeWidgetItem(self.tree, [
                        _("{label} ({open} open, {total} totaal)").format(
                            label=category.label, open=open_count, total=counts[category])
                    ])
                    group.setExpanded(True)
                    group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    groups[category] = group
            for finding in session.visible():
                decision = session.decision(finding.id)
                mark = DECISION_MARKS[decision[0] if decision else None]
                doubt = f" ({_('twijfel')})" if finding.doubtful else ""
                item = QTreeWidgetItem(groups[finding.category], [f"{mark} {change_text(finding)}{doubt}"])
                item.setData(0, ID_ROLE, finding.id)
                item.setToolTip(0, " ".join(finding.reasons))
                self._items[finding.id] = item
        self.tree.blockSignals(False)
        if current in self._items:
            self.select(current)
        else:
            self._show_card(None)

    def current_id(self) -> str | None:
        """The id of the selected finding, if any."""
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value else None

    def select(self, finding_id: str) -> None:
        """Select the finding (and show its card)."""
        item = self._items.get(finding_id)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
            self._show_card(finding_id)

    def ordered_ids(self) -> list[str]:
        """The finding ids in list order."""
        return list(self._items)

    # -- card -----------------------------------------------------------------------------------

    def _finding(self, finding_id: str | None) -> Finding | None:
        if self._session is None or finding_id is None:
            return None
        return self._session.findings.get(finding_id)

    def _show_card(self, finding_id: str | None) -> None:
        finding = self._finding(finding_id)
        has = finding is not None
        for widget in (self.accept_button, self.reject_button, self.kind_button, self.ignore_button):
            widget.setEnabled(has)
        if finding is None:
            self.title.setText(_("Geen suggestie gekozen"))
            self.reason.setText(_("Kies een suggestie in de lijst of klik op een gemarkeerd woord."))
            self.source.setText("")
            self.details.setText("")
            self.details_button.setVisible(False)
            self.choice.hide()
            self.word_button.setEnabled(False)
            return
        self.choice.blockSignals(True)
        self.choice.clear()
        for suggestion in finding.suggestions:
            self.choice.addItem(suggestion or _("(weglaten)"))
        self.choice.setVisible(len(finding.suggestions) > 1 and not finding.group)
        self.choice.blockSignals(False)
        self._update_title()
        self.reason.setText("\n".join(finding.reasons))
        origin = _(SOURCE_LABELS[finding.source])
        source = _("Bron: {origin}").format(origin=origin)
        if finding.doubtful:
            source += " — " + _("twijfelachtig: zekerheid {percent}%").format(percent=round(100 * finding.confidence))
        self.source.setText(source)
        rules = ", ".join([finding.rule, *(rule for rule, _message in finding.also)])
        self.details.setText(_("Regel: {rules} · zekerheid van de controle: {confidence:.0%}").format(
            rules=rules, confidence=finding.confidence))
        self.details_button.setVisible(True)
        self.accept_button.setEnabled(bool(finding.suggestions))
        self.kind_button.setEnabled(bool(finding.suggestions) and not finding.group)
        self.word_button.setEnabled(finding.category is Category.SPELLING and " " not in finding.original)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _update_title(self) -> None:
        finding = self._finding(self.current_id())
        if finding is not None:
            label = finding.category.label
            self.title.setText(f"<b>[{CATEGORY_MARKS[finding.category]}] {escape(label)}:</b> "
                               f"{escape(change_text(finding, max(0, self.choice.currentIndex())))}")

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        finding_id = self.current_id() if current is not None else None
        self._show_card(finding_id)
        if finding_id:
            self.selected.emit(finding_id)

    def _emit(self, signal: SignalInstance) -> None:
        finding_id = self.current_id()
        if finding_id:
            signal.emit(finding_id)

    def _accept_current(self) -> None:
        finding_id = self.current_id()
        if finding_id:
            self.accept_requested.emit(finding_id, max(0, self.choice.currentIndex()))
