"""Encrypted, short-lived local data: the key lives in the operating system's credential store.

The key (256-bit, AES-GCM) is generated on first use and kept through ``keyring`` in Windows
Credential Manager, the macOS Keychain or the Secret Service. Where no safe credential store is
available, nothing encrypted is kept: :func:`open_store` raises :class:`StoreUnavailableError`
with a Dutch explanation, unless policy allows a less safe store (a key file readable only by the
user); a review's decisions are then kept without text by :mod:`desktop.core.privacy.journal`.
Records are encrypted one by one with a fresh nonce and carry their creation time, so retention
can be enforced at start-up. :func:`erase_everything` removes the data and the key.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core import paths
from desktop.core.i18n import _

SERVICE = "Schrijfhulp"
KEY_NAME = "gegevenssleutel"
UNSAFE_KEY_FILE = "sleutel-onveilig.bin"
NONCE_BYTES = 12
DAY = 86_400


class StoreUnavailableError(Exception):
    """Nothing can be kept: no safe credential store and policy allows no other; Dutch message."""


class UnreadableRecordError(Exception):
    """A record cannot be decrypted (wrong key, or changed on disk)."""


def _backend_description() -> tuple[str, bool]:
    """(name, safe) of the credential store keyring would use."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    unsafe = (
        name.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt"))
        or getattr(backend, "priority", 0) < 1
    )
    if name.startswith("keyring.backends.chainer"):
        unsafe = not getattr(backend, "backends", [])
    return name, not unsafe


def credential_store() -> tuple[str, bool]:
    """The credential store's name and whether it is safe (an OS store, not a plain file)."""
    return _backend_description()


@dataclass(frozen=True)
class SecureStore:
    """Encrypts and decrypts records with the user's key."""

    key: bytes
    where: str  # which store holds the key (for the privacy statement in the app)

    def encrypt(self, payload: dict[str, Any]) -> bytes:
        """One encrypted record holding ``payload`` and its creation time."""
        record = {"created": time.time(), "payload": payload}
        nonce = secrets.token_bytes(NONCE_BYTES)
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        return nonce + AESGCM(self.key).encrypt(nonce, data, SERVICE.encode())

    def decrypt(self, blob: bytes) -> tuple[float, dict[str, Any]]:
        """(creation time, payload) of a record; UnreadableRecordError when it is not ours."""
        try:
            plain = AESGCM(self.key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], SERVICE.encode())
            record = json.loads(plain)
            return float(record["created"]), dict(record["payload"])
        except (InvalidTag, ValueError, KeyError, TypeError) as exc:
            raise UnreadableRecordError(str(exc)) from exc

    def encode_line(self, payload: dict[str, Any]) -> str:
        """An encrypted record as one line of text (for append-only logs)."""
        return base64.b64encode(self.encrypt(payload)).decode("ascii")

    def decode_line(self, line: str) -> tuple[float, dict[str, Any]]:
        """The inverse of :meth:`encode_line`."""
        try:
            blob = base64.b64decode(line.strip(), validate=True)
        except ValueError as exc:
            raise UnreadableRecordError(str(exc)) from exc
        return self.decrypt(blob)


def _unsafe_key_path() -> Path:
    return paths.user_data_dir() / UNSAFE_KEY_FILE


def _read_or_create_unsafe_key() -> bytes:
    path = _unsafe_key_path()
    if path.is_file():
        return base64.b64decode(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = AESGCM.generate_key(bit_length=256)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(base64.b64encode(key))
    return key


def open_store(allow_unsafe: bool, create: bool = True) -> SecureStore:
    """The store with the user's key, creating the key on first use when ``create``.

    Raises StoreUnavailableError (Dutch) when there is no safe credential store and policy does not
    allow the less safe key file, or when ``create`` is False and there is no key yet.
    """
    name, safe = credential_store()
    if safe:
        try:
            stored = keyring.get_password(SERVICE, KEY_NAME)
            if stored is None:
                if not create:
                    raise StoreUnavailableError(_("Er zijn nog geen versleutelde gegevens."))
                stored = base64.b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")
                keyring.set_password(SERVICE, KEY_NAME, stored)
            return SecureStore(base64.b64decode(stored), name)
        except keyring.errors.KeyringError as exc:
            if not allow_unsafe:
                message = _("De sleutelopslag van het systeem werkt niet ({error}); Schrijfhulp bewaart daarom niets.")
                raise StoreUnavailableError(message.format(error=exc)) from exc
    if not allow_unsafe:
        raise StoreUnavailableError(
            _(
                "Deze computer heeft geen beveiligde sleutelopslag (zoals Windows Referentiebeheer of de "
                "Secret Service). Schrijfhulp kan daarom niets versleuteld bewaren: er is geen logboek, en van "
                "een beoordeling onthoudt Schrijfhulp alleen uw beslissingen, zonder tekst uit het document."
            )
        )
    if not create and not _unsafe_key_path().is_file():
        raise StoreUnavailableError(_("Er zijn nog geen versleutelde gegevens."))
    return SecureStore(_read_or_create_unsafe_key(), str(_unsafe_key_path()))


def erase_key() -> None:
    """Delete the key from the credential store and the unsafe key file, if present."""
    _name, safe = credential_store()
    if safe:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # there was no key
            keyring.delete_password(SERVICE, KEY_NAME)
    _unsafe_key_path().unlink(missing_ok=True)


def is_expired(created: float, retention_days: int, now: float | None = None) -> bool:
    """True when a record created at ``created`` is older than the retention period."""
    return (now if now is not None else time.time()) - created > retention_days * DAY
