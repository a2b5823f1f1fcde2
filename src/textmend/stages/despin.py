"""Stage 'despin': find articles rewritten by a synonym spinner and give them back their original wording.

Content farms republish news through "article spinners": a thesaurus replaces words and phrases without
looking at context, so "the Cold War" becomes "the Chilly Battle" and "said CNN" becomes "mentioned CNN".
This stage works in two steps.

1. **Detect.**  Some spun phrases never occur in clean English ("Chilly Battle", "satellite tv for pc",
   "Individuals’s Republic", "suppose tank", "mentioned CNN" after a quotation).  They are marked
   ``impossible`` in the phrase tables; the document's *spin score* is how many of them it holds per
   1,000 words.  A document at or over ``Options.threshold`` (with at least ``Options.min_markers``
   markers) is treated as spun.  The threshold was calibrated on clean news (see ``docs/spin.md``).
2. **Restore.**  In a spun document every table entry applies; where one spun form has several originals
   ("assist" <- support / help / aid), or is itself ordinary English ("authorities"), the candidates are
   scored on their neighbours with the unigram and bigram counts that ship inside the symspellpy package,
   plus the a/an agreement with a preceding article.  In a document that is not flagged, only the
   ``impossible`` entries are restored, and nothing else is touched.

The tables are data: ``rules/spin/news.tsv`` (hand-written news-spinner table) and
``rules/spin/tortured.tsv`` (science and technology "tortured phrases" from the Problematic Paper
Screener).  Both are validated when first loaded, once per process.

>>> out = apply("It might evoke the darkest days of the Chilly Battle.", Options())
>>> out.text
'It might evoke the darkest days of the Cold War.'
>>> out.edits[0].before, out.edits[0].after
('Chilly Battle', 'Cold War')
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from textmend import lexicon
from textmend.edits import Edit, StageOutput, apply_edits
from textmend.rules import RuleError, read_tsv, rules_path

NAME = "despin"

#: The rule files of this stage, in priority order (an earlier file wins a duplicate phrase).
TABLES: tuple[str, ...] = ("news.tsv", "tortured.tsv")

KINDS = frozenset({"mwe", "name", "word", "number"})
STATUSES = frozenset({"impossible", "spun", "ambiguous", "weak"})
_IMPOSSIBLE = frozenset({"impossible"})

#: Every rule an edit of this stage can carry (``TABLE.STATUS``: ``news.spun``, ``tortured.impossible``
#: ...), and the tables as families (``news``, ``tortured``), all of which ``disabled`` accepts.
RULES: frozenset[str] = frozenset(
    {f"{t.removesuffix('.tsv')}.{s}" for t in TABLES for s in STATUSES} | {t.removesuffix(".tsv") for t in TABLES}
)

_APOSTROPHES = str.maketrans({"\u2019": "'"})
_QUOTES_OPEN = "“\"‘'([«"
#: Quotation marks, each opening one with the closing marks that can end its quotation: a table phrase that
#: is the whole of a quotation beside its original is named, not used (:func:`_mentioned`).
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'’", "«": "»", "»": "«", "„": "“”", "‹": "›", "「": "」"}
#: How far from a quoted phrase its original is looked for (on the same line).
_MENTION_REACH = 300


@dataclass(frozen=True)
class Options:
    """Options for the despin stage.

    The spin score is evidence per 1,000 words: ``marker_weight`` for each phrase that does not occur in
    clean English, plus, once per distinct spun form found, how much rarer that form is in English than
    its original (:func:`entry_weight`).  A document is spun from ``threshold``, or from
    ``marker_threshold`` when it holds at least one impossible phrase, and only with ``min_evidence`` in
    all (short texts).  Calibrated on clean news: see ``docs/spin.md``.  ``keep_prior`` is the weight of keeping
    an ambiguous spun word as it is, against 1.0 for restoring it (in flagged documents only).
    ``assume_spun`` skips detection and restores as if the document were flagged.  ``max_passes``: a
    flagged document is restored again, up to this many passes in all, where a restoration made a
    context hold that the spun text did not.  ``weak_margin``: a ``weak`` entry (an ordinary word the
    spinner writes for another) is restored only where its neighbours favour the original over the word
    as it stands by more than this (log-evidence, see :func:`choose_weak`).

    ``disabled`` holds rules (``"news.ambiguous"``) or whole tables (``"tortured"``) whose edits are not
    made: their phrases are matched and still count as evidence of spin, so switching a rule off never
    changes which documents are flagged nor what the other rules restore in them; a match of a rule
    switched off keeps its words as they stand (and its neighbours read them so).
    """

    threshold: float = 120.0
    marker_threshold: float = 60.0
    min_evidence: float = 20.0
    marker_weight: float = 15.0
    keep_prior: float = 0.2
    tortured: bool = True
    assume_spun: bool = False
    max_chars: int = 2_000_000
    max_passes: int = 3
    weak_margin: float = 1.0
    disabled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "disabled", frozenset(self.disabled))


# --------------------------------------------------------------------------------------------------
# The phrase tables


@dataclass(frozen=True)
class Entry:
    """One row of a phrase table: a spun phrase, its original(s), and when it applies."""

    spun: str
    originals: tuple[str, ...]
    kind: str
    status: str
    source: str
    line: int
    case: bool = False
    prev: frozenset[str] | None = None
    prev_not: frozenset[str] | None = None
    next: frozenset[str] | None = None
    next_not: frozenset[str] | None = None
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    doc: str | None = None
    doc_not: tuple[str, ...] | None = None
    both: bool = False

    @property
    def keep(self) -> bool:
        """An ambiguous entry keeps the spun form as a candidate: it may be the author's own word."""
        return self.status == "ambiguous"

    @property
    def conditional(self) -> bool:
        return any(
            x is not None
            for x in (
                self.prev,
                self.prev_not,
                self.next,
                self.next_not,
                self.before,
                self.after,
                self.doc,
                self.doc_not,
            )
        ) or (self.case and self.spun != self.spun.lower())

    @property
    def wants_context(self) -> bool:
        """Whether the entry needs something beside it (a word, a pattern, a phrase in the document)
        rather than only excluding some: a restoration nearby can make such a context hold."""
        return any(x is not None for x in (self.prev, self.next, self.before, self.after, self.doc))

    @property
    def where(self) -> str:
        return f"rules/spin/{self.source}:{self.line}"


