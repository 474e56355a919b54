"""Versioned prompts for the model tasks, shipped in resources/prompts and replaceable by the organisation."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.core import paths
from desktop.core.i18n import _

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "b1": frozenset({"text"}),
    "correctie": frozenset({"text", "problems"}),
    "concept": frozenset({"slot", "instruction", "fields", "paragraphs"}),
}
# Placeholders a prompt may use besides its required ones (an organisation's older b1.toml has no examples).
OPTIONAL: dict[str, frozenset[str]] = {"b1": frozenset({"examples"})}
_DELIMITERS = ("<tekst>", "</tekst>")


class PromptError(Exception):
    """A prompt file is missing or wrong; ``str(exc)`` says which and why, in Dutch."""


@dataclass(frozen=True)
class Prompt:
    """A task's system message and user template, with its version and where it came from."""

    name: str
    version: int
    system: str
    user: str
    origin: Path

    def render(self, **values: str) -> tuple[str, str]:
        """The system message and the user message with ``values`` filled in.

        Document text cannot close the ``<tekst>`` block it is placed in: the delimiters are removed
        from every value first.
        """
        cleaned = {}
        for key, value in values.items():
            for delimiter in _DELIMITERS:
                value = value.replace(delimiter, "")
            cleaned[key] = value
        for optional in OPTIONAL.get(self.name, ()):
            cleaned.setdefault(optional, "")
        return self.system, self.user.format_map(cleaned)


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def prompt_path(name: str) -> Path:
    """The file that defines prompt ``name``: the organisation's if present, else the shipped one."""
    override = paths.machine_config_dir() / "prompts" / f"{name}.toml"
    return override if override.is_file() else paths.resources_dir() / "prompts" / f"{name}.toml"


def load_prompt(name: str) -> Prompt:
    """Read and check prompt ``name``. Raises PromptError with a Dutch message."""
    if name not in PLACEHOLDERS:
        raise PromptError(_("Onbekende opdracht voor het model: {name}").format(name=name))
    path = prompt_path(name)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        prompt = Prompt(
            name, int(data["version"]), str(data["system"]).strip(), str(data["user"]).strip(), path
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PromptError(
            _("Het promptbestand {path} is onleesbaar of onvolledig: {error}").format(path=path, error=exc)
        ) from exc
    try:
        found = _fields(prompt.user)
    except ValueError as exc:
        raise PromptError(
            _("Het promptbestand {path} bevat een ongeldige {{plaatshouder}}: {error}").format(
                path=path, error=exc
            )
        ) from exc
    if not PLACEHOLDERS[name] <= found <= PLACEHOLDERS[name] | OPTIONAL.get(name, frozenset()):
        raise PromptError(
            _(
                "Het promptbestand {path} moet precies deze plaatshouders gebruiken: {wanted}; "
                "gevonden: {found}"
            ).format(
                path=path, wanted=", ".join(sorted(PLACEHOLDERS[name])), found=", ".join(sorted(found)) or "-"
            )
        )
    return prompt
