"""Read one ``data:`` source into a DataFrame (CSV, Excel, Parquet, JSON, SQL).

Each reader turns the library's own exceptions into a ``DataError`` that names
the source field (``data.orders.path``) and says what to do: a missing file
lists the files that are there, a missing sheet the sheets, an undecodable CSV
suggests an encoding. Relative paths resolve against the spec's folder, never
the current directory, so a spec builds the same from anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from deckbuilder.data.coerce import apply_types
from deckbuilder.data.files import existing_file
from deckbuilder.errors import DataError, did_you_mean


def read_source(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    """Read and type one source. Raises DataError with the source's field path."""
    reader = _READERS[spec.type]
    frame = reader(name, spec, Path(base_dir))
    return apply_types(frame, spec, name=name)


def _read_csv(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    file = existing_file(spec.path, base_dir, path=f"data.{name}.path")
    try:
        return pd.read_csv(file, sep=spec.sep, encoding=spec.encoding, thousands=spec.thousands,
                           na_values=spec.na_values or None)
    except UnicodeDecodeError:
        raise DataError(f"{file.name} is not {spec.encoding} text", path=f"data.{name}.encoding",
                        hint="set encoding: gbk (Excel exports in China) or utf-8-sig") from None
    except (ValueError, pd.errors.ParserError, OSError) as exc:
        raise DataError(f"cannot read CSV {file.name}: {exc}", path=f"data.{name}") from None


def _read_excel(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    file = existing_file(spec.path, base_dir, path=f"data.{name}.path")
    try:
        with pd.ExcelFile(file) as book:
            sheets = [str(s) for s in book.sheet_names]  # names are text; the stubs allow int
            sheet = spec.sheet
            if isinstance(sheet, int):
                if not 0 <= sheet < len(sheets):
                    raise DataError(f"{file.name} has no sheet number {sheet} (it has {len(sheets)})",
                                    path=f"data.{name}.sheet", hint=f"sheets: {', '.join(sheets)}")
            elif sheet not in sheets:
                guess = did_you_mean(sheet, sheets)
                hint = f"{guess + ' ' if guess else ''}sheets: {', '.join(sheets)}"
                raise DataError(f"{file.name} has no sheet '{sheet}'", path=f"data.{name}.sheet", hint=hint)
            return pd.read_excel(book, sheet_name=sheet, header=spec.header)
    except DataError:
        raise
    except (ValueError, OSError, KeyError) as exc:
        raise DataError(f"cannot read Excel file {file.name}: {exc}", path=f"data.{name}") from None


def _read_parquet(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    file = existing_file(spec.path, base_dir, path=f"data.{name}.path")
    try:
        return pd.read_parquet(file)
    except (ValueError, OSError) as exc:
        raise DataError(f"cannot read Parquet file {file.name}: {exc}", path=f"data.{name}") from None


def _read_json(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    file = existing_file(spec.path, base_dir, path=f"data.{name}.path")
    try:
        if spec.lines:
            rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            rows = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{file.name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                        path=f"data.{name}.path") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise DataError(f"cannot read JSON file {file.name}: {exc}", path=f"data.{name}.path") from None
    for step in (spec.record_path.split(".") if spec.record_path else []):
        if not isinstance(rows, dict) or step not in rows:
            keys: list[str] = list(rows) if isinstance(rows, dict) else []  # JSON keys are text
            raise DataError(f"{file.name} has no key '{step}' on the record path", path=f"data.{name}.record_path",
                            hint=did_you_mean(step, keys) or (f"keys: {', '.join(keys[:10])}" if keys else None))
        rows = rows[step]
    if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
        return pd.DataFrame.from_records(rows)
    if isinstance(rows, dict) and all(isinstance(v, list) for v in rows.values()):
        return pd.DataFrame(rows)
    raise DataError(f"{file.name} holds no table of records", path=f"data.{name}",
                    hint="expect a list of objects, an object of equal-length lists, or set record_path")


def _read_sql(name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
    # SQL code (with sqlite3, SQLAlchemy and DuckDB) is imported only when a spec uses SQL
    from deckbuilder.data.sql import read_sql

    return read_sql(name, spec, base_dir)


_READERS = {
    "csv": _read_csv,
    "excel": _read_excel,
    "parquet": _read_parquet,
    "json": _read_json,
    "sql": _read_sql,
}
