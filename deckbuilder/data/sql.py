"""SQL sources: a query (or table) run through SQLAlchemy, or natively on DuckDB.

SQLite works through SQLAlchemy's built-in driver on a read-only connection. DuckDB
files are opened with the ``duckdb`` package directly, so ``duckdb:///file.duckdb``
works without the optional SQLAlchemy dialect. File paths in ``sqlite:///`` and
``duckdb:///`` URLs are relative to the spec's folder, and a missing database
file is an error: SQLite would otherwise create an empty one and every metric
would silently come out as "no rows". Every ``query:`` must be a single SELECT and
nothing is written or read besides the declared files (see :mod:`deckbuilder.data.sql_guard`).
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pandas as pd

from deckbuilder.data.files import existing_file
from deckbuilder.data.sql_connect import database_url, is_timeout, masked, server_engine, timeout_error
from deckbuilder.data.sql_guard import (
    MEMORY_DATABASES,
    check_duckdb_query,
    check_sqlite_query,
    open_duckdb,
    open_sqlite,
    undeclared_file_read,
)
from deckbuilder.errors import DataError, allowed_hint

DUCKDB_PREFIX = "duckdb:///"


def quote_identifier(name: str) -> str:
    """*name* as a double-quoted SQL identifier (SQLite, DuckDB, standard SQL)."""
    return '"' + str(name).replace('"', '""') + '"'


def duckdb_file(spec: Any, base_dir: Path, *, name: str) -> str:
    """The database file of a ``duckdb:///`` URL, resolved and checked."""
    raw = spec.url[len(DUCKDB_PREFIX):] if spec.url.startswith(DUCKDB_PREFIX) else None
    if raw is None:
        raise DataError(f"not a DuckDB URL: {spec.url}", path=f"data.{name}.url",
                        hint="write duckdb:///path/to/file.duckdb (relative to the spec's folder)")
    if raw in MEMORY_DATABASES:
        return ":memory:"
    return str(existing_file(raw, base_dir, path=f"data.{name}.url"))


def read_sql(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    if spec.url.startswith("duckdb:"):
        return _read_duckdb(name, spec, base_dir)
    return _read_sqlalchemy(name, spec, base_dir)


def _read_duckdb(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    import duckdb

    database = duckdb_file(spec, base_dir, name=name)
    if spec.query is not None:
        check_duckdb_query(name, spec.query)
    try:
        con = open_duckdb(database)
    except duckdb.Error as exc:
        raise DataError(f"cannot open DuckDB database: {exc}", path=f"data.{name}.url") from None
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        sql = _query_text(name, spec, tables)
        try:
            return con.execute(sql).df()
        except duckdb.Error as exc:
            raise _query_failed(name, spec, exc, tables) from None
    finally:
        con.close()


def _read_sqlalchemy(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    import sqlalchemy as sa
    from sqlalchemy.exc import SQLAlchemyError

    url, engine = source_engine(name, spec, base_dir)
    try:
        with engine.connect() as con:
            inspector = sa.inspect(con)
            tables = [*inspector.get_table_names(), *inspector.get_view_names()]
            sql = _query_text(name, spec, tables)
            try:
                return pd.read_sql_query(sa.text(sql), con)
            except (SQLAlchemyError, pd.errors.DatabaseError) as exc:
                cause = exc.__cause__ if isinstance(exc, pd.errors.DatabaseError) and exc.__cause__ else exc
                if is_timeout(cause):
                    raise timeout_error(f"reading source '{name}'", path=f"data.{name}") from None
                raise _query_failed(name, spec, getattr(cause, "orig", cause), tables) from None
    except SQLAlchemyError as exc:
        raise DataError(f"cannot connect to {masked(url)}: {exc}", path=f"data.{name}.url") from None
    finally:
        engine.dispose()


def source_engine(name: str, spec: Any, base_dir: Path) -> tuple[Any, Any]:
    """The URL and the read-only engine of a SQL source, its ``query:`` checked first (one SELECT)."""
    url = database_url(name, spec, base_dir)
    if spec.query is not None:
        check_query(name, spec.query, url)
    return url, server_engine(name, url)


def check_query(name: str, query: str, url: Any) -> None:
    """Refuse a ``query:`` that is not one SELECT: SQLite compiles it, others go through DuckDB's parser."""
    if url.get_backend_name() == "sqlite":
        with closing(open_sqlite(url.database)) as con:
            check_sqlite_query(name, query, con)
    else:
        check_duckdb_query(name, query)  # DuckDB's parser: a PostgreSQL grammar


def _query_text(name: str, spec: Any, tables: list[str]) -> str:
    if spec.table is None:
        return spec.query
    if spec.table not in tables:
        raise DataError(f"no table '{spec.table}' in the database", path=f"data.{name}.table",
                        hint=allowed_hint(spec.table, tables))
    return f"SELECT * FROM {quote_identifier(spec.table)}"


def _query_failed(name: str, spec: Any, exc: BaseException, tables: list[str]) -> DataError:
    field = "query" if spec.query is not None else "table"
    refused = undeclared_file_read(name, field, exc)
    if refused is not None:
        return refused
    return DataError(f"the query failed: {str(exc).strip()}", path=f"data.{name}.{field}",
                     hint=f"tables: {', '.join(tables)}" if tables else "the database has no tables")
