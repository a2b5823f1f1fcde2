"""Rule files are checked before a run: they read, keys are unique, regexes compile and cannot hang."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from textmend.rulecheck import Problem, check_pattern, check_pattern_static, check_rules, main, validate
from textmend.rules import RuleError, rules_root

HEADER = "# Source: tests. Licence: MIT.\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_problem_prints_path_and_line() -> None:
    assert str(Problem("rules/x.regex", 12, "does not compile")) == "rules/x.regex:12: does not compile"


def test_clean_files_have_no_problems(tmp_path: Path) -> None:
    write(tmp_path, "boilerplate/lines.regex", r"^(?:share|tweet|email) this\b" "\n" r"(?i)^\s*subscribe\b.*$" "\n")
    write(tmp_path, "spin/table.tsv", "# columns: spun\tplain\nchilly battle\tcold war\nmentioned\tsaid\n")
    write(tmp_path, "words/list.txt", "counter\nanti\n")
    assert check_rules(tmp_path) == []


def test_redos_pattern_is_caught_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "boilerplate/lines.regex", "^Subscribe\\b\n^(\\w+\\s?)+$\n")
    (problem,) = check_rules(tmp_path)
    assert (problem.path, problem.line) == (str(path), 3)  # line 1 is the header
    assert "catastrophic backtracking" in problem.message
    assert str(problem).startswith(f"{path}:3: catastrophic backtracking")


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w*)*x", r"(a|aa)+$", r"^(\s*\w+\s*)+$", r"(\d+\s?)+x", r"(.*,)+$"])
def test_nested_quantifiers_are_found_statically(pattern: str) -> None:
    message = check_pattern_static(pattern)
    assert message is not None and "catastrophic backtracking" in message


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\w+\s+)+",  # each repetition needs both a word and a space: one way to split
        r"(?:[A-Z][a-z]+\s?)+",  # each repetition starts with a capital
        r"(?:\.\w+)+",
        r"(?>a+)+$",  # atomic: no backtracking into it
        r"(?:a++)+$",  # possessive
        r"(?:\w+\b\s*)+$",  # the word boundary stops a word being split
        r"^(?:[\w'\u2019-]+\s){0,6}said\b",
        r"(?<=\S)[ \t]{2,}(?=\S)",
    ],
)
def test_safe_repeats_are_not_flagged(pattern: str) -> None:
    assert check_pattern(pattern, time_limit=0.5) == []


def test_polynomial_blowup_is_caught_by_timing() -> None:
    # Not nested, so the static check lets it through; three overlapping runs are cubic on 2,000 digits.
    assert check_pattern_static(r"\d+\.?\d+x") is None
    (message,) = check_pattern(r"\d+\.?\d+x")
    assert "takes over" in message and "2,001 characters" in message


def test_pattern_that_does_not_compile(tmp_path: Path) -> None:
    write(tmp_path, "a.regex", "fine\n(unclosed\n")
    (problem,) = check_rules(tmp_path)
    assert problem.line == 3 and problem.message.startswith("does not compile: missing )")


def test_pattern_matching_the_empty_string(tmp_path: Path) -> None:
    write(tmp_path, "a.regex", "(?:share)?\n")
    (problem,) = check_rules(tmp_path)
    assert "matches the empty string" in problem.message


def test_duplicate_and_empty_keys_in_a_tsv(tmp_path: Path) -> None:
    path = write(tmp_path, "spin/t.tsv", "chilly battle\tcold war\n\tnothing\nchilly battle\tcold fight\n")
    assert messages(check_rules(tmp_path)) == [
        f"{path}:3: empty key (the first column is blank)",
        f"{path}:4: duplicate key 'chilly battle' (first on line 2)",
    ]


def test_replacement_cycle(tmp_path: Path) -> None:
    write(tmp_path, "t.tsv", "said\tmentioned\nmentioned\tsaid\n")
    (problem,) = check_rules(tmp_path)
    assert problem.line == 3 and "replacement cycle" in problem.message


def test_duplicate_in_a_list(tmp_path: Path) -> None:
    write(tmp_path, "l.txt", "anti\ncounter\nanti\n")
    (problem,) = check_rules(tmp_path)
    assert problem.line == 4 and "duplicate entry 'anti'" in problem.message


def test_rows_differing_in_a_context_column_are_not_duplicates(tmp_path: Path) -> None:
    """rules/spin lists one spun phrase on several rows with different contexts; a whole row twice is an error."""
    write(
        tmp_path,
        "spin/news.tsv",
        "mentioned\tsaid\tword\timpossible\tbefore=[,;]\\s*$\n"
        "mentioned\tsaid|discussed\tword\tspun\t-\n"
        "grew to become\tbecame\tmwe\tspun\t-\n"
        "grew to become\tbecame\tmwe\tspun\t-\n",
    )
    (problem,) = check_rules(tmp_path)
    assert (problem.line, problem.message) == (5, "the same row twice (first on line 4)")


def test_key_header_names_a_compound_key(tmp_path: Path) -> None:
    write(tmp_path, "t.tsv", "# columns: spun\tplain\tcontext\n# key: spun, context\na\tb\t-\na\tc\tnext=x\na\td\t-\n")
    (problem,) = check_rules(tmp_path)
    assert (problem.line, problem.message) == (6, "duplicate key 'a' + '-' (first on line 4)")


def test_condition_regexes_in_a_tsv_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        "spin/t.tsv",
        "famous\tnoted\tword\tspun\tnext=that && before=(\\w+\\s?)+$\nsaid\ttold\tword\tspun\tafter=\\s+[A-Z\n",
    )
    found = check_rules(tmp_path)
    assert [(p.line, p.message.split(":")[0]) for p in found] == [
        (2, "catastrophic backtracking"),
        (3, "does not compile"),
    ]


def test_after_conditions_are_timed_at_one_place(tmp_path: Path) -> None:
    """'after=' is matched where the phrase ends, not searched: a pattern quadratic under search is fine."""
    slow_when_searched = r"\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[A-Z]|officers|officials|police|reports|sources)\b"
    write(tmp_path, "t.tsv", f"x\ty\tword\tspun\tafter={slow_when_searched}\n")
    assert check_rules(tmp_path) == []


STANZAS = """
[comment_thread.timestamp]
match: regex
where: thread
source: seed 004
pattern: ^(?:{{dates.weekday}},?\\s*)?{{dates.date}}\\s+at\\s+\\d{1,2}:\\d{2}$
example: June 18, 2024 AT 20:25

