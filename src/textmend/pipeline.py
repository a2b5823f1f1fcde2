"""The pipeline: run the configured stages on a document, collect edits, metadata and counters."""

from __future__ import annotations

import contextlib
import importlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

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


T = TypeVar("T")

#: The C module ``signal`` wraps.  Its ``signal`` and ``getsignal`` take and give handlers as plain ints,
#: where ``signal``'s turn each into an enum member and back (a ValueError raised and caught for a handler
#: that is a function): two thirds of :func:`_deadline`'s 61,000 instructions a document (now 20,000),
#: paid by every document of every run.  The same calls otherwise; ``signal``'s own where there is no
#: such module.
_signals: Any = signal
try:
    _signals = importlib.import_module("_signal")
except ImportError:  # pragma: no cover - CPython has it
    pass


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
        and _signals.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield timer
        return

    def ring(signum: int, frame: object) -> None:
        raise _TimeUp

    previous = _signals.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield timer
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _signals.signal(signal.SIGALRM, previous)


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()`` under the time cap a document's cleaning has (:func:`_deadline`: interrupted where an
    interval timer can be used); raises :class:`TimeoutError` when it runs over.  For what comes before
    the pipeline: extracting an HTML page's text took minutes on a 16 MB page, outside any cap."""
    with _deadline(seconds) as timer:
        try:
            result = work()
        except _TimeUp:
            raise TimeoutError(f"took over {seconds:g} s") from None
    if timer.expired():
        raise TimeoutError(f"took over {seconds:g} s")
    return result


#: Stages that work on characters and spaces.  Another stage's edits change what they see only when that
#: stage is one of them: encoding reads spaces typography changes (ftfy declines mojibake next to a no-break
#: space), typography reads the quotes ftfy repairs.  Removing whole lines or replacing words (the later
#: stages) leaves each remaining line's characters as they were.
CHARACTER_STAGES = frozenset({"encoding", "typography"})
#: Round 0 and at most two more.
MAX_ROUNDS = 3

#: What a stage found in text it then removed or rewrote: a later round reads the text without it (the
#: byline boilerplate removed, the spinner phrases despin restored), so what an earlier round found stays.
FOUND_KEYS = ("author", "authors", "date", "bio")
#: The spin verdict despin acted on: kept from the round that flagged the document.
SPIN_KEYS = ("spin_score", "spun", "spin_markers")


