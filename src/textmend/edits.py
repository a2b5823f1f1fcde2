"""Edits: every change a stage makes, recorded so that it can be explained and replayed.

An :class:`Edit` says *where* (a span in the text the stage received), *what* (before and after), and
*why* (stage, rule id, reason).  Replaying the edits of each stage, in stage order, on the input gives the
output; :func:`apply_edits` is that replay, and the test suite checks it on every golden case.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, NamedTuple


@dataclass(slots=True, unsafe_hash=True)
class Edit:
    """One change: ``text[start:end] == before`` in the stage's input is replaced by ``after``.

    An edit is a value: never changed after it is made (make a new one with ``dataclasses.replace``).  It is
    not declared frozen only for speed: a frozen dataclass sets each field through ``object.__setattr__``,
    1.2 µs an edit against 0.2 µs, and stages make tens of thousands of edits per MB of whole pages.  It
    hashes and compares by value, as a frozen one would.
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float | None = None
    candidates: tuple[str, ...] = ()
    #: The pass within its stage: a stage that runs to a fixpoint numbers its passes 0, 1, ...; the span
    #: refers to the text that pass received.
    step: int = 0
    #: The pipeline's round: 0, or 1, 2 ... when the pipeline ran a stage again on a later stage's output
    #: (see :meth:`textmend.pipeline.Pipeline.run`); the edits of a round come after all of round 0's.
    round: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if not self.step:
            del d["step"]
        if not self.round:
            del d["round"]
        if self.confidence is None:
            del d["confidence"]
        if not self.candidates:
            del d["candidates"]
        else:
            d["candidates"] = list(self.candidates)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edit:
        return cls(
            stage=d["stage"],
            rule=d["rule"],
            start=int(d["start"]),
            end=int(d["end"]),
            before=d["before"],
            after=d["after"],
            reason=d["reason"],
            confidence=d.get("confidence"),
            candidates=tuple(d.get("candidates", ())),
            step=int(d.get("step", 0)),
            round=int(d.get("round", 0)),
        )


class StageOutput(NamedTuple):
    """What a stage returns: the new text, the edits that made it, and metadata it found."""

    text: str
    edits: list[Edit]
    meta: dict[str, Any] = {}  # noqa: RUF012 - NamedTuple default, never mutated in place


class EditError(ValueError):
    """Edits that do not fit the text they claim to describe."""


def line_around(text: str, i: int) -> tuple[int, int]:
    """Where the line (split at "\n") holding position ``i`` of ``text`` starts and ends, its "\n" not
    included.

    >>> line_around("ab\\ncd\\nef", 4)
    (3, 5)
    """
    index = _long_line_index
    if index is not None and index[0] is text:
        k = bisect.bisect_left(index[1], i)
        return (index[1][k - 1] + 1 if k else 0), index[1][k]
    end = text.find("\n", i)
    start = text.rfind("\n", 0, i) + 1
    end = len(text) if end < 0 else end
    if end - start > _LONG_LINE:
        _index_line_breaks(text)
    return start, end


#: A text with a line longer than this gets an index of its line breaks (:func:`_index_line_breaks`).
_LONG_LINE = 4096
#: The last text with a long line asked about: it, and the positions of its "\n" plus its length (one
#: tuple, replaced whole, so that a thread never sees one text with another's index).
_long_line_index: tuple[str, list[int]] | None = None


def _index_line_breaks(text: str) -> None:
    """Index the line breaks of ``text``, once, for :func:`line_around`'s later questions about it:
    ``find``/``rfind`` read the line from ``i`` to its ends, so stages that ask about every quote, bracket
    or sentence mark of a line made a document written on one line (common in scraped JSONL, up to the
    5 MB cap) quadratic: 100,000 marks on a 320 KB line read 30 GB."""
    global _long_line_index
    _long_line_index = (text, [*(m.start() for m in _NEWLINE.finditer(text)), len(text)])


_NEWLINE = re.compile("\n")


