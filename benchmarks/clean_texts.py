"""Clean text must come out untouched: every edit the default pipeline makes on texts that need none.

    python benchmarks/clean_texts.py               # the dev texts: edits by stage and rule, harm and judged
    python benchmarks/clean_texts.py --show        # and each dev edit in its line
    python benchmarks/clean_texts.py --held-out    # the held-out texts too (counted, never shown)

The texts are ``tests/data/clean4/NN_kind.txt`` (session 11; how they were written and which are held out:
``tests/data/clean4/README.md``): 54 texts: interview and podcast transcripts, a live blog, a court judgment, a recipe,
results tables, letters, corrections, an obituary, pieces about newsletters, cookies, comment threads and
article spinners, code and URLs, and text in or quoting a dozen languages, each correctly typed and in need
of no change.  Every third file (``03``, ``06`` ...) is held out.  Each goes through ``textmend.clean`` with
the default stages; every edit of every stage is listed (boilerplate's removed lines included).  An edit
judged right although the text was written clean (a standing footer the stage takes as furniture) is in
``tests/data/clean4/judged.json`` with its reason; every other edit is harm.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision  # noqa: E402  (benchmarks/precision.py, beside this file: ``located``)

import textmend  # noqa: E402
from textmend import stages  # noqa: E402

DATA = ROOT / "tests" / "data" / "clean4"
JUDGED = DATA / "judged.json"


def held_out(path: Path) -> bool:
    """Every third file, by its number: 03, 06, ... 54."""
    return int(path.name[:2]) % 3 == 0


def texts(*, dev: bool = True, held: bool = False) -> list[Path]:
    return [p for p in sorted(DATA.glob("[0-9][0-9]_*.txt")) if (held if held_out(p) else dev)]


def judged() -> list[dict[str, Any]]:
    """The edits judged right on these texts: ``file``, ``stage``, ``rule``, ``before``, ``after``, ``why``."""
    return json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.is_file() else []


def edits_of(path: Path) -> list[dict[str, Any]]:
    """Every edit the default pipeline makes on one text, located in its stage's input; each with
    ``harm`` (not judged right)."""
    text = path.read_text(encoding="utf-8")
    result = textmend.clean(text)
    right = Counter(
        (j["stage"], j["rule"], j["before"], j["after"]) for j in judged() if j["file"] == path.name
    )  # fmt: skip
    rows = []
    for e, _, _, context in precision.located(text, result.edits, shown=stages.ORDER):
        k = (e.stage, e.rule, e.before, e.after)
        rows.append({"file": path.name, "stage": e.stage, "rule": e.rule, "context": context, "harm": right[k] <= 0})
        right[k] -= 1
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print each dev edit in its line")
    ap.add_argument("--held-out", action="store_true", help="count the held-out texts too (never shown)")
    args = ap.parse_args(argv)
    sets = [("dev", texts())] + ([("held out", texts(dev=False, held=True))] if args.held_out else [])
    for name, paths in sets:
        rows = [row for p in paths for row in edits_of(p)]
        harm = [r for r in rows if r["harm"]]
        touched = len({r["file"] for r in harm})
        print(f"{name}: {len(paths)} texts, {len(rows)} edits, {len(harm)} harm in {touched} texts")
        for (stage, rule, is_harm), n in sorted(Counter((r["stage"], r["rule"], r["harm"]) for r in rows).items()):
            print(f"    {stage}.{rule}: {n} {'harm' if is_harm else 'judged right'}")
        if args.show and name == "dev":
            for r in rows:
                verdict = "harm" if r["harm"] else "right"
                print(f"    {r['file']} {r['stage']}.{r['rule']} ({verdict}): {r['context']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
