"""A zoo of bad inputs, through the command line.

The contract for every one of them: a clear message ``textmend: PATH: what is wrong`` that names the file,
the other files still processed, exit status 1 (0 when nothing was wrong), and nothing lost -- no input
changed, no earlier output damaged, no temporary file left behind.  Known violations are strict xfails,
so a fix is noticed.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textmend.cli import app

runner = CliRunner()

#: Fast: the stages that matter for bytes and files; one worker, so monkeypatches reach the work.
FAST = ["--no-despin", "--no-words", "--no-boilerplate", "--jobs", "1", "--quiet"]


def clean(*args: str | Path, extra: list[str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["clean", *map(str, args), *(FAST if extra is None else extra)])


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too), relative path -> bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return [str(p) for p in folder.rglob("*.tmp")]


def assert_good_written(out: Path) -> None:
    assert (out / "good.txt").read_text(encoding="utf-8") == "It’s fine.\n"


# ------------------------------------------------------------------------------------------------ bytes


def test_binary_file(src: Path, tmp_path: Path) -> None:
    (src / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    before = tree(src)
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / 'photo.txt'}: looks like a binary file" in r.stderr
    assert "Traceback" not in r.output
    assert_good_written(tmp_path / "out")
    assert not (tmp_path / "out" / "photo.txt").exists()
    assert tree(src) == before


def test_binary_file_with_workers(src: Path, tmp_path: Path) -> None:
    """The same in a pool of worker processes: the message comes back from the worker."""
    (src / "photo.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    r = clean(src, "--out", tmp_path / "out", extra=["--no-despin", "--no-words", "--no-boilerplate", "--jobs", "2"])
    assert r.exit_code == 1
    assert f"textmend: {src / 'photo.txt'}: looks like a binary file" in r.stderr
    assert_good_written(tmp_path / "out")


TEXT = "Café “déjà vu” – naïve señor.\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16-bom.txt", TEXT.encode("utf-16")),
        ("utf16le-no-bom.txt", TEXT.encode("utf-16-le")),
        ("utf16be-no-bom.txt", TEXT.encode("utf-16-be")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + TEXT.encode()),
        ("cp1252.txt", TEXT.encode("cp1252")),
        ("latin1.txt", "Café déjà vu, naïve señor, 10 °C.\n".encode("latin-1")),
    ],
)
def test_text_in_other_encodings_is_decoded(name: str, data: bytes, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(data)
    r = clean(tmp_path / name, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    written = (tmp_path / "out" / name).read_text(encoding="utf-8")
    expected = "Café déjà vu, naïve señor, 10 °C.\n" if name.startswith("latin1") else TEXT
    # A UTF-8 file's byte order mark is written back (session 9: it was dropped); UTF-16 becomes UTF-8.
    assert written == ("\ufeff" + expected if name == "utf8-bom.txt" else expected)


def test_invalid_utf8_bytes(tmp_path: Path) -> None:
    """Mostly UTF-8 with a stray byte: decoded (the stray byte as cp1252), the UTF-8 mojibake repaired."""
    (tmp_path / "mixed.txt").write_bytes("Café au lait, “quoted”.\n".encode() + b"Price \xa3 5\n")
    r = clean(tmp_path / "mixed.txt", "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "mixed.txt").read_text(encoding="utf-8") == "Café au lait, “quoted”.\nPrice £ 5\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"First line \r\nSecond  line.\r\n", b"First line\r\nSecond line.\r\n"),
        (b"First line \rSecond  line.\r", b"First line\rSecond line.\r"),
        (b"First line \r\nSecond  line.\nThird.\r\n", b"First line\r\nSecond line.\nThird.\r\n"),
    ],
    ids=["crlf", "cr-only", "mixed"],
)
def test_line_endings_are_written_back_as_they_were(data: bytes, expected: bytes, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(data)
    r = clean(tmp_path / "in.txt", "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "in.txt").read_bytes() == expected


def test_empty_file(src: Path, tmp_path: Path) -> None:
    (src / "empty.txt").write_bytes(b"")
    (src / "empty.jsonl").write_bytes(b"")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""
    assert (tmp_path / "out" / "empty.jsonl").read_bytes() == b""
    assert_good_written(tmp_path / "out")


def test_only_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    r = clean(tmp_path / "bom.txt", "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "bom.txt").read_bytes() == b"\xef\xbb\xbf"


def test_fifty_megabyte_single_line(tmp_path: Path) -> None:
    """Over the size cap: passed through unchanged and said so, not cleaned for minutes or held twice."""
    big = tmp_path / "big.txt"
    piece = b"It\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s a long line with no break at all " * 1024
    with big.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(piece)
    size = big.stat().st_size
    r = clean(big, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert f"{big}: passed through unchanged" in r.stderr and "over the cap" in r.stderr
    assert (tmp_path / "out" / "big.txt").stat().st_size == size


# ------------------------------------------------------------------------------------------------ JSONL


def test_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "text": "Itâ€™s one"}\n{"id": 2, "text": "two\n{"id": 3, "text": "three"}\n', encoding="utf-8"
    )
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src}: line 2: not valid JSON" in r.stderr and "written through unchanged" in r.stderr
    lines = (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines[1] == '{"id": 2, "text": "two'  # as it was: every record of the input is in the output
    rows = [json.loads(lines[0]), json.loads(lines[2])]
    assert [(row["id"], row["text"]) for row in rows] == [(1, "It’s one"), (3, "three")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 2}', "line 2: no 'text' field"),
        ('{"id": 2, "text": 42}', "line 2: field 'text' is a number, not a string"),
        ('{"id": 2, "text": null}', "line 2: field 'text' is null, not a string"),
        ('{"id": 2, "text": ["a"]}', "line 2: field 'text' is an array, not a string"),
        ('{"id": 2, "text": true}', "line 2: field 'text' is a boolean, not a string"),
        ('["not", "an", "object"]', "line 2: an array, not a JSON object"),
    ],
)
def test_jsonl_line_without_a_text(line: str, message: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"id": 1, "text": "one"}}\n{line}\n{{"id": 3, "text": "three"}}\n', encoding="utf-8")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src}: {message}" in r.stderr
    lines = (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[1] == line  # the record without a text is written through unchanged
    assert [json.loads(lines[0])["id"], json.loads(lines[2])["id"]] == [1, 3]


def test_jsonl_with_a_bom_crlf_and_a_cp1252_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'\xef\xbb\xbf{"id": 1, "text": "one"}\r\n'
        + '{"id": 2, "text": "caf\u00e9 \u201cx\u201d"}\r\n'.encode("cp1252")
    )
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row["text"] for row in rows] == ["one", "café “x”"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 2, "text": "x", "n": 1' + "0" * 5000 + "}", "line 2: JSON that cannot be read (Exceeds the limit"),
        ('{"id": 2, "text": "x", "d": ' + "[" * 50000 + "]" * 50000 + "}", "line 2: JSON nested too deeply"),
    ],
)
def test_jsonl_line_python_cannot_parse(line: str, message: str, tmp_path: Path) -> None:
    """A number of over 4,300 digits (Python's int guard) or arrays nested thousands deep raised ValueError
    and RecursionError, not JSONDecodeError: the run stopped with a traceback and the files after it were
    not cleaned.  Now the line is said and written through, as any line that is not JSON."""
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"id": 1, "text": "one"}}\n{line}\n{{"id": 3, "text": "three"}}\n', encoding="utf-8")
    (tmp_path / "later.txt").write_text("Itâ€™s later.\n", encoding="utf-8")
    r = clean(src, tmp_path / "later.txt", "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src}: {message}" in r.stderr and "Traceback" not in r.output
    lines = (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[1] == line and json.loads(lines[2])["id"] == 3
    assert (tmp_path / "out" / "later.txt").read_text(encoding="utf-8") == "It’s later.\n"


def test_jsonl_line_of_binary_bytes_is_written_through_byte_for_byte(tmp_path: Path) -> None:
    """A line with NUL bytes is no text to clean, but it is a line of the input: it was left out of the
    output; now it is written through as it was, like any line that is not JSON."""
    src = tmp_path / "in.jsonl"
    binary = b"\x00\x01\xff\xfe binary \x89PNG"
    src.write_bytes(b'{"id": 1, "text": "one"}\n' + binary + b'\n{"id": 3, "text": "three"}\n')
    for name in ("out", "gz"):
        target = tmp_path / name / ("in.jsonl" if name == "out" else "in.jsonl.gz")
        if name == "gz":
            (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(src.read_bytes()))
        r = clean(src if name == "out" else tmp_path / "in.jsonl.gz", "--out", tmp_path / name)
        assert r.exit_code == 1
        assert "line 2: looks like a binary file (it has NUL bytes), not text (written through unchanged)" in r.stderr
        data = target.read_bytes()
        lines = (gzip.decompress(data) if name == "gz" else data).split(b"\n")
        assert lines[1] == binary
        assert [json.loads(lines[0])["id"], json.loads(lines[2])["id"]] == [1, 3]


@pytest.mark.parametrize("stages", [[], ["--no-encoding"]])
def test_jsonl_lone_surrogates_are_written_back_as_escapes(stages: list[str], tmp_path: Path) -> None:
    """JSON's "\\ud800" reads as a lone surrogate, which UTF-8 cannot carry: written raw, it stopped the run
    at the write (UnicodeEncodeError, a traceback, the files after it lost).  Written back as the escape,
    every field reads back as it was; the reports show it as U+FFFD."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "title": "bad \\ud800 title", "text": "one"}\n{"id": 2, "text": "two \\udc00 x"}\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    reports = ["--report", tmp_path / "r.jsonl", "--report-html", tmp_path / "r.html"]
    r = clean(src, "--out", out, *reports, extra=[*FAST, *stages])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in (out / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["title"] == "bad \ud800 title"
    assert rows[1]["text"] == f"two {chr(0xDC00) if stages else chr(0xFFFD)} x"  # ftfy makes it U+FFFD
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert (tmp_path / "r.html").stat().st_size > 0
    d = clean(src, "--diff", extra=[*FAST, *stages])
    assert d.exit_code == 0 and "Traceback" not in d.output


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom16.jsonl", '{"text": "caf\u00e9  one"}\n{"text": "two"}\n'.encode("utf-16")),
        ("le16.jsonl", '{"text": "caf\u00e9  one"}\r\n{"text": "two"}\r\n'.encode("utf-16-le")),
        ("be16.jsonl", '{"text": "caf\u00e9  one"}\n{"text": "two"}\n'.encode("utf-16-be")),
        ("u32.jsonl.gz", gzip.compress('{"text": "caf\u00e9  one"}\n{"text": "two"}\n'.encode("utf-32"))),
    ],
)
def test_jsonl_in_utf16_or_utf32_keeps_every_record(name: str, data: bytes, tmp_path: Path) -> None:
    """Split at byte 0A, UTF-16 lines held NUL bytes: each was refused as binary and left out of the
    output (a PowerShell-saved JSONL lost every record).  Now the file is read in its encoding."""
    (tmp_path / name).write_bytes(data)
    r = clean(tmp_path / name, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    written = (tmp_path / "out" / name).read_bytes()
    text = gzip.decompress(written) if name.endswith(".gz") else written
    rows = [json.loads(x) for x in text.decode("utf-8").splitlines()]
    assert [row["text"] for row in rows] == ["café one", "two"]


# ------------------------------------------------------------------------------------------------ files


def test_unreadable_file_for_real(src: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (see the simulated test below)")
    locked = src / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    try:
        r = clean(src, "--out", tmp_path / "out")
    finally:
        locked.chmod(0o644)
    assert r.exit_code == 1
    assert f"textmend: {locked}: cannot be read: permission denied" in r.stderr
    assert_good_written(tmp_path / "out")


def test_unreadable_file_simulated(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = src / "locked.txt"
    locked.write_text("secret")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {locked}: cannot be read: permission denied" in r.stderr
    assert_good_written(tmp_path / "out")


def test_file_vanishes_before_it_is_read(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (src / "gone.txt").write_text("here now")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "gone.txt":
            self.unlink()
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / 'gone.txt'}: does not exist" in r.stderr
    assert_good_written(tmp_path / "out")


def test_not_gzip_at_all(src: Path, tmp_path: Path) -> None:
    (src / "page.html.gz").write_bytes(b"<html>plain, not gzipped</html>")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / 'page.html.gz'}: is not a valid gzip file" in r.stderr
    assert_good_written(tmp_path / "out")


def test_corrupt_gzip(src: Path, tmp_path: Path) -> None:
    (src / "a-page.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")  # sorts before good.txt
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / 'a-page.html.gz'}: is not a valid gzip file" in r.stderr
    assert_good_written(tmp_path / "out")


def test_symlink_loops(src: Path, tmp_path: Path) -> None:
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "a.txt").symlink_to(src / "b.txt")
    (src / "b.txt").symlink_to(src / "a.txt")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to(src, target_is_directory=True)  # a folder loop: never followed
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    for name in ("loop.txt", "a.txt", "b.txt"):
        assert f"textmend: {src / name}: is a broken link or a link loop" in r.stderr
    assert_good_written(tmp_path / "out")
    assert [p for p in tree(tmp_path / "out") if not p.startswith(".")] == ["good.txt"]


