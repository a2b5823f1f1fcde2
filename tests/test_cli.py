"""The command line, through typer's runner and once through the installed executable."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from textmend.cli import app

runner = CliRunner()

FAST = ["--no-boilerplate", "--no-despin", "--no-words"]


def invoke(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_stdin_to_stdout() -> None:
    r = invoke("clean", "-", input="Itâ€™s\n".encode())
    assert r.exit_code == 0, r.output
    assert r.stdout == "It’s\n"


def test_folder_needs_out(tmp_path: Path) -> None:
    r = invoke("clean", str(tmp_path))
    assert r.exit_code == 2
    assert "--out" in r.stderr


def test_clean_samples_into_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.jsonl"
    r = invoke("clean", str(SAMPLES), "--out", str(out), "--report", str(report), *FAST)
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert "Â" not in (out / names[2]).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5 and all("edits" in row and "meta" in row for row in rows)
    assert "5 files, 5 documents" in r.stderr


def test_mirrors_tree_and_skips_unknown(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "x.txt").write_text("Itâ€™s")
    (src / "a" / "photo.png").write_bytes(b"\x89PNG")
    r = invoke("clean", str(src), "--out", str(tmp_path / "out"), *FAST)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "a" / "b" / "x.txt").read_text() == "It’s"


def test_bad_file_is_reported_and_others_written(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Itâ€™s")
    (src / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    r = invoke("clean", str(src), "--out", str(tmp_path / "out"), *FAST)
    assert r.exit_code == 1
    assert f"textmend: {src / 'bad.txt'}: looks like a binary file" in r.stderr
    assert "Traceback" not in r.output
    assert (tmp_path / "out" / "good.txt").read_text() == "It’s"


def test_jsonl_keeps_fields_and_reports_bad_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Itâ€™s"}\n{broken\n{"id": 3, "text": "fine"}\n')
    out = tmp_path / "out"
    r = invoke("clean", str(src), "--out", str(out), *FAST)
    assert r.exit_code == 1
    assert "line 2: not valid JSON" in r.stderr
    lines = (out / "in.jsonl").read_text().splitlines()
    assert lines[1] == "{broken"  # written through unchanged: no record is lost
    rows = [json.loads(lines[0]), json.loads(lines[2])]
    assert [(row["id"], row["text"]) for row in rows] == [(1, "It’s"), (3, "fine")]
    assert all("textmend" in row for row in rows)


def test_jsonl_text_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"body": "Itâ€™s"}\n')
    r = invoke("clean", str(src), "--out", str(tmp_path / "o"), "--text-field", "body", *FAST)
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "o" / "in.jsonl").read_text())["body"] == "It’s"


def test_in_place_keeps_backup(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    r = invoke("clean", str(f), "--in-place", *FAST)
    assert r.exit_code == 0, r.output
    assert f.read_text() == "It’s"
    assert (tmp_path / "a.txt.orig").read_text() == "Itâ€™s"


def test_in_place_no_backup(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    assert invoke("clean", str(f), "--in-place", "--no-backup", *FAST).exit_code == 0
    assert not (tmp_path / "a.txt.orig").exists()


def test_never_overwrites_input_unasked(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    r = invoke("clean", str(f), "--out", str(f), *FAST)
    assert r.exit_code == 2
    assert f.read_text() == "Itâ€™s"


def test_diff_writes_nothing(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s\n")
    r = invoke("clean", str(f), "--diff", *FAST)
    assert r.exit_code == 0, r.output
    assert "-Itâ€™s" in r.stdout and "+It’s" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    # git's a/ b/ prefixes, not doubled slashes before an absolute path
    assert "--- a/" in r.stdout and "a//" not in r.stdout and "b//" not in r.stdout


def test_output_inside_input_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert invoke("clean", str(tmp_path), "--out", str(tmp_path / "out"), *FAST).exit_code == 0
    assert invoke("clean", str(tmp_path), "--out", str(tmp_path / "out"), *FAST).exit_code == 0
    assert not (tmp_path / "out" / "out").exists()


def test_missing_file(tmp_path: Path) -> None:
    r = invoke("clean", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1
    assert "nope.txt: does not exist" in r.stderr


def test_stage_switches_and_disable() -> None:
    r = invoke("clean", "-", "--no-encoding", *FAST, input="Itâ€™s  x".encode())
    assert r.stdout == "Itâ€™s x"
    r = invoke("clean", "-", "--disable", "typography.space_run", *FAST, input=b"a  b")
    assert r.stdout == "a  b"
    r = invoke("clean", "-", "--disable", "nosuchstage.rule", input=b"x")
    assert r.exit_code == 2 and "nosuchstage" in r.stderr


def test_stages_command() -> None:
    r = invoke("stages")
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("encoding")


def _executable() -> str | None:
    beside = Path(sys.executable).parent / "textmend"
    return str(beside) if beside.exists() else shutil.which("textmend")


@pytest.mark.skipif(_executable() is None, reason="textmend is not installed as a command")
def test_installed_executable() -> None:
    r = subprocess.run([str(_executable()), "clean", "-"], input="Itâ€™s\n".encode(), capture_output=True, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == "It’s\n"


def test_python_dash_m() -> None:
    r = subprocess.run([sys.executable, "-m", "textmend", "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.startswith("textmend ")


def test_jobs_give_the_same_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"Itâ€™s  line {i}"}) + "\n" for i in range(300)))
    for n in ("1", "2"):
        r = invoke("clean", str(src), "--out", str(tmp_path / n), "--jobs", n, *FAST)
        assert r.exit_code == 0, r.output
    assert (tmp_path / "1" / "in.jsonl").read_text() == (tmp_path / "2" / "in.jsonl").read_text()


def test_resume_skips_finished_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text("Itâ€™s")
    out = tmp_path / "out"
    assert invoke("clean", str(src), "--out", str(out), *FAST).exit_code == 0
    (src / "b.txt").write_text("changed Itâ€™s")
    r = invoke("clean", str(src), "--out", str(out), "--resume", *FAST)
    assert r.exit_code == 0, r.output
    assert "1 file, 1 already done" in r.stderr  # '1 files' before session 9
    assert (out / "b.txt").read_text() == "changed It’s"


def test_explain_lists_edits(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s a long” Joint Statement” here.\n")
    r = invoke("explain", str(f), "--disable", "words", "--disable", "despin")
    assert r.exit_code == 0, r.output
    assert "misplaced_opening_quote" in r.stdout and "ftfy" in r.stdout
    assert f.read_text() == "Itâ€™s a long” Joint Statement” here.\n"


def test_rules_check_shipped_and_broken(tmp_path: Path) -> None:
    assert invoke("rules", "check").exit_code == 0
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "x.regex").write_text("# source: test; licence: MIT\n# format: regex\n(a+)+$\n")
    r = invoke("rules", "check", str(bad))
    assert r.exit_code == 1
    assert "x.regex:3" in r.stdout


def test_user_rules_checked_before_run(tmp_path: Path) -> None:
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "x.regex").write_text("# source: test; licence: MIT\n# format: regex\n(unclosed\n")
    f = tmp_path / "a.txt"
    f.write_text("x")
    r = invoke("clean", str(f), "--out", str(tmp_path / "o"), "--rules", str(bad))
    assert r.exit_code == 2
    assert "x.regex:3" in r.stderr and "nothing was cleaned" in r.stderr
    assert not (tmp_path / "o").exists()


def test_rules_folder_missing_a_stage_stops_the_run(tmp_path: Path) -> None:
    """A --rules folder without the spin tables: one message naming the stage and the file, exit 2, and
    nothing written -- not a failure repeated on every document of a long run."""
    from textmend.rules import rules_root

    partial = tmp_path / "rules"
    shutil.copytree(str(rules_root()), partial)
    shutil.rmtree(partial / "spin")
    f = tmp_path / "a.txt"
    f.write_text("The Chilly Battle ended.\n")
    r = subprocess.run(
        [sys.executable, "-m", "textmend", "clean", str(f), "--out", str(tmp_path / "o"), "--rules", str(partial)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2, r.stderr
    assert "stage despin" in r.stderr and "news.tsv" in r.stderr and "nothing was cleaned" in r.stderr
    assert r.stderr.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_a_stage_failing_on_one_document_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage that raises on one document: that document keeps the text it had before the stage, the
    other files are cleaned, the message names the file and the stage, and the exit status is 1."""
    from textmend.stages import typography

    real = typography.apply

    def flaky(text: str, options: typography.Options):  # type: ignore[no-untyped-def]
        if "BOOM" in text:
            raise ValueError("simulated bug")
        return real(text, options)

    from textmend import runner as runner_module

    monkeypatch.setattr(typography, "apply", flaky)
    monkeypatch.setattr(runner_module, "_PIPELINES", {})  # pipelines bind a stage's apply when built
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_text("Itâ€™s BOOM ( here )\n")
    (src / "good.txt").write_text("Itâ€™s fine ( here )\n")
    r = invoke("clean", str(src), "--out", str(tmp_path / "o"), *FAST, "--jobs", "1")
    assert r.exit_code == 1, r.output
    assert "bad.txt" in r.stderr and "typography: ValueError: simulated bug" in r.stderr
    assert (tmp_path / "o" / "good.txt").read_text() == "It’s fine (here)\n"
    assert (tmp_path / "o" / "bad.txt").read_text() == "It’s BOOM ( here )\n"  # encoding ran, typography failed


