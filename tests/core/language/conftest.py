"""Fixtures of the language tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.core.language.decisions import Paragraphs, load


@pytest.fixture
def real() -> Callable[[str], Paragraphs]:
    """Load one text of the decisions evaluation set (tests/data/decisions) by id, as paragraphs."""
    return load
