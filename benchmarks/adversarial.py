"""Pathological and bad input, at pipeline scale: does any stage grow faster than the input, and does the
command line survive every kind of bad file?

    .venv/bin/python benchmarks/adversarial.py stages [--n 20000] [--only NAME]   # n and 4n, each stage alone
    .venv/bin/python benchmarks/adversarial.py cli [--keep DIR]                   # the files, through textmend clean

``stages`` builds each pathological text (runs of one character or sign, very long words and URLs, lines
of only punctuation, combining marks, RTL marks, emoji ZWJ sequences ...) at two sizes, n and 4n
characters, runs every default stage alone on both and prints the time ratio: about 4 is linear, over 6
is flagged (``!``).  Nothing here asserts a time: investigation only, on a quiet machine if the figures
matter.  ``cli`` writes a folder of bad files (binary, NUL bytes, lone surrogates in JSON, wrong field
types, CR-only and mixed line endings, BOMs, odd file names, a symlink loop, an unreadable file and folder,
a 50 MB JSONL record, a million short lines, a 5-20 MB single line ...) into a temporary folder, runs the
command line on them (folder, one file each, standard input) and prints what came back: exit status,
messages, time, and whether every record and every line ending survived.  Nothing big is kept in git:
every input is generated here.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PROSE = (
    "The council said on Tuesday that the new bridge would open in March, two years later than planned. "
    "Officials blamed the delay on rising costs and a shortage of steel.\n"
)


def _fill(unit: str, n: int) -> str:
    """``unit`` repeated to about ``n`` characters."""
    return unit * max(1, n // len(unit))


def _in_prose(body: str) -> str:
    """A pathological run inside an ordinary article: some rules only look at lines near prose."""
    return PROSE * 3 + body + "\n" + PROSE * 3


#: name -> builder of a text of about n characters.
CASES: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: "a" + " " * n + "b",
    "spaces in prose": lambda n: _in_prose("word" + " " * n + "word"),
    "tabs and spaces": lambda n: "a" + _fill(" \t", n) + "b",
    "trailing spaces": lambda n: _fill("x   \n", n),
    "straight quotes": lambda n: _fill('"', n),
    "straight quotes spaced": lambda n: _fill('" ', n),
    "curly quotes": lambda n: _fill("“", n),
    "curly pairs spaced": lambda n: _fill("“ a ” ", n),
    "closing quotes glued": lambda n: _fill("word” ", n),
    "apostrophes": lambda n: _fill("’", n),
    "single curly spaced": lambda n: _fill("‘ a ’ ", n),
    "brackets": lambda n: _fill("( ", n) + _fill(" )", n // 4),
    "nested brackets": lambda n: _fill("(", n // 2) + _fill(")", n // 2),
    "square brackets": lambda n: _fill("[ a ", n),
    "dots": lambda n: _fill(".", n),
    "dots spaced": lambda n: _fill(". ", n),
    "commas spaced": lambda n: _fill("a , ", n),
    "glued sentences": lambda n: _fill("said.The ", n),
    "displaced spaces": lambda n: _fill("he said .The deal ,which ", n),
    "tabs between words": lambda n: _fill("minister\tsaid ", n),
    "no-break runs": lambda n: _fill("word\u00a0 \u00a0word ", n),
    "joiners in words": lambda n: _fill("wo\u200drd\u200c ", n),
    "sentence after this.": lambda n: _fill("because of this.The ", n),
    "sentence marks": lambda n: _fill("a.B", n),
    "dashes": lambda n: _fill("-", n),
    "em dashes": lambda n: _fill("—", n),
    "A circumflex": lambda n: _fill("Â", n),
    "A circumflex spaced": lambda n: _fill("Â ", n),
    "nbsp entities": lambda n: _fill("&nbsp;", n),
    "nbsp words": lambda n: _fill("nbsp ", n),
    "amp entities": lambda n: _fill("&amp;", n),
    "numeric entities": lambda n: _fill("#8217;", n),
    "entities in one-line prose": lambda n: _fill("The council said Smith &amp; Sons would build the new bridge. ", n),
    "entity clusters": lambda n: _fill("&amp;" * 20 + " clean words here and there ok fine ", n),
    "terminal escapes": lambda n: _fill("\x1b[31m red \x1b[0m ", n),
    "no-break spaces": lambda n: _fill("\u00a0", n),
    "no-break spaced words": lambda n: _fill("a\u00a0", n),
    "soft hyphens": lambda n: _fill("\u00ad", n),
    "zero-width spaces": lambda n: _fill("\u200b", n),
    "combining marks": lambda n: "a" + _fill("\u0301", n),
    "combining on words": lambda n: _fill("e\u0301\u0302 ", n),
    "RTL marks": lambda n: _fill("\u200f", n),
    "RTL words": lambda n: _fill("\u200fword\u200e ", n),
    "RTL overrides": lambda n: _fill("\u202eabc\u202c ", n),
    "emoji ZWJ": lambda n: _fill("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", n),
    "emoji ZWJ spaced": lambda n: _fill("\U0001f3f3\ufe0f\u200d\U0001f308 ", n),
    "punctuation lines": lambda n: _fill("!?.,;:-()[]“”\n", n),
    "punctuation line": lambda n: _fill("!?.,;:-()“”'\"", n),
    "long word": lambda n: _fill("a", n),
    "long word in prose": lambda n: _in_prose(_fill("abcdefghij", n)),
    "glued words": lambda n: _fill("thegovernment", n),
    "glued words spaced": lambda n: _fill("thegovernment ", n),
    "glued capitals": lambda n: _fill("inNovember ", n),
    "glued numbers": lambda n: _fill("since2019 ", n),
    "capitals": lambda n: _fill("A", n),
    "capital words": lambda n: _fill("Word ", n),
    "digits": lambda n: _fill("1", n),
    "numbers": lambda n: _fill("1,000. ", n),
    "url": lambda n: "See https://example.com/" + _fill("a/", n) + " now.",
    "urls in prose": lambda n: _in_prose(_fill("https://example.com/" + "x" * 5000 + " ", n)),
    "mojibake": lambda n: _fill("Itâ€™s ", n),
    "mojibake run": lambda n: _fill("â€", n),
    "mojibake Ã": lambda n: _fill("Ã", n),
    "latin-1 mojibake": lambda n: _fill("Ã©", n),
    "replacement chars": lambda n: _fill("\ufffd", n),
    "control chars": lambda n: _fill("a\x01\x02\x7f", n),
    "NUL": lambda n: _fill("a\x00", n),
    "CR only": lambda n: _fill("line one\r", n),
    "CRLF": lambda n: _fill("Line one here.\r\n", n),
    "form feeds": lambda n: _fill("a\x0c", n),
    "U+2028": lambda n: _fill("a\u2028", n),
    "blank lines": lambda n: _fill("\n", n),
    "one-word lines": lambda n: _fill("word\n", n),
    "short lines": lambda n: _fill("Share this\n", n),
    "byline lines": lambda n: _fill("By John Smith\n", n),
    "subscribe lines": lambda n: _fill("Subscribe to our newsletter\n", n),
    "repeated line": lambda n: _fill("The council said the bridge would open in March.\n", n),
    "repeated paragraph": lambda n: _fill(PROSE, n),
    "timestamps": lambda n: _fill("March 3, 2021 at 4:15 pm\n", n),
    "comments in prose": lambda n: _in_prose(_fill("March 3, 2024 at 10:12 am\ncomment text here\n", n)),
    "menu lines": lambda n: _fill("Home\nShare\n", n),
    "reply lines": lambda n: _fill("John Smith says:\nGreat article.\nReply\n", n),
    "spun phrases": lambda n: _fill("the Chilly Battle mentioned CNN ", n),
    "CJK": lambda n: _fill("東京都は火曜日に発表した。", n),
    "Arabic": lambda n: _fill("قال المجلس يوم الثلاثاء ", n),
    "surrogates": lambda n: _fill("a\ud800", n),
}


class _TooLong(Exception):
    pass


def _ring(signum: int, frame: object) -> None:
    raise _TooLong


def _time(fn: Callable[[], object], limit: float) -> float:
    """Seconds ``fn`` took; raises :class:`_TooLong` after ``limit`` seconds (so one case cannot stall
    the table)."""
    signal.signal(signal.SIGALRM, _ring)
    signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t0


def run_stages(n: int, only: str | None, names: list[str], limit: float) -> int:
    from textmend import stages

    mods = {name: stages.load(name) for name in names}
    for name, mod in mods.items():
        stages.prepare(name, mod.Options())
    flagged = 0
    print(f"{'case':28} " + " ".join(f"{name:>22}" for name in names))
    print(f"{'':28} " + " ".join(f"{'n / 4n s (ratio)':>22}" for _ in names))
    for case, build in CASES.items():
        if only and only not in case:
            continue
        small, large = build(n), build(4 * n)
        cells = []
        for mod in mods.values():
            options = mod.Options()
            try:
                mod.apply(small[:1000], options)  # warm up
                # the better of two runs: other work on the machine makes single runs noisy
                t1 = min(_time(lambda: mod.apply(small, options), limit) for _ in range(2))  # noqa: B023
                t4 = min(_time(lambda: mod.apply(large, options), 4 * limit) for _ in range(2))  # noqa: B023
            except _TooLong:
                cells.append(f"{'! over ' + format(limit, 'g') + ' s':>22}")
                flagged += 1
                continue
            except Exception as exc:  # a crash is a finding too
                cells.append(f"{'ERR ' + type(exc).__name__:>22}")
                flagged += 1
                continue
            ratio = t4 / t1 if t1 > 0 else float("inf")
            bad = ratio > 6 and t4 > 0.05
            flagged += bad
            cells.append(f"{'!' if bad else ' '}{t1:7.3f} {t4:7.3f} ({ratio:4.1f})")
        print(f"{case[:28]:28} " + " ".join(cells), flush=True)
    print(f"{flagged} flagged (ratio over 6 with 4n over 0.05 s, or an error)")
    return 0


# --------------------------------------------------------------------------------------------- the CLI


def _big_line(path: Path, megabytes: int) -> None:
    piece = ("It\u00e2\u20ac\u2122s a long line with no break at all " * 64).encode()
    with path.open("wb") as fh:
        while fh.tell() < megabytes << 20:
            fh.write(piece)


def make_files(root: Path) -> dict[str, str]:
    """Write the bad files under ``root``; returns name -> what it is."""
    root.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}

    def put(name: str, data: bytes | str, what: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        made[name] = what

    put("empty.txt", b"", "empty")
    put("blank.txt", b"  \n\t\n  ", "whitespace only")
    put("bom.txt", b"\xef\xbb\xbfIt\xe2\x80\x99s a BOM.\n", "UTF-8 BOM")
    put("utf16.txt", "Caf\u00e9 says hi.\r\n".encode("utf-16"), "UTF-16 with BOM and CRLF")
    put("crlf.txt", b"First line \r\nSecond  line.\r\nThird line.\r\n", "CRLF")
    put("cr.txt", b"First line \rSecond  line.\rThird line.\r", "CR only")
    put("mixed.txt", b"First line \r\nSecond  line.\nThird line.\rFourth.\r\n", "mixed line endings")
    put("nul.txt", b"Some text\x00with a NUL byte.\n", "a NUL byte in text")
    put("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a PNG named .txt")
    put("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>stream\n" + bytes(range(128, 256)) * 8, "a PDF named .txt")
    put("binary.jsonl.gz", gzip.compress(bytes(range(256)) * 4), "gzip of binary data")
    put("notgzip.jsonl.gz", b"this is not gzip\n", "not gzip")
    put("page.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary named .html")
    put("name with spaces.txt", "A file name with spaces.\n", "spaces in the name")
    put("name\nwith newline.txt", "A file name with a line feed.\n", "a line feed in the name")
    (root / os.fsdecode(b"latin1-\xe9.txt")).write_bytes(b"A non-UTF-8 file name.\n")
    made[os.fsdecode(b"latin1-\xe9.txt")] = "a file name that is not UTF-8"
    put("controls.txt", "Text with \x01 controls \x7f and \x1b[31m escapes.\n", "control characters")
    put("surrogate.txt", "Lone surrogate: \ud800 here.\n", "a lone surrogate encoded (CESU bytes)")
    records = [
        '{"text": "Good record one."}',
        '{"text": "Lone surrogate \\ud800 in JSON."}',
        '{"text": "Pair \\ud83d\\ude00 and reversed \\ude00\\ud83d."}',
        "not json at all",
        '{"text": 42}',
        '{"text": null}',
        '{"text": ["a", "b"]}',
        '{"body": "no text field"}',
        "[1, 2, 3]",
        '"just a string"',
        '{"text": "NUL \\u0000 inside."}',
        '{"text": "Trailing record with CRLF."}\r',
        '{"text": "x", "text": "duplicate key"}',
        '{"text": "NaN next", "n": NaN}',
        '{"text": "big int", "n": 1' + "0" * 5000 + "}",
        '{"text": "deep", "d": ' + "[" * 100000 + "]" * 100000 + "}",
        "\x00\x01\x02",
        '{"text": "last good record."}',
    ]
    put("bad.jsonl", "\n".join(records) + "\n", "bad JSONL lines")
    put("bad.jsonl.gz", gzip.compress(("\n".join(records) + "\n").encode("utf-8", "surrogatepass")), "bad JSONL gz")
    put("noeol.jsonl", '{"text": "no final newline"}', "no final line feed")
    put("crlf.jsonl", b'{"text": "one  two"}\r\n{"text": "three"}\r\n', "JSONL with CRLF")
    put("bom.jsonl", b'\xef\xbb\xbf{"text": "BOM first"}\n{"text": "second"}\n', "JSONL with a BOM")
    put(
        "latin1.jsonl",
        b'{"text": "caf\xe9"}\n{"text": "ok"}\n{"text": "\xff\xfe"}\n',
        "JSONL with Latin-1 lines",
    )
    put("utf16.jsonl", '{"text": "UTF-16 JSONL"}\n{"text": "two"}\n'.encode("utf-16"), "UTF-16 JSONL")
    os.symlink("loop_b", root / "loop_a.txt")
    os.symlink("loop_a.txt", root / "loop_b")
    made["loop_a.txt"] = "a symlink loop"
    (root / "linkdir").mkdir()
    os.symlink("..", root / "linkdir" / "up")
    made["linkdir/up"] = "a link to the folder above"
    put("secret.txt", "You cannot read me.\n", "unreadable file")
    os.chmod(root / "secret.txt", 0)
    put("closed/inside.txt", "In a folder you cannot list.\n", "unreadable folder")
    os.chmod(root / "closed", 0)
    return made


def make_big_files(root: Path) -> dict[str, str]:
    root.mkdir(parents=True, exist_ok=True)
    made = {}
    _big_line(root / "line8mb.txt", 8)
    made["line8mb.txt"] = "an 8 MB single line (over the size cap)"
    _big_line(root / "line4mb.txt", 4)
    made["line4mb.txt"] = "a 4 MB single line of mojibake (under the cap)"
    with (root / "prose4mb.txt").open("w") as fh:
        fh.write(("The council said Smith &amp; Sons would build the bridge , at last. " * 60_000)[: 4 << 20])
    made["prose4mb.txt"] = "a 4 MB single line of prose with entities and padded commas"
    with (root / "million.txt").open("w") as fh:
        for i in range(1_000_000):
            fh.write(f"Line {i}.\n")
    made["million.txt"] = "a million short lines (about 11 MB: over the size cap)"
    with (root / "million_small.txt").open("w") as fh:
        fh.write("Short line.\n" * 300_000)
    made["million_small.txt"] = "300,000 short lines (3.6 MB, under the cap)"
    (root / "repeated.txt").write_text("The council said the bridge would open in March, late.\n" * 100_000)
    made["repeated.txt"] = "one line repeated 100,000 times (5.6 MB)"
    (root / "repeated_small.txt").write_text("The council said the bridge would open in March, late.\n" * 60_000)
    made["repeated_small.txt"] = "one line repeated 60,000 times (3.4 MB, under the cap)"
    with (root / "record50mb.jsonl").open("w") as fh:
        fh.write('{"text": "small first"}\n')
        fh.write('{"id": 1, "text": "' + "Itâ€™s a long record. " * ((50 << 20) // 23) + '"}\n')
        fh.write('{"text": "small last"}\n')
    made["record50mb.jsonl"] = "a 50 MB JSONL record between two small ones"
    return made


def _run(args: list[str], *, stdin: bytes | None = None, timeout: float = 600) -> tuple[int, str, float, bytes]:
    cmd = [sys.executable, "-m", "textmend", "clean", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, env=env, check=False)
    return p.returncode, p.stderr.decode("utf-8", "backslashreplace"), time.perf_counter() - t0, p.stdout


def run_cli(keep: Path | None, big: bool) -> int:
    base = keep or Path(tempfile.mkdtemp(prefix="textmend-adversarial-"))
    src = base / "src"
    if src.exists():
        for p in [src, *src.rglob("*")]:
            if not p.is_symlink():
                os.chmod(p, 0o755 if p.is_dir() else 0o644)
        shutil.rmtree(src)
    made = make_files(src)
    print(f"inputs in {src}: {len(made)} files")
    try:
        code, err, secs, _ = _run([str(src), "--out", str(src / "out"), "--jobs", "2"])
        print(f"\n== folder (out inside it): exit {code}, {secs:.1f} s\n{err}")
        code, err, secs, _ = _run([str(src), "--out", str(src / "out"), "--jobs", "1", "--quiet"])
        print(f"== again, --jobs 1: exit {code}, {secs:.1f} s\n{err}")
        out = src / "out"
        for name, what in sorted(made.items()):
            if name.endswith((".txt", ".jsonl", ".jsonl.gz")) and "/" not in name:
                dst = out / name
                if dst.exists():
                    print(f"  {name!r} ({what}): {dst.read_bytes()[:120]!r}")
                else:
                    print(f"  {name!r} ({what}): no output")
        for name in ("bad.jsonl", "crlf.jsonl", "latin1.jsonl", "noeol.jsonl"):
            inp = (src / name).read_bytes().split(b"\n")
            outp = (out / name).read_bytes().split(b"\n") if (out / name).exists() else []
            print(f"  {name}: {len([x for x in inp if x.strip()])} lines in, {len([x for x in outp if x])} out")
        for data, what in [
            (b"", "empty"),
            (b"\x00\x01binary", "binary"),
            (b"One\r\nTwo  lines\r\n", "CRLF"),
            (b"One\rTwo\r", "CR"),
            ("Lone \ud800 surrogate.".encode("utf-8", "surrogatepass"), "surrogate bytes"),
        ]:
            code, err, secs, stdout = _run(["-", "--quiet"], stdin=data)
            print(f"== stdin {what}: exit {code}, {stdout[:80]!r} {err.strip()}")
        if big:
            bigdir = base / "big"
            made_big = make_big_files(bigdir)
            for name, what in made_big.items():
                code, err, secs, _ = _run([str(bigdir / name), "--out", str(base / "bigout"), "--jobs", "1"])
                print(f"== {name} ({what}): exit {code}, {secs:.1f} s\n{err}")
    finally:
        for p in (src / "secret.txt", src / "closed"):
            if p.exists():
                os.chmod(p, 0o755 if p.is_dir() else 0o644)
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stages", help="time every default stage on each pathological text at n and 4n")
    s.add_argument("--n", type=int, default=20000, help="the smaller size, in characters")
    s.add_argument("--only", help="only cases whose name holds this")
    s.add_argument("--stage", action="append", help="only this stage (repeatable)")
    s.add_argument("--limit", type=float, default=10, help="seconds allowed at n (4x that at 4n)")
    c = sub.add_parser("cli", help="run textmend clean on a folder of bad files")
    c.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    c.add_argument("--big", action="store_true", help="also the big files (8-50 MB, a million lines)")
    args = ap.parse_args()
    if args.cmd == "stages":
        from textmend import stages

        return run_stages(args.n, args.only, args.stage or list(stages.DEFAULT), args.limit)
    return run_cli(args.keep, args.big)


if __name__ == "__main__":
    sys.exit(main())
