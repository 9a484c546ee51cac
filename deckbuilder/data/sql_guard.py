"""Read-only SQL: a deck build reads its declared sources and touches nothing else.

Three locks, each enough for the common attacks, together for defence in depth:

1. a ``query:`` must be one SELECT (``WITH ... SELECT``, ``VALUES``) statement, decided by
   the database's own parser -- SQLite compiles it (``EXPLAIN``, nothing runs) under an
   authorizer that allows only reads, DuckDB classifies it with ``extract_statements``
   (other SQLAlchemy databases are checked with DuckDB's parser, a PostgreSQL grammar);
   several statements, COPY, ATTACH, VACUUM INTO, PRAGMA, INSTALL/LOAD, SET, CALL are refused;
2. databases are opened read-only (SQLite ``file:...?mode=ro`` with no attached databases
   allowed, DuckDB ``read_only=True``);
3. DuckDB runs with external access off: it can read its own database file and the
   declared files (a Parquet source), nothing else on the machine, and cannot write any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from deckbuilder.errors import DataError

#: SQLite database names that mean "in memory", not a file
MEMORY_DATABASES = {"", ":memory:"}
_HINT = "a deck only reads data: write one SELECT (or WITH ... SELECT) statement"

# SQLite authorizer actions a read needs; everything else (ATTACH, PRAGMA, writes) is denied.
_SQLITE_READS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
_SQLITE_DENIED_FUNCTIONS = {"load_extension"}
# VACUUM never asks the authorizer; its program has the Vacuum opcode (OpenWrite: any write).
_SQLITE_WRITE_OPCODES = {"Vacuum", "OpenWrite"}
# DuckDB: no file access but the database itself, no extensions, and no way to change that.
_DUCKDB_LOCKED: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False, "autoload_known_extensions": False,
    "autoinstall_known_extensions": False, "lock_configuration": True}


def refuse_query(name: str, what: str) -> DataError:
    """The located error for a ``query:`` that is not a single read."""
    return DataError(f"data source '{name}': the query must be a single SELECT statement, not {what}",
                     path=f"data.{name}.query", hint=_HINT)


def undeclared_file_read(name: str, field: str, exc: BaseException) -> DataError | None:
    """The located error for DuckDB refusing a file the spec did not declare, else None."""
    text = str(exc).strip()
    if "disabled by configuration" not in text:
        return None
    first = text.splitlines()[0]
    return DataError(f"data source '{name}' reads a file that is not one of its declared files: {first}",
                     path=f"data.{name}.{field}", hint="declare each file as its own source under data:")


def check_duckdb_query(name: str, sql: str) -> None:
    """Refuse *sql* unless DuckDB's parser sees exactly one SELECT statement."""
    import duckdb

    con = duckdb.connect(":memory:", config=_DUCKDB_LOCKED)
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise DataError(f"data source '{name}': the query does not parse: {str(exc).strip()}",
                        path=f"data.{name}.query", hint=_HINT) from None
    finally:
        con.close()
    if len(statements) != 1:
        raise refuse_query(name, f"{len(statements)} statements" if statements else "an empty query")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise refuse_query(name, f"a {kind.name} statement")


def check_sqlite_query(name: str, sql: str, con: sqlite3.Connection) -> None:
    """Refuse *sql* unless SQLite compiles it as one statement that only reads.

    The statement is compiled with ``EXPLAIN`` (never run) on *con* under an authorizer
    that allows only reads; its program must not vacuum or open a table for writing.
    """
    actions: set[int] = set()

    def authorize(action: int, _table: Any, arg2: Any, _database: Any, _trigger: Any) -> int:
        actions.add(action)
        if action in _SQLITE_READS and not (action == sqlite3.SQLITE_FUNCTION and arg2 in _SQLITE_DENIED_FUNCTIONS):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    con.set_authorizer(authorize)
    try:
        program = con.execute("EXPLAIN " + sql).fetchall()
    except sqlite3.ProgrammingError:  # "You can only execute one statement at a time."
        raise refuse_query(name, "several statements") from None
    except sqlite3.DatabaseError as exc:
        if "not authorized" in str(exc):
            raise refuse_query(name, f"a statement that does more than read ({exc})") from None
        return  # a plain SQL error (unknown table, syntax): reported with the tables when the query runs
    finally:
        con.set_authorizer(None)
    opcodes = {row[1] for row in program}
    if sqlite3.SQLITE_SELECT not in actions or opcodes & _SQLITE_WRITE_OPCODES:
        raise refuse_query(name, "a statement that does more than read")


def open_sqlite(file: str | None) -> sqlite3.Connection:
    """A SQLite connection that cannot write: the file opened read-only, no ATTACH."""
    if file is None or file in MEMORY_DATABASES:
        con = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        uri = "file:" + quote(Path(file).resolve().as_posix(), safe="/:") + "?mode=ro"
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)  # ATTACH and VACUUM INTO (which attaches) fail
    return con


def open_duckdb(database: str, *, allowed_files: Iterable[str] = ()):
    """A DuckDB connection that reads *database* (read-only unless in memory) and *allowed_files*.

    External access is off and the configuration locked, so a query can neither read another
    file nor write one (COPY, EXPORT), install or load extensions, or switch this back on.
    """
    import duckdb

    allowed = [str(Path(f).resolve()) for f in allowed_files]
    if not allowed:
        return duckdb.connect(database, read_only=database != ":memory:", config=_DUCKDB_LOCKED)
    # allowed_paths can only be set once the database runs; lock everything after it.
    con = duckdb.connect(database, read_only=database != ":memory:",
                         config={"autoload_known_extensions": False, "autoinstall_known_extensions": False})
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in allowed)
    con.execute(f"SET allowed_paths = [{listed}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
