"""Start-up of the desktop app against a bare Qt window, and time from "open" to the first findings.

Run: .venv/bin/python bench/bench_ui_startup.py [--rounds 5]

Each round starts fresh processes, alternating (offscreen Qt, temporary settings folders with the
first-run screen acknowledged by the organisation, the model switched off so only the rule checks
run):
- bare: import PySide6, create a QApplication, show an empty QMainWindow;
- Schrijfhulp: the real ``schrijfhulp`` start (``desktop.__main__.main``: crash log, dependency
  check, network guard, settings, translations, icon, main window, its start-up work) until the
  event loop is free with the window shown; then it opens the 2-page letter (real letters 015-017)
  and reports when the first findings are on screen: once as soon as the language tools have
  loaded in the background (the usual case: a user picks a file), once with the file given on the
  command line (the worst case: the tools are still loading).
Our modules are compiled to bytecode first, as in an installed app (this environment sets
PYTHONDONTWRITEBYTECODE, which would otherwise make every start compile them from source).
Printed: median times, the start-up ratio (target ≤ 1.5× the bare window) and open → first findings
(target well under a second).
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import REPO, letter, median

from desktop.core.document.samples import text_to_docx

BARE = r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 820)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

OURS = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui.main_window import MainWindow

real_start_up = MainWindow.start_up
opened = []

def start_up(window, document=None, previous_crash=None):
    if document is not None:
        opened.append(time.perf_counter())
    real_start_up(window, document, previous_crash)
    print("shown", flush=True)

    def findings():
        session = window.controller.session
        if opened and session is not None and session.visible():
            print(f"findings {{time.perf_counter() - opened[0]:.4f}}", flush=True)
            window.workers.shutdown()
            QApplication.instance().quit()

    def open_when_ready():
        if window.controller.tools is None:
            QTimer.singleShot(20, open_when_ready)
        else:
            opened.append(time.perf_counter())
            window.open_path(Path({document!r}))

    window.controller.findings_changed.connect(findings)
    if document is None:
        open_when_ready()

MainWindow.start_up = start_up
from desktop.__main__ import main
sys.exit(main({argv!r}))
"""


def run(code: str, env: dict[str, str]) -> tuple[float, float | None]:
    """(seconds until the window is shown, seconds from open to first findings or None)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    shown = None
    findings = None
    for line in process.stdout:
        if line.startswith("shown") and shown is None:
            shown = time.perf_counter() - started
        elif line.startswith("findings"):
            findings = float(line.split()[1])
    process.wait(timeout=300)
    if shown is None:
        raise SystemExit("the window never showed")
    return shown, findings


def main() -> None:
    """Print the start-up ratio and the open → first findings time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        document = text_to_docx("\n\n".join(letter(n) for n in ("015_brief", "016_brief", "017_brief")),
                                base / "brief.docx")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for name in ("USER_CONFIG", "USER_DATA", "MACHINE_CONFIG", "MACHINE_DATA"):
            folder = base / name.lower()
            folder.mkdir()
            env[f"SCHRIJFHULP_{name}_DIR"] = str(folder)
        (base / "user_config" / "settings.toml").write_text("[model]\nenabled = false\n", encoding="utf-8")
        (base / "machine_config" / "defaults.toml").write_text(
            "[first_run]\nacknowledged_by_organisation = true\n", encoding="utf-8")
        compileall.compile_dir(REPO / "desktop", quiet=1)
        cold_code = OURS.format(repo=str(REPO), document=str(document), argv=[str(document)])
        warm_code = OURS.format(repo=str(REPO), document=str(document), argv=[])
        bare: list[float] = []
        ours: list[float] = []
        cold: list[float] = []
        warm: list[float] = []
        for _round in range(args.rounds):
            bare.append(run(BARE, env)[0])
            shown, findings = run(warm_code, env)
            ours.append(shown)
            warm.append(findings if findings is not None else float("nan"))
            cold.append(run(cold_code, env)[1] or float("nan"))
    ratio = median(ours) / median(bare)
    print(f"bare Qt window: {median(bare):.3f} s; Schrijfhulp usable window: {median(ours):.3f} s "
          f"-> ratio {ratio:.2f}× (target ≤ 1.5×) {'OK' if ratio <= 1.5 else 'ABOVE TARGET'}")
    print(f"open → first findings on the 2-page letter, model off (target well under 1 s):\n"
          f"  language tools ready (opened once they loaded in the background): median {median(warm):.3f} s\n"
          f"  given on the command line (tools still loading): median {median(cold):.3f} s")


if __name__ == "__main__":
    main()
