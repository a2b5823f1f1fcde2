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
author found goes from the text to ``meta["html_byline"]``.  From a second batch of fresh pages (session
9): an old template's right column ("rightcol", "sidebox") is left out; the headline is the heading that
is the og:title when the <h1> is a blog's name; an author printed but tagged nowhere ("Submitted by NAME
on DATE") is read from the byline, and the site's name is no second author; and a page with no article
(a section front of teaser cards, or a menu and a date with no sentence) gives no text, said so in
``meta["html_extraction"]``.  From a third batch (session 10): bytes not UTF-8 are read in the charset
the page declares (trafilatura only guesses), a UTF-8 page holding windows-1252 bytes in both; the body
a paywalled or thin page keeps in its data (JSON-LD ``articleBody``, Next.js ``__NEXT_DATA__``) fills in
the paragraphs its HTML lacks; a paragraph cut by an ad slot is rejoined; a CMS account ("admin",
"newsdesk") is no author; a date label whose date trafilatura dropped ("Last updated:") goes.  From a
fourth batch (session 11): Arc XP's ``Fusion.globalContent`` is such data too (a page rendering only
its chrome); a table's <caption> is a line before its rows, not a header row, and Markdown rule rows
go; a quote set in a <figure> is kept; a footnote's number linking to its note is no longer glued to
the sentence; a date label after the author's name ("NAME Published") goes; a page builder's widget
box holding the excerpt can be the standfirst; the title is the <h1> when that is a part of the <title>.
From a fifth batch (session 12): a list whose items are entries of paragraphs (a live blog's) is read
as blocks; Sanity's Portable Text in ``__NEXT_DATA__`` is a data body, the data's authors the author; a
one-word account ("webeditor", Joomla's "Super User") is no author; ``xml:lang`` is a declared language;
an <h2> that is a part of the <title> is the headline on a page with neither <h1> nor og:title; a site's
author tag with a place ("SITE, Germany") is the site's; " :: " separates a <title>'s parts.  From a
sixth batch (session 13): an RSS or Atom feed of one item saved as the page is read as that item's page;
a page printing no headline at all has its og:title for one; a Chinese name in <meta name="author"> is
the author and a Korean or Chinese reporter's title ("기자", "记者") no part of it; a title's ideographic
spaces (U+3000) are kept.

>>> text, meta = html_to_text("<html><head><title>Storm hits coast</title></head><body><article>"
...     "<h1>Storm hits coast</h1><p>" + "The storm reached the coast on Monday night. " * 6 + "</p>"
...     "</article></body></html>")
>>> text.splitlines()[:2]
['Storm hits coast', 'The storm reached the coast on Monday night. The storm reached the coast on Monday night. ...']
>>> meta["title"]
'Storm hits coast'
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from collections.abc import Iterator
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


#: The metadata counting the tree's repairs, in the order they are written.
_REPAIR_KEYS = (
    "html_layout_tables",
    "html_rejoined_paragraphs",
    "html_side_columns",
    "html_footnote_marks",
    "html_table_captions",
    "html_quote_figures",
    "html_list_entries",
)


def html_to_text(
    html: str | bytes, *, url: str | None = None, restore_header: bool = False
) -> tuple[str, dict[str, Any]]:
    """The main text of an HTML page (one paragraph per line) and what trafilatura found about it.

    ``html`` may be text or bytes (UTF-8, else the charset the page declares, else textmend's detection,
    see ``_decode_page``; gzip data is unpacked first).  ``url`` helps trafilatura with relative links and
    site-specific rules; nothing is fetched.  ``restore_header`` puts the headline and standfirst
    trafilatura left out back on top of the text (off by default: the aeb gold bodies leave them out, see
    ``_missing_header``); without it a standfirst left out goes to ``meta["standfirst"]``.  Returns
    ``("", {"html_extraction": ...})`` when no main text is found.
    """
    import trafilatura  # lazily: a heavy import, needed only for HTML input

    if isinstance(html, bytes) and html[:2] == b"\x1f\x8b":
        html = gzip.decompress(html)
    if not html or not (html.strip() if isinstance(html, (str, bytes)) else True):
        return "", {"html_extraction": "empty input"}
    from trafilatura.utils import decode_file, load_html

    mixed, encoding = 0, ""
    if isinstance(html, bytes):
        page, encoding, mixed = _decode_page(html)
    if not encoding:
        page = decode_file(html)  # as trafilatura decodes it: UTF-8, else its guess
    page, repaired = _repair_fragile_mojibake(page)
    feed_item = _feed_item_page(page) if _FEED_START.match(page[:4096]) else None
    if feed_item is not None:
        page = feed_item
    header = None
    data_body: list[str] = []
    repairs: dict[str, int] = {}
    try:
        tree = load_html(page)
        if tree is not None:
            data_body = _data_body(tree)
            # the tree's repairs, in this order, each counted in the metadata (in _REPAIR_KEYS' order)
            repairs = {
                "html_rejoined_paragraphs": _rejoin_split_paragraphs(tree),
                "html_layout_tables": _unwrap_layout_tables(tree),
                "html_table_captions": _captions_out_of_tables(tree),
                "html_footnote_marks": _drop_footnote_marks(tree),
                "html_quote_figures": _unwrap_quote_figures(tree),
                "html_list_entries": _entries_out_of_lists(tree),
                "html_side_columns": _drop_side_columns(tree),
            }
            language = _declared_language(tree)
            header = _page_header(tree)
            if header is None and data_body and _is_page_title(tree, data_body[0]):
                header = (data_body[0], [])  # a page that renders no headline: the data's, when it is the page's
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
    if doc is None and data_body and tree is not None:
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(tree, default_url=url)  # a thin page: the text is in its data alone
    if doc is None:
        return "", {"html_extraction": "trafilatura found no main text"}
    meta: dict[str, Any] = {}
    for name in _META_FIELDS:
        value = getattr(doc, name, None)
        if value:
            meta[name] = value
    if tree is not None and language and "language" not in meta:
        meta["language"] = language
    if "author" not in meta and tree is not None:
        _cjk_meta_author(meta, tree)
    _author_not_site(meta, tree)
    _author_not_account(meta)
    _author_without_reporter_title(meta)
    _author_without_date_label(meta)
    _repair_meta(meta)
    if tree is not None and isinstance(meta.get("title"), str):
        meta["title"] = _with_wide_spaces(meta["title"], tree)
    if feed_item is not None:
        meta["html_feed_item"] = True
    if encoding:
        meta["html_encoding"] = encoding
    if mixed:
        meta["html_mixed_encoding"] = mixed
    if repaired:
        meta["html_mojibake_repaired"] = repaired
    meta.update((key, repairs[key]) for key in _REPAIR_KEYS if repairs.get(key))
    text = _RULE_ROW.sub("", _single_cell_rows(getattr(doc, "text", None) or ""))
    if data_body:
        merged, added_paragraphs = _with_data_body(text, data_body, header)
        if added_paragraphs:
            text = merged
            meta["html_data_body"] = added_paragraphs
            if "author" not in meta and tree is not None:
                author = _data_author(tree, data_body[0])
                if author:
                    meta["author"] = author
            standfirst = data_body[1]
            if standfirst and _norm(standfirst).casefold() not in _norm(text).casefold():
                lines = text.split("\n")
                at = next((i for i, line in enumerate(lines[:3]) if header and _norm(line) == header[0]), None)
                if restore_header and at is not None:
                    text = "\n".join([*lines[: at + 1], standfirst, *lines[at + 1 :]])
                elif restore_header and header and not header[1]:
                    text = "\n".join([standfirst, *lines])  # under the data's headline, put back below
                else:
                    meta["standfirst"] = standfirst
    if tree is not None and text.strip():
        added = _missing_header(text, header)
        if restore_header and added:
            text = "\n".join([*added, text])
            meta["html_header_restored"] = len(added)
        elif len(added) > 1 or (added and header and added[0] != header[0]):
            meta["standfirst"] = added[-1]
    if tree is not None:
        _title_from_text(meta, tree, text, header)
    if "author" not in meta:
        author = _byline_author([*_head_lines(text), *(block for block, _ in (header[1] if header else [])[:12])])
        if author:
            meta["author"] = author
    text, byline = _drop_byline(text, meta)
    text, labels = _drop_bare_date_labels(text)
    if labels:
        meta["html_date_labels"] = labels
    if byline:
        meta["html_byline"] = byline
    if not text.strip():
        meta["html_extraction"] = "trafilatura found no main text"
        return "", meta
    no_article = _no_article(text, tree)
    if no_article:
        for name in _ARTICLE_FIELDS:
            meta.pop(name, None)
        meta["html_extraction"] = no_article
        return "", meta
    return text, meta


# A feed saved as the page (session 13, fresh6/04): an RSS 2.0 or Atom document of one item, the story's
# full text in its content:encoded (or Atom <content>, else the teaser <description>/<summary>) as
# escaped HTML or CDATA.  An HTML parser reads none of it as the article: the whole text was lost and no
# field found.  A feed of one item is read as the page it stands for -- its title as <title> and <h1>,
# dc:creator or the author's name, pubDate or published, the channel's language -- and extracted as any
# page; a feed of several items is a list of stories, left as it is.
_FEED_START = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL
)
_FEED_ITEMS = ("item", "entry")
_FEED_BODY = ("encoded", "content", "description", "summary")
_MEDIA_RSS = "http://search.yahoo.com/mrss/"
_FEED_AUTHOR = re.compile(r"^\S+@\S+\s*\((.+)\)$")  # RSS <author>: "mail@example.com (Name)"


def _feed_item_page(page: str) -> str | None:
    """An HTML page for the one item of an RSS or Atom feed ``page``; None for a feed of more or none."""
    import html as html_lib

    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(re.sub(r"\A\ufeff?\s*<\?xml[^>]*\?>", "", page).encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None

    def local(el: Any) -> str:
        return etree.QName(el).localname if isinstance(el.tag, str) else ""

    items = [el for el in root.iter() if local(el) in _FEED_ITEMS]
    if len(items) != 1:
        return None
    item = items[0]
    fields: dict[str, str] = {}
    for child in item:
        name = local(child)
        if isinstance(child.tag, str) and etree.QName(child).namespace == _MEDIA_RSS:
            continue  # <media:content>, <media:title>: a picture's, not the story's
        if name == "author":  # Atom: <author><name>; RSS: an e-mail address, the name in brackets
            text = (
                "".join(child.itertext())
                if not len(child)
                else next((c.text or "" for c in child if local(c) == "name"), "")
            )
            m = _FEED_AUTHOR.match(text.strip())
            fields.setdefault("author", m.group(1) if m else text)
        elif name == "creator":
            fields.setdefault("author", child.text or "")
        elif name in ("pubDate", "published", "date", "updated", "issued"):
            fields.setdefault("date", (child.text or "").strip())
        elif name == "title":
            fields.setdefault("title", "".join(child.itertext()))
        elif name in _FEED_BODY and name not in fields:
            fields[name] = (
                "".join(child.itertext()) if child.get("type") != "xhtml" else etree.tostring(child, encoding="unicode")
            )
    body = next((fields[k] for k in _FEED_BODY if fields.get(k, "").strip()), "")
    title = _norm(fields.get("title", ""))
    if not body and not title:
        return None
    date = fields.get("date", "")
    if date and not re.match(r"\d{4}-\d\d-\d\d", date):
        from email.utils import parsedate_to_datetime

        try:
            date = parsedate_to_datetime(date).isoformat()
        except (TypeError, ValueError):
            date = ""
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang") or next(
        (el.text or "" for el in root.iter() if local(el) == "language"), ""
    )
    esc = html_lib.escape
    head = [f"<title>{esc(title)}</title>"]
    if _norm(fields.get("author", "")):
        head.append(f'<meta name="author" content="{esc(_norm(fields["author"]))}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{esc(date.strip())}">')
    lang = f' lang="{esc(language.strip())}"' if _LANGUAGE_TAG.match(language.strip()) else ""
    return (
        f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8">{"".join(head)}</head><body><article>'
        f"<h1>{esc(title)}</h1>\n{body}\n</article></body></html>"
    )


# An author trafilatura took from the site's own markup ("Ridgeway Quarterly; Tomasz Wierzba": the site's
# name in an itemprop="author" meta tag, the writer in JSON-LD) is the site, not a writer: it goes when
# another name is left.
def _author_names(meta: dict[str, Any]) -> list[str] | None:
    """The names of the metadata's author (trafilatura joins several with ";"), or None when it has none."""
    author = meta.get("author")
    return [n.strip() for n in author.split(";") if n.strip()] if isinstance(author, str) else None


# A site's author tag may say where the site is, "Mitteldeutsche Rundschau, Germany" (Der Spiegel's form),
# which trafilatura splits at the comma: the place was left as an author (session 12, fresh5/11).  A meta
# author tag one of whose comma-separated parts is the site's name is the site's, all of it.
_META_AUTHOR = "//meta[@name='author' or @property='author' or @property='article:author']/@content"
_AUTHOR_PARTS = re.compile(r"\s*[,;]\s*")


def _author_not_site(meta: dict[str, Any], tree: Any = None) -> None:
    names, site = _author_names(meta), meta.get("sitename")
    if names is None or not isinstance(site, str) or ";" not in meta["author"]:
        return
    site_names = {site.strip().casefold()}
    for content in tree.xpath(_META_AUTHOR) if tree is not None else ():
        parts = {p.casefold() for p in _AUTHOR_PARTS.split(_norm(content)) if p}
        if site_names & parts:
            site_names |= parts
    kept = [n for n in names if n.casefold() not in site_names]
    if kept and len(kept) < len(names):
        meta["author"] = "; ".join(kept)


# The article's body in the page's data, not (or not all) in its HTML: a paywalled page prints two
# paragraphs and puts the whole text in its schema.org JSON-LD ``articleBody``; a Next.js page renders a
# skeleton and ships the story as blocks in ``__NEXT_DATA__`` ({"type": "paragraph", "text": ...}).  The
# paragraphs of that body which the text lacks are put in, each after the one before it (session 10's
# fresh3 pages: 16 of 96 dev lines were such).  Only when the data is this article: the text's paragraphs
# are in it, or, for a text with none, the data's headline is the page's.
_BODY_KEYS = ("text", "content", "html")
_BODY_TYPES = frozenset(
    "paragraph text p para heading subheading subhead header h2 h3 h4 quote blockquote list_item listitem".split()
)
_BLOCK_TAG = re.compile(r"(?i)<(?:br\s*/?|/p|/div|/h[1-6]|/li|/blockquote)\s*>")
_TAG = re.compile(r"<[^>]+>")
_MIN_DATA_WORDS = 30
_STANDFIRST_KEYS = ("standfirst", "dek", "subheadline", "subheadlines", "subtitle", "description")


def _data_body(tree: Any) -> list[str]:
    """The article's paragraphs as the page's data holds them (JSON-LD articleBody, __NEXT_DATA__ blocks,
    Arc XP's Fusion.globalContent), after the data's headline and standfirst ("" when it has none); []
    when there is none."""
    best: list[str] = []
    for data, json_ld in _script_data(tree):
        for found in _bodies(data, json_ld):
            if sum(len(p.split()) for p in found[2:]) > sum(len(p.split()) for p in best[2:]):
                best = found
    return best if sum(len(p.split()) for p in best[2:]) >= _MIN_DATA_WORDS else []


def _script_data(tree: Any) -> Iterator[tuple[Any, bool]]:
    """The page's data that may hold its article: (JSON-LD, True), (__NEXT_DATA__ or Fusion.globalContent, False)."""
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if not script.text:
            continue
        if kind in ("", "text/javascript", "application/javascript"):
            # a substring test first: a page's scripts can be megabytes
            data = _script_object(script.text, _FUSION_CONTENT) if "Fusion.globalContent" in script.text else None
            if data is None:
                continue
        elif kind not in ("application/ld+json", "application/json"):
            continue
        elif kind == "application/json" and script.get("id") != "__NEXT_DATA__":
            continue
        else:
            try:
                data = json.loads(script.text)
            except ValueError:
                continue
        yield data, kind == "application/ld+json"


# The writer of a page that renders no byline, its story only in the data (session 12, fresh5/02: a Next.js
# page of Sanity data, "authors": [{"name": ...}]): the names the data gives beside the headline the body
# was taken under, when trafilatura found none.  Only people's names, as a byline has them (two to five
# words, no digits, no "@"): an account id or a site is no author.
_DATA_AUTHOR_KEYS = ("authors", "author", "byline", "credits")
_PERSON_NAME = re.compile(r"^[^\W\d_][^\d@/|<>]{2,60}$")


def _data_author(tree: Any, headline: str) -> str | None:
    key = _loose(headline)
    if not key:
        return None
    for data, _ in _script_data(tree):
        for node in _objects(data):
            title = _headline_field(node)
            if title and _loose(title) == key:
                names = [n for k in _DATA_AUTHOR_KEYS for n in _names(node.get(k))]
                names = list(dict.fromkeys(n for n in names if _PERSON_NAME.match(n) and 2 <= len(n.split()) <= 5))
                if names:
                    return "; ".join(names)
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data``, itself first, then depth first from its last member."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            yield node
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))


