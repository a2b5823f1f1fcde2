"""Stage 'encoding': mojibake and the debris encoding accidents leave behind.

* ftfy repairs mojibake ("Itâ€™s" -> "It’s", "Ã©" -> "é"), configured for news: curly quotes stay, no
  width folding, no NFKC, line endings untouched.  ftfy runs only on lines that can hold a problem it fixes
  (non-ASCII, an ``&``, or a control character); pure-ASCII lines cannot, and most lines are pure ASCII.
* A lone "Â" that ftfy leaves where a no-break space was lost ("property.Â" at a line end, or "Â " before a
  space): UTF-8's no-break space is C2 A0, read as cp1252 it is "Â" plus a no-break space, and when a
  scraper then turns the no-break space into a plain one or drops it, ftfy has nothing left to decode.
  "Â" inside a word (CÂMARA, PÂTE) is real text and stays.  Likewise a lone "Ã" after a word, at a line
  end or before a word, is 'à' (C3 A0) whose A0 was lost, and so is "Ã" ending a lower-case word before
  punctuation or the line end ("La libertÃ.", "lÃ, dit-il"); "Ã" ending an upper-case word (IRMÃ,
  AMANHÃ) stays.
* Markup left in text by a scraper: "<br>" and paragraph tags become a line break, inline tags
  ("<b>", "<em>", "<a href=…>", "</span>") go; other "<…>" stays.  Entities in such a line are decoded
  once the tags are gone (ftfy leaves the entities of anything holding "<", taking it for HTML), and a
  double-escaped one ("&amp;rsquo;") at once; in a line whose "<" starts no tag ("a < b and it&#8217;s",
  "I <3 it &amp; you") ftfy reads the line with its "<" hidden.
* Inside a Markdown code span ("Use `&nbsp;` to keep two words together", "`<br>`") entities and tags are
  what the writer shows, and stay as written: ftfy's unescaping there is undone, the rules below skip it.
* HTML entity names left as words after a scraper ate the "&" and ";" ("with their consent, nbsp."), or
  the "&" alone ("Itrsquo;s", "said nbsp;the", "the #8220;best", "quot;no,quot; he said").
* A closing quote whose last byte was lost: '”' is E2 80 9D in UTF-8, read as cp1252 "â€" plus byte 9D,
  which cp1252 leaves undefined, so scrapers drop it or write "?" or U+FFFD for it.  ftfy cannot decode
  what is left ("â€" stays; "â€ " becomes a dagger glued to the next word, the space taken for a lost
  byte A0; "â€�" becomes "�").  "â€" at a word end, before a space, punctuation or the line end, is '”':
  of the characters whose last byte cp1252 leaves undefined, the others are invisible (U+200D, U+200F),
  an em quad or a hyphen, and every other quote mark and dash keeps its last byte.  "â€?" is read so
  only where it closes a quote ("?" can be a real question mark after a dropped byte).  Not after an
  emoji whose own last byte was lost ("ðŸ’â€" for '💍”', session 11): ftfy would read the '”' as the
  emoji's last byte and write 💔; five emoji end so, so the mojibake stays.
* Session 12: one small letter's mojibake in a word of a line ftfy cannot re-encode whole ("Fenerbahçe …
  SaracoÄŸlu"), and "Å" with a no-break space for "Š" (``mojibake_in_word``); mojibake cut by a line break
  or a stray space ("cafÃ\\n©", "didnâ€ ™t": ``split_mojibake``); numeric entities and accented letters'
  names without their ";" ("company&#8217s", "Caf&eacute"); "nbsp" glued after punctuation, and kept where
  it is named ("In HTML, nbsp stands for …"); a fenced code block keeps its entities and tags.
* Session 13: a symbol's three bytes read as cp1252, which ftfy's badness heuristic does not count
  ("Harbourlineâ„¢", "â„–", "â‚´": ``mojibake_symbol``); a small letter read as cp1250 inside a word ("JĂĽri",
  "GyĹ‘r") and Maltese "Ġ" as "Ä" and a no-break space (``mojibake_in_word``); a letter's lead cut by a line
  break before "‘" ("GyÅ\n‘r"); symbols' legacy names without ";" before a number, punctuation or the line
  end ("&copy 2025", "&euro25"; "&copyright" stays); entity names after a verb of writing ("says mdash, not
  hellip") stay; "“CAPITÃ”" (a Portuguese capital word ending a quote opened on its line) is not "Ô"; mojibake
  quoted in a code span stays where the rest of its line has none.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from textmend.edits import (
    Edit,
    EditCollector,
    StageOutput,
    apply_edits,
    diff_opcodes,
    line_around,
    minimal_edit,
    to_fixpoint,
)
from textmend.stages.typography import INVISIBLE_CHARS, code_spans, in_code, token_start

NAME = "encoding"

#: Every rule an edit of this stage can carry, and that ``disabled`` (``--disable encoding.RULE``)
#: accepts: ftfy's repairs, then what ftfy leaves (``tests/test_rule_names.py`` keeps it complete).
RULES: frozenset[str] = frozenset(
    {
        "ftfy",
        "lost_quote_byte",
        "lone_a_circumflex",
        "lone_a_tilde",
        "double_escaped_entity",
        "bare_entity",
        "bare_numeric_entity",
        "entity_without_semicolon",
        "lost_apostrophe",
        "markup_tag",
        "mojibake_in_word",
        "mojibake_symbol",
        "split_mojibake",
    }
)

# "Â" not inside a word: after a non-letter or a lower-case letter, before whitespace or the line end
# (seen through the invisible characters typography removes: "Â\u200b" at a line end is "Â" at its end).
_GAP = " \t\u00a0" + INVISIBLE_CHARS
_LONE_A_CIRC = re.compile(rf"(?<![A-ZÀ-Þ])Â(?=[{INVISIBLE_CHARS}]*(?:[ \t\u00a0]|\r?$))", re.MULTILINE)

# "Ã" standing alone as a word after a word: 'à' (UTF-8 C3 A0, read as cp1252 "Ã" and a no-break space)
# whose space byte was lost, at a line end with the trailing space, or before a word when a run of spaces
# was made one.  ftfy restores "Ã" with its space or two ("va Ã  Paris"), or with one in a line it can
# re-encode whole ("va Ã Paris"), but not at a line end, nor next to text already decoded ("arrivé Ã
# Lyon").  "Ã" ending a word ("IRMÃ", "AMANHÃ") is real text; so is any in an upper-case line.
_LONE_A_TILDE = re.compile(rf"(?<=\S[ \t\u00a0])Ã(?=[{_GAP}]*(?:[ \t\u00a0]\w|\r?$))", re.MULTILINE)
# "Ã" ending a lower-case word, before punctuation or the line end: 'à' whose byte A0 was dropped, not made
# a space ("La libertÃ.", "Il est lÃ, dit-il", "voilÃ" at a line end), which ftfy cannot decode.  UTF-8
# C3 then ",", "." or a line end is no other character, and no word ends in a capital "Ã" after small
# letters ("IRMÃ." is upper case).
_A_TILDE_WORD_END = re.compile(
    rf"Ã(?<=[a-zß-öø-ÿ]Ã)(?=[{INVISIBLE_CHARS}]*(?:[.,;:!?)\]\"'’”]|\r?$))",
    re.MULTILINE,
)

# One small letter's UTF-8 read as cp1252 (or Latin-1) inside a word whose other letters are whole: "SaracoÄŸlu"
# (ğ), "WÅ‚odzimierz" (ł), "KaczyÅ„ski" (ń) in a line that also holds correct text ("Fenerbahçe", "Sejm’s").
# ftfy cannot re-encode such a line whole, and its badness heuristic does not count these pairs as bad, so
# it leaves them (session 12).  A capital Latin-1 letter after a small letter and before a sign of bytes
# 80-BF is no spelling of any language; it is read only when its two bytes are the UTF-8 of a small letter
# (checked in :func:`_mojibake_in_word`).  Upper-case words and a word's first letter are left.
_CONT_SIGNS = (
    "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019"
    "\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u0080-\u00bf"
)
_MOJIBAKE_IN_WORD = re.compile(f"[\u00c3-\u00de](?<=[^\\W\\d_][\u00c3-\u00de])[{_CONT_SIGNS}](?![{_CONT_SIGNS}])")
# "Š" (C5 A0) read as cp1252 is "Å" and a no-break space, which ftfy's badness heuristic does not count
# ("Å\u00a0koda", "Brno’s Å\u00a0pilberk").  Read as "Š" only at a word start before three small letters:
# "Å" is a word in Norwegian and Swedish, and a no-break space may follow a one-letter word.
_LOST_S_CARON = re.compile("(?<![^\\W\\d_])Å\u00a0(?=[^\\W\\d_]{3})")
# Session 13: Maltese "Ġ" (C4 A0) is "Ä" and a no-break space the same way ("tal-Ä\u00a0ustizzja",
# "Ä\u00a0gantija"); "Ä" is no word of any language, read so at a word start before three small letters.
_LOST_G_DOT = re.compile("(?<![^\\W\\d_])Ä\u00a0(?=[^\\W\\d_]{3})")
# A lead of :data:`_MOJIBAKE_IN_WORD` (U+00C3-U+00DE) in UTF-8: "\xc3" and a byte 83-9E.  Searched in the
# text's UTF-8, where the engine skips to each "\xc3" as to a literal; on the str, the class was tried at
# every character (3 ms a MB; the patterns that start with it and look behind, 8 ms).
_LEAD_UTF8 = re.compile(b"\xc3[\x83-\x9e]")


def _has_lead(text: str) -> bool:
    """Whether ``text`` holds a character of U+00C3-U+00DE (the lead of a small letter's mojibake)."""
    return not text.isascii() and _LEAD_UTF8.search(text.encode("utf-8", "surrogatepass")) is not None


#: Small letters that are themselves signs of bytes 80-BF in cp1252: before a lead they may be mojibake too.
_CONT_LETTERS = frozenset("ƒšœžªµº")
#: Quote marks among them (the apostrophe of "JOSÉ’s" follows a whole capital).
_QUOTE_SIGNS = frozenset("‘’“”‹›")

# Entity names that are never English words, left bare: "consent, nbsp." / "a nbsp b".
_BARE_ENTITY = r"(?:nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|laquo|raquo)"
# The gap around one: spaces, and the invisible characters typography removes ("nbsp\u00ad." is "nbsp.").
_GAP_CHARS = " \t\u00a0" + INVISIBLE_CHARS
_BARE_ENTITY_BEFORE_PUNCT = re.compile(
    rf"[{_GAP_CHARS}]*,?[{_GAP_CHARS}]*(?<![\w&])\b{_BARE_ENTITY}\b;?+(?=[{_GAP_CHARS}]*(?:[.!?,;:)\]”\"’']|\r?$))",
    re.MULTILINE,
)
# Session 12: a name glued to the punctuation before it and followed by a space ("ended,nbsp and",
# "said:nbsp “We"): the scraper ate "&" and ";" of "&nbsp;" written after the mark.  Not after a mark that
# follows a space ("the .nbsp class" of a style sheet).
_BARE_ENTITY_AFTER_PUNCT = re.compile(rf"(?<=\S[,.;:!?)\]”\"’']){_BARE_ENTITY}(?=[{_GAP_CHARS}]+\S)")
# An entity name named, not left over: in a line about HTML or entities, after an article ("the nbsp
# entity"), or before a word that names what it is ("nbsp character"); see :func:`_named_entity`.
_HTML_TALK = re.compile(r"\b(?:HTML|XML|entit(?:y|ies)|markup)\b")
# Session 13: a verb of writing or a contrast before it names it too ("Our style guide says mdash, not hellip").
_ENTITY_NAMING_BEFORE = re.compile(
    r"\b(?:says?|use[sd]?|using|writes?|writing|type[sd]?|typing|prefers?|not|than|versus|vs\.?|called|named)[ \t]+$",
    re.IGNORECASE,
)
_ENTITY_NOUN_AFTER = re.compile(r"[ \t]+(?:entit(?:y|ies)|characters?|codes?|references?|tags?)\b", re.IGNORECASE)
_BARE_ENTITY_BETWEEN_WORDS = re.compile(rf"(?<=\S)[{_GAP_CHARS}]+(?<![\w&]){_BARE_ENTITY};?(?=[{_GAP_CHARS}]+\S)")
# An entity name with its ';' but without its '&', anywhere: "Itrsquo;s", "said nbsp;the", "ldquo;best",
# "quot;a disgracequot;".  (No English word ends in one of these names followed by ';', but "aliquot"; "quot"
# counts only with its ';', a word "quot" being Latin.)  A run of them is one match.
_BARE_ENTITY_WITH_SEMICOLON = re.compile(rf"(?<!&)(?:(?:{_BARE_ENTITY}|(?<![Aa]li)quot);)+")
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
    "quot": '"',
}


