"""What the model is asked to do: one task on one span of one paragraph.

A :class:`ModelJob` is the one input of :func:`desktop.core.model.tasks.run_task`, whether the analysis
chose it (a long sentence, a sentence with a flagged error; see ``desktop.core.analysis.model_jobs``) or the
user asked for it (Herschrijf in B1). This module is light on purpose: it does not load the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model.guards import Task


@dataclass(frozen=True)
class ModelJob:
    """``task`` on ``text[start:end]`` of paragraph ``paragraph``; ``problems`` tells a correction what to fix."""

    task: Task
    paragraph: str
    text: str
    start: int
    end: int
    problems: str = ""

    @property
    def original(self) -> str:
        """The span the model rewrites or corrects."""
        return self.text[self.start : self.end]

    @classmethod
    def b1_rewrite(cls, paragraph: str, text: str) -> ModelJob:
        """A B1 rewrite of a whole paragraph (what the user asks for with Herschrijf in B1)."""
        return cls(Task.B1, paragraph, text, 0, len(text))
