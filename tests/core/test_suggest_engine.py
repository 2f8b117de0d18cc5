"""Project memory, the engine and the store's side of suggestions: replace, accept, reject, rejections
remembered, never duplicating the annotator's spans, never exported, not counted as work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.exporters import ExportOptions, export
from annotator.core.model import Document, NewDocument, NewRelation, NewSpan, Origin, Status
from annotator.core.store import EditError, Store
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


def test_memory_refresh_reads_the_real_spans_without_the_suggestions(tmp_path: Path) -> None:
    # each suggestion asks the memory for the spans stored since its watermark; suggestions stored
    # since (all of them after a bulk suggest) are not counted, and must not be read either
    store, doc_id = project(tmp_path)
    Suggester(store).suggest(doc_id, "layla")
    low, high = store.memory_backlog()
    assert high > low  # the suggestions are above the watermark
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        assert store.real_spans_between(low, high) == []
    finally:
        store.conn.set_trace_callback(None)
    query = next(q for q in seen if q.lstrip().upper().startswith("SELECT"))
    plan = " ".join(str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "USING INDEX spans_real" in plan, plan
    real = store.add_span(doc_id, 5, 18, "PERS", "ali").spans_added[0]
    assert store.real_spans_between(low, store.memory_backlog()[1]) == [(doc_id, 5, 18, "PERS")]
    assert real.id > high


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


def test_a_link_made_with_accept_accepts_the_suggested_ends_in_the_same_undo_step(tmp_path: Path) -> None:
    store, doc_id = project(tmp_path)
    Suggester(store).suggest(doc_id, "layla")
    speaker = next(s for s in store.spans(doc_id, "layla") if s.label == "SPEAKER")
    q = NEWS.index("أن وفدا")
    quote = store.add_span(doc_id, q, NEWS.index("قريبا") + 5, "QUOTE", "layla").spans_added[0]
    plain = store.add_relations([("ATTRIBUTED_TO", quote.id, speaker.id)])  # without accept: as before
    assert [s.suggested for s in store.spans(doc_id, "layla") if s.id == speaker.id] == [True]
    store.undo(doc_id, "layla")
    assert plain.relations_added and not plain.spans_updated
    change = store.add_relations([("ATTRIBUTED_TO", quote.id, speaker.id)], accept=True)
    assert [(b.id, b.suggested, a.suggested) for b, a in change.spans_updated] == [(speaker.id, True, False)]
    store.undo(doc_id, "layla")  # one step takes back the link and the acceptance
    assert [s.suggested for s in store.spans(doc_id, "layla") if s.id == speaker.id] == [True]
    assert ("ATTRIBUTED_TO", quote.id, speaker.id) not in {
        (r.type, r.head, r.tail) for r in store.relations(doc_id)
    }
    # an existing link to a suggestion, linked again: nothing new but the acceptance
    store.add_relations([("ATTRIBUTED_TO", quote.id, speaker.id)])
    again = store.add_relations([("ATTRIBUTED_TO", quote.id, speaker.id)], accept=True)
    assert not again.relations_added and len(again.spans_updated) == 1


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


# ----------------------------------------------------------------------------- bulk = one at a time
DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset.jsonl"


def _layer(store: Store, doc_id: int, annotator: str) -> tuple[list[tuple], set[tuple]]:
    """An annotator's suggestions and their links, by extent (ids differ between projects)."""
    spans = [s for s in store.spans(doc_id, annotator) if s.suggested]
    ident = {s.id: (s.start, s.end, s.label) for s in store.spans(doc_id, annotator)}
    rows = sorted((s.start, s.end, s.label, sorted(s.attrs.items()), s.source, s.confidence) for s in spans)
    rels = {(r.type, ident[r.head], ident[r.tail]) for r in store.relations(doc_id, annotator)}
    return rows, rels


def _corpus(path: Path, sample_text: str) -> Store:
    """The sample article and the development set's documents, with entities (the memory), one
    span of the annotator's own and one rejection, so that every path of the store is taken."""
    store = Store.create(path)
    texts = [sample_text] + [
        json.loads(line)["text"] for line in DEVSET.read_text(encoding="utf-8").splitlines()
    ]
    docs = []
    for i, text in enumerate(texts):
        spans = []
        for name, label in (("تركيا", "GPE"), ("إسرائيل", "GPE"), ("لبنان", "GPE"), ("فيدان", "PERS")):
            if name in text:
                at = text.index(name)
                spans.append(NewSpan(at, at + len(name), label, annotator="ali", origin=Origin.MANUAL))
        docs.append(NewDocument(f"d{i}", text, spans=spans))
    ids = store.add_documents(docs).ids
    first = store.document(ids[0]).text
    at = first.index("المصادر")
    store.add_span(ids[0], at, at + len("المصادر"), "SPEAKER", "layla")
    return store


