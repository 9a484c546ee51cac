"""Charts Office cannot draw natively (histogram, heatmap, small multiples), drawn by matplotlib as a picture.

The picture uses the deck's theme (palette, text and muted colours) and its fonts (the
East Asian typeface for Chinese), is rendered at :data:`IMAGE_DPI` (sharp on a 4K
projector across the slide), with fixed metadata so identical input gives identical
bytes, and carries alt text naming what it shows. Matplotlib is imported only when a
deck has such a chart.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.text_style import Fonts
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.families import ChartFamily, RoundFamily
from deckbuilder.render.charts.image_kinds import DRAWERS, PictureStyle
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: chart types drawn as pictures
IMAGE_TYPES = ("histogram", "heatmap", "box", "funnel")
IMAGE_DPI = 288  # 3840 px across a 13.33 in slide: a 4K projector's width
EMU_PER_INCH = 914400
TEXT_PT = 12


def add_image_chart(slide, box: Box, spec: ChartSpec, table: SeriesTable, *, theme: ThemeSpec, fonts: Fonts,
                    scale: float = 1.0, title: str = "", x_title: str = "", y_title: str = "",
                    style: PictureStyle | None = None, alt: str = ""):
    """Draw *table* as a picture filling *box*, with *alt* as its alt text; returns the picture shape.

    Histograms and heatmaps plot values times *scale*; the other types (``render: image``)
    take *table* in the data's own units and label it through *style*."""
    png = image_chart_png(spec, table, theme=theme, fonts=fonts, scale=scale, size=(box.width, box.height),
                          title=title, x_title=x_title, y_title=y_title, style=style)
    picture = slide.shapes.add_picture(io.BytesIO(png), box.left, box.top, box.width, box.height)
    picture.name = xml_text(f"Chart: {title or spec.type}")
    set_alt_text(picture, xml_text(alt or title or spec.type))
    return picture


LEGEND_PLACES: dict[str, dict[str, Any]] = {
    "bottom": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.08)},
    "top": {"loc": "lower center", "bbox_to_anchor": (0.5, 1.0)},
    "right": {"loc": "center left", "bbox_to_anchor": (1.0, 0.5)},
    "left": {"loc": "center right", "bbox_to_anchor": (-0.08, 0.5)},
}