# "â€" whose last byte was lost (see the module docstring), at a word end: the lost byte left nothing, or
# "?" or U+FFFD, before a space, punctuation or the line end (none of which continues the sequence).
# (It starts with the "â€" and looks back past it, so that the regex engine skips from one to the next.)
_LOST_LAST_BYTE = re.compile(r"â€(?<=\Sâ€)[\ufffd?]?(?=[ \t.,;:!?)\]]|\r?$)", re.MULTILINE)
# The same without U+FFFD for the lost byte (before ftfy, which decodes "â€�" faster itself).
_LOST_LAST_BYTE_NOT_LOSSY = re.compile(r"â€(?<=\Sâ€)\??(?=[ \t.,;:!?)\]]|\r?$)", re.MULTILINE)
# What may follow a closing quote (the end of a match of _LOST_LAST_BYTE's lookahead, read with ``match``).
_LOSSY_END = re.compile(r"[ \t.,;:!?)\]]|\r?$", re.MULTILINE)


# "&amp;" whose "&" a scraper ate, in a name joined by "&": between capitals ("Ramp;D", "ATamp;T", not
# "Camp;David") or as a word between two capitalised words ("Johnson amp; Johnson", "Marks amp; Spencer";
# :func:`_bare_amps` checks the word before).  "amp;" after a lower-case word is the word amp ("his amp; the crowd").
_BARE_AMP = re.compile(r"amp;(?:(?<=[A-Z]amp;)(?=[A-Z]+\b)|(?<= amp;)(?= [A-Z]))")
# The capitalised word that ends before " amp;".
_CAPITALISED_BEFORE = re.compile(r"(?:^|(?<=\s))[A-Z][\w.’'-]*$")
# An entity of the names above written without its ";", which browsers decode all the same
# ("Prime&nbspMinister", "2019&ndash2020"): no English word starts with one of these names.  Not before "="
# (a URL's query, "?a=1&nbsp=2") nor inside a token holding "=" or "/" (:func:`_in_url`).
_ENTITY_WITHOUT_SEMICOLON = re.compile(rf"&(?P<name>{_BARE_ENTITY})(?![;=])")
# Session 12: more entities browsers decode without their ";", which are no "&" of a name ("AT&T", "B&Q"):
# a numeric one, decimal or hex, to its last digit ("company&#8217s", "&#8220We", "vote&#x2014held"), and
# the legacy names of accented letters ("Caf&eacute", "Fran&ccedil;ois" without ";").  Symbols such as
# "&copy" and "&para" are left: "&copyright", "&paragraph" would be read as them.
_MORE_WITHOUT_SEMICOLON = re.compile(
    r"&(?:#(?:\d{2,7}(?![\d;])|[xX][0-9a-fA-F]{2,6}(?![0-9a-fA-F;]))"
    r"|(?:[AEIOUYaeiouy](?:acute|grave|circ|uml)|[AONaon]tilde|[Aa]ring|[Cc]cedil|[Oo]slash|szlig)(?![;=]))"
)
# Session 13: symbols' legacy names without their ";" where no word goes on: before a number (after at most one
# space), punctuation or the line end ("&copy 2025 Harbour Press", "&euro25", "&deg."); "&copyright",
# "&paragraph", "Sears&copyright" go on with a letter and stay.
_SYMBOL_WITHOUT_SEMICOLON = re.compile(
    r"&(?:copy|reg|trade|deg|euro|pound|yen|cent|sect|para|plusmn|times|frac12|frac14|frac34|micro|middot)"
    r"(?= ?\d|[.,;:)\]]|[ \t]*\r?$)",
    re.MULTILINE,
)
# U+FFFD for an apostrophe: cp1252 text (’ is byte 92) read as UTF-8 with errors replaced.  Only in the
# contractions of English, a closed list ("don�t", "it�s", "I�m", "we�ll"): an accented letter becomes
# U+FFFD just the same ("Andr�s", "Beno�t"), so a lone "�s" or "�t" is not read.
_LOST_APOSTROPHE = re.compile(
    r"\b(?:(?i:don|doesn|didn|can|couldn|won|wouldn|shouldn|isn|aren|wasn|weren|hasn|haven|hadn|mustn|needn|ain)"
    r"(?=\ufffd[tT]\b)"
    r"|(?i:it|that|there|here|what|who|he|she|let|where)(?=\ufffd[sS]\b)"
    r"|(?i:i|you|we|they|he|she|it|that|there|who)(?=\ufffd(?i:ll|re|ve|d)\b)"
    r"|[iI](?=\ufffd[mM]\b))\ufffd"
)

#: Every entity name above contains one of these: the bare-entity rules look only at lines holding one.
_ENTITY_KEYS = ("nbsp", "quo", "dash", "hellip")


