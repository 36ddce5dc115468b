"""The `docpipe` command line (typer). Each command is a thin shell over library functions."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from docpipe.config import Settings, load_settings
from docpipe.errors import ConfigError
from docpipe.models import Rejection, StructuredDocument

app = typer.Typer(
    name="docpipe",
    help="Web pages and documents into analysis-ready Parquet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _Stderr:
    """rich's Console on stderr, built when something is first printed: rich is 20-30 ms of a
    start-up in which `docpipe extract` on readable inputs prints nothing to stderr."""

    _console: Any = None

    @property
    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            # soft_wrap: a message is one line however long — never cut at 80 columns when
            # stderr is a file or a pipe (rich's width there), so `grep` over a log finds it whole.
            self._console = Console(stderr=True, soft_wrap=True)
        return self._console

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.console.print(*objects, **kwargs)


def escape(text: str) -> str:
    """rich.markup.escape, imported when a message needs it (see _Stderr)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


err = _Stderr()
# `docpipe run` when another run holds the output's writer lease: EX_TEMPFAIL, "try again later".
EXIT_BUSY = 75

# The public JSON of `docpipe extract`: the contract fields first, in order (docs/interface.md).
CONTRACT_FIELDS: tuple[str, ...] = (
    "source", "url", "title", "published_at", "site_name", "author", "language", "doc_type",
    "text", "headings", "items", "salutation", "blocks", "placeholders", "references",
)
# Extensions appended after the contract fields (documented in the README).
EXTRA_FIELDS: tuple[str, ...] = (
    "doc_id", "content_hash", "published_tz", "source_name", "closing", "speaker", "occasion", "issuer", "doc_number",
    "recipients", "attachments", "signature", "signed_date", "quoted_terms", "outline_warnings",
)


# `docpipe eval --compare NAME`: the module each comparison extractor needs (bench extra).
COMPARE_MODULES = {"trafilatura": "trafilatura", "readability": "readability"}


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


def _settings(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config, overrides={k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _local_path(out: str) -> Path | None:
    """The folder of a local dataset root (plain or file://); None for an object store."""
    from docpipe.export.storage import local_root

    return local_root(out)


def _unwritable(out: str) -> str | None:
    """Why a local output folder cannot be written, checked before any work (None if it can).

    Object-store outputs (s3://…) are checked by their first write instead."""
    path = _local_path(out)
    if path is None:
        return None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return "exists and is not a directory"
    except OSError as exc:
        return f"cannot be created: {exc.strerror or exc}"
    if not os.access(path, os.W_OK | os.X_OK):
        return "is not writable"
    return None


def document_json(result: StructuredDocument | Rejection) -> dict[str, Any]:
    """One `docpipe extract` object: the contract fields, extensions, and `error`."""
    if isinstance(result, Rejection):
        # Same keys as a document, so every line of the output has one shape.
        empty: dict[str, Any] = {name: None for name in (*CONTRACT_FIELDS, *EXTRA_FIELDS)}
        empty.update(source=result.source, url=result.url, error=result.as_error())
        return empty
    data = result.model_dump(mode="json", exclude={"fetched_at", "etag", "last_modified"})
    for block in data["blocks"]:
        block["section_path"] = list(block["section_path"])
    for heading in data["headings"]:
        heading.pop("block_idx", None)
    for item in data["items"]:
        item.pop("block_idx", None)
    ordered = {name: data[name] for name in CONTRACT_FIELDS}
    ordered.update({name: data[name] for name in EXTRA_FIELDS if name in data})
    ordered["error"] = None
    return ordered


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="files (.html .htm .txt, gzipped or not: .html.gz; .warc .warc.gz), directories or http(s) URLs")],
    format: Annotated[OutputFormat, typer.Option("--format", help="jsonl: one object per line")] = OutputFormat.jsonl,
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML settings file")] = None,
) -> None:
    """Fetch, clean and structure INPUTs; print the documents as JSON (no Prefect, no Parquet).

    Exit status 0 when at least one input gave a document, 1 when none did, 2 bad settings (--config, DOCPIPE_*)."""
    from docpipe.fetch import expand_inputs
    from docpipe.pipeline import extract_source

    settings = _settings(config)
    results: list[dict[str, Any]] = []
    # What is loaded by now (modules, compiled patterns, pydantic schemas: ~45,000 objects the
    # collector tracks) lives as long as the process. Frozen, it is left out of the collections
    # that each page's allocations trigger (time in the collector over the 550 dev pages
    # 0.10 -> 0.03 s).
    import gc

    gc.freeze()

    def emit(obj: dict[str, Any]) -> None:
        if format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            results.append(obj)

    succeeded = failed = 0
    # Input order is output order: each argument is expanded (directories, globs) in place.
    for item in inputs:
        sources, missing = expand_inputs([item])
        for rejection in missing:
            # the same shape as a rejected document's line below: input, stage/reason, message
            err.print(f"[yellow]rejected[/yellow] {escape(item)}: {rejection.stage}/{rejection.reason}: {escape(rejection.message)}")
            failed += 1
            emit(document_json(rejection))
        for source in sources:
            result = extract_source(source, settings)
            if isinstance(result, Rejection):
                failed += 1
                err.print(f"[yellow]rejected[/yellow] {escape(source)}: {result.stage}/{result.reason}: {escape(result.message)}")
            else:
                succeeded += 1
            emit(document_json(result))
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    # Every input was reported above; the exit status says whether any of them worked, so a
    # script notices a run in which nothing could be extracted.
    if failed and not succeeded:
        raise typer.Exit(1)


