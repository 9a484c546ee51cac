"""Text fields as sandboxed Jinja2 templates over the metrics.

``全年总销售额 {{ total_sales | yi }}，同比增长 {{ sales_yoy | pct }}``

* Jinja2 ``SandboxedEnvironment`` + a strict undefined: an unknown metric,
  column, key or filter is a ``SpecError`` with the field path and a
  did-you-mean, never an empty string in a finished deck; touching
  ``__class__`` and friends is a ``SpecError`` too, not a traceback.
* Lazy: the template is parsed first and only the names it uses are
  computed, so a text mentioning two metrics never triggers the other forty.
* Every number format (``yi``, ``pct``, ``delta_pct`` ...) is a filter taking
  optional decimals (``pct(0)``); ``fmt('+pct:1')`` takes any format string.
  ``int`` is the number format (``1,234``), not Jinja's int().
* A scalar metric is a number that prints with its own ``format:``; a table
  metric is a ``TableView`` (``t['天猫']``, ``t.row('天猫').share``,
  ``t.first``, ``t.rows``, ``t.total`` ...); see docs/metrics.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.runtime import StrictUndefined

from deckbuilder.errors import (
    DataError,
    DeckBuilderError,
    Issue,
    SpecError,
    allowed_hint,
    did_you_mean,
)
from deckbuilder.metrics.results import MetricResult, plain_value
from deckbuilder.text.compiled import compile_tree
from deckbuilder.text.direct import direct_template
from deckbuilder.text.formatting import FORMAT_NAMES, check_locale, format_value, governed_format
from deckbuilder.text.period_labels import label_filters
from deckbuilder.text.quick_parse import quick_parse
from deckbuilder.text.sandbox import BoundedSandbox, render_budget

_MARKERS = ("{{", "{%", "{#")


class MetricNumber(float):
    """A scalar metric in a template: a float that prints with its own format.

    ``{{ total_sales }}`` prints with the metric's ``format:`` (``auto`` when
    none); attributes give the label and the comparison or target parts:
    ``{{ sales_yoy.current | yi }}``, ``{{ sales_yoy.period }}``.
    """

    fmt: str | None
    locale: str
    name: str
    label: str | None
    _details: dict[str, Any]
    _seen: Callable[[], None] | None

    def __new__(cls, value: float, fmt: str | None = None, locale: str = "zh_CN", *, name: str = "",
                label: str | None = None, details: Mapping[str, Any] | None = None,
                seen: Callable[[], None] | None = None) -> MetricNumber:
        self = super().__new__(cls, value)
        self.fmt, self.locale, self.name, self.label = fmt, locale, name, label
        self._details = dict(details or {})
        self._seen = seen
        return self

    def _use(self) -> None:
        """Tell the text context this number is used (printed, compared, computed with)."""
        seen = self.__dict__.get("_seen")
        if seen is not None:
            seen()

    def __getattr__(self, name: str) -> Any:
        details = self.__dict__.get("_details", {})
        if name in details:
            self._use()
            value = details[name]
            return MetricNumber(value, None, self.locale) if isinstance(value, (int, float)) else value
        raise AttributeError(name)

    @property
    def format(self) -> str | None:
        return self.fmt

    def attributes(self) -> list[str]:
        return ["label", "format", *self._details]

    def owner(self) -> str:
        return f"metric '{self.name}'" if self.name else "this number"

    def __str__(self) -> str:
        self._use()
        return format_value(float(self), self.fmt, self.locale, path=f"metrics.{self.name}.format")

    __hash__ = float.__hash__


def _noting(method: str) -> Callable[..., Any]:
    base = getattr(float, method)

    def use(self: MetricNumber, *args: Any) -> Any:
        self._use()
        return base(self, *args)
    use.__name__ = method
    return use


# Every way a template can use a number records the use, so a text is known to state a metric only when
# the number reaches it (not when it sits in an {% if %} branch that was not taken).
for _method in ("__float__", "__int__", "__format__", "__round__", "__abs__", "__neg__", "__pos__", "__bool__",
                "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
                "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pow__", "__rpow__",
                "__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"):
    setattr(MetricNumber, _method, _noting(_method))


class RowView:
    """One table row: ``row.share``, ``row['销售额']``; numbers print with ``auto``."""

    def __init__(self, values: Mapping[str, Any], *, metric: str, formats: Mapping[str, str | None],
                 locale: str) -> None:
        self._values, self._metric, self._formats, self._locale = dict(values), metric, formats, locale

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self.__dict__.get("_values", {}):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            raise DataError(f"metric '{self._metric}' has no column '{name}'",
                            hint=allowed_hint(str(name), self._values))
        value = self._values[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return MetricNumber(value, self._formats.get(name), self._locale)
        return value

    def attributes(self) -> list[str]:
        return list(self._values)

    def owner(self) -> str:
        return f"a row of metric '{self._metric}'"

    def __str__(self) -> str:
        raise SpecError(f"a row of metric '{self._metric}' is not text; pick a column, "
                        f"e.g. row.{next(iter(self._values))}")


class TableView:
    """A table metric in a template.

    ``t['天猫']`` (first value column of that category; ``t['2025-Q1', '天猫']``
    with two keys), ``t.row('天猫').share``, ``t.rows`` / iteration, ``t.first``,
    ``t.last``, ``t.total``, ``t.categories``, ``t.values``, ``t | length``.
    """

    def __init__(self, result: MetricResult, locale: str, seen: Callable[[], None] | None = None) -> None:
        self._res, self._locale, self._seen = result, locale, seen
        value = result.value_column
        self._formats = {value: result.format} if value else {}

    @property
    def _result(self) -> MetricResult:
        """The table; every use of it is a use of the metric (see ``MetricNumber._use``)."""
        if self._seen is not None:
            self._seen()
        return self._res

    def _number(self, value: float) -> MetricNumber:
        return MetricNumber(value, self._result.format, self._locale, name=self._result.name)

    def __getitem__(self, key: Any) -> MetricNumber:
        return self._number(self._result.lookup(key))

    def row(self, *key: Any) -> RowView:
        return self._view(self._result.row(key if len(key) > 1 else key[0]))

    def _view(self, values: Mapping[str, Any]) -> RowView:
        return RowView(values, metric=self._result.name, formats=self._formats, locale=self._locale)

    @property
    def rows(self) -> list[RowView]:
        table = self._result.table
        columns = [str(c) for c in table.columns]  # type: ignore[union-attr]
        return [self._view(dict(zip(columns, [plain_value(v) for v in r]))) for r in table.itertuples(index=False)]  # type: ignore[union-attr]

    def __iter__(self) -> Iterator[RowView]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._result.table)  # type: ignore[arg-type]

    @property
    def first(self) -> RowView:
        return self._edge(0)

    @property
    def last(self) -> RowView:
        return self._edge(-1)

    def _edge(self, index: int) -> RowView:
        rows = self.rows
        if not rows:
            raise DataError(f"metric '{self._result.name}' has no rows")
        return rows[index]

    @property
    def total(self) -> MetricNumber:
        return self._number(float(self._result.table[self._result.value_column].sum()))  # type: ignore[index]

    @property
    def categories(self) -> list[str]:
        return [str(v) for v in self._result.table[self._result.keys[0]]] if self._result.keys else []  # type: ignore[index]

    @property
    def values(self) -> list[MetricNumber]:
        return [self._number(float(v)) for v in self._result.table[self._result.value_column]]  # type: ignore[index]

    @property
    def label(self) -> str | None:
        return self._result.label

    def attributes(self) -> list[str]:
        return ["row", "rows", "first", "last", "total", "categories", "values", "label"]

    def owner(self) -> str:
        return f"metric '{self._result.name}'"

    def __str__(self) -> str:
        name = self._result.name
        example = self._result.table[self._result.keys[0]].iloc[0] if self._result.keys and len(self) else "KEY"  # type: ignore[index]
        raise SpecError(f"metric '{name}' is a table, not a single value",
                        hint=f"pick one value: {name}['{example}'] or {name}.first.{self._result.value_column}")


class TextContext:
    """Names a template may use: the engine's metrics (computed on first use) and ``extra``.

    ``extra`` holds plain values and dicts such as ``deck``, ``department``,
    ``year``; it wins over a metric of the same name.
    """

    def __init__(self, engine: Any = None, extra: Mapping[str, Any] | None = None, *,
                 locale: str | None = None) -> None:
        self.engine = engine
        self.extra = dict(extra or {})
        deck = self.extra.get("deck")
        deck_locale = deck.get("locale") if isinstance(deck, Mapping) else getattr(deck, "locale", None)
        self.locale = check_locale(locale or deck_locale or "zh_CN")
        self._values: dict[str, Any] = {}
        self.used: set[str] = set()  # the metrics texts have used (the build empties it before each text)

    def names(self) -> list[str]:
        metrics = self.engine.names() if self.engine is not None else []
        return list(dict.fromkeys([*self.extra, *metrics]))

    def __contains__(self, name: str) -> bool:
        return name in self.extra or (self.engine is not None and name in self.engine.names())

    def value(self, name: str, *, path: str = "") -> Any:
        if name in self.extra:
            return self.extra[name]
        if name not in self._values:
            result = self.engine.get(name, path=path)
            seen = functools.partial(self.used.add, name)
            self._values[name] = (TableView(result, self.locale, seen) if result.kind == "table" else
                                  MetricNumber(result.value, result.format, self.locale, name=name,
                                               label=result.label, details=result.details, seen=seen))
        return self._values[name]


class _Undefined(StrictUndefined):
    """StrictUndefined whose message suggests the name that was probably meant."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or not isinstance(name, str):
            return super()._undefined_message
        if isinstance(obj, Mapping):
            return f"no key '{name}' in this value ({allowed_hint(name, [str(k) for k in obj])})"
        if isinstance(obj, (MetricNumber, TableView, RowView)):
            return f"{obj.owner()} has no attribute '{name}' ({allowed_hint(name, obj.attributes())})"
        return super()._undefined_message


