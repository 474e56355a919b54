"""The KV cache of a prompt's system part is evaluated once, kept across prompts and starts, and changes nothing."""

from __future__ import annotations

import hashlib

import pytest

from desktop.core import disk_cache
from desktop.core.model import engine as engine_module
from desktop.core.model.engine import LlamaEngine, Request
from desktop.core.model.prompts import load_prompt

pytestmark = [pytest.mark.model, pytest.mark.slow]

SENTENCE = "Het besluit word u binnen zes weken na de datum van deze brief per post toegestuurd."


def _request(name: str) -> Request:
    prompt = load_prompt(name)
    system, user = prompt.render(text=SENTENCE, problems="‘word’: d/t-fout", examples="")
    return Request(system=system, user=user, max_tokens=24, structured=False, prompt_lookup=False)


def _forget(engine: LlamaEngine) -> None:
    """The engine as just loaded: nothing in its KV cache or its memory of kept states."""
    engine._truncate(0)
    engine._prefix_states.clear()


def test_each_system_prompt_is_evaluated_once_and_gives_the_same_answer(embedded_engine: LlamaEngine) -> None:
    _forget(embedded_engine)
    rewrite, correction = _request("b1"), _request("correctie")
    system = embedded_engine._system_length(rewrite, embedded_engine.prompt_tokens(rewrite))
    assert system > 150

    first = embedded_engine.complete(rewrite)
    assert first.cached_tokens == 0
    other = embedded_engine.complete(correction)  # another system prompt takes the cache
    assert other.cached_tokens < system
    again = embedded_engine.complete(rewrite)  # the rewrite's system part comes back from the kept state
    assert again.cached_tokens == system
    assert again.raw == first.raw
    assert again.prompt_seconds < first.prompt_seconds
    assert again.cpu_seconds > 0


def test_a_new_start_reads_the_kept_state_from_the_cache_folder(embedded_engine: LlamaEngine) -> None:
    _forget(embedded_engine)
    correction = _request("correctie")
    fresh = embedded_engine.complete(correction)
    assert fresh.cached_tokens == 0
    assert list(disk_cache.entry_path(engine_module.PREFIX_CACHE, "x").parent.glob("*.bin"))

    _forget(embedded_engine)  # as after a restart: only the cache folder remembers
    restarted = embedded_engine.complete(correction)
    assert restarted.cached_tokens > 100
    assert restarted.raw == fresh.raw


def test_a_state_that_does_not_fit_is_evaluated_again(embedded_engine: LlamaEngine) -> None:
    _forget(embedded_engine)
    correction = _request("correctie")
    fresh = embedded_engine.complete(correction)
    prompt = embedded_engine.prompt_tokens(correction)
    prefix = tuple(prompt[: embedded_engine._system_length(correction, prompt)])
    key = embedded_engine._state_key(prefix)
    stored = disk_cache.read(engine_module.PREFIX_CACHE, key) or b""
    assert len(stored) > 1_000_000
    damaged = stored[:-10] + b"\x00" * 10  # a damaged file: refused by its digest
    other_model = hashlib.sha256(b"\x00" * 64).digest() + b"\x00" * 64  # a valid file that holds no such state
    for data in (damaged, other_model):
        disk_cache.write(engine_module.PREFIX_CACHE, key, data)
        _forget(embedded_engine)
        again = embedded_engine.complete(correction)
        assert again.cached_tokens == 0 and again.raw == fresh.raw
