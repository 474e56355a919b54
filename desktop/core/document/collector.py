"""Pausing Python's cyclic garbage collector while the engine reads or writes a whole document.

Opening a 100-page document creates tens of thousands of objects that all stay alive (a
paragraph's segments hold the lxml elements they come from), and a save with a thousand changes
creates as many again. Every 700 new objects the collector looks through the young ones for
cycles, and every hundredth time through every object in the process, finding nothing to free
here: 15-20% of reading went to that. :func:`collector_paused` turns automatic collection off for
the duration of the call and back on afterwards; the objects made meanwhile are looked at once,
in the first collection after it, instead of thirty times. Memory is still freed by reference
counting while paused; only cycles wait (the engine makes none; python-docx's parts refer to
their package and back, and are freed by that first collection).

The pause is process-wide (the collector is), so it nests and is shared between threads: the
collector resumes when the last engine call that paused it ends, and only if it was running when
the first one began (an application that turned it off keeps it off). Code that turns the
collector on or off itself while an engine call runs is overruled when that call ends; nothing in
Schrijfhulp does.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic cyclic garbage collection off inside the ``with`` block (nested, across threads)."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
