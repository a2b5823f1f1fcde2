"""Check rule files before a run: every file reads, every key is unique, every regex compiles and is safe.

A broken rule names its file and line (``rules/boilerplate/lines.regex:12: ...``), so the person editing
the rules finds it without reading code.  :func:`check_rules` walks a rules folder and returns every
:class:`Problem` it finds; :func:`validate` raises :class:`~textmend.rules.RuleError` listing them.

What is checked, in every file below the root:

* it is UTF-8 and its header (the ``#`` lines before the first rule) names a licence;
* it holds at least one rule, and no key is empty or given twice (the first column of a TSV, the whole
  line of a list), and no replacement table maps A to B and B back to A.

Which lines are regular expressions (see ``docs/trust.md``):

* every rule line of a file named ``*.regex``, or of a file whose header has ``# format: regex``;
* in a TSV, the columns named ``pattern`` or ``regex`` (or ending ``_pattern`` / ``_regex``), named by a
  ``# columns: key<TAB>pattern<TAB>reason`` header line or by a first row holding such a name.

Optional header lines: ``# engine: regex`` (the third-party ``regex`` module compiles the patterns instead
of ``re``) and ``# flags: IGNORECASE MULTILINE`` (flags the stage compiles them with).

Each pattern must compile, must not match the empty string (it would match every line), and must be
safe against catastrophic backtracking, checked two ways:

* statically: for every repeat in the pattern, count the ways it can match a run of one character.
  ``(a+)+``, ``(\\w*)*``, ``(\\w+\\s?)+`` and ``(a|aa)+`` split a run of ``a`` in exponentially many ways,
  which a backtracking engine tries one by one when the rest of the pattern fails;
* dynamically: the pattern runs, with the same engine the stages use (``re``), on adversarial strings
  built from its own characters (30 and 2,000 repeats of each, then a character that makes it fail)
  under a hard limit of CPU time.  ``re`` has no timeout of its own, but it answers signals while
  matching, so a SIGVTALRM interval timer stops it (in a worker process when not on the main thread).
  The timer counts this process's own CPU time, not the clock's: on a busy machine a pattern does not
  look slow because other processes had the cores.

Why not the ``regex`` module's ``timeout=`` or a linear-time engine such as RE2: the stages compile
their patterns with ``re``, and ``regex`` optimises away many of the blow-ups ``re`` suffers (``(a+)+$``
is instant with ``regex`` and takes seconds with ``re``), while RE2 cannot run lookarounds at all; a
check must use the engine that will run the pattern.

Run it from a shell: ``python -m textmend.rulecheck [FOLDER]`` (default: the shipped rules).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from textmend.rules import RuleError

#: Longest any one adversarial string may take to scan, in seconds.  A linear pattern takes
#: microseconds, a quadratic one a few hundredths on 2,000 characters; cubic and exponential ones take
#: seconds to ages.
TIME_LIMIT = 0.25

#: Files that are documentation, not rules.
_SKIP_NAMES = {"README.md", "README", "README.txt", "LICENSE", "LICENCE", "NOTICE"}

_REGEX_COLUMN = re.compile(r"^(?:pattern|regex|\w+_pattern|\w+_regex)$", re.IGNORECASE)
_HEADER_FIELD = re.compile(r"^#\s*(format|engine|flags|columns|key)\s*:\s*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a rule file, printed as ``PATH:LINE: message`` (line 0: the file as a whole)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --------------------------------------------------------------------------------------------- files


@dataclass
class _Pattern:
    """A regex found in a rule file, waiting for its checks (macros expanded first)."""

    path: str
    line: int
    pattern: str
    flags: int = 0
    engine: str = "re"
    #: A building block (``match: define``) used inside other patterns: may match the empty string, and
    #: is timed inside the patterns that use it, not alone.
    fragment: bool = False
    #: A condition (``before=...``) rather than a rule of its own: may match the empty string.
    may_be_empty: bool = False
    #: How the stage runs it: ``search`` (every match in a text) or ``match`` (at one place, e.g. ``after=``).
    mode: str = "search"


def check_rules(root: Path | Traversable, *, time_limit: float = TIME_LIMIT) -> list[Problem]:
    """Every problem in every rule file below ``root`` (a folder, or one file), in path and line order."""
    problems: list[Problem] = []
    patterns: list[_Pattern] = []
    defines: dict[str, list[_Pattern]] = {}
    files = [root] if root.is_file() else list(_walk(root))
    for path in files:
        problems.extend(_check_file(path, patterns, defines))
    problems.extend(_check_patterns(patterns, defines, time_limit))
    return sorted(set(problems))


def validate(root: Path | Traversable | None = None, *, time_limit: float = TIME_LIMIT) -> None:
    """Raise :class:`RuleError` listing every problem below ``root`` (default: the shipped rules)."""
    if root is None:
        from textmend.rules import rules_root

        root = rules_root()
    problems = check_rules(root, time_limit=time_limit)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise RuleError(f"{len(problems)} problem(s) in the rule files:\n{shown}{more}")


def _walk(folder: Path | Traversable) -> Iterator[Path | Traversable]:
    """Rule files below ``folder`` in name order, skipping hidden entries, caches and READMEs."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "_")) or entry.name in _SKIP_NAMES:
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file() and not entry.name.endswith((".pyc", ".py", "~")):
            yield entry


