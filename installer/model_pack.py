"""Model packs: one GGUF model and its manifest entry, as a Debian package and as a plain .zip.

A model pack puts ``<file>.gguf`` and ``<id>.toml`` (one ``[[model]]`` entry with size and sha256)
into the machine-wide models folder: /usr/share/schrijfhulp/models on Linux,
%ProgramData%\\Schrijfhulp\\models on Windows. Schrijfhulp reads every ``*.toml`` there and refuses
a model whose sha256 differs from its entry.

Any GGUF can become a model pack with one command. For a model the shipped models/manifest.toml
already lists (matched by sha256), its entry is reused; otherwise give at least --name and
--license::

    python installer/model_pack.py MODEL.gguf [--id ID] [--name NAME] [--license SPDX] [--out DIR]

The .zip holds ``models/<file>.gguf``, ``models/<id>.toml`` and ``SHA256SUMS``; unpacked into the
machine data folder (/usr/share/schrijfhulp or %ProgramData%\\Schrijfhulp) it is installed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.model.catalog import ModelCard, sha256_of  # noqa: E402
from desktop.core.paths import shipped_manifest_path  # noqa: E402
from installer import debian  # noqa: E402
from installer.tools import PackagingError  # noqa: E402

PACKAGE_PREFIX = "schrijfhulp-model-"
VIRTUAL_PACKAGE = "schrijfhulp-model"
MACHINE_MODELS = debian.MODELS_DIR  # usr/share/schrijfhulp/models
# Fields written into a pack's manifest entry, in this order (those of ModelCard except parts).
ENTRY_FIELDS = (
    "id", "file", "name", "parameters", "quantization", "size", "sha256", "license", "source",
    "chat_format", "description_nl", "description_en", "default",
)  # fmt: skip


class ModelPackError(Exception):
    """The model pack cannot be built; the message says why."""


@dataclass(frozen=True)
class ModelPack:
    """The files of one built model pack."""

    entry: dict[str, Any]
    deb: Path | None
    archive: Path


def package_name(model_id: str) -> str:
    """The Debian package name for a model id: lower case, only [a-z0-9+.-]."""
    cleaned = re.sub(r"[^a-z0-9+.-]+", "-", model_id.lower()).strip("-.")
    if not cleaned:
        raise ModelPackError(f"model id {model_id!r} gives no usable package name")
    return PACKAGE_PREFIX + cleaned


def _shipped_entries() -> list[dict[str, Any]]:
    with shipped_manifest_path().open("rb") as handle:
        return list(tomllib.load(handle).get("model", []))


def make_entry(gguf: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """The manifest entry for ``gguf``: the shipped entry with the same sha256, else built from ``overrides``.

    Size and sha256 always come from the file itself. Raises ModelPackError when a required
    field (id, name, license) is missing for an unknown model, or an override contradicts the file.
    """
    if not gguf.is_file() or gguf.suffix.lower() != ".gguf":
        raise ModelPackError(f"{gguf} is not a .gguf file")
    digest = sha256_of(gguf)
    size = gguf.stat().st_size
    known = next((entry for entry in _shipped_entries() if entry["sha256"] == digest), None)
    entry: dict[str, Any] = {key: known[key] for key in ENTRY_FIELDS if key in known} if known else {}
    entry.update({key: value for key, value in overrides.items() if value not in (None, "")})
    entry.setdefault("id", gguf.stem.lower())
    entry.setdefault("file", gguf.name)
    entry.update(size=size, sha256=digest)
    missing = [key for key in ("name", "license") if not entry.get(key)]
    if missing:
        raise ModelPackError(
            f"{gguf.name} is not in models/manifest.toml (sha256 {digest[:12]}…): give --{' and --'.join(missing)}"
        )
    entry.setdefault("default", False)
    ModelCard.from_toml(entry, gguf)  # the app must accept what we write
    return {key: entry[key] for key in ENTRY_FIELDS if key in entry}


def manifest_text(entry: dict[str, Any]) -> str:
    """The pack's ``<id>.toml``: one [[model]] table."""
    header = (
        f"# Schrijfhulp model pack: {entry['name']} ({entry['file']}).\n"
        "# Schrijfhulp loads the model only when its size and sha256 match this entry.\n"
    )
    return header + tomli_w.dumps({"model": [entry]})


