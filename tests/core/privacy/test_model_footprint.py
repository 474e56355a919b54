"""What the model's work cost is shown in one way and kept per document in the audit log, for the team lead."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest

from desktop.core.document.reader import open_document
from desktop.core.findings import Category, Edit, Source
from desktop.core.model.energy import WATTS_PER_BUSY_CORE, CostMeter, ModelCost, watt_hours
from desktop.core.policy.disclosure import ModelUse
from desktop.core.policy.settings import load_settings
from desktop.core.privacy import audit_log
from desktop.core.privacy.secure_store import KEY_NAME, SERVICE, SecureStore, open_store
from desktop.core.saving import save_reviewed

pytestmark = pytest.mark.core


@pytest.fixture
def store(secret_service: None) -> Iterator[SecureStore]:
    yield open_store(allow_unsafe=False)
    if keyring.get_password(SERVICE, KEY_NAME) is not None:
        keyring.delete_password(SERVICE, KEY_NAME)


class Done:
    """A finished generation as the engine reports it."""

    def __init__(self, seconds: float, prompt_tokens: int, completion_tokens: int, cpu_seconds: float) -> None:
        self.seconds, self.prompt_tokens = seconds, prompt_tokens
        self.completion_tokens, self.cpu_seconds = completion_tokens, cpu_seconds


def test_the_cost_adds_up_and_the_energy_follows_the_stated_assumption() -> None:
    cost = ModelCost.of([Done(12.0, 300, 80, 22.5), Done(3.0, 40, 10, 5.5)])
    assert cost == ModelCost(15.0, 340, 90, 28.0)
    assert cost.watt_hours == pytest.approx(28.0 * WATTS_PER_BUSY_CORE / 3600)
    assert watt_hours(3600) == WATTS_PER_BUSY_CORE  # an hour of one busy core
    assert cost.describe() == "15 s rekenwerk, 90 tokens geschreven, ca. 0,031 Wh"
    assert not ModelCost() and cost - cost == ModelCost()
    meter = CostMeter()
    meter.add(cost)
    meter.add(cost)
    assert meter.total() == cost + cost


def test_a_saved_document_keeps_what_the_model_cost(store: SecureStore, letter_docx: Callable[..., Path],
                                                    tmp_path: Path) -> None:
    document = open_document(letter_docx("003_besluit"))
    settings = load_settings(registry=dict)
    edit = Edit(document.paragraphs[1].id, 0, 0, "Let op: ", category=Category.STYLE, source=Source.MODEL)
    cost = ModelCost(seconds=41.25, prompt_tokens=900, tokens=310, cpu_seconds=80.0)
    save_reviewed(document, [edit], tmp_path / "uit.docx", settings, ModelUse("Qwen", "cc" * 32), cost=cost)
    [(_created, entry)] = audit_log.read_entries(store)[0]
    assert (entry.model_seconds, entry.model_tokens, entry.model_cpu_seconds) == (41.2, 310, 80.0)
    assert entry.model_wh == pytest.approx(80.0 * WATTS_PER_BUSY_CORE / 3600, abs=1e-4)
    assert audit_log.export_csv(store, tmp_path / "logboek.csv") == 1
    header, row = list(csv.reader((tmp_path / "logboek.csv").open(encoding="utf-8-sig"), delimiter=";"))
    figures = dict(zip(header, row, strict=True))
    assert figures["model_seconden"] == "41.2" and figures["model_tokens"] == "310"
    assert figures["model_cpu_seconden"] == "80.0" and figures["model_wh"] == "0.0889"


def test_an_entry_from_before_the_figures_reads_as_zero(store: SecureStore) -> None:
    """Records written by an earlier version have no cost fields; they read as no model work recorded."""
    line = store.encode_line({"date": "2026-01-01", "document": "ab" * 32, "accepted": {}, "model": "",
                              "model_sha256": "", "disclosure": False, "mode": "tracked"})
    audit_log.audit_path().parent.mkdir(parents=True, exist_ok=True)
    audit_log.audit_path().write_text(line + "\n", encoding="ascii")
    [(_created, entry)] = audit_log.read_entries(store)[0]
    assert (entry.model_seconds, entry.model_tokens, entry.model_wh) == (0.0, 0, 0.0)
