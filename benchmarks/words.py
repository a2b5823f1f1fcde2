"""Measure (and rebuild the data of) the words stage.

    .venv/bin/python benchmarks/words.py eval          # precision/recall, AEB changed tokens, load, speed
    .venv/bin/python benchmarks/words.py baseline      # symspellpy's word_segmentation, for comparison
    .venv/bin/python benchmarks/words.py cases         # rebuild tests/data/words/glued_cases.json
    .venv/bin/python benchmarks/words.py derive-scowl  # rebuild rules/words/known_words_scowl.txt

``eval`` and ``cases`` read the shared reference data in ``../shared/data`` (AEB gold bodies and realnews
texts).  ``derive-scowl`` reads SCOWL from Debian's ``scowl`` package (``apt-get install scowl``), which
is only needed to rebuild that file, never at run time.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

PAIR = re.compile(r"[a-z]+")


def corpus() -> list[tuple[str, str, str]]:
    """(source, id, text) for every AEB gold body and realnews text."""
    out = []
    with open(SHARED / "aeb" / "aeb_pages_text.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append(("aeb", d["id"][:12], d["gold_article_body"]))
    for path in sorted(glob.glob(str(SHARED / "realnews" / "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                d = json.loads(line)
                out.append(("realnews", f"{Path(path).stem}:{n}", d["text"]))
    return out


def glued_pairs(min_length: int = 5) -> dict[str, tuple[str, str, str]]:
    """Every adjacent pair of plain lower-case words in the corpus, glued: {glued: (first, second, source)},
    keeping only glued tokens that are not words of symspellpy's dictionary (those are not errors)."""
    from textmend.stages import words

    lex = words.lexicon()
    pairs: dict[str, tuple[str, str, str]] = {}
    for source, doc_id, text in corpus():
        toks = text.split()
        for a, b in itertools.pairwise(toks):
            if PAIR.fullmatch(a) and PAIR.fullmatch(b):
                g = a + b
                if len(g) >= min_length and g not in lex.unigrams and g not in pairs:
                    pairs[g] = (a, b, f"{source}:{doc_id}")
    return pairs


def evaluate(options: object | None = None, min_length: int | None = None) -> dict[str, object]:
    """Split every synthetic glued token on its own (as one token in a sentence) and score the result."""
    from textmend.stages import words

    opts = options or words.Options()
    min_len = min_length or opts.min_length  # type: ignore[attr-defined]
    lex = words.lexicon()
    return _score(glued_pairs(min_len), lambda g: words.choose_split(g, opts, lex)[0])  # type: ignore[arg-type]


def evaluate_short() -> dict[str, object]:
    """The glued tokens of 6 and 7 letters (under the default ``min_length``), decided as the stage decides
    them: :func:`choose_split`, then the short-token test (two very common words, a frequent pair; session 10)."""
    from textmend.stages import words

    opts = words.Options()
    lex = words.lexicon()
    pairs = {g: v for g, v in glued_pairs(words.SHORT_MIN_LENGTH).items() if len(g) < opts.min_length}

    def decide(g: str) -> Any:
        split, _why = words.choose_split(g, opts, lex)
        return split if split is not None and words._short_split(g, split, lex) else None

    return _score(pairs, decide)


def evaluate_five() -> dict[str, object]:
    """The glued tokens of 5 letters, decided as the stage decides them (session 12: two function words
    glued into a frequent pair, "canbe", "ofits", or one and "the", "ofthe")."""
    from textmend.stages import words

    opts = words.Options()
    lex = words.lexicon()
    pairs = {g: v for g, v in glued_pairs(5).items() if len(g) == 5}

    def decide(g: str) -> Any:
        split, _why = words.choose_split(g, opts, lex)
        return split if split is not None and words._short_split(g, split, lex) else None

    return _score(pairs, decide)


