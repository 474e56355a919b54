"""Where Schrijfhulp finds its resources and keeps its files.

Five folders matter, each redirectable by an environment variable so tests (and IT's own
acceptance tests) can point them at temporary folders:

- user config  (settings.toml, personal word list)      SCHRIJFHULP_USER_CONFIG_DIR
- user data    (embedded model, history, logs)          SCHRIJFHULP_USER_DATA_DIR
- user cache   (derived from shipped files, to start faster; nothing personal)  SCHRIJFHULP_USER_CACHE_DIR
- machine config (IT: defaults.toml, policy.toml)       SCHRIJFHULP_MACHINE_CONFIG_DIR
- machine data (IT: models, templates, word lists)      SCHRIJFHULP_MACHINE_DATA_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Schrijfhulp"

ENV_USER_CONFIG = "SCHRIJFHULP_USER_CONFIG_DIR"
ENV_USER_DATA = "SCHRIJFHULP_USER_DATA_DIR"
ENV_USER_CACHE = "SCHRIJFHULP_USER_CACHE_DIR"
ENV_MACHINE_CONFIG = "SCHRIJFHULP_MACHINE_CONFIG_DIR"
ENV_MACHINE_DATA = "SCHRIJFHULP_MACHINE_DATA_DIR"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else None


def app_root() -> Path:
    """The folder that holds resources/ and models/: the checkout, or the frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """The shipped resources (dictionaries, word lists, prompts, templates, translations)."""
    return app_root() / "resources"


def shipped_manifest_path() -> Path:
    """models/manifest.toml: every model the app knows by name and hash."""
    return app_root() / "models" / "manifest.toml"


def user_config_dir() -> Path:
    """The user's settings folder."""
    return _from_env(ENV_USER_CONFIG) or Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def user_data_dir() -> Path:
    """The user's data folder (embedded model, encrypted history, logs)."""
    return _from_env(ENV_USER_DATA) or Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """The user's cache folder: files derived from what Schrijfhulp ships (LanguageTool's prepared rules,
    compiled patterns, the model's cache of the shipped prompts); deleting it only costs a slower start."""
    return _from_env(ENV_USER_CACHE) or Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def _program_data() -> Path:
    return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_DIR_NAME


def machine_config_dir() -> Path:
    """IT's folder for defaults and policy: ProgramData\\Schrijfhulp or /etc/schrijfhulp."""
    env = _from_env(ENV_MACHINE_CONFIG)
    if env:
        return env
    return _program_data() if sys.platform == "win32" else Path("/etc/schrijfhulp")


def machine_data_dir() -> Path:
    """IT's folder for models, templates, word lists: ProgramData\\Schrijfhulp or /usr/share/schrijfhulp."""
    env = _from_env(ENV_MACHINE_DATA)
    if env:
        return env
    return _program_data() if sys.platform == "win32" else Path("/usr/share/schrijfhulp")


def user_models_dir() -> Path:
    """Where the set-up command places the embedded default model."""
    return user_data_dir() / "models"


def machine_models_dir() -> Path:
    """Where IT (or the model pack) places GGUF models for every user of the machine."""
    return machine_data_dir() / "models"


def log_dir() -> Path:
    """Crash and diagnostic logs (never document text)."""
    return user_data_dir() / "logs"
