"""Throughput of textmend against ftfy alone, per stage and in full, one worker against two, peak memory.

    python benchmarks/throughput.py              # builds a >= 50 MB corpus, prints one table
    python benchmarks/throughput.py --size-mb 10 # a quicker run
    python benchmarks/throughput.py --big-gb 1   # and a 1 GB JSONL, for memory (--big-jobs 1,2: both counts)

The corpus is JSONL built from samples/ and ../shared/data (AEB whole-page texts, RealNews, the seeds);
a quarter of its documents are turned into mojibake (UTF-8 read as cp1252), the way scraped news arrives.
Every figure is MB/s of input text and a ratio to ``ftfy.fix_text`` on the same corpus, measured in one
run on one machine, so the ratios (not the absolute numbers) are what to compare between machines.
Each timing is the best of ``--repeat`` runs (default 3), taken in rounds -- every measurement once per
round, ``--jobs 1`` and ``--jobs 2`` one after the other -- so that load from other processes, which
comes and goes on a shared machine, weighs on all rows alike instead of on whichever ran during it.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CACHE = Path(__file__).resolve().parent / ".cache"


def source_texts() -> list[tuple[str, str]]:
    """(kind, text) of every source document: "page" for a whole page's text, "text" for article text."""
    texts = [("text", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    aeb = SHARED / "aeb" / "aeb_pages_text.jsonl"
    if aeb.exists():
        for line in aeb.open(encoding="utf-8"):
            row = json.loads(line)
            texts += [("page", row["fullpage_text_html_text"]), ("text", row["trafilatura_2_3_1_text"])]
    for path in sorted((SHARED / "realnews").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            if isinstance(row.get("text"), str):
                texts.append(("text", row["text"]))
    return [(kind, t) for kind, t in texts if t.strip()]


def build_corpus(size_mb: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"corpus-v2-{size_mb}mb.jsonl"
    if path.exists():
        return path
    rng = random.Random(13)
    texts = source_texts()
    target = size_mb * 1_000_000
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < target:
            kind, text = texts[i % len(texts)]
            if rng.random() < 0.25:
                text = text.encode("utf-8").decode("cp1252", errors="replace")
            line = json.dumps({"id": i, "kind": kind, "text": text}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(text.encode("utf-8"))
            i += 1
    return path


def load_corpus(path: Path) -> tuple[list[str], list[str]]:
    """The corpus's texts and, for each, its kind ("text" or "page"; "?" in a corpus without kinds)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [row["text"] for row in rows], [row.get("kind", "?") for row in rows]


def load_docs(path: Path) -> list[str]:
    return load_corpus(path)[0]


def mb(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_io(path: Path) -> float:
    def run() -> None:
        with path.open(encoding="utf-8") as src, tempfile.TemporaryFile("w", encoding="utf-8") as dst:
            for line in src:
                obj = json.loads(line)
                dst.write(json.dumps(obj, ensure_ascii=False) + "\n")

    return timed(run)


def bench_ftfy(docs: list[str]) -> float:
    import ftfy

    return timed(lambda: [ftfy.fix_text(d) for d in docs])


def bench_pipeline(docs: list[str], stages: tuple[str, ...]) -> float:
    from textmend import Config, Pipeline

    pipeline = Pipeline(Config(stages=stages))
    pipeline.run("warm up: load dictionaries Itâ€™s dictatormost.")  # loading is start-up, not throughput
    return timed(lambda: [pipeline.run(d) for d in docs])


def bench_split(docs: list[str], procs: int) -> float:
    """Wall time for ``procs`` forked processes to each run the full pipeline over their share of ``docs``
    (every ``procs``-th document), the pipeline built before the fork: the speed-up the machine itself
    allows for this work, with no reading, chunking or writing -- the ceiling for ``--jobs``."""
    import multiprocessing

    from textmend import Config, Pipeline, stages

    pipeline = Pipeline(Config(stages=stages.DEFAULT))
    pipeline.run("warm up: load dictionaries Itâ€™s dictatormost.")

    def work(share: list[str]) -> None:
        for d in share:
            pipeline.run(d)

    ctx = multiprocessing.get_context("fork")
    t0 = time.perf_counter()
    workers = [ctx.Process(target=work, args=(docs[k::procs],)) for k in range(procs)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t0


def _tree_memory_kib(root: int) -> tuple[int, int, int]:
    """(RSS, PSS, largest RSS) in KiB of a process and all its descendants, read from /proc (Linux).  PSS
    shares each page among the processes mapping it, so it is the tree's real footprint; the RSS sum
    counts shared pages once per process; the largest RSS of one process is what ``/usr/bin/time -v``
    and most monitors report for a command."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    rss = pss = largest = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    one = int(line.split()[1])
                    rss += one
                    largest = max(largest, one)
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss, largest


def bench_cli(path: Path, jobs: int) -> tuple[float, int, int, int]:
    """The whole command on a JSONL file; returns seconds, the peak RSS and PSS (KiB) of its whole process
    tree (the command and its workers) and the peak RSS of its largest process, sampled every 0.2 s."""
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "textmend", "clean", str(path), "--out", out, "--jobs", str(jobs), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak_rss = peak_pss = peak_one = 0
        while proc.poll() is None:
            rss, pss, one = _tree_memory_kib(proc.pid)
            peak_rss, peak_pss, peak_one = max(peak_rss, rss), max(peak_pss, pss), max(peak_one, one)
            time.sleep(0.2)
        seconds = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            raise SystemExit(f"textmend clean exited with {proc.returncode}")
    return seconds, peak_rss, peak_pss, peak_one


def _memory_note(rss: int, pss: int, one: int) -> str:
    return f"PSS {pss / 1024:.0f} MB (RSS: sum {rss / 1024:.0f} MB, largest process {one / 1024:.0f} MB)"


def big_file(corpus: Path, size_gb: float) -> Path:
    """The corpus repeated to ``size_gb`` GB (memory must not grow with the input; speed is measured
    on the corpus itself)."""
    path = CACHE / f"{corpus.stem}-x{size_gb:g}gb.jsonl"
    target = int(size_gb * 1e9)
    if not path.exists() or path.stat().st_size < target:
        data = corpus.read_bytes()
        with path.open("wb") as fh:
            written = 0
            while written < target:
                fh.write(data)
                written += len(data)
    return path


def startup() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "textmend", "clean", "-", "--no-words", "--no-despin"],
        input=b"It\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s here.\n",
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--sample-mb", type=float, default=8.0, help="text measured per in-process stage run")
    parser.add_argument("--big-gb", type=float, default=0, help="also clean the corpus repeated to this size (memory)")
    parser.add_argument("--big-jobs", default="2", help="worker counts for the --big-gb run, e.g. 1,2")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing, in rounds; the best counts")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    from textmend import stages

    corpus = build_corpus(args.size_mb)
    docs_all, kinds_all = load_corpus(corpus)
    # In-process stage timings on a seeded random sample of documents, to keep the run short; the
    # command-line rows use the whole corpus.  (Not every k-th document: the corpus cycles through its
    # sources, so a stride can pick one kind of source only -- every 6th took no whole page at all.)
    order = list(range(len(docs_all)))
    random.Random(5).shuffle(order)
    picked: list[int] = []
    taken = 0.0
    for i in order:
        if taken >= args.sample_mb * 1e6:
            break
        picked.append(i)
        taken += len(docs_all[i].encode("utf-8"))
    docs = [docs_all[i] for i in picked]
    by_kind = {k: [docs_all[i] for i in picked if kinds_all[i] == k] for k in ("text", "page")}
    size = mb(docs)
    corpus_mb = corpus.stat().st_size / 1e6
    print(
        f"corpus: {corpus.name}, {mb(docs_all):.1f} MB of text in {len(docs_all)} documents; "
        f"stage rows on {size:.1f} MB ({len(docs)} documents); {os.cpu_count()} cores; best of {args.repeat}"
    )
    from textmend.stages import boilerplate

    on = boilerplate.ruleset().main_prefilter is not None
    print(f"boilerplate RE2 prefilter: {'on' if on else 'off (pip install google-re2, or textmend[fast])'}")

    # Every timing, run once per round; each keeps its best.
    timings: dict[str, Callable[[], float]] = {
        "ftfy": lambda: bench_ftfy(docs),
        "io": lambda: bench_io(corpus),
        "full": lambda: bench_pipeline(docs, stages.DEFAULT),
    }
    for name in stages.DEFAULT:
        timings[name] = functools.partial(bench_pipeline, docs, (name,))
    for kind in ("text", "page"):
        if by_kind[kind]:
            part = by_kind[kind]
            timings[f"{kind}:ftfy"] = functools.partial(bench_ftfy, part)
            timings[f"{kind}:full"] = functools.partial(bench_pipeline, part, stages.DEFAULT)
            timings[f"{kind}:encoding"] = functools.partial(bench_pipeline, part, ("encoding",))
    fork = "fork" in __import__("multiprocessing").get_all_start_methods()
    if fork:
        timings["split:1"] = functools.partial(bench_split, docs, 1)
        timings["split:2"] = functools.partial(bench_split, docs, 2)
    best: dict[str, float] = {}
    cli: dict[int, list[tuple[float, int, int, int]]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for key, fn in timings.items():
            best[key] = min(best.get(key, math.inf), fn())
        for jobs in (1, 2):
            cli[jobs].append(bench_cli(corpus, jobs))

    rows: list[tuple[str, float, str]] = []
    ftfy_rate = size / best["ftfy"]
    rows.append(("I/O floor (read, parse, write JSONL)", corpus_mb / best["io"], ""))
    rows.append(("ftfy.fix_text alone", ftfy_rate, ""))
    for name in stages.DEFAULT:
        rows.append((f"textmend stage: {name}", size / best[name], ""))
    rows.append(("textmend full default pipeline (in process)", size / best["full"], ""))
    for kind, label in (("text", "article text"), ("page", "whole-page text")):
        part = by_kind[kind]
        if part:
            part_mb = mb(part)
            own_ftfy = part_mb / best[f"{kind}:ftfy"]
            rate = part_mb / best[f"{kind}:full"]
            encoding = part_mb / best[f"{kind}:encoding"]
            rows.append(
                (
                    f"  ... on the {label} documents only",
                    rate,
                    f"{part_mb / size:.0%} of the sample; x{rate / own_ftfy:.2f} ftfy alone on the same documents "
                    f"(the encoding stage alone: x{encoding / own_ftfy:.2f})",
                )
            )
    s1, s2 = min(r[0] for r in cli[1]), min(r[0] for r in cli[2])
    mem1, mem2 = ([max(int(r[k]) for r in cli[jobs]) for k in (1, 2, 3)] for jobs in (1, 2))
    pairs = sorted(a[0] / b[0] for a, b in zip(cli[1], cli[2], strict=True))
    rows.append(("textmend clean --jobs 1 (whole corpus)", corpus_mb / s1, f"peak memory: {_memory_note(*mem1)}"))
    rows.append(
        (
            "textmend clean --jobs 2 (whole corpus)",
            corpus_mb / s2,
            f"x{s1 / s2:.2f} vs 1 job (best of each; run by run: {', '.join(f'x{r:.2f}' for r in pairs)}); "
            f"peak memory of the run and its workers: {_memory_note(*mem2)}",
        )
    )
    if fork:
        rows.append(
            (
                "full pipeline, 2 forked processes (no I/O)",
                size / best["split:2"],
                f"x{best['split:1'] / best['split:2']:.2f} vs 1 such process: what this machine allows two "
                "workers, the ceiling for the --jobs 2 row",
            )
        )
    if args.big_gb:
        big = big_file(corpus, args.big_gb)
        for jobs in (int(j) for j in args.big_jobs.split(",")):
            sb, *memb = bench_cli(big, jobs)
            rows.append(
                (
                    f"textmend clean --jobs {jobs} ({big.stat().st_size / 1e9:.2f} GB JSONL)",
                    big.stat().st_size / 1e6 / sb,
                    f"peak memory of the run{' and its workers' if jobs > 1 else ''}: {_memory_note(*memb)}",
                )
            )

    print(f"\n| {'what':48} | {'MB/s':>7} | {'x ftfy':>6} | note")
    print(f"|{'-' * 50}|{'-' * 9}|{'-' * 8}|------")
    for what, rate, note in rows:
        print(f"| {what:48} | {rate:7.2f} | {rate / ftfy_rate:6.2f} | {note}")
    print(f"\nstart-up: `textmend clean -` on one line, no dictionary stages: {startup():.2f} s")
    print(f"this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
