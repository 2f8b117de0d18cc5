"""The store's SQL, as PostgreSQL reads it: every dialect difference in one place.

The store (and every branch that adds to it) writes SQLite-flavoured SQL with `?` placeholders and
the portable constructs both engines share (`ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`,
`COALESCE`, partial indexes). A server project runs that same SQL through `translate`, which:

- turns `?` into psycopg's `%s` and doubles a literal `%` (outside quotes and comments only);
- rewrites SQLite's `INSERT OR IGNORE` (into `ON CONFLICT DO NOTHING`) and `INSERT OR REPLACE`
  (into `ON CONFLICT (primary key) DO UPDATE`);
- appends `RETURNING id` to a one-row `INSERT … VALUES` into a table with an identity `id`, so the
  cursor's `lastrowid` works as sqlite3's does;
- maps the transaction statements: `BEGIN IMMEDIATE` (SQLite's one writer at a time) becomes a
  transaction holding the project's write lock, plain `BEGIN` (a read snapshot) a repeatable-read
  transaction;
- refuses `PRAGMA` and anything else that only SQLite understands, naming it.

Migrations' DDL goes through `translate_ddl` first: column types (`INTEGER` -> `BIGINT`, `REAL` ->
`DOUBLE PRECISION`, `BLOB` -> `BYTEA`, `TEXT` -> `TEXT COLLATE "C"` so that text sorts by code point
as in SQLite), `INTEGER PRIMARY KEY [AUTOINCREMENT]` -> an identity column, `WITHOUT ROWID` dropped.
The SQLite functions the schema uses as defaults (`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
`randomblob`, `hex`) exist on the server as functions of the same name (`pg_backend.BOOTSTRAP`).
Pure functions, no psycopg: tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

#: The key of the transaction-scoped advisory lock every write transaction takes (one writer at a
#: time, as SQLite's BEGIN IMMEDIATE gives): "ANNT", like the SQLite file's application id.
WRITE_LOCK_KEY = 0x414E4E54

BEGIN_WRITE = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ"


class DialectError(ValueError):
    """SQL that only SQLite understands reached a server project (a bug: port the statement)."""


def _pieces(sql: str) -> Iterator[tuple[bool, str]]:
    """`sql` cut into (is_code, text) pieces: quoted strings, quoted identifiers and comments are not
    code, so placeholders and keywords are only looked for in code."""
    i, n, start = 0, len(sql), 0
    while i < n:
        c = sql[i]
        if c in "'\"":
            if i > start:
                yield True, sql[start:i]
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:  # a doubled quote stays inside
                        j += 2
                        continue
                    break
                j += 1
            yield False, sql[i : j + 1]
            i = start = j + 1
        elif c == "-" and sql.startswith("--", i):
            if i > start:
                yield True, sql[start:i]
            j = sql.find("\n", i)
            j = n if j < 0 else j
            yield False, sql[i:j]
            i = start = j
        else:
            i += 1
    if start < n:
        yield True, sql[start:]


def _code(sql: str) -> str:
    """`sql` with every non-code piece blanked (same length), for keyword searches."""
    return "".join(text if code else " " * len(text) for code, text in _pieces(sql))


def _code_piece(text: str) -> str:
    """Placeholders, literal percent signs, SQLite's ASCII-case-insensitive LIKE (ILIKE under the
    "C" collation folds ASCII only, as SQLite does) and its `LIMIT -1` (no limit)."""
    text = text.replace("%", "%%").replace("?", "%s")
    text = re.sub(r"\bLIKE\b", "ILIKE", text, flags=re.I)
    return re.sub(r"\bLIMIT\s+-1\b", "LIMIT ALL", text, flags=re.I)


_INSERT = re.compile(r"^\s*INSERT\s+(?:OR\s+(IGNORE|REPLACE)\s+)?INTO\s+(\"?)(\w+)\2\s*", re.I)
_SQLITE_ONLY = re.compile(
    r"\b(PRAGMA|GLOB|VACUUM|ATTACH|DETACH|sqlite_\w+|group_concat|ifnull|instr|iif|julianday|unixepoch|"
    r"datetime|json_extract|json_each|json_group_array|json_group_object|MATCH)\b",
    re.I,
)


class Translator:
    """Translates statements for one server project, remembering each translation (the same few
    statements run again and again). `identity_tables` have an identity `id` column (`lastrowid`);
    `primary_keys(table)` names a table's key columns (for INSERT OR REPLACE)."""

    def __init__(self, identity_tables: set[str], primary_keys: Callable[[str], list[str]]) -> None:
        self.identity_tables = identity_tables
        self.primary_keys = primary_keys
        self._cache: dict[str, tuple[str, bool]] = {}

    def reset(self, identity_tables: set[str]) -> None:
        """After a migration: tables may have come or gone."""
        self.identity_tables = identity_tables
        self._cache.clear()

    def __call__(self, sql: str) -> tuple[str, bool]:
        """(server SQL, whether it returns the new row's id for `lastrowid`)."""
        hit = self._cache.get(sql)
        if hit is None:
            hit = self._cache[sql] = self._translate(sql)
        return hit

    def _translate(self, sql: str) -> tuple[str, bool]:
        word = sql.strip().rstrip(";").strip().upper()
        if word == "BEGIN IMMEDIATE" or word == "BEGIN EXCLUSIVE":
            return BEGIN_WRITE, False
        if word in ("BEGIN", "BEGIN DEFERRED", "BEGIN TRANSACTION"):
            return BEGIN_READ, False
        code = _code(sql)
        bad = _SQLITE_ONLY.search(code)
        if bad:
            raise DialectError(f"{bad.group(1)} is SQLite's, not the server's: {sql.strip()[:200]}")
        out = "".join(
            _code_piece(text) if is_code else text.replace("%", "%%") for is_code, text in _pieces(sql)
        )
        m = _INSERT.match(out)
        returning = False
        if m:
            mode, table = (m.group(1) or "").upper(), m.group(3)
            if mode:
                out = re.sub(
                    r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO", "INSERT INTO", out, count=1, flags=re.I
                )
                out = _add_conflict_clause(out, mode, table, self.primary_keys)
            upper = _code(out).upper()
            if (
                table in self.identity_tables
                and "RETURNING" not in upper
                and re.search(r"\bVALUES\b", upper)
                and not re.search(r"\)\s*,\s*\(", _code(out))  # one row only
            ):
                out = out.rstrip().rstrip(";") + " RETURNING id"
                returning = True
        return out, returning


