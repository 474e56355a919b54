"""Build resources/wordlists/lidwoorden.tsv: the article (de/het) of Dutch nouns, for the confusion stage.

Source: LanguageTool's Dutch part-of-speech dictionary ``nl/dictionaries/dutch.dict`` in the PyPI
package lingotweaker-data-nl (TaalTik / R. Baars; "licensed under either Creative Commons
Attribution 3.0 Unported or BSD, at your choice", its README.txt). That file is a morfologik
finite-state automaton (CFSA2) of ``form~lemma~tag`` entries; a singular noun has the tag
``ZNW:EKV:DE_`` or ``ZNW:EKV:HET``. This script reads the automaton (no Java needed), keeps the
singular nouns that are not diminutives (every diminutive takes "het") and writes ``noun<TAB>de``,
``noun<TAB>het`` or ``noun<TAB>beide`` (both are allowed), with a third column ``*`` when the same
form can also be read otherwise after "het" (a 3rd person verb form, an adjective, an adverb, a
participle). A compound takes the article of its last part, so a noun whose ending
(:func:`desktop.core.language.genders.ending_of`: the longest listed noun ending it whose front is
a word or a prefix) gives the same article is left out, unless OpenTaal's hunspell reads it as a
word of its own (a stem, no compound parts): the lookup takes a word hunspell has of its own for a
singular noun only when it is listed here, so that a plural, a verb form or an adjective never gets an
article by its ending.

Run: .venv/bin/python scripts/build_noun_genders.py [path/to/dutch.dict]   (a few minutes)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.language.genders import ending_of, stored_single_word  # noqa: E402

TARGET = REPO / "resources" / "wordlists" / "lidwoorden.tsv"
DICTIONARY = REPO / "resources" / "dictionaries" / "nl_NL.dic"
# Readings that make "het/dit + form" something else than article + noun: an adjective or adverb ("omdat het
# goed gaat"), a participle, or with a 3rd person verb form ("omdat het regent"). A 1st person form
# ("ik besluit") cannot follow "het" and does not count.
OTHER_READINGS = ("BNW", "BYW", "WKW:VTD", "WKW:VLT")

_TARGET_NEXT, _LAST_ARC, _FINAL_ARC, _LABEL_MASK = 0x80, 0x40, 0x20, 0x1F
_NUMBERS_FLAG = 256


def cfsa2_sequences(data: bytes) -> Iterator[bytes]:
    """Every byte sequence accepted by a morfologik CFSA2 automaton (format version 0xC6)."""
    if data[:4] != b"\\fsa" or data[4] != 0xC6:
        raise ValueError("not a morfologik CFSA2 automaton")
    flags = int.from_bytes(data[5:7], "big")
    size = data[7]
    labels = data[8 : 8 + size]
    arcs = data[8 + size :]
    numbers = bool(flags & _NUMBERS_FLAG)

    def read_vint(offset: int) -> int:
        value, shift = 0, 0
        while True:
            byte = arcs[offset]
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            offset, shift = offset + 1, shift + 7

    def skip_vint(offset: int) -> int:
        while arcs[offset] & 0x80:
            offset += 1
        return offset + 1

    def skip_arc(offset: int) -> int:
        flag = arcs[offset]
        offset += 1 if flag & _LABEL_MASK else 2
        return offset if flag & _TARGET_NEXT else skip_vint(offset)

    def first_arc(node: int) -> int:
        return skip_vint(node) if numbers else node

    def destination(arc: int) -> int:
        flag = arcs[arc]
        if flag & _TARGET_NEXT:
            while not arcs[arc] & _LAST_ARC:
                arc = skip_arc(arc)
            return skip_arc(arc)
        return read_vint(arc + (1 if flag & _LABEL_MASK else 2))

    def label(arc: int) -> int:
        index = arcs[arc] & _LABEL_MASK
        return labels[index] if index else arcs[arc + 1]

    stack = [(first_arc(destination(first_arc(0))), b"")]
    while stack:
        arc, prefix = stack.pop()
        while True:
            flag = arcs[arc]
            sequence = prefix + bytes([label(arc)])
            if flag & _FINAL_ARC:
                yield sequence
            target = destination(arc)
            if target:
                stack.append((first_arc(target), sequence))
            if flag & _LAST_ARC:
                break
            arc = skip_arc(arc)


def noun_genders(sequences: Iterator[bytes]) -> tuple[dict[str, tuple[str, bool]], set[str]]:
    """Lower-case singular nouns (no diminutives) with their article (de, het or beide) and whether the
    form can also be read otherwise after "het" (:data:`OTHER_READINGS`: "regent", "goed"); and every
    lower-case word form of the dictionary."""
    articles: dict[str, set[str]] = {}
    other: set[str] = set()
    words: set[str] = set()
    for sequence in sequences:
        form, _lemma, tag = sequence.decode("utf-8").split("~", 2)
        if not form.isalpha() or not form.islower():
            continue
        words.add(form)
        if tag.startswith("ZNW:EKV:") and ":VRK" not in tag:
            if tag.endswith(":DE_"):
                articles.setdefault(form, set()).add("de")
            elif tag.endswith(":HET"):
                articles.setdefault(form, set()).add("het")
        elif tag.startswith(OTHER_READINGS) or ":3EP" in tag:
            other.add(form)
    genders = {
        form: ("beide" if len(found) > 1 else next(iter(found)), form in other) for form, found in articles.items()
    }
    return genders, words


def single_words(forms: set[str]) -> set[str]:
    """The ``forms`` that OpenTaal's hunspell has as words of their own (its analysis names a stem and no compound
    parts: :func:`~desktop.core.language.genders.stored_single_word`), the same test the lookup makes. Its stems
    alone are not enough: "bijeenkomst" is no stem in nl_NL.dic, yet hunspell reads it as one word."""
    from desktop.core.language.spelling import SpellChecker

    speller = SpellChecker(DICTIONARY.parent)
    return {form for form in forms if stored_single_word(speller.analyses(form))}


def compact(genders: dict[str, tuple[str, bool]], words: set[str], stems: set[str]) -> dict[str, tuple[str, bool]]:
    """Leave out every noun whose ending (:func:`ending_of`) has its article, unless hunspell has the noun as a
    word of its own (``stems``, :func:`single_words`: then the lookup needs it listed) or it can also be read
    otherwise."""
    kept: dict[str, tuple[str, bool]] = {}
    for form in sorted(genders, key=len):
        article, other = genders[form]
        ending = ending_of(form, genders, words.__contains__)
        if other or form in stems or ending is None or genders[ending][0] != article:
            kept[form] = (article, other)
    return kept


def main() -> int:
    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
    else:
        import lingotweaker_data_nl

        source = Path(lingotweaker_data_nl.data_dir()) / "nl" / "dictionaries" / "dutch.dict"
    genders, words = noun_genders(cfsa2_sequences(source.read_bytes()))
    kept = compact(genders, words, single_words(set(genders)))
    header = (
        "# The article of Dutch nouns (de, het, or beide when both are allowed), for the confusion stage.\n"
        "# Made by scripts/build_noun_genders.py from LanguageTool's Dutch dictionary nl/dictionaries/dutch.dict\n"
        "# (lingotweaker-data-nl; TaalTik / R. Baars; CC BY 3.0 or BSD, at your choice). A compound takes the\n"
        "# article of its last part: nouns whose listed ending (with a word or prefix in front) has their\n"
        "# article are left out, except the nouns OpenTaal's hunspell reads as words of their own.\n"
        "# A third column * marks a form that can also be a verb form, adjective or adverb (regent, goed).\n"
    )
    lines = [f"{form}\t{article}" + ("\t*" if other else "") for form, (article, other) in sorted(kept.items())]
    TARGET.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(genders)} singular nouns, {len(kept)} written to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
