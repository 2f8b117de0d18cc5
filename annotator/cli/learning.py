"""`annotator train` and `annotator model`: the entity tagger learnt from the project's annotations.

Thin over annotator.core.learning. Exit codes: 0 ok, 1 when training cannot run (too few
annotations, python-crfsuite missing, an unknown label): then the stored model is unchanged.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from annotator.cli import main
from annotator.cli.project import open_project, printable
from annotator.core.learning.errors import LearningError
from annotator.core.learning.metrics import OVERALL
from annotator.core.learning.model import MODEL_NAME, model_info
from annotator.core.learning.train import (
    DEFAULT_C1,
    DEFAULT_C2,
    DEFAULT_MAX_ITERATIONS,
    TrainOptions,
    train_project,
)
from annotator.core.wording import counted

_STAGES = {"features": "features", "training": "training", "measuring": "measuring"}


def quality_table(quality: dict[str, dict[str, Any]]) -> str:
    """Precision, recall, F1 and support per label, the micro-average last."""
    rows = [["label", "precision", "recall", "f1", "support"]]
    labels = sorted(k for k in quality if k != OVERALL)
    for label in [*labels, OVERALL]:
        if label not in quality:
            continue
        q = quality[label]
        rows.append(
            [label, f"{q['precision']:.3f}", f"{q['recall']:.3f}", f"{q['f1']:.3f}", str(q["support"])]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in rows
    ]
    return printable("\n".join("  " + line for line in lines))


class _Bars:
    """One click progress bar per stage of training, on stderr, only when it is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None
        self.stage = ""
        self.runs = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            if stage == "features":
                self.runs += 1
            self.stage = stage
            label = f"{_STAGES.get(stage, stage)} ({'measuring run' if self.runs == 1 else 'final model'})"
            if stage == "measuring":
                label = "measuring on held-out documents"
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command("train")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--annotator",
    "annotator_name",
    help="Learn from this annotator's layers: those marked done or adjudicated, and any with spans "
    "but no status (an imported layer). Default: every done or adjudicated layer, one per document "
    "(the adjudicated layer first).",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    help="Learn these labels (repeatable). Default: the schema's entity labels (all but QUOTE, "
    "SPEAKER, CUE and labels that head a relation).",
)
@click.option(
    "--heldout",
    type=click.FloatRange(0, 0.5),
    default=0.2,
    show_default=True,
    help="Share of documents held out to measure quality (0: do not measure).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the held-out split.")
@click.option(
    "--c1", type=click.FloatRange(min=0), default=DEFAULT_C1, show_default=True, help="L1 regularisation."
)
@click.option(
    "--c2", type=click.FloatRange(min=0), default=DEFAULT_C2, show_default=True, help="L2 regularisation."
)
@click.option(
    "--max-iterations",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ITERATIONS,
    show_default=True,
    help="L-BFGS iterations.",
)
@click.option(
    "--progress-json",
    is_flag=True,
    hidden=True,
    help="Print progress and the result as JSON lines on stdout (for the window's background training).",
)
def train_command(
    project: str,
    annotator_name: str | None,
    labels: tuple[str, ...],
    heldout: float,
    seed: int,
    c1: float,
    c2: float,
    max_iterations: int,
    progress_json: bool,
) -> None:
    """Train the entity tagger on PROJECT's finished annotations and store it in the project.

    Documents are split (by document, seeded): the model is trained on one part and measured on
    the held-out part (precision, recall and F1 per label, exact spans), then trained again on
    every document; that model is stored inside the project file with its training date, the
    annotations it saw and the measured quality. Suggested spans are never learnt from.
    """
    options = TrainOptions(
        annotator=annotator_name,
        labels=labels or None,
        heldout=heldout,
        seed=seed,
        c1=c1,
        c2=c2,
        max_iterations=max_iterations,
    )
    bars = _Bars()
    progress: Any = bars
    if progress_json:
        bars.enabled = False

        def progress(stage: str, done: int, total: int) -> None:
            click.echo(json.dumps({"stage": stage, "done": done, "total": total}))

    store = open_project(project)
    try:
        with store:
            result = train_project(store, options, progress=progress)
    except (LearningError, ValueError) as exc:
        if progress_json:
            click.echo(json.dumps({"error": str(exc)}, ensure_ascii=False))
            sys.exit(1)
        raise click.ClickException(str(exc)) from None
    finally:
        bars.close()
    if progress_json:
        quality = {k: v.to_dict() for k, v in result.quality.items()} if result.quality else None
        summary = {
            "documents": result.documents,
            "heldout": result.heldout,
            "seconds": round(result.seconds, 2),
        }
        click.echo(json.dumps({"result": {**summary, "quality": quality}}, ensure_ascii=False))
        return
    counts = ", ".join(f"{lab} {n}" for lab, n in sorted(result.entities.items()))
    if result.quality:
        click.echo(f"held-out quality on {counted(result.heldout, 'document')} (exact spans):")
        click.echo(quality_table({k: v.to_dict() for k, v in result.quality.items()}))
    else:
        click.echo("quality not measured (--heldout 0)")
    click.echo(
        f"model stored in {printable(project)}: learnt from {counted(result.documents, 'document')}, "
        f"{counted(sum(result.entities.values()), 'entity', 'entities')} ({printable(counts)}), "
        f"in {result.seconds:.1f} s"
    )


@main.command("model")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--delete", is_flag=True, help="Remove the stored model (suggestions stop using it).")
def model_command(project: str, delete: bool) -> None:
    """Show the entity model stored in PROJECT: when it was trained, on what, and its quality."""
    with open_project(project) as store:
        if delete:
            if not store.delete_model(MODEL_NAME):
                raise click.ClickException(f"{project} has no entity model")
            click.echo(f"entity model removed from {printable(project)}")
            return
        found = model_info(store)
    if found is None:
        raise click.ClickException(
            f"{project} has no entity model yet: train one with `annotator train {project}`"
        )
    trained_at, info = found
    entities = ", ".join(f"{lab} {n}" for lab, n in info.get("entities", {}).items())
    params = info.get("params", {})
    click.echo(f"trained:   {trained_at}")
    click.echo(
        f"learnt from: {counted(info.get('documents', 0), 'document')} ({printable(info.get('source', ''))}), "
        f"{counted(info.get('tokens', 0), 'token')}"
    )
    click.echo(f"entities:  {printable(entities) or 'none'}")
    click.echo(f"labels:    {printable(' '.join(info.get('labels', [])))}")
    click.echo(
        "settings:  "
        + ", ".join(
            f"{k} {params[k]}" for k in ("c1", "c2", "max_iterations", "seed", "heldout") if k in params
        )
    )
    quality = info.get("quality")
    if quality:
        click.echo(f"quality on {len(info.get('heldout_documents', []))} held-out documents (exact spans):")
        click.echo(quality_table(quality))
    else:
        click.echo("quality: not measured")
