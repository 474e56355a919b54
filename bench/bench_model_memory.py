"""Peak memory of the model at work, against the GGUF file size.

Run: .venv/bin/python bench/bench_model_memory.py

A fresh process loads the default model exactly as the app does (sha256 check, memory-mapped),
runs a guarded B1 rewrite of a real sentence, and reports its peak resident memory (VmHWM: the
process's own high-water mark; ru_maxrss would also count the parent that spawned it);
a second fresh process does the same imports without loading a model, to show the app's own
share. Target: the peak is at most the file size + 500 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys

from _shared import REPO

PROBE = r"""
import json, sys
sys.path.insert(0, {repo!r})
from desktop.core.analysis import LanguageTools
from desktop.core.policy.settings import load_settings
settings = load_settings()
tools = LanguageTools.from_settings(settings)
size = 0
if {with_model}:
    from desktop.core.model import catalog
    from desktop.core.model.engine import load_engine
    from desktop.core.model.jobs import ModelJob
    from desktop.core.model.tasks import run_task
    size = catalog.choose_model(catalog.find_models()).path.stat().st_size
    engine = load_engine()
    text = ("Overwegende dat de verzoeker niet voldoet aan de criteria om in aanmerking te komen voor een "
            "persoonlijke gehandicaptenparkeerplaats.")
    run_task(engine, ModelJob.b1_rewrite("p", text), tools.guard_context(settings))
status = open("/proc/self/status", encoding="ascii").read()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({{"peak": peak_kb * 1024, "size": size}}))
"""


def measure(with_model: bool) -> dict[str, int]:
    code = PROBE.format(repo=str(REPO), with_model=with_model)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print the peak memory with and without the model, and the comparison with the file size."""
    without = measure(False)
    with_model = measure(True)
    size, peak = with_model["size"], with_model["peak"]
    mb = 1024 * 1024
    print(f"GGUF file: {size / mb:,.0f} MB")
    print(f"peak RSS without model: {without['peak'] / mb:,.0f} MB; with the model at work: {peak / mb:,.0f} MB")
    print(f"peak - file size = {(peak - size) / mb:,.0f} MB (target ≤ 500 MB) -> "
          f"{'OK' if peak <= size + 500 * mb else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