def _add_conflict_clause(sql: str, mode: str, table: str, primary_keys: Callable[[str], list[str]]) -> str:
    """`sql` (an INSERT without OR) with SQLite's conflict resolution written as ON CONFLICT."""
    body = sql.rstrip().rstrip(";")
    tail = ""
    m = re.search(r"\bRETURNING\b", _code(body), re.I)
    if m:
        body, tail = body[: m.start()].rstrip(), " " + body[m.start() :]
    if mode == "IGNORE":
        return f"{body} ON CONFLICT DO NOTHING{tail}"
    cols_m = re.match(r"^\s*INSERT\s+INTO\s+\"?\w+\"?\s*\(([^)]*)\)", body, re.I)
    if not cols_m:
        raise DialectError(f"INSERT OR REPLACE needs a column list on the server: {sql.strip()[:200]}")
    cols = [c.strip().strip('"') for c in cols_m.group(1).split(",")]
    keys = primary_keys(table)
    if not keys:
        raise DialectError(f"INSERT OR REPLACE into {table}, which has no primary key")
    others = [c for c in cols if c not in keys]
    target = ", ".join(f'"{k}"' for k in keys)
    if not others:
        return f"{body} ON CONFLICT ({target}) DO NOTHING{tail}"
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in others)
    return f"{body} ON CONFLICT ({target}) DO UPDATE SET {sets}{tail}"


# ----------------------------------------------------------------------------- migrations' DDL
_TYPES = {
    "INTEGER": "BIGINT",
    "INT": "BIGINT",
    "REAL": "DOUBLE PRECISION",
    "BLOB": "BYTEA",
    "TEXT": 'TEXT COLLATE "C"',
}
_CONSTRAINT_WORDS = {"PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"}


def _split_top(body: str) -> list[str]:
    """`body` split at commas outside parentheses and quotes."""
    parts, depth, buf = [], 0, []
    for is_code, text in _pieces(body):
        if not is_code:
            buf.append(text)
            continue
        for ch in text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if ch == "," and depth == 0:
                parts.append("".join(buf))
                buf = []
            else:
                buf.append(ch)
    parts.append("".join(buf))
    return parts


def _column(defn: str) -> str:
    """One column definition with its type written for the server."""
    m = re.match(r"^(\s*)(\"[^\"]+\"|\w+)(\s+)(\w+)(.*)$", defn, re.S)
    if not m or m.group(2).upper() in _CONSTRAINT_WORDS:
        return defn
    lead, name, gap, ctype, rest = m.groups()
    upper = ctype.upper()
    if upper in ("INTEGER", "INT") and re.match(r"\s*PRIMARY\s+KEY\b", rest, re.I):
        rest = re.sub(r"\s*PRIMARY\s+KEY(\s+AUTOINCREMENT)?", "", rest, count=1, flags=re.I)
        return f"{lead}{name}{gap}BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY{rest}"
    return f"{lead}{name}{gap}{_TYPES.get(upper, ctype)}{rest}"


def translate_ddl(statement: str) -> str:
    """A migration statement as the server reads it (see the module docstring); statements that
    are not CREATE TABLE or ALTER TABLE … ADD COLUMN pass through unchanged (`translate` still
    applies when they run)."""
    code = _code(statement)
    if re.search(r"\bCREATE\s+(VIRTUAL\s+TABLE|TRIGGER)\b", code, re.I):
        raise DialectError(
            "a migration with a virtual table or trigger needs a PostgreSQL variant "
            f"(migrations.PerBackend): {statement.strip()[:200]}"
        )
    m = re.match(
        r"^(\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\"?\w+\"?)\s*)\(", statement, re.I | re.S
    )
    if m:
        open_at = m.end() - 1
        depth, close_at = 0, -1
        code_body = _code(statement)
        for i in range(open_at, len(statement)):
            if code_body[i] == "(":
                depth += 1
            elif code_body[i] == ")":
                depth -= 1
                if depth == 0:
                    close_at = i
                    break
        body = statement[open_at + 1 : close_at]
        tail = re.sub(r"\bWITHOUT\s+ROWID\b", "", statement[close_at + 1 :], flags=re.I)
        cols = ",".join(_column(d) for d in _split_top(body))
        return f"{m.group(1)}({cols}){tail}"
    m = re.match(r"^(\s*ALTER\s+TABLE\s+\"?\w+\"?\s+ADD\s+(?:COLUMN\s+)?)(.*)$", statement, re.I | re.S)
    if m:
        return m.group(1) + _column(" " + m.group(2)).lstrip()
    return statement