@dataclass
class _Header:
    format: str | None = None
    engine: str = "re"
    flags: int = 0
    columns: list[str] | None = None
    key: str | None = None
    licence: bool = False


def _check_file(
    path: Path | Traversable, patterns: list[_Pattern], defines: dict[str, list[_Pattern]]
) -> list[Problem]:
    """The problems of one file; the regexes it holds are added to ``patterns`` (and ``defines``)."""
    name = str(path)
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(name, line, message))

    try:
        data = path.read_bytes()
    except OSError as exc:
        problem(0, f"cannot be read: {exc.strerror or exc}")
        return problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        problem(where, f"is not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})")
        return problems
    if text.startswith("\ufeff"):
        problem(1, "starts with a byte-order mark; save it as UTF-8 without one")

    lines = [(n, raw.rstrip("\r")) for n, raw in enumerate(text.split("\n"), start=1)]
    rules = [(n, line) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]
    header = _read_header(lines, problem)
    if not header.licence:
        problem(
            1,
            "the header (the '#' lines at the top) names no licence; say where the rules come from "
            "and under which licence",
        )
    if not rules:
        problem(0, "holds no rules (only comments and blank lines)")
        return problems

    lower = path.name.lower()
    first = rules[0][1].strip()
    if header.format in ("stanza", "stanzas", "rules") or (
        header.format is None and (lower.endswith(".rules") or _STANZA_ID.match(first))
    ):
        _check_stanzas(name, rules, header, problem, patterns, defines)
    elif lower.endswith(".tsv") or header.format == "tsv":
        columns = header.columns
        if columns is None and any(_REGEX_COLUMN.match(f.strip()) for f in rules[0][1].split("\t")):
            columns = [f.strip() for f in rules[0][1].split("\t")]
            rules = rules[1:]
        pattern_cols = [i for i, c in enumerate(columns or []) if _REGEX_COLUMN.match(c)]
        key_columns = _key_columns(header.key, columns, n=rules[0][0] if rules else 0, problem=problem)
        _check_tsv(rules, columns, key_columns, problem)
        for n, line in rules:
            fields = line.split("\t")
            for i, value in enumerate(fields):
                if i in pattern_cols and value.strip():
                    patterns.append(_Pattern(name, n, value.strip(), header.flags, header.engine))
                    continue
                # Conditions such as "before=[,;]\s*$ && after=\s+[A-Z]" (rules/spin): regexes too.
                for part in value.split(" && "):
                    m = _CONDITION.match(part.strip())
                    if m and m.group(2):
                        mode = "match" if m.group(1) == "after" else "search"
                        patterns.append(
                            _Pattern(name, n, m.group(2), header.flags, header.engine, may_be_empty=True, mode=mode)
                        )
    else:
        _check_list(rules, problem)
        if lower.endswith(".regex") or header.format == "regex":
            patterns.extend(_Pattern(name, n, line.strip(), header.flags, header.engine) for n, line in rules)
    return problems


#: A condition holding a regex, in a TSV field: ``before=REGEX`` / ``after=REGEX`` (rules/spin).
_CONDITION = re.compile(r"^(before|after|regex|pattern)=(.*)$")


def _key_columns(
    key: str | None, columns: list[str] | None, *, n: int, problem: Callable[[int, str], None]
) -> list[int] | None:
    """The 0-based key columns a ``# key: spun, context`` header names (by name or 1-based number)."""
    if not key:
        return None
    out: list[int] = []
    for part in re.split(r"[\s,+]+", key.strip()):
        if not part:
            continue
        if part.isdigit() and int(part) >= 1:
            out.append(int(part) - 1)
        elif columns and part in columns:
            out.append(columns.index(part))
        else:
            problem(n, f"'# key: {key}' names column {part!r}, which the '# columns:' line does not have")
    return out or None


