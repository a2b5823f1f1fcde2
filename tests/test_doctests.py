"""The examples in docstrings run, against the installed package (not the checkout's src/)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import textmend

MODULES = sorted(m.name for m in pkgutil.walk_packages(textmend.__path__, "textmend.") if m.name != "textmend.__main__")


@pytest.mark.parametrize("name", ["textmend", *MODULES])
def test_doctests(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an optional extra (e.g. ray) that is not installed
        pytest.skip(f"{name} needs an optional dependency: {exc}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
