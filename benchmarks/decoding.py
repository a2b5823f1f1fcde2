"""How well ``decode_bytes`` reads news text stored in the code pages news is really published in.

    python benchmarks/decoding.py            # one table: exact recoveries and character error rate
    python benchmarks/decoding.py --show     # and every miss, with the start of what was read

Texts: the AEB gold article bodies (English, Portuguese, Italian, German, Korean, Japanese, Russian ...,
the language found from the script and a few function words), the RealNews articles (English), and for the
languages those lack, short paragraphs written for this benchmark (``benchmarks/data/decoding/``).  Each
text is encoded in each code page its language is published in, at three lengths: a line (~60 characters
around the first character that is not ASCII in that code page), a paragraph (the one holding it, at least
~200 characters) and the article (the whole text, at most ~6,000 characters, cut at a paragraph).  A
character the code page lacks is written as publishers did (curly quotes as straight ones in Latin-1,
"ș" as "ş" in cp1250), or left out; the text to recover is the text as encoded.  Text that encodes to
ASCII bytes only is not a decoding test and is skipped (except for UTF-16).

Scores: exact (the decoded text is the text, compared after NFC for cp1258, whose Vietnamese is written
with combining tone marks) and character error rate (1 - characters matched / characters of the text,
difflib's matching blocks; on the first 2,000 characters when the lengths differ, to stay fast).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpora  # noqa: E402  (benchmarks/corpora.py, beside this file)

from textmend.io import InputError, decode_bytes  # noqa: E402

OWN = ROOT / "benchmarks" / "data" / "decoding"

#: The code pages each language is published in (besides UTF-8), and the family each belongs to.
WESTERN = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
CODEPAGES: dict[str, list[str]] = {
    "en": [*WESTERN, "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"],
    "pt": WESTERN,
    "es": WESTERN,
    "fr": WESTERN,
    "it": WESTERN,
    "de": WESTERN,
    "pl": ["cp1250", "iso8859_2"],
    "cs": ["cp1250", "iso8859_2"],
    "hu": ["cp1250", "iso8859_2"],
    "ro": ["cp1250", "iso8859_2"],
    "tr": ["cp1254", "iso8859_9"],
    "el": ["cp1253", "iso8859_7", "utf-16-le"],
    "ru": ["cp1251", "koi8_r", "iso8859_5", "utf-16-le", "utf-8-sig"],
    "uk": ["cp1251", "koi8_u"],
    "bg": ["cp1251"],
    "he": ["cp1255", "iso8859_8"],
    "ar": ["cp1256", "iso8859_6", "utf-16-be"],
    "vi": ["cp1258", "utf-8-sig"],
    "zh-hans": ["gb2312", "gbk", "gb18030", "utf-16-le"],
    "zh-hant": ["big5", "cp950"],
    "ja": ["shift_jis", "cp932", "euc_jp", "iso2022_jp", "utf-16"],
    "ko": ["euc_kr", "cp949", "utf-16-be"],
}
FAMILY: dict[str, str] = {
    **dict.fromkeys(["cp1252", "latin_1", "iso8859_15"], "Western"),
    "mac_roman": "Mac Roman",
    **dict.fromkeys(["cp1250", "iso8859_2"], "Central European"),
    **dict.fromkeys(["cp1251", "koi8_r", "koi8_u", "iso8859_5"], "Cyrillic"),
    **dict.fromkeys(["cp1253", "iso8859_7"], "Greek"),
    **dict.fromkeys(["cp1254", "iso8859_9"], "Turkish"),
    **dict.fromkeys(["cp1255", "iso8859_8"], "Hebrew"),
    **dict.fromkeys(["cp1256", "iso8859_6"], "Arabic"),
    "cp1258": "Vietnamese",
    **dict.fromkeys(["gb2312", "gbk", "gb18030", "big5", "cp950"], "Chinese"),
    **dict.fromkeys(["shift_jis", "cp932", "euc_jp", "iso2022_jp"], "Japanese"),
    **dict.fromkeys(["euc_kr", "cp949"], "Korean"),
    **dict.fromkeys(["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"], "UTF-16 / UTF-8 BOM"),
}
LENGTHS = ("line", "paragraph", "article")

#: How publishers wrote a character their code page lacks (tried before leaving it out).
_STAND_INS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "ș": "ş",
        "ț": "ţ",
        "Ș": "Ş",
        "Ț": "Ţ",
        "\u00a0": " ",
    }
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "with"},
    "pt": {"não", "que", "os", "uma", "com", "para", "da", "do", "é"},
    "es": {"el", "los", "las", "y", "que", "del", "por", "una"},
    "fr": {"le", "les", "et", "des", "est", "une", "du", "pour"},
    "it": {"il", "che", "della", "per", "è", "di", "gli", "una"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "ein"},
}


def language(text: str) -> str | None:
    """The language of a text, from its script and, for Latin script, a few function words."""
    scripts = Counter(unicodedata.name(ch, "?").split()[0] for ch in text[:5000] if ord(ch) > 0x7F and ch.isalpha())
    letters = sum(1 for ch in text[:5000] if ch.isalpha())
    top = scripts.most_common(1)[0][0] if scripts else "LATIN"
    if top == "HANGUL":
        return "ko"
    if top in {"HIRAGANA", "KATAKANA"} or (scripts["HIRAGANA"] + scripts["KATAKANA"] > 0.1 * letters):
        return "ja"
    if top == "CYRILLIC":
        return "ru"
    if top != "LATIN":
        return None  # Arabic presentation forms (AEB), CJK ideographs alone ...: left to the own texts
    words = Counter(re.findall(r"\w+", text[:5000].lower()))
    scores = {lang: sum(words[w] for w in ws) for lang, ws in _STOPWORDS.items()}
    return max(scores, key=lambda lang: scores[lang])


def corpus(*, own_only: bool = False) -> list[tuple[str, str, str]]:
    """(name, language, text) of every clean text (``own_only``: only those written for the benchmark)."""
    texts: list[tuple[str, str, str]] = []
    english = 0
    for source, i, body in [] if own_only else corpora.reference_news():
        if source == "aeb":
            lang = language(body)
            if lang is None or len(body) < 300:
                continue
            if lang == "en":
                # English is most of the AEB: every eighth page that is not ASCII throughout
                if body.isascii() or english % 8:
                    english += not body.isascii()
                    continue
                english += 1
            texts.append((f"aeb#{i}", lang, body))
        elif not body.isascii() and language(body) == "en" and i % 2 == 0:
            texts.append((f"{source}#{i}", "en", body))
    for path in sorted(OWN.glob("*.txt")):
        texts.append((f"own:{path.stem}", path.stem, path.read_text(encoding="utf-8")))
    return texts


def publishable(text: str, codepage: str) -> str:
    """The text as it would be written in ``codepage``: stand-ins for what it lacks, or nothing."""
    if codepage.startswith("utf"):
        return text
    if codepage == "cp1258":
        text = _cp1258_form(text)
    out = []
    for ch in text:
        for candidate in (ch, ch.translate(_STAND_INS)):
            try:
                candidate.encode(codepage)
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
    return "".join(out)


def _cp1258_form(text: str) -> str:
    """Vietnamese as cp1258 writes it: base letters precomposed where it has them (â, ê, ô, ơ, ư, ă, đ),
    tone marks as combining characters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch):
            composed = unicodedata.normalize("NFC", out[-1] + ch)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                except UnicodeEncodeError:
                    pass
                else:
                    out[-1] = composed
                    continue
        out.append(ch)
    return "".join(out)


