"""Stage 'grammar': safe LanguageTool fixes, from a LanguageTool server you run (off by default).

LanguageTool finds many things; few of them can be applied without a human.  This stage sends each
document to a LanguageTool server's ``/v2/check`` API, applies only the matches of the rules listed in
``rules/grammar/safe_rules.txt`` (a/an, repeated words, whitespace, a few agreement rules) and only when
LanguageTool offers exactly one replacement that stays within a line; every other match is reported in
``meta["grammar_suggestions"]`` and the text is left alone.

Talking to the server: the stage posts the form-encoded ``/v2/check`` request itself with ``urllib``.
language_tool_python (installed with textmend) does not download anything when given
``remote_server=`` (checked in its ``server.py``: the download and the Java start happen only for a local
server), but it fixes its request time-out at 300 s (a class constant) and retries twice, so one slow
server would hold a document for ten minutes, and its constructor makes an extra ``/v2/languages``
round trip; a single POST with our own time-out is simpler and keeps to the ``timeout`` option.

Limits, so that a slow or missing server never stops a corpus:

* a document is sent in chunks of at most ``max_chunk_chars`` characters, cut at paragraph, line, then
  sentence or word boundaries (LanguageTool's own default limit is configurable per server);
* the whole document gets ``timeout`` seconds; when the server is slow or down, the stage keeps the
  fixes of the chunks it got, and flags the document in ``meta["grammar_error"]``;
* after ``max_failures`` failed documents in a row the server is considered down for
  ``retry_after`` seconds and documents pass through at once, flagged, instead of each waiting.

Without a URL the stage raises :class:`GrammarUnavailable`, whose message says how to start a server.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from textmend.edits import Edit, StageOutput, apply_edits
from textmend.rules import read_token_set

NAME = "grammar"

#: The environment variable the command line reads the server URL from (``--grammar ''``).
URL_ENV = "TEXTMEND_LANGUAGETOOL_URL"

HOW_TO_START = (
    "the grammar stage needs a LanguageTool server: start one with\n"
    "  docker run --rm -p 8081:8010 erikvl87/languagetool\n"
    "or, from the LanguageTool zip (https://languagetool.org/download/, needs Java),\n"
    "  java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081\n"
    f"then pass --grammar http://localhost:8081 (or set {URL_ENV}=http://localhost:8081)"
)


class GrammarUnavailable(RuntimeError):
    """The grammar stage cannot run: no server URL was given.  The message says how to start one."""


@dataclass(frozen=True)
class Options:
    """Options for the grammar stage."""

    #: Base URL of a LanguageTool server, e.g. ``http://localhost:8081`` (``/v2`` and ``/v2/check`` are
    #: accepted too).  None: the stage raises :class:`GrammarUnavailable`.
    url: str | None = None
    #: Seconds the whole document may take (all its chunks together).
    timeout: float = 10.0
    #: LanguageTool language code.
    language: str = "en-US"
    #: Rule ids whose matches are applied; None: the ids in ``rules/grammar/safe_rules.txt``.
    apply_rules: frozenset[str] | None = None
    #: Longest chunk of text sent in one request.
    max_chunk_chars: int = 20_000
    #: At most this many suggestions per document are listed in ``meta["grammar_suggestions"]``.
    max_suggestions: int = 100
    #: After this many failed documents in a row, skip the server for ``retry_after`` seconds.
    max_failures: int = 3
    retry_after: float = 60.0
    #: Rule ids switched off: never applied (still reported).
    disabled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("grammar.timeout must be positive")
        if self.max_chunk_chars < 100:
            raise ValueError("grammar.max_chunk_chars must be at least 100")
        if self.apply_rules is not None:
            object.__setattr__(self, "apply_rules", frozenset(self.apply_rules))
        object.__setattr__(self, "disabled", frozenset(self.disabled))


@functools.cache
def safe_rules() -> frozenset[str]:
    """The LanguageTool rule ids in ``rules/grammar/safe_rules.txt`` (read once)."""
    return read_token_set(
        "grammar", "safe_rules.txt", pattern=r"[A-Z][A-Z0-9_]*", what="a LanguageTool rule id", noun="rule"
    )


def check_url(url: str) -> str:
    """The ``/v2/check`` endpoint of a server URL.

    >>> check_url("http://localhost:8081")
    'http://localhost:8081/v2/check'
    >>> check_url("localhost:8081/v2/")
    'http://localhost:8081/v2/check'
    """
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    url = url.rstrip("/")
    if url.endswith("/v2/check"):
        return url
    if url.endswith("/v2"):
        return url + "/check"
    return url + "/v2/check"


# ------------------------------------------------------------------------------------------ chunks


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, chunk)`` pieces of at most ``limit`` characters, preferring paragraph,
    then line, then sentence, then word boundaries.  The pieces put together give back ``text``.

    >>> chunks("one two. three", 9)
    [(0, 'one two. '), (9, 'three')]
    """
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (r"\n\s*\n", r"\n", r"[.!?][\"')\u201d\u2019]*\s+", r"\s+"):
            ends = [m.end() for m in re.finditer(pattern, window)]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        if cut == 0:
            cut = limit
        out.append((start, text[start : start + cut]))
        start += cut
    if start < len(text) or not out:
        out.append((start, text[start:]))
    return out


