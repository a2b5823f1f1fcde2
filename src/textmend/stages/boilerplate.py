"""Stage 'boilerplate': take the page's furniture out of extracted news text, line by line, saying why.

Scraped articles reach the indexer with subscribe blocks, bylines, author bios, related-story teasers,
share buttons, comment threads and agency credits still in the text.  This stage removes whole lines
only -- it never rewrites a sentence; the one exception is a widget label glued to the end of a line of
the article, which a rule captures as its ``widget`` group ("...offline business.Click To Tweet") and
which goes alone -- and every removed line becomes an :class:`~textmend.edits.Edit`
whose ``reason`` is the rule family (``subscribe_block``, ``teaser``, ``byline`` ...) and whose ``rule`` is
the rule id, so nothing is silently lost.

Two kinds of evidence decide, because rules alone will not do:

* **Rules as data** (``rules/boilerplate/<family>.rules``): literal phrases, found with one
  Aho-Corasick automaton (or one dictionary look-up for whole-line phrases), and regular expressions
  anchored at the line start, combined into one alternation.  Each rule says *where* it may fire:
  ``any`` (anywhere), ``edge`` (above the first or below the last article paragraph), ``tail``,
  ``cluster`` (only next to other boilerplate, for one-word lines such as "Twitter") or ``thread``
  (a comment-thread marker).
* **The structure of the document**: where the article's own paragraphs start and end; title-case
  lines with a section kicker between two paragraphs; blocks of call-to-action lines (the blurb between
  "Subscribe to The Week" and "SUBSCRIBE & SAVE" goes with them); a run of timestamp + short paragraph
  (a comment thread, removed to its end); short lines trailing after boilerplate at the end; the
  densest run of prose in a whole page, with menus of short lines outside it.

First, do no harm: the first line (the headline) is never removed by a structural guess; a document
that would lose more than ``max_removed_fraction`` of its article words is returned whole and flagged
in the metadata (``boilerplate_guard``).  The byline's author, a dateline and the bio go to the
metadata, not the body.

>>> out = apply("Putin visits Pyongyang\\nThe visit was short and formal, officials said on Tuesday.\\n"
...             "Leave a Reply\\n", Options())
>>> out.text
'Putin visits Pyongyang\\nThe visit was short and formal, officials said on Tuesday.\\n'
>>> [(e.reason, e.rule) for e in out.edits]
[('comments', 'comments.reply_prompt')]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from textmend import prefilter
from textmend.edits import Edit, StageOutput
from textmend.rules import RuleError, read_rule_lines, rules_path

NAME = "boilerplate"


@dataclass(frozen=True)
class Options:
    """Options for the boilerplate stage (conservative defaults).

    ``disabled`` holds rule ids (``"share.follow_us"``) or whole families (``"share"``,
    ``"page_furniture"``); the structural detectors have ids too (``"teaser.kicker"``,
    ``"comment_thread.thread"``, ``"repeated.line"``, ``"page_furniture.region"`` ...).
    """

    #: If the line rules would remove more than this share of the article's words, keep the document
    #: whole and flag it (comment threads and page menus found as blocks are not counted: they are not
    #: the article).
    max_removed_fraction: float = 0.5
    #: Rule ids or families switched off.
    disabled: frozenset[str] = frozenset()
    #: Find the article's prose in a whole page and drop the menus around it (needs 2+ boilerplate
    #: lines outside the prose before it fires, so clean text is not touched).
    page_furniture: bool = True
    #: Remove comment threads (timestamp + short paragraph runs after the article).
    comment_threads: bool = True


# ------------------------------------------------------------------------------------------------ rules

_WHERE = ("any", "edge", "head", "tail", "cluster", "thread")
_MATCH = ("regex", "line", "prefix", "contains", "define")
_KEYS = {
    "match",
    "pattern",
    "phrase",
    "trigger",
    "where",
    "max_words",
    "min_words",
    "case",
    "block",
    "meta",
    "source",
    "example",
    "keep",
    "note",
}
_BLOCKS = ("", "list", "next", "cta", "end")
# A quantified group that itself ends in a quantifier, e.g. ``(a+)+`` or ``(\w*)*``: catastrophic backtracking.
# (A group that starts with a literal separator, like ``(?:\.[\w-]+)+``, cannot overlap itself: allowed.)
_NESTED_QUANT = re.compile(r"\((?:\?:)?+(?!\\\W|[ ,./:;@-])(?:[^()\\]|\\.)*[+*]\)(?:[+*]|\{\d*,\})")
_EMPTY_GROUP = re.compile(r"\(\)|\(\?:\)|\(\|\|?|\|\)|\|\|")
_ESCAPE = re.compile(r"\\.")
_CHAR_CLASS = re.compile(r"\[\^?\]?[^\]]*\]")
#: Word-count buckets for the combined regexes (a line meets only the rules that allow its length).
_TIERS = (3, 8, 15, 30, 60)
_MACRO = re.compile(r"\{\{([\w.]+)\}\}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate rule, read from ``rules/boilerplate/<family>.rules``."""

    id: str
    family: str
    match: str
    where: str
    pattern: str = ""
    phrases: tuple[str, ...] = ()
    #: Words one of which must be in the line before the (costly) pattern is tried; found by the automaton.
    triggers: tuple[str, ...] = ()
    max_words: int = 30
    min_words: int = 0
    case_sensitive: bool = False
    block: str = ""
    meta: str = ""
    source: str = ""
    examples: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    file: str = ""
    line: int = 0


@dataclass(slots=True)
class Hit:
    """A rule that matched a line, with the named groups it captured (author, date, bio)."""

    rule: Rule
    groups: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rule: Rule, m: re.Match[str]) -> Hit:
        """The hit of ``rule`` whose regex gave ``m``: the named groups that captured something."""
        return cls(rule, {key: v for key, v in m.groupdict().items() if v})


_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u200b": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
    }
)
_LEADING = " \t\u3000-–—•·*▪►▸>|#_=~"
_TRAILING_KEY = " \t\u3000.:!…»›>|*-–—_=~,;"
_NEEDS_TRANSLATE = re.compile(
    "[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t\u200b\ufeff\u00ad\u2018\u2019\u201b\u02bc\u2032\u201c\u201d\u201e]"
)


def normalize(line: str) -> str:
    """The form rules see: one line, spaces and quotes made plain, leading bullets and edge space gone."""
    if _NEEDS_TRANSLATE.search(line):
        line = line.translate(_TRANSLATE)
    return line.lstrip(_LEADING).rstrip()


_REPLACEMENTS = tuple((k, v or "") for k, v in ((chr(c), t) for c, t in _TRANSLATE.items()))


def normalize_lines(text: str, count: int) -> list[str]:
    """:func:`normalize` for the first ``count`` lines of a document at once (replacements run on the
    whole text, which is much faster than per line; no replacement touches a newline)."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return [line.lstrip(_LEADING).rstrip() for line in text.split("\n", count)[:count]]


def phrase_key(text: str) -> str:
    """Key for whole-line phrases: lower case, single spaces, no trailing punctuation or arrows."""
    return _key(normalize(text))


def _key(core: str) -> str:
    return " ".join(core.lower().rstrip(_TRAILING_KEY).split())


def _words(s: str) -> int:
    n = s.count(" ") + 1  # spaces are single by now (typography stage); cheaper than split()
    # Scripts written without spaces: count about one word per two or three characters.
    if n < 8 and len(s) > 20 and not s.isascii():
        cjk = sum(1 for ch in s if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
        if cjk > len(s) // 3:
            n = max(n, len(s) // 3)
    return n


#: How many lines a process matches against every main regex one by one before it builds the line
#: prefilter (:meth:`RuleSet.line_filter`): a few articles' worth, about 0.05 s of matching against the
#: 0.3 s the prefilter takes to build.
UNFILTERED_LINES = 2000


class RuleSet:
    """All boilerplate rules, compiled: a phrase dictionary, an automaton and two combined regexes."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(r for r in rules if r.match != "define")
        self.by_id = {r.id: r for r in self.rules}
        self.families = sorted({r.family for r in self.rules})
        self.line_phrases: dict[str, list[Rule]] = {}
        self.block_headers: set[str] = set()
        import ahocorasick  # lazily: only when the stage first runs

        self.automaton = ahocorasick.Automaton()
        n_auto = 0
        for r in self.rules:
            if r.match == "line":
                for p in r.phrases:
                    self.line_phrases.setdefault(phrase_key(p), []).append(r)
            elif r.match in ("prefix", "contains"):
                for p in r.phrases:
                    n_auto += self._add_to_automaton(p, r)
            if r.match == "regex":
                for p in r.triggers:
                    n_auto += self._add_to_automaton(p, r)
        if n_auto:
            self.automaton.make_automaton()
        self.triggered = {
            r.id: re.compile(r.pattern, 0 if r.case_sensitive else re.IGNORECASE) for r in self.rules if r.triggers
        }
        self.has_automaton = n_auto > 0
        order = {"any": 0, "edge": 1, "head": 1, "tail": 1, "cluster": 2}
        regex_rules = sorted(
            (r for r in self.rules if r.match == "regex" and r.where != "thread" and not r.triggers),
            key=lambda r: order[r.where],
        )
        self.main = _Combined(regex_rules)
        #: Lines this process has matched against every main regex one by one (:meth:`line_filter`).
        self.unfiltered_lines = 0
        self.thread = _Combined([r for r in self.rules if r.match == "regex" and r.where == "thread"])
        self.max_words = max((r.max_words for r in self.rules), default=0)
        self.line_max_words = max((r.max_words for r in self.rules if r.match == "line"), default=0)
        #: Section names (``navigation.section_label``): a kicker made of one marks a teaser headline.
        self.section_labels = {
            phrase_key(p) for r in self.rules if r.id == "navigation.section_label" for p in r.phrases
        }

    @functools.cached_property
    def main_prefilter(self) -> prefilter.LinePrefilter | None:
        """The lines where a main regex may match, found by one automaton pass over a document (None:
        google-re2 is missing, every line is tried).  Built on first use (:meth:`line_filter`): it
        takes about 0.3 s of CPU, a fifth of a one-file run's, and 12 MB."""
        return prefilter.compile_lines([(r.pattern, 0 if r.case_sensitive else re.IGNORECASE) for r in self.main.rules])

    def line_filter(self, lines: int) -> tuple[prefilter.LinePrefilter | None, bool]:
        """For a document of ``lines`` lines: the prefilter, and whether to try every main regex on each
        line one by one instead.  Until this process has matched :data:`UNFILTERED_LINES` lines one by
        one (a few microseconds a line: well under what building the prefilter costs), the prefilter is
        not built, so a run of a few documents never pays for it.  The hits are the same either way: the
        prefilter only leaves out lines and rules that cannot match (``tests/test_prefilter.py``).
        :func:`share` builds it before worker processes are forked."""
        if "main_prefilter" not in self.__dict__ and self.unfiltered_lines + lines <= UNFILTERED_LINES:
            self.unfiltered_lines += lines
            return None, True
        return self.main_prefilter, False

    def _add_to_automaton(self, phrase: str, rule: Rule) -> int:
        """File ``rule`` under the automaton key of ``phrase``; 1 when the key is new, else 0."""
        key = " ".join(phrase.lower().translate(_TRANSLATE).split())
        found = self.automaton.get(key, None)
        if found is not None:
            found[1].append(rule)  # the stored value is (key, rules): a phrase two rules share
            return 0
        self.automaton.add_word(key, (key, [rule]))
        return 1

    def automaton_hits(
        self, cores: Sequence[str], joined: str | None = None
    ) -> dict[int, list[tuple[int, int, Sequence[Rule]]]]:
        """One automaton pass over all lines at once: for each line where phrases are found on word
        boundaries, by line number, (start, end, rules) of each (offsets in the line's lower-case form).
        ``joined``: the lines joined with newlines, if the caller has them."""
        per_line: dict[int, list[tuple[int, int, Sequence[Rule]]]] = {}
        if not self.has_automaton:
            return per_line
        low = ("\n".join(cores) if joined is None else joined).lower()
        size = len(low)
        # The automaton reports phrases in the order they end, and no phrase holds a newline: a phrase's
        # line is found by counting the newlines since the previous phrase's end (offsets come from
        # ``low`` itself: lower-casing can change a line's length, "İ" -> "i̇").  Nothing is done per line.
        k = counted = line_start = 0
        for end, (key, rules) in self.automaton.iter(low):
            start = end - len(key) + 1
            if start > 0 and low[start - 1].isalnum() and key[0].isalnum():
                continue
            if end + 1 < size and low[end + 1].isalnum() and key[-1].isalnum():
                continue
            newlines = low.count("\n", counted, end)
            if newlines:
                k += newlines
                line_start = low.rfind("\n", 0, end) + 1
            counted = end
            found = per_line.get(k)
            if found is None:
                found = per_line[k] = []
            found.append((start - line_start, end - line_start, rules))
        return per_line

    def match(
        self,
        core: str,
        nwords: int | None = None,
        found: Sequence[tuple[int, int, Sequence[Rule]]] | None = None,
        main: bool = True,
        one_by_one: bool = False,
    ) -> list[Hit]:
        """Every candidate rule for one normalized line (see :func:`normalize`): whole-line phrases,
        then automaton phrases, then the first plain regex that fits, then regexes whose trigger word
        the automaton saw.  ``found``: the automaton's hits in the line, when the caller has them;
        ``main=False``: the prefilter saw that no plain regex can match; ``one_by_one``: try every plain
        regex in turn, without the prefilter (:meth:`line_filter`).  Structural conditions
        (``where``) are decided by the stage; this only checks the word limits."""
        if not core:
            return []
        n = _words(core) if nwords is None else nwords
        if n > self.max_words:
            return []
        hits: list[Hit] = []
        if n <= self.line_max_words:
            for r in self.line_phrases.get(_key(core), ()):
                if r.min_words <= n <= r.max_words:
                    hits.append(Hit(r))
        triggered: list[Rule] = []
        if found is None:
            found = self.automaton_hits([core]).get(0, [])
        if found:
            for start, end, rules in found:
                for r in rules:
                    if not r.min_words <= n <= r.max_words:
                        continue
                    if r.match == "regex":
                        if r not in triggered:
                            triggered.append(r)
                    elif r.match == "contains" or start == 0:
                        groups = {r.meta: core[end + 1 :].strip(" :-–—")} if r.meta else {}
                        hits.append(Hit(r, groups))
        if main and one_by_one:
            hit = self.main.match_some(core, n, range(len(self.main.rules)))
            if hit is not None:
                hits.append(hit)
        elif main:  # False: the prefilter found that no main regex can match
            pf = self.main_prefilter
            hit = self.main.match(core, n) if pf is None else self.main.match_some(core, n, pf.patterns(core))
            if hit is not None:
                hits.append(hit)
        for r in triggered:
            m = self.triggered[r.id].match(core)
            if m is not None:
                hits.append(Hit.of(r, m))
        return hits

    def thread_marker(self, core: str, nwords: int | None = None) -> Hit | None:
        """The comment-thread marker rule a normalized line matches, if any (``nwords``: its word count)."""
        if not core or len(core) > 160:
            return None
        return self.thread.match(core, _words(core) if nwords is None else nwords)


