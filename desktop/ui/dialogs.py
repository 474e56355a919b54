"""Small dialogs: About (version, model, privacy, licences) and the first-run screen on responsible use.

Also the pieces the other dialogs share: a message box that never blocks (opened with ``open()``),
the controls for a setting by its type (the settings dialog and the team-lead editor), a warning
frame, and :class:`ModelCardView`, which shows what the app knows about a model.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.core import i18n, paths
from desktop.core.i18n import _
from desktop.core.model.catalog import ModelCard, ModelError, known_models
from desktop.core.model.engine import EngineInfo
from desktop.core.policy import network_guard
from desktop.core.policy.display_name import system_full_name
from desktop.core.policy.policy_files import TEMPLATE_KEYS, choice_label
from desktop.core.policy.settings import LockedSettingError, Setting, Settings
from desktop.core.privacy.secure_store import credential_store
from desktop.core.user_state import RESPONSIBLE_USE, UserState, load_state, save_state

INT_LIMIT = 2_147_483_647  # QSpinBox's own limit, for a number setting without a bound
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def open_message(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
) -> QMessageBox:
    """Show a window-modal message without blocking the event loop; return the box."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def text_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A wrapped, selectable label (keyboard users can reach and copy it)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(SELECTABLE)
    return label


def ui_locale() -> QLocale:
    """The locale for numbers and sizes in the user-interface language."""
    if i18n.language() == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def size_text(size: int | None) -> str:
    """E.g. "1,04 GiB (1.117.320.768 bytes)" in the user-interface language; None is "onbekend"."""
    if size is None:
        return _("onbekend")
    locale = ui_locale()
    return _("{size} ({bytes} bytes)").format(size=locale.formattedDataSize(size), bytes=locale.toString(size))


# -- setting controls by type (the settings dialog and the team-lead editor) ----------------------


def make_control(setting: Setting, value: Any, parent: QWidget) -> QWidget:
    """The control for ``setting`` by its type, showing ``value``; its accessible name is the description."""
    control: QWidget
    if setting.kind is bool:
        control = QCheckBox(parent)
    elif setting.choices:
        combo = QComboBox(parent)
        for choice in setting.choices:
            combo.addItem(choice_label(setting.key, choice), choice)
        control = combo
    elif setting.kind is int:
        spin = QSpinBox(parent)
        spin.setRange(
            setting.minimum if setting.minimum is not None else -INT_LIMIT,
            setting.maximum if setting.maximum is not None else INT_LIMIT,
        )
        control = spin
    elif setting.kind is str and setting.key in TEMPLATE_KEYS:
        text = QPlainTextEdit(parent)
        text.setTabChangesFocus(True)
        text.setMaximumHeight(text.fontMetrics().lineSpacing() * 6)
        control = text
    elif setting.kind is str:
        control = QLineEdit(parent)
    else:
        raise TypeError(f"no control for settings of type {setting.kind.__name__} ({setting.key})")
    control.setAccessibleName(_(setting.description))
    control.setObjectName(setting.key)
    set_control_value(control, value)
    return control


def control_value(control: QWidget) -> Any:
    """The value a control made by :func:`make_control` (or the model picker) holds."""
    if isinstance(control, QCheckBox):
        return control.isChecked()
    if isinstance(control, QComboBox):
        return control.currentData()
    if isinstance(control, QSpinBox):
        return control.value()
    if isinstance(control, QPlainTextEdit):
        return control.toPlainText()
    if isinstance(control, QLineEdit):
        return control.text()
    raise TypeError(f"not a settings control: {type(control).__name__}")


def set_control_value(control: QWidget, value: Any) -> None:
    """Show ``value`` in a control made by :func:`make_control` (or the model picker)."""
    if isinstance(control, QCheckBox):
        control.setChecked(bool(value))
    elif isinstance(control, QComboBox):
        control.setCurrentIndex(control.findData(value))
    elif isinstance(control, QSpinBox):
        control.setValue(int(value))
    elif isinstance(control, QPlainTextEdit):
        control.setPlainText(str(value))
    elif isinstance(control, QLineEdit):
        control.setText(str(value))
    else:
        raise TypeError(f"not a settings control: {type(control).__name__}")


