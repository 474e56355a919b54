"""The model catalogue: manifest, discovery in both folders, hash checks, trust on first use."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.model import catalog
from desktop.core.model.catalog import ModelError

pytestmark = pytest.mark.core


def _write_gguf(folder: Path, name: str, payload: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"GGUF" + payload)
    return path


def test_shipped_manifest_lists_the_embedded_default() -> None:
    cards = catalog.known_models()
    defaults = [c for c in cards if c.default]
    assert [c.id for c in defaults] == ["qwen2.5-coder-1.5b-instruct-q4_k_m"]
    card = defaults[0]
    assert card.size == 1_117_320_768
    assert card.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert card.license == "Apache-2.0"
    for c in cards:
        assert c.description_nl and c.description_en and c.chat_format and len(c.sha256) == 64


def test_machine_manifest_entry_is_matched_and_verified() -> None:
    payload = b"x" * 1000
    model = _write_gguf(paths.machine_models_dir(), "org-model.gguf", payload)
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    (paths.machine_models_dir() / "org-model.toml").write_text(
        f'[[model]]\nid = "org"\nfile = "org-model.gguf"\nname = "Organisatiemodel"\n'
        f'size = {model.stat().st_size}\nsha256 = "{digest}"\nchat_format = "chatml"\n'
    )
    found = catalog.find_models()
    assert [(m.path.name, m.machine_wide, m.card.name if m.card else None) for m in found] == [
        ("org-model.gguf", True, "Organisatiemodel")
    ]
    assert catalog.verify(found[0]) == digest


def test_a_listed_model_with_a_wrong_hash_is_refused() -> None:
    cards = catalog.known_models()
    card = next(c for c in cards if c.default)
    fake = _write_gguf(paths.user_models_dir(), card.file, b"\0" * (card.size - 4))
    model = catalog.find_models(cards)[0]
    assert model.path == fake and model.card == card
    with pytest.raises(ModelError, match="controlesom"):
        catalog.verify(model)


def test_a_truncated_listed_model_is_refused_before_hashing() -> None:
    card = next(c for c in catalog.known_models() if c.default)
    _write_gguf(paths.user_models_dir(), card.file, b"short")
    with pytest.raises(ModelError, match="onvolledig"):
        catalog.verify(catalog.find_models()[0])


def test_unlisted_model_is_recorded_on_first_use_and_a_change_is_refused() -> None:
    path = _write_gguf(paths.machine_models_dir(), "it-model.gguf", b"first")
    model = catalog.find_models()[0]
    assert model.card is None and model.display_name == "it-model"
    first = catalog.verify(model)
    assert catalog.recorded_hashes() == {str(path.resolve()): first}
    assert catalog.verify(model) == first
    path.write_bytes(b"GGUFchanged")
    with pytest.raises(ModelError, match="controlesom"):
        catalog.verify(model)


def test_choose_model_prefers_the_wanted_then_the_default() -> None:
    cards = catalog.known_models()
    default = next(c for c in cards if c.default)
    _write_gguf(paths.user_models_dir(), default.file, b"")
    _write_gguf(paths.machine_models_dir(), "other.gguf", b"")
    found = catalog.find_models(cards)
    assert catalog.choose_model(found).card == default
    assert catalog.choose_model(found, "other.gguf").path.name == "other.gguf"
    with pytest.raises(ModelError, match="niet gevonden"):
        catalog.choose_model(found, "missing.gguf")
    with pytest.raises(ModelError, match="geen taalmodel"):
        catalog.choose_model([])


def test_a_broken_machine_manifest_is_reported() -> None:
    paths.machine_models_dir().mkdir(parents=True)
    (paths.machine_models_dir() / "broken.toml").write_text("[[model]]\nid = 'x'\n")
    with pytest.raises(ModelError, match=r"broken\.toml"):
        catalog.known_models()
