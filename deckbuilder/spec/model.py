"""The typed spec model: what a deck spec may contain.

A YAML spec and a dict from Python both end up here, so there is one set of
rules. Every model forbids unknown keys (a misspelt key is an error with a
did-you-mean, never silently ignored). Slides are a union discriminated on
``kind``, so ``kind: chart`` selects :class:`ChartSlide` and its fields.

Text fields are plain strings here; they may contain ``{{ metric | fmt }}``
templates that the text layer renders later. This layer never imports
python-pptx or pandas.
"""

import datetime as _dt
import math
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import Field, field_validator, model_validator

from deckbuilder.errors import did_you_mean
from deckbuilder.spec.base import MetricReference, Strict, empty_list
from deckbuilder.spec.chart_model import ChartOptions, ChartPlot, ReferenceLine
from deckbuilder.spec.data_model import MetricSpec, SourceSpec
from deckbuilder.spec.image_model import MAX_IMAGES_PER_SLIDE, ImagesFromData, ImageSpec
from deckbuilder.spec.inline_data import InlineSeriesData, InlineTableData, Text
from deckbuilder.spec.links import Link, LinkedText
from deckbuilder.spec.params import ParamSpec
from deckbuilder.spec.repeat_model import RepeatSpec
from deckbuilder.spec.table_model import Better, TableColumn

HexColor = Annotated[str, Field(pattern=r"^[0-9A-Fa-f]{6}$", description="6-digit hex colour, no '#'")]

# Chart type names; render.charts.kinds maps each to its python-pptx type and family (a test checks both agree).
ChartType = Literal[
    "column_clustered", "column_stacked", "bar_clustered", "bar_stacked",
    "line", "line_markers", "area", "area_stacked", "pie", "doughnut",
    "column_stacked_100", "bar_stacked_100", "combo", "waterfall", "slope", "scatter", "bubble",
    "histogram", "heatmap", "box", "funnel",
]
LegendPosition = Literal["bottom", "right", "top", "left", "none"]


def _text(value: Any) -> Any:
    """Coerce YAML scalars (numbers, dates) used as text into strings."""
    if isinstance(value, (int, float, _dt.date)) and not isinstance(value, bool):
        return str(value)
    return value


# --------------------------------------------------------------------------- theme
class ThemeColors(Strict):
    primary: HexColor = "1F4E79"
    secondary: HexColor = "2E75B6"
    accent: HexColor = "F4B183"
    text: HexColor = "262626"
    muted: HexColor = "7F7F7F"
    background: HexColor = "FFFFFF"
    surface: HexColor = "F3F6FA"
    positive: HexColor = Field("C62828", description="colour of a good change: a rise, or a fall of a "
                                                      "metric with better: lower (red in China)")
    negative: HexColor = Field("2E7D32", description="colour of a bad change (green in China)")


class ThemeFonts(Strict):
    latin: str = Field("Noto Sans CJK SC", min_length=1)
    east_asian: str = Field("Noto Sans CJK SC", min_length=1)


class ThemeSpec(Strict):
    """Colours, fonts, chart palette and logo: the one place a deck's look is set."""

    name: str = "custom"
    colors: ThemeColors = Field(default_factory=ThemeColors)
    fonts: ThemeFonts = Field(default_factory=ThemeFonts)
    palette: list[HexColor] = Field(
        default_factory=lambda: ["1F4E79", "2E75B6", "9DC3E6", "F4B183", "A9D18E", "FFD966"],
        min_length=1)
    logo: str | None = Field(None, description="image file shown on every content slide, relative to the theme file")
    logo_corner: Literal["top-right", "top-left", "bottom-right", "bottom-left"] = Field(
        "top-right", description="where the logo sits; a title box under it is narrowed so the two never meet")
    logo_height: float = Field(0.45, ge=0.15, le=1.5, description="logo height in inches (its width follows the "
                                                                    "image); in a bottom corner at most the footer "
                                                                    "band's height")
    logo_on: list[str] | None = Field(
        None, description="slide kinds that show the logo (default: the content kinds, not the cover, dividers or "
                          "closing slide)")

    @field_validator("logo_on")
    @classmethod
    def _known_kinds(cls, kinds: list[str] | None) -> list[str] | None:
        unknown = [k for k in kinds or [] if k not in SLIDE_KINDS]
        if unknown:
            hint = did_you_mean(unknown[0], SLIDE_KINDS)
            raise ValueError(f"unknown slide kind {unknown[0]!r} in logo_on"
                             + (f" ({hint})" if hint else "") + f"; allowed: {', '.join(SLIDE_KINDS)}")
        return kinds

    def shows_logo_on(self, slide: "SlideBase") -> bool:
        """Whether *slide* carries the logo: the kinds in ``logo_on``, or by default the content kinds."""
        if not self.logo:
            return False
        if self.logo_on is not None:
            return getattr(slide, "kind", None) in self.logo_on
        return slide.shows_logo


