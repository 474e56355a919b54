"""Encrypted history and audit log with a key in a real credential store; retention; erase everything."""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.core import paths
from desktop.core.findings import Category, Edit, Finding, Source
from desktop.core.policy.settings import load_settings
from desktop.core.privacy import audit_log, history, secure_store
from desktop.core.privacy.retention import enforce_retention, erase_all_user_data
from desktop.core.privacy.secure_store import (
    KEY_NAME,
    SERVICE,
    SecureStore,
    StoreUnavailableError,
    credential_store,
    open_store,
)
from desktop.core.session import Decision, ReviewSession

pytestmark = pytest.mark.core

TEXT = "Alvorens u het formulier indient, dient u de dagtekening te vermelden."


def _session(path: str = "/tmp/besluit.docx") -> ReviewSession:
    session = ReviewSession(path, "ab" * 32)
    finding = Finding("b0", 0, 8, "Alvorens", Category.STYLE, "LT:ALVORENS", Source.RULE,
                      "Ouderwets woord.", ("Voordat",))
    session.replace_paragraph("b0", [finding])
    session.decide([finding.id], Decision.ACCEPTED)
    return session


@pytest.fixture
def store(secret_service: None) -> Iterator[SecureStore]:
    yield open_store(allow_unsafe=False)
    if keyring.get_password(SERVICE, KEY_NAME) is not None:
        keyring.delete_password(SERVICE, KEY_NAME)


def test_the_key_lives_in_the_credential_store(store) -> None:
    name, safe = credential_store()
    assert safe and name.endswith("SecretService.Keyring")
    assert keyring.get_password(SERVICE, KEY_NAME)
    assert open_store(allow_unsafe=False).key == store.key  # the same key the next time


def test_history_is_unreadable_without_the_key(store) -> None:
    session = _session()
    path = history.save(store, session)
    raw = path.read_bytes()
    assert b"Alvorens" not in raw and b"besluit" not in raw and b"dagtekening" not in raw
    restored = history.load(store, session.document_path)
    assert restored is not None and restored.session.to_payload() == session.to_payload() and not restored.saved
    history.save(store, session, saved=True)  # kept after the document was saved, so reopening shows the decisions
    restored = history.load(store, session.document_path)
    assert restored is not None and restored.saved and restored.session.decisions == session.decisions
    keyring.delete_password(SERVICE, KEY_NAME)
    other = open_store(allow_unsafe=False)  # a new key
    assert other.key != store.key
    assert history.load(other, session.document_path) is None


