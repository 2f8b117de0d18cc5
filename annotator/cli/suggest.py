"""`annotator suggest`: pre-annotate documents in bulk (reported-speech rules and project memory, or
another annotator's layer) as suggestions in one annotator's layer, to accept or reject in the window."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli import main
from annotator.cli.project import _check_name, open_project
from annotator.cli.terminal import printable


@main.command("suggest")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("docs", nargs=-1)
@click.option(
    "--annotator",
    "annotator_name",
    required=True,
    callback=_check_name,
    help="The annotator whose layer receives the suggestions (they accept or reject them).",
)
@click.option(
    "--from",
    "from_layer",
    callback=_check_name,
    help="Offer this annotator's spans as the suggestions (an import, a model's predictions, a "
    "colleague's layer) instead of the rules and the project memory.",
)
@click.option(
    "--lexicon",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder with your own cues.toml, speakers.toml and grammar.toml (copies of annotator/resources/suggest).",
)
@click.option(
    "--no-model",
    is_flag=True,
    help="Leave out the project's entity model (`annotator train`); by default its entities are "
    "proposed too, beside the rules and the memory.",
)
def suggest_command(
    project: str,
    docs: tuple[str, ...],
    annotator_name: str,
    from_layer: str | None,
    lexicon: Path | None,
    no_model: bool,
) -> None:
    """Store suggestions for DOCS (ids or names; default: every document) of PROJECT.

    Each document's earlier suggestions for the annotator are replaced; suggestions the annotator
    rejected are not proposed again, and nothing the annotator made is changed. Suggestions are
    never exported until accepted.
    """
    from annotator.core.suggestions import LayerSource, Suggester

    store = open_project(project)
    with store:
        if from_layer is not None and from_layer == annotator_name:
            raise click.UsageError("--from names another annotator's layer, not the annotator's own")
        if from_layer is not None and from_layer not in store.layers():
            known = ", ".join(store.layers()) or "none"
            raise click.ClickException(f"{project}: no spans by {from_layer!r} (layers: {known})")
        try:
            ids = [store.find_document(ref).id for ref in docs] if docs else store.document_ids()
        except KeyError as exc:
            raise click.ClickException(printable(str(exc.args[0]))) from None
        sources = [LayerSource(store, from_layer)] if from_layer else None
        suggester = Suggester(store, sources, lexicon_dir=lexicon, use_model=not no_model)
        if sources is None and not no_model:
            _say_model(store)
        if sys.stderr.isatty() and len(ids) > 1:
            with click.progressbar(length=len(ids), label="suggesting", file=sys.stderr) as bar:
                done = 0

                def progress(n: int, _total: int) -> None:
                    nonlocal done
                    bar.update(n - done)
                    done = n

                report = suggester.suggest_many(ids, annotator_name, progress)
        else:
            report = suggester.suggest_many(ids, annotator_name)
    click.echo(printable(report.summary()))


def _say_model(store) -> None:  # type: ignore[no-untyped-def]
    """Say whether the entity model takes part (and why not, when the project has one it cannot use)."""
    from annotator.core.learning.model import model_info
    from annotator.core.learning.source import model_source

    info = model_info(store)
    if info is None:
        return
    when = info[0][:19].replace("T", " ")
    if model_source(store) is None:
        click.echo(
            f"warning: the entity model trained {when} is left out: this version cannot use it "
            "(or python-crfsuite is missing); retrain it with `annotator train`",
            err=True,
        )
    else:
        click.echo(f'with the entity model trained {when} (suggestions from source "model")', err=True)
