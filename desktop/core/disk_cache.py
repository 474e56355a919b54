"""Files derived from what Schrijfhulp ships, kept in the user's cache folder so the next start is faster.

Nothing here is personal or downloaded: compiled sentence-splitting patterns (language/sentences.py), the
model's KV cache of the shipped system prompts (model/prompt_cache.py), LanguageTool's prepared data
folder (language/grammar.py). An entry's name is a hash of everything it was derived from (library
versions, a hash of the source file or the model), so an update writes new entries and never reads a
stale one. Writes are atomic (a temporary file renamed into place), so two processes or an interrupted
start never leave half an entry. A cache that cannot be read or written costs only speed: the caller
builds the data as without a cache, and the problem goes to the log.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from desktop.core import atomic_file, paths

log = logging.getLogger(__name__)


def entry_key(*parts: object) -> str:
    """A short, stable name for an entry derived from ``parts`` (versions, hashes, settings)."""
    digest = hashlib.sha256("\x00".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return digest[:24]


def file_digest(path: Path) -> str:
    """The sha256 of a file's contents (for keys: the source an entry was derived from)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entry_path(kind: str, key: str, suffix: str = ".bin") -> Path:
    """Where the entry ``key`` of ``kind`` lives in the user's cache folder."""
    return paths.user_cache_dir() / kind / f"{key}{suffix}"


def read(kind: str, key: str) -> bytes | None:
    """The entry's bytes, or None when there is none (or it cannot be read: logged)."""
    path = entry_path(kind, key)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cache entry %s cannot be read: %s", path, exc)
        return None


def write(kind: str, key: str, data: bytes) -> bool:
    """Store the entry atomically; False (logged) when the cache folder cannot be written."""
    path = entry_path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_file.write_bytes(path, data, private=True)
    except OSError as exc:
        log.warning("cache entry %s cannot be written: %s", path, exc)
        return False
    return True
