"""Build the shipped letter and decision templates (resources/templates/*.docx) with python-docx.

Usage: .venv/bin/python scripts/build_templates.py

The texts are written here, in plain Dutch (B1), with ``{{key}}`` markers for the fields and slots
that each template's sidecar (resources/templates/NAME.toml, written by hand) declares. Every
decision has a bezwaarclausule as the Algemene wet bestuursrecht asks (or, for a decision on an
objection, an appeal clause), a legal basis, a motivation slot, a date, a kenmerk and a signature
under mandate. Run this after changing a text and commit the .docx files it writes; the tests load
every template and check it against its sidecar and the decision checklist.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "templates"
FONT = "Arial"
HOUSE_COLOUR = RGBColor(0x1F, 0x3A, 0x5F)
FIXED_DATE = datetime(2026, 1, 1)

# A template is a list of (kind, text): "p" a paragraph, "h" a heading; in text, "\n" is a line
# break and **...** is bold.
Blocks = list[tuple[str, str]]

ADDRESS: Blocks = [("p", "{{naam}}"), ("p", "{{adres}}")]


def meta(subject: str) -> Blocks:
    """Date, kenmerk, the addressee's own reference (optional) and the subject."""
    return [
        ("p", "Datum: {{datum}}"),
        ("p", "Ons kenmerk: {{kenmerk}}"),
        ("p", "Uw kenmerk: {{uw_kenmerk}}"),
        ("p", f"Onderwerp: **{subject}**"),
        ("p", "Geachte {{aanhef}},"),
    ]


QUESTIONS: Blocks = [
    ("h", "Heeft u vragen?"),
    ("p", "Bel ons dan op {{telefoonnummer}}. Noem daarbij het kenmerk {{kenmerk}}."),
]
LETTER_CLOSING: Blocks = [("p", "Met vriendelijke groet,\n\n{{ondertekenaar}}\n{{functie_ondertekenaar}}")]
DECISION_CLOSING: Blocks = [
    ("p", "Met vriendelijke groet,\nnamens {{bestuursorgaan}},\n\n{{ondertekenaar}}\n{{functie_ondertekenaar}}")
]

OBJECTION: Blocks = [
    ("h", "Bent u het niet eens met dit besluit?"),
    (
        "p",
        "Dan kunt u bezwaar maken. Dat doet u met een brief: een bezwaarschrift. Stuur uw bezwaarschrift binnen "
        "zes weken aan {{bestuursorgaan}}, {{postadres_bestuursorgaan}}. De zes weken beginnen op de dag na de "
        "verzending van dit besluit.",
    ),
    (
        "p",
        "Zet in uw bezwaarschrift in elk geval uw naam, uw adres en de datum. Schrijf er ook bij welk besluit u "
        "bedoelt en waarom u het niet eens bent met het besluit. Vergeet niet uw bezwaarschrift te ondertekenen.",
    ),
    (
        "p",
        "Het besluit blijft gelden, ook als u bezwaar maakt. Is uw zaak dringend? Dan kunt u de "
        "voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.",
    ),
]

APPEAL: Blocks = [
    ("h", "Bent u het niet eens met deze beslissing?"),
    (
        "p",
        "Dan kunt u beroep instellen. Dat doet u schriftelijk, met een brief: een beroepschrift. Stuur uw "
        "beroepschrift binnen zes weken aan de {{rechtbank}}. Het adres is: {{adres_rechtbank}}. De zes weken "
        "beginnen op de dag na de verzending van dit besluit.",
    ),
    (
        "p",
        "Zet in uw beroepschrift in elk geval uw naam, uw adres en de datum. Schrijf er ook bij welk besluit u "
        "bedoelt en waarom u het niet eens bent met het besluit. Stuur een kopie van dit besluit mee. Vergeet niet "
        "uw beroepschrift te ondertekenen. Voor een beroep betaalt u griffierecht; de rechtbank laat u weten "
        "hoeveel.",
    ),
]

