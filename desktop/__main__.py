"""Start-up of the desktop app: crash logging first, a plain dependency check, then the Qt UI."""

from __future__ import annotations

import faulthandler
import importlib.util
import sys
from collections.abc import Sequence
from typing import TextIO

from desktop.core.paths import log_dir

CRASH_LOG_NAME = "crash.log"
REQUIRED = ("PySide6", "docx", "lxml", "llama_cpp", "hunspell")

_crash_log: TextIO | None = None


def enable_crash_log() -> str:
    """Send native crashes (e.g. inside llama.cpp) to the crash log before Qt loads; return its path."""
    global _crash_log
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CRASH_LOG_NAME
    _crash_log = path.open("a", encoding="utf-8")
    faulthandler.enable(file=_crash_log, all_threads=True)
    return str(path)


def missing_dependencies() -> list[str]:
    """The required modules that cannot be found, checked without importing them."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``schrijfhulp [FILE.docx]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    enable_crash_log()
    missing = missing_dependencies()
    if missing:
        print(
            "Schrijfhulp kan niet starten: deze onderdelen ontbreken: " + ", ".join(missing) + ".\n"
            "Installeer Schrijfhulp opnieuw (./scripts/run) of vraag uw IT-afdeling om hulp.",
            file=sys.stderr,
        )
        return 3
    from desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
