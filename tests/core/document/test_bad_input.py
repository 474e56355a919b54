"""Bad input: every kind gets its own clear Dutch message, fast, without a traceback or a hang."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from desktop.core.document import package
from desktop.core.document.reader import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
    MacroDocumentError,
    NotDocxError,
    StrictOoxmlError,
    TooLargeDocumentError,
    UnreadableDocumentError,
    UnsafeDocumentError,
    open_document,
)
from tests import DATA, REPO
from tests.docx_factory import build_docx, p, r

pytestmark = pytest.mark.core

DOCX_DATA = DATA / "docx"


def _refused(path: Path, kind: type[DocumentError]) -> str:
    started = time.monotonic()
    with pytest.raises(kind) as raised:
        open_document(path)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert path.name in message or kind is UnsafeDocumentError or kind is TooLargeDocumentError
    return message


def _rezip(source: Path, target: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info)))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "voorbeeld.docx", p(r("Geachte heer, mevrouw,")))


def test_missing_file(tmp_path: Path) -> None:
    message = _refused(tmp_path / "weg.docx", UnreadableDocumentError)
    assert message == "Het bestand weg.docx bestaat niet of kan niet worden gelezen."


def test_other_file_types_renamed_to_docx(tmp_path: Path) -> None:
    cases = {
        "tekst.docx": (b"Gewoon een tekstbestand.\n", "is geen Word-document (.docx)"),
        "scan.docx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF-bestand"),
        "oud.docx": (b"{\\rtf1\\ansi Hallo}", "RTF-bestand"),
        "leeg.docx": (b"", "is geen Word-document (.docx)"),
    }
    for name, (data, expected) in cases.items():
        (tmp_path / name).write_bytes(data)
        assert expected in _refused(tmp_path / name, NotDocxError)
    shutil.copy(DOCX_DATA / "word97-brief.doc", tmp_path / "brief.docx")
    assert "oud Word-document (.doc" in _refused(tmp_path / "brief.docx", NotDocxError)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    plain = tmp_path / "archief.docx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    assert "geen Word-document" in _refused(plain, NotDocxError)
    odt = tmp_path / "notulen.docx"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<office:document-content/>")
    assert "OpenDocument" in _refused(odt, NotDocxError)


def test_damaged_packages(sample: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "afgebroken.docx"
    truncated.write_bytes(sample.read_bytes()[:-200])
    assert "beschadigd" in _refused(truncated, CorruptDocumentError)
    broken_xml = _rezip(sample, tmp_path / "kapot.docx", {"word/document.xml": b"<w:document><w:body>"})
    assert "beschadigd" in _refused(broken_xml, CorruptDocumentError)
    missing = tmp_path / "zonder-stijlen.docx"
    with zipfile.ZipFile(sample) as old, zipfile.ZipFile(missing, "w") as new:
        for info in old.infolist():
            if info.filename != "word/styles.xml":
                new.writestr(info, old.read(info))
    _refused(missing, CorruptDocumentError)


def test_encrypted_strict_and_templates(test_data: Path, sample: Path, tmp_path: Path) -> None:
    hostile = test_data / "docx" / "hostile"
    assert "wachtwoord" in _refused(hostile / "poi__test-data_poifs_protected_agile.docx", EncryptedDocumentError)
    assert "Strict Open XML" in _refused(
        hostile / "python-mammoth__tests_test-data_strict-format.docx", StrictOoxmlError
    )
    types = zipfile.ZipFile(sample).read("[Content_Types].xml")
    template = _rezip(
        sample,
        tmp_path / "sjabloon.docx",
        {"[Content_Types].xml": types.replace(b"document.main+xml", b"template.main+xml")},
    )
    assert "sjabloon (.dotx)" in _refused(template, NotDocxError)


def test_macros_are_refused_and_never_written(sample: Path, tmp_path: Path) -> None:
    types = zipfile.ZipFile(sample).read("[Content_Types].xml")
    docm = _rezip(
        sample,
        tmp_path / "macro.docm",
        {
            "[Content_Types].xml": types.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            )
        },
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name"},
    )
    assert "macro's" in _refused(docm, MacroDocumentError)
    renamed = tmp_path / "macro.docx"
    shutil.copy(docm, renamed)
    _refused(renamed, MacroDocumentError)
    hidden = _rezip(sample, tmp_path / "verstopt.docx", {}, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    _refused(hidden, MacroDocumentError)


def test_entity_expansion_and_external_entities(sample: Path, tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
        )
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = _rezip(sample, tmp_path / "lach.docx", {"word/document.xml": laughs})
    assert "ongebruikelijke manier" in _refused(bomb, UnsafeDocumentError)
    xxe = (
        b'<?xml version="1.0"?>\n<!-- toelichting -->\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">&x;</Relationships>'
    )
    _refused(_rezip(sample, tmp_path / "xxe.docx", {"word/_rels/document.xml.rels": xxe}), UnsafeDocumentError)
    utf16 = laughs.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    _refused(_rezip(sample, tmp_path / "utf16.docx", {"word/document.xml": utf16}), UnsafeDocumentError)


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from already deflated members: (name, raw deflate data, crc32, uncompressed size)."""
    out = io.BytesIO()
    central = b""
    for name, data, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(header + encoded + data)
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0))
    return out.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def test_zip_bombs(sample: Path, tmp_path: Path) -> None:
    members = {info.filename: zipfile.ZipFile(sample).read(info) for info in zipfile.ZipFile(sample).infolist()}
    # An honest bomb: 1.2 GB of zeros in about a megabyte, built from independently flushed blocks.
    block = b"\0" * (1 << 24)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = 72
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    bomb_member = ("word/media/nullen.bin", chunk * count + b"\x03\x00", crc, len(block) * count)
    entries = [(name, *_deflated(data)) for name, data in members.items()]
    honest = tmp_path / "bom.docx"
    honest.write_bytes(_raw_zip([*entries, bomb_member]))
    assert honest.stat().st_size < 2_000_000
    assert "ongebruikelijke manier" in _refused(honest, UnsafeDocumentError)
    # A lying bomb: the directory claims a small document.xml that inflates far beyond it.
    big = b"<w:p/>" * 5_000_000
    data, _crc, _size = _deflated(big)
    lying = [
        (n, *_deflated(d)) if n != "word/document.xml" else (n, data, zlib.crc32(d), len(d)) for n, d in members.items()
    ]
    liar = tmp_path / "leugen.docx"
    liar.write_bytes(_raw_zip(lying))
    _refused(liar, CorruptDocumentError)


