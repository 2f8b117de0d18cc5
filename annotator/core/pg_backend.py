"""A project on a PostgreSQL server: the connection, versioning, migrations and live change notices.

The store's SQL is shared with SQLite; `pg_sql` translates it. What only the server has lives here:

- `ServerConnection` gives the store what it uses of sqlite3's connection (`execute`, `executemany`,
  `in_transaction`, cursors with `lastrowid` and `rowcount`) over psycopg 3, reconnects when the
  server comes back, and never lets a transaction continue on a new connection: an edit whose
  connection dropped fails whole (the server rolled it back) and the next one starts afresh;
- the project's version and identity live in `annotator_meta` (SQLite keeps them in PRAGMAs);
- triggers send a notice (`NOTIFY annotator`) for every committed change, naming the document and
  annotator whose layer changed (or the table: documents, project, assignments); `ChangeListener`
  hears them on its own connection, so a window learns within a second what another one changed
  without reading anything until it matters;
- passwords are never stored: libpq reads them from `~/.pgpass`, `PGPASSWORD` or a service file.

psycopg is an optional extra (`pip install 'annotator[postgres]'`): imported only when a server
project is opened, with a message that says how to install it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from annotator.core.pg_sql import BEGIN_READ, BEGIN_WRITE, Translator, translate_ddl

if TYPE_CHECKING:
    import psycopg

CHANNEL = "annotator"
APPLICATION = "annotator"
CONNECT_TIMEOUT_S = 10
RECONNECT_EVERY_S = 1.0

# Functions of SQLite that the shared SQL and the migrations use, the version table, and the
# functions the change-notice triggers call. Run once, in the transaction that creates a project.
BOOTSTRAP = r"""
CREATE TABLE annotator_meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
"""

# SQLite's functions that the shared SQL and the migrations use, as the server's own functions
# (made again after every migration, so a project made by an older version gets new ones).
COMPAT_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION strftime(fmt text, at text) RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN
  IF fmt = '%Y-%m-%dT%H:%M:%fZ' AND at = 'now' THEN
    RETURN to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  END IF;
  RAISE EXCEPTION 'strftime(%, %) is not available on the server', fmt, at;
END $f$;
CREATE OR REPLACE FUNCTION randomblob(n integer) RETURNS bytea LANGUAGE sql VOLATILE AS $f$
  SELECT substring(string_agg(decode(replace(gen_random_uuid()::text, '-', ''), 'hex'), ''::bytea)
                   FROM 1 FOR n)
  FROM generate_series(1, (n + 15) / 16)
$f$;
CREATE OR REPLACE FUNCTION hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT upper(encode(b, 'hex'))
$f$;
CREATE OR REPLACE FUNCTION substr(s text, start bigint, len bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT substr(s, start::integer, len::integer)
$f$;
CREATE OR REPLACE FUNCTION substr(s text, start bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT substr(s, start::integer)
$f$;
"""

# The change notices: one per statement (a bulk import or a COPY sends one notice per layer it
# touched, not one per row), naming each layer from the statement's transition table.
NOTIFY_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION annotator_notify_new() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('annotator', k) FROM (SELECT DISTINCT doc_id || ' ' || annotator AS k FROM new_rows) s;
  RETURN NULL;
END $f$;
CREATE OR REPLACE FUNCTION annotator_notify_old() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('annotator', k) FROM (SELECT DISTINCT doc_id || ' ' || annotator AS k FROM old_rows) s;
  RETURN NULL;
END $f$;
CREATE OR REPLACE FUNCTION annotator_notify_table() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('annotator', TG_TABLE_NAME);
  RETURN NULL;
END $f$;
"""

#: Tables whose rows belong to one annotator's layer of one document: a notice per changed layer.
LAYER_TABLES = ("spans", "relations", "statuses")
#: Tables a notice names as a whole (the document list, the schema and guidelines, assignments).
WHOLE_TABLES = ("documents", "project", "assignments")


class ServerUnavailable(Exception):
    """psycopg is not installed, or the server cannot be reached."""


def redact(url: str) -> str:
    """The URL without its password (for titles, messages and recent-project lists)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


def short_name(url: str) -> str:
    """`dbname on host` for window titles."""
    parts = urlsplit(url)
    db = parts.path.lstrip("/") or "(default database)"
    host = parts.hostname or "local server"
    return f"{db} on {host}"


