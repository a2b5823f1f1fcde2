"""Encoding stage: golden cases, ftfy's own cases, the seeds."""

from __future__ import annotations

import json
from typing import Any

import ftfy
import pytest

from conftest import case_params, load_cases, sample, shared
from textmend.edits import apply_edits
from textmend.stages import encoding


def run(text: str) -> str:
    out = encoding.apply(text, encoding.Options())
    assert apply_edits(text, out.edits) == out.text, "edits must replay to the output"
    return out.text


@pytest.mark.parametrize("case", case_params(load_cases("encoding")))
def test_golden(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", case_params(load_cases("negative")))
def test_negative_unchanged(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["original"]


def _ftfy_cases(name: str) -> list[Any]:
    path = shared("ftfy-cases", f"{name}.json")
    return [pytest.param(c, id=c["label"]) for c in json.loads(path.read_text(encoding="utf-8"))]


def _ftfy_with_our_config(text: str) -> str:
    return ftfy.fix_text(text, config=encoding._ftfy_config("NFC")._replace(explain=False))


@pytest.mark.parametrize("case", _ftfy_cases("in-the-wild") + _ftfy_cases("synthetic"))
def test_ftfy_cases_match_ftfy_with_our_config(case: dict[str, Any]) -> None:
    """Our stage gives what ftfy gives with the news configuration (curly quotes kept, no width folding),
    except that what ftfy leaves (a lone 'Â', bare entities) is repaired as well."""
    expected = _ftfy_with_our_config(case["original"])
    expected = encoding.fix_leftovers(expected).text
    assert run(case["original"]) == expected


@pytest.mark.parametrize("case", _ftfy_cases("negative"))
def test_ftfy_negative_cases_unchanged(case: dict[str, Any]) -> None:
    """Not mojibake: nothing changes beyond what ftfy itself does with our configuration (C1 controls)."""
    assert run(case["original"]) == _ftfy_with_our_config(case["original"])


@pytest.mark.parametrize("case", _ftfy_cases("known-failures"))
@pytest.mark.xfail(strict=True, reason="ftfy's own known failures: a fix here should be noticed")
def test_ftfy_known_failures(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["fixed"]


def test_seed_002_has_no_lone_a_circumflex_left() -> None:
    text = sample("002")
    assert text.count("Â") == 5
    out = encoding.apply(text, encoding.Options())
    assert "Â" not in out.text
    assert [e.rule for e in out.edits] == ["lone_a_circumflex"] * 5


def test_seed_003_entity_word() -> None:
    out = encoding.apply(sample("003"), encoding.Options())
    assert [(e.before, e.after) for e in out.edits] == [(", nbsp", "")]
    assert out.text.endswith("with their consent.")


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_clean_seeds_untouched(prefix: str) -> None:
    text = sample(prefix)
    assert run(text) == text


def test_reason_names_the_mojibake() -> None:
    out = encoding.apply("Itâ€™s", encoding.Options())
    (edit,) = out.edits
    assert edit.reason.startswith("mojibake") and "utf-8" in edit.reason


def test_crlf_kept() -> None:
    assert run("Itâ€™s\r\nfine\r\n") == "It’s\r\nfine\r\n"


def test_disabled_rule() -> None:
    opts = encoding.Options(disabled=frozenset({"lone_a_circumflex"}))
    assert encoding.apply("x.Â\n", opts).text == "x.Â\n"
