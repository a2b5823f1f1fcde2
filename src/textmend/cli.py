"""The ``textmend`` command line.

``textmend clean SRC... --out DST`` cleans files and folders; ``textmend clean -`` filters standard input.
Errors are one line each, ``textmend: PATH: what is wrong``; the run goes on with the other files.
"""

from __future__ import annotations

import enum
import io
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer
from typer.core import TyperArgument, TyperCommand

from textmend import __version__, stages
from textmend.config import Config, ConfigError

if TYPE_CHECKING:
    from textmend.io import StdinReader
    from textmend.runner import Job


class Exit(enum.IntEnum):
    """Exit status: 0 all done, 1 some inputs failed (the others were written), 2 usage error."""

    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130  # Ctrl-C, as shells report it


app = typer.Typer(
    name="textmend",
    help="Repair and clean scraped news text: mojibake, typography, boilerplate, spun wording, glued words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _Command(TyperCommand):
    """A command whose help reads as a command line's usually does: typer writes a required argument as
    ``{SOURCES}...`` in the usage line and gives each argument its Python type (``SOURCES <list[str]>``,
    ``FILE <path>``); here ``SOURCES...`` and ``FILE``, the help text saying what they are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type  # type: ignore[method-assign]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [_REQUIRED_ARGUMENT.sub(r"\1", piece) for piece in super().collect_usage_pieces(ctx)]


#: typer's usage-line form of a required argument, ``{NAME}`` (``{NAME}...`` for several).
_REQUIRED_ARGUMENT = re.compile(r"^\{([^{}]+)\}")


def _no_type(ctx: Any) -> str | None:
    return None


def _err(message: str) -> None:
    print(f"textmend: {message}", file=sys.stderr, flush=True)


def _version(value: bool) -> None:
    if value:
        print(f"textmend {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
) -> None:
    """textmend: repair and clean scraped news text before it is indexed."""


_STAGES_PANEL = "Stages"


def _stage_help(name: str) -> str:
    """A stage switch's help: what the stage fixes, and that the switch wins over a configuration file."""
    default = "on" if name in stages.DEFAULT else "off"
    return f"{stages.DESCRIPTIONS[name]}  [default: {default}, or per the config file]"


_OUTPUT_PANEL = "Output"
_INPUT_PANEL = "Input"


def build_config(
    *,
    config_file: Path | None,
    grammar: str | None,
    disable: list[str],
    encoding: bool | None = None,
    typography: bool | None = None,
    boilerplate: bool | None = None,
    despin: bool | None = None,
    words: bool | None = None,
) -> Config:
    """The configuration file (given or discovered), then the command line on top of it: ``--STAGE``
    switches on a stage the file leaves out, ``--no-STAGE`` switches one off (None: as the file says)."""
    cfg = Config.from_file(config_file) if config_file else Config.discover()
    switches = {
        "encoding": encoding,
        "typography": typography,
        "boilerplate": boilerplate,
        "despin": despin,
        "words": words,
    }
    cfg = cfg.with_stages(
        enable=[name for name, on in switches.items() if on is True],
        disable=[name for name, on in switches.items() if on is False],
    )
    from textmend.stages.grammar import HOW_TO_START, URL_ENV

    if grammar is not None:  # --grammar URL, or --grammar '' for the URL in the environment
        cfg = cfg.with_stages(enable=["grammar"])
        url = grammar or os.environ.get(URL_ENV)
        if url:
            cfg = cfg.with_options("grammar", url=url)
    if "grammar" in cfg.stages and not cfg.options["grammar"].url:
        # Said once here, not once per document; the other stages still run.
        _err(f"grammar stage skipped: {HOW_TO_START}")
        cfg = cfg.with_stages(disable=["grammar"])
    if "grammar" in cfg.stages:
        # A server that does not answer was found by each document, which kept its text and said nothing:
        # the run ended 'all done' without a word of grammar checked.  Asked once here, and said once.
        from textmend.stages.grammar import ServerError, post_check

        options = cfg.options["grammar"]
        try:
            post_check(options.url, "Hello.", options.language, options.timeout)
        except ServerError as exc:
            _err(f"grammar stage skipped: {exc}")
            cfg = cfg.with_stages(disable=["grammar"])
    return cfg.with_disabled_rules(disable)


_CLEAN_EXAMPLES = """Examples:

\b
  textmend clean corpus/ --out cleaned/       folders are walked; cleaned/ mirrors corpus/
  textmend clean a.txt --out a.clean.txt      one file to one file
  textmend clean - < in.txt > out.txt         standard input to standard output
  zcat news.jsonl.gz | textmend clean -       a JSONL stream, record by record (told by its first line)
  textmend clean corpus/ --in-place           rewrite the inputs, keeping FILE.orig
  textmend clean corpus/ --diff               write nothing, show what would change
  textmend clean news.jsonl --out o/ --text-field body --report report.jsonl

Exit status: 0 all done; 1 some inputs failed (the others were written); 2 usage error;
130 interrupted (the outputs written are whole; --resume does the rest)."""


@app.command(epilog=_CLEAN_EXAMPLES, cls=_Command)
def clean(
    source_args: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCES",
            help="Files or folders to clean; '-' reads standard input (text, JSONL or HTML: see --stdin-format).",
        ),
    ],
    out_arg: Annotated[
        Optional[str],
        typer.Option(
            "--out",
            "-o",
            metavar="DST",
            help="Where to write: a folder (or a file, for one input).",
            rich_help_panel=_OUTPUT_PANEL,
        ),
    ] = None,
    in_place: Annotated[
        bool,
        typer.Option(
            "--in-place", help="Rewrite the inputs, keeping each original as FILE.orig.", rich_help_panel=_OUTPUT_PANEL
        ),
    ] = False,
    no_backup: Annotated[
        bool, typer.Option("--no-backup", help="With --in-place: keep no .orig backup.", rich_help_panel=_OUTPUT_PANEL)
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Write nothing; print a unified diff of what would change.", rich_help_panel=_OUTPUT_PANEL
        ),
    ] = False,
    report: Annotated[
        Optional[Path],
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write one JSON line per document: its edits and metadata ('-': standard output).",
            rich_help_panel=_OUTPUT_PANEL,
        ),
    ] = None,
    report_html: Annotated[
        Optional[Path],
        typer.Option(
            "--report-html",
            metavar="FILE",
            help="Write one HTML page to review every change, side by side.",
            rich_help_panel=_OUTPUT_PANEL,
        ),
    ] = None,
    rules_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--rules",
            metavar="DIR",
            help="Use this rules folder (an edited copy of rules/) instead of the shipped one; checked before the run.",
            rich_help_panel=_INPUT_PANEL,
        ),
    ] = None,
    text_field: Annotated[
        str,
        typer.Option(
            "--text-field", metavar="FIELD", help="JSONL: the field holding the text.", rich_help_panel=_INPUT_PANEL
        ),
    ] = "text",
    html_field: Annotated[
        Optional[str],
        typer.Option(
            "--html-field",
            metavar="FIELD",
            help="JSONL: a field holding HTML, used when the text field is absent.",
            rich_help_panel=_INPUT_PANEL,
        ),
    ] = None,
    stdin_format: Annotated[
        str,
        typer.Option(
            "--stdin-format",
            metavar="auto|text|jsonl|html",
            help=(
                "How to read '-' (standard input): 'auto' (default) reads JSONL when the first line is a JSON "
                "object with the text field, HTML when it starts with <!doctype html> or <html>, else one text."
            ),
            rich_help_panel=_INPUT_PANEL,
        ),
    ] = "auto",
    config_file: Annotated[
        Optional[Path],
        typer.Option(
            "--config",
            metavar="FILE",
            help="A textmend.toml (default: the nearest textmend.toml or pyproject.toml [tool.textmend]).",
            rich_help_panel=_INPUT_PANEL,
        ),
    ] = None,
    encoding: Annotated[
        Optional[bool],
        typer.Option("--encoding/--no-encoding", help=_stage_help("encoding"), rich_help_panel=_STAGES_PANEL),
    ] = None,
    typography: Annotated[
        Optional[bool],
        typer.Option("--typography/--no-typography", help=_stage_help("typography"), rich_help_panel=_STAGES_PANEL),
    ] = None,
    boilerplate: Annotated[
        Optional[bool],
        typer.Option("--boilerplate/--no-boilerplate", help=_stage_help("boilerplate"), rich_help_panel=_STAGES_PANEL),
    ] = None,
    despin: Annotated[
        Optional[bool],
        typer.Option("--despin/--no-despin", help=_stage_help("despin"), rich_help_panel=_STAGES_PANEL),
    ] = None,
    words: Annotated[
        Optional[bool],
        typer.Option("--words/--no-words", help=_stage_help("words"), rich_help_panel=_STAGES_PANEL),
    ] = None,
    grammar: Annotated[
        Optional[str],
        typer.Option(
            "--grammar",
            metavar="URL",
            help="Run the grammar stage against this LanguageTool server URL ('' = $TEXTMEND_LANGUAGETOOL_URL).",
            rich_help_panel=_STAGES_PANEL,
        ),
    ] = None,
    disable: Annotated[
        list[str],
        typer.Option(
            "--disable",
            metavar="STAGE.RULE",
            help=(
                "Switch off a rule, family or stage: 'typography.space_run', 'boilerplate.share'. Repeatable; "
                "an unknown name is an error ('textmend rules list' prints the names)."
            ),
            rich_help_panel=_STAGES_PANEL,
        ),
    ] = [],  # noqa: B006 - typer needs a literal default
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: the number of cores).")
    ] = os.cpu_count() or 1,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="local|ray",
            help="'local' (processes on this machine) or 'ray' (Ray Data; JSONL or Parquet, needs textmend[ray]).",
        ),
    ] = "local",
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip inputs an earlier run finished unchanged, with the same settings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
) -> None:
    """Clean files, folders (recursively) or standard input."""
    started = time.perf_counter()  # the summary's time is the run's, loading the rules included
    # Kept as text until here: with --engine ray they may be URLs (s3://...), which Path would mangle.
    sources = [Path(s) for s in source_args]
    out = Path(out_arg) if out_arg is not None else None
    if rules_dir is not None and _use_rules(rules_dir) != Exit.OK:
        raise typer.Exit(Exit.USAGE)
    try:
        cfg = build_config(
            config_file=config_file,
            encoding=encoding,
            typography=typography,
            boilerplate=boilerplate,
            despin=despin,
            words=words,
            grammar=grammar,
            disable=disable,
        )
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(Exit.USAGE) from None
    if in_place and (out or diff):
        _err("--in-place cannot be combined with --out or --diff")
        raise typer.Exit(Exit.USAGE)
    if no_backup and not in_place:
        # It did nothing, silently: a user who meant --in-place --no-backup got an --out run, or none.
        _err("--no-backup goes with --in-place (backups are made only when inputs are rewritten)")
        raise typer.Exit(Exit.USAGE)
    if report is not None and report_html is not None and _same_file(report, report_html):
        # One was written over the other, the JSONL report lost without a word.
        _err(f"--report and --report-html both name {report}; give each a file of its own")
        raise typer.Exit(Exit.USAGE)
    if report is not None and str(report) == "-" and (diff or (source_args == ["-"] and out_arg is None)):
        # '--report -' wrote a file named '-'; it is standard output now, unless that carries something else.
        _err(f"--report -: standard output already carries the {'diff' if diff else 'cleaned text'}; give a file")
        raise typer.Exit(Exit.USAGE)
    if in_place and "-" in source_args:
        _err("--in-place rewrites files; it cannot be used with '-' (standard input): use --out FILE")
        raise typer.Exit(Exit.USAGE)
    if stdin_format not in _STDIN_FORMATS:
        _err(f"--stdin-format must be one of {', '.join(_STDIN_FORMATS)}, not {stdin_format!r}")
        raise typer.Exit(Exit.USAGE)
    if engine not in ("local", "ray"):
        _err(f"--engine must be 'local' or 'ray', not {engine!r}")
        raise typer.Exit(Exit.USAGE)
    if engine == "local":
        _prepare_or_exit(cfg)
    if engine == "ray":
        raise typer.Exit(
            _clean_ray(
                source_args, cfg, out=out_arg, text_field=text_field, jobs=jobs, jobs_given=_given("--jobs", "-j")
            )
        )
    reader: StdinReader | None = None
    if [str(s) for s in sources] == ["-"]:
        if resume:
            _err("--resume: standard input is cleaned whole each time; there is nothing to resume")
        from textmend.io import StdinReader

        reader = StdinReader(sys.stdin.buffer)
        fmt = _stdin_format(reader, stdin_format, text_field=text_field, html_field=html_field)
        if fmt != "jsonl":
            raise typer.Exit(
                _clean_stdin(
                    cfg, reader, html=fmt == "html", out=out, diff=diff, report=report, report_html=report_html
                )
            )
    elif any(str(s) == "-" for s in sources):
        _err("'-' (standard input) cannot be mixed with files")
        raise typer.Exit(Exit.USAGE)
    elif stdin_format != "auto":
        _err("--stdin-format says how to read '-' (standard input); a file's format is told by its name")
        raise typer.Exit(Exit.USAGE)
    raise typer.Exit(
        _clean_files(
            sources,
            cfg,
            out=out,
            in_place=in_place,
            keep_backup=not no_backup,
            diff=diff,
            report=report,
            report_html=report_html,
            text_field=text_field,
            html_field=html_field,
            quiet=quiet,
            jobs=jobs,
            resume=resume and reader is None,
            started=started,
            stdin=reader,  # a JSONL stream: records in, records out
        )
    )


