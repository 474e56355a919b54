"""An independent oracle for WordprocessingML revisions, used by the document engine's tests.

Nothing here imports the engine: accepting and rejecting revisions, reading text, normalizing
runs and checking the revision rules are written again, directly on the XML, from the rules in
ISO/IEC 29500-1 §17.13. If the engine and this oracle agree, both had to be right (or wrong in exactly the same way).

Also here: schema validation with openxml-audit (errors compared with the input's, since many
real files already have some) and LibreOffice headless conversion of many files in one run.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
OBJECT = "\ufffc"


def q(local: str) -> str:
    """Clark name of a w: element."""
    return f"{{{W}}}{local}"


STORY_TYPES = ("document.main", "header", "footer", "footnotes", "endnotes", "comments")
REVISION_WRAPPERS = {q("ins"), q("del"), q("moveFrom"), q("moveTo")}
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


# --------------------------------------------------------------------------- package access


def read_parts(path: Path) -> dict[str, bytes]:
    """Every zip member of a package, by name."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def story_part_names(parts: dict[str, bytes]) -> list[str]:
    """Members that hold WordprocessingML stories (document, headers, footers, notes, comments)."""
    types = etree.fromstring(parts["[Content_Types].xml"], PARSER)
    names = []
    for override in types:
        content_type = override.get("ContentType", "")
        is_story = any(f"wordprocessingml.{kind}+xml" in content_type for kind in STORY_TYPES)
        if is_story and "glossary" not in content_type:
            names.append(override.get("PartName", "").lstrip("/"))
    return [name for name in names if name in parts]


def parse(data: bytes) -> etree._Element:
    """Parse one XML part."""
    return etree.fromstring(data, PARSER)


# --------------------------------------------------------------------------- accept / reject


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _remove(element: etree._Element) -> None:
    element.getparent().remove(element)


def _rename(root: etree._Element, old: str, new: str) -> None:
    for element in root.iter(q(old)):
        element.tag = q(new)


def accept_all(root: etree._Element) -> etree._Element:
    """A copy of a story part with every run-level revision accepted, as Word's "Accept All"."""
    root = copy.deepcopy(root)
    for tag in ("del", "moveFrom"):
        for element in list(root.iter(q(tag))):
            if element.getparent() is not None and element.getparent().tag != q("rPr"):
                _remove(element)
    for tag in ("ins", "moveTo"):
        for element in list(root.iter(q(tag))):
            if element.getparent() is not None and element.getparent().tag != q("rPr"):
                _unwrap(element)
    for tag in ("rPrChange", "pPrChange"):
        for element in list(root.iter(q(tag))):
            _remove(element)
    return root


def reject_all(root: etree._Element) -> etree._Element:
    """A copy of a story part with every run-level revision rejected, as Word's "Reject All"."""
    root = copy.deepcopy(root)
    for tag in ("ins", "moveTo"):
        for element in list(root.iter(q(tag))):
            if element.getparent() is not None and element.getparent().tag != q("rPr"):
                _remove(element)
    for tag in ("del", "moveFrom"):
        for element in list(root.iter(q(tag))):
            if element.getparent() is not None and element.getparent().tag != q("rPr"):
                for text in element.iter(q("delText")):
                    text.tag = q("t")
                for text in element.iter(q("delInstrText")):
                    text.tag = q("instrText")
                _unwrap(element)
    for change in list(root.iter(q("rPrChange"))):
        old = change.find(q("rPr"))
        rpr = change.getparent()
        replacement = copy.deepcopy(old) if old is not None else rpr.makeelement(q("rPr"), {})
        rpr.getparent().replace(rpr, replacement)
    return root


# --------------------------------------------------------------------------- text


def _paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """w:p elements that are not inside text boxes or alternate-content fallbacks."""
    for p in root.iter(q("p")):
        if not any(a.tag in (q("txbxContent"), f"{{{MC}}}Fallback") for a in p.iterancestors()):
            yield p


M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
SYMEX = "http://schemas.microsoft.com/office/word/2015/wordml/symex"
OBJECTS = {
    *(q(t) for t in ("drawing", "pict", "object", "ruby", "footnoteReference", "endnoteReference")),
    *(q(t) for t in ("footnoteRef", "endnoteRef")),
    f"{{{M}}}oMath",
    f"{{{M}}}oMathPara",
}
SIMPLE = {
    q("tab"): "\t",
    q("ptab"): "\t",
    q("br"): "\n",
    q("cr"): "\n",
    q("noBreakHyphen"): "\u2011",
    q("softHyphen"): "\u00ad",
}
CONTAINERS = {q(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "dir", "bdo")}