# --------------------------------------------------------------- guards for costly alternatives

#: An alternative that may try more literals than this at the line start before it fails gets a guard.
_GUARD_FANOUT = 60
try:  # CPython's own regex parser, read for the guards only: a Python without it gets no guards
    import re._constants as _sre
    import re._parser as _sre_parse

    _REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
    #: The narrow categories a first-character class may hold (``\\w`` and the negated ones pass nearly all).
    _CATEGORY_CLASS = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_SPACE: r"\s"}
except (ImportError, AttributeError):  # pragma: no cover - every CPython from 3.11 has them
    _sre_parse = None


def _fanout(seq: Any) -> int:
    """About how many alternatives a regex (parsed by ``re._parser``) tries at the first character of a
    line that does not match: the branches and optional items it can enter before it must consume."""
    total = 0
    for op, av in seq:
        if op is _sre.AT:
            continue
        if op is _sre.BRANCH:
            return total + sum(_fanout(alt) for alt in av[1])
        if op is _sre.SUBPATTERN:
            inner, optional = av[3], False
        elif op in _REPEATS:
            inner, optional = av[2], av[0] == 0
        elif op is _sre.ATOMIC_GROUP:
            inner, optional = av, False
        else:
            return total + 1
        total += _fanout(inner)
        if not optional and inner.getwidth()[0] > 0:
            return total
    return total


def _is_digit(op: Any, av: Any) -> bool:
    if op is _sre.LITERAL:
        return chr(av).isdecimal()
    if op is _sre.RANGE:
        return all(chr(c).isdecimal() for c in range(av[0], av[1] + 1))
    return op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT


def _min_digits(seq: Any) -> int:
    """The fewest decimal digits (what ``\\d`` matches) a match of the parsed regex holds: 0 unless a
    digit is required."""
    total = 0
    for op, av in seq:
        if op is _sre.LITERAL or op is _sre.CATEGORY:
            total += _is_digit(op, av)
        elif op is _sre.IN:
            total += bool(av) and av[0][0] is not _sre.NEGATE and all(_is_digit(o, a) for o, a in av)
        elif op is _sre.SUBPATTERN:
            total += _min_digits(av[3])
        elif op is _sre.ATOMIC_GROUP:
            total += _min_digits(av)
        elif op in _REPEATS:
            total += av[0] * _min_digits(av[2]) if av[0] else 0
        elif op is _sre.BRANCH:
            total += min(_min_digits(alt) for alt in av[1])
    return total


def _strings(seq: Any) -> set[str] | None:
    """Strings of two or more characters, one of which every match of the parsed regex contains (in
    some case: the guard ignores case; not lowered here, since ``str.lower`` and the regex engine do
    not always agree on case), or None when no such set is found."""
    best: tuple[tuple[int, int], set[str]] | None = None

    def consider(found: set[str] | None) -> None:
        nonlocal best
        if found:
            key = (min(len(x) for x in found), -len(found))  # the longest weakest string, then fewest
            if best is None or key > best[0]:
                best = (key, found)

    run = ""
    for op, av in [*seq, (None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if len(run) >= 2:
            consider({run})
        run = ""
        if op is _sre.SUBPATTERN:
            consider(_strings(av[3]))
        elif op is _sre.ATOMIC_GROUP:
            consider(_strings(av))
        elif op in _REPEATS and av[0] >= 1:
            consider(_strings(av[2]))
        elif op is _sre.BRANCH:
            alts = [_strings(alt) for alt in av[1]]
            if all(alts):
                consider(set().union(*alts))  # type: ignore[arg-type]
    return best[1] if best is not None else None


def _first(seq: Any) -> list[str] | None:
    """Character-class pieces (a literal, ``\\d`` or ``\\s`` each) that include every character a match of
    the parsed regex can start with, or None when that set is wide or not simple to write down (a
    range, ``\\w``, a negated class, any character) or when the regex can match the empty string."""
    pieces: list[str] = []
    for op, av in seq:
        if op is _sre.AT or op is _sre.ASSERT_NOT or op is _sre.ASSERT:
            continue  # zero width: the next item decides
        if op is _sre.LITERAL:
            return [*pieces, re.escape(chr(av))]
        if op is _sre.IN:
            for o, a in av:
                if o is _sre.LITERAL:
                    pieces.append(re.escape(chr(a)))
                elif o is _sre.CATEGORY and a in _CATEGORY_CLASS:
                    pieces.append(_CATEGORY_CLASS[a])
                else:
                    return None
            return pieces
        if op is _sre.CATEGORY and av in _CATEGORY_CLASS:
            return [*pieces, _CATEGORY_CLASS[av]]
        if op is _sre.BRANCH:
            alts = [_first(alt) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            pieces += [p for a in alts for p in a]  # type: ignore[union-attr]
            if all(alt.getwidth()[0] > 0 for alt in av[1]):
                return pieces
            continue
        if op is _sre.SUBPATTERN:
            inner = av[3]
        elif op in _REPEATS:
            inner = av[2]
            if av[0] == 0:
                got = _first(inner)
                if got is None:
                    return None
                pieces += got
                continue
        elif op is _sre.ATOMIC_GROUP:
            inner = av
        else:
            return None
        got = _first(inner)
        if got is None:
            return None
        pieces += got
        if inner.getwidth()[0] > 0:
            return pieces
    return None


def _guard(pattern: str, flags: int) -> str:
    """A cheap lookahead for something every match of ``pattern`` contains, put in front of its
    alternative in the combined regex so that most lines leave it at once; "" when none is found.

    A pattern that can try only a few words at the line start gets the characters a match can start
    with (``(?=(?i:[rs]))`` for ``read more|see also``): about 17 % off the combined regex, since the
    engine enters every alternative but a one-character test fails faster than its words.  One that
    can try many (the dates at the start of ``dateline.date_only`` and ``byline.by_name``) gets the
    digits every match has when there are some (``(?=(?:\\D*+\\d){5})`` for a date and a time in
    ``comment_thread.timestamp``: a line with one count or page number fails at once), else two
    characters in a row, the first and second letters of a set of strings one of which every match
    contains (``by|von|por|par`` -> ``[bpv][aoy]``).  All are necessary conditions, matched ignoring
    case, so a guard never changes what matches.
    """
    if _sre_parse is None:  # pragma: no cover
        return ""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if _fanout(parsed) <= _GUARD_FANOUT:
            first = _first(parsed)
            if first is None:
                return ""
            return f"(?=(?i:[{''.join(dict.fromkeys(first))}]))"
        digits = _min_digits(parsed)
        if digits == 1:
            return r"(?=\D*+\d)"
        if digits > 1:
            return rf"(?=(?:\D*+\d){{{digits}}})"
        found = _strings(parsed)
    except Exception:  # the guard is only a shortcut: without it the rule still works
        return ""
    if not found:
        return ""
    one = "".join(sorted({re.escape(x[0]) for x in found}))
    two = "".join(sorted({re.escape(x[1]) for x in found}))
    return f"(?=(?si:.*?[{one}][{two}]))"


class _Combined:
    """Regex rules as one alternation (``match`` is anchored at the line start).

    Each alternative is a rule's pattern with its named groups made non-capturing, followed by an empty
    marker group ``(?P<r{k}>)``: the marker says which rule matched, and the groups are read by matching
    that rule's own pattern again (only on the rare line that matches).  A capturing group at the start
    of every alternative cost about 30 % of the matching time: the regex engine clears the marks of all
    groups below one it enters, so each of ~40 alternatives paid for the groups before it.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.compiled = [re.compile(r.pattern, 0 if r.case_sensitive else re.IGNORECASE) for r in self.rules]
        # A line of n words meets only the rules that allow n words: one alternation per word-count tier,
        # compiled when first needed.  (Splitting further by a line's first character made ~150 distinct
        # alternations, whose compiling cost a worker seconds; the first-character guard of each
        # alternative, see _guard, gets the same in one alternation.)
        top = max((r.max_words for r in self.rules), default=0)
        self.tiers = [t for t in _TIERS if t < top] + [top]
        self.by_tier: dict[int, re.Pattern[str] | None] = {}

    @functools.cached_property
    def parts(self) -> list[str]:
        """Each rule's alternative: its guard, its pattern with named groups made plain, its marker group.
        Worked out when an alternation is first needed, not at start-up: with the RE2 prefilter the
        main rules are matched one by one (:meth:`match_some`) and never need them."""
        parts = []
        for k, r in enumerate(self.rules):
            body = re.sub(r"\(\?P<\w+>", "(?:", r.pattern)
            body = body[1:] if body.startswith("^") else body
            guard = _guard(r.pattern, 0 if r.case_sensitive else re.IGNORECASE)
            parts.append(f"{guard}(?{'' if r.case_sensitive else 'i'}:{body})(?P<r{k}>)")
        return parts

    def _regex(self, tier: int) -> re.Pattern[str] | None:
        if tier not in self.by_tier:
            floor = self.tiers[tier - 1] + 1 if tier else 0
            chosen = [k for k, r in enumerate(self.rules) if r.max_words >= floor]
            self.by_tier[tier] = re.compile("|".join(self.parts[k] for k in chosen)) if chosen else None
        return self.by_tier[tier]

    def match(self, core: str, n: int) -> Hit | None:
        t = bisect.bisect_left(self.tiers, n)
        if t >= len(self.tiers):
            return None
        regex = self._regex(t)
        if regex is None:
            return None
        m = regex.match(core)
        if m is None:
            return None
        k = int(m.lastgroup[1:])  # type: ignore[index]  # the marker group closes last
        r = self.rules[k]
        if r.min_words <= n <= r.max_words and not self.compiled[k].groups:
            return Hit(r, {})  # the alternation's match is the rule's: nothing to capture
        # The first rule to match may not fit the line's length: then try the later ones one by one.
        return self.match_some(core, n, range(k, len(self.rules)))

    def match_some(self, core: str, n: int, candidates: Iterable[int]) -> Hit | None:
        """:meth:`match` when only the rules numbered ``candidates`` (ascending) can match: the first of
        them that fits the line's length and matches, tried one by one."""
        for j in candidates:
            r = self.rules[j]
            if r.min_words <= n <= r.max_words:
                m = self.compiled[j].match(core)
                if m is not None:
                    return Hit.of(r, m)
        return None


def parse_rule_file(text_lines: Iterable[tuple[int, str]], *, family: str, file: str) -> list[Rule]:
    """Parse one ``.rules`` file: stanzas ``[id]`` followed by ``key: value`` lines."""
    rules: list[Rule] = []
    current: dict[str, Any] | None = None

    def finish() -> None:
        if current is not None:
            rules.append(_make_rule(current, family=family, file=file))

    for number, line in text_lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            finish()
            rid = stripped[1:-1].strip()
            current = {"id": rid, "line": number, "lists": {}}
            continue
        if current is None:
            raise RuleError(f"{file}:{number}: a rule must start with a [family.name] line")
        key, sep, value = stripped.partition(":")
        key = key.strip()
        if not sep or key not in _KEYS:
            raise RuleError(f"{file}:{number}: expected 'key: value' with key one of {', '.join(sorted(_KEYS))}")
        value = value.strip()
        if key in ("phrase", "trigger", "example", "keep"):
            current["lists"].setdefault(key, []).append((number, value))
        elif key in current:
            raise RuleError(f"{file}:{number}: {key!r} given twice in rule {current['id']}")
        else:
            current[key] = (number, value)
    finish()
    if not rules:
        raise RuleError(f"{file}: no rules (an empty family)")
    return rules


def _make_rule(d: dict[str, Any], *, family: str, file: str) -> Rule:
    rid, line = d["id"], d["line"]
    where_at = f"{file}:{line}"
    if not re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", rid) or rid.split(".")[0] != family:
        raise RuleError(f"{where_at}: rule id {rid!r} must be '{family}.name' (lower case, digits, underscores)")
    get = lambda k, default="": d[k][1] if k in d else default  # noqa: E731
    match = get("match")
    if match not in _MATCH:
        raise RuleError(f"{where_at}: rule {rid}: 'match' must be one of {', '.join(_MATCH)}")
    where = get("where", "any")
    if where not in _WHERE:
        raise RuleError(f"{where_at}: rule {rid}: 'where' must be one of {', '.join(_WHERE)}")
    block = get("block")
    if block not in _BLOCKS:
        raise RuleError(f"{where_at}: rule {rid}: 'block' must be one of {', '.join(b for b in _BLOCKS if b)}")
    try:
        max_words = int(get("max_words", "30"))
        min_words = int(get("min_words", "0"))
    except ValueError:
        raise RuleError(f"{where_at}: rule {rid}: max_words and min_words are whole numbers") from None
    lists = d["lists"]
    phrases = tuple(v for _, v in lists.get("phrase", []))
    triggers = tuple(v for _, v in lists.get("trigger", []))
    if triggers and match != "regex":
        raise RuleError(f"{where_at}: rule {rid}: only a regex rule has triggers")
    examples = tuple(v for _, v in lists.get("example", []))
    keeps = tuple(v for _, v in lists.get("keep", []))
    if not get("source"):
        raise RuleError(f"{where_at}: rule {rid} has no 'source' (say where the rule comes from)")
    if not examples:
        raise RuleError(f"{where_at}: rule {rid} has no 'example' line")
    pattern = get("pattern")
    if match in ("regex", "define"):
        if not pattern or phrases:
            raise RuleError(f"{where_at}: rule {rid}: a {match} rule has one 'pattern' and no 'phrase'")
    else:
        if pattern or not phrases:
            raise RuleError(f"{where_at}: rule {rid}: a {match} rule lists phrases ('phrase:') and no pattern")
        seen: set[str] = set()
        for number, p in lists["phrase"]:
            k = phrase_key(p) if match == "line" else p.lower()
            if not k:
                raise RuleError(f"{file}:{number}: rule {rid}: empty phrase")
            if k in seen:
                raise RuleError(f"{file}:{number}: rule {rid}: phrase {p!r} listed twice")
            seen.add(k)
    return Rule(
        id=rid,
        family=family,
        match=match,
        where=where,
        pattern=pattern,
        phrases=phrases,
        triggers=triggers,
        max_words=max_words,
        min_words=min_words,
        case_sensitive=get("case", "insensitive") == "sensitive",
        block=block,
        meta=get("meta"),
        source=get("source"),
        examples=examples,
        keeps=keeps,
        file=file,
        line=line,
    )


def _expand(rules: list[Rule]) -> list[Rule]:
    """Replace ``{{name}}`` in patterns by the ``define`` rule ``family.name``'s pattern; compile all."""
    defines = {r.id: r for r in rules if r.match == "define"}
    expanded: dict[str, str] = {}

    def expand(r: Rule, depth: int = 0) -> str:
        if depth > 8:
            raise RuleError(f"{r.file}:{r.line}: rule {r.id}: macros nest too deep (a cycle?)")

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in defines:
                raise RuleError(f"{r.file}:{r.line}: rule {r.id}: unknown macro {{{{{name}}}}}")
            if name not in expanded:
                expanded[name] = expand(defines[name], depth + 1)
            return f"(?:{expanded[name]})"

        return _MACRO.sub(sub, r.pattern)

    out: list[Rule] = []
    for r in rules:
        if r.match not in ("regex", "define"):
            out.append(r)
            continue
        pattern = expand(r)
        where_at = f"{r.file}:{r.line}"
        if r.match == "regex" and not pattern.startswith("^"):
            raise RuleError(f"{where_at}: rule {r.id}: patterns are anchored per line; start it with '^'")
        if _EMPTY_GROUP.search(_CHAR_CLASS.sub("x", _ESCAPE.sub("x", pattern))):
            raise RuleError(f"{where_at}: rule {r.id}: empty group or empty alternative in the pattern")
        if _NESTED_QUANT.search(pattern):
            raise RuleError(f"{where_at}: rule {r.id}: nested quantifier (catastrophic backtracking risk)")
        if "(?P=" in pattern:
            raise RuleError(f"{where_at}: rule {r.id}: back-references are not allowed")
        try:
            # With the flags the rule set compiles it with: ``re`` caches the compiled pattern, so that
            # compile is a look-up (compiling the rules twice was a fifth of the start-up).
            re.compile(pattern, 0 if r.case_sensitive else re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"{where_at}: rule {r.id}: pattern does not compile: {exc}") from None
        out.append(Rule(**{**{s: getattr(r, s) for s in Rule.__slots__}, "pattern": pattern}))
    return out


def rule_file_family(name: str) -> str:
    """The family of a rule file: its name up to the first dot.  A family's rules may be spread over
    files by topic (``syndication.rules``, ``syndication.press_release.rules``)."""
    return name[: -len(".rules")].split(".", 1)[0]


def _read_rules(folder: Any = None) -> list[Rule]:
    """The rules of every ``*.rules`` file of ``rules/boilerplate`` (or of ``folder``), parsed, not
    compiled."""
    folder = folder if folder is not None else rules_path("boilerplate")
    rules: list[Rule] = []
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".rules")), key=lambda p: p.name)
    if not files:
        raise RuleError(f"{folder}: no .rules files")
    for path in files:
        family = rule_file_family(path.name)
        rules.extend(parse_rule_file(read_rule_lines(path), family=family, file=f"boilerplate/{path.name}"))
    return rules


