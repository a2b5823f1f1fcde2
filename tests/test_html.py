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


def _page(body: str, head: str = "", html_attrs: str = "") -> str:
    return (
        f'<!doctype html><html{html_attrs}><head><meta charset="utf-8"><title>Storm hits coast</title>{head}'
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{body}</body></html>"
    )


def test_mojibake_whose_bytes_trafilatura_drops(no_network: None) -> None:
    """UTF-8 read as cp1252/Latin-1 leaves soft hyphens and C1 controls ("í" is "Ã" + U+00AD), which
    trafilatura strips: they are decoded before extraction, the rest is left to the encoding stage."""
    body = "".join(
        f"<p>{s} {PARAS[i % 3]}</p>"
        for i, s in enumerate(
            [
                "Caf\u00c3\u00a9 R\u00c3\u00ada opened.",  # í = C3 AD, read as cp1252
                "Mayor \u00c3\x81lvaro G\u00c3\x83\u00c2\u00b3mez spoke.",  # Latin-1 reading; twice encoded
                "He said \u00e2\u20ac\u0153no\u00e2\u20ac\x9d today.",  # ” = E2 80 9D, 9D undefined in cp1252
                "Die Hochgeschwin\u00addigkeitsstrecke und die C\u00c2\u00adMARA.",  # real soft hyphens
            ]
        )
    )
    text, meta = html_to_text(_page(f"<article>{body}</article>"))
    assert "Ría" in text and "Álvaro" in text and "Gómez" in text and "no”" in text
    assert "Hochgeschwindigkeitsstrecke" in text and "CÂMARA" in text
    assert "Caf\u00c3\u00a9" in text  # printable mojibake: the encoding stage's, with its edits
    assert meta["html_mojibake_repaired"] == 4


def test_metadata_mojibake_repaired(no_network: None) -> None:
    head = (
        '<meta name="author" content="Siobh\u00c3\u00a1n O\u00e2\u20ac\u2122Neill">'
        '<meta name="description" content="A caf\u00c3\u00a9 wins the award.">'
    )
    _, meta = html_to_text(_page(f"<article>{''.join(f'<p>{p}</p>' for p in PARAS)}</article>", head))
    assert meta["author"] == "Siobhán O’Neill"
    assert meta["description"] == "A café wins the award."


LAYOUT_PAGE = _page(
    '<table width="100%"><tr><td class="nav"><a href="/">Home</a> | <a href="/news">News</a> | '
    '<a href="/sport">Sport</a> | <a href="/classifieds">Classifieds</a></td></tr></table>'
    '<table width="760" align="center"><tr><td valign="top"><font size="5"><b>Storm hits coast</b></font><br>'
    + "<br><br>".join(PARAS)
    + '<br><br><table width="40%" align="right"><tr><td class="note">The sea wall was built in 1952.</td></tr>'
    "</table>The council will meet again on Thursday to discuss the cost of the repairs to the sea wall."
    "</td></tr></table>"
)


def test_layout_tables_read_as_blocks(no_network: None) -> None:
    """Old sites lay the page out in tables; trafilatura printed the article as one Markdown cell."""
    text, meta = html_to_text(LAYOUT_PAGE)
    lines = text.splitlines()
    for p in PARAS:
        assert p in lines
    assert "Classifieds" not in text
    assert "The sea wall was built in 1952." in lines  # a one-cell box: its text, not "| ... |"
    assert "|" not in text
    assert meta["html_layout_tables"] == 1


def test_data_tables_keep_their_rows(no_network: None) -> None:
    rows = [("1", "Erik Hansen", "2:14:07"), ("2", "Daniel Kiprop", "2:14:52"), ("3", "Marco Silva", "2:15:30")]
    table = "<table>" + "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in rows) + "</table>"
    text, meta = html_to_text(_page(f"<article>{''.join(f'<p>{p}</p>' for p in PARAS)}{table}</article>"))
    assert "| 1 | Erik Hansen | 2:14:07 |" in text
    assert "html_layout_tables" not in meta


@pytest.mark.parametrize(
    ("html_attrs", "head", "expected"),
    [
        (' lang="de-AT"', "", "de"),
        ("", '<meta http-equiv="content-language" content="es">', "es"),
        ("", '<meta property="og:locale" content="fr_FR">', "fr"),
        (' lang="x-default"', '<script type="application/ld+json">{"inLanguage": "it-IT"}</script>', "it"),
        ("", "", None),
    ],
)
def test_declared_language(html_attrs: str, head: str, expected: str | None, no_network: None) -> None:
    _, meta = html_to_text(_page(f"<article>{''.join(f'<p>{p}</p>' for p in PARAS)}</article>", head, html_attrs))
    assert meta.get("language") == expected


@pytest.mark.parametrize(
    "byline",
    [
        "Ade Okonkwo / March 15, 2023",
        "By Ade Okonkwo, Staff Writer — Posted Thursday, June 6, 2019",
        "5:45 AM PST 11/19/2019 by Ade Okonkwo",
    ],
)
def test_byline_of_the_known_author_goes_to_metadata(byline: str, no_network: None) -> None:
    head = '<meta name="author" content="Ade Okonkwo">'
    body = f"<div class='post'><h1>Storm hits coast</h1><div>{byline}</div>" + "".join(f"<div>{p}</div>" for p in PARAS)
    text, meta = html_to_text(_page(body + "</div>", head))
    assert byline not in text and meta["html_byline"] == byline
    assert all(p in text for p in PARAS)


def test_a_line_naming_the_author_in_prose_stays(no_network: None) -> None:
    head = '<meta name="author" content="Ade Okonkwo">'
    said = "Ade Okonkwo, who wrote the report, said the sea wall held."
    body = f"<article><h1>Storm hits coast</h1><p>{said}</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
    text, meta = html_to_text(_page(body + "</article>", head))
    assert said in text and "html_byline" not in meta