class LineTest:
    """Whether the line holding a position of ``text`` has a match of ``pattern`` (a line of code, a line
    with a French quote); the last line's answer is kept, so positions asked in order read each line once
    (a search once a position made a line of thousands of marks quadratic)."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self.start, self.end, self.found = -1, -1, False

    def __call__(self, at: int) -> bool:
        if not self.start <= at <= self.end:
            self.start, self.end = line_around(self.text, at)
            self.found = self.pattern.search(self.text, self.start, self.end) is not None
        return self.found


#: Equal items that separate two regions that :func:`diff_opcodes` diffs apart.
_ANCHOR = 8
#: The most work (pairs of equal tokens, times the stretches of the walk) a region may ask of
#: ``difflib.SequenceMatcher``.
_REGION_WORK = 4096


def diff_opcodes(a: list[str], b: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """The stretches ``a[i1:i2]`` replaced by ``b[j1:j2]`` that turn list ``a`` into ``b``, in order: the
    tokens of a line before and after ftfy (the encoding stage), the lines of a document before and after
    cleaning (``--diff``).

    :func:`_changed_stretches` finds where the two differ in one linear walk; stretches fewer than
    :data:`_ANCHOR` equal tokens apart make one region, and a region is diffed again by
    ``difflib.SequenceMatcher``, which finds the longest agreements first (the walk takes the nearest
    one: in "FuncionÃ¡rios estÃ£o" a lone space can pair the wrong way).  ``SequenceMatcher`` costs about
    the pairs of equal tokens on the two sides for each agreement it finds; on a whole line that grew
    with the square of its length and more (an article written on one line, 15 KB with a hundred
    "&amp;", took 40 s; a diff of 200,000 lines a third of them changed, over 5 minutes).  A region that
    would cost it more than :data:`_REGION_WORK` (a run of entities
    or control characters) keeps the walk's stretches."""
    from difflib import SequenceMatcher

    group: list[tuple[int, int, int, int]] = []
    for stretch in (*_changed_stretches(a, b), None):
        if stretch is not None and (not group or stretch[0] - group[-1][1] < _ANCHOR):
            group.append(stretch)
            continue
        if group:
            i1, j1, i2, j2 = group[0][0], group[0][2], group[-1][1], group[-1][3]
            x, y = a[i1:i2], b[j1:j2]
            if len(x) + len(y) > _REGION_WORK or _pairs(x, y) * (len(group) + 1) > _REGION_WORK:
                yield from group
            else:
                for op, x1, x2, y1, y2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
                    if op != "equal":
                        yield i1 + x1, i1 + x2, j1 + y1, j1 + y2
        group = [stretch] if stretch is not None else []


def _pairs(x: list[str], y: list[str]) -> int:
    """How many pairs of equal tokens ``x`` and ``y`` hold, one from each."""
    counts = Counter(y)
    return sum(counts[t] for t in x)


#: How far (in tokens, both sides together) :func:`_changed_stretches` looks for the two versions of a line
#: to agree again after they differ.  What ftfy changes in a line other than its encoding is short (an
#: entity, a control character, a terminal escape: a few tokens), so they agree again within a few tokens.
_RESYNC = 64


