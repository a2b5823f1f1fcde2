"""What the typography stage changes in clean article text: every edit, counted by rule.

    python benchmarks/typography.py          # counts per rule on the AEB gold bodies, RealNews and the seeds
    python benchmarks/typography.py --show   # and every edit, with the text around it, to judge by hand

The AEB gold bodies are article text as the benchmark's annotators kept it; a few hold real scraping
artifacts (a quote padded inside, "[ Bloomberg ]"), which the stage should repair, and nothing else.  The
seeds hold the damage they were chosen for (seed 003: `a long” Joint Statement”`, `( as they saw it )`).
Each edit printed with ``--show`` is there to be read: a change to text that was right is a false positive.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every edit with its context")
    args = parser.parse_args(argv)
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
