"""One llama.cpp for every laptop: a baseline x86-64 build whose CPU variants are chosen at run time.

The dev venv, the tests and the frozen app all use the wheel scripts/_setup.sh builds with
GGML_NATIVE=OFF, GGML_BACKEND_DL=ON and GGML_CPU_ALL_VARIANTS=ON. These tests read what the built
libraries carry (the variant libraries and their scores on this processor) and llama.cpp's own
system info (the instruction sets of the variant it loaded).
"""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import runtime

# What llama.cpp 0.3.36's vendored CMake builds for x86 with GCC (ggml/src/CMakeLists.txt).
X86_VARIANTS = {
    "x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell", "skylakex", "cannonlake",
    "cascadelake", "icelake", "cooperlake", "zen4", "alderlake", "sapphirerapids",
}  # fmt: skip
# The instruction sets llama.cpp's system info reports for the haswell variant.
HASWELL_FEATURES = {"SSE3", "SSSE3", "AVX", "AVX2", "F16C", "FMA", "BMI2"}

pytestmark = pytest.mark.skipif(platform.machine() != "x86_64", reason="the CPU variants checked here are x86-64's")


def cpu_flags() -> set[str]:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def features_on(system_info: str) -> set[str]:
    """The instruction sets llama.cpp's system info reports as on (``AVX2 = 1``)."""
    parts = [part.rsplit(":", 1)[-1] for part in system_info.split("|")]  # "CPU : SSE3 = 1" -> " SSE3 = 1"
    return {part.split("=")[0].strip() for part in parts if part.strip().endswith("= 1")}


@pytest.mark.core
def test_the_dev_venv_runs_the_portable_build():
    variants = {variant.name for variant in runtime.cpu_variants()}
    assert variants == X86_VARIANTS, "the venv's llama-cpp-python is not the portable wheel from .wheels/"
    runtime.ensure_backends()  # a second call changes nothing


@pytest.mark.core
def test_this_processor_gets_its_best_variant_and_system_info_shows_it():
    report = runtime.describe()
    flags, on = cpu_flags(), features_on(report.system_info)
    usable = {variant.name for variant in report.variants if variant.score > 0}
    assert report.chosen is not None and report.chosen.score == max(v.score for v in report.variants)
    assert "x64" in usable  # the baseline runs on every x86-64 processor
    if {"avx2", "fma", "f16c", "bmi2"} <= flags:
        assert "haswell" in usable
        assert on >= HASWELL_FEATURES, report.system_info
    avx512 = {"skylakex", "cannonlake", "cascadelake", "icelake", "cooperlake", "zen4", "sapphirerapids"}
    if "avx512f" in flags:
        assert report.chosen.name in avx512 and "AVX512" in on
    else:
        assert not usable & avx512 and "AVX512" not in on


@pytest.mark.slow
def test_the_frozen_app_carries_every_variant(frozen_app):
    """Read the built library's own system info in a fresh process, from the frozen app's folder."""
    folder = frozen_app / "_internal" / "llama_cpp" / "lib"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.core.model.runtime", str(folder)], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == f"library: {folder}"
    carried = {line[2:].split(":")[0].removeprefix("cpu-") for line in lines if line[2:].startswith("cpu-")}
    assert carried == X86_VARIANTS
    chosen = [line for line in lines if line.startswith("* cpu-")]
    assert len(chosen) == 1, result.stdout
    system_info = next(line for line in lines if line.startswith("system info: "))
    if {"avx2", "fma"} <= cpu_flags():
        assert {"AVX2", "FMA"} <= features_on(system_info), system_info
