"""Stage 'typography': spacing around quotes and brackets, odd hyphens and spaces.

Scrapers that rebuild text from HTML move quote marks and brackets to the wrong side of a space:
``a long” Joint Statement” stating`` (an opening quote written as a closing one, before the space) and
``dominance( as they saw it ) of``.  Each rule here fires only on a shape clean English does not have, so
clean text passes through unchanged.  Curly quotes, dashes and currency signs stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textmend.edits import EditCollector, StageOutput, to_fixpoint

NAME = "typography"

# A closing quote glued to the word before and followed by a space, then a short quoted span closed by
# another closing quote (or a double prime, which scrapers use for one): ``long” Joint Statement”``.
# The pattern starts with the quote itself and looks back past it (``”(?<=[\w,;:]”)``, the same test as
# a lookbehind before it), so that the regex engine skips to each quote instead of trying every position.
_MISPLACED_OPENER = re.compile(r"”(?<=[\w,;:]”)[ \t]+(?=[^\s“”″])([^\n“”″]{1,120}?[^\s“”″])[”″](?=[\s.,;:!?)\]—–-]|$)")
# Round brackets padded inside: ``( as they saw it )``.
_PADDED_PARENS = re.compile(r"(?P<before>\w?)\((?P<inner>[ \t]*[^()\n]{1,300}?[ \t]*)\)")
_NB_HYPHEN = "\u2011"
#: Invisible characters the ``invisible_character`` rule removes: soft hyphen, zero-width space, BOM.  The
#: encoding stage reads lines through them (``encoding.fix_mojibake_seen_through``), so it uses this set.
INVISIBLE_CHARS = "\u00ad\u200b\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# A no-break space that is not French typography (before : ; ! ? » or after «) and not indentation.
_NBSP = re.compile(r"(?<![«\s])\u00a0(?![:;!?»\s])")
_SPACE_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_TRAILING = re.compile(r"[ \t\u00a0]+(?=\r?\n|\Z)")
# A space before a comma, after a word and before a space or line end: "the deal , which".
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\W\d])[ \t]+(?=,(?:[ \t]|\r?$))", re.MULTILINE)


@dataclass(frozen=True)
class Options:
    """Options for the typography stage (each a rule that can be switched off)."""

    quotes: bool = True
    brackets: bool = True
    hyphens: bool = True
    invisible: bool = True
    no_break_spaces: bool = True
    spaces: bool = True
    disabled: frozenset[str] = frozenset()


def _quotes(c: EditCollector) -> None:
    text = c.text
    pos = 0
    while (m := _MISPLACED_OPENER.search(text, pos)) is not None:
        pos = m.end()
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        # The first mark must not be closing a quote opened earlier on the line; if it is, the next
        # closing mark may still start a misplaced pair, so search again from just after it.
        if before.count("“") > before.count("”"):
            pos = m.start() + 1
            continue
        inner = m.group(1)
        if len(inner.split()) > 15:
            continue
        c.add(
            m.start(),
            m.end(),
            f" “{inner}”",
            rule="misplaced_opening_quote",
            reason="opening quote written as a closing one before the space",
        )


def _brackets(c: EditCollector) -> None:
    for m in _PADDED_PARENS.finditer(c.text):
        inner = m.group("inner")
        stripped = inner.strip(" \t")
        if not stripped or stripped == inner:
            continue
        before = m.group("before")
        # Only after an ASCII letter: a space after "Â" would turn it into mojibake of a no-break space.
        glued = bool(before) and before.isascii() and before.isalpha()
        start = m.start() + len(before)
        after = f" ({stripped})" if glued else f"({stripped})"
        c.add(start, m.end(), after, rule="padded_brackets", reason="spaces inside brackets, none before")


def _has_trailing_space(text: str) -> bool:
    """A space, tab or no-break space before a line break (" \r\n" holds " \r", so "\r" covers it).

    A two-character search costs several times a one-character one, so a pair is looked for only when
    its rarer character is in the text: the same answer.
    """
    if " \n" in text:
        return True
    if "\t" in text and "\t\n" in text:
        return True
    if "\u00a0" in text and "\u00a0\n" in text:
        return True
    return "\r" in text and (" \r" in text or "\t\r" in text or "\u00a0\r" in text)


def _may_pad_brackets(text: str) -> bool:
    """Whether the text holds a bracket padded inside ("( ", " )", "(\t" or "\t)"), which
    :func:`_brackets` needs to act.

    Brackets are few, so looking at the character after each "(" and before each ")" (found with the
    one-character ``str.find``) is faster than searching the text for each two-character sign.
    """
    if "(" not in text or ")" not in text:
        return False  # _PADDED_PARENS needs both
    find = text.find
    i = find("(")
    while i >= 0:
        if text[i + 1 : i + 2] in (" ", "\t"):
            return True
        i = find("(", i + 1)
    i = find(")")
    while i >= 0:
        if i and text[i - 1] in " \t":
            return True
        i = find(")", i + 1)
    return False


def apply(text: str, options: Options) -> StageOutput:
    """Run the rules to a fixpoint: one repair can expose another (a padded bracket hiding a run of spaces)."""
    return to_fixpoint(lambda t: _once(t, options), text)


def _once(text: str, options: Options) -> StageOutput:
    """Run the enabled rules in one collection pass; overlapping matches keep the earliest."""
    c = EditCollector(NAME, text, options.disabled)
    on = lambda name, flag: flag and name not in options.disabled  # noqa: E731
    # The gates are exact: each is false only where its rule cannot match.  _MISPLACED_OPENER finds its
    # own quote marks fast (it starts with one), so its gate is the quote mark alone.
    if on("quotes", options.quotes) and "”" in text:
        _quotes(c)
    if on("brackets", options.brackets) and _may_pad_brackets(text):
        _brackets(c)
    if on("hyphens", options.hyphens) and _NB_HYPHEN in text:
        for m in re.finditer(_NB_HYPHEN, text):
            c.add(m.start(), m.end(), "-", rule="non_breaking_hyphen", reason="non-breaking hyphen breaks search")
    if on("invisible", options.invisible) and any(ch in text for ch in INVISIBLE_CHARS):
        for m in _INVISIBLE.finditer(text):
            c.add(m.start(), m.end(), "", rule="invisible_character", reason="soft hyphen / zero-width space")
    if on("no_break_spaces", options.no_break_spaces) and "\u00a0" in text:
        for m in _NBSP.finditer(text):
            c.add(m.start(), m.end(), " ", rule="no_break_space", reason="no-break space between words")
    if on("spaces", options.spaces):
        # Each pattern runs only where a cheap substring test says it can match.
        if "\t" in text or "  " in text:
            for m in _SPACE_RUN.finditer(text):
                c.add(m.start(), m.end(), " ", rule="space_run", reason="run of spaces")
        if text.endswith((" ", "\t", "\u00a0")) or _has_trailing_space(text):
            for m in _TRAILING.finditer(text):
                c.add(m.start(), m.end(), "", rule="trailing_space", reason="space at a line end")
        if " ," in text or ("\t" in text and "\t," in text):
            for m in _SPACE_BEFORE_COMMA.finditer(text):
                c.add(m.start(), m.end(), "", rule="space_before_comma", reason="space before a comma")
    return c.resolve()
