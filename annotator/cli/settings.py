"""`annotator schema` and `annotator guidelines`: what a project lead sets for a whole project."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.project import open_project
from annotator.cli.terminal import echo, one_line
from annotator.core.encoding import DecodeError, decode_bytes
from annotator.core.schema import SchemaError, load_schema
from annotator.core.store import EditError
from annotator.core.text import normalize_text
from annotator.core.wording import counted


@main.command("schema")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--set",
    "new_schema",
    type=click.Path(exists=True, dir_okay=False),
    help="Replace the project's schema with this TOML (or JSON) file.",
)
def schema_command(project: str, new_schema: str | None) -> None:
    """Print the label schema of PROJECT as TOML, or replace it with --set FILE.

    To change labels, colours or keys: `annotator schema P > s.toml`, edit s.toml, then
    `annotator schema P --set s.toml`. A schema that leaves out a label, relation type or attribute
    value the project's spans use is refused, naming them, and the project keeps its schema.
    """
    store = open_project(project, readonly=new_schema is None)
    with store:
        if new_schema is None:
            echo(store.schema.to_toml(), nl=False)
            return
        try:
            store.set_schema(load_schema(new_schema))
        except SchemaError as exc:  # its message names the file already
            raise click.ClickException(str(exc)) from None
        except EditError as exc:
            raise click.ClickException(f"{new_schema}: {exc}") from None
        echo(
            f"schema of {one_line(project)} set from {one_line(new_schema)} "
            f"(labels: {', '.join(store.schema.label_names)})"
        )


@main.command("guidelines")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--set",
    "text_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Replace the guidelines with this text file (UTF-8, UTF-16 or Windows-1256).",
)
@click.option("--clear", is_flag=True, help="Remove the guidelines.")
def guidelines_command(project: str, text_file: str | None, clear: bool) -> None:
    """Print the annotation guidelines of PROJECT, or set them with --set FILE.

    The window shows them in its Guidelines panel (View > Guidelines) to every annotator.
    """
    if text_file and clear:
        raise click.UsageError("give --set FILE or --clear, not both")
    store = open_project(project, readonly=not (clear or text_file))
    with store:
        if clear:
            store.set_guidelines("")
            echo(f"guidelines of {one_line(project)} cleared")
        elif text_file:
            try:
                text, _used = decode_bytes(Path(text_file).read_bytes())
            except (DecodeError, OSError) as exc:
                raise click.ClickException(f"{text_file}: {exc}") from None
            store.set_guidelines(normalize_text(text))
            echo(
                f"guidelines of {one_line(project)} set from {one_line(text_file)} "
                f"({counted(len(text.splitlines()), 'line')})"
            )
        else:
            echo(store.guidelines or "(no guidelines: set them with --set FILE)")