def norm(text: str) -> str:
    """Lower-case without changing length, with ’ read as ' (so offsets stay valid).

    ``str.lower`` never shortens a character, so when the whole string keeps its length no character
    grew and the offsets hold (it differs from lowering one character at a time only in Greek final
    sigma, which no table key contains); otherwise fall back to one character at a time.

    >>> norm("Chilly BATTLE’s İ")
    "chilly battle's İ"
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("\u2019", "'")  # faster than translate for one character


def _parse_context(spec: str, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if spec in ("", "-"):
        return out
    for raw in spec.split(" && "):
        cond = raw.strip()
        if cond in ("case", "both"):
            out[cond] = True
            continue
        name, sep, value = cond.partition("=")
        if not sep or not value:
            raise RuleError(f"{where}: bad context condition {cond!r}")
        if name in ("prev", "next", "!prev", "!next"):
            words = frozenset(norm(w) for w in value.split("|") if w)
            if not words:
                raise RuleError(f"{where}: empty word list in {cond!r}")
            out[name.replace("!", "") + ("_not" if name.startswith("!") else "")] = words
        elif name in ("before", "after"):
            if name == "before" and not value.endswith("$"):
                raise RuleError(f"{where}: a before= pattern must end with $ (it is matched just before the phrase)")
            try:
                out[name] = re.compile(value)
            except re.error as exc:
                raise RuleError(f"{where}: {name}= pattern does not compile: {exc}") from exc
        elif name == "doc":
            out["doc"] = norm(value)
        elif name == "!doc":
            phrases = tuple(norm(w) for w in value.split("|") if w)
            if not phrases:
                raise RuleError(f"{where}: empty phrase list in {cond!r}")
            out["doc_not"] = phrases
        else:
            raise RuleError(f"{where}: unknown context condition {name!r}")
    return out


_ONE_WORD = re.compile(r"[A-Za-z]+")


def parse_table(lines: Iterable[tuple[int, list[str]]], source: str) -> list[Entry]:
    """Parse the rows of one table file (already split into five fields)."""
    n = functools.cache(norm)  # the same phrase is normalised several times a row
    entries: list[Entry] = []
    for number, fields in lines:
        where = f"rules/spin/{source}:{number}"
        spun, originals, kind, status, context = (f.strip() for f in fields)
        if not spun:
            raise RuleError(f"{where}: empty spun phrase")
        if kind not in KINDS:
            raise RuleError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        if status not in STATUSES:
            raise RuleError(f"{where}: status {status!r} is not one of {sorted(STATUSES)}")
        cands = tuple(o.strip() for o in originals.split("|"))
        if not cands or any(not c for c in cands):
            raise RuleError(f"{where}: empty original")
        if len(set(map(n, cands))) != len(cands):
            raise RuleError(f"{where}: the same original is listed twice")
        own = [c for c in cands if n(c) == n(spun)]
        if own and status != "ambiguous":
            raise RuleError(f"{where}: original equals the spun phrase (only an ambiguous entry keeps it)")
        cands = tuple(c for c in cands if n(c) != n(spun))
        if not cands:
            raise RuleError(f"{where}: no original other than the spun phrase itself")
        if status == "weak" and not all(_ONE_WORD.fullmatch(w) for w in (spun, *cands)):
            raise RuleError(f"{where}: a weak entry swaps one word for one word")
        ctx = _parse_context(context, where)
        if ctx.get("both") and status != "weak":
            raise RuleError(f"{where}: 'both' is a condition of weak entries only")
        entries.append(Entry(spun, cands, kind, status, source, number, **ctx))
    return entries


def validate(entries: Sequence[Entry]) -> None:
    """Refuse a table that would make restoration ambiguous or non-idempotent.

    No duplicate (spun phrase, context); no original that is itself an unconditional spun form of another
    entry (that would be a chain A->B->C, or with a B->A row a cycle: restoring twice would change more).
    Conditional entries (a context condition) may have an original that is a spun form elsewhere, but a
    direct A->B plus B->A cycle is refused for them too.
    """
    n = functools.cache(norm)  # each phrase is normalised several times over
    seen: dict[tuple[str, str], Entry] = {}
    unconditional: dict[str, Entry] = {}
    pairs: set[tuple[str, str]] = set()
    for e in entries:
        key = (n(e.spun) if not e.case else e.spun, repr(_ctx_key(e)))
        if key in seen:
            other = seen[key]
            raise RuleError(f"{e.where}: duplicate of {other.where} ({e.spun!r})")
        seen[key] = e
        if not e.conditional:
            unconditional.setdefault(n(e.spun), e)
        for o in e.originals:
            pairs.add((n(e.spun), n(o)))
    for e in entries:
        for o in e.originals:
            if (n(o), n(e.spun)) in pairs:
                raise RuleError(f"{e.where}: cycle {e.spun!r} -> {o!r} -> {e.spun!r}")
            spun_elsewhere = unconditional.get(n(o))
            if spun_elsewhere is not None and spun_elsewhere is not e:
                raise RuleError(
                    f"{e.where}: original {o!r} is itself a spun form ({spun_elsewhere.where}); "
                    "restoring twice would change it again"
                )


def _ctx_key(e: Entry) -> tuple[Any, ...]:
    return (
        e.case,
        e.prev,
        e.prev_not,
        e.next,
        e.next_not,
        e.before.pattern if e.before else None,
        e.after.pattern if e.after else None,
        e.doc,
        e.doc_not,
    )


@dataclass
class Tables:
    """All entries, grouped by normalised spun phrase, and an Aho-Corasick automaton over the phrases.

    The automaton does not hold the phrases as written but their *boundary forms*
    (:func:`_boundary_form`): every character other than an ASCII letter or digit becomes a space, and a
    phrase that starts (ends) with a letter or digit gets a space before (after) it.  Run over the
    document mapped the same way (:func:`_scan_text`), it reports only phrases that start and end on a
    word boundary, which is what a match needs, instead of every phrase inside every word ("2" in
    "2024", "yr" in "yrs").  Each hit is then checked exactly against the lower-cased document.

    The lone digits ("2" for "two": *inert* phrases, which add no evidence of spin, and a single token
    each) and the ``weak`` words ("workers" for "staff": weight 0, restored only in a flagged document)
    are in an automaton of their own, ``aside``, read only for a document that is flagged (see
    :func:`_with_aside`): the digits were a third of all hits, the weak words a tenth of the rest and a
    fifth of the matches chosen in clean news, and in a document that is not flagged none of them can
    change anything.
    """

    entries: list[Entry]
    by_key: dict[str, list[Entry]] = field(default_factory=dict)
    automaton: Any = None
    #: The automaton of the quiet phrases (:attr:`_Key.quiet`) that are one token of ASCII letters and
    #: digits: the lone digits and the weak words.
    aside: Any = None
    #: key -> its entries (each with whether it has a context condition to check) and what they can do.
    keys: dict[str, _Key] = field(default_factory=dict)
    #: (statuses, tortured) -> key -> the entries of its group allowed so (see :meth:`allowed`).
    _allowed: dict[tuple[frozenset[str], bool], _Allowed] = field(default_factory=dict)

    def allowed(self, statuses: frozenset[str], tortured: bool) -> _Allowed:
        """For each key, the (entry, conditional) pairs of its group, in table order, whose status is in
        ``statuses`` and, unless ``tortured``, that are not from tortured.tsv: what :func:`_entry_for`
        looks through, sorted out once per key (when first asked for) rather than at every hit."""
        found = self._allowed.get((statuses, tortured))
        if found is None:
            found = self._allowed[statuses, tortured] = _Allowed(self.keys, statuses, tortured)
        return found


class _Allowed(dict[str, tuple[tuple[Entry, bool], ...]]):
    """Key -> the (entry, conditional) pairs of its group that ``statuses`` and ``tortured`` allow, filled
    in as keys are asked for (a document meets a few hundred of the 9,000 keys)."""

    def __init__(self, keys: dict[str, _Key], statuses: frozenset[str], tortured: bool) -> None:
        super().__init__()
        self._keys = keys
        self._statuses = statuses
        self._tortured = tortured

    def __missing__(self, key: str) -> tuple[tuple[Entry, bool], ...]:
        statuses, tortured = self._statuses, self._tortured
        found = self[key] = tuple(
            (e, conditional)
            for e, conditional in self._keys[key].group
            if e.status in statuses and (tortured or e.source != "tortured.tsv")
        )
        return found


@dataclass(frozen=True, slots=True)
class _Key:
    """The entries of one normalised spun phrase, in table order, as matching needs them."""

    #: (entry, whether :func:`_context_holds` must be asked) for each entry.
    group: tuple[tuple[Entry, bool], ...]
    #: An impossible entry is among them (else the phrase never applies in a document not flagged).
    impossible: bool
    #: Every entry is a number (``kind`` number, not impossible): a match adds no evidence of spin.
    inert: bool
    #: Every entry is inert or ``weak`` (one ordinary word for another, restored only in a flagged
    #: document): a match adds no evidence of spin and changes nothing in a document not flagged.
    quiet: bool


#: ``bytes.translate`` table: ASCII letters (lower-cased) and digits stay, every other byte becomes a space.
_BOUNDARY_TABLE = bytes(
    b + 32 if 0x41 <= b <= 0x5A else b if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256)
)

#: The one character outside ASCII whose lower case is in ASCII (KELVIN SIGN, 'k').
_LOWERS_TO_ASCII = "\u212a"


def _scan_text(text: str, latin1: bytes | None = None) -> str:
    """``norm(text)`` with every character but an ASCII letter or digit made a space, padded with one
    space on each side (same length plus two, so offset ``i`` in it is ``i - 1`` in ``text``).
    ``latin1``: the text encoded as Latin-1 with '?' for the characters outside it (see
    :attr:`_Doc.latin1`), if already made; every byte outside ASCII becomes a space all the same.

    >>> _scan_text("It's İ 2,000")
    ' it s   2 000 '
    """
    if _LOWERS_TO_ASCII in text:
        text, latin1 = norm(text), None
    if latin1 is None:
        latin1 = text.encode("latin-1", "replace")
    return f" {latin1.translate(_BOUNDARY_TABLE).decode('ascii')} "


def _boundary_form(key: str) -> tuple[str, int]:
    """The automaton key for table phrase ``key`` and how many characters of it precede the phrase.

    A phrase that matches ``norm(text)`` on word boundaries always matches its boundary form in
    :func:`_scan_text` (the mapping is per character, and a non-alphanumeric neighbour maps to a space),
    so the automaton finds every true match; it may also find a few false ones (a non-ASCII letter
    next to the phrase, a different punctuation mark inside it), which :func:`scan` rejects.

    >>> _boundary_form("individuals's")
    (' individuals s ', 1)
    """
    lead = 1 if key[0].isalnum() else 0
    mapped = key.encode("ascii", "replace").translate(_BOUNDARY_TABLE).decode("ascii")
    return " " * lead + mapped + (" " if key[-1].isalnum() else ""), lead


@functools.cache
def load_tables(names: tuple[str, ...] = TABLES) -> Tables:
    """Load, validate and index the phrase tables (once per process)."""
    entries: list[Entry] = []
    for name in names:
        path = rules_path("spin", name)
        if not path.is_file():
            raise RuleError(f"rules/spin/{name} is missing")
        entries.extend(parse_table(read_tsv(path, columns=5), name))
    validate(entries)
    tables = Tables(entries)
    for e in entries:
        tables.by_key.setdefault(norm(e.spun), []).append(e)
    forms: dict[str, list[tuple[str, int, int, bool]]] = {}
    aside: dict[str, list[tuple[str, int, int, bool]]] = {}
    for key, group in tables.by_key.items():
        info = tables.keys[key] = _Key(
            group=tuple((e, _has_condition(e)) for e in group),
            impossible=any(e.status == "impossible" for e in group),
            inert=all(e.kind == "number" and e.status != "impossible" for e in group),
            quiet=all((e.kind == "number" and e.status != "impossible") or e.status == "weak" for e in group),
        )
        form, lead = _boundary_form(key)
        # A hit ending at i in the scan text starts the phrase at i - back in the document.  A phrase of
        # ASCII letters and digits only is the text itself wherever its form is found; any other must
        # be compared with the text.
        exact = key.isascii() and key.isalnum()
        # A phrase of one such token whose entries are all inert or weak goes aside: no other hit starts
        # inside it or at its start and ends before it, so whether it is chosen never changes which
        # other hits are; and it adds no evidence of spin (weight 0), so it cannot flag a document.
        (aside if exact and info.quiet else forms).setdefault(form, []).append((key, len(form) - lead, len(key), exact))
    tables.automaton = _automaton(forms)
    tables.aside = _automaton(aside)
    return tables


def _automaton(forms: dict[str, list[tuple[str, int, int, bool]]]) -> Any:
    """An Aho-Corasick automaton from each boundary form to its phrases (key, back, size, exact)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form, keys in forms.items():
        automaton.add_word(form, tuple(keys))
    automaton.make_automaton()
    return automaton


