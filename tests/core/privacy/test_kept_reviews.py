"""The review history as the app uses it from several threads: opened once, a store problem told once."""

from __future__ import annotations

import threading

import pytest

from desktop.core.policy.settings import load_settings
from desktop.core.privacy.kept_reviews import KeptReviews
from desktop.core.session import Decision, ReviewSession

pytestmark = pytest.mark.core


def _session() -> ReviewSession:
    session = ReviewSession("/tmp/besluit.docx", "ab" * 32)
    session.decisions["f1"] = (Decision.REJECTED, 0)
    return session


def test_a_kept_review_comes_back(secret_service: None) -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    assert kept.save(settings, _session()) is None
    found, problem = KeptReviews().load(settings, "/tmp/besluit.docx")
    assert problem is None and found is not None and found.session.decisions == {"f1": (Decision.REJECTED, 0)}


def test_without_a_key_store_the_problem_is_told_once_and_nothing_is_kept() -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    first = kept.save(settings, _session())
    assert first is not None and "sleutelopslag" in first
    assert kept.save(settings, _session()) is None
    assert kept.load(settings, "/tmp/besluit.docx") == (None, None)


def test_with_history_off_the_store_is_never_opened(secret_service: None) -> None:
    settings = load_settings(registry=dict)
    settings.values["privacy.history"] = False
    kept = KeptReviews()
    assert kept.save(settings, _session()) is None
    settings.values["privacy.history"] = True
    assert kept.load(settings, "/tmp/besluit.docx") == (None, None)


def test_threads_take_turns(secret_service: None) -> None:
    kept, settings = KeptReviews(), load_settings(registry=dict)
    problems: list[str | None] = []
    threads = [threading.Thread(target=lambda: problems.append(kept.save(settings, _session()))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == [None] * 4
    assert kept.load(settings, "/tmp/besluit.docx")[0] is not None
