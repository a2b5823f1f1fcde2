"""A line prefilter: one pass of a DFA over a whole document names the lines where any of a set of
Python patterns *may* match at the line start; for such a line, a second automaton names the patterns.

Python's ``re`` tries the alternatives of an alternation one by one at each line, a few microseconds a
line with fifty rules; RE2 (``google-re2``) runs all of them at once as one automaton over the whole
document, at hundreds of MB/s.  RE2 has no look-arounds or back-references and its ``\\w``, ``\\b``
and case folding are not Python's, so it cannot replace ``re``: each pattern is *loosened* into an RE2
pattern that matches at least everywhere the Python one does -- look-arounds and word boundaries
dropped, negated classes widened to "any character but a newline", ``\\w``, ``\\d`` and ``\\s`` as
their ASCII part plus any non-ASCII character, a case-insensitive letter as the exact set of characters
Python's ``re`` folds it to, and the pattern cut short at its first unbounded repeat of "anything"
(several such repeats side by side make the automaton's states explode).  A pattern left with too
little at the line start (``[A-Z]\\w+ .* is a writer``) is looked for by its *factors* instead: strings
one of which every match holds.  Only the lines and patterns named are then matched with ``re`` as
before, so the results are exactly those of ``re`` alone (``tests/test_prefilter.py``).

Without ``google-re2`` installed (or without CPython's ``re`` internals), :func:`compile_lines` returns
``None`` and callers match every line.
"""

from __future__ import annotations

import _sre
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

try:  # CPython's re parser and its table of case equivalences: stable in practice, private in name
    import re._constants as _c
    import re._parser as _p
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - every CPython from 3.11 has them; without them, no prefilter
    _c = _p = None  # type: ignore[assignment]
    _EXTRA_CASES = {}

#: Any character outside ASCII: every non-ASCII digit, letter, space or case variant is one, so a class
#: that adds it to its ASCII part holds Python's Unicode class whatever its Unicode version, and stays
#: small (a Unicode table such as \\p{Nd} costs the automaton hundreds of states).
_NON_ASCII = r"\x{80}-\x{10ffff}"
_CATEGORY = (
    {
        _c.CATEGORY_DIGIT: "0-9" + _NON_ASCII,
        _c.CATEGORY_SPACE: r"\t\x0b\x0c\r\x1c-\x1f " + _NON_ASCII,
        _c.CATEGORY_WORD: "0-9A-Za-z_" + _NON_ASCII,
    }
    if _c is not None
    else {}
)
_ANY = r"[^\n]"
#: Repeats with a larger upper bound are left unbounded (RE2 unrolls counted repeats into states).
_MAX_COUNT = 4


class Unsupported(ValueError):
    """A construct the loosening does not know; the caller matches every line instead."""


#: The characters whose lower case (as Python's ``re`` computes it) is ``key`` but that are neither its
#: upper nor its title case: 'İ' -> 'i', the Kelvin sign -> 'k', ...  The same on Python 3.11 to 3.13
#: (Unicode 14.0 to 15.1); with other Unicode tables it is derived again from every code point, once a
#: process (a test checks this table on the Python that runs it).
IRREGULAR_LOWER: dict[int, tuple[int, ...]] = {
    0x69: (0x130,),
    0x6B: (0x212A,),
    0xDF: (0x1E9E,),
    0xE5: (0x212B,),
    0x3B8: (0x3F4,),
    0x3C9: (0x2126,),
}
_IRREGULAR_CHECKED = frozenset({"14.0.0", "15.0.0", "15.1.0"})


def derive_irregular_lower() -> dict[int, tuple[int, ...]]:
    """:data:`IRREGULAR_LOWER` worked out from every code point (about 0.3 s)."""
    import sys

    derived: dict[int, tuple[int, ...]] = {}
    for code in range(sys.maxunicode + 1):
        low = _sre.unicode_tolower(code)
        if low != code and chr(code) not in (chr(low).upper(), chr(low).title()):
            derived[low] = (*derived.get(low, ()), code)
    return derived


