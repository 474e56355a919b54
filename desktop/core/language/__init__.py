"""The Dutch language checks; none of them needs the model engine.

Public API:

- ``spelling.SpellChecker`` (OpenTaal), ``grammar.GrammarChecker`` (LanguageTool's rules),
  ``wordlists`` (B1 list, protected terms, organisation and personal lists),
  ``readability`` (B1 measures and the estimated level), ``sentences`` (sentences and words with offsets);
- ``awb.review_document`` (decision or letter, with its signs; the decision checklist of the Algemene wet
  bestuursrecht) and ``letter.review_letter`` (salutation, closing, forms of address), both reporting
  ``checklist.ChecklistItem`` verdicts with their quote and place;
- ``word_diff``: word-level differences for minimal suggestions and display.
"""
