"""Finding and reading rule files.

Rules are data, kept in the top-level ``rules/`` folder of the project and shipped inside the wheel as
``textmend/rules`` (see ``pyproject.toml``).  Code never hard-codes a phrase list; it asks for a file here.
Rule files are UTF-8 text: ``#`` starts a comment line, blank lines are ignored, and the header names the
file's source and licence.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and line."""


#: Environment variable naming a rules folder to use instead of the shipped one (set by ``--rules``;
#: an environment variable so that worker processes see it too).
RULES_ENV = "TEXTMEND_RULES"


@functools.cache
def rules_root() -> Traversable:
    """The rules folder: ``$TEXTMEND_RULES`` if set, else the one inside the installed package, else the
    checkout's ``rules/`` when run from source."""
    override = os.environ.get(RULES_ENV)
    if override:
        path = Path(override)
        if not path.is_dir():
            raise RuleError(f"{override}: the rules folder given in ${RULES_ENV} does not exist")
        return path
    packaged = files("textmend") / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleError("textmend: cannot find the rules folder (neither packaged nor in the checkout)")


def rules_path(*parts: str) -> Traversable:
    """A file or folder below the rules root, e.g. ``rules_path("boilerplate", "phrases.txt")``."""
    node = rules_root()
    for part in parts:
        node = node / part
    return node


def read_rule_lines(path: Traversable | Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` for each non-blank, non-comment line, right-stripped of newlines."""
    text = path.read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line


def read_tsv(path: Traversable | Path, *, columns: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, fields)`` of a tab-separated rule file, checking the column count."""
    for number, line in read_rule_lines(path):
        fields = line.split("\t")
        if columns is not None and len(fields) != columns:
            raise RuleError(f"{path}:{number}: expected {columns} tab-separated fields, found {len(fields)}")
        yield number, fields


def read_token_set(*parts: str, pattern: str, what: str, noun: str) -> frozenset[str]:
    """A rule file of one token a line (a ``#`` starts a comment), checked: every token fully matches
    ``pattern``, none is listed twice, and the file is not empty.  Errors name the file and line:
    ``words/list.txt:3: duplicate word 'foo'``, ``...: 'Foo' is not a lower-case word``.
    """
    import re

    where = "/".join(parts)
    tokens: set[str] = set()
    for number, line in read_rule_lines(rules_path(*parts)):
        token = line.split("#", 1)[0].strip()
        if not re.fullmatch(pattern, token):
            raise RuleError(f"{where}:{number}: {token!r} is not {what}")
        if token in tokens:
            raise RuleError(f"{where}:{number}: duplicate {noun} {token!r}")
        tokens.add(token)
    if not tokens:
        raise RuleError(f"{where}: no {noun}s")
    return frozenset(tokens)
