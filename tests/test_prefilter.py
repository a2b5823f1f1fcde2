"""The RE2 line prefilter: it may name too many lines, never too few.

The boilerplate stage matches its regex rules with Python's ``re`` only on the lines the prefilter
names, so a line it missed would be a rule silently not applied.  These tests check the parts the
loosening rests on (Python's case folding, its character categories) against every code point, each
rule's own examples, random lines built from them, and the stage's output with and without it.
"""

from __future__ import annotations

import _sre
import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import sample, shared
from textmend import prefilter
from textmend.stages import boilerplate

pytest.importorskip("re2")


def test_irregular_lower_case_table_is_this_pythons() -> None:
    assert prefilter.derive_irregular_lower() == prefilter.IRREGULAR_LOWER


@pytest.mark.parametrize("ch", ["a", "i", "k", "s", "I", "K", "ß", "å", "θ", "ω", "ⓒ", "é", "İ", "ı", "ſ", "µ", "1"])
def test_fold_is_exactly_what_re_matches_under_ignorecase(ch: str) -> None:
    compiled = re.compile(re.escape(ch), re.IGNORECASE)
    # every cased character is below U+20000 (checked in the next test)
    matched = {chr(c) for c in range(0x20000) if compiled.fullmatch(chr(c))}
    assert matched == set(prefilter._fold(ch))


def test_no_cased_character_above_the_folding_range() -> None:
    for code in range(0x20000, sys.maxunicode + 1):
        assert _sre.unicode_tolower(code) == code and chr(code).upper() == chr(code)


def test_loosened_categories_hold_pythons() -> None:
    import re2

    for cat in (r"\w", r"\d", r"\s"):
        loose = re2.compile(prefilter.loosen(cat).text)
        strict = re.compile(cat)
        for code in [*range(0x80), 0xA0, 0xE9, 0x660, 0x2003, 0x3000, 0x4E00, 0x10400]:
            if code != 0x0A and strict.fullmatch(chr(code)):
                assert loose.fullmatch(chr(code)), (cat, hex(code))


# --------------------------------------------------------------------------------- the boilerplate rules


def _rules() -> tuple[boilerplate.RuleSet, prefilter.LinePrefilter]:
    rs = boilerplate.ruleset()
    assert rs.main_prefilter is not None
    return rs, rs.main_prefilter


def _check(rs: boilerplate.RuleSet, pf: prefilter.LinePrefilter, lines: list[str]) -> None:
    """Every line a main rule matches is named, and so is the rule."""
    cores = [boilerplate.normalize(x) for x in lines]
    named = pf.lines("\n".join(cores))
    for k, core in enumerate(cores):
        for j, compiled in enumerate(rs.main.compiled):
            if compiled.match(core):
                assert k in named, (rs.main.rules[j].id, core)
                assert j in pf.patterns(core), (rs.main.rules[j].id, core)


def test_every_example_of_every_regex_rule_is_named() -> None:
    rs, pf = _rules()
    examples = [x for r in rs.main.rules for x in (*r.examples, *r.keeps)]
    assert len(examples) > 100
    _check(rs, pf, examples)


# Characters that fold or space in unusual ways, to mix into the examples.
_ODD = ["ı", "İ", "K", "ſ", "\u00a0", "\u2009", "É", "ß", "ẞ", "Ω", "©", "ⓒ", "١", "\t", " "]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_examples_are_named(data: st.DataObject) -> None:
    rs, pf = _rules()
    examples = [x for r in rs.main.rules for x in r.examples]
    line = data.draw(st.sampled_from(examples))
    for _ in range(data.draw(st.integers(0, 4))):
        pos = data.draw(st.integers(0, len(line)))
        op = data.draw(st.sampled_from(["upper", "lower", "odd", "cut", "join"]))
        if op == "upper":
            line = line[:pos] + line[pos:].upper()
        elif op == "lower":
            line = line[:pos].lower() + line[pos:]
        elif op == "odd":
            line = line[:pos] + data.draw(st.sampled_from(_ODD)) + line[pos + 1 :]
        elif op == "cut":
            line = line[:pos]
        else:
            line = line[:pos] + data.draw(st.sampled_from(examples))
    _check(rs, pf, [line, "Some text before it.", line.lower()])


