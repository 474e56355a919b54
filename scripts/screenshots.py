"""Take screenshots of Schrijfhulp's windows so anyone can look at them without a display.

Usage: .venv/bin/python scripts/screenshots.py [--out screenshots/] [DOCUMENT.docx]

Runs Qt offscreen (or on the display in $DISPLAY, e.g. under xvfb-run) with temporary settings folders,
opens the document (by default a real decision from ../shared/data turned into a .docx), waits for
the work to finish and saves PNG files of each view.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _isolate() -> None:
    base = Path(tempfile.mkdtemp(prefix="schrijfhulp-screens-"))
    for name in ("USER_CONFIG", "USER_DATA", "MACHINE_CONFIG", "MACHINE_DATA"):
        folder = base / name.lower()
        folder.mkdir()
        os.environ[f"SCHRIJFHULP_{name}_DIR"] = str(folder)
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(argv: list[str] | None = None) -> int:
    """Save the screenshots; print where they are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args(argv)
    _isolate()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.sample_documents import sample_decision
    from desktop.ui.app import install_qt_translations
    from desktop.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    install_qt_translations(app, "nl")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    document = args.document or sample_decision(Path(tempfile.mkdtemp()))

    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    saved: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        target = out / f"{name}.png"
        widget.grab().save(str(target))
        saved.append(target)

    def wait_then(condition: object, action: object, timeout_ms: int = 120_000) -> None:
        waited = 0

        def poll() -> None:
            nonlocal waited
            if condition() or waited >= timeout_ms:  # type: ignore[operator]
                action()  # type: ignore[operator]
            else:
                waited += 100
                QTimer.singleShot(100, poll)

        poll()

    def finish() -> None:
        grab(window, "hoofdvenster")
        window.workers.shutdown()
        app.quit()

    window.open_path(document)
    wait_then(lambda: window.document is not None, finish)
    app.exec()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
