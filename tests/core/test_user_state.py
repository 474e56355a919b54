"""User state: recent files, acknowledgements, and when the first-run screen is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.policy.settings import load_settings
from desktop.core.user_state import RESPONSIBLE_USE, UserState, load_state, needs_first_run, save_state

pytestmark = pytest.mark.core

KEY = "[first_run]\nacknowledged_by_organisation = true\n"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_new_user_sees_the_first_run_screen() -> None:
    assert needs_first_run(load_settings(registry=dict), load_state()) is True


def test_the_users_acknowledgement_is_kept_and_ends_the_first_run_screen() -> None:
    state = load_state()
    state.acknowledged.append(RESPONSIBLE_USE)
    save_state(state)
    assert needs_first_run(load_settings(registry=dict), load_state()) is False


def test_an_older_acknowledgement_does_not_count() -> None:
    state = UserState(acknowledged=["verantwoord-gebruik-v0"])
    assert needs_first_run(load_settings(registry=dict), state) is True


@pytest.mark.parametrize("file_name", ["policy.toml", "defaults.toml"])
def test_the_organisation_can_acknowledge_for_everyone(file_name: str) -> None:
    _write(paths.machine_config_dir(), file_name, KEY)
    assert needs_first_run(load_settings(registry=dict), UserState()) is False


def test_the_organisation_setting_false_still_shows_the_screen() -> None:
    _write(paths.machine_config_dir(), "policy.toml", "[first_run]\nacknowledged_by_organisation = false\n")
    assert needs_first_run(load_settings(registry=dict), UserState()) is True


def test_the_user_cannot_acknowledge_on_behalf_of_the_organisation() -> None:
    _write(paths.user_config_dir(), "settings.toml", KEY)
    settings = load_settings(registry=dict)
    assert settings.first_run.acknowledged_by_organisation is True
    assert needs_first_run(settings, UserState()) is True


def test_an_invalid_policy_shows_the_screen_even_if_defaults_acknowledge() -> None:
    _write(paths.machine_config_dir(), "defaults.toml", KEY)
    _write(paths.machine_config_dir(), "policy.toml", "[disclosure]\nwhen = 3\n")
    settings = load_settings(registry=dict)
    assert settings.policy_invalid
    assert needs_first_run(settings, UserState()) is True
