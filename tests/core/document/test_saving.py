"""Saving is atomic: a failure or a kill at any moment leaves the old file or the complete new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.atomic_file import STALE_TEMP_SECONDS
from desktop.core.document.package import sha256_of
from desktop.core.document.reader import SaveFailedError, open_document
from desktop.core.document.writer import save_document
from desktop.core.document.zip_writer import ZipWriter
from desktop.core.findings import Edit
from tests import REPO
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core



class _Steps:
    """Counts the write steps of a save and fails the n-th one."""

    def __init__(self, fail_at: int | None) -> None:
        self.count = 0
        self.fail_at = fail_at

    def wrap(self, function: Callable[..., object]) -> Callable[..., object]:
        def step(*args: object, **kwargs: object) -> object:
            self.count += 1
            if self.count == self.fail_at:
                raise OSError(28, "No space left on device")
            return function(*args, **kwargs)

        return step


def _patch(monkeypatch: pytest.MonkeyPatch, steps: _Steps) -> None:
    monkeypatch.setattr(ZipWriter, "_member", steps.wrap(ZipWriter._member))
    monkeypatch.setattr(ZipWriter, "close", steps.wrap(ZipWriter.close))
    monkeypatch.setattr(os, "fsync", steps.wrap(os.fsync))
    monkeypatch.setattr(os, "replace", steps.wrap(os.replace))


def _letter(folder: Path) -> Path:
    body = "".join(p(r(f"Alinea {n}: wij verzoeken u het formulier te retourneren.")) for n in range(40))
    return build_docx(folder / "brief.docx", body, header=p(r("Gemeente Voorbeeld")))


@pytest.mark.parametrize("target_exists", [False, True])
def test_a_failure_at_any_write_step_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target_exists: bool
) -> None:
    source = _letter(tmp_path)
    original = source.read_bytes()
    target = tmp_path / "uit.docx"
    old_target = b"vorige versie"
    edits = [Edit("p3", 7, 8, "vier", explanation="Voluit.")]
    doc = open_document(source)

    counter = _Steps(None)
    with monkeypatch.context() as patch:
        _patch(patch, counter)
        save_document(doc, edits, tmp_path / "proef.docx")
    (tmp_path / "proef.docx").unlink()
    assert counter.count > 10  # every member written, the directory, the flush and the replace

    failures = 0
    for fail_at in range(1, counter.count + 1):
        if target_exists:
            target.write_bytes(old_target)
        elif target.exists():
            target.unlink()
        steps = _Steps(fail_at)
        with monkeypatch.context() as patch:
            _patch(patch, steps)
            try:
                save_document(doc, edits, target)
            except SaveFailedError as failed:
                failures += 1
                assert "er is niets overschreven" in str(failed)
                assert target.read_bytes() == old_target if target_exists else not target.exists()
            else:
                # Only flushing the folder after the replace may fail without failing the save.
                assert fail_at == counter.count
                assert open_document(target).paragraph("p3").text.startswith("Alinea vier:")
        assert source.read_bytes() == original
        leftovers = {f.name for f in tmp_path.iterdir() if f.is_file()} - {"brief.docx", "uit.docx"}
        assert leftovers == set(), fail_at
    assert failures == counter.count - 1

    report = save_document(doc, edits, target)
    assert report.applied == edits
    assert open_document(target).paragraph("p3").text.startswith("Alinea vier:")


WRITER = """
import sys
from pathlib import Path
from desktop.core.document.reader import open_document
from desktop.core.document.writer import save_document
from desktop.core.document.zip_writer import ZipWriter
from desktop.core.findings import Edit

doc = open_document(Path(sys.argv[1]))
edits = [Edit(p.id, 0, 6, "Paragraaf", explanation="Ander woord.") for p in doc.paragraphs if p.text]
print("ready", flush=True)
save_document(doc, edits, Path(sys.argv[2]))
print("done", flush=True)
"""


def _run_writer(source: Path, target: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(source), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_writer_at_random_moments(tmp_path: Path) -> None:
    body = "".join(
        p(r(f"Alinea {n}: "), r("wij verzoeken u het formulier te retourneren.", "<w:b/>")) for n in range(6000)
    )
    source = build_docx(tmp_path / "groot.docx", body)
    source_hash = sha256_of(source.read_bytes())
    target = tmp_path / "uit.docx"

    process = _run_writer(source, target)
    started = time.monotonic()
    assert process.wait(timeout=120) == 0
    duration = time.monotonic() - started
    target.write_bytes(b"vorige versie")

    rng = random.Random(20240501)
    outcomes = {"old": 0, "new": 0}
    for _ in range(10):
        process = _run_writer(source, target)
        time.sleep(rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        data = target.read_bytes()
        if data == b"vorige versie":
            outcomes["old"] += 1
        else:
            outcomes["new"] += 1
            written = open_document(target)
            assert written.paragraph("p0").text.startswith("Paragraaf 0:")
            target.write_bytes(b"vorige versie")
        assert sha256_of(source.read_bytes()) == source_hash
        strays = [f.name for f in tmp_path.iterdir() if f.is_file() and f.name not in ("groot.docx", "uit.docx")]
        assert all(name.startswith(".~uit.") and name.endswith(".tmp") for name in strays), strays
        for name in strays:
            (tmp_path / name).unlink()
    print(f"kills during {duration:.2f} s of writing: {outcomes}")
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes


def test_a_killed_saves_leftover_is_removed_by_the_next_save(tmp_path: Path) -> None:
    source = build_docx(tmp_path / "brief.docx", p(r("Wij verzoeken u het formulier te retourneren.")))
    target = tmp_path / "brief [schrijfhulp].docx"  # glob characters in the name
    old = tmp_path / ".~brief [schrijfhulp].0badf00d.tmp"
    young = tmp_path / ".~brief [schrijfhulp].c0ffee00.tmp"
    other = tmp_path / ".~ander.0badf00d.tmp"
    for leftover in (old, young, other):
        leftover.write_bytes(b"half geschreven")
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    save_document(open_document(source), [Edit("p0", 0, 3, "We", explanation="Korter.")], target)
    assert open_document(target).paragraph("p0").text.startswith("We verzoeken")
    assert not old.exists()
    assert young.exists() and other.exists()  # maybe a save in progress; another target's file
