"""A real Secret Service (gnome-keyring in a private D-Bus session) for tests of the keyring code path.

This is the credential store a Linux desktop user has; Windows has Credential Manager and macOS the
Keychain, which keyring reaches through the same public API.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path


def start(home: Path) -> Iterator[None]:
    """Run dbus-daemon and an unlocked gnome-keyring for the duration of the generator."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: ./scripts/test installs the Debian packages dbus and gnome-keyring")
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_RUNTIME_DIR": str(home)}
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
        input="ci-sleutelbos", capture_output=True, text=True, env=env, check=True, timeout=30,
    )
    pid = next(
        (int(line.split("=", 1)[1]) for line in daemon.stdout.splitlines() if line.startswith("GNOME_KEYRING_PID=")),
        None,
    )
    previous = {name: os.environ.get(name) for name in ("DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_HOME")}
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    os.environ["XDG_DATA_HOME"] = env["XDG_DATA_HOME"]
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if pid:
            os.kill(pid, signal.SIGTERM)
        bus.terminate()
        bus.wait(timeout=10)