def load_rules(folder: Any = None) -> RuleSet:
    """Read and validate every ``*.rules`` file of ``rules/boilerplate`` (or of ``folder``)."""
    rules = _read_rules(folder)
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise RuleError(
                f"{r.file}:{r.line}: duplicate rule id {r.id} (first at {seen[r.id].file}:{seen[r.id].line})"
            )
        seen[r.id] = r
    return RuleSet(_expand(rules))


@functools.cache
def ruleset() -> RuleSet:
    """The packaged rules, loaded once per process on first use."""
    return load_rules()


# -------------------------------------------------------------------------------------------- structure

_END_PUNCT = ".!?…。！？｡؟।"  # with the full stops of Chinese and Japanese, Arabic and Devanagari
_CLOSERS = "\"'”’)]»」』）"
_KICKER = re.compile(r"^(?P<label>[A-Z][\w'’&.\-]+(?: [A-Z0-9&][\w'’&.\-]*){0,3})\s?[:|]\s+(?P<head>\S.*)$")
_BULLETS = "-•·*▪►▸–—"
# Every comment-thread marker has a digit or one of these words (a cheap test before the patterns).  Each
# alternative starts with one literal character ("[sS]a(?:ys|id)" is two alternatives): the regex engine
# then skips the characters none starts with in one C loop, and tries the alternatives only at the others
# (0.4 of the instructions of "[0-9]|[sS]a(?:ys|id)|..." on news, for the same lines found).
_MARKER_HINT = re.compile(
    "|".join(
        [
            *"0123456789",
            *(f"{c}a(?:ys|id)" for c in "sS"),
            *(f"{c}r(?:ote|ites)" for c in "wW"),
            *(f"{c}(?:ep|esp|isp)" for c in "rR"),
            *(f"{c}(?:ntw|go\\b)" for c in "aA"),
            "di(?:ce|sse)",
            "schreibt",
            "écrit",
            *(f"{c}or " for c in "vV"),
            *(f"{c}ace " for c in "hH"),
            *(f"{c}á " for c in "hH"),
            "il y a ",
        ]
    )
)
_QUESTION_WORD = re.compile(r"(?:WHAT|HOW|WHY|WHERE|WHEN|WHO|WHICH)\b")
_SMALL_WORDS = frozenset(
    "a an the and or of to in on for at by with from as vs vs. is but nor into over after up its it's".split()
)
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    "the and for with from that this are was its his her has have about after into over new who what when "
    "will than they their them been were not but can our out all one two how".split()
)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in _END_PUNCT


def _title_ratio(s: str) -> tuple[float, int]:
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    if not words:
        return 0.0, 0
    capital = sum(1 for w in words if w[0].isupper())
    candidates = sum(1 for w in words if w[0].isupper() or w.lower() not in _SMALL_WORDS)
    return capital / max(1, candidates), len(words)


_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _is_caps(s: str) -> bool:
    """Twelve or more letters, nine in ten of them upper case."""
    if len(s) < 12:
        return False
    # Exact quick answer for most lines: an ASCII lower-case letter is a letter that is not upper case, so
    # with more of them than a tenth of the characters (a bound on the letters), fewer than nine in ten
    # letters are upper case.  Counting bytes is ~6x cheaper than looking at each character in Python.
    b = s.encode("utf-8", "surrogatepass")
    if 10 * (len(b) - len(b.translate(None, _ASCII_LOWER))) > len(s):
        return False
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 12 and sum(1 for c in letters if c.isupper()) >= 0.9 * len(letters)


def _content_words(s: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(s.lower()) if w not in _STOP}


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # after the line ending
    text: str  # without the line ending
    core: str
    words: int
    blank: bool
    ends: bool  # ends a sentence
    prose: bool
    hits: list[Hit]


@dataclass(slots=True)
class _Removal:
    family: str
    rule: str
    block: bool = False  # found as a block (comment thread, page menu): not counted by the guard
    groups: dict[str, str] = field(default_factory=dict)


def _split(text: str) -> tuple[list[int], list[int], list[str]]:
    """Where each line starts and ends (after its newline), and its content (no \\n or \\r\\n), in three
    lists, found with C-level calls only (a page has tens of thousands of lines)."""
    parts = text.split("\n")
    # The last part has no newline after it: a last line that ends at the end of the text, or nothing
    # (the text ends with a newline, or is empty).
    last = parts.pop()
    ends = list(map(operator.add, itertools.accumulate(map(len, parts)), itertools.count(1)))
    starts = [0, *ends[:-1]] if ends else []
    if last:
        starts.append(ends[-1] if ends else 0)
        ends.append(len(text))
        parts.append(last)
    if "\r" in text:
        parts = [part[:-1] if part.endswith("\r") else part for part in parts]
    return starts, ends, parts


class _Doc:
    def __init__(self, text: str, rs: RuleSet, options: Options) -> None:
        self.text = text
        self.rs = rs
        self.options = options
        self.lines: list[_Line] = []
        self.protected: set[int] = set()
        starts, line_ends, contents = _split(text)
        cores = normalize_lines(text, len(starts))
        joined = "\n".join(cores)
        auto = rs.automaton_hits(cores, joined)
        line_filter, one_by_one = rs.line_filter(len(cores))
        candidates = line_filter.lines(joined) if line_filter is not None else None
        disabled = bool(options.disabled)
        match = rs.match
        lines = self.lines
        nonblank: list[int] = []
        with_hits: list[int] = []
        # A page repeats lines (menus at the top and the bottom, "Share", "Reply"): a line's word count,
        # sentence end and hits depend on its text alone, so a repeat reuses them (a fifth of a whole
        # page's lines are repeats).
        seen: dict[str, tuple[int, bool, bool, list[Hit]]] = {}
        for k, (start, end, content, core) in enumerate(zip(starts, line_ends, contents, cores, strict=True)):
            if not core:
                lines.append(_Line(start, end, content, core, 0, True, False, False, []))
                continue
            nonblank.append(k)
            known = seen.get(core)
            if known is None:
                words = _words(core)
                ends = _ends_sentence(core)
                prose = words >= 15 or (words >= 6 and ends)
                main = candidates is None or k in candidates
                known = seen[core] = (words, ends, prose, match(core, words, auto.get(k, ()), main, one_by_one))
            words, ends, prose, cached = known
            hits = list(cached)
            if hits and disabled:
                kept = [h for h in hits if not self.off(h.rule.id)]
                if len(kept) < len(hits):
                    self.protected.add(len(lines))  # a switched-off rule's line: no structure rule takes it
                hits = kept
            if hits:
                with_hits.append(k)
            lines.append(_Line(start, end, content, core, words, False, ends, prose, hits))
        self.removed: dict[int, _Removal] = {}
        #: Lines that stay but lose a widget label glued to their end ("...offline business.Click To
        #: Tweet"): line -> the hit whose ``widget`` group is the label.
        self.trimmed: dict[int, Hit] = {}
        self.nonblank = nonblank
        #: The lines with rule hits (most lines of a page have none).
        self.with_hits = with_hits
        self.first = nonblank[0] if nonblank else -1
        self._live_stamps: frozenset[int] | None = None

    def live_stamps(self) -> frozenset[int]:
        """A live blog's entry stamps: the bare clock times over a line that is not one ("15:48" over its
        paragraph), when there are three or more of them (else none).  Found once, when first asked."""
        if self._live_stamps is None:
            lines = self.lines
            stamps = [
                a
                for a, b in itertools.pairwise(self.nonblank)
                if len(lines[a].core) <= 16 and _BARE_TIME.match(lines[a].core) and not _BARE_TIME.match(lines[b].core)
            ]
            self._live_stamps = frozenset(stamps) if len(stamps) >= 3 else frozenset()
        return self._live_stamps

    def off(self, rule_id: str) -> bool:
        d = self.options.disabled
        return bool(d) and (rule_id in d or rule_id.split(".", 1)[0] in d)

    def remove(
        self, i: int, family: str, rule: str, *, block: bool = False, groups: dict[str, str] | None = None
    ) -> None:
        if i in self.removed or self.lines[i].blank or (self.options.disabled and self.off(rule)):
            return
        if i in self.protected and not any(h.rule.id == rule for h in self.lines[i].hits):
            return
        self.removed[i] = _Removal(family, rule, block, groups or {})

    def trim(self, i: int, hit: Hit) -> None:
        """Keep line ``i`` but not the widget label its rule captured at its end: from here on the line
        is what is left of it, content like any other (no hits, its own length and sentence end)."""
        if i in self.removed or i in self.trimmed or (self.options.disabled and self.off(hit.rule.id)):
            return
        ln = self.lines[i]
        core = ln.core[: len(ln.core) - len(hit.groups["widget"])].rstrip()
        if not core:
            self.remove(i, hit.rule.family, hit.rule.id)
            return
        self.trimmed[i] = hit
        ln.core, ln.hits, ln.words, ln.ends = core, [], _words(core), _ends_sentence(core)
        ln.prose = ln.words >= 15 or (ln.words >= 6 and ln.ends)

    def nonblank_in(self, lo: int, hi: int) -> list[int]:
        """The non-blank lines ``lo <= i < hi``, in order (a slice of ``nonblank``: a page's blank lines
        are a third of its lines)."""
        nonblank = self.nonblank
        return nonblank[bisect.bisect_left(nonblank, lo) : bisect.bisect_left(nonblank, hi)]

    def neighbours(self, i: int) -> tuple[int | None, int | None]:
        """The nearest non-blank lines before and after line ``i``."""
        p = i - 1
        while p >= 0 and self.lines[p].blank:
            p -= 1
        q = i + 1
        while q < len(self.lines) and self.lines[q].blank:
            q += 1
        return (p if p >= 0 else None), (q if q < len(self.lines) else None)


#: A comment is at most this many non-blank lines: markers further apart are two runs, and a thread
#: ends this far below its last marker at the latest.
COMMENT_LINES = 25


def _comment_thread(doc: _Doc) -> None:
    """A run of comment markers (timestamps, 'X says:', 'Reply') after the article: remove it, from its
    first marker to its last comment (at most :data:`COMMENT_LINES` non-blank lines after its last marker).

    The run must start after at least two article paragraphs (lines that end a sentence and that no rule
    took: a long menu line or a title above the article's own timestamp is not one), hold two or more
    markers, and its markers must follow each other closely (a comment is a few paragraphs).
    """
    if doc.off("comment_thread.thread"):
        return  # without the thread rule no marker can start a removal
    lines = doc.lines
    found: dict[str, Hit | None] = {}  # a repeated line ('Reply', a menu) reuses its first copy's answer

    def marker(i: int) -> Hit | None:
        ln = lines[i]
        if ln.words > 20:
            return None
        core = ln.core
        if core in found:
            hit = found[core]
        else:  # (a line's word count is its core's)
            hit = found[core] = doc.rs.thread_marker(core, ln.words) if _MARKER_HINT.search(core) else None
        return hit if hit is not None and not doc.off(hit.rule.id) else None

    # A run needs two article paragraphs (prose lines that are not markers) above its first marker, and
    # runs only extend downwards, so no marker above the second such paragraph can take part in one:
    # markers are looked for below it only (on a page, below the menus, whose dates and numbers make
    # the costly timestamp pattern run).
    nonblank = doc.nonblank
    start, prose = -1, 0
    for k, i in enumerate(nonblank):
        ln = lines[i]
        # a paragraph ends a sentence and no rule took it (a long menu line or a title is not one)
        if ln.prose and ln.ends and not ln.hits and marker(i) is None:
            prose += 1
            if prose == 2:
                start = k + 1
                break
    if start < 0:
        return
    markers = [(i, hit) for i in itertools.islice(nonblank, start, None) if (hit := marker(i)) is not None]
    if not markers:
        return

    def nonblank_upto(x: int) -> int:
        """How many non-blank lines come before line ``x``."""
        return bisect.bisect_left(nonblank, x)

    # The first marker that opens a close run of markers.  Runs are tried one after the other (a run
    # that fails fails from any of its markers too): linear in the markers.
    # A thread's header ("12 Comments", "Sort by Best") between two markers ends a run: what is above it
    # is not the thread's (a live page's "35m ago" entries over a comment widget's "Like · Reply · 2h").
    headers = [i for i in doc.with_hits if any(h.rule.id in _RUN_BREAKS for h in lines[i].hits)]

    def header_between(u: int, v: int) -> bool:
        h = bisect.bisect_right(headers, u)
        return h < len(headers) and headers[h] < v

    k = 0
    while k < len(markers):
        end = k + 1
        while (
            end < len(markers)
            and nonblank_upto(markers[end][0]) - nonblank_upto(markers[end - 1][0] + 1) <= COMMENT_LINES
            and not header_between(markers[end - 1][0], markers[end][0])
        ):
            end += 1
        run = markers[k:end]
        k = end
        if sum(1 for _, h in run if h.rule.id != "comment_thread.reply") < 2:
            _single_comment(doc, run, nonblank[start - 1])  # a thread of one comment; a longer one may follow
            continue
        # comments have text: between two of the markers there must be a line that is not a marker
        if not any(nonblank_upto(v) - nonblank_upto(u + 1) > 0 for (u, _), (v, _) in itertools.pairwise(run)):
            continue
        if _live_blog(doc, run):
            continue
        marker_hits = dict(run)
        first = _commenter_above(doc, run)
        header = _comment_header(doc, run[0][0], nonblank[start - 1])
        # the first comment's name, avatar and sort buttons under the thread's header, or its name and
        # text over its marker (Facebook); a line there that a rule knows goes by that rule
        top = header + 1 if header >= 0 else _comment_top(doc, run[0][0], nonblank[start - 1])
        for x in range(top, first):
            own = next(iter(lines[x].hits), None)
            if own is not None:
                doc.remove(x, own.rule.family, own.rule.id, block=True)
        first = min(first, top)
        # The thread ends with its last comment: at most COMMENT_LINES non-blank lines after its last
        # marker (on a page, a 'latest news' box with '1 hour ago' stamps can stand above the article).
        last = nonblank_upto(run[-1][0]) + COMMENT_LINES
        stop = nonblank[last] if last < len(nonblank) else len(doc.lines)
        for x in range(first, stop):
            mh = marker_hits.get(x)
            doc.remove(x, "comment_thread", mh.rule.id if mh is not None else "comment_thread.thread", block=True)
        return