def test_too_large_and_too_many_parts(sample: Path, tmp_path: Path) -> None:
    huge = tmp_path / "enorm.docx"
    with huge.open("wb") as handle:
        handle.write(sample.read_bytes())
        handle.truncate(package.MAX_FILE_BYTES + 1)
    assert "te groot" in _refused(huge, TooLargeDocumentError)
    many = _rezip(sample, tmp_path / "veel.docx", {}, {f"word/media/x{i}.bin": b"" for i in range(5001)})
    _refused(many, UnsafeDocumentError)


def test_every_hostile_corpus_file_gets_a_clear_message(test_data: Path) -> None:
    for path in sorted((test_data / "docx" / "hostile").glob("*.docx")):
        started = time.monotonic()
        with pytest.raises(DocumentError) as raised:
            open_document(path)
        assert time.monotonic() - started < 5, path.name
        assert str(raised.value).startswith("Het "), path.name


def _five_hundred_pages(test_data: Path, target: Path) -> Path:
    """About 500 A4 pages (250,000 words) of real government letters with headings and bold runs."""
    texts = [t.read_text(encoding="utf-8") for t in sorted((test_data / "letters" / "texts").glob("*.txt"))]
    blocks: list[str] = []
    words = 0
    round_ = 0
    while words < 500 * 500:
        for text in texts:
            blocks.append(p(r(f"Brief {round_}"), ppr='<w:pStyle w:val="Kop2"/>'))
            for block in text.split("\n\n"):
                first, _space, rest = block.partition(" ")
                blocks.append(p(r(first + " ", "<w:b/>"), r(rest)))
                words += len(block.split())
        round_ += 1
    return build_docx(target, "".join(blocks))


@pytest.mark.slow
def test_five_hundred_pages_in_bounded_time_and_memory(test_data: Path, tmp_path: Path) -> None:
    source = _five_hundred_pages(test_data, tmp_path / "groot.docx")
    script = f"""
import sys, time
from pathlib import Path
from desktop.core.document.reader import open_document
from desktop.core.document.writer import save_document
from desktop.core.findings import Edit
started = time.monotonic()
doc = open_document(Path({str(source)!r}))
edits = [Edit(p.id, 0, 0, "Let op: ") for p in doc.paragraphs if p.text][:2000]
report = save_document(doc, edits, Path({str(tmp_path / "uit.docx")!r}))
# VmHWM is this process's own peak; ru_maxrss would also count the pytest process that spawned it.
peak_kb = int(open("/proc/self/status", encoding="ascii").read().split("VmHWM:")[1].split()[0])
print(len(doc.paragraphs), doc.word_count, len(report.applied), time.monotonic() - started, peak_kb // 1024)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=REPO,
    )
    paragraphs, words, applied, seconds, megabytes = result.stdout.split()
    print(f"500 pages: {paragraphs} paragraphs, {words} words, {seconds} s, {megabytes} MB")
    assert int(words) >= 250_000 and int(applied) == 2000
    assert float(seconds) < 60
    assert int(megabytes) < 1000
    edits_applied = open_document(tmp_path / "uit.docx")
    assert sum(1 for p in edits_applied.paragraphs if p.text.startswith("Let op: ")) == 2000
    assert int(paragraphs) == len(edits_applied.paragraphs)
