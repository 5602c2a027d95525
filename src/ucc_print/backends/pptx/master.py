"""The slide master, its named layouts and the theme, generated from the design (design/slides.py).

python-pptx cannot create layouts, so the default template's parts are rewritten: the master and
seven layouts get our XML, the four left over are removed, and the theme gets our colours and
the bundled face under the name Windows knows it by (for major and minor, latin and ea).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation

from ...design.fonts import FACES
from ...design.geometry import Box
from ...design.slides import (
    BODY_BOX,
    FOOTER_BOX,
    LAYOUTS,
    NUMBER_BOX,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    TITLE_BOX,
    Decoration,
    SlideLayout,
)
from ...design.theme import TextStyle, Theme
from ...design.tokens import Colour, Palette
from .text import ALIGN, LANG, NS, fill, fonts_xml, run_properties, spacing
from .units import centipoints, emu

#: Placeholder role → (ph type, idx) in every layout and slide.
PLACEHOLDERS = {
    "title": ("title", 0),
    "subtitle": ("body", 1),
    "body": ("body", 1),
    "left": ("obj", 1),  # content placeholders: staff can put text or a picture in either column
    "right": ("obj", 2),
    "table": ("tbl", 1),
    "presenter": ("body", 13),
}
FOOTER_IDX, NUMBER_IDX = 11, 12
#: What an empty placeholder says in PowerPoint's editing view.
PROMPTS = {
    "title": "タイトルを入力", "subtitle": "サブタイトルを入力", "body": "テキストを入力",
    "left": "テキストを入力", "right": "テキストまたは画像", "table": "表を挿入", "presenter": "日付・発表者",
}
#: Fixed field id for slide numbers (a GUID that never changes keeps the .pptx reproducible).
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
          '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
          '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def xfrm(box: Box) -> str:
    return (f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
            f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></a:xfrm>')


def _level_style(style: TextStyle, level: int = 1, bullet: str = "<a:buNone/>", margin: float = 0,
                 indent: float = 0, fonts: str = "mn") -> str:
    """An a:lvlNpPr giving a placeholder's text its style (for text staff type in later);
    `fonts` is the theme's minor (mn) or major (mj) font."""
    align = ALIGN.get(style.align, "l")
    return (f'<a:lvl{level}pPr marL="{emu(margin)}" indent="{emu(indent)}" algn="{align}" eaLnBrk="1" '
            f'latinLnBrk="0" hangingPunct="1">{spacing(style, 0, style.space_after)}{bullet}'
            f'<a:defRPr sz="{centipoints(style.size)}" b="{int(style.bold)}" kern="1200">{fill(style.colour)}'
            f'<a:latin typeface="+{fonts}-lt"/><a:ea typeface="+{fonts}-ea"/><a:cs typeface="+{fonts}-cs"/>'
            f"</a:defRPr></a:lvl{level}pPr>")


def _placeholder(shape_id: int, name: str, ph: str, box: Box | None, body_pr: str, lst_style: str,
                 text: str = "") -> str:
    sp_pr = f'<p:spPr>{xfrm(box)}</p:spPr>' if box else "<p:spPr/>"
    paragraph = text or f"<a:p><a:endParaRPr {LANG}/></a:p>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>{sp_pr}'
            f"<p:txBody>{body_pr}<a:lstStyle>{lst_style}</a:lstStyle>{paragraph}</p:txBody></p:sp>")


def _body_pr(anchor: str = "t", autofit: bool = True) -> str:
    """Zero insets (the specs' boxes are the text's boxes) and the vertical anchor."""
    fit = "<a:normAutofit/>" if autofit else "<a:noAutofit/>"
    return f'<a:bodyPr vert="horz" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="{anchor}">{fit}</a:bodyPr>'


def _prompt(role: str, face: str) -> str:
    """The grey prompt PowerPoint shows in an empty placeholder, in Japanese, in our face."""
    return (f'<a:p><a:r><a:rPr {LANG} dirty="0">{fonts_xml(face)}</a:rPr><a:t>{escape(PROMPTS[role])}</a:t>'
            f'</a:r><a:endParaRPr {LANG} dirty="0"/></a:p>')