_STDIN_FORMATS = ("auto", "text", "jsonl", "html")


def _stdin_format(reader: StdinReader, asked: str, *, text_field: str, html_field: str | None) -> str:
    """The format of standard input: as asked, or told from its first line."""
    if asked != "auto":
        return asked
    if reader.looks_jsonl(text_field, html_field):
        return "jsonl"
    head = reader.first_line()[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _clean_stdin(
    cfg: Config,
    reader: StdinReader,
    *,
    html: bool,
    out: Path | None,
    diff: bool,
    report: Path | None,
    report_html: Path | None,
) -> int:
    """One document from standard input (text, or an HTML page whose article text is cleaned)."""
    from textmend.io import InputError, atomic_write, decode_bytes, json_line, with_bom
    from textmend.runner import clean_stream, html_page_text, stray_nul_note, unified_diff

    if out is not None and out.is_dir():
        _err(f"{out} is a folder: with '-' (standard input), --out names the file to write")
        return Exit.USAGE
    if out is not None and any(r is not None and _same_file(out, r) for r in (report, report_html)):
        _err(f"{out} is both the output and a report this run writes")
        return Exit.USAGE
    data = reader.read_all()
    meta: dict[str, Any] = {}
    try:
        if html:
            encoding = "utf-8"
            text, meta, warning = html_page_text(data, cfg)
            if warning:
                _err(f"-: {warning}")
        else:
            text, encoding = decode_bytes(data, stray_nuls=True)
    except InputError as exc:
        _err(f"-: {exc}")
        return Exit.SOME_FAILED
    note = "" if html else stray_nul_note(data, encoding)
    if note:
        _err(f"-: {note}")
    result = clean_stream(text, cfg, meta)
    written = with_bom(result.text, encoding)
    if html and written and not written.endswith("\n"):
        written += "\n"  # the article text of a page ends in a line feed, as its file's does
    failed = False
    row = {"path": "-", **result.to_dict()}
    if report and str(report) == "-":
        sys.stdout.write(json_line(row) + "\n")
    elif report:
        try:
            atomic_write(report, json_line(row) + "\n")
        except OSError as exc:
            _err(f"{report}: cannot write the report: {exc.strerror or exc}")
            failed = True
    if report_html:
        from textmend.report_html import render_report

        try:
            atomic_write(report_html, render_report([{**row, "original": result.original}], title="textmend: -"))
        except OSError as exc:
            _err(f"{report_html}: cannot write the HTML report: {exc.strerror or exc}")
            failed = True
    if diff:
        _print_diff(unified_diff(text, result.text, "stdin"))
    elif out:
        try:
            atomic_write(out, written)
        except OSError as exc:
            _err(f"-: cannot write {out}: {exc.strerror or exc}")
            failed = True
    else:
        sys.stdout.write(written)
        sys.stdout.flush()
    errors = result.meta.get("errors", [])
    for err in errors:
        _err(f"-: stage failed, text kept as it was before it: {err}")
    return Exit.SOME_FAILED if errors or failed else Exit.OK


def _prepare_or_exit(cfg: Config) -> None:
    """Load every enabled stage's rule files and dictionaries before the first document: a missing or
    broken file stops the run here, once, instead of failing each document (exit status 2)."""
    from textmend import stages

    for name in cfg.stages:
        try:
            stages.prepare(name, cfg.options[name])
        except Exception as exc:  # any loader failure: say which stage, name the file if the error does
            from textmend.rulecheck import load_error

            _err(f"{load_error(name, exc)}; nothing was cleaned")
            raise typer.Exit(Exit.USAGE) from None


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (``a.txt`` and ``./a.txt``, or a link and its file)."""
    from textmend.runner import resolved_path

    return resolved_path(a) == resolved_path(b)


def _given(*flags: str) -> bool:
    return any(arg == f or arg.startswith(f + "=") for arg in sys.argv[1:] for f in flags)


def _clean_ray(
    sources: list[str], cfg: Config, *, out: str | None, text_field: str, jobs: int, jobs_given: bool
) -> int:
    """``--engine ray``: JSONL or Parquet through Ray Data, written as the same format under --out."""
    if out is None:
        _err("--engine ray needs --out (a folder, local or any filesystem Ray reads)")
        return Exit.USAGE
    names = list(sources)
    kinds = {
        "parquet" if n.rstrip("/").endswith(".parquet") else "jsonl" if n.endswith((".jsonl", ".jsonl.gz")) else "?"
        for n in names
    }
    if len(kinds) != 1 or "?" in kinds:
        _err("--engine ray reads .jsonl or .parquet inputs (files or folders named so), one format per run")
        return Exit.USAGE
    try:
        from textmend.integrations.ray import clean_dataset
    except ImportError as exc:
        _err(f"--engine ray needs Ray: pip install 'textmend[ray]' ({exc})")
        return Exit.USAGE
    t0 = time.perf_counter()
    rows = clean_dataset(
        names, out, fmt=kinds.pop(), config=cfg, text_field=text_field, concurrency=jobs if jobs_given else None
    )
    print(f"textmend: {rows} documents cleaned with Ray into {out}, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return Exit.OK


def _print_diff(text: str) -> None:
    if not text:
        return
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False, soft_wrap=True)
        colour = {"+": "green", "-": "red", "@": "cyan"}
        for line in text.splitlines():
            style = colour.get(line[:1]) if not line.startswith(("+++", "---")) else "bold"
            console.print(f"[{style}]{escape(line)}[/]" if style else escape(line))
    else:
        sys.stdout.write(text)


def _clean_files(
    sources: list[Path],
    cfg: Config,
    *,
    out: Path | None,
    in_place: bool,
    keep_backup: bool,
    diff: bool,
    report: Path | None,
    report_html: Path | None,
    text_field: str,
    html_field: str | None,
    quiet: bool,
    jobs: int,
    resume: bool,
    started: float | None = None,
    stdin: StdinReader | None = None,
) -> int:
    from textmend import runner

    # From the start of the command: the summary said '0.1 s' of a 1.5 s run, the rules' loading left out.
    t0 = time.perf_counter() if started is None else started
    notes: list[str] = []
    try:
        if stdin is not None:  # a JSONL stream: records in, records out (standard output, or the file --out names)
            planned, problems = _stdin_job(out, diff=diff, reports=(report, report_html)), list[str]()
        else:
            planned, problems = runner.plan_jobs(
                sources,
                out=out,
                in_place=in_place,
                diff=diff,
                reports=[r for r in (report, report_html) if r and str(r) != "-"],
                notes=notes,
            )
    except runner.UsageError as exc:
        _err(str(exc))
        return Exit.USAGE
    for p in (*problems, *notes):
        _err(p)
    manifest = None if diff else runner.manifest_path(planned, out, sources)
    skipped = 0
    if resume and manifest is None and planned:
        # It was ignored without a word: one file written to one file, --diff, or --in-place on files.
        _err(
            "--resume: this run keeps no record of finished inputs (it does with --out FOLDER, or --in-place "
            "on one folder), so every input is cleaned"
        )
    if resume:
        done = runner.load_done(manifest)
        todo = [j for j in planned if not runner.already_done(j, cfg, done)]
        skipped = len(planned) - len(todo)
        planned = todo
    options = runner.RunOptions(
        text_field=text_field,
        html_field=html_field,
        in_place=in_place,
        keep_backup=keep_backup,
        diff=diff,
        report=report is not None or report_html is not None,
        report_original=report_html is not None,
    )
    html_rows: list[dict[str, object]] = []
    totals: Counter[str] = Counter()
    edits: Counter[str] = Counter()
    errors = len(problems)
    report_fh: TextIO | None = None
    if report is not None and str(report) == "-":
        report_fh = sys.stdout
    elif report is not None:
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
            report_fh = report.open("w", encoding="utf-8")
        except OSError as exc:
            _err(f"{report}: cannot write the report: {exc.strerror or exc}")
            return Exit.USAGE
    by_path = {j.display: j for j in planned}
    total_bytes = sum(_size(j.src) for j in planned)
    with _progress(quiet, total=total_bytes) as bar:
        task = bar.add_task("cleaning", total=total_bytes) if bar is not None else None

        def on_chunk(chunk: runner.FileOutcome) -> None:
            if report_fh is not None:
                report_fh.writelines(_without_original(line) + "\n" for line in chunk.report_lines)
            if report_html is not None:
                html_rows.extend(json.loads(line) for line in chunk.report_lines)
            if diff:
                _print_diff(chunk.diff)
            if bar is not None and task is not None:
                bar.update(task, advance=chunk.bytes_in)

        def on_outcome(outcome: runner.FileOutcome) -> None:
            nonlocal errors
            job = by_path[outcome.display]
            if job.fmt != "jsonl":
                on_chunk(outcome)
            for msg in (*outcome.errors, *outcome.warnings):
                _err(msg)
            if outcome.more_errors or outcome.more_warnings:
                more = f"{outcome.more_errors:,} more errors" if outcome.more_errors else ""
                if outcome.more_warnings:
                    more += f"{' and ' if more else ''}{outcome.more_warnings:,} more warnings"
                _err(f"{outcome.display}: {more} like these, not shown")
            errors += len(outcome.errors) + outcome.more_errors
            totals["files"] += 1
            totals["documents"] += outcome.documents
            totals["changed"] += outcome.changed
            edits.update(outcome.edits)
            if not outcome.errors and not diff:
                runner.record_done(manifest, job, cfg)

        try:
            runner.run(planned, cfg, options, workers=jobs, on_outcome=on_outcome, on_chunk=on_chunk, stdin=stdin)
        except KeyboardInterrupt:
            again = "run the same command with --resume to do the rest" if manifest else "run it again for the rest"
            _err(
                f"interrupted after {totals['files']} of {len(planned)} files; every output written is whole, "
                f"none is half written: {again}"
            )
            return Exit.INTERRUPTED
        finally:
            if report_fh is sys.stdout:
                report_fh.flush()
            elif report_fh is not None:
                report_fh.close()
    if report_html is not None:
        from textmend.io import atomic_write
        from textmend.report_html import render_report

        try:
            atomic_write(report_html, render_report(html_rows, title=f"textmend: {', '.join(map(str, sources))}"))
        except OSError as exc:
            _err(f"{report_html}: cannot write the HTML report: {exc.strerror or exc}")
            errors += 1
    if not quiet:
        by_stage = ", ".join(f"{name} {edits[name]}" for name in cfg.stages if edits[name]) or "none"
        resumed = f", {skipped} already done" if skipped else ""
        print(
            f"textmend: {_count(totals['files'], 'file')}{resumed}, {_count(totals['documents'], 'document')} "
            f"({totals['changed']} changed), {_count(sum(edits.values()), 'edit')} ({by_stage}), "
            f"{_count(errors, 'error')}, {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    return Exit.SOME_FAILED if errors else Exit.OK


def _stdin_job(out: Path | None, *, diff: bool, reports: tuple[Path | None, ...]) -> list[Job]:
    """The one job of a JSONL stream on standard input: written to standard output or to the file --out
    names (a folder is refused, as for a text on standard input)."""
    from textmend import runner

    if out is not None and out.is_dir():
        raise runner.UsageError(f"{out} is a folder: with '-' (standard input), --out names the file to write")
    if out is not None and any(r is not None and str(r) != "-" and _same_file(out, r) for r in reports):
        raise runner.UsageError(f"{out} is both the output and a report this run writes")
    dst = None if diff else out or runner.STDIN
    return [runner.Job(runner.STDIN, dst, "jsonl", "-")]


def _count(n: int, noun: str) -> str:
    """'1 file', '2 files', '0 errors' (the summary said '1 files', '1 errors')."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _without_original(line: str) -> str:
    """The JSONL report carries no copy of the input (the HTML report needs it, the JSONL one does not)."""
    if '"original"' not in line:
        return line
    row = json.loads(line)
    row.pop("original", None)
    from textmend.io import json_line

    return json_line(row)


def _use_rules(folder: Path) -> int:
    """Point every stage (and worker) at a user's rules folder, after checking every file in it."""
    from textmend.rulecheck import check_rules
    from textmend.rules import RULES_ENV, rules_root

    if not folder.is_dir():
        _err(f"{folder}: --rules needs a folder (a copy of textmend's rules/ to edit)")
        return Exit.USAGE
    problems = check_rules(folder)
    for p in problems:
        _err(str(p))
    if problems:
        _err(f"{folder}: {len(problems)} problem(s) in the rule files; nothing was cleaned")
        return Exit.USAGE
    os.environ[RULES_ENV] = str(folder.resolve())
    rules_root.cache_clear()
    return Exit.OK


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def add_task(self, *args: object, **kwargs: object) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(quiet: bool, *, total: int):  # type: ignore[no-untyped-def]
    if quiet or not sys.stderr.isatty() or total == 0:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


@app.command(cls=_Command)
def explain(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A .txt/.md/.html/.jsonl file (or '-') to clean and explain; nothing is written."
        ),
    ],
    line: Annotated[
        Optional[int], typer.Option("--line", metavar="N", help="JSONL: the line to explain (default: every line).")
    ] = None,
    text_field: Annotated[
        str, typer.Option("--text-field", metavar="FIELD", help="JSONL: the field holding the text.")
    ] = "text",
    config_file: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A textmend.toml.")] = None,
    disable: Annotated[
        list[str],
        typer.Option(
            "--disable",
            metavar="STAGE.RULE",
            help="Switch off a rule, family or stage ('textmend rules list' prints the names). Repeatable.",
        ),
    ] = [],  # noqa: B006
    grammar: Annotated[Optional[str], typer.Option("--grammar", metavar="URL", help="LanguageTool server URL.")] = None,
    rules_dir: Annotated[
        Optional[Path],
        typer.Option("--rules", metavar="DIR", help="Use this rules folder (an edited copy of rules/), as clean does."),
    ] = None,
) -> None:
    """Show every edit textmend would make to a file: stage, rule, reason, before and after."""
    from textmend.explain import explain as show
    from textmend.io import InputError, decode_bytes, format_of, iter_jsonl, read_bytes
    from textmend.runner import pipeline_for

    if rules_dir is not None and _use_rules(rules_dir) != Exit.OK:
        raise typer.Exit(Exit.USAGE)
    try:
        cfg = build_config(config_file=config_file, grammar=grammar, disable=disable)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(Exit.USAGE) from None
    failed = False
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else read_bytes(path)
        fmt = "text" if str(path) == "-" else format_of(path)
        if fmt is None:
            raise InputError("unknown file type")
        if fmt == "html":
            from textmend.html import html_to_text

            docs: list[tuple[int | None, str, dict[str, Any]]] = [(None, *html_to_text(data))]
        else:
            text, encoding = decode_bytes(data, stray_nuls=fmt == "text")
            meta = {"encoding": encoding} if encoding != "utf-8" else {}
            if fmt == "jsonl":
                records = [r for r in iter_jsonl(text, text_field=text_field) if line is None or r.line == line]
                if line is not None and not records:
                    lines = len(text.split("\n")) - (1 if text.endswith("\n") or not text else 0)
                    blank = 1 <= line <= lines
                    raise InputError(f"line {line} is blank" if blank else f"no line {line} (it has {lines})")
                for r in records:
                    if r.error:
                        _err(f"{path}: {r.error}")
                        failed = True
                docs = [(r.line, r.text, r.meta) for r in records if not r.error]
            else:
                if line is not None:
                    _err(f"{path}: --line picks a line of a JSONL file; this file is one document")
                    raise typer.Exit(Exit.USAGE)
                docs = [(None, text, meta)]
    except InputError as exc:
        _err(f"{path}: {exc}")
        raise typer.Exit(Exit.SOME_FAILED) from None
    pipeline = pipeline_for(cfg)
    if isinstance(sys.stdout, io.TextIOWrapper):  # a lone surrogate from JSON ("\\ud800") shows as \ud800
        sys.stdout.reconfigure(errors="backslashreplace")
    for number, text, meta in docs:
        show(pipeline.run(text, meta), path=f"{path}" + (f":{number}" if number else ""))
    raise typer.Exit(Exit.SOME_FAILED if failed else Exit.OK)


