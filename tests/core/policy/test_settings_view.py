"""The typed view of the settings: generated from the schema, one typed attribute per setting."""

from __future__ import annotations

import inspect
import sys
import typing
from functools import reduce

import pytest

from desktop.core.policy import settings_view
from desktop.core.policy.settings import SCHEMA, Settings, load_settings
from tests import REPO

sys.path.insert(0, str(REPO / "scripts"))
import settings_view as generator

pytestmark = pytest.mark.core


def _read(settings: Settings, key: str) -> object:
    return reduce(getattr, key.split("."), settings)


def test_the_module_is_what_the_schema_generates() -> None:
    assert settings_view.__file__ == str(generator.TARGET)
    assert generator.render() == generator.TARGET.read_text(encoding="utf-8"), "run scripts/settings_view.py"


def test_every_setting_reads_by_name_with_the_effective_value() -> None:
    settings = load_settings(registry=dict)
    changed = {s.key: (not s.default if s.kind is bool else s.maximum if s.kind is int else
                       s.choices[-1] if s.choices else "x") for s in SCHEMA}
    settings.values.update(changed)
    for setting in SCHEMA:
        assert _read(settings, setting.key) == changed[setting.key] == settings.value(setting.key)


def test_each_attribute_is_typed_as_its_schema_says() -> None:
    for setting in SCHEMA:
        *sections, name = setting.key.split(".")
        owner: type = Settings
        for section in sections:
            owner = typing.get_type_hints(getattr(owner, section).fget)["return"]
        annotation = typing.get_type_hints(getattr(owner, name).fget, vars(settings_view))["return"]
        if setting.choices:
            assert typing.get_args(annotation) == setting.choices, setting.key
        else:
            assert annotation is setting.kind, setting.key


def test_a_misspelt_setting_is_no_attribute() -> None:
    settings = load_settings(registry=dict)
    with pytest.raises(AttributeError):
        settings.checks.speling  # type: ignore[attr-defined]  # noqa: B018
    assert "speling" not in inspect.getsource(settings_view)
