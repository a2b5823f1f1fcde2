"""Every stage lists the rule names its edits can carry; ``--disable`` refuses a name not listed.

A misspelled rule switched off used to switch nothing off, in silence.  The lists cannot fall behind
the code: every rule name written in a stage's source, and every rule an edit carries over the test
corpora and the samples, must be in its stage's list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, SAMPLES, shared
from textmend import stages
from textmend.cli import app
from textmend.config import Config, ConfigError
from textmend.pipeline import Pipeline

STAGE_SOURCES = ROOT / "src" / "textmend" / "stages"


def names(stage: str) -> frozenset[str]:
    return stages.rule_names(stage, stages.load(stage).Options())


@pytest.mark.parametrize("stage", stages.ORDER)
def test_every_stage_lists_its_rules(stage: str) -> None:
    listed = names(stage)
    assert listed, stage
    assert all(re.fullmatch(r"[A-Za-z0-9_]+(\.[a-z0-9_]+)?", n) for n in listed), sorted(listed)


#: Rule names as the stages' source writes them: ``rule="..."``, ``rule = "..."``, ``RULE = "..."``, a
#: boilerplate line removed under a literal id, a bracket rule's name.
_IN_SOURCE = re.compile(
    r"""\brule\s*=\s*"([a-z_]+)"|_RULE\s*=\s*"([a-z_]+)"|^RULE\s*=\s*"([a-z_]+)"|"""
    r"""\.remove\(\s*\w+,\s*"[a-z_]+",\s*"([a-z_]+\.[a-z_]+)"|_brackets\(c, \w+, "([a-z_]+)"\)""",
    re.M,
)


@pytest.mark.parametrize("stage", ["encoding", "typography", "boilerplate", "words"])
def test_rule_names_in_the_source_are_listed(stage: str) -> None:
    source = (STAGE_SOURCES / f"{stage}.py").read_text(encoding="utf-8")
    written = {next(g for g in m.groups() if g) for m in _IN_SOURCE.finditer(source)}
    assert len(written) >= 2
    assert written <= names(stage), sorted(written - names(stage))


def test_despin_rules_are_table_and_status() -> None:
    from textmend.stages import despin

    for table in despin.TABLES:
        for status in despin.STATUSES:
            assert f"{table.removesuffix('.tsv')}.{status}" in names("despin")


def test_boilerplate_lists_every_rule_file_id_and_family() -> None:
    from textmend.stages import boilerplate

    listed = names("boilerplate")
    rs = boilerplate.ruleset()
    assert set(rs.by_id) <= listed
    assert set(rs.families) <= listed
    assert {"page_furniture", "repeated", "teaser.kicker", "share.trailing"} <= listed


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _corpus() -> Iterator[str]:
    """Every text of the test data (each string of the JSON case files, each text file) and the samples."""
    for path in sorted(DATA.rglob("*")):
        if path.name.endswith(".json"):
            yield from (s for s in _strings(json.loads(path.read_text(encoding="utf-8"))) if len(s) >= 3)
        elif path.suffix == ".txt":
            yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(SAMPLES.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def test_every_rule_an_edit_carries_is_listed() -> None:
    pipeline = Pipeline(Config())
    seen: dict[str, set[str]] = {}
    for text in _corpus():
        for e in pipeline.run(text).edits:
            seen.setdefault(e.stage, set()).add(e.rule)
    assert {"encoding", "typography", "boilerplate", "despin", "words"} <= set(seen)
    for stage, rules in seen.items():
        assert rules <= names(stage), (stage, sorted(rules - names(stage)))


def test_every_rule_an_edit_carries_on_aeb_pages_is_listed() -> None:
    """The AEB pages (whole pages and trafilatura's text) bring boilerplate's structural rules out."""
    aeb = shared("aeb", "aeb_pages_text.jsonl")
    rows = [json.loads(line) for line in aeb.read_text(encoding="utf-8").splitlines()]
    pipeline = Pipeline(Config())
    seen: set[tuple[str, str]] = set()
    for row in rows:
        for field in ("fullpage_text_html_text", "trafilatura_2_3_1_text"):
            seen.update((e.stage, e.rule) for e in pipeline.run(row[field] or "").edits)
    assert len(seen) > 100
    assert [(s, r) for s, r in sorted(seen) if r not in names(s)] == []


@pytest.mark.parametrize("stage", ["encoding", "typography", "boilerplate", "despin", "words"])
def test_every_listed_name_can_be_disabled(stage: str) -> None:
    cfg = Config().with_disabled_rules(f"{stage}.{n}" for n in names(stage))
    assert cfg.options[stage].disabled == names(stage)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("typography.space_runs", "no rule 'typography.space_runs'; did you mean 'typography.space_run'?"),
        ("encoding.space_run", "no rule 'encoding.space_run'; did you mean 'typography.space_run'?"),
        ("boilerplate.shar", "no rule 'boilerplate.shar'; did you mean 'boilerplate.share'?"),
        ("boilerplate.share.follow_uss", "did you mean 'boilerplate.share.follow'?"),
        ("words.glued_words", "did you mean 'words.glued_word'?"),
        ("typography.zzzz", "no rule 'typography.zzzz'; 'textmend rules list' prints the names"),
        ("typograhpy.space_run", "no stage 'typograhpy'; did you mean 'typography'?"),
        ("despin.news.spn", "did you mean 'despin.news.spun'?"),
        ("despin.nws", "did you mean 'despin.news'?"),
    ],
)
def test_an_unknown_name_is_an_error_with_a_suggestion(name: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        Config().with_disabled_rules([name])


def test_config_file_and_stage_table_are_checked(tmp_path: Path) -> None:
    top = tmp_path / "top.toml"
    top.write_text('disable = ["typography.spce_run"]\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"top.toml: no rule 'typography.spce_run'; did you mean 'typography.space_run'"
    ):
        Config.from_file(top)
    table = tmp_path / "table.toml"
    table.write_text('[boilerplate]\ndisabled = ["share", "cokie"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no rule 'boilerplate.cokie'; did you mean 'boilerplate.cookie'"):
        Config.from_file(table)


def test_python_api_refuses_an_unknown_rule() -> None:
    import textmend

    with pytest.raises(ValueError, match=re.escape("did you mean 'typography.trailing_space'")):
        textmend.clean("a  b", disable=["typography.trailing_spaces"])
    assert textmend.clean("a  b", disable=["typography.space_run"], stages=["typography"]).text == "a  b"


def test_cli_exits_2_before_any_file_is_touched(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("a  b\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["clean", str(src), "--in-place", "--disable", "typography.space_rum"])
    assert r.exit_code == 2
    assert "no rule 'typography.space_rum'; did you mean 'typography.space_run'?" in r.stderr
    assert src.read_text(encoding="utf-8") == "a  b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_rules_list_command() -> None:
    r = CliRunner().invoke(app, ["rules", "list"])
    assert r.exit_code == 0, r.output
    printed = set(r.stdout.split())
    for stage in stages.ORDER:
        assert {f"{stage}.{n}" for n in names(stage)} <= printed
    r = CliRunner().invoke(app, ["rules", "list", "words"])
    glued = ["glued_capital", "glued_name", "glued_number", "glued_possessive", "glued_start", "glued_word"]
    assert r.stdout.split() == [f"words.{n}" for n in glued]
    r = CliRunner().invoke(app, ["rules", "list", "nope"])
    assert r.exit_code == 2


def test_despin_rules_switch_off_one_by_one(tmp_path: Path) -> None:
    """``--disable despin.news.ambiguous`` (and a table, ``despin.tortured``) works as for the other
    stages: no edit of that rule, the others made, the spin score the same (session 9)."""
    spun = ROOT / "benchmarks" / "data" / "spin_pairs" / "dev" / "01_spun.txt"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(spun.read_text(encoding="utf-8"), encoding="utf-8")
    reports = {}
    for name, extra in [("all", []), ("off", ["--disable", "despin.news.ambiguous", "--disable", "despin.tortured"])]:
        report = tmp_path / f"{name}.jsonl"
        args = ["clean", str(src), "--out", str(tmp_path / name), "--report", str(report), "--quiet", *extra]
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 0, r.output
        reports[name] = json.loads(report.read_text(encoding="utf-8").splitlines()[0])
    rules = {n: [e["rule"] for e in rep["edits"] if e["stage"] == "despin"] for n, rep in reports.items()}
    assert "news.ambiguous" in rules["all"] and "news.spun" in rules["all"]
    assert "news.ambiguous" not in rules["off"] and "news.spun" in rules["off"]
    assert not [r for r in rules["off"] if r.startswith("tortured")]
    assert reports["off"]["meta"]["spin_score"] == reports["all"]["meta"]["spin_score"]
    cfg = Config().with_disabled_rules(["despin.news", "despin.tortured.spun"])
    assert cfg.options["despin"].disabled == {"news", "tortured.spun"}
    assert "despin" in cfg.stages
