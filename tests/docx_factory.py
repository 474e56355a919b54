"""Small .docx packages built from WordprocessingML snippets, for the document engine's tests.

Real-world files come from tests/data/docx; these handmade ones isolate one feature each
(a field, a hyperlink, a revision by someone else) so a test can say exactly what it expects.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W_DECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

STYLES = f"""{HEAD}<w:styles {W_DECL}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>
  <w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Lijstalinea"><w:name w:val="List Paragraph"/>
  <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Nadruk"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr>
  </w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr>
  <w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""{HEAD}<w:numbering {W_DECL}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>
  <w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/>
  <w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>
  <w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def build_docx(
    path: Path,
    body: str,
    *,
    header: str | None = None,
    footer: str | None = None,
    footnotes: str | None = None,
    endnotes: str | None = None,
    comments: str | None = None,
    hyperlinks: dict[str, str] | None = None,
    sectpr_extra: str = "",
) -> Path:
    """Write a .docx whose body is ``body`` (XML of block-level elements, w: prefix declared).

    ``header``/``footer`` are the block content of one default header/footer; ``footnotes`` and
    ``endnotes`` are ``w:footnote``/``w:endnote`` elements (separators are added); ``comments``
    are ``w:comment`` elements; ``hyperlinks`` maps relationship ids to external URLs.
    """
    rels = [
        ("rIdStyles", "styles", "styles.xml", None),
        ("rIdNumbering", "numbering", "numbering.xml", None),
    ]
    overrides = {
        "/word/document.xml": f"{CT_WML}.document.main+xml",
        "/word/styles.xml": f"{CT_WML}.styles+xml",
        "/word/numbering.xml": f"{CT_WML}.numbering+xml",
    }
    parts = {"word/styles.xml": STYLES, "word/numbering.xml": NUMBERING}
    refs = ""
    if header is not None:
        parts["word/header1.xml"] = f"{HEAD}<w:hdr {W_DECL}>{header}</w:hdr>"
        rels.append(("rIdHeader", "header", "header1.xml", None))
        overrides["/word/header1.xml"] = f"{CT_WML}.header+xml"
        refs += '<w:headerReference w:type="default" r:id="rIdHeader"/>'
    if footer is not None:
        parts["word/footer1.xml"] = f"{HEAD}<w:ftr {W_DECL}>{footer}</w:ftr>"
        rels.append(("rIdFooter", "footer", "footer1.xml", None))
        overrides["/word/footer1.xml"] = f"{CT_WML}.footer+xml"
        refs += '<w:footerReference w:type="default" r:id="rIdFooter"/>'
    separators = (
        '<w:{0} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{0}>'
        '<w:{0} w:type="continuationSeparator" w:id="0">'
        "<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{0}>"
    )
    if footnotes is not None:
        parts["word/footnotes.xml"] = (
            f"{HEAD}<w:footnotes {W_DECL}>{separators.format('footnote')}{footnotes}</w:footnotes>"
        )
        rels.append(("rIdFootnotes", "footnotes", "footnotes.xml", None))
        overrides["/word/footnotes.xml"] = f"{CT_WML}.footnotes+xml"
    if endnotes is not None:
        parts["word/endnotes.xml"] = f"{HEAD}<w:endnotes {W_DECL}>{separators.format('endnote')}{endnotes}</w:endnotes>"
        rels.append(("rIdEndnotes", "endnotes", "endnotes.xml", None))
        overrides["/word/endnotes.xml"] = f"{CT_WML}.endnotes+xml"
    if comments is not None:
        parts["word/comments.xml"] = f"{HEAD}<w:comments {W_DECL}>{comments}</w:comments>"
        rels.append(("rIdComments", "comments", "comments.xml", None))
        overrides["/word/comments.xml"] = f"{CT_WML}.comments+xml"
    for rid, url in (hyperlinks or {}).items():
        rels.append((rid, "hyperlink", url, "External"))
    sectpr = (
        f'<w:sectPr>{refs}<w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" '
        f'w:gutter="0"/>{sectpr_extra}</w:sectPr>'
    )
    parts["word/document.xml"] = f"{HEAD}<w:document {W_DECL}><w:body>{body}{sectpr}</w:body></w:document>"
    parts["word/_rels/document.xml.rels"] = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"'
            + (f' TargetMode="{mode}"' if mode else "")
            + "/>"
            for rid, kind, target, mode in rels
        )
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides.items())
        + "</Types>"
    )
    order = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order + sorted(set(parts) - set(order)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
    return path


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph from run-level XML snippets."""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    """A run with one text element (``xml:space="preserve"``)."""
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