#: A comment thread's header: its count ("12 Comments", "Comments (4)"), its title ("3 thoughts on
#: “Title”") or a prompt that opens the comment section ("Join the conversation", "Sort by Best").
_THREAD_HEADERS = frozenset({"comments.count", "comments.thread_title", "comments.reply_prompt"})
#: The headers that begin a comment thread, whatever is above: its count and its title ("12 Comments",
#: "3 thoughts on “Title”").  A marker run is cut at one (a prompt such as "Leave a Reply" may stand
#: between the comments and the form under them).
_RUN_BREAKS = frozenset({"comments.count", "comments.thread_title"})
#: How far above a comment's marker its thread's header may stand (non-blank lines: sort buttons, the
#: first commenter's avatar and name, and in Facebook's layout the comment's text), and how many of
#: those lines may be prose (the first comment's text, under its name).
HEADER_REACH = 8
HEADER_PROSE = 2
#: How far below its marker one comment may run (non-blank lines: its text, then its actions).
UNIT_LINES = 12
#: The families of a comment's action lines ("Reply", "Like · Reply · 2h", "Share ›", "Upvote 14").
_ACTION_FAMILIES = frozenset({"comments", "comment_thread", "share"})


def _comment_header(doc: _Doc, i: int, floor: int) -> int:
    """The comment thread's header above the marker at line ``i`` (below line ``floor``, the article's
    second paragraph): a line a :data:`_THREAD_HEADERS` rule matches, at most :data:`HEADER_REACH`
    non-blank lines up with at most :data:`HEADER_PROSE` prose lines between; else -1."""
    nonblank, lines = doc.nonblank, doc.lines
    k = bisect.bisect_left(nonblank, i)
    prose = 0
    for x in reversed(nonblank[max(0, k - HEADER_REACH) : k]):
        if x <= floor:
            return -1
        ln = lines[x]
        if any(h.rule.id in _THREAD_HEADERS for h in ln.hits):
            return x
        if ln.prose:
            prose += 1
            if prose > HEADER_PROSE:
                return -1
    return -1


def _action_line(doc: _Doc, x: int) -> bool:
    """A comment's action or count line: a comments, comment-thread or share rule's line, or a bare
    vote count ("14")."""
    ln = doc.lines[x]
    if any(h.rule.family in _ACTION_FAMILIES for h in ln.hits):
        return True
    core = ln.core
    return (len(core) <= 5 and core.isdigit()) or doc.rs.thread_marker(core, ln.words) is not None


def _comment_top(doc: _Doc, i: int, floor: int) -> int:
    """Where the first comment starts when its marker is under its text (Facebook: "Gary Wendt" / text /
    "Like" / "Reply" / "2h"): up from the marker at line ``i`` over action lines, at most
    :data:`HEADER_PROSE` lines of text and the commenter's name; the name line must be there (and below
    line ``floor``), else the marker itself."""
    nonblank = doc.nonblank
    k = bisect.bisect_left(nonblank, i)
    top = i
    text = 0
    for n, x in enumerate(reversed(nonblank[max(0, k - HEADER_REACH) : k])):
        if x <= floor:
            return i
        if not text and _action_line(doc, x):
            top = x
            continue
        if top == i:
            return i  # no action line right over the marker: its comment is below it
        if text and _name_above(doc, nonblank[k - n]) == x:
            return x
        text += 1
        if text > HEADER_PROSE:
            return i
    return i


def _single_comment(doc: _Doc, run: list[tuple[int, Hit]], floor: int) -> None:
    """A thread of one comment: one marker (a timestamp, "X says:", "Like · Reply · 2h") under a comment
    thread's header (:func:`_comment_header`).  The comment goes from the line under the header to its
    last action line ("Reply", "Upvote 14", "Share") within :data:`UNIT_LINES` non-blank lines of the
    marker, or the end of the document when it is that near and holds no action line; the marker when
    it is the comment's last line (Facebook's "Like · Reply · 2h").  Else nothing: a lone timestamp is
    not enough."""
    own = [(i, hit) for i, hit in run if hit.rule.id != "comment_thread.reply"]
    if len(own) != 1 or doc.off("comment_thread.single"):
        return
    i, hit = own[0]
    header = _comment_header(doc, i, floor)
    if header < 0:
        return
    nonblank, lines = doc.nonblank, doc.lines
    k = bisect.bisect_right(nonblank, i)
    after = nonblank[k : k + UNIT_LINES]
    end = i if hit.rule.id == "comment_thread.actions_age" else -1
    acted = False
    for x in after:
        if _action_line(doc, x):
            end, acted = x, True
        elif acted or hit.rule.id == "comment_thread.actions_age":
            break  # the next comment's or the page's text
    if end < 0:
        if k + UNIT_LINES < len(nonblank):
            return  # text runs on below: not sure it is the comment's
        end = len(lines) - 1
    marker_hits = {x: h for x, h in run}
    for x in range(header + 1, end + 1):
        mh = marker_hits.get(x)
        doc.remove(x, "comment_thread", mh.rule.id if mh is not None else "comment_thread.single", block=True)


# A commenter's name on its own line: one to four capitalised words, initials or a handle ("Mark T.").
_COMMENTER = re.compile(r"^(?:@?[A-Z][\w'’.-]*|@\w+)(?: (?:@?[A-Z][\w'’.-]*|@\w+)){0,3}$")


def _name_above(doc: _Doc, i: int) -> int:
    """The line above line ``i`` when it reads as a commenter's name (one to four capitalised words,
    initials or a handle, no rule hit), else -1."""
    above, _ = doc.neighbours(i)
    if above is None:
        return -1
    core = doc.lines[above].core
    return above if len(core) <= 40 and not doc.lines[above].hits and _COMMENTER.match(core) else -1


#: A bare relative time of less than a day, nothing before or after it: a live page's entry time.
_SAME_DAY_AGO = re.compile(
    r"^(?:(?:\d+\s*(?:s|m|mins?|h|hrs?)\.?|(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?))\s+ago"
    r"|\d{1,2}\s?(?:h|hr)"
    r"|(?:vor|hace|há)\s+(?:\d+|einer|einem|una?|uma?)\s+(?:sekunden?|minuten?|stunden?|segundos?|minutos?|horas?)"
    r"|il y a\s+(?:\d+|une?)\s+(?:secondes?|minutes?|heures?))$",
    re.IGNORECASE,
)


#: The relative comment times: "3 hours ago", and the short form alone ("3h").
_AGO_RULES = frozenset({"comment_thread.ago", "comment_thread.age"})


def _live_blog(doc: _Doc, run: list[tuple[int, Hit]]) -> bool:
    """A live blog's entries, not comments: every marker of the run is a bare date and time (nothing
    before the date: no name, no "says"), all of one day, no commenter's name above any of them, and
    under each one an article paragraph (a prose line that ends a sentence and that no rule took).
    Comments span days or carry names; seed 004's bare stamps are a week apart.  Or every marker is a
    bare relative time of less than a day ("35 minutes ago", "2h ago", "vor 2 Stunden"), as live pages
    print their entries' times; comments under a name, with "Reply", or days apart stay a thread."""
    if not all(hit.rule.id in _AGO_RULES and _SAME_DAY_AGO.match(doc.lines[i].core) for i, hit in run):
        days = set()
        for i, hit in run:
            day = hit.groups.get("day")
            if hit.rule.id != "comment_thread.timestamp" or not day or not doc.lines[i].core.startswith(day):
                return False
            days.add(re.sub(r"[\s,.]+", " ", day.lower()))
        if len(days) != 1:
            return False
    if any(_name_above(doc, i) >= 0 for i, _ in run):
        return False
    lines, nonblank = doc.lines, doc.nonblank
    stops = [i for i, _ in run[1:]] + [len(lines)]
    for (i, _), stop in zip(run, stops, strict=True):
        k = bisect.bisect_right(nonblank, i)
        entry = nonblank[k : min(bisect.bisect_left(nonblank, stop), k + COMMENT_LINES)]
        if not any(lines[x].prose and lines[x].ends and not lines[x].hits for x in entry):
            return False
    return True


def _commenter_above(doc: _Doc, run: list[tuple[int, Hit]]) -> int:
    """Where a comment thread starts: its first marker, or the line above it when that is the commenter's
    name and the thread is written so (a bare timestamp under a name line, in two comments at least)."""
    first = run[0][1].rule.id
    if first not in ("comment_thread.timestamp", "comment_thread.ago", "comment_thread.age", "comment_thread.day_time"):
        return run[0][0]
    named = [i for i, hit in run if hit.rule.id == first and _name_above(doc, i) >= 0]
    if len(named) >= 2 and named[0] == run[0][0]:
        return _name_above(doc, run[0][0])
    return run[0][0]


def _kicker_teaser(doc: _Doc, i: int, section_labels: set[str], headline_label: str | None) -> bool:
    """'World News: Russia, France, Play Diplomatic Musical Chairs' between two paragraphs: a teaser."""
    ln = doc.lines[i]
    if ln.ends or not 4 <= ln.words <= 25:
        return False
    m = _KICKER.match(ln.core)
    if not m:
        return False
    ratio, nwords = _title_ratio(m.group("head"))
    if ratio < 0.7 or nwords < 3:
        return False
    label = m.group("label").lower()
    if len(label) < 3:
        return False
    if label in section_labels or (headline_label is not None and label == headline_label):
        return True
    # A headline that shares no content word with the paragraphs around it links to another story.
    if nwords < 5:
        return False
    p, q = doc.neighbours(i)
    if p is None or q is None or not (doc.lines[p].prose and doc.lines[q].prose):
        return False
    head = _content_words(m.group("head"))
    return bool(head) and not head & _content_words(doc.lines[p].core) and not head & _content_words(doc.lines[q].core)


def _caps_teaser(doc: _Doc, i: int) -> bool:
    """An ALL-CAPS headline of seven or more words after a paragraph (Fox News style related link).

    Shorter capitals and how-to questions ("HOW TO USE A WATER BATH CANNER") are sub-headings."""
    ln = doc.lines[i]
    if ln.ends or ln.words < 7 or ln.words > 25 or not _is_caps(ln.core) or _QUESTION_WORD.match(ln.core):
        return False
    p, q = doc.neighbours(i)
    return p is not None and doc.lines[p].prose and (q is None or doc.lines[q].prose or q in doc.removed)


#: A live blog's entry stamp: a clock time alone on a line, 12 or 24 hours, with a zone or "Uhr" ("15:48",
#: "11:48 p.m. ET", "17.05 Uhr", "18h40"); no date. A list of headlines holds none (:meth:`_Doc.live_stamps`).
_BARE_TIME = re.compile(
    r"^(?:\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*,?\s*(?:uhr|et|est|edt|ct|cst|cdt|mt|pt|pst|pdt|gmt|utc|bst|cet|cest|ist|aest|aedt|jst|kst|sgt|uk))?$",
    re.IGNORECASE,
)


def _headline_like(ln: _Line) -> bool:
    return 1 <= ln.words <= 20 and not (ln.core.rstrip(_CLOSERS + " ")[-1:] in ".;" and ln.words >= 8)


#: Rules whose label ("Explainer:", "WATCH:", "LIVE:") opens a headline as often as a link: never the first line
#: when an article follows (session 11).
_HEADLINE_LABELS = frozenset({"teaser.label_colon", "teaser.live_link", "teaser.score_label"})
#: Rules for a widget above an article ("FT", "Full-time report"): with no article found, none of them fire (a
#: page of results is the page's text; session 12).
_ABOVE_AN_ARTICLE = frozenset({"teaser.score_label"})


