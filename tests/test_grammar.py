"""Grammar stage, against a small LanguageTool-compatible HTTP server started on 127.0.0.1 by the tests.

The server answers ``POST /v2/check`` with the answers in ``tests/data/grammar/responses.json`` (LanguageTool's
real JSON format), keyed by the text sent; it can also be told to be slow, to fail, or to answer nonsense.
``test_live_server`` runs against a real LanguageTool when ``TEXTMEND_LANGUAGETOOL_URL`` is set.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conftest import DATA
from textmend.edits import apply_edits
from textmend.stages import grammar

CASES = json.loads((DATA / "grammar" / "responses.json").read_text(encoding="utf-8"))["cases"]
EMPTY = {"software": {"name": "LanguageTool", "version": "6.4", "apiVersion": 1}, "matches": []}


class FakeLanguageTool:
    """A LanguageTool look-alike on a free port of 127.0.0.1, in a thread; records every request."""

    def __init__(self) -> None:
        self.answers = {c["text"]: c["response"] for c in CASES}
        self.requests: list[dict[str, str]] = []
        self.delay = 0.0
        self.status = 200
        self.raw: bytes | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep the test output clean
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v2/languages":
                    self._send(200, json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode())
                else:
                    self._send(404, b"Not found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                fake.requests.append(form)
                if fake.delay:
                    time.sleep(fake.delay)
                if self.path != "/v2/check":
                    self._send(404, b"Not found")
                elif fake.status != 200:
                    self._send(fake.status, b"Error: internal error")
                elif fake.raw is not None:
                    self._send(200, fake.raw)
                else:
                    self._send(200, json.dumps(fake.answer(form.get("text", ""))).encode("utf-8"))

            def _send(self, status: int, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (time-out tests)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def answer(self, sent: str) -> dict[str, Any]:
        """The recorded matches of every recorded text found in ``sent``, moved to where it was found
        (offsets in UTF-16 code units, as LanguageTool counts)."""
        matches = []
        for text, response in self.answers.items():
            pos = sent.find(text)
            while pos >= 0:
                shift = len(sent[:pos].encode("utf-16-le")) // 2
                for m in response["matches"]:
                    matches.append({**m, "offset": m["offset"] + shift})
                pos = sent.find(text, pos + 1)
        return {**EMPTY, "matches": sorted(matches, key=lambda m: m["offset"])}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def lt() -> Iterator[FakeLanguageTool]:
    grammar.HEALTH.reset()
    server = FakeLanguageTool()
    yield server
    server.close()
    grammar.HEALTH.reset()


def run(text: str, options: grammar.Options) -> grammar.StageOutput:
    out = grammar.apply(text, options)
    assert apply_edits(text, out.edits) == out.text, "edits must replay to the output"
    assert all(a.end <= b.start for a, b in zip(out.edits, out.edits[1:], strict=False))
    return out


# -------------------------------------------------------------------------------------- no server


def test_no_url_says_how_to_start_a_server() -> None:
    with pytest.raises(grammar.GrammarUnavailable) as info:
        grammar.apply("He go home.", grammar.Options())
    message = str(info.value)
    assert "erikvl87/languagetool" in message
    assert "org.languagetool.server.HTTPServer --port 8081" in message
    assert "--grammar" in message and grammar.URL_ENV in message


def test_import_does_not_touch_language_tool_python() -> None:
    import subprocess
    import sys

    code = "import sys; import textmend.stages.grammar; print('language_tool_python' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------------- recorded cases


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in CASES])
def test_recorded_cases(lt: FakeLanguageTool, case: dict[str, Any]) -> None:
    out = run(case["text"], grammar.Options(url=lt.url))
    assert out.text == case["expected"]
    assert lt.requests[-1] == {"language": "en-US", "text": case["text"]}
    applied = {e.rule for e in out.edits}
    assert applied <= grammar.safe_rules()
    reported = {s["rule"] for s in out.meta.get("grammar_suggestions", [])}
    assert not applied & {"MORFOLOGIK_RULE_EN_US", "ACCORDING_TO"}
    sent = {m["rule"]["id"] for m in case["response"]["matches"]}
    assert sent == applied | reported, "every match is either applied or reported"
    assert "grammar_error" not in out.meta


def test_edit_fields(lt: FakeLanguageTool) -> None:
    text = CASES[0]["text"]
    out = run(text, grammar.Options(url=lt.url))
    first = out.edits[0]
    assert (first.stage, first.rule, first.before, first.after) == ("grammar", "EN_A_VS_AN", "an", "a")
    assert text[first.start : first.end] == "an"
    assert "vowel sound" in first.reason
    (agr,) = [s for s in out.meta["grammar_suggestions"] if s["rule"] == "HE_VERB_AGR"]
    assert agr["text"] == "go" and agr["replacements"] == ["goes", "went"] and agr["category"] == "GRAMMAR"


def test_disabled_and_custom_rules(lt: FakeLanguageTool) -> None:
    text = CASES[0]["text"]
    out = run(text, grammar.Options(url=lt.url, disabled=frozenset({"EN_A_VS_AN"})))
    assert "an speech" in out.text and "a apple" in out.text
    assert {"EN_A_VS_AN"} <= {s["rule"] for s in out.meta["grammar_suggestions"]}
    only = run(text, grammar.Options(url=lt.url, apply_rules=frozenset({"WHITESPACE_RULE"})))
    assert [e.rule for e in only.edits] == ["WHITESPACE_RULE"]


@pytest.mark.parametrize("suffix", ["", "/", "/v2", "/v2/", "/v2/check"])
def test_url_forms(lt: FakeLanguageTool, suffix: str) -> None:
    out = run(CASES[0]["text"], grammar.Options(url=lt.url + suffix))
    assert out.text == CASES[0]["expected"]


def test_language_option_is_sent(lt: FakeLanguageTool) -> None:
    run("Ein Satz.", grammar.Options(url=lt.url, language="de-DE"))
    assert lt.requests[-1]["language"] == "de-DE"


# ----------------------------------------------------------------------------------------- chunks


def test_long_document_goes_in_chunks_with_right_offsets(lt: FakeLanguageTool) -> None:
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4 + "\n\n") * 40
    text = filler + CASES[0]["text"] + "\n\n" + filler + CASES[1]["text"]
    out = run(text, grammar.Options(url=lt.url, max_chunk_chars=2_000))
    assert len(lt.requests) > 5
    assert all(len(r["text"]) <= 2_000 for r in lt.requests)
    assert "".join(r["text"] for r in lt.requests) == text
    assert CASES[0]["expected"] in out.text and CASES[1]["expected"] in out.text


def test_chunks_cut_at_boundaries_and_rebuild_the_text() -> None:
    text = "First paragraph. It goes on.\n\nSecond one here.\nA line. " + "word " * 100
    for limit in (100, 150, 1000):
        pieces = grammar.chunks(text, limit)
        assert "".join(p for _, p in pieces) == text
        assert all(len(p) <= limit for _, p in pieces)
        assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert grammar.chunks(text, 100)[0][1].endswith("\n\n")
    assert grammar.chunks("x" * 250, 100) == [(0, "x" * 100), (100, "x" * 100), (200, "x" * 50)]


# ------------------------------------------------------------------------------- slow, down, broken


def test_slow_server_times_out_and_flags_the_document(lt: FakeLanguageTool) -> None:
    lt.delay = 2.0
    out = run(CASES[0]["text"], grammar.Options(url=lt.url, timeout=0.3))
    assert out.text == CASES[0]["text"] and out.edits == []
    assert "grammar_error" in out.meta and "0 of 1 chunks checked" in out.meta["grammar_error"]


def test_server_down_flags_the_document() -> None:
    grammar.HEALTH.reset()
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = run("He go home.", grammar.Options(url=f"http://127.0.0.1:{port}"))
    assert out.text == "He go home."
    assert "cannot reach LanguageTool" in out.meta["grammar_error"]
    grammar.HEALTH.reset()


@pytest.mark.parametrize(
    ("status", "raw", "words"),
    [
        (500, None, "HTTP 500"),
        (200, b"<html>", "did not answer JSON"),
        (200, b'{"no": "matches"}', "without a 'matches' list"),
    ],
)
def test_broken_answers_flag_the_document(lt: FakeLanguageTool, status: int, raw: bytes | None, words: str) -> None:
    lt.status, lt.raw = status, raw
    out = run(CASES[0]["text"], grammar.Options(url=lt.url))
    assert out.text == CASES[0]["text"]
    assert words in out.meta["grammar_error"]


def test_partial_results_are_kept_when_time_runs_out(lt: FakeLanguageTool) -> None:
    """The chunks answered before the deadline keep their fixes."""
    text = CASES[0]["text"] + "\n\n" + "Another paragraph that takes the server too long. " * 3
    calls = 0
    original = grammar.post_check

    def slow_second(url: str, chunk: str, language: str, timeout: float) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise grammar.ServerError("timed out")
        return original(url, chunk, language, timeout)

    mp = pytest.MonkeyPatch()
    mp.setattr(grammar, "post_check", slow_second)
    try:
        out = run(text, grammar.Options(url=lt.url, max_chunk_chars=len(CASES[0]["text"]) + 2))
    finally:
        mp.undo()
    assert out.text.startswith(CASES[0]["expected"])
    assert out.meta["grammar_error"].startswith("timed out (1 of ")


def test_repeated_failures_skip_the_server_for_a_while(lt: FakeLanguageTool) -> None:
    lt.status = 500
    opts = grammar.Options(url=lt.url, max_failures=2, retry_after=30)
    for _ in range(2):
        assert "HTTP 500" in run("He go home.", opts).meta["grammar_error"]
    asked = len(lt.requests)
    out = run("He go home.", opts)
    assert "failed repeatedly" in out.meta["grammar_error"]
    assert len(lt.requests) == asked, "the server is not asked while it is considered down"


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="timeout"):
        grammar.Options(url="http://x", timeout=0)
    with pytest.raises(ValueError, match="max_chunk_chars"):
        grammar.Options(url="http://x", max_chunk_chars=10)


def test_safe_rules_file() -> None:
    rules = grammar.safe_rules()
    assert {"EN_A_VS_AN", "ENGLISH_WORD_REPEAT_RULE", "WHITESPACE_RULE"} <= rules
    assert "MORFOLOGIK_RULE_EN_US" not in rules and "UPPERCASE_SENTENCE_START" not in rules
    from textmend.rulecheck import check_rules
    from textmend.rules import rules_path

    assert [str(p) for p in check_rules(rules_path("grammar"))] == []


# ------------------------------------------------------------------------------------- real server


@pytest.mark.skipif(
    not os.environ.get(grammar.URL_ENV),
    reason=f"set {grammar.URL_ENV}=http://localhost:8081 (a running LanguageTool server) to run against it",
)
def test_live_server() -> None:
    grammar.HEALTH.reset()
    text = "The minister gave an speech in the the capital. He go to a apple farm every week."
    out = run(text, grammar.Options(url=os.environ[grammar.URL_ENV], timeout=30))
    print("applied:", [(e.rule, e.before, e.after) for e in out.edits])
    print("reported:", [(s["rule"], s["text"], s["replacements"]) for s in out.meta.get("grammar_suggestions", [])])
    assert "grammar_error" not in out.meta, out.meta.get("grammar_error")
    assert "a speech" in out.text and "an apple" in out.text and "the the" not in out.text