TEMPLATES: dict[str, Blocks] = {
    "ontvangstbevestiging": [
        *ADDRESS,
        *meta("Wij hebben uw aanvraag ontvangen"),
        (
            "p",
            "Op {{datum_ontvangst}} hebben wij uw aanvraag voor {{onderwerp}} ontvangen. In deze brief leest u "
            "wat er nu gebeurt.",
        ),
        ("h", "Wat gebeurt er nu?"),
        ("p", "{{vervolg}}"),
        ("h", "Wanneer hoort u van ons?"),
        (
            "p",
            "Wij nemen uiterlijk op {{beslisdatum}} een besluit over uw aanvraag. Lukt dat niet? Dan laten wij u "
            "dat vóór die datum weten.",
        ),
        *QUESTIONS,
        *LETTER_CLOSING,
    ],
    "verzoek-aanvullende-gegevens": [
        *ADDRESS,
        *meta("Wij hebben meer gegevens van u nodig"),
        (
            "p",
            "Op {{datum_aanvraag}} hebben wij uw aanvraag voor {{onderwerp}} ontvangen. Om uw aanvraag te "
            "beoordelen, hebben wij meer gegevens van u nodig.",
        ),
        ("h", "Welke gegevens hebben wij nodig?"),
        ("p", "{{ontbrekende_gegevens}}"),
        ("p", "{{uitleg}}"),
        ("h", "Wanneer moeten wij de gegevens hebben?"),
        ("p", "Stuur de gegevens uiterlijk {{uiterste_datum}} naar {{postadres}}. Zet het kenmerk {{kenmerk}} erbij."),
        ("h", "Wat gebeurt er als wij de gegevens niet op tijd hebben?"),
        (
            "p",
            "Dan kunnen wij uw aanvraag buiten behandeling laten. Dat staat in artikel 4:5 van de Algemene wet "
            "bestuursrecht. Zolang wij de gegevens niet hebben, staat de termijn voor ons besluit stil (artikel "
            "4:15 van de Algemene wet bestuursrecht).",
        ),
        *QUESTIONS,
        *LETTER_CLOSING,
    ],
    "besluit-toekenning": [
        *ADDRESS,
        *meta("Besluit op uw aanvraag voor {{onderwerp}}"),
        (
            "p",
            "Op {{datum_aanvraag}} hebben wij uw aanvraag voor {{onderwerp}} ontvangen. In deze brief leest u "
            "ons besluit.",
        ),
        ("h", "Besluit"),
        ("p", "Wij hebben besloten uw aanvraag toe te kennen. U krijgt {{onderwerp}}."),
        ("p", "Het bedrag is {{bedrag}}."),
        ("p", "Wij nemen dit besluit op grond van {{wettelijke_grondslag}}."),
        ("h", "Waarom dit besluit?"),
        ("p", "{{motivering}}"),
        *OBJECTION,
        *QUESTIONS,
        *DECISION_CLOSING,
    ],
    "besluit-afwijzing": [
        *ADDRESS,
        *meta("Besluit op uw aanvraag voor {{onderwerp}}"),
        (
            "p",
            "Op {{datum_aanvraag}} hebben wij uw aanvraag voor {{onderwerp}} ontvangen. In deze brief leest u "
            "ons besluit.",
        ),
        ("h", "Besluit"),
        ("p", "Wij hebben besloten uw aanvraag af te wijzen. U krijgt geen {{onderwerp}}."),
        ("p", "Wij nemen dit besluit op grond van {{wettelijke_grondslag}}."),
        ("h", "Waarom dit besluit?"),
        ("p", "{{motivering}}"),
        *OBJECTION,
        *QUESTIONS,
        *DECISION_CLOSING,
    ],
    "besluit-op-bezwaar": [
        *ADDRESS,
        *meta("Beslissing op uw bezwaarschrift"),
        (
            "p",
            "Op {{datum_bezwaarschrift}} ontvingen wij uw bezwaarschrift. U bent het niet eens met ons besluit "
            "van {{datum_besluit}} over {{onderwerp_besluit}} (kenmerk {{kenmerk_besluit}}). In deze brief leest "
            "u onze beslissing op uw bezwaar.",
        ),
        ("p", "Tijdens de hoorzitting op {{datum_hoorzitting}} heeft u uw bezwaar toegelicht."),
        ("h", "Besluit"),
        ("p", "Wij hebben besloten: uw bezwaar is {{uitkomst}}."),
        ("p", "Wij nemen dit besluit op grond van artikel 7:11 van de Algemene wet bestuursrecht."),
        ("h", "Waarom dit besluit?"),
        ("p", "{{motivering}}"),
        *APPEAL,
        *QUESTIONS,
        *DECISION_CLOSING,
    ],
    "woo-besluit": [
        *ADDRESS,
        *meta("Besluit op uw Woo-verzoek"),
        (
            "p",
            "Op {{datum_verzoek}} heeft u ons gevraagd om informatie over {{onderwerp_verzoek}}. U deed dit op "
            "grond van de Wet open overheid (Woo). In deze brief leest u ons besluit.",
        ),
        ("h", "Besluit"),
        ("p", "Wij hebben besloten de informatie {{beslissing}} openbaar te maken."),
        (
            "p",
            "Het gaat om {{aantal_documenten}} documenten. De documenten die wij openbaar maken, vindt u in de "
            "bijlage bij deze brief.",
        ),
        ("p", "Wij nemen dit besluit op grond van artikel 4.1 van de Wet open overheid."),
        ("p", "Sommige informatie maken wij niet openbaar op grond van {{uitzonderingsgronden}}."),
        ("h", "Waarom dit besluit?"),
        ("p", "{{motivering}}"),
        *OBJECTION,
        *QUESTIONS,
        *DECISION_CLOSING,
    ],
}