def _lines_holding(text: str, keys: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` (split at "\n", without the last one's) that contain one of
    ``keys``, in order, consecutive lines as one span.  ``str.find`` reads text far faster than a regex
    that can start at any character; a span per run of lines keeps text where most lines hold a key from
    costing a search per line."""
    lines: dict[int, int] = {}
    for key in keys:
        i = text.find(key)
        while i >= 0:
            start, end = line_around(text, i)
            lines[start] = end
            i = text.find(key, end)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(lines.items()):
        if spans and start == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# What the typography stage changes in the characters and spaces of a line, which encoding reads as
# typography will leave it (ftfy takes a space for a lost byte A0, so spaces matter to it): a run of
# spaces, no-break spaces and invisible characters (soft hyphen, zero-width space, BOM, word joiner) becomes one space,
# or nothing at the line end or when it is all invisible; a non-breaking hyphen becomes a hyphen.
_TYPOGRAPHY_RUN = re.compile(f"[ \\t\u00a0{INVISIBLE_CHARS}]+|\u2011")
#: Substrings without which typography changes none of those (``in`` tests: far faster than a regex).
_TYPOGRAPHY_HINTS = ("\u00a0", "\u2011", *INVISIBLE_CHARS, "  ", "\t", " \n", " \r")


def _typography_may_change(text: str) -> bool:
    return any(hint in text for hint in _TYPOGRAPHY_HINTS) or text.endswith(" ")


# Numeric character references whose "&" was lost: "it#8217;s".
# ("it\u00ad#8217;s": an invisible character between is removed with it, as typography would.)
_BARE_NUMERIC = re.compile(rf"(?<=\w)[{INVISIBLE_CHARS}]*#(\d{{2,6}});")
# The same after a space or punctuation, for the quotes and dashes only ("the #8220;best"): "#12;" after
# a space can be a rank.
_BARE_PUNCTUATION_NUMERIC = re.compile(r"(?<![\w&])#(82(?:0[89]|1\d|2\d|3[01]|4[23]));")
# Double-escaped entities ftfy's one unescape pass leaves, or all of them when the text also holds "<"
# (ftfy then takes it for HTML and unescapes nothing): "&amp;rsquo;" is "’", decoded here at once.
_AMP_CHAIN = re.compile(r"&(?:amp;)+(#?\w{1,10};)")
# Markup a scraper left in text: line breaks and paragraph tags (a line break), and inline formatting and
# link tags (nothing).  Only tags with these names and well-formed attributes count, so "a < b > c" or
# "<3" stay; an HTML document goes through textmend.html, not here.
_BREAK_TAG = re.compile(r"<(?:br\s*/?|/?(?:p|div)(?:\s[^<>\n]{0,300})?)>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"<(/?)(b|i|em|strong|u|s|span|font|sup|sub|small|mark|abbr|cite|a)(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>\n]{0,300}\"|'[^'<>\n]{0,300}'|[^\s<>\"']{1,300}))?)*\s*/?>",
    re.IGNORECASE,
)
# A tag named in prose rather than left over (an article about the web): "Use the <b> tag", "a <p>
# element", "write <strong>, not <b>" -- it stands as a word of the sentence (see _named_tag).
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an)\s+$", re.IGNORECASE)
_TAG_NOUN_AFTER = re.compile(r"\s+(?:tags?|elements?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    """Options for the encoding stage."""

    ftfy: bool = True
    lone_a_circumflex: bool = True
    #: "â€" (a closing quote whose last byte was lost) closing a quote: '”'.  Runs with ftfy.
    lost_quote_byte: bool = True
    bare_entities: bool = True
    #: "<br>", "<p>", "<b>", "<a href=…>" left in text: a line break or nothing.
    markup_tags: bool = True
    #: "don\ufffdt", "it\ufffds": the apostrophe of an English contraction, lost to U+FFFD.
    lost_apostrophe: bool = True
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
        normalization=normalization,  # type: ignore[arg-type]  # validated by ftfy
        explain=True,
    )


@functools.cache
def _special_chars() -> re.Pattern[str]:
    """Characters one of ftfy's non-encoding fixers acts on (with our configuration): C0/C1 controls,
    surrogates, ligatures, terminal escapes and the other control characters ftfy removes.  Taken from
    ftfy's own tables so the gate stays exact when ftfy changes; written as ranges to keep it fast."""
    from ftfy import chardata

    points = {int(c) if isinstance(c, int) else ord(c) for c in (*chardata.LIGATURES, *chardata.CONTROL_CHARS)}
    points |= set(range(0x80, 0xA0)) | {0x1B} | set(range(0xD800, 0xE000))
    ranges: list[list[int]] = []
    for p in sorted(points):
        if ranges and p == ranges[-1][1] + 1:
            ranges[-1][1] = p
        else:
            ranges.append([p, p])
    body = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[{body}]")


#: The C0 controls ftfy removes or uses in terminal escapes.
_C0_SPECIAL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
#: ASCII characters ftfy acts on (a regex character class body): '&' (entities) and those controls.
_ASCII_SPECIAL = f"&{_C0_SPECIAL}"


@functools.cache
def _special_re() -> re.Pattern[str]:
    """What one of ftfy's fixers other than the encoding fix acts on: an HTML entity its
    ``unescape_html`` decodes (found with ftfy's own regex: a '&' that starts none is left alone), a C0
    control, or one of :func:`_special_chars`."""
    from ftfy import fixes

    entity = getattr(fixes, "HTML_ENTITY_RE", None)
    # After the '&' it starts with; a future ftfy without it: any '&'.
    tail = entity.pattern[1:] if entity is not None and entity.pattern.startswith("&") else ""
    # One character class first, which lets the regex engine skip plain text fast.
    return re.compile(f"[{_ASCII_SPECIAL}{_special_chars().pattern[1:-1]}](?:(?<=&){tail}|(?<!&))")


def _may_need_ftfy(line: str, normalization: str | None = "NFC") -> bool:
    """True when ftfy could change ``line`` (a line, or a whole document: then, whether any of its lines).

    ftfy's encoding fixer changes nothing unless ``ftfy.badness.is_bad`` fires, which needs a
    :data:`_BAD_SEED`; its other fixers act only on '&', control and other special characters, or text
    not in the configured normal form.  One regex search looks for all of them at once, so the gate skips
    exactly the text ftfy would leave alone; English news, whose non-ASCII characters are lone curly
    quotes and dashes, is read once.
    """
    if _attention().search(line):
        return True
    return normalization is not None and not line.isascii() and not unicodedata.is_normalized(normalization, line)  # type: ignore[arg-type]


@functools.cache
def _attention() -> re.Pattern[str]:
    """Anything ftfy can act on but normalization: '&' and controls, its special characters, a badness seed.
    One character class first (any of them starts with '&', a control or a non-ASCII character), so the
    engine skips plain ASCII fast; then either that character alone counts or a second non-ASCII follows."""
    singles = _ASCII_SPECIAL + _special_chars().pattern[1:-1] + _SEED_SINGLES
    # The first class written as the ASCII characters it leaves out: a class of characters all below 256
    # is one bitmap test a character, where "\x80-\U0010ffff" made it a list of ranges tried in turn
    # (a quarter fewer instructions for the whole search on news).
    kept = "".join(chr(c) for c in range(0x80) if not re.fullmatch(f"[{_ASCII_SPECIAL}]", chr(c)))
    first = "^" + re.escape(kept)
    return re.compile(f"[{first}](?:(?<=[{singles}])|(?<=[^\\x00-\\x7f])[^\\x00-\\x7f])")


#: Where a match of ftfy's badness regex can be: every alternative of ``ftfy.badness.BADNESS_RE`` either
#: needs two adjacent non-ASCII characters or one of these few characters (C1 controls, "Â", "Ã", "Œ",
#: "œ"), and matches at most ``_BAD_REACH`` characters.  tests/test_encoding.py derives both facts from
#: ftfy's regex itself, so an ftfy upgrade that breaks them fails the tests instead of skipping mojibake.
#: (Written to start with one character class, which lets the regex engine skip ASCII text fast.)
_SEED_SINGLES = "\\x80-\\x9fÂÃŒœ"
_BAD_SEED = re.compile(f"[^\\x00-\\x7f](?:(?<=[{_SEED_SINGLES}])|[^\\x00-\\x7f])")
_BAD_REACH = 7
#: How many characters from a seed on one search of the badness regex covers (see :func:`_maybe_bad`).
_WINDOW = 64


def _maybe_bad(text: str) -> bool:
    """Exactly ``ftfy.badness.is_bad(text)``, read only where a match can be.

    Any match of the badness regex contains a :data:`_BAD_SEED` and spans at most ``_BAD_REACH``
    characters.  So every match holding a seed that starts in ``[q, q + _WINDOW)``, where ``q`` is the
    first seed at or after where the last window ended, lies inside ``[q - _BAD_REACH, q + _WINDOW +
    _BAD_REACH)``: searching the badness regex there (``pos``/``endpos``), then from the next seed after
    it, finds a match whenever ``is_bad`` would.  The regex has no lookaround and no end anchor, so what
    it finds in such a window is a match in ``text`` too; its one anchored alternative, "^[ÃÂ] ", can
    only match at the start of the text, whose first seed is then within reach, so the first window
    starts there too.  English news, whose non-ASCII characters are lone curly quotes and dashes, has no
    seed at all; mojibake answers in its first window; the slow badness regex never reads the long ASCII
    stretches between seeds.
    """
    from ftfy.badness import BADNESS_RE

    bad, seed = BADNESS_RE.search, _BAD_SEED.search
    pos = 0
    while (m := seed(text, pos)) is not None:
        q = m.start()
        pos = q + _WINDOW
        if bad(text, max(q - _BAD_REACH, 0), pos + _BAD_REACH) is not None:
            return True
    return False


def _explain(plan: Sequence[tuple[str, str]] | None) -> str:
    if not plan:
        return "ftfy"
    steps = [f"{op} {arg}" for op, arg in plan]
    if any(op == "encode" for op, _ in plan):
        return "mojibake: " + ", ".join(steps)
    return ", ".join(steps)


def fix_mojibake(
    text: str, *, normalization: str | None = "NFC", lost_quote_byte: bool = False, code_block: bool = False
) -> StageOutput:
    """Run ftfy on each line that may need it; one edit per changed stretch of a line.  With
    ``lost_quote_byte``, a '�' ftfy makes of "â€�" in a closing quote's place is '”' (see
    :func:`_lossy_closing_quotes`).  In a fenced code block (all of ``text`` with ``code_block``) entities
    stay as written."""
    spans = _lines_needing_ftfy(text, normalization)
    if not spans:
        return StageOutput(text, [], {})
    fences = [(0, len(text))] if code_block else fenced_spans(text)
    config = _ftfy_config(normalization)
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0  # how much of ``text`` is in ``out``
    for start, end in spans:
        body = text[start:end]
        fixed, plan = _fix_line_with_masks(body, config, bool(fences) and in_code(fences, start, max(end, start + 1)))
        if fixed != body:
            line_edits = _diff_edits(body, fixed, start, rule="ftfy", reason=_explain(plan))
            if lost_quote_byte and "â€\ufffd" in body and "\ufffd" in fixed:
                line_edits = _lossy_closing_quotes(text, line_edits)
                # Each edit moved into the line, for apply_edits alone (``replace`` is slow).
                moved = [
                    Edit(e.stage, e.rule, e.start - start, e.end - start, e.before, e.after, "") for e in line_edits
                ]
                fixed = apply_edits(body, moved)
            edits.extend(line_edits)
            out.append(text[pos:start])
            out.append(fixed)
            pos = end
    if not edits:
        return StageOutput(text, [], {})
    out.append(text[pos:])
    return StageOutput("".join(out), edits, {})


def _lossy_closing_quotes(text: str, edits: list[Edit]) -> list[Edit]:
    """ftfy makes "â€�" (a closing quote '”' whose last byte was replaced by U+FFFD: cp1252 leaves byte 9D
    undefined) a lone '�'.  Where such a stretch ends a word (after a character that is not a space,
    before a space, punctuation or the line end), its '�' is '”'.  Only stretches whose text ended with
    "â€�" are read so: a '�' ftfy made of other lost bytes ("Ã�" for Á, Í, Ï, Ð) stays."""
    out = []
    for e in edits:
        if e.before.endswith("â€\ufffd") and e.after.endswith("\ufffd") and not e.after.endswith("â€\ufffd"):
            head = e.end - 3  # where "â€" starts
            if head > 0 and not text[head - 1].isspace() and _LOSSY_END.match(text, e.end):
                reason = f"{e.reason}; 'â€' whose last byte became '\ufffd': the closing quote ”"
                rule = "lost_quote_byte" if e.before == "â€\ufffd" else e.rule
                e = Edit(e.stage, rule, e.start, e.end, e.before, e.after[:-1] + "”", reason)  # replace() is slow
        out.append(e)
    return out


def _lines_needing_ftfy(text: str, normalization: str | None) -> list[tuple[int, int]]:
    """The span of each line of ``text`` (split at "\n" as :func:`_lines` does, without its "\r\n" ending)
    for which :func:`_may_need_ftfy` is True, in order.

    A match of the attention regex is one character, or two non-ASCII ones, never "\r" or "\n", so it
    lies inside one line's body: one search over the document, resumed after the line of each match, finds
    those lines.  Normalization is checked on the whole document first ("\n" and "\r" never combine with
    a neighbour, so the document is normalized exactly when all its lines are); only a document that is
    not goes line by line.
    """
    if normalization is not None and not text.isascii() and not unicodedata.is_normalized(normalization, text):  # type: ignore[arg-type]
        spans = []
        start = 0
        for line in _lines(text):
            body = line.rstrip("\r\n")
            if _may_need_ftfy(body, normalization):
                spans.append((start, start + len(body)))
            start += len(line)
        return spans
    search = _attention().search
    spans = []
    m = search(text)
    while m is not None:
        start, end = line_around(text, m.start())
        next_line = end + 1
        while end > start and text[end - 1] == "\r":
            end -= 1
        spans.append((start, end))
        m = search(text, next_line)
    return spans


def _fix_line(line: str, config):  # type: ignore[no-untyped-def]
    """Exactly ``ftfy.fix_and_explain(line)``, faster on the common cases: clean text and plain mojibake.

    ftfy's full fixer loops until nothing changes: the encoding fix, then eight fixers and normalization,
    then all of it again to confirm, scanning the line with its badness regex three times and with a dozen
    other regexes.  When the line holds no entity and no character another fixer acts on (:func:`_special`),
    only the encoding fix can change it.  That fix runs to its own fixpoint, so if its result holds no such
    character either and is normalized, ftfy's second round changes nothing: the result *is* ftfy's
    text (ftfy's plan may end with one more step that changed nothing).  A line with a '&' that starts no
    entity takes this way only when the encoding fix leaves it as it is (so its edits, none, are as
    before: such a line used to go to ftfy whole, and its plan is kept for the lines that change).
    Anything else goes to ftfy whole.
    """
    import ftfy

    if not _special(line):
        fixed, plan = _fix_encoding(line, config)
        if (
            ("&" not in line or fixed == line)
            and (fixed == line or not _special(fixed))  # the line itself was just read: not special
            and (config.normalization is None or unicodedata.is_normalized(config.normalization, fixed))
        ):
            return fixed, plan
    return ftfy.fix_and_explain(line, config=config)


# A 4-byte UTF-8 sequence (an emoji: F0 9F ..) read as cp1252 with its last byte lost ("ðŸ‘" for 👍, 👏 or
# 🙏: bytes 81, 8D, 8F, 90, 9D are undefined in cp1252 and scrapers drop them), before the one space between
# it and the next word (or sign: "ðŸ‘ â€œ" is "ðŸ‘ “" after one pass, and a second must leave it too).  ftfy
# takes that space for a lost byte A0 and makes another emoji of it, glued to the word ("👠and"); where A0 was
# really there and became a space, the word's own space follows ("ðŸ˜  great").
# Session 11: also before "â€", a quote mark whose own last byte may be lost too ("ðŸ’â€" for '💍”'):
# ftfy would read the "â" or the '”' written for "â€" as the emoji's last byte (💔, 💆), an emoji the
# writer did not write; the mojibake stays (see :func:`fix_lost_quote_byte`).
# A BOM after the space is no word (the stage removes it): the space then ends the text, as on the next pass.
_CONTINUATION = (
    "[\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019"
    "\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u00a1-\u00bf]"
)
# Not before mojibake of a space ("ðŸ‘ â€¯" is "ðŸ‘ \u202f" after ftfy's pass, where the space is followed by
# the word's own space and ftfy makes the emoji: session 12, found by the property test): a space-like
# character's UTF-8 read as cp1252 is a space to the guard too, so one pass gives what two give.
_SPACE_MOJIBAKE = "|".join(
    re.escape(
        "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in ch.encode())
    )
    for ch in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_EMOJI_LOST_LAST_BYTE = re.compile(f"ðŸ{_CONTINUATION}(?= \ufeff*(?!{_SPACE_MOJIBAKE})[^\\s\ufeff]|â€)")
# A 4-byte sequence read as cp1252 that lacks its last byte, just before a position (read with ``search``
# on the three characters before it): "ðŸ’" before "â€" ("â" is a lead byte, so the emoji is incomplete).
_INCOMPLETE_4_BYTE = re.compile(f"ð{_CONTINUATION}{{2}}$")


def _fix_line_with_masks(line: str, config, code_block: bool = False):  # type: ignore[no-untyped-def]
    """:func:`_fix_line`, or :func:`_fix_line_masked` where the line holds what ftfy must not read as it
    is: an entity in a code span, a "<" that starts no tag.  The space after an emoji whose last byte was
    lost (:data:`_EMOJI_LOST_LAST_BYTE`) is hidden from ftfy behind a stand-in, so that the mojibake stays
    as it is, a word apart, rather than becoming an emoji the writer did not write glued to the next word."""
    if "ðŸ" in line and (lost := [m.end() for m in _EMOJI_LOST_LAST_BYTE.finditer(line)]):
        free = [ch for ch in _STAND_INS if ch not in line]
        if free:
            chars = list(line)
            hidden = iter([line[i] for i in lost])  # a space, or the "â" of "â€"
            for i in lost:
                chars[i] = free[-1]
            fixed, plan = _fix_line_with_masks("".join(chars), config, code_block)
            if fixed.count(free[-1]) == len(lost):
                return re.sub(re.escape(free[-1]), lambda _: next(hidden), fixed), plan
    if ("Ã”" in line or "Ã’" in line) and (closing := _closing_after_a_tilde(line)):
        free = [ch for ch in _STAND_INS if ch not in line]
        if free:
            chars = list(line)
            for i in closing:
                chars[i] = free[-1]
            fixed, plan = _fix_line_with_masks("".join(chars), config, code_block)
            if fixed.count(free[-1]) == len(closing):
                marks = iter([line[i] for i in closing])
                return re.sub(re.escape(free[-1]), lambda _: next(marks), fixed), plan
    if not code_block and "`" in line and not line.isascii() and (kept := _code_span_kept(line, config)) is not None:
        return kept
    masked = "&" in line and (code_block or "`" in line or "<" in line)
    return _fix_line_masked(line, config, code_block) if masked else _fix_line(line, config)


def _closing_after_a_tilde(line: str) -> list[int]:
    """The positions of each ” or ’ that closes a quote right after an upper-case word ending in "Ã": the
    Portuguese "“CAPITÃ”", "‘IRMÃ’" (session 13).  "Ã" and ” are also the UTF-8 of "Ô" read as cp1252, which
    ftfy decodes there; but a closing mark whose quote was opened by a correct “ or ‘ earlier on the line
    (not itself mojibake) ends the word, and the "Ã" is the word's last letter."""
    found = []
    for mark, opening in (("”", "“"), ("’", "‘")):
        for i in _finds(line, "Ã" + mark):
            if (
                i > 0
                and line[i - 1].isupper()
                and not line[i + 2 : i + 3].isalnum()
                and line.count(opening, 0, i) > line.count(mark, 0, i)
            ):
                found.append(i + 1)
    return found


def _code_span_kept(line: str, config):  # type: ignore[no-untyped-def]
    """The line as it is, when the only mojibake ftfy would repair on it lies in a Markdown code span ("The
    export showed `Ã©` where `é` belonged", session 13): a text about mojibake quotes it as code, the way it
    quotes entities and tags.  Where ftfy repairs the line outside its code spans too, the line was damaged
    whole, its code with it, and None lets ftfy read all of it."""
    spans = [(a, b) for a, b in code_spans(line) if not line[a:b].isascii()]
    free = [ch for ch in _STAND_INS if ch not in line]
    if not spans or not free:
        return None
    parts, pos = [], 0
    for a, b in spans:
        parts.append(line[pos:a])
        parts.append(free[0])
        pos = b
    parts.append(line[pos:])
    masked = "".join(parts)
    fixed, _ = _fix_line_with_masks(masked, config)
    if fixed != masked:
        return None
    fixed_whole, _ = _fix_line_with_masks_plain(line, config)
    return (line, []) if fixed_whole != line else None


def _fix_line_with_masks_plain(line: str, config):  # type: ignore[no-untyped-def]
    """:func:`_fix_line_with_masks` without the code-span test: ftfy's reading of the whole line."""
    masked = "&" in line and ("`" in line or "<" in line)
    return _fix_line_masked(line, config) if masked else _fix_line(line, config)


#: Printable ASCII characters that stand in for a "&" or "<" while ftfy reads a line: ftfy changes no
#: printable ASCII character outside an entity, and none of these can be part of one.
_STAND_INS = "~^|{}$@"
# A "<" that starts a tag, or could: ftfy takes a line holding one for HTML.
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _fix_line_masked(line: str, config, code_block: bool = False):  # type: ignore[no-untyped-def]
    """:func:`_fix_line`, but with two things hidden from ftfy, each behind a printable ASCII character the
    line does not hold, put back after:

    * each "&" inside a Markdown code span ("Use `&nbsp;` here"): the entity is what the writer shows and
      stays as written.  (Dropping ftfy's unescaping from its edits afterwards would not do: close changes
      make one edit, and a control character ftfy removes next to the span would stay.)
    * each "<", when none on the line starts a tag ("a < b and it&#8217;s", "I <3 it &amp; you"): ftfy
      leaves every entity of a line holding "<", taking it for HTML, which this line is not.
    """
    code = _finds(line, "&") if code_block else [i for a, b in code_spans(line) for i in range(a, b) if line[i] == "&"]
    less = [] if "<" not in line or _TAG_START.search(line) else [i for i in _finds(line, "<")]
    free = [ch for ch in _STAND_INS if ch not in line]
    if not (code or less) or len(free) < 2:
        return _fix_line(line, config)
    chars = list(line)
    for positions, stand_in in ((code, free[0]), (less, free[1])):
        for i in positions:
            chars[i] = stand_in
    fixed, plan = _fix_line("".join(chars), config)
    if fixed.count(free[0]) != len(code) or fixed.count(free[1]) != len(less):  # "&#126;" decoded to one
        return _fix_line(line, config)
    return fixed.replace(free[0], "&").replace(free[1], "<"), plan


def _finds(text: str, sign: str) -> list[int]:
    """Each position of ``sign`` in ``text``."""
    found, i = [], text.find(sign)
    while i >= 0:
        found.append(i)
        i = text.find(sign, i + 1)
    return found


def _fix_encoding(line: str, config):  # type: ignore[no-untyped-def]
    """Exactly ``ftfy.fix_encoding_and_explain(line)``: ftfy's one encoding step, repeated while the text
    is bad.  ftfy asks ``is_bad`` of the whole line after every step; :func:`_maybe_bad` answers the same
    question reading only the windows around possible mojibake, which in repaired text is usually
    nothing."""
    import ftfy

    one_step = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
    if one_step is None:  # a future ftfy without it: the public loop, slower and the same
        return tuple(ftfy.fix_encoding_and_explain(line, config=config))
    plan: list[tuple[str, str]] = []
    while _maybe_bad(line):
        fixed, steps = one_step(line, config)
        plan.extend(steps or [])
        if fixed == line:
            break
        line = fixed
    return line, plan


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their endings, split at "\n" only, as ftfy splits what it is given
    (``str.splitlines`` would also split at U+0085, U+2028 and other separators, and ftfy then sees
    different text: 'Ã\x85¯' is one line, mojibake for 'ů')."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _special(text: str) -> bool:
    """True if ``text`` holds what one of ftfy's fixers other than the encoding fix acts on (see
    :func:`_special_re`)."""
    return _special_re().search(text) is not None


_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)
_ASCII_RUNS = re.compile(r"([\t\x20-\x7e]+)")


