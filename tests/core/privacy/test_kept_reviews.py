"""The kept review as the app uses it from several threads: encrypted with a key store, the decisions alone
without one, a broken key store told once, nothing with history off."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest

from desktop.core.findings import Category, Finding, Source
from desktop.core.policy.settings import load_settings
from desktop.core.privacy import history, journal
from desktop.core.privacy.kept_reviews import KeptReviews
from desktop.core.session import Decision, ReviewSession

pytestmark = pytest.mark.core

PATH, SHA = "/tmp/besluit.docx", "ab" * 32


def _session() -> ReviewSession:
    session = ReviewSession(PATH, SHA)
    finding = Finding("b0", 0, 8, "Alvorens", Category.STYLE, "LT:ALVORENS", Source.RULE, "Ouderwets.", ("Voordat",))
    session.add([finding])
    session.decide([finding.id], Decision.REJECTED)
    return session


def test_a_kept_review_comes_back_whole(secret_service: None) -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    assert kept.save(settings, _session(), saved=True) is None
    found, problem = KeptReviews().load(settings, PATH, SHA)
    assert problem is None and found is not None and found.saved and found.journal is None
    assert found.session is not None and found.session.decisions == _session().decisions
    assert not journal.journal_dir().exists()


def test_without_a_key_store_the_decisions_are_kept_alone_and_nothing_is_said() -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    assert kept.save(settings, _session()) is None  # said once in the first-run screen and About, not here
    found, problem = kept.load(settings, PATH, SHA)
    assert problem is None and found is not None and found.session is None and not found.saved
    assert found.journal is not None and found.decisions == 1
    assert kept.load(settings, PATH, "cd" * 32) == (None, None)  # another version of the file
    kept.discard(PATH)
    assert kept.load(settings, PATH, SHA) == (None, None)


class _BrokenKeyring(keyring.backend.KeyringBackend):
    """A credential store that exists but fails (a locked or crashed Secret Service)."""

    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("de sleutelbos reageert niet")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringError("de sleutelbos reageert niet")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("de sleutelbos reageert niet")


@pytest.fixture
def broken_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(_BrokenKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_failing_key_store_is_told_once_and_the_decisions_are_still_kept(broken_keyring: None) -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    first = kept.save(settings, _session())
    assert first is not None and "de sleutelbos reageert niet" in first
    assert kept.save(settings, _session()) is None
    found, _problem = kept.load(settings, PATH, SHA)
    assert found is not None and found.journal is not None


def test_with_history_off_nothing_is_kept(secret_service: None) -> None:
    settings = load_settings(registry=dict)
    settings.values["privacy.history"] = False
    kept = KeptReviews()
    assert kept.save(settings, _session()) is None
    assert kept.load(settings, PATH, SHA) == (None, None)
    settings.values["privacy.history"] = True
    assert kept.load(settings, PATH, SHA) == (None, None)
    assert not history.history_dir().exists() and not journal.journal_dir().exists()


def test_threads_take_turns(secret_service: None) -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    problems: list[str | None] = []
    threads = [threading.Thread(target=lambda: problems.append(kept.save(settings, _session()))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == [None] * 4
    assert kept.load(settings, PATH, SHA)[0] is not None


def test_a_review_that_cannot_be_written_is_said_once_in_dutch_until_a_save_works_again() -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    folder = journal.journal_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("een bestand waar de map moet staan", encoding="utf-8")  # every write fails (not a folder)
    problem = kept.save(settings, _session())
    assert problem is not None and "konden niet tussentijds worden bewaard" in problem
    assert kept.save(settings, _session()) is None  # not on every decision
    folder.unlink()
    assert kept.save(settings, _session()) is None and kept.load(settings, PATH, SHA)[0] is not None