def _resolve_rules(doc: _Doc, lo: int, hi: int) -> None:
    """Apply each line's rule hits, given the article's first and last paragraph (lo, hi)."""
    lines = doc.lines
    cluster: list[int] = []
    for i in doc.with_hits:
        if i in doc.removed:
            continue
        ln = lines[i]
        zone_head = lo < 0 or i < lo
        zone_tail = lo < 0 or i > hi
        for hit in ln.hits:
            w = hit.rule.where
            if w == "thread":
                continue
            if (
                w == "any"
                or (w == "edge" and (zone_head or zone_tail))
                or (w == "head" and zone_head)
                or (w == "tail" and zone_tail)
            ):
                if hit.rule.id == "bio.is_a_writer" and _names_the_subject(doc, ln.core, lo, hi):
                    continue
                if hit.rule.id == "bio.byline_author" and not _is_the_author(doc, ln.core, i):
                    continue
                if hit.rule.id in _ABOVE_AN_ARTICLE and lo < 0:
                    continue
                if hit.rule.id == "metadata.price" and _in_spec_box(doc, i):
                    continue  # "Price: £1,499" as a row of a review's spec box, under "Weight: 19.8kg" (session 13)
                if hit.rule.id in _HEADLINE_LABELS and i == doc.first and lo >= 0:
                    continue  # the headline's own label: "Explainer: Who ...", "LIVE: Storm ..." (session 11)
                if w == "edge" and hit.rule.family == "dateline" and zone_head and i in doc.live_stamps():
                    continue  # a live blog's first entry stamp above its first paragraph
                if "widget" in hit.groups:
                    doc.trim(i, hit)
                else:
                    doc.remove(i, hit.rule.family, hit.rule.id, groups=hit.groups)
                break
            if w == "cluster":
                cluster.append(i)
                break
    _chart_sources(doc)
    # one-word lines ('Twitter', 'Email', 'Home') go only next to other boilerplate or outside the article
    flagged = set(doc.removed) | set(cluster)
    changed = True
    while changed:
        changed = False
        for i in cluster:
            if i in doc.removed:
                continue
            p, q = doc.neighbours(i)
            if q is not None and lines[q].core[:1].islower():
                continue  # 'Photos' / 'which were released online ...': a sentence broken over two lines
            if (
                q is not None
                and q not in flagged
                and _is_bullet(lines[q])
                and lines[q].words >= 3
                and lines[i].words >= 2
                and lines[i].core[:1].isalpha()
            ):
                continue  # 'Key points' over the article's bulleted list: its heading, not a widget ('1x' is)
            if _cluster_rule_id(lines[i]) in _NOT_OVER_PROSE and q is not None and q not in flagged and lines[q].prose:
                continue  # 'Listen' over the paragraph it heads: a sub-heading, not the player's button
            outside = lo < 0 or i < lo or i > hi
            if outside or (p is not None and p in flagged) or (q is not None and q in flagged):
                hit = next(h for h in lines[i].hits if h.rule.where == "cluster")
                doc.remove(i, hit.rule.family, hit.rule.id, groups=hit.groups)
                changed = True


def _in_spec_box(doc: _Doc, i: int) -> bool:
    """Line ``i`` sits next to a row of a table or a spec box ("Weight: 19.8kg", "Motor: 250W rear hub") that
    no rule names: it is one of the box's rows (session 13, tests/data/e2e6 dev 05: a review's "Price: £1,499"
    under its specifications was taken as the review's price line)."""
    for j in doc.neighbours(i):
        if j is not None and j not in doc.removed and not doc.lines[j].hits:
            ln = doc.lines[j]
            if _row(ln) or (ln.words <= 8 and _SPEC_ROW.match(ln.core) is not None):
                return True
    return False


#: A spec box's row of a label and a value that starts with a number or a capital ("Motor: 250W rear hub").
_SPEC_ROW = re.compile(r"^[A-Z][a-z]+(?: [a-z()]+){0,3}: (?:[\d£$€]|[A-Z])\S*(?: \S+){0,6}$")


#: A chart's source or note line: "Source: ONS", "Data: Bureau of Labor Statistics", "Note: seasonally adjusted".
_CHART_SOURCE = re.compile(r"^(?:sources?|data|data source|note|notes)\s*:\s*[^.!?]{2,80}\.?$", re.IGNORECASE)


def _chart_sources(doc: _Doc) -> None:
    """The source line right under a chart's title that went (``embed.chart``), or under the line after it:
    what is left of the chart (session 13, tests/data/e2e6 dev 09: "Chart: UK inflation, annual rate, %" /
    "Source: ONS").  A "Source:" line anywhere else stays to its own rule (`syndication.source`, at the edges)."""
    for i in [i for i, r in doc.removed.items() if r.rule == "embed.chart"]:
        j: int | None = i
        for _ in range(2):
            _, j = doc.neighbours(j) if j is not None else (None, None)
            if j is None:
                break
            if j in doc.removed:
                continue
            if doc.lines[j].words <= 10 and _CHART_SOURCE.match(doc.lines[j].core):
                doc.remove(j, "embed", "embed.chart_source")
            break


#: Cluster rules whose word is also a sub-heading: never right over a paragraph no rule took (session 13).
_NOT_OVER_PROSE = frozenset({"embed.listen_button"})


def _cluster_rule_id(ln: _Line) -> str:
    """The id of the line's cluster rule."""
    return next(h.rule.id for h in ln.hits if h.rule.where == "cluster")


_BIO_NAME = re.compile(r"^(.{2,80}?)\s+(?:is|was|has been|serves as|works as|has|have)\s")


def _is_the_author(doc: _Doc, core: str, i: int) -> bool:
    """'Grace Okafor is a children's librarian at ...' under an article whose byline, above line ``i``, a
    rule took with the author 'Grace Okafor' (session 12): the author's box, whatever their trade."""
    m = _BIO_NAME.match(core)
    if m is None:
        return False
    name = m.group(1)
    return any(
        (g.get("author") or "").split(",")[0].strip(" |-–—") == name
        for x, rem in doc.removed.items()
        if x < i and (g := rem.groups)
    )


def _names_the_subject(doc: _Doc, core: str, lo: int, hi: int) -> bool:
    """'Hodzic is a professor of literature at ...' below an article about Amra Hodzic: the last
    paragraph describes the article's subject, not its author. True when the bio's surname is in a
    sentence of the article (an author is named in a byline or a name line, which are not sentences)."""
    m = _BIO_NAME.match(core)
    if m is None or lo < 0:
        return False
    surname = re.compile(rf"\b{re.escape(m.group(1).split()[-1])}\b")
    lines = doc.lines
    return any(
        lines[x].prose and lines[x].ends and x not in doc.removed and surname.search(lines[x].core)
        for x in range(lo, hi + 1)
    )


def _blocks(doc: _Doc, hi: int) -> None:
    """Grow removed lines into the blocks they head: CTA blurbs, teaser lists, 'About the author'."""
    lines = doc.lines
    n = len(lines)
    for i in sorted(doc.removed):
        rem = doc.removed[i]
        rule = doc.rs.by_id.get(rem.rule)
        block = rule.block if rule else ""
        if block == "list":
            # headline-like lines after 'You may also like' / 'DON'T MISS' / 'Most read'
            j = i + 1
            taken = 0
            # a table of contents' entries: the first printed again is the article's own heading (a
            # teaser list prints a headline twice, as an image's text and as its link)
            items: set[str] = set()
            while j < n and taken < 15:
                ln = lines[j]
                if ln.blank:
                    if j + 1 < n and lines[j + 1].blank:
                        break
                    j += 1
                    continue
                if j in doc.removed:
                    if doc.removed[j].rule == "navigation.breadcrumb":
                        break  # the article's own breadcrumb: its headline is below, not a teaser's
                    j += 1
                    continue
                if not _headline_like(ln) or (ln.prose and ln.words > 20) or ln.core in items:
                    break
                if _BARE_TIME.match(ln.core):
                    break  # a live blog's first entry stamp under a 'Jump to' or 'Key events' label
                if rem.rule == "navigation.jump_to":
                    items.add(ln.core)
                doc.remove(j, rem.family, f"{rem.family}.list_item")
                taken += 1
                j += 1
        elif block == "next":
            _, q = doc.neighbours(i)
            if q is not None and q not in doc.removed and lines[q].words <= 150:
                doc.remove(
                    q,
                    rem.family,
                    f"{rem.family}.block_next",
                    groups={"bio": lines[q].core} if rem.family == "bio" else None,
                )
    # call-to-action blocks: up to two lines between two CTA lines of one family go with them
    cta = sorted(i for i, r in doc.removed.items() if (rr := doc.rs.by_id.get(r.rule)) and rr.block == "cta")
    for a, b in itertools.pairwise(cta):
        fam = doc.removed[a].family
        if doc.removed[b].family != fam:
            continue
        between = [x for x in range(a + 1, b) if not lines[x].blank and x not in doc.removed]
        if 0 < len(between) <= 2 and all(lines[x].words <= 40 for x in between):
            for x in between:
                doc.remove(x, fam, f"{fam}.cta_block")
    # a short title right above a CTA block at the end ('Something to Consider', 'Pick Six Newsletter')
    for i in cta:
        if i > hi >= 0:
            p, _ = doc.neighbours(i)
            if (
                p is not None
                and p > hi
                and p not in doc.removed
                and lines[p].words <= 5
                and not lines[p].ends
                and not _is_bullet(lines[p])  # the last item of the article's list, not a title
            ):
                doc.remove(p, doc.removed[i].family, f"{doc.removed[i].family}.cta_block")


#: A press release's end block goes only when the prose below its first line has at most this share of
#: the words of the prose above it (the article), and two paragraphs of prose are above it.
END_BLOCK_SHARE = 0.5


def _end_blocks(doc: _Doc) -> None:
    """A press release's end: its end mark ("ENDS", "###", "-30-") or the first of the sections after
    the news ("Notes to editors", "Forward-looking statements", "Media contact", "SOURCE Company") --
    rules with ``block: end`` -- takes everything below it, when what follows is not the article: the
    prose below holds at most ``END_BLOCK_SHARE`` of the words of the prose above, and two paragraphs
    are above.  The "About COMPANY" section right above it goes too (``_about_above``).  Run before
    the article's span is found, so the notes' paragraphs are not taken for the article's last ones."""
    lines = doc.lines
    starts = [
        (i, next(h.rule for h in lines[i].hits if h.rule.block == "end"))
        for i in doc.with_hits
        if any(h.rule.block == "end" for h in lines[i].hits)
    ]
    mark = doc.rs.by_id.get("syndication.end_mark")
    if mark is not None:
        starts = sorted(starts + [(i, mark) for i in _hash_end_marks(doc)])
    if not starts:
        return
    # prose words and paragraphs above each line, one pass (the first line is the headline)
    body = [i for i in doc.nonblank if lines[i].prose and not lines[i].hits and i != doc.first]
    words = list(itertools.accumulate(lines[i].words for i in body))
    prose = [i for i in doc.nonblank if lines[i].prose]
    prose_words = [0, *itertools.accumulate(lines[i].words for i in prose)]
    for i, rule in starts:
        if i in doc.removed or doc.off(rule.id):
            continue
        n_above = bisect.bisect_left(body, i)
        if n_above < 2:
            continue
        above = words[n_above - 1]
        below = prose_words[-1] - prose_words[bisect.bisect_right(prose, i)]
        if below > END_BLOCK_SHARE * above:
            continue
        if lines[i].blank:  # "###": a line for the stage from here on, so that it can go
            lines[i].blank, lines[i].core = False, "###"
            bisect.insort(doc.nonblank, i)
        doc.remove(i, rule.family, rule.id)
        for k in doc.nonblank_in(i + 1, len(lines)):
            doc.remove(k, rule.family, f"{rule.family}.end_block", block=True)
        _about_above(doc, i)
        return


#: "###" on a line of its own: a US press release's end mark.  ``normalize`` takes '#' for a bullet and
#: leaves nothing of the line, so no rule can see it; it is read here, as ``syndication.end_mark``.
_HASH_END = re.compile(r"^[ \t]*#{3}[ \t]*\r?$", re.MULTILINE)


def _hash_end_marks(doc: _Doc) -> list[int]:
    """The lines that are "###" and nothing else."""
    if "###" not in doc.text:
        return []
    starts = [ln.start for ln in doc.lines]
    return [bisect.bisect_right(starts, m.start()) - 1 for m in _HASH_END.finditer(doc.text)]


def _about_above(doc: _Doc, i: int) -> None:
    """An "About COMPANY" line (``about.header``) with at most two paragraphs under it, right above a
    press release's end block at line ``i``: the company's description, the release's last section."""
    run: list[int] = []
    for k in reversed(doc.nonblank_in(0, i)):
        ln = doc.lines[k]
        if k in doc.removed or k == doc.first:
            return
        if any(h.rule.id == "about.header" for h in ln.hits):
            doc.remove(k, "about", "about.header")
            for x in run:
                doc.remove(x, "about", "about.block_next")
            return
        run.append(k)
        if len(run) > 2 or ln.words > 150:
            return


def _doubled(core: str) -> bool:
    """One text of three words or more twice, 'Title Title': a teaser card's image text and its link."""
    half = len(core) // 2
    return (
        len(core) % 2 == 1 and core[half] == " " and core[:half] == core[half + 1 :] and core.count(" ", 0, half) >= 2
    )


#: Short words a headline in title case capitalizes ("Death Of", "In Custody After") and a sentence does
#: not (outside names, where they stay lower-case: "Department of Natural Resources").
_TITLE_SMALL_WORDS = frozenset(
    "a an the of in to for at on with after from by and but or as is are over into about up out than".split()
)


def _title_word(word: str) -> bool:
    """A word that can stand in a title-case headline: a capital, a digit, or an opening quote, "$" or "("
    first."""
    return word[:1].isupper() or word[:1].isdigit() or word[:1] in "'‘“\"$("


def _title_card(core: str) -> bool:
    """A teaser card flattened into one line: a headline in title case, five words or more with two or more
    capitalized small words, then its summary in sentence case ("Customers Leave Without Paying $690 Bill
    At Troy Steakhouse A party of six left ...", aeb cbslocal.com).  None of the 8,070 lines of the aeb
    gold bodies reads so."""
    # Most lines this is asked of are paragraphs: fourteen words and the first five are read before the
    # whole line is split (the same answer, without splitting each paragraph into all its words).
    words = core.split(None, 13)
    if len(words) < 14 or not all(_title_word(w) for w in words[:5]):
        return False
    words = core.split()
    k = small = 0
    while k < len(words) and _title_word(words[k]):
        small += words[k].lower().strip("'‘“\"(:,") in _TITLE_SMALL_WORDS
        k += 1
    if k < 5 or small < 2 or k >= len(words) - 6:
        return False
    rest = words[k:]
    return sum(1 for w in rest if w[:1].islower()) >= 0.6 * len(rest)


def _structural_teasers(doc: _Doc, lo: int, hi: int) -> None:
    labels = doc.rs.section_labels
    headline_label = None
    if doc.first >= 0:
        m = _KICKER.match(doc.lines[doc.first].core)
        headline_label = m.group("label").lower() if m else None
    doubled_on = not doc.off("teaser.doubled")
    card_on = not doc.off("teaser.card")
    for i in doc.nonblank:
        if i == doc.first or i in doc.removed:
            continue
        ln = doc.lines[i]
        if doubled_on and _doubled(ln.core):
            doc.remove(i, "teaser", "teaser.doubled")
            continue
        if card_on and ln.words >= 14 and _title_card(ln.core):
            doc.remove(i, "teaser", "teaser.card")
            continue
        if lo >= 0 and i < lo:
            continue
        if ln.ends or ln.words < 4 or ln.words > 25:
            continue  # neither test can fire: skip the regex work
        if not doc.off("teaser.kicker") and _kicker_teaser(doc, i, labels, headline_label):
            doc.remove(i, "teaser", "teaser.kicker")
        elif not doc.off("teaser.caps_headline") and _caps_teaser(doc, i):
            doc.remove(i, "teaser", "teaser.caps_headline")