def test_report_html(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    r = invoke("clean", str(SAMPLES), "--out", str(tmp_path / "o"), "--report-html", str(page), *FAST)
    assert r.exit_code == 0, r.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert "misplaced_opening_quote" in html


def test_grammar_without_url_is_said_once_and_the_rest_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTMEND_LANGUAGETOOL_URL", raising=False)
    r = invoke("clean", "-", "--grammar", "", *FAST, input="Itâ€™s\n".encode())
    assert r.exit_code == 0, r.output
    assert r.stdout == "It’s\n"
    assert r.stderr.count("grammar stage skipped") == 1 and "LanguageTool server" in r.stderr


def test_diff_of_a_long_document_is_difflibs_without_its_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over 2,000 lines, the diff's changed stretches come from textmend.edits.diff_opcodes (difflib's
    matcher took over five minutes on 200,000 lines a third of them changed): the same diff here."""
    import difflib

    from textmend.runner import unified_diff

    before = "".join("word here \n" if i % 3 == 0 else f"Line {i} stays.\n" for i in range(3000))
    after = before.replace("word here \n", "word here\n")
    expected = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "a/doc.txt", "b/doc.txt"
        )
    )
    sizes: list[int] = []
    real = difflib.SequenceMatcher

    def recording(isjunk: object = None, a: object = "", b: object = "", autojunk: bool = True) -> object:
        sizes.append(len(a) + len(b))  # type: ignore[arg-type]
        return real(isjunk, a, b, autojunk=autojunk)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "SequenceMatcher", recording)
    assert unified_diff(before, after, "doc.txt") == expected
    assert max(sizes, default=0) < 100  # small regions, if any (the class that groups hunks is apart)


# ------------------------------------------------------------------- a new user's first hour (session 9)


def test_a_text_file_with_a_stray_nul_is_cleaned_and_said(tmp_path: Path) -> None:
    """One NUL byte in an article: the file was refused whole as binary (exit 1, nothing written).  Now it
    is read as text, the NUL removed as an edit of the encoding stage (in the report), and a warning names
    the file; exit status 0.  Binary files stay refused."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "nul.txt").write_bytes(b"The mayor said it was\x00 fine.\nSecond line here.\n")
    (src / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    report = tmp_path / "r.jsonl"
    r = invoke("clean", str(src), "--out", str(tmp_path / "o"), "--report", str(report), *FAST)
    assert r.exit_code == 1  # the PNG
    assert (tmp_path / "o" / "nul.txt").read_bytes() == b"The mayor said it was fine.\nSecond line here.\n"
    assert f"{src / 'nul.txt'}: 1 NUL byte among the text: read as text" in r.stderr
    assert f"{src / 'photo.txt'}: looks like a binary file" in r.stderr
    (row,) = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(e["stage"], e["before"], e["after"]) for e in row["edits"]] == [("encoding", "\x00", "")]
    r = invoke("clean", "-", *FAST, input=b"It was\x00 fine.\n")
    assert (r.exit_code, r.stdout) == (0, "It was fine.\n")
    assert "-: 1 NUL byte among the text" in r.stderr