rules_app = typer.Typer(
    help="List the rules' names, copy the shipped rule files to edit, or check rule files.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")


@rules_app.command("check", cls=_Command)
def rules_check(
    folder: Annotated[
        Optional[Path], typer.Argument(metavar="DIR", help="A rules folder or file (default: the shipped rules).")
    ] = None,
) -> None:
    """Check rule files: UTF-8, headers, unique keys, every regex compiles and cannot backtrack badly; a
    copy of rules/ is then loaded as --rules will load it."""
    from textmend.rulecheck import check_rules
    from textmend.rules import rules_root

    root = folder if folder is not None else rules_root()
    if folder is not None and not folder.exists():
        _err(f"{folder}: does not exist")
        raise typer.Exit(Exit.USAGE)
    problems = check_rules(root)
    if (
        folder is not None
        and not problems
        and any((folder / stage).is_dir() for stage in ("boilerplate", "spin", "words"))
    ):
        # A copy of rules/ (not one file or family): also load it as 'clean --rules' will.
        from textmend.rulecheck import loading_problems

        problems = loading_problems(folder)
    for p in problems:
        print(p)
    print(f"textmend: {len(problems)} problem(s) in {root}", file=sys.stderr)
    raise typer.Exit(Exit.SOME_FAILED if problems else Exit.OK)