#: Families whose lines, at the end of a document, take the short lines after them along (not dates,
#: captions, addresses: a listing's "www.example.com" is often followed by real content).
_SWEEP_AFTER = frozenset(
    "bio byline comments comment_thread subscribe_block share syndication feedback ad cookie navigation embed "
    "teaser".split()
)


#: Rules for furniture that extracted text prints between two paragraphs of the article (an ad label, a
#: caption, a "READ MORE:" link): below the article's last paragraph, such a line starts no sweep, and the
#: article's tail in a page (:func:`_article_tail`) goes on past it to the paragraph under it.
_INLINE_RULES = frozenset(
    "ad.labels ad.shop_button caption.credit caption.dash_credit caption.labels caption.via teaser.read_more "
    "teaser.label_colon navigation.summary_label "
    "navigation.live_controls dateline.relative_bare".split()
)


def _tail_sweep(doc: _Doc, hi: int) -> None:
    """Below the article's last paragraph, short lines that follow boilerplate go with it -- but not a body
    of short lines right under a few lines of it (:func:`_short_line_body`: a poem under "Listen to this
    article" and "Share", the article's last paragraph being its introduction)."""
    if hi < 0:
        return
    last_family = None
    body = _short_line_body(doc, doc.nonblank_in(hi + 1, len(doc.lines)), False, set())
    for i in doc.nonblank_in(hi + 1, len(doc.lines)):
        ln = doc.lines[i]
        if i in doc.removed:
            fam = doc.removed[i].family
            if fam in _SWEEP_AFTER and doc.removed[i].rule not in _INLINE_RULES:
                last_family = fam
            continue
        if last_family is None:
            continue
        short = ln.words <= 6 and not ln.ends
        bullet = _is_bullet(ln) and ln.words <= 40
        if (short or bullet) and i not in body:
            doc.remove(i, last_family, f"{last_family}.trailing")


def _headline_list(doc: _Doc, hi: int) -> None:
    """Below the article, a run of three or more headlines -- bulleted title case, or most under one kicker
    ("Milan Design Week 2018 | ...") -- that ends the document or runs into boilerplate: links to other
    stories.  (Title case alone is not enough: tour dates and product lists look the same.)"""
    if hi < 0:
        return
    lines = doc.lines
    tail = doc.nonblank_in(hi + 1, len(lines))
    k = 0
    while k < len(tail):
        run: list[int] = []
        labels: list[str] = []
        taken = 0  # bulleted lines of the list that a rule took already ("- Photos: Europa, ...")
        while k < len(tail) and (tail[k] not in doc.removed or (_is_bullet(lines[tail[k]]) and run)):
            ln = lines[tail[k]]
            if tail[k] in doc.removed:
                taken += 1
                k += 1
                continue
            m = _KICKER.match(ln.core)
            ratio, _ = _title_ratio(ln.core)
            if not (4 <= ln.words <= 25 and not ln.core.rstrip(_CLOSERS + " ").endswith(".")):
                break
            if not (_is_bullet(ln) or ratio >= 0.75 or m):
                break
            labels.append(m.group("label").lower() if m else "")
            run.append(tail[k])
            k += 1
        ends_well = k >= len(tail) or tail[k] in doc.removed
        common = max(set(labels), key=labels.count) if labels else ""
        shared = common != "" and 3 * labels.count(common) >= 2 * len(labels)
        bulleted = all(_is_bullet(lines[i]) and _title_ratio(lines[i].core)[0] >= 0.6 for i in run)
        if len(run) + taken >= 3 and len(run) >= 2 and ends_well and (shared or bulleted):
            for i in run:
                doc.remove(i, "teaser", "teaser.headline_list")
        k += 1


#: A prose line this long printed again further down is a second copy of the article, not a refrain.
_REPEATED_PARAGRAPH_WORDS = 12


def _headline_shape(ln: _Line) -> bool:
    """4 to 25 words, in title case, made of words (not a table row of numbers), no final full stop."""
    if not 4 <= ln.words <= 25 or _ends_sentence(ln.core):
        return False
    ratio, letter_words = _title_ratio(ln.core)
    return ratio >= 0.75 and letter_words >= 0.8 * ln.words


def _headline_list_above(doc: _Doc, lo: int) -> None:
    """Between the headline and the article's first paragraph, three or more title-case headlines in a
    row: a rail of links to other stories printed above the article (aeb billboard.com).  The first
    line (the headline) is never part of it, and the run must lead straight into the article."""
    if lo < 0 or doc.off("teaser.headline_list"):
        return
    lines = doc.lines
    # the article starts at its first sentence-case paragraph (a long headline counts as prose too)
    start = next(
        (i for i in range(lo, len(lines)) if lines[i].prose and i not in doc.removed and not _headline_shape(lines[i])),
        -1,
    )
    run: list[int] = []
    for i in range(start - 1, doc.first, -1):
        ln = lines[i]
        if ln.blank:
            continue
        if i in doc.removed:
            if run:
                break
            continue  # a byline or dateline between the rail and the article
        if not _headline_shape(ln):
            break
        run.append(i)
    if len(run) >= 3:
        for i in run:
            doc.remove(i, "teaser", "teaser.headline_list")


def _repeated(doc: _Doc) -> None:
    """A line that repeats the one just above it (a widget rendered twice), a later copy of the headline,
    and a second copy of the article (:func:`_repeated_copy`).

    Single lines repeated further apart stay: recipes, meal plans and deal lists repeat lines on purpose."""
    # The headline is the first line still kept: judged against a line already removed (a subscribe
    # line above the title), a second run would find a repeat the first did not.
    first = next((i for i in doc.nonblank if i not in doc.removed), -1)
    if first < 0:
        return
    second = next((i for i in doc.nonblank if i > first and i not in doc.removed), -1)
    if second >= 0 and _kicker_of(doc.lines[first], doc.lines[second]):
        doc.remove(first, "repeated", "repeated.kicker")
        first = second
    head = doc.lines[first]
    headline = head.core.lower()
    previous: _Line | None = None
    for i in doc.nonblank:
        ln = doc.lines[i]
        if ln.words >= 3:
            # lower-cased only when the word counts agree (most lines differ from both in length)
            if i != first and ln.words == head.words and ln.core.lower() == headline:
                doc.remove(i, "repeated", "repeated.headline")
            elif previous is not None and ln.words == previous.words and ln.core.lower() == previous.core.lower():
                doc.remove(i, "repeated", "repeated.line")
        # A removed line does not part two copies: once it is gone they are adjacent, and a second run
        # would take the repeat the first one left.
        if i not in doc.removed:
            previous = ln
    _repeated_copy(doc)


def _kicker_of(kicker: _Line, headline: _Line) -> bool:
    """``kicker`` is a column's or a series' name printed over a headline that opens with it and a colon ("Ask
    Ruth" over "Ask Ruth: my neighbour's extension ...", session 13, tests/data/e2e6 dev 11): a label, a copy of
    the headline's first words."""
    k = kicker.core.rstrip()
    return (
        2 <= kicker.words <= 4
        and headline.words >= kicker.words + 3
        and k[-1:].isalnum()
        and headline.core.lower().startswith(k.lower() + ":")
    )


def _repeated_copy(doc: _Doc) -> None:
    """Three or more paragraphs in a row, each printed already further up: the page rendered the article
    twice (a newsletter or AMP copy under the web copy).  One paragraph repeated alone stays: interviews
    repeat a question, meal plans repeat a day's dish between lines that differ."""
    seen: set[str] = set()
    run: list[int] = []
    for i in [*doc.nonblank, -1]:
        if i >= 0 and i in doc.removed:
            continue  # a widget between two copied paragraphs does not end the copy
        ln = doc.lines[i] if i >= 0 else None
        copied = False
        if ln is not None and ln.prose and ln.words >= _REPEATED_PARAGRAPH_WORDS:
            low = ln.core.lower()
            copied = low in seen
            seen.add(low)
        if copied:
            run.append(i)
            continue
        if len(run) >= 3:
            for x in run:
                doc.remove(x, "repeated", "repeated.copy")
        run = []


#: How far (non-blank lines) from the paragraph it quotes a pull quote is looked for.
PULL_QUOTE_REACH = 8


def _pull_quotes(doc: _Doc) -> None:
    """A pull quote: a quoted line of six words or more whose words are all in a kept line near it
    (within :data:`PULL_QUOTE_REACH` non-blank lines), the paragraph it was lifted from: “You didn’t
    sleep through a storm. You listened to it.” under “You didn’t sleep through a storm. You listened to
    it,” she said.  The paragraph keeps every word, so taking the copy loses none."""
    if doc.off("repeated.pull_quote"):
        return
    lines, nonblank, removed = doc.lines, doc.nonblank, doc.removed
    for k, i in enumerate(nonblank):
        ln = lines[i]
        if ln.core[:1] not in "\"'" or not 6 <= ln.words <= 60 or i in removed or i == doc.first:
            continue
        quote = ln.core.strip("\"' ").rstrip(".,;:!?")
        if len(quote) < 20:
            continue
        near = nonblank[max(0, k - PULL_QUOTE_REACH) : k] + nonblank[k + 1 : k + 1 + PULL_QUOTE_REACH]
        if any(x not in removed and len(lines[x].core) > len(ln.core) and quote in lines[x].core for x in near):
            doc.remove(i, "repeated", "repeated.pull_quote")


#: Families that mark page furniture (menus, widgets, footers) when the rules find them outside the prose.
_PAGE_FAMILIES = frozenset(
    "navigation share cookie ad subscribe_block comments feedback embed syndication teaser byline".split()
)


ISOLATED_WEIGHT = 0.25


#: A paragraph this long, the only one of a page, is the article when no run of paragraphs is (a brief).
LONE_PARAGRAPH_WORDS = 30


def _densest_run(doc: _Doc) -> tuple[int, int]:
    """The article in a page: the run of lines with the best score (Kadane), -1s when there is no prose.

    A kept line scores its words (up to 60) if it is prose (a quarter of that for a lone prose line
    between non-prose lines), 0 if it is a table row (three or more numbers), -4 otherwise (menu items,
    teaser headlines); a removed line scores -2.
    """
    best, cur, start, a, b = 0.0, 0.0, 0, -1, -1
    lines, removed, nonblank = doc.lines, doc.removed, doc.nonblank
    # paragraphs come in runs; a lone summary between two short lines is a teaser card: a kept prose line
    # is paired when the non-blank line before or after it is kept prose too
    kept_prose = [lines[i].prose and i not in removed for i in nonblank]
    last = len(nonblank) - 1
    # bulleted lines of three words or more, in a list that a kept line ending in ':' introduces
    in_list = [False] * len(nonblank)
    intro = False
    for pos, i in enumerate(nonblank):
        ln = lines[i]
        if i not in removed and _is_bullet(ln):
            in_list[pos] = intro and ln.words >= 3
        else:
            intro = i not in removed and ln.core[-1:] == ":" and ln.words >= 3
    for pos, i in enumerate(nonblank):
        ln = lines[i]
        if i in removed:
            v = -2.0
        elif ln.prose:
            paired = (pos > 0 and kept_prose[pos - 1]) or (pos < last and kept_prose[pos + 1])
            v = float(min(ln.words, 60)) * (1.0 if paired else ISOLATED_WEIGHT)
        elif ln.words >= 5 and sum(1 for w in ln.core.split() if w[:1].isdigit()) >= 3:
            v = 0.0  # a table row (results, standings, prices) is data, not a menu
        elif ln.words >= 3 and (in_list[pos] or (ln.core[-1:] == ":" and pos < last and in_list[pos + 1])):
            v = 0.0  # a list the article introduces ("The city promises:" and its points)
        else:
            v = -4.0  # menus, headlines of teaser cards, sub-headings
        if cur <= 0:
            cur, start = 0.0, i
        cur += v
        if cur > best:
            best, a, b = cur, start, i
    if best >= 30:
        return a, b
    # A brief: one paragraph alone among menus (a lone prose line scores a quarter).  When it is the
    # page's only long line that ends a sentence (tag clouds and address lines do not), it is the article.
    long_lines = [
        i
        for pos, i in enumerate(nonblank)
        if kept_prose[pos] and lines[i].ends and lines[i].words >= LONE_PARAGRAPH_WORDS
    ]
    return (long_lines[0], long_lines[0]) if len(long_lines) == 1 else (-1, -1)


#: How many kept lines right above the article may hold the headline when the first line was removed.
HEADLINE_REACH = 4

#: How many kept lines in a row, with no line a rule took between them, can be a body of short lines
#: that the page region spares (:func:`_short_line_body`).
BODY_RUN = 4
#: The most words a line of such a body has; three in four of its lines are this short.
SHORT_LINE = 12
#: How many lines the rules took (a podcast's "Listen on ..." links) may stand between the article and
#: such a body below it.
BODY_GAP = 4


def _text_line(ln: _Line, repeated: bool) -> bool:
    """A short line that reads as the article's, not a menu's: no rule hit, and a sentence ("Go ahead.",
    "Who called?"), a phrase in sentence case that begins with a letter or a number ("Salt and black
    pepper", "2 lemons, quartered", a poem's "the gulls go quiet,"; not a template's "{* name *}"), or a
    speaker's name that comes back in its run ("ADA MOSS" over each answer)."""
    if ln.hits:
        return False
    if ln.ends and ln.words >= 2:
        return True
    if repeated:
        return ln.words <= 4
    first = ln.core[:1]
    return ln.words >= 2 and first.isalnum() and not ln.core.isupper() and _title_ratio(ln.core)[0] < 0.75


def _short_line_body(doc: _Doc, part: list[int], above: bool, tail: set[int]) -> set[int]:
    """A body of short lines next to the article that the densest run of prose missed (a transcript, a
    Q&A, a recipe's ingredients, a list of points), for the page region to spare: above the article, the
    kept lines right over it; below it, the first BODY_RUN or more kept lines after its ``tail``, with at
    most BODY_GAP other lines between ("Listen on Spotify", "Subscribe to the show" under a standfirst).
    It is BODY_RUN or more kept lines with no line a rule took between them, three in four of them
    SHORT_LINE words or fewer and text lines (:func:`_text_line`); below the article a quarter of them,
    two at least, end a sentence, as a menu or a list of teaser headlines does not.  Furniture near the
    article does not license taking what follows it."""
    lines, removed = doc.lines, doc.removed
    run: list[int] = []
    if above:
        for i in reversed(part):
            if i in removed:
                break
            run.append(i)
    else:
        gap = 0  # the lines between: those the rules took, and kept ones too few to be a body ("4 min")
        for i in part:
            if i in tail:
                continue
            if i in removed:
                if len(run) >= BODY_RUN:
                    break
                gap += len(run) + 1
                run = []
                if gap > BODY_GAP:
                    return set()
            else:
                run.append(i)
    if len(run) < BODY_RUN or 4 * sum(1 for i in run if lines[i].words > SHORT_LINE) > len(run):
        return set()  # paragraphs: the densest run weighs them, and did not take these (a cookie notice)
    seen = Counter(lines[i].core for i in run)
    text = sum(1 for i in run if _text_line(lines[i], seen[lines[i].core] > 1))
    sentences = sum(1 for i in run if lines[i].ends and lines[i].words >= 2 and not lines[i].hits)
    if 4 * text < 3 * len(run) or (not above and (4 * sentences < len(run) or sentences < 2)):
        return set()
    return set(run)


