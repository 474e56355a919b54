"""The settings dialog, generated from the core schema.

Every setting in :data:`desktop.core.policy.settings.SCHEMA` gets a control chosen by its type (a check
box, a list of choices, a number, a line of text; a text area for disclosure templates), shows its
effective value and the layer that set it, and is disabled with "beheerd door uw organisatie" when
policy locks it. Settings are grouped into tabs by key prefix; a key that no tab claims lands on
the first tab, so none is ever hidden. OK writes only changed, unlocked values through
:meth:`Settings.set_user_value` and emits :attr:`SettingsDialog.applied`.

The other tabs hold what is not a setting: the model picker with the chosen model's card, the
word lists (the personal one with "Verwijderen"), the audit-log export and "Wis al mijn gegevens".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.language.wordlists import B1_KINDS, WordListError, WordLists
from desktop.core.model.catalog import ModelError, ModelFile, choose_model, find_models, recorded_hashes
from desktop.core.policy.policy_files import TEMPLATE_KEYS, check_value, layer_label
from desktop.core.policy.settings import BY_KEY, DISCLOSURE_PLACEHOLDERS, SCHEMA, LockedSettingError, Setting, Settings
from desktop.core.privacy import audit_log
from desktop.core.privacy.retention import erase_all_user_data
from desktop.core.privacy.secure_store import StoreUnavailableError, open_store
from desktop.ui.dialogs import (
    ModelCardView,
    control_value,
    make_control,
    open_message,
    text_label,
    warning_frame,
)

#: Tab ids with the key prefixes they hold, in order; "general" also takes any key no tab claims.
TAB_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("general", ("language", "author", "user_name", "organisation", "save.", "review.")),
    ("checks", ("checks.", "grammar.")),
    ("model", ("model.",)),
    ("wordlists", ()),
    ("disclosure", ("disclosure.", "drafting.")),
    ("privacy", ("privacy.", "first_run.")),
)
MODEL_FILE_KEY = "model.file"


def tab_titles() -> dict[str, str]:
    """The Dutch title of each tab."""
    return {
        "general": _("Algemeen"),
        "checks": _("Controles"),
        "model": _("Taalmodel"),
        "wordlists": _("Woordenlijsten"),
        "disclosure": _("AI-vermelding"),
        "privacy": _("Privacy"),
    }


def _matches(key: str, prefix: str) -> bool:
    return key.startswith(prefix) if prefix.endswith(".") else key == prefix


def group_keys(keys: Iterable[str]) -> dict[str, list[str]]:
    """Keys per tab, ordered by the tab's prefixes and then by ``keys`` order."""
    keys = list(keys)
    groups: dict[str, list[str]] = {tab: [] for tab, _prefixes in TAB_PREFIXES}
    placed: set[str] = set()
    for tab, prefixes in TAB_PREFIXES:
        for prefix in prefixes:
            for key in keys:
                if key not in placed and _matches(key, prefix):
                    groups[tab].append(key)
                    placed.add(key)
    groups["general"].extend(key for key in keys if key not in placed)
    return groups


class SettingField:
    """One setting in the dialog: its control and the label that says where the value came from."""

    def __init__(self, setting: Setting, label: QLabel, control: QWidget, origin: QLabel) -> None:
        self.setting = setting
        self.label = label
        self.control = control
        self.origin = origin

    def value(self) -> Any:
        """The value the control holds now."""
        return control_value(self.control)

    def show_origin(self, settings: Settings) -> None:
        """Show the layer that set the effective value, and lock the control when policy manages it."""
        key = self.setting.key
        text = _("Ingesteld door: {layer}").format(layer=layer_label(settings.origin(key)))
        locked = settings.is_locked(key)
        if locked:
            text += " — " + _("beheerd door uw organisatie")
        self.origin.setText(text)
        self.control.setEnabled(not locked)
        self.control.setToolTip(_("beheerd door uw organisatie") if locked else "")
        self.control.setAccessibleDescription(text)


