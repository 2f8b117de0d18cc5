"""The project store: migrations, refusals, foreign keys, edits with undo/redo, bulk add, duplicates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.migrations import APPLICATION_ID, LATEST, MIGRATIONS
from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status
from annotator.core.store import EditError, ProjectError, Store

TEXT = 'قال الوزير: "الوضع مستقر".'


def add_doc(store: Store, text: str = TEXT, name: str = "d") -> int:
    return store.add_documents([NewDocument(name=name, text=text)]).ids[0]


# ---------------------------------------------------------------------------------- migrations
def test_fresh_project_is_latest(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.create(path).close()
    with Store.open(path) as store:
        assert store.version == LATEST
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # the tables, and the indexes the window's queries use (sqlite-utils introspection)
        assert set(store.db.table_names()) >= {
            "project",
            "documents",
            "spans",
            "relations",
            "statuses",
            "history",
        }
        span_indexes = {tuple(i.columns) for i in store.db["spans"].indexes}
        assert ("doc_id", "annotator", "start", "end", "id") in span_indexes  # reading order
        assert ("label", "annotator") in span_indexes
        assert ("annotator", "status") in {tuple(i.columns) for i in store.db["statuses"].indexes}
        fks = {(fk.column, fk.other_table) for fk in store.db["spans"].foreign_keys}
        assert ("doc_id", "documents") in fks


def test_opening_a_project_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    """sqlite-utils imports pandas when it is installed: that must not be paid on every start."""
    import subprocess
    import sys

    path = tmp_path / "p.db"
    Store.create(path).close()
    code = (
        "import sys; from annotator.core.store import Store; s = Store.open(sys.argv[1]); s.stats(); "
        "print('sqlite_utils' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_upgrade_from_v1(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents(name, text, length, sha256) VALUES ('old', 'نص قديم', 7, 'abc')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.version == LATEST
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "history" in tables
        assert store.document(store.document_ids()[0]).text == "نص قديم"


def test_too_new_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer version of annotator.*99"):
        Store.open(path)
    assert path.read_bytes() == before


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        Store.open(tmp_path / "nope.db")
    with pytest.raises(ProjectError, match="already exists"):
        p = tmp_path / "x.db"
        Store.create(p).close()
        Store.create(p)


def test_garbage_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database at all\n" * 100)
    with pytest.raises(ProjectError, match="not an SQLite database"):
        Store.open(path)


def test_damaged_header_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    with pytest.raises(ProjectError, match=str(path)):
        Store.open(path)


def test_truncated_project_refused(tmp_path: Path) -> None:
    path = tmp_path / "trunc.db"
    with Store.create(path) as store:
        store.add_documents([NewDocument(name=f"d{i}", text="نص طويل " * 200 + str(i)) for i in range(200)])
    data = path.read_bytes()
    assert len(data) > 100_000
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ProjectError, match="damaged|cannot open"):
        Store.open(path)


def test_foreign_sqlite_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="not an annotator project"):
        Store.open(path)
    assert path.read_bytes() == before


def test_foreign_keys_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO spans(doc_id, start, \"end\", label, annotator) VALUES (999, 0, 1, 'PERS', 'x')"
        )


# ---------------------------------------------------------------------------------- edits
def test_add_update_delete_undo_redo(store: Store) -> None:
    doc = add_doc(store)
    change = store.add_span(doc, 4, 10, "SPEAKER", "ali", attrs={"kind": "title"})
    (span,) = change.spans_added
    assert span.surface(TEXT) == "الوزير" and span.origin == Origin.MANUAL
    q = store.add_span(doc, 12, 25, "QUOTE", "ali").spans_added[0]
    link = store.add_relation("ATTRIBUTED_TO", q.id, span.id).relations_added[0]
    assert store.relations(doc, "ali") == [link]

    updated = store.update_span(span.id, label="PERS")
    assert updated.spans_updated[0][1].label == "PERS" and store.span(span.id).label == "PERS"
    store.undo(doc, "ali")
    assert store.span(span.id).label == "SPEAKER"
    store.redo(doc, "ali")
    assert store.span(span.id).label == "PERS"
    store.undo(doc, "ali")

    deleted = store.delete_span(span.id)
    assert deleted.relations_removed == (link,)
    assert [s.id for s in store.spans(doc)] == [q.id] and store.relations(doc) == []
    restored = store.undo(doc, "ali")
    assert restored is not None and restored.spans_added == (span,) and restored.relations_added == (link,)
    assert store.relations(doc) == [link]
    assert store.can_redo(doc, "ali")
    store.redo(doc, "ali")
    assert store.relations(doc) == []


def test_invalid_edits(store: Store) -> None:
    doc = add_doc(store)
    with pytest.raises(EditError, match="outside the text"):
        store.add_span(doc, 0, 999, "PERS", "ali")
    with pytest.raises(EditError, match="unknown label"):
        store.add_span(doc, 0, 3, "NOPE", "ali")
    a = store.add_span(doc, 0, 3, "CUE", "ali").spans_added[0]
    b = store.add_span(doc, 4, 10, "SPEAKER", "ali").spans_added[0]
    with pytest.raises(EditError, match="CUE_OF goes from CUE to QUOTE"):
        store.add_relation("CUE_OF", a.id, b.id)
    with pytest.raises(EditError, match="unknown relation type"):
        store.add_relation("NOPE", a.id, b.id)


def test_status(store: Store) -> None:
    doc = add_doc(store)
    assert store.status(doc, "ali") == Status.NEW
    change = store.set_status(doc, "ali", Status.DONE)
    assert change.status == (Status.NEW, Status.DONE)
    assert store.document_info(doc, "ali").status == Status.DONE
    assert store.stats()["statuses"] == {"ali:done": 1}
    store.undo(doc, "ali")
    assert store.status(doc, "ali") == Status.NEW


# ---------------------------------------------------------------------------------- bulk add
def test_add_documents_with_relations_and_duplicates(store: Store) -> None:
    quote = NewSpan(12, 25, "QUOTE", key="q")
    speaker = NewSpan(4, 10, "SPEAKER", key="s")
    docs = [
        NewDocument(
            "a",
            TEXT,
            spans=[quote, speaker, NewSpan(0, 3, "CUE")],
            relations=[NewRelation("ATTRIBUTED_TO", "q", "s")],
            statuses={"import": Status.DONE},
        ),
        NewDocument("b", TEXT),  # same text: a duplicate within the batch
    ]
    result = store.add_documents(docs)
    assert len(result.ids) == 1 and result.duplicates == ["b"] and result.spans == 3 and result.relations == 1
    again = store.add_documents([NewDocument("c", TEXT)])
    assert again.ids == [] and again.duplicates == ["c"]
    assert store.stats()["documents"] == 1


def test_add_documents_is_all_or_nothing(store: Store) -> None:
    add_doc(store, "موجود", "first")
    before = store.stats()
    bad = [NewDocument("ok", "نص"), NewDocument("bad", "نص آخر", spans=[NewSpan(0, 99, "PERS")])]
    with pytest.raises(EditError, match="bad: span"):
        store.add_documents(bad)
    assert store.stats() == before


def test_add_documents_refuses_relation_between_wrong_labels(new_location) -> None:
    from annotator.core.model import NewDocument, NewRelation, NewSpan
    from annotator.core.store import EditError, Store

    store = Store.create(new_location("r"))
    doc = NewDocument(
        "d",
        "قال الوزير",
        spans=[NewSpan(0, 3, "CUE", key="c"), NewSpan(4, 10, "SPEAKER", key="s")],
        relations=[NewRelation("ATTRIBUTED_TO", "c", "s")],
    )
    with pytest.raises(EditError, match="ATTRIBUTED_TO goes from QUOTE to SPEAKER, not CUE to SPEAKER"):
        store.add_documents([doc])
    assert store.stats()["documents"] == 0 and store.stats()["spans"] == 0


def test_list_documents_keyset_paging_matches_offset_paging(new_location) -> None:
    from annotator.core.model import NewDocument, Status
    from annotator.core.store import Store

    store = Store.create(new_location("k"))
    ids = store.add_documents(
        [NewDocument(f"d{i}", f"نص {i}", meta={"title": f"t{i % 3}"}) for i in range(25)]
    ).ids
    store.set_status(ids[4], "ann", Status.DONE)
    by_offset = [d.id for off in range(0, 25, 10) for d in store.list_documents("ann", offset=off, limit=10)]
    by_key, last = [], None
    while page := store.list_documents("ann", limit=10, after_id=last):
        by_key += [d.id for d in page]
        last = page[-1].id
    assert by_key == by_offset == ids
    filtered = store.list_documents("ann", limit=100, query="t1", after_id=ids[5])
    assert [d.id for d in filtered] == [i for n, i in enumerate(ids) if n % 3 == 1 and i > ids[5]]
    assert [d.id for d in store.list_documents("ann", status=Status.DONE, after_id=ids[4])] == []


def test_attribute_values_are_checked_against_the_schema(new_location) -> None:
    from annotator.core.model import NewDocument, NewSpan
    from annotator.core.store import EditError, Store

    store = Store.create(new_location("a"))
    doc_id = store.add_documents([NewDocument("d", "قال الوزير إن الوضع مستقر")]).ids[0]
    quote = store.add_span(doc_id, 14, 25, "QUOTE", "mona", attrs={"type": "indirect"}).spans_added[0]
    with pytest.raises(EditError, match="QUOTE type must be one of direct, indirect, mixed, not 'bogus'"):
        store.update_span(quote.id, attrs={"type": "bogus"})
    with pytest.raises(EditError, match="must be text"):
        store.add_span(doc_id, 0, 3, "CUE", "mona", attrs={"n": 3})  # type: ignore[dict-item]
    assert store.span(quote.id).attrs == {"type": "indirect"}
    # attributes the schema does not declare (brat's free ones) are kept
    assert store.update_span(quote.id, attrs={"type": "direct", "Negated": "true"}).spans_updated
    bad = NewDocument("x", "نص آخر", spans=[NewSpan(0, 2, "SPEAKER", attrs={"kind": "ghost"})])
    with pytest.raises(EditError, match="x: SPEAKER kind must be one of named"):
        store.add_documents([bad])
    assert store.stats()["documents"] == 1


def test_text_with_nul_is_refused(new_location) -> None:
    from annotator.core.model import NewDocument
    from annotator.core.store import EditError, Store

    store = Store.create(new_location("n"))
    with pytest.raises(EditError, match="holds a NUL character"):
        store.add_documents([NewDocument("n", "قال\x00 الوزير")])
    assert store.stats()["documents"] == 0


def test_set_schema_refuses_dropping_an_attribute_value_in_use(new_location) -> None:
    from annotator.core.model import NewDocument
    from annotator.core.schema import schema_from_dict
    from annotator.core.store import EditError, Store

    store = Store.create(new_location("s"))
    doc_id = store.add_documents([NewDocument("d", "قال الوزير إن الوضع مستقر")]).ids[0]
    store.add_span(doc_id, 14, 25, "QUOTE", "mona", attrs={"type": "mixed"})
    data = store.schema.to_dict()
    data["labels"][0]["attributes"]["type"] = ["direct", "indirect"]
    with pytest.raises(EditError, match="QUOTE type=mixed is used but not among direct, indirect"):
        store.set_schema(schema_from_dict(data))
    assert store.schema.label("QUOTE").attributes["type"] == ("direct", "indirect", "mixed")
    data["labels"][0]["attributes"]["type"] = ["direct", "indirect", "mixed", "paraphrase"]
    store.set_schema(schema_from_dict(data))
    assert Store.open(store.location).schema.label("QUOTE").attributes["type"][-1] == "paraphrase"


def test_count_documents_fast_counts_match_the_join(store: Store) -> None:
    ids = store.add_documents(
        [NewDocument(f"d{i}", f"نص {i}", meta={"title": f"t{i % 2}"}) for i in range(9)]
    ).ids
    for doc_id, status in zip(
        ids, [Status.DONE, Status.DONE, Status.IN_PROGRESS, Status.ADJUDICATED], strict=False
    ):
        store.set_status(doc_id, "ali", status)
    store.set_status(ids[5], "ali", Status.DONE)
    store.set_status(ids[5], "ali", Status.NEW)  # a stored "new" row
    store.set_status(ids[6], "sara", Status.DONE)
    queries: list[str] = []
    store.conn.set_trace_callback(queries.append)
    for annotator in ("ali", "sara", "nobody", ""):
        for status in (None, *Status):
            for query in (None, "t1"):
                sql, params, _key = store._doc_filter(annotator, status, query)
                slow = store.conn.execute("SELECT COUNT(*) " + sql, params).fetchone()[0]
                queries.clear()
                assert store.count_documents(annotator, status, query) == slow, (annotator, status, query)
                assert any("JOIN" in q for q in queries) == bool(query)  # the join only for a text filter
    store.conn.set_trace_callback(None)
    assert store.count_documents("ali", Status.DONE) == 2 and store.count_documents("ali", Status.NEW) == 5


# ---------------------------------------------------------------------------------- reading for the window
def test_spans_read_fast_equal_spans_read_one_by_one(tmp_path: Path) -> None:
    """`Store.spans` builds Span objects its own way: every field must match `Store.span`'s."""
    store = Store.create(tmp_path / "p.db")
    text = "كلمة " * 200
    spans = [
        NewSpan(0, 400, "QUOTE", {"type": "direct"}, annotator="mona"),
        NewSpan(5, 9, "PERS", annotator="mona"),
        NewSpan(5, 14, "ORG", annotator="mona", origin=Origin.SUGGESTED),
        NewSpan(5, 9, "GPE", annotator="sami", origin=Origin.MANUAL),
        NewSpan(100, 104, "SPEAKER", {"kind": "named"}, annotator="mona"),
    ]
    doc_id = store.add_documents([NewDocument("d", text, spans=spans)]).ids[0]
    store.add_span(doc_id, 5, 9, "MISC", "mona")  # same place as another: ordered by id
    for annotator in ("mona", "sami", None):
        got = store.spans(doc_id, annotator)
        assert got == [store.span(s.id) for s in got]
        assert all(type(s).__name__ == "Span" and s.doc_id == doc_id for s in got)
        assert [(s.start, -s.end, s.id) for s in got] == sorted((s.start, -s.end, s.id) for s in got)
    assert len(store.spans(doc_id)) == 6 and {s.annotator for s in store.spans(doc_id)} == {"mona", "sami"}
    assert [s.attrs for s in store.spans(doc_id, "mona")][0] == {"type": "direct"}
    first = store.spans(doc_id, "mona")[1]
    first.attrs["x"] = "y"  # each span has its own attribute dict
    assert all("x" not in s.attrs for s in store.spans(doc_id, "mona"))


