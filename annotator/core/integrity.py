"""Knowing that a project file is sound without reading all of it on every open.

A full check (`PRAGMA quick_check`) reads every page of the file: 0.3 s warm and several seconds with
a cold page cache on a 100,000-document project. So opening a project does only what is cheap and
catches what is common, and the full check runs where it costs nobody a wait:

- **header** (`header_problem`): the SQLite magic, a valid page size and payload fractions, and, when
  no write-ahead log is pending, a file that holds every page its header counts (a truncated copy);
- **schema** (`schema_problems`): every table and index the project's version must have, with the SQL
  the migrations wrote (a foreign or hand-altered file); extra objects a user added are tolerated;
- **session markers**: a process that writes registers itself in the `sessions` table (in its first
  write transaction) and removes its row when it closes the project. A row whose process is gone, or
  that another machine left, means the last session did not close cleanly: the full check then runs
  before the project opens at all.
- Otherwise the full check runs in a background thread (`Verifier`, the window) or before the first
  write (the command line), and every write waits for it: a damaged file is refused before anything
  is written into it. `annotator check` runs the thorough version on demand (`full_report`): SQLite's
  integrity_check, foreign keys, and every document text against its recorded SHA-256 and length.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from annotator.core.migrations import APPLICATION_ID, LATEST, apply

__all__ = [
    "SQLITE_MAGIC",
    "CheckReport",
    "Verifier",
    "full_report",
    "header_problem",
    "is_damage",
    "process_alive",
    "quick_check",
    "schema_problems",
    "server_report",
    "stale_sessions",
    "this_host",
]

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Lines of a failed check kept in a message (SQLite lists up to 100).
_SHOWN = 3


def wal_pending(path: Path) -> bool:
    """Whether a write-ahead log beside the file may hold pages the main file does not have yet."""
    try:
        return os.path.getsize(str(path) + "-wal") > 0
    except OSError:
        return False


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's 100-byte header and size, or None. Reads only the header."""
    with open(path, "rb") as fh:
        header = fh.read(100)
        size = os.fstat(fh.fileno()).st_size
    if not header.startswith(SQLITE_MAGIC):
        return "not an SQLite database"
    if len(header) < 100:
        return "the file is shorter than an SQLite header (truncated)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"the header holds an impossible page size ({page_size})"
    if header[21:24] != b"\x40\x20\x20":
        return "the header holds impossible payload fractions"
    if wal_pending(path):
        return None  # pages may live in the log until the next checkpoint: SQLite reconciles them
    if size % page_size:
        return f"its size ({size} bytes) is not a whole number of {page_size}-byte pages (truncated?)"
    counted = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if counter_valid and counted and size < counted * page_size:
        return f"it holds {size // page_size} of the {counted} pages its header counts (truncated)"
    return None


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


@cache
def expected_schema(version: int) -> dict[str, tuple[str, str, str]]:
    """name -> (type, table, SQL) of every object migrations 1..version create (built in memory)."""
    conn = sqlite3.connect(":memory:")
    try:
        for number in range(1, version + 1):
            apply(conn, number)
        return _objects(conn)
    finally:
        conn.close()


def _objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {name: (kind, table, _normal_sql(sql)) for kind, name, table, sql in rows}


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """Tables and indexes that a project of `version` must have but that are missing or altered."""
    if not 1 <= version <= LATEST:
        return [f"unknown project schema version {version}"]
    found = _objects(conn)
    problems = []
    for name, (kind, _table, sql) in expected_schema(version).items():
        if name not in found:
            problems.append(f"the {kind} {name} is missing")
        elif found[name][2] != sql:
            problems.append(f"the {kind} {name} is not as annotator made it")
    return problems


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file is damaged (CORRUPT, NOTADB), not busy or interrupted."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (11, 26)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's structural check of every page (`PRAGMA quick_check`): None when sound. Errors that
    are not a verdict on the file (locked, interrupted, I/O) are raised."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return str(exc)
        raise
    if rows == ["ok"]:
        return None
    more = f" (and {len(rows) - _SHOWN} more)" if len(rows) > _SHOWN else ""
    return "; ".join(rows[:_SHOWN]) + more


