"""Stage 'encoding': mojibake and the debris encoding accidents leave behind.

* ftfy repairs mojibake ("Itâ€™s" -> "It’s", "Ã©" -> "é"), configured for news: curly quotes stay, no
  width folding, no NFKC, line endings untouched.  ftfy runs only on lines that can hold a problem it fixes
  (non-ASCII, an ``&``, or a control character); pure-ASCII lines cannot, and most lines are pure ASCII.
* A lone "Â" that ftfy leaves where a no-break space was lost ("property.Â" at a line end, or "Â " before a
  space): UTF-8's no-break space is C2 A0, read as cp1252 it is "Â" plus a no-break space, and when a
  scraper then turns the no-break space into a plain one or drops it, ftfy has nothing left to decode.
  "Â" inside a word (CÂMARA, PÂTE) is real text and stays.
* HTML entity names left as words after a scraper ate the "&" and ";" ("with their consent, nbsp.").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from textmend.edits import Edit, EditCollector, StageOutput

NAME = "encoding"

# "Â" not inside a word: after a non-letter or a lower-case letter, before whitespace or the line end.
_LONE_A_CIRC = re.compile(r"(?<![A-ZÀ-Þ])Â(?=[ \t\u00a0]|\r?$)", re.MULTILINE)

# Entity names that are never English words, left bare: "consent, nbsp." / "a nbsp b".
_BARE_ENTITY = r"(?:nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|laquo|raquo)"
_BARE_ENTITY_BEFORE_PUNCT = re.compile(
    rf"[ \t]*,?[ \t]*(?<![\w&])\b{_BARE_ENTITY}\b;?(?=[ \t]*(?:[.!?,;:)\]”\"’']|\r?$))", re.MULTILINE
)
_BARE_ENTITY_BETWEEN_WORDS = re.compile(rf"(?<=\S)[ \t]+(?<![\w&]){_BARE_ENTITY};?(?=[ \t]+\S)")
_ENTITY_CHAR = {
    "nbsp": "",  # the space around it survives
    "rsquo": "’",
    "lsquo": "‘",
    "rdquo": "”",
    "ldquo": "“",
    "mdash": "—",
    "ndash": "–",
    "hellip": "…",
    "laquo": "«",
    "raquo": "»",
}
# Numeric character references whose "&" was lost: "it#8217;s".
_BARE_NUMERIC = re.compile(r"(?<=\w)#(\d{2,6});")
# Double-escaped entities ftfy's one unescape pass leaves when the text also holds "<".
_AMP_CHAIN = re.compile(r"&(?:amp;)+(?=#?\w{1,10};)")


@dataclass(frozen=True)
class Options:
    """Options for the encoding stage."""

    ftfy: bool = True
    lone_a_circumflex: bool = True
    bare_entities: bool = True
    #: ftfy's Unicode normalization ("NFC" composes accents; "NFKC" would fold widths and ligatures).
    normalization: str | None = "NFC"
    disabled: frozenset[str] = frozenset()


@functools.cache
def _ftfy_config(normalization: str | None):  # type: ignore[no-untyped-def]
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=normalization,
        explain=True,
    )


def _may_need_ftfy(line: str) -> bool:
    """Cheap pre-check: ftfy changes nothing on pure-ASCII lines without '&' or control characters."""
    if not line.isascii():
        return True
    if "&" in line:
        return True
    return any(ord(c) < 32 and c not in "\t\r\n" or c == "\x7f" for c in line)


def _explain(plan: list[tuple[str, str]] | None) -> str:
    if not plan:
        return "ftfy"
    steps = [f"{op} {arg}" for op, arg in plan]
    if any(op == "encode" for op, _ in plan):
        return "mojibake: " + ", ".join(steps)
    return ", ".join(steps)


def fix_mojibake(text: str, *, normalization: str | None = "NFC") -> StageOutput:
    """Run ftfy on each line that may need it; one edit per changed stretch of a line."""
    import ftfy

    config = _ftfy_config(normalization)
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if _may_need_ftfy(body):
            fixed, plan = ftfy.fix_and_explain(body, config=config)
            if fixed != body:
                edits.extend(_diff_edits(body, fixed, pos, rule="ftfy", reason=_explain(plan)))
                line = fixed + line[len(body) :]
        out.append(line)
        pos += len(body) + (len(line) - len(line.rstrip("\r\n")))
    return StageOutput("".join(out), edits, {})


def _diff_edits(before: str, after: str, offset: int, *, rule: str, reason: str) -> list[Edit]:
    """Small edits between two versions of one line: changes closer than 4 characters are merged."""
    from difflib import SequenceMatcher

    ops = [op for op in SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op[0] != "equal"]
    merged: list[list[int]] = []
    for _, i1, i2, j1, j2 in ops:
        if merged and i1 - merged[-1][1] < 4:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    return [
        Edit(NAME, rule, offset + i1, offset + i2, before[i1:i2], after[j1:j2], reason) for i1, i2, j1, j2 in merged
    ]


def fix_leftovers(
    text: str, *, lone_a_circumflex: bool = True, bare_entities: bool = True, disabled: frozenset[str] = frozenset()
) -> StageOutput:
    """Repair what ftfy leaves: a lone 'Â' from a lost no-break space, entity names left as words."""
    c = EditCollector(NAME, text, disabled)
    if lone_a_circumflex and "Â" in text:
        for m in _LONE_A_CIRC.finditer(text):
            c.add(m.start(), m.end(), "", rule="lone_a_circumflex", reason="'Â' left by a lost no-break space")
    if bare_entities:
        if "&amp;" in text:
            for m in _AMP_CHAIN.finditer(text):
                c.add(m.start(), m.end(), "&", rule="double_escaped_entity", reason="entity escaped twice")
        for m in _BARE_ENTITY_BEFORE_PUNCT.finditer(text):
            c.add(m.start(), m.end(), "", rule="bare_entity", reason="HTML entity name left as a word")
        for m in _BARE_ENTITY_BETWEEN_WORDS.finditer(text):
            name = m.group(0).strip().rstrip(";")
            repl = _ENTITY_CHAR[name]  # "nbsp" maps to "": the space after it stays
            c.add(m.start(), m.end(), " " + repl if repl else "", rule="bare_entity", reason="HTML entity name left as a word")
        if "#" in text:
            for m in _BARE_NUMERIC.finditer(text):
                code = int(m.group(1))
                if 32 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                    c.add(m.start(), m.end(), chr(code), rule="bare_numeric_entity", reason="numeric entity lost its '&'")
    return c.resolve()


def apply(text: str, options: Options) -> StageOutput:
    """ftfy, then the leftovers.  Both passes work within lines, so where both touch one line the line's
    edits are recomputed against the input; elsewhere each pass's own edits are kept."""
    first = StageOutput(text, [], {})
    if options.ftfy and "ftfy" not in options.disabled:
        first = fix_mojibake(text, normalization=options.normalization)
    second = fix_leftovers(
        first.text,
        lone_a_circumflex=options.lone_a_circumflex,
        bare_entities=options.bare_entities,
        disabled=options.disabled,
    )
    if not second.edits:
        return first
    if not first.edits:
        return second
    return StageOutput(second.text, _combine(text, first, second), {})


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _combine(original: str, first: StageOutput, second: StageOutput) -> list[Edit]:
    import bisect

    orig_starts, mid_starts, final_starts = _line_starts(original), _line_starts(first.text), _line_starts(second.text)

    def line_of(starts: list[int], pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    first_lines = {line_of(orig_starts, e.start) for e in first.edits}
    second_by_line: dict[int, list[Edit]] = {}
    for e in second.edits:
        second_by_line.setdefault(line_of(mid_starts, e.start), []).append(e)

    def span(starts: list[int], text: str, i: int) -> tuple[int, int]:
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        return starts[i], end

    edits = [e for e in first.edits if line_of(orig_starts, e.start) not in second_by_line]
    for i, line_edits in second_by_line.items():
        o0, o1 = span(orig_starts, original, i)
        m0, _ = span(mid_starts, first.text, i)
        if i not in first_lines:
            edits.extend(
                Edit(e.stage, e.rule, e.start - m0 + o0, e.end - m0 + o0, e.before, e.after, e.reason) for e in line_edits
            )
            continue
        f0, f1 = span(final_starts, second.text, i)
        rules = "+".join(dict.fromkeys(["ftfy", *(e.rule for e in line_edits)]))
        reason = "; ".join(dict.fromkeys([*(e.reason for e in first.edits if line_of(orig_starts, e.start) == i), *(e.reason for e in line_edits)]))
        edits.extend(_diff_edits(original[o0:o1], second.text[f0:f1], o0, rule=rules, reason=reason))
    return sorted(edits, key=lambda e: e.start)