def build_archive(gguf: Path, entry: dict[str, Any], out_dir: Path, version: str) -> Path:
    """``<package>_<version>.zip`` with models/<file>.gguf, models/<id>.toml and SHA256SUMS."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{package_name(entry['id'])}_{version}.zip"
    partial = target.with_suffix(".zip.partial")
    manifest_name = f"{entry['id']}.toml"
    manifest = manifest_text(entry).encode("utf-8")
    sums = f"{entry['sha256']}  models/{entry['file']}\n{sha256(manifest).hexdigest()}  models/{manifest_name}\n"
    # The GGUF is stored, not compressed: quantised weights do not compress and IT wants speed.
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.write(gguf, f"models/{entry['file']}")
        archive.writestr(f"models/{manifest_name}", manifest)
        archive.writestr("SHA256SUMS", sums)
    partial.replace(target)
    return target


def build_deb(gguf: Path, entry: dict[str, Any], out_dir: Path, version: str, maintainer: str) -> Path:
    """The Debian model pack: the GGUF and its entry in /usr/share/schrijfhulp/models."""
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-modelpack-") as work:
        root = Path(work) / "root"
        models = root / MACHINE_MODELS
        models.mkdir(parents=True)
        _place(gguf, models / entry["file"])
        (models / f"{entry['id']}.toml").write_text(manifest_text(entry), encoding="utf-8")
        doc = root / "usr" / "share" / "doc" / package_name(entry["id"])
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(
            f"{entry['name']}\nLicense: {entry['license']}\nSource: {entry.get('source', '')}\n", encoding="utf-8"
        )
        control = {
            "Package": package_name(entry["id"]),
            "Version": version,
            "Architecture": "all",
            "Maintainer": maintainer,
            "Section": "misc",
            "Priority": "optional",
            "Provides": VIRTUAL_PACKAGE,
            "Enhances": debian.PACKAGE,
            "Description": (
                f"taalmodel {entry['name']} voor Schrijfhulp / language model for Schrijfhulp\n"
                f" Het GGUF-model {entry['file']} ({entry['size']} bytes, licentie {entry['license']})\n"
                " en zijn regel in de modellijst (met sha256) voor alle gebruikers van deze computer.\n"
                " Schrijfhulp gebruikt het model alleen als de controlesom klopt."
            ),
        }
        # The weights do not compress: storing them saves minutes and costs nothing.
        return debian.build_package(root, control, out_dir, compression="none", level=0)


def _place(source: Path, target: Path) -> None:
    """Hard-link ``source`` to ``target`` (no 1 GB copy), or copy it across file systems."""
    try:
        target.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, target)


def build_model_pack(
    gguf: Path,
    out_dir: Path,
    overrides: dict[str, Any] | None = None,
    version: str = "1.0",
    maintainer: str = debian.DEFAULT_MAINTAINER,
    with_deb: bool = True,
) -> ModelPack:
    """Build the .zip (always) and the .deb (when ``with_deb``) for ``gguf``."""
    entry = make_entry(gguf, overrides or {})
    archive = build_archive(gguf, entry, out_dir, version)
    deb = build_deb(gguf, entry, out_dir, version, maintainer) if with_deb else None
    return ModelPack(entry=entry, deb=deb, archive=archive)


def main(argv: Sequence[str] | None = None) -> int:
    """Build a model pack from a GGUF file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gguf", type=Path, help="the model file (.gguf)")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--id", help="model id (default: from models/manifest.toml or the file name)")
    parser.add_argument("--name", help="display name (required for a model not in models/manifest.toml)")
    parser.add_argument("--license", help="licence, e.g. Apache-2.0 (required for an unknown model)")
    parser.add_argument("--source", help="where the model comes from")
    parser.add_argument("--parameters", help='e.g. "7 miljard"')
    parser.add_argument("--quantization", help="e.g. Q4_K_M")
    parser.add_argument("--chat-format", help="llama-cpp-python chat format when the GGUF has no template")
    parser.add_argument("--description-nl", help="what the model is good for (Dutch)")
    parser.add_argument("--description-en", help="what the model is good for (English)")
    parser.add_argument("--version", default="1.0", help="Debian package version (default 1.0)")
    parser.add_argument("--maintainer", default=debian.DEFAULT_MAINTAINER, help="the Maintainer field")
    parser.add_argument("--no-deb", action="store_true", help="only the .zip (no dpkg-deb needed)")
    args = parser.parse_args(argv)
    overrides = {
        "id": args.id,
        "name": args.name,
        "license": args.license,
        "source": args.source,
        "parameters": args.parameters,
        "quantization": args.quantization,
        "chat_format": args.chat_format,
        "description_nl": args.description_nl,
        "description_en": args.description_en,
    }
    try:
        pack = build_model_pack(args.gguf, args.out, overrides, args.version, args.maintainer, not args.no_deb)
    except (ModelPackError, PackagingError) as exc:
        print(f"model_pack: {exc}", file=sys.stderr)
        return 1
    for path in (pack.deb, pack.archive):
        if path is not None:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
