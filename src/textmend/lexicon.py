"""English word and word-pair counts shared by the stages (despin, words).

The counts are the frequency lists that ship inside the installed symspellpy package
(``frequency_dictionary_en_82_765.txt``: 82,765 words; ``frequency_bigramdictionary_en_243_342.txt``:
242,342 pairs).  Nothing is downloaded.  They are read once per process, on first use, and shared, so a
pipeline with several stages that need them pays the load (about 0.4 s) and the memory once.
"""

from __future__ import annotations

import functools
from importlib.resources import files

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


@functools.cache
def unigrams() -> dict[str, int]:
    """Word -> count (a word listed twice keeps its larger count)."""
    counts: dict[str, int] = {}
    with (files("symspellpy") / UNIGRAM_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                counts[parts[0]] = max(counts.get(parts[0], 0), int(parts[1]))
    return counts


@functools.cache
def bigrams() -> dict[str, int]:
    """Word pair -> count, keyed by :func:`pair` ("first second"; a pair listed twice keeps its larger
    count).  One string per pair rather than a tuple of two: 32 MB per process instead of 63 MB, and every
    worker process holds a copy."""
    counts: dict[str, int] = {}
    with (files("symspellpy") / BIGRAM_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                key = pair(parts[0], parts[1])
                counts[key] = max(counts.get(key, 0), int(parts[2]))
    return counts


def pair(first: str, second: str) -> str:
    """The :func:`bigrams` key of a word pair."""
    return f"{first} {second}"
