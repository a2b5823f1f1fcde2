"""Typography stage: golden cases, clean text untouched, the seeds."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import case_params, load_cases, sample
from textmend.edits import apply_edits
from textmend.stages import typography


def run(text: str) -> str:
    out = typography.apply(text, typography.Options())
    assert apply_edits(text, out.edits) == out.text
    return out.text


@pytest.mark.parametrize("case", case_params(load_cases("typography")))
def test_golden(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", case_params(load_cases("negative")))
def test_negative_unchanged(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["original"]


def test_seed_003_repairs_exactly() -> None:
    out = typography.apply(sample("003"), typography.Options())
    assert [(e.rule, e.before, e.after) for e in out.edits] == [
        ("misplaced_opening_quote", "” Joint Statement”", " “Joint Statement”"),
        ("padded_brackets", "( as they saw it )", " (as they saw it)"),
        ("misplaced_opening_quote", "” as near as lips and teeth”", " “as near as lips and teeth”"),
        ("misplaced_opening_quote", "” G20″", " “G20”"),
    ]


def test_seed_004_non_breaking_hyphens_only() -> None:
    out = typography.apply(sample("004"), typography.Options())
    assert {e.rule for e in out.edits} == {"non_breaking_hyphen"}
    assert "\u2011" not in out.text


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_other_seeds_untouched(prefix: str) -> None:
    text = sample(prefix)
    assert run(text) == text


def test_quote_closing_an_earlier_opener_is_left_alone() -> None:
    text = "“We won,” he said, and left the” room”"
    assert run(text) == text.replace("the” room”", "the “room”")
    text = "“It is done,” he said. Then” more”"
    assert run(text).startswith("“It is done,” he said.")