def _diff_edits(before: str, after: str, offset: int, *, rule: str, reason: str) -> list[Edit]:
    """Small edits between two versions of one line.

    Mojibake repair rewrites only non-ASCII stretches (a UTF-8 sequence never decodes to ASCII), so when
    both versions have the same ASCII runs the changed stretches pair up one to one: linear time, and
    exact.  Otherwise (entities unescaped, controls removed) fall back to a token diff.
    """
    a_parts, b_parts = _ASCII_RUNS.split(before), _ASCII_RUNS.split(after)
    if len(a_parts) == len(b_parts) and a_parts[1::2] == b_parts[1::2]:
        edits: list[Edit] = []
        pos = offset
        for i, (a, b) in enumerate(zip(a_parts, b_parts, strict=True)):
            if i % 2 == 0 and a != b:
                edits.append(Edit(NAME, rule, pos, pos + len(a), a, b, reason))
            pos += len(a)
        return edits
    return _token_diff(before, after, offset, rule=rule, reason=reason)


def _token_diff(before: str, after: str, offset: int, *, rule: str, reason: str) -> list[Edit]:
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    a_pos = list(itertools.accumulate(map(len, a), initial=0))
    b_pos = list(itertools.accumulate(map(len, b), initial=0))
    merged: list[list[int]] = []
    for i1, i2, j1, j2 in diff_opcodes(a, b):
        c1, c2, d1, d2 = a_pos[i1], a_pos[i2], b_pos[j1], b_pos[j2]
        if merged and c1 - merged[-1][1] < 4:
            merged[-1][1], merged[-1][3] = c2, d2
        else:
            merged.append([c1, c2, d1, d2])
    edits = []
    for c1, c2, d1, d2 in merged:
        e = minimal_edit(before[c1:c2], after[d1:d2], offset + c1, stage=NAME, rule=rule, reason=reason)
        if e is not None:
            edits.append(e)
    return edits


