"""Typed models for the spec's ``data:`` (sources) and ``metrics:`` sections.

These are plain pydantic v2 models: the spec loader turns their validation
errors into located ``SpecError``s, so the models only need precise types,
``Literal``s for closed sets (so a typo gets an "allowed: ..." message) and
validators that raise ``ValueError`` with a clear sentence. Everything that
needs the data itself (does the column exist? is it numeric?) is checked later
by the metrics engine. This module must not import pandas: the spec layer is
loaded by tools that never touch data.

``docs/metrics.md`` documents every field with a YAML example.
"""

import math
import re
import string
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from deckbuilder.errors import Issue, SpecError, did_you_mean
from deckbuilder.limits import MAX_PERIOD_MONTHS
from deckbuilder.spec.base import empty_list

ColumnType = Literal["str", "int", "float", "bool", "date", "datetime", "category"]
Agg = Literal["sum", "mean", "count", "count_distinct", "min", "max", "median"]
Grain = Literal["month", "quarter", "year"]
Compare = Literal["yoy", "qoq", "mom"]
#: Whose figures a source or metric holds, for department decks (docs/departments.md):
#: ``department`` rows are sliced by the department's filters (a filter column the source lacks is an
#: error); ``company`` figures are the whole company's, never sliced, and marked as such on department
#: decks; ``reference`` values (parameters, thresholds, an industry benchmark) are neither: never sliced,
#: never marked.
Scope = Literal["department", "company", "reference"]
PERIODS = ("this_year", "last_year", "this_quarter", "last_quarter", "this_month", "last_month", "ytd", "qtd",
           "mtd", "ytd_last_year", "qtd_last_year", "mtd_last_year", "same_quarter_last_year",
           "same_month_last_year")
"""Values of a metric's ``period:`` (and ``last_N_months``); the where functions of the same names."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class LookupSpec(_Strict):
    """A many-to-one lookup: add columns of another source, matched on a key.

    ``lookup: [{source: employees, on: employee_id, columns: [business_unit]}]``
    """

    source: str = Field(description="the source to look up in (one row per key)")
    on: str = Field(description="key column of this source")
    key: str | None = Field(None, description="key column of the looked-up source (default: same as on)")
    columns: list[str] = Field(min_length=1, description="columns of the looked-up source to add")
    max_unmatched: float = Field(0.0, ge=0, le=1, description="share of rows allowed without a match (0-1); "
                                                             "more is an error")

    @model_validator(mode="before")
    @classmethod
    def _on_as_written(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted ``on:`` key as true: take it as the ``on`` the user wrote."""
        if isinstance(value, dict) and True in value and "on" not in value:
            value = {("on" if k is True else k): v for k, v in value.items()}
        return value


class _SourceBase(_Strict):
    """Fields every source has: how to type its columns after reading, lookups, derived columns."""

    columns: dict[str, ColumnType] = Field(
        default_factory=dict, description="declared column types, e.g. {customer_id: str, amount: float}")
    parse_dates: list[str] = Field(default_factory=empty_list, description="columns to parse as dates")
    date_format: str | None = Field(None, description="strftime pattern for parse_dates, e.g. '%Y/%m/%d'")
    rename: dict[str, str] = Field(default_factory=dict, description="rename columns after reading {old: new}")
    scope: Scope = Field(
        "department", description="department decks: 'department' rows are sliced by the department's filters; "
                                  "'company' data is whole-company (not sliced, marked on department decks); "
                                  "'reference' values (parameters, benchmarks) are neither sliced nor marked")
    lookup: list[LookupSpec] = Field(default_factory=empty_list, description="many-to-one lookups into other sources")
    derive: dict[str, str] = Field(default_factory=dict, description="new columns from expressions, in order: "
                                                                     "{days_to_hire: 'days_between(applied, hired)'}")
    order: dict[str, list[str | int | float]] = Field(
        default_factory=dict, description="category order of a column, e.g. {学历: [高中, 本科, 硕士, 博士]}")
    description: str | None = None


