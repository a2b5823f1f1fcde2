"""Running the pipeline over files: find the work, clean each file, write it safely, count it.

:func:`process_file` is a plain function of picklable arguments that returns a :class:`FileOutcome`, so the
same code serves one process or a pool of workers; the caller prints, reports and totals the outcomes.
"""

from __future__ import annotations

import difflib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmend.config import Config
from textmend.io import (
    FORMATS,
    InputError,
    Record,
    atomic_write,
    backup,
    decode_bytes,
    dump_jsonl_record,
    format_of,
    iter_jsonl,
    read_bytes,
)
from textmend.pipeline import Pipeline, Result


class UsageError(Exception):
    """The command line asks for something that cannot be done (exit status 2)."""


@dataclass(frozen=True)
class Job:
    """One input file and where its output goes (``dst`` is None with ``--diff``)."""

    src: Path
    dst: Path | None
    fmt: str
    display: str


@dataclass(frozen=True)
class RunOptions:
    """What to do with each file, beyond cleaning it."""

    text_field: str = "text"
    html_field: str | None = None
    in_place: bool = False
    keep_backup: bool = True
    diff: bool = False
    report: bool = False


@dataclass
class FileOutcome:
    """What happened to one file."""

    display: str
    bytes_in: int = 0
    documents: int = 0
    changed: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report_lines: list[str] = field(default_factory=list)
    diff: str = ""
    written: bool = False


def _output_name(src: Path, fmt: str) -> str:
    """HTML becomes text; other formats keep their name."""
    if fmt == "html":
        name = src.name
        for ending in (".html.gz", ".htm.gz", ".html", ".htm"):
            if name.lower().endswith(ending):
                return name[: -len(ending)] + ".txt"
    return src.name


def plan_jobs(
    sources: Iterable[Path], *, out: Path | None, in_place: bool, diff: bool
) -> tuple[list[Job], list[str]]:
    """Find the files to clean and their outputs.  Returns the jobs and plain-word problems found."""
    jobs: list[Job] = []
    problems: list[str] = []
    out_resolved = out.resolve() if out else None
    seen_dst: dict[Path, Path] = {}
    sources = list(sources)
    for src in sources:
        if not src.exists() and not src.is_symlink():
            problems.append(f"{src}: does not exist")
            continue
        if src.is_dir():
            if out is None and not in_place and not diff:
                raise UsageError(f"{src} is a folder: say where to write with --out DIR, or use --in-place")
            files = list(_walk(src, skip=out_resolved))
            for path, rel in files:
                fmt = format_of(path)
                if fmt is None:
                    continue
                dst = _destination(path, rel, fmt, out=out, in_place=in_place, diff=diff)
                jobs.append(Job(path, dst, fmt, str(path)))
        else:
            fmt = format_of(src)
            if fmt is None:
                problems.append(f"{src}: unknown file type (textmend reads {', '.join(sorted(FORMATS))})")
                continue
            if out is None and not in_place and not diff:
                raise UsageError(f"say where to write {src} with --out, or use --in-place (or --diff to only look)")
            single_file_out = out is not None and len(sources) == 1 and not out.is_dir() and out.suffix != ""
            if single_file_out:
                dst: Path | None = out
            else:
                dst = _destination(src, Path(src.name), fmt, out=out, in_place=in_place, diff=diff)
            jobs.append(Job(src, dst, fmt, str(src)))
    for job in jobs:
        if job.dst is None:
            continue
        key = job.dst.resolve()
        if key in seen_dst:
            raise UsageError(f"{seen_dst[key]} and {job.src} would both be written to {job.dst}")
        seen_dst[key] = job.src
        if job.fmt == "html" and in_place:
            raise UsageError(f"{job.src}: HTML cannot be cleaned in place (its output is text); use --out")
        if not in_place and key == job.src.resolve():
            raise UsageError(f"{job.src}: output would overwrite the input; use --in-place to allow it (a backup is kept)")
    return jobs, problems


def _destination(path: Path, rel: Path, fmt: str, *, out: Path | None, in_place: bool, diff: bool) -> Path | None:
    if diff:
        return None
    if in_place:
        return path
    assert out is not None
    return out / rel.parent / _output_name(path, fmt)


