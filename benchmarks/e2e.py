"""The whole pipeline on the twelve seed-like articles of tests/data/e2e: what differs from the clean text.

    python benchmarks/e2e.py              # lines and words differing per case, by stage, dev and held-out apart
    python benchmarks/e2e.py --show 01 05 # and the diff of those cases
    python benchmarks/e2e.py --raw        # the same figures for the input as it is (no cleaning)
    python benchmarks/e2e.py --set e2e2   # the second batch, tests/data/e2e2 (session 9)
    python benchmarks/e2e.py --set e2e3   # the third batch, tests/data/e2e3 (session 10)
    python benchmarks/e2e.py --set e2e4   # the fourth batch, tests/data/e2e4 (session 11)
    python benchmarks/e2e.py --set e2e5   # the fifth batch, tests/data/e2e5 (session 12)
    python benchmarks/e2e.py --set e2e6   # the sixth batch, tests/data/e2e6 (session 13)

Held out, scored but never fixed from (each set's README): cases 03, 06, 09 and 12 of tests/data/e2e;
02, 04, 06, 08 and 10 of tests/data/e2e2; 02, 04, 06, 08, 10 and 12 of tests/data/e2e3, e2e4, e2e5
and e2e6.

A difference is put down to a stage by its shape, not by tracing edits: a whole line too many or too few
is boilerplate's (too many: furniture kept; too few: article removed); in a line that pairs with one of the
expected text, a difference holding mojibake or an entity is encoding's, one that is the same text once
the spaces are gone is typography's (around punctuation) or words' (between two letters, a word left
glued), and any other changed wording is despin's (also "can not" for "cannot"); a blank line too many or
too few is "layout" (lines only).  Lines count once per side of the diff; words are whitespace tokens.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import textmend  # noqa: E402

DATA = ROOT / "tests" / "data" / "e2e"
#: The sets of seed-like articles (a folder under tests/data each) and the cases each holds out.
SETS = {
    "e2e": ("03", "06", "09", "12"),
    "e2e2": ("02", "04", "06", "08", "10"),
    "e2e3": ("02", "04", "06", "08", "10", "12"),
    "e2e4": ("02", "04", "06", "08", "10", "12"),
    "e2e5": ("02", "04", "06", "08", "10", "12"),
    "e2e6": ("02", "04", "06", "08", "10", "12"),
}
STAGES = ("encoding", "typography", "boilerplate+", "boilerplate-", "layout", "despin", "words")
_MOJIBAKE = re.compile(r"[ÃÂâ€�\x80-\x9f]|&[a-z]+;|&#\d+;|\bnbsp\b|#82\d\d;")


def cases(data: Path = DATA) -> list[tuple[str, str, str]]:
    """(name, input, expected) of every case in the folder ``data``, in order."""
    out = []
    for exp in sorted(data.glob("*.expected.txt")):
        name = exp.name[: -len(".expected.txt")]
        out.append((name, (data / f"{name}.txt").read_text(encoding="utf-8"), exp.read_text(encoding="utf-8")))
    return out


def _stage_of(got: list[str], want: list[str]) -> str:
    g, w = " ".join(got), " ".join(want)
    if _MOJIBAKE.search(g):
        return "encoding"
    if g.replace(" ", "") == w.replace(" ", "") and len(got) <= len(want):  # split apart: the spinner's "can not"
        a, b = difflib.SequenceMatcher(None, g, w, autojunk=False), None
        for _tag, i1, i2, j1, j2 in (op for op in a.get_opcodes() if op[0] != "equal"):
            b = g[max(0, i1 - 1) : i2 + 1] + w[max(0, j1 - 1) : j2 + 1]
            if re.search(r"[^\w\s]", b):
                return "typography"
        return "words"
    return "despin"


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def compare(got: str, want: str) -> tuple[Counter[str], Counter[str]]:
    """(lines, words) differing, by stage."""
    lines: Counter[str] = Counter()
    words: Counter[str] = Counter()
    blank = difflib.SequenceMatcher(None, got.strip().splitlines(), want.strip().splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in blank.get_opcodes():  # a blank line too many or too few (a removal's leftover)
        if tag != "equal" and not "".join(got.strip().splitlines()[i1:i2] + want.strip().splitlines()[j1:j2]).strip():
            lines["layout"] += max(i2 - i1, j2 - j1)
    g_lines = [x for x in got.splitlines() if x.strip()]
    w_lines = [x for x in want.splitlines() if x.strip()]
    sm = difflib.SequenceMatcher(None, g_lines, w_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        extra, missing = list(range(i1, i2)), list(range(j1, j2))
        pairs = []
        for i in list(extra):  # pair a kept line with the expected line it is a version of (by words: spun lines too)
            best = max(missing, key=lambda j: _similar(g_lines[i], w_lines[j]), default=None)
            if best is not None and _similar(g_lines[i], w_lines[best]) >= 0.4:
                pairs.append((i, best))
                extra.remove(i)
                missing.remove(best)
        for i in extra:
            lines["boilerplate+"] += 1
            words["boilerplate+"] += len(g_lines[i].split())
        for j in missing:
            lines["boilerplate-"] += 1
            words["boilerplate-"] += len(w_lines[j].split())
        for i, j in pairs:
            gt, wt = g_lines[i].split(), w_lines[j].split()
            seen = set()
            for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, gt, wt, autojunk=False).get_opcodes():
                if op != "equal":
                    stage = _stage_of(gt[a1:a2], wt[b1:b2])
                    words[stage] += max(a2 - a1, b2 - b1)
                    seen.add(stage)
            for stage in seen:
                lines[stage] += 1
    return lines, words


def _fmt(c: Counter[str]) -> str:
    return " ".join(f"{s}:{c[s]}" for s in STAGES if c[s])


def _summary(lines: Counter[str], words: Counter[str]) -> str:
    return f"lines {sum(lines.values()):3} [{_fmt(lines)}]  words {sum(words.values()):4} [{_fmt(words)}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", nargs="*", default=[], help="case numbers whose diff to print")
    parser.add_argument("--raw", action="store_true", help="score the input itself, not textmend's output")
    parser.add_argument("--set", choices=sorted(SETS), default="e2e", help="which set of cases (under tests/data)")
    args = parser.parse_args(argv)
    held_out = SETS[args.set]
    totals = {"dev": (Counter[str](), Counter[str]()), "held-out": (Counter[str](), Counter[str]())}
    exact = Counter[str]()
    for name, text, want in cases(ROOT / "tests" / "data" / args.set):
        got = text if args.raw else textmend.clean(text).text
        lines, words = compare(got, want)
        part = "held-out" if name[:2] in held_out else "dev"
        totals[part][0].update(lines)
        totals[part][1].update(words)
        exact[part] += got.strip() == want.strip()
        print(f"{name:24} {part:8} {_summary(lines, words)}")
        if name[:2] in args.show:
            diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True), "expected", "textmend")
            sys.stdout.writelines(diff)
            print()
    for part, (lines, words) in totals.items():
        print(f"{part:9} exact {exact[part]:2}    {_summary(lines, words)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