def psycopg_module() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ServerUnavailable(
            "server projects need psycopg 3, which is not installed: "
            "pip install 'annotator[postgres]' (or pip install 'psycopg[binary]')"
        ) from None
    return psycopg


# ----------------------------------------------------------------------------- errors
def explain(url: str, exc: Exception) -> str:
    """A readable message for a failed connection: what libpq said, and what to do about it."""
    first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    text = str(exc)
    where = redact(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return (
            f"{where}: the server refused the login ({first}). annotator stores no passwords: put yours in "
            "~/.pgpass (host:port:database:user:password, mode 0600), PGPASSWORD, or a service file"
        )
    if re.search(r'database "[^"]+" does not exist', text):
        return f"{where}: {first}; create it first (createdb NAME) or ask the server's administrator"
    if "Connection refused" in text or "No such file or directory" in text or "could not connect" in text:
        return f"{where}: cannot reach the server ({first}); is it running, and is the address right?"
    if "timeout" in text.lower():
        return f"{where}: the server did not answer in time ({first})"
    return f"{where}: cannot connect: {first}"


def _wrap_errors(psycopg: Any) -> dict[type, type]:
    """psycopg's exception classes -> subclasses of sqlite3's. sqlite3's hierarchy is the store's:
    the session, importers, merge and every other caller catch `sqlite3.Error` and its kinds, and
    a server project's errors reach them as the same kinds (the message names the server)."""

    def make(name: str, base: type) -> type:
        return type(name, (base,), {"__module__": __name__})

    operational = make("ServerOperationalError", sqlite3.OperationalError)
    return {
        psycopg.errors.IntegrityError: make("ServerIntegrityError", sqlite3.IntegrityError),
        psycopg.errors.DataError: make("ServerDataError", sqlite3.DataError),
        psycopg.errors.ProgrammingError: make("ServerProgrammingError", sqlite3.ProgrammingError),
        psycopg.errors.OperationalError: operational,
        psycopg.errors.InternalError: make("ServerInternalError", sqlite3.InternalError),
        psycopg.errors.NotSupportedError: make("ServerNotSupportedError", sqlite3.NotSupportedError),
        psycopg.errors.DatabaseError: make("ServerDatabaseError", sqlite3.DatabaseError),
        psycopg.errors.InterfaceError: operational,
        psycopg.errors.Error: make("ServerError", sqlite3.Error),
    }


_ERRORS: dict[type, type] = {}


def server_error(exc: Exception, message: str | None = None) -> Exception:
    """`exc` (a psycopg error) as the sqlite3-kind error the store's callers catch."""
    for cls in type(exc).__mro__:
        if cls in _ERRORS:
            return _ERRORS[cls](message or str(exc).strip())
    return exc


def _lock_timeout_message(exc: Exception) -> str | None:
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate == "55P03":  # lock_not_available: another writer held the project too long
        return "database is locked: another process is writing to the project (an import or a merge)"
    if sqlstate == "57014":
        return "the server cancelled the statement"
    return None


# ----------------------------------------------------------------------------- the connection
class ServerConnection:
    """What the store uses of a sqlite3 connection, over one psycopg connection (autocommit; the
    store's BEGIN … COMMIT make the transactions)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.psycopg = psycopg_module()
        if not _ERRORS:
            _ERRORS.update(_wrap_errors(self.psycopg))
        self._pg: psycopg.Connection = self._connect()
        self._txn = False  # a transaction was begun and not yet ended by COMMIT or ROLLBACK
        self._lost_in_txn = False  # ... and its connection dropped: it fails whole
        self.reconnects = 0
        self._trace: Any = None
        self.translate = Translator(set(), self.primary_keys)
        self.refresh_catalog()

    def _connect(self) -> psycopg.Connection:
        psycopg = self.psycopg
        from psycopg.conninfo import conninfo_to_dict

        try:
            params = conninfo_to_dict(self.url)
        except psycopg.ProgrammingError as exc:
            raise ServerUnavailable(f"{redact(self.url)}: not a valid server address ({exc})") from None
        extra: dict[str, Any] = {}
        if "connect_timeout" not in params:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in params:
            extra["application_name"] = "annotator"
        try:
            conn = psycopg.Connection.connect(
                self.url, autocommit=True, cursor_factory=_cursor_class(), **extra
            )
        except psycopg.Error as exc:
            raise ServerUnavailable(explain(self.url, exc)) from None
        _register_loaders(conn)
        from annotator.core.store import BUSY_TIMEOUT_MS

        conn.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}; SET client_encoding = 'UTF8'")
        if getattr(self, "readonly", False):
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def set_readonly(self) -> None:
        """From now on every transaction is read-only (the reading commands' `readonly` open):
        the server refuses any write, on this connection and on any it reconnects."""
        self.readonly = True
        self._pg.execute("SET default_transaction_read_only = on")

    @property
    def backend_pid(self) -> int:
        return self._pg.info.backend_pid

    @property
    def raw(self) -> psycopg.Connection:
        """The psycopg connection (COPY, bootstrap); reconnected first when it dropped."""
        self._ensure()
        return self._pg

    def refresh_catalog(self) -> None:
        """Learn which tables have an identity id (after opening and after migrations)."""
        rows = self._pg.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'"
        ).fetchall()
        self.translate.reset({r[0] for r in rows})
        self._pkeys: dict[str, list[str]] = {}
        self._copy_ok: dict[str, bool] = {}

    def primary_keys(self, table: str) -> list[str]:
        if table not in self._pkeys:
            rows = self._pg.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(%s) AND i.indisprimary",
                (table,),
            ).fetchall()
            self._pkeys[table] = [r[0] for r in rows]
        return self._pkeys[table]

    # -------------------------------------------------------------- sqlite3's connection API
    @property
    def in_transaction(self) -> bool:
        return self._txn

    @property
    def closed(self) -> bool:
        return self._pg.closed

    def _ensure(self) -> None:
        """Reconnect when the connection dropped, unless a transaction was open on it."""
        if not self._pg.closed and not self._pg.broken:
            return
        if self._txn:
            self._lost_in_txn = True
            raise server_error(
                self.psycopg.OperationalError(),
                "the connection to the server was lost during the edit; nothing of it was saved",
            )
        try:
            self._pg = self._connect()
        except ServerUnavailable as exc:
            raise server_error(self.psycopg.OperationalError(), str(exc)) from None
        self.reconnects += 1

    def set_trace_callback(self, callback: Any) -> None:
        """As sqlite3's: `callback(sql)` for every statement run (tests look at the queries)."""
        self._trace = callback

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        if self._trace is not None:
            self._trace(sql)
        upper = sql.strip().upper()
        if upper in ("COMMIT", "ROLLBACK", "END"):
            return self._end(upper)
        self._ensure()
        query, returning = self.translate(sql)
        try:
            if query is BEGIN_WRITE or query is BEGIN_READ:
                cur = self._pg.execute(query)
                self._txn, self._lost_in_txn = True, False
                return cur
            cur = self._pg.cursor()
            cur.execute(query, params if params is not None else ())
        except self.psycopg.Error as exc:
            raise self._failed(exc) from exc
        if returning:
            row = cur.fetchone()
            cur.lastrowid = row[0] if row else None  # type: ignore[attr-defined]
        return cur

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Any:
        self._ensure()
        plain = _PLAIN_INSERT.match(sql)
        if plain and self._can_copy(plain.group(1)):
            # many rows into a table: COPY, the server's bulk path (same defaults, checks, triggers)
            table, cols = plain.group(1), plain.group(2)
            cur = self._pg.cursor()
            try:
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in seq:
                        copy.write_row(row)
            except self.psycopg.Error as exc:
                raise self._failed(exc) from exc
            return cur
        query, returning = self.translate(sql)
        if returning:
            query = query[: -len(" RETURNING id")]
        cur = self._pg.cursor()
        try:
            cur.executemany(query, seq)
        except self.psycopg.Error as exc:
            raise self._failed(exc) from exc
        return cur

    def _can_copy(self, table: str) -> bool:
        """COPY is refused where row-level security applies to this login (an annotator's)."""
        if table not in self._copy_ok:
            row = self._pg.execute(
                "SELECT NOT c.relrowsecurity OR pg_has_role(c.relowner, 'USAGE') OR r.rolbypassrls OR r.rolsuper "
                "FROM pg_class c, pg_roles r WHERE c.oid = to_regclass(%s) AND r.rolname = current_user",
                (table.strip('"'),),
            ).fetchone()
            self._copy_ok[table] = bool(row and row[0])
        return self._copy_ok[table]

    def _failed(self, exc: Exception) -> Exception:
        if self._pg.broken or self._pg.closed:
            if self._txn:
                self._lost_in_txn = True
            return server_error(
                exc,
                f"the connection to the server was lost ({str(exc).strip() or 'no answer'})"
                + ("; nothing of the edit was saved" if self._txn else ""),
            )
        return server_error(exc, _lock_timeout_message(exc))

    def _end(self, word: str) -> Any:
        """COMMIT or ROLLBACK. A rollback of a transaction whose connection dropped has nothing to
        do (the server rolled it back); a commit there fails, and says so."""
        lost = self._lost_in_txn or self._pg.broken or self._pg.closed
        self._txn = self._lost_in_txn = False
        if word == "ROLLBACK":
            if not lost:
                try:
                    self._pg.execute("ROLLBACK")
                except self.psycopg.Error as exc:
                    raise self._failed(exc) from exc
            return None
        if lost:
            raise server_error(
                self.psycopg.OperationalError(),
                "the connection to the server was lost during the edit; nothing of it was saved",
            )
        try:
            self._pg.execute("COMMIT")
        except self.psycopg.Error as exc:
            if self._pg.broken or self._pg.closed:
                raise server_error(
                    exc,
                    "the connection to the server was lost while saving: the edit may or may not "
                    "have been saved (the window reloads what the server holds)",
                ) from exc
            raise server_error(exc) from exc
        return None

    def commit(self) -> None:
        if self._txn:
            self._end("COMMIT")

    def rollback(self) -> None:
        if self._txn:
            self._end("ROLLBACK")

    def close(self) -> None:
        try:
            self._pg.close()
        except self.psycopg.Error:
            pass


#: `INSERT INTO t (cols) VALUES (?, …)` and nothing else: what `executemany` sends as COPY.
_PLAIN_INSERT = re.compile(
    r"^\s*INSERT\s+INTO\s+(\"?\w+\"?)\s*\(([^()]*)\)\s*VALUES\s*\((?:\s*\?\s*,)*\s*\?\s*\)\s*;?\s*$", re.I
)
_CURSOR: list[type] = []


def _cursor_class() -> type:
    """psycopg's cursor with sqlite3's `lastrowid` (set by `ServerConnection.execute`)."""
    if not _CURSOR:
        import psycopg

        class Cursor(psycopg.Cursor):
            lastrowid: int | None = None

        _CURSOR.append(Cursor)
    return _CURSOR[0]


def _register_loaders(conn: Any) -> None:
    """SUM and AVG return `numeric` on the server, which psycopg reads as Decimal; SQLite gives int
    or float. Read numeric as int when whole, else float, so both backends return the same."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode()
            try:
                return int(text)
            except ValueError:
                return float(text)

    conn.adapters.register_loader("numeric", NumericLoader)


# ----------------------------------------------------------------------------- change notices
class ChangeListener:
    """Hears the project's change notices on a connection of its own, in a daemon thread.

    `version` grows with every notice from another connection (as SQLite's data_version changes
    with every commit by another connection); `touched_since(v)` says which layers (doc id,
    annotator) and tables changed after `v`, or None when that is not known (the listener was
    disconnected meanwhile, or the log is shorter than the gap)."""

    LOG = 4096

    def __init__(self, url: str, own_pid: Any) -> None:
        self.url = url
        self.own_pid = own_pid  # a callable: the store's connection's backend pid (it may reconnect)
        self.psycopg = psycopg_module()
        self.version = 0
        self.connected = threading.Event()
        self._lock = threading.Lock()
        self._log: deque[tuple[int, object]] = deque(maxlen=self.LOG)
        self._unknown_at = 0  # changes up to this version are not in the log
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="annotator-listener", daemon=True)
        self._thread.start()

    def _bump(self, key: object) -> None:
        with self._lock:
            self.version += 1
            if key is None:
                self._unknown_at = self.version
            else:
                self._log.append((self.version, key))

    def touched_since(self, seen: int) -> set[object] | None:
        with self._lock:
            if seen < self._unknown_at or (
                self._log and self._log[0][0] > seen + 1 and len(self._log) == self.LOG
            ):
                return None
            return {key for v, key in self._log if v > seen}

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                conn = self.psycopg.Connection.connect(
                    self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
                )
            except self.psycopg.Error:
                if self._stop.wait(RECONNECT_EVERY_S):
                    return
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                if not first:  # notices were missed while disconnected: anything may have changed
                    self._bump(None)
                first = False
                self.connected.set()
                while not self._stop.is_set():
                    for notice in conn.notifies(timeout=0.25):
                        self._heard(notice)
            except self.psycopg.Error:
                self.connected.clear()
                self._stop.wait(RECONNECT_EVERY_S)
            finally:
                conn.close()

    def _heard(self, notice: Any) -> None:
        try:
            own = self.own_pid()
        except Exception:  # the store's connection is being replaced
            own = None
        if notice.pid == own:
            return
        doc, sep, annotator = notice.payload.partition(" ")
        self._bump((int(doc), annotator) if sep and doc.isdigit() else notice.payload)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


# ----------------------------------------------------------------------------- the project
def ensure_triggers(conn: ServerConnection) -> None:
    """The change-notice triggers (dropped and made again: CREATE OR REPLACE TRIGGER needs
    PostgreSQL 14): per statement, on the layer tables and the tables notices name whole."""
    pg = conn.raw
    pg.execute(COMPAT_FUNCTIONS)
    pg.execute(NOTIFY_FUNCTIONS)
    tables = set(_user_tables(conn))
    for table in LAYER_TABLES:
        if table not in tables:
            continue
        for event, rows, fn in (("INSERT", "NEW", "new"), ("UPDATE", "NEW", "new"), ("DELETE", "OLD", "old")):
            name = f"{table}_notify_{event.lower()}"
            pg.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            pg.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {rows} TABLE AS {fn}_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify_{fn}()"
            )
    for table in WHOLE_TABLES:
        if table in tables:
            pg.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
            pg.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify_table()"
            )


def run_statement(conn: ServerConnection, statement: str) -> None:
    """One migration statement, its DDL written for the server."""
    conn.execute(translate_ddl(statement))


def wait_for(predicate: Any, timeout: float = 5.0) -> bool:
    """Poll `predicate` until true or `timeout` seconds pass (tests and the reconnect loop)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


class ServerBackend:
    """What differs for a project on a server (the twin of `store.SqliteBackend`)."""

    kind = "postgresql"
    is_server = True
    path = None

    def __init__(self, url: str, conn: ServerConnection) -> None:
        self.url = url
        self.conn = conn
        self.location = redact(url)
        self.name = short_name(url)
        self._listener: ChangeListener | None = None
        self._compat_made = False

    # -------------------------------------------------------------- change notices
    @property
    def listener(self) -> ChangeListener:
        if self._listener is None:
            self._listener = ChangeListener(self.url, lambda: self.conn.backend_pid)
            self._listener.connected.wait(CONNECT_TIMEOUT_S)
        return self._listener

    @property
    def user(self) -> str:
        """The database user this project was opened as: on a server, the annotator's name."""
        return self.conn.raw.info.user

    @property
    def online(self) -> bool:
        """Whether the change notices are being heard (the server is reachable)."""
        return self.listener.connected.is_set()

    def data_version(self) -> int:
        """Grows with every change another connection commits (heard as a notice), and when the
        store's own connection had to reconnect (notices may have been missed meanwhile)."""
        return self.listener.version + self.conn.reconnects

    def touched_since(self, seen: int) -> set[object] | None:
        return self.listener.touched_since(seen - self.conn.reconnects)

    # -------------------------------------------------------------- version and migrations
    def version(self) -> int:
        row = self.conn.execute("SELECT value FROM annotator_meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    def set_version(self, number: int) -> None:
        self.conn.execute(
            "INSERT INTO annotator_meta(key, value) VALUES ('version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(number),),
        )

    def run_statement(self, statement: str) -> None:
        if not self._compat_made:  # a migration of this version may use a function new in it
            self.conn.raw.execute(COMPAT_FUNCTIONS)
            self._compat_made = True
        run_statement(self.conn, statement)

    def after_migration(self) -> None:
        ensure_triggers(self.conn)
        self.conn.refresh_catalog()

    # -------------------------------------------------------------- ids
    def columns(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            )
        ]

    def tables(self) -> list[str]:
        """The project's own tables (not the version table)."""
        return [t for t in _user_tables(self.conn) if t != "annotator_meta"]

    def next_id(self, table: str) -> int:
        row = self.conn.execute(
            f"SELECT (SELECT COALESCE(MAX(id), 0) FROM {table}), "
            "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
            f"FROM {_sequence(self.conn, table)})"
        ).fetchone()
        return max(row[0], row[1]) + 1

    def set_next_id(self, table: str, after: int) -> None:
        seq = _sequence(self.conn, table)
        self.conn.execute(
            f"SELECT setval('{seq}', GREATEST(?, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
            f"FROM {seq})), true)",
            (max(after, 1),),
        )

    def fresh_id(self, table: str) -> int:
        return self.conn.execute(f"SELECT nextval('{_sequence(self.conn, table)}')").fetchone()[0]

    # the document-list filter: the LIKE over `folded` is served by a trigram index (migration 5)
    def defer_filter_index(self) -> None:
        pass

    def index_documents(self, first_id: int | None) -> None:
        pass

    def text_filter(self, folded: str) -> None:
        return None

    def checkpoint(self) -> None:
        pass

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        self.conn.close()


def _sequence(conn: ServerConnection, table: str) -> str:
    row = conn.execute("SELECT pg_get_serial_sequence(?, 'id')", (table,)).fetchone()
    if row is None or row[0] is None:
        raise ValueError(f"{table} has no id sequence")
    return row[0]


def _user_tables(conn: ServerConnection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    ]


def open_server(
    store_cls: Any, url: str, *, create: bool, schema: Any = None, fill: Any = None, readonly: bool = False
) -> Any:
    """Open (or create, in an empty database) the project at `url`; ProjectError for a server that
    cannot be reached, a login refused, a database that is not a project or is newer, and for
    psycopg missing. Creating is one transaction: a failure leaves the database empty. `fill(store)`
    runs inside that transaction (a copy writes the whole project there). `readonly`: after any
    upgrade, every transaction of this connection is read-only."""
    from annotator.core.migrations import LATEST
    from annotator.core.store import ProjectError, too_new

    where = redact(url)
    try:
        conn = ServerConnection(url)
    except ServerUnavailable as exc:
        raise ProjectError(str(exc)) from None
    try:
        encoding = conn.execute(
            "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
        ).fetchone()[0]
        if encoding != "UTF8":
            raise ProjectError(
                f"{where}: the database's encoding is {encoding}, which cannot hold Arabic text; "
                "create the database with UTF8 (createdb -E UTF8 -T template0 NAME)"
            )
        has_meta = conn.execute("SELECT to_regclass('annotator_meta') IS NOT NULL").fetchone()[0]
        if has_meta:
            app = conn.execute("SELECT value FROM annotator_meta WHERE key = 'application'").fetchone()
            if app is None or app[0] != APPLICATION:
                raise ProjectError(f"{where}: not an annotator project (its annotator_meta is another's)")
            if create:
                raise ProjectError(
                    f"{where}: already holds a project (open it, or create the project in another database)"
                )
        else:
            tables = _user_tables(conn)
            if tables:
                shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
                raise ProjectError(
                    f"{where}: not an annotator project (the database holds other tables: {shown})"
                )
            if not create:
                raise ProjectError(f"{where}: holds no project (create one with `annotator init {where}`)")
        backend = ServerBackend(url, conn)
        store = store_cls(None, conn, backend)
        if create:
            _create(store, conn, schema, fill)
            return store
        version = backend.version()
        if version > LATEST:
            raise ProjectError(too_new(where, version))
        if version < LATEST:
            try:
                store._migrate(version)
            except sqlite3.Error as exc:
                raise ProjectError(
                    f"{where}: the project was made by an older version of annotator and needs an upgrade, "
                    f"which its owner (a lead) makes by opening it once with this version ({exc})"
                ) from exc
        if readonly:
            conn.set_readonly()
            store.readonly = True
        return store
    except ProjectError:
        conn.close()
        raise
    except Exception as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise ProjectError(f"{where}: cannot open the project: {exc}") from exc
        raise


def _create(store: Any, conn: ServerConnection, schema: Any, fill: Any) -> None:
    """Bootstrap, every migration and the schema in one transaction (another process creating the
    same project at the same time waits for the lock, then finds it made)."""
    from annotator.core.migrations import LATEST, MIGRATIONS
    from annotator.core.store import ProjectError, run_migration

    with store.transaction():
        if conn.execute("SELECT to_regclass('annotator_meta') IS NOT NULL").fetchone()[0]:
            raise ProjectError(f"{store.location}: already holds a project")
        conn.raw.execute(BOOTSTRAP)
        conn.raw.execute(COMPAT_FUNCTIONS)  # the migrations' defaults call them
        conn.execute("INSERT INTO annotator_meta(key, value) VALUES ('application', ?)", (APPLICATION,))
        for migration in MIGRATIONS:
            run_migration(store.backend, migration)
        store.backend.set_version(LATEST)
        store.backend.after_migration()
        conn.execute(
            "INSERT INTO project(key, value) VALUES ('schema', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (schema.to_json(),),
        )
        if fill is not None:
            fill(store)
    store._schema = None


# ----------------------------------------------------------------------------- roles
#: Tables an annotator only reads: the documents, the lead's assignments, the list of leads.
READ_ONLY_FOR_ANNOTATORS = ("documents", "assignments", "annotator_leads", "annotator_meta")
_OWN_ROW = "annotator = current_user OR EXISTS (SELECT 1 FROM annotator_leads WHERE name = current_user)"


def grant_team(store: Any, users: Sequence[str], *, lead: bool = False) -> None:
    """Give database users their rights on this project (run by its owner). Annotators read
    everything and write their own layer only: row-level security on every table with an
    `annotator` column lets a row be written by the annotator it names or by a lead. Leads (listed
    in `annotator_leads`) write everything. Idempotent: run again after an upgrade added tables."""
    from annotator.core.store import EditError

    conn = store.conn
    bad = [u for u in users if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.@-]*", u)]
    if bad:
        raise EditError(f"not a database user name: {', '.join(bad)}")
    with store.transaction():
        known = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
        missing = [u for u in users if u not in known]
        if missing:
            raise EditError(
                f"no database user {', '.join(missing)}: the server's administrator creates them "
                "first (createuser NAME)"
            )
        conn.execute('CREATE TABLE IF NOT EXISTS annotator_leads (name TEXT COLLATE "C" PRIMARY KEY)')
        tables = [t for t in _user_tables(conn)]
        for table in tables:
            if "annotator" in store.backend.columns(table) and table not in READ_ONLY_FOR_ANNOTATORS:
                conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
                conn.execute(f"DROP POLICY IF EXISTS annotator_read ON {table}")
                conn.execute(f"CREATE POLICY annotator_read ON {table} FOR SELECT USING (true)")
                conn.execute(f"DROP POLICY IF EXISTS annotator_write ON {table}")
                conn.execute(
                    f"CREATE POLICY annotator_write ON {table} FOR ALL USING ({_OWN_ROW}) WITH CHECK ({_OWN_ROW})"
                )
        writable = [t for t in tables if t not in READ_ONLY_FOR_ANNOTATORS]
        for user in users:
            who = f'"{user}"'
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {who}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {who}")
            # UPDATE: a bulk add gives ids itself and moves the id counters past them (setval)
            conn.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {who}")
            if lead:
                conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {who}")
                conn.execute("INSERT INTO annotator_leads(name) VALUES (?) ON CONFLICT DO NOTHING", (user,))
            else:
                conn.execute(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(writable)} TO {who}")
                conn.execute("DELETE FROM annotator_leads WHERE name = ?", (user,))


def team_members(store: Any) -> dict[str, str]:
    """user -> "lead" or "annotator", for the users `grant_team` gave rights."""
    conn = store.conn
    leads = set()
    if conn.execute("SELECT to_regclass('annotator_leads') IS NOT NULL").fetchone()[0]:
        leads = {r[0] for r in conn.execute("SELECT name FROM annotator_leads")}
    rows = conn.execute(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_schema = current_schema() AND table_name = 'spans' AND privilege_type = 'INSERT' "
        "AND grantee <> current_user"
    ).fetchall()
    return {r[0]: ("lead" if r[0] in leads else "annotator") for r in sorted(rows)}
