"""One immutable configuration: which stages run and each stage's options.

Defaults are conservative.  A configuration is read from ``textmend.toml`` (top level) or from
``[tool.textmend]`` in ``pyproject.toml``, then overridden from the command line::

    stages = ["encoding", "typography", "boilerplate", "despin", "words"]
    disable = ["boilerplate.share", "typography.space_before_comma"]   # rules or whole families (checked)
    max_chars = 5000000

    [boilerplate]
    max_removed_fraction = 0.5
"""

from __future__ import annotations

import dataclasses
import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from textmend import stages
from textmend.rules import RuleError


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says where and what."""


def _default_options() -> Mapping[str, Any]:
    return MappingProxyType({name: stages.load(name).Options() for name in stages.ORDER})


def _check_kind(name: str, default: Any, value: Any) -> None:
    """An option given a value of the wrong kind (``max_removed_fraction = "x"`` in textmend.toml) made
    its stage fail on every document, each an error of the run: a ConfigError before the run instead.
    The kind is the default's: true or false, a whole number, a number, a string (others unchecked)."""
    if isinstance(default, bool):
        ok, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, kind = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif isinstance(default, float):
        ok, kind = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
    elif isinstance(default, str):
        ok, kind = isinstance(value, str), "a string"
    else:
        return
    if not ok:
        raise ConfigError(f"{name} must be {kind}, not {value!r}")