class SettingsDialog(QDialog):
    """Every setting from the schema, in tabs; OK writes the changed, unlocked ones.

    Signals: ``applied(set[str])`` with the keys written to the user's settings file;
    ``word_list_changed()`` after words were removed from the personal list;
    ``data_erased(list)`` with the paths "Wis al mijn gegevens" removed (the dialog then closes
    without writing anything).
    """

    applied = Signal(set)
    word_list_changed = Signal()
    data_erased = Signal(list)

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, word_lists: WordLists | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.fields: dict[str, SettingField] = {}
        self.pages: dict[str, QWidget] = {}
        self.last_message: QMessageBox | None = None
        self.erase_confirmation: QMessageBox | None = None
        self._models: list[ModelFile] = []
        self._model_problem = ""
        self.setWindowTitle(_("Instellingen"))

        self.problems_frame, self.problems_label = warning_frame(self, _("Problemen met de instellingen"))
        self._show_problems()
        self.errors_frame, self.errors_label = warning_frame(self, _("Niet opgeslagen"))

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Instellingen"))
        titles = tab_titles()
        groups = group_keys(setting.key for setting in SCHEMA)
        for tab, _prefixes in TAB_PREFIXES:
            page = self._page(tab, groups[tab], word_lists)
            self.pages[tab] = page
            self.tabs.addTab(page, titles[tab])

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems_frame)
        layout.addWidget(self.errors_frame)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)

    # -- building -------------------------------------------------------------------------------

    def _show_problems(self) -> None:
        lines = []
        if self.settings.policy_invalid:
            lines.append(
                _(
                    "Het beleid van uw organisatie is ongeldig. Schrijfhulp gebruikt daarom de veiligste "
                    "instellingen en u kunt ze niet wijzigen. Meld dit bij uw IT-afdeling."
                )
            )
        for problem in self.settings.problems:
            lines.append(
                _("{file} — {key}: {reason}").format(
                    file=problem.source, key=problem.key or _("hele bestand"), reason=problem.reason
                )
            )
        if lines:
            self.problems_label.setText("\n".join([_("Problemen met de instellingen:"), *lines]))
            self.problems_frame.setVisible(True)

    def _page(self, tab: str, keys: list[str], word_lists: WordLists | None) -> QWidget:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        if keys:
            grid = QGridLayout()
            grid.setColumnStretch(0, 2)
            grid.setColumnStretch(1, 3)
            spacing = content.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing)
            grid.setVerticalSpacing(2 * max(spacing, 1))
            for key in keys:
                self._add_field(grid, content, key)
            layout.addLayout(grid)
        if tab == "model":
            layout.addWidget(self._model_card(content))
        elif tab == "wordlists":
            layout.addWidget(self._word_lists(content, word_lists), 1)
        elif tab == "privacy":
            layout.addWidget(self._privacy_actions(content))
        if tab != "wordlists":
            layout.addStretch(1)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(content)
            return scroll
        return content

    def _add_field(self, grid: QGridLayout, parent: QWidget, key: str) -> None:
        setting = BY_KEY[key]
        value = self.settings.value(key)
        control = self._model_picker(setting, value, parent) if key == MODEL_FILE_KEY else make_control(
            setting, value, parent
        )
        label = QLabel(_(setting.description), parent)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setBuddy(control)
        label.setToolTip(key)
        origin = QLabel(parent)
        origin.setWordWrap(True)
        field = QWidget(parent)
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(control)
        if key in TEMPLATE_KEYS:
            placeholders = ", ".join(f"{{{name}}}" for name in DISCLOSURE_PLACEHOLDERS)
            column.addWidget(text_label(_("Plaatshouders: {names}").format(names=placeholders), field))
        column.addWidget(origin)
        row = grid.rowCount()
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
        self.fields[key] = SettingField(setting, label, control, origin)
        self.fields[key].show_origin(self.settings)

    # -- the model ------------------------------------------------------------------------------

    def _model_picker(self, setting: Setting, value: Any, parent: QWidget) -> QComboBox:
        try:
            self._models = find_models()
        except ModelError as exc:
            self._model_problem = str(exc)
        combo = QComboBox(parent)
        combo.setObjectName(setting.key)
        combo.setAccessibleName(_(setting.description))
        combo.addItem(_("Standaardmodel"), "")
        for model in self._models:
            data = value if model.card and value == model.card.id else model.path.name
            where = _("organisatie") if model.machine_wide else _("eigen map")
            combo.addItem(_("{name} ({where})").format(name=model.display_name, where=where), data)
        if combo.findData(value) < 0:
            combo.addItem(_("{name} (niet gevonden)").format(name=value), value)
        combo.setCurrentIndex(combo.findData(value))
        combo.currentIndexChanged.connect(self._show_model_card)
        self.model_picker = combo
        return combo

    def _model_card(self, parent: QWidget) -> QWidget:
        self.model_card = ModelCardView(parent)
        self._show_model_card()
        return self.model_card

    def _show_model_card(self) -> None:
        """Show the card of the model that the picker's choice would load."""
        if self._model_problem:
            self.model_card.show_notice(self._model_problem)
            return
        wanted = str(self.model_picker.currentData())
        try:
            model = choose_model(self._models, wanted)
        except ModelError as exc:
            self.model_card.show_notice(str(exc))
            return
        if model.card is not None:
            sha256, size = model.card.sha256, model.card.size
        else:
            sha256 = recorded_hashes().get(str(model.path.resolve()), "") or _("wordt bij eerste gebruik vastgelegd")
            size = model.path.stat().st_size
        if model.machine_wide:
            note = _("Geplaatst door uw organisatie in {folder}.").format(folder=model.path.parent)
        else:
            note = _("Staat in uw eigen modelmap {folder}.").format(folder=model.path.parent)
        if model.card is None:
            note += " " + _("Dit model staat niet in de modellijst; Schrijfhulp controleert het op zijn controlesom.")
        self.model_card.show_card(model.card, file=model.path.name, size=size, sha256=sha256, note=note)

    # -- word lists -----------------------------------------------------------------------------

    def _word_lists(self, parent: QWidget, word_lists: WordLists | None) -> QWidget:
        box = QWidget(parent)
        grid = QGridLayout(box)
        try:
            self.word_lists = word_lists if word_lists is not None else WordLists.load_default()
        except WordListError as exc:
            grid.addWidget(text_label(str(exc), box), 0, 0)
            return box
        lists = self.word_lists

        self.b1_filter = QLineEdit(box)
        self.b1_filter.setAccessibleName(_("Zoeken in de B1-woordenlijst"))
        self.b1_filter.setPlaceholderText(_("Zoeken…"))
        self.b1_table = QTableWidget(len(lists.b1.entries), 3, box)
        self.b1_table.setHorizontalHeaderLabels([_("Woord"), _("Eenvoudiger"), _("Soort")])
        self.b1_table.setAccessibleName(_("B1-woordenlijst"))
        self.b1_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.b1_table.verticalHeader().setVisible(False)
        self.b1_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.b1_table.horizontalHeader().setStretchLastSection(True)
        kinds = dict(zip(B1_KINDS, (_("ambtelijk"), _("moeilijk")), strict=True))
        for row, entry in enumerate(lists.b1.entries):
            cells = (entry.term, ", ".join(entry.alternatives), kinds[entry.kind])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.note:
                    item.setToolTip(entry.note)
                self.b1_table.setItem(row, column, item)
        self.b1_filter.textChanged.connect(self._filter_b1)
        b1_label = QLabel(_("B1-woordenlijst ({count} woorden) met eenvoudiger alternatieven").format(
            count=len(lists.b1.entries)), box)
        b1_label.setWordWrap(True)
        b1_label.setBuddy(self.b1_table)
        filter_label = QLabel(_("Zoeken:"), box)
        filter_label.setBuddy(self.b1_filter)
        search = QHBoxLayout()
        search.addWidget(filter_label)
        search.addWidget(self.b1_filter, 1)
        left = QVBoxLayout()
        left.addWidget(b1_label)
        left.addLayout(search)
        left.addWidget(self.b1_table, 1)

        self.protected_list = self._read_only_list(box, lists.protected.terms, _("Beschermde termen"))
        self.organisation_list = self._read_only_list(
            box, sorted(lists.organisation, key=str.lower), _("Woordenlijst van de organisatie")
        )
        self.personal_list = QListWidget(box)
        self.personal_list.setAccessibleName(_("Persoonlijke woordenlijst"))
        self.personal_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.personal_list.addItems(list(lists.personal.words))
        self.remove_button = QPushButton(_("Verwijderen"), box)
        self.remove_button.setAccessibleName(_("Geselecteerde woorden uit de persoonlijke woordenlijst verwijderen"))
        self.remove_button.setEnabled(False)
        self.personal_list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.personal_list.selectedItems()))
        )
        self.remove_button.clicked.connect(self.remove_selected_words)

        right = QVBoxLayout()
        right.addWidget(self._list_label(box, _("Beschermde termen (worden nooit vereenvoudigd)"), self.protected_list))
        right.addWidget(self.protected_list, 1)
        organisation_label = self._list_label(
            box, _("Woordenlijst van de organisatie — beheerd door uw organisatie"), self.organisation_list
        )
        right.addWidget(organisation_label)
        if not lists.organisation:
            right.addWidget(text_label(_("Uw organisatie heeft geen eigen woordenlijst geplaatst."), box))
        right.addWidget(self.organisation_list, 1)
        right.addWidget(self._list_label(box, _("Uw persoonlijke woordenlijst"), self.personal_list))
        self.personal_empty = text_label(
            _("Leeg. U voegt een woord toe met ‘Toevoegen aan woordenlijst’ bij een spelfout."), box
        )
        self.personal_empty.setVisible(not lists.personal.words)
        right.addWidget(self.personal_empty)
        right.addWidget(self.personal_list, 1)
        right.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        return box

    @staticmethod
    def _read_only_list(parent: QWidget, words: Iterable[str], name: str) -> QListWidget:
        widget = QListWidget(parent)
        widget.setAccessibleName(name)
        widget.addItems(list(words))
        widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        return widget

    @staticmethod
    def _list_label(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setBuddy(buddy)
        return label

    def _filter_b1(self, text: str) -> None:
        wanted = text.strip().lower()
        for row in range(self.b1_table.rowCount()):
            cells = ((item.text() if (item := self.b1_table.item(row, column)) else "").lower() for column in range(2))
            self.b1_table.setRowHidden(row, bool(wanted) and not any(wanted in cell for cell in cells))

    def remove_selected_words(self) -> None:
        """Remove the selected words from the personal list (saved at once) and emit ``word_list_changed``."""
        words = [item.text() for item in self.personal_list.selectedItems()]
        try:
            for word in words:
                self.word_lists.personal.remove(word)
        except OSError as exc:
            self.last_message = open_message(
                self, _("Woordenlijst niet opgeslagen"), str(exc), QMessageBox.Icon.Warning
            )
        self.personal_list.clear()
        self.personal_list.addItems(list(self.word_lists.personal.words))
        self.personal_empty.setVisible(not self.word_lists.personal.words)
        self.word_list_changed.emit()

    # -- privacy actions ------------------------------------------------------------------------

    def _privacy_actions(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.export_button = QPushButton(_("Logboek exporteren (CSV)…"), box)
        self.export_button.setAccessibleName(_("Logboek exporteren als CSV-bestand"))
        self.export_button.clicked.connect(self.choose_audit_export)
        self.erase_button = QPushButton(_("Wis al mijn gegevens…"), box)
        self.erase_button.setAccessibleName(_("Wis al mijn gegevens"))
        self.erase_button.clicked.connect(self.confirm_erase)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        return box

    def choose_audit_export(self) -> QFileDialog:
        """Ask where to save the audit log as CSV (non-blocking); the choice runs :meth:`export_audit_log`."""
        chooser = QFileDialog(self, _("Logboek exporteren"), str(Path.home()), _("CSV-bestanden (*.csv)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("csv")
        chooser.selectFile("schrijfhulp-logboek.csv")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.export_audit_log(Path(name)))
        chooser.open()
        return chooser

    def export_audit_log(self, target: Path) -> int | None:
        """Write the decrypted audit log to ``target`` as CSV; return the row count, None when nothing was written."""
        title = _("Logboek exporteren")
        try:
            store = open_store(self.settings.privacy.allow_unsafe_store, create=False)
        except StoreUnavailableError as exc:
            text = _("Er is geen logboek om te exporteren. {reason}").format(reason=exc)
            self.last_message = open_message(self, title, text)
            return None
        try:
            count = audit_log.export_csv(store, target)
        except OSError as exc:
            text = _("Het logboek kan niet worden opgeslagen in {path}: {error}").format(path=target, error=exc)
            self.last_message = open_message(self, title, text, QMessageBox.Icon.Warning)
            return None
        text = _("{count} regels uit het logboek opgeslagen in {path}.").format(count=count, path=target)
        self.last_message = open_message(self, title, text)
        return count

    def confirm_erase(self) -> QMessageBox:
        """Ask (non-blocking) before erasing everything; "Alles wissen" runs :meth:`erase_user_data`."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Wis al mijn gegevens"),
            _(
                "Hiermee wist u alles wat Schrijfhulp voor u bewaart: uw instellingen, uw persoonlijke "
                "woordenlijst, recente bestanden, de versleutelde geschiedenis, het logboek, foutmeldingen en "
                "de sleutel. Uw documenten en de instellingen van uw organisatie blijven staan. "
                "Dit kan niet ongedaan worden gemaakt."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self.erase_yes = box.addButton(_("Alles wissen"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(self._on_erase_answer)
        box.open()
        self.erase_confirmation = box
        return box

    def _on_erase_answer(self, button: QAbstractButton) -> None:
        if button is self.erase_yes:
            self.erase_user_data()

    def erase_user_data(self) -> list[Path]:
        """Erase everything kept for this user, emit ``data_erased`` and close without writing settings."""
        removed = erase_all_user_data()
        self.data_erased.emit(removed)
        self.last_message = open_message(
            self.parentWidget() or self,
            _("Gegevens gewist"),
            _("Al uw gegevens zijn gewist. Schrijfhulp gebruikt weer de standaardinstellingen van uw organisatie."),
        )
        self.reject()
        return removed

    # -- OK -------------------------------------------------------------------------------------

    def apply(self) -> bool:
        """Write the changed, unlocked values; emit ``applied`` with the keys written.

        Locked settings are skipped whatever their control holds. Values that are refused are
        shown at the top of the dialog; returns False when any was refused.
        """
        changed: set[str] = set()
        errors: list[str] = []
        first_error: QWidget | None = None
        for key, field in self.fields.items():
            if self.settings.is_locked(key):
                continue
            value = field.value()
            if value == self.settings.value(key):
                continue
            try:
                self.settings.set_user_value(key, check_value(key, value))
            except (LockedSettingError, ValueError, OSError) as exc:  # OSError: the settings file (a full disk)
                errors.append(f"{_(field.setting.description)}: {getattr(exc, 'strerror', None) or exc}")
                first_error = first_error or field.control
                continue
            changed.add(key)
            field.show_origin(self.settings)
        if changed:
            self.applied.emit(changed)
        self.errors_label.setText("\n".join([_("Niet opgeslagen:"), *errors]))
        self.errors_frame.setVisible(bool(errors))
        if first_error is not None:
            page = next(page for page in self.pages.values() if page.isAncestorOf(first_error))
            self.tabs.setCurrentWidget(page)
            first_error.setFocus()
        return not errors

    def accept(self) -> None:
        """OK: apply, and close only when every change was accepted."""
        if self.apply():
            super().accept()
