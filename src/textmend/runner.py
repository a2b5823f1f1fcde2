"""Running the pipeline over files: find the work, clean it, write it safely, count it.

The unit of work is a small, picklable task: a whole text or HTML file (:func:`process_file`, which writes
its own output), or a chunk of JSONL lines (:func:`clean_jsonl_chunk`, whose output the parent writes in
order).  One code path serves one process and a pool of workers: :func:`run` submits tasks to a bounded
pool (or runs them inline for ``workers=1``) and hands each :class:`FileOutcome` to a callback, so
memory stays flat however large the input: a JSONL file is read, cleaned and written a chunk at a time.
"""

from __future__ import annotations

import contextlib
import difflib
import filecmp
import functools
import gzip
import io
import json
import os
import sys
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from textmend import stages
from textmend.config import Config
from textmend.edits import diff_opcodes
from textmend.io import (
    FORMATS,
    PAUSE,
    InputError,
    Record,
    StdinReader,
    atomic_write,
    backup,
    check_gzip,
    decode_bytes,
    display_path,
    dump_jsonl_record,
    forget_stale_temps,
    format_of,
    json_line,
    parse_jsonl_line,
    read_bytes,
    temp_beside,
    wide_encoding,
    with_bom,
    writable,
    written_through,
)
from textmend.pipeline import Pipeline, Result, within

#: Bytes of JSONL handed to a worker at a time: large enough to amortise the hand-over, small enough
#: that workers x in-flight chunks stay far below the memory budget, and that the last chunk, which one
#: worker cleans while the others wait, is short (512 KB against 1 MB: 50 MB with two workers 10.6-12.2 s
#: -> 10.2-10.6 s, interleaved runs).
CHUNK_BYTES = 1 << 19
#: Where, in the output folder, finished inputs are recorded for ``--resume`` (a hidden folder, never
#: read back as input).
MANIFEST = Path(".textmend") / "done.jsonl"

#: A job's ``src`` (or ``dst``) that is standard input (or output): ``textmend clean - --stdin-format jsonl``.
STDIN = Path("-")


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
    #: Put the input text in each report row (for the HTML report).
    report_original: bool = False


@dataclass
class FileOutcome:
    """What happened to one file (or one chunk of a JSONL file)."""

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
    skipped: bool = False
    #: Errors and warnings past :data:`MAX_MESSAGES`, counted but not kept.
    more_errors: int = 0
    more_warnings: int = 0

    def absorb(self, other: FileOutcome) -> None:
        """Add a chunk's counts to its file's outcome (report lines and diffs are passed on, not kept).
        At most :data:`MAX_MESSAGES` errors and warnings are kept a file; the others are counted: a binary
        file named .jsonl gave one message a line, millions of them, all held until the file ended."""
        self.bytes_in += other.bytes_in
        self.documents += other.documents
        self.changed += other.changed
        self.edits.update(other.edits)
        room = max(0, MAX_MESSAGES - len(self.errors))
        self.errors.extend(other.errors[:room])
        self.more_errors += other.more_errors + max(0, len(other.errors) - room)
        room = max(0, MAX_MESSAGES - len(self.warnings))
        self.warnings.extend(other.warnings[:room])
        self.more_warnings += other.more_warnings + max(0, len(other.warnings) - room)


#: Errors (and warnings) kept and printed for one file; the rest are counted ("... 4,213 more").
MAX_MESSAGES = 100


# --------------------------------------------------------------------------------------------- planning


def _output_name(src: Path, fmt: str) -> str:
    """HTML becomes text; other formats keep their name."""
    if fmt == "html":
        name = src.name
        for ending in (".html.gz", ".htm.gz", ".html", ".htm"):
            if name.lower().endswith(ending):
                return name[: -len(ending)] + ".txt"
    return src.name


