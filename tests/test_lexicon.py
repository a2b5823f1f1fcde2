"""The shared word and word-pair counts: the one-pass reader gives what reading line by line gave."""

from __future__ import annotations

from importlib.resources import files

import pytest

from textmend import lexicon


def line_by_line(data: str, words: int) -> dict[str, int]:
    """The reader before session 9: each line split on white space, a key listed twice keeps the larger."""
    counts: dict[str, int] = {}
    for line in data.split("\n"):
        parts = line.split()
        if len(parts) == words + 1:
            key = " ".join(parts[:words])
            counts[key] = max(counts.get(key, 0), int(parts[words]))
    return counts


@pytest.mark.parametrize(("name", "words"), [(lexicon.UNIGRAM_FILE, 1), (lexicon.BIGRAM_FILE, 2)])
def test_shipped_lists_read_as_line_by_line(name: str, words: int) -> None:
    data = (files("symspellpy") / name).read_text(encoding="utf-8")
    got = lexicon.read_counts(data, words)
    want = line_by_line(data, words)
    assert got == want
    assert list(got) == list(want)  # the same order too
    assert len(got) > 80_000


@pytest.mark.parametrize(
    "data",
    [
        "",
        "the 10\nof 5\n",
        "the 10\nof 5",  # no line end at the end
        "the 10\nthe 30\nthe 20\n",  # listed twice: the larger count
        "the\t10\nof  5\n",  # other white space
        "the 10\n\nof 5\n",  # a blank line
        "the 10\nodd line here 3\nof 5\n",  # a line of another shape is skipped
        "caf\u00e9 7\nna\u00efve 2\n",
        "a\u0085b 4\nof 5\n",  # a character str.split takes for a space
        "of the 9\nin the 8\nof the 12\n",
    ],
)
@pytest.mark.parametrize("words", [1, 2])
def test_read_counts_matches_line_by_line(data: str, words: int) -> None:
    assert lexicon.read_counts(data, words) == line_by_line(data, words)
    assert list(lexicon.read_counts(data, words)) == list(line_by_line(data, words))


def test_pair_keys() -> None:
    assert lexicon.pair("of", "the") in lexicon.bigrams()
