"""Working copies of the XML parts a save changes, so the opened document is never modified."""

from __future__ import annotations

import copy

from lxml import etree

from desktop.core.document.ooxml import W_P
from desktop.core.document.reader import Document, Paragraph, StoryPart


class WorkingCopies:
    """Deep copies of the XML parts being changed, made on first use and keyed by part name.

    The opened document is never modified; the copies are serialized into the new package.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._roots: dict[str, etree._Element] = {}
        self._paragraphs: dict[str, tuple[dict[etree._Element, int], list[etree._Element]]] = {}

    def root(self, partname: str, original: etree._Element) -> etree._Element:
        """The working copy of the part ``partname`` whose original root is ``original``."""
        if partname not in self._roots:
            self._roots[partname] = copy.deepcopy(original)
        return self._roots[partname]

    def story(self, story: StoryPart) -> etree._Element:
        """The working copy of a story part's root."""
        return self.root(story.partname, story.root)

    def paragraph(self, paragraph: Paragraph) -> etree._Element:
        """The working copy of ``paragraph``'s ``w:p``."""
        story = paragraph.story
        if story.partname not in self._paragraphs:
            originals = {element: i for i, element in enumerate(story.root.iter(W_P))}
            self._paragraphs[story.partname] = (originals, list(self.story(story).iter(W_P)))
        originals, copies = self._paragraphs[story.partname]
        return copies[originals[paragraph.element]]

    def changed(self) -> list[tuple[str, etree._Element]]:
        """(part name, changed root) for every part copied."""
        return list(self._roots.items())