class _RunCommand(typer.core.TyperCommand):
    """`run` with `--dask [ADDRESS]`: click has no optional option values, so a bare `--dask`
    (not followed by a scheduler address) is read as `--dask local`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if "--dask" in args:
            from flows.dask_runner import with_optional_value

            args = with_optional_value(args)
        return super().parse_args(ctx, args)


@app.command(cls=_RunCommand)
def run(
    sources: Annotated[Optional[list[str]], typer.Argument(help="files, directories, globs or URLs")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML settings file")] = None,
    out: Annotated[Optional[str], typer.Option("--out", help="dataset root: folder or s3://bucket/prefix")] = None,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size", help="documents per task run")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", help="batches in flight; Dask: local worker processes")] = None,
    dask: Annotated[
        Optional[str],
        typer.Option(
            "--dask",
            metavar="[ADDRESS]",
            help="run batches on Dask: a scheduler address (tcp://host:8786), or none for a LocalCluster",
        ),
    ] = None,
    wait_for_lock: Annotated[
        Optional[float],
        typer.Option("--wait-for-lock", metavar="SECONDS", help="wait this long for another run writing --out (default 0: stop at once, exit 75)"),
    ] = None,
    no_lock: Annotated[
        bool, typer.Option("--no-lock", help="skip the writer lease (the commit still never duplicates a document version)")
    ] = False,
) -> None:
    """Run the Prefect flow: fetch, clean, structure and append to the Parquet dataset.

    Exit status: 0 done; 1 no input gave a document; 2 bad settings or output; 75 another run holds the output's writer lease; 130/143 stopped by SIGINT/SIGTERM (nothing half-committed)."""
    from rich.console import Console

    from docpipe.report import render_summary

    settings = _settings(
        config, out=out, batch_size=batch_size, workers=workers, dask_address=dask,
        wait_for_lock=wait_for_lock, writer_lease=False if no_lock else None,
    )
    if not sources and not settings.sources:
        err.print("[red]error:[/red] nothing to do: give SOURCE arguments or " + escape("[[sources]]") + " in --config")
        raise typer.Exit(2)
    problem = _unwritable(settings.out)
    if problem:
        err.print(f"[red]error:[/red] output {escape(settings.out)!r} {escape(problem)}")
        raise typer.Exit(2)
    with _stoppable():
        from docpipe import shutdown
        from docpipe.export.lease import DatasetBusy, writer_lease

        try:
            # The lease first (a busy dataset is one message, before Prefect is even imported),
            # then the embedded Prefect server, stopped by docpipe on every way out.
            with writer_lease(settings.out, wait=settings.wait_for_lock, enabled=settings.writer_lease):
                from flows.embedded import prefect_api
                from flows.ingest import run_with_progress

                with prefect_api() as server:
                    if server is not None:
                        shutdown.set_on_force(server.stop)
                    summary = run_with_progress(list(sources or []), settings, console=err.console)
        except ConfigError as exc:  # e.g. an unreachable Dask scheduler: a message, not a traceback
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        except DatasetBusy as exc:
            err.print(f"[red]error:[/red] {escape(exc.message)}")
            raise typer.Exit(EXIT_BUSY) from exc
    Console().print(render_summary(summary))
    if summary.html_report is not None:
        typer.echo(f"report: {summary.html_report}")
    if summary.documents == 0 and summary.unchanged == 0 and summary.discovered > 0:
        raise typer.Exit(1)


