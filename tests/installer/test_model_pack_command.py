"""installer/model_pack.py as an organisation uses it: any GGUF becomes a model pack with one command."""

from __future__ import annotations

import hashlib
import tomllib
import zipfile

import pytest

from installer import model_pack

pytestmark = pytest.mark.core


def test_any_gguf_becomes_a_model_pack_with_one_command(tmp_path):
    """An organisation's own model: not in the shipped manifest, so name and licence are required."""
    own = tmp_path / "eigen-model.gguf"
    own.write_bytes(b"GGUF" + b"\0" * 4092)
    refused = model_pack.main([str(own), "--out", str(tmp_path / "out"), "--no-deb"])
    assert refused == 1
    made = model_pack.main(
        [str(own), "--out", str(tmp_path / "out"), "--name", "Eigen model", "--license", "Apache-2.0", "--no-deb"]
    )
    assert made == 0
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.zip"))) as archive:
        entry = tomllib.loads(archive.read("models/eigen-model.toml").decode("utf-8"))["model"][0]
    assert entry["sha256"] == hashlib.sha256(own.read_bytes()).hexdigest()
    assert entry["size"] == 4096 and entry["default"] is False and entry["name"] == "Eigen model"