# ----------------------------------------------------------------------------- session markers
def this_host() -> str:
    if hasattr(os, "uname"):  # the host name gethostname() gives, without importing socket
        return os.uname().nodename or "localhost"
    import socket

    return socket.gethostname() or "localhost"


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists on this machine (one we may not signal counts as alive)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_sessions(conn: sqlite3.Connection) -> list[tuple[str, str, int, str]]:
    """Markers (id, host, pid, opened) of sessions that did not close cleanly: their process is gone,
    or they were left on another machine (where this one cannot tell)."""
    host = this_host()
    rows = conn.execute("SELECT id, host, pid, opened FROM sessions ORDER BY opened").fetchall()
    return [r for r in rows if r[1] != host or not process_alive(r[2])]


# ----------------------------------------------------------------------------- background check
class Verifier:
    """`PRAGMA quick_check` on its own connection in a daemon thread (SQLite releases the GIL while it
    reads, so the window stays responsive). `result()` waits for it: None when the file is sound."""

    def __init__(self, path: Path, connect: Callable[[Path], sqlite3.Connection]) -> None:
        self._path = path
        self._connect = connect  # store.connect: the same pragmas (and no import cycle)
        self._conn: sqlite3.Connection | None = None
        self._stopped = False
        self._problem: str | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="annotator-verify", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._lock:
                if self._stopped:
                    return
                self._conn = self._connect(self._path)
            self._problem = quick_check(self._conn)
        except BaseException as exc:  # noqa: BLE001 - raised again in the thread that waits
            self._error = exc
        finally:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> str | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._problem

    def stop(self) -> None:
        """Interrupt the check (the project is being closed) and wait for the thread to end."""
        with self._lock:
            self._stopped = True
        # interrupt() stops only a statement already running: one that starts just after it (the
        # thread was between its connect and the check) is stopped by the next
        deadline = time.monotonic() + 5
        while self._thread.is_alive() and time.monotonic() < deadline:
            conn = self._conn
            if conn is not None:
                try:
                    conn.interrupt()
                except sqlite3.Error:  # closed by the thread meanwhile
                    pass
            self._thread.join(0.01)


# ----------------------------------------------------------------------------- on demand
@dataclass(slots=True)
class CheckReport:
    """What `annotator check` found: `problems` mean the file is damaged; `notes` are for information."""

    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_only(path: Path) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def full_report(path: str | Path, *, limit: int = 50) -> CheckReport:
    """Every check there is, read-only (nothing is written, not even a session marker): header,
    schema, SQLite's integrity_check (pages, indexes, constraints), foreign keys, each document's text
    against its SHA-256 and length, spans inside their texts, relations within one document."""
    path = Path(path)
    report = CheckReport(path)
    problems = report.problems
    header = header_problem(path)
    if header:
        problems.append(header)
        if header == "not an SQLite database":
            return report
    try:
        conn = _read_only(path)
    except sqlite3.Error as exc:
        problems.append(f"cannot open: {exc}")
        return report
    step = ["reading the schema"]  # what _full_checks is doing, for a message if SQLite gives up
    try:
        _full_checks(conn, report, limit, step)
    except sqlite3.DatabaseError as exc:
        problems.append(f"{step[0]} failed: {exc}")
    finally:
        conn.close()
    if len(problems) > limit:
        del problems[limit:]
        problems.append("... (more problems not shown)")
    return report


#: Documents read per query by the text check: bounded memory on a 100,000-document project.
_DOCS_PER_READ = 500


def _document_checks(conn: Any, report: CheckReport, limit: int) -> bool:
    """Every document's text against its recorded SHA-256 and length (SQL both backends read; the
    text comes as the stored UTF-8 bytes from a file, as str from a server). True when the problems
    reached `limit`."""
    problems = report.problems
    last = 0
    while True:
        rows = conn.execute(
            "SELECT id, name, text, length, sha256 FROM documents WHERE id > ? ORDER BY id LIMIT ?",
            (last, _DOCS_PER_READ),
        ).fetchall()
        if not rows:
            return False
        for doc_id, name, text, length, sha in rows:
            report.documents += 1
            name, sha = (_decoded(v) for v in (name, sha))
            raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
            label = f"document {doc_id} ({name!r})"
            if hashlib.sha256(raw).hexdigest() != sha:
                problems.append(f"{label}: its text does not match its recorded SHA-256 (damaged)")
            elif len(raw.decode("utf-8", "replace")) != length:
                problems.append(f"{label}: its text does not have its recorded length")
            if len(problems) > limit:
                return True
        last = rows[-1][0]


