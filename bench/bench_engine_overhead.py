"""Our engine vs llama.cpp's own path: prompt processing and decoding tokens per second.

Run: .venv/bin/python bench/bench_engine_overhead.py [--rounds 3] [--tokens 64]

Both paths use the same llama.cpp context (same GGUF, threads and context size) and greedy
sampling. The reference is llama.cpp's C API driven directly through llama-cpp-python's
low-level bindings (llama_batch_get_one + llama_decode + a greedy llama_sampler): no Python loop
beyond one call per token. Ours is LlamaEngine.complete (chat template, our decode loop,
detokenizing and streaming every token; prompt lookup and the JSON grammar off so that both do
the same work). The runs alternate, and the medians are compared: overhead ratio = ours / reference
(target ≥ 0.95).
"""

from __future__ import annotations

import argparse
import time

from _shared import load_engine, median

from desktop.core.model.engine import LlamaEngine, Request

SYSTEM = "Je bent een ambtenaar. Je schrijft duidelijke Nederlandse brieven."
USER = ("Schrijf een uitgebreide brief aan een inwoner over de werkzaamheden aan de riolering in de Gorterstraat, "
        "met de planning, de omleidingen, de bereikbaarheid van de woningen en hoe de inwoner vragen kan stellen.")


def reference(engine: LlamaEngine, prompt: list[int], tokens: int) -> tuple[float, float]:
    """(prompt tok/s, decode tok/s) through llama.cpp's C API."""
    import llama_cpp as lc  # after desktop.core.model.runtime configured OpenMP, as in the app

    llama = engine.llama
    ctx = llama._ctx.ctx
    lc.llama_memory_clear(lc.llama_get_memory(ctx), True)
    sampler = lc.llama_sampler_init_greedy()
    try:
        started = time.perf_counter()
        array = (lc.llama_token * len(prompt))(*prompt)
        if lc.llama_decode(ctx, lc.llama_batch_get_one(array, len(prompt))) != 0:
            raise RuntimeError("llama_decode failed")
        token = lc.llama_sampler_sample(sampler, ctx, -1)
        first = time.perf_counter()
        one = (lc.llama_token * 1)()
        for _ in range(tokens - 1):
            one[0] = token
            if lc.llama_decode(ctx, lc.llama_batch_get_one(one, 1)) != 0:
                raise RuntimeError("llama_decode failed")
            token = lc.llama_sampler_sample(sampler, ctx, -1)
        ended = time.perf_counter()
    finally:
        lc.llama_sampler_free(sampler)
    lc.llama_memory_clear(lc.llama_get_memory(ctx), True)
    engine._cached.clear()  # the engine's view of the KV cache is gone too
    return len(prompt) / (first - started), (tokens - 1) / (ended - first)


def ours(engine: LlamaEngine, tokens: int) -> tuple[float, float, int]:
    """(prompt tok/s, decode tok/s, tokens) through LlamaEngine.complete."""
    engine._truncate(0)  # no prefix reuse: both paths process the whole prompt
    request = Request(system=SYSTEM, user=USER, max_tokens=tokens, structured=False, prompt_lookup=False)
    completion = engine.complete(request)
    decode = completion.seconds - completion.prompt_seconds
    return (completion.prompt_tokens / completion.prompt_seconds,
            (completion.completion_tokens - 1) / decode, completion.completion_tokens)


def main() -> None:
    """Print both paths' speeds and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=64)
    args = parser.parse_args()
    engine = load_engine()
    prompt = engine.prompt_tokens(Request(system=SYSTEM, user=USER))
    print(f"model {engine.info.name}, {engine.info.threads} threads, context {engine.info.context}, "
          f"prompt {len(prompt)} tokens")
    ours(engine, 8)  # warm up both paths (page in the weights)
    reference(engine, prompt, 8)
    results: dict[str, list[tuple[float, float]]] = {"ours": [], "reference": []}
    for _round in range(args.rounds):
        prompt_speed, decode_speed, produced = ours(engine, args.tokens)
        results["ours"].append((prompt_speed, decode_speed))
        results["reference"].append(reference(engine, prompt, produced))
    for name, rows in results.items():
        print(f"{name:>10}: prompt {median([r[0] for r in rows]):7.1f} tok/s   "
              f"decode {median([r[1] for r in rows]):6.2f} tok/s")
    prompt_ratio = median([r[0] for r in results["ours"]]) / median([r[0] for r in results["reference"]])
    decode_ratio = median([r[1] for r in results["ours"]]) / median([r[1] for r in results["reference"]])
    print(f"overhead ratio (ours / llama.cpp): prompt {prompt_ratio:.3f}, decode {decode_ratio:.3f} "
          f"(target ≥ 0.95) -> {'OK' if min(prompt_ratio, decode_ratio) >= 0.95 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