def fingerprint(element: etree._Element) -> bytes:
    """Tags, attributes and text of a subtree, independent of namespace prefixes and declarations."""
    parts = [element.tag, sorted(element.attrib.items()), (element.text or "").strip()]
    parts += [fingerprint(child) for child in element]
    return repr(parts).encode()


def paragraph_chars(p: etree._Element) -> list[tuple[str, bytes]]:
    """Each character Word shows for a paragraph without revisions, with its run's ``w:rPr``.

    Field results are shown, field codes are not; objects show as U+FFFC.
    """
    out: list[tuple[str, bytes]] = []
    fields: list[bool] = []  # per open complex field: past its separator?

    def emit(text: str, run_format: bytes) -> None:
        if all(fields):
            out.extend((c, run_format) for c in text)

    def visit(element: etree._Element, run_format: bytes) -> None:
        for child in element:
            tag = child.tag
            if tag in (q("del"), q("moveFrom"), q("pPr"), q("rPr")):
                continue
            if tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    visit(choice, run_format)
            elif tag == q("fldChar"):
                kind = child.get(q("fldCharType"))
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == q("t"):
                emit(child.text or "", run_format)
            elif tag in SIMPLE:
                emit(SIMPLE[tag], run_format)
            elif tag == q("sym"):
                emit(chr(int(child.get(q("char"), "FFFC"), 16)), run_format)
            elif tag == f"{{{SYMEX}}}symEx":
                emit(chr(int(child.get(f"{{{SYMEX}}}char", "FFFC"), 16)), run_format)
            elif tag in OBJECTS:
                emit(OBJECT, run_format)
            elif tag == q("r"):
                rpr = child.find(q("rPr"))
                visit(child, fingerprint(rpr) if rpr is not None else b"")
            elif tag in CONTAINERS:
                visit(child, run_format)
            elif tag == q("sdt"):
                content = child.find(q("sdtContent"))
                if content is not None:
                    visit(content, run_format)

    visit(p, b"")
    return out


def paragraph_text(p: etree._Element) -> str:
    """The text Word shows for a paragraph without revisions."""
    return "".join(c for c, _format in paragraph_chars(p))


def body_texts(root: etree._Element) -> list[str]:
    """The text of every paragraph of a story part, in document order (tables included)."""
    return [paragraph_text(p) for p in _paragraphs(root)]


# --------------------------------------------------------------------------- normal form


_RUN_ONLY_TEXT = (q("t"),)


def normalize(root: etree._Element) -> etree._Element:
    """A copy with comment markers removed and adjacent runs of equal formatting merged.

    Two parts that differ only in how their text is cut into runs (and in ``xml:space``) have
    the same normal form, so ``normalize(reject_all(output)) == normalize(input)`` states that
    rejecting every change restores the text, its formatting and every other element.
    """
    root = copy.deepcopy(root)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for element in list(root.iter(q(tag))):
            _remove(element)
    for reference in list(root.iter(q("commentReference"))):
        run = reference.getparent()
        run.remove(reference)
        if all(child.tag == q("rPr") for child in run):
            _remove(run)
    for text in root.iter(q("t")):
        text.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    for parent in list(root.iter()):
        _merge_runs(parent)
    for text in list(root.iter(q("t"))):
        if not text.text:
            _remove(text)
    for run in list(root.iter(q("r"))):
        if all(child.tag == q("rPr") for child in run):
            _remove(run)
    keep_space = {q("t"), q("delText"), q("instrText"), q("delInstrText")}
    for element in root.iter():
        element.tail = None
        if element.tag not in keep_space and element.text is not None and not element.text.strip():
            element.text = None
    return root


def _run_key(run: etree._Element) -> bytes:
    rpr = run.find(q("rPr"))
    return fingerprint(rpr) if rpr is not None else b""


def _merge_runs(parent: etree._Element) -> None:
    children = list(parent)
    previous: etree._Element | None = None
    for child in children:
        if (
            previous is not None
            and child.tag == q("r")
            and previous.tag == q("r")
            and _run_key(child) == _run_key(previous)
        ):
            for node in [c for c in child if c.tag != q("rPr")]:
                previous.append(node)
            parent.remove(child)
            _merge_texts(previous)
            continue
        previous = child


def _merge_texts(run: etree._Element) -> None:
    previous: etree._Element | None = None
    for child in list(run):
        if previous is not None and child.tag == q("t") and previous.tag == q("t"):
            previous.text = (previous.text or "") + (child.text or "")
            run.remove(child)
            continue
        previous = child


