"""The "Nieuwe brief" dialog: pick a template, fill its fields, write an instruction, pick standard
paragraphs, and let the drafting core write the letter in the background.

The form is generated from the template's sidecar (and grows with the fields the chosen standard
paragraphs need). "Concept maken" checks the request with the core and shows every problem in the
dialog itself; the drafting runs through :class:`desktop.ui.workers.Workers` (on the one model
thread when a model is given) and reports progress here. When the draft is written the dialog
emits ``drafted(path)``, which the main window opens for review, and shows what happened to every
slot. Nothing here blocks: the file chooser opens with ``open()``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.analysis import LanguageTools, Progress
from desktop.core.document.reader import DocumentError
from desktop.core.drafting.bouwstenen import Bouwsteen, BouwsteenError, load_bouwstenen
from desktop.core.drafting.draft import DraftError, DraftRequest, DraftResult, run_draft
from desktop.core.drafting.templates import MULTILINE_TYPES, FieldSpec, Template, dutch_date, load_templates, type_label
from desktop.core.i18n import _
from desktop.core.model.engine import Engine, EngineError
from desktop.core.policy.settings import Settings
from desktop.core.saving import SaveBlockedError
from desktop.ui.workers import Lane, Workers

LANE = Lane("concept")
_EXPECTED_ERRORS = (DraftError, SaveBlockedError, DocumentError, EngineError, BouwsteenError)
_INVALID = "border: 1px solid #b00020;"
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def default_folder() -> Path:
    """The user's documents folder (the home folder when the platform has none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def free_name(folder: Path, stem: str) -> Path:
    """``folder/stem.docx``, or with " (2)", " (3)", ... when that file already exists."""
    stem = _UNSAFE.sub("-", stem).strip() or _("Concept")
    candidate = folder / f"{stem}.docx"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}).docx"
        number += 1
    return candidate


