"""Session 12's audit by a pipeline integrator: textmend in front of a search index, millions of articles,
through the Python API README documents and through ``textmend clean`` on JSONL with ``--jobs``,
``--resume`` and reports.  Each test is something such a user would try, written from README and
``--help`` before the code was read.  A third of them are held out (``tests/data/pipeline_audit/README.md``
names them): scored at the start and the end of the session, never mended from."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import textmend
from textmend.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

# Encoding and typography only: what these tests look at is the plumbing, not the stages' judgement.
FAST = ["--no-despin", "--no-words", "--no-boilerplate", "--quiet"]
DAMAGED = "Itâ€™s a long” Joint Statement” here."
CLEANED = "It’s a long “Joint Statement” here."


def clean(*args: str | Path, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["clean", *map(str, args)], input=input)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def textmend_proc(*args: str | Path, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "textmend", "clean", *map(str, args)], capture_output=True, env=_env(), **kw
    )


def raw(line: str) -> Any:
    """A JSON value with every number kept as the text it was written as (and a marker for constants)."""
    return json.loads(
        line,
        parse_float=lambda s: ("float", s),
        parse_int=lambda s: ("int", s),
        parse_constant=lambda s: ("CONSTANT", s),
    )


def strict_json(line: str) -> Any:
    def refuse(s: str) -> Any:
        raise ValueError(f"{s} is not JSON")

    return json.loads(line, parse_constant=refuse)


# --- the Python API, as README shows it -------------------------------------------------------------


def test_api_on_a_str() -> None:
    result = textmend.clean(DAMAGED)
    assert result.text == CLEANED
    assert {e.stage for e in result.edits} == {"encoding", "typography"}
    assert result.replay() == result.text


def test_api_on_bytes_decodes_them() -> None:
    """README: raw bytes in UTF-16, Latin-1, cp1252 ... are decoded, not refused.  A user with bytes from
    a crawler hands them over as they are."""
    assert textmend.clean("It’s here.".encode()).text == "It’s here."
    assert textmend.clean("Café déjà vu, “quoted”.".encode("cp1252")).text == "Café déjà vu, “quoted”."
    assert textmend.clean("Hello, world.".encode("utf-16")).text == "Hello, world."


def test_api_on_a_list_is_a_clear_answer() -> None:
    """A list of documents: either cleaned one by one, or a TypeError that says what to do -- never a
    result whose text is the list itself."""
    try:
        out = textmend.clean([DAMAGED, "fine"])  # type: ignore[arg-type]
    except TypeError as e:
        assert "str" in str(e)
        return
    assert [r.text for r in out] == [CLEANED, "fine"]  # type: ignore[union-attr]


def test_api_on_none_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        textmend.clean(None)  # type: ignore[arg-type]


def test_api_unknown_rule_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="space_runs"):
        textmend.clean("x", disable=["typography.space_runs"])


def test_pipeline_reused_over_many_documents() -> None:
    from textmend import Config, Pipeline

    pipeline = Pipeline(Config.discover().with_stages(disable=["despin"]))
    texts = [pipeline.run(doc).text for doc in [DAMAGED, "fine.", DAMAGED]]
    assert texts == [CLEANED, "fine.", CLEANED]
    assert texts[0] == textmend.clean(DAMAGED, disable=["despin"]).text
    stats = pipeline.stats()
    assert json.dumps(stats)  # plain data a user can log
    assert "3" in json.dumps(stats)


# --- JSONL in and out ----------------------------------------------------------------------------------

EXTRA = (
    '{"id": 123456789012345678901234567890, "huge": 1e999, "tiny": -1e-999, "price": 1.10, '
    '"exp": 2.50E+3, "neg0": -0, "u": "caf\\u00e9 \\ud83d\\ude00 \\u2028", "nested": {"a": [1, 2.0, '
    '{"b": null}], "c": {}}, "missing": null, "flag": false, "text": "' + DAMAGED + '"}'
)


def test_jsonl_extra_fields_are_kept_exactly(tmp_path: Path) -> None:
    """Numbers as they were written (1e999 stays 1e999, not Infinity; 1.10 stays 1.10; a 30-digit id
    stays), unicode, nested objects and nulls, in their order; only the text changes and textmend's
    metadata is added."""
    src = tmp_path / "in.jsonl"
    src.write_text(EXTRA + "\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 0, r.output
    (line,) = (tmp_path / "o" / "in.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    strict_json(line)
    got, want = raw(line), raw(EXTRA)
    assert got.pop("text") == CLEANED
    assert "textmend" in got
    got.pop("textmend")
    want.pop("text")
    assert list(got) == list(want)
    assert got == want


def test_jsonl_output_is_always_strict_json(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = ['{"n": 1e999, "text": "a"}', '{"n": -1E400, "text": "b"}', '{"n": [1e309, 1e308], "text": "c"}']
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 0, r.output
    out = (tmp_path / "o" / "in.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert [raw(x)["n"] for x in out] == [raw(x)["n"] for x in lines]
    for x in out:
        strict_json(x)


def test_jsonl_a_record_without_the_text_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    recs = ['{"id": 1, "text": "' + DAMAGED + '"}', '{"id": 2, "title": "no body"}', '{"id": 3, "text": null}']
    src.write_text("\n".join(recs) + "\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "o", *FAST)
    out = (tmp_path / "o" / "in.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(out) == 3
    assert json.loads(out[0])["text"] == CLEANED
    assert out[1] == recs[1] and out[2] == recs[2]
    err = r.stderr
    assert any(str(src) in x and "line 2" in x for x in err.splitlines()), err
    assert any(str(src) in x and "line 3" in x for x in err.splitlines()), err


def test_jsonl_a_broken_line_in_the_middle(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    recs = [json.dumps({"id": i, "text": DAMAGED}) for i in range(5)]
    recs[2] = '{"id": 2, "text": "cut off'
    src.write_text("\n".join(recs) + "\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 1, r.output
    assert any(str(src) in x and "line 3" in x for x in r.stderr.splitlines()), r.stderr
    out = (tmp_path / "o" / "in.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert out[2] == recs[2]
    assert [json.loads(x)["id"] for i, x in enumerate(out) if i != 2] == [0, 1, 3, 4]
    assert all(json.loads(x)["text"] == CLEANED for i, x in enumerate(out) if i != 2)


def test_jsonl_empty_file(tmp_path: Path) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_bytes(b"")
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o" / "empty.jsonl").read_bytes() == b""


def test_jsonl_gz_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress((EXTRA + "\n").encode()))
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 0, r.output
    (line,) = gzip.decompress((tmp_path / "o" / "in.jsonl.gz").read_bytes()).decode().split("\n")[:-1]
    assert raw(line)["huge"] == ("float", "1e999")


def test_jsonl_line_ends_and_last_line_without_one(tmp_path: Path) -> None:
    """A record keeps its line end (CRLF); the last, which had none, is given one, so that outputs can be
    concatenated (this test first expected none: the written-through lines get one by design too)."""
    src = tmp_path / "in.jsonl"
    a, b = json.dumps({"text": DAMAGED}), json.dumps({"text": "fine"})
    src.write_bytes(f"{a}\r\n{b}".encode())
    r = clean(src, "--out", tmp_path / "o", *FAST)
    assert r.exit_code == 0, r.output
    data = (tmp_path / "o" / "in.jsonl").read_bytes()
    first, second = data.split(b"\r\n")
    assert json.loads(first)["text"] == CLEANED
    assert second.endswith(b"\n") and json.loads(second)["text"] == "fine"


def test_report_line_numbers_are_the_input_lines(tmp_path: Path) -> None:
    """With a blank line (dropped, README) and a bad one before it, the report's ``line`` is still the
    line of the input file a user opens in an editor."""
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"text": "a"}}\n\nnot json\n{json.dumps({"text": DAMAGED})}\n', encoding="utf-8")
    clean(src, "--out", tmp_path / "o", "--report", tmp_path / "r.jsonl", *FAST)
    rows = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 4]
    assert rows[1]["edits"]


# --- standard input and output ------------------------------------------------------------------------


def test_stdin_to_stdout_exactly() -> None:
    p = textmend_proc("-", *FAST, input=(DAMAGED + "\n").encode())
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == CLEANED + "\n"


def test_jsonl_to_standard_output(tmp_path: Path) -> None:
    """README: ``--out /dev/stdout`` is written to; a stream of JSONL for the next program."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 7, "text": DAMAGED}) + "\n", encoding="utf-8")
    p = textmend_proc(src, "--out", "/dev/stdout", *FAST)
    assert p.returncode == 0, p.stderr
    (line,) = p.stdout.decode().splitlines()
    assert json.loads(line)["text"] == CLEANED and json.loads(line)["id"] == 7


