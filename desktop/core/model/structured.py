"""The model's answer format: one JSON object ``{"tekst": "..."}``, enforced by a grammar while it decodes.

The engine constrains every structured request to :data:`SCHEMA` and reads the finished answer with
:func:`final_text`; the B1 preview shows the answer while it streams with :func:`partial_text`. This
module owns the format, so nothing else parses it.
"""

from __future__ import annotations

import json

FIELD = "tekst"
# How every answer begins. The engine writes it for the model (after the prompt, evaluated with it, the grammar
# advanced past it), so that the first token decoded is already text: ~5 decode steps before the first word
# of a rewrite showed (0.1-0.25 s each on two cores).
OPENING = '{"' + FIELD + '": "'
SCHEMA = {
    "type": "object",
    "properties": {FIELD: {"type": "string"}},
    "required": [FIELD],
}


class StructuredOutputError(ValueError):
    """The answer is not a ``{"tekst": "..."}`` object."""


def final_text(raw: str) -> str:
    """The ``tekst`` field of a finished answer, stripped; raises StructuredOutputError when there is none."""
    try:
        value = json.loads(raw)[FIELD]
    except (ValueError, KeyError, TypeError) as exc:
        raise StructuredOutputError(raw[:80]) from exc
    if not isinstance(value, str):
        raise StructuredOutputError(raw[:80])
    return value.strip()


def partial_text(raw: str) -> str:
    """The text so far inside an answer that is still streaming (``{"tekst": "Dit is`` gives ``Dit is``)."""
    start = raw.find('"', raw.find(":") + 1) if ":" in raw else -1
    if start < 0:
        return ""
    body = raw[start + 1 :]
    for cut in range(len(body), 0, -1):  # the longest prefix that is a valid JSON string so far
        try:
            return str(json.loads('"' + body[:cut].rstrip("\\") + '"'))
        except ValueError:
            continue
    return ""