class DraftDialog(QDialog):
    """Non-blocking dialog for a new letter from a template; emits ``drafted(path)`` when written.

    ``workers`` should be the main window's, so model work runs on its one model thread; without
    them the dialog keeps its own. ``engine`` is the loaded model, or None (the free text then
    stays open). ``tools`` are the loaded language tools for the guards (loaded in the background
    when None). ``folder`` is where drafts go by default (the documents folder when None).
    """

    drafted = Signal(Path)

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        workers: Workers | None = None,
        engine: Engine | None = None,
        tools: LanguageTools | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nieuwe brief"))
        self.settings, self.engine, self.tools = settings, engine, tools
        self.folder = folder or default_folder()
        self._own_workers = workers is None
        self.workers = workers or Workers(self)
        self.templates = load_templates()
        self.bouwstenen = load_bouwstenen()
        self.draft: DraftResult | None = None
        self._inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._typed: dict[str, str] = {}
        self._chosen: list[str] = []
        self._template: Template | None = None
        self._build()
        self._show_templates("")

    # -- layout ------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.template_search = QLineEdit(self)
        self.template_search.setPlaceholderText(_("Zoek een sjabloon"))
        self.template_search.setAccessibleName(_("Zoek een sjabloon"))
        self.template_search.textChanged.connect(self._show_templates)
        self.template_list = QListWidget(self)
        self.template_list.setAccessibleName(_("Sjablonen"))
        self.template_list.setWordWrap(True)
        self.template_list.currentItemChanged.connect(self._on_template)
        self.description = QLabel("", self)
        self.description.setWordWrap(True)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        heading = QLabel(_("&Sjabloon:"), left)
        heading.setBuddy(self.template_search)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.template_search)
        left_layout.addWidget(self.template_list, 1)
        left_layout.addWidget(self.description)
        problems = [*self.templates.problems, *self.bouwstenen.problems]
        if problems:
            warning = QLabel("\n".join(problems), left)
            warning.setWordWrap(True)
            warning.setAccessibleName(_("Problemen met sjablonen of standaardteksten"))
            left_layout.addWidget(warning)

        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long Dutch labels above their field
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_widget)
        fields_box = QGroupBox(_("Gegevens"), self)
        QVBoxLayout(fields_box).addWidget(scroll)

        self.instruction = QPlainTextEdit(self)
        self.instruction.setAccessibleName(_("Opdracht voor het taalmodel"))
        self.instruction.setPlaceholderText(
            _("Bijvoorbeeld: weiger: het inkomen ligt boven de grens van de verordening")
        )
        self.instruction.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.bouwsteen_search = QLineEdit(self)
        self.bouwsteen_search.setPlaceholderText(_("Zoek een standaardtekst"))
        self.bouwsteen_search.setAccessibleName(_("Zoek een standaardtekst"))
        self.bouwsteen_search.textChanged.connect(self._show_bouwstenen)
        self.bouwsteen_list = QListWidget(self)
        self.bouwsteen_list.setAccessibleName(_("Standaardteksten"))
        self.bouwsteen_list.itemChanged.connect(self._on_bouwsteen_checked)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(_("Opdracht voor het taalmodel (in gewone woorden):"), right))
        right_layout.addWidget(self.instruction)
        right_layout.addWidget(QLabel(_("Standaardteksten (worden ingevoegd en zijn bron voor het taalmodel):"), right))
        right_layout.addWidget(self.bouwsteen_search)
        right_layout.addWidget(self.bouwsteen_list, 1)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(fields_box)
        splitter.addWidget(right)
        splitter.setSizes([260, 480, 360])

        self.target = QLineEdit(self)
        self.target.setAccessibleName(_("Opslaan als"))
        browse = QPushButton(_("&Bladeren…"), self)
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(_("Opslaan als:"), self))
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)

        if self.engine is not None:
            model = _("Taalmodel: {name} (alles op deze computer).").format(name=self.engine.info.name)
        else:
            model = _("Geen taalmodel geladen: de vrije tekst blijft open, u schrijft die zelf.")
        self.model_note = QLabel(model, self)
        self.model_note.setWordWrap(True)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Melding"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.make = self.buttons.addButton(_("&Concept maken"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.make.setDefault(True)
        self.close_button = self.buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.make.clicked.connect(self.start)
        self.close_button.clicked.connect(self._cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(target_row)
        layout.addWidget(self.model_note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1180, 680)

    # -- templates ---------------------------------------------------------------------------------

    def _show_templates(self, query: str) -> None:
        current = self._template.name if self._template is not None else None
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for template in self.templates.search(query):
            origin = _(" (organisatie)") if template.origin == "organisatie" else ""
            item = QListWidgetItem(f"{template.title}{origin}", self.template_list)
            item.setData(Qt.ItemDataRole.UserRole, template.name)
            item.setToolTip(template.description)
            if template.name == current:
                self.template_list.setCurrentItem(item)
        self.template_list.blockSignals(False)
        if self.template_list.currentItem() is None and self.template_list.count():
            self.template_list.setCurrentRow(0)

    def _on_template(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        template = self.templates.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if self._template is not None and template.name == self._template.name:
            return
        self._template = template
        self.description.setText(template.description)
        self._chosen = []
        self._show_bouwstenen(self.bouwsteen_search.text())
        self._build_form()
        self.target.setText(str(free_name(self.folder, _("Concept {name}").format(name=template.name))))
        self.status.clear()

    def select_template(self, name: str) -> None:
        """Make ``name`` the chosen template (also clears a search that hides it)."""
        self.template_search.clear()
        for row in range(self.template_list.count()):
            if self.template_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.template_list.setCurrentRow(row)
                return
        raise KeyError(name)

    # -- the form ----------------------------------------------------------------------------------

    def _request(self) -> DraftRequest:
        assert self._template is not None
        chosen = tuple(self.bouwstenen.get(item) for item in self._chosen)
        values = {key: self._value(widget) for key, widget in self._inputs.items()}
        return DraftRequest(self._template, values, self.instruction.toPlainText(), chosen)

    @staticmethod
    def _value(widget: QLineEdit | QPlainTextEdit) -> str:
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def _build_form(self) -> None:
        """(Re)build the form for the template and the chosen standard paragraphs, keeping typed values."""
        self._typed.update({key: self._value(widget) for key, widget in self._inputs.items()})
        while self.form.rowCount():
            self.form.removeRow(0)
        self._inputs = {}
        if self._template is None:
            return
        chosen = tuple(self.bouwstenen.get(item) for item in self._chosen)
        for spec in DraftRequest(self._template, {}, "", chosen).fields():
            widget = self._input(spec)
            label = f"{spec.label} *" if spec.required else spec.label
            self.form.addRow(label, widget)
            self._inputs[spec.key] = widget

    def _input(self, spec: FieldSpec) -> QLineEdit | QPlainTextEdit:
        typed = self._typed.get(spec.key)
        if typed is None and spec.type == "date" and spec.key == "datum":
            typed = dutch_date(date.today())  # the letter's own date: today, unless the user changes it
        widget: QLineEdit | QPlainTextEdit
        if spec.type in MULTILINE_TYPES:
            widget = QPlainTextEdit(typed or "", self.form_widget)
            widget.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
            widget.setTabChangesFocus(True)
        else:
            widget = QLineEdit(typed or "", self.form_widget)
        if spec.example:
            widget.setPlaceholderText(_("bijv. {example}").format(example=spec.example))
        widget.setAccessibleName(spec.label)
        widget.setAccessibleDescription(type_label(spec.type))
        if spec.help:
            widget.setToolTip(spec.help)
        return widget

    def set_values(self, values: dict[str, str]) -> None:
        """Fill the form (for callers that already know values, and tests)."""
        for key, value in values.items():
            widget = self._inputs[key]
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)

    # -- standard paragraphs -----------------------------------------------------------------------

    def _show_bouwstenen(self, query: str) -> None:
        suggested = [key for slot in self._template.slots for key in slot.bouwstenen] if self._template else []
        found = self.bouwstenen.search(query)
        # The template's suggestions first, in its order; then the rest in search order.
        found.sort(key=lambda item: suggested.index(item.id) if item.id in suggested else len(suggested))
        self.bouwsteen_list.blockSignals(True)
        self.bouwsteen_list.clear()
        for item in found:
            self._bouwsteen_item(item, item.id in suggested)
        self.bouwsteen_list.blockSignals(False)

    def _bouwsteen_item(self, bouwsteen: Bouwsteen, suggested: bool) -> None:
        title = bouwsteen.title + (_(" (aanbevolen)") if suggested else "")
        item = QListWidgetItem(title, self.bouwsteen_list)
        item.setData(Qt.ItemDataRole.UserRole, bouwsteen.id)
        item.setToolTip(bouwsteen.text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = bouwsteen.id in self._chosen
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _on_bouwsteen_checked(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked and key not in self._chosen:
            self._chosen.append(key)
        elif item.checkState() != Qt.CheckState.Checked and key in self._chosen:
            self._chosen.remove(key)
        self._build_form()

    def choose_bouwsteen(self, bouwsteen_id: str, chosen: bool = True) -> None:
        """Tick (or untick) a standard paragraph, also when the search hides it."""
        for row in range(self.bouwsteen_list.count()):
            item = self.bouwsteen_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == bouwsteen_id:
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                return
        self.bouwsteen_search.clear()
        self.choose_bouwsteen(bouwsteen_id, chosen)

    # -- the target file ---------------------------------------------------------------------------

    def _browse(self) -> None:
        chooser = QFileDialog(self, _("Opslaan als"), self.target.text(), _("Word-documenten (*.docx)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("docx")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.target.setText)
        chooser.open()

    # -- drafting ----------------------------------------------------------------------------------

    def _mark_problems(self, problems: dict[str, str]) -> None:
        for key, widget in self._inputs.items():
            widget.setStyleSheet(_INVALID if key in problems else "")
            widget.setToolTip(problems.get(key, ""))

    def start(self) -> None:
        """Check the request and start drafting, or show in the dialog what is wrong."""
        if self._template is None or self.workers.is_running(LANE):
            return
        request = self._request()
        by_field = request.field_problems()
        self._mark_problems(by_field)
        values = request.normalised()
        empty = [spec.label for spec in request.fields() if spec.required and not values[spec.key]]
        problems = [_("Vul nog in: {labels}.").format(labels=", ".join(empty))] if empty else []
        problems += [p for key, p in by_field.items() if not (key in values and not values[key])]
        problems += [p for p in request.problems() if p not in by_field.values()]
        target = Path(self.target.text().strip()).expanduser()
        if not target.name.lower().endswith(".docx"):
            problems.append(_("Kies een bestandsnaam die eindigt op .docx."))
        elif target.exists():
            problems.append(_("{name} bestaat al; kies een andere naam.").format(name=target.name))
        if problems:
            self.status.setText("\n".join(problems))
            return
        settings, engine, tools = self.settings, self.engine, self.tools

        def work(cancel: threading.Event) -> Iterator[Progress | DraftResult]:
            context = (tools or LanguageTools.from_settings(settings)).guard_context(settings)
            yield from run_draft(request, target, settings, context, engine, cancel)

        self.draft = None
        self._busy(True)
        self.status.setText(_("Bezig met het concept…"))
        self.workers.stream(LANE, work, self._on_item, self._on_finished, self._on_failed, model=engine is not None)

    def _busy(self, busy: bool) -> None:
        for widget in (self.template_list, self.template_search, self.form_widget, self.instruction,
                       self.bouwsteen_list, self.bouwsteen_search, self.target, self.make):
            widget.setEnabled(not busy)
        self.close_button.setText(_("Annuleren") if busy or self.draft is None else _("Sluiten"))

    def _cancel_or_close(self) -> None:
        if self.workers.is_running(LANE):
            self.workers.cancel(LANE)
            self._busy(False)
            self.status.setText(_("Geannuleerd: er is geen concept gemaakt."))
        else:
            self.reject()

    def _on_item(self, item: Progress | DraftResult) -> None:
        if isinstance(item, Progress):
            count = f" ({item.done + 1}/{item.total})" if item.done < item.total else ""
            self.status.setText(f"{item.stage}{count}…")
        else:
            self.draft = item

    def _on_finished(self) -> None:
        self._busy(False)
        if self.draft is None:
            self.status.setText(_("Geannuleerd: er is geen concept gemaakt."))
            return
        self.status.setText("\n".join(self.draft.summary()))
        self.close_button.setText(_("Sluiten"))
        self.drafted.emit(self.draft.path)

    def _on_failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, _EXPECTED_ERRORS):
            self.status.setText(str(error))
        else:
            self.status.setText(_("Het concept kon niet worden gemaakt: {error}").format(error=error))

    def done(self, result: int) -> None:
        """Closing stops a draft that is still running (its late results are dropped)."""
        self.workers.cancel(LANE)
        if self._own_workers:
            self.workers.shutdown()
        super().done(result)
