"""Generate desktop/core/policy/settings_view.py, the typed read access to every setting, from the schema.

Usage:
  .venv/bin/python scripts/settings_view.py          # (re)write the module after changing settings.SCHEMA
  .venv/bin/python scripts/settings_view.py --check  # exit 1 when the module is not what the schema gives

A setting ``checks.spelling`` (bool) becomes ``settings.checks.spelling -> bool``; a top-level setting
``author`` becomes ``settings.author -> str``. tests/core/policy/test_settings_view.py fails when the module
and the schema differ, so a setting is still declared once (in SCHEMA).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.policy.settings import SCHEMA, Setting  # noqa: E402

TARGET = ROOT / "desktop" / "core" / "policy" / "settings_view.py"
TYPES = {bool: "bool", int: "int", str: "str", list: "list[str]"}

HEADER = '''"""Typed read access to every setting: ``settings.checks.spelling`` is a bool, ``settings.save.mode``
one of its choices.

GENERATED from ``settings.SCHEMA`` by scripts/settings_view.py; do not edit (tests/core/policy/test_settings_view.py
checks that it matches the schema). A misspelt setting or a value used as the wrong type fails at type-check time.
Code that handles any setting by its key (the settings dialog, policy files) uses ``Settings.value(key)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal


class _Section:
    """The settings under one prefix, read from the effective values."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values
'''


def _class_name(section: str) -> str:
    return "".join(part.capitalize() for part in section.split("_")) + "Settings"


def _type(setting: Setting) -> str:
    """The annotation: a Literal of the choices for a setting that has them, else the plain type."""
    if setting.choices:
        return "Literal[" + ", ".join(f'"{choice}"' for choice in setting.choices) + "]"
    return TYPES[setting.kind]


def _property(name: str, setting: Setting, source: str) -> list[str]:
    description = setting.description.replace('"', "'")
    return [
        "",
        "    @property",
        f"    def {name}(self) -> {_type(setting)}:",
        f'        """{description}."""',
        f'        return {source}["{setting.key}"]',
    ]


def render() -> str:
    """The module's source for the current schema."""
    sections: dict[str, list[Setting]] = defaultdict(list)
    top: list[Setting] = []
    for setting in SCHEMA:
        if "." in setting.key:
            section, _name = setting.key.split(".", 1)
            sections[section].append(setting)
        else:
            top.append(setting)
    lines = [HEADER.rstrip("\n")]
    for section, settings in sections.items():
        lines += ["", "", f"class {_class_name(section)}(_Section):", f'    """The {section}.* settings."""',
                  "", "    __slots__ = ()"]
        for setting in settings:
            lines += _property(setting.key.split(".", 1)[1], setting, "self._values")
    lines += [
        "",
        "",
        "class SettingsView:",
        '    """Every setting by name, typed; mixed into :class:`desktop.core.policy.settings.Settings`."""',
        "",
        "    values: dict[str, Any]",
    ]
    for setting in top:
        lines += _property(setting.key, setting, "self.values")
    for section in sections:
        lines += [
            "",
            "    @property",
            f"    def {section}(self) -> {_class_name(section)}:",
            f'        """The {section}.* settings."""',
            f"        return {_class_name(section)}(self.values)",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the module, or with --check say whether it is current."""
    source = render()
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != source:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/settings_view.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