[comment_thread.reply]
match: regex
source: Reply links
pattern: ^(?:reply|report abuse)$
example: Reply
example: Reply
"""

DEFINES = """
[dates.weekday]
match: define
source: weekday names
pattern: (?:mon|tues|wednes|thurs|fri|satur|sun)day

[dates.date]
match: define
source: dates
pattern: (?:june|july)\\s+\\d{1,2},?\\s+\\d{4}
"""


def test_stanza_files_with_macros(tmp_path: Path) -> None:
    """rules/boilerplate/*.rules: [id] stanzas of 'key: value'; {{family.name}} refers to a 'match: define'."""
    write(tmp_path, "boilerplate/comment_thread.rules", STANZAS)
    write(tmp_path, "boilerplate/dates.rules", DEFINES)
    found = [(Path(p.path).name, p.line, p.message) for p in check_rules(tmp_path)]
    assert found == [("comment_thread.rules", 15, "'example: Reply' given twice in rule [comment_thread.reply]")]


def test_stanza_phrases_differing_in_case_or_trailing_punctuation(tmp_path: Path) -> None:
    write(
        tmp_path,
        "c.rules",
        "[c.form]\nmatch: line\nphrase: Comment\nphrase: comment  *\nphrase: Comments\n"
        "trigger: \u203a\ntrigger: \u00bb\n",
    )
    (problem,) = check_rules(tmp_path)
    assert (problem.line, problem.message) == (5, "'phrase: comment  *' given twice in rule [c.form]")


def test_stanza_problems(tmp_path: Path) -> None:
    write(
        tmp_path,
        "b.rules",
        "stray line\n[b.one]\nmatch: regex\npattern: ^(?:{{nowhere}})$\n[b.two]\nnot a key value\n"
        "pattern: ^(\\s*\\w+\\s*)+$\n[b.one]\npattern: ^ok$\n",
    )
    found = [(p.line, p.message.split(":")[0]) for p in check_rules(tmp_path)]
    assert found == [
        (2, "a rule must start with a [family.name] line"),
        (5, "unknown macro {{nowhere}}"),
        (7, "expected 'key"),
        (8, "catastrophic backtracking"),
        (9, "rule [b.one] given twice (first on line 3)"),
    ]


def test_regex_column_named_in_a_tsv_header(tmp_path: Path) -> None:
    write(
        tmp_path,
        "b.tsv",
        "# columns: id\tpattern\treason\nsubscribe\t^Subscribe\\b\tsubscribe block\nbad\t(a|aa)+$\tx\n",
    )
    (problem,) = check_rules(tmp_path)
    assert problem.line == 4 and "catastrophic" in problem.message


def test_regex_column_named_in_a_first_row(tmp_path: Path) -> None:
    write(tmp_path, "b.tsv", "id\tpattern\nshare\t^Share this\nbroken\t[a-\n")
    (problem,) = check_rules(tmp_path)
    assert problem.line == 4 and "does not compile" in problem.message


def test_format_header_and_flags(tmp_path: Path) -> None:
    write(tmp_path, "p.txt", "# format: regex\n# flags: IGNORECASE\n^share\nshare(\n")
    write(tmp_path, "q.txt", "# format: regex\n# flags: NOSUCHFLAG\n^ok\n")
    found = messages(check_rules(tmp_path))
    assert any(
        m.endswith("p.txt:5: does not compile: missing ), unterminated subpattern at position 5: share(") for m in found
    ), found
    assert any("q.txt:3: unknown regex flag 'NOSUCHFLAG'" in m for m in found), found


def test_regex_engine_header(tmp_path: Path) -> None:
    write(tmp_path, "r.regex", "# engine: regex\n\\p{Lu}\\w+\n(a|a)+$\n")
    (problem,) = check_rules(tmp_path)  # \p{Lu} is fine with the regex module; the second line backtracks
    assert problem.line == 4 and "catastrophic backtracking" in problem.message


def test_not_utf8_and_no_licence(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(b"# Licence: MIT\ncaf\xe9\n")
    (tmp_path / "bare.txt").write_text("word\n")
    (tmp_path / "empty.regex").write_text(HEADER)
    found = messages(check_rules(tmp_path))
    assert f"{tmp_path / 'latin.txt'}:2: is not UTF-8 (byte 0xe9 at offset 18)" in found
    assert any(m.startswith(f"{tmp_path / 'bare.txt'}:1: the header") and "licence" in m for m in found)
    assert f"{tmp_path / 'empty.regex'}:0: holds no rules (only comments and blank lines)" in found


def test_readme_and_hidden_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# rules\n\nprose\n")
    (tmp_path / ".hidden.regex").write_text("(a+)+\n")
    assert check_rules(tmp_path) == []


def test_validate_raises_rule_error(tmp_path: Path) -> None:
    write(tmp_path, "a.regex", "(oops\n")
    with pytest.raises(RuleError, match=r"(?s)1 problem\(s\).*a\.regex:2: does not compile"):
        validate(tmp_path)


def test_off_the_main_thread_a_worker_probes(tmp_path: Path) -> None:
    """A signal handler can be set on the main thread only; elsewhere a child process runs the probes."""
    write(tmp_path, "a.regex", "^ok\n(x+x+)+y\n\\d+\\.?\\d+x\n")
    found: list[Problem] = []
    t = threading.Thread(target=lambda: found.extend(check_rules(tmp_path)))
    t.start()
    t.join(60)
    assert [p.line for p in found] == [3, 4]
    assert "takes over" in found[1].message


@pytest.mark.parametrize("signum", ["SIGVTALRM", "SIGALRM"])
def test_someone_else_timing_with_a_signal_is_left_alone(tmp_path: Path, signum: str) -> None:
    """Another SIGVTALRM handler installed: the probes run in a child process. A SIGALRM handler (the
    pipeline's time cap, which counts the clock's time) is not the probes' CPU timer and stays as it is."""
    import signal

    sig = getattr(signal, signum)
    write(tmp_path, "a.regex", "(x+x+)+y\n\\d+\\.?\\d+x\n")
    rang: list[int] = []
    previous = signal.signal(sig, lambda *_: rang.append(1))
    try:
        found = check_rules(tmp_path)
        assert signal.getsignal(sig) is not previous and not rang
    finally:
        signal.signal(sig, previous)
    assert [p.line for p in found] == [2, 3]


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.regex", "(oops\n")
    assert main([str(tmp_path)]) == 1
    assert f"{tmp_path / 'a.regex'}:2: does not compile" in capsys.readouterr().out


def test_shipped_rules_have_no_problems() -> None:
    """Whatever rule files exist now: every one must pass."""
    problems = check_rules(rules_root())
    assert not problems, "\n".join(str(p) for p in problems)
