"""Take screenshots of Schrijfhulp's windows so anyone can look at them without a display.

Usage: .venv/bin/python scripts/screenshots.py [--out screenshots/] [--no-model] [DOCUMENT.docx]

Runs Qt offscreen (or on the display in $DISPLAY, e.g. under xvfb-run) with temporary settings
folders, opens the document (by default the shipped sample decision, a real decision), and saves:
startpagina.png (the start page, the document as a recent file), hoofdvenster.png (suggestions),
markeringen.png and eindversie.png (the document after accepting three suggestions: all marks, and the
final text), besluit-eisen.png (the Awb checklist), b1-voorbeeld.png (a guarded B1 rewrite by the installed
model), opslaan.png (the save dialog with the disclosure preview), instellingen.png, teamleider.png,
over.png and eerste-start.png; and rapport.html, the html report of ``schrijfhulp-cli check`` on the same
document (with rapport.png beside it where a headless Chromium is installed).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core import paths  # noqa: E402


def _isolate(with_model: bool) -> None:
    """Temporary user and machine folders; the installed models are linked in, nothing else is shared."""
    installed_models = paths.user_models_dir()
    base = Path(tempfile.mkdtemp(prefix="schrijfhulp-screens-"))
    for name in ("USER_CONFIG", "USER_DATA", "MACHINE_CONFIG", "MACHINE_DATA"):
        folder = base / name.lower()
        folder.mkdir()
        os.environ[f"SCHRIJFHULP_{name}_DIR"] = str(folder)
    if with_model and installed_models.is_dir():
        paths.user_models_dir().symlink_to(installed_models, target_is_directory=True)
    else:
        (base / "user_config" / "settings.toml").write_text("[model]\nenabled = false\n", encoding="utf-8")
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def html_report(document: Path, out: Path) -> list[Path]:
    """rapport.html from the real command (without the model), and rapport.png where Chromium can draw it."""
    from desktop.cli import main as cli

    target = out / "rapport.html"
    with target.open("w", encoding="utf-8") as handle, contextlib.redirect_stdout(handle):
        cli(["check", str(document), "--no-model", "--format", "html"])
    made = [target]
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser:
        picture = out / "rapport.png"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1100,2400", f"--screenshot={picture}", target.as_uri()],
                       capture_output=True, timeout=120, check=False)
        if picture.is_file():
            made.append(picture)
    return made


def main(argv: list[str] | None = None) -> int:
    """Save the screenshots; print where they are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--no-model", action="store_true", help="skip the B1 rewrite (no model needed)")
    args = parser.parse_args(argv)
    _isolate(not args.no_model)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.document.samples import sample_decision
    from desktop.core.user_state import load_state, save_state
    from desktop.ui.app import install_qt_translations
    from desktop.ui.main_window import MainWindow
    from desktop.ui.model_service import ModelService

    app = QApplication([sys.argv[0]])
    install_qt_translations(app, "nl")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    document = args.document or sample_decision(Path(tempfile.mkdtemp()))
    state = load_state()
    state.add_recent(document)
    save_state(state)
    window = MainWindow()
    window.resize(1360, 860)
    window.show()
    saved: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        app.processEvents()
        target = out / f"{name}.png"
        widget.grab().save(str(target))
        saved.append(target)

    def later(action: Callable[[], None], ms: int = 300) -> None:
        QTimer.singleShot(ms, action)

    def wait_for(condition: Callable[[], bool], action: Callable[[], None], limit_ms: int = 900_000) -> None:
        waited = [0]

        def poll() -> None:
            if condition() or waited[0] >= limit_ms:
                action()
            else:
                waited[0] += 200
                QTimer.singleShot(200, poll)

        poll()

    def first_run() -> None:
        grab(window, "startpagina")
        dialog = window.first_run
        dialog.resize(620, 420)
        grab(dialog, "eerste-start")
        dialog.acknowledge()
        window.open_path(document)

    def analysed() -> None:
        window.controller.analysis_done.disconnect(analysed)
        session = window.controller.session
        assert session is not None
        spelling = [f for f in session.visible() if f.category.value == "spelling"]
        if spelling:
            window.review.select_finding(spelling[0].id)
        later(main_view)

    def main_view() -> None:
        grab(window, "hoofdvenster")
        session = window.controller.session
        assert session is not None
        chosen = [f for f in session.pending() if f.suggestions and not f.group][:3]
        for finding in chosen:
            window.review.select_finding(finding.id)
            window.review.accept_current()
        if chosen:
            window.review.view.reveal(chosen[0])
        later(marked)

    def marked() -> None:
        grab(window, "markeringen")
        window.review.final_button.click()
        later(final)

    def final() -> None:
        grab(window, "eindversie")
        window.review.marked_button.click()
        window.review.tabs.setCurrentWidget(window.review.checklist)
        later(checklist)

    def checklist() -> None:
        grab(window, "besluit-eisen")
        if args.no_model:
            dialogs()
            return
        wait_for(lambda: window.model.state != ModelService.LOADING, rewrite)

    def rewrite() -> None:
        if window.model.state != ModelService.READY:
            dialogs()
            return
        session = window.controller.session
        long_sentence = next(f for f in session.visible() if f.category.value == "leesbaarheid")
        window.review.view.reveal(long_sentence)
        window.review.rewrite_b1()
        wait_for(lambda: window.review.rewriting is None, lambda: later(rewritten))

    def rewritten() -> None:
        grab(window, "b1-voorbeeld")
        if window.review.preview.result is not None and window.review.preview.result.findings:
            window.review.preview.accept_button.click()
        dialogs()

    def dialogs() -> None:
        window.review.tabs.setCurrentIndex(0)
        window.save(clean=False)
        later(lambda: (grab(window.save_dialog, "opslaan"), window.save_dialog.reject(), settings()))

    def settings() -> None:
        window.open_settings()
        later(lambda: (grab(window.settings_dialog, "instellingen"), window.settings_dialog.reject(), team()))

    def team() -> None:
        window.open_team_lead()
        later(lambda: (grab(window.team_dialog, "teamleider"), window.team_dialog.reject(), about()))

    def about() -> None:
        window.open_about()
        later(lambda: (grab(window.about_dialog, "over"), window.about_dialog.reject(), finish()))

    def finish() -> None:
        window.controller.discard_session()
        window.workers.shutdown()
        app.quit()

    window.controller.analysis_done.connect(analysed)
    window.start_up()
    later(first_run, 500)
    app.exec()
    saved += html_report(document, out)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