def test_report_to_standard_output_with_out(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": DAMAGED}) + "\n", encoding="utf-8")
    p = textmend_proc(src, "--out", tmp_path / "o", "--report", "-", *FAST)
    assert p.returncode == 0, p.stderr
    (row,) = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert row["line"] == 1 and len(row["edits"]) == 2


# --- --jobs, --resume, exit status --------------------------------------------------------------------


def _corpus(tmp_path: Path, records: int = 6000) -> Path:
    """A folder of small files and a JSONL file of more than two 512 KB chunks."""
    src = tmp_path / "corpus"
    (src / "sub").mkdir(parents=True)
    for i in range(6):
        (src / ("sub" if i % 2 else ".") / f"f{i}.txt").write_text(f"{i}: {DAMAGED}\n" * (i + 1), encoding="utf-8")
    with (src / "big.jsonl").open("w", encoding="utf-8") as f:
        for i in range(records):
            text = f"Record {i}. {DAMAGED} " + "Plain words of a paragraph go on here. " * 4
            f.write(json.dumps({"id": i, "text": text, "x": 1.10}) + "\n")
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".textmend" not in p.parts
    }


def test_jobs_two_gives_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    assert (src / "big.jsonl").stat().st_size > 3 * 512 * 1024
    outs = {}
    for jobs in ("1", "2"):
        r = clean(src, "--out", tmp_path / f"o{jobs}", "--jobs", jobs, "--report", tmp_path / f"r{jobs}.jsonl", *FAST)
        assert r.exit_code == 0, r.output
        outs[jobs] = _tree(tmp_path / f"o{jobs}")
    assert outs["1"] == outs["2"]
    ids = [json.loads(x)["id"] for x in outs["1"]["big.jsonl"].decode().splitlines()]
    assert ids == list(range(6000))
    assert (tmp_path / "r1.jsonl").read_bytes() == (tmp_path / "r2.jsonl").read_bytes()


