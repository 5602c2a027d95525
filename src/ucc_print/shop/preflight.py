"""Preflight: does a PDF meet PDF/X-1a:2001 and our print geometry? Any PDF, however it was made.

The document is checked rule by rule (RULES); every page is walked (pagewalk.py) for what it
draws. A finding names its rule and page; the report groups them. A file that is damaged or
malformed fails with what could not be checked, never with a traceback.
"""

from __future__ import annotations

import io
import mmap
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pikepdf
import pikepdf.settings

from ..design.profiles import PDFX_CONFORMANCE, PDFX_VERSION, SHOP
from ..design.units import mm
from ..errors import plural
from .pagewalk import MAX_STREAM_BYTES, Allowance, PageWalk, number
from .pdfscan import Buffer, scan

#: Rule id → what the rule asks, in the order the report lists them.
RULES = {
    "syntax": "the file reads cleanly: the header at its first byte, no damage repaired on opening, every "
              "part readable, each page listed once",
    "version": "PDF version 1.3 (PDF/X-1a:2001 is based on PDF 1.3)",
    "identification": "Info says GTS_PDFXVersion (PDF/X-1:2001) and GTS_PDFXConformance (PDF/X-1a:2001)",
    "document-info": "Info has a Title, CreationDate and ModDate, and Trapped is True or False",
    "file-id": "the trailer has an ID",
    "encryption": "the file is not encrypted",
    "output-intent": "one GTS_PDFX OutputIntent for a CMYK printing condition (registered, or with its profile)",
    "page-boxes": "every page has a TrimBox (or ArtBox) and a BleedBox: TrimBox ⊆ BleedBox ⊆ MediaBox",
    "bleed": "at least 3 mm of bleed beyond the trim on every side",
    "colour": "colour in DeviceCMYK, DeviceGray, Separation or DeviceN only: no RGB, ICC-based or Lab "
              "operators, colour spaces or images",
    "transparency": "no transparency: no soft masks, alpha below 1, blend modes or transparency groups",
    "fonts": "every font embedded",
    "compression": "no LZW, JBIG2 or JPEG 2000 compression and no object or cross-reference streams",
    "annotations": "no annotations or form fields inside the BleedBox (printer's marks excepted)",
    "actions": "no JavaScript and no actions that run on opening or on events",
    "prepress": "no transfer functions, halftone phases, PostScript or OPI",
}

#: The smallest bleed our geometry accepts (a hundredth of a millimetre of rounding allowed).
MIN_BLEED = SHOP.bleed - mm(0.01)
#: Stream filters PDF/X-1a:2001 does not allow (LZW by the standard, the rest are not PDF 1.3).
FORBIDDEN_FILTERS = {"/LZWDecode": "LZW", "/LZW": "LZW", "/JBIG2Decode": "JBIG2", "/JPXDecode": "JPEG 2000"}
#: Annotations a PDF/X file may have inside the bleed.
PRINTER_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}
#: The largest file and the most pages preflight reads (a print job is far smaller: ours stay under 20 MB).
#: The file is never read into memory whole; qpdf reads what it needs, and the syntax scan maps it.
MAX_PDF_BYTES = 200_000_000
MAX_PAGES = 5_000
#: Levels of the page tree followed (5,000 pages need a handful; qpdf itself gives up past 100).
MAX_TREE_DEPTH = 32
#: The memory qpdf may need for the file's objects (estimated from its bytes before opening it; pdfscan.py).
MAX_SYNTAX_MEMORY = 250_000_000
#: qpdf's own limits while preflight reads a file: no stream (an object or cross-reference stream
#: included) is inflated past MAX_STREAM_BYTES, whatever its compression claims.
#: A box as (left, bottom, right, top) in pt.
Bounds = tuple[float, float, float, float]


class NotAPdf(Exception):
    """The file cannot be read as a PDF at all."""


@dataclass(frozen=True)
class Finding:
    """One thing that breaks a rule: where (page number, or None for the document) and what."""

    rule: str
    page: int | None
    detail: str


