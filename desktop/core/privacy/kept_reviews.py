"""The review kept as the user works, so that no decision is lost: one place, opened once, one user at a time.

With a credential store the whole review is kept encrypted (:mod:`desktop.core.privacy.history`);
without one (or when it fails) only the decisions, without any document text
(:mod:`desktop.core.privacy.journal`). With ``privacy.history`` off nothing is kept.

Opening the store asks the operating system's credential store, which can take a while, so the first
use is often on a worker thread (opening a document); later the GUI thread saves as the user decides,
and the retention job purges. :class:`KeptReviews` serialises them with one lock and opens the store
on first use. A store that exists but fails is reported once (the Dutch reason, for a notice); a
computer without one is said once elsewhere (the first-run screen, the About window), not on every
start. Creating one is cheap: the store's modules load on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store's modules (keyring, cryptography) load on first use, on a worker thread
    from desktop.core.policy.settings import Settings
    from desktop.core.privacy.journal import Journal
    from desktop.core.privacy.retention import RetentionReport
    from desktop.core.privacy.secure_store import SecureStore
    from desktop.core.session import ReviewSession


@dataclass(frozen=True)
class KeptReview:
    """What was kept of one document's review: the whole review, or (without a key store) its decisions."""

    saved_at: float
    saved: bool  # the document was saved with these decisions
    session: ReviewSession | None = None
    journal: Journal | None = None

    @property
    def decisions(self) -> int:
        """How many decisions were kept."""
        if self.session is not None:
            return len(self.session.decisions)
        return len(self.journal.entries) if self.journal is not None else 0


class KeptReviews:
    """The kept reviews of this user; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: SecureStore | None = None
        self._tried = False
        self._failing = False  # the last save could not be written (said once, until a save succeeds)

    def _open(self, settings: Settings) -> tuple[SecureStore | None, str | None]:
        """The store (None without one), and the reason a credential store that exists failed, the first
        time only. The caller holds the lock."""
        if self._tried:
            return self._store, None
        self._tried = True
        from desktop.core.privacy.secure_store import StoreUnavailableError, credential_store, open_store

        try:
            self._store = open_store(settings.privacy.allow_unsafe_store)
        except StoreUnavailableError as exc:
            _name, exists = credential_store()
            return None, str(exc) if exists else None
        return self._store, None

    def load(
        self, settings: Settings, document_path: str, document_sha256: str
    ) -> tuple[KeptReview | None, str | None]:
        """The kept review of ``document_path`` (or None), and a first-time problem with the store."""
        if not settings.privacy.history:
            return None, None
        from desktop.core.privacy import history, journal

        with self._lock:
            store, problem = self._open(settings)
            if store is not None:
                kept = history.load(store, document_path)
                if kept is not None:
                    return KeptReview(kept.saved_at, kept.saved, session=kept.session), problem
            decisions = journal.load(document_path, document_sha256)
            if decisions is not None:
                return KeptReview(decisions.saved_at, decisions.saved, journal=decisions), problem
            return None, problem

    def save(self, settings: Settings, session: ReviewSession, *, saved: bool = False) -> str | None:
        """Keep ``session`` now (``saved``: the document was just saved); returns a problem to tell the user:
        the store's, the first time, or that the review could not be written (a full disk, a read-only
        profile), once until a save succeeds again. The decisions stay in the open review either way."""
        if not settings.privacy.history:
            return None
        from desktop.core.i18n import _
        from desktop.core.privacy import history, journal

        with self._lock:
            store, problem = self._open(settings)
            try:
                if store is not None:
                    history.save(store, session, saved=saved)
                    journal.discard(session.document_path)  # an older journal must not come back instead
                else:
                    journal.write(session, saved=saved)
            except OSError as exc:
                if self._failing:
                    return problem
                self._failing = True
                return _("Uw beslissingen konden niet tussentijds worden bewaard ({reason}). Ze blijven in dit "
                         "venster staan; sla het document op om ze vast te leggen.").format(
                             reason=exc.strerror or exc)
            self._failing = False
            return problem

    def discard(self, document_path: str) -> None:
        """Forget the kept review of ``document_path`` (the user chose not to keep its decisions)."""
        from desktop.core.privacy import history, journal

        with self._lock:
            history.discard(document_path)
            journal.discard(document_path)

    def enforce_retention(self, settings: Settings) -> RetentionReport:
        """Delete kept reviews, journals, audit entries and logs older than the retention period (not while
        the history is in use)."""
        from desktop.core.privacy.retention import enforce_retention

        with self._lock:
            return enforce_retention(settings)