@functools.cache
def _irregular_lower() -> dict[int, tuple[int, ...]]:
    import unicodedata

    return IRREGULAR_LOWER if unicodedata.unidata_version in _IRREGULAR_CHECKED else derive_irregular_lower()


@functools.cache
def _fold(ch: str) -> frozenset[str]:
    """Exactly the characters Python's ``re`` matches for ``ch`` under IGNORECASE: those with the same
    lower case, or with a lower case that ``re`` treats as equivalent (``re._casefix``: 'i' and dotless
    'ı', 's' and long 's', ...)."""
    low = _sre.unicode_tolower(ord(ch))
    out: set[str] = set()
    for lower in (low, *_EXTRA_CASES.get(low, ())):
        c = chr(lower)
        for x in (c, c.upper(), c.title(), *map(chr, _irregular_lower().get(lower, ()))):
            if len(x) == 1 and _sre.unicode_tolower(ord(x)) == lower:
                out.add(x)
    return frozenset(out)


def _esc(ch: str) -> str:
    return f"\\x{{{ord(ch):x}}}"


def _class(chars: Iterable[str], parts: Iterable[str] = ()) -> str:
    """A class of ``chars`` and class ``parts`` (RE2 text)."""
    body = "".join(_esc(c) for c in sorted(set(chars))) + "".join(parts)
    return f"[{body}]"


def _literal(code: int, icase: bool) -> str:
    ch = chr(code)
    folded = _fold(ch) if icase else {ch}
    return _esc(ch) if len(folded) == 1 else _class(folded)


def _in(items: Sequence[tuple[Any, Any]], icase: bool) -> str:
    chars: set[str] = set()
    parts: list[str] = []
    for op, av in items:
        if op is _c.NEGATE:
            return _ANY  # the complement of a widened set would be narrower: take any character
        if op is _c.LITERAL:
            chars |= _fold(chr(av)) if icase else {chr(av)}
        elif op is _c.RANGE:
            lo, hi = av
            parts.append(f"{_esc(chr(lo))}-{_esc(chr(hi))}")
            if icase:
                if hi - lo > 500:
                    return _ANY
                for code in range(lo, hi + 1):
                    chars |= _fold(chr(code))
        elif op is _c.CATEGORY:
            if av in _CATEGORY:
                parts.append(_CATEGORY[av])
            else:  # \W, \D, \S inside a class: loosen to any character
                return _ANY
        else:
            raise Unsupported(f"class item {op}")
    return _class(chars, parts)


class _Loose:
    """A loosened pattern: ``text`` (RE2 syntax), ``whole`` (False when cut short: what followed a cut
    is left out, and a prefix matches wherever the sequence does) and ``strength`` (how many characters
    any match must hold that are a literal or one of a few, the prefilter's power to tell lines apart)."""

    __slots__ = ("strength", "text", "whole")

    def __init__(self, text: str, whole: bool = True, strength: int = 0) -> None:
        self.text, self.whole, self.strength = text, whole, strength


def _seq(data: Iterable[tuple[Any, Any]], icase: bool) -> _Loose:
    out: list[str] = []
    strength = 0
    for op, av in data:
        node = _node(op, av, icase)
        out.append(node.text)
        strength += node.strength
        if not node.whole:
            return _Loose("".join(out), False, strength)
    return _Loose("".join(out), True, strength)


