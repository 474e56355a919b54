"""installer/README.md names what the packages really are: properties, upgrade code, package names."""

from __future__ import annotations

import re

import pytest

from desktop import __version__
from installer import debian, model_pack, msi
from tests import REPO

pytestmark = pytest.mark.core

README = (REPO / "installer" / "README.md").read_text(encoding="utf-8")


def test_every_msi_property_the_readme_names_exists():
    named = set(re.findall(r"\bPOLICY_[A-Z0-9_]+\b", README))
    assert named, "the README documents the POLICY_* properties"
    assert named <= {prop.name for prop in msi.policy_properties()}
    for prop in msi.policy_properties():  # the naming rule the README states
        assert prop.name == "POLICY_" + prop.setting.key.upper().replace(".", "_")


def test_the_readme_gives_the_real_upgrade_code_and_package_names():
    assert "{" + msi.UPGRADE_CODE + "}" in README
    assert f"{debian.PACKAGE}_{__version__}_amd64.deb" in README
    assert f"Schrijfhulp-{msi.msi_version()}-x64.msi" in README
    assert model_pack.package_name("qwen2.5-coder-1.5b-instruct-q4_k_m") in README