def test_audit_log_records_no_text_and_exports_csv(store, tmp_path: Path) -> None:
    edits = [
        Edit("b0", 0, 8, "Voordat", category=Category.STYLE, source=Source.RULE),
        Edit("b1", 4, 9, "wordt", category=Category.GRAMMAR, source=Source.MODEL),
    ]
    entry = audit_log.AuditEntry(
        date=audit_log.now_iso(),
        document=audit_log.describe_document(Path("/tmp/Besluit Jansen.docx"), "hash"),
        accepted=audit_log.count_by_kind(edits),
        model="Qwen2.5-Coder 1.5B Instruct",
        model_sha256="cc" * 32,
        disclosure=True,
    )
    audit_log.record(store, entry)
    raw = audit_log.audit_path().read_bytes()
    assert b"Jansen" not in raw and b"Qwen" not in raw
    [(_created, read)] = audit_log.read_entries(store)[0]
    assert read == entry and "Jansen" not in read.document
    assert read.accepted == {"grammatica/model": 1, "stijl/rule": 1}
    assert audit_log.export_csv(store, tmp_path / "log.csv") == 1
    rows = list(csv.reader((tmp_path / "log.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][0] == "datum" and rows[1][2] == "2" and rows[1][6] == "ja"


def test_retention_purges_old_entries(store) -> None:
    audit_log.record(store, audit_log.AuditEntry(date="2026-01-01", document="x"))
    history.save(store, _session())
    later = time.time() + 31 * 86_400
    assert audit_log.purge(store, 30, now=later) == 1
    assert history.purge(store, 30, now=later) == 1
    assert audit_log.read_entries(store) == ([], 0) and not list(history.history_dir().iterdir())


def test_retention_at_start_up_follows_the_setting(store, monkeypatch: pytest.MonkeyPatch) -> None:
    (paths.machine_config_dir() / "policy.toml").write_text("[privacy]\nretention_days = 1\n")
    two_days_ago = time.time() - 2 * 86_400
    with monkeypatch.context() as patch:
        patch.setattr(secure_store.time, "time", lambda: two_days_ago)
        history.save(store, _session("/tmp/oud.docx"))
        audit_log.record(store, audit_log.AuditEntry(date="oud", document="x"))
    history.save(store, _session("/tmp/nieuw.docx"))
    audit_log.record(store, audit_log.AuditEntry(date="nieuw", document="y"))
    report = enforce_retention(load_settings(registry=dict))
    assert (report.history_removed, report.audit_removed, report.unavailable) == (1, 1, "")
    assert history.load(store, "/tmp/oud.docx") is None and history.load(store, "/tmp/nieuw.docx") is not None
    assert [e.date for _c, e in audit_log.read_entries(store)[0]] == ["nieuw"]


def test_erase_everything_deletes_data_and_key(store) -> None:
    history.save(store, _session())
    audit_log.record(store, audit_log.AuditEntry(date="d", document="x"))
    (paths.user_config_dir() / "settings.toml").write_text("[model]\nthreads = 2\n")
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    (models / "model.gguf").write_bytes(b"GGUF")
    removed = erase_all_user_data()
    assert removed
    assert keyring.get_password(SERVICE, KEY_NAME) is None
    assert not history.history_dir().exists() and not audit_log.audit_path().exists()
    assert not any(paths.user_config_dir().iterdir())
    assert (models / "model.gguf").exists()  # the app's model is not personal data


def test_without_a_safe_store_nothing_is_kept_unless_policy_allows() -> None:
    # tests/conftest.py's autouse fixture leaves this test without a credential store
    assert credential_store()[1] is False
    with pytest.raises(StoreUnavailableError, match="geen beveiligde sleutelopslag"):
        open_store(allow_unsafe=False)
    assert not any(paths.user_data_dir().iterdir())
    unsafe = open_store(allow_unsafe=True)
    key_file = paths.user_data_dir() / "sleutel-onveilig.bin"
    assert key_file.stat().st_mode & 0o077 == 0
    assert open_store(allow_unsafe=True).key == unsafe.key


def test_erase_keeps_the_model_when_config_and_data_are_one_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows and macOS, where platformdirs gives one folder for both."""
    monkeypatch.setenv(paths.ENV_USER_CONFIG, str(paths.user_data_dir()))
    (paths.user_config_dir() / "settings.toml").write_text("[model]\nthreads = 2\n")
    (paths.user_data_dir() / "logs").mkdir()
    (paths.user_data_dir() / "logs" / "fouten.log").write_text("Traceback ...")
    model = paths.user_models_dir() / "model.gguf"
    model.parent.mkdir(parents=True)
    model.write_bytes(b"GGUF")
    erase_all_user_data()
    assert model.read_bytes() == b"GGUF"
    assert sorted(p.name for p in paths.user_data_dir().iterdir()) == ["models"]


def test_logs_are_purged_after_the_retention_and_kept_small() -> None:
    folder = paths.log_dir()
    folder.mkdir(parents=True)
    old, big = folder / "crash.log", folder / "fouten.log"
    old.write_text("oude crash\n")
    big.write_text("".join(f"regel {n}\n" for n in range(100_000)))
    now = time.time()
    os.utime(old, (now - 40 * 86_400, now - 40 * 86_400))
    report = enforce_retention(load_settings(registry=dict), now=now)
    assert report.logs_removed == 1 and not old.exists()
    assert big.stat().st_size <= 256 * 1024 and big.read_text().endswith("regel 99999\n")
    assert big.read_text().startswith("regel ")
