"""The edit model: edits replay to the output, and bad edits are refused."""

from __future__ import annotations

import pytest

from textmend.edits import Edit, EditCollector, EditError, apply_edits, minimal_edit, replay


def test_apply_edits_in_any_order() -> None:
    text = "one two three"
    edits = [Edit("s", "r", 8, 13, "three", "3", "x"), Edit("s", "r", 0, 3, "one", "1", "x")]
    assert apply_edits(text, edits) == "1 two 3"


def test_apply_edits_refuses_wrong_before() -> None:
    with pytest.raises(EditError):
        apply_edits("abc", [Edit("s", "r", 0, 1, "x", "y", "x")])


def test_apply_edits_refuses_overlap() -> None:
    with pytest.raises(EditError):
        apply_edits("abcdef", [Edit("s", "r", 0, 3, "abc", "", "x"), Edit("s", "r", 2, 4, "cd", "", "x")])


def test_replay_goes_stage_by_stage() -> None:
    # Stage b's span refers to stage a's output.
    edits = [Edit("b", "r", 0, 3, "big", "BIG", "x"), Edit("a", "r", 0, 1, "a", "big", "x")]
    assert replay("a cat", edits, ["a", "b"]) == "BIG cat"


def test_minimal_edit_trims_common_ends() -> None:
    e = minimal_edit("the cat sat", "the dog sat", 100, stage="s", rule="r", reason="x")
    assert e is not None and (e.start, e.end, e.before, e.after) == (104, 107, "cat", "dog")
    assert minimal_edit("same", "same", 0, stage="s", rule="r", reason="x") is None


def test_collector_keeps_earliest_longest_of_overlaps() -> None:
    c = EditCollector("s", "abcdef")
    c.add(1, 3, "X", rule="short", reason="x")
    c.add(1, 5, "Y", rule="long", reason="x")
    c.add(4, 6, "Z", rule="overlaps", reason="x")
    out = c.resolve()
    assert out.text == "aYf"
    assert [e.rule for e in out.edits] == ["long"]


def test_edit_round_trips_through_dict() -> None:
    e = Edit("despin", "table", 0, 5, "Chilly", "Cold", "spun", confidence=0.9, candidates=("Cold",))
    assert Edit.from_dict(e.to_dict()) == e


def test_a_later_round_round_trips_and_replays_after_the_first() -> None:
    e = Edit("boilerplate", "comments.reply_prompt", 4, 6, "R\n", "", "comments", round=1)
    assert e.to_dict()["round"] == 1 and "round" not in Edit("a", "r", 0, 1, "x", "", "why").to_dict()
    assert Edit.from_dict(e.to_dict()) == e
    # Round 1's boilerplate span refers to the text after round 0's words edit, though words comes later.
    words = Edit("words", "glued_word", 0, 2, "ab", "a b", "glued")
    assert replay("ab\nR\nc", [e, words], ["boilerplate", "words"]) == "a b\nc"


def _line_around_by_search(text: str, i: int) -> tuple[int, int]:
    end = text.find("\n", i)
    return text.rfind("\n", 0, i) + 1, len(text) if end < 0 else end


@pytest.mark.parametrize(
    "text",
    [
        "short\nlines\n",
        "x" * 5000,  # one line past the length that builds an index of the line breaks
        "a\n" + "y" * 6000 + "\nb\n\n" + "z" * 5000,
        "\n" * 3 + "w" * 4097 + "\n",
    ],
)
def test_line_around_on_long_lines_answers_as_find_does(text: str) -> None:
    """Long lines are answered from an index of the line breaks (asked once a mark, find and rfind made a
    line of thousands of marks quadratic): the same answers, for the text it was built for only."""
    from textmend.edits import line_around

    other = "q" * 5000 + "\nr"
    for i in range(0, len(text) + 1, 97):
        assert line_around(text, i) == _line_around_by_search(text, i)
        assert line_around(other, min(i, len(other))) == _line_around_by_search(other, min(i, len(other)))
    assert line_around(text, len(text)) == _line_around_by_search(text, len(text))
