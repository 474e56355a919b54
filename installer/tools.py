"""The command-line tools packaging relies on, and the error raised when a package cannot be built."""

from __future__ import annotations

import shutil

# The Debian package that provides each tool, for the error message.
PROVIDERS = {
    "dpkg-deb": "dpkg",
    "dpkg-query": "dpkg",
    "readelf": "binutils",
    "wixl": "wixl",
    "msiinfo": "msitools",
    "msibuild": "msitools",
}


class PackagingError(Exception):
    """A package could not be built; the message says why."""


def require_tool(name: str) -> str:
    """The path of a build tool, or PackagingError naming the Debian package that provides it."""
    path = shutil.which(name)
    if path is None:
        raise PackagingError(f"{name} is missing: install the Debian package {PROVIDERS.get(name, name)}")
    return path