_BOLD = re.compile(r"(\*\*.+?\*\*)")


def _write_text(paragraph: Paragraph, text: str) -> None:
    """Add ``text`` as runs: **...** bold, "\\n" a line break, each ``{{marker}}`` in a run of its own."""
    for piece in _BOLD.split(text):
        bold = piece.startswith("**") and piece.endswith("**")
        content = piece[2:-2] if bold else piece
        for n, line in enumerate(content.split("\n")):
            if n:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            for part in re.split(r"(\{\{[a-z0-9_]+\}\})", line):
                if part:
                    run = paragraph.add_run(part)
                    if bold:
                        run.bold = True


def _house_style(document: docx.document.Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    heading = document.styles["Heading 2"]
    heading.font.name = FONT
    heading.font.size = Pt(11)
    heading.font.bold = True
    heading.font.color.rgb = HOUSE_COLOUR
    heading.paragraph_format.space_before = Pt(12)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    run = header.add_run("{{organisatie}}")
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = HOUSE_COLOUR
    footer = section.footer.paragraphs[0]
    for text in ("{{organisatie}}", " · kenmerk ", "{{kenmerk}}"):
        footer.add_run(text).font.size = Pt(8)


def build(name: str, blocks: Blocks, folder: Path) -> Path:
    """Write template ``name`` to ``folder``."""
    document = docx.Document()
    _house_style(document)
    properties = document.core_properties
    properties.author = "Schrijfhulp"
    properties.last_modified_by = "Schrijfhulp"
    properties.title = name
    properties.created = properties.modified = FIXED_DATE
    properties.revision = 1
    for kind, text in blocks:
        paragraph = document.add_paragraph(style="Heading 2" if kind == "h" else None)
        _write_text(paragraph, text)
    target = folder / f"{name}.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    # The same texts give the same bytes: fixed times on every zip member, so git shows real changes only.
    with zipfile.ZipFile(buffer) as built, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for member in built.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, built.read(member.filename))
    return target


def main() -> int:
    """Build every template."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name, blocks in TEMPLATES.items():
        print(build(name, blocks, OUT).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
