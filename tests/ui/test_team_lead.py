"""The team-lead editor: live preview on the sample decision, exports that load as intended, import with a diff."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.core import paths
from desktop.core.policy.policy_files import TEAM_LEAD_KEYS, FileKind
from desktop.core.policy.settings import BY_KEY, Layer, load_settings
from desktop.ui.dialogs import control_value, set_control_value
from desktop.ui.team_lead import TeamLeadDialog

pytestmark = pytest.mark.ui

TEMPLATE = "Opgesteld met hulp van {tool} ({model}) door {user} van {organisation}, {date}."


@pytest.fixture
def editor(qtbot) -> TeamLeadDialog:
    dialog = TeamLeadDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(editor: TeamLeadDialog, values: dict, locked: set[str] = frozenset()) -> None:
    for key, value in values.items():
        set_control_value(editor.controls[key], value)
    for key, lock in editor.locks.items():
        lock.setChecked(key in locked)
    editor.update_preview()


def _labels(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def _preview_lines(editor: TeamLeadDialog) -> list[str]:
    return [line for line in editor.preview.toPlainText().splitlines() if line.strip()]


def test_the_editor_starts_at_the_builtin_defaults_and_previews_the_disclosure(editor: TeamLeadDialog) -> None:
    for key in TEAM_LEAD_KEYS:
        assert control_value(editor.controls[key]) == BY_KEY[key].default
        assert not editor.locks[key].isChecked() and editor.locks[key].isEnabled()
        assert editor.controls[key].accessibleName() == BY_KEY[key].description
    lines = _preview_lines(editor)
    assert lines[0] == "Toekenning invalidenparkeerplaats Raadhuisplein Dinteloord"
    assert lines[-1].startswith("[AI-vermelding] Bij het schrijven van deze tekst is een AI-hulpmiddel gebruikt")
    assert "model Qwen2.5-Coder 1.5B Instruct" in lines[-1]
    assert editor.when_label.text() == (
        "Wanneer: alleen als het taalmodel tekst schreef. Plaats: aan het eind van het document."
    )
    assert editor.extras_list.isHidden()


def test_the_preview_follows_the_placement_and_the_template_live(qtbot, editor: TeamLeadDialog) -> None:
    editor.controls["disclosure.text_nl"].setPlainText(TEMPLATE)
    editor.controls["disclosure.placement"].setCurrentIndex(1)  # footer
    qtbot.waitUntil(lambda: "Voettekst (onderaan elke pagina):" in editor.preview.toPlainText())
    lines = _preview_lines(editor)
    footer = lines.index("Voettekst (onderaan elke pagina):")
    assert lines[footer - 1].startswith("2 onder het verkeersbord")
    assert lines[footer + 1].startswith("[AI-vermelding] Opgesteld met hulp van Schrijfhulp")
    set_control_value(editor.controls["disclosure.placement"], "first_page_note")
    editor.update_preview()
    lines = _preview_lines(editor)
    assert lines[0].startswith("[AI-vermelding] Opgesteld met hulp van")
    assert lines[1] == "Toekenning invalidenparkeerplaats Raadhuisplein Dinteloord"
    set_control_value(editor.controls["disclosure.text_language"], "en")
    editor.update_preview()
    assert _preview_lines(editor)[0].startswith("[AI-vermelding] An AI tool was used in writing this text")
    set_control_value(editor.controls["disclosure.when"], "never")
    editor.update_preview()
    lines = _preview_lines(editor)
    assert lines[0] == "Met ‘nooit’ komt er geen AI-vermelding in documenten."
    assert not any(line.startswith("[AI-vermelding]") for line in lines)


def test_a_template_error_is_shown_and_blocks_the_export(editor: TeamLeadDialog) -> None:
    editor.controls["disclosure.text_en"].setPlainText("Written by {author} on {date}.")
    editor.update_preview()
    assert editor.template_status["disclosure.text_en"].text().startswith(
        "Fout: Onbekende plaatshouder in de AI-vermelding: author."
    )
    assert editor.template_status["disclosure.text_nl"].text() == "In orde: alleen bekende plaatshouders."
    assert _preview_lines(editor) == ["Geen voorbeeld: de tekst van de AI-vermelding bevat een fout."]
    target = paths.machine_config_dir() / "defaults.toml"
    assert editor.export_file(FileKind.DEFAULTS, target) is None
    assert not target.exists()
    assert "disclosure.text_en" in editor.last_message.text() and "author" in editor.last_message.text()


def test_an_exported_policy_loads_with_exactly_the_locked_values(editor: TeamLeadDialog) -> None:
    _choose(
        editor,
        {"disclosure.when": "always", "disclosure.text_nl": TEMPLATE, "privacy.retention_days": 14,
         "disclosure.user_may_edit": False, "disclosure.placement": "footer"},
        locked={"disclosure.when", "disclosure.text_nl", "privacy.retention_days", "disclosure.user_may_edit"},
    )
    target = paths.machine_config_dir() / "policy.toml"
    assert editor.export_file(FileKind.POLICY, target) == target
    assert "policy.toml" in editor.last_message.text() and "IT-afdeling" in editor.last_message.text()
    settings = load_settings(registry=dict)
    assert not settings.problems and not settings.policy_invalid
    assert settings.locked == {"disclosure.when", "disclosure.text_nl", "privacy.retention_days",
                               "disclosure.user_may_edit"}
    assert (settings.disclosure.when, settings.disclosure.text_nl) == ("always", TEMPLATE)
    assert (settings.privacy.retention_days, settings.disclosure.user_may_edit) == (14, False)
    assert settings.origin("disclosure.placement") is Layer.BUILTIN  # not locked: not in the policy file
    assert not (paths.user_config_dir() / "settings.toml").exists()  # the editor never changes own settings


def test_exported_defaults_load_as_organisation_defaults(qtbot, editor: TeamLeadDialog, tmp_path: Path) -> None:
    _choose(editor, {"disclosure.when": "always", "privacy.audit_file_name": "name"}, locked={"disclosure.when"})
    chooser = editor.choose_export(FileKind.DEFAULTS)
    assert chooser.isVisible()
    target = tmp_path / "voor-it" / "defaults"
    target.parent.mkdir()
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(target))
    chooser.accept()
    written = target.with_suffix(".toml")
    assert tomllib.loads(written.read_text(encoding="utf-8"))["disclosure"]["when"] == "always"
    (paths.machine_config_dir() / "defaults.toml").write_bytes(written.read_bytes())
    settings = load_settings(registry=dict)
    assert not settings.problems and not settings.locked
    for key in TEAM_LEAD_KEYS:
        assert settings.origin(key) is Layer.MACHINE_DEFAULTS
    assert (settings.disclosure.when, settings.privacy.audit_file_name) == ("always", "name")


def test_a_policy_that_locks_nothing_is_refused(editor: TeamLeadDialog) -> None:
    target = paths.machine_config_dir() / "policy.toml"
    assert editor.export_file(FileKind.POLICY, target) is None
    assert "niets vergrendeld" in editor.last_message.text() and not target.exists()


def test_an_import_shows_what_changes_before_it_reaches_the_editor(qtbot, editor: TeamLeadDialog,
                                                                     tmp_path: Path) -> None:
    (paths.user_config_dir() / "settings.toml").write_text('[privacy]\nretention_days = 60\n', encoding="utf-8")
    editor.settings = load_settings(registry=dict)
    incoming = tmp_path / "policy.toml"
    incoming.write_text(
        '[disclosure]\nwhen = "always"\nplacement = "end"\n[privacy]\nretention_days = 7\n'
        '[checks]\ngrammar = false\n[kleur]\nnaam = "blauw"\n',
        encoding="utf-8",
    )
    chooser = editor.choose_import()
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(incoming))
    chooser.accept()
    preview = editor.import_preview
    assert preview is not None and preview.isVisible()
    table = preview.table
    rows = [tuple(table.item(row, column).text() for column in range(3)) for row in range(table.rowCount())]
    assert rows == [
        ("Grammatica controleren (LanguageTool-regels) (checks.grammar)", "aan (standaard)", "uit — vergrendeld"),
        ("Wanneer een AI-vermelding verplicht is (disclosure.when)",
         "alleen als het taalmodel tekst schreef (standaard)", "altijd — vergrendeld"),
        ("Plaats van de AI-vermelding (disclosure.placement)", "aan het eind van het document (standaard)",
         "aan het eind van het document — vergrendeld"),
        ("Bewaartermijn van geschiedenis en logboek (dagen) (privacy.retention_days)", "60 (gebruiker)",
         "7 — vergrendeld"),
    ]
    assert "Gelezen als beleid (policy.toml): de waarden worden vergrendeld." in _labels(preview)
    assert f"{incoming} — kleur.naam: onbekende instelling" in _labels(preview)
    assert control_value(editor.controls["disclosure.when"]) == "model"  # nothing applied yet
    qtbot.mouseClick(preview.apply_button, Qt.MouseButton.LeftButton)
    assert control_value(editor.controls["disclosure.when"]) == "always"
    assert control_value(editor.controls["privacy.retention_days"]) == 7
    assert {key for key, lock in editor.locks.items() if lock.isChecked()} == {
        "disclosure.when", "disclosure.placement", "privacy.retention_days"
    }
    assert not editor.extras_list.isHidden()
    assert editor.extras_list.item(0).text() == (
        "Grammatica controleren (LanguageTool-regels) (checks.grammar): uit — vergrendeld"
    )
    # Values the editor does not show travel with the export instead of being dropped.
    target = paths.machine_config_dir() / "policy.toml"
    editor.export_file(FileKind.POLICY, target)
    settings = load_settings(registry=dict)
    assert settings.checks.grammar is False and settings.is_locked("checks.grammar")
    assert settings.disclosure.when == "always" and settings.privacy.retention_days == 7


def test_a_cancelled_import_changes_nothing(editor: TeamLeadDialog, tmp_path: Path) -> None:
    incoming = tmp_path / "defaults.toml"
    incoming.write_text('[disclosure]\nwhen = "never"\n', encoding="utf-8")
    preview = editor.import_file(incoming)
    assert preview.table.rowCount() == 1
    assert "Gelezen als standaardinstellingen (defaults.toml)" in _labels(preview)
    preview.reject()
    assert control_value(editor.controls["disclosure.when"]) == "model"


def test_an_import_with_the_current_values_says_it_changes_nothing(editor: TeamLeadDialog, tmp_path: Path) -> None:
    incoming = tmp_path / "defaults.toml"
    incoming.write_text('[disclosure]\nwhen = "model"\n', encoding="utf-8")
    preview = editor.import_file(incoming)
    assert preview.table.rowCount() == 0
    assert preview.summary.text() == "Dit bestand verandert niets aan de huidige instellingen."


def test_the_editor_starts_from_the_organisations_current_files(qtbot) -> None:
    machine = paths.machine_config_dir()
    (machine / "defaults.toml").write_text('[disclosure]\nplacement = "first_page_note"\n', encoding="utf-8")
    (machine / "policy.toml").write_text('[privacy]\nretention_days = 10\n[model]\nenabled = false\n')
    editor = TeamLeadDialog()
    qtbot.addWidget(editor)
    editor.open()
    assert control_value(editor.controls["disclosure.placement"]) == "first_page_note"
    assert not editor.locks["disclosure.placement"].isChecked()
    assert control_value(editor.controls["privacy.retention_days"]) == 10
    assert editor.locks["privacy.retention_days"].isChecked()
    assert editor.extras_list.item(0).text() == "Het lokale taalmodel gebruiken (model.enabled): uit — vergrendeld"
    assert _preview_lines(editor)[0].startswith("[AI-vermelding]")


def test_problems_in_the_organisations_files_are_shown(qtbot) -> None:
    policy = paths.machine_config_dir() / "policy.toml"
    policy.write_text('user_name = "X"\n', encoding="utf-8")
    editor = TeamLeadDialog()
    qtbot.addWidget(editor)
    editor.open()
    assert not editor.problems_frame.isHidden()
    assert f"{policy} — user_name: kan niet door beleid worden vastgezet" in editor.problems_label.text()
