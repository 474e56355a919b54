"""The engine's own logic that needs no model: how long the next prompt-lookup draft is."""

from __future__ import annotations

import pytest

from desktop.core.model.engine import LOOKUP_FIRST, LOOKUP_PAUSE, LOOKUP_TOKENS, common_prefix_length, next_draft_limit

pytestmark = pytest.mark.core


def test_drafts_grow_while_they_are_right_up_to_the_longest() -> None:
    limit, seen = LOOKUP_FIRST, [LOOKUP_FIRST]
    for _ in range(10):
        limit = next_draft_limit(limit, limit, limit)
        seen.append(limit)
    assert seen[:3] == [2, 4, 6] and seen[-1] == LOOKUP_TOKENS
    assert max(seen) == LOOKUP_TOKENS


def test_a_draft_wrong_part_way_shrinks_to_what_was_accepted() -> None:
    assert next_draft_limit(6, 6, 3) == 3
    assert next_draft_limit(6, 4, 1) == 1  # fewer drafts found than asked for


def test_a_draft_wrong_from_its_first_token_pauses_drafting() -> None:
    assert next_draft_limit(6, 6, 0) == -LOOKUP_PAUSE < 0


def test_the_shared_prefix_ends_at_the_first_difference() -> None:
    assert common_prefix_length([1, 2, 3, 4], [1, 2, 9, 4]) == 2
    assert common_prefix_length([1, 2], [1, 2, 3]) == 2
    assert common_prefix_length([], [1]) == 0