def _node(op: Any, av: Any, icase: bool) -> _Loose:
    if op is _c.LITERAL:
        return _Loose(_literal(av, icase), True, 1)
    if op is _c.NOT_LITERAL or op is _c.ANY:
        return _Loose(_ANY)
    if op is _c.IN:
        text = _in(av, icase)
        return _Loose(text, True, 0 if _broad(text) else 1)
    if op is _c.CATEGORY:
        return _Loose(f"[{_CATEGORY[av]}]" if av in _CATEGORY else _ANY)
    if op is _c.AT:
        if av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return _Loose("^")
        if av in (_c.AT_END, _c.AT_END_STRING):
            return _Loose("$")
        return _Loose("")  # \b, \B: dropped (looser)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _Loose("")  # look-arounds: dropped (looser)
    if op is _c.BRANCH:
        alts = [_seq(b, icase) for b in av[1]]
        text = "(?:" + "|".join(a.text for a in alts) + ")"
        return _Loose(text, all(a.whole for a in alts), min(a.strength for a in alts))
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        inner = (icase or bool(add & re.IGNORECASE)) and not (remove & re.IGNORECASE)
        node = _seq(sub, inner)
        return _Loose("(?:" + node.text + ")", node.whole, node.strength)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        node = _seq(sub, icase)
        body = "(?:" + node.text + ")"
        if not node.whole:  # the body was cut: one copy of its prefix where one is required
            return _Loose(body if lo else "", False, node.strength if lo else 0)
        if hi is _c.MAXREPEAT or hi > _MAX_COUNT:
            if _broad(node.text):
                # A broad unbounded repeat: every position of a line may be inside it, and several
                # side by side multiply the automaton's states.  Cut here, keeping the copies a match
                # requires.
                return _Loose(body + f"{{{lo}}}" if lo else "", False, node.strength * lo)
            rep = "*" if lo == 0 else "+" if lo == 1 else f"{{{min(lo, _MAX_COUNT)},}}"
            return _Loose(body + rep, True, node.strength * min(lo, _MAX_COUNT))
        return _Loose(body + f"{{{lo},{hi}}}", True, node.strength * lo)
    if op is _c.GROUPREF:
        return _Loose("", False)
    if op is _c.GROUPREF_EXISTS:
        _g, yes, no = av
        a = _seq(yes, icase)
        b = _seq(no, icase) if no else _Loose("")
        return _Loose("(?:" + a.text + "|" + b.text + ")", a.whole and b.whole, min(a.strength, b.strength))
    raise Unsupported(f"opcode {op}")


def _broad(text: str) -> bool:
    """Whether a loosened class or group can take most characters of a line (any, or any letter)."""
    return _ANY in text or "A-Za-z" in text


#: A loosened pattern that must hold fewer characters than this at the line start tells too few lines
#: apart: the prefilter looks for its factors anywhere in the line instead (see :func:`compile_lines`).
_MIN_STRENGTH = 2


def loosen(pattern: str, flags: int = 0) -> _Loose:
    """An RE2 pattern that matches (at least) wherever ``re.match(pattern, line, flags)`` does, for a
    line without a newline."""
    parsed = _p.parse(pattern, flags)
    icase = bool((flags | parsed.state.flags) & re.IGNORECASE)
    return _seq(parsed, icase)


#: A character class of up to this many characters still counts as a literal in a factor.
_SMALL_CLASS = 4


def _token(op: Any, av: Any, icase: bool) -> str | None:
    """The RE2 text of one consumed character that is a literal or one of a few, else None."""
    if op is _c.LITERAL:
        return _literal(av, icase)
    if op is _c.IN and not any(o in (_c.NEGATE, _c.CATEGORY, _c.RANGE) for o, _ in av):
        chars = set().union(*(_fold(chr(a)) if icase else {chr(a)} for _, a in av))
        if len(chars) <= _SMALL_CLASS * (2 if icase else 1):
            return _class(chars)
    return None