_PHRASE_END = re.compile(r"[\s.:!?…»›>|*\-–—_=~,;]+$")
_STANZA_ID = re.compile(r"^\[\s*([\w.\-]+)\s*\]$")
_KEY_VALUE = re.compile(r"^([\w\-]+)\s*:\s?(.*)$")
_MACRO = re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")


def _check_stanzas(
    name: str,
    rules: list[tuple[int, str]],
    header: _Header,
    problem: Callable[[int, str], None],
    patterns: list[_Pattern],
    defines: dict[str, list[_Pattern]],
) -> None:
    """Stanza files (``rules/boilerplate/*.rules``): ``[family.name]`` then ``key: value`` lines.

    Checked: each line is a stanza id or ``key: value``; no id twice in the file; no ``key: value`` line
    twice in one stanza (values other than patterns compared ignoring case, spacing and trailing
    punctuation); ``pattern:`` / ``regex:`` values are regexes (case-insensitive unless the stanza says
    ``case: sensitive``; ``{{name}}`` is replaced by the ``match: define`` stanza of that name)."""
    seen: dict[str, int] = {}
    stanza: tuple[str, int] | None = None
    entries: set[tuple[str, str]] = set()
    found: list[tuple[int, str]] = []
    keys: dict[str, str] = {}

    def finish() -> None:
        if stanza is None:
            return
        sid, _ = stanza
        flags = header.flags | (0 if keys.get("case", "").lower() == "sensitive" else re.IGNORECASE)
        fragment = keys.get("match", "").lower() == "define"
        for n, value in found:
            p = _Pattern(name, n, value, flags, header.engine, fragment)
            patterns.append(p)
            if fragment:
                for alias in dict.fromkeys([sid, sid.rsplit(".", 1)[-1]]):
                    defines.setdefault(alias, []).append(p)

    for n, line in rules:
        stripped = line.strip()
        m = _STANZA_ID.match(stripped)
        if m:
            finish()
            sid = m.group(1)
            if sid in seen:
                problem(n, f"rule [{sid}] given twice (first on line {seen[sid]})")
            seen.setdefault(sid, n)
            stanza, entries, found, keys = (sid, n), set(), [], {}
            continue
        kv = _KEY_VALUE.match(stripped)
        if stanza is None:
            problem(n, "a rule must start with a [family.name] line")
            continue
        if not kv:
            problem(n, "expected 'key: value' or a [family.name] line")
            continue
        key, value = kv.group(1).lower(), kv.group(2).strip()
        if not value:
            problem(n, f"empty value for {key!r} in rule [{stanza[0]}]")
            continue
        # Phrases are matched ignoring case, spacing and trailing punctuation: "Comment *" is "Comment".
        same = value if _REGEX_COLUMN.match(key) else _PHRASE_END.sub("", " ".join(value.lower().split())) or value
        if (key, same) in entries:
            problem(n, f"'{key}: {value}' given twice in rule [{stanza[0]}]")
        entries.add((key, same))
        keys.setdefault(key, value)
        if _REGEX_COLUMN.match(key):
            found.append((n, value))
    finish()


def _read_header(lines: list[tuple[int, str]], problem: Callable[[int, str], None]) -> _Header:
    """The ``#`` lines before the first rule: licence, and ``format`` / ``engine`` / ``flags`` / ``columns``."""
    header = _Header()
    for n, line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        low = stripped.lower()
        if "licen" in low or "spdx" in low:
            header.licence = True
        m = _HEADER_FIELD.match(stripped)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "format":
            header.format = value.split()[0].lower() if value else None
        elif key == "engine":
            if value.lower() not in ("re", "regex"):
                problem(n, f"engine {value!r} is not 're' or 'regex'")
            else:
                header.engine = value.lower()
        elif key == "flags":
            for flag in re.split(r"[\s,|]+", value):
                if not flag:
                    continue
                f = getattr(re.RegexFlag, flag.upper(), None)
                if not isinstance(f, re.RegexFlag):
                    problem(n, f"unknown regex flag {flag!r} (use names like IGNORECASE, MULTILINE)")
                else:
                    header.flags |= int(f)
        elif key == "key":
            header.key = value
        elif key == "columns":
            sep = "\t" if "\t" in value else ","
            header.columns = [c.strip() for c in value.split(sep)] if sep == "\t" or "," in value else value.split()
    return header