def _first_high(text: str, codepage: str) -> int:
    """Where the first character that is not ASCII in ``codepage`` is (-1: none)."""
    if codepage.startswith("utf"):
        return next((i for i, ch in enumerate(text) if not ch.isascii()), 0)
    return next((i for i, ch in enumerate(text) if not ch.isascii()), -1)


def pieces(text: str, codepage: str) -> Iterator[tuple[str, str]]:
    """(length, text) at each length, for one text in one code page."""
    text = publishable(text, codepage).replace("\r\n", "\n").strip()
    at = _first_high(text, codepage)
    if at < 0:
        return
    # a line: ~60 characters around the first high character, at word boundaries where there are words
    start = max(0, at - 25)
    if " " in text[start:at]:
        start = text.index(" ", start) + 1 if start else 0
    line = text[start : start + 60]
    if " " in line[40:]:
        line = line[: line.rindex(" ")]
    yield "line", line.strip()
    # the paragraph holding it, with the next ones until ~200 characters
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    pos, k = 0, 0
    while k < len(paragraphs) - 1:
        found = text.find(paragraphs[k], pos)
        if found <= at < found + len(paragraphs[k]) + 1:
            break
        pos = found + len(paragraphs[k])
        k += 1
    para = paragraphs[k]
    while len(para) < 200 and k + 1 < len(paragraphs):
        k += 1
        para += "\n" + paragraphs[k]
    yield "paragraph", para
    article = text
    if len(article) > 6000:
        article = article[: article.rfind("\n", 0, 6000) if "\n" in article[:6000] else 6000]
    yield "article", article