def test_the_window_queries_use_their_indexes(store: Store) -> None:
    """Reading a document's spans needs no sort, and finding the redo branch reads no undone history."""

    def plan(sql: str, params: tuple) -> str:
        return " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))

    doc_id = add_doc(store)
    traced: list[str] = []
    store.conn.set_trace_callback(traced.append)
    store.spans(doc_id, "mona")
    store.can_redo(doc_id, "mona")
    store.conn.set_trace_callback(None)
    spans_sql, redo_sql = (next(s for s in traced if key in s) for key in ("FROM spans", "undone = 1"))
    if store.is_server:  # the same indexes serve the same queries there (a tiny table is not scanned)
        store.conn.raw.execute("SET enable_seqscan = off")
        bound = (doc_id, "mona")  # a server's trace shows the statement with its placeholders

        def plan(sql: str, params: tuple) -> str:
            return " ".join(r[0] for r in store.conn.execute("EXPLAIN " + sql, params))

        assert spans_sql.count("?") == redo_sql.count("?") == len(bound)
        assert "spans_read" in plan(spans_sql, bound) and "Sort" not in plan(spans_sql, bound)
        assert "history_undone" in plan(redo_sql, bound)
        ids_plan = plan("SELECT id FROM documents ORDER BY id", ())
        assert "Index Only Scan" in ids_plan and "Sort" not in ids_plan
        return
    assert "spans_read" in plan(spans_sql, ()) and "TEMP B-TREE" not in plan(spans_sql, ())
    assert "history_undone" in plan(redo_sql, ())
    assert "COVERING INDEX documents_ids" in plan("SELECT id FROM documents ORDER BY id", ())


