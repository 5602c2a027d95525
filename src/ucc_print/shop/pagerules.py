"""The page rules of PDF/X-1a:2001 and our print geometry: page boxes, bleed, annotations, and
what each page draws (walked by pagewalk.py)."""

from __future__ import annotations

import pikepdf

from ..design.profiles import SHOP
from ..design.units import mm
from .pagewalk import Allowance, PageWalk, number
from .report import Finding, Report

#: The smallest bleed our geometry accepts (a hundredth of a millimetre of rounding allowed).
MIN_BLEED = SHOP.bleed - mm(0.01)
#: Annotations a PDF/X file may have inside the bleed.
PRINTER_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}
#: A box as (left, bottom, right, top) in pt.
Bounds = tuple[float, float, float, float]


def _inherited(page: pikepdf.Dictionary, key: str) -> pikepdf.Object | None:
    """A page attribute, looked up through the page tree as the PDF specification inherits it."""
    node: pikepdf.Object | None = page
    steps = 0
    while isinstance(node, pikepdf.Dictionary) and steps < 64:
        if key in node:
            return node[key]
        node, steps = node.get("/Parent"), steps + 1
    return None


def _box(value: pikepdf.Object | None) -> Bounds | None:
    """A box as (left, bottom, right, top), whatever corner order the file used; None if malformed."""
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (number(v) for v in value)
    if x0 is None or y0 is None or x1 is None or y1 is None:
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: Bounds, outer: Bounds, tolerance: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _page_boxes(obj: pikepdf.Dictionary, number_: int,
                found: list[Finding]) -> tuple[Bounds | None, Bounds | None, Bounds | None]:
    """(media, finished, bleed) boxes of a page; a box given but malformed is a finding."""
    media = _box(_inherited(obj, "/MediaBox"))
    if media is None:
        found.append(Finding("page-boxes", number_, "the page has no valid MediaBox"))
    boxes: dict[str, Bounds | None] = {}
    for key in ("/TrimBox", "/ArtBox", "/BleedBox"):
        boxes[key] = _box(obj[key]) if key in obj else None
        if key in obj and boxes[key] is None:
            found.append(Finding("page-boxes", number_, f"the {key[1:]} is not four numbers"))
    trim, art, bleed = boxes["/TrimBox"], boxes["/ArtBox"], boxes["/BleedBox"]
    if trim and art and any(abs(a - b) > 0.01 for a, b in zip(trim, art, strict=True)):
        found.append(Finding("page-boxes", number_, "TrimBox and ArtBox differ (PDF/X-1a:2001 wants one of them)"))
    return media, trim or art, bleed


def geometry_findings(pdf: pikepdf.Pdf, report: Report) -> list[Finding]:
    """What breaks the page-box and bleed rules on any page; the trim and bleed found go into the report."""
    trims: set[tuple[float, float]] = set()
    bleeds: list[float] = []
    found: list[Finding] = []
    for number_, page in enumerate(pdf.pages, 1):
        media, finished, bleed = _page_boxes(page.obj, number_, found)
        if "/TrimBox" not in page.obj and "/ArtBox" not in page.obj:
            found.append(Finding("page-boxes", number_, "no TrimBox (nor ArtBox): the finished size is not set"))
        if "/BleedBox" not in page.obj:
            found.append(Finding("page-boxes", number_, "no BleedBox: where the bleed ends is not set"))
        if media and bleed and not _inside(bleed, media):
            found.append(Finding("page-boxes", number_, "the BleedBox reaches outside the MediaBox"))
        if finished and bleed and not _inside(finished, bleed):
            found.append(Finding("page-boxes", number_, "the TrimBox reaches outside the BleedBox"))
        if media and finished and not _inside(finished, media):
            found.append(Finding("page-boxes", number_, "the TrimBox reaches outside the MediaBox"))
        if finished and bleed:
            smallest = min(finished[0] - bleed[0], finished[1] - bleed[1],
                           bleed[2] - finished[2], bleed[3] - finished[3])
            bleeds.append(smallest)
            if smallest < MIN_BLEED:
                found.append(Finding("bleed", number_, f"the bleed is {smallest / mm(1):.1f} mm on its narrowest "
                                                       "side; at least 3 mm is needed"))
        if finished:
            trims.add((round((finished[2] - finished[0]) / mm(1), 1), round((finished[3] - finished[1]) / mm(1), 1)))
        found += _annotations(page.obj, number_, bleed or finished or media)
    report.trim_mm = trims.pop() if len(trims) == 1 else None
    report.bleed_mm = round(min(bleeds) / mm(1), 1) if bleeds else None
    return found


def _annotations(page: pikepdf.Dictionary, number_: int, printed: Bounds | None) -> list[Finding]:
    found: list[Finding] = []
    if "/AA" in page:
        found.append(Finding("actions", number_, "the page has additional actions (AA)"))
    annotations = page.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else ():
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", "/(none)"))
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") == pikepdf.Name("/JavaScript"):
            found.append(Finding("actions", number_, f"a {subtype[1:]} annotation runs JavaScript"))
        rect = _box(annotation.get("/Rect"))
        overlaps = rect is None or printed is None or not (
            rect[2] <= printed[0] or rect[0] >= printed[2] or rect[3] <= printed[1] or rect[1] >= printed[3])
        if subtype not in PRINTER_ANNOTATIONS and overlaps:
            found.append(Finding("annotations", number_, f"a {subtype[1:]} annotation lies inside the BleedBox"))
    return found


def page_findings(page: pikepdf.Page, number_: int, allowance: Allowance) -> list[Finding]:
    """What one page draws that breaks a rule."""
    found: list[Finding] = []
    walk = PageWalk(lambda rule, detail: found.append(Finding(rule, number_, detail)), allowance)
    walk.group(page.obj, "the page")
    walk.content(page, _inherited(page.obj, "/Resources"), "the page")
    annotations = page.obj.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else ():
        if isinstance(annotation, pikepdf.Dictionary):
            walk.appearance(annotation)
    return found