def _names(value: Any) -> list[str]:
    """The names an author field holds: a string, {"name": ...}, Arc's {"by": [...]}, or a list of them."""
    if isinstance(value, str):
        return [_norm(value)] if value.strip() else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        if isinstance(value.get("name"), str):
            return _names(value["name"])
        if isinstance(value.get("by"), list):
            return _names(value["by"])
    return []


# Arc XP pages ship the story's ANS document in a script, "Fusion.globalContent={...};", and render the
# body from it in the browser: a page whose server rendering failed or was cut holds only the chrome
# (session 11, fresh4/09: the whole body, headline and byline were in it alone).
_FUSION_CONTENT = re.compile(r"\bFusion\.globalContent\s*=\s*(?=\{)")


def _script_object(script: str, assignment: re.Pattern[str]) -> Any:
    """The JSON object a script assigns (``assignment`` matching up to its opening brace), or None."""
    m = assignment.search(script)
    if not m:
        return None
    try:
        return json.JSONDecoder().raw_decode(script, m.end())[0]
    except ValueError:
        return None


def _headline_field(node: dict[str, Any]) -> str:
    """A data object's headline: its "headline", "title" or Arc's "headlines" field (:func:`_field_text`)."""
    return _field_text(node.get("headline") or node.get("title") or node.get("headlines"))


