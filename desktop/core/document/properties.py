"""Disclosure hooks: custom document properties and a visible note, written by the writer.

The disclosure policy (what to say, where, which properties) is decided elsewhere; this module
only puts a :class:`Disclosure` into the package:

* ``properties`` go to docProps/custom.xml (created and related if missing; a property with the
  same name is replaced, others are kept);
* ``text`` becomes one paragraph in the paragraph style ``style_name`` (created in styles.xml,
  small grey italic, if the document has no style of that name): at the end of the body
  (``"end"``), as the first paragraph of the body (``"first_page_note"``), or at the end of every
  footer the sections use (``"footer"``; a default footer is created for the first section if it
  has none). The note is plain text, not a tracked change: it states how the document was made,
  whether or not the user accepts the suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from lxml import etree

from desktop.core.document.ooxml import (
    CUSTOM_NS,
    R_NS,
    VT_NS,
    W_BODY,
    W_BR,
    W_FOOTER_REF,
    W_HEADER_REF,
    W_NS,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_SECTPR,
    W_T,
    W_TYPE,
    W_VAL,
    XML_SPACE,
    parse_xml,
    serialize_part,
    w,
)

if TYPE_CHECKING:
    from desktop.core.document.package import PackageBuilder
    from desktop.core.document.reader import Document
    from desktop.core.document.working_copies import WorkingCopies

PropertyValue = str | int | float | bool | datetime

#: The format id Word uses for user-defined custom properties.
FMTID_USER = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


@dataclass(frozen=True)
class Disclosure:
    """What to disclose in a written document; every part is optional."""

    properties: Mapping[str, PropertyValue] = field(default_factory=dict)
    text: str | None = None
    placement: Literal["end", "footer", "first_page_note"] = "end"
    style_name: str = "Schrijfhulp verantwoording"


def apply_disclosure(doc: Document, builder: PackageBuilder, working: WorkingCopies, disclosure: Disclosure) -> None:
    """Write ``disclosure`` into the package being built."""
    if disclosure.properties:
        set_custom_properties(builder, disclosure.properties)
    if disclosure.text:
        style_id = _ensure_style(doc, builder, working, disclosure.style_name)
        main = doc.stories[0]
        body = working.story(main).find(W_BODY)
        if body is None:
            raise ValueError("document without a body")
        if disclosure.placement == "footer":
            _add_to_footers(doc, builder, working, body, disclosure.text, style_id)
        elif disclosure.placement == "first_page_note":
            body.insert(0, _note(body, disclosure.text, style_id))
        else:
            last = body[-1] if len(body) else None
            if last is not None and last.tag == W_SECTPR:
                last.addprevious(_note(body, disclosure.text, style_id))
            else:
                body.append(_note(body, disclosure.text, style_id))


def _note(parent: etree._Element, text: str, style_id: str) -> etree._Element:
    paragraph = parent.makeelement(W_P, {})
    ppr = etree.SubElement(paragraph, W_PPR)
    etree.SubElement(ppr, w("pStyle"), {W_VAL: style_id})
    run = etree.SubElement(paragraph, W_R)
    for n, line in enumerate(text.split("\n")):
        if n:
            etree.SubElement(run, W_BR)
        node = etree.SubElement(run, W_T)
        node.text = line
        node.set(XML_SPACE, "preserve")
    return paragraph


def set_custom_properties(builder: PackageBuilder, properties: Mapping[str, PropertyValue]) -> None:
    """Add or replace custom document properties in docProps/custom.xml."""
    existing = builder.related("/", RT.CUSTOM_PROPERTIES)
    if existing:
        partname = existing[0]
        root = parse_xml(builder.read(partname))
    else:
        partname = builder.free_partname("/docProps/custom{}.xml")
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    by_name = {el.get("name", "").lower(): el for el in root.iter(f"{{{CUSTOM_NS}}}property")}
    pids = [int(pid) for el in by_name.values() if (pid := el.get("pid", "")).isdigit()]
    next_pid = max([1, *pids]) + 1
    for name, value in properties.items():
        element = by_name.get(name.lower())
        if element is None:
            element = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
            element.set("fmtid", FMTID_USER)
            element.set("pid", str(next_pid))
            element.set("name", name)
            next_pid += 1
        for child in list(element):
            element.remove(child)
        kind, text = _variant(value)
        etree.SubElement(element, f"{{{VT_NS}}}{kind}").text = text
    blob = serialize_part(root)
    if existing:
        builder.replace(partname, blob)
    else:
        builder.add(partname, CT.OFC_CUSTOM_PROPERTIES, blob)
        builder.relate("/", RT.CUSTOM_PROPERTIES, partname)


def _variant(value: PropertyValue) -> tuple[str, str]:
    """The docPropsVTypes element name and text for a property value."""
    if isinstance(value, bool):
        return "bool", "true" if value else "false"
    if isinstance(value, int):
        return ("i4" if -(2**31) <= value < 2**31 else "i8"), str(value)
    if isinstance(value, float):
        return "r8", repr(value)
    if isinstance(value, datetime):
        return "filetime", value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "lpwstr", str(value)


def _ensure_style(doc: Document, builder: PackageBuilder, working: WorkingCopies, name: str) -> str:
    """The id of the paragraph style called ``name``, created if the document has none."""
    main = doc.docx.part
    styles_part = next(
        (rel.target_part for rel in main.rels.values() if rel.reltype == RT.STYLES and not rel.is_external),
        None,
    )
    original: etree._Element | None = None
    if styles_part is not None:
        original = styles_part.element if isinstance(styles_part, XmlPart) else parse_xml(styles_part.blob)
        for style in original.iter(w("style")):
            style_id = style.get(w("styleId"), "")
            name_el = style.find(w("name"))
            style_name = name_el.get(W_VAL, "") if name_el is not None else ""
            if style.get(W_TYPE) == "paragraph" and name.lower() in (style_name.lower(), style_id.lower()):
                return style_id
    if styles_part is not None and original is not None:  # an existing styles part gets the new style
        root = working.root(str(styles_part.partname), original)
    else:
        root = etree.Element(w("styles"), nsmap={"w": W_NS})
    ids = {style.get(w("styleId"), "") for style in root.iter(w("style"))}
    base = re.sub(r"[^A-Za-z0-9]", "", name) or "SchrijfhulpVerantwoording"
    style_id = base
    n = 1
    while style_id in ids:
        n += 1
        style_id = f"{base}{n}"
    style = etree.SubElement(root, w("style"), {W_TYPE: "paragraph", w("customStyle"): "1", w("styleId"): style_id})
    etree.SubElement(style, w("name"), {W_VAL: name})
    default = next(
        (
            s.get(w("styleId"))
            for s in root.iter(w("style"))
            if s.get(W_TYPE) == "paragraph" and s.get(w("default")) in ("1", "true", "on")
        ),
        None,
    )
    if default:
        etree.SubElement(style, w("basedOn"), {W_VAL: default})
    ppr = etree.SubElement(style, W_PPR)
    etree.SubElement(ppr, w("spacing"), {w("before"): "240"})
    rpr = etree.SubElement(style, W_RPR)
    etree.SubElement(rpr, w("i"))
    etree.SubElement(rpr, w("color"), {W_VAL: "595959"})
    etree.SubElement(rpr, w("sz"), {W_VAL: "16"})
    etree.SubElement(rpr, w("szCs"), {W_VAL: "16"})
    if styles_part is None:
        partname = builder.free_partname("/word/styles{}.xml")
        builder.add(partname, CT.WML_STYLES, serialize_part(root))
        builder.relate(str(main.partname), RT.STYLES, partname)
    return style_id


def _add_to_footers(
    doc: Document,
    builder: PackageBuilder,
    working: WorkingCopies,
    body: etree._Element,
    text: str,
    style_id: str,
) -> None:
    """Append the note to every footer the sections use; give the first section one if needed."""
    related = doc.docx.part.related_parts
    stories = {story.partname: story for story in doc.stories}
    sections = [s for s in body.iter(W_SECTPR) if s.getparent() is not None and s.getparent().tag != w("sectPrChange")]
    done: set[str] = set()
    for sectpr in sections:
        for ref in sectpr.iter(W_FOOTER_REF):
            rid = ref.get(f"{{{R_NS}}}id")
            if rid not in related:
                continue
            partname = str(related[rid].partname)
            if partname in done or partname not in stories:
                continue
            done.add(partname)
            footer = working.story(stories[partname])
            footer.append(_note(footer, text, style_id))
    first = sections[0] if sections else None
    if first is not None and any(ref.get(W_TYPE, "default") == "default" for ref in first.iter(W_FOOTER_REF)):
        return
    footer = etree.Element(w("ftr"), nsmap={"w": W_NS, "r": R_NS})
    footer.append(_note(footer, text, style_id))
    partname = builder.free_partname("/word/footer{}.xml")
    builder.add(partname, CT.WML_FOOTER, serialize_part(footer))
    rid = builder.relate(str(doc.docx.part.partname), RT.FOOTER, partname)
    if first is None:
        first = etree.SubElement(body, W_SECTPR)
    position = sum(1 for child in first if child.tag in (W_HEADER_REF, W_FOOTER_REF))
    first.insert(position, first.makeelement(W_FOOTER_REF, {W_TYPE: "default", f"{{{R_NS}}}id": rid}))