def _changed_stretches(a: list[str], b: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Where token lists ``a`` and ``b`` differ, as stretches ``(i1, i2, j1, j2)``, in one linear walk.

    Skip what is equal (slices compared in C, galloping); where they differ, take the nearest place
    (fewest tokens skipped on both sides together, at most :data:`_RESYNC`) where they agree again for
    :data:`_ANCHOR` tokens or to their ends, so that a lone space or a common word does not pair the
    wrong way.  Where they agree nowhere that long (a run of entities or control characters), the
    nearest agreement of any length, the longer on a tie; and after a budget of comparisons proportional
    to the length has been spent on the careful search, only that, so that a line of thousands of changes
    stays linear.  Two versions that do not agree again within :data:`_RESYNC` tokens are one stretch to
    their ends."""
    n, m = len(a), len(b)
    budget = 4 * (n + m) + 4096  # comparisons for the careful search
    i = j = 0
    while True:
        run = _equal_run(a, b, i, j)
        i, j = i + run, j + run
        if i == n and j == m:
            return
        found = None
        if budget > 0:
            found, cost = _resync(a, b, i, j, _ANCHOR)
            budget -= cost
        if found is None:
            found, _ = _resync(a, b, i, j, 1)
        if found is None:
            yield i, n, j, m
            return
        di, dj = found
        yield i, i + di, j, j + dj
        i, j = i + di, j + dj


def _resync(a: list[str], b: list[str], i: int, j: int, need: int) -> tuple[tuple[int, int] | None, int]:
    """The nearest ``(di, dj)`` from which ``a[i + di:]`` and ``b[j + dj:]`` agree for ``need`` tokens or to
    both ends (the longer agreement, up to :data:`_ANCHOR`, on a tie), and the comparisons it took."""
    n, m = len(a), len(b)
    cap = max(need, _ANCHOR)
    cost = 0
    for d in range(1, _RESYNC + 1):
        best, found = 0, None
        for di in range(max(0, d - (m - j)), min(d, n - i) + 1):
            x, y = i + di, j + d - di
            cost += 1
            if x == n and y == m:
                return (di, d - di), cost
            if x < n and y < m and a[x] == b[y]:
                agree = cap if a[x : x + cap] == b[y : y + cap] else _equal_run(a, b, x, y, cap)
                cost += agree
                if agree > best and (agree >= need or (x + agree == n and y + agree == m)):
                    best, found = agree, (di, d - di)
        if found is not None:
            return found, cost
    return None, cost


def _equal_run(a: list[str], b: list[str], i: int, j: int, cap: int | None = None) -> int:
    """How many tokens are equal from ``a[i]`` and ``b[j]`` on (at most ``cap``): slices of doubling
    length compared in C, then a binary search in the last one."""
    limit = min(len(a) - i, len(b) - j)
    if cap is not None:
        limit = min(limit, cap)
    run, step = 0, 1
    while run + step <= limit and a[i + run : i + run + step] == b[j + run : j + run + step]:
        run += step
        step *= 2
    while step > 1:
        step //= 2
        if run + step <= limit and a[i + run : i + run + step] == b[j + run : j + run + step]:
            run += step
    return run


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply one stage's edits (spans into ``text``, non-overlapping) and return the new text.

    >>> e = Edit("demo", "r", 3, 6, "cat", "dog", "example")
    >>> apply_edits("my cat sat", [e])
    'my dog sat'
    """
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise EditError(f"edit {e.rule} at {e.start}:{e.end} overlaps or lies outside the text")
        if text[e.start : e.end] != e.before:
            raise EditError(
                f"edit {e.rule} at {e.start}:{e.end}: text is {text[e.start : e.end]!r}, edit says {e.before!r}"
            )
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def passes(edits: Iterable[Edit], stage_order: Sequence[str]) -> list[list[Edit]]:
    """A document's edits grouped as they were made: by the pipeline's round, then by stage in pipeline
    order, then by pass.

    Each group's spans refer to the text the group before it produced; apply them in this order.

    >>> [[e.rule for e in g] for g in passes([Edit("b", "x", 0, 1, "a", "", "r", round=1),
    ...                                       Edit("b", "y", 0, 1, "c", "", "r"), Edit("a", "z", 0, 1, "d", "", "r")],
    ...                                      ["a", "b"])]
    [['z'], ['y'], ['x']]
    """
    rank = {name: i for i, name in enumerate(stage_order)}
    groups: dict[tuple[int, int, str, int], list[Edit]] = {}
    for e in edits:
        groups.setdefault((e.round, rank.get(e.stage, len(rank)), e.stage, e.step), []).append(e)
    return [groups[key] for key in sorted(groups)]


def replay(text: str, edits: Iterable[Edit], stage_order: Sequence[str]) -> str:
    """Replay a document's edits round by round, stage by stage and pass by pass (see :func:`passes`)."""
    for group in passes(edits, stage_order):
        text = apply_edits(text, group)
    return text


def to_fixpoint(once: Callable[[str], StageOutput], text: str, *, max_passes: int = 4) -> StageOutput:
    """Run one pass of a stage again on its own output until nothing changes, so the stage is
    idempotent even where one rule's repair exposes another rule's match.  Edits carry their pass
    number in ``step``; metadata of later passes updates earlier.
    """
    edits: list[Edit] = []
    meta: dict[str, Any] = {}
    for step in range(max_passes):
        out = once(text)
        if out.meta:
            meta.update(out.meta)
        if not out.edits:
            break
        edits.extend(e if e.step == step else replace(e, step=step) for e in out.edits)
        text = out.text
    return StageOutput(text, edits, meta)


def minimal_edit(before: str, after: str, offset: int, *, stage: str, rule: str, reason: str) -> Edit | None:
    """The smallest single edit turning ``before`` into ``after`` (common prefix and suffix trimmed).

    ``offset`` is where ``before`` starts in the stage input.  Returns None when nothing changed.

    >>> minimal_edit("It\u00e2\u20ac\u2122s fine", "It\u2019s fine", 10, stage="s", rule="r", reason="x").start
    12
    """
    if before == after:
        return None
    p = 0
    n = min(len(before), len(after))
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    return Edit(
        stage=stage,
        rule=rule,
        start=offset + p,
        end=offset + len(before) - s,
        before=before[p : len(before) - s],
        after=after[p : len(after) - s],
        reason=reason,
    )


@dataclass
class EditCollector:
    """Collects regex-style replacements made in one left-to-right pass over a text.

    Used by stages that rewrite a text with several independent rules: each rule reports the matches it
    wants to change; :meth:`resolve` keeps the earliest non-overlapping ones and builds the output.
    """

    stage: str
    text: str
    #: Rule ids switched off by the configuration: their edits are dropped here, in one place.
    disabled: frozenset[str] = frozenset()
    pending: list[Edit] = field(default_factory=list)

    def add(self, start: int, end: int, after: str, *, rule: str, reason: str, **extra: Any) -> None:
        before = self.text[start:end]
        if before != after and rule not in self.disabled:
            self.pending.append(Edit(self.stage, rule, start, end, before, after, reason, **extra))

    def resolve(self) -> StageOutput:
        """Keep the earliest, then longest, edit of any overlapping group; apply them."""
        kept: list[Edit] = []
        for e in sorted(self.pending, key=lambda e: (e.start, -(e.end - e.start))):
            if kept and (e.start < kept[-1].end or (e.start == kept[-1].start == kept[-1].end)):
                continue
            kept.append(e)
        return StageOutput(apply_edits(self.text, kept), kept, {})