def _has_condition(e: Entry) -> bool:
    """Whether :func:`_context_holds` can be false for ``e`` (else a phrase match is enough)."""
    return e.case or not (
        e.prev is None
        and e.prev_not is None
        and e.next is None
        and e.next_not is None
        and e.before is None
        and e.after is None
        and e.doc is None
        and e.doc_not is None
    )


# --------------------------------------------------------------------------------------------------
# Word frequencies (symspellpy's English unigram and bigram counts)


@dataclass
class Counts:
    unigrams: dict[str, int]
    bigrams: dict[str, int]  # keyed by lexicon.pair(first, second)
    total: float
    floor: int  # the smallest bigram count listed: an absent bigram is rarer than this


@functools.cache
def load_counts() -> Counts:
    """symspellpy's ``frequency_dictionary_en_82_765.txt`` and ``frequency_bigramdictionary_en_243_342.txt``."""
    unigrams = lexicon.unigrams()
    bigrams = lexicon.bigrams()
    floor = min(bigrams.values(), default=1)
    return Counts(unigrams, bigrams, float(sum(unigrams.values())), floor)


def _lookup_word(token: str, *, side: str) -> str:
    """The part of a token to look up: lower-case, no possessive, the half of a hyphenated word nearest."""
    t = norm(token)
    if t.endswith("'s"):
        t = t[:-2]
    t = t.strip("'")
    if "-" in t:
        parts = [p for p in t.split("-") if p]
        if parts:
            t = parts[-1] if side == "left" else parts[0]
    return t


