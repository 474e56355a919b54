"""Freeze Schrijfhulp into one folder with PyInstaller, add the licences, and check the result.

The folder (``dist/schrijfhulp``) holds ``schrijfhulp`` and ``schrijfhulp-cli`` (``.exe`` on
Windows) and one shared ``_internal`` folder with Python, Qt, llama.cpp and the resources. A
one-file build is never made: it unpacks itself on every start (slow) and upsets virus scanners.

The build refuses a llama.cpp that was compiled for the build machine's own processor: the app
must run on every laptop, so llama-cpp-python has to come from the portable wheel that
scripts/_setup.sh builds (baseline x86-64 plus CPU variants chosen at run time).

Usage: python installer/freeze.py [--dist DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.model import runtime  # noqa: E402
from installer import bundle_contents, icons, licenses  # noqa: E402

SPEC = REPO / "installer" / "schrijfhulp.spec"
CONTENTS = "_internal"
# The CPU variant every x86-64 processor can run; its presence marks a portable build.
BASELINE_VARIANT = "x64"


class FreezeError(Exception):
    """The frozen app would not be what IT installs; the message says what is wrong."""


def executable_name(name: str) -> str:
    """``name`` as an executable file name on this platform."""
    return f"{name}.exe" if sys.platform == "win32" else name


def check_portable_llama(folder: Path) -> list[str]:
    """The CPU variants of the llama.cpp in ``folder``; FreezeError unless the baseline is among them."""
    names = [variant.name for variant in runtime.cpu_variants(folder)]
    if BASELINE_VARIANT not in names:
        raise FreezeError(
            f"llama-cpp-python in {folder} is not the portable build (no ggml-cpu-{BASELINE_VARIANT}; "
            f"found {names or 'the CPU back-end compiled in'}). Run ./scripts/test or ./scripts/run once: "
            "scripts/_setup.sh builds and installs the portable wheel from .wheels/."
        )
    return names


def required_files(app: Path) -> dict[str, list[Path]]:
    """What a frozen app must contain, by description, with the files that satisfy each."""
    internal = app / CONTENTS
    wanted = {
        "executables": [app / executable_name(name) for _script, name, _windowed in bundle_contents.EXECUTABLES],
        "resources: OpenTaal dictionary": [internal / "resources" / "dictionaries" / "nl_NL.dic"],
        "model manifest": [internal / "models" / "manifest.toml"],
        "llama.cpp baseline CPU variant": sorted((internal / "llama_cpp" / "lib").glob("*ggml-cpu-x64*")),
        "libllama": sorted((internal / "llama_cpp" / "lib").glob("*llama.*")),
        "wordfreq Dutch list": sorted((internal / "wordfreq" / "data").glob("*_nl.msgpack.gz")),
        "python-docx default template": sorted((internal / "docx" / "templates").glob("default.docx")),
        "pyphen Dutch hyphenation": sorted((internal / "pyphen" / "dictionaries").glob("hyph_nl*.dic")),
        "choppa SRX rules": sorted((internal / "choppa" / "data" / "srx").glob("*.srx")),
        "licences": [app / "LICENSES" / "THIRD-PARTY.md"],
    }
    if bundle_contents.module_available("lingotweaker_data_nl"):
        rules = internal / "lingotweaker_data_nl" / "data" / "nl" / "rules"
        wanted["LanguageTool rules (lingotweaker)"] = [rules / "grammar.xml", rules / "style.xml"]
    return wanted


def verify_bundle(app: Path) -> None:
    """Raise FreezeError naming every required part that is missing from ``app``."""
    missing = [
        description
        for description, files in required_files(app).items()
        if not files or not all(path.exists() for path in files)
    ]
    if missing:
        raise FreezeError(f"the frozen app in {app} lacks: {', '.join(missing)}")
    check_portable_llama(app / CONTENTS / "llama_cpp" / "lib")


def freeze(dist: Path, work: Path) -> Path:
    """Build the one-folder app into ``dist/schrijfhulp`` and return that folder."""
    check_portable_llama(runtime.library_dir())
    icons.build_icons(REPO / "build" / "icons")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=REPO,
    )
    app = dist / "schrijfhulp"
    licenses.write_licenses(app, app / "LICENSES")
    verify_bundle(app)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Freeze the app and print where it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    try:
        app = freeze(args.dist, args.work)
    except FreezeError as exc:
        print(f"freeze: {exc}", file=sys.stderr)
        return 1
    print(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
