"""Schrijfhulp's tests. ``REPO`` is the repository root; ``DATA`` holds every file the tests read."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
