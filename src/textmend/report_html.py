"""One self-contained HTML page to review a folder run: what changed in every document, and why.

:func:`render_report` takes the rows ``textmend clean --report`` writes (one per document: ``path``,
``line`` for JSONL, ``meta``, ``edits``), each with the document's input text added as ``original``, and
returns a page with no external assets and no script: inline CSS, ``<details>`` to fold long unchanged
stretches, ``title`` attributes for tooltips.

The page starts with totals by stage and by rule and a list of the documents (with links); then, for
each document, its metadata (spin score, author, date, encoding ...) and a side-by-side view, input on the
left and output on the right.  A line the boilerplate stage removed is struck through, with its reason;
a phrase that was replaced is marked on both sides, and hovering over it shows the stage, rule, reason,
confidence and candidates.  The edit list under the view links to each change.

Each stage's edits have spans in the text *that stage* received, so the page replays the edits stage by
stage and follows every character: each input character is either kept or removed by one edit, and each
output character is either an input character or written by one edit.  Lines are paired through the
characters they share, so the two sides line up even where lines were removed.  All text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textmend import stages as stage_registry
from textmend.edits import Edit, EditError, passes
from textmend.io import writable

#: Documents longer than this are listed with their edits, without the side-by-side view.
MAX_VIEW_CHARS = 300_000
#: Rules listed in the totals before the rest are folded away.
TOP_RULES = 12
#: Unchanged stretches longer than this are folded, keeping this many lines of context on each side.
FOLD_AFTER = 8
CONTEXT_LINES = 2

_INVISIBLE = {
    "\u00a0": "⍽",
    "\u202f": "⍽",
    "\u00ad": "­[SHY]",
    "\u200b": "[ZWSP]",
    "\u200c": "[ZWNJ]",
    "\u200d": "[ZWJ]",
    "\u2060": "[WJ]",
    "\ufeff": "[BOM]",
    "\t": "→",
}


def esc(value: Any) -> str:
    """HTML-escape anything (quotes too: the result may go in an attribute)."""
    return html.escape(str(value), quote=True)


# -------------------------------------------------------------------------------------------- tracking


@dataclass
class Traced:
    """A document's edits replayed stage by stage, with the fate of every character.

    ``removed_by[i]`` is the number of the edit that removed input character ``i`` (None: it was kept);
    ``origin[j]`` is the input position output character ``j`` came from (None: an edit wrote it), and
    ``written_by[j]`` the edit that wrote it.  Edits are numbered from 1 in the order of the row."""

    original: str
    final: str
    removed_by: list[int | None]
    origin: list[int | None]
    written_by: list[int | None]


def trace(original: str, edits: Sequence[Edit], order: Sequence[str] = stage_registry.ORDER) -> Traced:
    """Replay ``edits`` (numbered from 1) stage by stage on ``original``, following every character.

    Raises :class:`~textmend.edits.EditError` when an edit does not fit the text its stage received.

    >>> from textmend.edits import Edit
    >>> t = trace("a  b", [Edit("typography", "space_run", 1, 3, "  ", " ", "run of spaces")])
    >>> t.final, t.removed_by, t.written_by
    ('a b', [None, 1, 1, None], [None, 1, None])
    """
    number = {id(e): n for n, e in enumerate(edits, start=1)}
    groups = [[(number[id(e)], e) for e in group] for group in passes(edits, order)]
    text = original
    origin: list[int | None] = list(range(len(original)))
    written: list[int | None] = [None] * len(original)
    removed: list[int | None] = [None] * len(original)
    for group in groups:
        parts: list[str] = []
        new_origin: list[int | None] = []
        new_written: list[int | None] = []
        pos = 0
        for n, e in sorted(group, key=lambda ne: (ne[1].start, ne[1].end)):
            if e.start < pos or e.end < e.start or e.end > len(text) or text[e.start : e.end] != e.before:
                raise EditError(f"edit #{n} {e.stage}.{e.rule} at {e.start}:{e.end} does not fit the text")
            parts.append(text[pos : e.start])
            new_origin.extend(origin[pos : e.start])
            new_written.extend(written[pos : e.start])
            for k in range(e.start, e.end):
                if origin[k] is not None and removed[origin[k]] is None:  # type: ignore[index]
                    removed[origin[k]] = n  # type: ignore[index]
            parts.append(e.after)
            new_origin.extend([None] * len(e.after))
            new_written.extend([n] * len(e.after))
            pos = e.end
        parts.append(text[pos:])
        new_origin.extend(origin[pos:])
        new_written.extend(written[pos:])
        text, origin, written = "".join(parts), new_origin, new_written
    return Traced(original, text, removed, origin, written)


# ------------------------------------------------------------------------------------------ line pairs


@dataclass
class _Line:
    start: int
    end: int  # without the line break
    number: int


def _lines(text: str) -> list[_Line]:
    """The lines of ``text`` (split at "\\n"; ``end`` is where the line break is); at least one."""
    out: list[_Line] = []
    start = 0
    for number, body in enumerate(text.split("\n"), start=1):
        out.append(_Line(start, start + len(body), number))
        start += len(body) + 1
    if len(out) > 1 and out[-1].start == len(text):
        out.pop()  # the text ends with a line break: no empty line after it
    return out


def _pair_lines(t: Traced) -> list[tuple[_Line | None, _Line | None]]:
    """Rows of the side-by-side view: each output line next to the input line most of it came from."""
    left, right = _lines(t.original), _lines(t.final)
    line_of = [0] * (len(t.original) + 1)
    for i, ln in enumerate(left):
        for k in range(ln.start, min(ln.end + 1, len(t.original))):
            line_of[k] = i
    target: list[int | None] = []
    for ln in right:
        votes = Counter(line_of[o] for o in t.origin[ln.start : ln.end] if o is not None)
        brk = t.origin[ln.end] if ln.end < len(t.final) else None
        if not votes and brk is not None:
            votes[line_of[brk]] += 1  # an empty line: follow its line break
        target.append(votes.most_common(1)[0][0] if votes else None)
    rows: list[tuple[_Line | None, _Line | None]] = []
    i = 0
    for ln, to in zip(right, target, strict=True):
        if to is None or to < i:
            rows.append((None, ln))
            continue
        while i < to:
            rows.append((left[i], None))
            i += 1
        rows.append((left[i], ln))
        i += 1
    rows.extend((rest, None) for rest in left[i:])
    return rows


# -------------------------------------------------------------------------------------------- rendering


def _tooltip(n: int, e: Edit) -> str:
    parts = [f"#{n} {e.stage} · {e.rule}", e.reason]
    if e.before or e.after:
        parts.append(f"{_short(e.before)!s} → {_short(e.after)!s}" if e.after else f"removed: {_short(e.before)}")
    if e.confidence is not None:
        parts.append(f"confidence {e.confidence:.2f}")
    if e.candidates:
        parts.append("candidates: " + ", ".join(e.candidates))
    return "\n".join(parts)


def _general(reason: str) -> str:
    """A rule's reason without the particulars of one edit: 'mojibake: encode …' -> 'mojibake'."""
    head, sep, _ = reason.partition(": ")
    return head if sep and len(head) >= 8 else reason


