"""``check -o OUT --only KIND``: only the findings of those kinds are written as tracked changes."""

from __future__ import annotations

import argparse
import re

import pytest

from desktop.check_command import WRITE_KINDS, _only_kinds, finding_kind
from desktop.core.findings import Category, Finding, Source

pytestmark = pytest.mark.core


def _finding(category: Category, rule: str, source: Source = Source.RULE) -> Finding:
    return Finding("p1", 0, 4, "Dat ", category, rule, source, "uitleg", ("dat ",))


def test_the_models_b1_rewrites_are_a_kind_of_their_own() -> None:
    assert finding_kind(_finding(Category.STYLE, "model-b1", Source.MODEL)) == "b1"
    assert finding_kind(_finding(Category.STYLE, "LT:INDIEN")) == "style"
    assert finding_kind(_finding(Category.SPELLING, "spelling")) == "spelling"
    assert finding_kind(_finding(Category.GRAMMAR, "model-correctie", Source.MODEL)) == "grammar"
    assert "b1" in WRITE_KINDS


def test_an_unknown_kind_is_refused_in_dutch() -> None:
    assert _only_kinds("b1, spelling") == {"b1", "spelling"}
    message = _only_kinds("herschrijving")
    assert isinstance(message, str) and "herschrijving" in message and "b1" in message


def _applied(output: str) -> int:
    line = next(line for line in output.splitlines() if line.startswith("Geschreven:"))
    return int(re.search(r"\((\d+) wijziging", line)[1])


def test_only_writes_the_chosen_kinds(letter_docx, tmp_path, capsys) -> None:
    from desktop.check_command import run

    source = letter_docx("003_besluit")
    args = argparse.Namespace(document=source, json=False, no_model=True, checks=None,
                              output=str(tmp_path / "alles.docx"), only=None)
    assert run(args) == 0
    everything = _applied(capsys.readouterr().out)
    args.output, args.only = str(tmp_path / "alleen-stijl.docx"), "style"
    assert run(args) == 0
    style = _applied(capsys.readouterr().out)
    args.output, args.only = str(tmp_path / "alleen-b1.docx"), "b1"
    assert run(args) == 0
    rewrites = _applied(capsys.readouterr().out)
    assert 0 < style < everything and rewrites == 0  # without the model there are no rewrites to write
