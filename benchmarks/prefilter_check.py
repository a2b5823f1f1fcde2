"""The boilerplate stage with and without its RE2 line prefilter, on the whole throughput corpus: the
output (text, edits, metadata) must hash the same, and the prefilter should take less time.

    python benchmarks/prefilter_check.py              # the 50 MB corpus (built by throughput.py)
    python benchmarks/prefilter_check.py --size-mb 10
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import build_corpus  # noqa: E402

from textmend.stages import boilerplate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=50)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in build_corpus(args.size_mb).open(encoding="utf-8")]
    options = boilerplate.Options()
    rules = boilerplate.ruleset()
    prefilter = rules.main_prefilter
    if prefilter is None:
        print("google-re2 is not installed (pip install 'textmend[fast]'): nothing to compare")
        return 2
    results = {}
    for label, value in (("with the prefilter", prefilter), ("without", None)):
        rules.main_prefilter = value
        digest = hashlib.sha256()
        start = time.process_time()
        for text in texts:
            out = boilerplate.apply(text, options)
            digest.update(repr((out.text, out.edits, sorted(out.meta.items()))).encode("utf-8", "surrogatepass"))
        results[label] = (digest.hexdigest(), time.process_time() - start)
        print(f"{label:20} {results[label][0][:16]}  {results[label][1]:.1f} s CPU")
    rules.main_prefilter = prefilter
    same = len({d for d, _ in results.values()}) == 1
    print(f"{len(texts)} documents: {'the same output' if same else 'DIFFERENT OUTPUT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