def _field_text(value: Any) -> str:
    """A headline or standfirst field: a string, or Arc's {"basic": "..."}."""
    if isinstance(value, dict):
        value = value.get("basic")
    return value if isinstance(value, str) else ""


def _bodies(data: Any, json_ld: bool) -> list[list[str]]:
    """[headline, standfirst, paragraph ...] lists found in ``data`` ("" for a headline or standfirst it
    has not)."""
    out: list[list[str]] = []
    for node in _objects(data):
        headline = _norm(_headline_field(node))
        standfirst = next((t for k in _STANDFIRST_KEYS if (t := _field_text(node.get(k)))), "")
        standfirst = _norm(standfirst) if 8 <= len(standfirst.split()) <= 80 and "<" not in standfirst else ""
        if json_ld:
            body = node.get("articleBody")
            if isinstance(body, str) and _ARTICLE_TYPE.search(json.dumps({"@type": node.get("@type")})):
                out.append([headline, standfirst, *_paragraphs(body)])
        for value in node.values():
            if not json_ld and isinstance(value, list) and len(value) >= 3:
                paragraphs = [t for v in value for t in _block_texts(v)]
                if len(paragraphs) >= 3:
                    out.append([headline, standfirst, *paragraphs])
    return out


def _block_texts(block: Any) -> list[str]:
    """A body block's text: {"type": "paragraph", "text": "..."} and the like, a list block's items
    ({"type": "list", "items": [{"type": "text", "content": "..."}, ...]}, Arc's), a Portable Text block
    ({"_type": "block", "children": [{"_type": "span", "text": "..."}, ...]}, Sanity's, session 12's
    fresh5/02: spans split where a mark starts or ends); [] for other blocks (images, pull quotes)."""
    if not isinstance(block, dict):
        return []
    children = block.get("children")
    if block.get("_type") == "block" and isinstance(children, list):
        # Sanity's Portable Text: a block (paragraph, heading, quote or list item by its style) of spans
        spans = "".join(c["text"] for c in children if isinstance(c, dict) and isinstance(c.get("text"), str))
        return [_norm(spans)] if spans.strip() else []
    kind = str(block.get("type", "")).lower().replace("-", "_")
    if kind == "list" and isinstance(block.get("items"), list):
        return [t for item in block["items"] for t in _block_texts(item)]
    if kind not in _BODY_TYPES:
        return []
    for key in _BODY_KEYS:
        value = block.get(key)
        if isinstance(value, str) and value.strip():
            return [" ".join(_paragraphs(value))]
    return []


def _paragraphs(body: str) -> list[str]:
    """A data body's paragraphs: its lines, or its HTML's blocks; entities decoded ("&#8217;", "&lt;p&gt;"
    written escaped in JSON-LD)."""
    import html as html_lib

    if "&" in body:
        body = html_lib.unescape(body)
    if "<" in body:
        body = _TAG.sub("", _BLOCK_TAG.sub("\n", body))
    return [_norm(p) for p in body.split("\n") if _norm(p)]


