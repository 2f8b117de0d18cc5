"""Projects on a PostgreSQL server: refusals with clear messages, faults, live change notices,
copies both ways and merging a laptop copy back. (The store's own tests run on both backends
through the `store` fixture; these are what only a server has.)"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from annotator.core.copy import CopyError, copy_project, project_id
from annotator.core.merge import MergeConflict, merge
from annotator.core.migrations import LATEST
from annotator.core.model import NewDocument, NewRelation, NewSpan, Status
from annotator.core.pg_backend import redact, wait_for
from annotator.core.store import EditError, ProjectError, Store

TEXT = 'قال الوزير: "الوضع مستقر". وأكد المتحدث أن الاتفاق قريب.'


@pytest.fixture
def url(pg_server) -> str:
    return pg_server.url(pg_server.new_database())


def _doc(name: str = "d", text: str = TEXT) -> NewDocument:
    return NewDocument(
        name,
        text,
        spans=[
            NewSpan(0, 3, "CUE", annotator="layla", key="c"),
            NewSpan(12, 26, "QUOTE", annotator="layla", key="q", attrs={"type": "direct"}),
            NewSpan(4, 10, "SPEAKER", annotator="layla", key="s"),
        ],
        relations=[NewRelation("ATTRIBUTED_TO", "q", "s", annotator="layla")],
        statuses={"layla": Status.DONE},
    )


def _dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, in id order (what a lossless copy must keep)."""
    out = {}
    for table in store.backend.tables():
        cols = sorted(c for c in store.backend.columns(table) if c != "created" and c != "updated")
        quoted = ", ".join(f'"{c}"' for c in cols)
        rows = store.conn.execute(f"SELECT {quoted} FROM {table}").fetchall()
        out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out


# ---------------------------------------------------------------------------------- opening
def test_a_server_project_has_the_same_schema_and_constraints(url: str) -> None:
    with Store.create(url) as store:
        assert store.is_server and store.path is None and store.version == LATEST
        assert set(store.backend.tables()) >= {
            "project",
            "documents",
            "spans",
            "relations",
            "statuses",
            "history",
        }
        doc = store.add_documents([NewDocument("d", TEXT)]).ids[0]
        with pytest.raises(Exception, match="check|CHECK"):  # the CHECK on offsets holds on the server too
            with store.transaction() as conn:
                conn.execute(
                    'INSERT INTO spans(doc_id, start, "end", label, annotator) VALUES (?, 5, 2, ?, ?)',
                    (doc, "CUE", "x"),
                )
        with pytest.raises(Exception, match="foreign key"):
            with store.transaction() as conn:
                conn.execute(
                    'INSERT INTO spans(doc_id, start, "end", label, annotator) VALUES (999, 0, 2, ?, ?)',
                    ("CUE", "x"),
                )
        assert store.spans(doc) == []


def test_refusals_say_what_is_wrong(pg_server, url: str) -> None:
    with pytest.raises(ProjectError, match="holds no project.*annotator init"):
        Store.open(url)
    other = pg_server.new_database("other")
    pg_server.sql("CREATE TABLE invoices (n int)", other)
    with pytest.raises(ProjectError, match="not an annotator project.*invoices"):
        Store.create(pg_server.url(other))
    assert pg_server.sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'project'", other
    ) == [(0,)]
    Store.create(url).close()
    with pytest.raises(ProjectError, match="already holds a project"):
        Store.create(url)
    with pytest.raises(ProjectError, match='database "nope_x" does not exist.*createdb'):
        Store.open(pg_server.url("nope_x"))


def test_a_newer_project_is_refused_and_left_alone(pg_server, url: str) -> None:
    Store.create(url).close()
    db = urlsplit(url).path.lstrip("/")
    pg_server.sql(f"UPDATE annotator_meta SET value = '{LATEST + 1}' WHERE key = 'version'", db)
    with pytest.raises(ProjectError, match="newer version of annotator"):
        Store.open(url)
    assert pg_server.sql("SELECT value FROM annotator_meta WHERE key = 'version'", db) == [(str(LATEST + 1),)]


def test_wrong_password_and_no_password_are_explained_and_nothing_is_stored(pg_server, url: str) -> None:
    pg_server.sql("DROP ROLE IF EXISTS pw_user")
    pg_server.sql("CREATE ROLE pw_user LOGIN PASSWORD 'right'")
    pg_server.hba(["local all pw_user scram-sha-256"])
    try:
        bad = url.replace("postgres@", "pw_user:wrong@")
        with pytest.raises(ProjectError, match="refused the login.*pgpass") as info:
            Store.open(bad)
        assert "wrong" not in str(info.value)  # the password is never repeated
        with pytest.raises(ProjectError, match="pgpass"):
            Store.open(url.replace("postgres@", "pw_user@"))
    finally:
        pg_server.hba([])
    assert redact("postgresql://u:secret@h/db") == "postgresql://u@h/db"