def _check_tsv(
    rules: list[tuple[int, str]],
    columns: list[str] | None,
    key_columns: list[int] | None,
    problem: Callable[[int, str], None],
) -> None:
    """No empty key, no key twice, no more fields than the header names, no replacement cycle A -> B -> A.

    The key is the first column, or the columns a ``# key:`` header line names.  Without such a line, a
    wider table may list one first-column phrase on several rows that differ in a later column (a context
    that decides between them, as in ``rules/spin``); then only a row repeated whole is a duplicate.
    Trailing columns may be left out (they are often an optional comment)."""
    seen: dict[tuple[str, ...], int] = {}
    rows: dict[tuple[str, ...], int] = {}
    pairs: dict[tuple[str, str], int] = {}
    width = len(columns) if columns else None
    for n, line in rules:
        fields = [f.strip() for f in line.split("\t")]
        key = tuple(fields[i] if i < len(fields) else "" for i in (key_columns or [0]))
        row = tuple(fields)
        shown = " + ".join(repr(k) for k in key)
        if not all(key):
            problem(
                n, "empty key (the first column is blank)" if key_columns is None else f"empty key field in {shown}"
            )
        elif row in rows:
            problem(n, f"the same row twice (first on line {rows[row]})")
        elif key in seen and (key_columns is not None or len(fields) <= 2):
            problem(n, f"duplicate key {shown} (first on line {seen[key]})")
        seen.setdefault(key, n)
        rows.setdefault(row, n)
        if width is not None and len(fields) > width:
            problem(n, f"{len(fields)} tab-separated fields where the header names {width} columns")
        if len(fields) >= 2 and fields[0]:
            for value in fields[1].split("|"):
                if value.strip() and value.strip() != fields[0]:
                    pairs.setdefault((fields[0], value.strip()), n)
    for (a, b), n in pairs.items():
        back = pairs.get((b, a))
        if back is not None and back < n:
            problem(n, f"replacement cycle: {a!r} -> {b!r} here and {b!r} -> {a!r} on line {back}")


def _check_list(rules: list[tuple[int, str]], problem: Callable[[int, str], None]) -> None:
    seen: dict[str, int] = {}
    for n, line in rules:
        key = line.strip()
        if key in seen:
            problem(n, f"duplicate entry {key!r} (first on line {seen[key]})")
        else:
            seen[key] = n


def _expand(p: _Pattern, defines: dict[str, list[_Pattern]], problem: Callable[[str], None], depth: int = 0) -> str:
    """``p.pattern`` with every ``{{name}}`` replaced by its define, wrapped in ``(?:...)``."""
    if depth > 10:
        problem("macros nest more than 10 deep (a cycle?)")
        return p.pattern

    def sub(m: re.Match[str]) -> str:
        candidates = defines.get(m.group(1), [])
        if len(candidates) != 1:
            problem(
                f"unknown macro {m.group(0)}"
                if not candidates
                else f"ambiguous macro {m.group(0)} (defined {len(candidates)} times)"
            )
            return "(?:)"
        return f"(?:{_expand(candidates[0], defines, problem, depth + 1)})"

    return _MACRO.sub(sub, p.pattern)


def _check_patterns(patterns: list[_Pattern], defines: dict[str, list[_Pattern]], time_limit: float) -> list[Problem]:
    """Expand macros; compile; reject empty matches and nested repeats; time the rest on hard input."""
    problems: list[Problem] = []
    to_probe: list[_Pattern] = []
    for p in patterns:
        messages: list[str] = []
        pattern = _expand(p, defines, messages.append) if "{{" in p.pattern else p.pattern
        if not messages:
            message = check_pattern_static(
                pattern, flags=p.flags, engine=p.engine, fragment=p.fragment or p.may_be_empty
            )
            if message is not None:
                messages.append(message)
            if (message is None or message.startswith("matches the empty string")) and not p.fragment:
                # A fragment is probed inside the patterns that use it.
                to_probe.append(_Pattern(p.path, p.line, pattern, p.flags, p.engine, mode=p.mode))
        problems.extend(Problem(p.path, p.line, f"{m}: {_shorten(p.pattern)}") for m in messages)
    by_place = {(p.path, p.line): p.pattern for p in patterns}
    for found in _probe_patterns(to_probe, time_limit):
        problems.append(
            Problem(found.path, found.line, f"{found.message}: {_shorten(by_place[found.path, found.line])}")
        )
    return problems


def _shorten(pattern: str, width: int = 160) -> str:
    return pattern if len(pattern) <= width else pattern[: width - 3] + "..."


# ------------------------------------------------------------------------------------------ patterns