def _loose(text: str) -> str:
    """``text`` as compared with the data's: its words alone, case folded (quotes, dashes and spaces differ)."""
    return " ".join(_LOOSE_WORD.findall(text.casefold()))


_LOOSE_WORD = re.compile(r"\w+")


def _with_data_body(text: str, data: list[str], header: tuple[str, list[tuple[str, bool]]] | None) -> tuple[str, int]:
    """``text`` with the paragraphs of ``data`` (headline, standfirst, paragraphs) it lacks put in; how many."""
    headline, paragraphs = data[0], data[2:]
    lines = text.split("\n") if text.strip() else []
    keys = [_loose(line) for line in lines]
    prose = [k for line, k in zip(lines, keys, strict=True) if _ends_sentence(line) and k]
    flat = _loose(" ".join(paragraphs))
    if prose:
        if not any(k in flat for k in prose):
            return text, 0  # the text is another article than the data's (or differs throughout)
    elif not headline or not header or _loose(headline) != _loose(header[0]):
        return text, 0
    whole = " \n ".join(keys)
    after: dict[int, list[str]] = {}
    cursor = -1 if prose else len(lines) - 1
    missing = 0
    for paragraph in paragraphs:
        key = _loose(paragraph)
        hit = next((i for i, k in enumerate(keys) if k and (key in k or (len(k.split()) >= 8 and k in key))), None)
        if hit is None:
            opening = " ".join(key.split()[:12])
            if len(key.split()) >= 12 and opening in whole:
                continue  # there, written a little differently
            after.setdefault(cursor, []).append(paragraph)
            missing += len(paragraph.split())
            continue
        cursor = max(cursor, hit)
        # a body with no line breaks: the part after the text's last line in it
        contained = [i for i, k in enumerate(keys) if len(k.split()) >= 8 and k in key and k != key]
        if contained:
            words = _LOOSE_WORD.findall(" ".join(lines[contained[-1]].split()[-5:]))
            ends = [m.end() for m in re.finditer(r"\W+".join(map(re.escape, words)), paragraph, re.IGNORECASE)]
            if ends:
                rest = re.sub(r"^\S*\s*", "", paragraph[ends[-1] :])
                if len(rest.split()) >= 8:
                    cursor = max(cursor, contained[-1])
                    after.setdefault(cursor, []).append(rest)
                    missing += len(rest.split())
    # a thin or cut page, not trafilatura's choice of blocks on a whole one: the text held less than half
    if missing < _MIN_DATA_WORDS or missing * 2 < len(flat.split()):
        return text, 0
    out = list(after.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, []))
    return "\n".join(out), sum(len(v) for v in after.values())


# A paragraph cut in two by a block put inside it: an ad slot injected mid-paragraph (<p>... on a ward,
# <div class="ad">...</div> some of them in corridors.</p>).  HTML parsers close the <p> at the <div>, so
# the paragraph's end is loose text after the block, which trafilatura prints as a line of its own ("some
# of them in corridors.").  Where a <p> that ends mid-sentence is followed by a block whose tail text
# starts in lower case, that text (and the inline elements after it, up to the next block) goes back
# into the <p>; the block stays where it was, for trafilatura to judge.
_INLINE_TAGS = frozenset("a abbr b bdi cite code em i mark q s small span strong sub sup time u".split())
_OPEN_END = re.compile(r"[\w,;–—-]\s*$")


def _rejoin_split_paragraphs(tree: Any) -> int:
    count = 0
    for p in list(tree.iter("p")):
        block = p.getnext()
        if block is None or not isinstance(block.tag, str) or block.tag in _INLINE_TAGS or block.tag == "p":
            continue
        if (p.tail or "").strip():
            continue
        run = []  # the inline elements after the block, up to the next block
        nxt = block.getnext()
        while nxt is not None and isinstance(nxt.tag, str) and nxt.tag in _INLINE_TAGS:
            run.append(nxt)
            nxt = nxt.getnext()
        loose = (block.tail or "") + "".join(el.text_content() + (el.tail or "") for el in run)
        if not loose.lstrip()[:1].islower():
            continue
        own = p.text_content()
        if len(own.split()) < 5 or not _OPEN_END.search(own):
            continue
        tail = (block.tail or "").strip()
        block.tail = "\n"
        last = p[-1] if len(p) else None
        if last is not None:
            last.tail = (last.tail or "").rstrip() + " " + tail
        else:
            p.text = (p.text or "").rstrip() + " " + tail
        for el in run:
            p.append(el)  # moves it, its tail with it
        count += 1
    return count


# A date's label whose date trafilatura left out ("Last updated: <time>03:12, 20 NOV 2026</time>" gives
# "Last updated:"): a line of the label alone says nothing and goes.
_BARE_DATE_LABEL = re.compile(
    r"^[ \t]*(?:(?:last|first)[ \t]+)?(?:updated|published|posted|modified)(?:[ \t]+(?:on|at))?[ \t]*:?[ \t]*(?:\n|\Z)",
    re.IGNORECASE | re.MULTILINE,
)


def _drop_bare_date_labels(text: str) -> tuple[str, int]:
    kept, count = _BARE_DATE_LABEL.subn("", text)
    return (kept.rstrip("\n") if count else text), count


# An author that is a CMS account or a desk, not a writer: Drupal and WordPress print the account that
# posted the node ("By newsdesk", "admin"), which trafilatura takes for the author (session 10, a Drupal 10
# page whose writer is a byline field, "Words: Orla Beckwith").  Such a name goes; the byline may give
# the writer, or the author is left out (absent, never wrong).
# Written as one word too ("webeditor", "siteadmin": Drupal's user names, session 12's fresh5/04), and
# Joomla's first account, "Super User", which its templates print in <meta name="author"> (fresh5/05).
_ACCOUNT_NAMES = frozenset(
    "admin administrator newsdesk news desk newsroom webmaster webadmin web editor editors editorial desk"
    " staff user guest anonymous unknown root content team site super".split()
)
_ACCOUNT_JOINED = frozenset(a + b for a in _ACCOUNT_NAMES for b in _ACCOUNT_NAMES)
_ACCOUNT_SEPARATOR = re.compile(r"[-_.]")


def _is_account(name: str) -> bool:
    words = _ACCOUNT_SEPARATOR.sub(" ", name.casefold()).split()
    return all(w in _ACCOUNT_NAMES or w in _ACCOUNT_JOINED for w in words)


def _author_not_account(meta: dict[str, Any]) -> None:
    names = _author_names(meta)
    if names is None:
        return
    kept = [n for n in names if not _is_account(n)]
    if len(kept) < len(names):
        if kept:
            meta["author"] = "; ".join(kept)
        else:
            del meta["author"]


