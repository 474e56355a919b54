"""Debian packages: the generic package writer and the app package ``schrijfhulp``.

The app package installs the frozen app to /opt/schrijfhulp, links ``schrijfhulp`` and
``schrijfhulp-cli`` into /usr/bin, registers a desktop entry with the .docx type (so file managers
offer "Openen met Schrijfhulp" without making it the default) and the icon, and creates
/etc/schrijfhulp with example defaults and policy files (conffiles) and /usr/share/schrijfhulp/models
for model packs. Its only maintainer script is a postrm that deletes /etc/schrijfhulp on purge;
desktop and icon caches are refreshed by the triggers of desktop-file-utils and the icon theme.
Nothing in it touches the network. Its Depends name the packages of the system libraries the
bundled binaries need and the bundle does not carry (the C library and the graphics stack).

Usage: python installer/debian.py APP_DIR [--out DIR] [--maintainer "Name <mail>"]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop import __version__  # noqa: E402
from installer import config_examples, icons  # noqa: E402
from installer.tools import PackagingError, require_tool  # noqa: E402

PACKAGE = "schrijfhulp"
INSTALL_DIR = Path("opt") / "schrijfhulp"
CONFIG_DIR = Path("etc") / "schrijfhulp"
MODELS_DIR = Path("usr") / "share" / "schrijfhulp" / "models"
DEFAULT_MAINTAINER = "Schrijfhulp-team <schrijfhulp@example.invalid>"
LINUX_FILES = REPO / "installer" / "linux"
ICON_SIZES = icons.PNG_SIZES


def _normalise_permissions(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.relative_to(root).parts[0] != "DEBIAN":
            digest = hashlib.md5(usedforsecurity=False)
            with path.open("rb") as handle:
                while chunk := handle.read(8 * 1024 * 1024):
                    digest.update(chunk)
            lines.append(f"{digest.hexdigest()}  {path.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def installed_size_kib(root: Path) -> int:
    """Installed-Size: the payload's size in KiB, as dpkg-gencontrol counts it (roughly)."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        total += path.lstat().st_size if path.is_file() or path.is_symlink() else 0
    return (total + 1023) // 1024


def build_package(
    root: Path,
    control: dict[str, str],
    out_dir: Path,
    *,
    conffiles: Iterable[str] = (),
    scripts: dict[str, Path] | None = None,
    compression: str = "zstd",
    level: int = 9,
) -> Path:
    """Write DEBIAN/ into the staged tree ``root`` and build ``out_dir/<name>_<version>_<arch>.deb``.

    ``control`` holds the fields (Installed-Size is added); ``scripts`` maps maintainer script
    names to files; files are owned by root in the package whoever builds it. zstd level 9 packs
    the app to 40 % in half a minute, where xz needs minutes to save a sixth more; dpkg reads zstd since
    1.21.18, older than any system the app runs on (glibc 2.36).
    """
    require_tool("dpkg-deb")
    debian = root / "DEBIAN"
    debian.mkdir(exist_ok=True)
    _normalise_permissions(root)
    fields = {**control, "Installed-Size": str(installed_size_kib(root))}
    order = ("Package", "Version", "Architecture", "Maintainer", "Installed-Size")
    ordered = [key for key in order if key in fields] + [key for key in fields if key not in order]
    text = "".join(f"{key}: {fields[key]}\n" for key in ordered if key != "Description")
    text += f"Description: {fields['Description']}\n"
    (debian / "control").write_text(text, encoding="utf-8")
    conffile_list = list(conffiles)
    if conffile_list:
        (debian / "conffiles").write_text("".join(f"{name}\n" for name in conffile_list), encoding="utf-8")
    for name, source in (scripts or {}).items():
        shutil.copyfile(source, debian / name)
        (debian / name).chmod(0o755)
    (debian / "md5sums").write_text(_md5sums(root), encoding="utf-8")
    (debian / "md5sums").chmod(0o644)
    (debian / "control").chmod(0o644)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{fields['Package']}_{fields['Version']}_{fields['Architecture']}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _needed(elf: Path) -> tuple[set[str], set[str]]:
    """(DT_NEEDED sonames, GLIBC_x.y symbol versions) of one ELF file, read with readelf."""
    result = subprocess.run(
        ["readelf", "--wide", "--dynamic", "--version-info", str(elf)], capture_output=True, text=True, check=True
    )
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout))
    return needed, set(re.findall(r"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b", result.stdout))