def test_document_ids_and_infos_follow_the_list_filter(store: Store) -> None:
    ids = [add_doc(store, f"نص رقم {i}", name=f"doc-{i}") for i in range(6)]
    store.set_status(ids[1], "mona", Status.DONE)
    store.set_status(ids[4], "mona", Status.DONE)
    store.add_span(ids[4], 0, 2, "PERS", "mona")
    assert store.document_ids() == ids
    assert store.document_ids("mona", status=Status.DONE) == [ids[1], ids[4]]
    assert store.document_ids("mona", status=Status.NEW, query="doc-") == [ids[0], ids[2], ids[3], ids[5]]
    assert store.document_ids("sami", status=Status.DONE) == []
    infos = store.document_infos([ids[4], 999_999, ids[0]], "mona")  # in the order asked, missing left out
    assert [(i.id, i.status, i.span_count) for i in infos] == [
        (ids[4], Status.DONE, 1),
        (ids[0], Status.NEW, 0),
    ]
    assert store.document_infos(ids, "mona") == store.list_documents("mona")
    assert store.document_info(ids[4], "mona") == infos[0]


def test_relations_read_fast_equal_relations_made_one_by_one(store: Store) -> None:
    doc_id = add_doc(store)
    a = store.add_span(doc_id, 0, 3, "QUOTE", "mona").spans_added[0]
    b = store.add_span(doc_id, 4, 10, "SPEAKER", "mona").spans_added[0]
    made = store.add_relation("ATTRIBUTED_TO", a.id, b.id).relations_added[0]
    (got,) = store.relations(doc_id, "mona")
    assert got == made and type(got) is type(made) and hash(got) == hash(made)
    assert store.relations(doc_id) == [made] and store.relations(doc_id, "sami") == []