def check_pattern(pattern: str, *, flags: int = 0, engine: str = "re", time_limit: float = TIME_LIMIT) -> list[str]:
    """Every problem with one pattern, in plain words (empty when it is fine).

    >>> check_pattern(r"^(?:share|tweet) this\\b")
    []
    >>> check_pattern(r"(\\w+\\s?)+$")[0].split(":")[0]
    'catastrophic backtracking'
    """
    static = check_pattern_static(pattern, flags=flags, engine=engine)
    if static and not static.startswith("matches the empty string"):
        return [static]
    found = [static] if static else []
    found.extend(p.message for p in _probe_patterns([_Pattern("", 0, pattern, flags, engine)], time_limit))
    return found


def check_pattern_static(pattern: str, *, flags: int = 0, engine: str = "re", fragment: bool = False) -> str | None:
    """The first problem found without running the pattern: compile error, empty match, ambiguous repeat.

    A ``fragment`` (a building block used inside other patterns) may match the empty string."""
    try:
        compiled = _compile(pattern, flags, engine)
    except Exception as exc:
        return f"does not compile: {exc}"
    if not fragment and compiled.search("") is not None:
        return "matches the empty string, so it matches every line"
    if engine == "re":
        try:
            culprit = _exponential_repeat(pattern, flags)
        except Exception:
            culprit = None
        if culprit is not None:
            return (
                f"catastrophic backtracking: nested repeats can split a run of {culprit!r} in exponentially many "
                f"ways (like (a+)+, (\\w*)*, (\\w+\\s?)+ or (a|aa)+); make each repetition start or end with "
                "something the others cannot match, or use an atomic group (?>...) / a possessive quantifier"
            )
    return None


def _compile(pattern: str, flags: int, engine: str) -> Any:
    if engine == "regex":
        import regex

        return regex.compile(pattern, flags)
    return re.compile(pattern, flags)


# Static analysis on re's parse tree.  For every repeat we count, for each character c and each length
# k up to _K, the number of ways the repeat can match c*k; a count that doubles as k grows means that a
# backtracking engine tries exponentially many ways when what follows fails.

_K = 24
_ALPHABET = (
    "".join(chr(i) for i in range(32, 127))
    + "\t\n\r\u00a0\u2009\u00e9\u00c9\u00df\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00ab\u00bb\u20ac\u00a3"
    + "\u0416\u0436\u4e2d\u0663\u00b2"
)


def _parser() -> Any:
    import re._constants as c
    import re._parser as p

    return p, c


def _freeze(av: Any) -> Any:
    """A node argument as something hashable (IN holds a list of pairs)."""
    if isinstance(av, list):
        return tuple(_freeze(x) for x in av)
    if isinstance(av, tuple):
        return tuple(_freeze(x) for x in av)
    return av


@functools.lru_cache(maxsize=8192)
def _mask(op: Any, av: Any, flags: int) -> int:
    """The characters of ``_ALPHABET`` one single-character node (LITERAL, NOT_LITERAL, ANY, IN) accepts,
    as a bit mask (bit i: ``_ALPHABET[i]``)."""
    _, c = _parser()
    icase = bool(flags & re.IGNORECASE)
    ascii_only = bool(flags & re.ASCII)

    def same(ch: str, code: int) -> bool:
        return ch == chr(code) or (icase and ch.lower() == chr(code).lower())

    def category(ch: str, cat: Any) -> bool:
        negated = cat in (c.CATEGORY_NOT_DIGIT, c.CATEGORY_NOT_SPACE, c.CATEGORY_NOT_WORD)
        if ascii_only and not ch.isascii():
            return negated
        table = {
            c.CATEGORY_DIGIT: ch.isdecimal(),
            c.CATEGORY_NOT_DIGIT: not ch.isdecimal(),
            c.CATEGORY_SPACE: ch.isspace(),
            c.CATEGORY_NOT_SPACE: not ch.isspace(),
            c.CATEGORY_WORD: ch.isalnum() or ch == "_",
            c.CATEGORY_NOT_WORD: not (ch.isalnum() or ch == "_"),
        }
        return table.get(cat, False)

    def accepts(ch: str) -> bool:
        if op is c.LITERAL:
            return same(ch, av)
        if op is c.NOT_LITERAL:
            return not same(ch, av)
        if op is c.ANY:
            return bool(flags & re.DOTALL) or ch != "\n"
        negate = bool(av) and av[0][0] is c.NEGATE
        hit = False
        for iop, iav in av:
            if iop is c.LITERAL:
                hit = same(ch, iav)
            elif iop is c.RANGE:
                lo, hi = iav
                hit = any(lo <= ord(x) <= hi for x in ((ch, ch.lower(), ch.upper()) if icase else (ch,)))
            elif iop is c.CATEGORY:
                hit = category(ch, iav)
            if hit:
                break
        return hit != negate

    return sum(1 << i for i, ch in enumerate(_ALPHABET) if accepts(ch))


