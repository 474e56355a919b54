"""Shared fixtures: every settings and data path points at a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.SecretService
import pytest

from desktop.core import paths
from desktop.core.analysis import LanguageTools
from desktop.core.document.samples import text_to_docx
from desktop.core.model import catalog
from desktop.core.model.catalog import ModelFile
from desktop.core.model.engine import LlamaEngine
from desktop.core.policy.settings import load_settings
from tests import DATA
from tests import secret_service as secret_service_module

# Where scripts/test assembled the embedded model, read before any test redirects the user folders.
INSTALLED_MODELS = paths.user_models_dir()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def session_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's cache folder of session-wide fixtures (set up before them): a temporary one, never the real one."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.ENV_USER_CACHE, str(folder))
        yield folder


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point the five Schrijfhulp folders at fresh temporary folders for every test."""
    folders = {
        paths.ENV_USER_CONFIG: tmp_path / "user-config",
        paths.ENV_USER_DATA: tmp_path / "user-data",
        paths.ENV_USER_CACHE: tmp_path / "user-cache",
        paths.ENV_MACHINE_CONFIG: tmp_path / "machine-config",
        paths.ENV_MACHINE_DATA: tmp_path / "machine-data",
    }
    for name, folder in folders.items():
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return folders


@pytest.fixture(scope="session")
def test_data() -> Path:
    """tests/data: the real test material, most of it written by others (see its README)."""
    return DATA


@pytest.fixture(scope="session")
def embedded_model() -> ModelFile:
    """The embedded default model as assembled by the test command (never downloaded here)."""
    card = next(c for c in catalog.known_models() if c.default)
    path = INSTALLED_MODELS / card.file
    if not path.is_file():
        pytest.fail(f"the embedded model is missing: run ./scripts/test (it assembles {path})")
    return ModelFile(path=path, card=card, machine_wide=False)


@pytest.fixture(scope="session")
def embedded_engine(embedded_model: ModelFile) -> Iterator[LlamaEngine]:
    """The embedded model loaded once for the whole session, closed at its end (not while Python shuts down)."""
    engine = LlamaEngine.load(embedded_model)
    yield engine
    engine.close()


@pytest.fixture(autouse=True)
def no_credential_store() -> Iterator[None]:
    """By default a test runs without any credential store (as on a machine without one), whatever ran before."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def secret_service_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A real, unlocked Secret Service (gnome-keyring on a private D-Bus) for the session."""
    yield from secret_service_module.start(tmp_path_factory.mktemp("sleutelbos"))


@pytest.fixture
def secret_service(secret_service_daemon: None, no_credential_store: None) -> Iterator[None]:
    """This test uses the real Secret Service as its credential store."""
    keyring.set_keyring(keyring.backends.SecretService.Keyring())
    yield


@pytest.fixture
def letter_docx(tmp_path: Path) -> Callable[[str], Path]:
    """A .docx made from one of the real letters in tests/data/letters/texts (e.g. "006_besluit")."""

    def make(name: str, replace: tuple[str, str] | None = None) -> Path:
        text = (DATA / "letters" / "texts" / f"{name}.txt").read_text(encoding="utf-8")
        if replace is not None:
            assert replace[0] in text, replace
            text = text.replace(*replace)
        return text_to_docx(text, tmp_path / "brieven" / f"{name}.docx")

    return make


@pytest.fixture(scope="session")
def language_tools(tmp_path_factory: pytest.TempPathFactory) -> LanguageTools:
    """The language checkers with default settings, grammar engine loaded once for the session."""
    base = tmp_path_factory.mktemp("taalhulpmiddelen")
    names = (paths.ENV_USER_CONFIG, paths.ENV_USER_DATA, paths.ENV_MACHINE_CONFIG, paths.ENV_MACHINE_DATA)
    with pytest.MonkeyPatch.context() as patch:
        for name in names:
            (base / name).mkdir()
            patch.setenv(name, str(base / name))
        tools = LanguageTools.from_settings(load_settings(registry=dict))
        tools.grammar.load()
    return tools

