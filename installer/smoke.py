"""Smoke checks of an installed (or frozen) Schrijfhulp, with no network at all.

Used by the installer tests, by bench/bench_installed_startup.py, and by a packaging engineer who
wants to see for themselves that the installed app works offline:

- :func:`offline` wraps a command so it runs in a new network namespace that holds only the
  loopback interface (root needed): no route, no DNS, no proxy leads anywhere.
- :func:`gui_window_seconds` starts the GUI on an X server (Xvfb) and measures the time until a
  Schrijfhulp window is mapped.
- :func:`gui_settles_offscreen` starts the GUI on Qt's offscreen platform and waits until it sits
  idle in its event loop without an error.

Usage (as root): python installer/smoke.py [--prefix /opt/schrijfhulp] [--document LETTER.docx]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

WINDOW_TITLE = "Schrijfhulp"
# What a broken start prints: a Python traceback, a native crash, Qt without a platform plugin.
FAILURE_SIGNS = ("Traceback", "Fatal Python error", "Could not load the Qt platform plugin", "Failed to execute script")
NETNS_SCRIPT = 'ip link set lo up && exec "$@"'
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class SmokeError(Exception):
    """An installed command did not behave; the message holds what it printed."""


def offline(command: Sequence[str]) -> list[str]:
    """``command`` run in a fresh network namespace with only loopback (up). Needs root and iproute2."""
    return ["unshare", "--net", "--", "sh", "-c", NETNS_SCRIPT, "sh", *command]


def offline_interfaces() -> list[str]:
    """The network interfaces a command run through :func:`offline` sees (only ``lo``)."""
    output = subprocess.run(offline(["ip", "-o", "link"]), capture_output=True, text=True, check=True).stdout
    return [line.split(":")[1].strip().split("@")[0] for line in output.splitlines() if line.strip()]


def app_environment(home: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment for the installed app: a fresh user in ``home``, the machine-wide folders as installed.

    The SCHRIJFHULP_*_DIR variables of a test run are dropped (so the app reads /etc/schrijfhulp
    and /usr/share/schrijfhulp, and keeps the user's files in ``home``), and PATH is the system's
    own, so a command name finds what the package installed and not a development copy.
    """
    environment = {
        key: value
        for key, value in (os.environ if base is None else base).items()
        if not key.startswith(("SCHRIJFHULP_", "XDG_", "QT_", "LLAMA_CPP_"))
    }
    environment.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LANG="C.UTF-8",
        PATH=SYSTEM_PATH,
    )
    return environment


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gui_settles_offscreen(
    command: Sequence[str], environment: Mapping[str, str], timeout: float = 120.0, quiet: float = 2.0
) -> float:
    """Start the GUI offscreen; return the seconds until it used no CPU for ``quiet`` seconds.

    An app that exits, prints a traceback or a Qt error, or never settles raises SmokeError. The
    app is stopped afterwards.
    """
    settled: float | None = None
    with tempfile.TemporaryFile() as output:
        started = time.monotonic()
        process = subprocess.Popen(
            list(command), env={**environment, "QT_QPA_PLATFORM": "offscreen"}, stdout=output, stderr=output
        )
        try:
            _wait_for_exec(process.pid)
            last, last_change = -1, time.monotonic()
            while settled is None and process.poll() is None and time.monotonic() - started < timeout:
                ticks = _cpu_ticks(process.pid)
                now = time.monotonic()
                if ticks != last:
                    last, last_change = ticks, now
                elif now - last_change >= quiet:
                    settled = last_change - started
                time.sleep(0.1)
        finally:
            _stop(process)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    failed = any(sign in text for sign in FAILURE_SIGNS)
    if settled is None or failed or process.returncode not in (-signal.SIGTERM, 0):
        raise SmokeError(f"the GUI did not start cleanly (exit {process.returncode}):\n{text[-3000:]}")
    return settled


def _wait_for_exec(pid: int, wait: float = 10.0) -> None:
    """Wait until the ``unshare``/``sh`` wrapper of :func:`offline` has exec'd the app (same pid)."""
    deadline = time.monotonic() + wait
    comm = Path(f"/proc/{pid}/comm")
    while time.monotonic() < deadline and comm.exists() and comm.read_text().strip() in ("unshare", "sh"):
        time.sleep(0.02)


@contextmanager
def xvfb(display: int = 97) -> Iterator[str]:
    """An Xvfb server on ``:display`` (unix socket only); yields the DISPLAY value."""
    if shutil.which("Xvfb") is None:
        raise SmokeError("Xvfb is missing: install the Debian package xvfb")
    socket = Path(f"/tmp/.X11-unix/X{display}")
    server = subprocess.Popen(
        ["Xvfb", f":{display}", "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SmokeError(f"Xvfb did not start on :{display}")
            time.sleep(0.05)
        yield f":{display}"
    finally:
        server.terminate()
        server.wait()


def _window_titles(display: str) -> list[str]:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r'^\s+0x[0-9a-f]+ "([^"]*)"', tree, flags=re.MULTILINE)


def gui_window_seconds(
    command: Sequence[str], environment: Mapping[str, str], display: str, timeout: float = 120.0
) -> float:
    """Start the GUI on ``display``; return the seconds until a window titled with "Schrijfhulp" exists."""
    if shutil.which("xwininfo") is None:
        raise SmokeError("xwininfo is missing: install the Debian package x11-utils")
    env = {**environment, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    started = time.monotonic()
    process = subprocess.Popen(list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.monotonic() - started < timeout:
            if any(WINDOW_TITLE in title for title in _window_titles(display)):
                return time.monotonic() - started
            if process.poll() is not None:
                raise SmokeError(f"the GUI exited ({process.returncode}): {process.stderr.read().decode()[-3000:]}")
            time.sleep(0.02)
        raise SmokeError(f"no Schrijfhulp window within {timeout:.0f} s")
    finally:
        _stop(process)


def run_checked(command: Sequence[str], environment: Mapping[str, str], timeout: float = 900.0) -> str:
    """Run an installed command; return its standard output, or raise SmokeError with both streams."""
    result = subprocess.run(list(command), env=dict(environment), capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SmokeError(
            f"{' '.join(command)} exited {result.returncode}\n--- stdout\n{result.stdout[-3000:]}\n"
            f"--- stderr\n{result.stderr[-3000:]}"
        )
    return result.stdout + result.stderr


def main(argv: Sequence[str] | None = None) -> int:
    """Run the offline smoke checks against an installation and print what happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, default=Path("/opt/schrijfhulp"), help="the installed app folder")
    parser.add_argument("--document", type=Path, help="a .docx for schrijfhulp-cli check")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("smoke: run as root (a network namespace needs it)", file=sys.stderr)
        return 2
    print("interfaces offline:", ", ".join(offline_interfaces()))
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-smoke-") as home_name:
        environment = app_environment(Path(home_name))
        cli, gui = str(args.prefix / "schrijfhulp-cli"), str(args.prefix / "schrijfhulp")
        try:
            print(run_checked(offline([cli, "--version"]), environment).strip())
            if args.document:
                print(run_checked(offline([cli, "check", str(args.document)]), environment))
            seconds = gui_settles_offscreen(offline([gui]), environment)
            print(f"GUI (offscreen) settled after {seconds:.1f} s")
        except SmokeError as exc:
            print(f"smoke: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
