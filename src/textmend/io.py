"""Reading and writing documents: bytes to text, file formats, atomic writes and backups.

Nothing here changes text; it only gets it in and out.  Every problem becomes an :class:`InputError`
whose message names what is wrong in plain words; the caller adds the path.
"""

from __future__ import annotations

import codecs
import filecmp
import functools
import gzip
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

#: File endings textmend reads, and the kind of reader for each.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".html.gz": "html",
    ".htm.gz": "html",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be read as text, with the reason in plain words."""


def suffix_of(path: Path) -> str:
    """The ending that decides the format: ``.html.gz`` and ``.jsonl.gz`` count as one ending."""
    name = path.name.lower()
    for ending in (".html.gz", ".htm.gz", ".jsonl.gz"):
        if name.endswith(ending):
            return ending
    return path.suffix.lower()


def format_of(path: Path) -> str | None:
    return FORMATS.get(suffix_of(path))


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text in Latin script has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, stray_nuls: bool = False) -> tuple[str, str]:
    """Decode raw bytes into text, returning ``(text, encoding)``; never fails on text of any encoding.

    Order: a BOM; ISO-2022-JP (7-bit, with its escapes); UTF-16 without a BOM (any script); strict UTF-8
    (or UTF-8 cut inside its last character, which is dropped); then every single-byte code page news
    uses, and the multi-byte ones charset-normalizer finds likely, each reading judged by how much it
    looks like text (:func:`_detect`), cp1252 on a tie and as the last resort, which maps every byte.
    Binary data (NUL bytes that are not UTF-16) raises :class:`InputError`; with ``stray_nuls``, text that
    holds a few NUL bytes (:func:`_stray_nuls`) is read as text, the NULs kept for a stage to remove.

    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break  # bytes that only look like a BOM ("ï»¿" in cp1252): detect below
    if b"\x1b" in data and data.isascii() and _ISO2022_ESCAPE.search(data):
        try:  # Japanese in ISO-2022-JP (e-mail, old sites): 7-bit, so it is UTF-8 too, but escapes
            return data.decode("iso2022_jp_2"), "iso2022_jp"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        utf16 = _looks_utf16(data)
        if utf16:
            try:
                return data.decode(utf16), utf16
            except UnicodeDecodeError:
                pass
        utf16 = _detected_utf16(data)
        if utf16:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError:
                pass
            else:
                if len(text) >= 16 and not _CONTROLS.search(text) and _SPACE_OR_CJK_PUNCTUATION.search(text):
                    return text, utf16
        if stray_nuls and _stray_nuls(data):
            stripped, encoding = decode_bytes(data.replace(b"\x00", b""))
            try:  # the same reading with the NULs in place, so removing them is an edit of the encoding stage
                return data.decode(encoding), encoding
            except (UnicodeDecodeError, LookupError):
                return stripped, encoding
        # NUL is valid UTF-8, but no text file holds one: this is binary data.
        raise InputError("looks like a binary file (it has NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        cut = _truncated_utf8(data, exc)
        if cut is not None:
            return cut, "utf-8"
    return _detect(data)


#: Control bytes binary data holds and text does not: C0 but NUL, tab, line feed, form feed, carriage
#: return and escape (ISO-2022 text has escapes).  Compressed data, images and executables all have them.
_BINARY_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _stray_nuls(data: bytes) -> bool:
    """Text with a few NUL bytes in it (a scraper's C string, a byte lost and written as 0): at most one
    byte in a hundred is NUL, no other control byte binary data holds is there, and there is text beside
    them.  Such a file was refused whole as binary; its text is what the user wants cleaned."""
    nuls = data.count(0)
    if nuls > max(1, len(data) // 100) or _BINARY_CONTROL_BYTES.search(data) is not None:
        return False
    return bool(data.replace(b"\x00", b"").strip())


#: An ISO-2022 escape into a two-byte character set (JIS X 0208, GB 2312, KS X 1001, JIS X 0212).
_ISO2022_ESCAPE = re.compile(rb"\x1b\$(?:[@AB]|\(D)")
#: C0 controls no text holds (NUL and the others but tab, line feed, form feed and carriage return).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
#: What text of any script holds somewhere: a space or line break, or CJK punctuation ("。", "，").
_SPACE_OR_CJK_PUNCTUATION = re.compile("[\\s\u3000-\u303f\uff00-\uffef]")


def _detected_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM in a script other than Latin (Cyrillic, Greek, Arabic, CJK), where only the
    ASCII characters have a NUL byte, too few for :func:`_looks_utf16`: charset-normalizer tells it
    from binary data.  The caller takes the text only if it also reads as text: 16 characters or more,
    no control characters, a space, a line break or CJK punctuation somewhere."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    if len(sample) < len(data) and any(0xD8 <= b <= 0xDB for b in sample[-2:]):
        sample = sample[:-2]  # not half a surrogate pair (a high surrogate's high byte, LE or BE)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:
        return None
    if best is None:
        return None
    return {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}.get(best.encoding)


def _truncated_utf8(data: bytes, exc: UnicodeDecodeError) -> str | None:
    """UTF-8 cut off inside its last character (a file or field truncated at a byte count): the text
    without that partial character.  Only when the rest holds other multi-byte characters, so that it is
    surely UTF-8: a Latin-1 file whose one accented letter is its last byte ("café") stays to detection."""
    if exc.reason != "unexpected end of data" or exc.end != len(data):
        return None
    text = data[: exc.start].decode("utf-8")  # the error was at the end: the rest decodes
    return None if text.isascii() else text


#: Single-byte code pages news is published in, each read and judged on every input that is not UTF-8;
#: on a tie the first wins (cp1252 before all: Western text is by far the most common).
_SINGLE_BYTE = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1254",
    "mac_roman",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp1258",
)
#: Multi-byte encodings charset detection may pick (its names), and the name to report for each.
_MULTIBYTE = {
    "shift_jis": "shift_jis",
    "cp932": "cp932",
    "shift_jis_2004": "shift_jis_2004",
    "euc_jp": "euc_jp",
    "euc_jis_2004": "euc_jp",
    "euc_jisx0213": "euc_jp",
    "gb2312": "gb2312",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "euc_kr": "euc_kr",
    "cp949": "cp949",
}
#: Other single-byte code pages charset detection may pick, judged beside :data:`_SINGLE_BYTE`.
_PLAUSIBLE = {*_SINGLE_BYTE, "latin_1", "cp1257", *_MULTIBYTE}
#: Bytes cp1252 leaves undefined; "sloppy" cp1252 (as ftfy calls it) takes them as Latin-1.
_CP1252_HOLES = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
_HOLE_BYTES = [bytes([b]) for b in _CP1252_HOLES]
#: How much of the input is read to choose the encoding: the lines that hold bytes past ASCII, up to this.
_SAMPLE = 16384


#: Latin-1 read as cp1252: cp1252 differs from Latin-1 only in 80-9F, where it defines all but the holes.
_LATIN1_TO_CP1252 = str.maketrans(
    {chr(b): bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_HOLES}
)


def sloppy_cp1252(data: bytes) -> str:
    """cp1252 for every byte it defines, Latin-1 for the five it does not: decodes any byte string.
    Every step runs in C (a Python loop per byte took 1.5 s on 2 MB holding one undefined byte)."""
    if not any(hole in data for hole in _HOLE_BYTES):
        return data.decode("cp1252")
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


def _sample(data: bytes) -> bytes:
    """What encoding detection reads: all of a short input; of a long one, its lines with a byte past
    ASCII (where the encodings differ), up to :data:`_SAMPLE` bytes, cut after a space or line feed (never
    the second byte of a character in the multi-byte encodings detected)."""
    if len(data) <= _SAMPLE:
        return data
    lines, size = [], 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        lines.append(line)
        size += len(line) + 1
        if size >= _SAMPLE:
            break
    sample = b"\n".join(lines)
    if len(sample) > _SAMPLE:
        cut = sample.rfind(b" ", 0, _SAMPLE)
        sample = sample[: cut if cut > 0 else _SAMPLE]
    return sample


def _decode_sample(sample: bytes, name: str, *, cut: bool) -> str:
    """The sample in one encoding; a sample cut inside a long line may end inside a character."""
    try:
        return sample.decode(name)
    except UnicodeDecodeError as exc:
        if cut and exc.start >= len(sample) - 4:
            return sample[: exc.start].decode(name)
        raise


def _detect(data: bytes) -> tuple[str, str]:
    """Not UTF-8: read the bytes in every single-byte code page news uses (and in the multi-byte encodings
    charset-normalizer finds likely), and keep the reading that looks most like text (see
    :func:`_implausibility`); cp1252 on a tie.  cp1252 is also the last resort: it decodes any bytes."""
    sample = _sample(data)
    high = sum(1 for b in sample if b >= 0x80)
    try:
        from charset_normalizer import from_bytes

        matches = [m.encoding for m in from_bytes(sample)]
    except Exception:
        matches = []
    # On a tie: cp1252, then charset-normalizer's order (its letter frequencies tell Hebrew from the
    # Cyrillic letters cp1251 makes of it), then the code pages it did not name.  A multi-byte guess
    # resting on a few bytes past ASCII is not to be believed.
    ranked = [m for m in matches if m in _PLAUSIBLE and (m not in _MULTIBYTE or high >= 16)]
    candidates = list(dict.fromkeys(["cp1252", *ranked, *_SINGLE_BYTE]))
    scored: list[tuple[int, int, str, str]] = []
    western = sloppy_cp1252(sample)
    as_cp1252 = (western if data is sample else sloppy_cp1252(data)), "cp1252"
    for rank, name in enumerate(candidates):
        try:
            text = western if name == "cp1252" else _decode_sample(sample, name, cut=len(sample) < len(data))
        except (UnicodeDecodeError, LookupError):
            continue
        score = _implausibility(text)
        # no reading of bytes that make no text (binary junk): cp1252, the last resort
        if score * 2 < high:
            scored.append((score + (name == "mac_roman"), rank, name, text))  # Mac Roman: rare, and last
    scored.sort(key=lambda s: (s[0], s[1]))
    # Mojibake in cp1252 bytes is cp1252 (the encoding stage repairs it), but CJK encodings may look so too.
    if scored and scored[0][2] not in ("cp1252", *_MULTIBYTE) and _holds_mojibake(sample):
        return as_cp1252
    for _, _, name, text in scored:
        if text == western:
            return as_cp1252  # the same text as cp1252 (Latin-1 ...): call it cp1252
        try:
            decoded = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue  # a byte past the sample that this encoding lacks
        if name in _MULTIBYTE and name != _MULTIBYTE[name]:
            try:
                if data.decode(_MULTIBYTE[name]) == decoded:
                    name = _MULTIBYTE[name]
            except UnicodeDecodeError:
                pass
        return decoded, name
    return as_cp1252


def _holds_mojibake(data: bytes) -> bool:
    """Whether most bytes past ASCII form UTF-8 sequences ("Ã©", "â€™" when read as cp1252): text saved
    again after a wrong decoding, or UTF-8 and cp1252 mixed.  Read as cp1252, it is what the encoding
    stage repairs, however odd it looks.  (Legacy text rarely has a byte 0xC2-0xF4 before the right number
    of bytes 0x80-0xBF; the CJK encodings sometimes do, but not for most of their bytes.)"""
    high = sum(1 for b in data if b >= 0x80)
    covered = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return covered > 0 and 2 * covered >= high


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


#: The non-ASCII letters of the languages written in the detected code pages (lower case), one string a
#: language: a reading whose letters no one language uses together is a wrong one.
_ALPHABETS = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüßé",  # German
    "áéíñóúüç",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóú·",  # Catalan
    "éëïóöüèáà",  # Dutch
    "åäöéæø",  # Swedish, Finnish, Danish, Norwegian
    "áðéíóúýþæö",  # Icelandic
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîşţșț",  # Romanian
    "čćđšž",  # Croatian, Slovene, Bosnian
    "çğıöşüâîû",  # Turkish
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äõöüšž",  # Estonian
    "àáâãèéêìíòóôõùúýăđĩũơư",  # Vietnamese (tone marks are combining characters in cp1258)
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",  # Russian
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",  # Ukrainian
    "абвгдежзийклмнопрстуфхцчшщъьюяѝ",  # Bulgarian
    "абвгдђежзијклљмнњопрстћуфхцчџш",  # Serbian
    "абвгдѓежзѕијклљмнњопрстќуфхцчџш",  # Macedonian
    "абвгдеёжзійклмнопрстуўфхцчшыьэюя",  # Belarusian
    "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰ",  # Greek
    "אבגדהוזחטיכךלמםנןסעפףצץקרשת",  # Hebrew
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیـ",  # Arabic, Persian
)
_ALPHABET_SETS = tuple(frozenset(a) for a in _ALPHABETS)
#: The scripts of :data:`_ALPHABETS` (others, CJK, are not judged letter by letter).
_ALPHABETIC = frozenset({"LATIN", "CYRILLIC", "GREEK", "HEBREW", "ARABIC"})
#: Signs that follow a word as they are: "Apple™", "Smith†", "40°" ...
_AFTER_WORD = frozenset("™®©°†‡′″ºª")


