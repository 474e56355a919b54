"""About and first-run dialogs, and every dialog of this package opening in every shipped language."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from desktop import __version__
from desktop.core import i18n, paths
from desktop.core.model import catalog
from desktop.core.model.engine import EngineInfo
from desktop.core.policy import network_guard
from desktop.core.policy.settings import load_settings
from desktop.core.user_state import RESPONSIBLE_USE, UserState, load_state, needs_first_run
from desktop.ui.dialogs import AboutDialog, FirstRunDialog
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.team_lead import TeamLeadDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def embedded_info() -> EngineInfo:
    """What the engine reports for the embedded default model (the card from the shipped manifest)."""
    card = next(card for card in catalog.known_models() if card.default)
    return EngineInfo(name=card.name, file=card.file, sha256=card.sha256, card=card, threads=4, context=4096)


def _texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def _open(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_the_version_and_the_loaded_models_card(qtbot, embedded_info: EngineInfo) -> None:
    about = _open(qtbot, AboutDialog(embedded_info))
    assert about.version_label.text() == f"Schrijfhulp versie {__version__}"
    values = {name: label.text() for name, label in about.model_view.values.items()}
    card = embedded_info.card
    assert values["name"] == "Qwen2.5-Coder 1.5B Instruct"
    assert values["sha256"] == card.sha256 and values["license"] == "Apache-2.0"
    assert values["quantization"] == "Q4_K_M" and values["source"] == card.source
    assert values["purpose"] == card.description_nl
    assert "1.117.320.768 bytes" in values["size"]
    assert "4 rekenkernen" in about.model_view.notice.text()


def test_about_without_a_model_says_the_rules_still_work(qtbot) -> None:
    about = _open(qtbot, AboutDialog(None))
    assert not about.model_view.notice.isHidden()
    assert "geen taalmodel geladen" in about.model_view.notice.text()


def test_about_says_how_privacy_is_enforced_as_it_is_now(
    qtbot, monkeypatch: pytest.MonkeyPatch, no_credential_store: None
) -> None:
    # The real guard is tested in tests/core/policy/test_network_isolation.py; here: the dialog reports its state.
    monkeypatch.setattr(network_guard, "installed", lambda: False)
    monkeypatch.setattr(network_guard, "refused", tuple)
    about = _open(qtbot, AboutDialog(None))
    text = "\n".join(label.text() for label in about.privacy_labels)
    assert "Let op: de netwerkbewaking is in dit programma niet gestart." in text
    assert "Geweigerde verbindingen sinds de start: 0." in text
    assert "PySide6.QtNetwork" not in sys.modules
    assert "netwerkonderdelen van Qt worden niet gebruikt en zijn niet geladen" in text
    assert "downloadt niets" in text
    assert "Deze computer heeft geen beveiligde sleutelopslag." in text
    assert "onthoudt het uw beslissingen (zonder tekst uit het document)" in text
    assert "(Gevonden: keyring.backends.fail.Keyring.)" in text
    assert str(paths.user_config_dir()) in text and str(paths.user_data_dir()) in text

    monkeypatch.setattr(network_guard, "installed", lambda: True)
    monkeypatch.setattr(network_guard, "refused", lambda: ("socket.connect 93.184.216.34",))
    monkeypatch.setitem(sys.modules, "PySide6.QtNetwork", sys.modules["PySide6.QtCore"])
    about = _open(qtbot, AboutDialog(None))
    text = "\n".join(label.text() for label in about.privacy_labels)
    assert "netwerkbewaking is actief" in text
    assert "Geweigerde verbindingen sinds de start: 1. socket.connect 93.184.216.34" in text
    assert "Let op: de netwerkonderdelen van Qt zijn geladen." in text


def test_about_names_the_credential_store_that_holds_the_key(qtbot, secret_service: None) -> None:
    about = _open(qtbot, AboutDialog(None))
    text = "\n".join(label.text() for label in about.privacy_labels)
    assert "staat in de sleutelopslag van het systeem (keyring.backends.SecretService.Keyring)" in text


def test_about_lists_the_licences_of_what_is_bundled(qtbot, embedded_info: EngineInfo) -> None:
    about = _open(qtbot, AboutDialog(embedded_info))
    table = about.licences
    rows = {
        table.item(row, 0).text(): (table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    }
    assert rows["Woordenboek van OpenTaal (spelling)"] == (
        "BSD-3-Clause of CC-BY 3.0", "resources/dictionaries/LICENSE-OpenTaal.md"
    )
    assert rows["Taalregels van LanguageTool (via lingotweaker)"][0] == "LGPL-2.1"
    assert "CC-BY-SA 4.0" in rows["Woordfrequenties (wordfreq)"][0]
    assert rows["Woordafbreking (pyphen)"][0] == "LGPL-2.1, GPL-2.0 of MPL-1.1"
    assert rows["Taalmodel Qwen2.5-Coder 1.5B Instruct"][0] == "Apache-2.0"
    assert rows["Qt / PySide6"][0] == "LGPL-3.0"
    assert rows["Schrijfhulp"][0] == "EUPL-1.2"
    for _licence, where in rows.values():  # every licence file the dialog names exists
        if where.startswith("resources/"):
            assert (paths.app_root() / where).is_file(), where


def test_first_run_explains_responsible_use_and_records_the_acknowledgement(qtbot) -> None:
    settings = load_settings(registry=dict)
    assert needs_first_run(settings, load_state())
    first = _open(qtbot, FirstRunDialog())
    text = first.points.accessibleDescription()
    for phrase in ("kan fouten maken", "verantwoordelijk", "Controleer de feiten", "Er verlaat niets deze computer"):
        assert phrase in text
    with qtbot.waitSignal(first.acknowledged):
        qtbot.mouseClick(first.understood, Qt.MouseButton.LeftButton)
    assert first.result() == QDialog.DialogCode.Accepted and not first.isVisible()
    assert RESPONSIBLE_USE in load_state().acknowledged
    assert not needs_first_run(settings, load_state())


def test_first_run_keeps_the_acknowledgement_in_the_main_windows_state(qtbot) -> None:
    state = UserState(recent_files=["/tmp/brief.docx"])
    first = _open(qtbot, FirstRunDialog(state=state))
    first.acknowledge()
    assert state.acknowledged == [RESPONSIBLE_USE]
    assert load_state() == state  # saved, recent files included
    first = _open(qtbot, FirstRunDialog(state=state))
    first.acknowledge()
    assert state.acknowledged == [RESPONSIBLE_USE]  # recorded once


def test_closing_the_first_run_screen_records_nothing(qtbot) -> None:
    first = _open(qtbot, FirstRunDialog())
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert first.result() == QDialog.DialogCode.Rejected
    assert load_state().acknowledged == []


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each shipped language; English is skipped only while its compiled catalogue does not exist."""
    try:
        i18n.set_language(request.param)
    except FileNotFoundError:
        pytest.skip("no English catalogue yet: resources/locale/en/LC_MESSAGES/schrijfhulp.mo does not exist")
    yield request.param
    i18n.set_language("nl")


def test_every_dialog_opens_in_every_shipped_language(qtbot, language: str, embedded_info: EngineInfo) -> None:
    dialogs = [
        SettingsDialog(load_settings(registry=dict)),
        TeamLeadDialog(),
        AboutDialog(embedded_info),
        AboutDialog(None),
        FirstRunDialog(),
    ]
    for dialog in dialogs:
        _open(qtbot, dialog)
        assert dialog.isVisible() and dialog.windowTitle()
        assert _texts(dialog).strip()
        dialog.reject()
    about = dialogs[2]
    description = about.model_view.values["purpose"].text()
    card = embedded_info.card
    assert description == (card.description_en if language == "en" else card.description_nl)