def _page_furniture(doc: _Doc, a: int, b: int) -> None:
    """Above and below the article (the densest run of prose), whole stretches of menus go.

    A stretch goes only if the rules already found page furniture in it -- three or more lines, or two in
    a long stretch of short lines -- so the end of a clean article (a listing, a signature) stays.  The
    first line (the headline) stays, and so does the article's tail below it (:func:`_article_tail`).
    """
    lines = doc.lines
    # A body of short lines right above the densest run is the article's top: the headline is over it.
    spared_body = _short_line_body(doc, doc.nonblank_in(0, a), True, set())
    if spared_body:
        a = min(spared_body)
    # The headline: the first line, or -- when the rules took the first line (a menu, a cookie notice) --
    # the longest title-like line of the few kept right above the article (not a date line or a score
    # the rules did not know, between the headline and the first paragraph).  A whole page puts its site
    # name or a skip link first and the headline (and standfirst) over the byline right above the
    # article: when such a title is found there, it is the headline and the first line is page
    # furniture like the rest.
    title = _page_title(doc, a)
    headline = doc.first
    if title and headline not in doc.removed and _title_like(lines[headline]):
        # A first line that reads as a title (the page's <title>, "Headline | Site") stays the headline,
        # unless the line found above the article is that headline again.
        top = lines[min(title)].core.lower().split()
        in_first = set(lines[headline].core.lower().split())
        if 2 * sum(1 for w in top if w in in_first) < len(top):
            # unless it is the standfirst under that first line, with only what the rules took between
            # them (a byline, a reading time, an audio player): then both are the title
            between = doc.nonblank_in(headline + 1, min(title))
            standfirst = len(top) >= 6 and all(i in doc.removed for i in between)
            title = title | {headline} if standfirst else set()
    if headline in doc.removed:
        above = [i for i in doc.nonblank_in(0, a) if i not in doc.removed][-HEADLINE_REACH:]
        titles = [i for i in above if 4 <= lines[i].words <= 20 and not lines[i].ends]
        if titles:
            headline = max(reversed(titles), key=lambda i: lines[i].words)
    for lo_, hi_ in ((0, a), (b + 1, len(lines))):
        part = doc.nonblank_in(lo_, hi_)
        kept = [i for i in part if i not in doc.removed]
        if not kept:
            continue
        strong = sum(
            1
            for i in part
            if i in doc.removed
            and doc.removed[i].family in _PAGE_FAMILIES
            and doc.removed[i].rule in doc.rs.by_id
            and doc.removed[i].rule not in _INLINE_RULES
        )
        menu_like = len(part) >= 15 and sum(lines[i].words for i in part) <= 5 * len(part)
        # what the rules left must look like a menu too (mostly short lines), not like paragraphs
        short_left = sum(1 for i in kept if not lines[i].prose)
        if (strong >= 3 or (strong >= 2 and menu_like)) and 2 * short_left >= len(kept):
            tail = _article_tail(doc, part) if lo_ > a else set()
            tail |= _short_line_body(doc, part, False, tail) if lo_ > a else set()
            spared = title if title and lo_ < a else {headline}
            if lo_ < a:
                spared = spared | _standfirst_under(doc, max(spared), a)
            if title and lo_ < a:
                # under the title, a line or two the rules left right above the article (only lines the
                # rules took between them and the title): the first paragraph's sub-heading ("What is
                # changing?" under an explainer's table of contents), not a menu, a count or a date
                under = [i for i in kept if i > max(title)]
                if (
                    0 < len(under) <= 2
                    and all(_subheading(lines[i]) for i in under)
                    and doc.nonblank_in(under[0], a) == under  # right above the article's first paragraph
                ):
                    spared = title | set(under)
            for i in kept:
                if i in spared or i in tail:
                    continue
                # a byline or date between the headline and the article: its own rule, which did not
                # fire because the article's span began at the headline or the standfirst
                hit = next((h for h in lines[i].hits if h.rule.where in ("edge", "head")), None)
                if hit is not None and lo_ < a and i > min(spared) and "widget" not in hit.groups:
                    doc.remove(i, hit.rule.family, hit.rule.id, groups=hit.groups)
                else:
                    doc.remove(i, "page_furniture", "page_furniture.region", block=True)


def _standfirst_under(doc: _Doc, headline: int, a: int) -> set[int]:
    """The standfirst: the first line kept under the headline, above the article ``a``, when it is a sentence
    of prose (eight words or more, ending a sentence) and the headline's rating, label or share line are all
    that stand between them (session 13, tests/data/e2e6 dev 07: a review's standfirst, over its byline, date
    and ticket button, went with them as page furniture)."""
    for i in doc.nonblank_in(headline + 1, a):
        if i in doc.removed:
            continue
        ln = doc.lines[i]
        above = any(h.rule.where in ("any", "edge", "head") for h in ln.hits)  # not a bio's `tail` rule
        return {i} if ln.prose and ln.ends and ln.words >= 8 and not above else set()
    return set()


def _subheading(ln: _Line) -> bool:
    """A line that can be a sub-heading of the article: two words or more in sentence case ("What is
    changing?"; a menu's links are in title case, "Browse All Posts", or capitals), no rule hit, no digits
    (a date, a count, a score line)."""
    core = ln.core
    return (
        ln.words >= 2
        and not ln.hits
        and not any(ch.isdigit() for ch in core)
        and _title_ratio(core)[0] < 0.75
        and not core.isupper()
    )


#: How far above the article (non-blank lines) the headline of a whole page is looked for.
TITLE_WINDOW = 15

_BYLINE_START = re.compile(r"^(?:[Bb]y|[Vv]on|[Pp]or|[Pp]ar|[Dd]i|[Dd]e)\s+(?-i:[A-ZÀ-Þ])")


def _title_like(ln: _Line) -> bool:
    """A line that can be a headline or a standfirst: three words or more with letters, capitalised,
    not a bulleted line, a label ("Trending:") or a byline left by the rules."""
    core = ln.core
    if ln.hits or ln.words > 40 or core[-1:] in ":,;|/" or _is_bullet(ln) or _BYLINE_START.match(core):
        return False
    first = core.lstrip("\"'“‘¿¡«„ ")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    tokens = core.split()
    alpha = sum(1 for w in tokens if any(ch.isalpha() for ch in w))
    # four words with letters, and more of them than numbers and dashes ("Sevilla - 13 jul 2024 - 11:20")
    return alpha >= 4 and 2 * alpha > len(tokens)


def _page_title(doc: _Doc, a: int) -> set[int]:
    """The headline of a whole page, and its standfirst, above the article (the densest run ``a``...):
    going up from the article over what the rules took and over short lines (bylines, dates, share
    buttons), the first title-like line; when it is a standfirst (six words or more) under another
    title-like line of four words or more, both; when it is under the byline and date lines the rules
    took, it and the last title-like line over them.  Empty when there is none within TITLE_WINDOW lines."""
    lines = doc.lines
    above = doc.nonblank_in(0, a)[-TITLE_WINDOW:]
    header = [k for k, i in enumerate(above) if i in doc.removed and doc.removed[i].family in ("byline", "dateline")]
    for k in range(len(above) - 1, -1, -1):
        i = above[k]
        if i in doc.removed or not _title_like(lines[i]):
            continue
        if header and k > header[-1]:
            # under the byline and date lines: a standfirst or a photo's caption; the headline over them
            # stays too (an NPR station's page: section label, headline, byline, date, caption, article)
            over = [j for j in above[: header[0]] if j not in doc.removed and _title_like(lines[j])]
            if over:
                return {over[-1], i}
        if k > 0 and lines[i].words >= 6:
            p = above[k - 1]
            if p not in doc.removed and lines[p].words >= 4 and _title_like(lines[p]):
                return {p, i}
        return {i}
    return set()


def _article_tail(doc: _Doc, below: list[int]) -> set[int]:
    """The lines right below the article (``below``: the non-blank lines after it) that continue it:
    paragraphs and list lines of three words or more with a number (tour dates, scores, prices), each
    run of them may open with one heading ("Tour Dates").  A short line that ends with a full stop is a
    paragraph too ("No injuries were reported."), so are the rows of a table of labels and numbers
    ("London: 6%", two or more), and a list is the article's when a line ending in ':' over its first
    item introduces it (:func:`_list_item`).  The tail ends at two other lines in a row or at a line a rule took -- but
    not at furniture printed between paragraphs (:data:`_INLINE_RULES`: "Advertisement") when no heading
    is open and a paragraph or a table row (or a heading over one) follows it: extracted text whose
    sections are each a sub-heading and one paragraph reads as teaser cards to :func:`_densest_run`, and
    its run ended at the first ad label."""
    tail: set[int] = set()
    heading: int | None = None
    stamp: int | None = None  # a live blog's entry stamp ("14:31") over its heading or paragraph
    stamps = doc.live_stamps()
    listing = False  # in a list that a tail line ending in ":" introduced
    pending: list[int] = []  # an unbulleted list under such a line: kept if the article goes on under it
    lines, removed = doc.lines, doc.removed

    def kept(k: int) -> _Line | None:
        return lines[below[k]] if k < len(below) and below[k] not in removed else None

    def paragraph(k: int) -> bool:
        """below[k] is a kept paragraph or table row, or a short line (a sub-heading) over one; a live
        blog's entry stamp over them does not count."""
        if k < len(below) and below[k] in stamps:
            k += 1
        for ln in (kept(k), kept(k + 1)):
            if ln is None:
                return False
            if ln.prose or _key_value(ln):
                return True
        return False

    for k, i in enumerate(below):
        ln = lines[i]
        if i in removed:
            if heading is None and removed[i].rule in _INLINE_RULES and paragraph(k + 1):
                continue  # an ad label, a caption or a 'READ MORE:' link between two paragraphs
            break
        if i in stamps and stamp is None and not pending:
            stamp = i  # the entry's, if the entry is: "14:31" / "Schools" / its paragraph
            continue
        bullet = _is_bullet(ln)
        nxt = kept(k + 1)
        intro = ln.core[-1:] == ":" and ln.words >= 3
        if (
            ln.prose
            or (ln.words >= 3 and any(ch.isdigit() for ch in ln.core))  # not a bare rank "3"
            or (_row(ln) and ((nxt is not None and _row(nxt)) or (k > 0 and below[k - 1] in tail)))
            or (listing and bullet)
            or (intro and nxt is not None and _is_bullet(nxt))
            or (ln.words >= 2 and ln.core[-1:] == "." and ln.core.lstrip(_OPENING_QUOTES)[:1].isupper())  # "Next year."
        ):
            if heading is not None:
                tail.add(heading)
                heading = None
            if stamp is not None:
                tail.add(stamp)
                stamp = None
            tail.update(pending)
            pending.clear()
            tail.add(i)
            listing = (listing and bullet) or intro
        elif heading is None and not pending and intro and nxt is not None and _list_item(nxt):
            # a list printed without its bullets, under the line that introduces it: the article's only
            # when a paragraph of it follows (or the text ends), else links under a label
            pending.append(i)
        elif pending and _list_item(ln):
            pending.append(i)
        elif heading is None and not pending:
            heading = i
        else:
            break
    else:
        tail.update(pending)
    return tail


def _list_item(ln: _Line) -> bool:
    """A line that can be an item of a list a line ending in ':' introduces: bulleted, or -- as extracted
    text often prints a list, without its bullets -- a short line that is not a sentence nor a label
    ("Links from the show:" over "The EPA's lead service line inventory guidance")."""
    return _is_bullet(ln) or (not ln.prose and ln.words <= 12 and ln.core[-1:] not in ":|")


def _key_value(ln: _Line) -> bool:
    """A short line of a label and a number, a table's row: "London: 6%", "Yorkshire and the Humber: 10%"."""
    colon = ln.core.find(":")
    return ln.words <= 6 and colon > 0 and any(ch.isdigit() for ch in ln.core[colon:])


#: A fact box's row of a label and a name: "Referee: Tom Bramall", "Venue: Ashton Park" (a match report's
#: officials under its line-ups); not a furniture label ("Photo: ...", "Tags: ...", "Email: ...").
_FACT_ROW = re.compile(
    r"^(?P<label>[A-Z][a-z]+(?: [a-z]+)?): [A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|the|de|van|von)){0,4}$"
)
_FURNITURE_LABELS = frozenset(
    "photo photos image picture pictures credit credits source sources tags tag topics topic category categories "
    "filed posted share follow email e-mail phone tel fax contact address website web author authors words text "
    "by editor editors reporter updated published read related watch listen see more via section".split()
)
_OPENING_QUOTES = "\"'“‘«„"


def _fact_row(ln: _Line) -> bool:
    m = _FACT_ROW.match(ln.core) if ln.words <= 8 else None
    return m is not None and m["label"].lower() not in _FURNITURE_LABELS


def _row(ln: _Line) -> bool:
    """A table's or a fact box's row: a label and a number (:func:`_key_value`) or a name (:func:`_fact_row`)."""
    return _key_value(ln) or _fact_row(ln)


def _is_bullet(ln: _Line) -> bool:
    return ln.text.lstrip()[:1] in _BULLETS and ln.text.lstrip()[1:2] == " "


def _article_span(doc: _Doc) -> tuple[int, int]:
    """First and last line that is prose no rule claims (and not yet removed): the article's body.

    The first line of the document is the headline, not the body, even when it ends with a full stop.
    The last one is not a bulleted line: a list after the article is as often links to other stories.
    """
    lines = doc.lines
    core = [i for i in doc.nonblank if lines[i].prose and not lines[i].hits and i not in doc.removed and i != doc.first]
    if not core:
        return -1, -1
    # the last one that is not a bulleted line, looked for from the end (it is nearly always the last)
    last = next((i for i in reversed(core) if not _is_bullet(lines[i])), core[-1])
    return core[0], last


#: How many lines the byline block under a standfirst may hold.
HEADER_LINES = 10
#: The longest line without a rule hit a byline block holds ("Aurangabad | Updated: November 24, 2026").
HEADER_WORDS = 8
#: A clock time ("00.01 GMT", "11:42 IST"): a date line holding one is a publication stamp, not a
#: timeline's sub-heading ("March 2019").
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def _names_header(ln: _Line) -> bool:
    """A byline, or a date line with a time: what tells a byline block from the article's sub-headings."""
    return any(
        h.rule.where in ("edge", "head")
        and (h.rule.family == "byline" or (h.rule.family == "dateline" and _CLOCK.search(ln.core) is not None))
        for h in ln.hits
    )