def plan_jobs(
    sources: Iterable[Path],
    *,
    out: Path | None,
    in_place: bool,
    diff: bool,
    reports: Iterable[Path] = (),
    notes: list[str] | None = None,
) -> tuple[list[Job], list[str]]:
    """Find the files to clean and their outputs.  Returns the jobs and plain-word problems found.

    ``reports`` are the files this run writes besides its outputs (``--report``, ``--report-html``): one
    inside an input folder is never read back as an input (it is being written meanwhile; in place, the
    run would replace it).  ``notes`` receives warnings that are not errors: a folder with no file
    textmend reads (a wrong folder, or files of another type) was passed over in silence, '0 files'."""
    jobs: list[Job] = []
    problems: list[str] = []
    out_resolved = resolved_path(out) if out else None
    sources = list(sources)
    written = {resolved_path(r) for r in reports}
    for src in sources:
        if resolved_path(src) in written:
            raise UsageError(f"{src} is both an input and a report this run writes")
    if out is not None and out.exists() and not out.is_dir() and (len(sources) > 1 or any(s.is_dir() for s in sources)):
        raise UsageError(f"--out {out} is a file: with a folder or several inputs, --out names a folder")
    if (
        out is not None
        and not out.exists()
        and format_of(out) is not None
        and (len(sources) > 1 or any(s.is_dir() for s in sources))
    ):
        # 'clean a.txt b.txt --out both.txt' made a folder named both.txt, where one file was meant.
        raise UsageError(
            f"--out {out} looks like a file name: with a folder or several inputs, --out names a folder "
            "(make the folder first to use this name)"
        )
    for src in sources:
        if not src.exists():
            what = "is a broken link or a link loop" if src.is_symlink() else "does not exist"
            problems.append(f"{display_path(src)}: {what}")
            continue
        if src.is_dir():
            if out is None and not in_place and not diff:
                raise UsageError(f"{src} is a folder: say where to write with --out DIR, or use --in-place")
            found = len(jobs)
            others: Counter[str] = Counter()
            for path, rel in _walk(src, skip=out_resolved, problems=problems):
                fmt = format_of(path)
                if fmt is None:
                    others[path.suffix.lower() or path.name] += 1
                if fmt == "html" and in_place:
                    # One page in a folder cleaned in place stopped the whole run (a usage error, nothing
                    # cleaned); it is said, and the other files are cleaned.
                    problems.append(
                        f"{display_path(path)}: HTML is not cleaned in place (its output is text); use --out"
                    )
                    continue
                if fmt is not None and path.resolve() in written:
                    if not _an_earlier_report(path):
                        # It was replaced by the report, the input lost: a report named like an input.
                        raise UsageError(
                            f"{display_path(path)} is an input, and a report this run writes would replace it; "
                            "give the report another name"
                        )
                elif fmt is not None:
                    jobs.append(
                        Job(
                            path,
                            _destination(path, rel, fmt, out=out, in_place=in_place, diff=diff),
                            fmt,
                            display_path(path),
                        )
                    )
            if len(jobs) == found and notes is not None:
                notes.append(_nothing_to_clean(src, others))
        else:
            fmt = format_of(src)
            if fmt is None:
                problems.append(f"{display_path(src)}: unknown file type (textmend reads {', '.join(sorted(FORMATS))})")
                continue
            if out is None and not in_place and not diff:
                raise UsageError(f"say where to write {src} with --out, or use --in-place (or --diff to only look)")
            if out is not None and len(sources) == 1 and not out.is_dir() and (out.suffix or out.exists()):
                dst: Path | None = out  # one file to one named file
            else:
                dst = _destination(src, Path(src.name), fmt, out=out, in_place=in_place, diff=diff)
            jobs.append(Job(src, dst, fmt, display_path(src)))
    jobs = _check_destinations(jobs, in_place=in_place)
    for job in jobs:
        if job.dst is not None and resolved_path(job.dst) in written:
            raise UsageError(f"{job.dst} is both an output and a report this run writes")
    return jobs, problems


def resolved_path(path: Path) -> Path:
    """``path.resolve()``, or the absolute path where a link loop stops it (``resolve`` raised
    RuntimeError on a loop named on the command line: a traceback instead of the loop's message)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _an_earlier_report(path: Path) -> bool:
    """A file an earlier run wrote as its ``--report`` or ``--report-html`` (or an empty one): a report
    kept inside the input folder is replaced by the next run's; any other file there is an input."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head.strip():
        return True
    first = head.split(b"\n", 1)[0]
    return (first.startswith(b'{"path": ') and b'"meta": {' in first) or b"<title>textmend: " in head


