"""``explain``: every edit listed with its stage, rule, reason, before and after; metadata first."""

from __future__ import annotations

import io

from rich.console import Console

import textmend
from conftest import SAMPLES
from textmend.edits import Edit
from textmend.explain import explain, stage_inputs, visible
from textmend.pipeline import Result


def render(result: Result, path: str = "doc.txt", width: int = 250) -> str:
    """The plain text explain prints (wide, so that cells do not wrap inside what a test looks for)."""
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    explain(result, path=path, console=console)
    return console.export_text()


def test_lists_every_edit_with_stage_rule_reason_before_and_after() -> None:
    result = textmend.clean("Itâ€™s a long” Joint Statement” here.", stages=["encoding", "typography"])
    out = render(result)
    assert "doc.txt" in out and f"{len(result.edits)} edits" in out
    for e in result.edits:
        assert e.stage in out and e.rule in out
        assert e.reason.split(":")[0] in out
    assert "â€™ → ’" in out  # before → after
    assert "It⟦â€™⟧s a long" in out  # the change in its context


def test_where_is_line_and_column_in_the_stage_input() -> None:
    result = textmend.clean("First line.\nSecond  line.", stages=["typography"])
    assert "2:7" in render(result)


def test_metadata_first() -> None:
    result = Result("a", "a", [], {"spin_score": 12.5, "spun": True, "author": "Jane Doe", "encoding": "cp1252"})
    out = render(result)
    assert "no changes" in out
    for shown in ("spin score", "12.5", "spun", "yes", "author", "Jane Doe", "encoding", "cp1252"):
        assert shown in out
    assert out.index("spin score") < out.index("author") < out.index("encoding")


def test_errors_and_skips_are_shown() -> None:
    result = Result("a", "a", [], {"errors": ["despin: RuntimeError: boom"], "skipped": "document too long"})
    out = render(result)
    assert "error" in out and "despin: RuntimeError: boom" in out
    assert "skipped" in out and "document too long" in out


def test_removed_lines_confidence_and_candidates() -> None:
    original = "Headline\nSubscribe to our newsletter\nBody text.\n"
    edits = [
        Edit("boilerplate", "subscribe.newsletter", 9, 37, "Subscribe to our newsletter\n", "", "subscribe_block"),
    ]
    result = Result(original, "Headline\nBody text.\n", edits, {})
    out = render(result)
    assert "removed: Subscribe to our newsletter" in out and "subscribe_block" in out
    spun = Result(
        "the Chilly Battle",
        "the Cold War",
        [
            Edit(
                "despin",
                "news.impossible",
                4,
                17,
                "Chilly Battle",
                "Cold War",
                "spun phrase",
                0.98,
                ("Cold War", "Cool War"),
            ),
        ],
        {},
    )
    out = render(spun)
    assert "confidence 0.98" in out and "candidates: Cold War, Cool War" in out


def test_invisible_characters_are_made_visible() -> None:
    assert visible("a\u00a0b") == "a⍽b"
    assert visible(" x ") == "·x·"
    assert visible("\u00ad") == "[SHY]"
    # A NUL and other control characters (a text file with a stray NUL is cleaned since session 9): the
    # terminal printed them as nothing, or acted on them.
    assert visible("was\x00 fine\x1b\x85") == "was[NUL] fine[U+001B][U+0085]"
    result = textmend.clean("a\u00a0b and c\u00adopy", stages=["typography"])
    out = render(result)
    assert "⍽ → ·" in out and "[SHY] → ∅" in out


def test_markup_in_the_text_is_not_interpreted() -> None:
    result = Result(
        "[bold]x[/bold]  y",
        "[bold]x[/bold] y",
        [Edit("typography", "space_run", 14, 16, "  ", " ", "run of spaces")],
        {},
    )
    out = render(result)
    assert "[bold]x[/bold]" in out


def test_stage_inputs_replays_stage_by_stage() -> None:
    result = textmend.clean("Itâ€™s  here", stages=["encoding", "typography"])
    inputs = stage_inputs(result.original, result.edits)
    assert inputs == {("encoding", 0): "Itâ€™s  here", ("typography", 0): "It’s  here"}


def test_stage_inputs_of_later_passes() -> None:
    result = textmend.clean("( a  b)", stages=["typography"])
    assert result.text == "(a b)"
    inputs = stage_inputs(result.original, result.edits)
    assert inputs == {("typography", 0): "( a  b)", ("typography", 1): "(a  b)"}


def test_a_real_sample_wraps_within_the_width() -> None:
    path = sorted(SAMPLES.glob("003_*.txt"))[0]
    result = textmend.clean(path.read_text(encoding="utf-8"), stages=["encoding", "typography"])
    out = render(result, path=path.name, width=100)
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "misplaced_opening_quote" in out and "padded_brackets" in out


def test_colours_on_a_terminal() -> None:
    console = Console(record=True, width=120, force_terminal=True, color_system="truecolor", file=io.StringIO())
    explain(textmend.clean("Itâ€™s", stages=["encoding"]), path="x", console=console)
    assert "\x1b[" in console.export_text(styles=True)


def test_compact_listing_on_a_narrow_console() -> None:
    result = textmend.clean("It was a long” Joint Statement” here ( really ).", stages=["typography"])
    narrow = render(result, width=80)
    assert "┃" not in narrow  # no table
    assert "typography · misplaced_opening_quote  1:14" in narrow and "why opening quote" in narrow
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert "┃" in render(result, width=120)