class CsvSource(_SourceBase):
    type: Literal["csv"]
    path: str
    sep: str = ","
    encoding: str = "utf-8"
    thousands: str | None = Field(None, description="thousands separator inside numbers, e.g. ','")
    na_values: list[str] = Field(default_factory=empty_list)


class ExcelSource(_SourceBase):
    type: Literal["excel"]
    path: str
    sheet: str | int = Field(0, description="sheet name or 0-based index")
    header: int = Field(0, ge=0, description="0-based row holding the column names")


class ParquetSource(_SourceBase):
    type: Literal["parquet"]
    path: str
    engine: Literal["pandas", "duckdb"] = Field(
        "pandas", description="duckdb: aggregate inside DuckDB over the file instead of loading it")


class JsonSource(_SourceBase):
    type: Literal["json"]
    path: str
    lines: bool = Field(False, description="one JSON record per line (JSON Lines)")
    record_path: str | None = Field(None, description="dotted path to the list of records, e.g. 'data.orders'")


class SqlSource(_SourceBase):
    type: Literal["sql"]
    url: str = Field(description="SQLAlchemy URL; sqlite:///file.db and duckdb:///file.duckdb are built in")
    query: str | None = None
    table: str | None = None
    engine: Literal["pandas", "duckdb", "sql"] = Field(
        "pandas", description="pandas: load the rows; duckdb: aggregate inside the DuckDB database (duckdb:/// "
                              "URLs); sql: aggregate inside any other database (PostgreSQL, ...), see docs/sql.md")

    @model_validator(mode="after")
    def _query_or_table(self) -> "SqlSource":
        if (self.query is None) == (self.table is None):
            raise ValueError("give exactly one of 'query' (a SELECT) or 'table' (a table name)")
        if self.engine == "duckdb" and not self.url.startswith("duckdb:"):
            raise ValueError("engine: duckdb needs a duckdb:/// URL; other databases use engine: sql")
        if self.engine == "sql" and self.url.startswith("duckdb:"):
            raise ValueError("a duckdb:/// URL aggregates in DuckDB with engine: duckdb, not engine: sql")
        return self


SourceSpec = Annotated[CsvSource | ExcelSource | ParquetSource | JsonSource | SqlSource,
                       Field(discriminator="type")]
"""One named source of the ``data:`` section (a union discriminated on ``type``)."""

SOURCE_TYPES = (CsvSource, ExcelSource, ParquetSource, JsonSource, SqlSource)

_PERIOD_FIELDS = {"year", "quarter", "month"}


