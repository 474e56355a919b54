"""Start-up of the desktop app: crash logging first, a plain dependency check, then the Qt UI."""

from __future__ import annotations

import faulthandler
import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from desktop.core.paths import log_dir

CRASH_LOG_NAME = "crash.log"
REQUIRED = ("PySide6", "docx", "lxml", "llama_cpp", "hunspell")
# The core modules the window needs before it shows, imported before PySide6. Once PySide6 is imported it
# reads the source file of every module imported after it, to see whether that module uses PySide6's
# __feature__ switches (PYSIDE-2029, shibokensupport/feature.py); for these modules and the standard
# library modules they import (tomllib, socket, platformdirs, datetime) that cost ~5 ms of the start
# (bench/bench_ui_startup.py).
EARLY_MODULES = (
    "desktop.core.i18n",
    "desktop.core.model.energy",
    "desktop.core.policy.network_guard",
    "desktop.core.policy.settings",
    "desktop.core.privacy.kept_reviews",
    "desktop.core.user_state",
)

_crash_log: TextIO | None = None


def enable_crash_log() -> Path | None:
    """Send native crashes (e.g. inside llama.cpp) to the crash log before Qt loads.

    A crash log left by the previous run (it is non-empty only after a crash) is renamed with its
    time and returned, so the app can offer it; the new run writes to a fresh log.
    """
    global _crash_log
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CRASH_LOG_NAME
    previous = None
    if path.is_file() and path.stat().st_size:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
        previous = path.replace(folder / f"crash-{stamp}.log")
    _crash_log = path.open("w", encoding="utf-8")
    faulthandler.enable(file=_crash_log, all_threads=True)
    return previous


def import_early_modules() -> None:
    """Import :data:`EARLY_MODULES`, before anything imports PySide6."""
    for name in EARLY_MODULES:
        importlib.import_module(name)


def missing_dependencies() -> list[str]:
    """The required modules that cannot be found, checked without importing them."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``schrijfhulp [FILE.docx]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    previous_crash = enable_crash_log()
    missing = missing_dependencies()
    if missing:
        print(
            "Schrijfhulp kan niet starten: deze onderdelen ontbreken: " + ", ".join(missing) + ".\n"
            "Installeer Schrijfhulp opnieuw (./scripts/run) of vraag uw IT-afdeling om hulp.",
            file=sys.stderr,
        )
        return 3
    import_early_modules()
    from desktop.ui.app import run

    return run(args, previous_crash)


if __name__ == "__main__":
    sys.exit(main())
