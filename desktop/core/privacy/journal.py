"""The decisions journal: a review's decisions kept without document text, where nothing can be encrypted.

With a credential store, the whole review is kept encrypted (:mod:`desktop.core.privacy.history`).
Without one, a crash would lose every decision. The journal keeps only what it takes to make the
same decisions again on the same file, and nothing of its text:

- per decision: the paragraph id ("b12"), the character offsets, where the suggestion came from
  (rule, word list or model), accepted or rejected, the number of the chosen suggestion, and a
  *check*: a keyed digest of the rule code, the original and the chosen text;
- a keyed digest of each rule the user chose to ignore, whether the user said the document is a
  decision or a letter, when the journal was written and whether the review was saved since.

Rule codes are not written in the clear, because some name the word they found ("B1:inzake"). The
checks, the ignored rules and the document's *mark* (which document this journal belongs to) are
keyed BLAKE2b digests whose key is the document's SHA-256, which is never written. Without that
very file they say nothing about the text (they cannot be tried against guessed words); whoever
has the file can read its text anyway. So a journal applies only to the file it was written for, unchanged byte for
byte: after the file changed on disk, the offsets might point at other words and nothing is taken
over. A decision on one of the local model's findings comes back when the model, judging the text again
after the rules, makes the same finding (its d/t and de/het judgements); a rewrite is asked for by the
user and is not made again, so decisions on rewrites cannot come back. :func:`match` counts those left.

The file is named by a digest of the document's path, never its name, and written atomically with
owner-only permissions (0600 in a 0700 folder; on Windows the user profile's permissions). It is
removed when the user discards the review and, like the history, after the retention period.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core import atomic_file, paths
from desktop.core.findings import Finding, Source
from desktop.core.session import Decision, ReviewSession

DAY = 86_400  # as secure_store's, without loading the key store's modules for it
JOURNAL_DIR = "beslissingen"
SUFFIX = ".json"
VERSION = 1


@dataclass(frozen=True)
class JournalEntry:
    """One decision, without text (see the module docstring)."""

    paragraph: str
    start: int
    end: int
    source: Source
    decision: Decision
    choice: int
    check: str


@dataclass(frozen=True)
class Journal:
    """The decisions kept for one document."""

    saved_at: float
    saved: bool
    entries: tuple[JournalEntry, ...]
    ignored_rules: frozenset[str]  # keyed digests of the rule codes
    document_kind: str | None = None  # the user's "besluit" or "brief", if they chose


@dataclass(frozen=True)
class Matched:
    """What :func:`match` found: decisions by finding id, and how many entries are left."""

    decisions: dict[str, tuple[Decision, int]]
    left: tuple[JournalEntry, ...]

    @property
    def model_left(self) -> int:
        """Entries left that were decisions on the model's rewrites (they cannot come back)."""
        return sum(1 for entry in self.left if entry.source is Source.MODEL)


def journal_dir() -> Path:
    """The folder with the journals."""
    return paths.user_data_dir() / JOURNAL_DIR


def _file_for(document_path: str) -> Path:
    digest = hashlib.sha256(str(Path(document_path).resolve()).encode("utf-8")).hexdigest()
    return journal_dir() / f"{digest[:32]}{SUFFIX}"


def _digest(document_sha256: str, person: bytes, data: str) -> str:
    key = bytes.fromhex(document_sha256)
    return hashlib.blake2b(data.encode("utf-8"), key=key, person=person, digest_size=16).hexdigest()


def _mark(document_sha256: str) -> str:
    return _digest(document_sha256, b"sh-document", "")


def _check(document_sha256: str, finding: Finding, choice: int, decision: Decision) -> str:
    chosen = finding.suggestions[choice] if decision is Decision.ACCEPTED and choice < len(finding.suggestions) else ""
    return _digest(document_sha256, b"sh-decision", f"{finding.rule}\x1f{finding.original}\x1f{chosen}")


def _rule(document_sha256: str, rule: str) -> str:
    return _digest(document_sha256, b"sh-rule", rule)