def test_output_folder_inside_the_input_folder(src: Path) -> None:
    out = src / "cleaned"
    for _ in range(2):
        r = clean(src, "--out", out)
        assert r.exit_code == 0, r.output
    assert_good_written(out)
    assert not (out / "cleaned").exists()


def test_output_that_already_exists_is_replaced_whole(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "good.txt").write_text("an older, much longer output that must not leave a tail behind\n" * 10)
    r = clean(src, "--out", out)
    assert r.exit_code == 0, r.output
    assert_good_written(out)
    assert leftovers(out) == []


def test_a_single_file_onto_itself_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s")
    r = clean(f, "--out", f)
    assert r.exit_code == 2
    assert f.read_text() == "Itâ€™s"


LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8 (Latin-1 bytes, common in old archives)


def test_non_utf8_file_name(src: Path, tmp_path: Path) -> None:
    (src / LATIN1_NAME).write_text("Itâ€™s")
    (src / os.fsdecode(b"bin\xe9.txt")).write_bytes(b"\x00\x01")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert (tmp_path / "out" / LATIN1_NAME).read_text() == "It’s"
    assert "bin\\xe9.txt: looks like a binary file" in r.stderr  # named, with the odd byte escaped
    assert_good_written(tmp_path / "out")


def test_a_line_feed_in_a_file_name_keeps_each_message_on_one_line(src: Path, tmp_path: Path) -> None:
    """A file name may hold a line feed or a tab: the message names it escaped, on one line."""
    (src / "two\nlines\t.txt").write_bytes(b"\x00\x01binary")
    (src / "fine\nname.txt").write_text("Itâ€™s fine too.\n", encoding="utf-8")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert f"textmend: {src}/two\\nlines\\t.txt: looks like a binary file (it has NUL bytes), not text" in lines
    assert (tmp_path / "out" / "fine\nname.txt").read_text(encoding="utf-8") == "It’s fine too.\n"
    assert_good_written(tmp_path / "out")