def on_control_changed(control: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the user (or code) changes the control's value."""
    if isinstance(control, QCheckBox):
        control.toggled.connect(slot)
    elif isinstance(control, QComboBox):
        control.currentIndexChanged.connect(slot)
    elif isinstance(control, QSpinBox):
        control.valueChanged.connect(slot)
    elif isinstance(control, (QPlainTextEdit, QLineEdit)):
        control.textChanged.connect(slot)
    else:
        raise TypeError(f"not a settings control: {type(control).__name__}")


def warning_frame(parent: QWidget, name: str) -> tuple[QWidget, QLabel]:
    """A hidden frame with the system's warning icon and a text label (the icon is never the only signal)."""
    frame = QWidget(parent)
    icon = QLabel(frame)
    size = frame.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    icon.setPixmap(frame.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    label = text_label("", frame)
    label.setAccessibleName(name)
    row = QHBoxLayout(frame)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(icon)
    row.addWidget(label, 1)
    frame.setVisible(False)
    return frame, label


class ModelCardView(QWidget):
    """What the app knows about one model: name, size, quantisation, licence, source, sha256, purpose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = text_label("", self)
        self.notice.setAccessibleName(_("Taalmodel"))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        rows = (
            ("name", _("Naam")),
            ("file", _("Bestand")),
            ("size", _("Grootte")),
            ("parameters", _("Parameters")),
            ("quantization", _("Kwantisatie")),
            ("license", _("Licentie")),
            ("source", _("Bron")),
            ("sha256", _("Controlesom (SHA-256)")),
            ("purpose", _("Geschikt voor")),
        )
        for name, title in rows:
            value = text_label("", self)
            value.setAccessibleName(title)
            label = QLabel(title, self)
            label.setBuddy(value)
            form.addRow(label, value)
            self.values[name] = value
        self._form = QWidget(self)
        self._form.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self._form)

    def show_card(self, card: ModelCard | None, *, file: str, size: int | None, sha256: str, note: str = "") -> None:
        """Show ``card``; an unlisted model (no card) shows its file and ``sha256`` as recorded."""
        unknown = _("niet vermeld: dit model staat niet in de modellijst")
        description = ""
        if card is not None:
            description = card.description_en if i18n.language() == "en" else card.description_nl
        shown = {
            "name": card.name if card else Path(file).stem,
            "file": file,
            "size": size_text(size),
            "parameters": card.parameters if card and card.parameters else unknown,
            "quantization": card.quantization if card and card.quantization else unknown,
            "license": card.license if card and card.license else unknown,
            "source": card.source if card and card.source else unknown,
            "sha256": sha256,
            "purpose": description or unknown,
        }
        for name, value in shown.items():
            self.values[name].setText(value)
        self.notice.setText(note)
        self.notice.setVisible(bool(note))
        self._form.setVisible(True)

    def show_notice(self, text: str) -> None:
        """Show only ``text`` (e.g. why there is no model)."""
        self.notice.setText(text)
        self.notice.setVisible(True)
        self._form.setVisible(False)


class AboutDialog(QDialog):
    """About Schrijfhulp: the version, the loaded model, how privacy is enforced, and the licences."""

    def __init__(self, engine_info: EngineInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Over Schrijfhulp"))
        self.engine_info = engine_info
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Over Schrijfhulp"))
        self.tabs.addTab(self._about_page(), APP_NAME)
        self.tabs.addTab(self._privacy_page(), _("Privacy"))
        self.tabs.addTab(self._licences_page(), _("Licenties"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(680, 560)

    def _about_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.version_label = text_label(_("{app} versie {version}").format(app=APP_NAME, version=__version__), page)
        layout.addWidget(self.version_label)
        layout.addWidget(text_label(_("Een schrijfhulp voor ambtenaren die helemaal op deze computer werkt."), page))
        heading = QLabel(_("Taalmodel"), page)
        self.model_view = ModelCardView(page)
        heading.setBuddy(self.model_view.notice)
        layout.addWidget(heading)
        layout.addWidget(self.model_view)
        info = self.engine_info
        if info is None:
            self.model_view.show_notice(
                _("Er is geen taalmodel geladen. Schrijfhulp werkt nu met alleen de taalregels.")
            )
        else:
            size = info.card.size if info.card else self._file_size(info)
            note = _("Geladen met {threads} rekenkernen; de controlesom is bij het laden gecontroleerd.").format(
                threads=info.threads
            )
            self.model_view.show_card(info.card, file=info.file, size=size, sha256=info.sha256, note=note)
        caution = _("Het taalmodel kan fouten maken. U blijft verantwoordelijk voor de tekst: controleer de feiten.")
        layout.addWidget(text_label(caution, page))
        layout.addStretch(1)
        return page

    @staticmethod
    def _file_size(info: EngineInfo) -> int | None:
        """The size of an unlisted model's file, looked up in the model folders."""
        for folder in (paths.user_models_dir(), paths.machine_models_dir()):
            candidate = folder / info.file
            if candidate.is_file():
                return candidate.stat().st_size
        return None

    def _privacy_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(text_label(_("Er verlaat geen gegeven deze computer. Zo wordt dat bewaakt:"), page))
        if network_guard.installed():
            guard = _("De netwerkbewaking is actief: elke verbinding buiten deze computer wordt geweigerd.")
        else:
            guard = _("Let op: de netwerkbewaking is in dit programma niet gestart.")
        refused = network_guard.refused()
        refusals = _("Geweigerde verbindingen sinds de start: {count}.").format(count=len(refused))
        if refused:
            refusals += " " + "; ".join(refused)
        if "PySide6.QtNetwork" in sys.modules:
            qt_network = _("Let op: de netwerkonderdelen van Qt zijn geladen.")
        else:
            qt_network = _("De netwerkonderdelen van Qt worden niet gebruikt en zijn niet geladen.")
        downloads = _(
            "Het taalmodel, de woordenboeken en de taalregels zijn bij de installatie geplaatst. "
            "Schrijfhulp downloadt niets terwijl u werkt en verstuurt geen gebruiksgegevens."
        )
        store, safe = credential_store()
        if safe:
            key = _(
                "De sleutel van uw versleutelde geschiedenis en logboek staat in de sleutelopslag van het "
                "systeem ({store})."
            ).format(store=store)
        else:
            key = no_key_store_text() + " " + _("(Gevonden: {store}.)").format(store=store)
        folders = _("Uw instellingen staan in {config}; uw versleutelde gegevens en foutmeldingen in {data}.").format(
            config=paths.user_config_dir(), data=paths.user_data_dir()
        )
        self.privacy_labels: list[QLabel] = []
        for text in (guard, refusals, qt_network, downloads, key, folders):
            label = text_label(text, page)
            layout.addWidget(label)
            self.privacy_labels.append(label)
        layout.addStretch(1)
        return page

    def _licence_rows(self) -> list[tuple[str, str, str]]:
        bundle = "LICENSES"
        rows = [
            (APP_NAME, "EUPL-1.2", bundle),
            (
                _("Woordenboek van OpenTaal (spelling)"),
                _("BSD-3-Clause of CC-BY 3.0"),
                "resources/dictionaries/LICENSE-OpenTaal.md",
            ),
            (_("B1-woordenlijst en beschermde termen"), "EUPL-1.2", "resources/wordlists/LICENSE"),
            (_("Taalregels van LanguageTool (via lingotweaker)"), "LGPL-2.1", bundle),
            (_("Woordfrequenties (wordfreq)"), _("gegevens CC-BY-SA 4.0, programma Apache-2.0"), bundle),
            (_("Woordafbreking (pyphen)"), _("LGPL-2.1, GPL-2.0 of MPL-1.1"), bundle),
            ("llama.cpp", "MIT", bundle),
            ("Qt / PySide6", "LGPL-3.0", bundle),
        ]
        model = self._model_licence()
        if model is not None:
            rows.insert(3, model)
        return rows

    def _model_licence(self) -> tuple[str, str, str] | None:
        info = self.engine_info
        unlisted = _("niet vermeld in de modellijst")
        if info is not None:
            card = info.card
            licence = card.license if card and card.license else unlisted
            return _("Taalmodel {name}").format(name=info.name), licence, card.source if card else unlisted
        try:
            default = next((card for card in known_models() if card.default), None)
        except ModelError as exc:
            return _("Taalmodel"), str(exc), "models/manifest.toml"
        if default is None:
            return None
        return _("Taalmodel {name}").format(name=default.name), default.license, default.source

    def _licences_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        rows = self._licence_rows()
        self.licences = QTableWidget(len(rows), 3, page)
        self.licences.setHorizontalHeaderLabels([_("Onderdeel"), _("Licentie"), _("Licentietekst of bron")])
        self.licences.setAccessibleName(_("Licenties"))
        self.licences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licences.verticalHeader().setVisible(False)
        self.licences.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.licences.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.licences.setWordWrap(True)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.licences.setItem(row, column, QTableWidgetItem(text))
        label = QLabel(_("Onderdelen die Schrijfhulp meelevert"), page)
        label.setBuddy(self.licences)
        layout.addWidget(label)
        layout.addWidget(self.licences)
        where = _(
            "De licentieteksten staan in de map van Schrijfhulp ({folder}): onder resources/ bij de woordenboeken "
            "en woordenlijsten, de overige in de map LICENSES."
        ).format(folder=paths.app_root())
        layout.addWidget(text_label(where, page))
        return page


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def no_key_store_text() -> str:
    """What a computer without a key store means for the user (said once: first-run screen, About)."""
    return _(
        "Deze computer heeft geen beveiligde sleutelopslag. Schrijfhulp bewaart daarom niets versleuteld en "
        "houdt geen logboek bij. Wel onthoudt het uw beslissingen (zonder tekst uit het document), zodat u na "
        "een storing verder kunt; herschrijvingen door het taalmodel moet u dan opnieuw laten maken."
    )


class FirstRunDialog(QDialog):
    """The first-run screen on responsible use, "Mijn naam" for the AI disclosure, and (on a computer
    without a key store) what is kept; "Ik begrijp het" records the acknowledgement and the name.

    Pass the main window's ``state`` so its later saves keep the acknowledgement; without it the
    state is read from disk. Pass ``settings`` to ask for "Mijn naam" (stored as ``user_name`` when it
    differs from the name the system knows). Closing the dialog otherwise (Esc) records nothing.
    """

    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None, *, state: UserState | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self.setWindowTitle(_("Verantwoord gebruik van Schrijfhulp"))
        intro = text_label(_("Voordat u begint: Schrijfhulp is een hulpmiddel, geen vervanging van uw oordeel."))
        points = [
            _("Het taalmodel kan fouten maken: het kan een zin verkeerd begrijpen of iets weglaten."),
            _("U blijft verantwoordelijk voor de tekst. Niets wordt toegepast zonder dat u het accepteert."),
            _(
                "Controleer de feiten: bedragen, datums, termijnen, namen en artikelen. Schrijfhulp bewaakt ze, "
                "maar lees zelf mee."
            ),
            _("Er verlaat niets deze computer: geen internet, geen telemetrie, geen downloads terwijl u werkt."),
            _("Uw organisatie kan een AI-vermelding vragen in documenten waaraan het taalmodel meeschreef."),
        ]
        _store, safe = credential_store()
        if not safe and not (settings is not None and settings.privacy.allow_unsafe_store):
            points.append(no_key_store_text())
        self.points = text_label(_bullets(points))
        self.points.setTextFormat(Qt.TextFormat.RichText)
        self.points.setAccessibleName(_("Verantwoord gebruik"))
        self.points.setAccessibleDescription(" ".join(points))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Mijn naam"))
        self.name.setPlaceholderText(_("Voornaam en achternaam"))
        self._system_name = system_full_name() or ""
        self.name.setText((settings.user_name if settings is not None else "") or self._system_name)
        name_row = QFormLayout()
        name_label = QLabel(_("&Mijn naam:"), self)
        name_label.setBuddy(self.name)
        name_row.addRow(name_label, self.name)
        name_help = text_label(_("Zo staat u in de AI-vermelding, als uw organisatie die vraagt. U kunt dit later "
                                 "wijzigen onder Instellingen."))
        self.name.setVisible(settings is not None)
        name_label.setVisible(settings is not None)
        name_help.setVisible(settings is not None)
        self.understood = QPushButton(_("Ik begrijp het"), self)
        self.understood.setDefault(True)
        self.understood.setAccessibleName(_("Ik begrijp het"))
        self.understood.clicked.connect(self.acknowledge)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.understood, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.points)
        layout.addLayout(name_row)
        layout.addWidget(name_help)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(600, 420)

    def acknowledge(self) -> None:
        """Record "verantwoord-gebruik-v1" in the user state and "Mijn naam" in the settings, emit
        ``acknowledged`` and close."""
        name = " ".join(self.name.text().split())
        settings = self.settings
        state = self.state if self.state is not None else load_state()
        if RESPONSIBLE_USE not in state.acknowledged:
            state.acknowledged.append(RESPONSIBLE_USE)
        try:
            if settings is not None and name != (settings.user_name or self._system_name):
                # The name the system knows is not stored: it follows the system when that changes.
                settings.set_user_value("user_name", "" if name == self._system_name else name)
            save_state(state)
        except (OSError, LockedSettingError) as exc:
            # The user may work on; only the next start cannot know this screen was read.
            open_message(self.parentWidget(), _("Niet bewaard"),
                         _("Uw keuze kon niet worden bewaard ({reason}); dit scherm komt bij de volgende start "
                           "terug.").format(reason=getattr(exc, "strerror", None) or exc),
                         QMessageBox.Icon.Warning)
        self.acknowledged.emit()
        self.accept()
