"""The grammar checked on the chosen token gives exactly what filtering every candidate gives."""

from __future__ import annotations

import json

import pytest

from desktop.core.model.engine import LlamaEngine, Request
from desktop.core.model.sampling import Sampler

pytestmark = pytest.mark.model


def _side_by_side(engine: LlamaEngine, request: Request, tokens: int) -> tuple[str, int]:
    """Greedy decoding with our sampler and with llama-cpp-python's grammar-first chain, token by token."""
    llama = engine.llama
    engine._truncate(0)
    engine._eval(engine.prompt_tokens(request), all_logits=False)
    reference = llama._init_sampler(temp=0.0, repeat_penalty=1.0, grammar=engine._grammar)
    output: list[int] = []
    with Sampler(llama, 0.0, 1, engine._grammar) as ours:
        for _ in range(tokens):
            token = ours.sample(-1)
            assert token == reference.sample(llama._ctx, -1), llama.detokenize(output).decode(errors="replace")
            if engine._is_end(token):
                break
            output.append(token)
            engine._eval([token], all_logits=False)
        refusals = ours.refusals
    engine._truncate(0)
    return llama.detokenize(output).decode("utf-8", errors="replace"), refusals


def test_same_tokens_when_the_model_writes_json_itself(embedded_engine: LlamaEngine) -> None:
    text, _refusals = _side_by_side(
        embedded_engine,
        Request(
            system='Je verbetert spelfouten. Antwoord met JSON: {"tekst": "<de verbeterde zin>"}.',
            user="Zin: Wij hebben uw brief ontvangen en zullen hem zo snel mogelijk behandellen.",
        ),
        60,
    )
    assert "ontvangen" in json.loads(text)["tekst"]


def test_same_tokens_when_the_grammar_must_overrule_the_model(embedded_engine: LlamaEngine) -> None:
    # Asked for one plain word, the model's own choice is not JSON: the grammar refuses it and
    # every candidate is filtered, still giving the same tokens as filtering first.
    text, refusals = _side_by_side(
        embedded_engine,
        Request(system="Antwoord met één woord, zonder aanhalingstekens.", user="Wat is de hoofdstad van Nederland?"),
        30,
    )
    assert refusals > 0
    assert text.lstrip().startswith("{")
