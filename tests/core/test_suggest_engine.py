"""Project memory, the engine and the store's side of suggestions: replace, accept, reject, rejections
remembered, never duplicating the annotator's spans, never exported, not counted as work."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.exporters import ExportOptions, export
from annotator.core.model import Document, NewDocument, NewSpan, Origin, Status
from annotator.core.store import Store
from annotator.core.suggestions import Context, LayerSource, Link, MemorySource, Proposal, Suggester
from annotator.core.suggestions.engine import memory_source

NEWS = "وقال وزير الخارجية إن تركيا مستعدة للحوار.\nوأضاف أن وفدا سيزور لتركيا وللقاهرة قريبا."


def doc(text: str) -> Document:
    return Document(1, "d", text, "")


# ----------------------------------------------------------------------------- project memory
def test_memory_finds_strings_behind_proclitics() -> None:
    memory = MemorySource([("GPE", "تركيا", 3, 0), ("GPE", "القاهرة", 2, 0), ("PERS", "أحمد", 1, 0)])
    text = "زار أحمد تركيا ثم وتركيا ولتركيا وبتركيا، وبالقاهرة وللقاهرة، وتركياالكبرى وأحمدي."
    got = [(text[p.start : p.end], p.label) for p in memory.propose(doc(text), Context("t"))]
    assert got == [
        ("أحمد", "PERS"),
        ("تركيا", "GPE"),
        ("تركيا", "GPE"),  # و
        ("تركيا", "GPE"),  # ول
        ("تركيا", "GPE"),  # وب
        ("القاهرة", "GPE"),  # وب + ال
        ("للقاهرة", "GPE"),  # ل + ال written لل: the word stays whole, as the reader snaps it
    ]  # not inside a longer word (تركياالكبرى, أحمدي)


def test_memory_folds_spelling_and_ranks_by_kept_and_rejected() -> None:
    memory = MemorySource([("GPE", "أذربيجان", 1, 0), ("ORG", "الأمم المتحدة", 1, 5), ("PERS", "لا", 9, 0)])
    text = "في اذربيجان والأمم المتحدة، لا."
    got = [(text[p.start : p.end], p.label, p.confidence) for p in memory.propose(doc(text), Context("t"))]
    assert got == [("اذربيجان", "GPE", 0.667)]  # rejected more than kept: not proposed; two letters: never


def test_memory_takes_the_label_kept_most_and_skips_what_the_annotator_has() -> None:
    from annotator.core.model import Span

    memory = MemorySource([("GPE", "واشنطن", 5, 0), ("ORG", "واشنطن", 1, 0)])
    text = "واشنطن ترد. وقالت واشنطن إن."
    own = Span(1, 1, 0, 6, "GPE", "t")
    got = [(p.start, p.label) for p in memory.propose(doc(text), Context("t", [own]))]
    assert got == [(text.rindex("واشنطن"), "GPE")]


def test_memory_counts_what_annotators_kept_and_left_plain(store: Store) -> None:
    text = "زار علي تركيا. وعلى الطاولة ملف. على أي حال. على الجميع. وتركيا بلد."
    store.add_documents(
        [
            NewDocument(
                "a",
                text,
                spans=[NewSpan(4, 7, "PERS", annotator="ali"), NewSpan(8, 13, "GPE", annotator="ali")],
            )
        ]
    )
    mem = memory_source(store)
    terms = {(label, surface): (k, r) for label, surface, k, r in store.memory_terms()}
    assert terms[("GPE", "تركيا")] == (1, 1)  # وتركيا left plain once
    assert terms[("PERS", "علي")][1] >= 3  # "على" folds to the same letters, and stands plain three times
    other = "ذهب علي إلى تركيا."
    assert [other[p.start : p.end] for p in mem.propose(doc(other), Context("t"))] == ["تركيا"]
    assert memory_source(store) is mem  # cached until the memory changes


# ----------------------------------------------------------------------------- engine + store
def project(tmp_path: Path) -> tuple[Store, int]:
    store = Store.create(tmp_path / "p.annotator.db")
    doc_id = store.add_documents([NewDocument("news", NEWS)]).ids[0]
    return store, doc_id


def test_suggest_stores_rules_proposals_with_links_and_provenance(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    change = Suggester(store).suggest(doc_id, "layla")
    spans = store.spans(doc_id, "layla")
    assert spans and all(s.origin == Origin.SUGGESTED and s.source == "rules" for s in spans)
    assert all(0 < s.confidence <= 1 for s in spans)
    labels = sorted(s.label for s in spans)
    assert labels == ["CUE", "CUE", "QUOTE", "QUOTE", "SPEAKER"]
    by_id = {s.id: s for s in spans}
    rels = {
        (r.type, by_id[r.head].label, NEWS[by_id[r.tail].start : by_id[r.tail].end])
        for r in store.relations(doc_id)
    }
    assert ("ATTRIBUTED_TO", "QUOTE", "وزير الخارجية") in rels and (
        "CUE_OF",
        "CUE",
        "إن تركيا مستعدة للحوار",
    ) in rels
    assert len([r for r in store.relations(doc_id) if r.type == "ATTRIBUTED_TO"]) == 2  # the follow-up too
    assert sorted(s.id for s in change.spans_added) == sorted(s.id for s in spans)
    assert store.suggestion_run(doc_id, "layla") == "rules,memory"
    assert store.spans(doc_id, "bob") == []  # only the annotator's own layer


def test_suggestions_never_duplicate_the_annotators_spans(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    s = NEWS.index("وزير الخارجية")
    store.add_span(doc_id, s, s + len("وزير الخارجية"), "SPEAKER", "layla")  # same extent: kept, not proposed
    q = NEWS.index("إن تركيا")
    store.add_span(doc_id, q, q + 6, "MISC", "layla")  # overlapping: the suggestion is still shown
    Suggester(store).suggest(doc_id, "layla")
    spans = store.spans(doc_id, "layla")
    speakers = [x for x in spans if x.label == "SPEAKER"]
    assert len(speakers) == 1 and speakers[0].origin == Origin.MANUAL
    quote = next(x for x in spans if x.label == "QUOTE" and x.start == q)
    assert quote.suggested
    # the quote's speaker link goes to the annotator's own span
    assert any(r.head == quote.id and r.tail == speakers[0].id for r in store.relations(doc_id))


def test_rejected_suggestions_are_not_proposed_again(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    suggester = Suggester(store)
    suggester.suggest(doc_id, "layla")
    cue = next(s for s in store.spans(doc_id, "layla") if s.label == "CUE")
    change = store.delete_span(cue.id)  # deleting a suggestion rejects it
    assert change.describe() == "Reject CUE"
    assert (cue.start, cue.end, "CUE") in store.rejections(doc_id, "layla")
    suggester.suggest(doc_id, "layla")
    assert not any(
        (s.start, s.end, s.label) == (cue.start, cue.end, "CUE") for s in store.spans(doc_id, "layla")
    )
    assert store.rejections(doc_id, "bob") == set()  # per annotator
    store.undo(doc_id, "layla")  # undoing the rejection forgets it
    assert store.rejections(doc_id, "layla") == set()


def test_accept_and_reject_many_are_one_undoable_change(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    Suggester(store).suggest(doc_id, "layla")
    ids = [s.id for s in store.spans(doc_id, "layla")]
    change = store.accept_spans(ids)
    assert change.describe() == f"Accept {len(ids)} suggestions"
    assert all(s.origin == Origin.MANUAL and s.source == "rules" for s in store.spans(doc_id, "layla"))
    store.undo(doc_id, "layla")
    assert all(s.suggested for s in store.spans(doc_id, "layla"))
    change = store.reject_spans(ids)
    assert store.spans(doc_id, "layla") == [] and store.relations(doc_id) == []
    assert change.describe() == f"Reject {len(ids)} suggestions"
    assert len(store.rejections(doc_id, "layla")) == len(ids)


def test_another_layer_as_suggestions(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    t = NEWS.index("تركيا")
    store.add_span(doc_id, t, t + 5, "GPE", "import", origin=Origin.IMPORTED)
    store.add_span(doc_id, 0, 3, "CUE", "import", origin=Origin.SUGGESTED)  # a suggestion is not offered on
    Suggester(store, [LayerSource(store, "import")]).suggest(doc_id, "layla")
    (span,) = store.spans(doc_id, "layla")
    assert (span.start, span.label, span.source, span.suggested) == (t, "GPE", "layer:import", True)
    assert store.other_layers(doc_id, "layla") == {"import": 1}
    assert store.list_documents("layla")[0].other_spans == 1


def test_a_model_plugs_in_as_a_proposal_source(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)

    class Tagger:
        name = "model"

        def propose(self, document: Document, context: Context):
            i = document.text.index("تركيا")
            yield Proposal(i, i + 5, "GPE", confidence=0.42, key="t")
            yield Proposal(0, 3, "CUE", key="c", links=(Link("CUE_OF", "t"),))  # a bad link: dropped
            yield Proposal(0, 3, "NOPE")  # a label the schema lacks: dropped

    Suggester(store, [Tagger()]).suggest(doc_id, "layla")
    spans = store.spans(doc_id, "layla")
    assert [(s.label, s.source, s.confidence) for s in spans] == [
        ("CUE", "model", 1.0),
        ("GPE", "model", 0.42),
    ]
    assert store.relations(doc_id) == []


def test_suggestions_are_not_exported_nor_counted_as_work(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    Suggester(store).suggest(doc_id, "layla")
    t = NEWS.index("تركيا")
    store.add_span(doc_id, t, t + 5, "GPE", "layla")
    store.set_status(doc_id, "layla", Status.DONE)
    assert store.list_documents("layla")[0].span_count == 1
    stats = store.stats()
    assert stats["spans"] == 1 and stats["suggestions"] > 0 and stats["relations"] == 0
    for fmt in ("jsonl", "conll", "quotes"):
        out = tmp_path / f"out.{fmt}"
        report = export(store, fmt, out, ExportOptions(statuses=None))
        assert report.spans == (1 if fmt != "quotes" else 0) and report.relations == 0
        assert any("suggestions not yet accepted are left out" in w for w in report.warnings)
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert [(s["label"], s["origin"]) for s in line["spans"]] == [("GPE", "manual")] and line[
        "relations"
    ] == []
    store.accept_spans([s.id for s in store.spans(doc_id, "layla") if s.suggested])
    report = export(store, "jsonl", tmp_path / "after.jsonl", ExportOptions(statuses=None))
    assert report.spans > 1 and report.relations > 0  # accepted: exported with their links
