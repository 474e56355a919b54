"""Privacy housekeeping: retention at start-up and "Wis al mijn gegevens" (erase all my data)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.core import audit_log, paths, review_history
from desktop.core.secure_store import StoreUnavailableError, erase_key, open_store
from desktop.core.settings import Settings


@dataclass(frozen=True)
class RetentionReport:
    """What the start-up purge did, or why nothing is kept (Dutch)."""

    history_removed: int = 0
    audit_removed: int = 0
    unavailable: str = ""


def enforce_retention(settings: Settings) -> RetentionReport:
    """Delete kept sessions and audit entries older than ``privacy.retention_days``."""
    try:
        store = open_store(bool(settings["privacy.allow_unsafe_store"]), create=False)
    except StoreUnavailableError as exc:
        return RetentionReport(unavailable=str(exc))
    days = int(settings["privacy.retention_days"])
    return RetentionReport(review_history.purge(store, days), audit_log.purge(store, days))


def erase_all_user_data() -> list[Path]:
    """Delete everything Schrijfhulp keeps for this user, including the key; return what went.

    That is the user data folder (history, audit log, logs, recorded model hashes) except the
    models the set-up command placed there, and the user config folder (settings, personal word
    list, recent files). Machine-wide files of the organisation are not the user's and stay.
    """
    removed: list[Path] = []
    data = paths.user_data_dir()
    if data.is_dir():
        for item in sorted(data.iterdir()):
            if item == paths.user_models_dir():
                continue
            shutil.rmtree(item) if item.is_dir() else item.unlink()
            removed.append(item)
    config = paths.user_config_dir()
    if config.is_dir():
        shutil.rmtree(config)
        removed.append(config)
    erase_key()
    return removed