def _nothing_to_clean(folder: Path, others: Counter[str]) -> str:
    """The warning for a folder that holds no file textmend reads, with what it holds instead."""
    endings = ", ".join(sorted(FORMATS))
    note = f"{display_path(folder)}: nothing to clean in this folder (textmend reads {endings})"
    if others:
        kinds = ", ".join(f"{n} {ending}" for ending, n in others.most_common(5))
        more = ", …" if len(others) > 5 else ""
        note += f"; {others.total()} other file{'s' if others.total() > 1 else ''} skipped ({kinds}{more})"
    return note


def _check_destinations(jobs: list[Job], *, in_place: bool) -> list[Job]:
    """The jobs, each input once (a file named twice, or named and inside a folder also named, is cleaned
    once); two inputs that would be written to the same output are a usage error."""
    seen: dict[Path, Path] = {}
    sources: set[tuple[Path, Path | None]] = set()
    unique: list[Job] = []
    for job in jobs:
        key = resolved_path(job.dst) if job.dst is not None else None
        if (job.src.resolve(), key) in sources:
            continue
        sources.add((job.src.resolve(), key))
        unique.append(job)
        if job.dst is None or key is None:
            continue
        if key in seen:
            raise UsageError(f"{seen[key]} and {job.src} would both be written to {job.dst}")
        seen[key] = job.src
        if job.fmt == "html" and in_place:
            raise UsageError(f"{job.src}: HTML cannot be cleaned in place (its output is text); use --out")
        if not in_place and key == job.src.resolve():
            raise UsageError(
                f"{job.src}: output would overwrite the input; use --in-place to allow it (a backup is kept)"
            )
    return unique


def _destination(path: Path, rel: Path, fmt: str, *, out: Path | None, in_place: bool, diff: bool) -> Path | None:
    if diff:
        return None
    if in_place:
        # A link is cleaned where its file is: the link stays a link and points to the cleaned text, the
        # backup is beside that file.  (The rename replaced the link with a cleaned copy, the file it
        # pointed to left as it was, and every other path to it.)
        return path.resolve() if path.is_symlink() else path
    assert out is not None
    return out / rel.parent / _output_name(path, fmt)


def _walk(root: Path, *, skip: Path | None, problems: list[str]) -> Iterator[tuple[Path, Path]]:
    """Files below ``root`` in a stable order, not following linked folders (so no loops), skipping the
    output folder when it lies inside the input, hidden entries and textmend's own backups."""

    def onerror(exc: OSError) -> None:
        problems.append(f"{display_path(exc.filename or root)}: cannot be listed: {exc.strerror or exc}")

    for folder, dirs, files in os.walk(root, followlinks=False, onerror=onerror):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (here / d).resolve() != skip))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".orig"):
                continue
            path = here / name
            if path.is_symlink() and not path.exists():
                problems.append(f"{display_path(path)}: is a broken link or a link loop")
                continue
            yield path, path.relative_to(root)


# ------------------------------------------------------------------------------------------- cleaning

_PIPELINES: dict[Config, Pipeline] = {}


def pipeline_for(config: Config) -> Pipeline:
    """One pipeline per configuration per process, so dictionaries load once in each worker."""
    pipeline = _PIPELINES.get(config)
    if pipeline is None:
        pipeline = _PIPELINES[config] = Pipeline(config)
    return pipeline


def _clean(
    text: str,
    meta: dict[str, Any],
    outcome: FileOutcome,
    config: Config,
    options: RunOptions,
    *,
    where: str,
    line: int | None,
) -> Result:
    result = pipeline_for(config).run(text, meta)
    outcome.documents += 1
    outcome.changed += result.changed
    outcome.edits.update(e.stage for e in result.edits)
    at = where + (f": line {line}" if line else "")
    for err in result.meta.get("errors", []):
        outcome.errors.append(f"{at}: stage failed, text kept as it was before it: {err}")
    if "skipped" in result.meta:
        outcome.warnings.append(f"{at}: passed through unchanged: {result.meta['skipped']}")
    if options.report:
        row: dict[str, Any] = {"path": where}
        if line:
            row["line"] = line
        row.update(result.to_dict())
        if options.report_original:
            row["original"] = result.original
        outcome.report_lines.append(json_line(row))
    return result


