"""The local model: it judges and, behind strict guards, writes.

Public API:

- ``engine``: the :class:`Engine` protocol and :class:`LlamaEngine` (sha256-checked GGUF, streaming, cancel);
- ``catalog``: the known models and where they are; ``runtime`` and ``sampling``: llama.cpp's CPU
  back-ends and token choice;
- ``tasks.run_task``: a B1 rewrite or a correction of one sentence, guarded; ``prompts``: the versioned prompts;
- ``guard`` and ``facts``: what every model output must pass before a person sees it.
"""