def canonical(root: etree._Element) -> bytes:
    """Canonical XML (C14N 2.0) of an element, for comparing trees."""
    return etree.tostring(root, method="c14n2")


# --------------------------------------------------------------------------- revision rules


def revision_problems(parts: dict[str, bytes]) -> list[str]:
    """Breaches of the rules no schema checks (see the notes): a list of readable problems."""
    problems: list[str] = []
    revision_ids: Counter[str] = Counter()
    comment_ids: set[str] = set()
    comment_refs: set[str] = set()
    for name in story_part_names(parts):
        root = parse(parts[name])
        if root.tag == q("comments"):
            comment_ids |= {c.get(q("id"), "") for c in root.iter(q("comment"))}
        for element in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")):
            if element.getparent() is not None and element.getparent().tag == q("rPr"):
                continue
            where = f"{name}: w:{etree.QName(element).localname}"
            if element.get(q("id")) is None or element.get(q("author")) is None:
                problems.append(f"{where} without w:id or w:author")
            date = element.get(q("date"))
            if date is not None and not DATE.match(date):
                problems.append(f"{where} with bad date {date!r}")
            revision_ids[element.get(q("id"), "")] += 1
            if element.getparent() is not None and element.getparent().tag == q("r"):
                problems.append(f"{where} inside w:r")
            same = [a for a in element.iterancestors(element.tag)]
            if same:
                problems.append(f"{where} nested in another w:{etree.QName(element).localname}")
        for deleted in root.iter(q("del"), q("moveFrom")):
            if deleted.getparent() is not None and deleted.getparent().tag == q("rPr"):
                continue
            if next(deleted.iter(q("t")), None) is not None:
                problems.append(f"{name}: w:t inside a deletion")
        for text in root.iter(q("delText")):
            if not any(a.tag in (q("del"), q("moveFrom")) for a in text.iterancestors()):
                problems.append(f"{name}: w:delText outside a deletion")
        for change in root.iter(q("rPrChange")):
            if change.find(q("rPr")) is None:
                problems.append(f"{name}: w:rPrChange without w:rPr")
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            comment_refs |= {e.get(q("id"), "") for e in root.iter(q(tag))}
    problems += [f"revision id {i!r} used {n} times" for i, n in revision_ids.items() if n > 1]
    problems += [f"comment {i!r} referenced but missing" for i in sorted(comment_refs - comment_ids)]
    return problems


def new_revision_problems(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Revision-rule problems of ``after`` that ``before`` did not already have."""
    old = Counter(_strip_counts(revision_problems(before)))
    return [p for p in revision_problems(after) if not old[_strip_counts([p])[0]]]


def _strip_counts(problems: Iterable[str]) -> list[str]:
    return [re.sub(r"used \d+ times", "used n times", p) for p in problems]


# --------------------------------------------------------------------------- schema


def schema_errors(path: Path) -> set[tuple[str, str, str]]:
    """openxml-audit's distinct schema, package and relationship errors (type, part, description)."""
    from openxml_audit import OpenXmlValidator, ValidationErrorType

    hard = {ValidationErrorType.SCHEMA, ValidationErrorType.PACKAGE, ValidationErrorType.RELATIONSHIP}
    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return {(e.error_type.value, e.part_uri, e.description) for e in result.errors if e.error_type in hard}


def new_schema_errors(original: Path, written: Path) -> list[tuple[str, str, str]]:
    """Kinds of schema error in ``written`` that ``original`` did not already have.

    Distinct errors, not counts: splitting a run copies its properties, so a run whose
    properties were already invalid in the original legitimately appears more than once.
    """
    return sorted(schema_errors(written) - schema_errors(original))


# --------------------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path], outdir: Path, timeout: float = 1800) -> dict[Path, Path | None]:
    """Convert ``files`` with headless LibreOffice in one run; the PDF per file (None if none).

    LibreOffice exits 0 even when it could not load a file, so success is judged by the output
    file existing and being non-empty. Files whose conversion failed in the batch are retried
    alone once (a crash on one file stops the batch).
    """
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
        ]
        subprocess.run([*command, *map(str, files)], capture_output=True, timeout=timeout, check=False)
        results = {f: _pdf_for(f, outdir) for f in files}
        for f in [f for f, pdf in results.items() if pdf is None]:
            subprocess.run([*command, str(f)], capture_output=True, timeout=120, check=False)
            results[f] = _pdf_for(f, outdir)
    return results


def _pdf_for(source: Path, outdir: Path) -> Path | None:
    pdf = outdir / (source.stem + ".pdf")
    return pdf if pdf.exists() and pdf.stat().st_size > 0 else None
