"""What the typography stage changes in clean article text: every edit, counted by rule.

    python benchmarks/typography.py          # counts per rule on the AEB gold bodies, RealNews and the seeds
    python benchmarks/typography.py --show   # and every edit, with the text around it, to judge by hand
    python benchmarks/typography.py --fresh typography_fresh5   # score a fresh case set of tests/data/

The AEB gold bodies are article text as the benchmark's annotators kept it; a few hold real scraping
artifacts (a quote padded inside, "[ Bloomberg ]"), which the stage should repair, and nothing else.  The
seeds hold the damage they were chosen for (seed 003: `a long” Joint Statement”`, `( as they saw it )`).
Each edit printed with ``--show`` is there to be read: a change to text that was right is a false positive.

``--fresh NAME`` scores the cases of ``tests/data/NAME.json`` (``{label, comment, original, expected}``, written
before the stage was read) through the encoding and typography stages, the dev part and the held-out third (the
cases whose comment says "held out") apart: damage fixed / made wrong / missed, and clean cases touched.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpora  # noqa: E402  (benchmarks/corpora.py, beside this file)

from textmend.stages import typography  # noqa: E402


def documents() -> list[tuple[str, str]]:
    """(name, text) of the clean documents: AEB gold bodies, RealNews texts, the seeds."""
    docs = [(f"{source}#{i}", text) for source, i, text in corpora.reference_news()]
    return docs + [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]


def score_fresh(name: str, show: bool = False) -> dict[str, Counter[str]]:
    """Counts per part ("dev", "held out") of ``tests/data/NAME.json``: fixed, wrong, missed, clean, touched."""
    import json

    import textmend

    cases = json.loads((ROOT / "tests" / "data" / f"{name}.json").read_text(encoding="utf-8"))
    parts: dict[str, Counter[str]] = {"dev": Counter(), "held out": Counter()}
    for case in cases:
        part = "held out" if "held out" in case["comment"] else "dev"
        got = textmend.clean(case["original"], stages=["encoding", "typography"]).text
        if case["original"] == case["expected"]:
            verdict = "clean" if got == case["original"] else "touched"
        else:
            verdict = "fixed" if got == case["expected"] else "missed" if got == case["original"] else "wrong"
        parts[part][verdict] += 1
        if show and verdict not in ("fixed", "clean") and part == "dev":  # held-out misses stay unread
            print(f"{part:8} {verdict:7} {case['label']}: {case['original']!r} -> {got!r}")
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every edit with its context")
    parser.add_argument("--fresh", metavar="NAME", help="score tests/data/NAME.json (dev and held out apart)")
    args = parser.parse_args(argv)
    if args.fresh:
        for part, n in score_fresh(args.fresh, show=args.show).items():
            damage = n["fixed"] + n["wrong"] + n["missed"]
            print(
                f"{part:8}  damage {damage}: fixed {n['fixed']}, wrong {n['wrong']}, missed {n['missed']};"
                f"  clean {n['clean'] + n['touched']}: touched {n['touched']}"
            )
        return 0
    by_rule: Counter[str] = Counter()
    touched: dict[str, int] = {}
    docs = documents()
    for name, text in docs:
        out = typography.apply(text, typography.Options())
        for e in out.edits:
            by_rule[e.rule] += 1
            touched[name] = touched.get(name, 0) + 1
            if args.show:
                # spans are into the text of the edit's own pass; good enough to find the place
                around = text[max(0, e.start - 30) : e.end + 30].replace("\n", " ")
                print(f"{name:24} {e.rule:26} {e.before!r:>12} -> {e.after!r:8} …{around}…")
    print(f"{len(docs)} documents of article text, {sum(by_rule.values())} edits in {len(touched)} of them")
    for rule, n in by_rule.most_common():
        print(f"  {rule:28} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