def fix_leftovers(
    text: str,
    *,
    lone_a_circumflex: bool = True,
    bare_entities: bool = True,
    markup_tags: bool = True,
    lost_apostrophe: bool = True,
    disabled: frozenset[str] = frozenset(),
) -> StageOutput:
    """Repair what ftfy leaves: a lone 'Â' from a lost no-break space, entity names left as words, markup
    tags left in the text, and '\ufffd' for the apostrophe of a contraction."""
    c = EditCollector(NAME, text, disabled)
    if lone_a_circumflex and "Â" in text:
        for m in _LONE_A_CIRC.finditer(text):
            c.add(m.start(), m.end(), "", rule="lone_a_circumflex", reason="'Â' left by a lost no-break space")
    if lone_a_circumflex and "Ã" in text:
        for m in _LONE_A_TILDE.finditer(text):
            start, end = line_around(text, m.start())
            if not text[start:end].isupper():
                c.add(m.start(), m.end(), "à", rule="lone_a_tilde", reason="'à' whose no-break space byte was lost")
        for m in _A_TILDE_WORD_END.finditer(text):
            c.add(m.start(), m.end(), "à", rule="lone_a_tilde", reason="'à' whose no-break space byte was lost")
    if _has_lead(text):
        _mojibake_in_word(c)
    if "Ă" in text or "Ĺ" in text or "Ä" in text:
        _cp1250_in_word(c)
    if "â" in text:
        _mojibake_symbols(c)
    if bare_entities:
        if "&amp;" in text:
            for m in _AMP_CHAIN.finditer(text):
                entity = "&" + m.group(1)
                decoded = html.unescape(entity)
                c.add(m.start(), m.end(), decoded, rule="double_escaped_entity", reason="entity escaped twice")
        # The bare-entity regexes can start matching at any character, which is slow on a whole
        # document; they run only on the lines that hold an entity name's key.  That gives the same
        # matches: a match holds a name and never a "\n" (nor do their lookarounds look past one), and
        # a search between ``pos`` and ``endpos`` (a line start and a line end) still sees the text
        # before ``pos``; at ``endpos``, a "\n" or the end, "$" and "\b" answer as in the whole text.
        lines = _lines_holding(text, _ENTITY_KEYS)
        for m in (m for start, end in lines for m in _BARE_ENTITY_WITH_SEMICOLON.finditer(text, start, end)):
            c.add(m.start(), m.end(), _entity_run(text, m), rule="bare_entity", reason="HTML entity without its '&'")
        for m in (m for start, end in lines for m in _BARE_ENTITY_BEFORE_PUNCT.finditer(text, start, end)):
            if not _named_entity(text, m):
                c.add(m.start(), m.end(), "", rule="bare_entity", reason="HTML entity name left as a word")
        for m in (m for start, end in lines for m in _BARE_ENTITY_AFTER_PUNCT.finditer(text, start, end)):
            c.add(
                m.start(),
                m.end(),
                _ENTITY_CHAR[m.group(0)],
                rule="bare_entity",
                reason="HTML entity name left as a word",
            )
        for m in (m for start, end in lines for m in _BARE_ENTITY_BETWEEN_WORDS.finditer(text, start, end)):
            if _named_entity(text, m):
                continue
            name = m.group(0).strip(_GAP_CHARS).rstrip(";")
            repl = _ENTITY_CHAR[name]  # "nbsp" maps to "": the space after it stays
            c.add(
                m.start(),
                m.end(),
                " " + repl if repl else "",
                rule="bare_entity",
                reason="HTML entity name left as a word",
            )
        if "amp;" in text:
            _bare_amps(c)
        if "&" in text:
            for m in _ENTITY_WITHOUT_SEMICOLON.finditer(text):
                if not _in_url(text, m.start(), m.end()):
                    char = html.unescape(m.group(0) + ";")
                    c.add(
                        m.start(), m.end(), char, rule="entity_without_semicolon", reason="HTML entity without its ';'"
                    )
            for m in _SYMBOL_WITHOUT_SEMICOLON.finditer(text):
                if not _in_url(text, m.start(), m.end()):
                    char = html.unescape(m.group(0) + ";")
                    c.add(
                        m.start(), m.end(), char, rule="entity_without_semicolon", reason="HTML entity without its ';'"
                    )
            for m in _MORE_WITHOUT_SEMICOLON.finditer(text):
                char = html.unescape(m.group(0) + ";")
                if (
                    char not in (m.group(0) + ";", "\ufffd")
                    and char.isprintable()
                    and not _in_url(text, m.start(), m.end())
                ):
                    c.add(
                        m.start(), m.end(), char, rule="entity_without_semicolon", reason="HTML entity without its ';'"
                    )
        # Likewise: a match holds a "#".
        for m in (m for start, end in _lines_holding(text, ("#",)) for m in _BARE_NUMERIC.finditer(text, start, end)):
            code = int(m.group(1))
            if 32 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                c.add(m.start(), m.end(), chr(code), rule="bare_numeric_entity", reason="numeric entity lost its '&'")
        for start, end in _lines_holding(text, ("#82",)):
            for m in _BARE_PUNCTUATION_NUMERIC.finditer(text, start, end):
                char = chr(int(m.group(1)))
                if char in "’”" and _between_spaces(text, m.start(), m.end()):
                    continue  # a closing mark standing alone between spaces: a number ("issue #8217; it")
                c.add(m.start(), m.end(), char, rule="bare_numeric_entity", reason="numeric entity lost its '&'")
    if lost_apostrophe and "\ufffd" in text:
        # The pattern starts with a word, so a scan of the whole text tries it at every character (a page
        # with one U+FFFD paid for all of it): it is tried only around each U+FFFD, far enough back for the
        # longest word and its "\b" (which sees the text before the window) and far enough on for the
        # look-ahead's word end.
        reason = "'\ufffd' for the apostrophe of a contraction"
        at = text.find("\ufffd")
        while at >= 0:
            for m in _LOST_APOSTROPHE.finditer(text, max(0, at - 8), at + 8):
                if m.end() - 1 == at:
                    c.add(at, at + 1, "’", rule="lost_apostrophe", reason=reason)
            at = text.find("\ufffd", at + 1)
    if markup_tags and "<" in text:
        for m in _BREAK_TAG.finditer(text):
            start, end = line_around(text, m.start())
            if _named_tag(text, m, start, end, None):
                continue
            inside = text[start : m.start()].strip() and text[m.end() : end].strip()
            c.add(m.start(), m.end(), "\n" if inside else "", rule="markup_tag", reason="HTML tag left in the text")
        inline = list(_INLINE_TAG.finditer(text))
        # the inline tags of each line, by name and whether they close: a tag with no partner on its line
        # marks nothing up
        tags = {(line_around(text, m.start())[0], m.group(2).lower(), bool(m.group(1))) for m in inline}
        for m in inline:
            start, end = line_around(text, m.start())
            partner = (start, m.group(2).lower(), not m.group(1))
            if _named_tag(text, m, start, end, partner in tags):
                continue
            c.add(m.start(), m.end(), "", rule="markup_tag", reason="HTML tag left in the text")
    if c.pending and (spans := code_spans_and_blocks(text)):
        c.pending = [e for e in c.pending if not in_code(spans, e.start, e.end)]
    return c.resolve()