def _short(text: str, limit: int = 120) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _visible(text: str) -> str:
    return "".join(_INVISIBLE.get(ch, ch) for ch in text)


def _segments(text: str, marks: Sequence[int | None], start: int, end: int) -> Iterable[tuple[int | None, str]]:
    """Runs of ``text[start:end]`` that share a mark."""
    k = start
    while k < end:
        mark = marks[k]
        j = k + 1
        while j < end and marks[j] == mark:
            j += 1
        yield mark, text[k:j]
        k = j


@dataclass
class _Doc:
    index: int
    row: dict[str, Any]
    edits: list[Edit]
    anchor: str
    title: str
    traced: Traced | None = None
    problem: str = ""
    counts: Counter[str] = field(default_factory=Counter)


def _line_html(doc: _Doc, side: str, ln: _Line, seen: set[int]) -> tuple[str, bool]:
    """One line of one side as HTML, and whether anything on it changed."""
    t = doc.traced
    assert t is not None
    if side == "left":
        text, marks = t.original, t.removed_by
        tag, cls = "del", "del"
    else:
        text, marks = t.final, t.written_by
        tag, cls = "ins", "ins"
    out: list[str] = []
    changed = False
    for mark, chunk in _segments(text, marks, ln.start, ln.end):
        if mark is None:
            out.append(esc(chunk))
            continue
        changed = True
        e = doc.edits[mark - 1]
        ident = f' id="{doc.anchor}-e{mark}"' if mark not in seen else ""
        seen.add(mark)
        shown = _visible(chunk) if side == "left" or not chunk.strip() else chunk
        extra = " ws" if not chunk.strip() else ""
        title = esc(_tooltip(mark, e))
        out.append(f'<{tag} class="{cls} st-{esc(e.stage)}{extra}"{ident} title="{title}">{esc(shown)}</{tag}>')
    # A change at the line break itself: a line joined to the next one, or split from it.
    if ln.end < len(text) and marks[ln.end] is not None:
        changed = True
        mark = marks[ln.end]
        assert mark is not None
        out.append(f'<{tag} class="{cls} brk" title="{esc(_tooltip(mark, doc.edits[mark - 1]))}">⏎</{tag}>')
    return "".join(out) or "&#8203;", changed