def _below_header(doc: _Doc, lo: int) -> int:
    """Where the article starts when its first prose line ``lo`` is a standfirst: the line right under
    the headline (only lines a rule names between them), with the byline block under it -- a byline or a
    date line with a time, among lines a rule names and short lines (the author's name, a role, a place).
    The article then starts under the block's last byline or date and the lines a rule names right under
    it (a reading time, a magazine's issue), so they are above it, where `edge` rules fire ("By Laura
    Chen, Business Reporter" under a summary line); else at ``lo``."""
    lines = doc.lines
    # a label a rule names over the headline ("Subscriber only", "Exclusive"): the headline is under it
    bare = sum(1 for i in doc.nonblank_in(doc.first + 1, lo) if not lines[i].hits)
    if bare > (1 if lines[doc.first].hits else 0):
        return lo
    top = lo
    extend = False  # the lines a rule names right under a byline or date are the block's too
    for i in doc.nonblank_in(lo + 1, len(lines))[:HEADER_LINES]:
        ln = lines[i]
        if not ln.hits:
            if ln.prose or ln.words > HEADER_WORDS:
                break
            extend = False
        elif ln.prose and all(h.rule.where != "any" for h in ln.hits):
            break  # a paragraph that only an edge rule would take ("WASHINGTON (AP) -- ...")
        elif _names_header(ln) or extend:
            top, extend = i + 1, True
    return top


#: An author's name alone on a line: two to four capitalised words (name particles allowed), no digits.
_NAME_LINE = re.compile(
    r"^(?-i:[A-ZÀ-Þ])[\w'’.-]*(?: (?:(?-i:[A-ZÀ-Þ])[\w'’.-]*|de|da|di|du|del|der|den|van|von|bin|al|el|la|le)){1,3}$"
)


#: A results widget's line: one team (one to five capitalised words) and its score, "FT" or "HT" before it; not
#: a serial's or a document's part ("Chapter 3", "Part 2", "Day 14", "Episode 214").
_NOT_A_TEAM = (
    r"(?!(?:Chapter|Part|Day|Week|Month|Year|Season|Series|Volume|Vol|Issue|Episode|Page|Section"
    r"|Book|Act|Scene|Step|Stage|Round|Level|Phase|Number|No|Psalm|Verse|Article|Clause|Room|Gate|Platform|Route|Flight"
    r")\b)"
)
#: One team: one to five capitalised words (and "&", "and", "of" ... between), not a serial's part.
_TEAM = _NOT_A_TEAM + r"[A-ZÀ-Þ][\w'’.&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.&-]*|&|and|of|de|la|le)){0,4}"
_SCORE_LINE = re.compile(rf"^(?:(?:FT|HT|AET)\s+)?{_TEAM}\s+\d{{1,3}}$")


#: A results widget's one-line score: both teams and the score ("Halden Rovers 2-1 Corby Athletic", "Rovers 2
#: Athletic 1"), with or without its label ("FT: ...", "Full-time: ..."); group ``label`` is the label.
_SCORE_ONE_LINE = re.compile(
    r"^(?P<label>(?:FT|HT|AET|Full[- ]time|FULL[- ]TIME|Half[- ]time|HALF[- ]TIME|Final score|Result)"
    r"\s*[:|·•–—-]?\s+)?"
    rf"(?P<a>{_TEAM})\s+(?:\d{{1,3}}\s*[-–—]\s*\d{{1,3}}\s+{_TEAM}|\d{{1,3}}\s+{_TEAM}\s+\d{{1,3}})"
    r"(?:\s*\((?:aet|AET|pens?|\d{1,2}-\d{1,2} pens?)\))?$"
)


def _title_over_article(ln: _Line) -> bool:
    """A line that reads as a headline: four or more words, no rule names it, no final stop, not a score."""
    return (
        not ln.hits
        and not ln.ends
        and 4 <= ln.words <= 25
        and ln.core[:1].isupper()
        and _SCORE_ONE_LINE.match(ln.core) is None
    )


def _score_widget(doc: _Doc, lo: int) -> None:
    """Above the article (its first paragraph ``lo``), a results widget's score lines: two or more lines in a
    row that are one team and its score ("Harlow Hawks 27" / "Dunmore 19", session 12, tests/data/e2e5 dev 03),
    never the first line.  Both teams and the score on one line ("Harlow Town 2-1 Ashby United") stay under
    a headline: the report's own sub-heading (tests/data/boilerplate/extracted 07).  Such a line goes only
    *over* the headline (session 13, tests/data/boilerplate/furniture6 dev 02, "FT: Halden Rovers 2-1 Corby
    Athletic" under a "Football" kicker; the brief's "Rovers 2 Athletic 1"): a headline-like line (4+ words,
    no final stop, no rule hit) below it and above the article, no prose between; the first line of the
    document only with a label ("FT:"), as a bare score there can be the headline itself.  A live page's
    "FT: ..." entry at its top, with entries under it and its headline above, stays."""
    if lo < 0 or doc.off("teaser.score_widget"):
        return
    rows = doc.nonblank_in(doc.first + 1, lo)
    hits = [i not in doc.removed and _SCORE_LINE.match(doc.lines[i].core) is not None for i in rows]
    for k, i in enumerate(rows):
        if hits[k] and ((k > 0 and hits[k - 1]) or (k + 1 < len(rows) and hits[k + 1])):
            doc.remove(i, "teaser", "teaser.score_widget")
    lines = doc.lines
    rows = doc.nonblank_in(doc.first, lo)
    for k, i in enumerate(rows):
        if i in doc.removed or lines[i].hits or lines[i].prose:
            continue
        m = _SCORE_ONE_LINE.match(lines[i].core)
        if m is None or (i == doc.first and not m.group("label")):
            continue
        for j in rows[k + 1 :]:
            if lines[j].prose:
                break
            if j not in doc.removed and _title_over_article(lines[j]):
                doc.remove(i, "teaser", "teaser.score_widget")
                break


def _name_lines(doc: _Doc, top: int) -> None:
    """Above the article (``top``: where it starts), an author's name on a line of its own right over the
    line of their title or the date, which a byline or dateline rule took ("Rupert Neve" over "Housing
    correspondent"): the byline's first line; or over a blog platform's "Follow" button that stands over a
    line a byline, dateline or metadata rule took ("Tobias Wren" / "Follow" / "6 min read · Mar 4", session
    13, tests/data/boilerplate/furniture6 dev 07), and the button goes with it (a bare "Follow" anywhere
    else is left: as a share button beside other furniture it took an article line of a held-out set).
    Not the headline, a line with a rule hit, a bulleted line or one in capitals (a menu's "GET IT"); the
    author is not taken from it (a menu item can read so)."""
    if top < 0 or doc.off("byline.name_line"):
        return
    lines = doc.lines
    for i in doc.nonblank_in(doc.first + 1, top):
        ln = lines[i]
        if (
            i in doc.removed
            or ln.hits
            or ln.words > 4
            or not _NAME_LINE.match(ln.core)
            or any(c.isdigit() for c in ln.core)
            or ln.core.isupper()
            or _is_bullet(ln)
        ):
            continue
        _, q = doc.neighbours(i)
        rem = doc.removed.get(q) if q is not None else None
        if q is not None and q < top and q not in doc.removed and lines[q].core.lower() == "follow":
            # a blog platform's author row: the name over its "Follow" button, over the reading time
            nxt = doc.neighbours(q)[1]
            below = doc.removed.get(nxt) if nxt is not None else None
            if below is not None and below.family in ("byline", "dateline", "metadata"):
                doc.remove(i, "byline", "byline.name_line")
                doc.remove(q, "byline", "byline.name_line")
            continue
        if rem is not None and rem.family in ("byline", "dateline") and rem.rule in doc.rs.by_id:
            doc.remove(i, "byline", "byline.name_line")


def _meta(doc: _Doc) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    authors: list[str] = []
    for i in sorted(doc.removed):
        rem = doc.removed[i]
        g = rem.groups
        if g.get("author"):
            a = g["author"].strip(" ,;|-–—")
            if a and a not in authors:
                authors.append(a)
        # a rule names a date before its main group "date", one after it "date_after" (a regex group
        # name can be used once)
        date = g.get("date") or g.get("date_after")
        if date and "date" not in meta:
            meta["date"] = date.strip(" ,;|[]")
        if rem.family == "bio" and "bio" not in meta:
            meta["bio"] = (g.get("bio") or doc.lines[i].core).strip()
    if authors:
        meta["author"] = authors[0]
        if len(authors) > 1:
            meta["authors"] = authors
    return meta


def _edits(doc: _Doc) -> list[Edit]:
    """One edit per removed line; the blank lines a removal would leave doubled go with it."""
    lines = doc.lines
    n = len(lines)
    edits: list[Edit] = []
    removed, text = doc.removed, doc.text
    last_kept = next((i for i in reversed(doc.nonblank) if i not in removed), -1)
    order = sorted(removed)
    after = bisect.bisect_right(order, last_kept)
    tail_first = order[after] if after < len(order) else -1
    for i in order:
        start, end = lines[i].start, lines[i].end
        j = i + 1
        while j < n and lines[j].blank:
            j += 1
        if j > i + 1:
            top = i  # the first line of the run of removed lines that ends here (a byline and its role)
            while top > 0 and top - 1 in removed:
                top -= 1
            if j < n and (j in removed or top == 0 or lines[top - 1].blank):
                end = lines[j - 1].end  # blanks up to the next removed line, or between two blank gaps
            elif j >= n:
                end = lines[j - 1].end  # trailing blanks at the very end
        if i == tail_first:
            if i > last_kept + 1:
                start = lines[last_kept + 1].start  # at the end, the blank lines above the removal go too
            if last_kept >= 0 and not text.endswith("\n"):
                # a text with no final newline keeps none: the last kept line's newline goes with the tail
                start = lines[last_kept].start + len(lines[last_kept].text)
        rem = removed[i]
        edits.append(Edit(NAME, rem.rule, start, end, text[start:end], "", rem.family))
    if doc.trimmed:
        for i, hit in doc.trimmed.items():
            ln = lines[i]
            label = r"\s+".join(map(re.escape, hit.groups["widget"].split()))
            m = re.search(rf"\s*{label}\s*$", ln.text, re.IGNORECASE)
            if m is not None:  # the line's own text, before normalisation, ends with the label
                s, e = ln.start + m.start(), ln.start + m.end()
                edits.append(Edit(NAME, hit.rule.id, s, e, text[s:e], "", hit.rule.family))
        edits.sort(key=lambda e: e.start)
    return edits


def apply(text: str, options: Options) -> StageOutput:
    """Remove boilerplate lines from one document; see the module docstring for how."""
    if not text.strip():
        return StageOutput(text, [], {})
    doc = _Doc(text, ruleset(), options)
    if options.comment_threads:
        _comment_thread(doc)
    _end_blocks(doc)
    lo, hi = _article_span(doc)
    top = _below_header(doc, lo) if lo >= 0 else lo
    _resolve_rules(doc, top, hi)
    _score_widget(doc, lo)
    _name_lines(doc, top)
    _structural_teasers(doc, lo, hi)
    _blocks(doc, hi)
    _tail_sweep(doc, hi)
    _headline_list(doc, hi)
    _headline_list_above(doc, lo)
    _repeated(doc)
    a, b = _densest_run(doc)
    if options.page_furniture and a >= 0 and not doc.off("page_furniture.region"):
        _page_furniture(doc, a, b)
    _pull_quotes(doc)
    if not doc.removed and not doc.trimmed:
        return StageOutput(text, [], {})
    meta = _meta(doc)
    # The guard: the share of the article's words the rules remove.  The article is the densest run of
    # prose (the whole text when there is none); comment threads found as a block are not the article.
    lo_, hi_ = (a, b) if a >= 0 else (0, len(doc.lines) - 1)
    article = lost = 0
    for i in doc.nonblank_in(lo_, hi_ + 1):  # a blank line has no words and is never removed
        rem = doc.removed.get(i)
        if rem is not None and rem.block:
            continue
        article += doc.lines[i].words
        if rem is not None:
            lost += doc.lines[i].words
    if article <= 0 or lost > options.max_removed_fraction * article:
        fraction = lost / article if article > 0 else 1.0
        n = len(doc.removed)
        meta["boilerplate_guard"] = (
            f"kept whole: the rules would remove {fraction:.0%} of the article's words "
            f"(over {options.max_removed_fraction:.0%}) in {n} line{'s' if n != 1 else ''}"
        )
        return StageOutput(text, [], meta)
    edits = _edits(doc)
    out = "".join(doc.text[e0:e1] for e0, e1 in _gaps(edits, len(text)))
    return StageOutput(out, edits, meta)


def _gaps(edits: Sequence[Edit], n: int) -> Iterator[tuple[int, int]]:
    pos = 0
    for e in edits:
        yield pos, e.start
        pos = e.end
    yield pos, n


#: The ids the structural detectors give the lines they remove (no rule file holds them).
STRUCTURE_RULES = frozenset(
    {
        "comment_thread.thread",
        "comment_thread.single",
        "teaser.doubled",
        "teaser.card",
        "teaser.kicker",
        "teaser.caps_headline",
        "teaser.headline_list",
        "repeated.headline",
        "repeated.kicker",
        "embed.chart_source",
        "repeated.line",
        "repeated.copy",
        "repeated.pull_quote",
        "page_furniture.region",
        "byline.name_line",
        "teaser.score_widget",
    }
)
#: The id a line taken into the block a rule heads gets, by the rule's ``block`` (:func:`_blocks`).
_BLOCK_RULE = {"list": "list_item", "next": "block_next", "cta": "cta_block", "end": "end_block"}


def rule_names(options: Options | None = None) -> frozenset[str]:
    """Every rule id and family an edit of this stage can carry, all of which ``disabled`` accepts: the
    rules of the ``*.rules`` files (read, not compiled: a few milliseconds) and their families, the
    structural detectors' ids and families, and the ids of lines a rule's block or a sweep below the
    article takes (``teaser.list_item``, ``subscribe_block.cta_block``, ``share.trailing`` ...)."""
    names = set(STRUCTURE_RULES) | {r.split(".", 1)[0] for r in STRUCTURE_RULES}
    names |= {f"{family}.trailing" for family in _SWEEP_AFTER} | _SWEEP_AFTER
    for r in _read_rules():
        if r.match == "define":
            continue
        names |= {r.id, r.family}
        if r.block:
            names.add(f"{r.family}.{_BLOCK_RULE[r.block]}")
    return frozenset(names)


def prepare(options: Options) -> None:
    """Load and compile the rules now (they load on the first document otherwise): a broken or missing
    rule file then stops a run before it starts instead of failing every document."""
    ruleset()


def share(options: Options) -> None:
    """Before worker processes are forked: build the line prefilter too (:meth:`RuleSet.line_filter`
    leaves it for later), so that the workers share one instead of each building its own."""
    ruleset().main_prefilter  # noqa: B018 - built on first use