def merge_round_meta(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> dict[str, Any]:
    """A stage's metadata after it ran again in a later round: the later verdicts (a guard note that no
    longer applies goes), but what the earlier round found in text since removed, the spin verdict of the
    round that flagged the document, and the restorations of both rounds."""
    merged = dict(later)
    for key in FOUND_KEYS:
        if key in earlier:
            merged[key] = earlier[key]
    if earlier.get("spun") and not later.get("spun"):
        for key in SPIN_KEYS:
            if key in earlier:
                merged[key] = earlier[key]
    restored = earlier.get("spin_restored", 0) + later.get("spin_restored", 0)
    if restored:
        merged["spin_restored"] = restored
    return merged


def _carriage_returns(result: Result, original: str) -> Result:
    """A result of cleaning ``original`` (whose lines end in "\r") with "\n" for "\r", given back with
    "\r" for "\n" in the text and in every edit, so that the edits replay on the original."""

    def back(e: Edit) -> Edit:
        if "\n" not in e.before and "\n" not in e.after:
            return e
        return replace(e, before=e.before.replace("\n", "\r"), after=e.after.replace("\n", "\r"))

    return Result(original, result.text.replace("\n", "\r"), [back(e) for e in result.edits], result.meta)


def _document_text(doc: object, info: dict[str, Any]) -> str:
    """A document given to :meth:`Pipeline.run` as bytes, decoded (the encoding into ``info``); a list of
    documents or None was taken as text (a list came back as the result's "text", None failed on len())."""
    if isinstance(doc, (bytes, bytearray, memoryview)):
        from textmend.io import decode_bytes

        text, encoding = decode_bytes(bytes(doc), stray_nuls=True)
        if encoding != "utf-8":
            info["encoding"] = encoding
        return text
    hint = "; for many documents, clean each one (Pipeline.run in a loop)" if isinstance(doc, (list, tuple)) else ""
    raise TypeError(f"textmend cleans one document, a str (or bytes, decoded), not {type(doc).__name__}{hint}")


class Pipeline:
    """The configured stages in order.  Stages load their heavy data on first use, once per process."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.steps = [Step(name, stages.load(name).apply, self.config.options[name]) for name in self.config.stages]

    def run(self, text: str | bytes, meta: Mapping[str, Any] | None = None) -> Result:
        """Clean one document.  Never raises for a stage's failure: it is recorded in ``meta['errors']``.

        Bytes are decoded as the command line decodes a file (:func:`textmend.io.decode_bytes`; the
        encoding found, when not UTF-8, goes to ``meta['encoding']``; binary data raises
        :class:`textmend.io.InputError`); anything else but a str is a TypeError that says so.

        Caps: a document over ``max_chars``, or whose cleaning takes over ``max_seconds``, passes through
        unchanged with the reason in ``meta['skipped']``.  In a process's main thread the time cap
        interrupts a stage that runs away (an interval timer); elsewhere it is checked between stages.
        """
        info: dict[str, Any] = dict(meta or {})
        if not isinstance(text, str):
            text = _document_text(text, info)
        if len(text) > self.config.max_chars:
            info["skipped"] = f"document has {len(text):,} characters, over the cap of {self.config.max_chars:,}"
            return Result(text, text, [], info)
        # Lines end in "\r" alone (classic Mac files, some exports): the stages split lines at "\n", so such a
        # document was one line to them (no line removed, no space at a line end).  It is cleaned with
        # "\n" in place of each "\r" (the same length: every span holds) and put back after.
        cr_only = "\r" in text and "\n" not in text
        with _deadline(self.config.max_seconds) as timer:
            try:
                if cr_only:
                    return _carriage_returns(self._run(text.replace("\r", "\n"), info, timer), text)
                return self._run(text, info, timer)
            except _TimeUp:
                pass
        info["skipped"] = f"cleaning took over {self.config.max_seconds:g} s"
        return Result(text, text, [], info)

    def _run(self, text: str, info: dict[str, Any], timer: _Timer) -> Result:
        """Run the steps in order (round 0), then run again (round 1, 2 ...) each stage whose verdict a later
        stage's edits can have changed, so that cleaning the output again changes nothing.

        * Boilerplate judges a line by its words and its neighbours', despin a document by its phrases,
          words a token by the document: ``'thegovernment'`` split by words can bring a comment prompt
          under boilerplate's guard, a split ``'ChillyBattle'`` is a spun phrase.  Such a stage runs again
          when the text differs from what it returned (one string comparison, false for every document
          no later stage edited).
        * A character stage (:data:`CHARACTER_STAGES`) runs again only when the other one changed the text
          after it: typography turning a no-break space into a space can let ftfy repair what it declined.
          (Encoding also reads a line as typography will leave it, which settles most such cases in
          round 0.)
        """
        steps = self.steps
        current = text
        edits: list[Edit] = []
        #: What each step returned last (None: not run, or failed -- not run again).
        returned: list[str | None] = [None] * len(steps)
        metas: list[dict[str, Any]] = [{} for _ in steps]
        characters = [s.name in CHARACTER_STAGES for s in steps]
        changes = 0  # how many times a character stage has changed the text
        seen = [0] * len(steps)  # ``changes`` when each character stage last ran

        def stale(i: int) -> bool:
            if returned[i] is None:
                return False
            return seen[i] < changes if characters[i] else returned[i] != current

        for round_ in range(MAX_ROUNDS):
            for i, step in enumerate(steps):
                if round_ and not stale(i):
                    continue
                before = current
                try:
                    out = step(current, again=bool(round_))
                except _TimeUp:
                    raise
                except Exception as exc:
                    info.setdefault("errors", []).append(f"{step.name}: {type(exc).__name__}: {exc}")
                    returned[i] = None
                    continue
                returned[i] = current = out.text
                if characters[i]:
                    changes += current != before
                    seen[i] = changes
                edits.extend([replace(e, round=round_) for e in out.edits] if round_ else out.edits)
                metas[i] = merge_round_meta(metas[i], out.meta) if round_ else out.meta
                if timer.expired():
                    raise _TimeUp
            if not any(stale(i) for i in range(len(steps))):
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
