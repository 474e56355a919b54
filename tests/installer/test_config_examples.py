"""The example defaults and policy files that the packages install for IT, written from the schema."""

from __future__ import annotations

import re

import pytest

from desktop.core.policy.settings import BY_KEY, SCHEMA, Layer, load_settings
from installer import config_examples, msi

pytestmark = pytest.mark.core

VALUE_LINE = re.compile(r"^# (\[[a-z_.]+\]|[a-z_0-9]+ = .*)$")


def uncommented(example: str) -> str:
    """What IT gets by removing the '# ' before every section and value."""
    return "\n".join(match.group(1) for line in example.splitlines() if (match := VALUE_LINE.match(line)))


def test_every_setting_is_in_the_defaults_example_and_loads(isolated_folders):
    folder = isolated_folders["SCHRIJFHULP_MACHINE_CONFIG_DIR"]
    (folder / "defaults.toml").write_text(uncommented(config_examples.defaults_example()), encoding="utf-8")
    settings = load_settings(registry=dict)
    assert settings.problems == []
    assert {key for key, layer in settings.origins.items() if layer == Layer.MACHINE_DEFAULTS} == set(BY_KEY)
    assert all(settings.value(s.key) == s.default for s in SCHEMA)


def test_every_lockable_setting_is_in_the_policy_example_and_locks(isolated_folders):
    folder = isolated_folders["SCHRIJFHULP_MACHINE_CONFIG_DIR"]
    (folder / "policy.toml").write_text(uncommented(config_examples.policy_example()), encoding="utf-8")
    settings = load_settings(registry=dict)
    assert settings.problems == []
    assert not settings.policy_invalid
    assert settings.locked == {s.key for s in SCHEMA if s.lockable}


def test_the_examples_as_shipped_change_nothing(isolated_folders):
    folder = isolated_folders["SCHRIJFHULP_MACHINE_CONFIG_DIR"]
    config_examples.write_examples(folder)
    settings = load_settings(registry=dict)
    assert settings.problems == [] and settings.locked == set()
    assert set(settings.origins.values()) == {Layer.BUILTIN}


def test_the_registry_example_names_every_public_msi_property(tmp_path):
    written = config_examples.write_examples(tmp_path)
    text = written[config_examples.REGISTRY_EXAMPLE].read_text(encoding="utf-16")
    assert text.startswith("Windows Registry Editor Version 5.00")
    for prop in msi.policy_properties():
        assert f"[HKEY_LOCAL_MACHINE\\{prop.subkey}]" in text
        assert f';"{prop.value_name}"=' in text
