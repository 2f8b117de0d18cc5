"""`annotator export`: training data and the project's own JSONL, thin over annotator.core.exporters.

Exit codes: 0 ok (warnings are printed but do not fail); 1 when the export cannot be done (output
exists without --force, unknown label...: then nothing was written) or when documents that fail
their checks were left out (the others were written, and each left-out one is printed).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import click

from annotator.cli import main
from annotator.cli.project import open_project, parse_maps
from annotator.cli.terminal import echo, one_line
from annotator.core.exporters import (
    FORMAT_HELP,
    FORMATS,
    TRAINING_FORMATS,
    ExportError,
    ExportOptions,
    export,
)
from annotator.core.exporters.splits import parse_ratios
from annotator.core.model import Status

#: Above this many documents a progress bar is shown (on stderr).
PROGRESS_MIN_DOCS = 50
#: While the export runs with the cyclic collector paused, the young objects are still searched for
#: cycles every this many documents: annotator's exporters make none, but spaCy's Docs (built when
#: an unverified spaCy writes the DocBin) hold their tokens and the tokens their Doc.
COLLECT_EVERY = 50


def _split(value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        return parse_ratios(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--split") from None


_FORMATS_TEXT = "\n".join(f"  {name:<12} {FORMAT_HELP[name]}" for name in FORMATS)


@main.command("export", epilog="\b\nFormats:\n" + _FORMATS_TEXT)
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", required=True, type=click.Choice(FORMATS), help="Output format.")
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    help="Output file (a folder for brat); .csv makes the quotes format write CSV.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in Status]),
    help="Only documents with this status (repeatable). Default: done and adjudicated for "
    f"{', '.join(TRAINING_FORMATS)}; every status for the others.",
)
@click.option("--all-statuses", is_flag=True, help="Documents of every status, unfinished ones included.")
@click.option(
    "--annotator",
    "annotator_name",
    help="Only this annotator's spans (or the adjudicated layer's name); default: every annotator's.",
)
@click.option("--label", "labels", multiple=True, help="Only these labels (repeatable).")
@click.option("--exclude-label", "excluded", multiple=True, help="Leave these labels out (repeatable).")
@click.option(
    "--map", "maps", multiple=True, help="Rename a label on the way out, e.g. GPE=LOC (repeatable)."
)
@click.option("--split", "split", help="Train/dev/test ratios by document, e.g. 0.8,0.1,0.1.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the split.")
@click.option("--force", is_flag=True, help="Replace an existing output.")
def export_command(
    project: str,
    fmt: str,
    output: Path,
    statuses: tuple[str, ...],
    all_statuses: bool,
    annotator_name: str | None,
    labels: tuple[str, ...],
    excluded: tuple[str, ...],
    maps: tuple[str, ...],
    split: str | None,
    seed: int,
    force: bool,
) -> None:
    """Export PROJECT as training data or as its own lossless JSONL.

    Every span is checked against its text before anything is written; the output appears
    whole or not at all. Nested spans in flat formats (conll, hf, spaCy ents): the outermost wins
    and the others are counted in a warning.
    """
    if statuses and all_statuses:
        raise click.UsageError("--status and --all-statuses exclude each other")
    status_opt: Any = "default"
    if all_statuses:
        status_opt = None
    elif statuses:
        status_opt = tuple(Status(s) for s in statuses)
    options = ExportOptions(
        statuses=status_opt,
        annotator=annotator_name,
        include_labels=tuple(labels) if labels else None,
        exclude_labels=tuple(excluded),
        label_map=parse_maps(maps, "FROM=TO"),
        split=_split(split),
        seed=seed,
        force=force,
    )
    store = open_project(project, readonly=True)
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if done and done % COLLECT_EVERY == 0:
            gc.collect(1)  # the two young generations: what the last documents left, not the whole heap
        if total < PROGRESS_MIN_DOCS or not sys.stderr.isatty():  # a bar is for people, not logs
            return
        if bar is None:
            bar = click.progressbar(length=total, label=f"exporting {fmt}", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    # Python's cyclic garbage collector is paused while this one-shot process exports: annotator's
    # exporters leave no reference cycles behind per document (reference counting frees each one's
    # objects), but the collector, run each time 700 more objects have been made than freed, walked
    # the token tuples, spans and rows held again and again: 10 to 20% of exporting ANERcorp. The
    # young objects are still searched every COLLECT_EVERY documents (in `progress`).
    gc.disable()
    try:
        with store:
            report = export(store, fmt, output, options, progress=progress)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        gc.enable()
        if bar is not None:
            bar.__exit__(None, None, None)
    echo(report.summary(warnings=False))
    for warning in report.warnings:
        echo(f"warning: {one_line(warning)}", err=True)
    for reason in report.skipped:
        echo(f"skipped: {one_line(reason)}", err=True)
    if report.skipped:  # written, but something was refused: say so in the exit code
        sys.exit(1)
