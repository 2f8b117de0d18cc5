"""Project commands: `init`, `import`, `list`, `show`, `stats`.

Thin over annotator.core: each command opens the project, calls one core function and prints.
Errors are messages, never tracebacks: a missing, damaged or foreign project file, or a bad
argument, says what is wrong. Exit codes: 0 ok, 1 failure (some input rejected, project
unusable), 2 usage error (click's own).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.terminal import echo, json_text, one_line, printable
from annotator.core.model import Span, Status
from annotator.core.schema import SchemaError, load_schema
from annotator.core.store import ProjectError, Store
from annotator.core.wording import counted

#: Terminals that apply the Unicode bidi algorithm and shape Arabic themselves.
BIDI_TERMINALS = frozenset({"mlterm"})
_STATUSES = [s.value for s in Status]


def open_project(path: str | Path, *, readonly: bool = False) -> Store:
    """Open a project or stop with its message (exit 1): missing, damaged, foreign or too new.

    Commands that only read (list, show, stats, export, printing the schema) pass `readonly`: they
    then work in a read-only folder and on a full disk, and cannot change the project.
    """
    try:
        return Store.open(path, readonly=readonly)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from None


def parse_maps(values: tuple[str, ...], form: str = "TAG=LABEL") -> dict[str, str]:
    """`--map A=B` options (import: a file's tag to a project label; export: a label to another)."""
    out: dict[str, str] = {}
    for value in values:
        src, sep, dst = value.partition("=")
        if not sep or not src.strip() or not dst.strip():
            raise click.BadParameter(f"{value!r} is not {form} (for example GPE=LOC)", param_hint="--map")
        out[src.strip()] = dst.strip()
    return out


def _check_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("needs a name, not a blank")
    return value


# ---------------------------------------------------------------------------------- init
@main.command("init")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--schema",
    "schema_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Label schema (TOML or JSON) to start from; default: the bundled schema.",
)
def init_command(project: str, schema_file: str | None) -> None:
    """Create a new, empty project file PROJECT."""
    try:
        schema = load_schema(schema_file) if schema_file else None
        store = Store.create(project, schema)
    except (ProjectError, SchemaError) as exc:
        raise click.ClickException(str(exc)) from None
    with store:
        labels = ", ".join(store.schema.label_names)
    echo(f"created {one_line(project)} (labels: {labels})")


# ---------------------------------------------------------------------------------- list
def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def _clip(s: str, n: int = 60) -> str:
    s = one_line(" ".join(s.split()))
    return s if len(s) <= n else s[: n - 1] + "…"


@main.command("list")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--status", type=click.Choice(_STATUSES), help="Only documents with this status.")
@click.option(
    "--annotator",
    "annotator_name",
    help="Status and span counts of this annotator (default: all annotators together).",
)
def list_command(project: str, status: str | None, annotator_name: str | None) -> None:
    """List the documents of PROJECT: id, name, title, status and span count.

    Without --annotator the status column shows every annotator's non-new status
    (`ali:done`) and --status matches a document if any annotator has that status
    (`new`: nobody has started it).
    """
    with open_project(project, readonly=True) as store:
        rows = [["id", "name", "title", "status", "spans"]]
        if annotator_name is not None:
            for info in store.list_documents(annotator_name, status=Status(status) if status else None):
                rows.append(
                    [
                        str(info.id),
                        one_line(info.name),
                        _clip(info.title),
                        info.status.value,
                        str(info.span_count),
                    ]
                )
        else:
            counts = dict(store.conn.execute("SELECT doc_id, COUNT(*) FROM spans GROUP BY doc_id"))
            statuses: dict[int, list[str]] = {}
            for doc_id, who, st in store.conn.execute(
                "SELECT doc_id, annotator, status FROM statuses WHERE status != 'new' ORDER BY annotator"
            ):
                statuses.setdefault(doc_id, []).append(f"{who}:{st}")
            for info in store.list_documents(""):
                sts = statuses.get(info.id, [])
                if status == "new" and sts:
                    continue
                if status and status != "new" and not any(s.endswith(":" + status) for s in sts):
                    continue
                rows.append(
                    [
                        str(info.id),
                        one_line(info.name),
                        _clip(info.title),
                        one_line(" ".join(sts)) or "new",
                        str(counts.get(info.id, 0)),
                    ]
                )
    echo(_table(rows))


