"""Configuration: defaults, files, overrides, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from textmend.config import Config, ConfigError


def test_defaults() -> None:
    cfg = Config()
    assert cfg.stages == ("encoding", "typography", "boilerplate", "despin", "words")
    assert hash(cfg) == hash(Config())


def test_stage_order_is_canonical() -> None:
    assert Config(stages=("typography", "encoding")).stages == ("encoding", "typography")


def test_unknown_stage() -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        Config(stages=("spellcheck",))


def test_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.textmend]\nstages = ["encoding", "typography"]\ndisable = ["typography.space_run"]\n'
        "[tool.textmend.encoding]\nlone_a_circumflex = false\n"
    )
    cfg = Config.discover(tmp_path)
    assert cfg.stages == ("encoding", "typography")
    assert cfg.options["encoding"].lone_a_circumflex is False
    assert "space_run" in cfg.options["typography"].disabled


def test_textmend_toml_wins(tmp_path: Path) -> None:
    (tmp_path / "textmend.toml").write_text('stages = ["encoding"]\n')
    (tmp_path / "pyproject.toml").write_text('[tool.textmend]\nstages = ["typography"]\n')
    assert Config.discover(tmp_path).stages == ("encoding",)


def test_bad_option_names_file(tmp_path: Path) -> None:
    path = tmp_path / "textmend.toml"
    path.write_text("[encoding]\nfrobnicate = 1\n")
    with pytest.raises(ConfigError, match=r"textmend.toml.*frobnicate"):
        Config.from_file(path)


def test_a_config_file_that_cannot_be_read_is_said_in_words(tmp_path: Path) -> None:
    """--config x.toml with no such file said "x.toml: [Errno 2] No such file or directory: 'x.toml'"."""
    with pytest.raises(ConfigError) as exc:
        Config.from_file(tmp_path / "x.toml")
    assert str(exc.value) == f"{tmp_path / 'x.toml'}: does not exist"
    with pytest.raises(ConfigError, match=r"is a folder, not a textmend\.toml"):
        Config.from_file(tmp_path)


def test_unknown_setting(tmp_path: Path) -> None:
    path = tmp_path / "textmend.toml"
    path.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        Config.from_file(path)


def test_disable_whole_stage_and_rule() -> None:
    cfg = Config().with_disabled_rules(["despin", "typography.trailing_space"])
    assert "despin" not in cfg.stages
    assert textmend.clean("a  \n", config=cfg).text == "a  \n"


def test_clean_api_options() -> None:
    r = textmend.clean("x.Â\n", stages=["encoding"], encoding={"lone_a_circumflex": False})
    assert r.text == "x.Â\n"
