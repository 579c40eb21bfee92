"""One policy for other packages' internals (handbook/patches/pins.py): every module that
relies on them is registered, the installed versions are the verified ones, and any other
version stops the build with a message that names the module and what to do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from handbook.patches import pins

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_versions_are_the_verified_ones():
    for internal in pins.INTERNALS:
        assert pins.problems(internal.module) == [], internal


def test_each_registered_module_exists_and_calls_require():
    for module in {internal.module for internal in pins.INTERNALS}:
        path = ROOT / Path(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        assert "pins.require(__name__)" in path.read_text(encoding="utf-8"), module


def test_the_pins_agree_with_constraints():
    constraints = dict(
        line.split("==", 1)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    names = {name.lower().replace("_", "-"): value for name, value in constraints.items()}
    for internal in pins.INTERNALS:
        assert internal.package in names, internal.package
        assert pins.SpecifierSet(internal.verified).contains(names[internal.package]), internal
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "furo==2025.12.19" in dependencies["project"]["dependencies"]


@pytest.mark.parametrize("package", sorted({internal.package for internal in pins.INTERNALS}))
def test_another_version_is_an_error_naming_each_module(monkeypatch, package):
    real = pins.installed
    monkeypatch.setattr(pins, "installed", lambda p: "0.0.1" if p == package else real(p))
    for internal in pins.INTERNALS:
        if internal.package != package:
            continue
        with pytest.raises(pins.InternalsChanged) as raised:
            pins.require(internal.module)
        message = str(raised.value)
        assert re.search(rf"{re.escape(internal.module)} relies on {package}'s internals", message)
        assert "0.0.1 is installed" in message and internal.tested_by in message
