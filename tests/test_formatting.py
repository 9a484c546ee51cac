"""Number formats: text (format_value) and native chart/table formats (chart_number_format)."""

import math

import pytest

from deckbuilder.errors import DataError, SpecError
from deckbuilder.text.formatting import FORMAT_NAMES, chart_number_format, format_help, format_value, parse_format


@pytest.mark.parametrize("value, fmt, expected", [
    (1234567.891, "num", "1,234,568"),
    (1234567.891, "num:2", "1,234,567.89"),
    (1234.5, "int", "1,235"),
    (0.1234, "pct", "12.3%"),
    (0.1234, "pct:0", "12%"),
    (0.08, "pp", "+8.0pp"),
    (-0.02, "pp", "-2.0pp"),
    (1234.5, "cny", "¥1,235"),
    (1234.5, "usd:2", "$1,234.50"),
    (123456, "wan", "12.3万"),
    (123456789, "yi", "1.23亿"),
    (123456789, "cny_yi", "¥1.23亿"),
    (4.7, "ratio", "1:4.7"),
    (0.123, "delta_pct", "▲12.3%"),
    (-0.02, "delta_pct", "▼2.0%"),
    (0.0, "delta_pct", "0.0%"),
    (1234, "delta", "▲1,234"),
    (0.08, "delta_pp", "▲8.0pp"),
    (2.5, "days", "2.5 天"),
    (48, "hours", "48 小时"),
    (90, "seconds", "90 秒"),
    (2.3, "times", "2.3倍"),
    (12345, "k", "12.3K"),
    (1234567, "m", "1.2M"),
    (0.15, "+pct", "+15.0%"),
    (1234.5, "+num:1", "+1,234.5"),
    ("天猫", "text", "天猫"),
])
def test_format_value_zh_cn(value, fmt, expected):
    assert format_value(value, fmt) == expected


@pytest.mark.parametrize("value, fmt, expected", [
    (2.5, "days", "2.5 days"),
    (48, "hours", "48 hours"),
    (2.3, "times", "2.3x"),
    (1.5e9, "auto", "1.50B"),
    (123456789, "yi", "1.23亿"),
])
def test_format_value_en_us(value, fmt, expected):
    assert format_value(value, fmt, locale="en_US") == expected


@pytest.mark.parametrize("value, expected", [(1.5e8, "1.50亿"), (56000, "5.6万"), (1234, "1,234"), (4.3, "4.3"),
                                             (0.153, "0.15")])
def test_auto_picks_a_unit_by_size(value, expected):
    assert format_value(value, "auto") == expected


def test_none_format_means_auto():
    assert format_value(123456789, None) == "1.23亿"


def test_rounding_is_half_up_like_excel():
    assert format_value(2.675, "num:2") == "2.68"
    assert format_value(0.0125, "pct:0") == "1%"


def test_no_negative_zero():
    assert format_value(-0.0004, "pct") == "0.0%"


@pytest.mark.parametrize("value", [None, math.nan])
def test_missing_values_show_a_dash(value):
    assert format_value(value, "yi") == "—"


def test_text_with_a_number_format_is_a_data_error():
    with pytest.raises(DataError, match="cannot format '天猫'"):
        format_value("天猫", "pct", path="slides[1].figure")


def test_unknown_format_suggests_the_closest_name():
    with pytest.raises(SpecError) as info:
        parse_format("pctt", path="metrics.share.format")
    issue = info.value.issues[0]
    assert issue.path == "metrics.share.format"
    assert "did you mean 'pct'?" in issue.hint


@pytest.mark.parametrize("fmt", ["pct:x", "pct:9", "int:2", "text:1"])
def test_bad_decimals_are_spec_errors(fmt):
    with pytest.raises(SpecError):
        parse_format(fmt)


def test_unknown_locale_is_a_spec_error():
    with pytest.raises(SpecError, match="unknown locale"):
        format_value(1, "num", locale="zh_TW")


@pytest.mark.parametrize("fmt, expected", [
    ("num", (1.0, "#,##0")),
    ("num:2", (1.0, "#,##0.00")),
    ("pct", (1.0, "0.0%")),
    ("pct:0", (1.0, "0%")),
    ("wan", (1e-4, '#,##0.0"万"')),
    ("yi", (1e-8, '#,##0.00"亿"')),
    ("cny", (1.0, '"¥"#,##0')),
    ("cny_wan", (1e-4, '"¥"#,##0.0"万"')),
    ("usd_m", (1.0, '"$"#,##0.0,,"M"')),
    ("pp", (100.0, '"+"#,##0.0"pp";"-"#,##0.0"pp";#,##0.0"pp"')),
    ("delta_pct", (1.0, '"▲"0.0%;"▼"0.0%;0.0%')),
    ("ratio", (1.0, '"1:"#,##0.0')),
    ("times", (1.0, '#,##0.0"倍"')),
    ("days", (1.0, '#,##0.0" 天"')),
    ("text", (1.0, "@")),
])
def test_chart_number_format(fmt, expected):
    assert chart_number_format(fmt) == expected


def test_chart_number_format_follows_the_locale():
    assert chart_number_format("days", locale="en_US") == (1.0, '#,##0.0" days"')


def test_chart_number_format_rejects_unknown_names():
    with pytest.raises(SpecError, match="unknown number format 'yii'"):
        chart_number_format("yii")


def test_every_format_name_is_documented():
    documented = dict(format_help())
    assert set(documented) == set(FORMAT_NAMES)
    assert all(documented.values())


@pytest.mark.parametrize("fmt", ["pct", "pp", "delta_pct"])
def test_a_float_its_format_scales_past_the_largest_shows_as_missing(fmt):
    # 1e308 as a percentage is 1e310: infinite once scaled, shown like an infinite value
    assert format_value(1e308, fmt) == format_value(math.inf, fmt) == "—"

