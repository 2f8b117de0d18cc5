"""The entity model: features, memory, metrics, training data selection, training, storage, tagging."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.learning import (
    TooFewAnnotations,
    TrainingCancelled,
    TrainOptions,
    load_model,
    train_project,
)
from annotator.core.learning.examples import collect, entity_labels
from annotator.core.learning.features import Featurizer, analyse
from annotator.core.learning.memory import Memory, entities_of
from annotator.core.learning.metrics import OVERALL, score
from annotator.core.learning.model import model_info
from annotator.core.learning.train import evaluate, fit, split_examples
from annotator.core.migrations import LATEST
from annotator.core.model import NewDocument, NewSpan, Origin, Status
from annotator.core.schema import default_schema
from annotator.core.store import Store
from tests.core.learning_fixtures import fill_project

FAST = TrainOptions(max_iterations=40)


# ----------------------------------------------------------------------------- features
def test_analyse_takes_proclitics_and_article_off() -> None:
    w = analyse("وبالقاهرة")
    assert (w.clitics, w.key, w.stem, w.shape) == ("وبال", "القاهره", "قاهره", "A")
    assert analyse("للحكومة").key == "الحكومه"  # ل + ال written without its alef
    assert analyse("أنقرة").folded == analyse("انقره").folded == "انقره"
    assert analyse("2025").shape == "D" and analyse("NTV").shape == "L" and analyse("«").shape == "P"
    assert analyse("مُحَمَّد").folded == "محمد"  # tashkeel ignored


def test_features_see_neighbours_triggers_and_memory() -> None:
    memory = Memory.build([(["الرئيس", "خالد", "عمر"], ["O", "B-PERS", "I-PERS"])])
    feats = Featurizer(memory).sentence(["قال", "الرئيس", "خالد", "عمر"])
    assert "s=خالد" in feats[2] and "w-1=الرئيس" in feats[2] and "w1=عمر" in feats[2]
    clitics = Featurizer().sentence(["وبالقاهرة"])[0]
    assert {"w=وبالقاهره", "k=القاهره", "s=قاهره", "c=وبال"} <= set(clitics)
    assert "t-1=TITLE" in feats[2] and "t=SPEECH" in feats[0]
    assert (
        "ml=B-PERS" in feats[2] and "ml=I-PERS" in feats[3] and not any(f.startswith("m=") for f in feats[1])
    )


# ----------------------------------------------------------------------------- memory, metrics
def test_entities_of_reads_iob2_and_iob1() -> None:
    assert entities_of(["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PERS"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]


def test_memory_matches_longest_and_knows_how_reliable_it_is() -> None:
    sentences = [
        (["مجلس", "الامن", "الدولي"], ["B-ORG", "I-ORG", "I-ORG"]),
        (["تركيا", "و", "الامن"], ["B-GPE", "O", "O"]),
        (["الامن"], ["B-ORG"]),
        (["الامن", "الغذائي"], ["O", "O"]),
        (["الامن"], ["O"]),
        (["الامن"], ["O"]),
    ]
    memory = Memory.build(sentences)
    assert memory.matches(["في", "مجلس", "الامن", "الدولي", "و", "تركيا"]) == [(1, 4), (5, 6)]
    assert memory.entries[("تركيا",)] == ("GPE", "hi", False)
    assert memory.entries[("الامن",)] == ("ORG", "lo", False)  # labelled once, seen five times
    assert Memory.from_json(memory.to_json()).entries == memory.entries


def test_memory_remembers_the_parts_of_a_name() -> None:
    sentences = [
        (
            ["قال", "الرئيس", "البرت", "اينشتاين", "بن", "علي"],
            ["O", "O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        ),
        (["وصل", "بن", "علي"], ["O", "O", "O"]),
    ]
    memory = Memory.build(sentences, stop={"بن"})
    assert memory.entries[("اينشتاين",)] == ("PERS", "hi", True)
    assert memory.entries[("علي",)] == ("PERS", "lo", True)  # seen once, not in a name
    assert ("بن",) not in memory.entries  # a particle
    assert memory.features(["ان", "اينشتاين", "قال"]) == ["", "P-PERS/hi", ""]
    found = Memory.of_names([(["جون", "كيري"], "PERS")])
    assert memory.features(["كيري", "قال"], found) == ["P-PERS/hi", ""]


def test_score_counts_exact_spans_only() -> None:
    gold = [(1, 0, 5, "PERS"), (1, 10, 15, "GPE"), (2, 0, 4, "ORG")]
    predicted = [(1, 0, 5, "PERS"), (1, 10, 14, "GPE"), (2, 0, 4, "PERS")]
    s = score(gold, predicted)
    assert (s["PERS"].tp, s["PERS"].fp, s["PERS"].fn) == (1, 1, 0)
    assert (s["GPE"].tp, s["GPE"].fp, s["GPE"].fn) == (0, 1, 1)
    assert (s[OVERALL].precision, s[OVERALL].recall) == (1 / 3, 1 / 3)


# ----------------------------------------------------------------------------- what is learnt from
def test_entity_labels_leave_out_reported_speech() -> None:
    assert entity_labels(default_schema()) == ["PERS", "ORG", "GPE", "LOC", "MISC"]


def _doc(store: Store, text: str, spans: list[tuple[int, int, str, str, Origin]], statuses: dict) -> int:
    return store.add_documents(
        [
            NewDocument(
                name=text[:10],
                text=text,
                spans=[NewSpan(s, e, lab, annotator=who, origin=o) for s, e, lab, who, o in spans],
                statuses=statuses,
            )
        ]
    ).ids[0]


def test_collect_takes_finished_layers_one_per_document(store: Store) -> None:
    text = "قال محمد علي في القاهرة ."
    m, o = Origin.MANUAL, Origin.SUGGESTED
    a = _doc(
        store,
        text,
        [(4, 12, "PERS", "ali", m), (16, 23, "GPE", "ali", o), (4, 8, "PERS", "adjudicated", m)],
        {"ali": Status.DONE, "adjudicated": Status.ADJUDICATED},
    )
    b = _doc(store, "وصل خالد إلى تونس .", [(4, 8, "PERS", "ali", m)], {"ali": Status.IN_PROGRESS})
    c = _doc(store, "غادر أحمد بغداد .", [(5, 9, "PERS", "import", Origin.IMPORTED)], {})
    examples = {ex.doc_id: ex for ex in collect(store).examples}
    assert list(examples) == [a]  # in-progress and status-less layers are not finished work
    assert examples[a].annotator == "adjudicated" and examples[a].spans == [(4, 8, "PERS")]
    chosen = {ex.doc_id: ex for ex in collect(store, "ali").examples}
    assert list(chosen) == [a] and chosen[a].spans == [(4, 12, "PERS")]  # the suggested GPE is left out
    assert [ex.doc_id for ex in collect(store, "import").examples] == [c]  # an imported layer counts
    assert b not in examples


def test_suggested_spans_are_never_training_data(store: Store) -> None:
    fill_project(store, n_docs=10)
    # the same kind of documents, but every span is a suggestion nobody accepted, marked done
    fill_project(store, n_docs=6, seed=99, annotator="omar", origin=Origin.SUGGESTED)
    result = train_project(store, TrainOptions(max_iterations=30, heldout=0))
    assert result.documents == 16
    collected = collect(store)
    omar = [ex for ex in collected.examples if ex.annotator == "omar"]
    assert len(omar) == 6 and all(ex.spans == [] and set(ex.tags) == {"O"} for ex in omar)
    n_manual = sum(
        1
        for doc_id in store.document_ids()
        for sp in store.spans(doc_id)
        if sp.origin == Origin.MANUAL and sp.label in ("PERS", "GPE", "ORG")
    )
    assert sum(result.entities.values()) == n_manual
    assert sum(load_model(store).info["entities"].values()) == n_manual


def test_a_label_only_suggested_is_not_learnt(store: Store) -> None:
    fill_project(store, n_docs=8)
    doc_id = store.document_ids()[0]
    store.add_span(doc_id, 0, 3, "MISC", "layla", origin=Origin.SUGGESTED)
    result = train_project(store, FAST)
    assert "MISC" not in result.model.labels and "MISC" not in result.entities


# ----------------------------------------------------------------------------- training
def test_too_few_annotations_is_a_clear_message_and_stores_nothing(store: Store) -> None:
    fill_project(store, n_docs=2)
    fill_project(store, n_docs=5, seed=3, status=Status.IN_PROGRESS)
    with pytest.raises(TooFewAnnotations) as info:
        train_project(store, FAST)
    message = str(info.value)
    assert "too few annotations" in message and "2 finished documents" in message
    assert "--annotator" in message and "done" in message
    assert model_info(store) is None


def test_training_and_tagging_are_deterministic_with_a_seed(tmp_path: Path) -> None:
    models = []
    for k in range(2):
        with Store.create(tmp_path / f"p{k}.db") as store:
            fill_project(store, n_docs=12)
            models.append(train_project(store, TrainOptions(max_iterations=40, seed=5)))
    a, b = models
    assert a.model.crf == b.model.crf
    assert a.model.info["heldout_documents"] == b.model.info["heldout_documents"]
    assert {k: v.to_dict() for k, v in a.quality.items()} == {k: v.to_dict() for k, v in b.quality.items()}
    text = "وقال الوزير سارة يوسف في دمشق إن البنك الدولي مستعد ."
    assert a.model.predict(text) == b.model.predict(text)
    other = train_project(Store.open(tmp_path / "p0.db"), TrainOptions(max_iterations=40, seed=6))
    assert other.model.info["heldout_documents"] != a.model.info["heldout_documents"]


def test_trained_model_proposes_entities_with_confidence(store: Store) -> None:
    fill_project(store, n_docs=12)
    result = train_project(store, FAST)
    assert result.quality is not None and result.heldout == 2 and result.documents == 12
    assert result.quality[OVERALL].f1 > 0.9  # the templates are easy: a model that learnt nothing scores 0
    text = "وقال الرئيس ليلى منصور في باريس إن جامعة الدول العربية تدعم الحل ."
    proposals = result.model.predict(text)
    found = {(text[p.start : p.end], p.label) for p in proposals}
    assert {("ليلى منصور", "PERS"), ("باريس", "GPE"), ("جامعة الدول العربية", "ORG")} <= found
    assert all(p.source == "model" and 0 < p.confidence <= 1 for p in proposals)


def test_model_is_stored_in_the_project_and_survives_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    text = "أعلنت الأمم المتحدة في أنقرة أن خالد عمر سيزور عمان ."
    with Store.create(path) as store:
        fill_project(store, n_docs=12)
        trained = train_project(store, FAST).model
        expected = trained.predict(text)
    copy = tmp_path / "copy.annotator.db"
    shutil.copy(path, copy)  # the file alone: no -wal or -shm beside it
    with Store.open(copy) as store:
        assert store.version == LATEST
        loaded = load_model(store)
        assert loaded is not None and loaded.crf == trained.crf and loaded.trained_at == trained.trained_at
        assert loaded.predict(text) == expected and expected
        info = loaded.info
        assert info["documents"] == 12 and len(info["layers"]) == 12
        assert info["quality"][OVERALL]["support"] > 0 and set(info["entities"]) == {"PERS", "GPE", "ORG"}
        assert model_info(store)[0] == trained.trained_at


def test_retraining_replaces_the_model(store: Store) -> None:
    fill_project(store, n_docs=12)
    first = train_project(store, FAST)
    fill_project(store, n_docs=4, seed=11)
    second = train_project(store, FAST)
    assert second.documents == 16 and load_model(store).info["documents"] == 16
    assert store.conn.execute("SELECT COUNT(*) FROM models").fetchone()[0] == 1
    assert first.model.crf != second.model.crf


def test_cancel_stops_training_and_keeps_the_stored_model(store: Store) -> None:
    fill_project(store, n_docs=12)
    train_project(store, FAST)
    before = load_model(store).crf
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        stages.append(stage)

    with pytest.raises(TrainingCancelled):
        train_project(store, FAST, progress, cancel=lambda: "training" in stages)
    assert load_model(store).crf == before
    assert stages.count("training") == 1


def test_proposals_leave_out_proclitics_when_annotators_do(store: Store) -> None:
    """Spans made in the window leave out و ب ل before ال; the model's proposals must too."""
    fill_project(store, n_docs=10)
    m = Origin.MANUAL
    for k, place in enumerate(["القاهرة", "الرياض", "الجزائر", "الخرطوم", "الكويت", "المنامة"]):
        text = f"وصل الوفد {k} إلى ب{place} أمس ، ثم غادر و{place} صباحا ."
        first = text.index("ب" + place) + 1
        second = text.index("و" + place) + 1
        spans = [
            (first, first + len(place), "GPE", "layla", m),
            (second, second + len(place), "GPE", "layla", m),
        ]
        _doc(store, text, spans, {"layla": Status.DONE})
    model = train_project(store, FAST).model
    assert model.cuts.get("ب+ال") and model.cuts.get("و+ال")
    text = "ووصل الوزير إلى بالقاهرة أمس ."
    proposals = [p for p in model.predict(text) if p.label == "GPE"]
    assert [text[p.start : p.end] for p in proposals] == ["القاهرة"]


def test_conll_tokens_are_kept_whole(store: Store) -> None:
    """CoNLL spans include their clitics: the model keeps whole tokens there."""
    fill_project(store, n_docs=10)
    collected = collect(store)
    train, held = split_examples(collected.examples, 0.2, 0)
    model = fit(train, ["PERS", "GPE", "ORG"], FAST)
    assert not any(model.cuts.values())
    scores = evaluate(model, held)
    assert set(scores) == {"PERS", "GPE", "ORG", OVERALL}


# ----------------------------------------------------------------------------- on real data
def test_anercorp_sample_learns_something(tmp_path: Path, anercorp_path: Path) -> None:
    """A few ANERcorp documents through the real importer: the model finds most held-out names."""
    from annotator.core.importers import import_paths

    lines = anercorp_path.read_text(encoding="utf-8").splitlines()[:12000]
    small = tmp_path / "small.txt"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.create(tmp_path / "aner.db") as store:
        report = import_paths(store, [small], format="conll", sentences_per_doc=50)
        assert not report.failures
        result = train_project(store, TrainOptions(annotator="import", max_iterations=30))
    assert result.documents >= 8 and set(result.entities) >= {"PERS", "LOC", "ORG"}
    assert result.quality[OVERALL].f1 > 0.4
