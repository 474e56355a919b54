"""The Windows installer, built here with msitools' wixl from the same WiX sources and inspected table by table.

What Linux tools cannot show (the install itself, ICE validation, Authenticode) is listed in
installer/README.md; what they can show is checked here: the per-machine package, the upgrade
code that never changes, the public properties for policy, the "Openen met" registration, the
Start-menu shortcut, and that every file of the app is in the File table.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from desktop.core.policy.settings import BY_KEY
from installer import msi
from tests.installer.conftest import require_tools

APP_FILES = (
    "schrijfhulp.exe",
    "schrijfhulp-cli.exe",
    "_internal/python311.dll",
    "_internal/llama_cpp/lib/ggml-cpu-haswell.dll",
    "_internal/resources/dictionaries/nl_NL.dic",
    "_internal/resources/templates/een heel lange bestandsnaam met spaties.docx",
    "LICENSES/THIRD-PARTY.md",
)


def windows_layout(app: Path, target: Path) -> Path:
    """A copy (hard links) of a frozen Linux app laid out as on Windows: the executables get .exe."""
    renamed = {"schrijfhulp": "schrijfhulp.exe", "schrijfhulp-cli": "schrijfhulp-cli.exe"}
    for path in sorted(app.rglob("*")):
        relative = path.relative_to(app).as_posix()
        destination = target / renamed.get(relative, relative)
        if path.is_dir() and not path.is_symlink():
            destination.mkdir(parents=True, exist_ok=True)
        elif path.is_file():  # a symlink to a file becomes the file, as Windows has no symlinks here
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(path.resolve(), destination)
    return target


def build(tmp_path: Path, app: Path, **options: Path) -> Path:
    require_tools("wixl", "msiinfo", "msibuild")
    return msi.build_msi(app, tmp_path / "out", toolset="wixl", **options)


@pytest.fixture
def small_app(tmp_path: Path) -> Path:
    """A stand-in for the frozen Windows app: the same layout, tiny files."""
    root = tmp_path / "app"
    for name in APP_FILES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"stand-in for {name}\n", encoding="utf-8")
    return root


@pytest.fixture
def small_msi(tmp_path: Path, small_app: Path) -> Path:
    return build(tmp_path, small_app)


def rows(package: Path, table: str) -> list[dict[str, str]]:
    return msi.msi_table(package, table)


def properties(package: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in rows(package, "Property")}


def test_the_package_is_per_machine_with_the_one_upgrade_code(small_msi):
    values = properties(small_msi)
    assert values["UpgradeCode"] == "{7FDCBF4F-0888-4AC6-AD2B-01FCC1FE09FA}" == "{" + msi.UPGRADE_CODE + "}"
    assert values["ALLUSERS"] == "1"
    assert values["ProductName"] == "Schrijfhulp"
    assert values["ProductVersion"] == msi.msi_version()
    upgrades = rows(small_msi, "Upgrade")
    assert {row["ActionProperty"] for row in upgrades} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    assert all(row["UpgradeCode"] == values["UpgradeCode"] for row in upgrades)
    summary = subprocess.run(["msiinfo", "suminfo", str(small_msi)], capture_output=True, text=True, check=True)
    assert re.search(r"^Template: x64;", summary.stdout, re.MULTILINE), summary.stdout


def test_a_new_build_is_a_new_product_that_upgrades_the_old_one(tmp_path, small_app, small_msi):
    again = msi.build_msi(small_app, tmp_path / "again", toolset="wixl")
    first, second = properties(small_msi), properties(again)
    assert first["UpgradeCode"] == second["UpgradeCode"]
    assert first["ProductCode"] != second["ProductCode"]
    # The same file keeps its component GUID from build to build (Windows Installer's component rules).
    ids = {row["Component"]: row["ComponentId"] for row in rows(small_msi, "Component")}
    assert ids == {row["Component"]: row["ComponentId"] for row in rows(again, "Component")}


def test_every_file_of_the_app_is_installed_under_program_files(small_msi, small_app):
    files = {row["FileName"] for row in rows(small_msi, "File")}
    expected = {Path(name).name for name in APP_FILES}
    assert expected <= files
    assert {"defaults.toml.voorbeeld", "policy.toml.voorbeeld", "schrijfhulp-beleid.reg"} <= files
    directories = {row["Directory"]: row for row in rows(small_msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == "Schrijfhulp"
    assert directories["MACHINECONFIGDIR"]["Directory_Parent"] == "CommonAppDataFolder"
    assert directories["MACHINEMODELSDIR"]["DefaultDir"] == "models"
    executables = {row["File"]: row["FileName"] for row in rows(small_msi, "File") if row["File"].endswith("Exe")}
    assert executables == {"SchrijfhulpExe": "schrijfhulp.exe", "SchrijfhulpCliExe": "schrijfhulp-cli.exe"}


def test_every_lockable_setting_is_a_secure_public_property(small_msi):
    secure = set(properties(small_msi)["SecureCustomProperties"].split(";"))
    policy = msi.policy_properties()
    assert {prop.name for prop in policy} <= secure
    assert "POLICY_DISCLOSURE_WHEN" in secure and "POLICY_ORGANISATION" in secure
    components = {row["Component"]: row for row in rows(small_msi, "Component")}
    registry = {row["Component_"]: row for row in rows(small_msi, "Registry")}
    for prop in policy:
        # Written only when given on the command line, to the key the app reads as policy.
        assert components[prop.name]["Condition"] == prop.name
        assert registry[prop.name]["Root"] == "2"  # HKEY_LOCAL_MACHINE
        assert registry[prop.name]["Key"].startswith("SOFTWARE\\Policies\\Schrijfhulp")
        numeric = BY_KEY[prop.setting.key].kind in (bool, int)
        assert registry[prop.name]["Value"] == ("#" if numeric else "") + f"[{prop.name}]"
    assert registry["POLICY_DISCLOSURE_WHEN"]["Key"] == "SOFTWARE\\Policies\\Schrijfhulp\\disclosure"
    assert registry["POLICY_DISCLOSURE_WHEN"]["Name"] == "when"


def test_docx_gets_open_with_schrijfhulp_without_losing_its_default(small_msi):
    registry = [row for row in rows(small_msi, "Registry") if row["Component_"] == "DocxOpenWith"]
    by_key = {(row["Key"], row["Name"]): row["Value"] for row in registry}
    assert by_key[("SOFTWARE\\Classes\\Schrijfhulp.docx\\shell\\open", "")] == "Openen met Schrijfhulp"
    assert by_key[("SOFTWARE\\Classes\\Schrijfhulp.docx\\shell\\open\\command", "")] == '"[#SchrijfhulpExe]" "%1"'
    assert ("SOFTWARE\\Classes\\.docx\\OpenWithProgids", "Schrijfhulp.docx") in by_key
    assert ("SOFTWARE\\Classes\\Applications\\schrijfhulp.exe\\SupportedTypes", ".docx") in by_key
    assert by_key[("SOFTWARE\\Schrijfhulp\\Capabilities\\FileAssociations", ".docx")] == "Schrijfhulp.docx"
    # Word keeps .docx: nothing writes the extension's default value or an Extension-table default.
    assert not any(key == "SOFTWARE\\Classes\\.docx" and name == "" for key, name in by_key)
    tables = subprocess.run(["msiinfo", "tables", str(small_msi)], capture_output=True, text=True, check=True)
    assert "Extension" not in tables.stdout.split() or rows(small_msi, "Extension") == []


def test_one_start_menu_shortcut_to_the_gui(small_msi):
    shortcuts = rows(small_msi, "Shortcut")
    assert [(row["Directory_"], row["Name"], row["Target"]) for row in shortcuts] == [
        ("ProgramMenuFolder", "Schrijfhulp", "[#SchrijfhulpExe]")
    ]
    assert shortcuts[0]["Icon_"] == "SchrijfhulpIcon"
    assert properties(small_msi)["ARPPRODUCTICON"] == "SchrijfhulpIcon"


def test_organisation_files_and_the_optional_languagetool_feature(tmp_path, small_app):
    defaults, policy = tmp_path / "defaults.toml", tmp_path / "policy.toml"
    defaults.write_text('organisation = "Gemeente Voorbeeld"\n', encoding="utf-8")
    policy.write_text('[disclosure]\nwhen = "always"\n', encoding="utf-8")
    languagetool = tmp_path / "languagetool"
    (languagetool / "jre" / "bin").mkdir(parents=True)
    (languagetool / "languagetool-server.jar").write_text("stand-in\n", encoding="utf-8")
    (languagetool / "jre" / "bin" / "java.exe").write_text("stand-in\n", encoding="utf-8")
    package = build(tmp_path, small_app, defaults=defaults, policy=policy, languagetool=languagetool)

    features = {row["Feature"]: row for row in rows(package, "Feature")}
    assert features["App"]["Level"] == "1"
    assert features["LanguageTool"]["Level"] == "1000"  # only with ADDLOCAL=App,LanguageTool
    files = {row["FileName"]: row for row in rows(package, "File")}
    components = {row["Component"]: row for row in rows(package, "Component")}
    assert components[files["defaults.toml"]["Component_"]]["Directory_"] == "MACHINECONFIGDIR"
    assert components[files["policy.toml"]["Component_"]]["Directory_"] == "MACHINECONFIGDIR"
    feature_of = {row["Component_"]: row["Feature_"] for row in rows(package, "FeatureComponents")}
    assert feature_of[files["languagetool-server.jar"]["Component_"]] == "LanguageTool"
    assert feature_of[files["java.exe"]["Component_"]] == "LanguageTool"
    directories = {row["Directory"]: row for row in rows(package, "Directory")}
    assert directories["LANGUAGETOOLDIR"]["Directory_Parent"] == "INSTALLDIR"


@pytest.mark.slow
def test_the_frozen_app_fits_in_the_msi_file_for_file(tmp_path, frozen_app):
    staged = windows_layout(frozen_app, tmp_path / "windows-layout")
    package = build(tmp_path, staged)
    expected = sorted(path.name for path in staged.rglob("*") if path.is_file())
    examples = ["defaults.toml.voorbeeld", "policy.toml.voorbeeld", "schrijfhulp-beleid.reg"]
    assert sorted(row["FileName"] for row in rows(package, "File")) == sorted(expected + examples)
