"""The clean reference news the benchmarks read: the AEB gold article bodies and the RealNews texts from
``../shared/data`` (see its README), as ``(name, text)`` pairs.  A script adds its own seeds."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def reference_news() -> list[tuple[str, int, str]]:
    """``(source, line, text)``: the AEB gold bodies (source ``aeb``) and the RealNews texts (source: the
    file's stem), ``line`` their 0-based line in their file, in that order; empty texts left out, and
    none when the data is missing."""
    docs: list[tuple[str, int, str]] = []
    aeb = DATA / "aeb" / "aeb_pages_text.jsonl"
    if aeb.is_file():
        for i, line in enumerate(aeb.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                body = json.loads(line).get("gold_article_body") or ""
                if body.strip():
                    docs.append(("aeb", i, body))
    for path in sorted((DATA / "realnews").glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str) and text.strip():
                    docs.append((path.stem, i, text))
    return docs
