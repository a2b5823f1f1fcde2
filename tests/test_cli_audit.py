"""Session 11's audit of the command line as a new user meets it (README and --help only, then bad input):
each case here failed before its fix -- a traceback, an input overwritten, a report lost, a message that
did not say what to do.  The contract is test_zoo's: ``textmend: PATH: what is wrong`` on one line, the
other files still processed, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textmend.cli import app

runner = CliRunner()

FAST = ["--no-despin", "--no-words", "--no-boilerplate", "--jobs", "1", "--quiet"]


def clean(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["clean", *map(str, args), *FAST])


@pytest.mark.parametrize("how", [["--out", "OUT"], ["--in-place"], ["--diff"]])
def test_a_link_loop_named_on_the_command_line(how: list[str], src: Path, tmp_path: Path) -> None:
    """A loop named as an argument (not found in a folder) stopped the run with a traceback
    (RuntimeError from Path.resolve), the good file after it never cleaned."""
    (src / "a.txt").symlink_to(src / "b.txt")
    (src / "b.txt").symlink_to(src / "a.txt")
    out = tmp_path / "out"
    args = [str(out) if a == "OUT" else a for a in how]
    r = clean(src / "a.txt", src / "good.txt", *args)
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert f"textmend: {src / 'a.txt'}: is a broken link or a link loop" in r.stderr
    if how[0] == "--out":
        assert (out / "good.txt").read_text(encoding="utf-8") == "It’s fine.\n"


def test_out_through_a_link_loop_is_no_traceback(src: Path) -> None:
    (src / "loop.txt").symlink_to(src / "loop.txt")
    r = clean(src / "good.txt", "--out", src / "loop.txt")
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output


@pytest.mark.parametrize(
    ("flag", "name", "data"),
    [
        ("--report", "data.jsonl", '{"text": "an input, not a report"}\n'),
        ("--report-html", "page.html", "<html><body><article><p>An article.</p></article></body></html>\n"),
    ],
)
def test_a_report_named_like_an_input_in_the_folder_is_refused(
    flag: str, name: str, data: str, src: Path, tmp_path: Path
) -> None:
    """``--report corpus/data.jsonl`` while cleaning corpus/: the input was skipped and replaced by the
    report, lost (and --report-html over a page the same)."""
    (src / name).write_text(data, encoding="utf-8")
    r = clean(src, "--out", tmp_path / "out", flag, src / name)
    assert r.exit_code == 2, r.output
    assert f"{src / name} is an input, and a report this run writes would replace it" in r.stderr
    assert (src / name).read_text(encoding="utf-8") == data
    assert not (tmp_path / "out").exists()


def test_an_earlier_report_in_the_folder_is_still_replaced(src: Path, tmp_path: Path) -> None:
    """The refusal above is for inputs only: a report kept beside the inputs is rewritten each run."""
    for _ in range(2):
        r = clean(src, "--out", tmp_path / "out", "--report", src / "r.jsonl", "--report-html", src / "r.html")
        assert r.exit_code == 0, r.output
    assert json.loads((src / "r.jsonl").read_text(encoding="utf-8"))["path"].endswith("good.txt")
    assert not (tmp_path / "out" / "r.jsonl").exists() and not (tmp_path / "out" / "r.txt").exists()


def test_a_report_on_an_output_is_refused(src: Path, tmp_path: Path) -> None:
    """The output and the report were written to one file, one of them lost without a word."""
    out = tmp_path / "out"
    r = clean(src, "--out", out, "--report", out / "good.txt")
    assert r.exit_code == 2 and f"{out / 'good.txt'} is both an output and a report" in r.stderr
    r = clean(src / "good.txt", "--out", tmp_path / "one.txt", "--report", tmp_path / "one.txt")
    assert r.exit_code == 2 and "is both an output and a report" in r.stderr
    r = runner.invoke(app, ["clean", "-", "--out", str(tmp_path / "s.txt"), "--report", str(tmp_path / "s.txt")])
    assert r.exit_code == 2 and "is both the output and a report" in r.stderr
    assert not (tmp_path / "s.txt").exists()


def test_report_and_report_html_on_one_file_is_refused(src: Path, tmp_path: Path) -> None:
    rep = tmp_path / "rep"
    r = clean(src, "--out", tmp_path / "out", "--report", rep, "--report-html", rep)
    assert r.exit_code == 2 and "--report and --report-html both name" in r.stderr
    assert not rep.exists()


def test_rules_check_loads_a_copy_as_clean_will(tmp_path: Path) -> None:
    """A copy of rules/ without a file a stage reads by name passed 'textmend rules check' (0 problems),
    then 'clean --rules' stopped on it: check now loads the stages too, and both name the file."""
    import shutil

    from textmend.rules import rules_root

    copy = tmp_path / "rules"
    shutil.copytree(str(rules_root()), copy)
    (copy / "words" / "never_split.txt").unlink()
    r = runner.invoke(app, ["rules", "check", str(copy)])
    assert r.exit_code == 1, r.output
    assert "stage words: cannot load its rules" in r.stdout and "never_split.txt is missing" in r.stdout
    f = tmp_path / "a.txt"
    f.write_text("x\n")
    # In a child process: --rules points this process's loaders at the folder.
    args = [sys.executable, "-m", "textmend", "clean", str(f), "--out", str(tmp_path / "o.txt"), "--rules", str(copy)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "never_split.txt is missing; nothing was cleaned" in done.stderr
    assert not (tmp_path / "o.txt").exists()


def test_a_config_value_of_the_wrong_kind_is_a_usage_error(src: Path, tmp_path: Path) -> None:
    """``max_removed_fraction = "x"`` was taken, and the boilerplate stage failed on every document
    (TypeError, each an error of the run); now one message before the run, exit 2."""
    for setting, message in [
        ('[boilerplate]\nmax_removed_fraction = "x"\n', "boilerplate.max_removed_fraction must be a number, not"),
        ("[grammar]\ntimeout = true\n", "grammar.timeout must be a number, not True"),
        ('[words]\nmin_length = "5"\n', "words.min_length must be a whole number"),
        ("max_chars = 5000000\n[encoding]\nnormalization = 3\n", "encoding.normalization must be a string"),
    ]:
        conf = tmp_path / "textmend.toml"
        conf.write_text(setting, encoding="utf-8")
        r = runner.invoke(app, ["clean", str(src), "--out", str(tmp_path / "out"), "--config", str(conf), "--quiet"])
        assert r.exit_code == 2, (setting, r.output)
        assert message in r.stderr and r.stderr.count("\n") == 1, r.stderr
        assert not (tmp_path / "out").exists()
    conf.write_text("[boilerplate]\nmax_removed_fraction = 1\n[grammar]\ntimeout = 5\n", encoding="utf-8")
    r = runner.invoke(app, ["clean", str(src), "--out", str(tmp_path / "out"), "--config", str(conf), *FAST])
    assert r.exit_code == 0, r.output  # a whole number where a number goes


def test_a_grammar_server_that_does_not_answer_is_said_once(src: Path, tmp_path: Path) -> None:
    """--grammar URL with no server there: every document kept its text and the run said nothing
    (exit 0, no grammar checked).  Now asked once before the run, said once, the other stages run."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    for i in range(3):
        (src / f"doc{i}.txt").write_text("Itâ€™s here.\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "out", "--grammar", f"http://127.0.0.1:{port}")
    assert r.exit_code == 0, r.output
    assert r.stderr.count("grammar stage skipped: cannot reach LanguageTool") == 1, r.stderr
    assert (tmp_path / "out" / "doc0.txt").read_text(encoding="utf-8") == "It’s here.\n"


def test_out_named_like_a_file_for_several_inputs(src: Path, tmp_path: Path) -> None:
    """'clean a.txt b.txt --out both.txt' made a folder named both.txt holding a.txt and b.txt."""
    (src / "b.txt").write_text("b\n")
    r = clean(src / "good.txt", src / "b.txt", "--out", tmp_path / "both.txt")
    assert r.exit_code == 2 and "--out" in r.stderr and "looks like a file name" in r.stderr
    assert not (tmp_path / "both.txt").exists()
    r = clean(src, "--out", tmp_path / "cleaned.jsonl")
    assert r.exit_code == 2 and "looks like a file name" in r.stderr
    (tmp_path / "made.txt").mkdir()  # a folder of that name, made on purpose, is used
    r = clean(src, "--out", tmp_path / "made.txt")
    assert r.exit_code == 0 and (tmp_path / "made.txt" / "good.txt").exists()
    r = clean(src / "good.txt", "--out", tmp_path / "one.txt")  # one input: one file, as before
    assert r.exit_code == 0 and (tmp_path / "one.txt").is_file()


def test_a_backup_that_cannot_be_made_is_named_as_a_backup(src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In place in a folder where the backup cannot be written, the message was 'cannot write
    good.txt: good.txt.orig: Permission denied', as if the file itself had been half written."""
    import shutil

    def refuse(source: object, target: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(shutil, "copy2", refuse)
    r = clean(src, "--in-place")
    assert r.exit_code == 1
    f = src / "good.txt"
    assert f"textmend: {f}: cannot keep a backup as {f}.orig: Permission denied; left as it was" in r.stderr
    assert f.read_text(encoding="utf-8") == "Itâ€™s fine.\n"


def test_a_page_in_a_folder_cleaned_in_place_is_said_and_the_rest_cleaned(src: Path) -> None:
    """One .html in a folder cleaned in place was a usage error: nothing in the folder was cleaned."""
    page = src / "page.html"
    page.write_text("<html><body><article><p>A page.</p></article></body></html>\n", encoding="utf-8")
    r = clean(src, "--in-place")
    assert r.exit_code == 1, r.output
    assert f"textmend: {page}: HTML is not cleaned in place (its output is text); use --out" in r.stderr
    assert (src / "good.txt").read_text(encoding="utf-8") == "It’s fine.\n"
    assert page.read_text(encoding="utf-8").startswith("<html>") and not (src / "page.txt").exists()
    r = clean(page, "--in-place")  # named alone, it is the whole request: a usage error, as before
    assert r.exit_code == 2 and "HTML cannot be cleaned in place" in r.stderr


@pytest.mark.parametrize("via_link", [False, True])
def test_out_to_a_pipe_or_device_writes_to_it(via_link: bool, src: Path, tmp_path: Path) -> None:
    """'--out /dev/stdout' renamed a regular file over the device's link (as root, /dev/stdout itself was
    replaced, and nothing was printed); a named pipe here stands for the device."""
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = pipe
    if via_link:
        target = tmp_path / "stdout"
        target.symlink_to(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    r = clean(src / "good.txt", "--out", target)
    reader.join(timeout=10)
    assert r.exit_code == 0, r.output
    assert stat.S_ISFIFO(pipe.stat().st_mode) and target.is_symlink() == via_link
    assert got == ["It’s fine.\n".encode()]


def test_jsonl_out_to_a_pipe_is_streamed_into_it(src: Path, tmp_path: Path) -> None:
    """The JSONL writer renamed its temporary file over the link the same way."""
    import os
    import threading

    data = src / "news.jsonl"
    data.write_text('{"text": "Itâ€™s one."}\n{"text": "Itâ€™s two."}\n', encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "stdout").symlink_to(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    r = clean(data, "--out", tmp_path / "stdout")
    reader.join(timeout=10)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "stdout").is_symlink() and not list(tmp_path.glob(".*.tmp"))
    assert [json.loads(x)["text"] for x in got[0].decode().splitlines()] == ["It’s one.", "It’s two."]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('max_chars = "x"\n', "max_chars must be a whole number, not 'x'"),
        ('max_seconds = "60"\n', "max_seconds must be a number, not '60'"),
        ('stages = "encoding"\n', "stages must be a list of names"),
        ('disable = "despin"\n', "disable must be a list of names"),
    ],
)
def test_a_top_level_setting_of_the_wrong_kind(setting: str, message: str, src: Path, tmp_path: Path) -> None:
    """max_chars or max_seconds as a string stopped the run at its first document with a traceback;
    stages or disable as a string was read letter by letter ('unknown stage(s) e, n, c, o, d ...')."""
    conf = tmp_path / "textmend.toml"
    conf.write_text(setting, encoding="utf-8")
    r = runner.invoke(app, ["clean", str(src), "--out", str(tmp_path / "out"), "--config", str(conf), "--quiet"])
    assert r.exit_code == 2, r.output
    assert message in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not (tmp_path / "out").exists()


def test_report_dash_is_standard_output(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'--report -' wrote a file named '-' in the working folder; it is standard output, as '-' is for
    the input, and a usage error where standard output carries the diff or the cleaned text."""
    monkeypatch.chdir(tmp_path)
    r = clean(src, "--out", tmp_path / "out", "--report", "-")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["path"] == str(src / "good.txt")
    assert not (tmp_path / "-").exists()
    r = runner.invoke(app, ["clean", "-", "--out", str(tmp_path / "o.txt"), "--report", "-"], input="Itâ€™s\n")
    assert r.exit_code == 0 and json.loads(r.stdout)["path"] == "-"
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == "It’s\n"
    for args in (["clean", str(src), "--diff"], ["clean", "-"]):
        r = runner.invoke(app, [*args, "--report", "-"], input="x\n")
        assert r.exit_code == 2 and "--report -: standard output already carries" in r.stderr
    assert not (tmp_path / "-").exists()