# --------------------------------------------------------------------------- deck
class DeckMeta(Strict):
    """Deck-level metadata; its fields are available to templates as ``deck.*``."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "subtitle", "presenter", "date", "footer")

    title: str
    subtitle: str | None = None
    presenter: str | None = None
    date: str | None = None
    theme: str | ThemeSpec = Field("default", description="theme name (layouts/themes/NAME.yaml) or inline theme")
    template: str | None = Field(None, description=".pptx template, relative to the spec file")
    layout_map: str | None = Field(None, description="layout map YAML; default: the template path with .yaml")
    locale: Literal["zh_CN", "en_US"] = "zh_CN"
    footer: str | None = Field(None, description="footer text on every content slide (the layout's footer "
                                                  "placeholder, else drawn bottom left); may use templates")
    slide_numbers: bool = Field(True, description="number the content slides (never the cover, dividers or closing)")
    variables: dict[str, Any] = Field(default_factory=dict, description="extra values for text templates")

    _coerce = field_validator("title", "subtitle", "presenter", "date", "footer", mode="before")(_text)


# --------------------------------------------------------------------------- data for charts/tables
class _DataBinding(Strict):
    """Exactly one of ``metric`` (a table metric), ``data`` (inline) or ``csv`` (a file)."""

    text_fields: ClassVar[tuple[str, ...]] = ("alt",)
    metric: str | None = None
    alt: str | None = Field(None, description="alt text for screen readers (default: from the title and data)")
    csv: str | None = Field(None, description="CSV file relative to the spec")

    def metric_references(self) -> Iterator[MetricReference]:
        """The metric this binding reads, if it reads one."""
        if self.metric:
            yield ("metric",), self.metric

    @model_validator(mode="after")
    def _one_source(self):
        given = [k for k in ("metric", "data", "csv") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'metric', 'data' or 'csv'"
                             + (f" (got {', '.join(given)})" if given else ""))
        return self


class AxisSpec(Strict):
    """The value axis: its range and tick step in the data's own units (0.85 for 85%,
    150000000 for 1.5亿), and whether it is drawn. Unset fields are computed from the data."""

    min: float | None = Field(None, description="lowest value on the axis (bars and areas: 0 or below)")
    max: float | None = Field(None, description="highest value on the axis")
    step: float | None = Field(None, gt=0, description="distance between ticks (and gridlines)")
    visible: bool | None = Field(None, description="draw the value axis (default: hidden on a single-series "
                                                   "bar/column chart whose bars are labelled)")

    @model_validator(mode="after")
    def _ordered(self) -> "AxisSpec":
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError(f"axis min ({self.min:g}) must be below max ({self.max:g})")
        for name in ("min", "max", "step"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"axis {name} must be a finite number, not {value}")
        return self


class ChartSpec(_DataBinding, ChartOptions):
    text_fields: ClassVar[tuple[str, ...]] = ("title", "x_title", "y_title", "y2_title", "highlight_note", "alt")
    type: ChartType
    data: InlineSeriesData | None = None
    x: str | None = Field(None, description="category column (default: the first column)")
    y: list[str] | str | None = Field(None, description="value column(s) (default: every other column)")
    series: str | None = Field(None, description="long data: column whose values become series")
    point_labels: str | None = Field(None, description="scatter, bubble: column naming each point")
    size: str | None = Field(None, description="bubble: column of the bubbles' sizes")
    bins: int | None = Field(None, ge=1, le=200, description="histogram: number of bins (default: automatic)")
    title: str | None = None
    number_format: str | None = Field(None, description="format name, e.g. wan, pct, num:1")
    data_labels: bool = True
    legend: LegendPosition | None = None
    x_title: str | None = None
    y_title: str | None = None
    highlight: list[Text] = Field(default_factory=empty_list, description="categories to emphasise")
    highlight_note: str | None = Field(None, description="what the highlight colour means, shown as a key "
                                                         "above the chart (required with highlight)")
    axis: AxisSpec | None = Field(None, description="value axis range, tick step and visibility")
    gridlines: bool | None = Field(None, description="gridlines at the value axis ticks (default: with the axis)")
    better: Better | Literal["mixed"] | None = Field(
        None, description="the bars are changes: colour each as good or bad (default for a change format or a "
                          "comparison metric); 'mixed' when good differs by category: no good/bad colours")

    plots: list[ChartPlot] | None = Field(None, min_length=1, description=(
        "series from several metrics or values, each with its name, format, type and axis (see docs/charts.md)"))
    reference_lines: list[ReferenceLine] = Field(default_factory=empty_list, description="targets, averages")
    y2_title: str | None = Field(None, description="title of the secondary value axis")

    _coerce = field_validator("title", "x_title", "y_title", "y2_title", "highlight_note", mode="before")(_text)

    def metric_references(self) -> Iterator[MetricReference]:
        """The binding's metric, each plot's and each reference line's."""
        yield from super().metric_references()
        for field in ("plots", "reference_lines"):
            for k, part in enumerate(getattr(self, field) or []):
                for path, name in part.metric_references():
                    yield (field, k, *path), name

    @model_validator(mode="after")
    def _one_source(self):
        """Exactly one of metric, data or csv; with ``plots``, at most one (what plots without their own
        metric or value read)."""
        given = [k for k in ("metric", "data", "csv") if getattr(self, k) is not None]
        if self.plots is not None and len(given) <= 1:
            return self
        if len(given) != 1:
            raise ValueError("give exactly one of 'metric', 'data' or 'csv'"
                             + (f" (got {', '.join(given)})" if given else ""))
        return self