# Chinese, Japanese and Korean bylines (session 13, fresh6/09 and 15).  A name in Han characters has no
# space ("林晓岚"), and trafilatura takes no author of one word: the page's <meta name="author"> naming
# one person so, in two to five Han or Hangul characters, is the author.  A Korean or Chinese byline
# carries the writer's title after the name, "박서연 기자" ("reporter"), "林晓岚 记者", which is no part of
# it (as "By NAME, Reporter" gives NAME).
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\uac00-\ud7a3]{2,5}$")
_REPORTER_TITLE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff\uac00-\ud7a3]{2,5}(?: [\u4e00-\u9fff\uac00-\ud7a3]{1,4})?)\s?"
    r"(?:기자|선임기자|수석기자|객원기자|인턴기자|특파원|记者|記者|特派员|特派員|通讯员|通訊員)$"
)


# A site or a desk names itself so too ("新华网", "云溪日报", "해오름일보", "편집국"): a name ending as a paper,
# a site, an agency or a desk does, or that is a part of the site's name, is none.
_CJK_ORGANISATION = re.compile(
    r"(?:报|報|网|網|社|台|刊|闻|聞|站|部|中心|集团|集團|公司|频道|頻道|新聞|編集|编辑|編輯|"
    r"일보|신문|뉴스|방송|닷컴|편집국|편집부|취재팀|미디어)$"
)


def _cjk_meta_author(meta: dict[str, Any], tree: Any) -> None:
    names = {_norm(v) for v in tree.xpath("//meta[@name='author']/@content") if _norm(v)}
    if len(names) != 1:
        return
    name = names.pop()
    m = _REPORTER_TITLE.match(name)
    if not (_CJK_NAME.match(name) or m):
        return
    name = m.group("name") if m else name
    site = f"{meta.get('sitename') or ''} {_title_tag(tree)}"
    if not _CJK_ORGANISATION.search(name) and name not in site:
        meta["author"] = name


def _author_without_reporter_title(meta: dict[str, Any]) -> None:
    names = _author_names(meta)
    if names:
        kept = [m.group("name") if (m := _REPORTER_TITLE.match(n)) else n for n in names]
        if kept != names:
            meta["author"] = "; ".join(kept)


# A page's title as written, with its ideographic spaces: a Chinese or Japanese headline separates its
# two parts with U+3000 ("北浜市、…導入へ　来年4月から"), which trafilatura's clean-up reads as any white space
# and prints as " " (session 12's fresh5/12, session 13's fresh6/15).  The <h1>, og:title or <title> the
# title was taken from gives them back.
def _with_wide_spaces(title: str, tree: Any) -> str:
    if " " not in title:
        return title
    pattern = re.compile(r"[ \u3000]+".join(re.escape(part) for part in title.split(" ")))
    for value in [
        *(h.text_content() for h in tree.iter("h1")),
        *tree.xpath(_SOCIAL_TITLE),
        tree.findtext(".//title") or "",
    ]:
        if "\u3000" in value:
            m = pattern.search(" ".join(re.split(r"[^\S\u3000]+", value)))
            if m and "\u3000" in m.group():
                return m.group()
    return title


# A byline block of the name and a date label on the next line ("By Sian Tremayne<br />Published:
# 18/11/2026"): trafilatura's author is the name and the label ("Sian Tremayne Published"; fresh4/11).
# The label, and anything after it, goes from each name.
_AUTHOR_DATE_LABEL = re.compile(
    r"\s+(?:(?:last|first)\s+)?(?:published|updated|posted|modified)\b.*$", re.IGNORECASE | re.DOTALL
)


def _author_without_date_label(meta: dict[str, Any]) -> None:
    names = _author_names(meta)
    if names is None:
        return
    names = [n for n in (_AUTHOR_DATE_LABEL.sub("", n) for n in names) if n]
    if names:
        meta["author"] = "; ".join(names)


# A byline the page prints but tags nowhere: Drupal's "Submitted by NAME on DATE", an old site's "by NAME"
# over the date.  Read, when trafilatura found no author, from the blocks under the headline and the lines
# above the text's first paragraph: "by", "Submitted by", "Posted by" or "Written by", then two to four
# capitalised words (the name), then nothing, or "on", "at", a separator or a date.  "Words:" (a UK
# magazine's credit, "Words: NAME", "Words and pictures by NAME") only with its colon or "by".
_BYLINE_NAME = re.compile(
    r"^(?i:(?:submitted|posted|written|words(?:\s+and\s+pictures)?)\s+by|by|words(?=:))[:\s]\s*"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|del|der|den|la|le|bin|al))*[\w.])"
    r"(?P<rest>(?:\s*(?:[,|/·•–—-]|\s(?:on|at)\b).*)?)$"
)
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
    " january february march april may june july august september october november december jan feb mar apr"
    " jun jul aug sep sept oct nov dec today yesterday updated published posted".split()
)


# a <br> between the name and the date is no space in a block's text ("by Geoffrey PenningtonThursday")
_GLUED_DATE = re.compile(
    r"(?<=[a-z])(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b)"
)


def _byline_author(lines: list[str]) -> str | None:
    for line in lines:
        if len(line.split()) > 14:
            continue
        m = _BYLINE_NAME.match(_GLUED_DATE.sub(" ", _norm(line)))
        if not m:
            continue
        words = m.group("name").split()
        while words and words[-1].strip(".,").casefold() in _DATE_WORDS:
            words.pop()  # "by Geoffrey Pennington Thursday, ..." (a <br> between them)
        cut = next((i for i, w in enumerate(words) if w.strip(".,").casefold() in _DATE_WORDS), len(words))
        words = words[:cut]
        if not 2 <= len(words) <= 4:
            continue
        return " ".join(words).rstrip(".,")
    return None


def _ends_sentence(line: str) -> bool:
    """A paragraph: six words or more ending a sentence (a standfirst with no full stop is not one)."""
    return len(line.split()) >= 6 and line.rstrip().endswith((".", "!", "?", '."', ".”"))


def _head_lines(text: str) -> list[str]:
    """The text's lines above its first paragraph (at most six)."""
    out = []
    for line in text.split("\n")[:6]:
        if _ends_sentence(line):
            break
        out.append(line)
    return out


# A page with no article: a section front or index (teaser cards: a linked headline, a summary, a time),
# or a page whose text holds no sentence at all (a menu, a date, a copyright line).  Its text is not
# an article; it is dropped, and said so in meta["html_extraction"], with the article's own metadata
# (title, author, date: those of the first teaser, or of nothing).
_ARTICLE_FIELDS = ("title", "author", "date", "description", "categories", "tags")
_NOTICE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved\b)", re.IGNORECASE)
_MIN_TEASERS = 4
_MIN_CHARS = 200
_SENTENCE_END = re.compile(r"[.!?。！？।؟…][\"'”’»)\]]*\s*$|[。！？]")
_TEASER_WORDS = 60  # a headline and a summary; a longer block under a linked heading is an article


