"""New letters and decisions from the organisation's templates.

Public API:

- ``draft.run_draft``: a new document from a template, the user's fields and the model's guarded text;
- ``templates`` and ``bouwstenen``: the shipped and organisation catalogues, both read by
  ``catalogue.load_catalogue``.
"""
