"""The pipeline: edits replay to the output on every sample, caps, failures contained."""

from __future__ import annotations

import dataclasses

import pytest

import textmend
from conftest import SAMPLES
from textmend.config import Config
from textmend.edits import StageOutput
from textmend.pipeline import Pipeline


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_replaying_edits_gives_the_output(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    result = textmend.clean(text)
    assert result.replay() == result.text


def test_counters() -> None:
    p = Pipeline(Config(stages=("encoding", "typography")))
    p.run("Itâ€™s  here")
    stats = p.stats()
    assert stats["encoding"]["edits"] == {"ftfy": 1}
    assert stats["typography"]["edits"] == {"space_run": 1}


def test_size_cap_passes_through_and_flags() -> None:
    cfg = dataclasses.replace(Config(), max_chars=10)
    r = Pipeline(cfg).run("Itâ€™s a long text")
    assert r.text == r.original and "skipped" in r.meta


def test_failing_stage_is_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    from textmend.stages import typography

    def boom(text: str, options: object) -> StageOutput:
        raise RuntimeError("broken rule")

    monkeypatch.setattr(typography, "apply", boom)
    r = Pipeline(Config(stages=("encoding", "typography"))).run("Itâ€™s")
    assert r.text == "It’s"
    assert r.meta["errors"] == ["typography: RuntimeError: broken rule"]


def test_time_cap_interrupts_a_runaway_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from textmend.stages import typography

    finished: list[bool] = []

    def slow(text: str, options: object) -> StageOutput:
        time.sleep(5)
        finished.append(True)  # reached only if the cap let the stage run to its end
        return StageOutput(text.upper(), [], {})

    monkeypatch.setattr(typography, "apply", slow)
    cfg = dataclasses.replace(Config(stages=("encoding", "typography")), max_seconds=0.2)
    r = Pipeline(cfg).run("Itâ€™s")
    assert finished == []
    assert r.text == r.original == "Itâ€™s" and r.edits == []
    assert "took over 0.2 s" in r.meta["skipped"]


GLUED_NEXT_TO_A_PROMPT = "thegovernment\nLeave a Reply\nthe"


def test_a_later_stage_changing_the_words_makes_boilerplate_look_again() -> None:
    """Words splits 'thegovernment' after boilerplate kept the document whole (its guard: the prompt was
    60% of the words); boilerplate runs again in round 1 on the new text, and its guard note goes."""
    p = Pipeline(Config(stages=("boilerplate", "words")))
    r = p.run(GLUED_NEXT_TO_A_PROMPT)
    assert r.text == "the government\nthe"
    assert [(e.stage, e.rule, e.round) for e in r.edits] == [
        ("words", "glued_word", 0),
        ("boilerplate", "comments.reply_prompt", 1),
    ]
    assert r.replay() == r.text
    assert "boilerplate_guard" not in r.meta
    assert p.run(r.text).edits == []
    # A document is counted once per stage, however many rounds it took.
    assert p.stats()["boilerplate"]["documents"] == 2


def test_no_second_round_when_no_later_stage_changed_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from textmend.stages import boilerplate

    calls: list[str] = []
    real = boilerplate.apply

    def counting(text: str, options: boilerplate.Options) -> StageOutput:
        calls.append(text)
        return real(text, options)

    monkeypatch.setattr(boilerplate, "apply", counting)
    p = Pipeline(Config(stages=("encoding", "typography", "boilerplate", "words")))
    # Encoding and typography change the text before boilerplate: no reason to look again.
    p.run("Itâ€™s  here.\nLeave a Reply\nThe government said so on Tuesday, officials said.")
    assert len(calls) == 1
    p.run(GLUED_NEXT_TO_A_PROMPT)
    assert len(calls) == 3


def test_a_stage_that_failed_is_not_run_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from textmend.stages import boilerplate

    def boom(text: str, options: object) -> StageOutput:
        raise RuntimeError("broken rule")

    monkeypatch.setattr(boilerplate, "apply", boom)
    r = Pipeline(Config(stages=("boilerplate", "words"))).run(GLUED_NEXT_TO_A_PROMPT)
    assert r.meta["errors"] == ["boilerplate: RuntimeError: broken rule"]
    assert r.text == "the government\nLeave a Reply\nthe"


def test_explain_shows_an_edit_of_a_later_round() -> None:
    import io

    from rich.console import Console

    from textmend.explain import explain, stage_inputs

    r = Pipeline(Config(stages=("boilerplate", "words"))).run(GLUED_NEXT_TO_A_PROMPT)
    assert stage_inputs(r.original, r.edits) == {
        ("words", 0): GLUED_NEXT_TO_A_PROMPT,
        ("boilerplate", 0, 1): "the government\nLeave a Reply\nthe",
    }
    out = io.StringIO()
    explain(r, path="doc.txt", console=Console(file=out, width=160))
    assert "round 2" in out.getvalue() and "2:1" in out.getvalue()


def test_metadata_found_in_round_0_survives_a_later_round() -> None:
    """Boilerplate runs again after words split a glued word, on text whose byline and dateline it already
    removed: the author and date it found stay in the metadata (they went missing from the report of any
    document a later stage changed)."""
    text = (
        "Council approves new budget after a long night\n"
        "By Jane Doe\n"
        "Published March 4, 2025 at 6:12 p.m.\n"
        "The council approved the budget on Tuesday, and thegovernment said it would sign it within a week.\n"
    )
    r = Pipeline(Config(stages=("boilerplate", "words"))).run(text)
    assert [(e.stage, e.rule) for e in r.edits][-1] == ("words", "glued_word")
    assert r.meta["author"] == "Jane Doe"
    assert r.meta["date"] == "March 4, 2025 at 6:12 p.m."


def test_the_spin_verdict_despin_acted_on_survives_its_second_round() -> None:
    from textmend.pipeline import merge_round_meta

    first = {"spin_score": 350.0, "spun": True, "spin_markers": 7, "spin_restored": 67}
    second = {"spin_score": 40.0, "spun": False, "spin_markers": 0}
    assert merge_round_meta(first, second) == first
    again = {"spin_score": 130.0, "spun": True, "spin_markers": 1, "spin_restored": 2}
    assert merge_round_meta(first, again) == {"spin_score": 130.0, "spun": True, "spin_markers": 1, "spin_restored": 69}
    # a verdict that no longer applies goes: the guard note of round 0 is not in round 1's metadata
    assert merge_round_meta({"boilerplate_guard": "kept whole", "author": "A"}, {}) == {"author": "A"}


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_lines_ending_in_a_carriage_return_alone_are_lines(ending: str) -> None:
    """A document whose lines end in "\\r" alone was one line to the stages (they split at "\\n"): its
    subscribe line stayed, and the spaces at its line ends.  It is cleaned as lines and keeps its "\\r"."""
    lines = [
        "Storm hits the coast  ",
        "Subscribe to our newsletter for more",
        "The storm hit the coast on Tuesday, officials said , and thousands lost power.",
        "By John Smith",
    ]
    text = ending.join(lines) + ending
    result = Pipeline().run(text)
    expected = ending.join(["Storm hits the coast", lines[2].replace(" ,", ",")]) + ending
    assert result.text == expected
    assert result.replay() == result.text
    assert Pipeline().run(result.text).text == result.text
