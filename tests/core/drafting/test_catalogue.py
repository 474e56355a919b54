"""The one catalogue loader behind the templates and the standard paragraphs: shipped first, the organisation's
replace them, problems name the file, Word's lock files are skipped."""

from __future__ import annotations

import shutil

import pytest

from desktop.core import paths
from desktop.core.drafting.bouwstenen import load_bouwstenen
from desktop.core.drafting.catalogue import catalogue_folders, load_catalogue
from desktop.core.drafting.templates import load_templates

pytestmark = pytest.mark.core

ITEM = """
[[bouwsteen]]
id = "dubbel"
title = "{title}"
text = "Tekst {title}."
"""


def test_the_shipped_folder_comes_first_and_the_organisation_last() -> None:
    (shipped, first), (organisation, last) = catalogue_folders("templates")
    assert (shipped, first) == (paths.resources_dir() / "templates", "ingebouwd")
    assert (organisation, last) == (paths.machine_data_dir() / "templates", "organisatie")


def test_the_same_key_twice_in_one_folder_is_a_problem_and_the_last_counts() -> None:
    folder = paths.machine_data_dir() / "bouwstenen"
    folder.mkdir(parents=True)
    (folder / "a.toml").write_text(ITEM.format(title="Eerste"), encoding="utf-8")
    (folder / "b.toml").write_text(ITEM.format(title="Tweede"), encoding="utf-8")
    catalog = load_bouwstenen()
    assert catalog.get("dubbel").title == "Tweede"
    assert catalog.problems == (f"‘dubbel’ staat twee keer in {folder}; die in b.toml telt.",)


def test_a_word_lock_file_is_skipped_and_an_orphan_sidecar_is_reported() -> None:
    folder = paths.machine_data_dir() / "templates"
    folder.mkdir(parents=True)
    shipped = paths.resources_dir() / "templates"
    shutil.copy(shipped / "ontvangstbevestiging.docx", folder / "~$tvangstbevestiging.docx")
    (folder / "wees.toml").write_text('title = "Wees"\nkind = "brief"\n', encoding="utf-8")
    catalog = load_templates()
    assert catalog.problems == (
        f"Bij het sjabloon {folder / 'wees.toml'} hoort geen .docx-bestand met dezelfde naam.",)
    assert all(not t.name.startswith("~$") for t in catalog.templates)


def test_read_problems_and_items_are_collected_in_load_order() -> None:
    folder = paths.machine_data_dir() / "proef"
    folder.mkdir(parents=True)
    for name in ("b.txt", "a.txt", "c.txt"):
        (folder / name).write_text(name, encoding="utf-8")

    def read(path, origin):
        text = path.read_text(encoding="utf-8")
        return ([(text, origin)], []) if text != "b.txt" else ([], [f"{path.name} is stuk"])

    items, problems = load_catalogue("proef", "*.txt", read, lambda item: item[0])
    assert items == [("a.txt", "organisatie"), ("c.txt", "organisatie")] and problems == ["b.txt is stuk"]