@dataclass
class Report:
    """All findings for one file, and what was learned about it on the way."""

    name: str
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: Trim size in mm and the smallest bleed in mm, if every page agrees (for the summary).
    trim_mm: tuple[float, float] | None = None
    bleed_mm: float | None = None
    #: Whether the checks stopped early (a page tree that cannot be walked): the rest is not known.
    stopped: bool = False

    @property
    def passed(self) -> bool:
        return not self.findings and not self.stopped

    def broken(self) -> list[str]:
        """The rules with findings, in RULES order."""
        found = {finding.rule for finding in self.findings}
        return [rule for rule in RULES if rule in found]

    def text(self) -> str:
        """The report for a terminal: a verdict line, then rule by rule, pages grouped."""
        if self.passed:
            size = f", trim {self.trim_mm[0]:g} × {self.trim_mm[1]:g} mm" if self.trim_mm else ""
            bleed = f", bleed {self.bleed_mm:g} mm" if self.bleed_mm is not None else ""
            return f"{self.name}: PASS  PDF/X-1a:2001, {plural(self.pages, 'page')}{size}{bleed}"
        lines = [f"{self.name}: FAIL  {len(self.broken())} of {len(RULES)} rules broken"]
        for rule in RULES:
            found = [finding for finding in self.findings if finding.rule == rule]
            if not found:
                mark, after = ("-     ", " (not checked)") if self.stopped else ("ok    ", "")
                lines.append(f"  {mark}{rule}{after}")
                continue
            lines.append(f"  FAIL  {rule}: {RULES[rule]}")
            pages: dict[str, list[int]] = {}
            for finding in found:
                pages.setdefault(finding.detail, []).append(finding.page or 0)
            for detail, numbers in pages.items():
                where = _pages(sorted(set(numbers) - {0}))
                times = f" ({len(numbers)} times)" if len(numbers) > max(1, len(set(numbers))) else ""
                lines.append(f"          {where + ': ' if where else ''}{detail}{times}")
        return "\n".join(lines)