class MetricSpec(_Strict):
    """One named metric of the ``metrics:`` section: a scalar or a table.

    Examples (YAML)::

        total_sales:    {source: orders, agg: sum, column: amount, format: yi}
        orders:         {source: orders, agg: count_distinct, column: order_id}
        sales_2025:     {source: orders, agg: sum, column: amount, where: "year(date) == 2025"}
        sales_yoy:      {source: orders, agg: sum, column: amount, date: date, compare: yoy, format: delta_pct}
        sales_by_q:     {source: orders, agg: sum, column: amount, grain: quarter, date: date, as: sales}
        platform_share: {source: orders, agg: sum, column: amount, by: platform, share: true, format: pct}
        top_categories: {source: orders, agg: sum, column: amount, by: category, top: 4, others: 其他}
        monthly_cum:    {source: orders, agg: sum, column: amount, grain: month, date: date, cumulative: true}
        aov:            {formula: total_sales / orders, format: cny}
        attainment:     {source: orders, agg: sum, column: amount, target: 5.0e8, format: pct}

    A metric is either an aggregate over a ``source`` (``agg`` + ``column``)
    or a ``formula`` over other metrics. Grouping keys come out as the first
    table columns (the time grain first, then ``by``); the value column is
    named by ``as`` (default: the metric's name).
    """

    # what to aggregate
    source: str | None = Field(None, description="name of a source in data:")
    agg: Agg | None = None
    column: str | None = Field(None, description="column to aggregate (count without column counts rows)")
    where: str | None = Field(None, description="row filter in the expression language")
    period: str | None = Field(None, description="rows of a period around the as-of date: ytd, ytd_last_year, "
                                                 "this_year, last_quarter, last_12_months, ... (see docs)")
    # grouping
    by: list[str] | None = Field(None, description="one or two columns to group by")
    grain: Grain | None = None
    date: str | None = Field(None, description="date column for grain and compare")
    period_format: str | None = Field(None, description="label of a period, e.g. '{year}年Q{quarter}'")
    pivot: bool = Field(False, description="spread the second grouping key into columns (chart series)")
    # comparisons and derived values
    compare: Compare | None = None
    change: Literal["relative", "absolute"] = "relative"
    share: bool = False
    formula: str | None = Field(None, description="arithmetic over other metrics, e.g. 'sales / orders'")
    target: float | str | None = Field(None, description="number, metric name or formula; value = actual/target")
    # shaping tables
    sort: Literal["desc", "asc", "key", "none"] | None = None
    rank: bool = False
    top: int | None = Field(None, ge=1)
    others: str | None = Field(None, description="label of the bucket that sums the rows beyond top")
    cumulative: bool = False
    # presentation
    as_: str | None = Field(None, alias="as", description="name of the value column (default: metric name)")
    format: str | None = Field(None, description="default format name, e.g. 'yi', 'pct:1'")
    better: Literal["higher", "lower"] | None = Field(
        None, description="which way is good (default higher): a rise in a 'lower' metric such as days to "
                          "resolve is coloured as bad on KPI cards")
    default: float | None = Field(None, description="value used when there are no rows or the result is undefined")
    scope: Scope | None = Field(
        None, description="instead of its source's scope (or, for a formula, the scope of the metrics it uses): "
                          "'company' computes it over all rows and marks it on department decks, 'reference' "
                          "over all rows, unmarked")
    label: str | None = None
    description: str | None = None
    variants: dict[str, dict[str, Any]] | list[str] | None = Field(
        None, description="a family of metrics: {ytd: {period: ytd}, ly: {period: ytd_last_year}} defines "
                          "NAME_ytd and NAME_ly; [cur, prev] defines NAME_cur and NAME_prev, with {variant} in "
                          "the fields replaced by each name (expanded when the spec is loaded)")

    @field_validator("by", mode="before")
    @classmethod
    def _by_as_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        return value

    @field_validator("by")
    @classmethod
    def _by_size(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not 1 <= len(value) <= 2:
            raise ValueError("by takes one or two column names")
        if value is not None and len(set(value)) != len(value):
            raise ValueError("by names the same column twice")
        return value

    @field_validator("period_format")
    @classmethod
    def _period_fields(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError as exc:
            raise ValueError(f"period_format is not a valid pattern: {exc}") from None
        unknown = sorted(names - _PERIOD_FIELDS)
        if unknown:
            raise ValueError(f"period_format may use {{year}}, {{quarter}} and {{month}}, not {{{unknown[0]}}}")
        return value

    @field_validator("period")
    @classmethod
    def _known_period(cls, value: str | None) -> str | None:
        if value is None or value in PERIODS:
            return value
        match = re.fullmatch(r"last_(\d+)_months", value)
        if match and 1 <= int(match.group(1)) <= MAX_PERIOD_MONTHS:
            return value
        guess = did_you_mean(value, [*PERIODS, "last_12_months"])
        raise ValueError(f"unknown period '{value}'{' (' + guess + ')' if guess else ''}; "
                         f"periods: {', '.join(PERIODS)}, last_N_months")

    @field_validator("default")
    @classmethod
    def _finite_default(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("default must be a finite number")
        return value

    @field_validator("target")
    @classmethod
    def _target_text(cls, value: float | str | None) -> float | str | None:
        if isinstance(value, str) and not value.strip():
            raise ValueError("target must be a number, a metric name or a formula")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "MetricSpec":
        problems = _combination_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # small derived facts the engine and docs share
    @property
    def keys_count(self) -> int:
        return len(self.by or []) + (1 if self.grain else 0)

    @property
    def is_formula(self) -> bool:
        return self.formula is not None


def _combination_problems(m: MetricSpec) -> list[str]:
    """Every rule about which fields go together, as user-facing sentences."""
    problems: list[str] = []
    if m.variants is not None:
        problems.append("variants are expanded when a spec is loaded; in Python, define each metric")
    if (m.source is None) == (m.formula is None):
        problems.append("give either 'source' (with 'agg') to aggregate data, or 'formula' over other metrics")
        return problems
    if m.formula is not None:
        extra = [f for f in ("agg", "column", "where", "period", "by", "grain", "date", "compare", "others",
                             "period_format") if getattr(m, f) is not None]
        extra += [f for f in ("share", "pivot") if getattr(m, f)]
        if extra:
            problems.append(f"a formula metric cannot use {', '.join(extra)} (define them on the metrics it uses)")
        return problems
    if m.agg is None:
        problems.append("'agg' is required with 'source' (sum, mean, count, count_distinct, min, max, median)")
    elif m.agg != "count" and m.column is None:
        problems.append(f"agg: {m.agg} needs 'column' (only count may omit it to count rows)")
    if m.keys_count > 2:
        problems.append("group by at most two keys in all (grain counts as one)")
    if m.compare and m.grain:
        allowed = {"yoy": {"month", "quarter", "year"}, "qoq": {"month", "quarter"}, "mom": {"month"}}
        if m.grain not in allowed[m.compare]:
            problems.append(f"compare: {m.compare} needs a finer grain than {m.grain}")
    if m.period and m.compare:
        problems.append("period keeps the rows of one period, so compare would find no previous one; select both "
                        "periods instead: where: \"ytd(date) or ytd_last_year(date)\" with compare: yoy")
    exclusive = [f for f in ("compare", "share", "target") if getattr(m, f) not in (None, False)]
    if len(exclusive) > 1:
        problems.append(f"use only one of compare, share and target (got {', '.join(exclusive)})")
    is_table = m.keys_count > 0
    for name in ("share", "rank", "cumulative", "pivot"):
        if getattr(m, name) and not is_table:
            problems.append(f"{name} needs a table: add 'by' or 'grain'")
    if m.top is not None and m.keys_count != 1:
        problems.append("top needs exactly one grouping key ('by' one column, no grain)")
    if m.others is not None and m.top is None:
        problems.append("others needs top (it labels the rows beyond the top N)")
    if m.pivot and m.keys_count != 2:
        problems.append("pivot needs two grouping keys")
    if m.period_format is not None and m.grain is None:
        problems.append("period_format needs grain")
    return problems


_SOURCE_ADAPTER: TypeAdapter = TypeAdapter(SourceSpec)


def _issues_from(exc: ValidationError, prefix: str) -> list[Issue]:
    issues = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"] if p not in SOURCE_TAGS]
        path = ".".join([prefix, *loc])
        msg = err["msg"].removeprefix("Value error, ")
        issues.append(Issue(msg, path=path))
    return issues


SOURCE_TAGS = {"csv", "excel", "parquet", "json", "sql"}


def validate_sources(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a ``data:`` mapping given as plain dicts (or models) into models.

    The spec loader has its own located conversion; this is for Python callers
    (tests, notebooks, the bench) that build specs in code.
    """
    return _validate_named(raw, SOURCE_TYPES, _SOURCE_ADAPTER.validate_python, "data", "invalid data sources")


def validate_metrics(raw: Mapping[str, Any]) -> dict[str, MetricSpec]:
    """Validate a ``metrics:`` mapping given as plain dicts (or models) into models."""
    return _validate_named(raw, MetricSpec, MetricSpec.model_validate, "metrics", "invalid metrics")


def _validate_named(raw: Mapping[str, Any], model_types, validate, section: str, headline: str) -> dict:
    """Validate each named entry of a section; report every entry's problems at once."""
    out, issues = {}, []
    for name, item in raw.items():
        if isinstance(item, model_types):
            out[name] = item
            continue
        try:
            out[name] = validate(item)
        except ValidationError as exc:
            issues += _issues_from(exc, f"{section}.{name}")
    if issues:
        raise SpecError(headline, issues=issues)
    return out
