"""Number formats named by short strings, for text and for native charts/tables.

A spec names a format with ``[+]name[:decimals]`` (``pct``, ``pct:0``, ``yi``,
``+num:1``); one table below describes every name, so text (``format_value``)
and Excel number formats for editable charts and tables
(``chart_number_format``) can never disagree about what ``wan`` means.

Rounding is half-up on the decimal representation (2.675 -> 2.68), as Excel
and PowerPoint display numbers, so a figure in the commentary matches the same
figure on the chart. ``docs/metrics.md`` lists the names.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

from deckbuilder.errors import DataError, SpecError, allowed_hint

LOCALES = ("zh_CN", "en_US")
MISSING_TEXT = "—"  # what None / NaN look like in text


@dataclass(frozen=True)
class _Style:
    """How one format name looks: ``prefix + number(value * mult) + suffix``."""

    decimals: int
    mult: float = 1.0  # applied before display (pct shows value * 100)
    prefix: str = ""
    suffix: str | dict[str, str] = ""  # per-locale when a dict
    signed: bool = False  # always show + for positive values
    arrows: bool = False  # ▲ / ▼ instead of a sign
    excel_commas: int = 0  # k/m/bn: Excel scales by 1000 per trailing comma
    excel_percent: bool = False  # pct: Excel's % multiplies by 100 itself
    doc: str = ""

    def suffix_for(self, locale: str) -> str:
        return self.suffix.get(locale, self.suffix["zh_CN"]) if isinstance(self.suffix, dict) else self.suffix


_FORMATS: dict[str, _Style] = {
    "num": _Style(0, doc="1,234 (num:2 -> 1,234.57)"),
    "int": _Style(0, doc="1,235"),
    "pct": _Style(1, mult=100, suffix="%", excel_percent=True, doc="0.123 -> 12.3%"),
    "pp": _Style(1, mult=100, suffix="pp", signed=True, doc="0.08 -> +8.0pp (percentage points)"),
    "cny": _Style(0, prefix="¥", doc="¥1,234"),
    "usd": _Style(0, prefix="$", doc="$1,234"),
    "wan": _Style(1, mult=1e-4, suffix="万", doc="123456 -> 12.3万"),
    "yi": _Style(2, mult=1e-8, suffix="亿", doc="123456789 -> 1.23亿"),
    "cny_wan": _Style(1, mult=1e-4, prefix="¥", suffix="万", doc="¥12.3万"),
    "cny_yi": _Style(2, mult=1e-8, prefix="¥", suffix="亿", doc="¥1.23亿"),
    "k": _Style(1, mult=1e-3, suffix="K", excel_commas=1, doc="12345 -> 12.3K"),
    "m": _Style(1, mult=1e-6, suffix="M", excel_commas=2, doc="1234567 -> 1.2M"),
    "bn": _Style(2, mult=1e-9, suffix="B", excel_commas=3, doc="1.23e9 -> 1.23B"),
    "usd_k": _Style(1, mult=1e-3, prefix="$", suffix="K", excel_commas=1, doc="$12.3K"),
    "usd_m": _Style(1, mult=1e-6, prefix="$", suffix="M", excel_commas=2, doc="$1.2M"),
    "usd_bn": _Style(2, mult=1e-9, prefix="$", suffix="B", excel_commas=3, doc="$1.23B"),
    "ratio": _Style(1, prefix="1:", doc="4.7 -> 1:4.7"),
    "times": _Style(1, suffix={"zh_CN": "倍", "en_US": "x"}, doc="2.3 -> 2.3倍 (en_US 2.3x)"),
    "delta_pct": _Style(1, mult=100, suffix="%", arrows=True, excel_percent=True,
                        doc="0.123 -> ▲12.3%, -0.02 -> ▼2.0%"),
    "delta_pp": _Style(1, mult=100, suffix="pp", arrows=True, doc="0.08 -> ▲8.0pp"),
    "delta": _Style(0, arrows=True, doc="1234 -> ▲1,234"),
    "days": _Style(1, suffix={"zh_CN": " 天", "en_US": " days"}, doc="2.5 -> 2.5 天"),
    "hours": _Style(0, suffix={"zh_CN": " 小时", "en_US": " hours"}, doc="48 -> 48 小时"),
    "minutes": _Style(0, suffix={"zh_CN": " 分钟", "en_US": " min"}, doc="15 -> 15 分钟"),
    "seconds": _Style(0, suffix={"zh_CN": " 秒", "en_US": " s"}, doc="90 -> 90 秒"),
}
_SPECIAL = {
    "auto": "picks by size: zh_CN 1.23亿 / 12.3万 / 1,234; en_US 1.23B / 1.2M / 12.3K; small values up to 2 decimals",
    "text": "the value as written, no number formatting",
}
FORMAT_NAMES: tuple[str, ...] = tuple(sorted([*_FORMATS, *_SPECIAL]))
MAX_DECIMALS = 6


@dataclass(frozen=True)
class NumberFormat:
    """A parsed format string: ``name``, ``decimals`` and the ``+`` flag."""

    name: str
    decimals: int | None = None  # None: the name's default
    plus: bool = False
    text: str = field(default="", compare=False)

    @property
    def style(self) -> _Style | None:
        return _FORMATS.get(self.name)


_PARSED: dict[str, NumberFormat] = {}


def format_help() -> list[tuple[str, str]]:
    """(name, example) pairs for docs and CLI help."""
    return [(n, _FORMATS[n].doc if n in _FORMATS else _SPECIAL[n]) for n in FORMAT_NAMES]


def parse_format(fmt: str, *, path: str = "") -> NumberFormat:
    """Parse ``[+]name[:decimals]``; SpecError (with did-you-mean) when it is not one."""
    cached = _PARSED.get(fmt) if isinstance(fmt, str) else None
    if cached is not None:
        return cached
    if not isinstance(fmt, str) or not fmt.strip():
        raise SpecError(f"a number format must be a name such as 'pct' or 'yi', not {fmt!r}", path=path,
                        hint=allowed_hint("", FORMAT_NAMES))
    text = fmt.strip()
    plus = text.startswith("+")
    body = text[1:] if plus else text
    name, sep, digits = body.partition(":")
    name = name.strip()
    if name not in _FORMATS and name not in _SPECIAL:
        raise SpecError(f"unknown number format '{name}'", path=path, hint=allowed_hint(name, FORMAT_NAMES))
    decimals = None
    if sep:
        if not digits.strip().isdigit() or int(digits) > MAX_DECIMALS:
            raise SpecError(f"bad decimals in format '{fmt}'", path=path,
                            hint=f"write {name}:N with N from 0 to {MAX_DECIMALS}, e.g. {name}:1")
        decimals = int(digits)
    if name in ("text", "int") and decimals is not None or name == "text" and plus:
        raise SpecError(f"format '{name}' takes no {'decimals' if decimals is not None else 'sign'}: '{fmt}'",
                        path=path, hint="num:N gives N decimals" if name == "int" else None)
    parsed = NumberFormat(name, decimals, plus, text)
    _PARSED[fmt] = parsed
    return parsed


def is_change_format(fmt: str | None) -> bool:
    """Whether *fmt* shows a change (▲/▼ or a sign: ``delta_pct``, ``pp``, ``+pct``), whose sign
    means better or worse; an unknown name is not (it is reported where it is used)."""
    if not fmt:
        return False
    try:
        parsed = parse_format(fmt)
    except SpecError:
        return False
    style = parsed.style
    return parsed.plus or (style is not None and (style.arrows or style.signed))


def tone(value: float | None, better: str | None) -> int:
    """1 when a change of *value* is good, -1 when bad, 0 for none (zero, missing); a rise is
    good unless *better* is ``lower`` (days to resolve, stockouts)."""
    if value is None or value != value or value == 0:  # None, NaN, no change
        return 0
    rise = 1 if value > 0 else -1
    return -rise if better == "lower" else rise


def check_locale(locale: str, *, path: str = "") -> str:
    if locale not in LOCALES:
        raise SpecError(f"unknown locale '{locale}'", path=path, hint=allowed_hint(locale, LOCALES))
    return locale


def _number(value: object, fmt: str, path: str) -> float | None:
    """The value as a float, None for missing; DataError for text and other non-numbers."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, Decimal)):
        if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA / NaT without importing pandas
            return None
        raise DataError(f"cannot format {value!r} as a number with format '{fmt}'", path=path,
                        hint="use format 'text' for words, or a metric that gives a number")
    number = float(value)
    return None if math.isnan(number) else number


