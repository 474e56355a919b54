"""The team-lead editor: disclosure and privacy defaults for the team, exported as a file for IT.

A thin layer over :mod:`desktop.core.policy.policy_files`: the team lead chooses values (and which to
lock), sees the disclosure on the shipped sample decision where a saved document would get it,
and exports a defaults file (values users may change) or a policy file (locked values). Importing
an existing file first shows what it changes compared with the current effective settings. The
editor never changes the team lead's own settings.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core import paths
from desktop.core.i18n import _
from desktop.core.model.catalog import ModelError
from desktop.core.policy.disclosure import ModelUse, render_text
from desktop.core.policy.policy_files import (
    TEAM_LEAD_KEYS,
    TEMPLATE_KEYS,
    FileKind,
    ImportedFile,
    PolicyFileError,
    SampleLayout,
    TeamChoices,
    changes,
    check_value,
    display_value,
    layer_label,
    organisation_choices,
    preview_model,
    preview_settings,
    read_file,
    write_file,
)
from desktop.core.policy.settings import BY_KEY, Settings, SettingsProblem, load_settings
from desktop.ui.dialogs import (
    control_value,
    make_control,
    on_control_changed,
    open_message,
    set_control_value,
    text_label,
    warning_frame,
)

PREVIEW_DELAY_MS = 250
ANCHOR = "vermelding"


def _problem_lines(problems: list[SettingsProblem]) -> list[str]:
    return [
        _("{file} — {key}: {reason}").format(file=p.source, key=p.key or _("hele bestand"), reason=p.reason)
        for p in problems
    ]


def kind_text(kind: FileKind) -> str:
    """What a file of ``kind`` does, in Dutch."""
    if kind is FileKind.POLICY:
        return _("beleid (policy.toml): de waarden worden vergrendeld")
    return _("standaardinstellingen (defaults.toml): gebruikers kunnen de waarden aanpassen")


class ImportPreviewDialog(QDialog):
    """What an imported file changes compared with the current effective settings; apply or cancel."""

    def __init__(self, settings: Settings, imported: ImportedFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imported = imported
        self.changes = changes(settings, imported)
        self.setWindowTitle(_("Bestand importeren"))
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(_("Bestand: {path}").format(path=imported.path), self))
        layout.addWidget(text_label(_("Gelezen als {kind}.").format(kind=kind_text(imported.kind)), self))
        if imported.problems:
            frame, label = warning_frame(self, _("Problemen in het bestand"))
            label.setText("\n".join([_("Deze waarden worden niet overgenomen:"), *_problem_lines(imported.problems)]))
            frame.setVisible(True)
            layout.addWidget(frame)

        self.table = QTableWidget(len(self.changes), 3, self)
        self.table.setHorizontalHeaderLabels([_("Instelling"), _("Huidig"), _("Nieuw")])
        self.table.setAccessibleName(_("Wijzigingen ten opzichte van de huidige instellingen"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for row, change in enumerate(self.changes):
            current = _("{value} ({layer})").format(
                value=display_value(change.key, change.current), layer=layer_label(change.origin)
            )
            if change.locked_now:
                current += " — " + _("vergrendeld")
            new = display_value(change.key, change.new)
            if change.locks:
                new += " — " + _("vergrendeld")
            description = _("{description} ({key})").format(
                description=_(BY_KEY[change.key].description), key=change.key
            )
            for column, text in enumerate((description, current, new)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        label = QLabel(_("Wat dit bestand verandert ten opzichte van de huidige instellingen:"), self)
        label.setWordWrap(True)
        label.setBuddy(self.table)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        unchanged = len(imported.values) - len(self.changes)
        if not self.changes:
            summary = _("Dit bestand verandert niets aan de huidige instellingen.")
        else:
            summary = _("{changed} gewijzigd, {unchanged} gelijk aan de huidige instellingen.").format(
                changed=len(self.changes), unchanged=unchanged
            )
        self.summary = text_label(summary, self)
        layout.addWidget(self.summary)

        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(_("Overnemen in de editor"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 440)


class TeamLeadDialog(QDialog):
    """Set the team's disclosure and privacy defaults, preview them, and export them for IT."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Instellingen voor uw team"))
        self.settings = load_settings()
        self.controls: dict[str, QWidget] = {}
        self.locks: dict[str, QCheckBox] = {}
        self.template_status: dict[str, QLabel] = {}
        self.extras: dict[str, Any] = {}
        self.extra_locks: frozenset[str] = frozenset()
        self.last_message: QMessageBox | None = None
        self.import_preview: ImportPreviewDialog | None = None
        self._layout = SampleLayout()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)

        start, problems = organisation_choices()
        try:
            self.model = preview_model()
        except ModelError as exc:
            self.model = ModelUse()
            problems.append(SettingsProblem(str(paths.shipped_manifest_path()), "", str(exc)))
        self.problems_frame, self.problems_label = warning_frame(self, _("Problemen in de huidige bestanden"))
        if problems:
            self.problems_label.setText(
                "\n".join([_("Problemen in de huidige bestanden van uw organisatie:"), *_problem_lines(problems)])
            )
            self.problems_frame.setVisible(True)

        intro = text_label(
            _(
                "Kies de AI-vermelding en de privacy-instellingen voor uw team. Exporteer ze als "
                "standaardinstellingen (gebruikers kunnen ze aanpassen) of als beleid (vergrendeld); uw "
                "IT-afdeling plaatst het bestand op alle computers. Uw eigen instellingen veranderen hier niet."
            ),
            self,
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._editor(start))
        splitter.addWidget(self._preview_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.import_button = QPushButton(_("Bestand importeren…"), self)
        self.import_button.setAccessibleName(_("Een bestaand defaults- of policy-bestand importeren"))
        self.import_button.clicked.connect(self.choose_import)
        self.export_defaults_button = QPushButton(_("Standaardinstellingen exporteren…"), self)
        self.export_defaults_button.setAccessibleName(_("Exporteren als standaardinstellingen (defaults.toml)"))
        self.export_defaults_button.clicked.connect(lambda: self.choose_export(FileKind.DEFAULTS))
        self.export_policy_button = QPushButton(_("Beleid exporteren…"), self)
        self.export_policy_button.setAccessibleName(_("De vergrendelde waarden exporteren als beleid (policy.toml)"))
        self.export_policy_button.clicked.connect(lambda: self.choose_export(FileKind.POLICY))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_defaults_button)
        actions.addWidget(self.export_policy_button)
        actions.addStretch(1)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problems_frame)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self.resize(1100, 720)
        self.apply_choices(start)

    # -- building -------------------------------------------------------------------------------

    def _editor(self, start: TeamChoices) -> QWidget:
        content = QWidget(self)
        grid = QGridLayout(content)
        grid.setColumnStretch(1, 1)
        for row, key in enumerate(TEAM_LEAD_KEYS):
            setting = BY_KEY[key]
            control = make_control(setting, start.values[key], content)
            label = QLabel(_(setting.description), content)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setBuddy(control)
            label.setToolTip(key)
            lock = QCheckBox(_("Vergrendelen"), content)
            lock.setAccessibleName(_("Vergrendelen: {description}").format(description=_(setting.description)))
            lock.setEnabled(setting.lockable)
            field = QWidget(content)
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(control)
            if key in TEMPLATE_KEYS:
                status = text_label("", field)
                status.setAccessibleName(_("Controle van de tekst"))
                column.addWidget(status)
                self.template_status[key] = status
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(lock, row, 2, Qt.AlignmentFlag.AlignTop)
            on_control_changed(control, self._changed)
            lock.toggled.connect(self._changed)
            self.controls[key] = control
            self.locks[key] = lock
        self.extras_label = QLabel(
            _("Andere instellingen uit de bestanden van uw organisatie (worden ongewijzigd mee geëxporteerd):"),
            content,
        )
        self.extras_label.setWordWrap(True)
        self.extras_list = QListWidget(content)
        self.extras_list.setAccessibleName(_("Andere instellingen"))
        self.extras_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.extras_label.setBuddy(self.extras_list)
        row = len(TEAM_LEAD_KEYS)
        grid.addWidget(self.extras_label, row, 0, 1, 3)
        grid.addWidget(self.extras_list, row + 1, 0, 1, 3)
        grid.setRowStretch(row + 2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        return scroll

    def _preview_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QTextBrowser(pane)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(_("Voorbeeld van de AI-vermelding op het voorbeeldbesluit"))
        label = QLabel(_("Voorbeeld op het voorbeeldbesluit"), pane)
        label.setBuddy(self.preview)
        self.when_label = text_label("", pane)
        layout.addWidget(label)
        layout.addWidget(self.when_label)
        layout.addWidget(self.preview, 1)
        return pane

    # -- the choices ----------------------------------------------------------------------------

    def choices(self) -> TeamChoices:
        """What the editor holds now: the team-lead settings, the other imported values, the locks."""
        values = {**self.extras, **{key: control_value(control) for key, control in self.controls.items()}}
        locked = {key for key, lock in self.locks.items() if lock.isChecked()} | self.extra_locks
        return TeamChoices(values, frozenset(locked))

    def apply_choices(self, choices: TeamChoices) -> None:
        """Show ``choices`` in the editor (after start-up or an import)."""
        for key, control in self.controls.items():
            set_control_value(control, choices.values[key])
            self.locks[key].setChecked(key in choices.locked)
        self.extras = {key: value for key, value in choices.values.items() if key not in self.controls}
        self.extra_locks = frozenset(key for key in choices.locked if key not in self.controls)
        self.extras_list.clear()
        for key, value in self.extras.items():
            text = _("{description} ({key}): {value}").format(
                description=_(BY_KEY[key].description), key=key, value=display_value(key, value)
            )
            if key in self.extra_locks:
                text += " — " + _("vergrendeld")
            self.extras_list.addItem(text)
        self.extras_label.setVisible(bool(self.extras))
        self.extras_list.setVisible(bool(self.extras))
        self._preview_timer.stop()
        self.update_preview()

    def _changed(self) -> None:
        self._preview_timer.start()

    # -- preview --------------------------------------------------------------------------------

    def _check_templates(self) -> bool:
        valid = True
        for key, status in self.template_status.items():
            try:
                check_value(key, control_value(self.controls[key]))
            except ValueError as exc:
                status.setText(_("Fout: {reason}").format(reason=exc))
                valid = False
            else:
                status.setText(_("In orde: alleen bekende plaatshouders."))
        return valid

    def update_preview(self) -> None:
        """Check the templates and show the disclosure on the sample decision where it would go."""
        valid = self._check_templates()
        chosen = preview_settings(self.settings, self.choices())
        when, placement = chosen.disclosure.when, chosen.disclosure.placement
        self.when_label.setText(
            _("Wanneer: {when}. Plaats: {placement}.").format(
                when=display_value("disclosure.when", when),
                placement=display_value("disclosure.placement", placement),
            )
        )
        if not valid:
            self.preview.setHtml(
                "<p>" + html.escape(_("Geen voorbeeld: de tekst van de AI-vermelding bevat een fout.")) + "</p>"
            )
            return
        text = render_text(chosen, self.model, datetime.now())
        paragraphs = self._layout.paragraphs(placement, text)
        parts = []
        if when == "never":
            never = _("Met ‘nooit’ komt er geen AI-vermelding in documenten.")
            parts.append(f"<p><b>{html.escape(never)}</b></p>")
        footer_started = False
        for paragraph in paragraphs:
            if paragraph.disclosure and when == "never":
                continue
            if paragraph.footer and not footer_started:
                footer_started = True
                footer = _("Voettekst (onderaan elke pagina):")
                parts.append(f"<hr><p><b>{html.escape(footer)}</b></p>")
            if paragraph.disclosure:
                marker = html.escape(_("[AI-vermelding]"))
                parts.append(f'<p><a name="{ANCHOR}"></a><b>{marker}</b> <i>{html.escape(paragraph.text)}</i></p>')
            else:
                parts.append(f"<p>{html.escape(paragraph.text)}</p>")
        self.preview.setHtml("".join(parts))
        self.preview.scrollToAnchor(ANCHOR)

    # -- export ---------------------------------------------------------------------------------

    def choose_export(self, kind: FileKind) -> QFileDialog:
        """Ask where to save the file (non-blocking); the choice runs :meth:`export_file`."""
        title = _("Beleid exporteren") if kind is FileKind.POLICY else _("Standaardinstellingen exporteren")
        chooser = QFileDialog(self, title, str(Path.home()), _("TOML-bestanden (*.toml)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("toml")
        chooser.selectFile(kind.file_name)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.export_file(kind, Path(name)))
        chooser.open()
        return chooser

    def export_file(self, kind: FileKind, target: Path) -> Path | None:
        """Write the defaults or policy file to ``target``; None (and a message saying why) when refused."""
        title = _("Exporteren")
        try:
            written = write_file(self.choices(), kind, target, datetime.now())
        except PolicyFileError as exc:
            text = _("Het bestand is niet gemaakt:\n{reason}").format(reason=exc)
            self.last_message = open_message(self, title, text, QMessageBox.Icon.Warning)
            return None
        except OSError as exc:
            text = _("Het bestand kan niet worden opgeslagen in {path}: {error}").format(path=target, error=exc)
            self.last_message = open_message(self, title, text, QMessageBox.Icon.Warning)
            return None
        text = _(
            "Opgeslagen in {path}. Geef dit bestand aan uw IT-afdeling: zij plaatsen het als {name} in "
            "{folder} op de computers van uw team."
        ).format(path=written, name=kind.file_name, folder=paths.machine_config_dir())
        self.last_message = open_message(self, title, text)
        return written

    # -- import ---------------------------------------------------------------------------------

    def choose_import(self) -> QFileDialog:
        """Ask for a defaults or policy file (non-blocking); the choice runs :meth:`import_file`."""
        chooser = QFileDialog(self, _("Bestand importeren"), str(Path.home()), _("TOML-bestanden (*.toml)"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.import_file(Path(name)))
        chooser.open()
        return chooser

    def import_file(self, path: Path) -> ImportPreviewDialog:
        """Read ``path`` and show (non-blocking) what it changes; "Overnemen" puts it in the editor."""
        imported = read_file(path)
        preview = ImportPreviewDialog(self.settings, imported, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.accepted.connect(lambda: self.apply_choices(self.choices().merged(imported)))
        preview.open()
        self.import_preview = preview
        return preview