def process_file(job: Job, config: Config, options: RunOptions) -> FileOutcome:
    """Read, clean and write one text or HTML file.  Never raises for a bad input: see ``errors``."""
    outcome = FileOutcome(job.display)
    encoding = "utf-8"
    try:
        data = read_bytes(job.src)
        outcome.bytes_in = len(data)
        if job.fmt == "html":
            text, meta, warning = html_page_text(data, config)
            if warning:
                outcome.warnings.append(f"{job.display}: {warning}")
        else:
            text, encoding = decode_bytes(data, stray_nuls=True)
            meta = {"encoding": encoding} if encoding != "utf-8" else {}
            note = stray_nul_note(data, encoding)
            if note:
                outcome.warnings.append(f"{job.display}: {note}")
        result = _clean(text, meta, outcome, config, options, where=job.display, line=None)
        if options.diff:
            outcome.diff = unified_diff(text, result.text, job.display)
        elif job.dst is not None:
            if options.in_place:
                if not result.changed:
                    return outcome
                if options.keep_backup:
                    backup(job.dst)
            written = with_bom(result.text, encoding)
            if job.fmt == "html" and written and not written.endswith("\n"):
                # The article text of a page is a text file now: it ends in a line feed, as text files do
                # (trafilatura's text has none: 'cat' ran the prompt on, 'wc -l' counted a line short).
                written += "\n"
            atomic_write(job.dst, written, durable=options.in_place)  # see atomic_write: the input stays
            outcome.written = True
    except InputError as exc:
        outcome.errors.append(f"{job.display}: {exc}")
    except OSError as exc:
        outcome.errors.append(_cannot_write(job, exc))
    return outcome


def stray_nul_note(data: bytes, encoding: str) -> str:
    """What to say of a text file read with NUL bytes in it (:func:`textmend.io.decode_bytes` with
    ``stray_nuls``), or "" for one without."""
    if encoding.startswith(("utf-16", "utf-32")):
        return ""
    nuls = data.count(0)
    if not nuls:
        return ""
    return f"{nuls} NUL byte{'s' if nuls > 1 else ''} among the text: read as text, not refused as binary"


def html_page_text(data: bytes, config: Config) -> tuple[str, dict[str, Any], str]:
    """An HTML page's article text and metadata, found within ``max_seconds``, and a warning ("" if none)
    when the page holds no article.  Raises :class:`InputError` for binary data, broken gzip data and a
    page that takes too long."""
    try:
        text, meta = within(config.max_seconds, lambda: _html_file_to_text(data))
    except TimeoutError:
        raise InputError(
            f"finding the article in the HTML took over {config.max_seconds:g} s (max_seconds): "
            "too large or too complex a page; nothing written"
        ) from None
    found = meta.get("html_extraction", "empty input")
    return text, meta, "" if found == "empty input" else f"no article text found ({found}): output empty"


def _html_file_to_text(data: bytes) -> tuple[str, dict[str, Any]]:
    """An HTML file's article text; binary data and broken gzip data are errors, not an empty page."""
    from textmend.html import html_to_text

    if b"\x00" in data and data[:2] != b"\x1f\x8b":
        decode_bytes(data)  # raises InputError for binary data; HTML in UTF-16 passes
    try:
        return html_to_text(data)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"is not a valid gzip file ({exc})") from None


def _cannot_write(job: Job, exc: OSError) -> str:
    """A write error naming the output, not the temporary file beside it, and the folder in the way
    when one could not be made."""
    why = exc.strerror or str(exc)
    name = os.fsdecode(exc.filename) if exc.filename is not None else None
    temporary = name is not None and os.path.basename(name).startswith(".") and name.endswith(".tmp")
    if name is not None and not temporary and job.dst is not None and Path(name) != job.dst:
        if Path(name).parent == job.dst.parent and Path(name).name.startswith(job.dst.name + ".orig"):
            # The backup, made before the rewrite: 'cannot write a.txt: a.txt.orig: Permission denied'.
            return f"{job.display}: cannot keep a backup as {name}: {why}; left as it was"
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            why = f"a file is in the way of the folder {name}"
        else:
            why = f"{name}: {why}"
    return f"{job.display}: cannot write {job.dst}: {why}"


