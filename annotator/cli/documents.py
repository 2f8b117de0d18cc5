"""`annotator delete`: remove documents (and everything annotated on them) from a project."""

from __future__ import annotations

import click

from annotator.cli import main
from annotator.cli.project import open_project
from annotator.cli.terminal import echo, one_line
from annotator.core.wording import counted


@main.command("delete")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("docs", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Delete without asking (for scripts).")
def delete_command(project: str, docs: tuple[str, ...], yes: bool) -> None:
    """Delete documents DOCS (ids or names) from PROJECT, with their spans, relations, statuses
    and undo history. This cannot be undone: it asks first, unless --yes is given.

    Use it to take out a document that should not be there (a bad import, a duplicate under
    another name, a document whose stored tokens are broken) without starting the project again.
    """
    with open_project(project) as store:
        found = []
        for ref in docs:
            try:
                found.append(store.find_document(ref))
            except KeyError as exc:
                raise click.ClickException(str(exc.args[0])) from None
        found = list({d.id: d for d in found}.values())
        for doc in found:
            spans = len(store.spans(doc.id))
            echo(f"  {doc.id} {one_line(doc.name)} ({counted(spans, 'span')})")
        what = counted(len(found), "document")
        if not yes:
            click.confirm(
                f"Delete {what} and everything annotated on them? This cannot be undone",
                abort=True,
                err=True,
            )
        deletion = store.delete_documents(d.id for d in found)
    echo(deletion.describe())
