"""The entity model as a suggestion source: proposals marked "model" with a confidence, left out of
exports until accepted, never learnt from, picked up again after retraining; `annotator suggest`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.exporters import ExportOptions, export
from annotator.core.learning import TrainOptions, train_project
from annotator.core.learning.source import model_source
from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.core.suggestions import Suggester
from tests.core.learning_fixtures import PERSONS, fill_project


def unseen_people(store: Store, n: int = 2) -> list[str]:
    """Full names the project never labelled (so its memory cannot propose them), made of first and
    last names it has seen: the model knows the parts and the contexts, the memory only strings."""
    seen = {store.document(d).text[s.start : s.end] for d in store.document_ids() for s in store.spans(d)}
    return [p for p in PERSONS if p not in seen][:n]


def trained(tmp_path: Path) -> tuple[Store, int, str, list[str]]:
    store = Store.create(tmp_path / "p.annotator.db")
    fill_project(store, n_docs=12)
    train_project(store, TrainOptions(max_iterations=40))
    a, b = unseen_people(store)
    text = (
        f"وقال الرئيس {a} في القاهرة إن المفاوضات مستمرة .\nوأكد وزير الخارجية {b} أن الوفد وصل إلى بغداد ."
    )
    doc_id = store.add_documents([NewDocument("new", text)]).ids[0]
    return store, doc_id, text, [a, b]


def model_spans(store: Store, doc_id: int, annotator: str):  # type: ignore[no-untyped-def]
    return [s for s in store.spans(doc_id, annotator) if s.suggested and s.source == "model"]


def test_suggester_proposes_the_models_entities(tmp_path: Path) -> None:
    store, doc_id, text, people = trained(tmp_path)
    Suggester(store).suggest(doc_id, "omar")
    found = {(text[s.start : s.end], s.label) for s in model_spans(store, doc_id, "omar")}
    assert {(people[0], "PERS"), (people[1], "PERS")} <= found
    assert all(0 < s.confidence <= 1 for s in model_spans(store, doc_id, "omar"))
    assert store.suggestion_run(doc_id, "omar") == "rules,memory,model"
    store.close()


def test_without_the_model_or_without_a_model(tmp_path: Path) -> None:
    store, doc_id, text, _people = trained(tmp_path)
    Suggester(store, use_model=False).suggest(doc_id, "omar")
    assert model_spans(store, doc_id, "omar") == []
    with Store.create(tmp_path / "empty.annotator.db") as empty:
        assert model_source(empty) is None
    store.close()


def test_model_suggestions_are_not_exported_until_accepted_nor_learnt_from(tmp_path: Path) -> None:
    store, doc_id, text, _people = trained(tmp_path)
    Suggester(store).suggest(doc_id, "layla")
    suggested = model_spans(store, doc_id, "layla")
    assert suggested
    out = tmp_path / "before.jsonl"
    export(store, "jsonl", out, ExportOptions(statuses=None))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    new = next(line for line in lines if line["text"] == text)
    assert new["spans"] == []
    before = train_project(store, TrainOptions(max_iterations=20, heldout=0)).entities
    from annotator.core.model import Status

    store.set_status(doc_id, "layla", Status.DONE)  # done, but holding only suggestions
    again = train_project(store, TrainOptions(max_iterations=20, heldout=0))
    assert again.entities == before and again.documents == 13
    store.accept_spans([s.id for s in suggested])
    export(store, "jsonl", tmp_path / "after.jsonl", ExportOptions(statuses=None))
    lines = [json.loads(line) for line in (tmp_path / "after.jsonl").read_text(encoding="utf-8").splitlines()]
    new = next(line for line in lines if line["text"] == text)
    assert {(s["start"], s["end"], s["label"]) for s in new["spans"]} == {
        (s.start, s.end, s.label) for s in suggested
    }
    store.close()


def test_a_retrained_model_is_picked_up(tmp_path: Path) -> None:
    store, _doc_id, _text, _people = trained(tmp_path)
    first = model_source(store)
    assert first is not None and model_source(store) is first  # loaded once per training
    train_project(store, TrainOptions(max_iterations=20, heldout=0))
    second = model_source(store)
    assert second is not None and second is not first
    store.close()


def test_cli_suggest_uses_the_model(tmp_path: Path) -> None:
    store, doc_id, text, _people = trained(tmp_path)
    path = str(store.path)
    store.close()
    runner = CliRunner()
    result = runner.invoke(main, ["suggest", path, "new", "--annotator", "omar"])
    assert result.exit_code == 0, result.output
    assert "with the entity model trained" in result.output
    with Store.open(path) as s:
        assert model_spans(s, doc_id, "omar")
    result = runner.invoke(main, ["suggest", path, "new", "--annotator", "sara", "--no-model"])
    assert result.exit_code == 0 and "entity model" not in result.output
    with Store.open(path) as s:
        assert model_spans(s, doc_id, "sara") == [] and s.spans(doc_id, "sara")
