"""One way to load a catalogue the organisation can extend: the templates and the standard paragraphs.

A catalogue lives in two folders, read in this order: the shipped one (``resources/NAME``) and the
organisation's (``NAME/`` in the machine data folder: ProgramData\\Schrijfhulp or /usr/share/schrijfhulp).
An organisation's item replaces a shipped one with the same key. A file that cannot be used is left
out with a Dutch problem naming it; nothing is silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, TypeVar

from desktop.core import paths
from desktop.core.i18n import _

Origin = Literal["ingebouwd", "organisatie"]
Item = TypeVar("Item")


def catalogue_folders(name: str) -> tuple[tuple[Path, Origin], ...]:
    """The folders of catalogue ``name``, in load order (the organisation's last, so it wins)."""
    return (paths.resources_dir() / name, "ingebouwd"), (paths.machine_data_dir() / name, "organisatie")


def load_catalogue(
    name: str,
    pattern: str,
    read: Callable[[Path, Origin], tuple[Iterable[Item], Iterable[str]]],
    key: Callable[[Item], str],
    folder_problems: Callable[[Path], Iterable[str]] = lambda _folder: (),
) -> tuple[list[Item], list[str]]:
    """Every usable item of catalogue ``name`` and every problem.

    ``read(path, origin)`` turns one file matching ``pattern`` into its usable items and Dutch problems;
    ``key`` names an item (a later one with the same key replaces an earlier one; twice in one folder is a
    problem too); ``folder_problems`` adds problems that concern a folder as a whole. Word's lock files
    (``~$…``) are skipped. The items come in load order.
    """
    found: dict[str, Item] = {}
    problems: list[str] = []
    for folder, origin in catalogue_folders(name):
        if not folder.is_dir():
            continue
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob(pattern)):
            if path.name.startswith("~$"):  # Word's lock file next to an open document
                continue
            items, file_problems = read(path, origin)
            problems.extend(file_problems)
            for item in items:
                name_of = key(item)
                if name_of in seen:
                    problems.append(
                        _("‘{key}’ staat twee keer in {folder}; die in {path} telt.").format(
                            key=name_of, folder=folder, path=path.name
                        )
                    )
                seen[name_of] = path
                found.pop(name_of, None)  # the replacement takes the place of the last one read
                found[name_of] = item
        problems.extend(folder_problems(folder))
    return list(found.values()), problems
