"""The models Schrijfhulp knows, where they are, and whether they are the files they claim to be.

Known models come from the shipped models/manifest.toml plus any ``*.toml`` manifest entries that
IT (or a model pack) placed in the machine-wide models folder. Model files are found in the
per-user models folder (the embedded default) and the machine-wide models folder. A known model
whose sha256 differs from its manifest entry is refused. A GGUF that no manifest lists is trusted
on first use: its hash is recorded, and a later change of that file is refused like a mismatch.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from desktop.core import paths
from desktop.core.i18n import _

CHUNK = 8 * 1024 * 1024
RECORDED_HASHES = "vastgelegde-modellen.toml"


class ModelError(Exception):
    """A model cannot be used; ``str(exc)`` is a Dutch message for the user."""


@dataclass(frozen=True)
class ModelCard:
    """What the app tells the user about a model."""

    id: str
    file: str
    name: str
    parameters: str
    quantization: str
    size: int
    sha256: str
    license: str
    source: str
    chat_format: str
    description_nl: str
    description_en: str
    default: bool = False

    @classmethod
    def from_toml(cls, entry: dict[str, Any], origin: Path) -> ModelCard:
        """Build a card from one ``[[model]]`` table; a missing required key is a ModelError."""
        try:
            return cls(
                id=str(entry["id"]),
                file=str(entry["file"]),
                name=str(entry.get("name", entry["id"])),
                parameters=str(entry.get("parameters", "")),
                quantization=str(entry.get("quantization", "")),
                size=int(entry["size"]),
                sha256=str(entry["sha256"]).lower(),
                license=str(entry.get("license", "")),
                source=str(entry.get("source", "")),
                chat_format=str(entry.get("chat_format", "")),
                description_nl=str(entry.get("description_nl", "")),
                description_en=str(entry.get("description_en", "")),
                default=bool(entry.get("default", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(
                _("Modellijst {origin} is ongeldig: {problem}").format(origin=origin, problem=exc)
            ) from exc


@dataclass(frozen=True)
class ModelFile:
    """A GGUF file on disk, with the card that describes it (None for an unlisted model)."""

    path: Path
    card: ModelCard | None
    machine_wide: bool

    @property
    def display_name(self) -> str:
        """The card's name, or the file name for an unlisted model."""
        return self.card.name if self.card else self.path.stem


def _read_manifest(path: Path) -> list[ModelCard]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(
            _("Modellijst {origin} is onleesbaar: {problem}").format(origin=path, problem=exc)
        ) from exc
    return [ModelCard.from_toml(entry, path) for entry in data.get("model", [])]


def known_models() -> list[ModelCard]:
    """Every model card: the shipped manifest first, then the machine-wide manifest files."""
    cards = _read_manifest(paths.shipped_manifest_path())
    machine = paths.machine_models_dir()
    if machine.is_dir():
        for manifest in sorted(machine.glob("*.toml")):
            cards.extend(_read_manifest(manifest))
    return cards


def model_folders() -> list[tuple[Path, bool]]:
    """The folders searched for GGUF files, with whether each is machine-wide."""
    return [(paths.user_models_dir(), False), (paths.machine_models_dir(), True)]


def find_models(cards: Iterable[ModelCard] | None = None) -> list[ModelFile]:
    """Every GGUF in the model folders, matched to its card by file name."""
    by_file = {card.file: card for card in (known_models() if cards is None else cards)}
    found: list[ModelFile] = []
    for folder, machine_wide in model_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.gguf")):
            found.append(ModelFile(path=path, card=by_file.get(path.name), machine_wide=machine_wide))
    return found


def sha256_of(path: Path, progress: Callable[[int, int], None] | None = None) -> str:
    """The sha256 of a file, read in chunks; ``progress(done, total)`` is called after each chunk."""
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def _recorded_path() -> Path:
    return paths.user_data_dir() / RECORDED_HASHES


def recorded_hashes() -> dict[str, str]:
    """sha256 values recorded on first use of unlisted models, by absolute path."""
    path = _recorded_path()
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return {str(k): str(v) for k, v in tomllib.load(handle).get("sha256", {}).items()}


def _record_hash(model: Path, digest: str) -> None:
    hashes = recorded_hashes()
    hashes[str(model.resolve())] = digest
    target = _recorded_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(tomli_w.dumps({"sha256": hashes}).encode("utf-8"))
    temporary.replace(target)


def verify(model: ModelFile, progress: Callable[[int, int], None] | None = None) -> str:
    """Check the model file's integrity and return its sha256, or raise ModelError.

    A listed model must match its manifest size and sha256. An unlisted model is recorded on first
    use and must match that record afterwards.
    """
    if not model.path.is_file():
        raise ModelError(
            _("Het model {name} ontbreekt: {path}").format(name=model.display_name, path=model.path)
        )
    if model.card and model.path.stat().st_size != model.card.size:
        raise ModelError(
            _(
                "Het model {name} is onvolledig of vervangen: "
                "het bestand is {actual} bytes, verwacht {expected}."
            ).format(name=model.display_name, actual=model.path.stat().st_size, expected=model.card.size)
        )
    digest = sha256_of(model.path, progress)
    if model.card:
        expected = model.card.sha256
    else:
        expected = recorded_hashes().get(str(model.path.resolve()), "")
        if not expected:
            _record_hash(model.path, digest)
            return digest
    if digest != expected:
        raise ModelError(
            _(
                "Het model {name} is beschadigd of vervangen: de controlesom (sha256) klopt niet. "
                "Schrijfhulp gebruikt het niet."
            ).format(name=model.display_name)
        )
    return digest


def choose_model(found: list[ModelFile], wanted: str = "") -> ModelFile:
    """The model to load: ``wanted`` (a card id or file name) if given, else the manifest's default,
    else the first machine-wide model. Raises ModelError when there is none."""
    if wanted:
        for model in found:
            if wanted in (model.path.name, model.card.id if model.card else ""):
                return model
        raise ModelError(
            _("Het gekozen model {name} is niet gevonden in de modelmappen.").format(name=wanted)
        )
    for model in found:
        if model.card and model.card.default:
            return model
    if found:
        return found[0]
    raise ModelError(_("Er is geen taalmodel geïnstalleerd. Schrijfhulp werkt met alleen de taalregels."))