# One character's UTF-8 read as cp1252 and cut in two by a line break (a hard wrap at a fixed width, "fold -w")
# or by a stray space (session 12): "cafÃ\n© owners", "didnâ€\n™t", "didnâ€ ™t".  ftfy reads a line at a
# time and takes the space for a lost no-break byte, so it made "cafà" and "didn”" of them.  Read only where
# nothing else is meant: a capital lead after a small letter whose two bytes make a small letter (as
# :data:`_MOJIBAKE_IN_WORD`), or "â€" (never text) with the last byte of a punctuation mark; not a sign
# that can start a line or a word by itself (:data:`_STARTING_SIGNS`): "“" or "‘" opening the next quote
# after a closing quote whose last byte was lost, a bullet or dash a scraper set before a list item.  The
# character takes the place of its first byte; the line break stays, the stray space goes.
# Two patterns, each starting with what the engine can skip to (the literal "â€", the class of leads): one
# pattern starting with their alternation was tried at every character, 8 ms a MB.
_SPLIT_TAIL = f"(?P<gap>\r?\n| )(?P<tail>[{_CONT_SIGNS}])(?![{_CONT_SIGNS}])"
_SPLIT_MOJIBAKE = (
    re.compile(f"â€{_SPLIT_TAIL}"),
    re.compile(f"[\u00c3-\u00de](?<=[^\\W\\d_][\u00c3-\u00de]){_SPLIT_TAIL}"),
)