_WIDE = Context(prec=400)


def _fixed(number: float, decimals: int) -> str:
    """Half-up rounding with thousands separators: 1234.565 -> '1,234.57'."""
    quantum = Decimal(1).scaleb(-decimals)
    # enough digits for any finite float (1e308 has 309): the default 28 raises InvalidOperation
    rounded = Decimal(repr(number)).quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE)
    if rounded == 0:
        rounded = abs(rounded)  # never '-0.0'
    return f"{rounded:,.{decimals}f}"


#: the units ``auto`` chooses from, largest first, per locale (en_US for any other)
AUTO_UNITS = {"zh_CN": ((1e8, "yi"), (1e4, "wan")), "en_US": ((1e9, "bn"), (1e6, "m"), (1e3, "k"))}


def auto_units(locale: str) -> tuple[tuple[float, str], ...]:
    """(threshold, format name) pairs ``auto`` picks a unit from in *locale*, largest first."""
    return AUTO_UNITS.get(locale, AUTO_UNITS["en_US"])


def _auto(number: float, locale: str, plus: bool) -> str:
    size = abs(number)
    for limit, name in auto_units(locale):
        if size >= limit:
            return _styled(number, _FORMATS[name], None, plus, locale)
    if float(number).is_integer():
        return _styled(number, _FORMATS["num"], 0, plus, locale)
    text = _fixed(number, 2).rstrip("0").rstrip(".")
    return ("+" + text) if plus and number > 0 else text


