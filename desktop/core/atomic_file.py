"""Writing a file so that it is either untouched or complete (promise 2: every save is atomic).

Every file Schrijfhulp writes goes through here: the saved document, the settings and policy files,
the user's state and word list, the kept reviews, the decisions journal, the audit log and the disk
cache. The data goes to a new hidden file in the target's folder, is flushed to disk and then moved
over the target with ``os.replace`` (atomic on the same file system). A crash leaves the old file or
the new one, never a mix; two writers never share a temporary file.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

#: A killed save's leftover temporary file is removed by the next save to that target once it is this old; a
#: younger one may belong to a save in progress (another Schrijfhulp writing the same target).
STALE_TEMP_SECONDS = 3600


def atomic_write(target: Path, write: Callable[[BinaryIO], None], *, private: bool = False) -> None:
    """Write a file through ``write`` so that ``target`` is either untouched or complete.

    ``private`` creates the file readable by its owner only (0600; on Windows the folder's
    permissions decide). On any error the temporary file is removed and the error propagates; a
    hard kill may leave only a hidden ``.~*.tmp`` file behind, never a partial ``target``. The next
    write to the same target removes such leftovers once they are older than STALE_TEMP_SECONDS.
    """
    prefix = f".~{target.stem[:40]}."
    _remove_stale_temps(target.parent, prefix)
    temp = target.with_name(f"{prefix}{os.urandom(4).hex()}.tmp")  # secrets.token_hex, without importing hmac
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def write_bytes(target: Path, data: bytes, *, private: bool = False) -> None:
    """Replace ``target`` by ``data`` atomically (see :func:`atomic_write`)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    atomic_write(target, write, private=private)


def write_text(target: Path, text: str, *, encoding: str = "utf-8", private: bool = False) -> None:
    """Replace ``target`` by ``text`` atomically, with "\\n" line ends on every system."""
    write_bytes(target, text.encode(encoding), private=private)


def _remove_stale_temps(folder: Path, prefix: str) -> None:
    """Delete ``prefix*.tmp`` files in ``folder`` left by a save that was killed, once they are old enough."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(f"{glob.escape(prefix)}*.tmp"):
        with contextlib.suppress(OSError):  # gone already, or in use: the next save tries again
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the replaced file (POSIX; Windows has no directory handles).

    By now the new file is complete and in place, so a failure here does not undo the save; it
    only weakens durability against a power cut, and is logged.
    """
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("could not flush folder %s after saving: %s", folder, exc)