def _split_matches(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_SPLIT_MOJIBAKE` in ``text``, in order (the two never overlap: neither holds a
    lead, and a lead is no sign)."""
    found = list(_SPLIT_MOJIBAKE[0].finditer(text)) if "â€" in text else []
    if _has_lead(text):
        found += _SPLIT_MOJIBAKE[1].finditer(text)
    return sorted(found, key=lambda m: m.start()) if found else found


#: Signs that start a line or a word of their own (see :data:`_SPLIT_MOJIBAKE`).
_STARTING_SIGNS = frozenset("“‘•–—")


def fix_split_mojibake(text: str, disabled: frozenset[str] = frozenset(), **_: object) -> StageOutput:
    """One character's mojibake cut by a line break or a space, joined (see :data:`_SPLIT_MOJIBAKE`).

    >>> fix_split_mojibake("The cafÃ\\n© owners").text
    'The café\\n owners'
    """
    found = _split_matches(text)
    if not found:
        return StageOutput(text, [], {})
    c = EditCollector(NAME, text, disabled)
    for m in found:
        head, tail = text[m.start() : m.start("gap")], m.group("tail")
        if tail in _STARTING_SIGNS and (head == "â€" or m.group("gap") == " "):
            # "“" or "‘" may open the next quote after a closing quote whose last byte was lost; after a
            # letter's lead cut by a line break ("GyÅ\n‘r", session 13) it is that letter's second byte:
            # no line ends in a capital "Å" after a small letter
            continue
        if head == "â€":
            raw = b"\xe2\x80" + bytes([_CP1252_BYTE[tail]])
        else:
            before = text[m.start() - 1]
            if not before.islower() or before in _CONT_LETTERS:
                continue
            raw = bytes([ord(head), _CP1252_BYTE[tail]])
        try:
            char = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if head == "â€" and unicodedata.category(char)[0] not in "PS":
            continue
        if head != "â€" and unicodedata.category(char) != "Ll":
            continue
        gap = m.group("gap")
        c.add(
            m.start(),
            m.end(),
            char + (gap if gap != " " else ""),
            rule="split_mojibake",
            reason="mojibake cut by a line break" if gap != " " else "mojibake cut by a stray space",
        )
    return c.resolve()


#: The byte each character of :data:`_CONT_SIGNS` stands for (cp1252, and Latin-1 for C1 controls and
#: bytes A0-BF).
_CP1252_BYTE = {
    **{chr(b): b for b in range(0x80, 0xC0)},
    **{bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)},
}


def _mojibake_in_word(c: EditCollector) -> None:
    """A small letter whose two UTF-8 bytes were read as cp1252, inside a word (see :data:`_MOJIBAKE_IN_WORD`):
    after a small letter that is not itself such a byte, or as the second letter of a capitalised word
    ("WÅ‚odzimierz") before a small letter, and not before a quote mark there ("JOSÉ’s" is whole); only
    where the two bytes decode to a small letter."""
    text = c.text
    for lost, pattern, capital in (("Å\u00a0", _LOST_S_CARON, "Š"), ("Ä\u00a0", _LOST_G_DOT, "Ġ")):
        if lost in text:
            for m in pattern.finditer(text):
                if text[m.end() : m.end() + 3].islower():
                    c.add(m.start(), m.end(), capital, rule="mojibake_in_word", reason=f"'{capital}' read as cp1252")
    for m in _MOJIBAKE_IN_WORD.finditer(text):
        at = m.start()
        before = text[at - 1]
        if before.isupper():
            first = at == 1 or not text[at - 2].isalpha()
            if not first or text[at + 1] in _QUOTE_SIGNS or not text[at + 2 : at + 3].islower():
                continue
        elif not before.islower() or before in _CONT_LETTERS:
            continue
        try:
            char = bytes([ord(text[m.start()]), _CP1252_BYTE[text[m.start() + 1]]]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char) == "Ll":
            c.add(m.start(), m.end(), char, rule="mojibake_in_word", reason="a small letter's UTF-8 read as cp1252")


#: The byte each character of cp1250 from 80 to BF stands for (its undefined bytes kept as C1 controls).
_CP1250_BYTE = {
    **{chr(b): b for b in range(0x80, 0xC0)},
    **{bytes([b]).decode("cp1250"): b for b in range(0x80, 0xC0) if b not in (0x81, 0x83, 0x88, 0x90, 0x98)},
}
# Session 13: the same inside a word read as cp1250 (Central European sites): "JĂĽri" (ü, C3 BC), "GyĹ‘r" (ő,
# C5 91), "roÄŤnÃ­k" (č, C4 8D), where the rest of the line is whole and ftfy's badness heuristic does not fire.
# cp1250 reads the leads C3 and C5 as "Ă" and "Ĺ", capitals that stand only in upper-case words (Romanian,
# Slovak), never after a small letter; C4 is "Ä" as in cp1252, read here only before a character cp1252 has
# not at that byte (the cp1252 reading is :data:`_MOJIBAKE_IN_WORD`'s).  One pattern per lead, each starting
# with it (the engine skips to each), and only in a text holding it.
_CP1250_ONLY = "".join(re.escape(ch) for ch in _CP1250_BYTE if ch not in _CP1252_BYTE)
_CP1250_CONT = "".join(re.escape(ch) for ch in _CP1250_BYTE)
_CP1250_IN_WORD = {
    "Ă": re.compile(f"Ă(?<=[^\\W\\d_]Ă)[{_CP1250_CONT}]"),
    "Ĺ": re.compile(f"Ĺ(?<=[^\\W\\d_]Ĺ)[{_CP1250_CONT}]"),
    "Ä": re.compile(f"Ä(?<=[^\\W\\d_]Ä)[{_CP1250_ONLY}]"),
}


# Session 13: a symbol's three UTF-8 bytes E2 xx xx read as cp1252 (or Latin-1), which ftfy's badness
# heuristic does not count: "Harbourlineâ„¢" (™), "â„–" (№), "â‚´" (₴), "â‚¿" (₿), "â‹…" (⋅).  "â" and two signs
# of bytes 80-BF is no spelling of any language; read only where the three bytes are a symbol, punctuation or a
# number sign.  Not the E2 80 block ("â€"), quotes and dashes whose mojibake ftfy repairs and the lost-byte rules
# read (and which a text encoded twice holds inside: "Ã¢â‚¬â„¢"), nor a no-break space or soft hyphen in the
# middle (a word "â" before a spaced sign).
_SYMBOL_MIDDLE = "".join(re.escape(ch) for ch, b in _CP1252_BYTE.items() if b not in (0x80, 0xA0, 0xAD))
_SYMBOL_LAST = "".join(re.escape(ch) for ch, b in _CP1252_BYTE.items() if b not in (0xA0, 0xAD))
_MOJIBAKE_SYMBOL = re.compile(f"â[{_SYMBOL_MIDDLE}][{_SYMBOL_LAST}](?![{_SYMBOL_LAST}])")


def _mojibake_symbols(c: EditCollector) -> None:
    """A symbol's UTF-8 read as cp1252, left by ftfy (see :data:`_MOJIBAKE_SYMBOL`)."""
    text = c.text
    for m in _MOJIBAKE_SYMBOL.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if before in ("Ã", "Â", "ã", "â") or before in _CP1252_BYTE:
            continue  # part of a longer garble (a text encoded twice, "Ã¢â‚¬", "ã¢â‚¬"): ftfy's, or none
        try:
            char = bytes([0xE2, _CP1252_BYTE[text[m.start() + 1]], _CP1252_BYTE[text[m.start() + 2]]]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char)[0] in "SPN":
            c.add(m.start(), m.end(), char, rule="mojibake_symbol", reason="a symbol's UTF-8 read as cp1252")


def _cp1250_in_word(c: EditCollector) -> None:
    """A small letter whose two UTF-8 bytes were read as cp1250, inside a word (see :data:`_CP1250_IN_WORD`),
    on the conditions of :func:`_mojibake_in_word`."""
    text = c.text
    for lead, pattern in _CP1250_IN_WORD.items():
        if lead not in text:
            continue
        for m in pattern.finditer(text):
            at = m.start()
            before = text[at - 1]
            if before.isupper():
                first = at == 1 or not text[at - 2].isalpha()
                if not first or not text[at + 2 : at + 3].islower():
                    continue
            elif not before.islower():
                continue
            try:
                char = bytes([0xC3 + "ĂÄĹ".index(lead), _CP1250_BYTE[text[at + 1]]]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char) == "Ll":
                c.add(at, m.end(), char, rule="mojibake_in_word", reason="a small letter's UTF-8 read as cp1250")


# A Markdown fenced code block: "```" or "~~~" opening a line, to the same fence or the text's end
# (session 12).  Its lines are code the writer shows: entities and tags stay as written.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the fenced code blocks of ``text`` (fence lines included), in order."""
    if "```" not in text and "~~~" not in text:
        return []
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in _FENCE.finditer(text):
        fence = m.group(1)
        if opened is None:
            opened = (m.start(), fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]):
            spans.append((opened[0], line_around(text, m.start())[1]))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    return spans


def code_spans_and_blocks(text: str) -> list[tuple[int, int]]:
    """The code spans and fenced code blocks of ``text``, in order, overlapping ones merged."""
    spans = sorted(code_spans(text) + fenced_spans(text))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _bare_amps(c: EditCollector) -> None:
    """'&' for "amp;" whose "&" was lost, in a name joined by "&" (see :data:`_BARE_AMP`)."""
    text = c.text
    for m in _BARE_AMP.finditer(text):
        if text[m.start() - 1] == " ":
            line_start = text.rfind("\n", 0, m.start()) + 1
            if not _CAPITALISED_BEFORE.search(text, max(line_start, m.start() - 40), m.start() - 1):
                continue
        c.add(m.start(), m.end(), "&", rule="bare_entity", reason="HTML entity &amp; without its '&'")


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether the token (the run of characters without whitespace) holding ``text[start:end]`` holds a
    "=" or "/": a URL or a query string, where "&name" is a parameter."""
    begin = token_start(text, start, 200)
    stop = end
    while stop < len(text) and not text[stop].isspace() and stop - start < 200:
        stop += 1
    token = text[begin:stop]
    return "=" in token or "/" in token


def _named_tag(text: str, m: re.Match[str], start: int, end: int, paired: bool | None) -> bool:
    """Whether the tag ``m`` (on the line ``start:end``) is named in the sentence, not markup left in it.

    Such a tag stands as a word: a space, the line's edge, a quote or a bracket before it, and a space,
    the line's edge or punctuation after it (markup left over is as often glued: "pages.<br>It").  It is
    named when the sentence calls it a tag ("the <br> tag", "a <p> element"), or, for an inline tag
    (``paired`` not None), when it has no partner on its line ("write <strong>, not <b>"): left-over
    formatting comes in pairs ("<b>bold</b>", "<a href=…>report</a>").
    """
    s, e = m.start(), m.end()
    if not (s == start or text[s - 1].isspace() or text[s - 1] in "(“‘\"'["):
        return False
    if not (e == end or text[e].isspace() or text[e] in ".,;:!?)”’\"']"):
        return False
    if paired is False:
        return True
    return bool(_ARTICLE_BEFORE.search(text[max(start, s - 4) : s]) or _TAG_NOUN_AFTER.match(text, e, min(end, e + 12)))


def _named_entity(text: str, m: re.Match[str]) -> bool:
    """Whether the entity name standing as a word in ``m`` is named in the sentence, not left over by a
    scraper: its line talks about HTML, entities or markup ("In HTML, nbsp stands for …"), an article is
    before it ("the nbsp entity") or a noun after it says what it is ("nbsp character")."""
    start, end = line_around(text, m.start())
    word = re.search(_BARE_ENTITY, m.group(0))
    at, stop = (m.start() + word.start(), m.start() + word.end()) if word else (m.start(), m.end())
    return bool(
        _HTML_TALK.search(text, start, end)
        or _ARTICLE_BEFORE.search(text[max(start, at - 4) : at])
        or _ENTITY_NAMING_BEFORE.search(text[max(start, at - 10) : at])
        or _ENTITY_NOUN_AFTER.match(text, stop, min(end, stop + 14))
    )


def _between_spaces(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has whitespace or a line's edge on both sides."""
    return (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())


def _entity_run(text: str, m: re.Match[str]) -> str:
    """What a run of entity names with their ';' stands for: their characters, a no-break space as a plain
    one, dropped next to a space or the line's edge (the space there survives), runs of them as one."""
    out = "".join(_ENTITY_CHAR[name] or " " for name in m.group(0).split(";")[:-1])
    out = re.sub(" {2,}", " ", out)
    before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
    if before in ("", "\n", "\r", " ", "\t", "\u00a0"):
        out = out.lstrip(" ")
    if after in ("", "\n", "\r", " ", "\t", "\u00a0"):
        out = out.rstrip(" ")
    return out