def _char_classes(tree: Any, *, repeated_only: bool = False) -> list[int]:
    """One alphabet index for each way the pattern's character tests split the alphabet (among the
    characters some test accepts): the indexes of 'a', ' ', '0' for ``\\w+\\s*\\d``.  With
    ``repeated_only``, only tests inside a repeat count (the others cannot make a long run)."""
    _, c = _parser()
    single = (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN)
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))
    masks: set[int] = set()

    def collect(seq: Any, fl: int, inside: bool) -> None:
        for op, av in seq:
            if op in single:
                if inside or not repeated_only:
                    masks.add(_mask(op, _freeze(av), fl))
            elif op is c.SUBPATTERN:
                collect(av[3], (fl | av[1]) & ~av[2], inside)
            elif op in repeats:
                collect(av[2], fl, inside or av[1] >= 2)
            elif op is c.BRANCH:
                for alt in av[1]:
                    collect(alt, fl, inside)
            elif op is c.ATOMIC_GROUP:
                collect(av, fl, inside)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                collect(av[1], fl, inside)
            elif op is c.GROUPREF_EXISTS:
                collect(av[1], fl, inside)
                if av[2] is not None:
                    collect(av[2], fl, inside)

    collect(tree, tree.state.flags, False)
    unique = sorted(masks)
    classes: dict[tuple[bool, ...], int] = {}
    for i in range(len(_ALPHABET)):
        sig = tuple(bool(m >> i & 1) for m in unique)
        if any(sig):
            classes.setdefault(sig, i)
    return list(classes.values())


