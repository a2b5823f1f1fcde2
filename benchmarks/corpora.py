"""The clean reference news the benchmarks read: the AEB gold article bodies and the RealNews texts from
``../shared/data`` (see its README), as ``(name, text)`` pairs.  A script adds its own seeds."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def reference_news(sep: str = ":") -> list[tuple[str, str]]:
    """The AEB gold bodies (``aeb{sep}N``) and the RealNews texts (``{file stem}{sep}N``), in that order,
    blank lines and empty texts left out; none when the data is missing."""
    docs: list[tuple[str, str]] = []
    aeb = DATA / "aeb" / "aeb_pages_text.jsonl"
    if aeb.is_file():
        for i, line in enumerate(aeb.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                body = json.loads(line).get("gold_article_body") or ""
                if body.strip():
                    docs.append((f"aeb{sep}{i}", body))
    for path in sorted((DATA / "realnews").glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str) and text.strip():
                    docs.append((f"{path.stem}{sep}{i}", text))
    return docs
