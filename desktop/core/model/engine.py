"""The local model engine: a small protocol and its llama.cpp implementation.

The engine loads a GGUF from the model folders after checking its sha256 (model.catalog),
memory-maps it, formats prompts with the chat template from the GGUF's own metadata, and
generates with streaming and a cancel flag checked between tokens. Prompt-lookup decoding
(speculative decoding with drafts taken from the prompt, their length adapted to how well they
fare) serves requests whose output copies their input, such as corrections. The JSON grammar is
checked on the chosen token first (llama_sampling). It never downloads: there is no hub code path,
only ``Llama(model_path=...)``.

The KV cache of a prompt's system part is evaluated once per prompt, not once per request: the
longest prefix shared with the previous request stays in the cache, and the state of each system
prompt (its keys and values, ~10 MB) is kept, in memory for the last few and in the user's cache
folder (desktop/core/disk_cache.py) for the next start. The analysis alternates B1 rewrites and
corrections, so without the kept states every switch evaluated a system prompt of 180-340 tokens again:
4-8 s on two cores.

An engine is used from one thread at a time (the UI's one-thread model pool; the CLI's main thread).
"""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import json
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import psutil

from desktop.core import disk_cache
from desktop.core.i18n import _
from desktop.core.model import structured
from desktop.core.model.catalog import ModelCard, ModelError, ModelFile, choose_model, find_models, verify
from desktop.core.model.energy import CostMeter, ModelCost
from desktop.core.model.runtime import LlamaRuntimeError, ensure_backends, route_native_log, weights_used_in_place
from desktop.core.model.sampling import Sampler

if TYPE_CHECKING:  # the scorer module imports this one
    from desktop.core.model.scoring import LlamaScorer

DEFAULT_CONTEXT = 4096
LOOKUP_TOKENS = 6  # the longest draft
LOOKUP_FIRST = 2  # the first draft's length
LOOKUP_PAUSE = 6  # tokens without drafts after a draft that was wrong from its first token
LOOKUP_NGRAM = 3
PREFIX_STATES = 4  # system prompts whose KV state is kept in memory (b1, correctie, concept, one more)
PREFIX_CACHE = "kv-prompts"

TextCallback = Callable[[str], None]
log = logging.getLogger(__name__)


class EngineError(Exception):
    """The model cannot be used or failed; ``str(exc)`` is a Dutch message for the user."""


class UnusableAnswerError(EngineError):
    """The model ran, but its answer is not in the asked form (not the JSON of a structured answer): like a
    refused answer, another attempt may do better."""


@dataclass(frozen=True)
class Request:
    """One generation: a system and a user message, and how to sample.

    With ``structured`` the output is constrained by a JSON-schema grammar to ``{"tekst": "..."}``,
    so the model can only return the text and never commentary around it.
    """

    system: str
    user: str
    max_tokens: int = 256
    temperature: float = 0.0
    seed: int = 1
    structured: bool = True
    prompt_lookup: bool = True


@dataclass(frozen=True)
class Completion:
    """What a generation produced and how long it took."""

    text: str
    raw: str
    prompt_tokens: int
    completion_tokens: int
    prompt_seconds: float
    seconds: float
    finish: str  # "stop", "length" or "cancelled"
    cached_tokens: int = 0  # prompt tokens whose keys and values came from the cache, not evaluated
    cpu_seconds: float = 0.0  # the process's CPU time during the generation (all of llama.cpp's threads)


@dataclass(frozen=True)
class EngineInfo:
    """What the app shows about the loaded model."""

    name: str
    file: str
    sha256: str
    card: ModelCard | None
    threads: int
    context: int


class Engine(Protocol):
    """What the tasks need from a model."""

    info: EngineInfo

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        """Generate for ``request``; ``on_text`` receives the text so far after each token."""
        ...


def physical_cores() -> int:
    """The machine's physical cores (hyper-threads do not speed up llama.cpp)."""
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def thread_count(setting: int) -> int:
    """Threads for the model: the setting when it is positive, else the physical cores."""
    return setting if setting > 0 else physical_cores()


def common_prefix_length(first: Sequence[int], second: Sequence[int]) -> int:
    """How many tokens ``first`` and ``second`` share from the start."""
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def next_draft_limit(limit: int, drafted: int, accepted: int) -> int:
    """How many tokens to draft next, after ``accepted`` of ``drafted`` drafts were right.

    A negative answer is a pause: that many tokens are generated without drafts first. Verifying a
    draft is not free on a laptop CPU: measured here (2 cores, the 1.5B model), a batch of 4 tokens
    costs 2.6 times one token and a batch of 11 about 7 times, so drafts pay off only while the
    output copies its input. The length follows the last result: it grows by two after a draft
    that was right throughout, shrinks to what was accepted after one that went wrong part-way,
    and drafting pauses after one that was wrong from its first token.
    """
    if accepted == drafted:
        return min(LOOKUP_TOKENS, limit + 2)
    if accepted == 0:
        return -LOOKUP_PAUSE
    return accepted