def _removed_line(doc: _Doc, ln: _Line) -> int | None:
    """The edit that removed this whole input line, if one did."""
    t = doc.traced
    assert t is not None
    span = range(ln.start, min(ln.end + 1, len(t.original)))
    marks = {t.removed_by[k] for k in span}
    if len(marks) == 1:
        (mark,) = marks
        return mark
    return None


def _render_view(doc: _Doc) -> str:
    t = doc.traced
    assert t is not None
    rows = _pair_lines(t)
    seen: set[int] = set()
    rendered: list[tuple[bool, str]] = []
    previous_removal: int | None = None
    for left, right in rows:
        cells: list[str] = []
        changed = left is None or right is None
        mark = None
        if left is not None:
            mark = _removed_line(doc, left) if right is None else None
            if mark is not None:
                e = doc.edits[mark - 1]
                ident = f' id="{doc.anchor}-e{mark}"' if mark not in seen else ""
                seen.add(mark)
                body = esc(t.original[left.start : left.end]) or "&#8203;"
                badge = (
                    f' <span class="why st-{esc(e.stage)}">{esc(e.reason)}</span>' if mark != previous_removal else ""
                )
                title = esc(_tooltip(mark, e))
                cells.append(
                    f'<div class="ln">{left.number}</div><div class="tx removed"{ident} title="{title}">'
                    f"<s>{body}</s>{badge}</div>"
                )
            else:
                body, ch = _line_html(doc, "left", left, seen)
                changed |= ch
                cells.append(f'<div class="ln">{left.number}</div><div class="tx">{body}</div>')
        else:
            cells.append('<div class="ln"></div><div class="tx gap"></div>')
        if right is not None:
            body, ch = _line_html(doc, "right", right, seen)
            changed |= ch
            cells.append(f'<div class="ln">{right.number}</div><div class="tx">{body}</div>')
        else:
            cells.append('<div class="ln"></div><div class="tx gap"></div>')
        previous_removal = mark if left is not None and right is None else None
        cls = "row chg" if changed else "row"
        rendered.append((changed, f'<div class="{cls}">{"".join(cells)}</div>'))
    # Fold long unchanged stretches.
    out: list[str] = []
    k = 0
    while k < len(rendered):
        if rendered[k][0]:
            out.append(rendered[k][1])
            k += 1
            continue
        j = k
        while j < len(rendered) and not rendered[j][0]:
            j += 1
        run = [html_row for _, html_row in rendered[k:j]]
        head = CONTEXT_LINES if k > 0 else 0
        tail = CONTEXT_LINES if j < len(rendered) else 0
        if len(run) > FOLD_AFTER and len(run) - head - tail > 2:
            hidden = run[head : len(run) - tail]
            out.extend(run[:head])
            out.append(
                f'<details class="fold"><summary>{len(hidden)} unchanged lines</summary>{"".join(hidden)}</details>'
            )
            out.extend(run[len(run) - tail :])
        else:
            out.extend(run)
        k = j
    return (
        '<div class="view"><div class="row head"><div></div><div>input</div><div></div><div>output</div></div>'
        + "".join(out)
        + "</div>"
    )


