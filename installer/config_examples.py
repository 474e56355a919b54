"""Example files for IT, written from the settings schema so they never fall behind the app.

- ``defaults.toml.voorbeeld``: every setting, commented out, with its description and default.
  Copied to ``defaults.toml`` in the machine config folder, the values are the organisation's
  defaults; users may change them.
- ``policy.toml.voorbeeld``: every lockable setting. In ``policy.toml`` a value is locked.
- ``schrijfhulp-beleid.reg``: the same policy as Windows registry values under
  ``HKLM\\SOFTWARE\\Policies\\Schrijfhulp`` (Group Policy Preferences, Intune, or ``reg import``).

Usage: python installer/config_examples.py OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.policy.settings import REGISTRY_KEY, SCHEMA, Setting  # noqa: E402

DEFAULTS_EXAMPLE = "defaults.toml.voorbeeld"
POLICY_EXAMPLE = "policy.toml.voorbeeld"
REGISTRY_EXAMPLE = "schrijfhulp-beleid.reg"

DEFAULTS_HEADER = """\
# Schrijfhulp — standaardinstellingen van de organisatie / organisation defaults
#
# Kopieer dit bestand naar defaults.toml in deze map en haal het #-teken weg voor elke waarde die u
# wilt instellen (ook voor de [kop] erboven). Gebruikers mogen deze waarden in Schrijfhulp wijzigen.
# Copy this file to defaults.toml in this folder and uncomment the values (and their [section]) you
# want to set. Users may change these values.
"""

POLICY_HEADER = """\
# Schrijfhulp — beleid van de organisatie / organisation policy
#
# Kopieer dit bestand naar policy.toml in deze map en haal het #-teken weg voor elke waarde die u
# wilt vastzetten (ook voor de [kop] erboven). Een waarde in policy.toml is vergrendeld: de
# gebruiker ziet "beheerd door uw organisatie". Is policy.toml ongeldig, dan gebruikt Schrijfhulp
# voor elke vergrendelbare instelling de strikte waarde (hieronder genoemd) tot het bestand klopt.
# Copy this file to policy.toml and uncomment what you want to lock. While policy.toml is invalid,
# every lockable setting takes its strict value (given below) and is locked.
"""


def _toml_value(value: Any) -> str:
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _kind_text(setting: Setting) -> str:
    if setting.choices:
        return "keuze / choice: " + ", ".join(setting.choices)
    names = {bool: "true/false", int: "geheel getal / integer", str: "tekst / text", list: "lijst / list"}
    text = names.get(setting.kind, setting.kind.__name__)
    if setting.minimum is not None or setting.maximum is not None:
        text += f" ({setting.minimum} … {setting.maximum})"
    return text


def _sections(settings: Sequence[Setting]) -> dict[str, list[Setting]]:
    grouped: dict[str, list[Setting]] = {}
    for setting in settings:
        section = setting.key.rsplit(".", 1)[0] if "." in setting.key else ""
        grouped.setdefault(section, []).append(setting)
    return grouped


def _toml_example(header: str, settings: Sequence[Setting], *, strict: bool) -> str:
    lines = [header]
    for section, members in _sections(settings).items():
        if section:
            lines.append(f"# [{section}]")
        for setting in members:
            lines.append(f"# {setting.description} — {_kind_text(setting)}")
            if strict and setting.strict is not None:
                lines.append(f"#   strikt / strict: {_toml_value(setting.strict_value)}")
            lines.append(f"# {setting.key.rsplit('.', 1)[-1]} = {_toml_value(setting.default)}")
        lines.append("")
    return "\n".join(lines)


def defaults_example() -> str:
    """defaults.toml.voorbeeld: every setting, commented out, with its default."""
    return _toml_example(DEFAULTS_HEADER, SCHEMA, strict=False)


def policy_example() -> str:
    """policy.toml.voorbeeld: every lockable setting, commented out, with default and strict value."""
    return _toml_example(POLICY_HEADER, [s for s in SCHEMA if s.lockable], strict=True)


def registry_value(setting: Setting) -> tuple[str, str, str]:
    """(subkey below the policy key, value name, registry type) of a lockable setting."""
    section, _dot, name = setting.key.rpartition(".")
    kind = "REG_DWORD" if setting.kind in (bool, int) else "REG_MULTI_SZ" if setting.kind is list else "REG_SZ"
    return section.replace(".", "\\"), name, kind


def _reg_data(setting: Setting) -> str:
    value = setting.default
    if setting.kind in (bool, int):
        return f"dword:{int(value):08x}"
    if setting.kind is list:
        encoded = "".join(f"{item}\0" for item in value) + "\0"
        return "hex(7):" + ",".join(f"{byte:02x}" for byte in encoded.encode("utf-16-le"))
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def registry_example() -> str:
    """A .reg file with every lockable setting at its default, each value commented out with ';'."""
    lines = [
        "Windows Registry Editor Version 5.00",
        "",
        "; Schrijfhulp — beleid via het register / policy through the registry.",
        "; Haal ';' weg voor elke waarde die u wilt vastzetten en importeer met: reg import schrijfhulp-beleid.reg",
        "; Uncomment the values to lock and import with: reg import schrijfhulp-beleid.reg",
        "",
    ]
    by_subkey: dict[str, list[Setting]] = {}
    for setting in SCHEMA:
        if setting.lockable:
            by_subkey.setdefault(registry_value(setting)[0], []).append(setting)
    for subkey, members in by_subkey.items():
        key = "HKEY_LOCAL_MACHINE\\" + REGISTRY_KEY + (f"\\{subkey}" if subkey else "")
        lines.append(f"[{key}]")
        for setting in members:
            lines.append(f"; {setting.description} — {_kind_text(setting)}")
            lines.append(f';"{registry_value(setting)[1]}"={_reg_data(setting)}')
        lines.append("")
    return "\r\n".join(lines)


def write_examples(
    out_dir: Path, names: Sequence[str] = (DEFAULTS_EXAMPLE, POLICY_EXAMPLE, REGISTRY_EXAMPLE)
) -> dict[str, Path]:
    """Write the example files ``names`` into ``out_dir``; return them by file name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    examples = {
        DEFAULTS_EXAMPLE: (defaults_example, "utf-8"),
        POLICY_EXAMPLE: (policy_example, "utf-8"),
        REGISTRY_EXAMPLE: (registry_example, "utf-16"),  # regedit expects UTF-16 with a BOM
    }
    paths = {}
    for name in names:
        make, encoding = examples[name]
        text = make()
        path = out_dir / name
        path.write_text(text, encoding=encoding)
        paths[name] = path
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Write the example files into the folder given."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__.rstrip().rsplit("\n", 1)[-1], file=sys.stderr)
        return 2
    for path in write_examples(Path(args[0])).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
