"""Shared fixtures: where the samples and the shared reference data are."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared" / "data"


def sample(prefix: str) -> str:
    """The text of the sample whose name starts with ``prefix`` ('000' ... '004')."""
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def load_cases(name: str) -> list[dict[str, Any]]:
    """Golden cases ``{label, comment, original, expected}`` from ``tests/data/NAME.json``."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def case_params(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(c, id=c["label"]) for c in cases]


def fresh3_params(name: str, known: dict[str, str]) -> list[Any]:
    """The cases of ``tests/data/NAME.json``, those in ``known`` as strict xfails (a fix must be noticed)."""
    cases = load_cases(name)
    assert set(known) <= {c["label"] for c in cases}, "a known failure names no case"
    return [
        pytest.param(c, id=c["label"], marks=[pytest.mark.xfail(strict=True, reason=known[c["label"]])])
        if c["label"] in known
        else pytest.param(c, id=c["label"])
        for c in cases
    ]


def shared(*parts: str) -> Path:
    """A path in ../shared/data; the test is skipped (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared reference data not found at {path}")
    return path


def benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module, loaded once, so that a test checks figures by the benchmark's own
    definition of them.  Registered in ``sys.modules`` (as ``<name>_benchmark``) before it runs: its
    dataclasses look their module up there."""
    key = f"{name}_benchmark"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """An input folder with one good file in it (a file with mojibake to mend), for the CLI's tests."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "good.txt").write_text("Itâ€™s fine.\n", encoding="utf-8")
    return folder
