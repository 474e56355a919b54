"""WordprocessingML names and the one safe XML parser the document engine uses.

Every tag the engine looks at is spelled here once, in Clark notation (``{namespace}local``), so
the reader, the revision writer and the tests agree on them.
"""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

XML_SPACE = f"{{{XML_NS}}}space"


def w(local: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{local}"


# Block level and tables
W_BODY = w("body")
W_P = w("p")
W_PPR = w("pPr")
W_TBL = w("tbl")
W_TR = w("tr")
W_TRPR = w("trPr")
W_TC = w("tc")
W_TCPR = w("tcPr")
W_GRID_SPAN = w("gridSpan")
W_GRID_BEFORE = w("gridBefore")
W_SECTPR = w("sectPr")
W_HEADER_REF = w("headerReference")
W_FOOTER_REF = w("footerReference")

# Run level containers
W_R = w("r")
W_RPR = w("rPr")
W_HYPERLINK = w("hyperlink")
W_SMART_TAG = w("smartTag")
W_CUSTOM_XML = w("customXml")
W_DIR = w("dir")
W_BDO = w("bdo")
W_FLD_SIMPLE = w("fldSimple")
W_SDT = w("sdt")
W_SDT_PR = w("sdtPr")
W_SDT_CONTENT = w("sdtContent")
W_INS = w("ins")
W_DEL = w("del")
W_MOVE_FROM = w("moveFrom")
W_MOVE_TO = w("moveTo")

# Run content
W_T = w("t")
W_DEL_TEXT = w("delText")
W_INSTR_TEXT = w("instrText")
W_DEL_INSTR_TEXT = w("delInstrText")
W_FLD_CHAR = w("fldChar")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_NO_BREAK_HYPHEN = w("noBreakHyphen")
W_SOFT_HYPHEN = w("softHyphen")
W_SYM = w("sym")
W_DRAWING = w("drawing")
W_PICT = w("pict")
W_OBJECT = w("object")
W_RUBY = w("ruby")
W_FOOTNOTE_REF = w("footnoteReference")
W_ENDNOTE_REF = w("endnoteReference")
W_FOOTNOTE_MARK = w("footnoteRef")
W_ENDNOTE_MARK = w("endnoteRef")
W_TXBX_CONTENT = w("txbxContent")
W_COMMENTS = w("comments")
W_COMMENT = w("comment")
W_ANNOTATION_REF = w("annotationRef")
W_PSTYLE = w("pStyle")
W_RSTYLE = w("rStyle")

# Revisions of properties (they mark text as changed without hiding it)
W_RPR_CHANGE = w("rPrChange")
W_PPR_CHANGE = w("pPrChange")

# Attributes
W_ID = w("id")
W_AUTHOR = w("author")
W_DATE = w("date")
W_VAL = w("val")
W_TYPE = w("type")
W_CHAR = w("char")
W_FLD_CHAR_TYPE = w("fldCharType")

MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_OMATH = f"{{{M_NS}}}oMath"
M_OMATH_PARA = f"{{{M_NS}}}oMathPara"

#: Elements whose presence anywhere in a story means the document has tracked changes.
REVISION_TAGS = frozenset(
    {
        W_INS,
        W_DEL,
        W_MOVE_FROM,
        W_MOVE_TO,
        W_RPR_CHANGE,
        W_PPR_CHANGE,
        w("sectPrChange"),
        w("tblPrChange"),
        w("trPrChange"),
        w("tcPrChange"),
        w("tblGridChange"),
        w("numberingChange"),
        w("cellIns"),
        w("cellDel"),
        w("cellMerge"),
    }
)

#: Parser for every XML part the engine parses itself: no DTDs, no entities, no network.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse an XML part with :data:`SAFE_PARSER` (the package checks already refused DTDs)."""
    return etree.fromstring(data, SAFE_PARSER)


def serialize_part(root: etree._Element) -> bytes:
    """Serialize a part the way Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


#: What :func:`serialize_part` writes before the root element.
XML_DECLARATION = serialize_part(etree.Element("x")).removesuffix(b"<x/>")

#: How lxml escapes text and attribute values when it serializes them.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))
#: Characters XML 1.0 cannot hold (lxml refuses them with this message).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str, *, check: bool = True) -> str:
    """``value`` as element text in markup, escaped as lxml escapes it (ValueError, as from lxml,
    for characters XML cannot hold; ``check=False`` for text that came out of an XML part or was
    checked already)."""
    return _escaped(_checked(value) if check else value, _TEXT_ESCAPES)


def xml_attribute(value: str) -> str:
    """``value`` as a double-quoted attribute value in markup, escaped as lxml escapes it
    (ValueError, as from lxml, for characters XML cannot hold)."""
    return _escaped(_checked(value), _ATTRIBUTE_ESCAPES)


def _escaped(value: str, escapes: tuple[tuple[str, str], ...]) -> str:
    # str.replace skips a string without the character quickly; str.translate looks up every one.
    for character, escape in escapes:
        if character in value:
            value = value.replace(character, escape)
    return value


def _checked(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return value


_OFF = frozenset({"0", "false", "off", "none", "False", "FALSE", "Off", "None"})


def is_on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property such as ``w:b``: None when absent."""
    if element is None:
        return None
    value = element.get(W_VAL)
    return value is None or (value not in _OFF and value.lower() not in _OFF)
