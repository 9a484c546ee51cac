"""What a lint rule reports (:class:`Finding`), and the per-slide context every rule gets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from deckbuilder.deck.geometry import EMU_PER_PT
from deckbuilder.deck.text_cascade import TextCascade
from deckbuilder.tools.lint.shapes import ShapeFacts

#: Geometry closer than this (1 pt) is noise from rounding, not a layout problem.
TOLERANCE_EMU = 12700
#: Measured text may exceed the box by this much before it counts as overflow.
TEXT_TOLERANCE_PT = 1.0
MIN_FONT_PT = 12.0
EMU_PER_CM = 360000


@dataclass(frozen=True)
class Finding:
    """One problem on one slide."""

    slide: int  # 1-based, as PowerPoint numbers slides
    shape: str
    rule: str
    message: str
    severity: str = "warning"  # "error" | "warning"

    def __str__(self) -> str:
        return f"slide {self.slide}: {self.shape}: {self.severity}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        return asdict(self)


def format_findings(findings: Sequence[Finding]) -> str:
    """One line per finding plus a count, for the CLI."""
    if not findings:
        return "no problems found\n"
    errors = sum(f.severity == "error" for f in findings)
    tail = f"{len(findings)} problem(s): {errors} error(s), {len(findings) - errors} warning(s)"
    return "\n".join([str(f) for f in findings] + [tail]) + "\n"


@dataclass
class SlideCheck:
    """One slide being linted: its number, the slide, the deck's text cascade, the options, and
    what the pass has read about its shapes."""

    number: int
    slide: object
    styles: TextCascade
    slide_box: tuple[int, int, int, int]  # 0, 0, slide width, slide height (EMU)
    min_font_pt: float = MIN_FONT_PT
    facts: ShapeFacts = field(default_factory=ShapeFacts)

    def finding(self, shape, rule: str, message: str, severity: str = "warning") -> Finding:
        return Finding(self.number, str(shape.name), rule, message, severity)


def pt_cm(points: float) -> str:
    """A length in points, with centimetres, for messages."""
    return f"{points:.1f} pt ({points * EMU_PER_PT / EMU_PER_CM:.2f} cm)"
