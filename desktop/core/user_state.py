"""Small pieces of user state that are not settings: recent files and one-time acknowledgements.

Stored as TOML in the user's config folder, written atomically. Never holds document text.
:func:`needs_first_run` decides whether the first-run screen on responsible use is shown.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from desktop.core import atomic_file, paths
from desktop.core.policy.settings import Layer, Settings

STATE_FILE = "staat.toml"
MAX_RECENT = 10
#: The acknowledgement of the first-run screen on responsible use; a new version asks again.
RESPONSIBLE_USE = "verantwoord-gebruik-v1"


@dataclass
class UserState:
    """Recent files (most recent first) and what the user has acknowledged."""

    recent_files: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)

    def add_recent(self, path: Path) -> None:
        """Move ``path`` to the top of the recent files."""
        entry = str(path.resolve())
        self.recent_files = [entry, *(p for p in self.recent_files if p != entry)][:MAX_RECENT]

    def forget_recent(self, path: str) -> None:
        """Remove ``path`` from the recent files (e.g. when it no longer exists)."""
        self.recent_files = [p for p in self.recent_files if p != path]


def _state_path() -> Path:
    return paths.user_config_dir() / STATE_FILE


def load_state() -> UserState:
    """The stored state; an unreadable file gives an empty state (it holds nothing that matters)."""
    try:
        with _state_path().open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return UserState()
    return UserState(
        recent_files=[str(p) for p in data.get("recent_files", [])][:MAX_RECENT],
        acknowledged=[str(a) for a in data.get("acknowledged", [])],
    )


def save_state(state: UserState) -> None:
    """Write the state atomically."""
    target = _state_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_file.write_text(
        target, tomli_w.dumps({"recent_files": state.recent_files, "acknowledged": state.acknowledged})
    )


def needs_first_run(settings: Settings, state: UserState) -> bool:
    """True unless the user acknowledged the responsible-use screen or the organisation did.

    The organisation acknowledges through ``first_run.acknowledged_by_organisation`` in its
    defaults or policy; the same value in the user's own settings file does not count, because it
    would not be the organisation's acknowledgement. While policy is invalid the setting takes its
    strict value (false), so the screen is shown.
    """
    if RESPONSIBLE_USE in state.acknowledged:
        return False
    key = "first_run.acknowledged_by_organisation"
    by_organisation = settings.origin(key) in (Layer.MACHINE_DEFAULTS, Layer.POLICY)
    return not (by_organisation and settings.first_run.acknowledged_by_organisation)
