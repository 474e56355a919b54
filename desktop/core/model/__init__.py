"""The local model: it judges and, behind strict guards, writes.

Public API:

- ``engine``: the :class:`Engine` protocol, :class:`LlamaEngine` (sha256-checked GGUF, streaming, cancel) and
  ``load_engine``, the one way the app, the CLI and the benchmarks load the chosen model;
- ``catalog``: the known models and where they are; ``runtime`` and ``sampling``: llama.cpp's CPU
  back-ends and token choice;
- ``jobs.ModelJob``: one task on one span of a paragraph; ``tasks.run_task(engine, job, context)`` does it,
  guarded (the app's Herschrijf in B1 and the analysis's model stage alike); ``prompts``: the versioned prompts;
- ``guards``: what every model output must pass before a person sees it (facts, content, language, grammar,
  structure, level), and what its verdict may truthfully say.
"""