# ---------------------------------------------------------------------------------- show
def mark_spans(text: str, spans: list[Span]) -> str:
    """The text with each span written inline as `[LABEL …]`; nested spans nest their brackets."""
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for span in spans:
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).append(span)
    out: list[str] = []
    last = 0
    for pos in sorted(set(opens) | set(closes)):
        out.append(text[last:pos])
        # close inner spans (started later) first, then open outer spans (ending later) first
        out.extend("]" for _ in sorted(closes.get(pos, []), key=lambda s: -s.start))
        out.extend(f"[{s.label} " for s in sorted(opens.get(pos, []), key=lambda s: -s.end))
        last = pos
    out.append(text[last:])
    return "".join(out)


def use_bidi(mode: str) -> bool:
    """`on`/`off` as said; `auto`: on when stdout is a terminal whose TERM is not a known bidi
    terminal (mlterm), since most terminals print Arabic letters unshaped and left to right."""
    if mode != "auto":
        return mode == "on"
    return sys.stdout.isatty() and os.environ.get("TERM", "") not in BIDI_TERMINALS


def to_visual(text: str) -> str:
    """Shape and reorder each line for display in a terminal (never for stored text)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


@main.command("show")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("doc")
@click.option("--annotator", "annotator_name", help="Only this annotator's spans (default: everyone's).")
@click.option(
    "--bidi",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="Shape and reorder Arabic for terminals without bidi support. auto: on when "
    "stdout is a terminal and TERM is not a bidi-capable terminal (mlterm).",
)
def show_command(project: str, doc: str, annotator_name: str | None, bidi: str) -> None:
    """Print document DOC (its id or name) with its spans marked `[LABEL …]`, then list them."""
    with open_project(project, readonly=True) as store:
        try:
            document = store.find_document(doc)
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0])) from None
        spans = store.spans(document.id, annotator_name)
        relations = store.relations(document.id, annotator_name)
    visual = use_bidi(bidi)

    def fix(s: str) -> str:
        return to_visual(printable(s)) if visual else printable(s)

    echo(f"# {document.id} {one_line(document.name)}")
    for key, value in document.meta.items():
        echo(fix(f"# {one_line(key)}: {one_line(value)}"))
    echo()
    echo(fix(mark_spans(document.text, spans)))
    if spans:
        echo()
        echo(f"spans ({len(spans)}):")
        for s in spans:
            attrs = " ".join(f"{one_line(k)}={one_line(v)}" for k, v in sorted(s.attrs.items()))
            line = f"  {s.id} {s.label} [{s.start}, {s.end}) {one_line(s.annotator)}/{s.origin.value} {attrs}"
            echo(line.rstrip() + " " + fix(repr(document.text[s.start : s.end])))
    if relations:
        echo(f"relations ({len(relations)}):")
        for r in relations:
            echo(f"  {r.id} {r.type} {r.head} -> {r.tail} {one_line(r.annotator)}")


# ---------------------------------------------------------------------------------- stats
@main.command("stats")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the charts (progress, spans per label, agreement per label) into this PNG.",
)
def stats_command(project: str, as_json: bool, plot: Path | None) -> None:
    """Counts of documents, spans per label, per annotator and per status."""
    with open_project(project, readonly=True) as store:
        stats = store.stats()
        if plot is not None:
            from annotator.cli.review import write_plot

            write_plot(store, plot)
    if as_json:
        click.echo(json_text(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True)))
        return
    for key in ("documents", "characters", "spans", "relations"):
        echo(f"{key}: {stats[key]}")
    sections = [
        ("labels", [[one_line(k), str(v)] for k, v in stats["labels"].items()]),
        ("relation types", [[one_line(k), str(v)] for k, v in stats["relation_types"].items()]),
        (
            "annotators",
            [
                [one_line(k), counted(v["spans"], "span"), counted(v["documents"], "document")]
                for k, v in stats["annotators"].items()
            ],
        ),
        ("statuses", [[one_line(k), str(v)] for k, v in stats["statuses"].items()]),
    ]
    for title, rows in sections:
        if rows:
            echo(f"{title}:")
            echo("\n".join("  " + line for line in _table(rows).split("\n")))