def _no_article(text: str, tree: Any) -> str | None:
    lines = [_norm(line) for line in text.split("\n") if line.strip()]
    words = sum(len(line.split()) for line in lines)
    # characters, not words: Chinese or Japanese text has few spaces and ends its sentences with 。; and a
    # page with links (a menu), not a bare line of text handed over as HTML
    if (
        tree is not None
        and sum(len(line) for line in lines) < _MIN_CHARS
        and len(tree.xpath("//a[@href]")) >= 3
        and not any(_SENTENCE_END.search(line) and not _NOTICE.match(line) for line in lines)
        and not any(line.startswith("|") for line in lines)
    ):
        return f"no article: {words} words of page furniture, no sentence"
    if tree is None:
        return None
    # lines longer than a teaser cannot be one: an article's text is passed over without reading the tree
    if sum(len(line.split()) for line in lines if len(line.split()) > _TEASER_WORDS) * 10 > words:
        return None
    if _declares_article(tree):
        return None  # a listicle of linked entries ("ten best walks") is an article that says so
    cards = _teaser_cards(tree)
    if len(cards) < _MIN_TEASERS:
        return None
    joined = "\n".join(cards)
    covered = sum(len(line.split()) for line in lines if line in joined)
    if covered * 10 >= words * 9:
        return f"no article: an index page ({len(cards)} teasers)"
    return None


_ARTICLE_TYPE = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*?)?"(?:\w*Article|BlogPosting|LiveBlogPosting|Report)"')


def _declares_article(tree: Any) -> bool:
    """The page says it is an article: og:type "article", article:published_time, or a JSON-LD Article,
    NewsArticle, BlogPosting ... (not a CollectionPage or an ItemList of them)."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if (key == "og:type" and (meta.get("content") or "").lower().startswith("article")) or (
            key == "article:published_time"
        ):
            return True
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            if '"CollectionPage"' in script.text or '"ItemList"' in script.text:
                continue
            if _ARTICLE_TYPE.search(script.text):
                return True
    return False


def _teaser_cards(tree: Any) -> list[str]:
    """The texts of the page's teaser cards: a heading that is one link, with the container around it
    that holds no other such heading (the summary and time under it), at most three levels up."""
    cards = []
    for h in tree.iter("h2", "h3", "h4"):
        heading = _norm(h.text_content())
        links = [a for a in h.iter("a") if _norm(a.text_content())]
        if len(heading.split()) < 3 or len(links) != 1 or _norm(links[0].text_content()) != heading:
            continue
        card = h
        for _ in range(3):
            parent = card.getparent()
            if parent is None or parent.tag in ("body", "main") or _linked_headings(parent, 2) > 1:
                break
            card = parent
        text = " ".join(_norm(t) for t in card.itertext() if _norm(t))
        if len(text.split()) <= _TEASER_WORDS:
            cards.append(text)
    return cards


def _linked_headings(el: Any, most: int) -> int:
    """How many headings holding a link ``el`` has, counted up to ``most``."""
    count = 0
    for h in el.iter("h2", "h3", "h4"):
        if h.find(".//a") is not None:
            count += 1
            if count >= most:
                break
    return count


# A byline trafilatura leaves above the article: the author it found, with nothing else but a date, a
# time, a job title or a word such as "By" or "Posted" ("Ade Okonkwo / March 15, 2023", "By Sam Porter,
# Staff Writer -- Posted Thursday, June 6, 2019").  The boilerplate stage takes bylines it can tell by
# their form ("By ..."); this one knows the name.  Only above the first paragraph, never the headline.
_BYLINE_WORDS = frozenset(
    "by von por par and und y et e staff writer reporter correspondent editor posted published updated"
    " on at am pm uhr".split()
)
_WORD = re.compile(r"[^\W\d_]+")


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
        if _ends_sentence(line):
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


# The article's header: trafilatura often starts the text at the first paragraph of the body, leaving
# out the headline and the standfirst when the template puts them in a header block above it (Arc,
# Drupal, BLOX-like local papers, old ASP sites, the "Newspaper" WordPress theme): on 12 fresh pages
# (tests/data/html/fresh) 7 of the 8 dev pages' 114 article lines lost were these.  The headline is the
# page's one <h1> (or the <h1> holding the <title>).  The standfirst is the first leaf block after the
# <h1> that reads as prose (8 to 80 words, few of them links, no dateline), outside figures, captions,
# bylines, dates, share bars and promotions (by tag, and by the class and id words of the block and its
# parents), before the block the text starts with, which must be among the next blocks (else the headline
# alone).  Put back in the text only on request (``restore_header``): the aeb gold bodies leave headline
# and standfirst out, so there they count as furniture (dev half F1 0.988 -> 0.975 with both, 0.979 with
# the headline alone); a standfirst found goes to the metadata either way.
_HEADER_BLOCKS = frozenset("p h2 h3 h4 h5 h6 div span blockquote".split())
_INNER_BLOCKS = ".//p|.//div|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//ul|.//ol|.//table|.//figure|.//blockquote"
_NOT_STANDFIRST_TAGS = frozenset("figure figcaption nav aside form button footer a time address label li".split())
_NOT_STANDFIRST_WORDS = frozenset(
    "caption captions credit credits byline bylines author authors date dates time timestamp share sharing"
    " social ad ads advert advertisement advertising promo promotion newsletter signup subscribe related"
    " breadcrumb breadcrumbs cookie cookies consent meta tags tag kicker eyebrow comments comment"
    " photo image img media video gallery tools toolbar nav menu footer sidebar widget alert notice".split()
)
_CLASS_WORD = re.compile(r"[a-z]+")
_SOCIAL_TITLE = "//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content"
_HEADER_SCAN = 40  # leaf blocks after the <h1> looked at


def _norm(text: str) -> str:
    return " ".join(text.split())


def _page_header(tree: Any) -> tuple[str, list[tuple[str, bool]]] | None:
    """The page's headline and the leaf blocks after it: (text, could be the standfirst)."""
    h1s = [h for h in tree.iter("h1") if _norm(h.text_content())]
    title = _title_tag(tree).casefold()
    if len(h1s) > 1:
        h1s = [h for h in h1s if _norm(h.text_content()).casefold() in title] if title else []
    # A blog's <h1> is often the blog's name, the post's title an <h2> or <h3> (Blogger, old WordPress
    # themes): the heading that is the page's og:title is the headline, when the <h1> is not.  A page with
    # no og:title, the same with a part of its <title> of three words or more (Joomla 3's <h2
    # itemprop="headline"> under "Headline - Site", session 12's fresh5/05).
    social = {_norm(v).casefold() for v in tree.xpath(_SOCIAL_TITLE) if _norm(v)}
    if not social:
        social = {p.casefold() for p in _title_parts(tree) if len(p.split()) >= 3}
    if social and not any(_norm(h.text_content()).casefold() in social for h in h1s):
        named = [h for h in tree.iter("h2", "h3") if _norm(h.text_content()).casefold() in social]
        if len(named) == 1:
            h1s = named
    if not h1s and social and not any(True for _ in tree.iter("h1")):
        return _social_headline(tree)
    if len(h1s) != 1:
        return None
    h1 = h1s[0]
    headline = _norm(h1.text_content())
    if not 2 <= len(headline.split()) <= 40:
        return None
    blocks: list[tuple[str, bool]] = []
    started = False
    for el in tree.iter():
        if el is h1:
            started = True
            continue
        if not started or not isinstance(el.tag, str):
            continue
        if el.tag not in _HEADER_BLOCKS and el.tag not in ("li", "td", "dd", "dt"):
            continue
        if el.xpath(_INNER_BLOCKS) or any(a is h1 for a in el.iterancestors()):
            continue
        text = _norm(el.text_content())
        if not text:
            continue
        blocks.append((text, _could_be_standfirst(el, text, h1)))
        if len(blocks) >= _HEADER_SCAN:
            break
    return headline, blocks


