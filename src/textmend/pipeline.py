"""The pipeline: run the configured stages on a document, collect edits, metadata and counters."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
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

    def __call__(self, text: str, *, again: bool = False) -> StageOutput:
        """Run the stage; ``again`` when it runs a second time on the same document (not counted twice)."""
        t0 = time.perf_counter()
        out = self.run(text, self.options)
        self.seconds += time.perf_counter() - t0
        self.documents += not again
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


#: The stages that judge whole words and lines, which a later stage's edits can make judge differently: from
#: the first of them in the pipeline on, a stage runs again on text a later stage changed (see
#: ``Pipeline._run``).  Encoding and typography, before them, work on characters and need no second look.
REREAD_FROM = ("boilerplate", "despin", "words", "grammar")
#: Round 0 and at most two more.
MAX_ROUNDS = 3


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
        """Run the steps in order (round 0), then, only where a later stage changed the text a stage that
        reads whole words and lines had judged, run that stage again on the new text (round 1, 2 ...).

        Boilerplate judges a line by its words and its neighbours' (how many, which), and despin a
        document by its phrases; words (and despin, and grammar) change words after they ran:
        ``'thegovernment'`` split into two words can bring a comment prompt under the guard's share, and a
        split ``'ChillyBattle'`` is a spun phrase.  A second run of the pipeline would then change its own
        output.  So a stage from ``REREAD_FROM`` on runs again, in a new round, when the text differs from
        what it returned; a stage whose output is still the text is not run.  The cheap check (has the text
        changed since this stage returned it?) is false for every document no later stage edits, and
        the character-level stages before are made to need no second look (encoding reads through what
        typography removes).
        """
        steps = self.steps
        current = text
        edits: list[Edit] = []
        #: What each step returned last (None: not run, or failed -- not run again).
        returned: list[str | None] = [None] * len(steps)
        metas: list[dict[str, Any]] = [{} for _ in steps]
        first = next((i for i, s in enumerate(steps) if s.name in REREAD_FROM), len(steps))
        for round_ in range(MAX_ROUNDS):
            for i, step in enumerate(steps):
                if round_ and (i < first or returned[i] is None or returned[i] == current):
                    continue
                try:
                    out = step(current, again=bool(round_))
                except _TimeUp:
                    raise
                except Exception as exc:
                    info.setdefault("errors", []).append(f"{step.name}: {type(exc).__name__}: {exc}")
                    returned[i] = None
                    continue
                returned[i] = current = out.text
                edits.extend([replace(e, round=round_) for e in out.edits] if round_ else out.edits)
                metas[i] = out.meta
                if timer.expired():
                    raise _TimeUp
            if all(r is None or r == current for r in returned[first:]):
                break
        for meta in metas:
            info.update(meta)
        return Result(text, current, edits, info)

    def stats(self) -> dict[str, dict[str, Any]]:
        """Counters per stage: documents seen, edits by rule, seconds spent."""
        return {
            s.name: {"documents": s.documents, "edits": dict(s.edits), "seconds": round(s.seconds, 3)}
            for s in self.steps
        }
