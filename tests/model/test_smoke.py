"""Smoke test: the embedded GGUF loads through llama-cpp-python and answers in Dutch."""

from __future__ import annotations

import re

import pytest
from wordfreq import zipf_frequency

from desktop.core.model.engine import LOOKUP_TOKENS, LlamaEngine, Request
from desktop.core.model.structured import OPENING, partial_text

pytestmark = pytest.mark.model


def _dutch_share(text: str) -> float:
    words = [w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text)]
    dutch = [w for w in words if zipf_frequency(w, "nl") > zipf_frequency(w, "en")]
    return len(dutch) / len(words) if words else 0.0


def test_the_embedded_model_answers_in_dutch(embedded_engine: LlamaEngine) -> None:
    assert embedded_engine.info.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    completion = embedded_engine.complete(
        Request(
            system="Je bent een behulpzame assistent. Je antwoordt altijd in het Nederlands, in één korte zin.",
            user="Wat is de hoofdstad van Nederland?",
            max_tokens=40,
            structured=False,
        )
    )
    assert completion.finish == "stop"
    assert "Amsterdam" in completion.text
    assert _dutch_share(completion.text) >= 0.6, completion.text


def test_structured_output_is_only_the_text(embedded_engine: LlamaEngine) -> None:
    completion = embedded_engine.complete(
        Request(
            system='Je verbetert spelfouten. Antwoord met JSON: {"tekst": "<de verbeterde zin>"}.',
            user="Zin: Wij hebben uw brief ontvangen en zullen hem zo snel mogelijk behandellen.",
            max_tokens=60,
        )
    )
    assert completion.raw.lstrip().startswith("{") and completion.raw.rstrip().endswith("}")
    assert "ontvangen" in completion.text and not completion.text.startswith("{")


def test_the_weights_are_used_in_place_from_the_mapped_file(embedded_engine: LlamaEngine) -> None:
    import llama_cpp

    # No repacked copy of the weights next to the memory-mapped file; other loads keep llama.cpp's default.
    assert embedded_engine.llama.model_params.use_extra_bufts is False
    assert llama_cpp.llama_model_default_params().use_extra_bufts is True


def test_prompt_lookup_verifies_copied_text_in_batches(
    embedded_engine: LlamaEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = "Wij hebben uw aanvraag voor een omgevingsvergunning op 12 maart 2024 ontvangen."
    request = Request(
        system='Herhaal de zin letterlijk. Antwoord met JSON: {"tekst": "<de zin>"}.',
        user=f"Zin: {sentence}",
        max_tokens=60,
    )
    decode_steps: list[int] = []  # tokens per llama_decode after the prompt is in the cache
    evaluate, evaluate_prompt = embedded_engine._eval, embedded_engine._evaluate_prompt

    def counting(tokens: list[int], *, all_logits: bool) -> None:
        decode_steps.append(len(tokens))
        evaluate(tokens, all_logits=all_logits)

    def prompt_not_counted(request: Request, prompt: list[int]) -> int:
        # The prompt is evaluated in parts (its system part once, then kept as a KV state): none is a decode step.
        reused = evaluate_prompt(request, prompt)
        decode_steps.clear()
        return reused

    monkeypatch.setattr(embedded_engine, "_eval", counting)
    monkeypatch.setattr(embedded_engine, "_evaluate_prompt", prompt_not_counted)
    embedded_engine._truncate(0)
    completion = embedded_engine.complete(request)
    assert "omgevingsvergunning op 12 maart 2024" in completion.text, completion.text
    assert len(decode_steps) < completion.completion_tokens / 2, decode_steps
    assert max(decode_steps) == 1 + LOOKUP_TOKENS


def test_a_structured_answer_shows_text_from_its_first_decoded_token(embedded_engine: LlamaEngine) -> None:
    """The answer's opening ``{"tekst": "`` is given with the prompt, not decoded token by token: the first
    token the model decodes is already the text's (the B1 preview shows words one step after the prompt)."""
    streamed: list[str] = []
    completion = embedded_engine.complete(
        Request(
            system='Je verbetert spelfouten. Antwoord met JSON: {"tekst": "<de verbeterde zin>"}.',
            user="Zin: Wij hebben uw brief ontvangen en zullen hem zo snel mogelijk behandellen.",
            max_tokens=60,
        ),
        on_text=streamed.append,
    )
    assert streamed[0].startswith(OPENING) and partial_text(streamed[0]).strip(), streamed[:3]
    assert completion.raw.startswith(OPENING) and "ontvangen" in completion.text
    assert len(streamed) == completion.completion_tokens  # the opening is no decoded token
