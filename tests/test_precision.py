"""The hand-judged edits of ``benchmarks/precision.py`` (``benchmarks/data/precision/judged.jsonl``): the file
is well formed, and no edit judged wrong on real text is made again (the script itself, over every document,
prints the full table)."""

from __future__ import annotations

import json
from collections import Counter
from types import ModuleType
from typing import Any

import pytest

import textmend
from conftest import ROOT, benchmark, shared

JUDGED = ROOT / "benchmarks" / "data" / "precision" / "judged.jsonl"
FIELDS = ("corpus", "doc", "stage", "rule", "before", "after", "left", "right", "context", "verdict", "why")


def precision_script() -> ModuleType:
    return benchmark("precision")


def judged() -> list[dict[str, Any]]:
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_judgments_are_well_formed() -> None:
    rows = judged()
    assert rows
    for row in rows:
        assert all(isinstance(row.get(k), str) for k in FIELDS), row
        assert row["verdict"] in {"right", "wrong", "unsure"}, row
        assert row["stage"] in {"encoding", "typography", "despin", "words"}, row
        assert row["why"].strip(), row
        assert f"⟦{row['before']}→{row['after']}⟧" in row["context"], row


def test_no_edit_judged_wrong_on_real_text_is_made_again() -> None:
    shared("aeb", "aeb_pages_text.jsonl")
    script = precision_script()
    wrong = [row for row in judged() if row["verdict"] == "wrong"]
    docs = {(corpus, doc): text for corpus, items in script.documents().items() for doc, _, text in items}
    made: Counter[tuple[str, ...]] = Counter()
    for corpus, doc in {(row["corpus"], row["doc"]) for row in wrong}:
        if (corpus, doc) not in docs:
            pytest.skip(f"{corpus}#{doc} is not in the reference data")
        result = textmend.clean(docs[(corpus, doc)])
        for e, left, right, _ in script.located(result.original, result.edits):
            made[(corpus, doc, e.stage, e.rule, e.before, e.after, left, right)] += 1
    again = [row for row in wrong if made[script.key(row)]]
    assert not again, [row["context"] for row in again]
