"""English word and word-pair counts shared by the stages (despin, words).

The counts are the frequency lists that ship inside the installed symspellpy package
(``frequency_dictionary_en_82_765.txt``: 82,765 words; ``frequency_bigramdictionary_en_243_342.txt``:
242,342 pairs).  Nothing is downloaded.  They are read once per process, on first use, and shared, so a
pipeline with several stages that need them pays the load (about 0.4 s) and the memory once.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


@functools.cache
def unigrams() -> dict[str, int]:
    """Word -> count (a word listed twice keeps its larger count)."""
    with (files("symspellpy") / UNIGRAM_FILE).open(encoding="utf-8") as fh:
        return read_counts(fh.read(), 1)


@functools.cache
def bigrams() -> dict[str, int]:
    """Word pair -> count, keyed by :func:`pair` ("first second"; a pair listed twice keeps its larger
    count).  One string per pair rather than a tuple of two: 32 MB per process instead of 63 MB, and every
    worker process holds a copy."""
    with (files("symspellpy") / BIGRAM_FILE).open(encoding="utf-8") as fh:
        return read_counts(fh.read(), 2)


#: A line of ``words`` words and a count, as symspellpy writes them: the whole file in one regex pass.
_ROWS = {n: re.compile(r"^(\S+" + r" \S+" * (n - 1) + r") ([0-9]+)\n", re.M) for n in (1, 2)}


def read_counts(data: str, words: int) -> dict[str, int]:
    """The counts of a frequency list: lines of ``words`` words (joined by one space, as :func:`pair`
    keys them) and a count; other lines are skipped, and a key listed twice keeps its larger count.

    Where every line is written the plain way (one space between fields, a decimal count: symspellpy's
    files), one regex pass reads them all; any other file is read line by line, with the same result
    (``tests/test_lexicon.py``).  A third of the time of reading line by line."""
    if not data.endswith("\n"):
        data += "\n"
    if words in _ROWS:
        # Each match is one whole line, so as many keys as lines means every line was read and no key was
        # listed twice.  Matches are consumed one by one: a list of all of them (findall) held 40 MB more
        # at the peak, which the process kept.
        counts = {m[1]: int(m[2]) for m in _ROWS[words].finditer(data)}
        if len(counts) == data.count("\n"):
            return counts
    counts = {}
    for line in data.split("\n"):
        parts = line.split()
        if len(parts) == words + 1:
            key = " ".join(parts[:words])
            counts[key] = max(counts.get(key, 0), int(parts[words]))
    return counts


def pair(first: str, second: str) -> str:
    """The :func:`bigrams` key of a word pair."""
    return f"{first} {second}"
