"""One stage alone over a fixed sample, for counting instructions (the machine is shared: wall and CPU
time move with the load, instruction counts do not) or profiling.

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python benchmarks/instructions.py encoding --passes 1
    # minus the same with --passes 0: the instructions of one pass
    python benchmarks/instructions.py boilerplate --profile      # cProfile of one pass, by tottime
    python benchmarks/instructions.py full --passes 1              # the whole default pipeline

The sample: documents of the throughput corpus (built by throughput.py) drawn in the seeded order of
throughput.py's in-process rows, up to ``--mb`` MB.  Every run first loads the stage and makes one warm-up
pass (boilerplate builds its RE2 prefilter after its first 2,000 lines), then ``--passes`` passes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / ".cache" / "corpus-v2-50mb.jsonl"  # built by throughput.py


def sample(corpus: Path, size_mb: float, kind: str | None) -> list[str]:
    docs = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    order = list(range(len(docs)))
    random.Random(5).shuffle(order)
    picked: list[str] = []
    taken = 0
    for i in order:
        if taken >= size_mb * 1e6:
            break
        if kind is None or docs[i]["kind"] == kind:
            picked.append(docs[i]["text"])
            taken += len(docs[i]["text"].encode("utf-8"))
    return picked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", help="a stage's name, or 'full' for the default pipeline")
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--mb", type=float, default=1.5)
    parser.add_argument("--kind", choices=("text", "page"), help="only documents of this kind")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--profile", action="store_true", help="cProfile of the passes, by tottime")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.src).resolve()))
    from textmend import Config, Pipeline

    docs = sample(Path(args.corpus), args.mb, args.kind)
    # No time cap: it is wall-clock time, and under valgrind on a loaded machine a document (or building the
    # boilerplate prefilter, 0.3 s of CPU) could run over 60 s and be cut off, its work done again or skipped:
    # counts that moved by billions of instructions between runs.
    nocap = {"max_seconds": 1e9}
    pipeline = Pipeline(Config(**nocap) if args.stage == "full" else Config(stages=(args.stage,), **nocap))
    for d in docs:  # warm up
        pipeline.run(d)

    def passes() -> None:
        for _ in range(args.passes):
            for d in docs:
                pipeline.run(d)

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(passes)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    else:
        passes()
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"{args.stage}: {len(docs)} documents, {size:.2f} MB, {args.passes} passes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
