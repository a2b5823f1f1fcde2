"""The stages, one module each, in the order the pipeline runs them.

Each module exposes ``NAME``, a frozen ``Options`` dataclass with conservative defaults, and
``apply(text, options) -> StageOutput``; a stage that reads rule files or dictionaries also has
``prepare(options)``, which loads them at once.  Modules are imported lazily, and data loads on first use,
so that ``textmend --help`` and a one-line clean do not pay for dictionaries a stage would load.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Every stage, in pipeline order.
ORDER: tuple[str, ...] = ("encoding", "typography", "boilerplate", "despin", "words", "grammar")

#: The stages ``textmend clean`` runs unless told otherwise (grammar needs a server).
DEFAULT: tuple[str, ...] = ("encoding", "typography", "boilerplate", "despin", "words")

#: Short descriptions for ``--help`` and the README.
DESCRIPTIONS: dict[str, str] = {
    "encoding": "mojibake, leftover entities and stray 'Â' (ftfy plus what ftfy leaves)",
    "typography": "quote and bracket spacing, odd hyphens and spaces",
    "boilerplate": "subscribe blocks, bylines, teasers, comment threads, share lines",
    "despin": "undo article-spinner synonyms in spun documents",
    "words": "split glued words ('dictatormost' -> 'dictator most')",
    "grammar": "safe LanguageTool fixes (needs a server URL)",
}


def load(name: str) -> ModuleType:
    """Import a stage module by name."""
    if name not in ORDER:
        raise KeyError(f"unknown stage {name!r}; stages are: {', '.join(ORDER)}")
    return importlib.import_module(f"textmend.stages.{name}")


def rule_names(name: str, options: object | None = None) -> frozenset[str]:
    """The rule ids and families stage ``name`` can put in an edit's ``rule`` (without the stage), all
    of which ``--disable STAGE.RULE`` accepts: the module's ``rule_names(options)`` where its rules are
    data (boilerplate's rule files, grammar's rule ids), else its ``RULES``.  May raise what reading the
    rule files raises."""
    module = load(name)
    fn = getattr(module, "rule_names", None)
    if fn is not None:
        return frozenset(fn(options))
    return frozenset(getattr(module, "RULES", ()))


def prepare(name: str, options: object) -> None:
    """Load what stage ``name`` reads (rule files, dictionaries) now rather than on its first document.

    The command line calls this before a run, so a missing or broken rule file stops the run with one
    message instead of failing every document; in worker processes forked afterwards the loaded data is
    already there.  Raises what the loader raises (:class:`textmend.rules.RuleError`, ``OSError``).
    """
    fn = getattr(load(name), "prepare", None)
    if fn is not None:
        fn(options)


def share(name: str, options: object) -> None:
    """:func:`prepare`, and build now what stage ``name`` would otherwise build only once documents need
    it (boilerplate's line prefilter), so that worker processes forked afterwards share it."""
    prepare(name, options)
    fn = getattr(load(name), "share", None)
    if fn is not None:
        fn(options)