def test_pgpass_is_how_a_password_is_given(pg_server, url: str, tmp_path: Path, monkeypatch) -> None:
    db = urlsplit(url).path.lstrip("/")
    Store.create(url).close()
    pg_server.sql("DROP ROLE IF EXISTS pass_user")
    pg_server.sql("CREATE ROLE pass_user LOGIN PASSWORD 's3cret'")
    pg_server.sql(
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO pass_user; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO pass_user",
        db,
    )
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:{db}:pass_user:s3cret\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    pg_server.hba(["local all pass_user scram-sha-256"])
    try:
        with Store.open(url.replace("postgres@", "pass_user@")) as store:
            assert store.document_ids() == []
    finally:
        pg_server.hba([])


def test_server_down_is_a_clear_message() -> None:
    with pytest.raises(ProjectError, match="cannot reach the server"):
        Store.open("postgresql://nobody@/db?host=/nonexistent-socket-dir")


def test_without_psycopg_the_message_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from annotator.core.store import Store, ProjectError\n"
        "try:\n    Store.open('postgresql://u@h/db')\nexcept ProjectError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install 'annotator[postgres]'" in out


# ---------------------------------------------------------------------------------- faults
def test_a_dropped_connection_mid_edit_writes_nothing_and_the_next_edit_reconnects(
    pg_server, url: str
) -> None:
    import sqlite3

    store = Store.create(url)
    doc = store.add_documents([NewDocument("d", TEXT)]).ids[0]
    pid = store.conn.backend_pid
    with pytest.raises(sqlite3.OperationalError, match="lost"):
        with store.transaction() as conn:
            conn.execute(
                'INSERT INTO spans(doc_id, start, "end", label, annotator) VALUES (?, 0, 3, ?, ?)',
                (doc, "CUE", "a"),
            )
            pg_server.sql(f"SELECT pg_terminate_backend({pid})")
            conn.execute(
                'INSERT INTO spans(doc_id, start, "end", label, annotator) VALUES (?, 4, 9, ?, ?)',
                (doc, "PERS", "a"),
            )
    assert store.spans(doc) == []  # reconnected to read: the half-made edit is not there
    change = store.add_span(doc, 0, 3, "CUE", "a")
    assert [s.id for s in store.spans(doc)] == [change.spans_added[0].id]
    assert store.conn.reconnects == 1
    store.close()


def test_an_edit_while_the_server_is_down_fails_cleanly_and_works_when_it_is_back(
    pg_server, url: str
) -> None:
    import sqlite3

    store = Store.create(url)
    doc = store.add_documents([NewDocument("d", TEXT)]).ids[0]
    pg_server.stop_server()
    try:
        with pytest.raises(sqlite3.OperationalError, match="lost|reach"):
            store.add_span(doc, 0, 3, "CUE", "a")
    finally:
        pg_server.restart()
    store.add_span(doc, 0, 3, "CUE", "a")
    assert [s.label for s in store.spans(doc)] == ["CUE"]
    store.close()


def test_writers_take_turns(url: str) -> None:
    """BEGIN IMMEDIATE on a server takes the project's write lock: a second writer waits for the
    first to commit, as with SQLite, so a read-then-write inside an edit sees the latest rows."""
    a, b = Store.create(url), Store.open(url)
    doc = a.add_documents([NewDocument("d", TEXT)]).ids[0]
    order: list[str] = []
    with a.transaction():
        t = threading.Thread(target=lambda: (b.add_span(doc, 0, 3, "CUE", "b"), order.append("b")))
        t.start()
        t.join(0.5)
        order.append("a")
    t.join(10)
    assert order == ["a", "b"]
    a.close()
    b.close()


# ---------------------------------------------------------------------------------- live changes
def test_another_connection_s_edits_are_heard_with_the_layer_they_touched(url: str) -> None:
    one, two = Store.create(url), Store.open(url)
    seen = two.data_version()  # listening from here on (a window asks when it opens)
    doc = one.add_documents([NewDocument("d", TEXT)]).ids[0]
    assert wait_for(lambda: two.data_version() != seen)  # the document added by `one`
    seen, touched = two.external_changes(seen)
    assert touched == {"documents"}
    one.add_span(doc, 0, 3, "CUE", "layla")
    assert wait_for(lambda: two.data_version() != seen, 2.0)  # within a second or two, not a poll
    version, touched = two.external_changes(seen)
    assert touched == {(doc, "layla")}
    mine = two.data_version()
    two.add_span(doc, 4, 9, "PERS", "omar")  # a connection's own edits are not "external"
    assert not wait_for(lambda: two.data_version() != mine, 0.5)
    one.close()
    two.close()