def image_chart_png(spec: ChartSpec, table: SeriesTable, *, theme: ThemeSpec, fonts: Fonts, scale: float,
                    size: tuple[int, int], title: str = "", x_title: str = "", y_title: str = "",
                    style: PictureStyle | None = None) -> bytes:
    """The chart as PNG bytes, *size* in EMU; the same input always gives the same bytes."""
    # A picture's texts follow the rule of every text in the package (deck/xml_text.py): a control
    # character from the data would otherwise be drawn as a missing-glyph box.
    table = replace(table, categories=[xml_text(c) for c in table.categories],
                    series=[(xml_text(name), values) for name, values in table.series])
    title, x_title, y_title = xml_text(title), xml_text(x_title), xml_text(y_title)
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    rc: dict[str, Any] = {"font.family": [fonts.latin, fonts.east_asian, "sans-serif"], "font.size": TEXT_PT,
          "axes.edgecolor": "#D9D9D9", "axes.labelcolor": "#" + theme.colors.muted,
          "xtick.color": "#" + theme.colors.text, "ytick.color": "#" + theme.colors.text,
          "text.color": "#" + theme.colors.text, "svg.hashsalt": "deckbuilder",
          "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]  # matplotlib types the keys as a Literal
        figure = Figure(figsize=(size[0] / EMU_PER_INCH, size[1] / EMU_PER_INCH), dpi=IMAGE_DPI,
                        facecolor="#" + theme.colors.background)
        if spec.faceted:
            _small_multiples(figure, spec, table, theme, fonts, style, size, title=title, x_title=x_title,
                             y_title=y_title)
            return _png(figure)
        axes = figure.add_subplot()
        axes.set_facecolor("#" + theme.colors.background)
        if spec.type == "histogram":
            _histogram(axes, spec, table, theme, scale)
        elif spec.type == "heatmap":
            _heatmap(axes, figure, table, theme, scale)
        else:
            from deckbuilder.render.charts.kinds import CHART_KINDS  # kinds imports this module

            kind = CHART_KINDS[spec.type]
            DRAWERS[spec.type](axes, spec, kind, table, style or PictureStyle(theme, lambda v: f"{v:,.4g}"))
            legend = spec.legend or ("bottom" if len(table.series) > 1 and spec.type not in ("box", "funnel")
                                     and not isinstance(kind.family, RoundFamily) else "none")
            if legend != "none" and not isinstance(kind.family, RoundFamily):
                axes.legend(frameon=False, ncol=len(table.series) if legend in ("top", "bottom") else 1,
                            **LEGEND_PLACES[legend])
        # Axis titles are never turned sideways: the value axis's is read above the plot, left.
        heading = "\n".join(filter(None, (title, y_title)))
        if heading:
            axes.set_title(heading, loc="left", fontsize=TEXT_PT + (2 if title else 0),
                           fontweight="bold" if title else "normal",
                           color="#" + (theme.colors.text if title else theme.colors.muted))
        if x_title:
            axes.set_xlabel(x_title)
        figure.tight_layout()
        return _png(figure)


def _png(figure) -> bytes:
    """The figure as PNG bytes with no software name or date: identical input, identical bytes."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=IMAGE_DPI, metadata={"Software": None})
    return out.getvalue()


def _small_multiples(figure, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec, fonts: Fonts,
                     style: PictureStyle | None, size: tuple[int, int], *, title: str, x_title: str,
                     y_title: str) -> None:
    """``facet:``: a panel per series, the chart's title and value-axis title above them all."""
    from deckbuilder.render.charts.kinds import CHART_KINDS  # kinds imports this module
    from deckbuilder.render.charts.small_multiples import draw_small_multiples

    for_panels = style or PictureStyle(theme, lambda v: f"{v:,.4g}")
    inches = (size[0] / EMU_PER_INCH, size[1] / EMU_PER_INCH)
    draw_small_multiples(figure, spec, CHART_KINDS[spec.type], table, for_panels, fonts, inches)
    heading = "\n".join(filter(None, (title, y_title)))
    if heading:
        figure.suptitle(heading, x=0.01, ha="left", fontsize=TEXT_PT + (2 if title else 0),
                        fontweight="bold" if title else "normal",
                        color="#" + (theme.colors.text if title else theme.colors.muted))
    if x_title:
        figure.supxlabel(x_title, fontsize=TEXT_PT, color="#" + theme.colors.muted)
    figure.tight_layout(w_pad=2.5, h_pad=1.0)  # a panel's last tick apart from the next panel's first


def _histogram(axes: Axes, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec, scale: float) -> None:
    """How the values of each series fall into bins (counts on the value axis, from zero)."""
    from matplotlib.ticker import FuncFormatter

    for i, (name, values) in enumerate(table.series):
        numbers = [v * scale for v in values if v is not None and math.isfinite(v)]
        axes.hist(numbers, bins=spec.bins or "auto", color="#" + theme.palette[i % len(theme.palette)],
                  edgecolor="#" + theme.colors.background, alpha=1.0 if len(table.series) == 1 else 0.7,
                  label=name)
    axes.set_ylim(bottom=0)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.10g}"))  # 1,500,000, not 1.5 1e6
    axes.grid(axis="y", color="#D9D9D9")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(table.series) > 1:
        axes.legend(frameon=False)


def _heatmap(axes: Axes, figure, table: SeriesTable, theme: ThemeSpec, scale: float) -> None:
    """Rows are the categories, columns the series; each cell shaded from white to the primary colour."""
    from matplotlib.colors import LinearSegmentedColormap, to_rgb

    grid = [[math.nan if (v := values[r]) is None else v * scale for _, values in table.series]
            for r in range(len(table.categories))]
    colormap = LinearSegmentedColormap.from_list("theme", ["#FFFFFF", "#" + theme.colors.primary])
    image = axes.imshow(grid, cmap=colormap, aspect="auto")
    axes.set_xticks(range(len(table.series)), [name for name, _ in table.series])
    axes.set_yticks(range(len(table.categories)), table.categories)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    finite = [v for row in grid for v in row if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if not math.isfinite(value):
                continue
            share = 0.0 if high == low else (value - low) / (high - low)
            shade = [1 - share * (1 - x) for x in to_rgb("#" + theme.colors.primary)]
            luminance = 0.2126 * shade[0] + 0.7152 * shade[1] + 0.0722 * shade[2]
            axes.text(c, r, f"{value:,.4g}", ha="center", va="center",
                      color="white" if luminance < 0.55 else "#" + theme.colors.text)
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)


class ImageFamily(ChartFamily):
    """Charts drawn as pictures by :func:`add_image_chart`; nothing of a native chart to style."""

    def default_legend(self, n_series: int) -> str:
        return "none"

    def style_series(self, plot, kind, spec, table, theme) -> None:  # noqa: D102 - never a native plot
        raise NotImplementedError("image charts are pictures")

    def style_labels(self, plot, kind, spec, number_format, palette) -> None:  # noqa: D102
        raise NotImplementedError("image charts are pictures")