def test_a_utf8_bom_is_kept(tmp_path: Path) -> None:
    """A UTF-8 file that begins with a byte order mark keeps it in its output, with --out, --in-place and
    on standard output: cleaning dropped it, a change of bytes the user did not ask for."""
    src = tmp_path / "a.txt"
    src.write_bytes(b"\xef\xbb\xbfIt\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s here.\n")
    assert invoke("clean", str(src), "--out", str(tmp_path / "o"), *FAST).exit_code == 0
    assert (tmp_path / "o" / "a.txt").read_bytes() == "\ufeffIt’s here.\n".encode()
    r = invoke("clean", "-", *FAST, input=src.read_bytes())
    assert r.stdout_bytes == "\ufeffIt’s here.\n".encode()
    assert invoke("clean", str(src), "--in-place", *FAST).exit_code == 0
    assert src.read_bytes() == "\ufeffIt’s here.\n".encode()
    assert (tmp_path / "a.txt.orig").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_stage_flag_wins_over_the_config_file(tmp_path: Path) -> None:
    """README: 'the command line wins'.  --typography could not switch on a stage a config file left
    out (it was the default, True, so indistinguishable from no flag); --no-STAGE always worked."""
    cfg = tmp_path / "textmend.toml"
    cfg.write_text('stages = ["encoding"]\n')
    text = "Itâ€™s here , he said.\n".encode()
    r = invoke("clean", "-", "--config", str(cfg), input=text)
    assert (r.exit_code, r.stdout) == (0, "It’s here , he said.\n")
    r = invoke("clean", "-", "--config", str(cfg), "--typography", input=text)
    assert (r.exit_code, r.stdout) == (0, "It’s here, he said.\n")
    r = invoke("clean", "-", "--config", str(cfg), "--typography", "--no-encoding", input=text)
    assert (r.exit_code, r.stdout) == (0, "Itâ€™s here, he said.\n")
    assert "or per the config file" in invoke("clean", "--help").stdout


