"""The spec vocabulary every backend renders: text, lists, headings, tables, key-value blocks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..content.model import Where
from ..content.richtext import ListItem, Run, Runs
from ..design import fonts
from ..design.theme import Rule, TextStyle
from ..design.tokens import Colour, PageGrid
from .shapes import Shape


@dataclass(frozen=True)
class TextSpec:
    """One paragraph of runs in one style."""

    runs: Runs
    style: TextStyle

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class ListSpec:
    """A bulleted or numbered list; each item carries its marker and nesting level."""

    items: tuple[ListItem, ...]
    style: TextStyle

    @cached_property
    def hang(self) -> float:
        """Room for the markers: the widest one plus a small gap, one value for the whole list."""
        widest = max((fonts.text_width(item.marker, self.style.face(), self.style.size) for item in self.items),
                     default=0.0)
        return max(widest + self.style.size * 0.3, self.style.size)

    def indent(self, item: ListItem) -> float:
        """Left edge of an item's text: one em per nesting level plus the hang."""
        return item.level * self.style.size + self.hang


@dataclass(frozen=True)
class HeadingSpec:
    """A section heading, optionally numbered, with an accent bar at its left."""

    text: str
    style: TextStyle
    level: int = 2
    number: str | None = None
    bar: Rule | None = None

    @property
    def label(self) -> str:
        return f"{self.number}　{self.text}" if self.number else self.text


def plain_text(spec: Spec) -> str:
    """The words of a text spec, for messages."""
    if isinstance(spec, ListSpec):
        return "".join(run.text for item in spec.items for run in item.runs)
    if isinstance(spec, HeadingSpec):
        return spec.label
    return getattr(spec, "text", "")


#: A text block: a paragraph, a list or a heading (what Markdown gives, what a cell holds).
TextBlockSpec = TextSpec | ListSpec | HeadingSpec
#: What a table or key-value cell holds: text blocks.
Cell = tuple[TextBlockSpec, ...]


@dataclass(frozen=True)
class Column:
    """A table column: header text and alignment (its width comes from its content)."""

    title: str
    align: str = "left"


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    #: Drawn with the emphasis fill (the host city's row).
    emphasis: bool = False
    #: Columns drawn with the emphasis fill although the row is not (the host among cities set
    #: several to a row).
    emphasised: tuple[int, ...] = ()
    #: Where the row's content was written, for a row that cannot be laid out.
    source: Where | None = None


@dataclass(frozen=True)
class TableSpec:
    """A data table; its header row repeats on every page or slide it continues onto."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    header_style: TextStyle
    cell_style: TextStyle
    frame_rule: Rule
    row_rule: Rule
    pad_x: float
    pad_y: float
    header_fill: Colour | None = None
    band_fill: Colour | None = None
    emphasis_fill: Colour | None = None
    show_header: bool = True
    note: TextSpec | None = None
    #: Each column's share of the width, fixed (the parts of a table continued on several slides);
    #: otherwise the columns are sized from their content.
    shares: tuple[float, ...] | None = None
    #: Where a cell's text sits when its row is taller: middle (ctr) or top (t), as a letter's 記 has it.
    valign: str = "ctr"

    def row_fill(self, index: int) -> Colour | None:
        """The fill of body row `index`: emphasis first, then banding of every second row."""
        if self.rows[index].emphasis and self.emphasis_fill:
            return self.emphasis_fill
        if self.band_fill and index % 2 == 1:
            return self.band_fill
        return None

    def cell_fill(self, index: int, column: int) -> Colour | None:
        """The fill of one cell of body row `index`: its row's, unless its column is emphasised."""
        if column in self.rows[index].emphasised and self.emphasis_fill:
            return self.emphasis_fill
        return self.row_fill(index)


@dataclass(frozen=True)
class KeyValueSpec:
    """Labelled rows (開催概要): a shaded key column and a value column of text blocks."""

    rows: tuple[tuple[str, Cell], ...]
    key_style: TextStyle
    key_fill: Colour
    frame_rule: Rule
    row_rule: Rule
    pad_x: float
    pad_y: float
    #: A form's full ruling: an outer frame and a rule between each label and its value.
    ruled: bool = False
    #: The key column's width, when a document aligns its blocks (else sized from the keys).
    key_width: float | None = None


@dataclass(frozen=True)
class PageBreakSpec:
    """Start a new page (print) or slide; with a grid, on pages of that size from here on."""

    grid: PageGrid | None = None


@dataclass(frozen=True)
class Band:
    """One horizontal band of a drawing (a row of seats): its height and shapes, in pt from its top."""

    height: float
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class ChartSpec:
    """A drawing made of bands (the seating chart): drawn smaller to fit, down to `floor`, and
    continued band by band across pages when taller than a page even then."""

    width: float
    bands: tuple[Band, ...]
    floor: float = 1.0

    @property
    def height(self) -> float:
        return sum(band.height for band in self.bands)


Spec = TextSpec | ListSpec | HeadingSpec | TableSpec | KeyValueSpec | PageBreakSpec | ChartSpec

__all__ = [
    "Band", "Cell", "ChartSpec", "Column", "HeadingSpec", "KeyValueSpec", "ListItem", "ListSpec", "PageBreakSpec",
    "Row", "Run", "Runs", "Spec", "TableSpec", "TextBlockSpec", "TextSpec",
]