# A page that prints no headline at all -- no <h1>, no heading that is its og:title, a <title> that is the
# site's name ("Isles Bulletin – News from the islands") -- names its story only in og:title or
# twitter:title, what a share card shows (session 13, fresh6/12): that is the headline, when the page
# says it is an article and the title is one (two to 40 words, the site's name, a part of it, left out).
def _social_headline(tree: Any) -> tuple[str, list[tuple[str, bool]]] | None:
    if not _declares_article(tree):
        return None
    site = {
        _norm(v).casefold() for v in tree.xpath("//meta[@property='og:site_name' or @name='application-name']/@content")
    }
    for value in tree.xpath(_SOCIAL_TITLE):
        headline = _norm(value)
        parts = _TITLE_SEPARATOR.split(headline)
        if len(parts) > 1 and parts[-1].casefold() in site:  # "Headline | Site"
            headline = headline[: len(headline) - len(parts[-1])].rstrip(" -–—|·:»")
        elif len(parts) > 1 and parts[0].casefold() in site:  # "Site: Headline"
            headline = headline[len(parts[0]) :].lstrip(" -–—|·:»")
        if 2 <= len(headline.split()) <= 40:
            return headline, []
    return None


# A dateline or byline under the headline ("Posted: Fri 6:45 PM, Feb 16, 2018", "Written by ... on ...")
_DATELINE = re.compile(
    r"^(?:by|posted|updated|published|written|last updated|first published)\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b|gmt|utc|[ecmp][sd]?t\b)"
    # a Chinese or Japanese info line: "来源：SITE　作者：NAME　发布时间：DATE" (session 13, fresh6/15)
    r"|^(?:来源|來源|稿源|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|发布时间|發布時間|发布日期|时间|時間|日期)\s*[:：]",
    re.IGNORECASE,
)


def _could_be_standfirst(el: Any, text: str, h1: Any) -> bool:
    if el.tag in ("li", "td", "dd", "dt", "span") or not 8 <= len(text.split()) <= 80 or _DATELINE.search(text):
        return False
    if any(True for _ in el.iter("script", "style", "noscript", "iframe")):
        return False
    links = sum(len(_norm(a.text_content())) for a in el.iter("a"))
    if links * 2 > len(text):
        return False
    # the block and the containers it shares with no headline: a container of the headline too is the
    # article's or the page's, and its class names the post ("post tag-local-business", Ghost and
    # WordPress), not a widget
    headline_boxes = set(h1.iterancestors())
    # a word the headline's own boxes carry too names the template's blocks, not a widget: Elementor
    # puts every block, the headline's as well, in an "elementor-widget" (fresh4/07, its excerpt)
    common = next((a for a in el.iterancestors() if a in headline_boxes), None)
    shared: set[str] = set()
    for node in (h1, *h1.iterancestors()):
        if node is common:
            break
        shared.update(_CLASS_WORD.findall(f"{node.get('class') or ''} {node.get('id') or ''}".lower()))
    for node in (el, *el.iterancestors()):
        if node in headline_boxes:
            break
        if node.tag in _NOT_STANDFIRST_TAGS:
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if any(w in _NOT_STANDFIRST_WORDS and w not in shared for w in _CLASS_WORD.findall(names)):
            return False
    return True


def _is_page_title(tree: Any, headline: str) -> bool:
    """``headline`` is the page's og:title or twitter:title, or a part of its <title>."""
    key = _loose(headline)
    titles = [*tree.xpath(_SOCIAL_TITLE), *_title_parts(tree)]
    return bool(key) and any(_loose(t) == key for t in titles)


def _missing_header(text: str, header: tuple[str, list[tuple[str, bool]]] | None) -> list[str]:
    """The headline and standfirst missing from the top of ``text``, in page order (none, one or both)."""
    if header is None:
        return []
    headline, blocks = header
    lines = text.split("\n")
    top = [_norm(line).casefold() for line in lines[:3]]
    added: list[str] = []
    if headline.casefold() not in top:
        added.append(headline)
    first = next((_norm(line) for line in lines[:3] if _norm(line).casefold() != headline.casefold()), "")
    # the standfirst: before the block the text starts with, and not in the text already
    start = next((i for i, (block, _) in enumerate(blocks) if block == first), None)
    if start is not None:
        present = {_norm(line) for line in lines[:5]}
        for block, eligible in blocks[:start]:
            if eligible and block not in present and block.casefold() != headline.casefold():
                added.append(block)
                break
    return added


# The page's <title> is often "Site name - Headline" or "Headline | Section | Site"; trafilatura sometimes
# keeps the wrong part (an old site's "Harrowgate Weekly Post - Old woollen mill ..." gave the site name).
# When another part of the <title> is a line at the top of the article text, or the page's headline
# (its <h1>, which the text leaves out unless the header is restored: og:title "Headline - Site" gave
# the title with the site's name, fresh4/07 with --cli), that part is the headline.
# An old PHP site writes "Site :: Section :: Headline" (fresh5/13).
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-–—|·:»]|::)\s+")


def _title_tag(tree: Any) -> str:
    """The text of the page's <title>, its white space collapsed ("" when it has none)."""
    return _norm(tree.findtext(".//title") or "")


def _title_parts(tree: Any) -> list[str]:
    """The parts of the page's <title> between its separators ("Headline | Section | Site")."""
    return [p for p in _TITLE_SEPARATOR.split(_title_tag(tree)) if p]


def _title_from_text(
    meta: dict[str, Any], tree: Any, text: str, header: tuple[str, list[tuple[str, bool]]] | None = None
) -> None:
    title = meta.get("title")
    parts = _title_parts(tree)
    if not isinstance(title, str) or len(parts) < 2:
        return
    top = {_norm(line).casefold() for line in text.split("\n")[:5]}
    if header:
        top.add(header[0].casefold())
    if _norm(title).casefold() in top:
        return
    found = [p for p in parts if p.casefold() in top and len(p.split()) >= 3]
    if len(found) == 1:
        meta["title"] = found[0]


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


# Bytes that are not UTF-8.  trafilatura reads them in the charset charset-normalizer guesses and never
# looks at the one the page declares; on a short page in windows-1252 the guess is often cp1250 ("£450 for
# crêpes" came out "Ł450 for crępes", session 10).  Here, as a browser does: the charset the page declares
# in a <meta> (its WHATWG meaning: "iso-8859-1" and "ascii" are windows-1252, "gb2312" is GB18030, "shift_jis"
# is Microsoft's cp932 ...) when the bytes decode in it,
# else textmend's own detection (``io.decode_bytes``, cp1252 on a tie).  And a page in two encodings: a
# template in UTF-8 (it declares so) around a headline and body in the database's windows-1252 bytes is
# read as UTF-8, each byte UTF-8 cannot read as windows-1252 (five bytes it leaves undefined as Latin-1).
_DECLARED_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WHATWG_CODEC = {  # labels browsers read as a wider encoding (WHATWG Encoding Standard)
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}


