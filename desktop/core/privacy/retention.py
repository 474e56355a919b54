"""Privacy housekeeping: retention at start-up and "Wis al mijn gegevens" (erase all my data)."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core import paths
from desktop.core.policy.settings import Settings
from desktop.core.privacy import audit_log, history, journal
from desktop.core.privacy.secure_store import DAY, StoreUnavailableError, erase_key, open_store

# Crash and error logs are plain text (they hold tracebacks, which can quote a file path); they are
# kept no longer than the retention period and no larger than this.
MAX_LOG_BYTES = 256 * 1024


@dataclass(frozen=True)
class RetentionReport:
    """What the start-up purge did, or why nothing encrypted is kept (Dutch)."""

    history_removed: int = 0
    audit_removed: int = 0
    logs_removed: int = 0
    journals_removed: int = 0
    unavailable: str = ""


def purge_logs(retention_days: int, now: float | None = None) -> int:
    """Delete logs older than the retention period and cut the others to their newest MAX_LOG_BYTES."""
    folder = paths.log_dir()
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for log in folder.glob("*.log"):
        if now - log.stat().st_mtime > retention_days * DAY:
            log.unlink()
            removed += 1
        elif log.stat().st_size > MAX_LOG_BYTES:
            data = log.read_bytes()[-MAX_LOG_BYTES:]
            log.write_bytes(data[data.find(b"\n") + 1 :])
    return removed


def enforce_retention(settings: Settings, now: float | None = None) -> RetentionReport:
    """Delete kept sessions, decision journals, audit entries and logs older than ``privacy.retention_days``."""
    days = settings.privacy.retention_days
    logs = purge_logs(days, now)
    journals = journal.purge(days, now)
    try:
        store = open_store(settings.privacy.allow_unsafe_store, create=False)
    except StoreUnavailableError as exc:
        return RetentionReport(logs_removed=logs, journals_removed=journals, unavailable=str(exc))
    return RetentionReport(history.purge(store, days, now), audit_log.purge(store, days, now), logs, journals)


def _holds(folder: Path, kept: Path) -> bool:
    """True when ``kept`` is ``folder`` or inside it."""
    return kept == folder or folder in kept.parents


def _empty(folder: Path, kept: Path) -> list[Path]:
    removed = []
    for item in sorted(folder.iterdir()):
        if _holds(item, kept):
            if item != kept and item.is_dir():
                removed += _empty(item, kept)
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()
        removed.append(item)
    return removed


def erase_all_user_data() -> list[Path]:
    """Delete everything Schrijfhulp keeps for this user, including the key; return what went.

    That is everything in the user data and user config folders (history, audit log, logs,
    recorded model hashes, settings, personal word list, recent files) except the models the set-up
    command placed in the user's models folder: the app's model is not personal data. On Windows
    and macOS both folders are one and the same; the models stay there too. Machine-wide files of
    the organisation are not the user's and stay.
    """
    models = paths.user_models_dir()
    removed: list[Path] = []
    for folder in dict.fromkeys((paths.user_data_dir(), paths.user_config_dir())):
        if folder.is_dir():
            removed += _empty(folder, models)
    erase_key()
    return removed
