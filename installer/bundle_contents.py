"""What goes into the frozen app besides the Python modules PyInstaller finds by itself.

PyInstaller follows imports; it cannot see files that code opens by path or libraries loaded with
ctypes. This module names them once for the spec (installer/schrijfhulp.spec) and for the tests
that check the built app: Schrijfhulp's resources and model manifest, llama.cpp's library folder
(every CPU variant), LanguageTool's Dutch rules for lingotweaker (Linux x86_64 only), wordfreq's
Dutch and English frequency lists, choppa's SRX rules, and the package metadata read at run time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Frozen executables: (script, name, windowed). The GUI has no console window on Windows.
EXECUTABLES = (
    ("launch_gui.py", "schrijfhulp", True),
    ("launch_cli.py", "schrijfhulp-cli", False),
)

# wordfreq ships lists for 44 languages (58 MB); Schrijfhulp asks for Dutch and English only.
WORDFREQ_LANGUAGES = ("nl", "en")
# Qt's own catalogues for the two user-interface languages (stock dialogs and buttons).
QT_TRANSLATION_LANGUAGES = ("nl", "en")

# Imported by name at run time (entry points), invisible to PyInstaller's import scan.
HIDDEN_IMPORT_PACKAGES = ("keyring.backends",)
# Distributions whose metadata the code or its libraries read at run time.
METADATA = ("keyring", "lingotweaker-data-nl", "schrijfhulp")
# Qt's GTK 3 theme plugin would drag a copy of the build machine's GTK stack into the app, to be
# mixed with the laptop's own GTK modules at run time (a known source of crashes). Qt then uses
# its portal or built-in theme instead.
DROPPED_BINARIES = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so",)
# Modules that are never part of the app (test and build tools pulled in by optional imports).
EXCLUDES = ("tkinter", "pytest", "hypothesis", "IPython", "mypy", "PyInstaller", "setuptools", "pip")


def module_available(name: str) -> bool:
    """True when ``name`` can be imported in the build environment (without importing it)."""
    return importlib.util.find_spec(name) is not None


def data_files() -> list[tuple[str, str]]:
    """(source, destination folder) pairs for PyInstaller's ``datas``."""
    from PyInstaller.utils.hooks import collect_data_files, copy_metadata

    datas: list[tuple[str, str]] = [
        (str(REPO / "resources"), "resources"),
        (str(REPO / "models" / "manifest.toml"), "models"),
    ]
    datas += collect_data_files("choppa")
    datas += [
        (source, dest)
        for source, dest in collect_data_files("wordfreq")
        if wordfreq_file_wanted(Path(source).name)
    ]
    # simplemma's lemma dictionaries: 54 languages (19 MB); the B1 content guard uses the Dutch one.
    datas += [(source, dest) for source, dest in collect_data_files("simplemma") if Path(source).name == "nl.plzma"]
    if module_available("lingotweaker_data_nl"):
        datas += collect_data_files("lingotweaker_data_nl")
    for distribution in METADATA:
        if distribution != "lingotweaker-data-nl" or module_available("lingotweaker_data_nl"):
            datas += copy_metadata(distribution)
    return datas


def wordfreq_file_wanted(name: str) -> bool:
    """Keep wordfreq's Dutch and English lists (``large_nl.msgpack.gz``); drop the others and the
    Chinese segmenter's dictionaries."""
    stem = name.removesuffix(".msgpack.gz")
    return stem != name and any(stem.endswith(f"_{language}") for language in WORDFREQ_LANGUAGES)


def binary_files() -> list[tuple[str, str]]:
    """llama-cpp-python's library folder, loaded with ctypes: libllama, ggml and every CPU variant."""
    from PyInstaller.utils.hooks import collect_dynamic_libs

    return collect_dynamic_libs("llama_cpp")


def hidden_imports() -> list[str]:
    """Modules loaded by name at run time: the command line's command modules and the packages below."""
    from PyInstaller.utils.hooks import collect_submodules

    from desktop.cli import COMMANDS

    names = sorted({module for module, _function in COMMANDS.values()})
    for package in HIDDEN_IMPORT_PACKAGES:
        names += collect_submodules(package)
    return names


def keep_collected(dest_name: str) -> bool:
    """Filter over everything collected: drops Qt catalogues for languages the app does not offer."""
    path = dest_name.replace("\\", "/")
    if "/Qt/translations/" in path or path.startswith("PySide6/translations/"):
        stem = path.rsplit("/", 1)[-1].removesuffix(".qm")
        return stem.rsplit("_", 1)[-1] in QT_TRANSLATION_LANGUAGES
    return True



TocEntry = tuple[str, str, str]  # PyInstaller's (destination, source, typecode)


def _closure(starts: Iterable[str], needs: Callable[[str], Iterable[str]]) -> set[str]:
    seen: set[str] = set()
    pending = list(starts)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(needs(name))
    return seen


def drop_binaries(binaries: list[TocEntry], dropped: Iterable[str] = DROPPED_BINARIES) -> list[TocEntry]:
    """``binaries`` without the ``dropped`` plugins and the libraries that only they needed.

    A library is removed only when it is reachable from a dropped plugin and from nothing else
    in the bundle, so anything PyInstaller collected for another reason stays.
    """
    from PyInstaller.depend.bindepend import get_imports

    by_dest = {dest.replace("\\", "/"): (dest, source, kind) for dest, source, kind in binaries}
    by_base: dict[str, str] = {}
    for dest in by_dest:
        by_base.setdefault(dest.rsplit("/", 1)[-1], dest)

    def needs(dest: str) -> list[str]:
        _dest, source, kind = by_dest[dest]
        if kind == "SYMLINK" or not Path(source).is_file():
            return []
        names = (Path(name).name for name, _path in get_imports(source))
        return [by_base[name] for name in names if name in by_base]

    gone = {dest for dest in dropped if dest in by_dest}
    if not gone:
        return binaries
    suspects = _closure(gone, needs)
    still_needed = _closure((dest for dest in by_dest if dest not in suspects), needs)
    removed = suspects - still_needed
    return [entry for dest, entry in by_dest.items() if dest not in removed]
