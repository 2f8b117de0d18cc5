"""`annotator train` and `annotator model`: output, the stored model, refusals and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.learning import load_model
from annotator.core.model import Status
from annotator.core.store import Store
from tests.core.learning_fixtures import fill_project


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> str:
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=12)
    return str(path)


@pytest.mark.parametrize("command", ["train", "model"])
def test_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "PROJECT" in result.output


def test_train_prints_quality_per_label_and_stores_the_model(runner: CliRunner, project: str) -> None:
    result = runner.invoke(main, ["train", project, "--max-iterations", "30", "--seed", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "held-out quality on 2 documents (exact spans):"
    assert lines[1].split() == ["label", "precision", "recall", "f1", "support"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:6]}
    assert set(rows) == {"GPE", "ORG", "PERS", "overall"}
    assert all(0 <= float(v) <= 1 for row in rows.values() for v in row[:3])
    assert int(rows["overall"][3]) == sum(int(rows[lab][3]) for lab in ("GPE", "ORG", "PERS"))
    assert "model stored in" in lines[-1] and "learnt from 12 documents" in lines[-1]
    with Store.open(project) as store:
        model = load_model(store)
    assert (
        model is not None
        and model.info["params"]["seed"] == 3
        and model.info["params"]["max_iterations"] == 30
    )

    shown = runner.invoke(main, ["model", project])
    assert shown.exit_code == 0, shown.output
    assert f"trained:   {model.trained_at}" in shown.output
    assert "learnt from: 12 documents (done and adjudicated layers)" in shown.output
    assert "quality on 2 held-out documents" in shown.output and "overall" in shown.output


def test_train_without_heldout_does_not_measure(runner: CliRunner, project: str) -> None:
    result = runner.invoke(main, ["train", project, "--heldout", "0", "--max-iterations", "20"])
    assert result.exit_code == 0, result.output
    assert "quality not measured" in result.output
    assert "quality: not measured" in runner.invoke(main, ["model", project]).output


def test_train_refuses_too_few_annotations(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "few.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=1)
        fill_project(store, n_docs=4, seed=2, status=Status.IN_PROGRESS)
    result = runner.invoke(main, ["train", str(path)])
    assert result.exit_code == 1
    assert "too few annotations to train the entity model" in result.output
    assert "1 finished document" in result.output
    missing = runner.invoke(main, ["model", str(path)])
    assert missing.exit_code == 1 and "has no entity model yet" in missing.output


def test_train_one_annotator_and_unknown_label(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "imported.annotator.db"
    with Store.create(path) as store:
        fill_project(store, n_docs=8, annotator="import", status=None)  # an imported layer: no status
    assert runner.invoke(main, ["train", str(path)]).exit_code == 1  # nothing is marked done
    result = runner.invoke(main, ["train", str(path), "--annotator", "import", "--max-iterations", "20"])
    assert result.exit_code == 0, result.output
    assert "learnt from 8 documents" in result.output
    bad = runner.invoke(main, ["train", str(path), "--annotator", "import", "--label", "NOPE"])
    assert bad.exit_code == 1 and "unknown label NOPE" in bad.output


def test_model_delete(runner: CliRunner, project: str) -> None:
    assert runner.invoke(main, ["train", project, "--heldout", "0", "--max-iterations", "20"]).exit_code == 0
    result = runner.invoke(main, ["model", project, "--delete"])
    assert result.exit_code == 0 and "removed" in result.output
    with Store.open(project) as store:
        assert load_model(store) is None
    assert runner.invoke(main, ["model", project, "--delete"]).exit_code == 1