def _exponential_repeat(pattern: str, flags: int) -> str | None:
    """A character whose runs some repeat of ``pattern`` can match in exponentially many ways, or None."""
    p, c = _parser()
    tree = p.parse(pattern, flags)
    flags = tree.state.flags
    single = (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN)
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)
    possessive = getattr(c, "POSSESSIVE_REPEAT", None)
    empty = (1,) + (0,) * _K
    none = (0,) * (_K + 1)
    one = (0, 1) + (0,) * (_K - 1)

    def conv(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        if a is none or b is none:
            return none
        if a is empty:
            return b
        if b is empty:
            return a
        out = [0] * (_K + 1)
        nonzero_b = [(j, y) for j, y in enumerate(b) if y]
        for i, x in enumerate(a):
            if x:
                for j, y in nonzero_b:
                    if i + j > _K:
                        break
                    out[i + j] += x * y
        return tuple(out) if any(out) else none

    def add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        if a is none:
            return b
        if b is none:
            return a
        return tuple(x + y for x, y in zip(a, b, strict=True))

    def exponential(v: tuple[int, ...]) -> bool:
        tail = [x for x in v[_K // 2 :] if x]
        return len(tail) >= 4 and all(b >= 1.5 * a for a, b in itertools.pairwise(tail))

    found: list[int] = []

    def ways(seq: Any, i: int, fl: int) -> tuple[int, ...]:
        """ways[k]: in how many ways ``seq`` matches a run of k characters ``_ALPHABET[i]``."""
        total = empty
        for op, av in seq:
            total = conv(node(op, av, i, fl), total)  # every node is visited: each repeat is checked
        return total

    def node(op: Any, av: Any, i: int, fl: int) -> tuple[int, ...]:
        if op in single:
            return one if _mask(op, _freeze(av), fl) >> i & 1 else none
        if op is c.SUBPATTERN:
            return ways(av[3], i, (fl | av[1]) & ~av[2])
        if op is c.BRANCH:
            v = none
            for alt in av[1]:
                v = add(v, ways(alt, i, fl))
            return v
        if op is c.GROUPREF_EXISTS:
            return add(ways(av[1], i, fl), ways(av[2], i, fl) if av[2] is not None else empty)
        if op is c.ATOMIC_GROUP or op is possessive:
            inner = ways(av, i, fl) if op is c.ATOMIC_GROUP else node(c.MAX_REPEAT, av, i, fl)
            # No backtracking into it: it takes the longest run it can and is not split again.
            longest = max((k for k, x in enumerate(inner) if x), default=None)
            return none if longest is None else tuple(int(k == longest) for k in range(_K + 1))
        if op in repeats:
            lo, hi, body = av
            b = ways(body, i, fl)
            step = (0, *b[1:]) if any(b[1:]) else none  # re stops a repetition that matched nothing
            lo = 0 if b[0] else lo
            power = empty
            for _ in range(min(lo, _K + 1)):
                power = conv(power, step)
            if hi >= _K:
                # Any number of further repetitions: rest[k] = sum over the first step j of step[j] * rest[k - j].
                rest = [1] + [0] * _K
                if step is not none:
                    for k in range(1, _K + 1):
                        rest[k] = sum(step[j] * rest[k - j] for j in range(1, k + 1) if step[j])
                v = conv(power, tuple(rest))
            else:
                v = none
                for _ in range(lo, hi + 1):
                    v = add(v, power)
                    power = conv(power, step)
                    if power is none:
                        break
            if hi >= 2 and v is not none and exponential(v):
                found.append(i)
            return v
        if op is c.AT:
            # Inside a run of one character, a word boundary, a line start or end never holds ("\\b" in
            # (?:\\w+\\b\\s*)+ stops the run being split); "\\B" always does.
            if av is c.AT_NON_BOUNDARY or (_ALPHABET[i] == "\n" and fl & re.MULTILINE):
                return empty
            return none
        # ASSERT, ASSERT_NOT, GROUPREF: zero width here (an over-approximation).
        return empty

    for i in _char_classes(tree, repeated_only=True):
        ways(tree, i, flags)
        if found:
            return _ALPHABET[found[0]]
    return None


# ----------------------------------------------------------------------------------- dynamic probes


class _Timeout(Exception):
    pass


def _leading_literal(pattern: str, flags: int) -> str:
    """The literal text a pattern must start with (``Subscribe`` for ``^Subscribe(\\s+\\w+)+$``), if any."""
    try:
        p, c = _parser()
        tree = p.parse(pattern, flags)
    except Exception:
        return ""
    out: list[str] = []
    for op, av in tree:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.AT:
            continue
        else:
            break
    return "".join(out)


def adversarial_strings(pattern: str, flags: int = 0) -> list[str]:
    """Strings that make a backtracking pattern work hardest: long runs of each kind of character the
    pattern uses, and of pairs of them, each ending in a character that makes the match fail."""
    try:
        p, _ = _parser()
        reps = [_ALPHABET[i] for i in _char_classes(p.parse(pattern, flags))]
    except Exception:
        reps = []
    for ch in "a \t0.,-'":
        if ch not in reps:
            reps.append(ch)
    reps = reps[:12]
    enders = ["!", "\n", "\x00"]
    prefixes = dict.fromkeys(["", _leading_literal(pattern, flags)])
    probes: list[str] = []
    for prefix in prefixes:
        for ch in reps:
            for end in enders:
                if end != ch:
                    probes.append(prefix + ch * 30 + end)
            probes.append(prefix + ch * 2000 + "!")
        for a in reps[:6]:
            for b in reps[:6]:
                if a != b:
                    probes.append(prefix + (a + b) * 15 + "!")
                    probes.append(prefix + (a * 3 + b) * 8 + "!")
    return probes


def _probe_one(pattern: str, flags: int, engine: str, time_limit: float, mode: str = "search") -> str | None:
    """Run one pattern on its adversarial strings; the first that takes too long, described, or None.

    ``mode`` is how the stage uses it: ``search`` (every match in a text) or ``match`` (at one place).
    Must run on the main thread (it uses SIGVTALRM)."""
    try:
        compiled = _compile(pattern, flags, engine)
    except Exception:
        return None
    for probe in adversarial_strings(pattern, flags):
        started = time.process_time()
        try:
            if engine == "regex":
                try:
                    if mode == "match":
                        compiled.match(probe, timeout=time_limit)
                    else:
                        for _ in compiled.finditer(probe, timeout=time_limit):
                            pass
                except TimeoutError:
                    raise _Timeout from None
            else:
                signal.setitimer(signal.ITIMER_VIRTUAL, time_limit)
                try:
                    if mode == "match":
                        compiled.match(probe)
                    else:
                        for _ in compiled.finditer(probe):
                            pass
                finally:
                    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        except _Timeout:
            return _describe_slow(probe, time_limit)
        if time.process_time() - started > time_limit:
            return _describe_slow(probe, time_limit)
    return None


def _describe_slow(probe: str, time_limit: float) -> str:
    body = probe.rstrip(probe[-1]) if probe else probe
    shown = repr(probe) if len(probe) <= 48 else f"{body[:20]!r}... ({len(probe):,} characters)"
    return (
        f"catastrophic backtracking: scanning {shown} takes over {time_limit:g} s; "
        "make the repeated parts unambiguous, or use an atomic group (?>...) / a possessive quantifier"
    )


def _raise_timeout(signum: int, frame: Any) -> None:
    raise _Timeout


def _probe_in_process(items: Sequence[tuple[str, int, str, str]], time_limit: float) -> list[str | None]:
    previous = signal.signal(signal.SIGVTALRM, _raise_timeout)
    try:
        return [_probe_one(pattern, flags, engine, time_limit, mode) for pattern, flags, engine, mode in items]
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _probe_in_worker(items: Sequence[tuple[str, int, str, str]], time_limit: float) -> list[str | None]:
    """Off the main thread (or without SIGVTALRM free): probe in a child Python, killed if it overruns."""
    payload = json.dumps({"items": list(items), "time_limit": time_limit})
    budget = 30 + len(items) * (time_limit * 4 + 0.5)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "textmend.rulecheck", "--probe-worker"],
            input=payload,
            capture_output=True,
            text=True,
            timeout=budget,
            check=True,
        )
        return list(json.loads(done.stdout))
    except (subprocess.SubprocessError, OSError, ValueError) as exc:
        return [f"could not be checked for catastrophic backtracking ({type(exc).__name__})"] * len(items)


def _probe_patterns(patterns: Sequence[_Pattern], time_limit: float) -> list[Problem]:
    """Time each pattern on its adversarial strings; a Problem (without the pattern) for each slow one."""
    items = [(p.pattern, p.flags, p.engine, p.mode) for p in patterns]
    if not items:
        return []
    # A signal handler can be set on the main thread only, and SIGVTALRM must not be taken from someone
    # else timing with it: otherwise a child process probes.
    free = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGVTALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_VIRTUAL)[0] == 0
    )
    results = _probe_in_process(items, time_limit) if free else _probe_in_worker(items, time_limit)
    return [Problem(p.path, p.line, message) for p, message in zip(patterns, results, strict=True) if message]


