"""The pipeline: run the configured stages on a document, collect edits, metadata and counters."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
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


class _TimeUp(BaseException):
    """Raised into a stage when the document's time is up (a BaseException, so stages do not catch it)."""


class _Timer:
    def __init__(self, seconds: float) -> None:
        self.end = time.perf_counter() + seconds

    def expired(self) -> bool:
        return time.perf_counter() > self.end


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[_Timer]:
    """Raise :class:`_TimeUp` in this thread after ``seconds``, where an interval timer can (the main
    thread on POSIX); the returned timer also lets callers check between steps."""
    timer = _Timer(seconds)
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield timer
        return

    def ring(signum: int, frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield timer
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class StageFailed(RuntimeError):
    """A stage raised on a document; the document keeps the text it had before that stage."""


class Pipeline:
    """The configured stages in order.  Stages load their heavy data on first use, once per process."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.steps = [Step(name, stages.load(name).apply, self.config.options[name]) for name in self.config.stages]

    def run(self, text: str, meta: Mapping[str, Any] | None = None) -> Result:
        """Clean one document.  Never raises for a stage's failure: it is recorded in ``meta['errors']``.

        Caps: a document over ``max_chars``, or whose cleaning takes over ``max_seconds``, passes through
        unchanged with the reason in ``meta['skipped']``.  In a process's main thread the time cap
        interrupts a stage that runs away (an interval timer); elsewhere it is checked between stages.
        """
        info: dict[str, Any] = dict(meta or {})
        if len(text) > self.config.max_chars:
            info["skipped"] = f"document has {len(text):,} characters, over the cap of {self.config.max_chars:,}"
            return Result(text, text, [], info)
        with _deadline(self.config.max_seconds) as timer:
            try:
                return self._run(text, info, timer)
            except _TimeUp:
                pass
        info["skipped"] = f"cleaning took over {self.config.max_seconds:g} s"
        return Result(text, text, [], info)

    def _run(self, text: str, info: dict[str, Any], timer: _Timer) -> Result:
        current = text
        edits: list[Edit] = []
        for step in self.steps:
            try:
                out = step(current)
            except _TimeUp:
                raise
            except Exception as exc:
                info.setdefault("errors", []).append(f"{step.name}: {type(exc).__name__}: {exc}")
                continue
            current = out.text
            edits.extend(out.edits)
            if out.meta:
                info.update(out.meta)
            if timer.expired():
                raise _TimeUp
        return Result(text, current, edits, info)

    def stats(self) -> dict[str, dict[str, Any]]:
        """Counters per stage: documents seen, edits by rule, seconds spent."""
        return {
            s.name: {"documents": s.documents, "edits": dict(s.edits), "seconds": round(s.seconds, 3)}
            for s in self.steps
        }
