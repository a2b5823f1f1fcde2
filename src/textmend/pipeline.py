"""The pipeline: run the configured stages on a document, collect edits, metadata and counters."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from textmend import stages
from textmend.config import Config
from textmend.edits import Edit, StageOutput, replay


@dataclass
class Result:
    """A cleaned document: its text, the edits that made it from the input, and what was found."""

    original: str
    text: str
    edits: list[Edit]
    meta: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def replay(self) -> str:
        """Apply the edits, stage by stage, to the original: equals ``text`` (the test suite checks it)."""
        return replay(self.original, self.edits, stages.ORDER)

    def to_dict(self) -> dict[str, Any]:
        return {"meta": self.meta, "edits": [e.to_dict() for e in self.edits]}


@dataclass
class Step:
    """One stage, bound to its options, with counters (datatrove's ``stat_update`` in small)."""

    name: str
    run: Callable[[str, Any], StageOutput]
    options: Any
    documents: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def __call__(self, text: str) -> StageOutput:
        t0 = time.perf_counter()
        out = self.run(text, self.options)
        self.seconds += time.perf_counter() - t0
        self.documents += 1
        self.edits.update(e.rule for e in out.edits)
        return out


class StageFailed(RuntimeError):
    """A stage raised on a document; the document keeps the text it had before that stage."""


class Pipeline:
    """The configured stages in order.  Stages load their heavy data on first use, once per process."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.steps = [
            Step(name, stages.load(name).apply, self.config.options[name]) for name in self.config.stages
        ]

    def run(self, text: str, meta: Mapping[str, Any] | None = None) -> Result:
        """Clean one document.  Never raises for a stage's failure: it is recorded in ``meta['errors']``."""
        info: dict[str, Any] = dict(meta or {})
        if len(text) > self.config.max_chars:
            info["skipped"] = f"document has {len(text):,} characters, over the cap of {self.config.max_chars:,}"
            return Result(text, text, [], info)
        t0 = time.perf_counter()
        current = text
        edits: list[Edit] = []
        for step in self.steps:
            try:
                out = step(current)
            except Exception as exc:  # noqa: BLE001 - one document's failure must not stop a corpus
                info.setdefault("errors", []).append(f"{step.name}: {type(exc).__name__}: {exc}")
                continue
            current = out.text
            edits.extend(out.edits)
            if out.meta:
                info.update(out.meta)
            if time.perf_counter() - t0 > self.config.max_seconds:
                info["skipped"] = f"cleaning took over {self.config.max_seconds:g} s"
                return Result(text, text, [], info)
        return Result(text, current, edits, info)

    def stats(self) -> dict[str, dict[str, Any]]:
        """Counters per stage: documents seen, edits by rule, seconds spent."""
        return {
            s.name: {"documents": s.documents, "edits": dict(s.edits), "seconds": round(s.seconds, 3)} for s in self.steps
        }