class TableSpec(_DataBinding):
    data: InlineTableData | None = None
    columns: list[TableColumn] | None = None
    zebra: bool = True
    max_rows: int | None = Field(None, ge=1, description="show at most this many rows in total (over every slide)")
    total_row: bool = Field(False, description="the data's last row is a totals row: drawn bold")
    totals: Literal["sum"] | None = Field(None, description="add a bold totals row: the sum of each numeric column")


# --------------------------------------------------------------------------- slides
class SlideBase(Strict):
    """Fields every slide kind has, and the traits that say how the pipeline treats a kind.

    A kind's traits live on its model class, so every list of kinds is derived from
    the models (:data:`SLIDE_KINDS`) instead of being kept by hand in several places.
    """

    #: kept in a department deck that ``include:``s only some sections (cover, agenda, closing)
    frames_deck: ClassVar[bool] = False
    #: carries the theme logo (content slides; not the cover, dividers or closing)
    shows_logo: ClassVar[bool] = False
    #: opens a part of the deck: numbered, listed in the agenda, selectable by its title
    opens_section: ClassVar[bool] = False
    #: carries the page frame: footer, slide number and date (content slides; not the cover, dividers or closing)
    shows_footer: ClassVar[bool] = True
    text_fields: ClassVar[tuple[str, ...]] = ("title", "commentary", "notes")

    id: str | None = Field(None, min_length=1,
                           description="name for picking the slide (departments' include/skip, --set slides[ID])")
    title: str | None = None
    commentary: str | list[str | LinkedText] | None = Field(
        None, description="text shown on the slide (a list: bullets, each text or {text, link}); may use metrics")
    notes: str | None = Field(None, description="speaker notes; may use metrics")
    department: list[str] | None = Field(
        None, description="among department decks, only in these (the company deck shows every slide)")
    repeat: RepeatSpec | None = Field(None, description="one copy of the slide per group: docs/repeat.md")

    _coerce = field_validator("title", "id", mode="before")(_text)

    @field_validator("department", mode="before")
    @classmethod
    def _one_department(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def metric_references(self) -> Iterator[MetricReference]:
        """Every metric this slide names in a field (not in text templates), for the loader's
        cross-reference check. A kind with metric fields overrides this."""
        return iter(())


class TitleSlide(SlideBase):
    shows_footer: ClassVar[bool] = False
    frames_deck: ClassVar[bool] = True
    text_fields = (*SlideBase.text_fields, "subtitle", "presenter", "date")
    kind: Literal["title"]
    subtitle: str | None = None
    presenter: str | None = None
    date: str | None = None

    _coerce2 = field_validator("subtitle", "presenter", "date", mode="before")(_text)


class AgendaSlide(SlideBase):
    frames_deck: ClassVar[bool] = True
    shows_logo: ClassVar[bool] = True
    text_fields = (*SlideBase.text_fields, "subtitle")
    kind: Literal["agenda"]
    subtitle: str | None = Field("CATALOGUE", description="small heading beside the title")


class SectionSlide(SlideBase):
    shows_footer: ClassVar[bool] = False
    opens_section: ClassVar[bool] = True
    text_fields = (*SlideBase.text_fields, "subtitle", "number")
    kind: Literal["section"]
    title: str
    subtitle: str | None = None
    number: str | None = Field(None, description="override the automatic 'PART 0N'")


class Point(Strict):
    text_fields = ("heading", "text", "figure", "figure_label")
    heading: str
    text: str = ""
    figure: str | None = Field(None, description="a big number shown on the card, e.g. '{{ share | pct }}'")
    figure_label: str | None = None
    link: Link | None = Field(None, description="a URL (http, https, mailto) or {slide: id}: where clicking goes")

    _coerce = field_validator("heading", "text", "figure", "figure_label", mode="before")(_text)


class PointsSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["points"]
    title: str
    points: list[Point] = Field(min_length=2, max_length=6)


class KpiCard(Strict):
    text_fields = ("label", "value", "delta_label", "note")  # a number in 'value' is formatted, not rendered
    label: str
    metric: str | None = Field(None, description="scalar metric shown as the big number")
    value: str | float | None = Field(None, description="literal value or template instead of a metric")
    format: str | None = None
    delta: str | None = Field(None, description="scalar metric: change vs the comparison")
    delta_format: str | None = Field(None, description="default: delta_pct")
    delta_label: str | None = Field("同比", description="what the delta compares against")
    note: str | None = None
    link: Link | None = Field(None, description="a URL (http, https, mailto) or {slide: id}: where clicking goes")

    @model_validator(mode="after")
    def _value_or_metric(self) -> "KpiCard":
        if (self.metric is None) == (self.value is None):
            raise ValueError("give exactly one of 'metric' or 'value'")
        return self

    def metric_references(self) -> Iterator[MetricReference]:
        """The card's value metric and its delta metric."""
        for field in ("metric", "delta"):
            name = getattr(self, field)
            if name:
                yield (field,), name


class KpiSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["kpi"]
    title: str
    cards: list[KpiCard] = Field(min_length=2, max_length=4)

    def metric_references(self) -> Iterator[MetricReference]:
        for j, card in enumerate(self.cards):
            for path, name in card.metric_references():
                yield ("cards", j, *path), name


class ChartSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["chart"]
    title: str
    chart: ChartSpec

    def metric_references(self) -> Iterator[MetricReference]:
        for path, name in self.chart.metric_references():
            yield ("chart", *path), name


class TableSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["table"]
    title: str
    table: TableSpec

    def metric_references(self) -> Iterator[MetricReference]:
        for path, name in self.table.metric_references():
            yield ("table", *path), name


class ChartTextSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["chart_text"]
    title: str
    chart: ChartSpec

    def metric_references(self) -> Iterator[MetricReference]:
        for path, name in self.chart.metric_references():
            yield ("chart", *path), name


class ImageSlide(SlideBase):
    shows_logo: ClassVar[bool] = True
    kind: Literal["image"]
    title: str
    image: ImageSpec | None = None
    images: list[ImageSpec] | ImagesFromData | None = Field(None, description="a grid: files, or a table "
                                                             "metric's image column")

    @model_validator(mode="after")
    def _one_source(self) -> "ImageSlide":
        if (self.image is None) == (self.images is None):
            raise ValueError("give exactly one of 'image' or 'images'")
        if isinstance(self.images, list) and not 1 <= len(self.images) <= MAX_IMAGES_PER_SLIDE:
            raise ValueError(f"'images' lists 1 to {MAX_IMAGES_PER_SLIDE} pictures")
        return self

    def metric_references(self) -> Iterator[MetricReference]:
        if isinstance(self.images, ImagesFromData):
            yield ("images", "metric"), self.images.metric


class ClosingSlide(SlideBase):
    shows_footer: ClassVar[bool] = False
    frames_deck: ClassVar[bool] = True
    text_fields = (*SlideBase.text_fields, "subtitle")
    kind: Literal["closing"]
    title: str = "谢谢"
    subtitle: str | None = None


Slide = Annotated[
    TitleSlide | AgendaSlide | SectionSlide | PointsSlide | KpiSlide | ChartSlide | TableSlide | ChartTextSlide
    | ImageSlide | ClosingSlide,
    Field(discriminator="kind"),
]
#: Every slide model, in the order the docs list them; the one list every other is derived from.
SLIDE_MODELS: tuple[type[SlideBase], ...] = get_args(get_args(Slide)[0])
#: ``kind`` name -> model class.
SLIDE_MODEL_BY_KIND: dict[str, type[SlideBase]] = {
    get_args(m.model_fields["kind"].annotation)[0]: m for m in SLIDE_MODELS}
SLIDE_KINDS: tuple[str, ...] = tuple(SLIDE_MODEL_BY_KIND)


# --------------------------------------------------------------------------- departments
FilterValue = bool | int | float | _dt.date | str

#: Department fields that override the ``deck:`` field of the same name.
DEPARTMENT_DECK_FIELDS = ("title", "subtitle", "presenter", "date", "footer", "theme", "template",
                          "layout_map", "locale")


class DepartmentSpec(Strict):
    """One department's deck: the spec's slides with its own data slice, people and look.

    See ``docs/departments.md``. Every field but ``name`` is optional; ``title`` ..
    ``locale`` replace the ``deck:`` field of the same name, ``variables`` merge into
    ``deck.variables``, ``data`` replaces whole sources by name.
    """

    name: str = Field(min_length=1, description="the department's name, e.g. 美妆个护; --department NAME")
    code: str | None = Field(None, min_length=1, description="short name for file names, e.g. beauty")
    title: str | None = None
    subtitle: str | None = None
    presenter: str | None = None
    date: str | None = None
    footer: str | None = None
    theme: str | ThemeSpec | None = Field(None, description="theme name or inline theme (replaces deck.theme)")
    template: str | None = Field(None, description=".pptx template, relative to the spec file")
    layout_map: str | None = Field(None, description="layout map; default: the template path with .yaml")
    locale: Literal["zh_CN", "en_US"] | None = None
    variables: dict[str, Any] = Field(default_factory=dict, description="merged into deck.variables")
    params: dict[str, Any] = Field(default_factory=dict, description="parameter values for this department")
    filters: dict[str, FilterValue | list[FilterValue]] = Field(
        default_factory=dict, description="column -> value(s), applied to every source that has the column")
    data: dict[str, SourceSpec] = Field(default_factory=dict, description="sources replaced for this department")
    include: list[str] | None = Field(None, description="slide ids or section titles to keep (title, agenda "
                                                        "and closing slides are kept unless skipped)")
    skip: list[str] = Field(default_factory=empty_list, description="slide ids or section titles to leave out")

    _coerce = field_validator("name", "code", "title", "subtitle", "presenter", "date", "footer",
                              mode="before")(_text)

    @field_validator("include", "skip", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        return [_text(v) for v in value] if isinstance(value, list) else value


class DeckSpec(Strict):
    """A whole deck: metadata, data sources, metrics and slides (and, optionally, departments)."""

    deck: DeckMeta
    params: dict[str, ParamSpec] = Field(default_factory=dict,
                                         description="report parameters (year, as_of, ...), set with --param")
    data: dict[str, SourceSpec] = Field(default_factory=dict)
    metrics: dict[str, MetricSpec] = Field(default_factory=dict)
    slides: list[Slide] = Field(min_length=1)
    departments: list[DepartmentSpec] = Field(default_factory=empty_list,
                                              description="one deck per department from the same spec")