def _implausibility(text: str) -> int:
    """How little ``text`` looks like text, as penalty points: what a wrong code page makes of bytes past
    ASCII.  A control or unassigned character (5); a capital letter past ASCII after a small letter
    ("WeÕd", "odwiedziŁ"), a letter of another script inside a word ("Vlбda") (2 and 3); a sign or symbol
    inside a word ("pi±tek", 3) or against one ("odwiedzi³ ", "£ód", 1); a combining mark on no letter,
    a half-width katakana, "¤" (2, 1, 2); and each letter no one language uses with the others (1)."""
    score = upper = lower_case = 0
    letters: dict[str, int] = {}
    n = len(text)
    for i, ch in enumerate(text[:8192]):
        if ch < "\x80":
            continue
        category = unicodedata.category(ch)
        prev = text[i - 1] if i else " "
        following = text[i + 1] if i + 1 < n else " "
        kind = category[0]
        if kind == "L":
            script = _script(ch)
            if script not in _ALPHABETIC:
                score += "\uff61" <= ch <= "\uff9f"  # half-width katakana: 1980s terminals, not news
                if prev.isascii() and prev.isalpha() and following.isascii() and following.isalpha():
                    score += 3  # "Gesch臟tsmodell"; Latin words stand beside kana, not around one ideograph
                continue  # CJK: no alphabet to check
            lower = ch.lower()
            letters[lower] = letters.get(lower, 0) + 1
            if category == "Lu":
                upper += script != "LATIN"
                if prev.islower():
                    score += 2
                elif script == "LATIN" and not prev.isalpha():
                    if not following.isalpha() and ch in "ÐÑÒÓÔÕĐŃ":
                        score += 2  # a capital alone: " Ñ " is Mac Roman's dash read as cp1252
                    elif following.isupper() and i + 2 < n and text[i + 2].islower():
                        score += 2  # "ÒThe": Mac Roman's opening quote
            elif category == "Ll":
                lower_case += script != "LATIN"
            if prev.isalpha() and _script(prev) != script and _script(prev) in _ALPHABETIC:
                score += 3
            if script != "LATIN" and following.isascii() and following.isalpha():
                score += 3  # "ؤئdomu": ASCII letters go on after a letter of another script
        elif kind in "MP" and _script(ch) in _ALPHABETIC and prev.isalpha() and _script(prev) != _script(ch):
            score += 3  # a Hebrew point or sign on a Latin letter ("Hֵ״YA"): cp1255 read from Latin-1
        elif category == "Mn":
            if not prev.isalpha() and unicodedata.category(prev) != "Mn":
                score += 2
        elif (kind == "C" and category != "Cf") or category == "Zl" or category == "Zp":
            score += 5
        elif kind in "SN" or ch in "¿¡":
            before, after = prev.isalpha(), following.isalpha()
            if ch == "¤" or "\u2500" <= ch <= "\u259f":
                score += 2  # "¤" where "€" was meant, box drawing: what koi8-r makes of other bytes
            elif before and after:
                score += 3
            elif before:
                if ch not in _AFTER_WORD and not (ch in "²³" and prev in "mM"):
                    score += 2 if category == "Sm" else 1  # "voil√ ": Mac Roman's reading of "Ã"
            elif after and ch not in "¿¡":
                score += 1
    if upper > 2 * lower_case:  # (in scripts other than Latin, where headlines in capitals are common)
        score += (upper - lower_case) // 4  # small letters read as capitals: koi8-r as cp1251
    if letters:
        score += min(sum(k for ch, k in letters.items() if ch not in a) for a in _ALPHABET_SETS)
    return score


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ("LATIN", "CYRILLIC" ...); ASCII is Latin."""
    if ch < "\x80":
        return "LATIN"
    return unicodedata.name(ch, "?").split(" ")[0]


class StdinReader:
    """Standard input, read once: its first line can be looked at (to tell JSONL from text) before the
    whole is read as one document or its lines are cleaned as records, streamed as they arrive.

    A JSONL stream in UTF-16 or UTF-32 (PowerShell's pipe) is read whole and recoded to UTF-8 lines: it
    cannot be split at byte 0A as it arrives."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._first: bytes | None = None

    def first_line(self) -> bytes:
        """The first line, with its line end (read once; the stream goes on after it)."""
        if self._first is None:
            self._first = self._raw.readline()
        return self._first

    def read_all(self) -> bytes:
        """Everything, the first line included."""
        return self.first_line() + self._raw.read()

    def lines(self) -> Iterator[bytes]:
        """The lines as bytes in UTF-8 (UTF-16 and UTF-32 recoded), the first line included."""
        first = self.first_line()
        wide = wide_encoding(first[:4096])
        if wide is not None:
            text = (first + self._raw.read()).decode(wide, errors="replace")
            yield from (line.encode("utf-8") for line in text.splitlines(keepends=True))
            return
        if first:
            yield first
        fd = _fileno(self._raw)
        if fd is None:  # not a file descriptor (a test's BytesIO): read as it comes
            yield from self._raw
            return
        if not _ready(fd):
            yield PAUSE
        yield from _lines_with_pauses(self._raw, fd)

    def looks_jsonl(self, text_field: str, html_field: str | None) -> bool:
        """Whether the first line is a JSON object with the text (or HTML) field: a JSONL stream, which
        cleaned as one text came out as JSON with its quotes and spaces "repaired"."""
        first = self.first_line()
        wide = wide_encoding(first[:4096])
        # UTF-16 LE's line ends at its 0A, the 00 after it on the next line: the half unit is U+FFFD here.
        line = first.decode(wide or "utf-8", errors="replace").lstrip("\ufeff").strip().rstrip("\ufffd").strip()
        if not line.startswith("{") or not line.endswith("}"):
            return False
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            return False
        return isinstance(obj, dict) and (text_field in obj or (html_field is not None and html_field in obj))


#: What :meth:`StdinReader.lines` yields where the stream pauses (nothing more to read for now): the
#: records read so far are cleaned and written before it waits, so that a slow producer's records are
#: not held back until half a megabyte has come (a line is never empty: it holds at least its "\n").
PAUSE = b""
#: How long the stream must stay empty to be a pause.
PAUSE_SECONDS = 0.02


def _fileno(raw: BinaryIO) -> int | None:
    try:
        return raw.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return None


def _lines_with_pauses(raw: BinaryIO, fd: int) -> Iterator[bytes]:
    """The lines of ``raw`` as they arrive, with :data:`PAUSE` wherever no more is ready to be read (a
    pipe whose writer is slower than the cleaning).  Where ``select`` cannot tell (Windows pipes), there
    are no pauses: the lines come in chunks as from a file."""
    carry = b""
    while True:
        data = raw.read1(1 << 16)  # type: ignore[attr-defined]  # what is there, or one read's worth
        if not data:
            break
        lines = (carry + data).split(b"\n")
        carry = lines.pop()
        yield from (line + b"\n" for line in lines)
        if not _ready(fd):
            yield PAUSE
    if carry:
        yield carry


def _ready(fd: int) -> bool:
    """Whether there is something to read on ``fd`` within :data:`PAUSE_SECONDS` (True where it cannot
    be told).  A fast writer (``zcat``) refills the pipe well within that: its lines are read on in
    chunks as large as a file's, not cut at every moment the pipe is empty."""
    import select

    try:
        return bool(select.select([fd], [], [], PAUSE_SECONDS)[0])
    except (OSError, ValueError):
        return True


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, from a BOM, or UTF-16 without one (a NUL in every other byte) in the first bytes
    of a stream: a JSONL file or stream saved so (PowerShell's ``>`` and pipes write UTF-16) cannot be
    split into lines at byte 0A, and every line of it was refused as binary and left out of the output."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # A head cut after a line's 0A (its 00 in the next line) is odd in length: the pad evens it.
    return _looks_utf16(head + b"\x00" * (len(head) % 2)) if b"\x00" in head else None


def read_bytes(path: Path) -> bytes:
    """Read a file (gunzipping ``.gz``), turning OS errors into plain messages."""
    try:
        if path.name.lower().endswith(".gz"):
            check_gzip(path)
            with gzip.open(path, "rb") as fh:
                return fh.read()
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except PermissionError:
        raise InputError("cannot be read: permission denied") from None
    except FileNotFoundError:
        raise InputError("does not exist") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"is not a valid gzip file ({exc})") from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from None


def check_gzip(path: Path) -> None:
    """Refuse a ``.gz`` file of zero bytes (a failed download, typically), which Python's gzip reads as
    empty data: it holds no gzip stream at all."""
    if path.stat().st_size == 0:
        raise InputError("is not a valid gzip file (it is empty: zero bytes)")


@dataclass
class Record:
    """One document read from a file: its text and where it came from.

    For JSONL, ``fields`` keeps the other fields of the line, ``line`` its number and ``source`` the line
    as it was read, which the output is made from (:func:`dump_jsonl_record`).
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] | None = None
    line: int | None = None
    error: str | None = None
    source: str | None = None


def parse_jsonl_line(
    raw: str, number: int, *, text_field: str = "text", html_field: str | None = None
) -> Record | None:
    """One JSONL line as a Record (``error`` set when it is unusable), or None for a blank line."""
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Record("", line=number, error=f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
    except ValueError as exc:  # a number of over 4,300 digits: Python's guard against slow conversion
        return Record("", line=number, error=f"line {number}: JSON that cannot be read ({exc})")
    except RecursionError:  # arrays or objects nested thousands deep
        return Record("", line=number, error=f"line {number}: JSON nested too deeply to read")
    if not isinstance(obj, dict):
        return Record("", line=number, error=f"line {number}: {_json_kind(obj)}, not a JSON object")
    meta: dict[str, Any] = {}
    value = obj.get(text_field)
    if html_field and isinstance(obj.get(html_field), str) and not isinstance(value, str):
        from textmend.html import html_to_text

        value, meta = html_to_text(obj[html_field], url=obj.get("url"))
    if value is None and text_field not in obj:
        return Record("", line=number, error=f"line {number}: no {text_field!r} field{_fields_hint(obj)}")
    if not isinstance(value, str):
        return Record(
            "", line=number, error=f"line {number}: field {text_field!r} is {_json_kind(value)}, not a string"
        )
    return Record(value, meta=meta, fields=obj, line=number, source=raw)


def _fields_hint(obj: dict[str, Any]) -> str:
    """The fields of a record that has no text field, for the message: a file whose text is in 'body'
    gave 'no 'text' field' on every line, with no word of --text-field or of what the lines hold."""
    strings = [k for k, v in obj.items() if isinstance(v, str)]
    if not strings:
        return ""
    shown = ", ".join(repr(k) for k in strings[:8]) + (", …" if len(strings) > 8 else "")
    return f" (text fields here: {shown}; --text-field names the one to clean)"


def _json_kind(value: Any) -> str:
    """What a parsed JSON value is, in JSON's words: 'a number', 'an array', 'null' ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def iter_jsonl(text: str, *, text_field: str = "text", html_field: str | None = None) -> Iterator[Record]:
    """Records of a JSONL text; a bad line yields a Record with ``error`` set (and is not cleaned)."""
    # "\n" only: JSON strings may hold U+2028 and other characters ``str.splitlines`` breaks at.
    for number, raw in enumerate(text.split("\n"), start=1):
        record = parse_jsonl_line(raw, number, text_field=text_field, html_field=html_field)
        if record is not None:
            yield record


def dump_jsonl_record(record: Record, text: str, meta: dict[str, Any], *, text_field: str) -> str:
    """One output line: the input's fields, the cleaned text, and textmend's metadata under ``textmend``.

    The line is the input line with the values of those two fields replaced (or added at the end), every
    other field kept as it was written: a number that Python reads as a float went back as Python writes
    it (``1e999`` as ``Infinity``, which is not JSON; ``1.10`` as ``1.1``; ``-0`` as ``0``), and an escape
    as its character.  A record built without its line is written from its fields."""
    values = {text_field: json_line(text), "textmend": json_line(meta)}
    if record.source is not None:
        spliced = _splice_members(record.source, values)
        if spliced is not None:
            return spliced + "\n"
    obj = dict(record.fields or {})
    obj[text_field] = text
    obj["textmend"] = meta
    return json_line(obj) + "\n"


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # the C scanner: (value, end) at an index


def _splice_members(line: str, values: dict[str, str]) -> str | None:
    """The JSON object on ``line`` with the value of each member named in ``values`` replaced by the JSON
    text given (its last occurrence, the one a JSON reader keeps), the members it lacks added at the end,
    everything else as it was written; None when the line is not one object (the caller writes the
    parsed fields instead).  The walk is over the top-level members only, each value skipped by the json
    module's C scanner: no per-character Python loop."""
    i = _JSON_SPACE.match(line).end()  # type: ignore[union-attr]
    if line[i : i + 1] != "{":
        return None
    begin = i
    spans: dict[str, tuple[int, int]] = {}
    i = _JSON_SPACE.match(line, i + 1).end()  # type: ignore[union-attr]
    members = line[i : i + 1] != "}"
    last = begin + 1  # where the last member's value ends: what is added goes there
    try:
        while members:
            if line[i : i + 1] != '"':
                return None
            key, i = json.decoder.scanstring(line, i + 1)  # type: ignore[attr-defined]
            i = _JSON_SPACE.match(line, i).end()  # type: ignore[union-attr]
            if line[i : i + 1] != ":":
                return None
            start = _JSON_SPACE.match(line, i + 1).end()  # type: ignore[union-attr]
            _, end = _SCAN(line, start)
            if key in values:
                spans[key] = (start, end)
            last = end
            i = _JSON_SPACE.match(line, end).end()  # type: ignore[union-attr]
            if line[i : i + 1] == "}":
                break
            if line[i : i + 1] != ",":
                return None
            i = _JSON_SPACE.match(line, i + 1).end()  # type: ignore[union-attr]
    except (StopIteration, ValueError, RecursionError):
        return None
    if line[i + 1 :].strip(" \t\n\r"):
        return None  # something after the object
    parts: list[str] = []
    at = begin
    for start, end, key in sorted((s, e, k) for k, (s, e) in spans.items()):
        parts += [line[at:start], values[key]]
        at = end
    parts.append(line[at:last])
    added = [f"{json_line(key)}: {value}" for key, value in values.items() if key not in spans]
    if added:
        parts.append((", " if members else "") + ", ".join(added))
    parts.append("}")
    return "".join(parts)


#: A UTF-16 surrogate: in a Python string only alone (JSON's "\ud800" gives one), which UTF-8 cannot carry.
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False)`` that can always be written as UTF-8: a lone surrogate (read
    from a JSON escape such as "\\ud800", in any field) is written back as that escape, which JSON allows
    and reads back as the same string.  Written raw, it stopped the whole run at the write
    (UnicodeEncodeError), losing the files after it."""
    line = json.dumps(obj, ensure_ascii=False)
    if _SURROGATE.search(line) is None:
        return line
    return _SURROGATE.sub(_escape_surrogate, line)


def _escape_surrogate(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def writable(text: str) -> str:
    """``text`` with each lone surrogate made U+FFFD, for output that is read, not parsed (a diff, the
    HTML report): UTF-8 cannot carry them."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def with_bom(text: str, encoding: str) -> str:
    """The text to write for a document read as ``encoding``: a UTF-8 file that began with a byte order
    mark is written with it again (it was dropped, and tools that read a file by its BOM, or compare
    bytes, saw a change cleaning did not make).  UTF-16 and UTF-32 files are written as UTF-8, whose BOM
    they did not have."""
    return "\ufeff" + text if encoding == "utf-8-sig" else text