def _walk(root: Path, *, skip: Path | None) -> Iterator[tuple[Path, Path]]:
    """Files below ``root`` in a stable order, not following linked folders (no loops), skipping the
    output folder when it lies inside the input, hidden entries and textmend's own backups."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (here / d).resolve() != skip))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".orig"):
                continue
            path = here / name
            yield path, path.relative_to(root)


def process_file(job: Job, config: Config, options: RunOptions, pipeline: Pipeline | None = None) -> FileOutcome:
    """Read, clean and write one file.  Never raises for a bad input: the problem goes in ``errors``."""
    outcome = FileOutcome(job.display)
    pipeline = pipeline or _pipeline_for(config)
    try:
        data = read_bytes(job.src)
        outcome.bytes_in = len(data)
        if job.fmt == "html":
            from textmend.html import html_to_text

            text, meta = html_to_text(data)
            result = _clean(pipeline, text, meta, outcome, job, line=None)
            output = result.text
        else:
            text, encoding = decode_bytes(data)
            if job.fmt == "jsonl":
                output = _clean_jsonl(pipeline, text, outcome, job, options)
            else:
                meta = {"encoding": encoding} if encoding != "utf-8" else {}
                result = _clean(pipeline, text, meta, outcome, job, line=None)
                output = result.text
                if options.diff:
                    outcome.diff = unified_diff(text, output, job.display)
        if job.dst is not None and not options.diff:
            if options.in_place:
                if outcome.changed == 0 and job.fmt != "jsonl":
                    return outcome
                if options.keep_backup:
                    backup(job.src)
            atomic_write(job.dst, output)
            outcome.written = True
    except InputError as exc:
        outcome.errors.append(f"{job.display}: {exc}")
    except OSError as exc:
        where = exc.filename or job.dst
        outcome.errors.append(f"{job.display}: cannot write {where}: {exc.strerror or exc}")
    return outcome


def _clean(pipeline: Pipeline, text: str, meta: dict[str, Any], outcome: FileOutcome, job: Job, *, line: int | None) -> Result:
    result = pipeline.run(text, meta)
    outcome.documents += 1
    outcome.changed += result.changed
    outcome.edits.update(e.stage for e in result.edits)
    where = f"{job.display}" + (f": line {line}" if line else "")
    for err in result.meta.get("errors", []):
        outcome.warnings.append(f"{where}: stage failed, text kept as it was before it: {err}")
    if "skipped" in result.meta:
        outcome.warnings.append(f"{where}: passed through unchanged: {result.meta['skipped']}")
    row: dict[str, Any] = {"path": job.display}
    if line:
        row["line"] = line
    row.update(result.to_dict())
    outcome.report_lines.append(json.dumps(row, ensure_ascii=False))
    return result


def _clean_jsonl(pipeline: Pipeline, text: str, outcome: FileOutcome, job: Job, options: RunOptions) -> str:
    out: list[str] = []
    for record in iter_jsonl(text, text_field=options.text_field, html_field=options.html_field):
        if record.error:
            outcome.errors.append(f"{job.display}: {record.error} (left out of the output)")
            continue
        result = _clean(pipeline, record.text, record.meta, outcome, job, line=record.line)
        out.append(dump_jsonl_record(record, result.text, result.meta, text_field=options.text_field))
        if options.diff:
            outcome.diff += unified_diff(record.text, result.text, f"{job.display}:{record.line}")
    return "".join(out)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of one document, empty when nothing changed."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


_PIPELINES: dict[Config, Pipeline] = {}


def _pipeline_for(config: Config) -> Pipeline:
    """One pipeline per configuration per process, so dictionaries load once in each worker."""
    if config not in _PIPELINES:
        _PIPELINES[config] = Pipeline(config)
    return _PIPELINES[config]


def clean_stream(text: str, config: Config) -> Result:
    """Clean text read from standard input."""
    return _pipeline_for(config).run(text)


__all__ = ["FileOutcome", "Job", "Record", "RunOptions", "UsageError", "clean_stream", "plan_jobs", "process_file"]
