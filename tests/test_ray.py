"""Ray Data: the same output as the single-process run, row for row, on a local Ray with 2 CPUs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'textmend[ray]')")

from typer.testing import CliRunner  # noqa: E402

from textmend.cli import app  # noqa: E402

ROWS = [
    {"id": i, "text": text}
    for i, text in enumerate(
        [
            "Itâ€™s a long” Joint Statement” here.",
            "Putin’s visit to Pyongyang.\nSubscribe to our newsletter\nThe talks went on.",
            "Plain clean text.",
            "the capricious and corrupt dictatormost on earth",
        ]
        * 25
    )
]


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_ray_equals_single_process(tmp_path: Path, local_ray: None) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(app, ["clean", str(src), "--out", str(tmp_path / "local"), "--jobs", "1"])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(app, ["clean", str(src), "--out", str(tmp_path / "ray"), "--engine", "ray"])
    assert remote.exit_code == 0, remote.output
    expected = [json.loads(line) for line in (tmp_path / "local" / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    got = [
        json.loads(line)
        for f in sorted((tmp_path / "ray").glob("*.json*"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    assert [r["text"] for r in got] == [r["text"] for r in expected]
    for g, e in zip(got, expected, strict=True):
        meta = json.loads(g["textmend"])
        assert {k: v for k, v in meta.items() if k != "edits"} == e["textmend"]


def test_cleaner_class_directly() -> None:
    import numpy as np

    from textmend.integrations.ray import TextmendCleaner

    out = TextmendCleaner()({"text": np.array(["Itâ€™s", None], dtype=object), "id": np.array([1, 2])})
    assert list(out["text"]) == ["It’s", None]
    assert json.loads(out["textmend"][1])["errors"]