def _format_filter(name: str, locale: str):
    def apply(value: Any, decimals: int | None = None) -> str:
        fmt = name if decimals is None else f"{name}:{decimals}"
        return format_value(_number_of(value, name), _governed(fmt, value), locale)
    return apply


def _fmt_filter(locale: str):
    def apply(value: Any, spec: str) -> str:
        return format_value(_number_of(value, spec), _governed(spec, value), locale)
    return apply


def _governed(fmt: str, value: Any) -> str:
    """A metric's decimals govern a filter that names none (``{{ x | pct }}`` on a ``pct:0`` metric)."""
    if isinstance(value, MetricNumber) and isinstance(fmt, str) and value.fmt:
        return governed_format(fmt, value.fmt) or fmt
    return fmt


def _number_of(value: Any, fmt: str) -> Any:
    if isinstance(value, TableView):
        str(value)  # raises the helpful "is a table" error
    if isinstance(value, RowView):
        raise SpecError(f"a table row cannot be formatted as '{fmt}'; pick a column first")
    return float(value) if isinstance(value, MetricNumber) else value


@functools.cache
def environment(locale: str) -> BoundedSandbox:
    """One sandbox per locale; the format filters are bound to it."""
    env = BoundedSandbox(undefined=_Undefined, autoescape=False, keep_trailing_newline=True)
    env.filters["to_int"] = env.filters["int"]
    for name in FORMAT_NAMES:
        env.filters[name] = _format_filter(name, locale)
    env.filters["fmt"] = _fmt_filter(locale)
    env.filters.update(label_filters(locale))
    env.guard_filters()
    return env


