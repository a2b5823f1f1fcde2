"""Reading bytes of any encoding, JSONL records, atomic writes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from textmend.io import InputError, atomic_write, backup, decode_bytes, format_of, iter_jsonl

NEWS = "Le président a déclaré que la réforme était “nécessaire” – et urgente."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NEWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + NEWS.encode("utf-8"), "utf-8-sig"),
        (NEWS.encode("utf-16"), "utf-16"),
        (NEWS.encode("utf-16-le"), "utf-16-le"),
        (NEWS.encode("utf-16-be"), "utf-16-be"),
        (NEWS.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (NEWS, encoding)


def test_latin1_is_read_as_cp1252_superset() -> None:
    text = "Façade, naïve, Zürich: señor Muñoz."
    assert decode_bytes(text.encode("latin-1")) == (text, "cp1252")


def test_cyrillic_single_byte() -> None:
    text = "Президент России прибыл в Пхеньян во вторник, сообщили в Кремле."
    assert decode_bytes(text.encode("cp1251"))[0] == text


def test_undecodable_bytes_never_crash() -> None:
    text, encoding = decode_bytes(b"abc\x81\x8d\x8f\x90\x9d\xff def")
    assert text.startswith("abc") and encoding == "cp1252"


@pytest.mark.parametrize(
    "text",
    [
        "Президент России заявил в четверг, что переговоры «зашли в тупик».\nМосква, 12 мая.\n",
        "Ο πρωθυπουργός δήλωσε την Πέμπτη ότι οι διαπραγματεύσεις συνεχίζονται.\n",
        "北京时间周四，国务院总理在人民大会堂会见了来访的外国代表团。\n",
        "я" * 6 + "Фанаты 😂🔥 " * 800,  # the 8 KB read for detection ends inside a surrogate pair
    ],
    ids=["cyrillic", "greek", "chinese", "emoji"],
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_other_scripts(text: str, encoding: str) -> None:
    """Only ASCII characters have a NUL byte in UTF-16 of these scripts: too few for the NUL count, which
    took such files for binary data."""
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_utf8_cut_inside_its_last_character() -> None:
    """A file truncated at a byte count: the partial character goes, the rest is read as UTF-8 (it was
    read as cp1252, which left a stray 'Ã' at the end)."""
    text = "Das Gespräch über Zölle endete ohne Einigung.\n"
    for cut in ("é", "€", "😂"):
        partial = cut.encode("utf-8")[:-1]
        assert decode_bytes(text.encode("utf-8") + partial) == (text, "utf-8")
    # ASCII before the last byte: that byte may be a Latin-1 letter, so detection decides as before.
    assert decode_bytes("Café".encode("latin-1")) == ("Café", "cp1252")


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    # Even-length blobs that decode as UTF-16 without a control character ("\x00\x01" is 'Ā').
    for blob in (bytes(range(256)) * 4, b"\x00\x01\x02binary\x00", b"\x00\x01"):
        with pytest.raises(InputError, match="binary"):
            decode_bytes(blob)


def test_formats() -> None:
    assert format_of(Path("a/b.TXT")) == "text"
    assert format_of(Path("x.html.gz")) == "html"
    assert format_of(Path("x.jsonl")) == "jsonl"
    assert format_of(Path("x.pdf")) is None


def test_jsonl_records_and_errors() -> None:
    text = '{"text": "a", "id": 1}\nnot json\n[1]\n{"id": 2}\n{"text": 5}\n\n{"text": "b"}\n'
    records = list(iter_jsonl(text))
    assert [r.text for r in records if not r.error] == ["a", "b"]
    errors = [r.error for r in records if r.error]
    assert errors[0].startswith("line 2: not valid JSON")
    assert errors[1].startswith("line 3: an array, not a JSON object")
    assert errors[2] == "line 4: no 'text' field"
    assert errors[3] == "line 5: field 'text' is a number, not a string"


def test_jsonl_lines_end_only_at_newlines() -> None:
    """JSON strings may hold U+2028, U+0085 and other characters ``str.splitlines`` would break at."""
    text = '{"text": "a\u2028b\u0085c"}\r\n{"text": "d"}\n'
    assert [(r.line, r.text) for r in iter_jsonl(text)] == [(1, "a\u2028b\u0085c"), (2, "d")]


def test_atomic_write_and_backup(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    atomic_write(target, "one")
    assert target.read_text() == "one"
    saved = backup(target)
    atomic_write(target, "two")
    backup(target)  # a second backup keeps the first original
    assert saved.read_text() == "one" and target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []
