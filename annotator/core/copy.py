"""`annotator copy SOURCE DEST`: a whole project from a file to a server, a server to a file, or
between two of either, losslessly: every table's rows with their ids (spans, relations, statuses,
the undo journal, suggestions, settings), and the id counters, so ids given after the copy are
the ones the source would have given.

- The source is only read, in one snapshot (a server's repeatable-read transaction; a file opened
  read-only), so colleagues can keep annotating while it is copied.
- The destination is written whole or not at all: a file is built under a temporary name and
  renamed into place; a server database is filled in the transaction that creates the project.
  An existing file, or a database that already holds anything, is refused.
- The copy remembers what it was copied from: the source project's id and a fingerprint of every
  layer (annotator x document). `merge` reads them to take a laptop copy back: layers unchanged
  since the copy are left alone, layers changed only in the copy replace the team's, and a layer
  changed on both sides is a conflict (see merge.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.store import ProjectError, Store, is_server_location, new_project_file

#: Tables in the order their rows can be inserted (a row's references exist before it); the
#: project's other tables follow by name.
ORDER = ("project", "documents", "spans", "relations", "statuses", "history")
#: Not copied: the session markers of the processes that have the source open (integrity.py) belong
#: to the source file, not to a copy (a copy has had no session yet).
NOT_COPIED = frozenset({"sessions"})
BATCH = 2000
COPIED_FROM = "copied_from"


class CopyError(Exception):
    """The copy cannot be made; nothing was written."""


@dataclass(slots=True)
class CopyReport:
    source: str = ""
    dest: str = ""
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {t}" for t, n in self.rows.items() if n and t != "project")
        return f"copied {self.source} to {self.dest}: {counts or 'an empty project'}"


def project_id(store: Store, *, create: bool = False) -> str | None:
    """The project's own id (a random hex string kept in its settings); with `create`, made when
    missing (a copy's source gets one, so that its copies can be merged back)."""
    row = store.conn.execute("SELECT value FROM project WHERE key = 'id'").fetchone()
    if row or not create:
        return row[0] if row else None
    new = uuid.uuid4().hex
    with store.transaction() as conn:
        conn.execute("INSERT INTO project(key, value) VALUES ('id', ?) ON CONFLICT DO NOTHING", (new,))
    return store.conn.execute("SELECT value FROM project WHERE key = 'id'").fetchone()[0]


def _tables(source: Store, dest: Store) -> list[str]:
    theirs = set(source.backend.tables())
    mine = [t for t in dest.backend.tables() if t in theirs and t not in NOT_COPIED]
    return [t for t in ORDER if t in mine] + sorted(t for t in mine if t not in ORDER)


def _rows(store: Store, table: str, cols: list[str]) -> Iterator[tuple]:
    quoted = ", ".join(f'"{c}"' for c in cols)
    order = " ORDER BY id" if "id" in cols else ""
    sql = f"SELECT {quoted} FROM {table}{order}"
    if store.is_server:  # a server-side cursor: a big table is not held in memory whole
        with store.conn.raw.cursor(name=f"copy_{table}") as cur:
            cur.itersize = BATCH
            cur.execute(sql)
            yield from cur
    else:
        yield from store.conn.execute(sql)


def _write(dest: Store, table: str, cols: list[str], rows: Iterator[tuple]) -> int:
    quoted = ", ".join(f'"{c}"' for c in cols)
    n = 0
    if dest.is_server:  # COPY: the fastest way into the server
        with dest.conn.raw.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))})"
    batch: list[tuple] = []
    for row in rows:
        batch.append(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
        if len(batch) >= BATCH:
            dest.conn.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    if batch:
        dest.conn.executemany(sql, batch)
        n += len(batch)
    return n


def fill(
    dest: Store, source: Store, report: CopyReport, progress: Callable[[str], None] | None = None
) -> None:
    """Copy every row of `source` into `dest` (a new project, inside the caller's transaction)."""
    for table in reversed(_tables(source, dest)):
        dest.conn.execute(f"DELETE FROM {table}")  # a new project's own settings make way
    for table in _tables(source, dest):
        if progress:
            progress(table)
        theirs = set(source.backend.columns(table))
        cols = [c for c in dest.backend.columns(table) if c in theirs]
        report.rows[table] = _write(dest, table, cols, _rows(source, table, cols))
        if "id" in cols:
            dest.backend.set_next_id(table, source.backend.next_id(table) - 1)
    _remember_origin(dest, source)


def _remember_origin(dest: Store, source: Store) -> None:
    """What `merge` needs to take this copy back (see the module docstring)."""
    from annotator.core.merge import layer_fingerprints

    origin = {
        "project": project_id(source),
        "source": source.location,
        "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "layers": layer_fingerprints(dest),
    }
    dest.conn.execute(
        "INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (COPIED_FROM, json.dumps(origin, ensure_ascii=False, separators=(",", ":"))),
    )


def copied_from(store: Store) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT value FROM project WHERE key = ?", (COPIED_FROM,)).fetchone()
    return json.loads(row[0]) if row else None


def copy_project(
    source: str | Path, dest: str | Path, *, progress: Callable[[str], None] | None = None
) -> CopyReport:
    """Copy the project at `source` to `dest` (see the module docstring); CopyError or ProjectError
    when it cannot, with nothing written."""
    from annotator.core.merge import open_input

    source, dest = str(source), str(dest)
    if not is_server_location(dest):
        d = Path(dest)
        if d.exists() and (d.is_dir() or d.stat().st_size > 0):
            raise CopyError(f"{dest}: already exists; copy to a new file")
        if not d.parent.exists():
            raise CopyError(f"{dest}: folder {d.parent} does not exist")
    if is_server_location(source):
        src = Store.open(source)
        project_id(src, create=True)
        src.conn.execute("BEGIN")  # one snapshot for the whole copy
    else:
        if Path(source).exists():
            try:  # give the file its id first (when it can be written), then read it read-only
                with Store.open(source) as writable:
                    project_id(writable, create=True)
            except Exception:
                pass
        src = open_input(source)
    report = CopyReport(source=src.location, dest=dest)
    try:
        if is_server_location(dest):
            from annotator.core.pg_backend import open_server, redact

            open_server(
                Store, dest, create=True, schema=src.schema, fill=lambda s: fill(s, src, report, progress)
            ).close()
            report.dest = redact(dest)
        else:
            _copy_to_file(Path(dest), src, report, progress)
    finally:
        if src.conn.in_transaction:
            src.conn.execute("ROLLBACK")
        src.close()
    return report


def _copy_to_file(dest: Path, src: Store, report: CopyReport, progress: Callable[[str], None] | None) -> None:
    appeared = CopyError(f"{dest}: appeared while copying; nothing was replaced")
    with new_project_file(dest, ".copying", src.schema, appeared) as store, store.transaction():
        fill(store, src, report, progress)


__all__ = ["CopyError", "CopyReport", "ProjectError", "copied_from", "copy_project", "project_id"]
