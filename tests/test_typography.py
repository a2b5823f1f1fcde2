"""Typography stage: golden cases, clean text untouched, the seeds."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_SIGNS = "ab,;:( )\t\n\r\u00a0\u201d\u201c\u2033.-x"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_SIGNS, max_size=30), st.integers(min_value=0, max_value=30))
def test_gates_and_quote_regex_as_before(text: str, pos: int) -> None:
    """The faster gates answer as the plain substring tests did, and the quote regex that starts with the
    quote mark finds what the one with the lookbehind before it found, from any position."""
    assert typography._may_pad_brackets(text) == (
        "(" in text and ")" in text and any(s in text for s in ("( ", " )", "(\t", "\t)"))
    )
    assert typography._has_trailing_space(text) == any(
        sign in text for sign in (" \n", "\t\n", "\u00a0\n", " \r", "\t\r", "\u00a0\r")
    )
    before = re.compile(
        r"(?<=[\w,;:])\u201d[ \t]+(?=[^\s\u201c\u201d\u2033])([^\n\u201c\u201d\u2033]{1,120}?[^\s\u201c\u201d\u2033])"
        r"[\u201d\u2033](?=[\s.,;:!?)\]\u2014\u2013-]|$)"
    )
    pos = min(pos, len(text))
    a, b = before.search(text, pos), typography._MISPLACED_OPENER.search(text, pos)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