def _decoded(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _annotation_checks(conn: Any, report: CheckReport, limit: int) -> None:
    """Spans inside their texts, relations within one document and one annotator's layer."""
    problems = report.problems
    for doc_id, sid, start, end, length in conn.execute(
        'SELECT s.doc_id, s.id, s.start, s."end", d.length FROM spans s JOIN documents d ON d.id = s.doc_id '
        'WHERE s.start < 0 OR s."end" <= s.start OR s."end" > d.length ORDER BY s.id LIMIT ?',
        (limit,),
    ):
        problems.append(f"document {doc_id}: span {sid} [{start}, {end}) lies outside its text ({length})")
    for rid, doc_id in conn.execute(
        "SELECT r.id, r.doc_id FROM relations r JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail "
        "WHERE h.doc_id != r.doc_id OR t.doc_id != r.doc_id OR h.annotator != t.annotator ORDER BY r.id LIMIT ?",
        (limit,),
    ):
        problems.append(f"document {doc_id}: relation {rid} links spans of another document or annotator")


def _project_tables(objects: dict[str, tuple[str, str, str]]) -> set[str]:
    """The tables among `objects`, without full-text indexes and their shadow tables (SQLite's own:
    a server serves the filter with an index of its own)."""
    virtual = [n for n, (_k, _t, sql) in objects.items() if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return {
        n
        for n, (kind, _t, _sql) in objects.items()
        if kind == "table" and n not in virtual and not any(n.startswith(v + "_") for v in virtual)
    }


#: What `annotator check` does not do on a server project, and why (printed as a note).
SERVER_NOTE = (
    "a server project: its pages, indexes and foreign keys are the server's to keep (SQLite's "
    "integrity_check and the session markers are for project files); checked here: the tables, "
    "every document text against its SHA-256 and length, spans and relations"
)


def server_report(store: Any, *, limit: int = 50) -> CheckReport:
    """`full_report` for an open server project (`store`): the checks that mean something there.
    The server keeps its own pages (checksums, write-ahead log, crash recovery) and enforces the
    foreign keys as constraints, so what is left to check is what annotator wrote: the tables the
    project's version must have, and the content as in a file."""
    report = CheckReport(Path(store.location))
    report.notes.append(SERVER_NOTE)
    version = store.version
    present = set(store.backend.tables())
    for name in sorted(_project_tables(expected_schema(min(version, LATEST))) - present):
        report.problems.append(f"the table {name} is missing")
    if report.problems:
        return report
    if not _document_checks(store.conn, report, limit):
        _annotation_checks(store.conn, report, limit)
    if len(report.problems) > limit:
        del report.problems[limit:]
        report.problems.append("... (more problems not shown)")
    return report


def _full_checks(conn: sqlite3.Connection, report: CheckReport, limit: int, step: list[str]) -> None:
    problems, notes = report.problems, report.notes
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        problems.append("not an annotator project (a different SQLite database)")
        return
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > LATEST:
        notes.append(f"made by a newer version of annotator (schema {version}); its schema is not checked")
    else:
        problems += schema_problems(conn, version)
    step[0] = "integrity_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({limit})")]
    if rows != ["ok"]:
        problems += [f"integrity_check: {r}" for r in rows]
    step[0] = "foreign_key_check"
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        if len(problems) > limit:
            return
    step[0] = "reading the documents"
    conn.text_factory = bytes  # hash the stored UTF-8 itself; damaged bytes must not stop the check
    try:
        if _document_checks(conn, report, limit):
            return
    finally:
        conn.text_factory = str
    step[0] = "reading the spans and relations"
    _annotation_checks(conn, report, limit)
    if "sessions" in _objects(conn):
        for _sid, host, pid, opened in stale_sessions(conn):
            notes.append(f"a session opened {opened} (process {pid} on {host}) did not close cleanly")
