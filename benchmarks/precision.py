"""How often is an in-place edit wrong on real scraped text?  Precision of encoding, typography, despin
and words, judged by hand.

    python benchmarks/precision.py                 # per stage: judged edits still made / gone, new ones
    python benchmarks/precision.py --show-new      # and every new (unjudged) dev edit, in its line
    python benchmarks/precision.py --dump F.jsonl  # every dev edit, with its context, to judge (see below)

The documents are real: the RealNews texts, the five seeds (``samples/``; 002 is spun, so despin has
edits to judge), and three texts of each AEB page (``trafilatura_2_3_1_text``,
``fullpage_text_html_text``, ``gold_article_body``; ``../shared/data/README.md``).  They go through the
command line as JSONL with ``--report``, default settings, and every edit of the four stages that change
text in place is collected (boilerplate's removals of whole lines are measured by
``benchmarks/boilerplate.py``).  The AEB pages are split as there: **even** indices (dev) are the ones
whose edits were read and judged, **odd** indices (held out) are only counted, never read.

The judgments are ``benchmarks/data/precision/judged.jsonl``: one edit a line (``corpus``, ``doc``,
``stage``, ``rule``, ``before``, ``after``, ``left`` and ``right`` -- the 20 characters around the edit in
the text its stage received, which with the rest identify the edit from run to run -- ``context``, the
line it sits in with the change marked ``⟦before→after⟧``, and ``verdict`` (right / wrong / unsure) and
``why``, and ``sample``).  Session 9 judged every dev edit the pipeline made then: 11 of encoding, 240
of typography (of the 221 on AEB text, the 150 drawn with ``random.Random(9)`` are ``sample: seed9``, the
other 71 ``rest``), 151 of despin (all on seed 002, read word-aligned with its hand-restored original,
``tests/data/spin/seed002_original.txt``) and 1 of words; on RealNews and AEB text despin and words made
none.  A later session extends the file: judge what ``--show-new`` lists and append it (``--dump`` writes
those rows with their context and keys).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpora  # noqa: E402  (benchmarks/corpora.py, beside this file)

from textmend import stages  # noqa: E402
from textmend.edits import Edit, apply_edits, passes  # noqa: E402

JUDGED = ROOT / "benchmarks" / "data" / "precision" / "judged.jsonl"
#: The stages that change text in place (boilerplate removes whole lines).
STAGES = ("encoding", "typography", "despin", "words")
#: The AEB texts read, as (corpus name, field).
AEB_FIELDS = (
    ("aeb_trafilatura", "trafilatura_2_3_1_text"),
    ("aeb_fullpage", "fullpage_text_html_text"),
    ("aeb_gold", "gold_article_body"),
)
AROUND = 20


def documents() -> dict[str, list[tuple[str, bool, str]]]:
    """corpus -> [(doc id, dev?, text)]: RealNews texts (``file:line``) and the seeds (``000`` ...), all dev,
    and AEB pages (``index``)."""
    docs: dict[str, list[tuple[str, bool, str]]] = defaultdict(list)
    for path in sorted((corpora.DATA / "realnews").glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            text = json.loads(line).get("text") if line.strip() else None
            if isinstance(text, str) and text.strip():
                docs["realnews"].append((f"{path.stem}:{i}", True, text))
    for path in sorted((ROOT / "samples").glob("*.txt")):  # the five seeds: real scraped articles, one spun
        docs["samples"].append((path.name[:3], True, path.read_text(encoding="utf-8")))
    aeb = corpora.DATA / "aeb" / "aeb_pages_text.jsonl"
    if aeb.is_file():
        for i, line in enumerate(aeb.read_text(encoding="utf-8").splitlines()):
            page = json.loads(line)
            for corpus, field in AEB_FIELDS:
                text = page.get(field)
                if isinstance(text, str) and text.strip():
                    docs[corpus].append((str(i), i % 2 == 0, text))
    return docs


def run_cli(docs: dict[str, list[tuple[str, bool, str]]], jobs: int) -> dict[tuple[str, str], list[Edit]]:
    """Every document through ``textmend clean`` as JSONL with ``--report``: (corpus, doc) -> its edits."""
    found: dict[tuple[str, str], list[Edit]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for corpus, rows in docs.items():
            with (src / f"{corpus}.jsonl").open("w", encoding="utf-8") as f:
                for doc, _, text in rows:
                    f.write(json.dumps({"id": doc, "text": text}, ensure_ascii=False) + "\n")
        report = Path(tmp) / "report.jsonl"
        cmd = [sys.executable, "-m", "textmend", "clean", str(src), "--out", str(Path(tmp) / "out")]
        cmd += ["--report", str(report), "--jobs", str(jobs), "--quiet"]
        subprocess.run(cmd, check=True, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        for line in report.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            corpus = Path(row["path"]).stem
            doc = docs[corpus][row["line"] - 1][0]
            found[(corpus, doc)] = [Edit(**e) for e in row["edits"]]
    return found


def located(text: str, edits: list[Edit], shown: tuple[str, ...] = STAGES) -> list[tuple[Edit, str, str, str]]:
    """Each edit of the stages ``shown`` (the four that edit in place) with the text around it in its own
    stage's input: ``(edit, left, right, context)``, the context being its line with ``⟦before→after⟧``
    marked."""
    out = []
    for group in passes(edits, stages.ORDER):
        for e in group:
            if e.stage in shown:
                left, right = text[max(0, e.start - AROUND) : e.start], text[e.end : e.end + AROUND]
                ls = text.rfind("\n", 0, e.start) + 1
                le = text.find("\n", e.end)
                le = len(text) if le < 0 else le
                a, b = text[max(ls, e.start - 160) : e.start], text[e.end : min(le, e.end + 160)]
                out.append((e, left, right, f"{a}⟦{e.before}→{e.after}⟧{b}"))
        text = apply_edits(text, group)
    return out


def key(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(row[k] for k in ("corpus", "doc", "stage", "rule", "before", "after", "left", "right"))


def collect(jobs: int) -> tuple[list[dict[str, Any]], Counter[str], Counter[tuple[str, str]]]:
    """(dev edit rows, held-out edits by stage, held-out edits by (stage, rule))."""
    docs = documents()
    found = run_cli(docs, jobs)
    rows: list[dict[str, Any]] = []
    held: Counter[str] = Counter()
    held_rules: Counter[tuple[str, str]] = Counter()
    for corpus, items in docs.items():
        for doc, dev, text in items:
            for e, left, right, context in located(text, found.get((corpus, doc), [])):
                if not dev:  # held out: counted, never shown
                    held[e.stage] += 1
                    held_rules[(e.stage, e.rule)] += 1
                    continue
                rows.append(
                    {"corpus": corpus, "doc": doc, "stage": e.stage, "rule": e.rule, "before": e.before,
                     "after": e.after, "left": left, "right": right, "context": context}
                )  # fmt: skip
    return rows, held, held_rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show-new", action="store_true", help="print every dev edit not judged yet")
    ap.add_argument("--dump", type=Path, help="write every dev edit (with context) to this JSONL file")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    rows, held, held_rules = collect(args.jobs)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    # an edit can be made twice in a document (a line repeated): matched as many times as it was judged
    judged: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    if JUDGED.is_file():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                judged[key(row)].append(row)
    made = Counter(key(r) for r in rows)
    print("dev edits (RealNews, the seeds, AEB even pages: trafilatura text, whole page, gold body), as judged")
    print(f"{'stage':11} {'made':>5} | still made: {'right':>5} {'wrong':>5} {'unsure':>6} "
          f"| gone: {'right':>5} {'wrong':>5} {'unsure':>6} | {'new':>4} | precision")  # fmt: skip
    for stage in STAGES:
        n = sum(1 for r in rows if r["stage"] == stage)
        still: Counter[str] = Counter()
        gone: Counter[str] = Counter()
        for k, verdicts in judged.items():
            for i, row in enumerate(verdicts):
                if row["stage"] == stage:
                    (still if i < made[k] else gone)[row["verdict"]] += 1
        new = [r for r in rows if r["stage"] == stage]
        seen: Counter[tuple[str, ...]] = Counter()
        for r in list(new):
            seen[key(r)] += 1
            if seen[key(r)] <= len(judged.get(key(r), ())):
                new.remove(r)
        sure = still["right"] + still["wrong"]
        precision = f"{still['right'] / sure:.3f}" if sure else "-"
        print(f"{stage:11} {n:5} | {'':12}{still['right']:5} {still['wrong']:5} {still['unsure']:6} | "
              f"{'':6}{gone['right']:5} {gone['wrong']:5} {gone['unsure']:6} | {len(new):4} | {precision}")  # fmt: skip
        if args.show_new:
            for r in new:
                print(f"    {r['corpus']}#{r['doc']} {r['rule']}: {r['context']!r}")
    print("held-out edits (AEB odd pages, counted, never read):", dict(held) or "none")
    for (stage, rule), n in sorted(held_rules.items()):
        print(f"    {stage}.{rule}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
