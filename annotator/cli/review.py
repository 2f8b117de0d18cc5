"""Team review commands: `merge`, `agree` and `adjudicate`, thin over annotator.core.

Figures are printed with three decimals ("n/a" where a figure cannot be computed: no span on
either side, or every token alike); `--json` gives every figure unrounded.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.project import _STATUSES, _table, open_project, parse_maps
from annotator.cli.terminal import json_text, one_line, printable
from annotator.core.model import Status
from annotator.core.store import Store
from annotator.core.wording import counted


def _status_filter(values: tuple[str, ...]) -> tuple[Status, ...] | None:
    return tuple(Status(v) for v in values) if values else None


def _documents(store: Store, refs: tuple[str, ...]) -> tuple[int, ...] | None:
    if not refs:
        return None
    out = []
    for ref in refs:
        try:
            out.append(store.find_document(ref).id)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0]), param_hint="--doc") from None
    return tuple(out)


def _check_labels(store: Store, *groups: tuple[str, ...]) -> None:
    known = set(store.schema.label_names)
    for names in groups:
        for name in names:
            if name not in known:
                raise click.BadParameter(
                    f"unknown label {name!r} (the project's labels: {', '.join(sorted(known))})"
                )


def _section(title: str, header: list[str], rows: list[list]) -> None:
    """A titled, indented table of figures (three decimals, n/a where undefined)."""
    from annotator.core.agreement import figure

    table = _table([header] + [[one_line(figure(v)) for v in r] for r in rows])
    click.echo(f"\n{title}")
    click.echo(printable("\n".join("  " + line for line in table.split("\n"))))


def write_plot(store: Store, path: Path) -> None:
    """`stats --plot`: the review charts as a PNG (drawn by Qt offscreen: see chart_image)."""
    from annotator.core.charts import dashboard

    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise click.ClickException(f"{path}: folder {path.parent} does not exist")
    charts = dashboard(store)
    from annotator.ui.chart_image import save_png

    try:
        save_png(charts, path)
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    click.echo(f"wrote {one_line(path)}", err=True)


def _status_option(help_text: str):
    return click.option("--status", "statuses", multiple=True, type=click.Choice(_STATUSES), help=help_text)


_doc_option = click.option(
    "--doc", "docs", multiple=True, help="Only this document, by id or name (repeatable)."
)


# ---------------------------------------------------------------------------------- merge
def _parse_renames(values: tuple[str, ...]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for value in values:
        path, sep, pair = value.rpartition(":")
        old, eq, new = pair.partition("=")
        if not sep or not path or not eq or not old.strip() or not new.strip():
            raise click.BadParameter(
                f"{value!r} is not FILE:NAME=NEW (for example b.db:ali=ali2)", param_hint="--rename"
            )
        out.setdefault(path, {})[old.strip()] = new.strip()
    return out


@main.command("merge")
@click.argument("target", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--schema-union",
    is_flag=True,
    help="Add the labels, attribute values and relation types the inputs declare and TARGET lacks "
    "(without it such a merge is refused).",
)
@click.option(
    "--update",
    is_flag=True,
    help="An input's layers replace TARGET's where they differ (the input is a newer copy of the "
    "same person's file).",
)
@click.option(
    "--rename",
    "renames",
    multiple=True,
    metavar="FILE:NAME=NEW",
    help="Record annotator NAME of input FILE as NEW (two people who used one name); repeatable.",
)
def merge_command(
    target: str, inputs: tuple[str, ...], schema_union: bool, update: bool, renames: tuple[str, ...]
) -> None:
    """Merge the projects INPUTS (made on other machines) into TARGET (created when missing).

    Documents are matched by their text; every span, relation, status and undo entry keeps its
    annotator. Merging the same file again changes nothing; the inputs are only read. Conflicting
    schemas and one annotator name used by two people are reported and the merge refused, leaving
    TARGET as it was; so does an interrupted merge (killed, disk full).
    """
    from annotator.core.merge import MergeConflict, MergeError, MergeOptions, merge

    options = MergeOptions(schema_union=schema_union, update=update, rename=_parse_renames(renames))
    try:
        report = merge(target, list(inputs), options)
    except MergeConflict as exc:
        for problem in exc.problems:
            click.echo(printable(problem), err=True)
        sys.exit(1)
    except MergeError as exc:
        raise click.ClickException(printable(str(exc))) from None
    click.echo(printable(report.summary()))


# ---------------------------------------------------------------------------------- agree
@main.command("agree")
@click.argument("project", type=click.Path(dir_okay=False))
@_status_option("Only documents an annotator marked so (repeatable).")
@click.option(
    "--annotator",
    "annotators",
    multiple=True,
    help="Only these annotators (repeatable; default: all but adjudicated).",
)
@click.option("--label", "labels", multiple=True, help="Only these labels (repeatable).")
@click.option("--exclude-label", "excluded", multiple=True, help="Leave these labels out (repeatable).")
@click.option("--map", "maps", multiple=True, help="Compare label FROM as TO, e.g. GPE=LOC (repeatable).")
@_doc_option
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
def agree_command(
    project: str,
    statuses: tuple[str, ...],
    annotators: tuple[str, ...],
    labels: tuple[str, ...],
    excluded: tuple[str, ...],
    maps: tuple[str, ...],
    docs: tuple[str, ...],
    as_json: bool,
) -> None:
    """Inter-annotator agreement in PROJECT, per label and overall.

    \b
    Spans: precision, recall and F1 per pair, exact and overlap match (P and R of the
      second annotator against the first). Tokens (the project's tokenizer): Cohen's kappa
      per pair, Krippendorff's alpha over all annotators. Links (ATTRIBUTED_TO...): F1 per
      pair. Attributes (QUOTE type...): agreement and kappa on spans matched by overlap.
    Suggested spans and the adjudicated layer are left out.
    """
    from annotator.core.agreement import (
        ALL,
        ATTRIBUTE_COLUMNS,
        RELATION_COLUMNS,
        SPAN_COLUMNS,
        AgreementOptions,
        attribute_rows,
        measure,
        relation_rows,
        span_rows,
    )

    label_map = parse_maps(maps, "FROM=TO")
    with open_project(project, readonly=True) as store:  # agreement only reads
        _check_labels(store, labels, excluded, tuple(label_map))
        options = AgreementOptions(
            statuses=_status_filter(statuses),
            annotators=annotators or None,
            include_labels=labels or None,
            exclude_labels=excluded,
            label_map=label_map,
            documents=_documents(store, docs),
        )
        report = measure(store, options)
    if as_json:
        click.echo(json_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)))
        return
    names = ", ".join(one_line(a) for a in report.annotators)
    click.echo(
        printable(
            f"{counted(len(report.annotators), 'annotator')} ({names}); "
            f"{counted(report.documents, 'document')} with two or more of them, {counted(report.tokens, 'token')}"
        )
    )
    if len(report.annotators) < 2 or not report.documents:
        click.echo("nothing to compare: no document was annotated by two of the selected annotators")
        return
    _section(
        "spans per pair (P and R: the second annotator against the first) and token kappa:",
        list(SPAN_COLUMNS),
        span_rows(report),
    )
    _section(
        "Krippendorff's alpha on tokens, all annotators together:",
        ["label", "alpha"],
        [[k, report.alpha.get(k)] for k in [*report.labels, ALL]],
    )
    if rel := relation_rows(report):
        _section("links (same type, same head, same tail):", list(RELATION_COLUMNS), rel)
    if att := attribute_rows(report):
        _section("attributes on spans matched by overlap:", list(ATTRIBUTE_COLUMNS), att)


# ---------------------------------------------------------------------------------- adjudicate
@main.command("adjudicate")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--agreed",
    is_flag=True,
    help="Copy what all annotators of a document agree on into the adjudicated layer, and mark "
    "documents with nothing left to settle adjudicated.",
)
@_status_option("Only annotators whose status is this (repeatable).")
@_doc_option
def adjudicate_command(project: str, agreed: bool, statuses: tuple[str, ...], docs: tuple[str, ...]) -> None:
    """Build the `adjudicated` layer of PROJECT, or list what is left to settle.

    Without --agreed: each document with two or more annotators and its disagreements. With it:
    the agreed spans (same offsets and label; attributes all share) and the links between them are
    copied into the layer named `adjudicated`; running it twice changes nothing. Settle the rest in
    the window (Review > Adjudicate), then export with `--annotator adjudicated`.
    """
    from annotator.core.adjudication import ADJUDICATED, adjudicate_agreed, disagreements, document_annotators

    with open_project(project, readonly=not agreed) as store:  # listing only reads
        doc_ids = _documents(store, docs)
        wanted = _status_filter(statuses)
        if agreed:
            report = adjudicate_agreed(store, statuses=wanted, documents=doc_ids)
            click.echo(printable(report.summary()))
            return
        rows = [["id", "name", "annotators", "disagreements", "adjudicated"]]
        for doc_id in doc_ids if doc_ids is not None else store.document_ids():
            names = document_annotators(store, doc_id, wanted)
            if len(names) < 2:
                continue
            units = disagreements(store, doc_id, names)
            info = store.document_info(doc_id, ADJUDICATED)
            rows.append(
                [
                    str(doc_id),
                    one_line(info.name),
                    one_line(" ".join(names)),
                    str(len(units)),
                    info.status.value,
                ]
            )
    if len(rows) == 1:
        click.echo("no document has two or more annotators")
        return
    click.echo(printable(_table(rows)))
