"""Proof that nothing leaves the machine: refuse every network use beyond loopback.

:func:`install` adds a Python audit hook (PEP 578) that raises :class:`NetworkBlockedError` on any
socket connect, send or name lookup whose target is not loopback (127.0.0.0/8, ::1, "localhost")
or a local (AF_UNIX) socket. Audit hooks cannot be removed, so the guard stays on for the life
of the process. The app and the CLI install it first thing at start-up; a local LanguageTool
server on 127.0.0.1 keeps working. Native code that opens sockets without Python (none of our
dependencies does) is covered by the system-level test that runs the CLI under strace.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from typing import Any

from desktop.core.i18n import _

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_installed = False
_lock = threading.Lock()
_refused: list[str] = []


class NetworkBlockedError(PermissionError):
    """A network use beyond this computer was refused; ``str(exc)`` says what, in Dutch."""


def is_loopback(host: object) -> bool:
    """True for a loopback address or name, or a local socket path."""
    if host is None:
        return True  # getaddrinfo(None, port) resolves to the local host
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().lower().strip("[]")
    if name in _LOOPBACK_NAMES or name == "":
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


def _target(address: Any) -> object:
    if isinstance(address, tuple) and address:
        return address[0]
    if isinstance(address, (str, bytes)):
        return "localhost"  # AF_UNIX path: a local socket
    return address


def _refuse(what: str) -> None:
    _refused.append(what)
    raise NetworkBlockedError(
        _("Schrijfhulp heeft een netwerkverbinding geweigerd ({what}): er verlaat niets deze computer.").format(
            what=what
        )
    )


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock, address = args[0], args[-1]
        family = getattr(sock, "family", None)
        if family == getattr(socket, "AF_UNIX", object()):
            return
        if not is_loopback(_target(address)):
            _refuse(f"{event} {_target(address)}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        if not is_loopback(args[0]):
            _refuse(f"{event} {args[0]}")
    elif event == "socket.gethostbyaddr" and not is_loopback(args[0]):
        _refuse(f"{event} {args[0]}")


def install() -> None:
    """Install the guard for the rest of this process (idempotent)."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


def installed() -> bool:
    """True once :func:`install` ran in this process."""
    return _installed


def refused() -> tuple[str, ...]:
    """What the guard refused so far in this process (for the About dialog and tests)."""
    return tuple(_refused)
