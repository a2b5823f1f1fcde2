"""``textmend explain FILE``: every change made to a document, with its stage, rule, reason, before and after.

The point is review: a person reads the list top to bottom and can say of each change whether it is right.
So each edit shows where it is (line and column in the text its stage received), the stage and rule that
made it and why, and the change itself inside a little of its context, with invisible characters made
visible (a no-break space, a soft hyphen, a line end).  What the stages found about the document (the spin
score, the author, the encoding ...) comes first.

>>> import io, textmend
>>> from rich.console import Console
>>> console = Console(record=True, width=100, color_system=None, file=io.StringIO())
>>> text = "It\\u00e2\\u20ac\\u2122s a long\\u201d Joint Statement\\u201d."
>>> result = textmend.clean(text, stages=["encoding", "typography"])
>>> explain(result, path="demo.txt", console=console)
>>> text = console.export_text()
>>> "encoding" in text and "misplaced_opening_quote" in text
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textmend import stages as stage_registry
from textmend.edits import Edit, apply_edits, passes

if TYPE_CHECKING:
    from rich.console import Console

    from textmend.pipeline import Result

#: Characters that are hard to see, shown as a visible mark (the change is often *only* such a character).
_VISIBLE = {
    "\u00a0": "⍽",  # no-break space
    "\u202f": "⍽",
    "\u00ad": "[SHY]",
    "\u200b": "[ZWSP]",
    "\u200c": "[ZWNJ]",
    "\u200d": "[ZWJ]",
    "\u2060": "[WJ]",
    "\ufeff": "[BOM]",
    "\u2011": "[NBHY]",
    "\x00": "[NUL]",
    "\t": "→",
    "\r": "␍",
    "\n": "⏎",
}
#: Other control characters (ftfy removes them): shown by code point, not printed to the terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTEXT = 32
#: Narrower consoles get a compact listing instead of a table.
_TABLE_WIDTH = 110
_MAX_SHOWN = 400

#: Metadata shown first, in this order; other keys follow in the order the stages set them.
_META_ORDER = ("spin_score", "spun", "spin_markers", "author", "date", "dateline", "bio", "encoding", "title", "url")


def visible(text: str, *, edges: bool = True) -> str:
    """``text`` with invisible characters made visible, and (``edges``) leading/trailing spaces as '·'.

    >>> visible("a\\u00a0b ")
    'a⍽b·'
    """
    out = "".join(_VISIBLE.get(ch) or (f"[U+{ord(ch):04X}]" if _CONTROL.match(ch) else ch) for ch in text)
    if edges and out != out.strip(" "):
        stripped = out.strip(" ")
        if not stripped:
            return "·" * len(out)
        lead = len(out) - len(out.lstrip(" "))
        trail = len(out) - len(out.rstrip(" "))
        out = "·" * lead + stripped + "·" * trail
    return out


def _shorten(text: str, limit: int = _MAX_SHOWN) -> str:
    if len(text) <= limit:
        return text
    return f"{text[: limit - 40]} … ({len(text) - limit + 40:,} more characters)"


def _pass_key(e: Edit) -> tuple[str, int] | tuple[str, int, int]:
    return (e.stage, e.step) if not e.round else (e.stage, e.step, e.round)


def stage_inputs(
    original: str, edits: Sequence[Edit], order: Sequence[str] = stage_registry.ORDER
) -> dict[tuple[str, int] | tuple[str, int, int], str]:
    """The text each stage pass that made edits received (its edits' spans refer to it), keyed by
    ``(stage, step)``, or ``(stage, step, round)`` for a stage the pipeline ran again (``Edit.round``)."""
    inputs: dict[tuple[str, int] | tuple[str, int, int], str] = {}
    text = original
    for group in passes(edits, order):
        inputs[_pass_key(group[0])] = text
        text = apply_edits(text, group)
    return inputs


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def _fmt_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_fmt_value(v)}" for k, v in value.items())
    return _shorten(str(value), 160)


def _ordered_meta(meta: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    for key in _META_ORDER:
        if key in meta:
            yield key, meta[key]
    for key, value in meta.items():
        if key not in _META_ORDER and key not in ("errors", "skipped"):
            yield key, value


def explain(result: Result, *, path: str, console: Console | None = None) -> None:
    """Print every edit of ``result`` (stage, rule, reason, before and after in context), metadata first."""
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = console or Console(highlight=False)
    edits = list(result.edits)
    counts = Counter(e.stage for e in edits)
    order = [s for s in stage_registry.ORDER if s in counts] + sorted(set(counts) - set(stage_registry.ORDER))

    # Summary and metadata.
    head = Text()
    head.append(path, style="bold")
    if not edits:
        head.append("  no changes", style="green")
    else:
        head.append(f"  {len(edits)} edit{'s' if len(edits) != 1 else ''}: ", style="")
        head.append(", ".join(f"{s} {counts[s]}" for s in order), style="cyan")
        removed = sum(e.before.count("\n") for e in edits if e.after == "" and e.stage == "boilerplate")
        if removed:
            head.append(f"  ({removed} line{'s' if removed != 1 else ''} removed)", style="dim")
    lines: list[Any] = [head]
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim", no_wrap=True)
    meta.add_column(overflow="fold")
    for key, value in _ordered_meta(result.meta):
        style = "bold magenta" if key == "spun" and value else ""
        meta.add_row(key.replace("_", " "), Text(_fmt_value(value), style=style))
    for err in result.meta.get("errors", []):
        meta.add_row(Text("error", style="bold red"), Text(str(err), style="red"))
    if "skipped" in result.meta:
        meta.add_row(Text("skipped", style="bold yellow"), Text(str(result.meta["skipped"]), style="yellow"))
    if meta.row_count:
        lines.append(meta)
    console.print(Panel(Group(*lines), title="textmend explain", title_align="left", border_style="blue"))
    if not edits:
        return

    # One row per edit, in pipeline order, then text order.
    try:
        inputs = stage_inputs(result.original, edits)
    except Exception:  # edits that do not fit their text: still list them, without places
        inputs = {}
    # A table on a wide terminal; below 110 columns a compact listing, one block per edit, reads better.
    compact = console.width < _TABLE_WIDTH
    blocks: list[Any] = []
    table = Table(show_lines=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("where", style="dim", no_wrap=True)
    # Rule ids run to ~30 characters: on a wide terminal they fit on one line, on a narrow one they fold.
    table.add_column("stage · rule", ratio=2, min_width=12, max_width=32, overflow="fold")
    table.add_column("change, in context", ratio=5, overflow="fold")
    table.add_column("why", ratio=3, overflow="fold")
    rank = {s: i for i, s in enumerate(order)}
    ordered = sorted(edits, key=lambda e: (e.round, rank.get(e.stage, 99), e.step, e.start, e.end))
    for number, e in enumerate(ordered, start=1):
        source = inputs.get(_pass_key(e))
        where = _where(source, e.start) if source is not None else "?"
        change = Text()
        if e.after == "" and (e.stage == "boilerplate" or "\n" in e.before.strip("\n")):
            change.append("removed: ", style="bold red")
            change.append(_shorten(visible(e.before.strip("\n"), edges=False)), style="red strike")
        else:
            change.append(visible(_shorten(e.before)) or "∅", style="bold red strike" if e.before else "dim")
            change.append(" → ", style="bold")
            change.append(visible(_shorten(e.after)) or "∅ (removed)", style="bold green" if e.after else "dim")
            if source is not None:
                # The change in its line: "…signed a long⟦” Joint Statement”⟧ stating that…".
                lead = source[max(0, e.start - _CONTEXT) : e.start]
                lead = lead[lead.rfind("\n") + 1 :]
                trail = source[e.end : e.end + _CONTEXT].split("\n", 1)[0]
                if lead or trail:
                    less = "…" if lead and e.start - len(lead) > 0 and source[e.start - len(lead) - 1] != "\n" else ""
                    more = (
                        "…" if trail and e.end + len(trail) < len(source) and source[e.end + len(trail)] != "\n" else ""
                    )
                    change.append("\n" + less + visible(lead, edges=False), style="dim")
                    change.append("⟦" + visible(_shorten(e.before, 120), edges=False) + "⟧", style="yellow")
                    change.append(visible(trail, edges=False) + more, style="dim")
        why = Text(e.reason)
        if e.round:
            why.append(f"\nround {e.round + 1}: run again after a later stage changed the text", style="dim")
        if e.confidence is not None:
            why.append(f"\nconfidence {e.confidence:.2f}", style="dim")
        if e.candidates:
            why.append("\ncandidates: " + ", ".join(e.candidates), style="dim")
        if compact:
            head = Text.assemble(
                (f"{number:>3} ", "dim"), (e.stage, "cyan"), " · ", (e.rule, "bold"), (f"  {where}", "dim")
            )
            blocks.append(Group(head, Padding(Group(change, Text.assemble(("why ", "dim"), why)), (0, 0, 1, 4))))
        else:
            table.add_row(str(number), where, f"[cyan]{escape(e.stage)}[/]\n{escape(e.rule)}", change, why)
    console.print(Group(*blocks) if compact else table)


__all__ = ["explain", "stage_inputs", "visible"]
