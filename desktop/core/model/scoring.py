"""The model as a judge: log-probability margins of a sentence's variants (the confusion stage's scorer).

:class:`LlamaScorer` implements :class:`desktop.core.language.confusion.ConfusionScorer`. It owns a
second llama.cpp context on the engine's loaded weights (no second copy of the model; its own small
KV cache with several sequences), so that a sentence and all its variants are evaluated in one
batch: on a laptop CPU every decode call reads all the weights once.

In that cache a fixed preamble is evaluated once and shared by every sequence. For a sentence, the
tokens as written form one sequence; each twin (a candidate word replaced by an alternative) is its
own sequence that *shares* the sentence's tokens before the word (the same KV cells, evaluated once)
and adds the twin's tokens and the next :data:`WINDOW` tokens of the sentence. The margin of a twin
is the log-probability of (twin + window) minus that of (word + window) as written. Tokens after the
last window are not evaluated.

The sentence is tokenised in pieces cut at each candidate's word (with the space before it), so a
twin's tokens replace exactly the word's tokens and the window tokens are identical.

Each sentence gets a decode call of its own, in a cache emptied back to the preamble. Batching the
sentences of a paragraph together changed margins by 0.2–1.5 nats with what else was in the batch
(measured: the written tokens of a sentence came out bit for bit the same in any batch, but the
twins, whose KV cells then lie further from their shared prefix, did not; so did a twin given its
own copy of the prefix): floating-point rounding of the attention over a differently laid out
cache, worst with flash attention (switched off here), not a sequence or position error. One
sentence per call makes a margin a function of the sentence alone, and it was not slower on two
cores (9.0 s against 11.6 s for 16 sentences of two letters).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop.core.language.confusion_candidates import Candidate
from desktop.core.model.energy import ModelCost

# A neutral frame that tells the model what kind of text follows; its tokens stay in the KV cache.
PREAMBLE = "Een zin uit een zorgvuldig geschreven Nederlandse brief van de overheid, zonder taalfouten:\n"
WINDOW = 6  # tokens after the word that are compared too: the word's fit with what follows
SEQUENCES = 32  # sequences in one batch: a sentence and each of its twins take one
BATCH = 512  # tokens in one batch
CONTEXT = 2048


@dataclass
class _Twin:
    item: int
    candidate: int
    alternative: int
    word_start: int  # index into the item's tokens where the word begins
    word_end: int
    tokens: list[int]  # the twin's tokens followed by the window


@dataclass
class _Item:
    tokens: list[int]  # the last preamble token, then the sentence as written
    spans: list[tuple[int, int]]  # per candidate: token span of its word piece in ``tokens``
    alternatives: list[int]  # per candidate: how many alternatives


class LlamaScorer:
    """Margins of twins over the sentence as written, from the embedded model. One thread at a time.

    ``engine`` is a loaded :class:`~desktop.core.model.engine.LlamaEngine`; the scorer shares its
    weights and tokenizer and has its own context, so the engine's KV cache is left as it is.
    """

    def __init__(self, engine: Any, window: int = WINDOW, sequences: int = SEQUENCES) -> None:
        import llama_cpp
        from llama_cpp._internals import LlamaContext

        self._lc = llama_cpp
        self._engine = weakref.proxy(engine)  # the engine owns its scorer (and closes it), not the other way
        self._window = window
        self._sequences = sequences
        model = engine.llama._model
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = CONTEXT
        params.n_batch = BATCH
        params.n_ubatch = BATCH
        params.n_seq_max = sequences
        params.kv_unified = True
        params.flash_attn_type = 0  # off: less rounding in the attention (see the module docstring)
        params.n_threads = engine.info.threads
        params.n_threads_batch = engine.info.threads
        self._context = LlamaContext(model=model, params=params, verbose=False)
        self._memory = llama_cpp.llama_get_memory(self._context.ctx)
        self._vocabulary = int(llama_cpp.llama_vocab_n_tokens(model.vocab))
        self._batch = llama_cpp.llama_batch_init(BATCH, 0, sequences)
        preamble = engine.tokenize(PREAMBLE)
        self._last_preamble_token = preamble[-1]
        self._base = len(preamble) - 1  # position of the last preamble token, evaluated with each sentence
        self._decode([(token, position, range(sequences), False) for position, token in enumerate(preamble[:-1])])
        self._tokens_scored = 0

    def close(self) -> None:
        """Free the scoring context and batch."""
        if self._batch is not None:
            self._lc.llama_batch_free(self._batch)
            self._batch = None
        self._context.close()

    @property
    def tokens_scored(self) -> int:
        """Tokens evaluated so far (the shared preamble not counted)."""
        return self._tokens_scored

    # -- low level --------------------------------------------------------------------------------

    def _decode(self, entries: Sequence[tuple[int, int, Sequence[int], bool]]) -> None:
        """One llama_decode of (token, position, sequences, wants logits) entries."""
        batch = self._batch
        for index, (token, position, sequences, logits) in enumerate(entries):
            batch.token[index] = token
            batch.pos[index] = position
            batch.n_seq_id[index] = len(sequences)
            for number, sequence in enumerate(sequences):
                batch.seq_id[index][number] = sequence
            batch.logits[index] = logits
        batch.n_tokens = len(entries)
        result = self._lc.llama_decode(self._context.ctx, batch)
        if result != 0:
            raise RuntimeError(f"llama_decode returned {result}")

    def _logprob(self, index: int, token: int) -> float:
        """log P(token) from the logits of batch entry ``index``."""
        logits = np.ctypeslib.as_array(
            self._lc.llama_get_logits_ith(self._context.ctx, index), shape=(self._vocabulary,)
        )
        top = float(logits.max())
        return float(logits[token]) - top - float(np.log(np.exp(logits - top).sum()))

    # -- preparing ----------------------------------------------------------------------------------

    def _item(self, sentence: str, candidates: Sequence[Candidate]) -> _Item:
        tokens = [self._last_preamble_token]
        spans: list[tuple[int, int]] = []
        position = 0
        for candidate in candidates:  # sorted by start
            start = candidate.start
            if start > position and sentence[start - 1] == " ":
                start -= 1
            if start > position:
                tokens += self._engine.tokenize(sentence[position:start])
            begin = len(tokens)
            tokens += self._engine.tokenize(sentence[start : candidate.end])
            spans.append((begin, len(tokens)))
            position = candidate.end
        if position < len(sentence):
            tokens += self._engine.tokenize(sentence[position:])
        needed = max((end for _start, end in spans), default=len(tokens)) + self._window
        return _Item(tokens[:needed], spans, [len(c.alternatives) for c in candidates])

    def _twins(self, number: int, item: _Item, sentence: str, candidates: Sequence[Candidate]) -> list[_Twin]:
        twins = []
        for index, candidate in enumerate(candidates):
            word_start, word_end = item.spans[index]
            lead = " " if candidate.start > 0 and sentence[candidate.start - 1] == " " else ""
            after = item.tokens[word_end : word_end + self._window]
            for alternative_number, alternative in enumerate(candidate.alternatives):
                twin_tokens = self._engine.tokenize(lead + alternative) + after
                twins.append(_Twin(number, index, alternative_number, word_start, word_end, twin_tokens))
        return twins

    # -- scoring --------------------------------------------------------------------------------------

    def margins(
        self,
        sentences: Sequence[tuple[str, Sequence[Candidate]]],
        cancel: threading.Event | None = None,
    ) -> list[list[tuple[float, ...]] | None] | None:
        """Per sentence (None when it is too long to score), per candidate, per alternative: the margin in nats.

        None when ``cancel`` was set before the work was done. The work is counted in the engine's meter (the
        energy figures), as tokens read: scoring writes none.
        """
        started, cpu_started, scored = time.perf_counter(), time.process_time(), self._tokens_scored
        try:
            return self._margins(sentences, cancel)
        finally:
            self._engine.meter.add(ModelCost(time.perf_counter() - started, self._tokens_scored - scored, 0,
                                             time.process_time() - cpu_started))

    def _margins(
        self,
        sentences: Sequence[tuple[str, Sequence[Candidate]]],
        cancel: threading.Event | None,
    ) -> list[list[tuple[float, ...]] | None] | None:
        ordered = [sorted(candidates, key=lambda c: c.start) for _s, candidates in sentences]
        items = [self._item(sentence, cands) for (sentence, _c), cands in zip(sentences, ordered, strict=True)]
        twins = [self._twins(number, item, sentences[number][0], ordered[number]) for number, item in enumerate(items)]
        results: list[dict[tuple[int, int], float] | None] = [{} for _ in items]
        for number, item in enumerate(items):
            need_tokens = len(item.tokens) + sum(len(t.tokens) for t in twins[number])
            if need_tokens > BATCH or 1 + len(twins[number]) > self._sequences:
                results[number] = None
                continue
            if not twins[number]:
                continue
            if cancel is not None and cancel.is_set():
                return None
            self._score(number, item, twins[number], results)
        output: list[list[tuple[float, ...]] | None] = []
        for number, item in enumerate(items):
            margins = results[number]
            if margins is None:
                output.append(None)
                continue
            by_start = [
                tuple(margins[(index, a)] for a in range(item.alternatives[index])) for index in range(len(item.spans))
            ]
            # back to the caller's candidate order
            position = {id(c): i for i, c in enumerate(ordered[number])}
            output.append([by_start[position[id(c)]] for c in sentences[number][1]])
        return output

    def _score(
        self,
        number: int,
        item: _Item,
        twins: list[_Twin],
        results: list[dict[tuple[int, int], float] | None],
    ) -> None:
        """One decode call: the sentence as written (sequence 0) and each twin (its own sequence).

        Logits are asked for only where a log-probability is read: from the token before the first
        candidate word on, and for every twin token but the last.
        """
        entries: list[tuple[int, int, Sequence[int], bool]] = []
        own = list(range(1, 1 + len(twins)))
        first_read = min(t.word_start for t in twins) - 1
        for index, token in enumerate(item.tokens):
            members = [0] + [s for s, t in zip(own, twins, strict=True) if index < t.word_start]
            wanted = first_read <= index < len(item.tokens) - 1
            entries.append((token, self._base + index, members, wanted))
        twin_first: list[int] = []  # batch index of each twin's first token
        for seq, twin in zip(own, twins, strict=True):
            twin_first.append(len(entries))
            for offset, token in enumerate(twin.tokens):
                entries.append((token, self._base + twin.word_start + offset, [seq], offset < len(twin.tokens) - 1))
        self._decode(entries)
        self._tokens_scored += len(entries)
        written = {
            index + 1: self._logprob(index, item.tokens[index + 1])
            for index in range(max(0, first_read), len(item.tokens) - 1)
        }
        result = results[number]
        assert result is not None
        for twin, first in zip(twins, twin_first, strict=True):
            as_written = sum(
                written[i] for i in range(twin.word_start, min(len(item.tokens), twin.word_end + self._window))
            )
            score = self._logprob(twin.word_start - 1, twin.tokens[0])
            for offset in range(1, len(twin.tokens)):
                score += self._logprob(first + offset - 1, twin.tokens[offset])
            result[(twin.candidate, twin.alternative)] = score - as_written
        self._lc.llama_memory_seq_rm(self._memory, -1, self._base, -1)
