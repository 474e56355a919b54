"""The zip a save writes: members it did not change are copied compressed as they were, the rest
deflated, and every member keeps its name, order and attributes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.core.document import zip_writer
from desktop.core.document.reader import SaveFailedError, open_document
from desktop.core.document.writer import save_document
from desktop.core.document.zip_writer import raw_member
from desktop.core.findings import Edit
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core

PICTURE = "word/media/afbeelding-één.png"
#: Extra members: (compression, level, external attributes, data).
EXTRA = {
    "docProps/bewaard.bin": (zipfile.ZIP_STORED, None, 0o644 << 16, bytes(range(256)) * 8),
    # Deflated harder than a save would: recompressing it would change its bytes.
    PICTURE: (zipfile.ZIP_DEFLATED, 9, 0, "".join(f"rij {n} kleur {n * 7919 % 65521}\n" for n in range(3000)).encode()),
    "docProps/lzma.bin": (zipfile.ZIP_LZMA, None, 0o640 << 16, b"ingepakt met lzma " * 50),
}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A letter whose zip also holds a stored member, a non-ASCII name and an LZMA member."""
    plain = build_docx(tmp_path / "kaal.docx", p(r("Wij verzoeken u het formulier te retourneren.")))
    target = tmp_path / "brief.docx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        for name, (method, level, attributes, data) in EXTRA.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 6, 1, 12, 30, 0))
            info.compress_type = method
            info.external_attr = attributes
            new.writestr(info, data, compresslevel=level)
    return target


def test_unchanged_members_are_copied_compressed_as_they_were(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit.docx"
    report = save_document(open_document(package), [Edit("p0", 4, 13, "vragen", explanation="Korter.")], out)
    assert report.applied and "word/document.xml" in report.parts_changed
    source = package.read_bytes()
    written = out.read_bytes()
    with zipfile.ZipFile(package) as before, zipfile.ZipFile(out) as after:
        assert after.testzip() is None
        old = {info.filename: info for info in before.infolist()}
        new = {info.filename: info for info in after.infolist()}
        assert [info.filename for info in after.infolist()][: len(old)] == list(old)
        for name, info in old.items():
            if name in report.parts_changed:
                continue
            assert after.read(name) == before.read(name), name
            assert new[name].date_time == info.date_time, name
            assert new[name].external_attr == (info.external_attr or 0o600 << 16), name
            if info.compress_type == zipfile.ZIP_LZMA:
                assert new[name].compress_type == zipfile.ZIP_DEFLATED
            else:
                # Not inflated and deflated again: the very same compressed bytes.
                assert new[name].compress_type == info.compress_type, name
                assert raw_member(written, new[name]) == raw_member(source, info), name
        assert new[PICTURE].flag_bits & 0x800  # the name is stored as UTF-8
        assert after.read("word/document.xml") != before.read("word/document.xml")
    assert "vragen" in open_document(out).paragraph("p0").text


def test_a_package_that_would_need_zip64_is_refused_without_a_trace(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zip_writer, "_LIMIT", 4000)  # as if a member or the file passed 4 GB
    folder = tmp_path / "uit"
    folder.mkdir()
    with pytest.raises(SaveFailedError) as failed:
        save_document(open_document(package), [], folder / "uit.docx")
    assert "er is niets overschreven" in str(failed.value)
    assert list(folder.iterdir()) == []