def _styled(number: float, style: _Style, decimals: int | None, plus: bool, locale: str) -> str:
    places = style.decimals if decimals is None else decimals
    shown = number * style.mult
    if math.isinf(shown):  # infinite, or a finite float the format's scale pushes past the largest (1e308 as %)
        return MISSING_TEXT
    body = _fixed(abs(shown), places)
    is_zero = set(body) <= set("0.,")
    if style.arrows:
        sign = "" if is_zero else ("▲" if shown > 0 else "▼")
    elif shown < 0 and not is_zero:
        sign = "-"
    elif (plus or style.signed) and not is_zero:
        sign = "+"
    else:
        sign = ""
    return f"{sign}{style.prefix}{body}{style.suffix_for(locale)}"


def format_value(value: object, fmt: str | None, locale: str = "zh_CN", *, path: str = "") -> str:
    """Format one number for text: ``format_value(1.234e8, "yi") -> "1.23亿"``.

    ``fmt`` None means ``auto``. None and NaN give ``—``. Text values are only
    accepted by format ``text``.
    """
    check_locale(locale, path=path)
    parsed = parse_format(fmt or "auto", path=path)
    if parsed.name == "text":
        return MISSING_TEXT if value is None else str(value)
    number = _number(value, parsed.text, path)
    if number is None:
        return MISSING_TEXT
    if parsed.name == "auto":
        return _auto(number, locale, parsed.plus) if not math.isinf(number) else MISSING_TEXT
    style = parsed.style
    assert style is not None  # every name but the special ones (text, auto) has a style
    return _styled(number, style, parsed.decimals, parsed.plus, locale)


def governed_format(fmt: str | None, metric_format: str | None) -> str | None:
    """The format to show a metric's number in: *fmt* as asked, with the metric's decimals.

    One precision per metric: a metric's ``format`` governs every place it is shown (cards,
    text filters, tables, chart labels).  *fmt* None means the metric's format; a *fmt* that
    names no decimals of its own takes the metric's decimals when it shows the same unit
    (``pct`` and ``delta_pct``, ``pp`` and ``delta_pp``, ``num`` and ``delta``...), so a metric
    formatted ``pct:0`` reads 52% on its card, in ``{{ x | pct }}`` and in its table column.
    A format with its own decimals (``pct:1``) is an override and is kept.

    >>> governed_format("delta_pct", "pct:0"), governed_format("pct:1", "pct:0")
    ('delta_pct:0', 'pct:1')
    """
    if fmt is None or metric_format is None:
        return fmt or metric_format
    try:
        asked, metric = parse_format(fmt), parse_format(metric_format)
    except SpecError:
        return fmt  # a bad format is reported where it is used, at its own place

    if asked.decimals is not None or metric.decimals is None or asked.name == "int":
        return fmt
    if asked.style is None or metric.style is None or _unit(asked.style) != _unit(metric.style):
        return fmt
    return f"{'+' if asked.plus else ''}{asked.name}:{metric.decimals}"


def _unit(style: _Style) -> tuple:
    """What a number in *style* is measured in (sign and arrows aside)."""
    suffix = tuple(sorted(style.suffix.items())) if isinstance(style.suffix, dict) else style.suffix
    return style.mult, style.prefix, suffix


def _quote(text: str) -> str:
    return f'"{text}"' if text else ""


def chart_number_format(fmt: str | None, locale: str = "zh_CN", *, path: str = "") -> tuple[float, str]:
    """(scale, Excel number format) for native charts and tables.

    Multiply the values by ``scale`` before writing them to the chart data,
    then apply the format: ``wan -> (1e-4, '#,##0.0"万"')``, ``pct -> (1, '0.0%')``.
    Scales are only used where Excel cannot scale itself (万, 亿, pp); K/M/B
    use Excel's trailing commas so the chart keeps the true values.
    """
    check_locale(locale, path=path)
    parsed = parse_format(fmt or "auto", path=path)
    if parsed.name == "text":
        return 1.0, "@"
    if parsed.name == "auto":
        return 1.0, "#,##0"
    style = parsed.style
    assert style is not None  # every name but the special ones (text, auto) has a style
    places = style.decimals if parsed.decimals is None else parsed.decimals
    digits = ("0." + "0" * places) if places else "0"
    grouped = "#,##" + digits if not style.excel_percent else digits
    body = grouped + "," * style.excel_commas + ("%" if style.excel_percent else "")
    suffix = "" if style.excel_percent else style.suffix_for(locale)  # Excel's % adds the sign itself
    shown = _quote(style.prefix) + body + _quote(suffix)
    scale = 1.0 if (style.excel_commas or style.excel_percent) else float(style.mult)
    if style.arrows:
        return scale, f'"▲"{shown};"▼"{shown};{shown}'
    if parsed.plus or style.signed:
        return scale, f'"+"{shown};"-"{shown};{shown}'
    return scale, shown
