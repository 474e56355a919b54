"""Helpers shared by the benchmarks: the repo on sys.path, the installed model, real test texts."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.model.engine import LlamaEngine  # noqa: E402
from desktop.core.model.engine import load_engine as _load_engine  # noqa: E402

DATA = REPO / "tests" / "data"
LETTERS = DATA / "letters" / "texts"


def load_engine(threads: int = 0) -> LlamaEngine:
    """The default model from the model folders, as the app loads it."""
    return _load_engine(threads=threads)


def letter(name: str) -> str:
    """One of the real letters in tests/data/letters/texts."""
    return (LETTERS / f"{name}.txt").read_text(encoding="utf-8")


def median(values: list[float]) -> float:
    """The median (robust against a noisy shared machine)."""
    return statistics.median(values)