def _factors(data: Iterable[tuple[Any, Any]], icase: bool) -> tuple[int, list[str]] | None:
    """Strings one of which every match of the sequence ``data`` holds (RE2 text), with their score
    (the length of the shortest); None when there are none.  The longest literal run of the sequence,
    or a required group whose every branch has factors, whichever is the more telling."""
    best: tuple[int, list[str]] | None = None

    def offer(candidate: tuple[int, list[str]] | None) -> None:
        nonlocal best
        if candidate is not None and candidate[0] > 0 and (best is None or candidate[0] > best[0]):
            best = candidate

    run: list[str] = []
    for op, av in data:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the characters on each side are still adjacent
        token = _token(op, av, icase)
        if token is not None:
            run.append(token)
            continue
        if run:
            offer((len(run), ["".join(run)]))
            run = []
        if op is _c.BRANCH:
            alts = [a for b in av[1] if (a := _factors(b, icase)) is not None]
            if len(alts) == len(av[1]):
                offer((min(a[0] for a in alts), [t for a in alts for t in a[1]]))
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            offer(_factors(sub, (icase or bool(add & re.IGNORECASE)) and not (remove & re.IGNORECASE)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            offer(_factors(av[2], icase))
    if run:
        offer((len(run), ["".join(run)]))
    return best


def factors(pattern: str, flags: int = 0) -> tuple[int, list[str]] | None:
    """:func:`_factors` of a pattern."""
    parsed = _p.parse(pattern, flags)
    return _factors(parsed, bool((flags | parsed.state.flags) & re.IGNORECASE))


class LinePrefilter:
    """The lines of a document where one of the patterns may match at the line start, and for one line,
    which of the patterns may."""

    def __init__(self, automata: Sequence[Any], per_line: Any, count: int, anchor: Any) -> None:
        self._automata = automata
        self._per_line = per_line
        self._count = count
        self._anchor = anchor

    def lines(self, text: str) -> set[int]:
        """Numbers of the lines of ``text`` (split on newlines) where a pattern may match (every line
        when ``text`` holds a lone surrogate, which UTF-8 cannot carry to RE2)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return set(range(text.count("\n") + 1))
        out: set[int] = set()
        for automaton in self._automata:
            self._scan(automaton, data, out)
        return out

    def patterns(self, line: str) -> list[int]:
        """Indices of the patterns that may match at the start of ``line`` (no newline), ascending."""
        try:
            found = self._per_line.Match(line.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: every pattern may match
            return list(range(self._count))
        return sorted(found) if found else []

    def _scan(self, automaton: Any, data: bytes, out: set[int]) -> None:
        match = automaton.Match
        unanchored = self._anchor
        pos, end = 0, len(data)
        line = counted = 0
        while pos <= end:
            start, stop = match(unanchored, data, pos, end)[0]
            if start < 0:
                break
            line += data.count(b"\n", counted, start)
            counted = start
            out.add(line)
            nl = data.find(b"\n", max(start, stop))  # one answer per line is enough
            if nl < 0:
                break
            pos = nl + 1


def compile_lines(patterns: Sequence[tuple[str, int]]) -> LinePrefilter | None:
    """A :class:`LinePrefilter` for ``(pattern, flags)`` pairs, or None without google-re2 (or for a
    pattern the loosening does not know, or a Python whose ``re`` internals are not CPython's)."""
    if _p is None:  # pragma: no cover
        return None
    try:
        import re2  # google-re2
    except ImportError:
        return None
    anchored: list[str] = []
    contained: list[str] = []
    one_line: list[str] = []  # each pattern loosened, for the per-line set
    try:
        for p, f in patterns:
            loose = loosen(p, f)
            if loose.strength >= _MIN_STRENGTH:
                anchored.append(loose.text)
                one_line.append(loose.text)
                continue
            # Too little at the line start to tell lines apart ("[A-Z][a-z]+ ... is a writer"): look
            # for the strings every match holds, anywhere in the line.
            found = factors(p, f)
            if found is None:
                return None
            contained.extend(found[1])
            one_line.append(_ANY + "*(?:" + "|".join(found[1]) + ")")
    except Unsupported:
        return None
    options = re2.Options()
    options.max_mem = 32 << 20  # each automaton's budget; 8 MB (RE2's default) is too small for the rules' DFA
    options.never_capture = True
    options.log_errors = False  # an automaton out of memory falls back to a slower engine: not an error
    automata = []
    for source in (
        "(?m)^(?:" + "|".join(anchored) + ")" if anchored else "",
        "(?:" + "|".join(sorted(set(contained))) + ")" if contained else "",
    ):
        if not source:
            continue
        compiled = re2._re2.RE2(source.encode("utf-8"), options)
        if not compiled.ok():  # pragma: no cover - an RE2 limit
            return None
        automata.append(compiled)
    per_line = re2._re2.Set(re2._Anchor.ANCHOR_START, options)
    for k, text in enumerate(one_line):
        if per_line.Add(text.encode("utf-8")) != k:  # pragma: no cover - an RE2 limit
            return None
    if not per_line.Compile():  # pragma: no cover
        return None
    return LinePrefilter(automata, per_line, len(one_line), re2._Anchor.UNANCHORED)