def atomic_write(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one.

    ``durable``: the data is flushed to the disk (``fsync``) before the rename, so that a power loss
    does not leave an empty file where the old one was.  That is for a file whose old version is the
    only copy (a file rewritten in place); an output textmend makes from an input that stays can be
    made again, and skips it (``durable=False``): the ``fsync`` was most of the time of a small file
    (8 ms of 10 on this machine), and a crash, not a power loss, leaves such a file whole either way.

    A path that is no regular file (``--out /dev/stdout``, ``/dev/null``, a named pipe, or a link to
    one) is written to, not replaced: the rename put a regular file where the device or its link was
    (as root, ``/dev/stdout`` itself, and nothing reached the terminal)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if written_through(path):
        # Appended, as '>>' does: a shell's output file was truncated by the open, what it held lost.
        with path.open("ab") as fh:
            fh.write(payload)
        return
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def written_through(path: Path) -> bool:
    """Whether :func:`atomic_write` writes to ``path`` rather than renaming a new file over it: a device,
    a pipe or a socket, or a file reached by way of ``/dev/stdout``, ``/dev/fd/N`` or ``/proc/PID/fd/N``
    (the standard output of a shell redirected to a file: a rename replaced the link, not the file)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        return True
    hop = str(path.absolute())
    for _ in range(40):  # the links one by one: realpath() reads /proc/self/fd/1 as the file it is open on
        if _OPEN_FILE_LINK.match(hop):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.join(os.path.dirname(hop), os.readlink(hop))
    return False


_OPEN_FILE_LINK = re.compile(r"/(?:dev/(?:stdout|stderr|fd/\d+)|proc/[^/]+/fd/\d+)\Z")


def temp_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (so the final rename is atomic), after removing the ones
    an earlier run killed while writing ``path`` left behind (only textmend makes names of this shape).

    The file gets the permissions ``path`` will keep: those of the file it replaces (a file rewritten in
    place stays as readable as it was), else the usual ones for a new file (0666 less the umask), not
    the owner-only 0600 of :func:`tempfile.mkstemp`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in _stale_temps(path.parent).pop(path.name, ()):
        try:
            os.unlink(os.path.join(path.parent, stale))
        except OSError:
            pass
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass  # a filesystem without modes (some network and FAT mounts): keep what it gave
    return fd, tmp


#: The temporary files found in each folder when this process first wrote there, by the name of the
#: file each was to become (:func:`_stale_temps`).
_STALE: dict[str, dict[str, list[str]]] = {}
#: A name :func:`temp_beside` makes: ".NAME." + mkstemp's random letters, digits or "_" + ".tmp".
_TEMP_NAME = re.compile(r"\.(.+)\.[^.]+\.tmp", re.DOTALL)


def _stale_temps(folder: Path) -> dict[str, list[str]]:
    """The temporary files in ``folder`` when this process first wrote there, by the file each was to
    become: a run's first write to a folder lists it once.  (Each write globbed the folder for its own
    name, which read the whole folder every time: 10,000 files written to one folder read 50 million
    names.)  Only the process that writes a file removes the temporary files for its name, so a
    temporary file another worker is writing now is never taken for a stale one.
    :func:`forget_stale_temps` starts again, at the start of a run."""
    key = os.fspath(folder)
    found = _STALE.get(key)
    if found is None:
        found = {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    m = _TEMP_NAME.fullmatch(entry.name)
                    if m is not None:
                        found.setdefault(m.group(1), []).append(entry.name)
        except OSError:
            pass
        _STALE[key] = found
    return found


def forget_stale_temps() -> None:
    """Forget the folders listed by :func:`_stale_temps` (a new run looks at them again)."""
    _STALE.clear()


@functools.cache
def _umask() -> int:
    """The process's umask (read by setting it and putting it back, once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def display_path(path: Path | str) -> str:
    """A path as text that can always be printed and written as UTF-8, on one line: bytes of a file name
    that are not UTF-8, and control characters (a line feed in a name would split the one-line message
    ``textmend: PATH: what is wrong`` in two), show as backslash escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace").translate(_CONTROL_ESCAPES)


#: C0 controls and DEL, as Python writes them in a string: "\\n", "\\t", "\\x1b".
_CONTROL_ESCAPES = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F)}


def backup(path: Path, suffix: str = ".orig") -> Path:
    """Copy ``path`` beside itself before it is rewritten, and return the copy.

    ``FILE.orig``, the first backup, is the true original and is never replaced.  A file rewritten again
    after it changed (edited by hand since, or cleaned before with other settings) has that version kept
    too, as ``FILE.orig.1``, ``FILE.orig.2`` ...: a rewrite never loses a version no backup holds.
    """
    target = path.with_name(path.name + suffix)
    n = 0
    while target.exists():
        if filecmp.cmp(path, target, shallow=False):
            return target  # this version is saved already
        n += 1
        target = path.with_name(f"{path.name}{suffix}.{n}")
    shutil.copy2(path, target)
    _flush_to_disk(target)  # the file is rewritten next, made durable: the original must be too
    return target


def _flush_to_disk(path: Path) -> None:
    """``fsync`` a file just written, so that a power loss cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
