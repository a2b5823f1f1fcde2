"""Reading bytes of any encoding, JSONL records, atomic writes."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from textmend.io import InputError, atomic_write, backup, decode_bytes, format_of, iter_jsonl, with_bom

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


def test_text_with_a_stray_nul_is_read_as_text() -> None:
    """A NUL byte or a few in text (a scraper's C string): with ``stray_nuls`` (text files) the text is
    read, the NUL kept for the encoding stage to remove as an edit; the whole file was refused as binary.
    Binary data stays refused: it has other control bytes, or NUL in more than one byte in a hundred."""
    text = "The mayor said it was\x00 fine.\nSecond line here.\n"
    assert decode_bytes(text.encode(), stray_nuls=True) == (text, "utf-8")
    cp1252 = "Café au lait\x00 at the corner, said the owner.\n"
    assert decode_bytes(cp1252.encode("cp1252"), stray_nuls=True) == (cp1252, "cp1252")
    for blob in (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
        bytes(range(256)) * 4,
        b"\x00\x01\x02binary\x00",
        b"\x00" * 8,
        b"\x00",
        b"text padded with zeros" + b"\x00" * 4096,
    ):
        with pytest.raises(InputError, match="binary"):
            decode_bytes(blob, stray_nuls=True)
    with pytest.raises(InputError, match="binary"):
        decode_bytes(text.encode())  # JSONL lines and HTML: still binary


def test_a_utf8_bom_is_written_back() -> None:
    assert with_bom("text", "utf-8-sig") == "\ufefftext"
    for encoding in ("utf-8", "utf-16", "utf-32", "cp1252"):
        assert with_bom("text", encoding) == "text"


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


def test_a_missing_text_field_names_the_fields_there_are() -> None:
    """A file whose text is in 'body': the message says which fields hold text and names --text-field."""
    (record,) = iter_jsonl('{"id": 1, "body": "The text.", "url": "http://x/1", "n": null}\n')
    assert (
        record.error == "line 1: no 'text' field (text fields here: 'body', 'url'; --text-field names the one to clean)"
    )
    many = json.dumps({f"f{i}": "x" for i in range(10)})
    (record,) = iter_jsonl(many, text_field="body")
    assert record.error.endswith("'f6', 'f7', …; --text-field names the one to clean)")


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


JAPANESE = "政府は木曜日、物価高対策として電気・ガス料金の補助を来年三月まで延長すると発表した。"


# Bytes in the code pages news is published in: a few cases per family (benchmarks/decoding.py has them all).
@pytest.mark.parametrize(
    ("text", "codepage", "encoding"),
    [
        ("Prezydent odwiedził w piątek Łódź, gdzie spotkał się z mieszkańcami.", "iso8859_2", "iso8859_2"),
        ("Vláda ve středu schválila návrh rozpočtu na příští rok,", "cp1250", "cp1250"),
        ("A kormány csütörtökön bejelentette, hogy jövő tavasztól", "cp1250", "cp1250"),
        ("Merkez Bankası perşembe günü politika faizini yüzde elliye", "cp1254", "cp1254"),
        ("Правительство в четверг одобрило проект бюджета на следующий год.", "koi8_r", "koi8_r"),
        ("Уряд у середу ухвалив рішення про підвищення мінімальної заробітної плати.", "cp1251", "cp1251"),
        ("Ο πρωθυπουργός ανακοίνωσε την Πέμπτη νέα μέτρα στήριξης.", "cp1253", "cp1253"),
        ("הממשלה אישרה ביום חמישי את תקציב המדינה לשנה הבאה.", "cp1255", "cp1255"),
        ("أعلنت الحكومة يوم الخميس عن خطة جديدة لدعم الأسر ذات الدخل المحدود.", "cp1256", "cp1256"),
        ("Café, “quoted” – and We’d go.", "mac_roman", "mac_roman"),
        (JAPANESE, "euc_jp", "euc_jp"),
        (JAPANESE, "iso2022_jp", "iso2022_jp"),
        (JAPANESE, "shift_jis", "cp932"),  # the superset's name (the same text)
        ("国务院周四召开常务会议，部署进一步扩大内需的措施。", "gb2312", "gb18030"),  # the same
        ("行政院週四通過明年度總預算案，其中社會福利支出增加一成。", "big5", "big5"),
        (
            "정부는 목요일 내년도 예산안을 확정하고 저출산 대책과 청년 주거 지원에 예산을 늘렸다.",
            "euc_kr",
            "cp949",
        ),  # the same
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None,
)
def test_code_pages_of_news(text: str, codepage: str, encoding: str) -> None:
    """Each read as cp1252 before: "odwiedzi³ £ód¼", "CafŽ", "Bankasý perþembe"."""
    assert decode_bytes(text.encode(codepage)) == (text, encoding)


WESTERN = [
    "Zürich, naïve façade, señor Muñoz, São Paulo, Dvořák.",
    "The deal, worth £5m (€6m), closed at 40°C — Apple™ said the 20 km² site “won’t” move…",
    "Itâ€™s here: the â€œfixâ€\x9d is cp1252 mojibake, which the encoding stage repairs.",
    "HÅØYA ER BLÅØYD",
    "Bremer/Mccoy – DrÃ¥ber",
    "Zürich, naïve façade, señor Muñoz, São Paulo, 40°C, £5m, 20 km².",
]


@pytest.mark.parametrize(
    ("text", "codepage"),
    [(t, cp) for t in WESTERN for cp in ("cp1252", "latin-1") if t.encode(cp, errors="ignore").decode(cp) == t],
)
def test_western_text_stays_cp1252(text: str, codepage: str) -> None:
    """Western text, and mojibake saved as cp1252, is not taken for another code page."""
    assert decode_bytes(text.encode(codepage)) == (text, "cp1252")


def test_detection_reads_a_bounded_sample() -> None:
    """A long file without line breaks: detection reads a sample cut inside it, not the whole file."""
    text = JAPANESE * 2000
    assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp")
    western = "Le président a déclaré que la réforme était “nécessaire”. " * 20000
    assert decode_bytes(western.encode("cp1252")) == (western, "cp1252")


def test_decoding_benchmark_does_not_get_worse() -> None:
    """benchmarks/decoding.py on the texts written for it: the exact-recovery rate may only go up
    (126 of 126; 90 of 126 when charset-normalizer's first guess decided)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import decoding

    outcomes = decoding.run(decoding.cases(own_only=True))
    missed = [(o.case.name, o.case.codepage, o.case.length, o.encoding) for o in outcomes if not o.exact]
    assert len(outcomes) == 126
    assert decoding.exact_rate(outcomes) >= 126 / 126, missed


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ('{"id": 1e999, "n": 1.10, "text": "a"}\n', '{"id": 1e999, "n": 1.10, "text": "B", "textmend": {}}\n'),
        (
            '{"text":"a","big":123456789012345678901234567890,"z":-0}\r\n',
            '{"text":"B","big":123456789012345678901234567890,"z":-0, "textmend": {}}\n',
        ),
        (
            '{"u": "caf\\u00e9 \\ud800", "text": "a", "textmend": {"old": 1}}',
            '{"u": "caf\\u00e9 \\ud800", "text": "B", "textmend": {}}\n',
        ),
        (' { "text" : "a" , "x" : [1, {"y": null}] } ', '{ "text" : "B" , "x" : [1, {"y": null}], "textmend": {}}\n'),
        ('{"text": "x", "text": "a"}', '{"text": "x", "text": "B", "textmend": {}}\n'),
    ],
)
def test_a_jsonl_record_is_written_as_it_was_read_but_its_text(line: str, out: str) -> None:
    """Only the text field's value and textmend's are replaced (the last of a key given twice, the one a
    reader keeps); every other field stays as it was written: 1e999 went back as Infinity (not JSON),
    1.10 as 1.1, -0 as 0, escapes as characters."""
    from textmend.io import dump_jsonl_record, parse_jsonl_line

    record = parse_jsonl_line(line, 1)
    assert record is not None and record.error is None and record.text == "a"
    assert dump_jsonl_record(record, "B", {}, text_field="text") == out


def test_a_jsonl_record_without_its_line_is_written_from_its_fields() -> None:
    """An HTML field's text is added after the fields; a record built in code has no line to keep."""
    from textmend.io import Record, dump_jsonl_record, parse_jsonl_line

    record = parse_jsonl_line('{"html": "<p>x</p>", "n": 2.50}', 1, html_field="html")
    assert record is not None
    assert dump_jsonl_record(record, "T", {"a": 1}, text_field="text") == (
        '{"html": "<p>x</p>", "n": 2.50, "text": "T", "textmend": {"a": 1}}\n'
    )
    built = Record("x", fields={"id": 1, "text": "x"})
    assert dump_jsonl_record(built, "y", {}, text_field="text") == '{"id": 1, "text": "y", "textmend": {}}\n'
