"""Assemble a model listed in models/manifest.toml from its PyPI part packages (set-up time only).

The app itself never downloads anything. This script is run by scripts/run and scripts/test:
it asks pip for each part package (pip's cache makes a second run cheap), joins the parts in
order into a temporary file while hashing, checks size and sha256 against the manifest, and only
then moves the file into the per-user models folder. A model already in place with the right size
and a matching verification stamp is left alone, so a second run takes well under a second.

Usage: python scripts/assemble_model.py [--model ID] [--dest FOLDER]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.paths import shipped_manifest_path, user_models_dir  # noqa: E402

CHUNK = 8 * 1024 * 1024


def _stamp_path(model: Path) -> Path:
    return model.with_name(model.name + ".verified")


def _stamp_of(model: Path, sha256: str) -> str:
    stat = model.stat()
    return f"{stat.st_size} {stat.st_mtime_ns} {sha256}\n"


def already_assembled(model: Path, entry: dict[str, Any]) -> bool:
    """True when ``model`` is in place and was verified against this manifest entry since it last changed."""
    stamp = _stamp_path(model)
    if not model.is_file() or model.stat().st_size != entry["size"] or not stamp.is_file():
        return False
    return stamp.read_text() == _stamp_of(model, entry["sha256"])


def _download(package: str, version: str, folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(folder),
            f"{package}=={version}",
        ],
        check=True,
    )
    normalized = package.replace("-", "_")
    matches = sorted(folder.glob(f"{normalized}-{version}-*.whl"))
    if not matches:
        raise SystemExit(f"pip did not leave a wheel for {package}=={version} in {folder}")
    return matches[0]


def assemble(entry: dict[str, Any], dest: Path) -> Path:
    """Download, join and verify ``entry``'s parts into ``dest``; return the model's path."""
    parts = entry["parts"]
    target = dest / entry["file"]
    dest.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.TemporaryDirectory(prefix="schrijfhulp-parts-") as tmp:
        wheels = Path(tmp)
        fd, partial_name = tempfile.mkstemp(prefix=entry["file"] + ".", suffix=".partial", dir=dest)
        partial = Path(partial_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for n in range(1, parts["count"] + 1):
                    wheel = _download(parts["package"].format(n=n), parts["version"], wheels)
                    with zipfile.ZipFile(wheel) as archive, archive.open(parts["member"].format(n=n)) as src:
                        while chunk := src.read(CHUNK):
                            digest.update(chunk)
                            out.write(chunk)
                            size += len(chunk)
                    wheel.unlink()
                    print(f"  deel {n}/{parts['count']} ({size / 1e6:,.0f} MB)", flush=True)
                out.flush()
                os.fsync(out.fileno())
            if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                raise SystemExit(
                    f"{entry['file']}: assembled {size} bytes with sha256 {digest.hexdigest()}, "
                    f"expected {entry['size']} bytes with sha256 {entry['sha256']}; nothing was installed"
                )
            os.chmod(partial, 0o644)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    _stamp_path(target).write_text(_stamp_of(target, entry["sha256"]))
    return target


def main(argv: list[str] | None = None) -> int:
    """Assemble one model (the manifest's default unless --model is given)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="manifest id (default: the manifest's default model)")
    parser.add_argument("--dest", type=Path, help="target folder (default: the per-user models folder)")
    args = parser.parse_args(argv)

    with shipped_manifest_path().open("rb") as handle:
        entries = tomllib.load(handle)["model"]
    wanted = [e for e in entries if (e["id"] == args.model if args.model else e.get("default"))]
    if len(wanted) != 1 or "parts" not in wanted[0]:
        raise SystemExit(f"no assemblable model {args.model or '(default)'} in {shipped_manifest_path()}")
    entry = wanted[0]
    dest = args.dest or user_models_dir()
    target = dest / entry["file"]
    if already_assembled(target, entry):
        print(f"model aanwezig en gecontroleerd: {target}")
        return 0
    print(
        f"model samenstellen uit {entry['parts']['count']} pakketten: {entry['name']} → {target}", flush=True
    )
    assemble(entry, dest)
    print(f"model geplaatst en gecontroleerd (sha256 {entry['sha256'][:12]}…): {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
