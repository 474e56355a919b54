"""The engine's own logic that needs no model: the next prompt-lookup draft's length, and what load_engine refuses."""

from __future__ import annotations

import pytest

from desktop.core import paths
from desktop.core.model.catalog import known_models
from desktop.core.model.engine import (
    LOOKUP_FIRST,
    LOOKUP_PAUSE,
    LOOKUP_TOKENS,
    EngineError,
    common_prefix_length,
    load_engine,
    next_draft_limit,
)

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


def test_load_engine_without_a_model_says_so_in_dutch() -> None:
    with pytest.raises(EngineError, match="geen taalmodel geïnstalleerd"):
        load_engine()


def test_load_engine_names_a_chosen_model_that_is_missing() -> None:
    with pytest.raises(EngineError, match=r"nergens\.gguf is niet gevonden"):
        load_engine("nergens.gguf")


def test_load_engine_refuses_a_damaged_file_before_llama_cpp_sees_it() -> None:
    card = next(c for c in known_models() if c.default)
    folder = paths.user_models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / card.file).write_bytes(b"GGUF" + b"x" * 100)
    with pytest.raises(EngineError):
        load_engine()
