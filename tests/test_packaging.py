"""Rule files ship in the wheel and are found from a plain (non-editable) install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if r.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{r.stderr[-2000:]}")
    return next(out.glob("textmend-*.whl"))


def test_every_rule_file_is_in_the_wheel(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = [p for p in (ROOT / "rules").rglob("*") if p.is_file()]
    assert rule_files
    missing = [str(p.relative_to(ROOT)) for p in rule_files if f"textmend/{p.relative_to(ROOT)}" not in names]
    assert missing == []
    assert "textmend/py.typed" in names


def test_installed_wheel_finds_its_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    code = (
        "from textmend.rules import rules_root; import textmend; print(rules_root()); "
        "print(textmend.clean('It\\u00e2\\u20ac\\u2122s').text)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert r.returncode == 0, r.stderr
    root, cleaned = r.stdout.splitlines()
    assert Path(root).resolve().is_relative_to(target.resolve())
    assert cleaned == "It’s"
