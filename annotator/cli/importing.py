"""`annotator import`: files and folders into a project, thin over annotator.core.importers.

In a module of its own so that the other commands do not load the importers (see COMMANDS).
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import Any

import click

from annotator.cli import main
from annotator.cli.project import _check_name, open_project, parse_maps
from annotator.cli.terminal import echo, one_line
from annotator.core.importers import FORMATS, ImportReport, detect_format, expand_paths, import_paths
from annotator.core.store import Store
from annotator.core.wording import counted

#: Above this many files `import` shows a progress bar (CoNLL files always get one).
PROGRESS_MIN_FILES = 20


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


# ---------------------------------------------------------------------------------- import
@main.command("import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Read every file as this format (default: detect by extension and content).",
)
@click.option(
    "--encoding",
    callback=_check_encoding,
    help="Decode files with this encoding (default: detect UTF-8, UTF-16 with BOM, Windows-1256).",
)
@click.option(
    "--annotator",
    "annotator_name",
    default="import",
    show_default=True,
    callback=_check_name,
    help="Annotator name recorded on imported spans (files that name their annotators keep them: "
    "the project's JSONL, Prodigy's _annotator_id, Label Studio's users).",
)
@click.option(
    "--sentences-per-doc",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="CoNLL files without -DOCSTART-: this many sentences make one document.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="TAG=LABEL",
    help="Import label (or relation type) TAG as the project's LABEL (repeatable), e.g. --map PER=PERS "
    "--map said_by=ATTRIBUTED_TO.",
)
def import_command(
    project: str,
    paths: tuple[Path, ...],
    fmt: str | None,
    encoding: str | None,
    annotator_name: str,
    sentences_per_doc: int,
    maps: tuple[str, ...],
) -> None:
    """Import files and folders into PROJECT: plain text, JSONL, CoNLL/BIO, brat (.txt + .ann),
    doccano, Prodigy, Label Studio, spaCy (Doc JSON, .spacy), CoNLL-U and WebAnno TSV 3.

    The format is detected from the extension and the content (a JSON file's first record tells
    which tool wrote it); a file that looks tagged or marked up is refused unless --format names
    it. Folders are read recursively. Each file is imported whole or not at all; a rejected file is
    reported as `file:line: reason` and leaves the project unchanged. Documents already in the
    project (same text) are skipped and named, or, when they bring annotations the project does not
    have, those are added as the importing annotator's layer. --map renames labels and relation
    types. Exits with 1 if any file was rejected.
    """
    label_map = parse_maps(maps)
    store = open_project(project)
    expanded = ImportReport()
    files = expand_paths(list(paths), expanded)
    long_work = len(files) > PROGRESS_MIN_FILES or any(
        (fmt or detect_format(f)) == "conll" for f in files[: PROGRESS_MIN_FILES + 1] if f.is_file()
    )
    show_bar = long_work and sys.stderr.isatty()  # a bar is for people, not for logs
    with store:
        if show_bar:
            with click.progressbar(length=len(files), label="importing", file=sys.stderr) as bar:
                done = 0

                def progress(n: int, total: int) -> None:
                    nonlocal done
                    bar.update(n - done)
                    done = n

                report = _run_import(
                    store,
                    files,
                    expanded,
                    fmt,
                    encoding,
                    annotator_name,
                    sentences_per_doc,
                    label_map,
                    progress,
                )
        else:
            report = _run_import(
                store, files, expanded, fmt, encoding, annotator_name, sentences_per_doc, label_map, None
            )
    for warning in report.warnings:
        echo(f"warning: {one_line(warning)}", err=True)
    for failure in report.failures:
        echo(one_line(failure), err=True)
    echo(f"{report.summary()} ({counted(report.spans, 'span')}, {counted(report.relations, 'relation')})")
    if report.failures:
        sys.exit(1)


def _run_import(
    store: Store,
    files: list[Path],
    expanded: ImportReport,
    fmt: str | None,
    encoding: str | None,
    annotator_name: str,
    sentences_per_doc: int,
    label_map: dict[str, str],
    progress: Any,
):
    return import_paths(
        store,
        files,
        format=fmt,
        encoding=encoding,
        annotator=annotator_name,
        sentences_per_doc=sentences_per_doc,
        label_map=label_map,
        progress=progress,
        expanded=expanded,
    )
