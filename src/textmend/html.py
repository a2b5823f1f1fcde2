"""HTML input: the article's text and metadata, extracted with trafilatura (no network).

A page is mostly menus, footers and widgets; trafilatura finds the article's main text in the HTML tree
(it scores 0.959 bag-of-words F1 on the 181 pages of the Zyte article-extraction benchmark, against 0.638
for the whole page as text).  Its text still carries some furniture -- related-story lists, newsletter
widgets, credits -- which the boilerplate stage removes afterwards, line by line.

Settings, chosen on the even-indexed half of that benchmark (``benchmarks/boilerplate.py``; the odd half
is held out): ``favor_precision=True`` (trafilatura then leaves out more related-story blocks; F1 on the
dev half 0.965 -> 0.978 before the boilerplate stage, with recall 0.992 -> 0.989), comments left out
(the boilerplate stage would drop them anyway), tables kept (they are often the article: results,
prices, schedules).  Without tables the dev-half F1 falls by 0.01.

Around trafilatura (found on fresh pages written for an audit, not on the benchmark, whose F1 they leave
at 0.972): mojibake holding characters trafilatura drops is decoded first (``Ã`` + soft hyphen is "í");
layout tables are read as blocks (an old site's article came out as one Markdown cell); a one-cell
"| box |" line is printed as its text; the page's declared language is reported (``language``, which
trafilatura leaves empty); the metadata gets the encoding stage's mojibake repairs; a byline naming the
author found goes from the text to ``meta["html_byline"]``.

>>> text, meta = html_to_text("<html><head><title>Storm hits coast</title></head><body><article>"
...     "<h1>Storm hits coast</h1><p>" + "The storm reached the coast on Monday night. " * 6 + "</p>"
...     "</article></body></html>")
>>> text.splitlines()[:2]
['Storm hits coast', 'The storm reached the coast on Monday night. The storm reached the coast on Monday night. ...']
>>> meta["title"]
'Storm hits coast'
"""

from __future__ import annotations

import gzip
import re
from typing import Any

#: Metadata fields passed on when trafilatura finds them.
_META_FIELDS = (
    "title",
    "author",
    "date",
    "sitename",
    "description",
    "url",
    "hostname",
    "language",
    "categories",
    "tags",
)