def test_bulk_suggestion_stores_what_one_document_at_a_time_does(tmp_path: Path, sample_text: str) -> None:
    # suggest_many shares the memory, the folded text and the store's checks between documents and
    # writes in batches: none of that may change what is stored
    bulk, single = _corpus(tmp_path / "bulk.db", sample_text), _corpus(tmp_path / "single.db", sample_text)
    ids = bulk.document_ids()
    for store in (bulk, single):  # a rejection in the first document
        Suggester(store).suggest(ids[1], "layla")
        quote = next(s for s in store.spans(ids[1], "layla") if s.label == "QUOTE")
        store.reject_spans([quote.id])
    report = Suggester(bulk).suggest_many(ids, "layla")
    for doc_id in ids:
        Suggester(single).suggest(doc_id, "layla")
    assert report.documents == len(ids) > 60 and report.spans > 150 and report.relations > 50
    for doc_id in ids:
        assert _layer(bulk, doc_id, "layla") == _layer(single, doc_id, "layla")
    assert sum(s.source == "memory" for d in ids for s in bulk.spans(d, "layla")) > 3


def test_a_stored_change_names_the_rows_it_wrote(tmp_path: Path, sample_text: str) -> None:
    store = _corpus(tmp_path / "p.db", sample_text)
    doc_id = store.document_ids()[0]
    suggester = Suggester(store)
    change = suggester.store_job(suggester.compute(suggester.prepare(doc_id, "layla")))
    assert len(change.spans_added) > 30
    assert list(change.spans_added) == [store.span(s.id) for s in change.spans_added]
    stored = {r.id: r for r in store.relations(doc_id, "layla")}
    assert change.relations_added and all(stored[r.id] == r for r in change.relations_added)
    assert len(change.relations_added) == len(stored)  # every row it wrote, each once


def test_stored_links_are_named_once_and_existing_ones_not_again(tmp_path: Path) -> None:
    # the relations of a job go in as one statement: a link given twice is stored and named once, a
    # link the annotator already has between two spans of theirs is neither stored again nor named
    store, doc_id = project(tmp_path)
    speaker = store.add_span(doc_id, 5, 18, "SPEAKER", "layla").spans_added[0]
    cue = store.add_span(doc_id, 1, 4, "CUE", "layla").spans_added[0]
    quote_end = NEWS.index(".")
    own_quote = store.add_span(doc_id, 19, quote_end, "QUOTE", "layla").spans_added[0]
    store.add_relation("ATTRIBUTED_TO", own_quote.id, speaker.id)
    second = NEWS.index("أن وفدا")
    spans = [NewSpan(second, len(NEWS) - 1, "QUOTE", {"type": "indirect"}, "layla", Origin.SUGGESTED, "q")]
    links = [
        NewRelation("ATTRIBUTED_TO", "q", speaker.id, "layla"),
        NewRelation("ATTRIBUTED_TO", "q", speaker.id, "layla"),
        NewRelation("CUE_OF", cue.id, "q", "layla"),
        NewRelation("ATTRIBUTED_TO", own_quote.id, speaker.id, "layla"),
    ]
    change = store.replace_suggestions(doc_id, "layla", spans, links)
    quote = change.spans_added[0]
    assert sorted((r.type, r.head, r.tail) for r in change.relations_added) == [
        ("ATTRIBUTED_TO", quote.id, speaker.id),
        ("CUE_OF", cue.id, quote.id),
    ]
    stored = store.relations(doc_id, "layla")
    assert len(stored) == 3 and all(r in stored for r in change.relations_added)


def test_bulk_suggestion_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    store, doc_id = project(tmp_path)
    assert gc.isenabled()
    Suggester(store).suggest_many([doc_id], "layla")
    assert gc.isenabled()
    gc.disable()
    try:
        Suggester(store).suggest_many([doc_id], "bob")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_suggestions_commit_without_fsync_and_every_edit_with_it(tmp_path: Path) -> None:
    # suggestions are remade on demand: their commit skips the WAL's fsync (synchronous NORMAL);
    # the annotator's edits, and everything after a suggestion, are written with FULL
    store, doc_id = project(tmp_path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        Suggester(store).suggest(doc_id, "layla")
        suggest_log = list(seen)
        seen.clear()
        store.add_span(doc_id, 5, 18, "SPEAKER", "layla")
        edit_log = list(seen)
        seen.clear()
        with pytest.raises(EditError):
            store.replace_suggestions(doc_id, "layla", [NewSpan(0, 4, "NO_SUCH_LABEL", {}, "layla")])
    finally:
        store.conn.set_trace_callback(None)
    statements = [q.strip().upper() for q in suggest_log]
    normal, full = (
        statements.index("PRAGMA SYNCHRONOUS = NORMAL"),
        statements.index("PRAGMA SYNCHRONOUS = FULL"),
    )
    assert normal < statements.index("BEGIN IMMEDIATE") < statements.index("COMMIT") < full
    assert not any("SYNCHRONOUS" in q.upper() for q in edit_log)
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL, after a failure too
    assert [s for s in store.spans(doc_id, "layla") if s.suggested]  # the suggestions were kept