def _association(counts: Counts, a: str | None, b: str | None) -> float:
    """How much more often ``a b`` occurs than chance: P(b | a) / P(b), from the bigram counts.

    An unlisted bigram is rarer than the list's floor, so its ratio is capped below the floor's; unknown
    words (or no neighbour) give 1.0, no evidence either way.  Using the ratio rather than P(b | a) keeps
    a candidate's own frequency out of the comparison: the table order is the prior for that.
    """
    if a is None or b is None:
        return 1.0
    ca = counts.unigrams.get(a)
    cb = counts.unigrams.get(b)
    if not ca or not cb:
        return 1.0
    expected = ca * cb / counts.total
    n = counts.bigrams.get(lexicon.pair(a, b))
    if n is None:
        return min(1.0, counts.floor * 0.5 / expected)
    return n / expected


def _evidence(association: float) -> float:
    """Log-evidence from one neighbour, damped: the bigram list is sparse (only very common pairs), so a
    listed pair is strong but not overwhelming evidence, and an unlisted one is weak evidence against."""
    return 0.5 * math.log(min(20.0, max(0.05, association)))


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass
class Match:
    start: int
    end: int
    entry: Entry


def _word_before(text: str, start: int) -> tuple[str, bool]:
    """The word just before ``start`` (same line, spaces only in between), and whether it is capitalised.

    Returns ``("^", False)`` when punctuation, a line break or the start of the text comes first.
    """
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’-."):
        j -= 1
    word = text[j:i].rstrip(".")
    while word and word[0] in "'’-":
        word = word[1:]
    if not word or (i == start and start > 0 and text[start - 1].isalnum()):
        return "^", False
    return word, word[:1].isupper()


def _word_after(text: str, end: int) -> tuple[str, bool]:
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "'’-"):
        j += 1
    word = text[i:j].rstrip("'’-")
    if not word:
        return "^", False
    return word, word[:1].isupper()


def _word_matches(word: str, cap: bool, allowed: frozenset[str]) -> bool:
    w = norm(word)
    if w in allowed:
        return True
    if "#poss" in allowed and (w.endswith("'s") or (w.endswith("s'") and len(w) > 2)):
        return True
    if "#num" in allowed and w.replace(",", "").replace(".", "").isdigit():
        return True
    return "#cap" in allowed and cap


class _Doc:
    """A document being matched: its text, and its :func:`norm` form, made only if a condition needs it;
    its Latin-1 bytes and scan text, made once for the automata and the word count."""

    __slots__ = ("_latin1", "_lowered", "_scanned", "mentions", "text")

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        #: The spans of table phrases named in quotation marks, not used (:func:`_drop_mentions`).
        self.mentions: list[tuple[int, int]] = []
        self._lowered = lowered
        self._latin1: bytes | None = None
        self._scanned: str | None = None

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = norm(self.text)
        return self._lowered

    @property
    def latin1(self) -> bytes:
        """The text as Latin-1, '?' for each character outside it: one pass serves :func:`_scan_text`
        and :func:`count_words`."""
        if self._latin1 is None:
            self._latin1 = self.text.encode("latin-1", "replace")
        return self._latin1

    @property
    def scanned(self) -> str:
        """:func:`_scan_text` of the text, for every automaton read over it."""
        if self._scanned is None:
            self._scanned = _scan_text(self.text, self.latin1)
        return self._scanned

    def phrase_at(self, key: str, start: int, end: int) -> bool:
        """Whether ``norm(text)[start:end] == key``, without lower-casing the whole text.

        Lower-casing a slice gives the same characters as lower-casing the whole text, save Greek
        sigma (final or not, by its neighbours); a key with a sigma is compared with the whole text.
        """
        if self._lowered is not None or "σ" in key or "ς" in key:
            return self.lowered.startswith(key, start)
        return norm(self.text[start:end]) == key


def _context_holds(e: Entry, doc: _Doc, start: int, end: int) -> bool:
    text = doc.text
    if e.case and text[start:end].translate(_APOSTROPHES) != e.spun.translate(_APOSTROPHES):
        return False
    if e.prev is not None or e.prev_not is not None:
        word, cap = _word_before(text, start)
        if e.prev is not None and not _word_matches(word, cap, e.prev):
            return False
        if e.prev_not is not None and _word_matches(word, cap, e.prev_not):
            return False
    if e.next is not None or e.next_not is not None:
        word, cap = _word_after(text, end)
        if e.next is not None and not _word_matches(word, cap, e.next):
            return False
        if e.next_not is not None and _word_matches(word, cap, e.next_not):
            return False
    if e.before is not None and not e.before.search(text[max(0, start - 80) : start]):
        return False
    if e.after is not None and not e.after.match(text[end : end + 120]):
        return False
    if e.doc_not is not None and any(p in doc.lowered for p in e.doc_not):
        return False
    return not (e.doc is not None and e.doc not in doc.lowered)


