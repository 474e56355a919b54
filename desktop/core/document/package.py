"""The .docx package: opening untrusted files safely, and writing a changed copy atomically.

Opening checks the bytes before python-docx sees them, in this order, so that every kind of bad
input gets its own clear message within bounded time and memory: size, file type (OLE: encrypted
or a legacy .doc; PDF; RTF; OpenDocument), zip structure and sizes (zip bombs), the package's
content types and main relationship (Strict Open XML, macros, templates), and the prolog of every
XML part (DTDs and entity declarations are refused: OOXML never needs them).

Writing never re-serializes a part it did not change: :class:`PackageBuilder` copies every member
of the source zip as it was, replacing only the parts the writer changed and adding new ones, and
:func:`desktop.core.atomic_file.atomic_write` puts the result in place so that a crash leaves either
the old file or the complete new one.
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document as DocxDocument
from lxml import etree

from desktop.core.document.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    MacroDocumentError,
    NotDocxError,
    StrictOoxmlError,
    TooLargeDocumentError,
    UnreadableDocumentError,
    UnsafeDocumentError,
)
from desktop.core.document.ooxml import CT_NS, PKG_REL_NS, parse_xml, serialize_part
from desktop.core.document.zip_writer import ZipWriter
from desktop.core.i18n import _

log = logging.getLogger(__name__)

#: Largest .docx file accepted (images make real documents big; text alone never gets near).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Most members a package may have.
MAX_MEMBERS = 5000
#: Largest uncompressed XML part (a 1,000-page text is about 20 MB of document.xml).
MAX_XML_PART_BYTES = 128 * 1024 * 1024
#: Largest total uncompressed size of all members.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: Above the limits, a package compressed more than this is a zip bomb rather than just big.
BOMB_RATIO = 100
#: How much of an XML part's start is read to check its prolog.
PROLOG_BYTES = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_DOTM_MAIN = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

_PROLOG = re.compile(r"\A\ufeff?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.DOTALL)


@dataclass(frozen=True)
class OpenedPackage:
    """The bytes of a .docx as read once from disk, their hash, and python-docx's view of them."""

    data: bytes
    sha256: str
    docx: DocxDocument