def _score(pairs: dict[str, tuple[str, str, str]], decide: Callable[[str], Any]) -> dict[str, object]:
    """Precision and recall of ``decide`` (a glued token -> its split, or None to leave it) on ``pairs``."""
    tp = fp = 0
    wrong: list[str] = []
    for g, (a, b, _src) in pairs.items():
        split = decide(g)
        if split is None:
            continue
        if split.parts == (a, b):
            tp += 1
        else:
            fp += 1
            wrong.append(f"{g}: {split.text} (was {a} {b})")
    return {
        "glued tokens": len(pairs),
        "split correctly": tp,
        "split wrongly": fp,
        "left alone": len(pairs) - tp - fp,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / len(pairs), 4) if pairs else None,
        "wrong (first 20)": wrong[:20],
    }


def in_context(n: int = 3000, seed: int = 5, lengths: tuple[int, int] = (8, 1000)) -> dict[str, object]:
    """Glue one real word pair inside its own document and run the whole stage on the document: is that
    pair split back, and is nothing else changed?  (Measures the document guard too.)  ``lengths``: the
    glued token's length, from and below."""
    from textmend.stages import words

    opts = words.Options()
    docs = corpus()
    rng = random.Random(seed)
    tried = fixed = wrong = other = 0
    examples: list[str] = []
    while tried < n:
        _src, _id, text = docs[rng.randrange(len(docs))]
        spans = [
            m
            for m in re.finditer(r"(?<!\S)([a-z]+) ([a-z]+)(?!\S)", text)
            if lengths[0] <= len(m.group(1) + m.group(2)) < lengths[1]
        ]
        if not spans:
            continue
        m = spans[rng.randrange(len(spans))]
        glued = m.group(1) + m.group(2)
        if glued in words.lexicon().unigrams:
            continue
        tried += 1
        doc = text[: m.start()] + glued + text[m.end() :]
        out = words.apply(doc, opts)
        if out.text == text:
            fixed += 1
        elif any(e.start == m.start() for e in out.edits):
            wrong += 1
            examples.append(f"{glued}: {[e.after for e in out.edits if e.start == m.start()]}")
        if any(e.start != m.start() for e in out.edits):
            other += 1
    return {
        "glued pairs (one per document run)": tried,
        "restored exactly": fixed,
        "split wrongly": wrong,
        "runs with any other token changed": other,
        "recall": round(fixed / tried, 4),
        "precision": round(fixed / (fixed + wrong), 4) if fixed + wrong else None,
        "wrong": examples[:20],
    }


def aeb_changed_tokens() -> dict[str, object]:
    """Run every clean AEB gold body (and realnews text) through the stage: what changes?"""
    from textmend.edits import apply_edits
    from textmend.stages import words

    opts = words.Options()
    changed: list[str] = []
    tokens = 0
    docs = 0
    for source, doc_id, text in corpus():
        if source != "aeb":
            continue
        docs += 1
        tokens += len(text.split())
        out = words.apply(text, opts)
        assert apply_edits(text, out.edits) == out.text
        changed += [f"{doc_id}: {e.before} -> {e.after}" for e in out.edits]
    return {"documents": docs, "tokens": tokens, "tokens changed": len(changed), "changes": changed}


def scowl_rare_words(max_level: int = 80) -> dict[str, object]:
    """Real words from SCOWL's larger levels (not shipped): how many would the stage split?"""
    from textmend.stages import words

    folder = Path("/usr/share/dict/scowl")
    if not folder.is_dir():
        return {"skipped": "SCOWL not installed (apt-get install scowl)"}
    lex = words.lexicon()
    opts = words.Options()
    rare: set[str] = set()
    for path in folder.iterdir():
        level = int(path.suffix[1:]) if path.suffix[1:].isdigit() else 99
        if not 70 < level <= max_level or "abbreviations" in path.name:
            continue
        for w in path.read_text(encoding="utf-8", errors="replace").split():
            if re.fullmatch(r"[a-z]+", w) and len(w) >= opts.min_length and w not in lex.unigrams:
                rare.add(w)
    split = sorted(w for w in rare if words.choose_split(w, opts, lex)[0] is not None)
    return {
        "rare real words": len(rare),
        "split": len(split),
        "rate": round(len(split) / len(rare), 4),
        "examples": [f"{w} -> {words.choose_split(w, opts, lex)[0].text}" for w in split[:40]],  # type: ignore[union-attr]
    }