def scan(doc: _Doc, tables: Tables) -> list[tuple[int, int, str]]:
    """Every table phrase in the document on word boundaries, compared after :func:`norm`: (start,
    end, key), in leftmost-longest order (by start, the longer first).

    One automaton pass over the boundary-mapped document (see :class:`Tables`), and one of the
    ``aside`` automaton if the tables have it; each hit is checked against the text and its boundaries
    exactly.  (Lower-casing keeps every character's ``isalnum``, so the boundaries are read in the text
    itself.)
    """
    keys = getattr(tables, "keys", None)
    hits = _scan(doc, tables.automaton, keys)
    aside = getattr(tables, "aside", None)
    if aside is not None:
        more = _scan(doc, aside, keys)
        if more:
            hits = sorted(hits + more, key=_leftmost_longest)
    return hits


def _scan(doc: _Doc, automaton: Any, table_keys: dict[str, _Key] | None = None) -> list[tuple[int, int, str]]:
    """The hits of one automaton's phrases (see :func:`scan`), in leftmost-longest order; with ``table_keys``,
    none named in quotation marks or inside a phrase so named (:func:`_drop_mentions`)."""
    text = doc.text
    hits: list[tuple[int, int, str]] = []
    n = len(text)
    for end_idx, keys in automaton.iter(doc.scanned):
        for key, back, size, exact in keys:
            start = end_idx - back
            end = start + size
            if not exact and not doc.phrase_at(key, start, end):
                continue
            if start > 0 and key[0].isalnum() and text[start - 1].isalnum():
                continue
            if end < n and key[-1].isalnum() and text[end].isalnum():
                continue
            hits.append((start, end, key))
    hits.sort(key=_leftmost_longest)
    return hits if table_keys is None else _drop_mentions(doc, hits, table_keys)


def _drop_mentions(doc: _Doc, hits: list[tuple[int, int, str]], keys: dict[str, _Key]) -> list[tuple[int, int, str]]:
    """``hits`` without those named in quotation marks (:func:`_mentioned`) and those inside them ("chilly"
    in a named "chilly battle"): neither evidence of spin nor restored.  The spans found are kept on the
    document, so the ``aside`` phrases read later are left out inside them too."""
    text = doc.text
    spans = doc.mentions
    for start, end, k in hits:
        if start > 0 and text[start - 1] in _QUOTE_PAIRS and _mentioned(doc, start, end, keys[k]):
            spans.append((start, end))
    if not spans:
        return hits
    spans.sort()
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end of the spans so far
    kept = []
    for h in hits:
        i = bisect.bisect_right(starts, h[0]) - 1
        if i < 0 or reach[i] < h[1]:
            kept.append(h)
    return kept


def _mentioned(doc: _Doc, start: int, end: int, key: _Key) -> bool:
    """Whether the phrase at ``start:end`` (after an opening quotation mark) is named, not used: it is the
    whole of a quotation (a comma or full stop may close it inside the marks) and its line also holds an
    original of the phrase (within :data:`_MENTION_REACH` characters), as where a piece on spinners or
    jargon writes 'a "cold war" becomes a "chilly battle"' or '"irregular woodland" for "random forest"'.
    Such a hit is neither evidence of spin nor restored.  A quoted phrase alone is not enough: news quotes
    a source's words ('a "key moment"'), and a spinner rewrites inside the marks ('a "key second"'), with
    the original nowhere near."""
    text = doc.text
    closing = _QUOTE_PAIRS[text[start - 1]]
    after = text[end : end + 1]
    if after and after in ",.":
        after = text[end + 1 : end + 2]
    if not after or after not in closing:
        return False
    # Within its line, and at most _MENTION_REACH characters either side: a cost bounded per hit, also in a
    # document of one long line.
    lo = max(text.rfind("\n", max(0, start - _MENTION_REACH), start) + 1, start - _MENTION_REACH)
    hi = text.find("\n", end, end + _MENTION_REACH)
    line = norm(text[lo : min(len(text), end + _MENTION_REACH) if hi < 0 else hi])
    for e, _ in key.group:
        for o in e.originals:
            o = norm(o)
            if o in line and re.search(rf"(?<!\w){re.escape(o)}(?!\w)", line):
                return True
    return False


def _leftmost_longest(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0], hit[0] - hit[1]


def _entry_for(key: _Key, doc: _Doc, start: int, end: int, statuses: frozenset[str], tortured: bool) -> Entry | None:
    """The first entry of a phrase (in table order) that is allowed here and whose context holds."""
    for e, conditional in key.group:
        if (
            e.status in statuses
            and (tortured or e.source != "tortured.tsv")
            and (not conditional or _context_holds(e, doc, start, end))
        ):
            return e
    return None


def _select(
    hits: Sequence[tuple[int, int, str]],
    doc: _Doc,
    tables: Tables,
    *,
    statuses: frozenset[str],
    tortured: bool,
    defer_inert: bool = False,
) -> tuple[list[Match], list[tuple[int, int, str]]]:
    """The matches among ``hits`` (in :func:`scan` order): each hit with an entry that holds, unless it
    overlaps a match chosen before it (leftmost-longest, non-overlapping).

    A context is only checked for a hit that could still be chosen.  With ``defer_inert``, an *inert*
    hit (a number: it adds no evidence) that overlaps no other hit is not checked at all but returned
    apart: whether it holds changes neither the other matches nor the spin score, only what a flagged
    document restores (see :func:`_with_deferred`).
    """
    keys = tables.keys
    allowed = tables.allowed(statuses, tortured)
    kept: list[Match] = []
    deferred: list[tuple[int, int, str]] = []
    pos = 0  # the end of the last match kept
    reach = 0  # the furthest end of any hit so far
    last = len(hits) - 1
    for i, hit in enumerate(hits):
        start, end, k = hit
        if start < pos:
            if end > reach:
                reach = end
            continue
        if defer_inert and keys[k].inert and reach <= start and (i == last or hits[i + 1][0] >= end):
            deferred.append(hit)
        else:
            # :func:`_entry_for`, inlined (it is asked at nearly every hit)
            for e, conditional in allowed[k]:
                if not conditional or _context_holds(e, doc, start, end):
                    kept.append(Match(start, end, e))
                    pos = end
                    break
        if end > reach:
            reach = end
    return kept, deferred


def _with_deferred(
    kept: list[Match], deferred: Sequence[tuple[int, int, str]], doc: _Doc, tables: Tables, tortured: bool
) -> list[Match]:
    """``kept`` plus the deferred hits (which overlap nothing) whose entry holds, in order."""
    if not deferred:
        return kept
    more = []
    for start, end, k in deferred:
        e = _entry_for(tables.keys[k], doc, start, end, STATUSES, tortured)
        if e is not None:
            more.append(Match(start, end, e))
    return sorted(kept + more, key=lambda m: m.start) if more else kept