def test_a_folder_with_nothing_to_clean_is_said(tmp_path: Path) -> None:
    """A folder of .csv files, or an empty one, gave '0 files ... 0 errors' and nothing else: a wrong
    folder looked like a clean run.  Now a warning names it and what it holds (the exit status stays 0:
    nothing failed)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "tables").mkdir()
    for name in ("a.csv", "b.csv", "c.pdf"):
        (tmp_path / "tables" / name).write_text("x")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Itâ€™s")
    (tmp_path / "news" / "b.csv").write_text("x")
    folders = [str(tmp_path / name) for name in ("empty", "tables", "news")]
    r = invoke("clean", *folders, "--out", str(tmp_path / "o"), *FAST)
    assert r.exit_code == 0, r.output
    assert f"{tmp_path / 'empty'}: nothing to clean in this folder (textmend reads .htm, " in r.stderr
    assert f"{tmp_path / 'tables'}: nothing to clean" in r.stderr
    assert "3 other files skipped (2 .csv, 1 .pdf)" in r.stderr
    assert "news: nothing" not in r.stderr  # a folder with something to clean says nothing of the rest
    assert (tmp_path / "o" / "a.txt").read_text() == "It’s"


def test_explain_runs_with_an_edited_rules_folder(tmp_path: Path) -> None:
    """clean --rules DIR ran an edited copy of the rules, but explain had no --rules: the edit could not
    be explained ('No such option: --rules')."""
    from textmend.rules import rules_root

    rules = tmp_path / "rules"
    shutil.copytree(str(rules_root()), rules)
    with (rules / "boilerplate" / "subscribe_block.rules").open("a", encoding="utf-8") as fh:
        fh.write(
            "\n[subscribe_block.widgets_weekly]\nmatch: regex\npattern: ^widgets weekly: sign up today$\n"
            "source: test\nexample: Widgets Weekly: sign up today\nkeep: Widgets weekly are on sale.\n"
        )
    f = tmp_path / "a.txt"
    f.write_text(
        "The mayor opened the new bridge on Tuesday, saying it would cut the commute for thousands.\n\n"
        "Widgets Weekly: sign up today\n\n"
        "Residents welcomed the opening, although some complained about the tolls to be charged.\n"
    )
    args = [sys.executable, "-m", "textmend", "explain", str(f), "--disable", "despin", "--disable", "words"]
    r = subprocess.run([*args, "--rules", str(rules)], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "subscribe_block.widgets_weekly" in r.stdout
    r = subprocess.run([*args, "--rules", str(tmp_path / "none")], capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "--rules needs a folder" in r.stderr


def test_rules_copy_gives_a_folder_to_edit(tmp_path: Path) -> None:
    """README and --help say --rules DIR takes 'an edited copy of rules/', but from a pip install the
    rules are deep in site-packages: 'textmend rules copy DIR' makes the copy; it passes 'rules check'."""
    from textmend.rules import rules_root

    r = invoke("rules", "copy", str(tmp_path / "mine"))
    assert r.exit_code == 0, r.output
    assert "--rules" in r.stderr
    shipped = sorted(p.relative_to(Path(str(rules_root()))) for p in Path(str(rules_root())).rglob("*"))
    assert sorted(p.relative_to(tmp_path / "mine") for p in (tmp_path / "mine").rglob("*")) == shipped
    assert invoke("rules", "check", str(tmp_path / "mine")).exit_code == 0
    r = invoke("rules", "copy", str(tmp_path / "mine"))
    assert r.exit_code == 2 and "already exists" in r.stderr


def test_the_text_of_an_html_page_ends_in_a_line_feed(tmp_path: Path) -> None:
    """page.html and page.html.gz are written as page.txt: a text file, ending in a line feed (the
    extractor's text had none).  A page with no article stays an empty file."""
    import gzip

    html = (
        "<html><head><title>Mayor opens bridge</title></head><body><article><h1>Mayor opens bridge</h1>"
        "<p>The mayor opened the new bridge on Tuesday, saying it would cut the commute for thousands of "
        "residents who cross the river every day.</p><p>Residents welcomed the opening, although some "
        "complained about the tolls that will be charged from next month.</p></article></body></html>"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(html, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html.gz").write_bytes(gzip.compress(html.encode()))
    for folder in ("a", "b"):
        r = invoke("clean", str(tmp_path / folder), "--out", str(tmp_path / f"o{folder}"), *FAST)
        assert r.exit_code == 0, r.output
        text = (tmp_path / f"o{folder}" / "page.txt").read_text(encoding="utf-8")
        assert text.startswith("Mayor opens bridge\n") and text.endswith("next month.\n"), text


def test_in_place_cleans_a_linked_file_where_it_is(tmp_path: Path) -> None:
    """A corpus folder of symbolic links: --in-place replaced each link with a cleaned copy (the rename)
    and left the file it pointed to as it was.  Now the file is cleaned where it is, the link stays a link,
    and the backup is beside the file; text and JSONL alike, and a file reached twice is cleaned once."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("Itâ€™s here , ok.\n")
    (real / "j.jsonl").write_text('{"text": "a , b"}\n')
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "j.jsonl"):
        (corpus / name).symlink_to(real / name)
    (corpus / "again.txt").symlink_to(real / "a.txt")
    r = invoke("clean", str(corpus), "--in-place", *FAST)
    assert r.exit_code == 0, r.output
    assert "2 files" in r.stderr
    assert all((corpus / name).is_symlink() for name in ("a.txt", "j.jsonl", "again.txt"))
    assert (real / "a.txt").read_text() == "It’s here, ok.\n"
    assert (real / "a.txt.orig").read_text() == "Itâ€™s here , ok.\n"
    assert json.loads((real / "j.jsonl").read_text())["text"] == "a, b"
    assert (real / "j.jsonl.orig").exists()
    assert not list(corpus.glob("*.orig"))


def test_jsonl_records_keep_their_line_ends(tmp_path: Path) -> None:
    """A JSONL file with CRLF line ends (written on Windows): cleaned records came out with LF, the
    broken line written through with its CRLF, a file of mixed ends.  Each record keeps its own now."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "a , b"}\r\n{broken\r\n{"text": "c , d"}\n{"text": "e"}')
    r = invoke("clean", str(src), "--out", str(tmp_path / "o"), *FAST)
    assert r.exit_code == 1  # the broken line
    lines = (tmp_path / "o" / "in.jsonl").read_bytes().splitlines(keepends=True)
    assert [line[-2:] for line in lines] == [b"\r\n", b"\r\n", b"}\n", b"}\n"]
    assert json.loads(lines[0])["text"] == "a, b" and json.loads(lines[2])["text"] == "c, d"


def test_no_backup_without_in_place_is_a_usage_error(tmp_path: Path) -> None:
    """--no-backup with --out did nothing, silently; it is said now, and nothing is cleaned (exit 2)."""
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    r = invoke("clean", str(f), "--out", str(tmp_path / "o"), "--no-backup", *FAST)
    assert r.exit_code == 2
    assert "--no-backup goes with --in-place" in r.stderr
    assert not (tmp_path / "o").exists()


def test_resume_where_nothing_is_recorded_is_said(tmp_path: Path) -> None:
    """--resume keeps its record in an output folder (or a folder cleaned in place); with one file written
    to one file, or standard input, it was ignored without a word and the user believed a rerun skipped
    finished work.  The run still cleans everything; a warning says why."""
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    for _ in range(2):
        r = invoke("clean", str(f), "--out", str(tmp_path / "a.clean.txt"), "--resume", *FAST)
        assert r.exit_code == 0, r.output
        assert "--resume: this run keeps no record of finished inputs" in r.stderr
    assert (tmp_path / "a.clean.txt").read_text() == "It’s"
    r = invoke("clean", "-", "--resume", *FAST, input="Itâ€™s")
    assert (r.exit_code, r.stdout) == (0, "It’s")
    assert "--resume: standard input" in r.stderr
    r = invoke("clean", str(tmp_path), "--out", str(tmp_path / "o"), "--resume", *FAST)
    assert "keeps no record" not in r.stderr  # a folder: recorded in o/.textmend/done.jsonl


def test_the_summary_time_counts_loading_the_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The summary's seconds began after every stage had loaded its rules and dictionaries, so a run of
    1.5 s said '0.1 s'.  A clock that moves only while rules load shows that time in the summary."""
    import time

    from textmend import stages

    clock = [1000.0]
    real_prepare = stages.prepare

    def slow_prepare(name: str, options: object) -> None:
        clock[0] += 10.0
        real_prepare(name, options)

    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(stages, "prepare", slow_prepare)
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    r = invoke("clean", str(f), "--out", str(tmp_path / "o"), "--jobs", "1", *FAST)
    assert r.exit_code == 0, r.output
    assert r.stderr.rstrip().endswith(", 20.0 s")  # two stages, ten 'seconds' each


def test_no_more_workers_than_tasks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One text file is one task: it is cleaned in this process (no pool forked, nothing built for
    workers to share); a JSONL file is a task per 512 KB chunk."""
    from textmend import runner

    small = tmp_path / "a.txt"
    small.write_text("a  b\n", encoding="utf-8")
    rows = tmp_path / "b.jsonl"
    rows.write_bytes(b'{"text": "x"}\n' * (runner.CHUNK_BYTES // 7 + 1))  # two chunks and a bit
    job = runner.Job(small, None, "text", "a.txt")
    big = runner.Job(rows, None, "jsonl", "b.jsonl")
    assert runner._tasks([job]) == 1
    assert runner._tasks([job, job, job]) == 3
    assert runner._tasks([big]) == 3
    pools: list[int] = []
    real = runner.make_executor
    monkeypatch.setattr(runner, "make_executor", lambda workers, config: pools.append(workers) or real(workers, config))
    r = invoke("clean", str(small), "--out", str(tmp_path / "out.txt"), "--jobs", "2", *FAST)
    assert r.exit_code == 0, r.output
    assert pools == [1]
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "a b\n"


# --- JSONL and HTML on standard input (session 13: JSONL on a pipe was cleaned as one text) --------------

_STREAM = '{"id": 1, "text": "It\\u00e2\\u20ac\\u2122s ( really ) here ."}\n{"id": 2, "text": "Clean."}\nnot json\n'


def test_stdin_jsonl_is_told_by_its_first_line() -> None:
    r = invoke("clean", "-", *FAST, input=_STREAM.encode())
    assert r.exit_code == 1, r.output  # the bad line is an error, written through
    rows = r.stdout.splitlines()
    assert json.loads(rows[0])["text"] == "It’s (really) here."
    assert json.loads(rows[1])["id"] == 2
    assert rows[2] == "not json"
    assert "-: line 3: not valid JSON" in r.stderr
    assert "2 documents (1 changed)" in r.stderr


def test_stdin_jsonl_utf16_and_explicit_format() -> None:
    for data in (_STREAM.encode("utf-16"), _STREAM.encode("utf-16-le"), _STREAM.encode("utf-16-be")):
        r = invoke("clean", "-", *FAST, input=data)
        assert json.loads(r.stdout.splitlines()[0])["text"] == "It’s (really) here.", r.output
    r = invoke("clean", "-", "--stdin-format", "text", *FAST, input=_STREAM.encode())
    assert r.exit_code == 0 and '"id": 1' in r.stdout and "textmend" not in r.stdout  # one text, as asked


def test_stdin_jsonl_text_field_and_out_file(tmp_path: Path) -> None:
    stream = '{"body": "a ( b )"}\n'
    r = invoke("clean", "-", *FAST, input=stream.encode())
    assert "textmend" not in r.stdout  # no 'text' field: not taken for JSONL, cleaned as one text
    out, report = tmp_path / "o.jsonl", tmp_path / "r.jsonl"
    r = invoke("clean", "-", "--text-field", "body", "--out", str(out), "--report", str(report), *FAST, input=stream)
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["body"] == "a (b)"
    assert json.loads(report.read_text(encoding="utf-8"))["line"] == 1
    r = invoke("clean", "-", "--out", str(tmp_path), *FAST, input=stream)
    assert r.exit_code == 2 and "is a folder" in r.stderr


def test_stdin_jsonl_diff() -> None:
    r = invoke("clean", "-", "--diff", *FAST, input=_STREAM.encode())
    assert "+It’s (really) here." in r.stdout and "textmend" not in r.stdout


def test_stdin_html_gives_the_article_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Harbour plan</title></head><body><nav>Home | News</nav><article>"
        "<h1>Harbour plan approved</h1><p>The harbour board approved a plan to deepen the channel on Tuesday,"
        " after a debate that lasted most of the evening and ended in a vote of seven to two.</p>"
        "<p>Work is due to begin in the spring, once the birds that winter on the mudflats have left.</p>"
        "</article></body></html>"
    )
    r = invoke("clean", "-", *FAST, input=page.encode())
    assert r.exit_code == 0, r.output
    assert "The harbour board approved" in r.stdout and "<p>" not in r.stdout and r.stdout.endswith("\n")
    r = invoke("clean", "-", "--stdin-format", "text", *FAST, input=page.encode())
    assert r.stdout.startswith("<!DOCTYPE html>")  # read as text, as asked


def test_stdin_format_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    r = invoke("clean", str(tmp_path / "a.txt"), "--stdin-format", "jsonl", "--diff")
    assert r.exit_code == 2 and "--stdin-format" in r.stderr
    r = invoke("clean", "-", "--stdin-format", "xml", input=b"x")
    assert r.exit_code == 2 and "auto, text, jsonl, html" in r.stderr


@pytest.mark.skipif(_executable() is None, reason="textmend is not installed as a command")
def test_stdin_jsonl_streams_through_a_pipe() -> None:
    """The installed command on a real pipe, two workers: records come out in order."""
    stream = "".join(json.dumps({"n": i, "text": f"Line {i} ( here ) ."}) + "\n" for i in range(300))
    args = [str(_executable()), "clean", "-", "--jobs", "2", *FAST]
    r = subprocess.run(args, input=stream.encode(), capture_output=True, check=False)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [row["n"] for row in rows] == list(range(300))
    assert rows[7]["text"] == "Line 7 (here)."


@pytest.mark.skipif(sys.platform == "win32", reason="pauses are seen with select(), which Windows pipes lack")
def test_stdin_jsonl_record_comes_out_before_the_next_is_sent() -> None:
    """A slow producer (a queue consumer feeding the index): each record is cleaned and written when the
    stream pauses, not held until half a megabyte has come."""
    import threading

    args = [sys.executable, "-m", "textmend", "clean", "-", "--jobs", "2", "--stdin-format", "jsonl", *FAST]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    got: list[bytes] = []
    try:
        for i in range(3):
            proc.stdin.write((json.dumps({"n": i, "text": "a ( b )"}) + "\n").encode())
            proc.stdin.flush()
            reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()))  # type: ignore[union-attr]
            reader.start()
            reader.join(timeout=120)
            assert not reader.is_alive(), f"record {i} was not written before the next one came"
            assert json.loads(got[-1])["n"] == i and json.loads(got[-1])["text"] == "a (b)"
        proc.stdin.close()
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
        proc.wait()
