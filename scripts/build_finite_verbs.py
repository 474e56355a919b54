"""Build resources/wordlists/persoonsvormen.tsv: Dutch finite verb forms and their number, for the B1 splits.

Source: LanguageTool's Dutch part-of-speech dictionary ``nl/dictionaries/dutch.dict`` in the PyPI package
lingotweaker-data-nl (TaalTik / R. Baars; "licensed under either Creative Commons Attribution 3.0 Unported
or BSD, at your choice", its README.txt). That file is a morfologik finite-state automaton (CFSA2) of
``form~lemma~tag`` entries; a finite verb form has a tag ``WKW:TGW:…`` (present) or ``WKW:VLT:…`` (past):
``1EP``/``3EP`` singular, ``INF`` plural (the form of the infinitive). The archaic ``GIJ`` forms are left out.

Written, lower case, for the forms wordfreq knows (rarer forms are not worth a split: the split rules then
find no finite verb and leave the sentence alone): ``form<TAB>persons<TAB>other`` with persons ``1`` (first
person singular: also the imperative), ``3`` (third person singular) and ``m`` (plural), and other ``*`` when
the form can also be read as another word class (a noun, an adjective, a preposition: "vormen", "nodig",
"proces"), so that the rules count on it as a verb only where nothing else fits.

Run: .venv/bin/python scripts/build_finite_verbs.py [path/to/dutch.dict]   (a few minutes)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_noun_genders import REPO, cfsa2_sequences  # the same dictionary reader

TARGET = REPO / "resources" / "wordlists" / "persoonsvormen.tsv"


def finite_forms(sequences: Iterator[bytes]) -> tuple[dict[str, set[str]], set[str]]:
    """Lower-case finite verb forms with their persons ("1", "3", "m"), and the lower-case forms that have a
    reading that is no verb form (noun, adjective, adverb, preposition, pronoun, ...)."""
    forms: dict[str, set[str]] = {}
    other: set[str] = set()
    for sequence in sequences:
        form, _lemma, tag = sequence.decode("utf-8").split("~", 2)
        if not form.isalpha() or not form.islower():
            continue
        if not tag.startswith("WKW"):
            other.add(form)
            continue
        if not tag.startswith(("WKW:TGW:", "WKW:VLT:")) or ":GIJ" in tag:
            continue
        if ":INF" in tag:
            persons = "m"
        elif tag.startswith("WKW:VLT:"):
            persons = "13"  # a past singular is one form for the first and third person: ik ging, hij ging
        else:
            persons = "1" if ":1EP" in tag else "3"
        forms.setdefault(form, set()).update(persons)
    return forms, other


def main() -> int:
    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
    else:
        import lingotweaker_data_nl

        source = Path(lingotweaker_data_nl.data_dir()) / "nl" / "dictionaries" / "dutch.dict"
    forms, other = finite_forms(cfsa2_sequences(source.read_bytes()))
    kept = {form: persons for form, persons in forms.items() if zipf_frequency(form, "nl") > 0}
    header = (
        "# Dutch finite verb forms (present and past): form, persons (1 first person singular, 3 third person\n"
        "# singular, m plural) and * when the form can also be another word class (vormen, nodig, proces).\n"
        "# Made by scripts/build_finite_verbs.py from LanguageTool's Dutch dictionary nl/dictionaries/dutch.dict\n"
        "# (lingotweaker-data-nl; TaalTik / R. Baars; CC BY 3.0 or BSD, at your choice); only the forms wordfreq\n"
        "# knows. Used by desktop/core/language/finite_verbs.py (where a sentence can be split, the grammar guard).\n"
    )
    lines = [
        f"{form}\t{''.join(sorted(persons))}\t{'*' if form in other else ''}".rstrip("\t")
        for form, persons in sorted(kept.items())
    ]
    TARGET.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(forms)} finite forms, {len(kept)} written to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