def _with_aside(kept: list[Match], doc: _Doc, tables: Tables, tortured: bool) -> list[Match]:
    """``kept`` (the matches among all the other hits) plus each hit of the ``aside`` automaton that
    overlaps none of them and whose entry holds, in order: what selecting among all hits at once gives.

    An aside phrase is one token of ASCII letters and digits, so no other hit starts inside it, nor at
    its start and ends sooner: it is left out exactly when a kept match covers its start, and choosing
    it never keeps another hit out.  Two aside hits never overlap.
    """
    hits = _scan(doc, tables.aside, tables.keys)
    if not hits:
        return kept
    keys = tables.keys
    more = []
    j = 0
    for start, end, k in hits:
        while j < len(kept) and kept[j].end <= start:
            j += 1
        if j < len(kept) and kept[j].start < end:
            continue
        e = _entry_for(keys[k], doc, start, end, STATUSES, tortured)
        if e is not None:
            more.append(Match(start, end, e))
    return sorted(kept + more, key=lambda m: m.start) if more else kept


def find_matches(text: str, tables: Tables, *, statuses: frozenset[str], tortured: bool = True) -> list[Match]:
    """Every table phrase found on word boundaries whose context holds, leftmost-longest, non-overlapping."""
    doc = _Doc(text)
    return _select(scan(doc, tables), doc, tables, statuses=statuses, tortured=tortured)[0]


# --------------------------------------------------------------------------------------------------
# Choosing among candidates, and writing them with the right case


_VOWEL_EXCEPTIONS = ("uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ubiq", "uk", "us ", "ukr")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def starts_with_vowel_sound(word: str) -> bool:
    """Rough a/an test: 'an architecture', 'a more', 'an hour', 'a university'."""
    w = word.lower().lstrip(_QUOTES_OPEN)
    if not w:
        return False
    if w.startswith(_SILENT_H):
        return True
    if w.startswith(_VOWEL_EXCEPTIONS):
        return False
    if w[0].isdigit():
        return w[0] == "8" or w.startswith(("11", "18"))
    return w[0] in "aeio" or (w[0] == "u" and not w.startswith(_VOWEL_EXCEPTIONS))


def _article_before(text: str, start: int) -> str | None:
    """'a' or 'an' if that article stands just before ``start`` (an opening quote may sit in between)."""
    i = start
    while i > 0 and (text[i - 1] in " \t" or text[i - 1] in _QUOTES_OPEN):
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i].lower()
    if word in ("a", "an") and (j == 0 or not text[j - 1].isalnum()):
        return word
    return None


def match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation and apostrophe style of ``source``.

    >>> match_case("Chilly Battle", "cold war")
    'Cold War'
    >>> match_case("Nonetheless", "however")
    'However'
    >>> match_case("Individuals’s", "People's")
    'People’s'
    """
    if "\u2019" in source:
        replacement = replacement.replace("'", "\u2019")
    elif "'" in source:
        replacement = replacement.replace("\u2019", "'")
    if source.isascii() and source.islower():
        # Most phrases: no capital in the source (and a letter), so every step below returns the
        # replacement as it is, without reading the source a character at a time.
        return replacement
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if any(c.isupper() for c in replacement):
        return replacement  # a name keeps the capitals the table gives it
    if not letters or not source.lstrip(_QUOTES_OPEN)[:1].isupper():
        return replacement
    words = [w for w in source.split() if w[:1].isalpha()]
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    return replacement[:1].upper() + replacement[1:]


@dataclass
class Choice:
    text: str
    candidates: tuple[str, ...]
    confidence: float


def choose(
    m: Match,
    text: str,
    *,
    left: str | None,
    right: str | None,
    options: Options,
    flagged: bool,
) -> Choice:
    """Pick the original for one match from its neighbours' bigram counts, the article, and the table order."""
    e = m.entry
    spun_text = text[m.start : m.end]
    cands: list[tuple[str, float]] = [(c, 1.0 / (1 + i)) for i, c in enumerate(e.originals)]
    if e.keep and flagged:
        cands.append((spun_text, options.keep_prior))
    if len(cands) == 1:
        conf = 0.98 if e.status == "impossible" else (0.9 if e.status == "spun" else 0.8)
        return Choice(match_case(spun_text, cands[0][0]), (cands[0][0],), conf)
    article = _article_before(text, m.start)
    scores: list[float] = []
    for cand, prior in cands:
        first, last, vowel = _candidate_words(cand)
        s = math.log(prior)
        s += _neighbour_evidence(left, first)
        s += _neighbour_evidence(last, right)
        if article is not None and (article == "an") != vowel:
            s += math.log(0.01)
        scores.append(s)
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    best = max(range(len(cands)), key=lambda i: scores[i])
    confidence = weights[best] / sum(weights)
    chosen = cands[best][0]
    shown = tuple(c for c, _ in cands)
    if chosen == spun_text:
        return Choice(spun_text, shown, confidence)
    return Choice(match_case(spun_text, chosen), shown, confidence)


def document_words(text: str) -> set[str]:
    """The lower-cased words of a document (runs of ASCII letters), for :func:`choose_weak`."""
    return set(_LETTERS.findall(text.lower()))


_LETTERS = re.compile(r"[a-z]+")


def choose_weak(
    m: Match, text: str, *, left: str | None, right: str | None, options: Options, words: set[str]
) -> Choice:
    """Keep an ordinary word unless the document and its neighbours say it is the spinner's.

    A ``weak`` entry's spun word ("workers" for staff, "city" for town) is common English, more often
    the author's than the spinner's, so keeping it is the default and an original must win on evidence:

    * the spinner applies its thesaurus to the whole document, so a document that also has an original
      in its own right has most likely not had that word swapped (and its author uses that word): that
      original is no candidate (the real spinner is not always consistent, so this only holds back);
    * an original is chosen only where its bigrams with the neighbours beat the word's own by more than
      ``Options.weak_margin`` (table order and a/an agreement count as in :func:`choose`);
    * an entry with the condition ``both`` (an ordinary word that is an author's own in many more
      collocations, "stage" for level) takes an original only where it beats the word on each
      neighbour, not only in sum: "its highest stage since" -> level ("highest level" and "level since"
      are listed pairs, "highest stage" and "stage since" are not), but "a national stage" stays.
    """
    spun_text = text[m.start : m.end]
    spun = spun_text.lower()
    keep_left, keep_right = _neighbour_evidence(left, spun), _neighbour_evidence(spun, right)
    keep = keep_left + keep_right
    article = _article_before(text, m.start)
    best, best_score = "", -math.inf
    for i, cand in enumerate(m.entry.originals):
        word = cand.lower()
        if word in words:
            continue
        s = math.log(1.0 / (1 + i))
        cand_left, cand_right = _neighbour_evidence(left, word), _neighbour_evidence(word, right)
        if m.entry.both and not (cand_left > keep_left and cand_right > keep_right):
            continue
        s += cand_left + cand_right
        if article is not None and (article == "an") != starts_with_vowel_sound(word):
            s += math.log(0.01)
        if s > best_score:
            best, best_score = cand, s
    shown = (*m.entry.originals, spun_text)
    if not best:
        return Choice(spun_text, shown, 1.0)
    if best_score - keep <= options.weak_margin:
        return Choice(spun_text, shown, 1.0 / (1.0 + math.exp(best_score - keep)))
    return Choice(match_case(spun_text, best), shown, 1.0 / (1.0 + math.exp(keep - best_score)))