def clean_jsonl_chunk(
    display: str, lines: list[tuple[int, bytes]], config: Config, options: RunOptions
) -> tuple[FileOutcome, str]:
    """Clean a chunk of JSONL lines; returns the chunk's outcome and its output lines."""
    outcome = FileOutcome(display)
    out: list[str] = []
    for number, raw in lines:
        outcome.bytes_in += len(raw)
        try:
            text, _ = decode_bytes(raw)
        except InputError as exc:
            # Binary bytes (a NUL): not text to clean, but a line of the input, so it is written through as
            # it was, byte for byte (escaped into the text and back by the output's "surrogateescape").
            outcome.errors.append(f"{display}: line {number}: {exc} (written through unchanged)")
            line = raw.decode("utf-8", "surrogateescape")
            out.append(line if line.endswith("\n") else line + "\n")
            continue
        parse = functools.partial(
            parse_jsonl_line, text, number, text_field=options.text_field, html_field=options.html_field
        )
        try:  # HTML extraction, the one slow part of reading a line, under the document's time cap
            record = within(config.max_seconds, parse) if options.html_field else parse()
        except TimeoutError:
            why = f"finding the article in field {options.html_field!r} took over {config.max_seconds:g} s"
            record = Record("", line=number, error=f"line {number}: {why} (max_seconds)")
        if record is None:
            continue
        if record.error:
            # Nothing is lost: a line that cannot be cleaned (not JSON, no text) goes to the output as it
            # was, so the output has every record of the input, in order.
            outcome.errors.append(f"{display}: {record.error} (written through unchanged)")
            out.append(text if text.endswith("\n") else text + "\n")
            continue
        result = _clean(record.text, record.meta, outcome, config, options, where=display, line=number)
        dumped = dump_jsonl_record(record, result.text, result.meta, text_field=options.text_field)
        # A record keeps its line end: a JSONL file written on Windows (CRLF) came out with LF on the
        # cleaned lines and CRLF on the lines written through as they were.
        out.append(dumped[:-1] + "\r\n" if raw.endswith(b"\r\n") else dumped)
        if options.diff:
            outcome.diff += unified_diff(record.text, result.text, f"{display}:{number}")
    return outcome, "".join(out)


