"""Nothing leaves the machine: the in-process guard, and the whole CLI workflow under strace."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.document.samples import text_to_docx
from tests import DATA

pytestmark = pytest.mark.core

GUARD_PROBE = r"""
import socket, threading
from desktop.core.policy import network_guard
network_guard.install()
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
port = server.getsockname()[1]
socket.create_connection(("127.0.0.1", port), timeout=5).close()   # loopback stays allowed
results = []
for attempt in (lambda: socket.create_connection(("192.0.2.10", 80), timeout=5),
                lambda: socket.getaddrinfo("example.org", 443),
                lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.10", 53))):
    try:
        attempt()
        results.append("allowed")
    except network_guard.NetworkBlockedError as exc:
        results.append("blocked: " + str(exc))
print("\n".join(results))
print(len(network_guard.refused()))
"""


def test_the_guard_refuses_everything_but_loopback() -> None:
    result = subprocess.run([sys.executable, "-c", GUARD_PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["blocked", "blocked", "blocked"]
    assert "er verlaat niets deze computer" in lines[0]
    assert lines[3] == "3"


_CALL = re.compile(r"^(?:\[pid\s+\d+\]\s+)?(?:\d+\s+)?(connect|sendto|sendmsg)\((.*)$")
_FAMILY = re.compile(r"sa_family=(AF_\w+)")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def non_loopback_attempts(trace: str) -> list[str]:
    """Network system calls in an strace log that target anything but loopback or a local socket."""
    attempts = []
    for line in trace.splitlines():
        match = _CALL.match(line.strip())
        if not match:
            continue
        family = _FAMILY.search(match.group(2))
        if family is None or family.group(1) in ("AF_UNIX", "AF_NETLINK"):
            continue
        address = _ADDRESS.search(match.group(2))
        host = (address.group(1) or address.group(2)) if address else "?"
        if not (host.startswith("127.") or host == "::1"):
            attempts.append(line.strip())
    return attempts


def _strace(command: list[str], log: Path, timeout: float = 1800) -> tuple[subprocess.CompletedProcess[str], str]:
    strace = shutil.which("strace")
    if strace is None:
        pytest.fail("strace is missing: ./scripts/test installs it")
    traced = [strace, "-f", "--seccomp-bpf", "-e", "trace=network", "-o", str(log), *command]
    result = subprocess.run(traced, capture_output=True, text=True, env=os.environ.copy(), timeout=timeout,
                            check=False)
    return result, log.read_text(encoding="utf-8", errors="replace")


OUTSIDE_PROBE = r"""
import socket
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
socket.create_connection(server.getsockname(), timeout=5).close()
try:
    socket.create_connection(("192.0.2.10", 80), timeout=0.5)
except OSError:
    pass
"""


def test_the_observer_sees_an_outside_connection_attempt(tmp_path: Path) -> None:
    """Control: without our guard, strace records one loopback and one outside connect, and the parser
    counts only the outside one."""
    result, trace = _strace([sys.executable, "-c", OUTSIDE_PROBE], tmp_path / "probe.log", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "127.0.0.1" in trace
    attempts = non_loopback_attempts(trace)
    assert len(attempts) == 1 and "192.0.2.10" in attempts[0]


@pytest.mark.model
@pytest.mark.slow
def test_the_whole_cli_workflow_makes_no_outside_connection(tmp_path: Path, embedded_model: object) -> None:
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    (models / embedded_model.path.name).symlink_to(embedded_model.path)  # type: ignore[attr-defined]
    (paths.machine_config_dir() / "policy.toml").write_text('[disclosure]\nwhen = "always"\n', encoding="utf-8")
    # The opening of letter 003 (a title, a heading and one long sentence): the model is asked for one
    # B1 rewrite, short enough for CI.
    paragraphs = (DATA / "letters" / "texts" / "003_besluit.txt").read_text(encoding="utf-8").split("\n\n")
    source = text_to_docx("\n\n".join(paragraphs[:3]), tmp_path / "brief.docx")
    target = tmp_path / "uit.docx"
    command = [sys.executable, "-m", "desktop.cli", "check", str(source), "-o", str(target)]
    result, trace = _strace(command, tmp_path / "strace.log")
    assert result.returncode == 0, result.stderr
    assert "Taalmodel: " in result.stdout
    # the model really worked: it offered a guarded rewrite, or its attempts were refused
    assert "(taalmodel: model-b1)" in result.stdout or "Geen veilige herschrijving" in result.stdout
    assert target.is_file()
    assert non_loopback_attempts(trace) == []
