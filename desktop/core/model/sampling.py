"""Choosing the next token in llama.cpp, with a JSON grammar checked on the chosen token first.

llama.cpp's grammar sampler tests every token of the vocabulary against the grammar; with the
152,000 tokens of Qwen2.5 that took 25 ms a token here, a third of the time of decoding the token
itself; checking only the chosen token took 0.3 ms (tests/model/test_sampling.py steps both ways
side by side). Like llama.cpp's own common sampler, :class:`Sampler` lets the other samplers
choose first and asks the grammar about that one token; only when the grammar refuses it are all
candidates filtered and the choice made again. With greedy sampling this is exactly the token
that filtering first would give; with temperature sampling the output still always satisfies the
grammar.

Only llama-cpp-python's low-level bindings are used; the caller owns the context and the logits.
"""

from __future__ import annotations

import ctypes
import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from llama_cpp._internals import LlamaTokenDataArray


class Sampler:
    """Greedy (``temperature`` 0) or top-k/top-p/min-p/temperature sampling, optionally under a grammar.

    Use as a context manager, or call :meth:`close`: the llama.cpp samplers are freed there.
    """

    def __init__(self, llama: Any, temperature: float, seed: int, grammar: Any | None = None) -> None:
        import llama_cpp as lc
        from llama_cpp._internals import LlamaSampler

        self._lc = lc
        self._ctx = llama._ctx.ctx
        self._n_vocab = int(lc.llama_vocab_n_tokens(llama._model.vocab))
        self._chain = LlamaSampler()
        if temperature <= 0.0:
            self._chain.add_greedy()
        else:
            self._chain.add_top_k(40)
            self._chain.add_top_p(0.95, 1)
            self._chain.add_min_p(0.05, 1)
            self._chain.add_temp(temperature)
            self._chain.add_dist(seed)
        self._grammar = None
        if grammar is not None:
            self._grammar = lc.llama_sampler_init_grammar(
                llama._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
            )
        self._one = (lc.llama_token_data * 1)()
        self._single = lc.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        self._all: LlamaTokenDataArray | None = None  # every candidate, allocated at the first refusal
        #: Tokens the grammar refused after the other samplers chose them (tests/model/test_sampling.py).
        self.refusals = 0

    def __enter__(self) -> Sampler:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Free the llama.cpp samplers."""
        if self._grammar is not None:
            self._lc.llama_sampler_free(self._grammar)
            self._grammar = None
        self._chain.close()

    def accept(self, tokens: list[int]) -> None:
        """Advance the grammar past ``tokens`` written for the model (the answer's opening); they must fit it."""
        if self._grammar is None:
            return
        for token in tokens:
            if not self._allowed(token):
                raise ValueError(f"token {token} of the given opening does not fit the grammar")
            self._lc.llama_sampler_accept(self._grammar, token)

    def sample(self, index: int) -> int:
        """The token for output ``index`` of the last decoded batch (-1: the last), accepted by the grammar."""
        lc = self._lc
        token = int(lc.llama_sampler_sample(self._chain.sampler, self._ctx, index))
        if self._grammar is None:
            return token
        if self._allowed(token):
            lc.llama_sampler_accept(self._grammar, token)
            return token
        self.refusals += 1
        token = self._sample_all(index)
        lc.llama_sampler_accept(self._grammar, token)
        return token

    def _allowed(self, token: int) -> bool:
        self._one[0] = self._lc.llama_token_data(token, 0.0, 0.0)
        self._single.size, self._single.selected, self._single.sorted = 1, -1, False
        self._lc.llama_sampler_apply(self._grammar, ctypes.byref(self._single))
        return not math.isinf(self._one[0].logit)

    def _sample_all(self, index: int) -> int:
        """Filter every candidate through the grammar, then choose with the other samplers."""
        from llama_cpp._internals import LlamaTokenDataArray

        lc = self._lc
        if self._all is None:
            self._all = LlamaTokenDataArray(n_vocab=self._n_vocab)
        logits = np.ctypeslib.as_array(lc.llama_get_logits_ith(self._ctx, index), shape=(self._n_vocab,))
        self._all.copy_logits(logits)
        candidates = self._all.candidates
        candidates.selected = -1
        lc.llama_sampler_apply(self._grammar, ctypes.byref(candidates))
        lc.llama_sampler_apply(self._chain.sampler, ctypes.byref(candidates))
        return int(candidates.data[candidates.selected].id)