def _system_library_paths() -> dict[str, str]:
    output = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for line in output.splitlines()[1:]:
        name, _sep, path = line.strip().partition(" => ")
        soname = name.split(" ", 1)[0]
        if "x86-64" in name or "64bit" in name:
            found.setdefault(soname, path.strip())
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def external_depends(app_root: Path) -> str:
    """The Depends line: the Debian packages of the libraries the bundle needs but does not carry.

    PyInstaller bundles most libraries and leaves out the C library and the graphics stack (libGL,
    libEGL and friends), which must match the laptop's drivers. The C library gets a minimum
    version: the newest GLIBC symbol version any bundled binary uses.
    """
    require_tool("readelf")
    require_tool("dpkg-query")
    elves = _elf_files(app_root)
    bundled = {path.name for path in app_root.rglob("*")}
    needed: set[str] = set()
    glibc: set[str] = set()
    for elf in elves:
        names, versions = _needed(elf)
        needed |= names
        glibc |= versions
    system = _system_library_paths()
    missing = sorted(name for name in needed - bundled if name not in system)
    if missing:
        raise PackagingError(f"libraries needed by the bundle are neither bundled nor installed: {missing}")
    packages: set[str] = set()
    for name in sorted(needed - bundled):
        owner = subprocess.run(
            ["dpkg-query", "--search", os.path.realpath(system[name])], capture_output=True, text=True, check=False
        )
        if owner.returncode != 0:
            owner = subprocess.run(
                ["dpkg-query", "--search", system[name]], capture_output=True, text=True, check=True
            )
        packages.add(owner.stdout.split(":", 1)[0].strip())
    newest_glibc = max(glibc, key=_version_key) if glibc else ""
    return ", ".join(
        f"{package} (>= {newest_glibc})" if package == "libc6" and newest_glibc else package
        for package in sorted(packages)
    )


def stage_app(app: Path, root: Path) -> None:
    """Lay out the app package's files under ``root`` (the future /)."""
    shutil.copytree(app, root / INSTALL_DIR, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("schrijfhulp", "schrijfhulp-cli"):
        (bin_dir / name).symlink_to(Path("/") / INSTALL_DIR / name)
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(LINUX_FILES / "schrijfhulp.desktop", applications / "schrijfhulp.desktop")
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-icons-") as work:
        rendered = icons.build_icons(Path(work))
        theme = root / "usr" / "share" / "icons" / "hicolor"
        for size in ICON_SIZES:
            folder = theme / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True)
            shutil.copyfile(rendered[f"png{size}"], folder / "schrijfhulp.png")
        (theme / "scalable" / "apps").mkdir(parents=True)
        shutil.copyfile(rendered["svg"], theme / "scalable" / "apps" / "schrijfhulp.svg")
    config_examples.write_examples(
        root / CONFIG_DIR, (config_examples.DEFAULTS_EXAMPLE, config_examples.POLICY_EXAMPLE)
    )
    (root / MODELS_DIR).mkdir(parents=True)
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(REPO / "installer" / "README.md", doc / "README.IT.md")
    (doc / "copyright").write_text(
        "Schrijfhulp\n"
        "License: EUPL-1.2\n\n"
        "The licences of every bundled component (Python, Qt for Python, llama.cpp, LanguageTool rules,\n"
        "the OpenTaal dictionary, Python packages and system libraries) are in /opt/schrijfhulp/LICENSES\n"
        "and /opt/schrijfhulp/_internal/resources.\n",
        encoding="utf-8",
    )


def build_app_deb(app: Path, out_dir: Path, maintainer: str = DEFAULT_MAINTAINER) -> Path:
    """Build ``schrijfhulp_<version>_amd64.deb`` from the frozen app folder ``app``."""
    depends = external_depends(app)
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-deb-") as work:
        root = Path(work) / "root"
        stage_app(app, root)
        control = {
            "Package": PACKAGE,
            "Version": __version__,
            "Architecture": "amd64",
            "Maintainer": maintainer,
            "Section": "text",
            "Priority": "optional",
            "Depends": depends,
            "Suggests": "schrijfhulp-model",
            "Description": (
                "offline schrijfhulp voor ambtenaren / offline writing assistant\n"
                " Schrijfhulp controleert spelling en grammatica in Word-documenten (.docx), maakt\n"
                " zinnen eenvoudiger (taalniveau B1) zonder feiten te veranderen en toetst besluiten\n"
                " aan de Awb. Alles gebeurt op deze computer: geen internet, geen telemetrie.\n"
                " .\n"
                " Het taalmodel komt uit een apart modelpakket (schrijfhulp-model-...)."
            ),
        }
        conffiles = [
            f"/{CONFIG_DIR.as_posix()}/{name}"
            for name in (config_examples.DEFAULTS_EXAMPLE, config_examples.POLICY_EXAMPLE)
        ]
        return build_package(
            root, control, out_dir, conffiles=conffiles, scripts={"postrm": LINUX_FILES / "postrm"}
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the app package from a frozen app folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the frozen app folder (installer/freeze.py)")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--maintainer", default=DEFAULT_MAINTAINER, help="the Maintainer field")
    args = parser.parse_args(argv)
    try:
        print(build_app_deb(args.app, args.out, args.maintainer))
    except PackagingError as exc:
        print(f"debian: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