def test_non_utf8_file_name_in_the_report(src: Path, tmp_path: Path) -> None:
    (src / LATIN1_NAME).write_text("Itâ€™s")
    report = tmp_path / "report.jsonl"
    r = clean(src, "--out", tmp_path / "out", "--report", report)
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2


# ------------------------------------------------------------------------------------------- disk full


def test_disk_full_on_the_second_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write of the second file fails: its earlier output stays whole, no temporary file is left, the
    message names the file, and the third file is still written."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(f"Itâ€™s {name}\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.txt").write_text("earlier output of b\n")
    calls = {"n": 0}
    real_replace = os.replace

    def replace(a: str, b: str) -> None:  # the second output's last step (no fsync for --out: atomic_write)
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace)
    r = clean(src, "--out", out)
    assert r.exit_code == 1
    assert f"textmend: {src / 'b.txt'}: cannot write" in r.stderr and "No space left on device" in r.stderr
    assert (out / "a.txt").read_text() == "It’s a.txt\n"
    assert (out / "b.txt").read_text() == "earlier output of b\n"
    assert (out / "c.txt").read_text() == "It’s c.txt\n"
    assert leftovers(out) == []
    assert tree(src) == {n: f"Itâ€™s {n}\n".encode() for n in ("a.txt", "b.txt", "c.txt")}


