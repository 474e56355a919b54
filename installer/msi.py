"""The Windows installer: generate the WiX sources for a frozen app and build the MSI.

installer/windows/Schrijfhulp.wxs holds what never changes (the upgrade code, shortcuts, the
"Openen met" registration, the folders in %ProgramData%). This module writes the rest:

- Files.wxs: one component per file of the frozen app under %ProgramFiles%\\Schrijfhulp (and, when
  given, a LanguageTool release with its Java runtime under ...\\Schrijfhulp\\languagetool for the
  optional feature). Component GUIDs are derived from the file's path, so they stay the same from
  release to release, as Windows Installer's component rules require.
- Policy.wxi and Policy.wxs: one public property per lockable setting (``POLICY_DISCLOSURE_WHEN=always``),
  each written to HKLM\\SOFTWARE\\Policies\\Schrijfhulp only when given on the msiexec command line.

It then builds with WiX Toolset 3 (candle/light, on the Windows build machine; light also runs
the ICE validation) or with msitools' wixl (on Linux, for the structural tests).

Usage: python installer/msi.py APP_DIR [--out DIR] [--toolset wix3|wixl] [--languagetool DIR]
       [--defaults defaults.toml] [--policy policy.toml]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop import __version__  # noqa: E402
from desktop.core.policy.settings import REGISTRY_KEY, SCHEMA, Setting  # noqa: E402
from installer import config_examples, icons  # noqa: E402
from installer.tools import PackagingError, require_tool  # noqa: E402

WXS = REPO / "installer" / "windows" / "Schrijfhulp.wxs"
UPGRADE_CODE = "7FDCBF4F-0888-4AC6-AD2B-01FCC1FE09FA"
# Namespace of the component GUIDs derived from paths; never change it (see the module docstring).
COMPONENT_NAMESPACE = uuid.UUID("ef0553b1-f464-4c25-8174-fc211061ee87")
EXECUTABLE_IDS = {"schrijfhulp.exe": "SchrijfhulpExe", "schrijfhulp-cli.exe": "SchrijfhulpCliExe"}
LANGUAGETOOL_FOLDER = "languagetool"
WIX_NS = "http://schemas.microsoft.com/wix/2006/wi"


@dataclass(frozen=True)
class PolicyProperty:
    """A public MSI property that sets one lockable setting as machine policy."""

    name: str
    setting: Setting
    subkey: str
    value_name: str
    registry_type: str  # "string" or "integer" (REG_DWORD)


def policy_properties() -> list[PolicyProperty]:
    """POLICY_<KEY> for every lockable setting that is text, a choice, a number or true/false."""
    found = []
    for setting in SCHEMA:
        if not setting.lockable or setting.kind is list:
            continue
        section, _dot, name = setting.key.rpartition(".")
        found.append(
            PolicyProperty(
                name="POLICY_" + setting.key.upper().replace(".", "_"),
                setting=setting,
                subkey=REGISTRY_KEY + ("\\" + section.replace(".", "\\") if section else ""),
                value_name=name,
                registry_type="integer" if setting.kind in (bool, int) else "string",
            )
        )
    return found


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:24]


def component_guid(scope: str, relative: str) -> str:
    """The stable component GUID of a file: derived from its install path, never random."""
    return str(uuid.uuid5(COMPONENT_NAMESPACE, f"{scope}/{relative.lower()}")).upper()


def _directory_xml(root: Path, scope: str, source_var: str, lines: list[str], components: list[str]) -> None:
    def emit(folder: Path, depth: int) -> None:
        pad = "  " * depth
        for path in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
            relative = path.relative_to(root).as_posix()
            if path.is_dir():
                lines.append(f"{pad}<Directory Id=\"d{_digest(scope + relative)}\" Name={quoteattr(path.name)}>")
                emit(path, depth + 1)
                lines.append(f"{pad}</Directory>")
                continue
            file_id = EXECUTABLE_IDS.get(relative.lower()) if scope == "app" else None
            file_id = file_id or f"f{_digest(scope + relative)}"
            component = f"c{_digest(scope + relative)}"
            components.append(component)
            source = f"$(var.{source_var})/{relative}"
            lines.append(
                f"{pad}<Component Id=\"{component}\" Guid=\"{component_guid(scope, relative)}\" Win64=\"yes\">"
                f"<File Id=\"{file_id}\" Name={quoteattr(path.name)} Source={quoteattr(source)} KeyPath=\"yes\"/>"
                "</Component>"
            )

    emit(root, 3)


def files_wxs(app: Path, languagetool: Path | None = None) -> str:
    """Files.wxs: the frozen app (component group AppFiles) and optionally LanguageToolFiles."""
    lines = [f'<?xml version="1.0" encoding="utf-8"?>\n<Wix xmlns="{WIX_NS}">', "  <Fragment>"]
    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    app_components: list[str] = []
    _directory_xml(app, "app", "AppDir", lines, app_components)
    lt_components: list[str] = []
    if languagetool is not None:
        lines.append(f'      <Directory Id="LANGUAGETOOLDIR" Name="{LANGUAGETOOL_FOLDER}">')
        _directory_xml(languagetool, "languagetool", "LanguageToolDir", lines, lt_components)
        lines.append("      </Directory>")
    lines.append("    </DirectoryRef>")
    for group, members in (("AppFiles", app_components), ("LanguageToolFiles", lt_components)):
        if members:
            lines.append(f'    <ComponentGroup Id="{group}">')
            lines += [f'      <ComponentRef Id="{component}"/>' for component in members]
            lines.append("    </ComponentGroup>")
    lines += ["  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def policy_wxi(for_wixl: bool) -> str:
    """Policy.wxi (included in the Product): the POLICY_* public properties.

    WiX marks them Secure, so msiexec passes them to the elevated install. wixl does not know that
    attribute (and writes SecureCustomProperties itself): for wixl they are added afterwards by
    :func:`_complete_wixl_build`.
    """
    lines = [f'<?xml version="1.0" encoding="utf-8"?>\n<Include xmlns="{WIX_NS}">']
    if not for_wixl:
        lines += [f'  <Property Id="{p.name}" Secure="yes"/>' for p in policy_properties()]
    lines += ["</Include>", ""]
    return "\n".join(lines)


def policy_wxs(for_wixl: bool) -> str:
    """Policy.wxs: for each POLICY_* property a component, installed only when the property is set,
    that writes it to HKLM\\SOFTWARE\\Policies\\Schrijfhulp.

    wixl cannot write component conditions; for wixl they are added afterwards by
    :func:`_complete_wixl_build`.
    """
    lines = [f'<?xml version="1.0" encoding="utf-8"?>\n<Wix xmlns="{WIX_NS}">', "  <Fragment>"]
    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    properties = policy_properties()
    for prop in properties:
        condition = "" if for_wixl else f"<Condition>{prop.name}</Condition>"
        lines.append(
            f'      <Component Id="{prop.name}" Guid="{component_guid("policy", prop.setting.key)}" Win64="yes">'
            f"{condition}"
            f'<RegistryValue Root="HKLM" Key={quoteattr(prop.subkey)} Name="{prop.value_name}" '
            f'Type="{prop.registry_type}" Value="[{prop.name}]" KeyPath="yes"/></Component>'
        )
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="PolicyValues">')
    lines += [f'      <ComponentRef Id="{p.name}"/>' for p in properties]
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def msi_version(version: str = __version__) -> str:
    """The ProductVersion: major.minor.build, numbers only (0.1.0rc1 -> 0.1.0)."""
    parts = []
    for part in version.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit()) or "0"
        parts.append(digits)
    return ".".join(parts + ["0"] * (3 - len(parts)))


def build_msi(
    app: Path,
    out_dir: Path,
    *,
    toolset: str = "wix3",
    languagetool: Path | None = None,
    defaults: Path | None = None,
    policy: Path | None = None,
) -> Path:
    """Generate the sources for ``app`` (a frozen Windows app folder) and build Schrijfhulp-<version>-x64.msi."""
    for executable in EXECUTABLE_IDS:
        if not (app / executable).is_file():
            raise PackagingError(f"{app} holds no {executable}: give the frozen Windows app folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"Schrijfhulp-{msi_version()}-x64.msi"
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-msi-") as work_name:
        work = Path(work_name)
        (work / "Files.wxs").write_text(files_wxs(app, languagetool), encoding="utf-8")
        (work / "Policy.wxi").write_text(policy_wxi(for_wixl=toolset == "wixl"), encoding="utf-8")
        (work / "Policy.wxs").write_text(policy_wxs(for_wixl=toolset == "wixl"), encoding="utf-8")
        examples = work / "examples"
        config_examples.write_examples(examples)
        icon = icons.build_icons(work / "icons")["ico"]
        inputs = {"AppDir": app, "IconFile": icon, "ExamplesDir": examples}
        if languagetool is not None:
            inputs["LanguageToolDir"] = languagetool
        if defaults is not None:
            inputs["DefaultsFile"] = defaults
        if policy is not None:
            inputs["PolicyFile"] = policy
        variables = {"Version": msi_version(), **_source_paths(inputs, work, relative=toolset == "wixl")}
        if languagetool is not None:
            variables["LanguageTool"] = "1"
        sources = [WXS, work / "Files.wxs", work / "Policy.wxs"]
        if toolset == "wixl":
            _build_wixl(sources, variables, target, work)
        elif toolset == "wix3":
            _build_wix3(sources, variables, target, work)
        else:
            raise ValueError(f"unknown toolset {toolset!r}; choose wix3 or wixl")
    return target


def _source_paths(inputs: dict[str, Path], work: Path, *, relative: bool) -> dict[str, str]:
    """Preprocessor values for input paths, with forward slashes (both toolsets accept them).

    wixl only resolves names relative to its working folder, so for wixl each input is linked into
    ``work`` and named relative to it; WiX gets absolute paths.
    """
    if not relative:
        return {name: path.resolve().as_posix() for name, path in inputs.items()}
    values = {}
    for name, path in inputs.items():
        link = work / f"input-{name}"
        link.symlink_to(path.resolve(), target_is_directory=path.is_dir())
        values[name] = link.name
    return values


def _build_wixl(sources: list[Path], variables: dict[str, str], target: Path, includes: Path) -> None:
    require_tool("wixl")
    defines = [argument for name, value in variables.items() for argument in ("-D", f"{name}={value}")]
    result = subprocess.run(
        ["wixl", "-a", "x64", "-I", str(includes), *defines, "-o", str(target.resolve()), *map(str, sources)],
        cwd=includes,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not target.is_file():
        raise PackagingError(f"wixl failed: {result.stderr.strip()[-3000:]}")
    _complete_wixl_build(target)


def msi_table(msi: Path, table: str) -> list[dict[str, str]]:
    """The rows of one table of ``msi`` (read with msitools' msiinfo), as dictionaries by column."""
    require_tool("msiinfo")
    exported = subprocess.run(["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True)
    lines = exported.stdout.split("\r\n") if "\r\n" in exported.stdout else exported.stdout.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:] if line]


def _complete_wixl_build(target: Path) -> None:
    """What WiX writes and wixl cannot: the POLICY_* component conditions and secure properties."""
    require_tool("msibuild")
    properties = [prop.name for prop in policy_properties()]
    existing = {row["Property"]: row["Value"] for row in msi_table(target, "Property")}
    secure = [name for name in existing.get("SecureCustomProperties", "").split(";") if name] + properties
    queries = [
        f"UPDATE `Component` SET `Condition` = '{name}' WHERE `Component` = '{name}'" for name in properties
    ]
    if "SecureCustomProperties" in existing:
        queries.append(
            f"UPDATE `Property` SET `Value` = '{';'.join(secure)}' WHERE `Property` = 'SecureCustomProperties'"
        )
    else:
        queries.append(
            f"INSERT INTO `Property` (`Property`, `Value`) VALUES ('SecureCustomProperties', '{';'.join(secure)}')"
        )
    for query in queries:
        subprocess.run(["msibuild", str(target), "-q", query], check=True, capture_output=True)


def _build_wix3(sources: list[Path], variables: dict[str, str], target: Path, work: Path) -> None:
    candle, light = shutil.which("candle"), shutil.which("light")  # PATHEXT finds the .exe on Windows
    if not candle or not light:
        raise PackagingError("WiX Toolset 3 (candle.exe, light.exe) is not on PATH")
    objects = work / "obj"
    objects.mkdir()
    defines = [f"-d{name}={value}" for name, value in variables.items()]
    subprocess.run(
        [candle, "-nologo", "-arch", "x64", "-I", str(work), *defines, "-out", f"{objects}\\", *map(str, sources)],
        cwd=work,
        check=True,
    )
    subprocess.run(
        [light, "-nologo", "-spdb", "-out", str(target.resolve()), *map(str, sorted(objects.glob("*.wixobj")))],
        cwd=work,
        check=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the MSI from a frozen Windows app folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the frozen app folder (with schrijfhulp.exe)")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--toolset", choices=("wix3", "wixl"), default="wix3")
    parser.add_argument("--languagetool", type=Path, help="LanguageTool release folder with jre/ (optional feature)")
    parser.add_argument("--defaults", type=Path, help="the organisation's defaults.toml to install")
    parser.add_argument("--policy", type=Path, help="the organisation's policy.toml to install")
    args = parser.parse_args(argv)
    try:
        target = build_msi(
            args.app,
            args.out,
            toolset=args.toolset,
            languagetool=args.languagetool,
            defaults=args.defaults,
            policy=args.policy,
        )
    except PackagingError as exc:
        print(f"msi: {exc}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