# ---------------------------------------------------------------------------------------------- loading


def load_error(stage: str, exc: BaseException) -> str:
    """What to say when stage ``stage`` cannot load its rules: a missing file named plainly (it was
    ``FileNotFoundError: [Errno 2] No such file or directory: '...'``), other errors as they are."""
    if isinstance(exc, FileNotFoundError) and exc.filename is not None:
        return f"stage {stage}: cannot load its rules: {exc.filename} is missing"
    return f"stage {stage}: cannot load its rules: {type(exc).__name__}: {exc}"


def loading_problems(root: Path) -> list[Problem]:
    """Load every default stage with the rules folder ``root``, as ``clean --rules`` does before a run:
    a copy without a file a stage reads by name (``spin/news.tsv``, ``words/never_split.txt``) passed
    every check above, then stopped the run.  In a child process: the loaders keep what they read."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "textmend.rulecheck", "--load-worker", str(Path(root).resolve())],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        messages = list(json.loads(done.stdout))
    except (subprocess.SubprocessError, OSError, ValueError) as exc:
        messages = [f"the stages could not be loaded with these rules ({type(exc).__name__})"]
    return [Problem(str(root), 0, message) for message in messages]


def _load_in_process(root: str) -> list[str]:
    import os

    from textmend import stages
    from textmend.config import Config
    from textmend.rules import RULES_ENV

    os.environ[RULES_ENV] = root
    config = Config()
    messages = []
    for name in config.stages:
        try:
            stages.prepare(name, config.options[name])
        except Exception as exc:  # any loader failure, as clean reports it
            messages.append(load_error(name, exc))
    return messages


# ---------------------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m textmend.rulecheck [FOLDER]``: print the problems, exit 1 if there are any."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--probe-worker"]:
        job = json.load(sys.stdin)
        items = [tuple(i) for i in job["items"]]
        print(json.dumps(_probe_in_process(items, job["time_limit"])))  # type: ignore[arg-type]
        return 0
    if len(args) == 2 and args[0] == "--load-worker":
        print(json.dumps(_load_in_process(args[1])))
        return 0
    if args:
        root: Path | Traversable = Path(args[0])
    else:
        from textmend.rules import rules_root

        root = rules_root()
    problems = check_rules(root)
    for p in problems:
        print(p)
    print(f"textmend: {len(problems)} problem(s) in {root}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
