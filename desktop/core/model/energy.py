"""What the model's work cost: seconds, tokens, CPU time and an estimate of the energy it took.

The one assumption, used everywhere the app shows or records watt-hours (docs/energie.md explains it):

    WATTS_PER_BUSY_CORE = 4.0

A laptop processor of 15 W (its TDP) with four cores draws about 3.75 W for each core that is busy,
rounded up to 4 W. The energy is the process's CPU time while the model works (all of llama.cpp's
threads: two busy cores for ten seconds count as twenty CPU seconds) times that wattage. It leaves
out the screen, the memory and what the computer draws when idle, so it is the extra energy of the
model's work, not the computer's consumption. A stronger or weaker processor draws more or less per
core; the seconds and tokens beside the estimate are measured, not estimated.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from desktop.core.i18n import _

WATTS_PER_BUSY_CORE = 4.0
SECONDS_PER_HOUR = 3600.0


def watt_hours(cpu_seconds: float) -> float:
    """The estimated energy of ``cpu_seconds`` of CPU time (see the module docstring for the assumption)."""
    return cpu_seconds * WATTS_PER_BUSY_CORE / SECONDS_PER_HOUR


class Measured(Protocol):
    """What one generation reports (engine.Completion)."""

    @property
    def seconds(self) -> float: ...
    @property
    def prompt_tokens(self) -> int: ...
    @property
    def completion_tokens(self) -> int: ...
    @property
    def cpu_seconds(self) -> float: ...


@dataclass(frozen=True)
class ModelCost:
    """Seconds of model work, tokens read (prompt) and written, and CPU seconds; adds up."""

    seconds: float = 0.0
    prompt_tokens: int = 0
    tokens: int = 0
    cpu_seconds: float = 0.0

    @classmethod
    def of(cls, completions: Iterable[Measured]) -> ModelCost:
        """The cost of ``completions`` (a task's candidates, refused and stopped ones included)."""
        total = cls()
        for completion in completions:
            total += cls(completion.seconds, completion.prompt_tokens, completion.completion_tokens,
                         completion.cpu_seconds)
        return total

    def __add__(self, other: ModelCost) -> ModelCost:
        return ModelCost(self.seconds + other.seconds, self.prompt_tokens + other.prompt_tokens,
                         self.tokens + other.tokens, self.cpu_seconds + other.cpu_seconds)

    def __sub__(self, other: ModelCost) -> ModelCost:
        return ModelCost(self.seconds - other.seconds, self.prompt_tokens - other.prompt_tokens,
                         self.tokens - other.tokens, self.cpu_seconds - other.cpu_seconds)

    def __bool__(self) -> bool:
        return self.seconds > 0 or self.tokens > 0

    @property
    def watt_hours(self) -> float:
        """The estimated energy (WATTS_PER_BUSY_CORE per busy core)."""
        return watt_hours(self.cpu_seconds)

    def describe(self) -> str:
        """One Dutch line for the screen: seconds, tokens and the energy estimate."""
        return _("{seconds} s rekenwerk, {tokens} tokens geschreven, ca. {wh} Wh").format(
            seconds=_decimal(self.seconds, 1 if self.seconds < 10 else 0),
            tokens=self.tokens,
            wh=_decimal(self.watt_hours, 3 if self.watt_hours < 0.1 else 2),
        )


def _decimal(value: float, places: int) -> str:
    """``value`` with a decimal comma, as Dutch readers expect."""
    return f"{value:.{places}f}".replace(".", ",")


class CostMeter:
    """The running total of an engine's work, safe to read from any thread while the engine works."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total = ModelCost()

    def add(self, cost: ModelCost) -> None:
        """Count ``cost`` (the engine calls this after every generation, stopped ones included)."""
        with self._lock:
            self._total += cost

    def total(self) -> ModelCost:
        """Everything counted so far."""
        with self._lock:
            return self._total
