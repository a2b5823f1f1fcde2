"""HTML input: trafilatura extraction (no network), metadata, then the boilerplate stage on its text."""

from __future__ import annotations

import gzip
import json
import re
import socket
from collections import Counter
from typing import Any

import pytest

from conftest import shared
from textmend.html import html_to_text
from textmend.stages import boilerplate

PARAS = [
    "The storm reached the coast on Monday night, flooding roads and cutting power to thousands of homes.",
    "Emergency crews worked through the night to clear fallen trees from the main routes into the town.",
    "The mayor said schools would stay closed on Tuesday while engineers checked the sea wall for damage.",
]
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Storm hits coast | The Ledger</title>
<meta name="author" content="Maria Lopez"><meta property="article:published_time" content="2024-03-03T10:12:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Storm hits coast</h1>
<p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></article>
<footer><p>© 2024 The Ledger. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("html_to_text tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_extracts_article_and_metadata(no_network: None) -> None:
    text, meta = html_to_text(PAGE, url="https://example.org/storm")
    for p in PARAS:
        assert p in text
    assert "Privacy Policy" not in text and "Sport" not in text
    assert meta["title"].startswith("Storm hits coast")
    assert meta["author"] == "Maria Lopez"
    assert meta["date"].startswith("2024-03-03")


def test_bytes_and_gzip(no_network: None) -> None:
    raw = PAGE.encode("utf-8")
    expected, _ = html_to_text(PAGE)
    assert html_to_text(raw)[0] == expected
    assert html_to_text(gzip.compress(raw))[0] == expected


def test_latin1_bytes(no_network: None) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Monday", "Montag café")
    text, _ = html_to_text(page.encode("iso-8859-1"))
    assert "Montag café" in text


@pytest.mark.parametrize("bad", ["", b"", "   ", "<html></html>", b"\x00\x01\x02"])
def test_nothing_found(bad: str | bytes, no_network: None) -> None:
    text, meta = html_to_text(bad)
    assert text == "" and "html_extraction" in meta


def test_plain_text_passes_through(no_network: None) -> None:
    text, _ = html_to_text("not html at all")
    assert text.strip() == "not html at all"


def test_then_boilerplate_stage(no_network: None) -> None:
    page = PAGE.replace(
        f"<p>{PARAS[2]}</p>",
        f"<p>{PARAS[2]}</p><p>Subscribe to The Ledger</p>"
        "<p>Get the day's top headlines delivered to your inbox every morning.</p>",
    )
    text, _ = html_to_text(page)
    out = boilerplate.apply(text, boilerplate.Options())
    assert "inbox" not in out.text
    assert all(p in out.text for p in PARAS)


def test_jsonl_html_field(no_network: None) -> None:
    """The lead's JSONL reader calls html_to_text for an HTML field (wiring check)."""
    from textmend.io import parse_jsonl_line

    record = parse_jsonl_line(json.dumps({"html": PAGE, "url": "https://example.org/storm"}), 1, html_field="html")
    assert record is not None and record.error is None
    assert PARAS[0] in record.text
    assert record.meta["title"].startswith("Storm hits coast")


TOKEN = re.compile(r"\w+")


def f1(gold: str, pred: str) -> float:
    g, p = Counter(TOKEN.findall(gold.lower())), Counter(TOKEN.findall(pred.lower()))
    common = sum((g & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def test_aeb_pages_html_gate(no_network: None) -> None:
    """Twenty aeb pages (every ninth): HTML -> text -> boilerplate beats the stored trafilatura text."""
    pages = [
        json.loads(line) for line in shared("aeb", "aeb_pages_text.jsonl").read_text().splitlines() if line.strip()
    ]
    ours, theirs = [], []
    for page in pages[::9]:
        raw = gzip.decompress(shared("aeb", "html", f"{page['id']}.html.gz").read_bytes())
        text, _ = html_to_text(raw, url=page["url"])
        ours.append(f1(page["gold_article_body"], boilerplate.apply(text, boilerplate.Options()).text))
        theirs.append(f1(page["gold_article_body"], page["trafilatura_2_3_1_text"]))
    assert sum(ours) / len(ours) >= sum(theirs) / len(theirs)
    assert sum(ours) / len(ours) >= 0.95