def _render_edit_list(doc: _Doc) -> str:
    rows = []
    for n, e in enumerate(doc.edits, start=1):
        change = (
            f'<del class="del">{esc(_visible(_short(e.before, 200)))}</del>'
            if e.before
            else '<span class="dim">∅</span>'
        )
        change += " → " + (
            f'<ins class="ins">{esc(_short(e.after, 200))}</ins>' if e.after else '<span class="dim">removed</span>'
        )
        extra = []
        if e.confidence is not None:
            extra.append(f"confidence {e.confidence:.2f}")
        if e.candidates:
            extra.append("candidates: " + ", ".join(e.candidates))
        link = f'<a href="#{doc.anchor}-e{n}">{n}</a>' if doc.traced is not None else str(n)
        rows.append(
            f'<tr><td class="num">{link}</td><td><span class="chip st-{esc(e.stage)}">{esc(e.stage)}</span></td>'
            f"<td><code>{esc(e.rule)}</code></td><td>{change}</td><td>{esc(e.reason)}"
            + (f'<div class="dim">{esc("; ".join(extra))}</div>' if extra else "")
            + "</td></tr>"
        )
    return (
        f'<details class="edits"><summary>{len(doc.edits)} edit{"s" if len(doc.edits) != 1 else ""}</summary>'
        '<table class="list"><thead><tr><th>#</th><th>stage</th><th>rule</th><th>change</th><th>why</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


_META_FIRST = ("spin_score", "spun", "spin_markers", "author", "date", "dateline", "encoding", "title", "url")


def _render_meta(meta: dict[str, Any]) -> str:
    items = []
    keys = [k for k in _META_FIRST if k in meta] + [
        k for k in meta if k not in _META_FIRST and k not in ("errors", "skipped")
    ]
    for key in keys:
        value = meta[key]
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, float):
            value = f"{value:g}"
        elif isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        cls = " spun" if key == "spun" and meta[key] else ""
        label = esc(key.replace("_", " "))
        items.append(f'<span class="meta{cls}"><b>{label}</b> {esc(_short(str(value), 200))}</span>')
    for err in meta.get("errors", []) or []:
        items.append(f'<span class="meta error"><b>error</b> {esc(err)}</span>')
    if meta.get("skipped"):
        items.append(f'<span class="meta skipped"><b>skipped</b> {esc(meta["skipped"])}</span>')
    return f'<div class="metas">{"".join(items)}</div>' if items else ""


def _render_doc(doc: _Doc) -> str:
    parts = [f'<section class="doc" id="{doc.anchor}"><h2><a href="#{doc.anchor}">{esc(doc.title)}</a>']
    chips = "".join(f'<span class="chip st-{esc(s)}">{esc(s)} {doc.counts[s]}</span>' for s in _stage_order(doc.counts))
    parts.append(f" {chips}" if chips else ' <span class="chip none">no changes</span>')
    parts.append('<a class="top" href="#top">↑ top</a></h2>')
    parts.append(_render_meta(doc.row.get("meta") or {}))
    if doc.problem:
        parts.append(f'<p class="problem">{esc(doc.problem)}</p>')
    if doc.traced is not None and doc.edits:
        parts.append(_render_view(doc))
    if doc.edits:
        parts.append(_render_edit_list(doc))
    parts.append("</section>")
    return "".join(parts)