def slide_number(style: TextStyle, text: str) -> str:
    """A paragraph holding the slide-number field (PowerPoint keeps it current)."""
    return (f'<a:p><a:pPr algn="r"/><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
            f"{run_properties(style, False)}<a:t>{escape(text)}</a:t></a:fld><a:endParaRPr {LANG}/></a:p>")


def _footer_shapes(theme: Theme, colour: Colour, start_id: int) -> str:
    """Footer and slide-number placeholders (what PowerPoint's Header & Footer dialog fills)."""
    style = theme.style("slide-footer").but(colour=colour)
    number_style = style.but(align="right")
    return (
        _placeholder(start_id, "Footer Placeholder", f'<p:ph type="ftr" sz="quarter" idx="{FOOTER_IDX}"/>',
                     FOOTER_BOX, _body_pr("ctr", False), _level_style(style))
        + _placeholder(start_id + 1, "Slide Number Placeholder",
                       f'<p:ph type="sldNum" sz="quarter" idx="{NUMBER_IDX}"/>', NUMBER_BOX, _body_pr("ctr", False),
                       _level_style(number_style), slide_number(number_style, "‹#›"))
    )


def decoration_xml(decoration: Decoration, shape_id: int) -> str:
    """A filled rectangle without text."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(decoration.name)}/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(decoration.box)}<a:prstGeom prst="rect">'
            f"<a:avLst/></a:prstGeom>{fill(decoration.colour)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>")


def layout_xml(layout: SlideLayout, theme: Theme) -> str:
    """One named layout: background, decorations, placeholders with their text styles, footer."""
    shapes: list[str] = []
    shape_id = 2
    for decoration in layout.decorations:
        shapes.append(decoration_xml(decoration, shape_id))
        shape_id += 1
    for placeholder in layout.placeholders:
        kind, idx = PLACEHOLDERS[placeholder.role]
        if placeholder.role == "title" and layout.key in ("title", "closing"):
            kind = "ctrTitle"
        if placeholder.role == "subtitle" and layout.key in ("title", "closing"):
            kind = "subTitle"
        half = ' sz="half"' if kind == "obj" else ""
        ph = f'<p:ph type="{kind}"/>' if idx == 0 else f'<p:ph type="{kind}"{half} idx="{idx}"/>'
        style = theme.style(placeholder.style)
        shapes.append(_placeholder(shape_id, placeholder.role.capitalize() + " Placeholder", ph, placeholder.box,
                                   _body_pr(placeholder.anchor), _level_style(style),
                                   _prompt(placeholder.role, style.face())))
        shape_id += 1
    if layout.footer:
        shapes.append(_footer_shapes(theme, layout.footer_colour, shape_id))
    background = (f"<p:bg><p:bgPr>{fill(layout.background)}<a:effectLst/></p:bgPr></p:bg>"
                  if layout.background != Palette.PAPER else "")
    return (f'<p:sldLayout {NS} type="{layout.kind}" preserve="1"><p:cSld name={quoteattr(layout.name)}>'
            f'{background}'
            f'<p:spTree>{_GROUP}{"".join(shapes)}</p:spTree></p:cSld>'
            f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>")


def master_xml(layout_ids: list[tuple[int, str]], theme: Theme) -> str:
    """The slide master: default title and body placeholders, text styles, the layout list."""
    title = theme.style("slide-title")
    body = theme.style("body")
    bullet = theme.style("bullet")
    hang = bullet.size * 1.3
    body_levels = "".join(
        _level_style(bullet, level, f'<a:buFont typeface={quoteattr(FACES[bullet.face()].windows_name)}/>'
                                    '<a:buChar char="・"/>', margin=hang + (level - 1) * bullet.size, indent=-hang)
        for level in range(1, 10)
    )
    shapes = (
        _placeholder(2, "Title Placeholder", '<p:ph type="title"/>', TITLE_BOX, _body_pr("b"), "",
                     _prompt("title", title.face()))
        + _placeholder(3, "Text Placeholder", '<p:ph type="body" idx="1"/>', BODY_BOX, _body_pr("t"), "",
                       _prompt("body", body.face()))
        + _footer_shapes(theme, Palette.MUTED, 4)
    )
    ids = "".join(f'<p:sldLayoutId id="{number}" r:id="{rid}"/>' for number, rid in layout_ids)
    other = _level_style(body.but(size=18, leading=18 * 1.2, space_after=0, colour=Palette.INK))
    return (
        f'<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        f"<p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>"
        f"<p:txStyles><p:titleStyle>{_level_style(title, fonts='mj')}</p:titleStyle>"
        f"<p:bodyStyle>{body_levels}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle></p:txStyles>"
        "</p:sldMaster>"
    )


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: Theme colour slots and the tokens that fill them.
_SCHEME = {
    "dk1": Palette.INK, "lt1": Palette.PAPER, "dk2": Palette.PRIMARY, "lt2": Palette.TINT,
    "accent1": Palette.PRIMARY, "accent2": Palette.ACCENT, "accent3": Palette.MUTED,
    "accent4": Palette.RULE, "accent5": Palette.ACCENT_TINT, "accent6": Palette.TINT,
    "hlink": Palette.PRIMARY, "folHlink": Palette.MUTED,
}


def theme_xml(blob: bytes, face: str, name: str) -> bytes:
    """The theme with our colours and the bundled face as major and minor font (latin, ea, Jpan)."""
    root = etree.fromstring(blob)
    root.set("name", name)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    scheme.set("name", name)
    for slot, colour in _SCHEME.items():
        element = scheme.find(f"{{{_A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{_A}}}srgbClr", val=colour.hex)
    fonts = root.find(f".//{{{_A}}}fontScheme")
    fonts.set("name", name)
    typeface = FACES[face].windows_name
    for kind in ("majorFont", "minorFont"):
        group = fonts.find(f"{{{_A}}}{kind}")
        group.find(f"{{{_A}}}latin").set("typeface", typeface)
        group.find(f"{{{_A}}}ea").set("typeface", typeface)
        for script in group.findall(f"{{{_A}}}font"):
            if script.get("script") == "Jpan":
                script.set("typeface", typeface)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def restyle_theme(part: Part, face: str, name: str) -> None:
    """Give a theme part (kept as bytes or as XML, depending on how python-pptx made it) our look."""
    restyled = theme_xml(part.blob, face, name)
    if isinstance(part, XmlPart):
        part._element = parse_xml(restyled)
    else:
        part._blob = restyled


def _xml_part(part: Part) -> XmlPart:
    """A part python-pptx keeps as XML (the slide master, a layout)."""
    if not isinstance(part, XmlPart):
        raise TypeError(f"{part.partname} is not an XML part")
    return part


def new_presentation(theme: Theme, name: str) -> PptxPresentation:
    """An empty 16:9 presentation whose master, layouts and theme are ours."""
    presentation = Presentation()
    presentation.slide_width = emu(SLIDE_WIDTH)
    presentation.slide_height = emu(SLIDE_HEIGHT)
    size = presentation.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)  # the template says screen4x3; 13.333 × 7.5 in is PowerPoint's 16:9
    master_part = _xml_part(presentation.part.part_related_by(RT.SLIDE_MASTER))
    layout_ids = [(int(entry.get("id")), entry.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
        for entry in master_part._element.findall(".//{*}sldLayoutId")]
    ours = list(LAYOUTS.values())
    for (_number, rid), layout in zip(layout_ids, ours, strict=False):  # the template has more layouts than ours
        _xml_part(master_part.related_part(rid))._element = parse_xml(layout_xml(layout, theme).encode())
    master_part._element = parse_xml(master_xml(layout_ids[:len(ours)], theme).encode())
    for _number, rid in layout_ids[len(ours):]:
        master_part.drop_rel(rid)  # no longer listed by the master: the layout part leaves the package
    face = theme.style("body").face()
    restyle_theme(master_part.part_related_by(RT.THEME), face, name)
    restyle_theme(presentation.part.notes_master_part.part_related_by(RT.THEME), face, f"{name} notes")
    return presentation
