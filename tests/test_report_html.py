"""The HTML report: one self-contained page, everything escaped, every change marked where it happened."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textmend
from conftest import SAMPLES
from textmend.edits import Edit
from textmend.report_html import MAX_VIEW_CHARS, render_report, trace

ROOT = Path(__file__).resolve().parents[1]


def row(original: str, edits: list[Edit], **extra: object) -> dict[str, object]:
    return {"path": "doc.txt", "meta": {}, "edits": [e.to_dict() for e in edits], "original": original, **extra}


class Collect(HTMLParser):
    """Tags, attributes and text of a page, and whether it parses cleanly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "hr", "img", "input", "link", "!doctype"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    c.close()
    assert c.open == [], f"unclosed tags: {c.open}"
    return c


# ---------------------------------------------------------------------------------------------- trace


def test_trace_follows_every_character() -> None:
    result = textmend.clean("Itâ€™s a long” Joint Statement”  here.", stages=["encoding", "typography"])
    t = trace(result.original, result.edits)
    assert t.final == result.text
    for j, o in enumerate(t.origin):
        assert (o is None) == (t.written_by[j] is not None)
        if o is not None:
            assert t.original[o] == t.final[j] and t.removed_by[o] is None
    kept = [o for o in t.origin if o is not None]
    assert kept == sorted(kept) and kept == [i for i, r in enumerate(t.removed_by) if r is None]


@settings(deadline=None, max_examples=100)
@given(st.text(alphabet="ab “”()  \u00a0\u00ad\nÂâ€™", max_size=60))
def test_trace_agrees_with_replay(text: str) -> None:
    result = textmend.clean(text, stages=["encoding", "typography"])
    t = trace(result.original, result.edits)
    assert t.final == result.replay()
    assert all(t.original[o] == t.final[j] for j, o in enumerate(t.origin) if o is not None)


def test_edits_that_do_not_fit_are_listed_not_placed() -> None:
    page = render_report([row("abc", [Edit("typography", "space_run", 0, 2, "xx", "y", "run of spaces")])])
    assert "do not fit the input text" in page
    assert "space_run" in page and "<details" in page


def test_a_row_without_its_input_lists_the_edits() -> None:
    r = row("a  b", [Edit("typography", "space_run", 1, 3, "  ", " ", "run of spaces")])
    del r["original"]
    page = render_report([r])
    assert "only the edits are listed" in page and "space_run" in page