def test_an_interrupted_run_resumed_gives_the_same_output(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    for i in range(40):
        (src / f"f{i:02}.txt").write_text(f"{i}: {DAMAGED}\n" * 50, encoding="utf-8")
    whole = clean(src, "--out", tmp_path / "whole", *FAST, "--jobs", "1")
    assert whole.exit_code == 0, whole.output
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "textmend", "clean", str(src), "--out", str(out), "--jobs", "1", "--resume", *FAST],
        env=_env(),
        stderr=subprocess.PIPE,
    )
    # Interrupt it once a few files are written (if it finishes first, --resume has nothing to do).
    while proc.poll() is None and len(list(out.glob("*.txt"))) < 3:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=120)
    assert code in (0, 130), proc.stderr.read() if proc.stderr else ""
    assert not [p for p in out.rglob("*") if p.is_file() and ".textmend" not in p.parts and p.suffix != ".txt"]
    again = clean(src, "--out", out, "--resume", *FAST, "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert _tree(out) == _tree(tmp_path / "whole")


def test_resume_cleans_what_is_new_or_changed(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    (src / "a.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    (src / "b.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert clean(src, "--out", out, "--resume", *FAST).exit_code == 0
    (src / "b.txt").write_text("Changed, ( padded ) now.\n", encoding="utf-8")
    (src / "c.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    r = clean(src, "--out", out, "--resume", *FAST)
    assert r.exit_code == 0, r.output
    assert (out / "b.txt").read_text(encoding="utf-8") == "Changed, (padded) now.\n"
    assert (out / "c.txt").read_text(encoding="utf-8") == CLEANED + "\n"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["IN"], 0),
        (["IN", "--disable", "typography.no_such_rule"], 2),
        (["IN", "--no-such-option"], 2),
        (["MISSING"], 1),
        (["IN", "MISSING"], 1),
        (["BAD"], 1),
    ],
)
def test_exit_status_is_as_readme_says(args: list[str], code: int, tmp_path: Path) -> None:
    good = tmp_path / "in.jsonl"
    good.write_text(json.dumps({"text": DAMAGED}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    names = {"IN": str(good), "MISSING": str(tmp_path / "nope.jsonl"), "BAD": str(bad)}
    out = tmp_path / "o"
    r = clean(*[names.get(a, a) for a in args], "--out", out, *FAST)
    assert r.exit_code == code, r.output
    if code == 2:
        assert not out.exists()
    if "IN" in args and code != 2:
        assert json.loads((out / "in.jsonl").read_text(encoding="utf-8"))["text"] == CLEANED


def test_interrupted_exit_status_is_130(tmp_path: Path) -> None:
    """Ctrl-C while it waits on standard input."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "textmend", "clean", "-", *FAST],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"first line\n")
    proc.stdin.flush()
    # Wait until it blocks reading standard input (the rules are loaded by then or after), then Ctrl-C.
    for _ in range(1200):
        if proc.poll() is not None or _reading_a_pipe(proc.pid):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=120) == 130


def _reading_a_pipe(pid: int) -> bool:
    try:
        return "pipe_read" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


# --- reports --------------------------------------------------------------------------------------------


def test_report_counts_match_the_edits_and_the_api(tmp_path: Path) -> None:
    """Default stages: each report row holds the edits the API makes on that text, and the summary's
    totals are the sum of the rows."""
    texts = [
        DAMAGED,
        "Plain clean text that needs nothing.",
        "He said ,“ We win . ”Then he left( as they saw it ).\nSubscribe to our newsletter\n",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    r = clean(src, "--out", tmp_path / "o", "--report", tmp_path / "r.jsonl", "--jobs", "1")
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    outs = [json.loads(x)["text"] for x in (tmp_path / "o" / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    for text, row, out in zip(texts, rows, outs, strict=True):
        api = textmend.clean(text)
        assert api.text == out
        assert len(row["edits"]) == len(api.edits)
        assert [(e["stage"], e["rule"], e["before"], e["after"]) for e in row["edits"]] == [
            (e.stage, e.rule, e.before, e.after) for e in api.edits
        ]
    total = sum(len(row["edits"]) for row in rows)
    summary = r.stderr.strip().splitlines()[-1]
    assert f"{total} edits" in summary, summary
    by_stage: dict[str, int] = {}
    for row in rows:
        for e in row["edits"]:
            by_stage[e["stage"]] = by_stage.get(e["stage"], 0) + 1
    for stage, n in by_stage.items():
        assert f"{stage} {n}" in summary, summary


# --- memory stays bounded: records are streamed -----------------------------------------------------------


def _peak_kb(src: Path, out: Path, tmp_path: Path) -> int:
    mark = tmp_path / f"peak-{src.stem}.txt"
    code = (
        "import atexit, resource, runpy, sys\n"
        f"atexit.register(lambda: open({str(mark)!r}, 'w').write("
        "str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
        f"sys.argv = ['textmend', 'clean', {str(src)!r}, '--out', {str(out)!r}, '--jobs', '1', '--quiet',"
        " '--no-encoding', '--no-typography', '--no-boilerplate', '--no-despin', '--no-words']\n"
        "runpy.run_module('textmend', run_name='__main__')\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True)
    assert p.returncode == 0, p.stderr
    return int(mark.read_text())


def test_memory_stays_flat_on_a_long_jsonl(tmp_path: Path) -> None:
    """Peak memory of one job on 1 MB and on 40 MB of JSONL (every stage off, so only reading and
    writing is measured): a run that held the file or its records would grow by more than the file."""
    sizes = {}
    for name, n in (("small", 2_000), ("large", 80_000)):
        src = tmp_path / f"{name}.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": i, "text": f"Record {i}. " + "Words of a paragraph. " * 20}) + "\n")
        sizes[name] = src.stat().st_size
        sizes[name + "_peak"] = _peak_kb(src, tmp_path / f"o-{name}", tmp_path)
    assert sizes["large"] > 30 * 2**20
    growth = (sizes["large_peak"] - sizes["small_peak"]) * 1024
    assert growth < sizes["large"] / 3, sizes


# --- help ---------------------------------------------------------------------------------------------------


def test_help_shows_sources_plainly() -> None:
    r = runner.invoke(app, ["clean", "--help"], terminal_width=100)
    assert r.exit_code == 0
    assert "{SOURCES}" not in r.output
    assert "SOURCES..." in r.output
