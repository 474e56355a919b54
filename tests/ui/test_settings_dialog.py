"""The settings dialog: every schema key with its value and origin, locks that hold, changes that are written."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.core import paths
from desktop.core.language.wordlists import PersonalWordList, WordLists, personal_wordlist_path
from desktop.core.model import catalog
from desktop.core.model.catalog import ModelFile
from desktop.core.policy.policy_files import TEMPLATE_KEYS, display_value, layer_label
from desktop.core.policy.settings import BY_KEY, SCHEMA, Layer, Settings, load_settings
from desktop.core.privacy import audit_log
from desktop.core.privacy.secure_store import open_store
from desktop.ui.dialogs import control_value, set_control_value
from desktop.ui.settings_dialog import SettingsDialog, group_keys

pytestmark = pytest.mark.ui

TABS = {
    "language": "general", "author": "general", "user_name": "general", "organisation": "general",
    "save.mode": "general", "review.comments": "general", "checks.spelling": "checks",
    "grammar.backend": "checks", "model.threads": "model", "disclosure.when": "disclosure",
    "drafting.mark_model_text": "disclosure", "privacy.retention_days": "privacy",
    "first_run.acknowledged_by_organisation": "privacy",
}


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _dialog(qtbot, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or load_settings(registry=dict))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _user_file() -> dict:
    path = paths.user_config_dir() / "settings.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@pytest.fixture
def layered() -> Settings:
    """Settings with a value from each layer: organisation defaults, the user, and locked policy."""
    machine = paths.machine_config_dir()
    _write(machine, "defaults.toml", '[disclosure]\nplacement = "footer"\n[checks]\nstyle = false\n')
    _write(paths.user_config_dir(), "settings.toml", 'author = "Team Vergunningen (AI)"\n[model]\nthreads = 3\n')
    policy = '[disclosure]\nwhen = "always"\nuser_may_edit = false\n[privacy]\nretention_days = 14\n'
    _write(machine, "policy.toml", policy)
    settings = load_settings(registry=dict)
    assert not settings.problems
    return settings


def test_every_schema_key_is_shown_with_its_value_and_origin(qtbot, layered: Settings) -> None:
    dialog = _dialog(qtbot, layered)
    assert set(dialog.fields) == {setting.key for setting in SCHEMA}
    for setting in SCHEMA:
        field = dialog.fields[setting.key]
        assert control_value(field.control) == layered.value(setting.key), setting.key
        assert field.origin.text().startswith(f"Ingesteld door: {layer_label(layered.origin(setting.key))}")
        assert field.label.text() == setting.description and field.label.buddy() is field.control
        assert field.control.accessibleName() == setting.description
    assert dialog.fields["disclosure.placement"].origin.text() == "Ingesteld door: organisatie-standaard"
    assert dialog.fields["author"].origin.text() == "Ingesteld door: gebruiker"
    assert dialog.fields["language"].origin.text() == "Ingesteld door: standaard"
    for key, tab in TABS.items():
        assert dialog.pages[tab].isAncestorOf(dialog.fields[key].control), key


def test_controls_follow_the_type_with_dutch_labels_and_limits(qtbot) -> None:
    dialog = _dialog(qtbot)
    for setting in SCHEMA:
        control = dialog.fields[setting.key].control
        if setting.kind is bool:
            assert isinstance(control, QCheckBox)
        elif setting.choices:
            assert isinstance(control, QComboBox)
            labels = [control.itemText(i) for i in range(control.count())]
            assert labels == [display_value(setting.key, choice) for choice in setting.choices]
        elif setting.kind is int:
            assert isinstance(control, QSpinBox)
            assert (control.minimum(), control.maximum()) == (setting.minimum, setting.maximum)
        elif setting.key in TEMPLATE_KEYS:
            assert isinstance(control, QPlainTextEdit)
        elif setting.key == "model.file":
            assert isinstance(control, QComboBox)
        else:
            assert isinstance(control, QLineEdit)
    when = dialog.fields["disclosure.when"].control
    assert when.currentText() == "alleen als het taalmodel tekst schreef"


def test_locked_fields_are_disabled_and_say_who_manages_them(qtbot, layered: Settings) -> None:
    dialog = _dialog(qtbot, layered)
    for key in ("disclosure.when", "disclosure.user_may_edit", "privacy.retention_days"):
        field = dialog.fields[key]
        assert not field.control.isEnabled()
        assert field.origin.text() == "Ingesteld door: beleid — beheerd door uw organisatie"
    assert dialog.fields["disclosure.placement"].control.isEnabled()


def test_a_locked_value_is_never_written_even_when_its_control_is_forced(qtbot, layered: Settings) -> None:
    dialog = _dialog(qtbot, layered)
    forced = {"disclosure.when": "never", "disclosure.user_may_edit": True, "privacy.retention_days": 365}
    for key, value in forced.items():
        control = dialog.fields[key].control
        control.setEnabled(True)
        set_control_value(control, value)
        assert control_value(control) == value
    with qtbot.assertNotEmitted(dialog.applied):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "disclosure" not in _user_file() and "privacy" not in _user_file()
    reloaded = load_settings(registry=dict)
    assert (reloaded.disclosure.when, reloaded.privacy.retention_days) == ("always", 14)
    assert layered.disclosure.when == "always" and layered.origin("disclosure.when") is Layer.POLICY


def test_changed_values_are_written_to_the_user_file_and_announced(qtbot, layered: Settings) -> None:
    dialog = _dialog(qtbot, layered)
    fields = dialog.fields
    fields["checks.grammar"].control.setChecked(False)
    fields["disclosure.placement"].control.setCurrentIndex(2)  # first_page_note
    fields["checks.b1_sentence_length"].control.setValue(25)
    fields["organisation"].control.setText("Gemeente Steenbergen")
    fields["disclosure.text_nl"].control.setPlainText("Met AI ({model}) geschreven door {user}.")
    with qtbot.waitSignal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    expected = {
        "checks.grammar", "disclosure.placement", "checks.b1_sentence_length", "organisation", "disclosure.text_nl"
    }
    assert applied.args == [expected]
    assert dialog.result() == QDialog.DialogCode.Accepted
    written = _user_file()
    assert written["checks"] == {"grammar": False, "b1_sentence_length": 25}
    assert written["disclosure"] == {
        "placement": "first_page_note", "text_nl": "Met AI ({model}) geschreven door {user}."
    }
    assert written["organisation"] == "Gemeente Steenbergen"
    assert written["author"] == "Team Vergunningen (AI)"  # untouched values stay as they were
    reloaded = load_settings(registry=dict)
    for key in expected:
        assert reloaded.origin(key) is Layer.USER and reloaded.value(key) == layered.value(key)


def test_a_refused_value_is_shown_and_keeps_the_dialog_open(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.fields["disclosure.text_en"].control.setPlainText("Written by {author}.")
    dialog.fields["checks.spelling"].control.setChecked(False)
    with qtbot.waitSignal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert applied.args == [{"checks.spelling"}]
    assert dialog.isVisible() and not dialog.errors_frame.isHidden()
    assert "Tekst van de AI-vermelding (Engels): Onbekende plaatshouder in de AI-vermelding: author." in (
        dialog.errors_label.text()
    )
    assert dialog.tabs.currentWidget() is dialog.pages["disclosure"]
    assert "text_en" not in _user_file().get("disclosure", {})


def test_cancel_writes_nothing(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.fields["checks.spelling"].control.setChecked(False)
    dialog.reject()
    assert _user_file() == {}


def test_problems_in_the_settings_files_are_shown_at_the_top(qtbot) -> None:
    defaults = _write(paths.machine_config_dir(), "defaults.toml", 'kleur = "blauw"\n[privacy]\nretention_days = 0\n')
    dialog = _dialog(qtbot)
    assert not dialog.problems_frame.isHidden()
    text = dialog.problems_label.text()
    assert f"{defaults} — kleur: onbekende instelling" in text
    assert f"{defaults} — privacy.retention_days: mag niet kleiner zijn dan 1" in text


def test_an_invalid_policy_is_explained_and_everything_lockable_is_locked(qtbot) -> None:
    policy = _write(paths.machine_config_dir(), "policy.toml", "[disclosure\n")
    settings = load_settings(registry=dict)
    dialog = _dialog(qtbot, settings)
    assert "beleid van uw organisatie is ongeldig" in dialog.problems_label.text()
    assert f"{policy} — hele bestand: onleesbaar bestand" in dialog.problems_label.text()
    for setting in SCHEMA:
        assert dialog.fields[setting.key].control.isEnabled() is not setting.lockable, setting.key
    assert "strikt (beleid ongeldig)" in dialog.fields["disclosure.when"].origin.text()


def test_no_key_is_ever_left_out_of_the_tabs() -> None:
    groups = group_keys([*(setting.key for setting in SCHEMA), "nieuw.onderdeel"])
    shown = [key for keys in groups.values() for key in keys]
    assert sorted(shown) == sorted([*BY_KEY, "nieuw.onderdeel"]) and "nieuw.onderdeel" in groups["general"]
    assert groups["wordlists"] == []


def test_the_model_picker_lists_the_models_and_shows_the_chosen_card(qtbot) -> None:
    small = next(card for card in catalog.known_models() if card.id == "qwen2.5-coder-0.5b-instruct")
    machine_models = paths.machine_models_dir()
    machine_models.mkdir(parents=True)
    (machine_models / small.file).write_bytes(b"GGUF")
    own = paths.user_models_dir() / "eigen-model.gguf"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"GGUF eigen model")
    dialog = _dialog(qtbot)
    picker = dialog.model_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Standaardmodel", "eigen-model (eigen map)", "Qwen2.5-Coder 0.5B Instruct (organisatie)"
    ]
    card = dialog.model_card.values
    # No default is installed here, so the standard choice loads the first model found: the user's own.
    assert card["name"].text() == "eigen-model"
    assert card["sha256"].text() == "wordt bij eerste gebruik vastgelegd"
    assert card["license"].text() == "niet vermeld: dit model staat niet in de modellijst"
    picker.setCurrentIndex(2)
    assert card["name"].text() == "Qwen2.5-Coder 0.5B Instruct"
    assert (card["sha256"].text(), card["license"].text()) == (small.sha256, "Apache-2.0")
    assert card["purpose"].text() == small.description_nl
    assert "Geplaatst door uw organisatie" in dialog.model_card.notice.text()
    with qtbot.waitSignal(dialog.applied):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _user_file()["model"] == {"file": small.file}

    digest = catalog.verify(ModelFile(own, None, machine_wide=False))  # first use records the hash
    dialog = _dialog(qtbot, load_settings(registry=dict))
    dialog.model_picker.setCurrentIndex(1)
    assert dialog.model_card.values["sha256"].text() == digest


def test_a_model_that_is_gone_is_shown_not_silently_replaced(qtbot) -> None:
    _write(paths.user_config_dir(), "settings.toml", '[model]\nfile = "weg.gguf"\n')
    dialog = _dialog(qtbot)
    assert dialog.model_picker.currentText() == "weg.gguf (niet gevonden)"
    assert "weg.gguf is niet gevonden" in dialog.model_card.notice.text()
    dialog.accept()
    assert _user_file()["model"] == {"file": "weg.gguf"}


def test_the_word_lists_are_shown_and_personal_words_can_be_removed(qtbot) -> None:
    _write(paths.machine_config_dir() / "wordlists", "organisatie.txt", "Steenbergen\nDinteloord\n")
    personal = PersonalWordList(personal_wordlist_path())
    for word in ("Raadhuisplein", "invalidenparkeerplaats", "gehandicaptenparkeerplaats"):
        personal.add(word)
    lists = WordLists.load_default()
    dialog = SettingsDialog(load_settings(registry=dict), word_lists=lists)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.b1_table.rowCount() == len(lists.b1.entries) > 20
    row = next(r for r in range(dialog.b1_table.rowCount()) if dialog.b1_table.item(r, 0).text() == "alvorens")
    assert dialog.b1_table.item(row, 1).text() == ", ".join(lists.b1.lookup("alvorens").alternatives)
    dialog.b1_filter.setText("alvorens")
    assert [r for r in range(dialog.b1_table.rowCount()) if not dialog.b1_table.isRowHidden(r)] == [row]
    assert dialog.protected_list.count() == len(lists.protected) and dialog.protected_list.count() > 0
    assert [dialog.organisation_list.item(i).text() for i in range(2)] == ["Dinteloord", "Steenbergen"]
    assert dialog.organisation_list.selectionMode() == QListWidget.SelectionMode.NoSelection
    assert not dialog.remove_button.isEnabled()
    dialog.personal_list.item(1).setSelected(True)  # sorted: gehandicaptenparkeerplaats, invalidenparkeerplaats, ...
    with qtbot.waitSignal(dialog.word_list_changed):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [dialog.personal_list.item(i).text() for i in range(dialog.personal_list.count())] == [
        "gehandicaptenparkeerplaats", "Raadhuisplein"
    ]
    assert "invalidenparkeerplaats" not in lists.personal  # the spell checker's own list changed too
    assert "invalidenparkeerplaats" not in PersonalWordList(personal_wordlist_path())


def test_the_audit_log_is_exported_as_csv_through_the_file_chooser(
    qtbot, tmp_path: Path, no_credential_store: None
) -> None:
    # Policy allows the less safe key file, so the export reads the log without a credential store.
    _write(paths.machine_config_dir(), "policy.toml", "[privacy]\nallow_unsafe_store = true\n")
    store = open_store(allow_unsafe=True)
    audit_log.record(store, audit_log.AuditEntry(date="2026-11-24T09:00:00+00:00", document="ab" * 32,
                                                 accepted={"spelling/rule": 2}, model="", disclosure=False))
    dialog = _dialog(qtbot)
    chooser = dialog.choose_audit_export()
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    target = tmp_path / "export" / "logboek"
    target.parent.mkdir()
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(target))
    chooser.accept()
    exported = target.with_suffix(".csv")
    with exported.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["datum", "document", "geaccepteerd_totaal"] and rows[1][:3] == [
        "2026-11-24T09:00:00+00:00", "ab" * 32, "2"
    ]
    assert dialog.last_message.text() == f"1 regels uit het logboek opgeslagen in {exported}."


def test_without_a_key_there_is_no_log_to_export(qtbot, tmp_path: Path, no_credential_store: None) -> None:
    dialog = _dialog(qtbot)
    assert dialog.export_audit_log(tmp_path / "logboek.csv") is None
    assert not (tmp_path / "logboek.csv").exists()
    assert dialog.last_message.text().startswith("Er is geen logboek om te exporteren. Deze computer heeft geen")


def _button(box: QWidget, text: str) -> QAbstractButton:
    return next(button for button in box.findChildren(QAbstractButton) if button.text() == text)


def test_erasing_everything_asks_first_and_never_writes_settings_back(qtbot, no_credential_store: None) -> None:
    _write(paths.user_config_dir(), "settings.toml", 'organisation = "Gemeente Ede"\n')
    PersonalWordList(personal_wordlist_path()).add("Raadhuisplein")
    _write(paths.user_data_dir() / "logs", "fouten.log", "Traceback\n")
    defaults = _write(paths.machine_config_dir(), "defaults.toml", 'organisation = "Gemeente Steenbergen"\n')
    dialog = _dialog(qtbot)
    dialog.fields["checks.spelling"].control.setChecked(False)

    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    box = dialog.erase_confirmation
    assert box.isVisible() and "kan niet ongedaan worden gemaakt" in box.text()
    qtbot.mouseClick(_button(box, "Annuleren"), Qt.MouseButton.LeftButton)
    assert (paths.user_config_dir() / "settings.toml").exists() and dialog.isVisible()

    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.data_erased) as erased, qtbot.assertNotEmitted(dialog.applied):
        qtbot.mouseClick(_button(dialog.erase_confirmation, "Alles wissen"), Qt.MouseButton.LeftButton)
    assert paths.user_config_dir() / "settings.toml" in erased.args[0]
    assert paths.user_data_dir() / "logs" in erased.args[0]
    assert not any(paths.user_config_dir().iterdir()) and not (paths.user_data_dir() / "logs").exists()
    assert defaults.exists()  # the organisation's files are not the user's
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.last_message.text().startswith("Al uw gegevens zijn gewist.")


def test_every_control_has_an_accessible_name_and_a_label(qtbot) -> None:
    dialog = _dialog(qtbot)
    for field in dialog.fields.values():
        assert field.control.accessibleName() and field.label.buddy() is field.control
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QListWidget, QLineEdit, QComboBox, QSpinBox, QPlainTextEdit)):
            if widget.parent() is dialog.tabs.tabBar() or widget.objectName().startswith("qt_"):
                continue
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name, f"{type(widget).__name__} {widget.objectName()!r} has no accessible name"
