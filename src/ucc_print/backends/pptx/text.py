"""DrawingML text from specs: every run names its Japanese face (a:ea after a:latin) and ja-JP.

PowerPoint applies no kinsoku without lang="ja-JP", and Mac PowerPoint, LibreOffice and Google
Slides fall back badly without an explicit East Asian face (GUIDE.md §5).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ...components import measure
from ...components.spec import HeadingSpec, ListItem, ListSpec, Run, Runs, Spec, TextSpec
from ...design.fonts import FACES
from ...design.theme import TextStyle
from ...design.tokens import Colour
from .units import centipoints, emu

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
LANG = 'lang="ja-JP" altLang="en-US"'
ALIGN = {"left": "l", "right": "r", "center": "ctr", "justify": "just"}


def fill(colour: Colour) -> str:
    """<a:solidFill> of a token colour (its screen RGB)."""
    return f'<a:solidFill><a:srgbClr val="{colour.hex}"/></a:solidFill>'


def fonts_xml(face: str) -> str:
    """latin, ea and cs typefaces, in schema order, as Windows names the bundled face."""
    name = quoteattr(FACES[face].windows_name)
    return f"<a:latin typeface={name}/><a:ea typeface={name}/><a:cs typeface={name}/>"


def run_properties(style: TextStyle, bold: bool, scale: float = 1.0) -> str:
    """Run properties: language, size, weight, colour and the three typefaces."""
    weight = ' b="1"' if bold or style.bold else ' b="0"'
    return (f'<a:rPr {LANG} sz="{centipoints(style.size * scale)}"{weight} dirty="0">'
            f"{fill(style.colour)}{fonts_xml(style.face(bold))}</a:rPr>")


def _broken_runs(runs: tuple[Run, ...], style: TextStyle, width: float) -> tuple[Run, ...]:
    """Runs with a newline where our breaker ends each line: phrase-broken text (titles, headings)
    keeps its phrases whole in PowerPoint too, which would otherwise break anywhere."""
    lines = measure.lines(runs, style, width)
    if len(lines) < 2:
        return runs
    broken: list[Run] = []
    for number, line in enumerate(lines):
        for span in line.spans:
            text = ("\n" if number and span is line.spans[0] else "") + span.text
            broken.append(Run(text, FACES[span.font].bold and not style.bold, span.size / style.size))
    return tuple(broken)


def runs_xml(runs: tuple[Run, ...], style: TextStyle) -> str:
    """Runs, with a line break (a:br) wherever the text has a newline."""
    parts: list[str] = []
    for run in runs:
        for index, piece in enumerate(run.text.split("\n")):
            if index:
                parts.append(f"<a:br>{run_properties(style, run.bold, run.scale)}</a:br>")
            if piece:
                parts.append(f"<a:r>{run_properties(style, run.bold, run.scale)}<a:t>{escape(piece)}</a:t></a:r>")
    return "".join(parts)


def spacing(style: TextStyle, before: float, after: float) -> str:
    """Line pitch and paragraph spacing in points (so PowerPoint sets the lines we measured)."""
    return (f'<a:lnSpc><a:spcPts val="{centipoints(style.leading)}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{centipoints(before)}"/></a:spcBef>'
            f'<a:spcAft><a:spcPts val="{centipoints(after)}"/></a:spcAft>')


def _indent(spec: Spec) -> float:
    return measure.heading_indent(spec) if isinstance(spec, HeadingSpec) else 0.0


def _paragraph(runs: Runs, style: TextStyle, before: float, after: float, margin: float = 0.0,
               first_line: float | None = None, bullet: str = "<a:buNone/>", level: int = 0) -> str:
    """One a:p: `margin` is the text's left edge, `first_line` the first line's offset from it."""
    offset = style.first_indent if first_line is None else first_line
    return (f'<a:p><a:pPr marL="{emu(margin)}" lvl="{level}" indent="{emu(offset)}" '
            f'algn="{ALIGN.get(style.align, "l")}">{spacing(style, before, after)}{bullet}</a:pPr>'
            f'{runs_xml(runs, style)}<a:endParaRPr {LANG} sz="{centipoints(style.size)}" dirty="0"/></a:p>')


#: The numbers DrawingML autonumbering may start at.
AUTONUMBER_RANGE = range(1, 32768)


def _bullet(spec: ListSpec, item: ListItem) -> tuple[str, str]:
    """A list marker PowerPoint keeps when staff edit (the 中黒 as a character, numbers as
    autonumber), and any marker text the paragraph itself must carry instead."""
    face = quoteattr(FACES[spec.style.face()].windows_name)
    number = item.marker[:-1]
    if item.marker.endswith(".") and number.isdigit():
        if int(number) in AUTONUMBER_RANGE:
            return f'<a:buFont typeface={face}/><a:buAutoNum type="arabicPeriod" startAt="{int(number)}"/>', ""
        return "<a:buNone/>", f"{item.marker} "  # outside what autonumbering can show: plain text
    return f"<a:buFont typeface={face}/><a:buChar char={quoteattr(item.marker)}/>", ""


def paragraphs(specs: Sequence[Spec], width: float) -> str:
    """Paragraph XML for text set `width` pt wide: paragraphs, list items (hanging), sub-headings."""
    parts: list[str] = []
    for index, spec in enumerate(specs):
        if not isinstance(spec, (TextSpec, ListSpec, HeadingSpec)):
            raise TypeError(f"not a text spec: {type(spec).__name__}")
        before = spec.style.space_before if index else 0.0
        if spec.style.phrases and isinstance(spec, (TextSpec, HeadingSpec)):
            runs = spec.runs if isinstance(spec, TextSpec) else (Run(spec.label),)
            spec = TextSpec(_broken_runs(runs, spec.style, width - _indent(spec)), spec.style)
        if isinstance(spec, ListSpec):
            for position, item in enumerate(spec.items):
                bullet, marker = _bullet(spec, item)
                runs = ((Run(marker),) if marker else ()) + item.runs
                parts.append(_paragraph(runs, spec.style, before if position == 0 else 0.0,
                                        spec.style.space_after, margin=spec.indent(item), first_line=-spec.hang,
                                        bullet=bullet, level=min(item.level, 8)))
        elif isinstance(spec, HeadingSpec):
            parts.append(_paragraph((Run(spec.label),), spec.style, before, spec.style.space_after))
        elif isinstance(spec, TextSpec):
            parts.append(_paragraph(spec.runs, spec.style, before, spec.style.space_after))
    return "".join(parts) or f"<a:p><a:endParaRPr {LANG}/></a:p>"
