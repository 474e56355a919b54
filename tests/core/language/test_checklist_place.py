"""A checklist item says where its quote stands in words a reader can find, not in the engine's ids."""

from __future__ import annotations

import pytest

from desktop.core.language.checklist import describe_place

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("p0", "alinea 1"),
        ("p12", "alinea 13"),
        ("t0.0.1.0", "tabel 1, rij 1, kolom 2"),
        ("t2.3.0.1", "tabel 3, rij 4, kolom 1"),
        ("h0:p1", "koptekst"),
        ("f1:t0.0.2.0", "voettekst"),
        ("fn3:p0", "voetnoot"),
        ("en2:p0", "eindnoot"),
        ("p12:x0:p0", "tekstvak bij alinea 13"),
        ("t0.1.2.0:x1:p0", "tekstvak bij tabel 1, rij 2, kolom 3"),
        ("h0:p1:x0:p0", "tekstvak bij koptekst"),
    ],
)
def test_every_kind_of_place_in_words(paragraph: str, place: str) -> None:
    assert describe_place(paragraph) == place