@contextmanager
def _stoppable() -> Iterator[None]:
    """SIGINT/SIGTERM stop the command within seconds (docpipe.shutdown): one status line on
    stderr saying what was committed, the owned Prefect server stopped, exit 130 or 143 —
    without waiting for abandoned batches or for exit hooks that would call a stopped server."""
    import signal

    from docpipe import shutdown

    previous = shutdown.install()
    try:
        yield
    except BaseException as exc:
        # Interrupted, KeyboardInterrupt, or Prefect's TerminationSignal; errors and exits pass.
        if isinstance(exc, (Exception, GeneratorExit, SystemExit)):
            raise
        signum = shutdown.requested_signal() or getattr(exc, "signum", None) or getattr(exc, "signal", signal.SIGINT)
        shutdown.force_exit(shutdown.exit_code(int(signum)), shutdown.status_line(int(signum)))
    finally:
        shutdown.uninstall(previous)


@app.command()
def serve(
    sources: Annotated[Optional[list[str]], typer.Argument(help="files, directories, globs or URLs")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML settings file")] = None,
    out: Annotated[Optional[str], typer.Option("--out", help="dataset root: folder or s3://bucket/prefix")] = None,
    name: Annotated[str, typer.Option("--name", help="deployment name")] = "docpipe-nightly",
    cron: Annotated[Optional[str], typer.Option("--cron", help="cron schedule (default: `schedule` in the config)")] = None,
    interval: Annotated[Optional[float], typer.Option("--interval", help="seconds between runs, instead of a cron")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Dask scheduler address, or `local`")] = None,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (needs PREFECT_API_URL) until stopped.

    Exit status: 2 bad settings or no Prefect server; 130/143 stopped by SIGINT/SIGTERM (runs in progress cancelled before their commit, the schedule paused, one status line on stderr)."""
    settings = _settings(config, out=out, schedule=cron, dask_address=dask)
    if not sources and not settings.sources:
        err.print("[red]error:[/red] nothing to do: give SOURCE arguments or " + escape("[[sources]]") + " in --config")
        raise typer.Exit(2)
    import signal

    import httpx

    from docpipe import shutdown
    from flows.serve import prefect_api_url, serve_ingest

    schedule = cron or (settings.schedule if interval is None else None)
    problem = _bad_cron(schedule) if schedule else None
    if problem:
        where = "option --cron" if cron else (
            "environment DOCPIPE_SCHEDULE" if os.environ.get("DOCPIPE_SCHEDULE") else f"config file {config}")
        err.print(f"[red]error:[/red] {escape(where)}: schedule = {escape(repr(schedule))}: {escape(problem)}")
        raise typer.Exit(2)
    try:
        stopped = serve_ingest(list(sources or []), settings, name=name, cron=cron, interval=interval)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except httpx.HTTPError as exc:  # PREFECT_API_URL names no running Prefect server
        err.print(f"[red]error:[/red] the Prefect server at {escape(str(prefect_api_url()))} cannot be used: "
                  f"{type(exc).__name__}: {escape(str(exc))} (start one with `prefect server start --host 127.0.0.1`)")
        raise typer.Exit(2) from exc
    except shutdown.Interrupted as exc:  # before serving began
        shutdown.force_exit(exc.exit_code, f"docpipe serve: stopped by {signal.Signals(exc.signum).name} before serving: nothing ran")
    if stopped is not None:
        signum, line = stopped
        err.print(line, markup=False, highlight=False)
        raise typer.Exit(shutdown.exit_code(signum))


def _bad_cron(expression: str) -> str | None:
    """Why Prefect would refuse `expression` as a deployment's cron (None if it takes it):
    checked before the deployment is registered, so a typo is one line, not a traceback."""
    from pydantic import ValidationError
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except ValidationError as exc:
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
    return None


# What a local folder written by `docpipe run` contains (any one of them will do).
_DATASET_MARKERS = ("documents", "blocks", "rejects", "runs", "_staging")


def _require_dataset(out: str) -> None:
    """A mistyped local path is an error, not an empty dataset (nor a new latest/ folder)."""
    path = _local_path(out)
    if path is None:
        return
    if not path.is_dir() or not any((path / name).is_dir() for name in _DATASET_MARKERS):
        err.print(f"[red]error:[/red] {escape(out)} is not a docpipe dataset (no documents/, runs/ … inside)")
        raise typer.Exit(1)


@app.command("compact")
def compact_cmd(
    out: Annotated[str, typer.Argument(metavar="DIR", help="dataset root: folder or s3://bucket/prefix")],
    abandoned_after: Annotated[
        float, typer.Option("--abandoned-after", help="remove staging of uncommitted runs idle this many seconds")
    ] = 3600.0,
) -> None:
    """Write DIR/latest/{documents,blocks}.parquet (only the latest version of each document) and
    DIR/latest/clusters.parquet (their near-duplicate clusters)."""
    from rich.console import Console
    from rich.markup import escape

    from docpipe.errors import DocpipeError
    from docpipe.export.compact import compact, render_result

    _require_dataset(out)
    try:
        result = compact(out, abandoned_after=abandoned_after)
    except DocpipeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    Console().print(render_result(result, out))


@app.command("inspect")
def inspect_cmd(
    out: Annotated[str, typer.Argument(metavar="DIR", help="dataset root: folder or s3://bucket/prefix")],
) -> None:
    """Show a dataset: counts by site, doc_type, language and ingest date, reject reasons, runs."""
    from rich.console import Console
    from rich.markup import escape

    from docpipe.errors import DocpipeError
    from docpipe.export.inspect import print_inspect

    _require_dataset(out)
    try:
        print_inspect(out, Console())
    except DocpipeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc


@app.command("report")
def report_cmd(
    out: Annotated[str, typer.Argument(metavar="OUT", help="dataset root: folder or s3://bucket/prefix")],
    run_id: Annotated[Optional[str], typer.Option("--run", metavar="RUN_ID", help="the run to report (default: the latest)")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", metavar="FILE", help="write here (default: OUT/_reports/RUN.html and latest.html)")] = None,
) -> None:
    """Write a self-contained HTML report of a dataset and one of its runs (charts and tables, offline)."""
    from docpipe.errors import DocpipeError
    from docpipe.report.page import write_report

    _require_dataset(out)
    try:
        written = write_report(out, run_id, str(html) if html is not None else None)
    except (ConfigError, DocpipeError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    typer.echo(written)


@app.command("eval")
def eval_cmd(
    set_dir: Annotated[Path, typer.Argument(metavar="SET_DIR", help="folder with pages/<id>.html and truth.jsonl")],
    compare: Annotated[str, typer.Option("--compare", help="also run: trafilatura,readability")] = "",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="first N pages only")] = None,
    metadata: Annotated[bool, typer.Option("--metadata", help="also score title/date/author/source_name per split part (with trafilatura under --compare)")] = False,
    split: Annotated[str, typer.Option("--split", help="tuning, validation or all (the by-site split)")] = "all",
    reference: Annotated[Optional[list[Path]], typer.Option("--reference", help="saved predictions JSONL (id, text) to score alongside")] = None,
) -> None:
    """Main-content extraction P/R/F1 (the metric in docs/interface.md), pages/s, ten worst pages;
    per page type and snippet rates where the truth has them; pages far behind a comparison."""
    from docpipe.evaluate import main as eval_main

    if not (set_dir / "truth.jsonl").is_file() or not (set_dir / "pages").is_dir():
        err.print(f"[red]error:[/red] {escape(str(set_dir))} is not an evaluation set (needs pages/ and truth.jsonl)")
        raise typer.Exit(2)
    unknown = {name.strip() for name in compare.split(",") if name.strip()} - set(COMPARE_MODULES)
    if unknown:
        err.print(f"[red]error:[/red] --compare knows trafilatura and readability, not {', '.join(sorted(unknown))}")
        raise typer.Exit(2)
    # A missing extractor must stop the command, not score 0.000 on every page.
    absent = [name for name in sorted({n.strip() for n in compare.split(",") if n.strip()})
              if importlib.util.find_spec(COMPARE_MODULES[name]) is None]
    if absent:
        err.print(f"[red]error:[/red] --compare {', '.join(absent)}: not installed; install the bench extra: "
                  + escape("pip install 'docpipe[bench]'") + " (or `make .venv/.installed-bench`)")
        raise typer.Exit(2)
    from docpipe.evaluate import SPLITS

    if split not in SPLITS:
        err.print(f"[red]error:[/red] --split is one of {', '.join(SPLITS)}, not {escape(split)}")
        raise typer.Exit(2)
    missing = [str(p) for p in reference or [] if not p.is_file()]
    if missing:
        err.print(f"[red]error:[/red] --reference: no such file: {escape(', '.join(missing))}")
        raise typer.Exit(2)
    args = [str(set_dir)] + (["--compare", compare] if compare else []) + (["--limit", str(limit)] if limit else [])
    args += ["--split", split] + [a for p in reference or [] for a in ("--reference", str(p))]
    raise typer.Exit(eval_main(args + (["--metadata"] if metadata else [])))


@app.command()
def version() -> None:
    """Print docpipe's version."""
    from docpipe import __version__

    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry point
    app()
