"""Start-up of the installed (frozen) app against running the same code from source.

Run: .venv/bin/python bench/bench_installed_startup.py [--app /opt/schrijfhulp] [--rounds 5]

Each round starts four fresh processes, alternating installed and source so both see the same
machine load, each for a fresh user (temporary home) with the machine-wide folders as installed:
- ``schrijfhulp-cli --version``: the command line's start-up (Python, the core's imports), from
  the installed folder and from the venv's entry point;
- ``schrijfhulp``: the GUI on an X server (Xvfb) until a Schrijfhulp window is mapped, from the
  installed folder and from the venv's entry point.
Printed: median seconds and the ratio installed / source (below 1 means the installed app starts
faster). The app folder defaults to /opt/schrijfhulp (the .deb), else dist/schrijfhulp
(python installer/freeze.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _shared import REPO, median

from installer import smoke

VENV_BIN = REPO / ".venv" / "bin"


def default_app() -> Path:
    for candidate in (Path("/opt/schrijfhulp"), REPO / "dist" / "schrijfhulp"):
        if (candidate / "schrijfhulp-cli").is_file():
            return candidate
    raise SystemExit("no frozen app: install the .deb or run .venv/bin/python installer/freeze.py first")


def cli_seconds(command: list[str], home: Path) -> float:
    started = time.monotonic()
    smoke.run_checked(command, smoke.app_environment(home))
    return time.monotonic() - started


def measure(rounds: int, variants: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every variant once per round, in alternating order."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else list(reversed(names))
        for name in order:
            times[name].append(variants[name]())
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    installed, source = median(times["installed"]), median(times["source"])
    print(f"{title}: installed {installed:.2f} s, source {source:.2f} s (median of {len(times['installed'])})")
    print(f"  ratio installed / source = {installed / source:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="the installed or frozen app folder")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = args.app or default_app()
    print(f"installed app: {app}; source: {REPO} ({sys.version.split()[0]})")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as work:
        homes = {name: Path(work) / name for name in ("installed", "source")}
        for home in homes.values():
            home.mkdir()
        cli = measure(
            args.rounds,
            {
                "installed": lambda: cli_seconds([str(app / "schrijfhulp-cli"), "--version"], homes["installed"]),
                "source": lambda: cli_seconds([str(VENV_BIN / "schrijfhulp-cli"), "--version"], homes["source"]),
            },
        )
        report("schrijfhulp-cli --version", cli)
        with smoke.xvfb() as display:
            gui = measure(
                args.rounds,
                {
                    name: (
                        lambda command=command, home=homes[name]: smoke.gui_window_seconds(
                            command, smoke.app_environment(home), display
                        )
                    )
                    for name, command in (
                        ("installed", [str(app / "schrijfhulp")]),
                        ("source", [str(VENV_BIN / "schrijfhulp")]),
                    )
                },
            )
        report("schrijfhulp (window shown)", gui)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (smoke.SmokeError, subprocess.CalledProcessError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(1)