def _stage_order(counts: Iterable[str]) -> list[str]:
    names = set(counts)
    return [s for s in stage_registry.ORDER if s in names] + sorted(names - set(stage_registry.ORDER))


def _prepare(rows: Sequence[dict[str, Any]]) -> list[_Doc]:
    docs: list[_Doc] = []
    for index, row in enumerate(rows, start=1):
        title = str(row.get("path", f"document {index}"))
        if row.get("line") is not None:
            title += f":{row['line']}"
        doc = _Doc(index, row, [], f"doc{index}", title)
        try:
            doc.edits = [Edit.from_dict(d) for d in row.get("edits") or []]
        except (KeyError, TypeError, ValueError) as exc:
            doc.problem = f"the report row's edits cannot be read ({type(exc).__name__}: {exc})"
        doc.counts = Counter(e.stage for e in doc.edits)
        original = row.get("original")
        if not isinstance(original, str):
            doc.problem = doc.problem or "the input text is not in the report row: only the edits are listed"
        elif len(original) > MAX_VIEW_CHARS:
            doc.problem = f"{len(original):,} characters: too long to show side by side; the edits are listed"
        elif not doc.problem:
            try:
                doc.traced = trace(original, doc.edits)
            except EditError as exc:
                doc.problem = f"the edits do not fit the input text ({exc}); they are listed, not shown in place"
        docs.append(doc)
    return docs


