"""The main window's dialogs: settings (applied at once), team lead, about, and the first-run screen."""

from __future__ import annotations

import pytest

from desktop.core import paths
from desktop.core.findings import Category
from desktop.core.user_state import load_state
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


def test_first_run_screen_shows_until_acknowledged(qtbot, window: MainWindow) -> None:
    window.start_up()
    assert window.first_run.isVisible()
    window.first_run.acknowledge()
    assert "verantwoord-gebruik-v1" in load_state().acknowledged


def test_the_organisation_can_acknowledge_the_first_run_screen(qtbot, language_tools) -> None:
    (paths.machine_config_dir() / "policy.toml").write_text("[first_run]\nacknowledged_by_organisation = true\n")
    main = MainWindow()
    main.controller.tools = language_tools
    qtbot.addWidget(main)
    main.start_up()
    assert not hasattr(main, "first_run")
    main.workers.shutdown()


def test_switching_a_check_off_in_settings_reanalyses(qtbot, window: MainWindow, letter_docx) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(letter_docx("003_besluit"))
    assert any(f.category is Category.SPELLING for f in window.controller.session.visible())
    window.commands.settings.trigger()
    dialog = window.settings_dialog
    dialog.fields["checks.spelling"].control.setChecked(False)
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        assert dialog.apply()
    assert window.settings.checks.spelling is False
    assert not any(f.category is Category.SPELLING and not window.controller.session.decision(f.id)
                   for f in window.controller.session.visible()
                   if f.paragraph in {p.id for p in window.document.paragraphs})


def test_about_and_team_lead_open_from_the_menus(qtbot, window: MainWindow) -> None:
    window.commands.about.trigger()
    assert window.about_dialog.isVisible()
    window.commands.team.trigger()
    assert window.team_dialog.isVisible()


def test_the_original_path_cannot_be_chosen_in_the_save_dialog(qtbot, window: MainWindow, letter_docx) -> None:
    source = letter_docx("014_brief")
    before = source.read_bytes()
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        window.open_path(source)
    window.save(clean=False)
    window.save_dialog.path.setText(str(source))
    window.save_dialog.confirm()
    assert window.last_message[0] == "Niet opgeslagen"
    assert source.read_bytes() == before
    assert sorted(p.name for p in source.parent.iterdir()) == [source.name]


def test_a_crash_of_the_previous_run_is_reported_at_the_next_start(qtbot, window: MainWindow) -> None:
    from desktop.__main__ import enable_crash_log

    paths.log_dir().mkdir(parents=True)
    (paths.log_dir() / "crash.log").write_text("Fatal Python error: Segmentation fault\n")
    previous = enable_crash_log()
    assert previous is not None and previous.read_text().startswith("Fatal Python error")
    assert (paths.log_dir() / "crash.log").read_text() == ""  # the new run writes a fresh log
    assert enable_crash_log() is None  # a clean previous run leaves nothing to report
    window.start_up(None, previous)
    assert window.last_message is not None and "onverwacht gestopt" in window.last_message[0]


def test_without_a_model_the_app_says_it_runs_on_rules_alone(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.model.state_changed, timeout=30_000,
                          check_params_cb=lambda state, _detail: state == "niet beschikbaar"):
        window.start_up()
    assert window.status.model_label.text() == "Taalmodel: niet beschikbaar — alleen regels"
    assert "geen taalmodel geïnstalleerd" in window.status.model_label.toolTip()
    assert not window.commands.b1.isEnabled()


def test_a_model_with_a_wrong_hash_is_refused_with_a_clear_message(qtbot, window: MainWindow) -> None:
    from desktop.core.model import catalog

    card = next(c for c in catalog.known_models() if c.default)
    fake = paths.user_models_dir() / card.file
    fake.parent.mkdir(parents=True)
    with fake.open("wb") as handle:
        handle.truncate(card.size)  # the right size, the wrong bytes
    with qtbot.waitSignal(window.model.state_changed, timeout=60_000,
                          check_params_cb=lambda state, _detail: state == "niet beschikbaar"):
        window.start_up()
    assert "controlesom" in window.status.model_label.toolTip()


def test_a_new_letter_opens_in_the_main_window_for_review(qtbot, window: MainWindow, tmp_path) -> None:
    window.commands.new.trigger()
    dialog = window.draft_dialog
    dialog.select_template("ontvangstbevestiging")
    request = dialog._request()
    dialog.set_values({spec.key: spec.example for spec in request.fields()})
    dialog.target.setText(str(tmp_path / "ontvangstbevestiging.docx"))
    with qtbot.waitSignal(window.controller.analysis_done, timeout=120_000):
        dialog.make.click()  # no model loaded: the free text stays open, marked for the user
    assert window.document is not None and window.document.path == tmp_path / "ontvangstbevestiging.docx"
    assert window.windowTitle().startswith("ontvangstbevestiging.docx")
