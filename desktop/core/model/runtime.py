"""llama.cpp's CPU back-ends: one portable build that picks the fastest code path per processor.

Schrijfhulp's llama.cpp is built for a baseline x86-64 processor with GGML_BACKEND_DL and
GGML_CPU_ALL_VARIANTS: the CPU back-end exists as several libraries (``libggml-cpu-x64.so``,
``-sse42``, ``-haswell``, ``-skylakex``, ...), each scoring itself against the processor it runs
on. llama.cpp only looks for them next to the executable and in the current folder; neither is
where llama-cpp-python (or the frozen app) keeps them, and the current folder is no place to load
code from. :func:`ensure_backends` therefore loads the best variant from llama-cpp-python's own
library folder before the first model is loaded; llama.cpp's own search is skipped once a
back-end is registered. A build without dynamic back-ends (CPU compiled in) needs nothing and is
left alone.

Only ctypes is used here, so the functions also describe another copy of the library (the
installer tests point :func:`describe` at the frozen app's folder).
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core import paths
from desktop.core.i18n import _

ENV_LIBRARY_DIR = "LLAMA_CPP_LIB_PATH"  # the variable llama-cpp-python itself honours

# llama.cpp's CPU back-end waits for its OpenMP threads by spinning. On a laptop that also runs Word,
# a browser and our own UI, a spinning thread that lost its core stalls every other thread at each
# barrier: measured here, 2 threads next to one busy process decoded at 0.6 tokens/s instead of 4.7.
# Passive waiting costs little when the machine is idle. Read by OpenMP when the back-end library
# loads (in ensure_backends), so it is set on import of this module; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
GGML_BACKEND_DEVICE_TYPE_CPU = 0  # enum ggml_backend_dev_type
LLAMA_CPP_LOGGER = "llama-cpp-python"
NATIVE_LOG_NAME = "llama.log"
# enum ggml_log_level (ggml.h: NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5, a continued line).
_LOG_WARN, _LOG_ERROR, _LOG_CONT = 3, 4, 5
_LOG_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)


class LlamaRuntimeError(Exception):
    """llama.cpp cannot run on this computer; ``str(exc)`` is a Dutch message for the user."""


@dataclass(frozen=True)
class CpuVariant:
    """One CPU back-end library: its name (``haswell``), file and score on this processor (0: unusable)."""

    name: str
    path: Path
    score: int


@dataclass(frozen=True)
class RuntimeReport:
    """What a llama.cpp library folder carries and what it chose on this processor."""

    library_dir: Path
    variants: tuple[CpuVariant, ...]
    chosen: CpuVariant | None
    system_info: str


_lock = threading.Lock()


class _NativeLog:
    """llama.cpp's own log, kept out of the terminal and the user's sight.

    llama.cpp and ggml print what they do ("load_backend: loaded CPU backend from ...", the model's
    metadata) on stderr unless a callback is set. The command line must print nothing but its report,
    so every line goes through :meth:`write`: warnings and errors are appended to ``logs/llama.log``
    beside the crash log (never document text: llama.cpp logs file names and sizes), the rest is
    dropped. The ctypes callback object must stay alive as long as llama.cpp may call it.
    """

    def __init__(self) -> None:
        self.keep = False  # whether the line being continued is kept
        self.callback = _LOG_CALLBACK(self.write)

    def write(self, level: int, text: bytes | None, _user_data: object) -> None:
        if level != _LOG_CONT:
            self.keep = level in (_LOG_WARN, _LOG_ERROR)
        if not self.keep or not text:
            return
        try:
            folder = paths.log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / NATIVE_LOG_NAME).open("ab") as handle:
                handle.write(text)
        except OSError:
            return  # a log that cannot be written must not stop the model


_native_log = _NativeLog()


def route_native_log(folder: Path | None = None) -> None:
    """Send llama.cpp's log (and ggml's, which llama_log_set also sets) to :class:`_NativeLog`.

    Called before the back-ends load, and again after llama-cpp-python is imported: its import sets
    its own callback, which prints to stderr.
    """
    llama = _load(folder or library_dir(), "llama")
    llama.llama_log_set.restype = None
    llama.llama_log_set.argtypes = [_LOG_CALLBACK, ctypes.c_void_p]
    llama.llama_log_set(_native_log.callback, None)


def _prefix() -> str:
    return "" if sys.platform == "win32" else "lib"


def _suffix() -> str:
    if sys.platform == "win32":
        return ".dll"
    return ".dylib" if sys.platform == "darwin" else ".so"


def library_dir() -> Path:
    """llama-cpp-python's library folder (``llama_cpp/lib``), in the checkout's venv or the frozen app."""
    override = os.environ.get(ENV_LIBRARY_DIR, "").strip()
    if override:
        return Path(override)
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or spec.origin is None:
        raise LlamaRuntimeError(_("llama.cpp (llama-cpp-python) is niet geïnstalleerd."))
    return Path(spec.origin).parent / "lib"


def _load(folder: Path, name: str) -> ctypes.CDLL:
    path = folder / f"{_prefix()}{name}{_suffix()}"
    try:
        return ctypes.CDLL(str(path))
    except OSError as exc:
        raise LlamaRuntimeError(
            _("llama.cpp kan niet worden geladen uit {folder}: {error}").format(folder=folder, error=exc)
        ) from exc


def _ggml(folder: Path) -> ctypes.CDLL:
    """ggml's back-end registry as libllama sees it.

    On Linux and macOS the functions are looked up through libllama's own handle (a lookup that
    also searches the libraries it depends on), so they are certainly the copy of ggml that
    libllama uses, even where a packager turned the library's version symlinks into copies.
    Windows identifies a loaded DLL by its path, which llama-cpp-python shares with us.
    """
    ggml = _load(folder, "ggml" if sys.platform == "win32" else "llama")
    ggml.ggml_backend_reg_count.restype = ctypes.c_size_t
    ggml.ggml_backend_reg_count.argtypes = []
    ggml.ggml_backend_load_all_from_path.restype = None
    ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
    ggml.ggml_backend_dev_by_type.restype = ctypes.c_void_p
    ggml.ggml_backend_dev_by_type.argtypes = [ctypes.c_int]
    return ggml


def cpu_variants(folder: Path | None = None) -> list[CpuVariant]:
    """The CPU back-end variants in ``folder`` (default: :func:`library_dir`), best score first.

    Each library is opened and asked for ``ggml_backend_score()``, as llama.cpp itself does when it
    chooses; opening a variant for a newer processor is safe, only running it would not be.
    An empty list means a build with the CPU back-end compiled in.
    """
    folder = folder or library_dir()
    stem = f"{_prefix()}ggml-cpu-"
    found: list[CpuVariant] = []
    for path in sorted(folder.glob(f"{stem}*{_suffix()}")):
        library = ctypes.CDLL(str(path))
        score_function = library.ggml_backend_score
        score_function.restype = ctypes.c_int
        score_function.argtypes = []
        found.append(CpuVariant(name=path.name[len(stem) : -len(_suffix())], path=path, score=int(score_function())))
    return sorted(found, key=lambda variant: (-variant.score, variant.name))


def ensure_backends(folder: Path | None = None) -> None:
    """Register llama.cpp's best CPU back-end from ``folder`` (default: :func:`library_dir`) once.

    Safe to call from any thread and any number of times. Raises LlamaRuntimeError when no CPU
    back-end can be registered (for example a damaged installation).
    """
    folder = folder or library_dir()
    # llama-cpp-python's own logger prints only errors, as Llama(verbose=False) later sets it anyway.
    quiet = logging.getLogger(LLAMA_CPP_LOGGER)
    if quiet.level == logging.NOTSET:
        quiet.setLevel(logging.ERROR)
    with _lock:
        route_native_log(folder)  # loading a back-end is announced on stderr otherwise
        ggml = _ggml(folder)
        if ggml.ggml_backend_reg_count() == 0:
            ggml.ggml_backend_load_all_from_path(str(folder).encode())
        if not ggml.ggml_backend_dev_by_type(GGML_BACKEND_DEVICE_TYPE_CPU):
            raise LlamaRuntimeError(
                _(
                    "llama.cpp vindt geen rekenonderdeel (CPU-backend) voor deze processor in {folder}. "
                    "Installeer Schrijfhulp opnieuw of vraag uw IT-afdeling om hulp."
                ).format(folder=folder)
            )


@contextmanager
def weights_used_in_place() -> Iterator[None]:
    """While active, models load without llama.cpp's repacked copies of their weights.

    On x86 llama.cpp copies the Q4 weights into a layout for its AVX2/AVX-512 kernels ("extra
    buffer types"). With the GGUF memory-mapped, the pages it read stay resident next to the copy:
    measured with the embedded 1.1 GB model, 600 MB more peak memory and twice the load time, for
    about 8% of decoding speed (69 against 75 ms a token). A laptop with 8 GB has better use for
    that memory (bench/bench_model_memory.py: file + 386 MB at work instead of + 1,076 MB), so the
    weights are used where the mapping has them. llama-cpp-python's ``Llama`` has no argument for
    ``use_extra_bufts``; its model parameters come from ``llama_model_default_params``, which is
    wrapped here for the duration of a load (under the module lock: loads are serialised).
    """
    import llama_cpp.llama as llama_module

    with _lock:
        bindings = llama_module.llama_cpp
        defaults = bindings.llama_model_default_params

        def params() -> Any:
            value = defaults()
            value.use_extra_bufts = False
            return value

        bindings.llama_model_default_params = params
        try:
            yield
        finally:
            bindings.llama_model_default_params = defaults


def system_info(folder: Path | None = None) -> str:
    """llama.cpp's own ``llama_print_system_info()``: the instruction sets of the loaded CPU back-end."""
    folder = folder or library_dir()
    ensure_backends(folder)
    llama = _load(folder, "llama")
    llama.llama_print_system_info.restype = ctypes.c_char_p
    llama.llama_print_system_info.argtypes = []
    return bytes(llama.llama_print_system_info()).decode("utf-8", "replace").strip()


def describe(folder: Path | None = None) -> RuntimeReport:
    """Which variants ``folder`` carries, which one this processor gets, and llama.cpp's system info."""
    folder = folder or library_dir()
    variants = tuple(cpu_variants(folder))
    usable = [variant for variant in variants if variant.score > 0]
    return RuntimeReport(
        library_dir=folder,
        variants=variants,
        chosen=usable[0] if usable else None,
        system_info=system_info(folder),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m desktop.core.model.runtime [FOLDER]``: print what a llama.cpp library folder carries."""
    args = list(sys.argv[1:] if argv is None else argv)
    report = describe(Path(args[0]) if args else None)
    print(f"library: {report.library_dir}")
    for variant in report.variants:
        mark = "*" if variant == report.chosen else " "
        print(f"{mark} cpu-{variant.name}: score {variant.score}")
    print(f"system info: {report.system_info}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
