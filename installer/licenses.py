"""The licences of everything the frozen app carries, gathered into its LICENSES folder.

Python packages: every distribution Schrijfhulp needs at run time (its requirements, followed
recursively with their markers for this platform), with the licence files from its metadata and
its declared licence in THIRD-PARTY.md. Also Python itself, llama.cpp (vendored by
llama-cpp-python, whose wheel carries only its own licence) and, on Debian, the copyright files of
the system libraries PyInstaller copied into the bundle. Schrijfhulp's own resources keep their
licences beside them in resources/.
"""

from __future__ import annotations

import filecmp
import importlib.metadata
import re
import shutil
import subprocess
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
THIRD_PARTY = REPO / "installer" / "third_party"
LLAMA_CPP_LICENSE = THIRD_PARTY / "llama.cpp-LICENSE"
# Licence texts for distributions whose wheels carry none (see installer/third_party/README.md).
SHIPPED_TEXTS = {
    "schrijfhulp": ("EUPL-1.2.txt",),
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "lingotweaker": ("LGPL-2.1.txt",),
    "lingotweaker-data-nl": ("LGPL-2.1.txt",),
}
LICENSE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)", re.IGNORECASE)


@dataclass(frozen=True)
class Notice:
    """One component: its name, version, declared licence and the licence files copied for it."""

    name: str
    version: str
    license: str
    files: tuple[str, ...]


def runtime_distributions(root: str = "schrijfhulp") -> list[importlib.metadata.Distribution]:
    """``root`` and everything it requires at run time on this platform, each once."""
    environment = default_environment()
    seen: dict[str, importlib.metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = canonicalize_name(pending.pop())
        if name in seen:
            continue
        distribution = importlib.metadata.distribution(name)
        seen[name] = distribution
        for text in distribution.requires or []:
            requirement = Requirement(text)
            marker_env = {**environment, "extra": ""}
            if requirement.marker is None or requirement.marker.evaluate(marker_env):
                pending.append(requirement.name)
    return sorted(seen.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def declared_license(distribution: importlib.metadata.Distribution) -> str:
    """License-Expression, else a short License field, else the licence classifiers."""
    metadata = distribution.metadata
    expression = metadata.get("License-Expression")
    if expression:
        return str(expression)
    field = str(metadata.get("License") or "").strip()
    if field and "\n" not in field and len(field) < 100:
        return field
    classifiers = [
        c.rsplit("::", 1)[-1].strip() for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return ", ".join(classifiers) or "zie de bestanden / see the files"


def _license_files(distribution: importlib.metadata.Distribution) -> list[Path]:
    found = []
    for entry in distribution.files or []:
        parts = entry.parts
        in_metadata = parts[0].endswith(".dist-info")
        if in_metadata and LICENSE_FILE.search(entry.name) and not entry.name.endswith((".py", ".pyc")):
            found.append(Path(str(distribution.locate_file(entry))))
    return found


def _debian_copyrights(bundle: Path) -> dict[str, Path]:
    """Debian package -> its copyright file, for system libraries PyInstaller put into ``bundle``."""
    if shutil.which("dpkg-query") is None:
        return {}
    copyrights: dict[str, Path] = {}
    for library in sorted(bundle.rglob("*.so*")):
        if library.is_symlink():
            continue
        for folder in ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib"):
            system = Path(folder) / library.name
            if system.is_file() and filecmp.cmp(system, library, shallow=False):
                result = subprocess.run(
                    ["dpkg-query", "-S", str(system)], capture_output=True, text=True, check=False
                )
                if result.returncode == 0:
                    package = result.stdout.split(":", 1)[0].strip()
                    copyright_file = Path("/usr/share/doc") / package / "copyright"
                    if copyright_file.is_file():
                        copyrights[package] = copyright_file
                break
    return copyrights


def write_licenses(bundle: Path, target: Path) -> list[Notice]:
    """Fill ``target`` (the LICENSES folder) for the frozen app in ``bundle``; return the notices."""
    target.mkdir(parents=True, exist_ok=True)
    notices: list[Notice] = []
    for distribution in runtime_distributions():
        name = str(distribution.metadata["Name"])
        folder = target / "python" / canonicalize_name(name)
        copied = []
        sources = _license_files(distribution)
        sources += [THIRD_PARTY / text for text in SHIPPED_TEXTS.get(canonicalize_name(name), ())]
        for source in sources:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / source.name)
            copied.append(f"python/{folder.name}/{source.name}")
        notices.append(Notice(name, distribution.version, declared_license(distribution), tuple(copied)))

    python_license = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    shutil.copyfile(python_license, target / "Python-LICENSE.txt")
    notices.append(Notice("Python", sysconfig.get_python_version(), "PSF-2.0", ("Python-LICENSE.txt",)))
    shutil.copyfile(LLAMA_CPP_LICENSE, target / "llama.cpp-LICENSE.txt")
    notices.append(Notice("llama.cpp (ggml)", "via llama-cpp-python", "MIT", ("llama.cpp-LICENSE.txt",)))
    for package, copyright_file in _debian_copyrights(bundle).items():
        (target / "system").mkdir(exist_ok=True)
        shutil.copyfile(copyright_file, target / "system" / f"{package}.copyright")
        notices.append(Notice(package, "Debian", "zie / see copyright", (f"system/{package}.copyright",)))

    lines = [
        "# Licenties van onderdelen / Third-party licences",
        "",
        "Schrijfhulp zelf: EUPL-1.2. Woordenboek, woordenlijsten en sjablonen: zie resources/ in de app.",
        "Schrijfhulp itself: EUPL-1.2. Dictionary, word lists and templates: see resources/ in the app.",
        "",
        "| onderdeel / component | versie / version | licentie / licence | bestanden / files |",
        "| --- | --- | --- | --- |",
    ]
    for notice in notices:
        files = ", ".join(notice.files) or "—"
        lines.append(f"| {notice.name} | {notice.version} | {notice.license} | {files} |")
    (target / "THIRD-PARTY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return notices