@functools.lru_cache(maxsize=512)
def _prepare(locale: str, template: str) -> tuple[tuple[tuple[str, str, int], ...], Any, frozenset[str]]:
    """The filters and tests the template uses (kind, name, line); then, if they all exist,
    the template and the names it reads (else None and no names): one parse (``text/quick_parse.py``
    or Jinja's), then a simple text is walked as parsed (``text/direct.py``), any other compiled
    (``text/compiled.py``)."""
    env = environment(locale)
    quick = quick_parse(env, template)  # the tree Jinja's parser would give, read faster (text/quick_parse.py)
    tree = quick if quick is not None else env.parse(template)
    used = tuple(("filter" if isinstance(n, nodes.Filter) else "test", n.name, n.lineno)
                 for n in tree.find_all((nodes.Filter, nodes.Test)))
    if any(name not in (env.filters if kind == "filter" else env.tests) for kind, name, _ in used):
        return used, None, frozenset()
    direct = direct_template(env, tree, template)  # most texts need no compiling (text/direct.py)
    if direct is not None:
        return used, *direct
    compiled, names = compile_tree(env, tree if quick is None else env.parse(template))
    return used, compiled, names


def render_text(template: str, context: TextContext, *, path: str, file: str | None = None,
                line: int | None = None) -> str:
    """Render one text field; SpecError / DataError (located) on any problem."""
    if not isinstance(template, str) or not any(m in template for m in _MARKERS):
        return template

    def fail(message: str, hint: str | None = None, lineno: int | None = None) -> SpecError:
        at = line + (lineno or 1) - 1 if line is not None else None
        return SpecError(message, path=path, file=file, line=at, hint=hint)

    env = environment(context.locale)
    try:
        used, compiled, names = _prepare(context.locale, template)
        for kind, name, lineno in used:
            if kind == "filter" and name not in env.filters:
                raise fail(f"unknown filter '{name}'", allowed_hint(name, [*FORMAT_NAMES, "fmt"]), lineno)
            if kind == "test" and name not in env.tests:
                raise fail(f"unknown test '{name}'", allowed_hint(name, env.tests), lineno)
    except TemplateSyntaxError as exc:
        raise fail(f"template syntax error: {exc.message}", "check the {{ }} and {% %} pairs", exc.lineno) from None
    except RecursionError:  # Jinja's parser recurses per bracket: thousands of nested ( ) [ ]
        raise fail("cannot read the text: expressions nested too deeply", "see docs/limits.md") from None
    except ValueError as exc:  # an integer literal beyond Python's int-to-string limit (4,300 digits)
        what = "a whole number in it is too long" if "digits" in str(exc) else str(exc)
        raise fail(f"cannot read the text: {what}", "see docs/limits.md") from None
    known = context.names()
    for name in sorted(names):
        if name not in context and name not in env.globals:
            raise fail(f"unknown name '{name}' in the text", _name_hint(name, known))
    try:
        values = {name: context.value(name, path=path) for name in names if name in context}
        with render_budget():
            return compiled.render(values)
    except RecursionError:  # a backstop: the call-depth limit normally stops a recursive macro first
        raise fail("cannot render the text: calls nested too deeply (a macro calling itself?)") from None
    except MemoryError:
        raise fail("cannot render the text: it needs too much memory", "see docs/limits.md") from None
    except SecurityError as exc:
        raise fail(f"not allowed in a template: {exc}",
                   "templates may only read metrics and the given values") from None
    except UndefinedError as exc:
        raise fail(f"undefined in the text: {exc}") from None
    except DeckBuilderError as exc:
        raise _located(exc, path, file, line) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise fail(f"cannot render the text: {exc}") from None


def _name_hint(name: str, known: list[str]) -> str:
    guess = did_you_mean(name, known)
    shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    return f"{guess + ' ' if guess else ''}known names: {shown}" if known else "no metrics or values are defined"


def _located(exc: DeckBuilderError, path: str, file: str | None, line: int | None) -> DeckBuilderError:
    """Give issues raised inside a template (a bad key, a table printed) the text's location."""
    issues = [i if i.path else Issue(i.message, path=path, file=file, line=line, hint=i.hint) for i in exc.issues]
    if issues == exc.issues:
        return exc
    return type(exc)(exc.headline, issues=issues)
