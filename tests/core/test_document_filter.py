"""The document-list filter: a folded full-text index over names and titles (store side)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core import migrations
from annotator.core.migrations import APPLICATION_ID, MIGRATIONS, statements
from annotator.core.model import NewDocument, Status
from annotator.core.store import Store

TITLES = {
    "hamza": "إعلان الأمم المتحدة",
    "maqsura": "مستشفى القاهرة",
    "marbuta": "مدرسة المدينة",
    "tashkeel": "قَالَ الوَزِيرُ",
    "tatweel": "قـــال المتحدث",
    "latin": "CNN Turk reports",
    "plain": "خبر عادي",
}


@pytest.fixture
def project(store: Store) -> Store:
    store.add_documents(
        NewDocument(name, f"نص الخبر {name}.", {"title": title}) for name, title in TITLES.items()
    )
    return store


def names(store: Store, query: str, status: Status | None = None) -> list[str]:
    found = [d.name for d in store.list_documents("mona", query=query, status=status)]
    assert store.count_documents("mona", status, query) == len(found)
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("اعلان الامم", ["hamza"]),  # أ إ آ written as ا
        ("أعلان", ["hamza"]),
        ("مستشفي", ["maqsura"]),  # ى written as ي
        ("مدرسه", ["marbuta"]),  # ة written as ه
        ("قال الوزير", ["tashkeel"]),  # no tashkeel in the query
        ("قَال", ["tashkeel", "tatweel"]),  # tashkeel in the query, tatweel in the title
        ("cnn TURK", ["latin"]),  # case
        ("turk rep", ["latin"]),  # a substring across words
        ("xyz", []),
        ("tatw", ["tatweel"]),  # names are searched too
        ("cn", ["latin"]),  # two characters: below the trigram size, still found
        ("ة", ["hamza", "maqsura", "marbuta"]),  # ... and folded: ة and ه in المتحدة, القاهرة, مدرسة
        ("%", []),
        ('"', []),
    ],
)
def test_filter_folds_like_find(project: Store, query: str, expected: list[str]) -> None:
    assert names(project, query) == expected


def test_filter_with_status_and_paging(project: Store) -> None:
    ids = {d.name: d.id for d in project.list_documents("mona")}
    project.set_status(ids["maqsura"], "mona", Status.DONE)
    assert names(project, "مستشفي", Status.DONE) == ["maqsura"]
    assert names(project, "مستشفي", Status.NEW) == []
    first = project.list_documents("mona", query="ال", limit=2)
    rest = project.list_documents("mona", query="ال", after_id=first[-1].id)
    assert [d.name for d in first + rest] == names(project, "ال")


def test_filter_reads_the_full_text_index(project: Store) -> None:
    if project.is_server:  # the trigram index can serve the LIKE (the planner picks it for big tables)
        sql, params, key = project._doc_filter("mona", None, "مستشفي")
        project.conn.raw.execute("SET enable_seqscan = off")
        plan = [r[0] for r in project.conn.execute(f"EXPLAIN SELECT d.id {sql} ORDER BY {key}", params)]
        assert any("documents_folded_trgm" in step for step in plan), plan
        assert names(project, "مستشفي") == ["maqsura"]  # ... and finds the same rows through it
        return
    sql, params, key = project._doc_filter("mona", None, "مستشفي", after_id=0)
    query = f"EXPLAIN QUERY PLAN SELECT d.id {sql} ORDER BY {key} LIMIT 200"
    plan = [str(r[-1]) for r in project.conn.execute(query, params)]
    assert plan[0].startswith("SCAN f VIRTUAL TABLE INDEX")  # the index drives the query ...
    assert not any("TEMP B-TREE" in step for step in plan)  # ... in id order: no sort of every match


def test_filter_index_follows_new_and_deleted_documents(project: Store) -> None:
    project.add_documents([NewDocument("late", "نص آخر.", {"title": "مكتبة الإسكندرية"})])
    assert names(project, "مكتبه الاسكندريه") == ["late"]
    project.delete_documents([project.list_documents("", query="مستشفي")[0].id])
    assert names(project, "مستشفي") == []
    if project.is_server:  # no FTS5 there: the LIKE reads documents.folded itself
        return
    assert project.db["documents"].detect_fts() == "documents_fts"  # sqlite-utils sees the index
    project.conn.execute(
        "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"
    )  # raises if damaged


def test_an_older_project_gets_the_index_on_open(tmp_path: Path) -> None:
    """The migration folds and indexes the documents a project already holds."""
    number = _filter_migration()  # the migrations before it
    path = tmp_path / "old.annotator.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:number]:
        for statement in statements(migration):  # type: ignore[arg-type]
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {number}")
    conn.execute(
        "INSERT INTO documents(name, title, text, length, sha256) VALUES ('old', 'مستشفى', 'نص', 2, 'x')"
    )
    conn.close()
    with Store.open(path) as store:
        assert [d.name for d in store.list_documents("", query="مستشفي")] == ["old"]
        assert [d.name for d in store.list_documents("", query="ستش")] == ["old"]
        assert store.conn.execute("SELECT value FROM project WHERE key = 'id'").fetchone()[0]


def _filter_migration() -> int:
    """The index in MIGRATIONS of the filter-index migration (one function per backend)."""
    return next(
        i
        for i, m in enumerate(MIGRATIONS)
        if isinstance(m, migrations.PerBackend) and m.sqlite is migrations._document_filter_index
    )


def test_an_older_server_project_gets_the_folded_labels_and_index_on_open(pg_server, monkeypatch) -> None:
    """Migration 5 on a server: the documents it already holds are folded, and pg_trgm's index made."""
    number = _filter_migration()
    db = pg_server.new_database("old")
    url = pg_server.url(db)
    with monkeypatch.context() as m:  # a project as the version before the filter index made it
        m.setattr(migrations, "MIGRATIONS", MIGRATIONS[:number])
        m.setattr(migrations, "LATEST", number)
        Store.create(url).close()
    pg_server.sql(
        "INSERT INTO documents(name, title, text, length, sha256) VALUES ('old', 'مستشفى', 'نص', 2, 'x')", db
    )
    assert pg_server.sql("SELECT value FROM annotator_meta WHERE key = 'version'", db) == [(str(number),)]
    with Store.open(url) as store:
        assert store.version == migrations.LATEST
        assert [d.name for d in store.list_documents("", query="مستشفي")] == ["old"]
        assert [d.name for d in store.list_documents("", query="ستش")] == ["old"]
        assert store.conn.execute("SELECT value FROM project WHERE key = 'id'").fetchone()[0]
    assert pg_server.sql("SELECT indexname FROM pg_indexes WHERE indexname = 'documents_folded_trgm'", db)


def test_documents_copied_by_merge_are_in_the_filter_index(tmp_path: Path) -> None:
    """merge copies document rows with its own INSERT: the insert trigger indexes them."""
    from annotator.core.merge import merge

    source = Store.create(tmp_path / "a.annotator.db")
    source.add_documents([NewDocument("from-a", "نص أول.", {"title": "مستشفى الأطفال"})])
    source.close()
    target = tmp_path / "t.annotator.db"
    Store.create(target).close()
    merge(target, [tmp_path / "a.annotator.db"])
    with Store.open(target) as store:
        assert [d.name for d in store.list_documents("", query="مستشفي الاطفال")] == ["from-a"]
        # and a bulk import after it defers the trigger only inside its own transaction
        store.add_documents([NewDocument("late", "نص ثان.", {"title": "مستشفى الكبار"})])
        assert [d.name for d in store.list_documents("", query="مستشفي")] == ["from-a", "late"]
        assert (
            store.conn.execute("SELECT COUNT(*) FROM project WHERE key = 'fts.deferred'").fetchone()[0] == 0
        )
        store.conn.execute(
            "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"
        )  # raises if damaged