def test_stage_output_is_the_same_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [sample(f"00{n}") for n in range(5)]
    aeb = shared("aeb", "aeb_pages_text.jsonl")
    rows = [json.loads(line) for line in aeb.read_text(encoding="utf-8").splitlines()[:60]]
    texts += [r[f] or "" for r in rows for f in ("fullpage_text_html_text", "trafilatura_2_3_1_text")]
    options = boilerplate.Options()
    with_prefilter = [boilerplate.apply(t, options) for t in texts]
    monkeypatch.setattr(boilerplate.ruleset(), "main_prefilter", None)
    without = [boilerplate.apply(t, options) for t in texts]
    assert [(o.text, o.edits, o.meta) for o in with_prefilter] == [(o.text, o.edits, o.meta) for o in without]


def test_stage_output_is_the_same_matching_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the prefilter is built (the first 2,000 lines a process reads) every main regex is tried on
    every line, one by one: the same output as with the prefilter, on the samples and whole AEB pages."""
    texts = [sample(f"00{n}") for n in range(5)]
    aeb = shared("aeb", "aeb_pages_text.jsonl")
    rows = [json.loads(line) for line in aeb.read_text(encoding="utf-8").splitlines()[:60]]
    texts += [r[f] or "" for r in rows for f in ("fullpage_text_html_text", "trafilatura_2_3_1_text")]
    options = boilerplate.Options()
    rs = boilerplate.ruleset()
    built = rs.main_prefilter
    assert built is not None
    monkeypatch.setattr(rs, "line_filter", lambda lines: (built, False))
    with_prefilter = [boilerplate.apply(t, options) for t in texts]
    monkeypatch.setattr(rs, "line_filter", lambda lines: (None, True))
    one_by_one = [boilerplate.apply(t, options) for t in texts]
    assert [(o.text, o.edits, o.meta) for o in with_prefilter] == [(o.text, o.edits, o.meta) for o in one_by_one]


def test_the_prefilter_is_built_after_the_first_lines() -> None:
    rs = boilerplate.load_rules()  # a rule set of its own: the shared one's prefilter may be built already
    assert rs.line_filter(10) == (None, True)
    assert rs.line_filter(boilerplate.UNFILTERED_LINES - 10) == (None, True)
    assert "main_prefilter" not in rs.__dict__  # not built yet: a one-document run never pays for it
    pf, one_by_one = rs.line_filter(1)
    assert pf is not None and not one_by_one
    assert rs.line_filter(1) == (pf, False)
    big = boilerplate.load_rules()
    pf, one_by_one = big.line_filter(boilerplate.UNFILTERED_LINES + 1)  # a long page: built at once
    assert pf is not None and not one_by_one


def test_share_builds_the_prefilter_before_workers_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    from textmend import stages

    rs = boilerplate.load_rules()
    monkeypatch.setattr(boilerplate, "ruleset", lambda: rs)
    stages.prepare("boilerplate", boilerplate.Options())
    assert "main_prefilter" not in rs.__dict__
    stages.share("boilerplate", boilerplate.Options())
    assert rs.__dict__["main_prefilter"] is not None


def test_a_lone_surrogate_makes_every_line_a_candidate() -> None:
    """UTF-8 cannot carry a lone surrogate (JSON can: "\\ud800") to RE2: the prefilter names every line
    and every rule instead of failing, and the stage works as without it."""
    rs, pf = _rules()
    text = "Hello \ud800 world.\nShare this article\nThe council voted on Tuesday to close the old bridge."
    assert pf.lines(text) == {0, 1, 2}
    assert pf.patterns("\ud800 Copyright 2019") == list(range(len(rs.main.rules)))
    out = boilerplate.apply(text, boilerplate.Options())
    assert [e.rule for e in out.edits] == ["share.buttons"]
