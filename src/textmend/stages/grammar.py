"""Stage 'grammar' (not built yet: passes text through unchanged)."""

from __future__ import annotations

from dataclasses import dataclass

from textmend.edits import StageOutput

NAME = "grammar"


@dataclass(frozen=True)
class Options:
    """Options for the grammar stage."""


def apply(text: str, options: Options) -> StageOutput:
    """Return the text unchanged (stub)."""
    return StageOutput(text, [], {})