def structured_text(raw: str) -> str:
    """The ``tekst`` field of a structured output; raises UnusableAnswerError when it is not valid JSON."""
    try:
        return structured.final_text(raw)
    except structured.StructuredOutputError as exc:
        raise UnusableAnswerError(_("Het model gaf geen bruikbaar antwoord.")) from exc


class LlamaEngine:
    """The llama.cpp engine (llama-cpp-python), with our own decode loop.

    llama-cpp-python's ``generate`` supports prompt-lookup drafts only with ``logits_all``, which makes
    llama.cpp compute the full vocabulary's logits for every prompt token. This loop asks for logits
    only where it samples: the last prompt token, and each position of a draft being verified.
    """

    def __init__(self, llama: Any, info: EngineInfo) -> None:
        from llama_cpp import llama_chat_format, llama_cpp
        from llama_cpp.llama_grammar import LlamaGrammar

        self._llama = llama
        self._api = llama_cpp
        self.info = info
        self._cached: list[int] = []  # tokens whose keys and values are in the KV cache, in order
        self._system_heads: dict[str, tuple[int, ...]] = {}  # system prompt -> tokens up to the user's text
        self._prefix_states: OrderedDict[tuple[int, ...], bytes] = OrderedDict()  # prefix -> its KV state
        self.meter = CostMeter()  # everything this engine generated, for the energy figures
        self._scorer: LlamaScorer | None = None  # made on first use, closed with the engine
        # Closed at the latest when the program ends, before the interpreter takes its modules down: freed
        # later, llama.cpp calls back into Python (its log) while Python is going (a weak reference: this
        # does not keep the engine alive).
        atexit.register(_close_if_alive, weakref.ref(self))
        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            raise EngineError(
                _("Het model {name} bevat geen chatsjabloon en kan niet worden gebruikt.").format(
                    name=info.name
                )
            )
        eos, bos = llama.token_eos(), llama.token_bos()
        self._formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=llama._model.token_get_text(eos) if eos != -1 else "",
            bos_token=llama._model.token_get_text(bos) if bos != -1 else "",
        )
        self._grammar = LlamaGrammar.from_json_schema(json.dumps(structured.SCHEMA), verbose=False)
        self._opening = list(llama.tokenize(structured.OPENING.encode("utf-8"), add_bos=False, special=False))

    @classmethod
    def load(
        cls,
        model: ModelFile,
        threads: int = 0,
        context: int = DEFAULT_CONTEXT,
        progress: Callable[[int, int], None] | None = None,
    ) -> LlamaEngine:
        """Verify ``model``'s hash and load it memory-mapped. Raises EngineError with a Dutch message."""
        try:
            digest = verify(model, progress)
        except ModelError as exc:
            raise EngineError(str(exc)) from exc
        try:
            ensure_backends()  # the portable build's CPU variant for this processor
            from llama_cpp import Llama

            route_native_log()  # again: importing llama-cpp-python sets its own log callback (stderr)
        except LlamaRuntimeError as exc:
            raise EngineError(str(exc)) from exc

        count = thread_count(threads)
        try:
            with weights_used_in_place():
                llama = Llama(
                    model_path=str(model.path),
                    n_ctx=context,
                    n_threads=count,
                    n_threads_batch=count,
                    use_mmap=True,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise EngineError(
                _("Het model {name} kan niet worden geladen; het bestand is mogelijk beschadigd.").format(
                    name=model.display_name
                )
            ) from exc
        info = EngineInfo(
            name=model.display_name,
            file=model.path.name,
            sha256=digest,
            card=model.card,
            threads=count,
            context=context,
        )
        return cls(llama, info)

    def scorer(self) -> LlamaScorer:
        """The log-probability scorer on this engine's weights (made once, on first use; closed with the engine)."""
        if self._scorer is None:
            from desktop.core.model.scoring import LlamaScorer

            self._scorer = LlamaScorer(self)
        return self._scorer

    def close(self) -> None:
        """Free the scorer's context and the model now (at the latest when the app or the CLI ends), not in
        llama-cpp-python's ``__del__``, which fails once the interpreter has begun taking its modules down.
        The engine cannot be used afterwards; closing twice does nothing."""
        if self._scorer is not None:
            self._scorer.close()
            self._scorer = None
        self._llama.close()

    @property
    def llama(self) -> Any:
        """The underlying llama_cpp.Llama (for benchmarks that compare with llama.cpp's own path)."""
        return self._llama

    def prompt_tokens(self, request: Request) -> list[int]:
        """The tokens of the formatted chat prompt for ``request``."""
        formatted = self._formatter(
            messages=[
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.user},
            ]
        )
        return list(self._llama.tokenize(formatted.prompt.encode("utf-8"), add_bos=False, special=True))

    def _eval(self, tokens: list[int], *, all_logits: bool) -> None:
        """Append ``tokens`` to the KV cache; logits for every token or only the last one."""
        llama = self._llama
        for begin in range(0, len(tokens), llama.n_batch):
            chunk = tokens[begin : begin + llama.n_batch]
            llama._batch.set_batch(batch=chunk, n_past=len(self._cached), logits_all=all_logits)
            llama._ctx.decode(llama._batch)
            self._cached.extend(chunk)

    def _truncate(self, length: int) -> None:
        """Forget the KV cache after the first ``length`` tokens."""
        self._llama._ctx.kv_cache_seq_rm(-1, length, -1)
        del self._cached[length:]

    def _system_length(self, request: Request, prompt: Sequence[int]) -> int:
        """How many of ``prompt``'s tokens are its system part (up to where the user's text starts)."""
        head = self._system_heads.get(request.system)
        if head is None:
            head = tuple(self.prompt_tokens(Request(system=request.system, user="")))
            self._system_heads[request.system] = head
        return common_prefix_length(head, prompt)

    def _state_key(self, prefix: tuple[int, ...]) -> str:
        import llama_cpp

        return disk_cache.entry_key("kv", llama_cpp.__version__, self.info.sha256, self.info.context, prefix)

    def _stored_state(self, prefix: tuple[int, ...]) -> bytes | None:
        """The KV state of ``prefix`` from the cache folder, if it is there and unchanged (its sha256 leads)."""
        stored = disk_cache.read(PREFIX_CACHE, self._state_key(prefix))
        if stored is None:
            return None
        digest, data = stored[:32], stored[32:]
        if hashlib.sha256(data).digest() != digest:
            log.warning("a kept KV state in the cache folder is damaged; its prompt is evaluated again")
            return None
        return data

    def _restore_prefix(self, prefix: tuple[int, ...]) -> bool:
        """Put the kept KV state of ``prefix`` in the cache (from memory or the cache folder); False if none."""
        data = self._prefix_states.get(prefix)
        from_disk = data is None
        if data is None:
            data = self._stored_state(prefix)
            if data is None:
                return False
        self._truncate(0)
        ctx = self._llama._ctx.ctx
        source = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        read = self._api.llama_state_seq_set_data(ctx, source, len(data), 0)
        memory = self._api.llama_get_memory(ctx)
        if read != len(data) or (self._api.llama_memory_seq_pos_min(memory, 0),
                                 self._api.llama_memory_seq_pos_max(memory, 0)) != (0, len(prefix) - 1):
            log.warning("a kept KV state of %d prompt tokens does not fit this model; it is evaluated again",
                        len(prefix))
            self._llama._ctx.kv_cache_clear()
            self._cached = []
            self._prefix_states.pop(prefix, None)
            return False
        self._cached = list(prefix)
        self._keep_state(prefix, data, write=False)
        if from_disk:
            log.info("KV state of %d prompt tokens read from the cache folder", len(prefix))
        return True

    def _keep_prefix(self, prefix: tuple[int, ...]) -> None:
        """Keep the KV state of ``prefix``, which is exactly what the cache holds now."""
        ctx = self._llama._ctx.ctx
        size = int(self._api.llama_state_seq_get_size(ctx, 0))
        buffer = (ctypes.c_uint8 * size)()
        written = int(self._api.llama_state_seq_get_data(ctx, buffer, size, 0))
        self._keep_state(prefix, bytes(buffer)[:written], write=True)

    def _keep_state(self, prefix: tuple[int, ...], data: bytes, *, write: bool) -> None:
        self._prefix_states[prefix] = data
        self._prefix_states.move_to_end(prefix)
        while len(self._prefix_states) > PREFIX_STATES:
            self._prefix_states.popitem(last=False)
        if write:
            disk_cache.write(PREFIX_CACHE, self._state_key(prefix), hashlib.sha256(data).digest() + data)

    def _evaluate_prompt(self, request: Request, prompt: list[int]) -> int:
        """Bring the KV cache to ``prompt``, with logits for its last token; return how many of its tokens
        came from the cache instead of being evaluated. The last token is always evaluated (its logits are
        the first sample's)."""
        shared = common_prefix_length(self._cached, prompt[:-1])
        system = min(self._system_length(request, prompt), len(prompt) - 1)
        if shared < system and self._restore_prefix(tuple(prompt[:system])):
            shared = system
        reused = shared
        self._truncate(shared)
        if shared < system:
            self._eval(prompt[shared:system], all_logits=False)
            self._keep_prefix(tuple(prompt[:system]))
            shared = system
        self._eval(prompt[shared:], all_logits=False)
        return reused

    def tokenize(self, text: str) -> list[int]:
        """The tokens of plain ``text`` (no chat template, no special tokens)."""
        return list(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _is_end(self, token: int) -> bool:
        return bool(self._api.llama_vocab_is_eog(self._llama._model.vocab, token))

    def complete(
        self, request: Request, cancel: threading.Event | None = None, on_text: TextCallback | None = None
    ) -> Completion:
        """Generate for ``request``, streaming through ``on_text`` and stopping when ``cancel`` is set."""
        from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

        llama = self._llama
        # A structured answer's opening is given, not decoded: it is evaluated with the prompt.
        opening = self._opening if request.structured else []
        prompt = self.prompt_tokens(request) + opening
        find_candidate_pred_tokens = (
            LlamaPromptLookupDecoding.find_candidate_pred_tokens if request.prompt_lookup else None
        )
        if len(prompt) + request.max_tokens + LOOKUP_TOKENS > self.info.context:
            raise EngineError(_("De tekst is te lang voor het model; kies een kortere alinea."))
        started = time.perf_counter()
        cpu_started = time.process_time()
        reused = self._evaluate_prompt(request, prompt)
        output: list[int] = []
        data = bytearray(structured.OPENING.encode("utf-8") if request.structured else b"")
        finish = "length"
        grammar = self._grammar if request.structured else None
        draft_limit = LOOKUP_FIRST
        with Sampler(llama, request.temperature, request.seed, grammar) as sampler:
            sampler.accept(opening)
            next_token = sampler.sample(-1)
            first_token_at = time.perf_counter()

            def emit(token: int) -> bool:
                """Record ``token``; False when generation must stop after it."""
                nonlocal finish
                output.append(token)
                data.extend(llama.detokenize([token], prev_tokens=prompt + output[:-1]))
                if on_text is not None:
                    on_text(data.decode("utf-8", errors="ignore"))
                if cancel is not None and cancel.is_set():
                    finish = "cancelled"
                    return False
                return len(output) < request.max_tokens

            while True:
                if self._is_end(next_token):
                    finish = "stop"
                    break
                if not emit(next_token):
                    break
                drafts: list[int] = []
                if find_candidate_pred_tokens is not None and draft_limit > 0:
                    history = np.asarray(prompt + output, dtype=np.intc)
                    drafts = [int(t) for t in find_candidate_pred_tokens(history, LOOKUP_NGRAM, draft_limit)]
                    drafts = drafts[: request.max_tokens - len(output)]
                elif draft_limit <= 0:
                    draft_limit += 1  # a pause after a draft that was wrong from its first token
                base = len(self._cached)
                self._eval([next_token, *drafts], all_logits=bool(drafts))
                accepted = 0
                keep_going = True
                for index in range(len(drafts) + 1):
                    sampled = sampler.sample(index if drafts else -1)
                    if index < len(drafts) and sampled == drafts[index] and not self._is_end(sampled):
                        accepted += 1
                        if not emit(sampled):
                            keep_going = False
                            break
                        continue
                    next_token = sampled
                    break
                self._truncate(base + 1 + accepted)
                if drafts:
                    draft_limit = next_draft_limit(draft_limit, len(drafts), accepted)
                if not keep_going:
                    break
        raw = data.decode("utf-8", errors="replace")
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        self.meter.add(ModelCost(seconds, len(prompt), len(output), cpu_seconds))  # also when the answer is unusable
        if finish == "cancelled":
            text = ""
        elif request.structured:
            text = structured_text(raw)
        else:
            text = raw.strip()
        return Completion(
            text=text,
            raw=raw,
            prompt_tokens=len(prompt),
            completion_tokens=len(output),
            prompt_seconds=first_token_at - started,
            seconds=seconds,
            finish=finish,
            cached_tokens=reused,
            cpu_seconds=cpu_seconds,
        )


def _close_if_alive(reference: weakref.ref[LlamaEngine]) -> None:
    engine = reference()
    if engine is not None:
        engine.close()


def load_engine(
    wanted: str = "",
    threads: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> LlamaEngine:
    """The model the settings choose (``wanted``: a card id or file name, empty for the default) from the model
    folders, verified and loaded: the one way the app, the CLI and the benchmarks load the engine.

    Raises EngineError with a Dutch message when there is no usable model.
    """
    try:
        model = choose_model(find_models(), wanted)
    except ModelError as exc:
        raise EngineError(str(exc)) from exc
    return LlamaEngine.load(model, threads=threads, progress=progress)


def scorer_for(engine: object) -> LlamaScorer | None:
    """The scorer on ``engine``'s weights (made once per engine, closed with it); None for an engine that
    cannot score (anything but a loaded :class:`LlamaEngine`, such as a test double)."""
    return engine.scorer() if isinstance(engine, LlamaEngine) else None