def write(session: ReviewSession, *, saved: bool = False) -> Path:
    """Write the journal of ``session`` atomically, readable by the user only; return the file."""
    sha = session.document_sha256
    entries = []
    for finding_id, (decision, choice) in session.decisions.items():
        finding = session.findings.get(finding_id)
        if finding is None:
            continue
        entries.append({
            "paragraph": finding.paragraph,
            "start": finding.start,
            "end": finding.end,
            "source": finding.source.value,
            "decision": decision.value,
            "choice": choice,
            "check": _check(sha, finding, choice, decision),
        })
    record = {
        "version": VERSION,
        "document": _mark(sha),
        "saved_at": time.time(),
        "saved": saved,
        "decisions": entries,
        "ignored_rules": sorted(_rule(sha, rule) for rule in session.ignored_rules),
        "document_kind": session.document_kind,
    }
    target = _file_for(session.document_path)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_file.write_text(target, json.dumps(record, ensure_ascii=False), private=True)
    return target


def _parse(data: dict[str, object]) -> tuple[str, Journal]:
    """(document mark, journal) from a stored record; ValueError/KeyError/TypeError when it is not one."""
    if data.get("version") != VERSION:
        raise ValueError("unknown journal version")
    raw_entries = data["decisions"]
    raw_rules = data["ignored_rules"]
    if not isinstance(raw_entries, list) or not isinstance(raw_rules, list):
        raise TypeError("not a journal")
    entries = tuple(
        JournalEntry(
            paragraph=str(item["paragraph"]),
            start=int(item["start"]),
            end=int(item["end"]),
            source=Source(item["source"]),
            decision=Decision(item["decision"]),
            choice=int(item["choice"]),
            check=str(item["check"]),
        )
        for item in raw_entries
    )
    saved_at = data["saved_at"]
    if not isinstance(saved_at, int | float):
        raise TypeError("no time")
    kind = data.get("document_kind")
    journal = Journal(float(saved_at), bool(data["saved"]), entries, frozenset(str(rule) for rule in raw_rules),
                      kind if kind in ("besluit", "brief") else None)
    return str(data["document"]), journal


def _read(path: Path) -> tuple[str, Journal] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(data) if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(document_path: str, document_sha256: str) -> Journal | None:
    """The journal of this very file (same path, same bytes), if there is a readable one."""
    found = _read(_file_for(document_path))
    if found is None or found[0] != _mark(document_sha256):
        return None
    return found[1]


def match(journal: Journal, findings: Iterable[Finding], document_sha256: str) -> Matched:
    """The journal's decisions on ``findings`` (of the same file), and the entries no finding matched.

    A finding matches an entry when paragraph and offsets are the same and the check agrees (the
    same rule and original text, and for an acceptance the same chosen suggestion).
    """
    by_place: dict[tuple[str, int, int], list[Finding]] = {}
    for finding in findings:
        by_place.setdefault((finding.paragraph, finding.start, finding.end), []).append(finding)
    decisions: dict[str, tuple[Decision, int]] = {}
    left: list[JournalEntry] = []
    for entry in journal.entries:
        candidates = by_place.get((entry.paragraph, entry.start, entry.end), [])
        found = next(
            (f for f in candidates
             if _check(document_sha256, f, entry.choice, entry.decision) == entry.check
             and (entry.decision is Decision.REJECTED or entry.choice < len(f.suggestions))),
            None,
        )
        if found is None:
            left.append(entry)
        else:
            decisions[found.id] = (entry.decision, entry.choice)
    return Matched(decisions, tuple(left))


def ignored_rules(journal: Journal, findings: Iterable[Finding], document_sha256: str) -> set[str]:
    """The rules of ``findings`` that the journal says the user chose to ignore."""
    return {f.rule for f in findings if _rule(document_sha256, f.rule) in journal.ignored_rules}


def discard(document_path: str) -> None:
    """Forget the journal of ``document_path`` (the user discarded the review)."""
    _file_for(document_path).unlink(missing_ok=True)


def purge(retention_days: int, now: float | None = None) -> int:
    """Delete journals older than the retention period and files that are not journals; return how many."""
    folder = journal_dir()
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for path in folder.glob(f"*{SUFFIX}"):
        found = _read(path)
        if found is None or now - found[1].saved_at > retention_days * DAY:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