# ---------------------------------------------------------------------------------- copies
def test_copy_file_to_server_and_back_is_lossless(tmp_path: Path, url: str) -> None:
    src = tmp_path / "a.annotator.db"
    with Store.create(src) as s:
        doc = s.add_documents([_doc(), NewDocument("e", "نص آخر", meta={"title": "مستشفى الأطفال"})]).ids[0]
        span = s.add_span(doc, 40, 46, "PERS", "omar", attrs={}).spans_added[0]
        s.delete_span(span.id)  # a deleted span: its id is never given again
        s.add_span(doc, 28, 32, "CUE", "omar")
        s.undo(doc, "omar")
        s.set_guidelines("اقرأ بعناية")
    report = copy_project(src, url)
    assert report.rows["spans"] == 3 and report.rows["history"] == 3
    back = tmp_path / "b.annotator.db"
    copy_project(url, back)
    with Store.open(src) as a, Store.open(url) as srv, Store.open(back) as b:
        dumped = _dump(a)
        dumped["project"] = [r for r in dumped["project"] if r[0] != "copied_from"]
        for other in (srv, b):
            theirs = _dump(other)
            theirs["project"] = [r for r in theirs["project"] if r[0] != "copied_from"]
            assert theirs == dumped
            assert other.redo(doc, "omar").spans_added[0].start == 28  # the journal works there
            assert other.add_span(doc, 40, 46, "PERS", "omar").spans_added[0].id > span.id + 1
            # the document list's filter finds the copied documents (the file's index is rebuilt)
            assert [d.name for d in other.list_documents("", query="مستشفي الاطفال")] == ["e"]
            assert [d.name for d in other.list_documents("", query="e")] == ["e"]
        assert json.loads(
            srv.conn.execute("SELECT value FROM project WHERE key = 'copied_from'").fetchone()[0]
        )["project"] == project_id(a)


def test_copy_refuses_an_existing_destination_and_writes_nothing_on_failure(
    tmp_path: Path, url: str, pg_server
) -> None:
    src = tmp_path / "a.annotator.db"
    with Store.create(src) as s:
        s.add_documents([_doc()])
    taken = tmp_path / "taken.db"
    taken.write_text("mine")
    with pytest.raises(CopyError, match="already exists"):
        copy_project(src, taken)
    assert taken.read_text() == "mine"
    Store.create(url).close()
    with pytest.raises(ProjectError, match="already holds a project"):
        copy_project(src, url)
    with pytest.raises(ProjectError):
        copy_project(tmp_path / "missing.db", pg_server.url(pg_server.new_database()))
    assert not list(tmp_path.glob("*.copying*"))


def test_a_laptop_copy_merges_back(tmp_path: Path, url: str) -> None:
    with Store.create(url) as team:
        d1, d2 = team.add_documents([_doc("d1"), _doc("d2", TEXT + " ثم غادر.")]).ids
        team.add_span(d1, 28, 32, "CUE", "omar")
    laptop = tmp_path / "laptop.annotator.db"
    copy_project(url, laptop)
    with Store.open(laptop) as lap:  # layla works offline on d2
        lap.add_span(d2, 28, 32, "CUE", "layla")
        lap.set_status(d2, "sara", Status.IN_PROGRESS)
    with Store.open(url) as team:  # meanwhile omar goes on on the server, on d1
        team.add_span(d1, 40, 46, "PERS", "omar")
    report = merge(url, [laptop])
    assert report.layers_replaced == 1 and report.layers_added == 1 and not report.documents_added
    with Store.open(url) as team:
        assert [s.label for s in team.spans(d1, "omar")] == ["CUE", "PERS"]  # omar's newer work stays
        assert "CUE" in [s.label for s in team.spans(d2, "layla")]
        assert team.status(d2, "sara") == Status.IN_PROGRESS
    assert merge(url, [laptop]).changed is False  # again: nothing to do
    with Store.open(laptop) as lap:  # both sides change one layer: a conflict, named
        lap.add_span(d1, 12, 15, "MISC", "omar")
    with pytest.raises(MergeConflict, match="changed both in the copy and in"):
        merge(url, [laptop])


