"""Connecting to a database server: credentials from the environment, read-only, time-limited.

A spec never holds a password. A URL names environment variables as ``${NAME}``
(``postgresql+psycopg://reader:${PG_PASSWORD}@db.internal/sales``, or the whole URL:
``${SALES_DB_URL}``); they are expanded when the source is opened, a missing one is a
located error, and a password written in the spec itself is refused. Errors show the
URL with its password masked (``***``).

PostgreSQL sessions are made read-only (``default_transaction_read_only``) and get a
``statement_timeout`` of ``limits.SQL_QUERY_SECONDS``; other servers should be given a
read-only account (docs/sql.md) -- their ``query:`` is still checked to be one SELECT.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from deckbuilder.data.files import existing_file
from deckbuilder.data.sql_guard import MEMORY_DATABASES, open_sqlite
from deckbuilder.errors import DataError
from deckbuilder.limits import SQL_QUERY_SECONDS

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(text: str, *, path: str) -> str:
    """*text* with each ``${NAME}`` replaced by that environment variable (a DataError when unset)."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise DataError(f"environment variable {name} is not set", path=path,
                            hint=f"export {name}=... before the build (credentials never go in the spec)")
        return os.environ[name]

    return _VARIABLE.sub(value, text)


def masked(url: Any) -> str:
    """A URL as text with its password hidden (for messages)."""
    return str(url.render_as_string(hide_password=True))


def database_url(name: str, spec: Any, base_dir: Path) -> Any:
    """The source's SQLAlchemy URL: variables expanded, SQLite files resolved against the spec's folder."""
    import sqlalchemy as sa
    from sqlalchemy.exc import ArgumentError

    path = f"data.{name}.url"
    raw = spec.url
    try:
        written = sa.engine.make_url(raw) if "${" not in raw.split("@")[0] else None
    except ArgumentError:
        written = None
    if written is not None and written.password:
        raise DataError(f"the URL of source '{name}' contains a password: {masked(written)}", path=path,
                        hint="read it from the environment: postgresql+psycopg://user:${PG_PASSWORD}@host/db")
    text = expand_env(raw, path=path)
    try:
        url = sa.engine.make_url(text)
    except ArgumentError:
        shown = raw if text == raw else f"{raw} (after expanding its variables)"
        raise DataError(f"not a database URL: {shown}", path=path,
                        hint="e.g. sqlite:///sales.db (relative to the spec's folder)") from None
    if url.get_backend_name() == "sqlite" and url.database and url.database not in MEMORY_DATABASES:
        url = url.set(database=str(existing_file(url.database, base_dir, path=path)))
    return url


def _read_only_postgres(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cursor.execute(f"SET statement_timeout = {int(SQL_QUERY_SECONDS * 1000)}")
    finally:
        cursor.close()
    dbapi_connection.commit()


def server_engine(name: str, url: Any) -> Any:
    """A SQLAlchemy engine for a database server, read-only where the database allows it."""
    import sqlalchemy as sa
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if url.get_backend_name() == "sqlite":  # our own read-only connection (the URL cannot make it writable)
            engine = sa.create_engine(url, creator=lambda: open_sqlite(url.database))
        else:
            engine = sa.create_engine(url)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DataError(f"no database driver for {url.drivername}: {exc}", path=f"data.{name}.url",
                        hint="install the driver package docs/sql.md names for this database") from None
    if url.get_backend_name() == "postgresql":
        sa.event.listen(engine, "connect", _read_only_postgres)
    return engine


def is_timeout(exc: BaseException) -> bool:
    """Whether a database error says the statement ran out of time."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "statement timeout" in text or "canceling statement" in text or "timeout" in type(exc).__name__.lower()


def timeout_error(what: str, *, path: str) -> DataError:
    return DataError(f"{what} ran longer than {SQL_QUERY_SECONDS:g} s and was stopped", path=path,
                     hint="aggregate less (a narrower where, fewer groups), add an index on the filtered columns, "
                          "or query a summary table (docs/limits.md)")
