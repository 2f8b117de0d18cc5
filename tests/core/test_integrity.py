"""Integrity without a full read on every open: header and schema checks at open, the full check
before the first write (or in the background), at open after an unclean shutdown, and on demand
with `annotator check`. A damaged file is always refused before anything is written into it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.integrity import full_report, header_problem, stale_sessions
from annotator.core.model import NewDocument, NewSpan
from annotator.core.store import ProjectDamaged, ProjectError, Store

TEXT = "قال الوزير إن المفاوضات مستمرة في القاهرة. "


def make_project(path: Path, n: int = 300) -> None:
    with Store.create(path) as store:
        store.add_documents(
            NewDocument(f"d{i}", f"{i} " + TEXT * 30, spans=[NewSpan(0, len(str(i)), "MISC")])
            for i in range(n)
        )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


def root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()


def damage_page(path: Path, name: str = "spans_label") -> None:
    """Overwrite the b-tree page header of `name`'s root page: SQLite's header and schema (page 1)
    stay readable, the page itself is garbage."""
    number = root_page(path, name)
    size = page_size(path)
    with open(path, "r+b") as fh:
        fh.seek((number - 1) * size)
        fh.write(b"\x42" * 12)


def files(path: Path) -> dict[str, bytes]:
    """The project file and SQLite's files beside it, as bytes (a missing or empty log reads b'')."""
    out = {}
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        out[suffix] = p.read_bytes() if p.exists() else b""
    return out


# ----------------------------------------------------------------------------- refused before any edit
@pytest.mark.parametrize("verify", ["on_write", "background"])
def test_damaged_file_is_refused_before_any_edit(tmp_path: Path, verify: str) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path)
    damage_page(path)
    before = files(path)
    store = Store.open(path, verify=verify)  # the header and the schema are sound: it opens
    try:
        doc_id = store.document_ids()[0]
        with pytest.raises(ProjectDamaged, match="damaged"):
            store.add_span(doc_id, 0, 1, "PERS", "ali")
        with pytest.raises(ProjectDamaged):  # and every later edit too, without checking again
            store.set_guidelines("x")
        assert isinstance(ProjectDamaged("x"), sqlite3.DatabaseError)  # callers handling refused writes
    finally:
        store.close()
    assert files(path) == before


def test_verify_now_refuses_at_open(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path)
    damage_page(path)
    with pytest.raises(ProjectDamaged, match=str(path)):
        Store.open(path, verify="now")


def test_sound_file_takes_edits_in_every_mode(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 20)
    for verify in ("on_write", "background", "now"):
        with Store.open(path, verify=verify) as store:
            doc_id = store.document_ids()[0]
            change = store.add_span(doc_id, 3, 6, "PERS", verify)
            assert store.span(change.spans_added[0].id).annotator == verify


def test_project_needing_a_migration_is_checked_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator.db"
    make_project(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE sessions")  # as a project from before the markers was
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    damage_page(path)
    before = files(path)
    with pytest.raises(ProjectDamaged):
        Store.open(path)
    assert files(path) == before


# ----------------------------------------------------------------------------- header and schema
def test_truncated_to_part_of_a_page_is_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    assert "whole number" in (header_problem(path) or "")
    with pytest.raises(ProjectDamaged, match="truncated"):
        Store.open(path)


def test_missing_pages_are_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 // page_size(path) * page_size(path)])
    with pytest.raises(ProjectDamaged, match="pages its header counts"):
        Store.open(path)


def test_altered_schema_is_refused_at_open_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 5)
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX spans_label")
    conn.execute("CREATE INDEX mine ON documents(name)")  # a user's own index alone would be fine
    conn.commit()
    conn.close()
    before = files(path)
    with pytest.raises(ProjectDamaged, match="index spans_label is missing"):
        Store.open(path)
    assert files(path) == before


def test_a_users_own_index_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 5)
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX mine ON documents(name)")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert len(store.document_ids()) == 5


def test_foreign_database_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not an annotator project"):
        Store.open(path)


# ----------------------------------------------------------------------------- session markers
def test_marker_is_written_by_the_first_write_and_removed_on_close(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 3)

    def markers() -> list[tuple]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT host, pid FROM sessions").fetchall()
        finally:
            conn.close()

    store = Store.open(path)
    store.stats()
    assert markers() == []  # reading writes nothing
    store.add_span(store.document_ids()[0], 0, 1, "PERS", "ali")
    assert [pid for _host, pid in markers()] == [__import__("os").getpid()]
    store.close()
    assert markers() == []