# ---------------------------------------------------------------------------------- roles
def test_annotators_write_only_their_own_layer_and_leads_everything(pg_server) -> None:
    import sqlite3

    from click.testing import CliRunner

    from annotator.cli import main

    for role in ("proj_owner", "t_layla", "t_sara", "t_omar"):
        if not pg_server.sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
            pg_server.sql(f"CREATE ROLE {role} LOGIN")
    db = pg_server.new_database("team")
    pg_server.sql(f'ALTER DATABASE "{db}" OWNER TO proj_owner')
    owner = pg_server.url(db, "proj_owner")
    with Store.create(owner) as store:
        doc = store.add_documents([NewDocument("d", TEXT)]).ids[0]
    run = CliRunner().invoke
    assert run(main, ["team", owner, "t_layla", "t_omar"]).exit_code == 0
    out = run(main, ["team", owner, "t_sara", "--lead"])
    assert out.exit_code == 0, out.output
    assert run(main, ["team", owner]).output.splitlines() == [
        "t_layla\tannotator",
        "t_omar\tannotator",
        "t_sara\tlead",
    ]
    out = run(main, ["team", owner, "nobody_here"])
    assert out.exit_code == 1 and "createuser" in out.output

    with Store.open(pg_server.url(db, "t_layla")) as layla:
        layla.add_span(doc, 0, 3, "CUE", "t_layla")  # her own layer
        with pytest.raises(sqlite3.DatabaseError, match="row-level security"):
            layla.add_span(doc, 4, 10, "SPEAKER", "t_omar")  # someone else's
        with pytest.raises(sqlite3.DatabaseError, match="permission denied"):
            layla.add_documents([NewDocument("e", "نص جديد")])
        with pytest.raises(sqlite3.DatabaseError):
            layla.assign([(doc, "t_layla")])
        assert [s.label for s in layla.spans(doc)] == ["CUE"]  # reads everything
    with Store.open(pg_server.url(db, "t_omar")) as omar:
        span = omar.spans(doc, "t_layla")[0]
        with pytest.raises(sqlite3.DatabaseError):
            omar.delete_span(span.id)
    with Store.open(pg_server.url(db, "t_sara")) as sara:  # a lead
        sara.add_span(doc, 4, 10, "SPEAKER", "adjudicated")
        sara.assign([(doc, "t_layla")])
        sara.add_documents([NewDocument("e", "نص جديد")])
    with Store.open(owner) as store:
        assert store.assigned("t_layla") == [doc] and len(store.document_ids()) == 2


def test_a_reading_command_s_open_refuses_every_write(url: str) -> None:
    """`Store.open(url, readonly=True)` (list, show, stats, export) can never change the project,
    even on a connection it makes again after a drop."""
    import sqlite3

    with Store.create(url) as store:
        store.add_documents([_doc()])
    with Store.open(url, readonly=True) as store:
        assert store.readonly
        assert [d.name for d in store.list_documents("layla")] == ["d"]
        with pytest.raises(sqlite3.Error, match="read-only"):
            store.set_status(1, "layla", Status.NEW)
        store.conn.raw.close()  # dropped: the next statement reconnects, read-only again
        with pytest.raises(sqlite3.Error, match="read-only"):
            store.set_status(1, "layla", Status.NEW)
        assert [d.status for d in store.list_documents("layla")] == [Status.DONE]


# ---------------------------------------------------------------------------------- ids, markers, check
def test_bulk_adds_give_the_same_ids_on_a_file_and_a_server(tmp_path: Path, url: str) -> None:
    """Bulk adds give ids themselves (COPY on a server): the same ones as in a file, a batch refused
    as a whole gives none away, and the edits after them take the next ids on both."""
    seen = []
    for project in (tmp_path / "p.annotator.db", url):
        with Store.create(project) as store:
            first = store.add_documents([_doc("a"), _doc("b", TEXT + " ثانية")])
            with pytest.raises(EditError):
                store.add_documents(
                    [_doc("c", TEXT + " ثالثة"), NewDocument("bad", "نص", spans=[NewSpan(0, 2, "NOPE")])]
                )
            second = store.add_documents([_doc("d", TEXT + " رابعة")])
            added = store.add_span(second.ids[0], 28, 32, "CUE", "omar").spans_added[0]
            seen.append(
                (
                    first.ids,
                    second.ids,
                    [(s.id, s.doc_id, s.start) for d in first.ids + second.ids for s in store.spans(d)],
                    [(r.id, r.head, r.tail) for d in first.ids + second.ids for r in store.relations(d)],
                    added.id,
                )
            )
    assert seen[0] == seen[1]
    assert seen[0][1] == [3] and seen[0][4] == 10  # nothing given away by the refused batch


def test_session_markers_are_a_file_s_and_a_copy_carries_none(tmp_path: Path, url: str) -> None:
    """A file's writers leave a marker while open (integrity.py); a server project has its own
    guarantees and writes none, and a copy does not take the source's open sessions along."""
    src = tmp_path / "a.annotator.db"
    with Store.create(src) as s:
        s.add_documents([_doc()])
    with Store.open(src) as busy:  # a writer that has the file open while it is copied
        busy.set_guidelines("اقرأ")
        assert busy.conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
        copy_project(src, url)
    with Store.open(url) as srv:
        srv.add_span(1, 28, 32, "CUE", "omar")
        assert srv.conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
        assert srv.verify() is None  # nothing to check on a server: never refuses an edit