def sha256_of(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, refusing files over :data:`MAX_FILE_BYTES` before reading them."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableDocumentError.for_path(path, "not a regular file")
        if size > MAX_FILE_BYTES:
            raise TooLargeDocumentError.for_path(path, f"file is {size} bytes")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableDocumentError.for_path(path, str(exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeDocumentError.for_path(path, "file grew while reading")
    return data


def open_package(path: Path) -> OpenedPackage:
    """Read ``path`` once, check it thoroughly and open it with python-docx.

    Raises a :class:`~desktop.core.document.errors.DocumentError` subclass with a Dutch message for
    every kind of input that is not a usable, safe .docx.
    """
    data = read_file(path)
    check_package(path, data)
    return OpenedPackage(data=data, sha256=sha256_of(data), docx=load_docx(path, data))


def load_docx(path: Path, data: bytes) -> DocxDocument:
    """python-docx's Document for bytes that passed :func:`check_package`."""
    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError as exc:
        raise TooLargeDocumentError.for_path(path, "out of memory while parsing") from exc
    except Exception as exc:
        # python-docx and lxml raise many unrelated types (KeyError for a missing part, ValueError,
        # XMLSyntaxError, BadZipFile for a bad CRC, ...) on damaged packages; all mean the same to
        # the user, and the cause stays chained for the log.
        log.info("python-docx could not open %s: %r", path, exc)
        raise CorruptDocumentError.for_path(path, f"{type(exc).__name__}: {exc}") from exc


def check_package(path: Path, data: bytes) -> None:
    """Refuse anything that is not a safe, transitional, macro-free WordprocessingML package."""
    if data.startswith(OLE_MAGIC):
        _refuse_ole(path, data)
    if not data.startswith(ZIP_MAGIC):
        raise NotDocxError(_describe_foreign(path, data), path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise CorruptDocumentError.for_path(path, f"zip: {exc}") from exc
    with archive:
        _check_members(path, infos)
        names = {info.filename for info in infos}
        if "mimetype" in names and b"opendocument" in _read_member(path, archive, "mimetype", 200):
            raise NotDocxError(_describe_odf(path), path=path)
        if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
            raise _not_docx(path)
        for info in infos:
            if _looks_like_xml(info.filename):
                _check_prolog(path, archive, info)
        types = _parse_member(path, archive, "[Content_Types].xml")
        main = _main_partname(path, archive)
        content_types = ContentTypes(types)
        main_type = content_types.of(main)
        if main_type in (CT_DOCM_MAIN, CT_DOTM_MAIN) or any(
            content_types.of("/" + info.filename) == CT_VBA or info.filename.lower().endswith("vbaproject.bin")
            for info in infos
        ):
            raise MacroDocumentError.for_path(path)
        if main_type == CT_DOTX_MAIN:
            raise NotDocxError(
                _(
                    "Het bestand {name} is een Word-sjabloon (.dotx). Maak in Word een document op "
                    "basis van het sjabloon en open dat."
                ).format(name=path.name),
                path=path,
            )
        if main_type != CT_DOCX_MAIN:
            raise _not_docx(path)
        if main.lstrip("/") not in names:
            raise CorruptDocumentError.for_path(path, f"main part {main} missing")


def _refuse_ole(path: Path, data: bytes) -> None:
    """An OLE compound file is either an encrypted Office document or a legacy binary file."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise EncryptedDocumentError.for_path(path)
    if "WordDocument".encode("utf-16-le") in data:
        raise NotDocxError(
            _(
                "Het bestand {name} is een oud Word-document (.doc, Word 97-2003). Sla het in Word op "
                "als Word-document (.docx) en open het daarna opnieuw."
            ).format(name=path.name),
            path=path,
        )
    raise _not_docx(path)


def _describe_foreign(path: Path, data: bytes) -> str:
    """The message for a file that is not a zip at all."""
    if data.startswith(b"%PDF"):
        return _(
            "Het bestand {name} is een PDF-bestand, geen Word-document. Open het oorspronkelijke Word-document (.docx)."
        ).format(name=path.name)
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return _(
            "Het bestand {name} is een RTF-bestand. Sla het in Word op als Word-document (.docx) en "
            "open het daarna opnieuw."
        ).format(name=path.name)
    return _not_docx(path).message


def _not_docx(path: Path) -> NotDocxError:
    """The error for a file that is simply not a Word document."""
    return NotDocxError(_("Het bestand {name} is geen Word-document (.docx).").format(name=path.name), path=path)


def _describe_odf(path: Path) -> str:
    return _(
        "Het bestand {name} is een OpenDocument-bestand (.odt). Sla het op als Word-document (.docx) "
        "en open het daarna opnieuw."
    ).format(name=path.name)


def _check_members(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Sizes, counts and names: everything decided from the central directory alone."""
    if len(infos) > MAX_MEMBERS:
        raise UnsafeDocumentError.for_path(path, f"{len(infos)} zip members")
    seen: set[str] = set()
    total = 0
    compressed = 0
    for info in infos:
        key = info.filename.lower()
        if key in seen:
            raise UnsafeDocumentError.for_path(path, f"duplicate zip member {info.filename}")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise EncryptedDocumentError.for_path(path)
        total += info.file_size
        compressed += info.compress_size
        if _looks_like_xml(info.filename) and info.file_size > MAX_XML_PART_BYTES:
            _refuse_size(path, f"{info.filename} is {info.file_size} bytes", info.file_size, info.compress_size)
    if total > MAX_TOTAL_BYTES:
        _refuse_size(path, f"{total} bytes uncompressed", total, compressed)


def _refuse_size(path: Path, detail: str, size: int, compressed: int) -> None:
    if size > BOMB_RATIO * max(compressed, 1):
        raise UnsafeDocumentError.for_path(path, f"zip bomb: {detail} from {compressed} compressed")
    raise TooLargeDocumentError.for_path(path, detail)


def _looks_like_xml(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".xml", ".rels", ".vml"))


def _read_member(path: Path, archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with archive.open(name) as member:
            return member.read(limit)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise CorruptDocumentError.for_path(path, f"{name}: {type(exc).__name__}: {exc}") from exc


def _parse_member(path: Path, archive: zipfile.ZipFile, name: str) -> etree._Element:
    data = _read_member(path, archive, name, MAX_XML_PART_BYTES)
    try:
        return parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError.for_path(path, f"{name}: {exc}") from exc


def _check_prolog(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part with a document type declaration (entity expansion, external entities)."""
    head = _read_member(path, archive, info.filename, PROLOG_BYTES)
    text = _decode_head(head)
    prolog = _PROLOG.match(text)
    rest = text[prolog.end() if prolog else 0 :]
    if rest.startswith("<!DOCTYPE") or "<!ENTITY" in text[: prolog.end() if prolog else 0]:
        raise UnsafeDocumentError.for_path(path, f"{info.filename} declares a DTD")
    if not rest and len(head) == PROLOG_BYTES:
        raise UnsafeDocumentError.for_path(path, f"{info.filename} has a prolog over {PROLOG_BYTES} bytes")


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return head.decode("utf-16-le", errors="replace").lstrip("\ufeff")
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return head.decode("utf-16-be", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace")


def _main_partname(path: Path, archive: zipfile.ZipFile) -> str:
    """The part name of the main document, from the package relationships."""
    rels = _parse_member(path, archive, "_rels/.rels")
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
        targets.setdefault(rel.get("Type", ""), rel.get("Target", ""))
    if RT_OFFICE_DOCUMENT in targets:
        return resolve_target("/", targets[RT_OFFICE_DOCUMENT])
    if RT_STRICT_OFFICE_DOCUMENT in targets:
        raise StrictOoxmlError.for_path(path)
    raise _not_docx(path)


def resolve_target(source_partname: str, target: str) -> str:
    """The absolute part name a relationship target of ``source_partname`` points at."""
    if target.startswith("/"):
        return posixpath.normpath(target)
    base = posixpath.dirname(source_partname) if source_partname != "/" else "/"
    return posixpath.normpath(posixpath.join(base, target))


def rels_member(source_partname: str) -> str:
    """The zip member holding the relationships of ``source_partname`` ("/" for the package)."""
    if source_partname == "/":
        return "_rels/.rels"
    folder, name = posixpath.split(source_partname.lstrip("/"))
    return posixpath.join(folder, "_rels", name + ".rels")


class ContentTypes:
    """[Content_Types].xml: the content type of every part, by override or by extension."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._overrides = {
            el.get("PartName", "").lower(): el.get("ContentType", "") for el in root.iter(f"{{{CT_NS}}}Override")
        }
        self._defaults = {
            el.get("Extension", "").lower(): el.get("ContentType", "") for el in root.iter(f"{{{CT_NS}}}Default")
        }

    def of(self, partname: str) -> str | None:
        """The content type of ``partname`` (absolute, e.g. "/word/document.xml")."""
        override = self._overrides.get(partname.lower())
        if override is not None:
            return override
        extension = posixpath.splitext(partname)[1].lstrip(".").lower()
        return self._defaults.get(extension)

    def add_override(self, partname: str, content_type: str) -> None:
        """Declare ``content_type`` for ``partname``."""
        el = etree.SubElement(self.root, f"{{{CT_NS}}}Override")
        el.set("PartName", partname)
        el.set("ContentType", content_type)
        self._overrides[partname.lower()] = content_type

    def ensure_default(self, extension: str, content_type: str) -> None:
        """Declare a default content type for ``extension`` unless one exists."""
        if extension.lower() not in self._defaults:
            el = etree.Element(f"{{{CT_NS}}}Default")
            el.set("Extension", extension)
            el.set("ContentType", content_type)
            self.root.insert(0, el)
            self._defaults[extension.lower()] = content_type


class PackageBuilder:
    """The output package: every member of the source as it was, except parts replaced or added."""

    def __init__(self, source: bytes) -> None:
        self._source = source
        self._archive = zipfile.ZipFile(io.BytesIO(source))
        self._infos = self._archive.infolist()
        # Part names are case-insensitive (OPC); zip member names are not.
        self._members = {info.filename.lower(): info.filename for info in self._infos}
        self._replaced: dict[str, bytes] = {}
        self._added: dict[str, bytes] = {}
        self._rels: dict[str, etree._Element] = {}
        self._rels_changed: set[str] = set()
        self._types: ContentTypes | None = None
        self._types_changed = False

    @property
    def content_types(self) -> ContentTypes:
        """The package's content types, parsed on first use (written back only if changed)."""
        if self._types is None:
            self._types = ContentTypes(parse_xml(self._archive.read("[Content_Types].xml")))
        return self._types

    def has_member(self, name: str) -> bool:
        """True when the source or an added part already uses zip member ``name``."""
        return name.lower() in self._members or name in self._added

    def _member(self, partname: str) -> str:
        name = partname.lstrip("/")
        return self._members.get(name.lower(), name)

    def read(self, partname: str) -> bytes:
        """The current bytes of an existing part."""
        name = self._member(partname)
        if name in self._replaced:
            return self._replaced[name]
        if name in self._added:
            return self._added[name]
        return self._archive.read(name)

    def replace(self, partname: str, blob: bytes) -> None:
        """Write ``blob`` instead of the source's bytes for an existing part."""
        name = self._member(partname)
        if name in self._added:
            self._added[name] = blob
        else:
            self._replaced[name] = blob

    def free_partname(self, pattern: str) -> str:
        """The first part name ``pattern.format(n)`` (n = "", 1, 2, ...) that no member uses."""
        for n in ("", *range(1, MAX_MEMBERS + 1)):
            candidate = pattern.format(n)
            if not self.has_member(candidate.lstrip("/")):
                return candidate
        raise RuntimeError(f"no free part name for {pattern}")

    def add(self, partname: str, content_type: str, blob: bytes) -> None:
        """Add a new part with its content type override."""
        self._added[partname.lstrip("/")] = blob
        self.content_types.add_override(partname, content_type)
        self._types_changed = True

    def _relationships(self, source_partname: str) -> etree._Element | None:
        """The parsed relationships of ``source_partname``, or None when it has none."""
        member = self._member(rels_member(source_partname))
        if member not in self._rels and self.has_member(member):
            self._rels[member] = parse_xml(self.read("/" + member))
        return self._rels.get(member)

    def related(self, source_partname: str, reltype: str) -> list[str]:
        """Absolute part names that ``source_partname`` relates to with ``reltype`` (internal only)."""
        rels = self._relationships(source_partname)
        if rels is None:
            return []
        return [
            resolve_target(source_partname, rel.get("Target", ""))
            for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")
            if rel.get("Type") == reltype and rel.get("TargetMode") != "External"
        ]

    def relate(self, source_partname: str, reltype: str, target_partname: str) -> str:
        """Add a relationship from ``source_partname`` to ``target_partname``; return its id."""
        member = self._member(rels_member(source_partname))
        rels = self._relationships(source_partname)
        if rels is None:
            rels = self._rels[member] = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
            self.content_types.ensure_default("rels", CT_RELS)
            self._types_changed = True
        self._rels_changed.add(member)
        used = {rel.get("Id", "") for rel in rels}
        numbers = [int(m.group(1)) for rid in used if (m := re.fullmatch(r"rId(\d+)", rid))]
        n = max(numbers, default=0) + 1
        while f"rId{n}" in used:
            n += 1
        base = posixpath.dirname(source_partname) if source_partname != "/" else "/"
        rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", reltype)
        rel.set("Target", posixpath.relpath(target_partname, base))
        return f"rId{n}"

    def changed_members(self) -> set[str]:
        """Zip members whose bytes will differ from the source's, or that are new."""
        changed = set(self._replaced) | set(self._added) | self._rels_changed
        if self._types_changed:
            changed.add("[Content_Types].xml")
        return changed

    def write(self, handle: BinaryIO) -> None:
        """Write the whole package to ``handle``: source members in their order, then new ones.

        Members neither replaced nor added are copied compressed as they are (see
        :class:`~desktop.core.document.zip_writer.ZipWriter`), so only changed parts cost compression.
        """
        replaced = dict(self._replaced)
        added = dict(self._added)
        for member in self._rels_changed:
            blob = serialize_part(self._rels[member])
            if member.lower() in self._members:
                replaced[member] = blob
            else:
                added[member] = blob
        if self._types_changed:
            replaced[self._member("/[Content_Types].xml")] = serialize_part(self.content_types.root)
        out = ZipWriter(handle)
        for info in self._infos:
            data = replaced.get(info.filename)
            if data is None and info.compress_type in _COPYABLE:
                out.copy(self._source, info)
                continue
            if data is None:
                data = self._archive.read(info)
            out.write(
                info.filename,
                data,
                method=info.compress_type if info.compress_type in _COPYABLE else zipfile.ZIP_DEFLATED,
                date_time=info.date_time,
                create_system=info.create_system,
                external_attr=info.external_attr,
            )
        stamp = _now_zip()
        for name, data in added.items():
            out.write(
                name, data, method=zipfile.ZIP_DEFLATED, date_time=stamp, create_system=_CREATE_SYSTEM, external_attr=0
            )
        out.close()


#: Compression methods whose members are copied without recompressing (others are deflated).
_COPYABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
#: The "made by" system of new members, as zipfile gives them (0: MS-DOS on Windows, 3: Unix).
_CREATE_SYSTEM = zipfile.ZipInfo().create_system


def _now_zip() -> tuple[int, int, int, int, int, int]:
    now = time.localtime()
    return (max(now.tm_year, 1980), now.tm_mon, now.tm_mday, now.tm_hour, now.tm_min, now.tm_sec)