def test_a_very_long_document_is_not_shown_side_by_side() -> None:
    text = "word " * (MAX_VIEW_CHARS // 5 + 10)
    page = render_report(
        [row(text, [Edit("typography", "trailing_space", len(text) - 1, len(text), " ", "", "space")])]
    )
    assert "too long to show side by side" in page and len(page) < 100_000


# ------------------------------------------------------------------------------------------ structure


def test_self_contained_page() -> None:
    page = render_report([row("Itâ€™s", textmend.clean("Itâ€™s", stages=["encoding"]).edits)])
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    lowered = page.lower()
    for external in ("<script", "src=", "<link", "@import", "url(", 'href="http', "href='http"):
        assert external not in lowered, external
    parse(page)


def test_escapes_everything() -> None:
    original = 'Say <script>alert("x")</script> & “quote”\nSubscribe <img src=x onerror=alert(1)>\n'
    start = original.index("Subscribe")
    edits = [Edit("boilerplate", "subscribe.<x>", start, len(original), original[start:], "", 'reason "<b>"')]
    page = render_report(
        [
            row(
                original,
                edits,
                path='dir/<img src=x onerror="alert(1)">.txt',
                meta={"author": "<b>Eve</b>", "errors": ["<script>x</script>"], "spin_score": 1.5},
            )
        ]
    )
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>eve" not in lowered
    c = parse(page)
    text = "".join(c.text)
    assert 'dir/<img src=x onerror="alert(1)">.txt' in text  # shown, as text
    assert 'Say <script>alert("x")</script> & “quote”' in text
    assert "<b>Eve</b>" in text and 'reason "<b>"' in text
    titles = [t for _, a in c.tags if (t := a.get("title"))]
    assert any("subscribe.<x>" in t and 'reason "<b>"' in t for t in titles)


def test_totals_by_stage_and_rule_and_linked_document_list() -> None:
    a = textmend.clean("Itâ€™s  here ( quoted )", stages=["encoding", "typography"])
    b = textmend.clean("Fine  text", stages=["encoding", "typography"])
    page = render_report(
        [
            {"path": "a.txt", **a.to_dict(), "original": a.original},
            {"path": "b.jsonl", "line": 3, **b.to_dict(), "original": b.original},
            {"path": "c.txt", "meta": {}, "edits": [], "original": "clean"},
        ]
    )
    c = parse(page)
    text = " ".join(c.text)
    assert "3 documents, 2 changed" in text
    assert re.search(r"By stage.*encoding.*typography", text, re.S)
    assert re.search(r"By rule.*space_run.*padded_brackets", text, re.S) or re.search(
        r"By rule.*padded_brackets.*space_run", text, re.S
    )
    ids = {i for _, a in c.tags if (i := a.get("id"))}
    links = [h for tag, a in c.tags if tag == "a" and (h := a.get("href") or "").startswith("#")]
    assert {"doc1", "doc2", "doc3"} <= ids
    assert all(link[1:] in ids for link in links), [link for link in links if link[1:] not in ids]
    assert "b.jsonl:3" in text and "no changes" in text


def test_many_rules_fold_and_reasons_lose_their_particulars() -> None:
    original = "ab " * 15  # one edit per word, each by its own rule
    edits = [
        Edit("typography", f"rule_{i:02d}", 3 * i, 3 * i + 2, "ab", "X", f"family {i}: detail {i}") for i in range(15)
    ]
    page = render_report([row(original, edits)])
    assert "3 more rules</summary>" in page
    assert "family 3" in page and "family 3: detail 3" not in page.split("<h3>Documents</h3>")[0]


def test_removed_lines_are_struck_with_their_reason() -> None:
    original = "Headline\nSubscribe to our newsletter\nBody text stays.\n"
    start = original.index("Subscribe")
    end = original.index("Body")
    edits = [Edit("boilerplate", "subscribe.newsletter", start, end, original[start:end], "", "subscribe_block")]
    page = render_report([row(original, edits)])
    m = re.search(
        r'<div class="tx removed"[^>]*title="([^"]*)"><s>Subscribe to our newsletter</s> <span[^>]*>([^<]*)</span>',
        page,
    )
    assert m, page
    assert html.unescape(m.group(2)) == "subscribe_block"
    assert "boilerplate · subscribe.newsletter" in html.unescape(m.group(1))
    assert page.count("Body text stays.") == 2  # both sides


def test_replaced_phrases_carry_a_tooltip() -> None:
    original = "the darkest days of the Chilly Battle, however"
    i = original.index("Chilly Battle")
    e = Edit(
        "despin",
        "news.impossible",
        i,
        i + 13,
        "Chilly Battle",
        "Cold War",
        "spun phrase",
        0.98,
        ("Cold War", "Cool War"),
    )
    page = render_report([row(original, [e], meta={"spin_score": 12.5, "spun": True})])
    c = parse(page)
    ins = [a for tag, a in c.tags if tag == "ins" and "Cold War" in html.unescape(a.get("title") or "")]
    dels = [a for tag, a in c.tags if tag == "del" and "Chilly Battle" in html.unescape(a.get("title") or "")]
    assert ins and dels
    title = ins[0]["title"] or ""
    for part in (
        "despin · news.impossible",
        "spun phrase",
        "Chilly Battle → Cold War",
        "confidence 0.98",
        "candidates: Cold War, Cool War",
    ):
        assert part in title, (part, title)
    text = "".join(c.text)
    assert "spin score" in text and "12.5" in text and "spun" in text


def test_long_unchanged_stretches_are_folded() -> None:
    original = "\n".join(f"Line {i} is clean." for i in range(40)) + "\nLast  line.\n"
    result = textmend.clean(original, stages=["typography"])
    page = render_report([row(original, result.edits)])
    assert "unchanged lines</summary>" in page
    assert "Last line." in "".join(parse(page).text)


def test_empty_input() -> None:
    page = render_report([])
    assert "0 documents" in page
    parse(page)


# --------------------------------------------------------------------------------- a real page, looked at

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def sample_rows() -> list[dict[str, object]]:
    rows = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = textmend.clean(text)
        rows.append({"path": f"samples/{path.name}", **result.to_dict(), "original": text})
    return rows


def test_the_five_samples_render() -> None:
    page = render_report(sample_rows())
    parse(page)
    assert page.count('<section class="doc"') == 5


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium) to take a screenshot"
)
def test_screenshot_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(sample_rows()), encoding="utf-8")
    png = tmp_path / "report.png"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1400,2000",
            page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page was drawn, not a blank