@functools.lru_cache(maxsize=1 << 14)
def _candidate_words(cand: str) -> tuple[str, str, bool]:
    """A candidate's first word as looked up after a neighbour, its last word as looked up before one,
    and whether it starts with a vowel sound (remembered: the same few thousand originals come back)."""
    words = cand.split()
    return _lookup_word(words[0], side="right"), _lookup_word(words[-1], side="left"), starts_with_vowel_sound(words[0])


@functools.lru_cache(maxsize=1 << 15)
def _neighbour_evidence(a: str | None, b: str | None) -> float:
    """``_evidence(_association(load_counts(), a, b))``, remembered for the pairs that come back."""
    return _evidence(_association(load_counts(), a, b))


def _neighbour_words(
    text: str,
    matches: Sequence[Match],
    i: int,
    chosen: Sequence[str | None],
    disabled: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None]:
    """The words on each side of match ``i`` for the bigram lookup, using restored text where known (a
    match whose rule is in ``disabled`` stays as it stands, and is read so)."""
    m = matches[i]
    left: str | None
    right: str | None
    if i > 0 and chosen[i - 1] is not None and text[matches[i - 1].end : m.start].strip(" \t") == "":
        left = _candidate_words(chosen[i - 1])[1]  # type: ignore[arg-type]
    else:
        w, _ = _word_before(text, m.start)
        left = None if w == "^" else _lookup_word(w, side="left")
    if (
        i + 1 < len(matches)
        and matches[i + 1].entry.status != "weak"  # a weak entry's word mostly stays: read it as it is
        and not (disabled and _off(matches[i + 1].entry, disabled))
        and text[m.end : matches[i + 1].start].strip(" \t") == ""
    ):
        nxt = matches[i + 1]
        right = _candidate_words(nxt.entry.originals[0])[0]
    else:
        w, _ = _word_after(text, m.end)
        right = None if w == "^" else _lookup_word(w, side="right")
    return left, right


# --------------------------------------------------------------------------------------------------
# The stage


def spin_score(evidence: float, words: int) -> float:
    """Evidence per 1,000 words."""
    return 1000.0 * evidence / max(words, 1)


_ASCII_BYTES = bytes(range(128))
#: ``bytes.translate`` tables over Latin-1 for :func:`count_words`: a word character (``\w``: a letter,
#: a digit or '_') becomes 'a', any other a space; in the second, '?' (the stand-in for a character
#: outside Latin-1) is a word character.
_LATIN1_WORDS = bytes(0x61 if chr(b).isalnum() or b == 0x5F else 0x20 for b in range(256))
_LATIN1_WORDS_Q = _LATIN1_WORDS[: ord("?")] + b"a" + _LATIN1_WORDS[ord("?") + 1 :]


def count_words(text: str, latin1: bytes | None = None) -> int:
    r"""The number of words, as ``len(re.findall(r"\w+", text))`` counts them, without building them.

    ``\w`` is a letter, digit or '_' (``str.isalnum`` or '_', for every code point).  The text is
    encoded as Latin-1, one byte a character, its bytes mapped to 'a' (word) or space, and the word
    starts (" a") counted.  A character outside Latin-1 is encoded as '?': the few distinct ones in a
    document are classified one by one, and those of the smaller class (word or not) are first
    replaced by a plain stand-in, so that every '?' left stands for the other class.  ``latin1``: the
    text already encoded so (:attr:`_Doc.latin1`), used where nothing had to be replaced.

    >>> count_words("Chilly Battle’s 2,000 é_t — ok? œuvre")
    8
    """
    if text.isascii():
        mapped = (latin1 or text.encode("ascii")).translate(_LATIN1_WORDS)
    else:
        nonascii = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        wide = {c for c in set(nonascii.decode("utf-8", "surrogatepass")) if c > "\xff"}
        word = [c for c in wide if c.isalnum()]
        if len(word) * 2 <= len(wide):
            if word or latin1 is None:
                for c in word:
                    text = text.replace(c, "a")
                latin1 = text.encode("latin-1", "replace")
            mapped = latin1.translate(_LATIN1_WORDS)
        else:
            for c in wide.difference(word):
                text = text.replace(c, " ")
            mapped = text.replace("?", " ").encode("latin-1", "replace").translate(_LATIN1_WORDS_Q)
    return mapped.count(b" a") + mapped.startswith(b"a")


_WEIGHTS: dict[tuple[str, int], float] = {}


def _phrase_count(counts: Counts, phrase: str) -> float:
    words = [_lookup_word(w, side="left") for w in phrase.split()]
    if len(words) == 1:
        return float(counts.unigrams.get(words[0], 1))
    return float(min(counts.bigrams.get(lexicon.pair(a, b), counts.floor * 0.5) for a, b in itertools.pairwise(words)))


def entry_weight(e: Entry) -> float:
    """Evidence of spin from one spun form: log(1 + count(original) / count(spun)), at most 6.

    "mentioned" for "said" weighs 3, "individuals" for "people" 2.6, "points" for "issues" 1; digits
    and impossible phrases are counted apart (digits not at all: clean news has plenty).
    """
    key = (e.source, e.line)
    w = _WEIGHTS.get(key)
    if w is None:
        if e.kind == "number" or e.status in ("impossible", "weak"):
            w = 0.0
        else:
            counts = load_counts()
            original = max(_phrase_count(counts, o) for o in e.originals)
            w = min(6.0, math.log1p(original / _phrase_count(counts, e.spun)))
        _WEIGHTS[key] = w
    return w


