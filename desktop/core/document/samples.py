"""Plain text to .docx, and the shipped sample decision (for previews and screenshots).

Paragraphs are separated by blank lines; the first becomes the title (Heading 1), lines that start
with "- " become bulleted list items, and a line of its own ending in ":" becomes Heading 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx

from desktop.core.paths import resources_dir

SAMPLE_DECISION = "voorbeeldbesluit.txt"
_BULLET = re.compile(r"^[-•]\s+")


def text_to_docx(text: str, target: Path) -> Path:
    """Write ``text`` as a simple Word document with a title, headings and bulleted lists."""
    document = docx.Document()
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    for index, block in enumerate(blocks):
        if index == 0:
            document.add_heading(block, level=1)
        elif _BULLET.match(block):
            for line in block.splitlines():
                document.add_paragraph(_BULLET.sub("", line.strip()), style="List Bullet")
        elif "\n" not in block and block.endswith(":") and len(block) < 60:
            document.add_heading(block, level=2)
        else:
            document.add_paragraph(" ".join(line.strip() for line in block.splitlines()))
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def sample_decision(folder: Path) -> Path:
    """The shipped sample decision as a .docx in ``folder``."""
    text = (resources_dir() / "samples" / SAMPLE_DECISION).read_text(encoding="utf-8")
    return text_to_docx(text, folder / "voorbeeldbesluit.docx")