def _jsonl_chunks(fh: Iterable[bytes], chunk_bytes: int) -> Iterator[list[tuple[int, bytes]] | None]:
    """The lines of ``fh`` in chunks of about ``chunk_bytes``, numbered from 1.  Where a stream pauses
    (:data:`textmend.io.PAUSE`), the lines so far make a chunk, followed by None: write what is cleaned."""
    chunk: list[tuple[int, bytes]] = []
    size = 0
    number = 0
    lines = iter(fh)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            break
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:  # a truncated or corrupt .jsonl.gz
            raise InputError(f"is not a valid gzip file ({exc}); nothing written") from None
        if raw == PAUSE:
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield None
            continue
        number += 1
        chunk.append((number, raw))
        size += len(raw)
        if size >= chunk_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of one document, empty when nothing changed (``a/NAME``, ``b/NAME`` as git writes
    them; an absolute path is written once without the prefix's slash doubled: ``a/tmp/x.txt``)."""
    if before == after:
        return ""
    before, after = writable(before), writable(after)
    name = name.lstrip("/")
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(a) + len(b) <= _DIFFLIB_LINES:
        lines: Iterable[str] = difflib.unified_diff(a, b, fromfile=f"a/{name}", tofile=f"b/{name}")
    else:
        lines = _unified_diff_of_long(a, b, f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


#: Documents of more lines (both versions together) are diffed with :func:`textmend.edits.diff_opcodes`.
_DIFFLIB_LINES = 2000


def _unified_diff_of_long(a: list[str], b: list[str], fromfile: str, tofile: str, n: int = 3) -> Iterator[str]:
    """``difflib.unified_diff`` with the changed stretches found by :func:`textmend.edits.diff_opcodes`,
    linear in the lines: difflib's own matcher took over five minutes on 200,000 lines a third of which
    cleaning changed (``--diff`` of one file hung the run).  Hunks are grouped by difflib, as in its
    own diffs."""
    opcodes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for i1, i2, j1, j2 in diff_opcodes(a, b):
        if i1 > i:
            opcodes.append(("equal", i, i1, j, j1))
        opcodes.append(("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert", i1, i2, j1, j2))
        i, j = i2, j2
    if i < len(a) or j < len(b):
        opcodes.append(("equal", i, len(a), j, len(b)))
    matcher = _GivenOpcodes(a, b, opcodes)
    started = False
    for group in matcher.get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_hunk_range(first[1], last[2])} +{_hunk_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            yield from ("-" + line for line in a[i1:i2])
            yield from ("+" + line for line in b[j1:j2])


class _GivenOpcodes(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """A matcher whose opcodes are given, for difflib's grouping of them into hunks."""

    def __init__(self, a: list[str], b: list[str], opcodes: list[tuple[str, int, int, int, int]]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._given = opcodes

    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:  # type: ignore[override]
        return self._given


def _hunk_range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (difflib's ``_format_range_unified``)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range begins at the line before
    return f"{beginning},{length}"


def clean_stream(text: str, config: Config, meta: dict[str, Any] | None = None) -> Result:
    """Clean a document read from standard input."""
    return pipeline_for(config).run(text, meta)


# -------------------------------------------------------------------------------------------- running


class _Inline(Executor):
    """An executor that runs each task at once, in this process (``--jobs 1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _warm(config: Config) -> None:
    pipeline_for(config)


def _tasks(jobs: list[Job]) -> int:
    """How many tasks ``jobs`` make at most: one per text or HTML file, one per chunk of a JSONL file (a
    gzipped one counted as many).  A worker more than that would only be forked and wait, and one
    file's run is cleaned in this process (with ``--jobs 1``'s output)."""
    tasks = 0
    for job in jobs:
        if job.fmt != "jsonl":
            tasks += 1
            continue
        if job.src == STDIN:  # of a size not known: as many as there are workers
            return 1 << 30
        try:
            size = job.src.stat().st_size
        except OSError:
            size = 0
        tasks += 1 + size // CHUNK_BYTES * (16 if job.src.name.endswith(".gz") else 1)
    return tasks


def make_executor(workers: int, config: Config) -> Executor:
    """A process pool whose workers build the pipeline once each, or an inline executor for one worker."""
    if workers <= 1:
        return _Inline()
    for name in config.stages:  # what the workers would each build on their own, built once to share
        stages.share(name, config.options[name])
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=_warm, initargs=(config,)
    )


def run(
    jobs: list[Job],
    config: Config,
    options: RunOptions,
    *,
    workers: int = 1,
    on_outcome: Callable[[FileOutcome], None],
    on_chunk: Callable[[FileOutcome], None] | None = None,
    executor: Executor | None = None,
    stdin: StdinReader | None = None,
) -> None:
    """Clean every job, calling ``on_outcome`` once per file in the parent process.

    Text and HTML files are tasks of their own; JSONL files are read here and cleaned a chunk at a time
    by the workers, their output written here in order.  At most ``4 x workers`` tasks are in flight
    (written in order, so a slow chunk holds the ones after it: more in flight keeps the workers busy);
    two with one worker, which runs each task as it is submitted.
    ``on_chunk`` sees each JSONL chunk's outcome as it arrives (report lines, diff, progress).
    ``stdin`` is read for a JSONL job whose ``src`` is ``-`` (see :data:`STDIN`).
    """
    own = executor is None
    forget_stale_temps()  # before the workers fork: each looks at the output folders afresh
    if own:
        workers = min(workers, _tasks(jobs))
    pool = executor or make_executor(workers, config)
    limit = 4 * workers if workers > 1 else 2  # one worker runs each task as it is submitted
    try:
        pending: deque[Future[FileOutcome]] = deque()
        for job in (j for j in jobs if j.fmt != "jsonl"):
            pending.append(pool.submit(process_file, job, config, options))
            while len(pending) >= limit:
                on_outcome(pending.popleft().result())
        while pending:
            on_outcome(pending.popleft().result())
        for job in (j for j in jobs if j.fmt == "jsonl"):
            on_outcome(_run_jsonl(job, config, options, pool, limit, on_chunk, stdin))
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


def _run_jsonl(
    job: Job,
    config: Config,
    options: RunOptions,
    pool: Executor,
    limit: int,
    on_chunk: Callable[[FileOutcome], None] | None,
    stdin: StdinReader | None = None,
) -> FileOutcome:
    total = FileOutcome(job.display)
    # Standard output is written a chunk at a time as each is cleaned, flushed, and left open.
    stdout: BinaryIO | None = sys.stdout.buffer if job.dst == STDIN and not options.diff else None
    sink: io.TextIOWrapper | None = None
    raw: BinaryIO | None = None
    tmp: str | None = None
    try:
        if job.dst is not None and not options.diff and stdout is None:
            if written_through(job.dst):  # --out /dev/stdout: written to, not renamed over (atomic_write)
                raw = job.dst.open("ab")
            else:
                fd, tmp = temp_beside(job.dst)
                raw = os.fdopen(fd, "wb")
            # FILE.jsonl.gz is written gzipped, as its name says (mtime 0: the same input, the same bytes)
            packed = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if job.dst.name.lower().endswith(".gz") else raw
            # surrogateescape: a binary line goes back as its bytes (records never hold a surrogate: json_line)
            sink = io.TextIOWrapper(packed, encoding="utf-8", errors="surrogateescape", newline="")  # type: ignore[arg-type]
        with _open_jsonl(job.src, stdin) as fh:
            pending: deque[Future[tuple[FileOutcome, str]]] = deque()

            def drain_one() -> None:
                chunk_outcome, text = pending.popleft().result()
                if sink is not None:
                    sink.write(text)
                elif stdout is not None:
                    stdout.write(text.encode("utf-8", "surrogateescape"))
                    stdout.flush()
                total.absorb(chunk_outcome)
                if on_chunk is not None:
                    on_chunk(chunk_outcome)

            for chunk in _jsonl_chunks(fh, CHUNK_BYTES):
                if chunk is None:  # the stream paused: write all that is read before waiting for more
                    while pending:
                        drain_one()
                    continue
                pending.append(pool.submit(clean_jsonl_chunk, job.display, chunk, config, options))
                while len(pending) >= limit:
                    drain_one()
            while pending:
                drain_one()
        if stdout is not None:
            total.written = True
        if sink is not None and raw is not None:
            sink.flush()
            packed_file = sink.detach()
            sink = None
            if packed_file is not raw:
                packed_file.close()  # ends the gzip stream; the file beneath stays open
            raw.flush()
            if tmp is None:  # written through
                raw.close()
                raw = None
                total.written = True
                return total
            if options.in_place:  # the one copy of the input is replaced (atomic_write's durable)
                os.fsync(raw.fileno())
            raw.close()
            raw = None
            if options.in_place and filecmp.cmp(tmp, job.src, shallow=False):
                return total  # nothing changed: the input stays as it is, with no backup (finally: tmp goes)
            if options.in_place and options.keep_backup and job.dst is not None:
                backup(job.dst)
            os.replace(tmp, job.dst)  # type: ignore[arg-type]
            tmp = None
            total.written = True
    except InputError as exc:
        total.errors.append(f"{job.display}: {exc}")
    except OSError as exc:
        total.errors.append(_cannot_write(job, exc))
    finally:
        for stream in (sink, raw):
            if stream is not None:
                try:
                    stream.close()
                except (OSError, ValueError):
                    pass
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return total


def _open_jsonl(path: Path, stdin: StdinReader | None = None) -> contextlib.AbstractContextManager[Iterable[bytes]]:
    if path == STDIN:
        if stdin is None:
            raise InputError("standard input is not read here")
        return contextlib.nullcontext(stdin.lines())
    try:
        if path.name.lower().endswith(".gz"):
            check_gzip(path)
            fh: BinaryIO = gzip.open(path, "rb")  # type: ignore[assignment]
        else:
            fh = path.open("rb")
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except PermissionError:
        raise InputError("cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from None
    try:
        wide = wide_encoding(fh.peek(4096)[:4096])  # type: ignore[attr-defined]
    except (gzip.BadGzipFile, EOFError, zlib.error):
        wide = None  # a corrupt .gz: said when its lines are read
    if wide is None:
        return fh
    return _Recoded(fh, wide)  # type: ignore[return-value]


class _Recoded:
    """A JSONL file in UTF-16 or UTF-32, read as its lines in UTF-8 (split at "\n" only, as the bytes of a
    UTF-8 file are); a code unit that is not UTF-16 becomes U+FFFD."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="\n")  # type: ignore[type-var]

    def __iter__(self) -> Iterator[bytes]:
        return (line.encode("utf-8") for line in self._text)

    def __enter__(self) -> _Recoded:
        return self

    def __exit__(self, *exc: object) -> None:
        self._text.close()


# --------------------------------------------------------------------------------------------- resume


def manifest_path(jobs: list[Job], out: Path | None, sources: list[Path]) -> Path | None:
    """Where finished inputs are recorded: in the output folder, or beside the inputs for --in-place."""
    if out is not None:  # a folder, unless the one input is written to the file --out names
        return None if any(job.dst == out for job in jobs) else out / MANIFEST
    if not out and sources and all(s.is_dir() for s in sources) and len(sources) == 1:
        return sources[0] / MANIFEST
    return None


def _stamp(job: Job, config: Config) -> dict[str, Any] | None:
    try:
        st = job.src.stat()
    except OSError:
        return None
    return {
        "src": str(job.src.resolve()),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "config": config.fingerprint(),
    }


def load_done(manifest: Path | None) -> dict[str, int | None]:
    """Finished inputs recorded by an earlier run (a torn last line, from a killed run, is ignored): each
    input's stamp, as a key, and the size its output had then (None in a record of an older version)."""
    if manifest is None or not manifest.is_file():
        return {}
    done: dict[str, int | None] = {}
    for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            stamp = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(stamp, dict):
            continue
        out_size = stamp.pop("out_size", None)
        done[json.dumps(stamp, sort_keys=True)] = out_size if isinstance(out_size, int) else None
    return done


def already_done(job: Job, config: Config, done: dict[str, int | None]) -> bool:
    """True when the same input, unchanged, was finished with the same configuration and its output is
    there as it was written: of the size recorded.  Outputs are not flushed to the disk one by one
    (:func:`textmend.io.atomic_write`), so after a power loss the record of a file can outlive its
    data; the file then is empty or short, and is cleaned again."""
    stamp = _stamp(job, config)
    if stamp is None:
        return False
    key = json.dumps(stamp, sort_keys=True)
    if key not in done:
        return False
    if job.dst is None:
        return True
    try:
        size = job.dst.stat().st_size
    except OSError:
        return False
    recorded = done[key]
    return recorded is None or recorded == size


def record_done(manifest: Path | None, job: Job, config: Config) -> None:
    """Append a finished input to the manifest (one short line, flushed), with the size of its output."""
    stamp = _stamp(job, config)
    if manifest is None or stamp is None:
        return
    if job.dst is not None:
        try:
            stamp["out_size"] = job.dst.stat().st_size
        except OSError:
            return  # no output to vouch for: a --resume run does it again
    try:
        manifest.parent.mkdir(parents=True, exist_ok=True)
        with manifest.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(stamp, sort_keys=True) + "\n")
    except OSError:
        pass  # the output is written; unrecorded, a --resume run does it again


__all__ = [
    "FileOutcome",
    "Job",
    "RunOptions",
    "UsageError",
    "clean_jsonl_chunk",
    "clean_stream",
    "plan_jobs",
    "process_file",
    "run",
]
