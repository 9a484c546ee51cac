"""Whose figures a metric shows on a department deck: the department's, the company's, or both.

A source is ``department`` (default: its rows are sliced by the department's
``filters``), ``company`` (whole-company figures, never sliced) or ``reference``
(parameters and benchmarks: never sliced, and not "company results" either).
A metric takes its source's scope unless it declares its own; a formula (and a
metric with a ``target`` or a ``where`` naming other metrics) combines the
scopes of what it uses:

* only ``reference`` parts -> ``reference``;
* only department (and reference) parts -> ``department``;
* only company (and reference) parts -> ``company``;
* department and company parts -> ``mixed`` (e.g. a department's sales over the
  company's visitors): marked on department decks like ``company``.

See docs/departments.md ("Data scope").
"""

from __future__ import annotations

from collections.abc import Iterable

from deckbuilder.errors import DataError, did_you_mean

#: Scopes that put a marker on a department deck.
MARKED_SCOPES = ("company", "mixed")


def combine(scopes: Iterable[str]) -> str:
    """The scope of a value computed from parts of *scopes* (see the module docstring)."""
    found = set(scopes) - {"reference"}
    if not found:
        return "reference"
    if found == {"department"}:
        return "department"
    if found == {"company"}:
        return "company"
    return "mixed"


def missing_filter_column(column: str, source: str, metric: str, all_columns: list[str],
                          lacking: list[str]) -> DataError:
    """The error for a department filter whose column a department-scoped source lacks.

    *all_columns* are the columns of every source the metrics read, *lacking* the
    department sources without the column. A column no source has is a misspelling
    (did-you-mean); one that other sources have means this source holds no
    department split (declare its scope).
    """
    message = (f"filter column '{column}' is not in source '{source}' (read by metric '{metric}'), "
               "so its figures cannot be the department's")
    if column not in all_columns:
        guess = did_you_mean(column, all_columns)
        hint = guess or f"columns of the sources used: {', '.join(all_columns[:15])}"
        return DataError(f"filter column '{column}' is in none of the sources", path=f"filters.{column}",
                         hint=hint)
    others = [s for s in lacking if s != source]
    hint = (f"if '{source}' holds whole-company figures, declare it with `scope: company` under "
            f"data.{source} (they are then marked as company-wide on department decks), or give the metric "
            "`scope: company`; `scope: reference` for parameters and benchmarks")
    if others:
        hint += f"; also without '{column}': {', '.join(others)}"
    return DataError(message, path=f"filters.{column}", hint=hint)