def test_add_span_linked_is_one_transaction_and_one_undo_step(store: Store) -> None:
    text = "قال فيدان إن المحادثات مستمرة"
    doc_id = store.add_documents([NewDocument("d", text)]).ids[0]
    cue = store.add_span(doc_id, 0, 3, "CUE", "mona").spans_added[0]
    speaker = store.add_span(doc_id, 4, 9, "SPEAKER", "mona").spans_added[0]
    change = store.add_span_linked(
        doc_id,
        10,
        len(text),
        "QUOTE",
        "mona",
        attrs={"type": "indirect"},
        links=[("ATTRIBUTED_TO", speaker.id, True), ("CUE_OF", cue.id, False)],
    )
    quote = change.spans_added[0]
    assert quote.attrs == {"type": "indirect"}
    assert {(r.type, r.head, r.tail) for r in change.relations_added} == {
        ("ATTRIBUTED_TO", quote.id, speaker.id),
        ("CUE_OF", cue.id, quote.id),
    }
    assert store.undo_text(doc_id, "mona") == "Add QUOTE"
    store.undo(doc_id, "mona")
    assert len(store.spans(doc_id)) == 2 and store.relations(doc_id) == []
    store.redo(doc_id, "mona")
    assert len(store.spans(doc_id)) == 3 and len(store.relations(doc_id)) == 2
    # a bad link refuses the whole edit: no span is left behind
    with pytest.raises(EditError):
        store.add_span_linked(doc_id, 4, 9, "PERS", "mona", links=[("ATTRIBUTED_TO", cue.id, True)])
    assert len(store.spans(doc_id)) == 3