def character_error_rate(gold: str, got: str) -> float:
    if gold == got:
        return 0.0
    if len(gold) != len(got):
        gold, got = gold[:2000], got[:2000]
    matcher = difflib.SequenceMatcher(None, gold, got, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return max(0.0, min(1.0, 1 - matched / max(1, len(gold)) + max(0, len(got) - len(gold)) / max(1, len(gold))))


@dataclass
class Case:
    name: str
    language: str
    codepage: str
    length: str
    text: str


@dataclass
class Outcome:
    case: Case
    exact: bool
    cer: float
    encoding: str
    got: str


def cases(languages: set[str] | None = None, per_language: int | None = None, *, own_only: bool = False) -> list[Case]:
    """Every case of the benchmark, or only some languages, at most ``per_language`` texts of each, or only
    the texts written for it (``own_only``, which the tests use: they do not need ../shared/data)."""
    out: list[Case] = []
    seen: Counter[str] = Counter()
    for name, lang, text in corpus(own_only=own_only):
        if languages is not None and lang not in languages:
            continue
        if per_language is not None and seen[lang] >= per_language:
            continue
        seen[lang] += 1
        for codepage in CODEPAGES[lang]:
            for length, piece in pieces(text, codepage):
                out.append(Case(name, lang, codepage, length, piece))
    return out


def score(case: Case) -> Outcome:
    data = case.text.encode(case.codepage)
    try:
        got, encoding = decode_bytes(data)
    except InputError as exc:
        got, encoding = "", f"refused: {exc}"
    gold = case.text
    if case.codepage == "cp1258":
        gold, got = unicodedata.normalize("NFC", gold), unicodedata.normalize("NFC", got)
    return Outcome(case, got == gold, character_error_rate(gold, got), encoding, got)


def run(selected: list[Case]) -> list[Outcome]:
    return [score(case) for case in selected]


def exact_rate(outcomes: list[Outcome]) -> float:
    return sum(o.exact for o in outcomes) / max(1, len(outcomes))


def table(outcomes: list[Outcome]) -> str:
    groups: dict[tuple[str, str], dict[str, list[Outcome]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        groups[(FAMILY[o.case.codepage], o.case.codepage)][o.case.length].append(o)
    order = list(dict.fromkeys(FAMILY.values()))
    rows = sorted(groups, key=lambda key: (order.index(key[0]), key[1]))
    head = f"{'family':20} {'code page':11}" + "".join(f" {n:>17}" for n in LENGTHS) + f" {'all':>17}"
    lines = [head, f"{'':32}" + "    exact      CER" * 4, "-" * len(head)]

    def cell(group: list[Outcome]) -> str:
        if not group:
            return f" {'':>17}"
        n = sum(o.exact for o in group)
        cer = sum(o.cer for o in group) / len(group)
        return f" {f'{n}/{len(group)}':>9} {cer:7.3f}"

    for key in rows:
        by_length = groups[key]
        everything = [o for g in by_length.values() for o in g]
        lines.append(f"{key[0]:20} {key[1]:11}" + "".join(cell(by_length[n]) for n in LENGTHS) + cell(everything))
    lines.append("-" * len(head))
    for family in order:
        members = [o for o in outcomes if FAMILY[o.case.codepage] == family]
        if members:
            by = [[o for o in members if o.case.length == n] for n in LENGTHS]
            lines.append(f"{family:20} {'(family)':11}" + "".join(cell(g) for g in by) + cell(members))
    lines.append("-" * len(head))
    by = [[o for o in outcomes if o.case.length == n] for n in LENGTHS]
    lines.append(f"{'total':32}" + "".join(cell(g) for g in by) + cell(outcomes))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every miss: what was read, as what")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    selected = cases()
    outcomes = run(selected)
    took = time.perf_counter() - started
    if args.show:
        for o in outcomes:
            if not o.exact:
                c = o.case
                print(f"{c.name:22} {c.codepage:10} {c.length:9} as {o.encoding:10} CER {o.cer:.2f}  {o.got[:60]!r}")
        print()
    texts = len({(o.case.name) for o in outcomes})
    languages = len({o.case.language for o in outcomes})
    print(f"{len(outcomes)} cases from {texts} texts in {languages} languages, {took:.1f} s\n")
    print(table(outcomes))
    total = exact_rate(outcomes)
    print(f"\nexact recovery: {sum(o.exact for o in outcomes)}/{len(outcomes)} = {total:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
