"""The audit log: one encrypted record per saved document, never its text.

Each record holds the date, the file name or only its sha256 (by policy), the counts of accepted
suggestions by kind, the model used, whether a disclosure was added, the save mode, and what the
model's work on the document cost: seconds, tokens written, CPU seconds and the estimated watt-hours
(desktop/core/model/energy.py states the assumption), so a team lead can report the footprint. Records
are appended one per line (see :mod:`desktop.core.privacy.secure_store`), purged after the retention
period at start-up, and can be exported as CSV for transparency reporting.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop.core import atomic_file, paths
from desktop.core.findings import Edit
from desktop.core.privacy.secure_store import SecureStore, UnreadableRecordError, is_expired

AUDIT_FILE = "logboek.enc"
CSV_COLUMNS = ("datum", "document", "geaccepteerd_totaal", "per_soort", "model", "model_sha256",
               "vermelding", "opslagwijze", "model_seconden", "model_tokens", "model_cpu_seconden", "model_wh")


@dataclass(frozen=True)
class AuditEntry:
    """What is recorded about one saved document."""

    date: str
    document: str
    accepted: dict[str, int] = field(default_factory=dict)
    model: str = ""
    model_sha256: str = ""
    disclosure: bool = False
    mode: str = "tracked"
    # The model's work on this document (B1 rewrites, corrections, drafting): wall-clock and CPU seconds,
    # tokens written, and the energy estimate in watt-hours. Zero in records from before these were kept.
    model_seconds: float = 0.0
    model_tokens: int = 0
    model_cpu_seconds: float = 0.0
    model_wh: float = 0.0


def describe_document(path: Path, file_name_policy: str) -> str:
    """The file name, or only the sha256 of its full path when policy says "hash"."""
    if file_name_policy == "name":
        return path.name
    return hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()


def count_by_kind(edits: Iterable[Edit]) -> dict[str, int]:
    """Accepted edits counted by kind: ``<category>/<source>`` (e.g. ``spelling/rule``, ``stijl/model``)."""
    return dict(sorted(Counter(f"{e.category.value}/{e.source.value}" for e in edits).items()))


def audit_path() -> Path:
    """The encrypted log in the user's data folder."""
    return paths.user_data_dir() / AUDIT_FILE


def record(store: SecureStore, entry: AuditEntry) -> None:
    """Append ``entry`` (encrypted) and flush it to disk."""
    target = audit_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="ascii") as handle:
        handle.write(store.encode_line(asdict(entry)) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_entries(store: SecureStore) -> tuple[list[tuple[float, AuditEntry]], int]:
    """Every readable entry with its creation time, and how many lines could not be read."""
    target = audit_path()
    if not target.is_file():
        return [], 0
    entries: list[tuple[float, AuditEntry]] = []
    unreadable = 0
    for line in target.read_text(encoding="ascii").splitlines():
        if not line.strip():
            continue
        try:
            created, payload = store.decode_line(line)
            entries.append((created, AuditEntry(**payload)))
        except (UnreadableRecordError, TypeError):
            unreadable += 1
    return entries, unreadable


def purge(store: SecureStore, retention_days: int, now: float | None = None) -> int:
    """Remove entries older than the retention period (and unreadable ones); return how many went."""
    target = audit_path()
    if not target.is_file():
        return 0
    kept: list[str] = []
    removed = 0
    for line in target.read_text(encoding="ascii").splitlines():
        if not line.strip():
            continue
        try:
            created, _payload = store.decode_line(line)
        except UnreadableRecordError:
            removed += 1
            continue
        if is_expired(created, retention_days, now):
            removed += 1
        else:
            kept.append(line)
    if removed:
        atomic_file.write_text(target, "".join(f"{line}\n" for line in kept), encoding="ascii", private=True)
    return removed


def export_csv(store: SecureStore, target: Path) -> int:
    """Write the readable entries as CSV (UTF-8 with BOM so Excel reads it); return the row count."""
    entries, _unreadable = read_entries(store)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        for _created, entry in entries:
            writer.writerow(
                (
                    entry.date,
                    entry.document,
                    sum(entry.accepted.values()),
                    ", ".join(f"{kind}={count}" for kind, count in entry.accepted.items()),
                    entry.model,
                    entry.model_sha256,
                    "ja" if entry.disclosure else "nee",
                    entry.mode,
                    f"{entry.model_seconds:.1f}",
                    entry.model_tokens,
                    f"{entry.model_cpu_seconds:.1f}",
                    f"{entry.model_wh:.4f}",
                )
            )
    return len(entries)


def now_iso() -> str:
    """The current time in ISO 8601 (UTC), as recorded in entries."""
    return datetime.now(UTC).isoformat(timespec="seconds")