def load_time() -> float:
    """Seconds to import the stage and load its data, in a fresh process."""
    code = (
        "import time; t=time.perf_counter(); from textmend.stages import words; words.lexicon(); "
        "print(time.perf_counter()-t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env={"PYTHONPATH": str(ROOT / "src")},
            ).stdout
        )
        for _ in range(3)
    ]
    return round(statistics.median(runs), 3)


def throughput() -> dict[str, float]:
    from textmend.stages import words

    texts = [t for _, _, t in corpus()]
    words.lexicon()
    opts = words.Options()
    size = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for t in texts:
            words.apply(t, opts)
    dt = time.perf_counter() - t0
    return {
        "MB/s": round(size * rounds / dt / 1e6, 2),
        "documents/s": round(len(texts) * rounds / dt, 1),
    }


def cmd_eval(args: argparse.Namespace) -> None:
    from textmend.stages import words

    report = {
        "load seconds (import + lexicon, fresh process)": load_time(),
        "synthetic glued set (min_length 8, defaults)": evaluate(),
        "synthetic glued set (min_length 6)": evaluate(words.Options(min_length=6)),
        "synthetic glued set, 6-7 letters (short-token test)": evaluate_short(),
        "in context (3,000 documents, one glued pair each)": in_context(),
        "in context, 6-7 letters (3,000 documents, one glued pair each)": in_context(lengths=(6, 8)),
        "synthetic glued set, 5 letters (session 12)": evaluate_five(),
        "in context, 5 letters (3,000 documents, one glued pair each)": in_context(lengths=(5, 6)),
        "AEB gold bodies": aeb_changed_tokens(),
        "SCOWL 80 rare words": scowl_rare_words(),
        "throughput": throughput(),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


def cmd_baseline(args: argparse.Namespace) -> None:
    """symspellpy's own word_segmentation on the same synthetic set (what the stage does not use)."""
    from importlib.resources import files

    from symspellpy import SymSpell

    t0 = time.perf_counter()
    sym = SymSpell(max_dictionary_edit_distance=2)
    sym.load_dictionary(str(files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
    load = time.perf_counter() - t0
    pairs = glued_pairs(8)
    tp = fp = 0
    for g, (a, b, _src) in pairs.items():
        got = sym.word_segmentation(g).corrected_string
        if got == f"{a} {b}":
            tp += 1
        elif got != g:
            fp += 1
    negatives = ["kraschatyk", "counteroffensive", "livestream", "cyberthreat", "smartphone", "wellbeing"]
    print(
        json.dumps(
            {
                "load seconds (SymSpell, edit distance 2)": round(load, 2),
                "glued tokens": len(pairs),
                "split correctly": tp,
                "changed wrongly": fp,
                "precision": round(tp / (tp + fp), 4),
                "recall": round(tp / len(pairs), 4),
                "negatives": {w: sym.word_segmentation(w).corrected_string for w in negatives},
            },
            indent=2,
        )
    )


def cmd_cases(args: argparse.Namespace) -> None:
    """A fixed sample of the synthetic glued set, as golden cases for the tests."""
    pairs = glued_pairs(8)
    rng = random.Random(5)
    keys = sorted(pairs)
    rng.shuffle(keys)
    cases = [{"glued": g, "first": pairs[g][0], "second": pairs[g][1], "source": pairs[g][2]} for g in keys[: args.n]]
    out = ROOT / "tests" / "data" / "words" / "glued_cases.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {
        "about": "Adjacent lower-case word pairs of real news text glued together (benchmarks/words.py cases).",
        "sources": {
            "aeb": "Zyte/Scrapinghub article-extraction-benchmark gold bodies, commit 4a3bc979, MIT licence",
            "realnews": "Grover realnews samples (Zellers et al. 2019), rowanz/grover commit f59a206a, Apache-2.0",
        },
        "cases": sorted(cases, key=lambda c: c["glued"]),
    }
    out.write_text(json.dumps(header, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {out}")


SCOWL_HEADER = """\
# Real English words that look like two words glued together ("blockchain", "hashtag", "onboard",
# "catchup", "newsagency"): lower-case, five letters or more, not in symspellpy's frequency list, and
# splittable into two words of that list.  The words stage never splits them.
#
# Source: SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, Debian package scowl
# {version}, size levels up to {max_level} (levels 80 and up, which add the UKACD list with its own
# notice, are left out), all English/American/British/Canadian word, upper-case and proper-name
# lists, lower-cased.  Built by `python benchmarks/words.py derive-scowl`; do not edit by hand (add
# words to never_split.txt instead).
#
# Licence: SCOWL's permissive notice (use, copy, modify, distribute and sell, with the notice kept).
# Debian's copyright file for the package, with the notices of every source SCOWL draws on (WordNet,
# Ispell, ...), follows verbatim.
#
{copyright}
#
# Format: one word per line.
"""


def cmd_derive_scowl(args: argparse.Namespace) -> None:
    from textmend.stages import words

    folder = Path(args.scowl)
    if not folder.is_dir():
        sys.exit(f"{folder}: not found; install Debian's scowl package (apt-get install scowl)")
    version = (
        subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "scowl"], capture_output=True, text=True, check=False
        ).stdout.strip()
        or "unknown version"
    )
    from textmend import lexicon

    unigrams = lexicon.unigrams()
    lex = words.lexicon()
    found: set[str] = set()
    for path in folder.iterdir():
        suffix = path.suffix[1:]
        if not suffix.isdigit() or int(suffix) > args.max_level:
            continue
        if any(skip in path.name for skip in ("abbreviations", "roman-numerals", "hacker", "contractions")):
            continue
        for w in path.read_text(encoding="utf-8", errors="replace").split():
            lw = w.lower()
            if len(lw) >= words.MIN_LENGTH_FLOOR and PAIR.fullmatch(lw) and lw not in unigrams:
                # any cut into two dictionary entries, however short: the list must cover every setting
                if any(lw[:i] in unigrams and lw[i:] in unigrams for i in range(1, len(lw))):
                    found.add(lw)
                # or into three or four whose joins are pairs of the bigram list, as the stage's multi-part
                # split needs ("endorsee": "end or see"; session 10)
                elif any(
                    all(lexicon.pair(a, b) in lex.bigrams for a, b in itertools.pairwise(cut.parts))
                    for cut in words.multi_splits(lw, lex)
                ):
                    found.add(lw)
    out = ROOT / "rules" / "words" / "known_words_scowl.txt"
    notice = Path("/usr/share/doc/scowl/copyright").read_text(encoding="utf-8")
    copyright_lines = "\n".join(("#   " + line).rstrip() for line in notice.splitlines())
    header = SCOWL_HEADER.format(version=version, max_level=args.max_level, copyright=copyright_lines)
    out.write_text(
        header + "\n".join(sorted(found)) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(found)} words to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("eval", help="measure the stage").set_defaults(func=cmd_eval)
    sub.add_parser("baseline", help="symspellpy word_segmentation on the same set").set_defaults(func=cmd_baseline)
    p = sub.add_parser("cases", help="rebuild tests/data/words/glued_cases.json")
    p.add_argument("-n", type=int, default=1500)
    p.set_defaults(func=cmd_cases)
    p = sub.add_parser("derive-scowl", help="rebuild rules/words/known_words_scowl.txt")
    p.add_argument("--scowl", default="/usr/share/dict/scowl")
    p.add_argument("--max-level", type=int, default=70)
    p.set_defaults(func=cmd_derive_scowl)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
