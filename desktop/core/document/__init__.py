"""Documents in and out: a .docx read safely, its live text, and a reviewed copy written atomically.

Public API (import from the modules, so that nothing loads before it is needed):

- ``reader``: :class:`Document`, :class:`Paragraph`, ``open_document(path)``: paragraphs with stable ids
  and live text, in the body, tables, headers, footers, notes and text boxes;
- ``writer``: ``save_document(doc, edits, target, options)``: tracked changes and comments (or a clean
  copy), atomic, never over the original;
- ``errors``: the Dutch messages for input the engine refuses;
- ``samples``: plain text to .docx, and the shipped sample decision (previews, screenshots, tests);
- ``package``, ``text``, ``styles``, ``ooxml``, ``revisions``, ``properties``, ``working_copies``: the parts
  of the engine the two above are built from.
"""