def test_disk_full_while_writing_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "in.jsonl").write_text('{"text": "earlier"}\n')

    def replace(a: str, b: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)
    r = clean(src, "--out", out)
    assert r.exit_code == 1
    assert f"textmend: {src}: cannot write" in r.stderr and "No space left on device" in r.stderr
    assert (out / "in.jsonl").read_text() == '{"text": "earlier"}\n'
    assert leftovers(out) == []


def test_report_cannot_be_written(src: Path, tmp_path: Path) -> None:
    (tmp_path / "report.jsonl").mkdir()  # a folder where the report should go
    r = clean(src, "--out", tmp_path / "out", "--report", tmp_path / "report.jsonl")
    assert r.exit_code in (1, 2)
    assert f"textmend: {tmp_path / 'report.jsonl'}: cannot write the report" in r.stderr


# ------------------------------------------------------------------------------------ killed, restarted


def make_inputs(folder: Path, n: int = 4) -> dict[str, str]:
    folder.mkdir()
    expected = {}
    for i in range(n):
        (folder / f"doc{i}.txt").write_text(f"Itâ€™s document {i}.\n")
        expected[f"doc{i}.txt"] = f"It’s document {i}.\n"
    return expected


def outputs(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.glob("*.txt"))}


def test_interrupted_run_leaves_only_whole_outputs_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted (Ctrl-C) while writing the third file: the files before it are whole, nothing is half
    written, and running again finishes the job."""
    expected = make_inputs(tmp_path / "src")
    out = tmp_path / "out"
    real_replace = os.replace
    calls = {"n": 0}

    def replace(a: str, b: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace)
    r = clean(tmp_path / "src", "--out", out)
    assert r.exit_code == 130
    assert "textmend: interrupted after" in r.stderr and "of 4 files" in r.stderr and "--resume" in r.stderr
    done = outputs(out)
    assert all(done[name] == expected[name] for name in done)  # whole or absent, never half
    assert leftovers(out) == []
    monkeypatch.setattr(os, "replace", real_replace)
    r = clean(tmp_path / "src", "--out", out)
    assert r.exit_code == 0, r.output
    assert outputs(out) == expected


def test_resume_after_an_interrupted_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--resume skips the inputs whose output an earlier run completed, and does the rest."""
    expected = make_inputs(tmp_path / "src")
    out = tmp_path / "out"
    real = os.replace
    calls = {"n": 0}

    def replace(a: str, b: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real(a, b)

    monkeypatch.setattr(os, "replace", replace)
    clean(tmp_path / "src", "--out", out)
    monkeypatch.setattr(os, "replace", real)
    finished = len(outputs(out))
    r = clean(tmp_path / "src", "--out", out, "--resume", extra=[*FAST[:-1]])
    assert r.exit_code == 0, r.output
    assert outputs(out) == expected
    # A file written just before the interruption may not be recorded yet: it is done again, never skipped
    # unfinished.
    skipped = int(r.stderr.split(" already done")[0].rsplit(" ", 1)[-1])
    assert 1 <= skipped <= finished


def test_resume_redoes_changed_inputs_missing_outputs_and_new_settings(tmp_path: Path) -> None:
    make_inputs(tmp_path / "src")
    src, out = tmp_path / "src", tmp_path / "out"
    loud = FAST[:-1]  # without --quiet: the summary says how many were skipped
    assert clean(src, "--out", out, "--resume", extra=loud).exit_code == 0
    r = clean(src, "--out", out, "--resume", extra=loud)
    assert "4 already done" in r.stderr
    time.sleep(0.01)
    (src / "doc1.txt").write_text("Changed  now.\n")  # a new input: done again
    (out / "doc2.txt").unlink()  # a lost output: done again
    r = clean(src, "--out", out, "--resume", extra=loud)
    assert r.exit_code == 0, r.output
    assert "2 already done" in r.stderr
    assert (out / "doc1.txt").read_text() == "Changed now.\n" and (out / "doc2.txt").exists()
    r = clean(src, "--out", out, "--resume", extra=[*loud, "--no-typography"])  # new settings: all again
    assert "already done" not in r.stderr


def test_resume_redoes_an_output_a_power_loss_left_short(tmp_path: Path) -> None:
    """Outputs in --out are not flushed to the disk one by one (the fsync was most of the time of a small
    file), so after a power loss the record of a finished file can outlive its data: the file is then
    empty or short.  --resume compares its size with the one recorded and cleans it again."""
    expected = make_inputs(tmp_path / "src")
    src, out = tmp_path / "src", tmp_path / "out"
    loud = FAST[:-1]
    assert clean(src, "--out", out, "--resume", extra=loud).exit_code == 0
    (out / "doc1.txt").write_bytes(b"")  # what ext4 leaves of a new file whose data was not yet written
    (out / "doc2.txt").write_bytes(expected["doc2.txt"].encode()[:5])
    r = clean(src, "--out", out, "--resume", extra=loud)
    assert r.exit_code == 0, r.output
    assert "2 already done" in r.stderr
    assert outputs(out) == expected


def test_a_manifest_of_an_earlier_version_still_resumes(tmp_path: Path) -> None:
    """A record without the output's size (written before session 12) still counts as done."""
    make_inputs(tmp_path / "src")
    src, out = tmp_path / "src", tmp_path / "out"
    loud = FAST[:-1]
    assert clean(src, "--out", out, "--resume", extra=loud).exit_code == 0
    manifest = out / ".textmend" / "done.jsonl"
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    assert all(row.pop("out_size") > 0 for row in rows)
    manifest.write_text("".join(json.dumps(row) + "\n" for row in rows))
    r = clean(src, "--out", out, "--resume", extra=loud)
    assert "4 already done" in r.stderr


def test_only_a_file_rewritten_in_place_and_its_backup_are_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fsync where the old version is the only copy (in place, and the backup made first), not for an
    output made from an input that stays (--out, text and JSONL): 10,000 tiny files took 80 s, most of
    it the fsync of each."""
    make_inputs(tmp_path / "src")
    (tmp_path / "src" / "d.jsonl").write_text('{"text": "Itâ€™s"}\n', encoding="utf-8")
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else str(fd))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert clean(tmp_path / "src", "--out", tmp_path / "out").exit_code == 0
    assert synced == []
    assert clean(tmp_path / "src", "--in-place").exit_code == 0
    assert len(synced) == 10  # four text files and the JSONL, each with its backup
    if os.path.exists("/proc/self/fd"):
        assert sum(name.endswith(".orig") for name in synced) == 5


def test_killed_for_real_and_restarted(tmp_path: Path) -> None:
    """SIGKILL in the middle of a run of a real process: no output is half written; a rerun with --resume
    completes every output."""
    src = tmp_path / "src"
    src.mkdir()
    line = "Itâ€™s a line of a long document, with “quotes” ( and brackets ).\n"
    for i in range(6):
        (src / f"doc{i}.txt").write_text(line * 3000)  # ~0.2 MB each: a fraction of a second of work
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "textmend", "clean", str(src), "--out", str(out), *FAST]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob("doc*.txt")) and proc.poll() is None:
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be killed: give it more work"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert len(list(out.glob("doc*.txt"))) < 6
    expected = (line * 3000).replace("Itâ€™s", "It’s").replace("( and brackets )", "(and brackets)")
    for p in out.glob("doc*.txt"):
        assert p.read_text() == expected, f"{p} is half written"
    r = clean(src, "--out", out, "--resume")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("doc*.txt")) == [f"doc{i}.txt" for i in range(6)]
    assert all(p.read_text() == expected for p in out.glob("doc*.txt"))


def test_a_rerun_removes_temporary_files_a_killed_run_left(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".good.txt.k3j2h1.tmp").write_text("half a file from a killed run")
    r = clean(src, "--out", out)
    assert r.exit_code == 0, r.output
    assert_good_written(out)
    assert leftovers(out) == []


# ------------------------------------------------------------------------------------------ permissions


def test_outputs_get_the_usual_permissions_and_in_place_keeps_them(tmp_path: Path) -> None:
    """Outputs are written through a temporary file: they must not keep its owner-only 0600 mode, and a
    file rewritten in place keeps the mode it had."""
    mask = os.umask(0o022)
    os.umask(mask)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Itâ€™s\n")
    (src / "b.jsonl").write_text('{"text": "Itâ€™s"}\n')
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    for name in ("a.txt", "b.jsonl"):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
        (src / name).chmod(0o640)
    r = clean(src, "--in-place")
    assert r.exit_code == 0, r.output
    for name in ("a.txt", "b.jsonl"):
        assert "It’s" in (src / name).read_text()
        assert (src / name).stat().st_mode & 0o777 == 0o640, name


# ------------------------------------------------------------------------------------------- in place


def test_in_place_twice_keeps_every_version_it_replaced(tmp_path: Path) -> None:
    """--in-place, an edit by hand, --in-place again: FILE.orig stays the true original, and the edited
    version the second run rewrote is kept too (it was in no backup), as FILE.orig.1."""
    f = tmp_path / "a.txt"
    f.write_text("Itâ€™s one\n")
    assert clean(f, "--in-place").exit_code == 0
    assert clean(f, "--in-place").exit_code == 0  # already clean: not rewritten, no new backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.orig"]
    f.write_text("Itâ€™s edited by hand\n")
    r = clean(f, "--in-place")
    assert r.exit_code == 0, r.output
    assert f.read_text() == "It’s edited by hand\n"
    assert (tmp_path / "a.txt.orig").read_text() == "Itâ€™s one\n"
    assert (tmp_path / "a.txt.orig.1").read_text() == "Itâ€™s edited by hand\n"
    r = clean(tmp_path, "--in-place")  # the backups are not read back as inputs
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "a.txt",
        "a.txt.orig",
        "a.txt.orig.1",
    ]


def test_jsonl_in_place_twice_leaves_a_clean_file_alone(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": 1, "text": "Itâ€™s"}\n')
    assert clean(f, "--in-place").exit_code == 0
    cleaned = f.read_bytes()
    assert clean(f, "--in-place").exit_code == 0
    assert f.read_bytes() == cleaned
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "a.jsonl.orig"]
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------------------------------------ standard input


def stdin(*args: str | Path, data: bytes = "Itâ€™s\n".encode()):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["clean", "-", *map(str, args), *FAST], input=data)


def test_stdin_out_is_a_folder(tmp_path: Path) -> None:
    r = stdin("--out", tmp_path)
    assert r.exit_code == 2
    assert f"textmend: {tmp_path} is a folder" in r.stderr and "Traceback" not in r.output
    assert list(tmp_path.iterdir()) == []


def test_stdin_out_and_report_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be\n")
    r = stdin("--out", tmp_path / "blocked" / "out.txt")
    assert r.exit_code == 1
    assert f"textmend: -: cannot write {tmp_path / 'blocked' / 'out.txt'}" in r.stderr
    assert "Traceback" not in r.output
    r = stdin("--report", tmp_path / "blocked" / "r.jsonl")
    assert r.exit_code == 1
    assert f"textmend: {tmp_path / 'blocked' / 'r.jsonl'}: cannot write the report" in r.stderr
    assert r.stdout == "It’s\n"  # the text itself still went out
    assert (tmp_path / "blocked").read_text() == "a file where a folder should be\n"
    assert leftovers(tmp_path) == []


def test_stdin_html_report_is_written(tmp_path: Path) -> None:
    r = stdin("--report-html", tmp_path / "r.html")
    assert r.exit_code == 0, r.output
    assert r.stdout == "It’s\n"
    assert "ftfy" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_stdin_in_place_is_a_usage_error() -> None:
    r = stdin("--in-place")
    assert r.exit_code == 2
    assert "--in-place" in r.stderr and r.stdout == ""


# ----------------------------------------------------------------------------------------- where to write


def test_write_error_names_the_output_not_its_temporary_file(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (src / "sub").mkdir()
    (src / "sub" / "b.txt").write_text("Itâ€™s b\n")
    (out / "sub").write_text("a file where the output needs a folder\n")
    r = clean(src, "--out", out)
    assert r.exit_code == 1
    assert f"textmend: {src / 'sub' / 'b.txt'}: cannot write {out / 'sub' / 'b.txt'}: a file is in the way" in (
        r.stderr
    )
    assert ".tmp" not in r.stderr
    assert_good_written(out)
    assert (out / "sub").read_text() == "a file where the output needs a folder\n"


def test_out_names_an_existing_file_but_there_are_several_inputs(src: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("precious\n")
    for args in ([src], [src / "good.txt", src / "good.txt", tmp_path / "notes.txt"]):
        r = clean(*args, "--out", target)
        assert r.exit_code == 2
        assert f"textmend: --out {target} is a file" in r.stderr
    assert target.read_text() == "precious\n"


def test_one_input_to_an_existing_file_without_an_ending(src: Path, tmp_path: Path) -> None:
    target = tmp_path / "NOTES"
    target.write_text("older output\n")
    r = clean(src / "good.txt", "--out", target)
    assert r.exit_code == 0, r.output
    assert target.read_text() == "It’s fine.\n"


def test_the_same_file_given_twice_is_cleaned_once(src: Path, tmp_path: Path) -> None:
    r = clean(src / "good.txt", src / "good.txt", src, "--out", tmp_path / "out", extra=[*FAST[:-1]])
    assert r.exit_code == 0, r.output
    assert_good_written(tmp_path / "out")
    assert "1 file, 1 document" in r.stderr  # "1 files" before session 9


# -------------------------------------------------------------------------------------------------- HTML


def test_html_that_is_binary_or_broken_gzip(src: Path, tmp_path: Path) -> None:
    (src / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (src / "page.html").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / 'photo.html'}: looks like a binary file" in r.stderr
    assert f"textmend: {src / 'page.html'}: is not a valid gzip file" in r.stderr
    assert "Traceback" not in r.output
    assert not (tmp_path / "out" / "photo.txt").exists() and not (tmp_path / "out" / "page.txt").exists()
    assert_good_written(tmp_path / "out")


def test_html_with_no_article_is_said(src: Path, tmp_path: Path) -> None:
    (src / "menu.html").write_text("<html><head><title>Menu</title></head><body></body></html>")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert f"textmend: {src / 'menu.html'}: no article text found" in r.stderr
    assert (tmp_path / "out" / "menu.txt").read_text() == ""


def test_html_extraction_is_under_the_time_cap(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding the article of a page came before the pipeline's time cap: a 16 MB page took 192 s.  Now it
    counts against max_seconds: the page is an error, nothing is written for it, the run goes on; a JSONL
    line whose HTML field runs over is written through."""
    import textmend.html

    def slow(html: object, **kwargs: object) -> tuple[str, dict[str, object]]:
        time.sleep(30)
        return "never", {}

    monkeypatch.setattr(textmend.html, "html_to_text", slow)
    (tmp_path / "textmend.toml").write_text("max_seconds = 0.3\n")
    (src / "huge.html").write_text("<html><body><p>Imagine sixteen megabytes.</p></body></html>")
    line = '{"id": 2, "html": "<p>slow</p>"}'
    (src / "pages.jsonl").write_text(f'{{"id": 1, "text": "one"}}\n{line}\n', encoding="utf-8")
    extra = [*FAST, "--config", str(tmp_path / "textmend.toml"), "--html-field", "html"]
    r = clean(src, "--out", tmp_path / "out", extra=extra)
    assert r.exit_code == 1
    assert f"textmend: {src / 'huge.html'}: finding the article in the HTML took over 0.3 s" in r.stderr
    assert f"textmend: {src / 'pages.jsonl'}: line 2: finding the article in field 'html' took over 0.3 s" in r.stderr
    assert not (tmp_path / "out" / "huge.txt").exists()
    assert (tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8").splitlines()[1] == line
    assert_good_written(tmp_path / "out")


# ---------------------------------------------------------------------------------------------- gzip JSONL


def test_jsonl_gz_is_read_and_written_gzipped(src: Path, tmp_path: Path) -> None:
    import gzip

    (src / "news.jsonl.gz").write_bytes(gzip.compress(b'{"id": 1, "text": "It\\u00e2\\u20ac\\u2122s"}\n'))
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in gzip.decompress((tmp_path / "out" / "news.jsonl.gz").read_bytes()).splitlines()]
    assert [(row["id"], row["text"]) for row in rows] == [(1, "It’s")]
    assert_good_written(tmp_path / "out")


def test_truncated_jsonl_gz_keeps_the_earlier_output(tmp_path: Path) -> None:
    import gzip

    lines = "".join(json.dumps({"id": i, "text": f"Itâ€™s line {i}, " * 8}) + "\n" for i in range(3000))
    data = gzip.compress(lines.encode())
    src = tmp_path / "news.jsonl.gz"
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    out.mkdir()
    earlier = gzip.compress(b'{"text": "earlier"}\n')
    (out / "news.jsonl.gz").write_bytes(earlier)
    r = clean(src, "--out", out)
    assert r.exit_code == 1
    assert f"textmend: {src}: is not a valid gzip file" in r.stderr and "Traceback" not in r.output
    assert (out / "news.jsonl.gz").read_bytes() == earlier
    assert leftovers(out) == []


@pytest.mark.parametrize("name", ["empty.jsonl.gz", "empty.html.gz"])
def test_zero_byte_gzip(name: str, src: Path, tmp_path: Path) -> None:
    (src / name).write_bytes(b"")
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {src / name}: is not a valid gzip file (it is empty" in r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["good.txt"]


# ------------------------------------------------------------------------------------------------ explain


def test_explain_says_why_a_jsonl_line_is_not_explained(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "Itâ€™s"}\n{broken\n\n{"id": 4}\n', encoding="utf-8")

    def explain(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["explain", str(f), *args, "--disable", "despin", "--disable", "words"])

    r = explain("--line", "2")
    assert r.exit_code == 1 and f"textmend: {f}: line 2: not valid JSON" in r.stderr
    r = explain("--line", "3")
    assert r.exit_code == 1 and f"textmend: {f}: line 3 is blank" in r.stderr
    r = explain("--line", "9")
    assert r.exit_code == 1 and f"textmend: {f}: no line 9 (it has 4)" in r.stderr
    r = explain()  # every line: the good one explained, the bad ones named
    assert r.exit_code == 1
    assert "ftfy" in r.stdout and "line 2: not valid JSON" in r.stderr and "line 4: no 'text' field" in r.stderr
    r = explain("--line", "1")
    assert r.exit_code == 0 and "ftfy" in r.stdout
    g = tmp_path / "a.txt"
    g.write_text("x\n")
    r = runner.invoke(app, ["explain", str(g), "--line", "1"])
    assert r.exit_code == 2 and "--line" in r.stderr


def test_a_report_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    """--report inside the folder cleaned in place: the report (JSONL, being written) is no input, so the
    run neither reads it half written nor replaces it."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(60):  # enough report lines that part of the report is on disk before the run ends
        (src / f"doc{i:02}.txt").write_text(f"Itâ€™s document {i}, with “quotes” ( and brackets ).\n")
    report = src / "report.jsonl"
    for _ in range(2):
        r = clean(src, "--in-place", "--report", report, extra=[*FAST[:-1]])
        assert r.exit_code == 0, r.output
        assert "60 files" in r.stderr
    assert not (src / "report.jsonl.orig").exists()
    rows = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 60 and all(row["edits"] == [] for row in rows)  # the second run: nothing left to do
    r = clean(report, "--out", tmp_path / "out", "--report", report)
    assert r.exit_code == 2 and "is both an input and a report" in r.stderr


def test_explain_shows_a_lone_surrogate_escaped(tmp_path: Path) -> None:
    """explain printed a lone surrogate from JSON ("\\udc00") and stopped with UnicodeEncodeError."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "second \\udc00 text,  here"}\n', encoding="utf-8")
    r = runner.invoke(app, ["explain", str(src)])
    assert r.exit_code == 0, r.output
    assert "\\udc00" in r.stdout


def test_a_folder_that_cannot_be_listed(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable folder (simulated: the tests may run as root) is named, the rest is cleaned."""
    closed = src / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text("Hidden.\n", encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == closed:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(closed))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    r = clean(src, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert f"textmend: {closed}: cannot be listed: Permission denied" in r.stderr
    assert_good_written(tmp_path / "out")


def test_a_file_of_many_bad_lines_prints_a_hundred_and_counts_the_rest(tmp_path: Path) -> None:
    """A binary file named .jsonl gave one message a line, every one held until the file ended (memory
    grew with the file) and printed: a hundred are shown, the rest counted; every line is still written."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(f'{{"text": "ok {i}"}}\n' if i % 2 else f"bad line {i}\n" for i in range(500)))
    r = clean(src, "--out", tmp_path / "out", extra=["--no-despin", "--no-words", "--no-boilerplate", "--jobs", "1"])
    assert r.exit_code == 1
    messages = [line for line in r.stderr.splitlines() if "not valid JSON" in line]
    assert len(messages) == 100
    assert f"textmend: {src}: 150 more errors like these, not shown" in r.stderr
    assert "250 errors" in r.stderr
    assert len((tmp_path / "out" / "in.jsonl").read_text().splitlines()) == 500