def test_tokens_out_of_order_or_overlapping_are_refused(store: Store) -> None:
    for tokens in (((4, 9), (0, 2)), ((0, 5), (4, 9)), ((0, 3), (4, 99))):
        with pytest.raises(EditError, match="token .* out of order, overlaps"):
            store.add_documents([NewDocument("t", "قال محمد علي اليوم", tokens=tokens)])
    assert store.document_ids() == []
    store.add_documents([NewDocument("t", "قال محمد علي اليوم", tokens=((0, 3), (4, 8)))])
    assert store.document(store.document_ids()[0]).tokens == ((0, 3), (4, 8))


def test_delete_documents_removes_everything_attached_in_one_transaction(store: Store) -> None:
    a = add_doc(store, name="a")
    b = add_doc(store, 'قال المتحدث: "لا تعليق".', name="b")
    quote = store.add_span(a, 10, 26, "QUOTE", "mona").spans_added[0]
    speaker = store.add_span(a, 4, 10, "SPEAKER", "mona").spans_added[0]
    store.add_relation("ATTRIBUTED_TO", quote.id, speaker.id)
    store.set_status(a, "mona", Status.DONE)
    store.add_span(b, 4, 11, "SPEAKER", "mona")
    with pytest.raises(KeyError):
        store.delete_documents([a, 999])  # an unknown id: nothing deleted
    assert store.has_document(a)
    deletion = store.delete_documents([a])
    assert (deletion.doc_ids, deletion.names, deletion.spans, deletion.relations) == ((a,), ("a",), 2, 1)
    assert store.document_ids() == [b] and not store.has_document(a)
    for table in ("spans", "relations", "statuses", "history"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?", (a,)).fetchone()[0] == 0
    assert [d.id for d in store.list_documents("", query="الوزير")] == []  # gone from the filter index
    assert store.stats()["spans"] == 1


def test_labelled_surfaces_are_the_latest_real_spans_texts(store: Store) -> None:
    """The clitic evidence reads the texts of the latest spans, in code points (an emoji before them
    counts one), newest first, suggestions left out, across documents."""
    text_a = "😀 قال الوزير محمد علي"
    text_b = "وذكرت قناة NTV التركية"
    store.add_documents(
        [
            NewDocument("a", text_a, spans=[NewSpan(2, 5, "CUE")]),
            NewDocument("b", text_b, spans=[NewSpan(11, 14, "ORG")]),
        ]
    )
    a, b = (store.find_document(n).id for n in ("a", "b"))
    store.add_span(a, 13, 21, "PERS", "mona")
    store.add_span(b, 1, 5, "CUE", "mona", origin=Origin.SUGGESTED)
    assert store.labelled_surfaces(10) == ["محمد علي", "NTV", "قال"]
    assert store.labelled_surfaces(2) == ["محمد علي", "NTV"]


def test_spans_read_a_page_or_a_range_at_a_time(store: Store) -> None:
    """A long document is read in pages (keyset on reading order) and ranges: together the same
    spans as `spans`, each once, nested and equal-start spans included."""
    text = "كلمة " * 200
    doc = store.add_documents(
        [
            NewDocument(
                "long",
                text,
                spans=[
                    NewSpan(a, a + n, "PERS", {}, "mona", Origin.MANUAL)
                    for a in range(0, 900, 15)
                    for n in (4, 9, 30)  # three spans start at each place: outer first
                ]
                + [NewSpan(0, 5, "ORG", {}, "ali", Origin.MANUAL)],
            )
        ]
    ).ids[0]
    every = store.spans(doc, "mona")
    for size in (1, 7, 50, 1000):
        pages, after = [], None
        while True:
            page = store.spans_after(doc, "mona", after, size)
            pages += page
            if len(page) < size:
                break
            after = (page[-1].start, page[-1].end, page[-1].id)
        assert pages == every
    assert store.spans_after(doc, "mona", (every[9].start, every[9].end, every[9].id)) == every[10:]
    for a, b in ((0, 1), (100, 140), (880, 1000), (47, 48)):
        assert store.spans_overlapping(doc, "mona", a, b) == [s for s in every if s.start < b and s.end > a]


def test_relations_read_a_page_at_a_time(store: Store) -> None:
    doc = store.add_documents(
        [
            NewDocument(
                "d",
                TEXT,
                spans=[
                    NewSpan(i, i + 1, "SPEAKER", {}, "mona", Origin.MANUAL, key=f"s{i}") for i in range(8)
                ],
                relations=[NewRelation("SAME_AS", f"s{i}", f"s{i + 1}", "mona") for i in range(7)],
            )
        ]
    ).ids[0]
    every = store.relations(doc, "mona")
    assert len(every) == 7
    pages, after = [], 0
    while page := store.relations(doc, "mona", after=after, limit=3):
        pages += page
        after = page[-1].id
    assert pages == every
