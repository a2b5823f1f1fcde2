"""textmend: repair and clean scraped news text before it is indexed.

>>> import textmend
>>> textmend.clean("It\u00e2\u20ac\u2122s here.\\n", stages=["encoding"]).text
'It’s here.\\n'
"""

from __future__ import annotations

from typing import Any

from textmend.config import Config, ConfigError
from textmend.edits import Edit, StageOutput, apply_edits
from textmend.pipeline import Pipeline, Result

__all__ = ["Config", "ConfigError", "Edit", "Pipeline", "Result", "StageOutput", "apply_edits", "clean"]
__version__ = "0.1.0"


def clean(
    text: str | bytes,
    *,
    stages: list[str] | tuple[str, ...] | None = None,
    disable: list[str] | tuple[str, ...] = (),
    config: Config | None = None,
    **stage_options: dict[str, Any],
) -> Result:
    """Clean one text with the default pipeline, or the given stages / configuration.

    Bytes are decoded as ``textmend clean`` decodes a file (the encoding found goes to ``meta``).

    ``disable`` switches off stages or rules (``"boilerplate"``, ``"typography.space_run"``); keyword
    arguments named after a stage set its options: ``clean(t, boilerplate={"max_removed_fraction": 0.3})``.
    Pipelines are cached per configuration, so calling this in a loop loads dictionaries once.
    """
    cfg = config or Config()
    if stages is not None:
        cfg = cfg.with_stages(enable=stages, disable=[s for s in cfg.stages if s not in stages])
    if disable:
        cfg = cfg.with_disabled_rules(disable)
    for stage, values in stage_options.items():
        cfg = cfg.with_options(stage, **values)
    from textmend.runner import pipeline_for

    return pipeline_for(cfg).run(text)