def _utf16_to_index(chunk: str) -> list[int] | None:
    """LanguageTool (Java) counts offsets in UTF-16 code units: a map to Python indices, or None when the
    two agree (no character outside the Basic Multilingual Plane, e.g. no emoji)."""
    if all(ord(c) < 0x10000 for c in chunk):
        return None
    table: list[int] = []
    for i, c in enumerate(chunk):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)  # the low surrogate points at the same character
    table.append(len(chunk))
    return table


# ------------------------------------------------------------------------------------------ server


class ServerError(Exception):
    """One request failed (time-out, refused connection, HTTP error, bad JSON)."""


def post_check(url: str, text: str, language: str, timeout: float) -> dict[str, Any]:
    """One ``/v2/check`` request; returns the parsed JSON answer or raises :class:`ServerError`."""
    # Imported here: every run builds this stage's options, few talk to a server (urllib.request, with
    # http.client, ssl and email, was a tenth of textmend's import time).
    import urllib.error
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"language": language, "text": text}).encode("utf-8")
    request = urllib.request.Request(
        check_url(url),
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise ServerError(f"HTTP {exc.code} from {check_url(url)}: {detail}") from None
    except (TimeoutError, OSError) as exc:  # URLError is an OSError; socket.timeout is TimeoutError
        reason = getattr(exc, "reason", exc)
        raise ServerError(f"cannot reach LanguageTool at {check_url(url)}: {reason}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServerError(f"LanguageTool at {check_url(url)} did not answer JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise ServerError(f"LanguageTool at {check_url(url)} answered without a 'matches' list")
    return data


class _Health:
    """Per-server count of failed documents in a row, so a dead server is skipped, not waited on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.failures: dict[str, int] = {}
        self.down_until: dict[str, float] = {}

    def skip_reason(self, url: str) -> str | None:
        with self.lock:
            until = self.down_until.get(url, 0.0)
            if time.monotonic() < until:
                return f"LanguageTool at {url} failed repeatedly; not asked again for {until - time.monotonic():.0f} s"
            return None

    def record(self, url: str, ok: bool, options: Options) -> None:
        with self.lock:
            if ok:
                self.failures[url] = 0
                self.down_until.pop(url, None)
                return
            self.failures[url] = self.failures.get(url, 0) + 1
            if self.failures[url] >= options.max_failures:
                self.down_until[url] = time.monotonic() + options.retry_after
                self.failures[url] = 0

    def reset(self) -> None:
        with self.lock:
            self.failures.clear()
            self.down_until.clear()


HEALTH = _Health()


# ------------------------------------------------------------------------------------------- stage


def _suggestion(match: dict[str, Any], start: int, end: int, text: str) -> dict[str, Any]:
    rule = match.get("rule") or {}
    return {
        "rule": rule.get("id", "?"),
        "category": (rule.get("category") or {}).get("id", "?"),
        "message": match.get("message", ""),
        "start": start,
        "end": end,
        "text": text[start:end],
        "replacements": [r.get("value", "") for r in (match.get("replacements") or [])[:3]],
    }


def apply(text: str, options: Options) -> StageOutput:
    """Apply the safe LanguageTool fixes to ``text``; report the rest.

    Raises :class:`GrammarUnavailable` when ``options.url`` is not set; never raises for a server that is
    slow, down or answering nonsense (the document is flagged in ``meta["grammar_error"]`` instead).
    """
    if not options.url:
        raise GrammarUnavailable(HOW_TO_START)
    if not text.strip():
        return StageOutput(text, [], {})
    url = options.url
    skip = HEALTH.skip_reason(url)
    if skip:
        return StageOutput(text, [], {"grammar_error": skip})
    applicable = (options.apply_rules if options.apply_rules is not None else safe_rules()) - options.disabled
    deadline = time.monotonic() + options.timeout
    edits: list[Edit] = []
    suggestions: list[dict[str, Any]] = []
    error: str | None = None
    pieces = chunks(text, options.max_chunk_chars)
    for n, (offset, chunk) in enumerate(pieces):
        if not chunk.strip():
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            error = f"timed out after {options.timeout:g} s; {n} of {len(pieces)} chunks checked"
            break
        try:
            answer = post_check(url, chunk, options.language, remaining)
        except ServerError as exc:
            error = f"{exc} ({n} of {len(pieces)} chunks checked)"
            break
        table = _utf16_to_index(chunk)
        for match in answer["matches"]:
            try:
                s, length = int(match["offset"]), int(match["length"])
            except (KeyError, TypeError, ValueError):
                continue
            if table is not None:
                if not (0 <= s and 0 <= length and s + length < len(table)):
                    continue
                s, e = table[s], table[s + length]
            else:
                e = s + length
            if not 0 <= s <= e <= len(chunk):
                continue
            start, end = offset + s, offset + e
            rule = str((match.get("rule") or {}).get("id", ""))
            values = [r.get("value") for r in (match.get("replacements") or []) if isinstance(r, dict)]
            before = text[start:end]
            if (
                rule in applicable
                and len(values) == 1
                and isinstance(values[0], str)
                and values[0] != before
                and "\n" not in before
                and "\n" not in values[0]
            ):
                edits.append(Edit(NAME, rule, start, end, before, values[0], str(match.get("message", rule))))
            elif len(suggestions) < options.max_suggestions:
                suggestions.append(_suggestion(match, start, end, text))
    HEALTH.record(url, error is None, options)
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda x: (x.start, x.end)):
        if kept and edit.start < kept[-1].end:
            continue  # LanguageTool matches can overlap; the first one wins
        kept.append(edit)
    meta: dict[str, Any] = {}
    if suggestions:
        meta["grammar_suggestions"] = suggestions
    if error:
        meta["grammar_error"] = error
    return StageOutput(apply_edits(text, kept) if kept else text, kept, meta)


def rule_names(options: Options | None = None) -> frozenset[str]:
    """The LanguageTool rule ids this stage applies (``apply_rules``, or the safe rules), which its edits
    carry and ``disabled`` accepts."""
    if options is not None and options.apply_rules is not None:
        return frozenset(options.apply_rules)
    return safe_rules()


def prepare(options: Options) -> None:
    """Read the safe rule ids now (see :func:`textmend.stages.prepare`); the server is asked later."""
    if options.apply_rules is None:
        safe_rules()