KILLED = textwrap.dedent(
    """
    import os, sys
    from annotator.core.store import Store
    store = Store.open(sys.argv[1])
    store.add_span(store.document_ids()[0], 0, 1, "PERS", "ali")
    os._exit(0)  # as a killed process: no close, no clean-up
    """
)


def kill_while_open(path: Path) -> None:
    subprocess.run([sys.executable, "-c", KILLED, str(path)], check=True, timeout=60)


def test_unclean_shutdown_runs_the_full_check_at_open(tmp_path: Path) -> None:
    clean, unclean = tmp_path / "clean.annotator.db", tmp_path / "unclean.annotator.db"
    for path in (clean, unclean):
        make_project(path)
    kill_while_open(unclean)
    for path in (clean, unclean):
        with Store.open(path) as store:  # checkpoint the killed process's log into the file
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kill_while_open(unclean)  # and leave it unclean again
    conn = sqlite3.connect(unclean)
    assert len(stale_sessions(conn)) == 1
    conn.close()
    for path in (clean, unclean):
        damage_page(path)
    # after a clean close the damage is found at the first write; after an unclean one, at open
    Store.open(clean).close()
    before = files(unclean)
    with pytest.raises(ProjectDamaged, match="damaged"):
        Store.open(unclean)
    assert files(unclean) == before


def test_unclean_shutdown_of_a_sound_file_opens_and_forgets_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 10)
    kill_while_open(path)
    with Store.open(path) as store:
        assert stale_sessions(store.conn) == []
        assert store.conn.execute("SELECT COUNT(*) FROM spans WHERE annotator = 'ali'").fetchone()[0] == 1


# ----------------------------------------------------------------------------- annotator check
def test_check_command_on_a_sound_project(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 12)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "ok (12 documents" in result.output
    assert path.read_bytes() == before


def test_check_command_finds_a_damaged_page(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path)
    damage_page(path)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "damaged" in result.output and "integrity_check" in result.output
    assert path.read_bytes() == before


def test_check_command_finds_a_changed_text_that_sqlite_cannot_see(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 5)
    data = bytearray(path.read_bytes())
    needle = ("3 " + TEXT).encode("utf-8")
    at = data.index(needle)
    data[at + 2 : at + 4] = "ك".encode()  # same length, other letter: every page stays well formed
    path.write_bytes(bytes(data))
    report = full_report(path)
    assert not report.ok
    assert any("document 4" in p and "SHA-256" in p for p in report.problems), report.problems
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "SHA-256" in result.output


def test_check_command_notes_an_unclean_shutdown(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    make_project(path, 3)
    kill_while_open(path)
    report = full_report(path)
    assert report.ok, report.problems
    assert any("did not close cleanly" in n for n in report.notes)


def test_check_command_refuses_what_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n" * 50)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "not an SQLite database" in result.output


def test_stopping_the_background_check_before_it_starts_reading_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop between the check's connect and its first step (where interrupt() has nothing to stop)
    still ends the check instead of letting it read the whole file while the project closes. The
    check here is a statement that never ends by itself: only an interrupt stops it."""
    from annotator.core import integrity

    path = tmp_path / "p.db"
    Store.create(path).close()
    seen: list[str] = []
    made: list[integrity.Verifier] = []  # the thread starts inside the constructor: not a bare name

    def late_check(conn: sqlite3.Connection) -> str | None:
        while not (made and made[0]._stopped):  # the stop lands here, before the first step
            time.sleep(0.001)
        endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        try:
            conn.execute(endless).fetchone()
        except sqlite3.OperationalError as exc:
            seen.append(str(exc))
            raise
        return None

    monkeypatch.setattr(integrity, "quick_check", late_check)
    connected = threading.Event()

    def connect(p: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(p, check_same_thread=False)
        connected.set()
        return conn

    verifier = integrity.Verifier(path, connect)
    made.append(verifier)
    assert connected.wait(10)  # the stop comes after the connect (before it, the check never starts)
    verifier.stop()
    assert verifier.done
    assert seen == ["interrupted"]
