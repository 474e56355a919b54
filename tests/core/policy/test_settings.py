"""Layered settings: each layer overrides the previous one, policy locks, broken policy is strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.policy.settings import (
    BY_KEY,
    SCHEMA,
    Layer,
    LockedSettingError,
    load_settings,
)

pytestmark = pytest.mark.core


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_defaults_when_no_files() -> None:
    settings = load_settings(registry=dict)
    for setting in SCHEMA:
        assert settings.value(setting.key) == setting.default
        assert settings.origin(setting.key) is Layer.BUILTIN
    assert not settings.locked and not settings.problems


def test_each_layer_overrides_the_previous_one() -> None:
    machine = paths.machine_config_dir()
    _write(
        machine,
        "defaults.toml",
        '[disclosure]\nwhen = "always"\nplacement = "footer"\n[save]\nsuffix = " (org)"\n',
    )
    _write(
        paths.user_config_dir(),
        "settings.toml",
        '[disclosure]\nplacement = "end"\n[save]\nsuffix = " (mijn)"\n',
    )
    _write(machine, "policy.toml", '[save]\nsuffix = " (beleid)"\n')
    settings = load_settings(registry=dict)
    assert (settings.disclosure.when, settings.origin("disclosure.when")) == (
        "always",
        Layer.MACHINE_DEFAULTS,
    )
    assert (settings.disclosure.placement, settings.origin("disclosure.placement")) == ("end", Layer.USER)
    assert (settings.save.suffix, settings.origin("save.suffix")) == (" (beleid)", Layer.POLICY)
    assert settings.locked == {"save.suffix"}


def test_registry_policy_wins_over_the_policy_file_and_locks() -> None:
    _write(paths.machine_config_dir(), "policy.toml", '[disclosure]\nwhen = "model"\n')
    settings = load_settings(registry=lambda: {"disclosure.when": "always", "privacy.retention_days": 14})
    assert settings.disclosure.when == "always"
    assert settings.privacy.retention_days == 14
    assert settings.is_locked("privacy.retention_days")


def test_a_locked_value_cannot_be_changed_by_the_user_file_or_api() -> None:
    _write(paths.machine_config_dir(), "policy.toml", "[disclosure]\nuser_may_edit = false\n")
    _write(paths.user_config_dir(), "settings.toml", "[disclosure]\nuser_may_edit = true\n")
    settings = load_settings(registry=dict)
    assert settings.disclosure.user_may_edit is False
    with pytest.raises(LockedSettingError, match="beheerd door uw organisatie"):
        settings.set_user_value("disclosure.user_may_edit", True)
    assert load_settings(registry=dict).disclosure.user_may_edit is False


def test_user_value_is_written_atomically_and_read_back() -> None:
    settings = load_settings(registry=dict)
    settings.set_user_value("model.threads", 3)
    settings.set_user_value("author", "Team Vergunningen (AI)")
    again = load_settings(registry=dict)
    assert again.model.threads == 3 and again.origin("model.threads") is Layer.USER
    assert again.author == "Team Vergunningen (AI)"
    assert not list(paths.user_config_dir().glob("*.tmp"))
    with pytest.raises(ValueError, match="groter"):
        settings.set_user_value("model.threads", 999)


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ('[disclosure]\nwhen = "soms"\n', "disclosure.when", "kies uit"),
        ('[privacy]\nretention_days = "dertig"\n', "privacy.retention_days", "geheel getal"),
        ("[privacy]\nretention_days = 0\n", "privacy.retention_days", "kleiner"),
        ("[onbekend]\nsleutel = 1\n", "onbekend.sleutel", "onbekende instelling"),
        ('user_name = "Piet"\n', "user_name", "kan niet door beleid"),
    ],
)
def test_a_broken_policy_is_reported_precisely_and_strict_values_apply(
    text: str, key: str, reason: str
) -> None:
    policy = _write(paths.machine_config_dir(), "policy.toml", text)
    settings = load_settings(registry=dict)
    assert settings.policy_invalid
    [problem] = settings.problems
    assert problem.source == str(policy) and problem.key == key and reason in problem.reason
    for setting in SCHEMA:
        if setting.lockable:
            assert settings.value(setting.key) == setting.strict_value
            assert settings.origin(setting.key) is Layer.STRICT and settings.is_locked(setting.key)
    assert settings.disclosure.when == "always"
    assert settings.privacy.audit_file_name == "hash"


def test_an_unreadable_policy_file_is_reported_and_strict() -> None:
    policy = _write(paths.machine_config_dir(), "policy.toml", "this is = = not toml")
    settings = load_settings(registry=dict)
    assert settings.policy_invalid and settings.problems[0].source == str(policy)
    assert "onleesbaar" in settings.problems[0].reason


def test_a_broken_user_file_is_reported_but_not_strict() -> None:
    user = _write(paths.user_config_dir(), "settings.toml", '[model]\nthreads = "veel"\nenabled = false\n')
    settings = load_settings(registry=dict)
    assert not settings.policy_invalid
    assert [(p.source, p.key) for p in settings.problems] == [(str(user), "model.threads")]
    assert settings.model.enabled is False and settings.model.threads == 0


def test_bad_registry_value_makes_policy_strict() -> None:
    settings = load_settings(registry=lambda: {"disclosure.when": 3})
    assert settings.policy_invalid
    assert settings.problems[0].source.startswith("HKLM\\SOFTWARE\\Policies\\Schrijfhulp")


def test_registry_dword_serves_a_boolean() -> None:
    settings = load_settings(registry=lambda: {"checks.spelling": 0})
    assert settings.checks.spelling is False and settings.is_locked("checks.spelling")


def test_cli_parsing_of_values() -> None:
    assert BY_KEY["checks.spelling"].parse("nee") is False
    assert BY_KEY["model.threads"].parse("4") == 4
    with pytest.raises(ValueError):
        BY_KEY["model.threads"].parse("vier")
