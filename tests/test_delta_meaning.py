"""A KPI delta is coloured by what it means (issue 13): a rise in a metric where lower is
better (days to resolve, stockouts) is bad, whatever its arrow."""

from __future__ import annotations

import pytest

from deckbuilder import build_deck
from deckbuilder.spec.model import ThemeColors

SPEC = """\
deck: {{title: t}}
data:
  tickets: {{type: csv, path: tickets.csv, parse_dates: [day]}}
metrics:
  days: {{source: tickets, agg: mean, column: days, where: "year == 2025"{better}}}
  days_change: {{source: tickets, agg: mean, column: days, compare: yoy, date: day{better}}}
slides:
  - kind: kpi
    title: 时效
    cards:
      - {{label: 处理时长, metric: days, delta: days_change}}
      - {{label: 说明, value: 文字}}
"""


@pytest.fixture
def tickets(tmp_path):
    (tmp_path / "tickets.csv").write_text("day,year,days\n2024-06-01,2024,2\n2025-06-01,2025,3\n",
                                          encoding="utf-8")
    return tmp_path


def _delta_colour(tmp_path, better: str) -> str:
    spec = SPEC.format(better=better)
    result = build_deck(spec, base_dir=tmp_path, write=False, lint=False)
    from io import BytesIO

    from pptx import Presentation

    card = Presentation(BytesIO(result.data)).slides[0].shapes
    run = next(s for s in card if s.name == "KPI 1").text_frame.paragraphs[2].runs[0]
    assert run.text.startswith("▲")
    return str(run.font.color.rgb)


def test_a_rise_is_good_by_default(tickets):
    assert _delta_colour(tickets, "") == ThemeColors().positive


def test_a_rise_of_a_lower_is_better_metric_is_coloured_bad(tickets):
    assert _delta_colour(tickets, ", better: lower") == ThemeColors().negative
