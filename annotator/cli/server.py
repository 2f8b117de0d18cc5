"""Commands for projects that move between a file and a PostgreSQL server: `copy`, `assign`,
`team`. Thin over annotator.core.copy and annotator.core.team."""

from __future__ import annotations

import click

from annotator.cli import main
from annotator.cli.project import open_project, printable
from annotator.core.store import ProjectError
from annotator.core.wording import counted


@main.command("copy")
@click.argument("source")
@click.argument("dest")
def copy_command(source: str, dest: str) -> None:
    """Copy the project SOURCE to DEST, a new file or an empty server database (postgresql://…).

    Everything is copied, ids included: spans, links, statuses, undo history, suggestions and
    settings. SOURCE is only read (colleagues can keep working on it); DEST is written whole or
    not at all. A copy of a server project taken to a laptop can be merged back later with
    `annotator merge SERVER COPY`: what changed only in the copy is taken, what changed on both
    sides is refused (--update takes the copy's).
    """
    from annotator.core.copy import CopyError, copy_project

    try:
        report = copy_project(source, dest, progress=lambda t: click.echo(f"copying {t}…", err=True))
    except (CopyError, ProjectError) as exc:
        raise click.ClickException(printable(str(exc))) from None
    click.echo(printable(report.summary()))


__all__ = ["copy_command", "open_project"]


def _doc_refs(store, refs: tuple[str, ...]) -> list[int]:
    """Document ids from ids, names and ranges (`1-50`)."""
    ids: list[int] = []
    for ref in refs:
        lo, sep, hi = ref.partition("-")
        if sep and lo.isdigit() and hi.isdigit():
            wanted = set(range(int(lo), int(hi) + 1))
            ids += [i for i in store.document_ids() if i in wanted]
            continue
        try:
            ids.append(store.find_document(ref).id)
        except KeyError as exc:
            raise click.ClickException(printable(str(exc.args[0]))) from None
    return ids


@main.command("assign")
@click.argument("project")
@click.argument("annotator", required=False)
@click.argument("docs", nargs=-1)
@click.option("--spread", "spread_names", help="Spread documents over these annotators (comma-separated).")
@click.option("--per-doc", default=1, show_default=True, help="With --spread: annotators per document.")
@click.option("--first", "first", type=int, help="Only the first N documents that still need annotators.")
@click.option("--remove", is_flag=True, help="Take the documents (all when none are named) out of the queue.")
def assign_command(
    project: str,
    annotator: str | None,
    docs: tuple[str, ...],
    spread_names: str | None,
    per_doc: int,
    first: int | None,
    remove: bool,
) -> None:
    """Give documents to annotators, or show who has what.

    \b
    annotator assign PROJECT                          the queues: assigned, new, in progress, done
    annotator assign PROJECT layla 1-50 report-7      documents by id, range or name
    annotator assign PROJECT layla --first 20         the first 20 that nobody has yet
    annotator assign PROJECT --spread layla,omar,sara --per-doc 2    every document to two of them
    annotator assign PROJECT layla 3 --remove         out of layla's queue (her work stays)

    An annotator opening the project sees their queue first, and "next unfinished" walks it.
    """
    from annotator.core.store import EditError
    from annotator.core.team import spread

    with open_project(project) as store:
        by = store.backend.user if store.is_server else ""
        try:
            if spread_names:
                if annotator or docs or remove:
                    raise click.UsageError("--spread takes no annotator or documents")
                pairs = spread(store, spread_names.split(","), per_doc=per_doc, limit=first)
                added = store.assign(pairs, by=by)
                click.echo(f"assigned {counted(added, 'document')} over {spread_names}")
            elif annotator and remove:
                n = store.unassign(_doc_refs(store, docs) if docs else None, annotator)
                click.echo(f"took {counted(n, 'document')} out of {printable(annotator)}'s queue")
            elif annotator:
                if docs:
                    ids = _doc_refs(store, docs)
                else:
                    if first is None:
                        raise click.UsageError("name the documents, or --first N")
                    ids = [d for d, _ in spread(store, [annotator], per_doc=1, limit=first)]
                added = store.assign([(d, annotator) for d in ids], by=by)
                click.echo(f"assigned {counted(added, 'document')} to {printable(annotator)}")
            elif docs or remove or first is not None:
                raise click.UsageError("name the annotator")
        except (EditError, ValueError) as exc:
            raise click.ClickException(printable(str(exc))) from None
        queues = store.queues()
        if not queues:
            click.echo("nobody has documents assigned yet")
            return
        width = max(len(a) for a in queues)
        click.echo(f"{'annotator':<{width}}  assigned  new  in progress  done")
        for name, q in queues.items():
            click.echo(
                f"{printable(name):<{width}}  {q['assigned']:>8}  {q['new']:>3}  {q['in_progress']:>11}  {q['done']:>4}"
            )


@main.command("team")
@click.argument("project")
@click.argument("users", nargs=-1)
@click.option(
    "--lead", is_flag=True, help="Give these users a lead's rights (everything), not an annotator's."
)
def team_command(project: str, users: tuple[str, ...], lead: bool) -> None:
    """Give database USERS their rights on a server PROJECT (run as its owner), or list the team.

    Annotators read everything and write only their own layer (the server's row-level security
    enforces it); leads (--lead) write everything: assignments, imports, adjudication, the schema.
    The users must exist on the server (its administrator: createuser NAME); passwords stay in
    their ~/.pgpass, never here.
    """
    from annotator.core.pg_backend import grant_team, team_members
    from annotator.core.store import EditError

    with open_project(project) as store:
        if not store.is_server:
            raise click.ClickException(
                f"{printable(project)}: roles are for server projects; a file has none"
            )
        if users:
            try:
                grant_team(store, users, lead=lead)
            except EditError as exc:
                raise click.ClickException(printable(str(exc))) from None
            click.echo(f"{'leads' if lead else 'annotators'}: {printable(', '.join(users))}")
        for user, role in team_members(store).items():
            click.echo(f"{printable(user)}\t{role}")