def _render_totals(docs: Sequence[_Doc]) -> str:
    by_stage: Counter[str] = Counter()
    docs_by_stage: Counter[str] = Counter()
    by_rule: Counter[tuple[str, str]] = Counter()
    docs_by_rule: Counter[tuple[str, str]] = Counter()
    reasons: dict[tuple[str, str], str] = {}
    for doc in docs:
        by_stage.update(doc.counts)
        docs_by_stage.update(doc.counts.keys())
        rules = Counter((e.stage, e.rule) for e in doc.edits)
        by_rule.update(rules)
        docs_by_rule.update(rules.keys())
        for e in doc.edits:
            reasons.setdefault((e.stage, e.rule), e.reason)
    top = max(by_stage.values(), default=1)
    stage_rows = "".join(
        f'<tr><td><span class="chip st-{esc(s)}">{esc(s)}</span></td><td class="num">{by_stage[s]:,}</td>'
        f'<td class="num">{docs_by_stage[s]:,}</td>'
        f'<td class="barcell"><div class="bar st-{esc(s)}" style="width:{100 * by_stage[s] / top:.1f}%"></div>'
        "</td></tr>"
        for s in _stage_order(by_stage)
    )
    rule_rows = [
        f'<tr><td><span class="chip st-{esc(s)}">{esc(s)}</span></td><td><code>{esc(r)}</code></td>'
        f'<td class="num">{n:,}</td><td class="num">{docs_by_rule[s, r]:,}</td>'
        f'<td class="dim">{esc(_short(_general(reasons[s, r]), 90))}</td></tr>'
        for (s, r), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if not by_stage:
        return '<p class="dim">No document was changed.</p>'
    shown = "".join(rule_rows[:TOP_RULES])
    if len(rule_rows) > TOP_RULES:
        more = len(rule_rows) - TOP_RULES
        shown += (
            f'<tr><td colspan="5"><details class="more"><summary>{more} more rule{"s" if more != 1 else ""}'
            f'</summary><table class="list"><tbody>{"".join(rule_rows[TOP_RULES:])}</tbody></table></details></td></tr>'
        )
    rule_rows_html = shown
    return (
        '<div class="totals"><div><h3>By stage</h3><table class="list"><thead><tr><th>stage</th><th>edits</th>'
        f"<th>documents</th><th></th></tr></thead><tbody>{stage_rows}</tbody></table></div>"
        '<div><h3>By rule</h3><table class="list"><thead><tr><th>stage</th><th>rule</th><th>edits</th>'
        f"<th>documents</th><th>reason</th></tr></thead><tbody>{rule_rows_html}</tbody></table></div></div>"
    )


def _render_index(docs: Sequence[_Doc]) -> str:
    items = []
    for doc in docs:
        meta = doc.row.get("meta") or {}
        flags = []
        if meta.get("spun"):
            flags.append('<span class="chip spun">spun</span>')
        if meta.get("errors"):
            flags.append('<span class="chip error">error</span>')
        if meta.get("skipped"):
            flags.append('<span class="chip skipped">skipped</span>')
        chips = "".join(
            f'<span class="chip st-{esc(s)}">{esc(s)} {doc.counts[s]}</span>' for s in _stage_order(doc.counts)
        )
        items.append(
            f'<li><a href="#{doc.anchor}">{esc(doc.title)}</a> {chips or "<span class=dim>no changes</span>"}'
            f" {''.join(flags)}</li>"
        )
    return f'<ol class="index">{"".join(items)}</ol>'


_CSS = """
:root{--fg:#1f2328;--dim:#6e7781;--line:#d8dee4;--bg:#fff;--soft:#f6f8fa;--del:#ffebe9;--delfg:#82071e;
--ins:#dafbe1;--insfg:#116329;--enc:#8250df;--typ:#0969da;--boi:#bc4c00;--des:#bf3989;--wor:#1a7f37;--gra:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:1400px;margin:0 auto;padding:28px 32px 80px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:0;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
h2 a{color:inherit;text-decoration:none;word-break:break-all}h3{font-size:15px;margin:0 0 8px;color:var(--dim)}
.sub{color:var(--dim);margin:0 0 6px}
.legend{font-size:13px;color:var(--dim);margin:0 0 24px}.legend .tx.removed{padding:1px 6px;border-radius:4px}
.totals{display:grid;grid-template-columns:minmax(280px,1fr) 2fr;gap:28px;margin-bottom:24px}
table.list{border-collapse:collapse;width:100%;font-size:14px}
table.list th{text-align:left;font-weight:600;color:var(--dim);border-bottom:2px solid var(--line);padding:4px 8px}
table.list td{border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.barcell{width:40%}.bar{height:10px;border-radius:5px;min-width:2px}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.chip{display:inline-block;font-size:12px;line-height:18px;padding:0 8px;border-radius:9px;color:#fff;
background:var(--gra);white-space:nowrap;font-weight:500}
.chip.none{background:var(--soft);color:var(--dim)}
.chip.spun,.meta.spun{background:#fff8c5;color:#7d4e00}.chip.error{background:var(--delfg)}
.chip.skipped{background:#9a6700}
.st-encoding.chip,.bar.st-encoding{background:var(--enc)}.st-typography.chip,.bar.st-typography{background:var(--typ)}
.st-boilerplate.chip,.bar.st-boilerplate{background:var(--boi)}.st-despin.chip,.bar.st-despin{background:var(--des)}
.st-words.chip,.bar.st-words{background:var(--wor)}.st-grammar.chip,.bar.st-grammar{background:var(--gra)}
ol.index{columns:2 420px;column-gap:32px;padding-left:28px;margin:0 0 32px;font-size:14px}
ol.index li{break-inside:avoid;margin:2px 0}ol.index a{word-break:break-all}
section.doc{border-top:1px solid var(--line);padding-top:22px;margin-top:30px}
a.top{margin-left:auto;font-size:13px;font-weight:400;color:var(--dim);text-decoration:none}
.metas{display:flex;flex-wrap:wrap;gap:6px;margin:10px 0 14px}
.meta{font-size:13px;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:1px 8px}
.meta b{font-weight:600;color:var(--dim);margin-right:4px}
.meta.error{background:var(--del);color:var(--delfg);border-color:#ffcecb}
.meta.skipped{background:#fff8c5;color:#7d4e00}
.problem{color:#7d4e00;background:#fff8c5;border-radius:6px;padding:6px 10px;font-size:14px}
.view{border:1px solid var(--line);border-radius:8px;overflow:hidden;font:14px/1.6 Georgia,"Times New Roman",serif}
.row{display:grid;grid-template-columns:3.2em 1fr 3.2em 1fr}
.row>div{padding:2px 10px;min-width:0}
.row.head{background:var(--soft);font:600 12px/2 system-ui,sans-serif;color:var(--dim);text-transform:uppercase;
letter-spacing:.06em;border-bottom:1px solid var(--line)}
.row.chg{background:#fffbea}
.ln{color:#afb8c1;text-align:right;font:12px/1.9 ui-monospace,monospace;user-select:none;padding-right:6px!important}
.tx{white-space:pre-wrap;overflow-wrap:anywhere}
.tx:nth-child(2){border-right:1px solid var(--line)}
.tx.gap{background:repeating-linear-gradient(-45deg,#fafbfc,#fafbfc 6px,#f1f3f5 6px,#f1f3f5 12px)}
.tx.removed{color:#57606a;background:#f6f8fa}.tx.removed s{text-decoration-color:#cf222e}
.why{display:inline-block;font:11px/16px system-ui,sans-serif;padding:0 6px;border-radius:8px;color:#fff;
background:var(--boi);text-decoration:none;vertical-align:1px}
del.del,ins.ins{text-decoration:none;border-radius:3px;padding:0 1px;cursor:help}
del.del{background:var(--del);color:var(--delfg);text-decoration:line-through;text-decoration-color:#cf222e80}
ins.ins{background:var(--ins);color:var(--insfg)}
ins.ws{outline:1px dashed #1a7f3780}del.brk{font-size:11px}
details.fold{border-top:1px dashed var(--line);border-bottom:1px dashed var(--line)}
details.fold>summary{font:12px/2 system-ui,sans-serif;color:var(--dim);text-align:center;cursor:pointer;
background:var(--soft);list-style:none}
details.fold>summary::before{content:"⋯  "}
details.more>summary{cursor:pointer;color:var(--dim);font-size:13px;padding:4px 0}
details.more table{margin-top:4px}details.more td:nth-child(2){width:34%}
details.edits{margin-top:12px}details.edits>summary{cursor:pointer;color:var(--dim);font-size:14px}
details.edits table{margin-top:6px}
.dim{color:var(--dim)}
:target{outline:2px solid #0969da;outline-offset:1px;border-radius:3px}
@media print{details.fold>*{display:block}}
"""


def render_report(rows: list[dict[str, Any]], *, title: str = "textmend report") -> str:
    """One self-contained HTML page for a run: totals, a linked list of documents, then each document
    side by side (input | output) with every change marked and explained.  Everything is escaped."""
    docs = _prepare(rows)
    changed = sum(1 for d in docs if d.edits)
    total = sum(len(d.edits) for d in docs)
    body = [
        f'<main id="top"><h1>{esc(title)}</h1>',
        f'<p class="sub">{len(docs):,} document{"s" if len(docs) != 1 else ""}, {changed:,} changed, '
        f"{total:,} edit{'s' if total != 1 else ''}.</p>",
        '<p class="legend"><del class="del">removed</del> <ins class="ins">written</ins> '
        '<span class="tx removed"><s>a line taken out</s> <span class="why">its reason</span></span> '
        "<span>— hover over a change for its stage, rule and reason; click an edit's number to find it.</span></p>",
        _render_totals(docs),
        "<h3>Documents</h3>",
        _render_index(docs),
        *(_render_doc(d) for d in docs),
        "</main>",
    ]
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )
    return writable(page)  # a lone surrogate from a JSON escape ("\\ud800") shows as U+FFFD: UTF-8 has none


__all__ = ["MAX_VIEW_CHARS", "Traced", "esc", "render_report", "trace"]