def html_to_text(html: str | bytes, *, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The main text of an HTML page (one paragraph per line) and what trafilatura found about it.

    ``html`` may be text or bytes (bytes are decoded by trafilatura from the page's own charset; gzip
    data is unpacked first).  ``url`` helps trafilatura with relative links and site-specific rules;
    nothing is fetched.  Returns ``("", {"html_extraction": ...})`` when no main text is found.
    """
    import trafilatura  # lazily: a heavy import, needed only for HTML input

    if isinstance(html, bytes) and html[:2] == b"\x1f\x8b":
        html = gzip.decompress(html)
    if not html or not (html.strip() if isinstance(html, (str, bytes)) else True):
        return "", {"html_extraction": "empty input"}
    from trafilatura.utils import decode_file, load_html

    page = decode_file(html)  # as trafilatura decodes it: UTF-8, else the declared or detected charset
    page, repaired = _repair_fragile_mojibake(page)
    try:
        tree = load_html(page)
        if tree is not None:
            unwrapped = _unwrap_layout_tables(tree)
            language = _declared_language(tree)
        doc = trafilatura.bare_extraction(
            tree if tree is not None else page,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # unparsable markup
        return "", {"html_extraction": f"trafilatura could not parse the page: {exc}"}
    if doc is None:
        return "", {"html_extraction": "trafilatura found no main text"}
    meta: dict[str, Any] = {}
    for name in _META_FIELDS:
        value = getattr(doc, name, None)
        if value:
            meta[name] = value
    if tree is not None and language and "language" not in meta:
        meta["language"] = language
    _repair_meta(meta)
    if repaired:
        meta["html_mojibake_repaired"] = repaired
    if tree is not None and unwrapped:
        meta["html_layout_tables"] = unwrapped
    text = _single_cell_rows(getattr(doc, "text", None) or "")
    text, byline = _drop_byline(text, meta)
    if byline:
        meta["html_byline"] = byline
    if not text.strip():
        meta["html_extraction"] = "trafilatura found no main text"
        return "", meta
    return text, meta


# A byline trafilatura leaves above the article: the author it found, with nothing else but a date, a
# time, a job title or a word such as "By" or "Posted" ("Ade Okonkwo / March 15, 2023", "By Sam Porter,
# Staff Writer -- Posted Thursday, June 6, 2019").  The boilerplate stage takes bylines it can tell by
# their form ("By ..."); this one knows the name.  Only above the first paragraph, never the headline.
_BYLINE_WORDS = frozenset(
    "by von por par and und y et e staff writer reporter correspondent editor posted published updated"
    " on at am pm uhr".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 15 or (len(words) >= 6 and line.rstrip().endswith((".", "!", "?", '."', ".”")))


def _drop_byline(text: str, meta: dict[str, Any]) -> tuple[str, str | None]:
    """``text`` without a byline line naming ``meta["author"]`` above the article; the line removed."""
    author = meta.get("author")
    if not isinstance(author, str):
        return text, None
    names = [n.strip().casefold() for n in author.split(";") if " " in n.strip()]
    if not names:
        return text, None
    lines = text.split("\n")
    title = (meta.get("title") or "").casefold()
    for i, line in enumerate(lines[:5]):
        if _is_prose(line):
            break
        folded = line.casefold()
        if not any(n in folded for n in names) or len(line.split()) > 20 or (title and title in folded):
            continue
        for n in names:
            folded = folded.replace(n, " ")
        rest = _WORD.findall(line)
        left = _WORD.findall(folded)
        # the words left, in the line's own case: capitalized (a date, a title), short, or byline words
        cased = {w.casefold(): w for w in rest}
        if len(left) <= 8 and all(cased.get(w, w)[:1].isupper() or len(w) <= 3 or w in _BYLINE_WORDS for w in left):
            return "\n".join(lines[:i] + lines[i + 1 :]), line
    return text, None


# Mojibake that trafilatura would make unrepairable.  UTF-8 read as cp1252 or Latin-1 turns a character's
# continuation bytes into characters of their own; trafilatura drops the invisible ones -- the C1 controls
# (bytes 80-9F read as Latin-1, or the five cp1252 leaves undefined: 81 8D 8F 90 9D) and the soft hyphen
# (byte AD) -- so "Ría" read as "RÃ\xada" comes out "RÃa", which ftfy cannot decode any more ("Ã" and "a"
# are no mojibake of anything).  A word holding such a character is decoded here, before extraction,
# with ftfy's own test of what is mojibake; the rest of the page's mojibake is left to the encoding stage,
# which records its edits.  A soft hyphen before a capital is kept: hyphenation in upper-case text
# ("CÂ\xadMARA").
_FRAGILE = "\x80-\x9f\xad"
_FRAGILE_WORD = re.compile(rf"[^\s<>\"'&;=]*[{_FRAGILE}][^\s<>\"'&;=]*")
_FRAGILE_CHAR = re.compile(rf"[{_FRAGILE}]")
_CAPS_HYPHENATION = re.compile(r"\xad(?=[^\W\d_a-zß-ÿ])")


def _repair_fragile_mojibake(page: str) -> tuple[str, int]:
    """``page`` with the mojibake words that hold a character trafilatura drops decoded; how many."""
    if not _FRAGILE_CHAR.search(page):
        return page, 0
    import ftfy

    count = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group()
        if _CAPS_HYPHENATION.search(word):
            return word
        fixed = ftfy.fix_encoding(word)
        if fixed == word or len(_FRAGILE_CHAR.findall(fixed)) >= len(_FRAGILE_CHAR.findall(word)):
            return word
        count += 1
        return fixed

    return _FRAGILE_WORD.sub(fix, page), count


def _repair_meta(meta: dict[str, Any]) -> None:
    """The encoding stage's repairs on the metadata's text ("SiobhÃ¡n Oâ€™Neill" -> "Siobhán O’Neill"):
    a page whose article holds mojibake has it in its title and meta tags too."""
    from textmend.stages import encoding

    options = encoding.Options()
    for name in ("title", "author", "description", "sitename", "categories", "tags"):
        value = meta.get(name)
        if isinstance(value, str) and not value.isascii():
            meta[name] = encoding.apply(value, options).text
        elif isinstance(value, list):
            meta[name] = [
                encoding.apply(v, options).text if isinstance(v, str) and not v.isascii() else v for v in value
            ]


# Layout tables: old sites and e-mail-like templates lay the page out in <table>s.  trafilatura, with
# tables kept, prints such a table as a Markdown row, the whole article and the menu beside it glued into
# one cell ("| Home \| News | ... |", paragraphs made of <br><br> run together).  A table is read as layout,
# and its rows and cells as plain blocks, on the markers Mozilla's Readability uses (_markDataTables):
# role="presentation", or no <caption>, summary, <th>, <thead>, <tfoot>, <col>, and either a table
# nested inside it or a single row or a single column whose cells hold blocks.  A data table keeps its rows.
_DATA_TABLE_MARKS = ".//caption|.//th|.//thead|.//tfoot|.//col|.//colgroup"
_BLOCKS = ".//p|.//div|.//br|.//ul|.//ol|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//blockquote|.//article"


def _unwrap_layout_tables(tree: Any) -> int:
    """Turn the layout tables of ``tree`` into plain blocks, in place; how many."""
    count = 0
    for table in list(tree.iter("table")):
        if not _is_layout_table(table):
            continue
        parts = [el for el in table.iter("thead", "tbody", "tfoot", "tr", "td", "th") if _own(el, table)]
        for el in [table, *parts]:
            el.tag = "div"
            for attr in ("width", "align", "valign", "colspan", "rowspan", "role"):
                el.attrib.pop(attr, None)
        count += 1
    return count


def _is_layout_table(table: Any) -> bool:
    if (table.get("role") or "").lower() == "presentation":
        return True
    if table.get("summary") or table.xpath(_DATA_TABLE_MARKS):
        return False
    if table.xpath(".//table"):
        return True
    rows = [tr for tr in table.iter("tr") if _own(tr, table)]
    cells = [td for tr in rows for td in tr if td.tag == "td"]
    columns = max((len([td for td in tr if td.tag == "td"]) for tr in rows), default=0)
    # A single row or column: layout when its cells hold blocks (paragraphs, <br> lines); a box of one
    # line of text (a pull quote, a note) is left to trafilatura, which prints it as one line.
    return (len(rows) <= 1 or columns <= 1) and any(td.xpath(_BLOCKS) for td in cells)


# A table of one column with no header (a box: a pull quote, a note) comes out as "| text |" lines; they
# are printed as the text alone ("\\|" in a cell is a literal bar).
_TABLE_LINE = re.compile(r"^\|.*\|[ \t]*$")
_ONE_CELL = re.compile(r"^\|[ \t]?((?:[^|\\]|\\.)*?)[ \t]*\|[ \t]*$")


def _single_cell_rows(text: str) -> str:
    if "|" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not _TABLE_LINE.match(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _TABLE_LINE.match(lines[j]):
            j += 1
        cells = [_ONE_CELL.match(line) for line in lines[i:j]]
        if all(cells):
            lines[i:j] = [m.group(1).replace("\\|", "|") for m in cells if m]
        i = j
    return "\n".join(lines)


def _own(el: Any, table: Any) -> bool:
    """``el`` belongs to ``table`` itself, not to a table nested in it."""
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table


# The language the page declares: <html lang>, a content-language meta tag, og:locale, or JSON-LD's
# inLanguage.  trafilatura only checks a language it is given; it finds none.  As ISO 639-1/-3 primary
# subtags ("en-GB" -> "en"), like the language detectors' codes.
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.IGNORECASE)
_NO_LANGUAGE = {"und", "mul", "zxx", "mis"}
_IN_LANGUAGE = re.compile(r'"inLanguage"\s*:\s*"([^"]{2,20})"')


def _declared_language(tree: Any) -> str | None:
    candidates: list[str] = []
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    candidates.append(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "")
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in ("content-language", "language", "dc.language", "og:locale"):
            candidates.append(meta.get("content") or "")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.extend(_IN_LANGUAGE.findall(script.text))
    for value in candidates:
        m = _LANGUAGE_TAG.match(value.split(",")[0].strip())
        if m and m.group(1).lower() not in _NO_LANGUAGE:
            return m.group(1).lower()
    return None