def detect(text: str, matches: Sequence[Match], options: Options, latin1: bytes | None = None) -> dict[str, Any]:
    """Score a document's spin from the table phrases found in it (all statuses).  ``latin1``: see
    :func:`count_words`."""
    markers = sum(1 for m in matches if m.entry.status == "impossible")
    # Each distinct entry once, in the order first found (the order the weights are summed in).
    soft = {id(m.entry): m.entry for m in matches if m.entry.status != "impossible"}
    evidence = options.marker_weight * markers + sum(entry_weight(e) for e in soft.values())
    score = spin_score(evidence, count_words(text, latin1)) if evidence else 0.0
    spun = options.assume_spun or (
        evidence >= options.min_evidence
        and (score >= options.threshold or (markers > 0 and score >= options.marker_threshold))
    )
    return {"spin_score": round(score, 3), "spun": spun, "spin_markers": markers}


def _reason(e: Entry, before: str, after: str, flagged: bool) -> str:
    why = {
        "impossible": "phrase that does not occur in clean English",
        "spun": "spinner substitution (document flagged as spun)",
        "ambiguous": "spinner substitution chosen by context (document flagged as spun)",
        "weak": "ordinary-word swap, the neighbours favour the original by a wide margin (document flagged as spun)",
    }[e.status]
    return f"{why}: {before!r} -> {after!r} ({e.where})"


def apply(text: str, options: Options) -> StageOutput:
    """Detect spin, then restore: every entry in a spun document, only impossible phrases otherwise."""
    if len(text) > options.max_chars:
        return StageOutput(text, [], {"despin_skipped": f"over {options.max_chars:,} characters"})
    tables = load_tables()
    # The word counts weigh the evidence of nearly every document: load them with the tables, on the
    # first document, rather than in the middle of whichever document first needs them.
    load_counts()
    doc = _Doc(text)
    hits = _scan(doc, tables.automaton, tables.keys)  # the aside phrases only once the document is flagged
    tortured = options.tortured
    matches, deferred = _select(hits, doc, tables, statuses=STATUSES, tortured=tortured, defer_inert=True)
    meta = detect(text, matches, options, doc.latin1)
    flagged = bool(meta["spun"])
    if flagged:
        matches = _with_aside(_with_deferred(matches, deferred, doc, tables, tortured), doc, tables, tortured)
    elif matches:
        # Only impossible phrases apply: the same hits, those whose phrase has an impossible entry.
        keys = tables.keys
        hits = [h for h in hits if keys[h[2]].impossible]
        matches = _select(hits, doc, tables, statuses=_IMPOSSIBLE, tortured=tortured)[0] if hits else []
    if not matches:
        return StageOutput(text, [], meta)
    edits = _restore(text, matches, options, flagged)
    out = apply_edits(text, edits)
    if flagged:
        # A context is read in the spun text: "each" is "both" before a plural, but not before
        # "international locations", which only becomes "countries" in the same pass.  Later passes
        # over the restored text take only entries that need a context, found where no earlier pass
        # matched anything, so what a pass restored or chose to keep is not chosen again (and a
        # restored neighbour cannot lift an exclusion written against the spun one).
        seen = [(m.start, m.end) for m in matches]
        step_edits = edits
        for step in range(1, options.max_passes):
            seen = _moved(seen, step_edits)
            overlaps = _overlap_test(seen)
            more = [
                m
                for m in find_matches(out, tables, statuses=STATUSES, tortured=tortured)
                if m.entry.wants_context and not overlaps(m)
            ]
            step_edits = [replace(e, step=step) for e in _restore(out, more, options, flagged)] if more else []
            if not step_edits:
                break
            edits.extend(step_edits)
            out = apply_edits(out, step_edits)
            seen.extend((m.start, m.end) for m in more)
    meta["spin_restored"] = len(edits)
    return StageOutput(out, edits, meta)


def _restore(text: str, matches: Sequence[Match], options: Options, flagged: bool) -> list[Edit]:
    """An edit for each match whose chosen original differs from the text."""
    edits: list[Edit] = []
    chosen: list[str | None] = [None] * len(matches)
    words: set[str] | None = None  # the document's words, for weak entries
    disabled = options.disabled
    for i, m in enumerate(matches):
        if disabled and _off(m.entry, disabled):
            chosen[i] = text[m.start : m.end]
            continue
        left, right = _neighbour_words(text, matches, i, chosen, disabled)
        if m.entry.status == "weak":
            if words is None:
                words = document_words(text)
            choice = choose_weak(m, text, left=left, right=right, options=options, words=words)
        else:
            choice = choose(m, text, left=left, right=right, options=options, flagged=flagged)
        chosen[i] = choice.text
        before = text[m.start : m.end]
        if choice.text == before:
            continue
        edits.append(
            Edit(
                stage=NAME,
                rule=f"{m.entry.source.removesuffix('.tsv')}.{m.entry.status}",
                start=m.start,
                end=m.end,
                before=before,
                after=choice.text,
                reason=_reason(m.entry, before, choice.text, flagged),
                confidence=round(choice.confidence, 3),
                candidates=choice.candidates,
            )
        )
    return edits


def _off(e: Entry, disabled: frozenset[str]) -> bool:
    """Whether ``e``'s rule (``news.spun``) or its table (``news``) is switched off."""
    table = e.source.removesuffix(".tsv")
    return table in disabled or f"{table}.{e.status}" in disabled


def _moved(spans: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where ``spans`` of a text lie once ``edits`` are applied (each edit lies inside a span or
    outside all of them): every edit that ends by a span's start or end moves it by the length it
    added or removed.  (Sorted ends and running sums: summing the edits for each span was quadratic, and
    a spun document of 5,000 phrases took 10 s.)"""
    shifts = sorted((e.end, len(e.after) - (e.end - e.start)) for e in edits)
    ends = [end for end, _ in shifts]
    total = [0, *itertools.accumulate(delta for _, delta in shifts)]  # total[k]: the first k edits
    return [(a + total[bisect.bisect_right(ends, a)], b + total[bisect.bisect_right(ends, b)]) for a, b in spans]


def _overlap_test(spans: Sequence[tuple[int, int]]) -> Callable[[Match], bool]:
    """A test of whether a match overlaps any of ``spans``: among the spans that start before the match
    ends, the furthest end must pass its start (a bisection, not a look at every span for every match)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    furthest = list(itertools.accumulate((b for _, b in ordered), max))

    def overlaps(m: Match) -> bool:
        k = bisect.bisect_left(starts, m.end)
        return k > 0 and furthest[k - 1] > m.start

    return overlaps


def iter_entries() -> Iterator[Entry]:
    """Every loaded entry (for tests and the benchmark)."""
    yield from load_tables().entries


def prepare(options: Options) -> None:
    """Load the phrase tables and the word counts now (see :func:`textmend.stages.prepare`)."""
    load_tables()
    load_counts()
