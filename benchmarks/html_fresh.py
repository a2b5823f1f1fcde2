"""HTML pages written fresh (tests/data/html/fresh .. fresh6): what the HTML path keeps and loses.

    python benchmarks/html_fresh.py               # both sets, per page, dev and held out apart
    python benchmarks/html_fresh.py --show 05 11  # and the lines lost and kept of those pages
    python benchmarks/html_fresh.py --cli         # the text as the CLI gives it (no header restored)
    python benchmarks/html_fresh.py --dev         # dev pages only, while mending

Each page goes through ``html_to_text(page, restore_header=True)`` (as tests/test_html.py reads them)
and the boilerplate stage.  Lines are compared after ``line_key`` (list markers, curly quotes and spaces
folded).  *lost*: expected article lines not in the output; *kept*: output lines that are not article
text (furniture); a line of the expected text starting "?? " is optional, counted neither way.  Meta:
title, author, date (first ten characters) and language against the page's .meta.json; a page whose
meta.json says ``"article": false`` should give no text and a ``html_extraction`` flag.

Held-out pages (each set's README) are scored, never mended from.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from textmend.html import html_to_text  # noqa: E402
from textmend.stages import boilerplate  # noqa: E402

SETS = {
    "fresh": (ROOT / "tests" / "data" / "html" / "fresh", ("03", "06", "09", "12")),
    "fresh2": (ROOT / "tests" / "data" / "html" / "fresh2", ("03", "06", "09", "12", "14")),
    "fresh3": (ROOT / "tests" / "data" / "html" / "fresh3", ("03", "06", "09", "12", "14")),
    "fresh4": (ROOT / "tests" / "data" / "html" / "fresh4", ("03", "05", "08", "12", "14")),
    "fresh5": (ROOT / "tests" / "data" / "html" / "fresh5", ("03", "06", "09", "12", "14")),
    "fresh6": (ROOT / "tests" / "data" / "html" / "fresh6", ("02", "05", "08", "11", "13")),
}
META_KEYS = ("title", "author", "date", "language")


def line_key(line: str) -> str:
    """A line as compared: list marker off, a table row's outer pipes off, curly quotes straight, spaces folded."""
    line = re.sub(r"^(?:[-*•]|\d+\.)\s+", "", line.strip())
    if len(line) > 1 and line[0] == line[-1] == "|":
        line = line[1:-1]
    return " ".join(line.replace("’", "'").replace("“", '"').replace("”", '"').split())


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz")))


def stem(page: Path) -> Path:
    return page.with_name(page.name.split(".", 1)[0])


def score(page: Path, restore_header: bool = True) -> dict[str, Any]:
    """Lines lost and kept, and the metadata found against the expected, for one page."""
    base = stem(page)
    expected = base.with_name(base.name + ".expected.txt").read_text(encoding="utf-8").splitlines()
    wanted = json.loads(base.with_name(base.name + ".meta.json").read_text(encoding="utf-8"))
    text, meta = html_to_text(page.read_bytes(), restore_header=restore_header)
    out = boilerplate.apply(text, boilerplate.Options()).text if text else ""
    got = [line for line in out.splitlines() if line.strip()]
    got_keys = {line_key(line) for line in got}
    article = [line for line in expected if line.strip() and not line.startswith("?? ")]
    allowed = {line_key(line.removeprefix("?? ")) for line in expected if line.strip()}
    found = {key: meta.get(key) for key in META_KEYS}
    if isinstance(found["date"], str):
        found["date"] = found["date"][:10]
    return {
        "name": page.name.split("_", 1)[0],
        "lost": [line for line in article if line_key(line) not in got_keys],
        "kept": [line for line in got if line_key(line) not in allowed],
        "lines": len(article),
        "meta": {key: (wanted.get(key), found[key]) for key in META_KEYS},
        "flag": meta.get("html_extraction"),
        "article": wanted.get("article", True),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", nargs="*", default=[], help="pages (NN) whose lost and kept lines to print")
    parser.add_argument("--cli", action="store_true", help="no header restored (the CLI's default)")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only this set (repeatable)")
    parser.add_argument("--dev", action="store_true", help="dev pages only (the held-out ones not scored)")
    args = parser.parse_args(argv)
    for name in args.set or sorted(SETS):
        folder, held_out = SETS[name]
        totals: dict[str, list[int]] = {"dev": [0, 0, 0, 0, 0], "held out": [0, 0, 0, 0, 0]}
        print(f"{name}: page  lost/lines  kept  meta wrong")
        for page in pages(folder):
            part = "held out" if page.name.split("_", 1)[0] in held_out else "dev"
            if args.dev and part != "dev":
                continue
            r = score(page, restore_header=not args.cli)
            wrong = [f"{k}={got!r} (want {want!r})" for k, (want, got) in r["meta"].items() if want != got]
            flag = ""
            if not r["article"]:
                flag = f"  [no article: flag {r['flag']!r}]"
            t = totals[part]
            t[0] += len(r["lost"])
            t[1] += r["lines"]
            t[2] += len(r["kept"])
            t[3] += len(wrong)
            t[4] += 1
            mark = "*" if part == "held out" else " "
            counts = f"{len(r['lost']):3}/{r['lines']:<3} {len(r['kept']):4}"
            print(f"  {mark}{page.name[:34]:34} {counts}  {'; '.join(wrong)}{flag}")
            if r["name"] in args.show:
                for line in r["lost"]:
                    print(f"      - {line[:110]}")
                for line in r["kept"]:
                    print(f"      + {line[:110]}")
        for part, (lost, lines, kept, wrong, n) in totals.items():
            print(
                f"  {part:8} ({n} pages): lost {lost}/{lines} article lines, kept {kept} furniture lines,"
                f" {wrong} meta fields wrong"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
