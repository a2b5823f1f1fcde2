"""English word and word-pair counts shared by the stages (despin, words).

The counts are the frequency lists that ship inside the installed symspellpy package
(``frequency_dictionary_en_82_765.txt``: 82,765 words; ``frequency_bigramdictionary_en_243_342.txt``:
242,342 pairs).  Nothing is downloaded.  They are read once per process, on first use, and shared, so a
pipeline with several stages that need them pays the load (about 0.4 s) and the memory once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, ValuesView
from importlib.resources import files
from typing import Any

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


class PairCounts(Mapping[tuple[str, str], int]):
    """(first, second) -> count, stored as one "first second" string key per pair.

    A dict of 242,342 tuples of two fresh strings takes about 63 MB of memory per process; one string per
    pair about 32 MB.  Every worker process holds one, so the difference counts once per worker.
    """

    __slots__ = ("_counts",)

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getitem__(self, pair: tuple[str, str]) -> int:
        return self._counts[f"{pair[0]} {pair[1]}"]

    def get(self, pair: tuple[str, str], default: Any = None) -> Any:  # type: ignore[override]
        return self._counts.get(f"{pair[0]} {pair[1]}", default)

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, tuple) and len(pair) == 2 and f"{pair[0]} {pair[1]}" in self._counts

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for key in self._counts:
            first, second = key.split(" ")
            yield first, second

    def __len__(self) -> int:
        return len(self._counts)

    def values(self) -> ValuesView[int]:  # type: ignore[override]
        return self._counts.values()


@functools.cache
def bigrams() -> PairCounts:
    """(first, second) -> count (a pair listed twice keeps its larger count)."""
    counts: dict[str, int] = {}
    with (files("symspellpy") / BIGRAM_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                key = f"{parts[0]} {parts[1]}"
                counts[key] = max(counts.get(key, 0), int(parts[2]))
    return PairCounts(counts)
