"""Review sessions kept encrypted on disk, so work survives a crash or an accidental close.

One file per document (named by a hash of its path, never its name), holding the encrypted
session payload and whether it was saved since. A session is kept as the user decides, also after
the document was saved (so reopening it shows what was decided), and removed when the user discards
the review. At start-up, sessions older than the retention period (and files that cannot be
decrypted) are deleted. Without a credential store, :mod:`desktop.core.privacy.journal` keeps the
decisions alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core import atomic_file, paths
from desktop.core.privacy.secure_store import SecureStore, UnreadableRecordError, is_expired
from desktop.core.session import ReviewSession

HISTORY_DIR = "geschiedenis"
SUFFIX = ".enc"


@dataclass(frozen=True)
class SavedSession:
    """A kept session: when it was saved and the session itself."""

    saved_at: float
    session: ReviewSession
    saved: bool = False  # the document was saved with these decisions


def history_dir() -> Path:
    """The folder with the encrypted sessions."""
    return paths.user_data_dir() / HISTORY_DIR


def _file_for(document_path: str) -> Path:
    digest = hashlib.sha256(str(Path(document_path).resolve()).encode("utf-8")).hexdigest()
    return history_dir() / f"{digest[:32]}{SUFFIX}"


def save(store: SecureStore, session: ReviewSession, *, saved: bool = False) -> Path:
    """Write ``session`` encrypted and atomically (``saved``: the document was just saved); return the file."""
    target = _file_for(session.document_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_file.write_bytes(target, store.encrypt({**session.to_payload(), "saved": saved}), private=True)
    return target


def load(store: SecureStore, document_path: str) -> SavedSession | None:
    """The kept session for ``document_path``, if there is a readable one."""
    target = _file_for(document_path)
    if not target.is_file():
        return None
    try:
        saved_at, payload = store.decrypt(target.read_bytes())
    except UnreadableRecordError:
        return None
    return _saved_session(saved_at, payload)


def _saved_session(saved_at: float, payload: dict[str, Any]) -> SavedSession:
    return SavedSession(saved_at, ReviewSession.from_payload(payload), bool(payload.get("saved", False)))


def discard(document_path: str) -> None:
    """Forget the session of ``document_path`` (the user discards its decisions)."""
    _file_for(document_path).unlink(missing_ok=True)


def purge(store: SecureStore, retention_days: int, now: float | None = None) -> int:
    """Delete sessions older than the retention period and files that cannot be read; return how many."""
    folder = history_dir()
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            saved_at, _payload = store.decrypt(path.read_bytes())
            expired = is_expired(saved_at, retention_days, now)
        except UnreadableRecordError:
            expired = True
        if expired:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