def _decode_page(data: bytes) -> tuple[str, str, int]:
    """``data`` decoded, the encoding said as recorded, and how many bytes were read as windows-1252 in a
    UTF-8 page; ("", "", 0) for UTF-8 (and compressed data), left to trafilatura."""
    try:
        data.decode("utf-8")
        return "", "", 0
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096])
    codec = ""
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name.replace("-", "_")
        except (LookupError, UnicodeDecodeError):
            codec = ""
    if codec == "utf_8" and _UTF8_MULTIBYTE.search(data):
        valid = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
        return data.decode("utf-8", errors="textmend-html-cp1252"), "utf-8 and cp1252", len(data) - valid
    if codec and codec != "utf_8":
        codec = _WHATWG_CODEC.get(codec, codec)
        try:
            return data.decode(codec), f"{codec} (declared)", 0
        except (UnicodeDecodeError, LookupError):
            pass
    from textmend.io import InputError, decode_bytes

    try:
        text, found = decode_bytes(data)
    except InputError:
        return "", "", 0
    return text, f"{found} (detected)", 0


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the bytes UTF-8 cannot read, as windows-1252 (its five undefined as Latin-1)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    from textmend.io import sloppy_cp1252

    return sloppy_cp1252(exc.object[exc.start : exc.end]), exc.end


codecs.register_error("textmend-html-cp1252", _cp1252_bytes)


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


# A data table's <caption> names the table; trafilatura prints it as the table's first row, so the
# caption came out as a Markdown header row over empty cells ("| Most oversubscribed ... |  |  |  |"), the
# real header row after it (fresh3/12, fresh4/10).  The caption is moved out, a paragraph before the
# table.  A Markdown rule row ("|---|---|") holds no text and goes from the text.
_RULE_ROW = re.compile(r"^\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?:\n|\Z)", re.MULTILINE)


def _captions_out_of_tables(tree: Any) -> int:
    count = 0
    for caption in list(tree.iter("caption")):
        table = caption.getparent()
        text = _norm(caption.text_content())
        if table is None or table.tag != "table":
            continue
        table.remove(caption)  # its tail (whitespace between table parts) goes with it
        if text:
            block = table.makeelement("p", {})
            block.text = text
            table.addprevious(block)
            count += 1
    return count


# A footnote's mark is a link to the note in the page, its number glued to the sentence in the text
# ("...whether the complaints were fair.1", Substack's footnote-anchor; Wikipedia-like "[3]" in a
# <sup>): such a link, a number alone (bracketed or not) pointing into the page at a note ("#footnote-1",
# "#fn3", "#cite_note-3", "#ref-2", or a "footnote" class), goes, its <sup> with it; the notes stay.
# A number in <sup> that links nowhere (an exponent, "10<sup>6</sup>") is not touched.
_FOOTNOTE_NUMBER = re.compile(r"^\[?\d{1,3}\]?$")
_FOOTNOTE_NAME = re.compile(r"foot|note|(?:^|[-_#])(?:fn|ref|cite)", re.IGNORECASE)


def _drop_footnote_marks(tree: Any) -> int:
    count = 0
    for a in list(tree.iter("a")):
        href = a.get("href") or ""
        if not href.startswith("#") or not _FOOTNOTE_NUMBER.match(_norm(a.text_content())):
            continue
        names = f"{href} {a.get('class') or ''} {a.get('id') or ''}"
        parent = a.getparent()
        mark = a
        if parent is not None and parent.tag == "sup" and _norm(parent.text_content()) == _norm(a.text_content()):
            mark, names = parent, f"{names} {parent.get('class') or ''} {parent.get('id') or ''}"
        if not _FOOTNOTE_NAME.search(names) or mark.getparent() is None:
            continue
        _remove_keeping_tail(mark)
        count += 1
    return count


def _remove_keeping_tail(el: Any) -> None:
    parent, tail = el.getparent(), el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


# A quote set in a <figure> (a Squarespace quote block, WordPress's pull quote: <figure><blockquote>
# ...</blockquote><figcaption>— Name</figcaption></figure>) is text, but trafilatura drops every
# <figure> when images are not asked for (fresh4/04 lost its quote).  A figure holding a blockquote and
# no image, video, embed or table is read as a block.
_FIGURE_MEDIA = ".//img|.//picture|.//video|.//audio|.//iframe|.//embed|.//object|.//svg|.//table|.//canvas"


def _unwrap_quote_figures(tree: Any) -> int:
    count = 0
    for figure in list(tree.iter("figure")):
        if figure.find(".//blockquote") is None or figure.xpath(_FIGURE_MEDIA):
            continue
        figure.tag = "div"
        count += 1
    return count


# A list whose items are entries, not items: a live blog's <ol> of timestamped posts, each a heading and
# paragraphs (session 12, fresh5/07).  trafilatura prints a list item as one line, so each entry came out
# as "- Heading Paragraph one Paragraph two".  A list each of whose items holds a paragraph, heading or
# quote, and one of them two or more, is read as blocks: the list a <div>, each item a <section> (not a
# <div>: trafilatura's link-density rule for divs drops a short entry with a "Share" link, which as an
# item it kept).  A list of one-line items, or of items each one paragraph (a loose Markdown list), stays.
_ENTRY_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "blockquote")


def _entries_out_of_lists(tree: Any) -> int:
    count = 0
    for lst in list(tree.iter("ol", "ul")):
        items = [li for li in lst if li.tag == "li"]
        if len(items) < 2:
            continue
        blocks = [sum(1 for b in li.iter(*_ENTRY_BLOCKS) if _in_item(b, li)) for li in items]
        if min(blocks) < 1 or max(blocks) < 2:
            continue
        lst.tag = "div"
        for li in items:
            li.tag = "section"
        count += 1
    return count


def _in_item(el: Any, item: Any) -> bool:
    """``el`` is ``item``'s own, not in a list nested in it."""
    parent = el.getparent()
    while parent is not None and parent is not item:
        if parent.tag in ("ol", "ul", "li"):
            return False
        parent = parent.getparent()
    return True


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
    # XHTML's xml:lang: the HTML parser keeps it as an attribute of that name (a Drupal 7 page, fresh5/04)
    candidates.append(
        root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    )
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


# A side column: old templates name it by its place ("rightcol", "right-rail", "sidebox"), which
# trafilatura's own clean-up (it knows "sidebar") does not read, and it printed a radio station's "On air
# now" and travel boxes under the article.  Such a container goes before extraction unless it holds the
# page's <h1> or a third or more of the page's text (then it may be the article's column).
_SIDE_COLUMN = re.compile(r"(?:^|\s)(?:right|side)[-_]?(?:col|column|box)(?=$|\s)", re.IGNORECASE)


def _drop_side_columns(tree: Any) -> int:
    body = tree.find(".//body")
    if body is None:
        return 0
    total = len(_norm(body.text_content()))
    count = 0
    for el in list(body.iter("div", "aside", "section", "td")):
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _SIDE_COLUMN.search(names) or el.getparent() is None:
            continue
        if el.find(".//h1") is not None or len(_norm(el.text_content())) * 3 >= total:
            continue
        el.getparent().remove(el)
        count += 1
    return count
