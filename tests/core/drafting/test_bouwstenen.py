"""Standard paragraphs: the shipped ones load, search ranks and folds accents, placeholders fill, the
organisation's extend and replace them, and a bad entry is reported naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.drafting.bouwstenen import BouwsteenError, load_bouwstenen
from desktop.core.drafting.templates import MARKER
from desktop.core.model.guards.facts import extract_facts

pytestmark = pytest.mark.core


def _organisation_file(name: str, text: str) -> Path:
    folder = paths.machine_data_dir() / "bouwstenen"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_bouwstenen_load_without_problems() -> None:
    catalog = load_bouwstenen()
    assert catalog.problems == ()
    assert len(catalog.items) >= 12
    assert len({item.id for item in catalog.items}) == len(catalog.items)
    for item in catalog.items:
        assert item.origin == "ingebouwd" and item.title and item.tags and item.text
        assert "\n" not in item.text and not MARKER.sub("", item.text).count("{")
        for spec in item.fields():
            assert spec.key in item.placeholders and spec.label


def test_search_needs_every_word_ranks_title_hits_first_and_ignores_accents_and_case() -> None:
    catalog = load_bouwstenen()
    inkomen = [item.id for item in catalog.search("INKOMEN")]
    assert inkomen[:2] == ["inkomen-boven-grens", "inkomen-onder-grens"]  # in the title
    assert "wijzigingen-doorgeven" in inkomen  # only in the text
    assert [item.id for item in catalog.search("inkomen afwijzing")] == ["inkomen-boven-grens"]
    assert [item.id for item in catalog.search("persoonlijke beleidsopvattingen")] == [
        "woo-persoonlijke-beleidsopvattingen"
    ]
    assert catalog.search("wasmachine") == []
    assert {item.id for item in catalog.search("", tags=["Woo"])} == {
        "woo-persoonsgegevens",
        "woo-persoonlijke-beleidsopvattingen",
        "woo-openbaar-voor-iedereen",
    }
    assert len(catalog.search("")) == len(catalog.items)


def test_accented_queries_find_plain_text_and_the_other_way_round() -> None:
    _organisation_file(
        "eigen.toml",
        '[[bouwsteen]]\nid = "geind-bedrag"\ntitle = "Bedrag geïnd"\ntags = ["invordering"]\n'
        'text = "Wij hebben het bedrag geïnd."\n',
    )
    catalog = load_bouwstenen()
    assert [item.id for item in catalog.search("geind")] == ["geind-bedrag"]
    assert [item.id for item in catalog.search("GEÏND")] == ["geind-bedrag"]


def test_placeholders_fill_from_the_fields_and_a_missing_value_is_named() -> None:
    item = load_bouwstenen().get("inkomen-boven-grens")
    assert item.placeholders == ("onderwerp", "inkomensgrens", "regeling", "inkomen")
    labels = {spec.key: spec.label for spec in item.fields()}
    assert labels["inkomensgrens"] == "Inkomensgrens per maand"
    assert labels["onderwerp"] == "onderwerp"  # not declared: a text field named after the key
    values = {
        "onderwerp": "bijzondere bijstand",
        "inkomensgrens": "€ 1.850,00",
        "regeling": "artikel 6 van de Verordening bijzondere bijstand",
        "inkomen": "€ 2.120,00",
    }
    text = item.fill(values)
    assert "lager is dan € 1.850,00 per maand" in text and "{{" not in text
    assert {f.text for f in extract_facts(text) if f.kind == "amount"} == {"€ 1.850,00", "€ 2.120,00"}
    with pytest.raises(BouwsteenError, match="nog nodig: Inkomen van de aanvrager per maand"):
        item.fill({**values, "inkomen": " "})


def test_an_unknown_id_is_a_dutch_error() -> None:
    with pytest.raises(BouwsteenError, match="Onbekende standaardtekst ‘bestaat-niet’"):
        load_bouwstenen().get("bestaat-niet")


def test_the_organisation_adds_and_replaces_and_bad_entries_are_reported_with_the_file() -> None:
    _organisation_file(
        "gemeente.toml",
        """
[[bouwsteen]]
id = "betaling-bedrag"
title = "Betaling via de gemeente"
tags = ["betaling"]
text = "Wij betalen het bedrag binnen vijf werkdagen."

[[bouwsteen]]
id = "parkeren-ontheffing"
title = "Ontheffing parkeren"
tags = ["parkeren"]
text = "U mag parkeren op {{locatie}}."

[[bouwsteen]]
id = "Fout ID"
title = "Kapot"
text = "Tekst"

[[bouwsteen]]
id = "zonder-tekst"
title = "Zonder tekst"

[[bouwsteen]]
id = "los-veld"
title = "Los veld"
text = "Alleen {{a}} en {{b"

[[bouwsteen.fields]]
key = "c"
label = "C"
""",
    )
    _organisation_file("stuk.toml", "[[bouwsteen]\n")
    catalog = load_bouwstenen()
    assert catalog.get("betaling-bedrag").text == "Wij betalen het bedrag binnen vijf werkdagen."
    assert catalog.get("betaling-bedrag").origin == "organisatie"
    assert catalog.get("parkeren-ontheffing").placeholders == ("locatie",)
    problems = "\n".join(catalog.problems)
    assert "gemeente.toml" in problems and "stuk.toml" in problems
    assert "‘Fout ID’" in problems and "‘zonder-tekst’" in problems and "‘text’ ontbreekt" in problems
    assert "onvolledige plaatshouder" in problems and "‘c’ komt niet voor in de tekst" in problems
    for bad in ("zonder-tekst", "los-veld"):
        with pytest.raises(BouwsteenError):
            catalog.get(bad)
