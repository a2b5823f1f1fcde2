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

    def slow(text: str, options: object) -> StageOutput:
        time.sleep(5)
        return StageOutput(text.upper(), [], {})

    monkeypatch.setattr(typography, "apply", slow)
    cfg = dataclasses.replace(Config(stages=("encoding", "typography")), max_seconds=0.2)
    t0 = time.perf_counter()
    r = Pipeline(cfg).run("Itâ€™s")
    assert time.perf_counter() - t0 < 2
    assert r.text == r.original == "Itâ€™s" and r.edits == []
    assert "took over 0.2 s" in r.meta["skipped"]
