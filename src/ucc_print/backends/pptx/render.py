"""Slide specs → an editable .pptx: text in placeholders, a native table, native timeline shapes."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.serialized import PackageWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

from ...components.measure import column_widths, header_cell
from ...components.slides import PictureSpec, SlideSpec, SlideTable, TimelineSpec
from ...components.spec import Run, Spec, TableSpec, TextSpec
from ...design.geometry import Box
from ...design.theme import Rule, Theme
from ...design.tokens import Colour
from ...zipped import zip_bytes
from .master import FOOTER_IDX, NUMBER_IDX, PLACEHOLDERS, new_presentation, slide_number
from .text import NS, fill, paragraphs, runs_xml
from .units import emu

#: Width of the notes page's text box (for phrase-broken sub-headings in notes).
NOTES_WIDTH = 440.0


@dataclass(frozen=True)
class DeckInfo:
    """Document properties."""

    title: str
    author: str
    subject: str
    date: dt.date


def _set_paragraphs(text_body: Any, specs: Sequence[Spec], width: float) -> None:
    """Replace a txBody's paragraphs with ours (set `width` pt wide)."""
    for paragraph in text_body.findall(qn("a:p")):
        text_body.remove(paragraph)
    holder = parse_xml(f"<p:txBody {NS}>{paragraphs(specs, width)}</p:txBody>".encode())
    for paragraph in holder.findall(qn("a:p")):
        text_body.append(paragraph)


def _placeholders(slide: Slide) -> dict[str, Any]:
    """The slide's placeholders by role (each shape's idx read once: python-pptx asks by XPath)."""
    by_idx = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
    return {role: by_idx[idx] for role, (_type, idx) in PLACEHOLDERS.items() if idx in by_idx}


def _next_id(slide: Slide) -> int:
    return max(int(element.get("id")) for element in slide.shapes._spTree.iter(qn("p:cNvPr"))) + 1


def _footer(slide: Slide, spec: SlideSpec, theme: Theme) -> None:
    """Footer text and slide number, as placeholders cloned from the layout (geometry inherited)."""
    style = theme.style("slide-footer").but(colour=spec.layout.footer_colour)
    # python-pptx 1.0 annotates LayoutPlaceholders.__iter__ without self
    for layout_shape in slide.slide_layout.placeholders:  # type: ignore[misc]
        idx = layout_shape.placeholder_format.idx
        if idx not in (FOOTER_IDX, NUMBER_IDX):
            continue
        element = copy.deepcopy(layout_shape._element)
        element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(_next_id(slide)))
        element.replace(element.find(qn("p:spPr")), parse_xml(f"<p:spPr {NS}/>".encode()))
        body = element.find(qn("p:txBody"))
        body.remove(body.find(qn("a:lstStyle")))
        body.insert(1, parse_xml(f"<a:lstStyle {NS}/>".encode()))
        if idx == FOOTER_IDX:
            xml = f'<a:p><a:pPr algn="l"/>{runs_xml((Run(spec.footer),), style)}</a:p>'
        else:
            xml = slide_number(style.but(align="right"), str(spec.number))
        for paragraph in body.findall(qn("a:p")):
            body.remove(paragraph)
        body.append(parse_xml(f"<p:txBody {NS}>{xml}</p:txBody>".encode())[0])
        slide.shapes._spTree.append(element)


def _cell_properties(table: TableSpec, fill_colour: Colour | None, top: Rule | None, bottom: Rule | None) -> str:
    """tcPr: margins, centring, rules above and below only, and the fill."""
    def line(tag: str, rule: Rule | None) -> str:
        if rule is None:
            return f'<a:{tag} w="0"><a:noFill/></a:{tag}>'
        return f'<a:{tag} w="{emu(rule.width)}" cmpd="sng">{fill(rule.colour)}</a:{tag}>'

    background = fill(fill_colour) if fill_colour else "<a:noFill/>"
    return (f'<a:tcPr marL="{emu(table.pad_x)}" marR="{emu(table.pad_x)}" marT="{emu(table.pad_y)}" '
            f'marB="{emu(table.pad_y)}" anchor="ctr">{line("lnL", None)}{line("lnR", None)}'
            f'{line("lnT", top)}{line("lnB", bottom)}{background}</a:tcPr>')