@rules_app.command("list", cls=_Command)
def rules_list(
    stage: Annotated[Optional[str], typer.Argument(metavar="STAGE", help="One stage (default: all).")] = None,
    rules_dir: Annotated[
        Optional[Path], typer.Option("--rules", metavar="DIR", help="List the rules of this folder, as clean reads it.")
    ] = None,
) -> None:
    """Print every rule and family name --disable (and 'disable = [...]' in a config file) accepts, one
    'STAGE.RULE' a line: what an edit's rule can be."""
    if stage is not None and stage not in stages.ORDER:
        _err(f"no stage {stage!r}; stages are: {', '.join(stages.ORDER)}")
        raise typer.Exit(Exit.USAGE)
    if rules_dir is not None and _use_rules(rules_dir) != Exit.OK:
        raise typer.Exit(Exit.USAGE)
    for name in (stage,) if stage else stages.ORDER:
        try:
            names = stages.rule_names(name, stages.load(name).Options())
        except Exception as exc:  # a rule file that cannot be read
            _err(f"stage {name}: cannot read its rules: {type(exc).__name__}: {exc}")
            raise typer.Exit(Exit.USAGE) from None
        for rule in sorted(names):
            print(f"{name}.{rule}")
        if names and not hasattr(stages.load(name).Options(), "disabled"):
            _err(f"{name}: these rules switch off only with the whole stage (--disable {name})")


@rules_app.command("copy", cls=_Command)
def rules_copy(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="A new folder to copy the shipped rules into (it must not exist).")
    ],
) -> None:
    """Copy the shipped rules into a new folder, to edit and run with --rules DIR."""
    import shutil

    from textmend.rules import rules_root

    if folder.exists() or folder.is_symlink():
        _err(f"{folder}: already exists; give a new folder (nothing was copied)")
        raise typer.Exit(Exit.USAGE)
    try:
        shutil.copytree(Path(str(rules_root())), folder)
    except OSError as exc:
        _err(f"{folder}: cannot copy the rules there: {exc.strerror or exc}")
        raise typer.Exit(Exit.SOME_FAILED) from None
    print(
        f"textmend: rules copied to {folder}; after editing, 'textmend rules check {folder}', "
        f"then 'textmend clean ... --rules {folder}'",
        file=sys.stderr,
    )


@app.command("stages", cls=_Command)
def list_stages() -> None:
    """List the stages in pipeline order and which run by default ('textmend rules list': their rules)."""
    for name in stages.ORDER:
        mark = "on " if name in stages.DEFAULT else "off"
        print(f"{name:12} {mark}  {stages.DESCRIPTIONS[name]}")


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    run()