@dataclass(frozen=True)
class Config:
    """Which stages run, in pipeline order, and the options of every stage."""

    stages: tuple[str, ...] = stages.DEFAULT
    options: Mapping[str, Any] = field(default_factory=_default_options)
    #: Documents longer than this are passed through unchanged and flagged.
    max_chars: int = 5_000_000
    #: A document whose cleaning takes longer than this (seconds) is passed through unchanged and flagged.
    max_seconds: float = 60.0

    def __post_init__(self) -> None:
        unknown = [s for s in self.stages if s not in stages.ORDER]
        if unknown:
            raise ConfigError(f"unknown stage(s) {', '.join(unknown)}; stages are: {', '.join(stages.ORDER)}")
        ordered = tuple(s for s in stages.ORDER if s in self.stages)
        object.__setattr__(self, "stages", ordered)

    def __hash__(self) -> int:
        return hash((self.stages, tuple(sorted(self.options.items())), self.max_chars, self.max_seconds))

    def __reduce__(self) -> tuple[Any, ...]:
        # MappingProxyType does not pickle; workers receive the configuration as plain values.
        return (_restore, (self.stages, dict(self.options), self.max_chars, self.max_seconds))

    def fingerprint(self) -> str:
        """A digest that is equal for equal configurations in any process (``hash`` is salted per process)."""
        import hashlib
        import json

        def plain(value: Any) -> Any:
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
            if isinstance(value, (set, frozenset)):
                return sorted(plain(v) for v in value)
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, Mapping):
                return {str(k): plain(v) for k, v in sorted(value.items())}
            return value

        from textmend import __version__

        doc = {
            "version": __version__,
            "stages": self.stages,
            "options": plain(self.options),
            "max_chars": self.max_chars,
            "max_seconds": self.max_seconds,
        }
        return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def with_stages(self, *, enable: Iterable[str] = (), disable: Iterable[str] = ()) -> Config:
        """A copy with stages switched on or off."""
        chosen = (set(self.stages) | set(enable)) - set(disable)
        return dataclasses.replace(self, stages=tuple(s for s in stages.ORDER if s in chosen))

    def with_options(self, stage: str, **values: Any) -> Config:
        """A copy with some options of one stage changed (unknown option names are an error)."""
        current = self.options[stage]
        names = {f.name for f in dataclasses.fields(current)}
        bad = sorted(set(values) - names)
        if bad:
            raise ConfigError(f"stage {stage!r} has no option(s) {', '.join(bad)}; it has: {', '.join(sorted(names))}")
        optional = {f.name for f in dataclasses.fields(current) if "None" in str(f.type)}
        for key, value in values.items():
            if value is not None or key not in optional:
                _check_kind(f"{stage}.{key}", getattr(current, key), value)
        opts = dict(self.options)
        opts[stage] = dataclasses.replace(current, **values)
        if values.get("disabled"):
            _check_rules(stage, opts[stage])
        return dataclasses.replace(self, options=MappingProxyType(opts))

    def with_disabled_rules(self, names: Iterable[str]) -> Config:
        """Switch off rules or rule families: ``"stage.rule"`` or a whole stage's ``"stage"``.  A name the
        stage does not list (:func:`textmend.stages.rule_names`) is a :class:`ConfigError` naming the
        closest one: a misspelled rule would otherwise switch nothing off."""
        cfg = self
        per_stage: dict[str, set[str]] = {}
        whole: set[str] = set()
        for name in names:
            stage, _, rule = name.partition(".")
            if stage not in stages.ORDER:
                hint = _did_you_mean(stage, stages.ORDER) or f" (stages: {', '.join(stages.ORDER)})"
                raise ConfigError(f"cannot disable {name!r}: no stage {stage!r}{hint}")
            if rule:
                per_stage.setdefault(stage, set()).add(rule)
            else:
                whole.add(stage)
        for stage, rules in per_stage.items():
            opts = cfg.options[stage]
            if not hasattr(opts, "disabled"):
                _check_rules(stage, opts, rules)
                raise ConfigError(
                    f"stage {stage!r} has no rules to disable one by one; switch the whole stage off "
                    f"(--disable {stage}, or --no-{stage} on the command line)"
                )
            cfg = cfg.with_options(stage, disabled=frozenset(opts.disabled) | rules)
        return cfg.with_stages(disable=whole)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "configuration") -> Config:
        """Build a configuration from parsed TOML; ``source`` names the file in error messages."""
        data = dict(data)
        cfg = cls()
        try:
            for key in ("stages", "disable"):
                # 'stages = "encoding"' was read letter by letter: "unknown stage(s) e, n, c, o, d ...".
                if key in data and not (isinstance(data[key], list) and all(isinstance(x, str) for x in data[key])):
                    raise ConfigError(f'{key} must be a list of names, as {key} = ["despin"], not {data[key]!r}')
            if "stages" in data:
                cfg = dataclasses.replace(cfg, stages=tuple(data.pop("stages")))
            for key in ("max_chars", "max_seconds"):
                if key in data:
                    # A string here stopped the run at its first document with a traceback.
                    _check_kind(key, getattr(cfg, key), data[key])
                    cfg = dataclasses.replace(cfg, **{key: data.pop(key)})
            disable = data.pop("disable", [])
            for stage in stages.ORDER:
                if stage in data:
                    values = data.pop(stage)
                    if not isinstance(values, Mapping):
                        raise ConfigError(f"[{stage}] must be a table")
                    values = {
                        k: frozenset(v) if isinstance(v, list) and k == "disabled" else v for k, v in values.items()
                    }
                    cfg = cfg.with_options(stage, **values)
            cfg = cfg.with_disabled_rules(disable)
        except (ConfigError, TypeError, ValueError) as exc:
            raise ConfigError(f"{source}: {exc}") from None
        if data:
            raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(data))}")
        return cfg

    @classmethod
    def from_file(cls, path: Path) -> Config:
        """Read ``textmend.toml``, or ``[tool.textmend]`` of a ``pyproject.toml``."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # said once, in words ("[Errno 2] No such file ... 'x.toml'" named it twice)
            raise ConfigError(f"{path}: does not exist") from None
        except IsADirectoryError:
            raise ConfigError(f"{path}: is a folder, not a textmend.toml") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("textmend", {})
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def discover(cls, start: Path | None = None) -> Config:
        """The configuration of the nearest ``textmend.toml`` or ``pyproject.toml`` with a
        ``[tool.textmend]`` table, looking from ``start`` (default: the working folder) upwards."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "textmend.toml"
            if candidate.is_file():
                return cls.from_file(candidate)
            pyproject = folder / "pyproject.toml"
            if pyproject.is_file():
                try:
                    has = "textmend" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    has = False
                if has:
                    return cls.from_file(pyproject)
        return cls()


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` for the known name closest to ``name``, or "" when none is close."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_rules(stage: str, options: Any, names: Iterable[str] | None = None) -> None:
    """Raise :class:`ConfigError` for the first of ``names`` (default: ``options.disabled``) that is not a
    rule or family of ``stage``: a misspelled rule switched off would otherwise switch nothing off."""
    wanted = set(getattr(options, "disabled", ()) if names is None else names)
    if not wanted:
        return
    try:
        known = stages.rule_names(stage, options)
    except (RuleError, OSError):
        return  # a rule file that cannot be read is said when the stage loads its rules (exit status 2)
    unknown = sorted(wanted - known)
    if not unknown:
        return
    rule = unknown[0]
    # The rule under another stage ("encoding.space_run"), else the closest name of this stage (compared
    # without the stage: "typography." would make every name look close).
    elsewhere = [f"{s}.{rule}" for s in stages.ORDER if s != stage and _has_rule(s, rule)]
    close = elsewhere or [f"{stage}.{r}" for r in difflib.get_close_matches(rule, sorted(known), n=1, cutoff=0.6)]
    hint = f"did you mean {close[0]!r}?" if close else "'textmend rules list' prints the names"
    raise ConfigError(f"no rule {f'{stage}.{rule}'!r}; {hint}")


def _has_rule(stage: str, rule: str) -> bool:
    try:
        return rule in stages.rule_names(stage)
    except (RuleError, OSError):
        return False


def _restore(stages_: tuple[str, ...], options: dict[str, Any], max_chars: int, max_seconds: float) -> Config:
    return Config(stages=stages_, options=MappingProxyType(options), max_chars=max_chars, max_seconds=max_seconds)