#: The table style python-pptx gives a new table (PowerPoint's Medium Style 2 – Accent 1); our
#: cells set their own fills and rules, and the first-row and banding flags are off.
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"


def _table(slide: Slide, placed: SlideTable) -> None:
    """The native table in the table placeholder: fills, rules, margins and row heights from the
    spec, written as one piece of XML (python-pptx's cell by cell API took most of a deck's time)."""
    spec = placed.table
    heights = placed.heights
    frame = _placeholders(slide)["table"].insert_table(1, 1)
    widths = column_widths(spec, placed.box.w)
    frame.width = sum(emu(width) for width in widths)  # as PowerPoint keeps it: the columns' sum
    frame.height = emu(sum(heights))
    rows = ([(None, [header_cell(c, spec) for c in spec.columns])] if spec.show_header else []) + [
        (index, list(row.cells)) for index, row in enumerate(spec.rows)]
    xml = [f"<a:tbl><a:tblPr><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>",
           *(f'<a:gridCol w="{emu(width)}"/>' for width in widths), "</a:tblGrid>"]
    for r, ((body_index, cells), height) in enumerate(zip(rows, heights, strict=True)):
        colour = spec.header_fill if body_index is None else spec.row_fill(body_index)
        top = spec.frame_rule if r == 0 else None
        bottom = spec.frame_rule if r == len(rows) - 1 else spec.row_rule
        xml.append(f'<a:tr h="{emu(height)}">')
        for c, cell_specs in enumerate(cells):
            aligned = [TextSpec(s.runs, s.style.but(align=spec.columns[c].align)) if isinstance(s, TextSpec) else s
                       for s in cell_specs]
            fill_colour = colour if body_index is None else spec.cell_fill(body_index, c)
            xml.append(f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs(aligned, widths[c] - 2 * spec.pad_x)}"
                       f"</a:txBody>{_cell_properties(spec, fill_colour, top, bottom)}</a:tc>")
        xml.append("</a:tr>")
    xml.append("</a:tbl>")
    table = frame._element.graphic.graphicData.tbl
    table.getparent().replace(table, parse_xml(f"<p:txBody {NS}>{''.join(xml)}</p:txBody>".encode())[0])
    if spec.note is not None and placed.note_box:
        _text_box(slide, placed.note_box, [spec.note], "Table Note")


def _text_box(slide: Slide, box: Box, specs: Sequence[Spec], name: str, anchor: str = "t") -> None:
    """A text box (a native object staff can edit) holding specs."""
    shape = slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = name
    body = shape.text_frame._txBody
    for inset in ("lIns", "tIns", "rIns", "bIns"):
        body.bodyPr.set(inset, "0")
    body.bodyPr.set("wrap", "square")
    body.bodyPr.set("anchor", anchor)
    for fit in list(body.bodyPr):
        body.bodyPr.remove(fit)  # python-pptx's spAutoFit would resize the box at the first edit
    body.bodyPr.append(parse_xml(f"<a:noAutofit {NS}/>".encode()))
    _set_paragraphs(body, specs, box.w)


def _filled_shape(slide: Slide, kind: MSO_SHAPE, box: Box, colour: Colour, name: str) -> None:
    shape = slide.shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _rgb(colour: Colour) -> RGBColor:
    return RGBColor(*colour.rgb)  # type: ignore[no-untyped-call]  # python-pptx leaves RGBColor unannotated


def _timeline(slide: Slide, timeline: TimelineSpec) -> None:
    """The line, a dot per milestone, and text boxes for years and texts (all editable)."""
    _filled_shape(slide, MSO_SHAPE.RECTANGLE, timeline.line, timeline.line_colour, "Timeline")
    for index, milestone in enumerate(timeline.milestones):
        _filled_shape(slide, MSO_SHAPE.OVAL, milestone.dot, timeline.dot_colour, f"Milestone {index + 1}")
        _text_box(slide, milestone.year_box, [milestone.year], f"Year {index + 1}", "ctr")
        below = [milestone.title] + ([milestone.detail] if milestone.detail else [])
        _text_box(slide, milestone.text_box, below, f"Milestone text {index + 1}", "ctr")