def _closes_a_quote(line_before: str, closed_before: int = 0) -> bool:
    """Whether a quote mark after ``line_before`` (the line up to it) closes a quote: a double quote opened
    there is not closed yet (``closed_before`` more closing marks than the text shows), or the mark follows
    punctuation that ends a quotation.  Mojibake counts: "â€œ" opens, while the '“' inside "â€“" (an en
    dash) and the '”' inside "â€”" (an em dash) are no quotes."""
    opened = line_before.count("“") - line_before.count("â€“") + line_before.count("â€œ")
    closed = line_before.count("”") - line_before.count("â€”") + closed_before
    return opened > closed or line_before.endswith((",", ".", "!", "?", ";", ":", "…"))


def fix_lost_quote_byte(text: str, disabled: frozenset[str] = frozenset(), *, lossy: bool = True) -> StageOutput:
    """'”' for "â€" whose last byte was lost (see the module docstring).  Runs before ftfy, which would
    otherwise leave it, or make it a dagger or '�'; there, with ``lossy`` False, "â€�" is left to ftfy,
    which decodes its line faster so (:func:`_lossy_closing_quotes` then gives the '”').

    >>> fix_lost_quote_byte("â€œdead on arrivalâ€. Itâ€™s").text
    'â€œdead on arrival”. Itâ€™s'
    """
    if "â€" not in text:
        return StageOutput(text, [], {})
    c = EditCollector(NAME, text, disabled)
    line_start, restored = -1, 0  # quotes restored so far on the line
    for m in (_LOST_LAST_BYTE if lossy else _LOST_LAST_BYTE_NOT_LOSSY).finditer(text):
        if _INCOMPLETE_4_BYTE.search(text, max(0, m.start() - 3), m.start()):
            # an emoji whose last byte was lost too ("ðŸ’â€" for '💍”'): ftfy would read the '”' written
            # here as that byte (💔); which emoji it was cannot be known, so both stay as they are
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        if start != line_start:
            line_start, restored = start, 0
        if not m.group().endswith("?") or _closes_a_quote(text[start : m.start()], restored):
            c.add(m.start(), m.end(), "”", rule="lost_quote_byte", reason="closing quote ” whose last byte was lost")
            restored += 1
    return c.resolve()


def _as_typography_leaves(body: str, m: re.Match[str]) -> str:
    """What typography makes of one match of ``_TYPOGRAPHY_RUN`` in the line ``body`` (near enough: a
    no-break space it keeps in French typography is a space here, which can only let ftfy see more)."""
    run = m.group(0)
    if run == "\u2011":
        return "-"
    if m.end() == len(body) or not run.strip(INVISIBLE_CHARS):
        return ""
    return run if run in (" ", "\t") else " "


def _typography_spans(body: str) -> list[tuple[int, int]]:
    """For each character of the line as typography will leave it (``_TYPOGRAPHY_RUN`` with
    :func:`_as_typography_leaves`), the span of ``body`` it stands for."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _TYPOGRAPHY_RUN.finditer(body):
        spans.extend((i, i + 1) for i in range(pos, m.start()))
        repl = _as_typography_leaves(body, m)
        if len(repl) == len(m.group(0)):
            spans.extend((i, i + 1) for i in range(m.start(), m.end()))
        elif repl:
            spans.append((m.start(), m.end()))
        pos = m.end()
    spans.extend((i, i + 1) for i in range(pos, len(body)))
    return spans


def fix_mojibake_seen_through(
    text: str, *, normalization: str | None = "NFC", lost_quote_byte: bool = False
) -> StageOutput:
    """ftfy again, on the lines where typography will change a space or an invisible character, read as
    typography will leave them (see ``_TYPOGRAPHY_RUN``).  ftfy declines mojibake next to a no-break
    space or a soft hyphen (bytes A0 and AD could be the tail of a longer garble: "\u00a0Ã©"), or before a
    space it takes for a lost A0 ("Ã©Ä "), but repairs it once typography has made the space or dropped
    the character; without this a second run would change the output again.  What ftfy changes in that
    reading is mapped back onto the line; the spaces and invisible characters are left to typography unless
    they lie inside a repaired stretch.  Lines that are ASCII in that reading are not looked at.

    >>> fix_mojibake_seen_through("caf\u00a0Ã©").text == "caf\u00a0é"
    True
    """
    if not _typography_may_change(text):
        return StageOutput(text, [], {})
    edits: list[Edit] = []
    pos = 0
    fences = fenced_spans(text)
    for line in _lines(text):
        body = line.rstrip("\r\n")
        if not body.isascii() and _typography_may_change(body):
            code_block = bool(fences) and in_code(fences, pos, pos + max(len(body), 1))
            view = _TYPOGRAPHY_RUN.sub(functools.partial(_as_typography_leaves, body), body)
            fixed = (
                fix_mojibake(view, normalization=normalization, lost_quote_byte=lost_quote_byte, code_block=code_block)
                if view != body and not view.isascii()
                else None
            )
            if fixed is not None and fixed.edits:
                spans = _typography_spans(body)
                for e in fixed.edits:
                    start = spans[e.start][0] if e.start < len(spans) else len(body)
                    end = spans[e.end - 1][1] if e.end > e.start else start
                    reason = f"{e.reason} (read as typography will leave the spaces)"
                    edits.append(replace(e, start=pos + start, end=pos + end, before=body[start:end], reason=reason))
        pos += len(line)
    if not edits:
        return StageOutput(text, [], {})
    return StageOutput(apply_edits(text, edits), edits, {})


def apply(text: str, options: Options) -> StageOutput:
    """ftfy, then ftfy through no-break spaces and invisible characters (see
    :func:`fix_mojibake_seen_through`), then what ftfy leaves, to a fixpoint: removing a lone 'Â' can
    leave an entity name at a line end, which the next pass removes.  When those repairs changed the text,
    ftfy looks at it again: removing a bare entity can leave mojibake ftfy declined next to it
    ("ñ”Ž¿ñ±\u00a0€\u00a0nbsp").  A closing quote whose last byte was lost is read before ftfy and after
    it (:func:`fix_lost_quote_byte`).  Each group of edits records its pass in ``step``."""
    run_ftfy = options.ftfy and "ftfy" not in options.disabled

    def leftovers(t: str) -> StageOutput:
        return fix_leftovers(
            t,
            lone_a_circumflex=options.lone_a_circumflex,
            bare_entities=options.bare_entities,
            markup_tags=options.markup_tags,
            lost_apostrophe=options.lost_apostrophe,
            disabled=options.disabled,
        )

    lost = options.lost_quote_byte and "lost_quote_byte" not in options.disabled

    def split(t: str, normalization: str | None) -> StageOutput:
        return fix_split_mojibake(t, options.disabled)

    def lost_quotes_before(t: str, normalization: str | None) -> StageOutput:
        return fix_lost_quote_byte(t, options.disabled, lossy=False)

    def lost_quotes(t: str, normalization: str | None) -> StageOutput:
        return fix_lost_quote_byte(t, options.disabled)

    # The lost quote byte is read before ftfy, which would make "â€ " a dagger ("â€�" is left to ftfy's
    # faster decoding, and read in ftfy's result), and after it, which leaves "â€" of mojibake made twice
    # ("Ã¢â‚¬"); what it changes after ftfy, ftfy then looks at again.
    seen_through = functools.partial(fix_mojibake_seen_through, lost_quote_byte=lost)
    fixes: tuple[Callable[..., StageOutput], ...] = (
        functools.partial(fix_mojibake, lost_quote_byte=lost),
        seen_through,
    )
    if lost:
        fixes = (lost_quotes_before, *fixes, lost_quotes)
    if "split_mojibake" not in options.disabled:
        fixes = (split, *fixes)

    def _split_may_match(fix: Callable[..., StageOutput], t: str) -> bool:
        return fix is not split and split in fixes and bool(_split_matches(t))

    edits: list[Edit] = []
    step = 0
    for _ in range(_MAX_ROUNDS):
        again = False
        if run_ftfy:
            for fix in fixes:
                out = fix(text, normalization=options.normalization)
                if out.edits:
                    # Made with step 0: renumbered only in a later pass (``replace`` is slow).
                    edits.extend([replace(e, step=step) for e in out.edits] if step else out.edits)
                    step += 1
                    text = out.text
                    # A repair can leave work for a fix that ran before it (session 12, found by the property
                    # test): ftfy drops a BOM and leaves a character cut by a line break for split_mojibake
                    # ("â€\ufeff\n™"), or, read through the spaces, mends a stretch of a line and lets ftfy read
                    # the line whole ("\xa0â€¯Ã\xa0"); then one more round, so that one pass gives what two give.
                    again = again or fix is lost_quotes or fix is seen_through or _split_may_match(fix, text)
        rest = to_fixpoint(leftovers, text)
        if not rest.edits:
            if again:
                continue
            break
        edits.extend([replace(e, step=e.step + step) for e in rest.edits] if step else rest.edits)
        step += max(e.step for e in rest.edits) + 1
        text = rest.text
        if not run_ftfy:
            break
    return StageOutput(text, edits, {})


#: ftfy and the repairs of what it leaves, alternating, at most this many times.
_MAX_ROUNDS = 3