def _pages(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "pages 1–3, 5"."""
    runs: list[list[int]] = []
    for number_ in numbers:
        if runs and number_ == runs[-1][-1] + 1:
            runs[-1].append(number_)
        else:
            runs.append([number_])
    if not runs:
        return ""
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs)
    return f"page{'s' if len(numbers) > 1 else ''} {text}"


def preflight_file(path: Path, name: str | None = None) -> Report:
    """Preflight a file on disk (NotAPdf if it is missing, not a regular file, too large or not a PDF)."""
    shown = name or str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise NotAPdf(f"{shown}: is a folder, not a PDF file.")
        if not stat.S_ISREG(status.st_mode):
            raise NotAPdf(f"{shown}: is a device or a pipe, not a PDF file.")
        if status.st_size > MAX_PDF_BYTES:
            raise NotAPdf(f"{shown}: is {status.st_size // 1_000_000:,} MB; preflight reads files of up to "
                          f"{MAX_PDF_BYTES // 1_000_000:,} MB.")
        with path.open("rb") as stream:
            try:
                with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    report, newer = _scan(mapped, shown)
            except (OSError, ValueError):  # empty, or a file system that cannot map it: read it then
                report, newer = _scan(stream.read(), shown)
    except OSError as error:
        raise NotAPdf(f"{shown}: cannot read it: {error.strerror or error}") from None
    return _opened(path, path, newer, report) if not report.stopped else report


def _pages_listed(pdf: pikepdf.Pdf) -> tuple[int, str | None]:
    """How many pages the page tree lists, walked without flattening it, and what is wrong with
    it (a page listed more than once, more pages than preflight reads, too many levels), if anything."""
    count, seen = 0, set()
    stack: list[tuple[pikepdf.Object | None, int]] = [(pdf.Root.get("/Pages"), 1)]
    while stack:
        node, level = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        key = node.objgen if node.is_indirect else id(node)
        if key in seen:
            return count, "the page tree lists the same page or branch more than once"
        seen.add(key)
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            if len(kids) > MAX_PAGES * 2:
                return count, f"the page tree has a branch of {len(kids):,} entries"
            if level >= MAX_TREE_DEPTH:
                return count, f"the page tree is nested more than {MAX_TREE_DEPTH} levels deep"
            stack.extend((kid, level + 1) for kid in reversed(list(kids)))
        else:
            count += 1
            if count > MAX_PAGES:
                return count, f"more than {MAX_PAGES:,} pages (preflight checks at most {MAX_PAGES:,})"
    return count, None


def preflight_bytes(data: bytes, name: str) -> Report:
    """Preflight PDF bytes; `name` is how the report calls the file."""
    report, newer = _scan(data, name)
    return _opened(io.BytesIO(data), None, newer, report) if not report.stopped else report


def _scan(data: Buffer, name: str) -> tuple[Report, list[str]]:
    """What the file's bytes tell before qpdf reads it: where the header is, whether its objects
    fit in memory (if not, the report is stopped), the PDF 1.5 kinds of stream it has."""
    header = data.find(b"%PDF-", 0, 1024)
    if header < 0:
        what = "it is empty" if not len(data) else "it does not start with %PDF-"
        raise NotAPdf(f"{name}: not a PDF file ({what}).")
    report = Report(name)
    if header:
        report.findings.append(Finding("syntax", None, f"{header:,} bytes come before the %PDF- header; "
                                                        "PDF/X wants it at the file's first byte"))
    scanned = scan(data, MAX_SYNTAX_MEMORY)
    if scanned.over:
        report.stopped = True
        report.findings.append(Finding("syntax", None, "the file holds more PDF objects than preflight reads (they "
                                                        f"would need over {MAX_SYNTAX_MEMORY // 1_000_000} MB of "
                                                        "memory); nothing more was checked"))
    return report, sorted(scanned.newer)


@contextmanager
def _qpdf_limits() -> Iterator[None]:
    """qpdf's limits while a file is read (restored after: a build in the same process decodes pictures)."""
    limit = MAX_STREAM_BYTES
    previous = pikepdf.settings.set_qpdf_limits(flate_max_memory=limit, run_length_max_memory=limit,
                                                png_max_memory=limit, tiff_max_memory=limit)
    try:
        yield
    finally:
        pikepdf.settings.set_qpdf_limits(**previous)  # type: ignore[arg-type]  # what it gave back


def _opened(source: Path | io.BytesIO, path: Path | None, newer: list[str], report: Report) -> Report:
    """The report on a file qpdf opens (from its path, or in memory), every rule checked."""
    with _qpdf_limits():
        try:
            # inherited page attributes are looked up where they are needed (_inherited): pushing them
            # down to every page on opening costs seconds on a malformed page tree
            pdf = pikepdf.open(source, inherit_page_attributes=False, access_mode=pikepdf.AccessMode.stream)
        except pikepdf.PasswordError:
            report.findings.append(Finding("encryption", None, "the file needs a password to open; nothing else "
                                                               "could be checked"))
            return report
        except (pikepdf.PdfError, OSError) as error:
            raise NotAPdf(f"{report.name}: not a readable PDF ({_plain(str(error), path)}).") from None
        with pdf:
            _check(pdf, newer, report, path)
    return report


def _check(pdf: pikepdf.Pdf, newer: list[str], report: Report, path: Path | None) -> None:
    """Every rule on an opened file, the findings added to the report."""
    listed, wrong = _pages_listed(pdf)
    if wrong is None:
        try:
            report.pages = len(pdf.pages)
        except pikepdf.PdfError as error:
            wrong = f"the page tree cannot be read ({_plain(str(error), path)})"
    if wrong:
        report.pages, report.stopped = listed, True
        report.findings.append(Finding("syntax", None, f"{wrong}; nothing more was checked"))
        return
    checks = [("the document", lambda: _document(pdf)), ("the page boxes", lambda: _geometry(pdf, report)),
              ("the streams", lambda: _streams(pdf, newer))]
    for what, check in checks:
        report.findings += _guarded(what, None, check)
    allowance = Allowance.document()
    for number_, page in enumerate(pdf.pages, 1):
        report.findings += _guarded(f"page {number_}", number_, partial(_page, page, number_, allowance))
    report.findings += [Finding("syntax", None, f"damaged: {_plain(warning, path)}") for warning in pdf.get_warnings()]


def _plain(warning: str, path: Path | None = None) -> str:
    """A qpdf message without the file's name or the in-memory stream's address qpdf puts in it."""
    if path is not None:
        warning = warning.replace(str(path), "stream <file>")
    warning = re.sub(r"^stream <[^>]*> \((.*?)\):", r"\1:", warning)
    warning = re.sub(r"^stream <[^>]*>[:,]?\s*", "", warning)
    return re.sub(r"(?:stream )?<_?io\.BytesIO object at 0x[0-9a-fA-F]+>:?\s*", "", warning)


def _guarded(what: str, page: int | None, check: Callable[[], Iterable[Finding]]) -> list[Finding]:
    """A check's findings; if the file is so malformed the check itself fails, that is the finding."""
    try:
        return list(check())
    except Exception as error:
        return [Finding("syntax", page, f"{what} could not be checked: the file is malformed there "
                                        f"({type(error).__name__}: {error})")]


# ---------------------------------------------------------------- document-level rules


def _document(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    versions = [pdf.pdf_version, str(pdf.Root.get("/Version", "")).lstrip("/")]
    for version in filter(None, versions):
        if not re.fullmatch(r"1\.[0-3]", version):
            yield Finding("version", None, f"the file says PDF {version}; it must be 1.3")
    if pdf.is_encrypted:
        yield Finding("encryption", None, "the file is encrypted")
    if "/ID" not in pdf.trailer:
        yield Finding("file-id", None, "the trailer has no /ID")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    yield from _identification(info)
    yield from _info(info)
    yield from _output_intent(pdf)
    yield from _actions(pdf)


def _text(dictionary: pikepdf.Dictionary, key: str) -> str:
    value = dictionary.get(key)
    return str(value).strip() if isinstance(value, pikepdf.String) else ""


def _identification(info: pikepdf.Dictionary) -> Iterator[Finding]:
    for key, wanted in (("/GTS_PDFXVersion", PDFX_VERSION), ("/GTS_PDFXConformance", PDFX_CONFORMANCE)):
        found = _text(info, key)
        if found != wanted:
            yield Finding("identification", None, f"{key[1:]} is {found!r}, expected {wanted!r}" if found
                          else f"Info has no {key[1:]} (expected {wanted!r})")


def _info(info: pikepdf.Dictionary) -> Iterator[Finding]:
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not _text(info, key):
            yield Finding("document-info", None, f"Info has no {key[1:]} as text, or it is empty")
    trapped = info.get("/Trapped")
    if trapped not in (pikepdf.Name("/True"), pikepdf.Name("/False")):
        found = "missing" if trapped is None else f"{trapped}"
        yield Finding("document-info", None, f"Trapped is {found}; it must be /True or /False")


def _output_intent(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    listed = pdf.Root.get("/OutputIntents")
    intents = [intent for intent in (listed if isinstance(listed, pikepdf.Array) else [])
               if isinstance(intent, pikepdf.Dictionary) and intent.get("/S") == pikepdf.Name("/GTS_PDFX")]
    if len(intents) != 1:
        yield Finding("output-intent", None, f"{len(intents)} GTS_PDFX output intents; there must be exactly one")
        return
    intent = intents[0]
    identifier = _text(intent, "/OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if not identifier:
        yield Finding("output-intent", None, "the output intent has no OutputConditionIdentifier")
    registered = bool(_text(intent, "/RegistryName")) and identifier.lower() not in ("", "custom")
    if profile is None and not registered:
        yield Finding("output-intent", None, f"the condition {identifier or '(none)'!r} is not a registered one "
                                             "and no DestOutputProfile (ICC profile) is embedded")
    if isinstance(profile, pikepdf.Stream) and number(profile.get("/N")) != 4:
        yield Finding("output-intent", None, "the embedded output profile is not a CMYK profile")


def _actions(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        yield Finding("actions", None, "the document carries JavaScript (Names /JavaScript)")
    action = root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in (pikepdf.Name("/JavaScript"),
                                                                         pikepdf.Name("/Launch")):
        yield Finding("actions", None, f"the document runs {str(action.S)[1:]} when opened")
    if "/AA" in root:
        yield Finding("actions", None, "the document has additional actions (AA)")


# ---------------------------------------------------------------- page geometry


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


def _geometry(pdf: pikepdf.Pdf, report: Report) -> list[Finding]:
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


# ---------------------------------------------------------------- content and streams


def _page(page: pikepdf.Page, number_: int, allowance: Allowance) -> list[Finding]:
    found: list[Finding] = []
    walk = PageWalk(lambda rule, detail: found.append(Finding(rule, number_, detail)), allowance)
    walk.group(page.obj, "the page")
    walk.content(page, _inherited(page.obj, "/Resources"), "the page")
    annotations = page.obj.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else ():
        if isinstance(annotation, pikepdf.Dictionary):
            walk.appearance(annotation)
    return found


def _streams(pdf: pikepdf.Pdf, newer: list[str]) -> Iterator[Finding]:
    """Compression PDF/X-1a:2001 does not allow, anywhere in the file (`newer`: the PDF 1.5 stream
    kinds its bytes name)."""
    for kind in newer:
        what = "object streams" if kind == "ObjStm" else "a cross-reference stream"
        yield Finding("compression", None, f"the file uses {what} (PDF 1.5)")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
            for name in names:
                if name in FORBIDDEN_FILTERS:
                    yield Finding("compression", None, f"a stream is {FORBIDDEN_FILTERS[name]}-compressed")