def _picture(slide: Slide, picture: PictureSpec) -> None:
    box = picture.box
    shape = slide.shapes.add_picture(str(picture.path), emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = picture.path.name
    shape._element.nvPicPr.cNvPr.set("descr", picture.alt)  # type: ignore[union-attr]  # untyped oxml child


def _notes(slide: Slide, notes: list[Spec]) -> None:
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # python-pptx's default notes master, which every notes slide copies, has one
    _set_paragraphs(frame._txBody, notes, NOTES_WIDTH)


def _slide(presentation: Presentation, layouts: dict[str, SlideLayout], spec: SlideSpec, theme: Theme) -> None:
    slide = presentation.slides.add_slide(layouts[spec.layout.name])
    used = set(spec.text) | ({"table"} if spec.table else set())
    shapes = _placeholders(slide)
    for placeholder in spec.layout.placeholders:
        shape = shapes.get(placeholder.role)
        if shape is None:
            continue
        if placeholder.role not in used:
            shape._element.getparent().remove(shape._element)  # no empty "click to add" boxes
        elif placeholder.role in spec.text:
            _set_paragraphs(shape.text_frame._txBody, spec.text[placeholder.role], placeholder.box.w)
    if spec.table:
        _table(slide, spec.table)
    if spec.timeline:
        _timeline(slide, spec.timeline)
    for picture in spec.pictures:
        _picture(slide, picture)
    if spec.footer:
        _footer(slide, spec, theme)
    if spec.notes:
        _notes(slide, spec.notes)


def _app_properties(presentation: Presentation, slides: list[SlideSpec]) -> None:
    """docProps/app.xml telling the truth (the template's says 4:3, no slides)."""
    notes = sum(1 for spec in slides if spec.notes)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           "<Application>ucc-print</Application><PresentationFormat>ワイド画面</PresentationFormat>"
           f"<Slides>{len(slides)}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
           "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
    for part in presentation.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = xml.encode()


def render(slides: list[SlideSpec], theme: Theme, info: DeckInfo) -> bytes:
    """The slides as .pptx bytes (byte-identical for the same specs)."""
    presentation = new_presentation(theme, "ucc-print")
    layouts = {layout.name: layout for layout in presentation.slide_layouts}
    for spec in slides:
        _slide(presentation, layouts, spec, theme)
    properties = presentation.core_properties
    moment = dt.datetime.combine(info.date, dt.time(9, 0))
    properties.title = info.title
    properties.author = info.author
    properties.subject = info.subject
    properties.last_modified_by = "ucc-print"
    properties.language = "ja-JP"
    properties.revision = 1
    properties.comments = "ucc-print が content/ から作成（編集してかまいません）"
    properties.created = properties.modified = moment
    _app_properties(presentation, slides)
    return _saved(presentation)


class _Entries:
    """Where python-pptx's package writer puts each part and its relationships, in its order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:  # python-pptx's physical writer's name
        self.entries.append((pack_uri.membername, blob))


def _saved(presentation: Presentation) -> bytes:
    """The .pptx python-pptx would save, zipped once and reproducibly (fixed times, its part order)
    rather than saved, read back and zipped again."""
    package = presentation.part.package
    sink = _Entries()
    # what PackageWriter.write does, into a list rather than a zip (the sink stands for its file)
    writer = PackageWriter(sink, package._rels, tuple(package.iter_parts()))  # type: ignore[arg-type]
    writer._write_content_types_stream(sink)  # type: ignore[arg-type]
    writer._write_pkg_rels(sink)  # type: ignore[arg-type]
    writer._write_parts(sink)  # type: ignore[arg-type]
    return zip_bytes(sink.entries)
