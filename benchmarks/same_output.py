"""Byte-for-byte output of the encoding and boilerplate stages (each alone, and the full pipeline) on a
fixed set of texts, for checking that a speed change leaves the output as it was: run it on one tree with
``--save``, on the other with ``--compare``; every document whose text, edits or metadata differ is named.

    python benchmarks/same_output.py --src /work/main/src --save /tmp/before.json
    python benchmarks/same_output.py --src src --compare /tmp/before.json

The texts: the AEB pages' four text fields, RealNews, the samples, every string and text file under
tests/data, and the first ``--slice-mb`` (5) MB of the throughput corpus (built by throughput.py; a
quarter of it mojibake).  ``--no-full`` leaves out the full pipeline (the slowest part).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPUS = ROOT / "benchmarks" / ".cache" / "corpus-v2-50mb.jsonl"  # built by throughput.py
AEB_FIELDS = ("gold_article_body", "fullpage_text_html_text", "trafilatura_2_3_1_text", "justext_text")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def texts(slice_mb: float, corpus: Path) -> Iterator[tuple[str, str]]:
    """``(name, text)`` for every text compared."""
    aeb = DATA / "aeb" / "aeb_pages_text.jsonl"
    if aeb.is_file():
        for i, line in enumerate(aeb.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                page = json.loads(line)
                for key in AEB_FIELDS:
                    if isinstance(page.get(key), str):
                        yield f"aeb:{i}:{key}", page[key]
    for path in sorted((DATA / "realnews").glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip() and isinstance(text := json.loads(line).get("text"), str):
                yield f"realnews:{path.stem}:{i}", text
    for path in sorted((ROOT / "samples").iterdir()):
        if path.is_file():
            yield f"samples:{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "data").rglob("*")):
        if path.suffix == ".json":
            for j, s in enumerate(_strings(json.loads(path.read_text(encoding="utf-8")))):
                yield f"tests:{path.relative_to(ROOT)}:{j}", s
        elif path.suffix == ".txt":
            try:
                yield f"tests:{path.relative_to(ROOT)}", path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # raw bytes in another encoding (tests/data/fresh3/bytes): the reader's input, not a text
    if corpus.is_file():
        taken = 0
        with corpus.open(encoding="utf-8") as f:
            for line in f:
                if taken >= slice_mb * 1e6:
                    break
                doc = json.loads(line)
                taken += len(line)
                yield f"corpus:{doc['id']}", doc["text"]


def digest(out: object) -> str:
    text, edits, meta = out.text, out.edits, out.meta  # type: ignore[attr-defined]
    blob = repr((text, edits, sorted(meta.items(), key=repr)))
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", default=str(ROOT / "src"), help="the tree whose textmend to run")
    parser.add_argument("--save", help="write the digests here")
    parser.add_argument("--compare", help="compare with digests saved before")
    parser.add_argument("--slice-mb", type=float, default=5.0)
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--no-full", action="store_true", help="only the two stages alone")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.src).resolve()))
    textmend = importlib.import_module("textmend")
    print(f"textmend from {Path(textmend.__file__).parent}", file=sys.stderr)
    from textmend import Config, Pipeline

    runs = {name: Pipeline(Config(stages=(name,))) for name in ("encoding", "boilerplate")}
    if not args.no_full:
        runs["full"] = Pipeline(Config())
    digests: dict[str, str] = {}
    for name, text in texts(args.slice_mb, Path(args.corpus)):
        for label, pipeline in runs.items():
            digests[f"{label}|{name}"] = digest(pipeline.run(text))
    print(f"{len(digests)} outputs ({len(runs)} runs)", file=sys.stderr)
    if args.save:
        Path(args.save).write_text(json.dumps(digests, indent=0), encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        differ = [k for k in before.keys() | digests.keys() if before.get(k) != digests.get(k)]
        for k in sorted(differ)[:50]:
            print("DIFFERENT", k)
        print(f"{len(differ)} of {len(before.keys() | digests.keys())} outputs differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
