"""Reading and writing documents: bytes to text, file formats, atomic writes and backups.

Nothing here changes text; it only gets it in and out.  Every problem becomes an :class:`InputError`
whose message names what is wrong in plain words; the caller adds the path.
"""

from __future__ import annotations

import codecs
import filecmp
import functools
import glob
import gzip
import json
import os
import re
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes into text, returning ``(text, encoding)``; never fails on text of any encoding.

    Order: a BOM; UTF-16 without a BOM (any script); strict UTF-8 (or UTF-8 cut inside its last
    character, which is dropped); then charset detection (charset-normalizer), falling back to cp1252,
    which maps every byte.  Binary data (NUL bytes that are not UTF-16) raises :class:`InputError`.

    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break  # bytes that only look like a BOM ("ï»¿" in cp1252): detect below
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
        # NUL is valid UTF-8, but no text file holds one: this is binary data.
        raise InputError("looks like a binary file (it has NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        cut = _truncated_utf8(data, exc)
        if cut is not None:
            return cut, "utf-8"
    return _detect(data)


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


#: Encodings that charset detection may pick for news; the cp1252 fallback covers Latin-1 too.
_PLAUSIBLE = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "cp1257",
    "shift_jis",
    "cp932",
    "euc_jp",
    "gb2312",
    "gb18030",
    "gbk",
    "big5",
    "euc_kr",
    "cp949",
    "mac_roman",
}


_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
_MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "gb2312", "gb18030", "gbk", "big5", "euc_kr", "cp949"}
#: Bytes cp1252 leaves undefined; "sloppy" cp1252 (as ftfy calls it) takes them as Latin-1.
_CP1252_HOLES = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])


def _sloppy_cp1252(data: bytes) -> str:
    """cp1252 for every byte it defines, Latin-1 for the five it does not: decodes any byte string."""
    if not any(b in _CP1252_HOLES for b in data):
        return data.decode("cp1252")
    return "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in data)


def _detect(data: bytes) -> tuple[str, str]:
    """Not UTF-8: ask charset-normalizer; prefer cp1252 (a superset of Latin-1's printable range) when the
    guess reads the same, or when a multi-byte guess rests on too few non-ASCII bytes to be believed."""
    fallback = _sloppy_cp1252(data)
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data))
    except Exception:
        matches = []
    best = matches[0] if matches else None
    if best is None or best.encoding not in _PLAUSIBLE:
        return fallback, "cp1252"
    # On short texts several code pages tie; a tie with a Western one goes to cp1252.
    if any(
        m.encoding in _WESTERN and m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01
        for m in matches
    ):
        return fallback, "cp1252"
    high = sum(1 for b in data if b >= 0x80)
    if best.encoding in _MULTIBYTE and high < 16:
        return fallback, "cp1252"
    try:
        guess = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return fallback, "cp1252"
    if guess == fallback:
        return fallback, "cp1252"
    return guess, best.encoding


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

    For JSONL, ``fields`` keeps the other fields of the line, and ``line`` its number.
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] | None = None
    line: int | None = None
    error: str | None = None


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
    if not isinstance(obj, dict):
        return Record("", line=number, error=f"line {number}: {_json_kind(obj)}, not a JSON object")
    meta: dict[str, Any] = {}
    value = obj.get(text_field)
    if html_field and isinstance(obj.get(html_field), str) and not isinstance(value, str):
        from textmend.html import html_to_text

        value, meta = html_to_text(obj[html_field], url=obj.get("url"))
    if value is None and text_field not in obj:
        return Record("", line=number, error=f"line {number}: no {text_field!r} field")
    if not isinstance(value, str):
        return Record(
            "", line=number, error=f"line {number}: field {text_field!r} is {_json_kind(value)}, not a string"
        )
    return Record(value, meta=meta, fields=obj, line=number)


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
    """One output line: the input's fields, the cleaned text, and textmend's metadata under ``textmend``."""
    obj = dict(record.fields or {})
    obj[text_field] = text
    obj["textmend"] = meta
    return json.dumps(obj, ensure_ascii=False) + "\n"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def temp_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (so the final rename is atomic), after removing the ones
    an earlier run killed while writing ``path`` left behind (only textmend makes names of this shape).

    The file gets the permissions ``path`` will keep: those of the file it replaces (a file rewritten in
    place stays as readable as it was), else the usual ones for a new file (0666 less the umask), not
    the owner-only 0600 of :func:`tempfile.mkstemp`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            stale.unlink()
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


@functools.cache
def _umask() -> int:
    """The process's umask (read by setting it and putting it back, once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def display_path(path: Path) -> str:
    """A path as text that can always be printed and written as UTF-8: bytes of a file name that are not
    UTF-8 show as backslash escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


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
    return target
