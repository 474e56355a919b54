"""The review history as the app keeps it while the user works: one store, opened once, one user at a time.

Opening the store asks the operating system's credential store, which can take a while, so the first
use is often on a worker thread (opening a document); later the GUI thread saves as the user decides,
and the retention job purges. :class:`KeptReviews` serialises them with one lock and opens the store
on first use; the first time that fails, the Dutch reason is returned once (for a notice) and the app
goes on without history. Creating one is cheap: the store's modules load on first use.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store's modules (keyring, cryptography) load on first use, on a worker thread
    from desktop.core.policy.settings import Settings
    from desktop.core.privacy.history import SavedSession
    from desktop.core.privacy.retention import RetentionReport
    from desktop.core.privacy.secure_store import SecureStore
    from desktop.core.session import ReviewSession


class KeptReviews:
    """The encrypted review history of this user; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: SecureStore | None = None
        self._problem: str | None = None

    def _open(self, settings: Settings) -> tuple[SecureStore | None, str | None]:
        """The store (None when nothing may be kept, or it cannot be opened) and the reason it cannot be
        opened, the first time only. The caller holds the lock."""
        if not settings.privacy.history:
            return None, None
        from desktop.core.privacy.secure_store import StoreUnavailableError, open_store

        if self._store is None and self._problem is None:
            try:
                self._store = open_store(settings.privacy.allow_unsafe_store)
            except StoreUnavailableError as exc:
                self._problem = str(exc)
                return None, self._problem
        return self._store, None

    def load(self, settings: Settings, document_path: str) -> tuple[SavedSession | None, str | None]:
        """The kept review of ``document_path`` (or None), and a first-time problem with the store."""
        from desktop.core.privacy import history

        with self._lock:
            store, problem = self._open(settings)
            return (history.load(store, document_path) if store is not None else None), problem

    def save(self, settings: Settings, session: ReviewSession) -> str | None:
        """Keep ``session`` (encrypted) now; returns a first-time problem with the store."""
        from desktop.core.privacy import history

        with self._lock:
            store, problem = self._open(settings)
            if store is not None:
                history.save(store, session)
            return problem

    def enforce_retention(self, settings: Settings) -> RetentionReport:
        """Delete kept reviews, audit entries and logs older than the retention period (not while the
        history is in use)."""
        from desktop.core.privacy.retention import enforce_retention

        with self._lock:
            return enforce_retention(settings)
