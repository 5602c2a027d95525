"""Walk what a page draws — content, form XObjects, patterns, Type 3 glyphs, annotation
appearances — and note what PDF/X-1a forbids: RGB and other non-CMYK colour, transparency,
unembedded fonts, transfer functions, PostScript and OPI.

Only resources the content actually uses are followed (a resource dictionary shared by every
page must not blame a page that never draws from it). Malformed values are findings, not errors.
Content is read within an allowance (Allowance): each stream is decoded (qpdf stops at
MAX_STREAM_BYTES) and its tokens counted before it is parsed, and what is past the allowance is
a finding, not minutes and gigabytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import SupportsFloat

import pikepdf

from .pdfscan import MAX_INFLATED, SEPARATORS

#: Colour spaces PDF/X-1a allows as they are.
DEVICE_OK = {"/DeviceCMYK", "/DeviceGray", "/Pattern"}
#: Inline-image abbreviations for colour spaces.
INLINE_NAMES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
#: Operators that draw in RGB outright.
RGB_OPERATORS = {"rg": "fill", "RG": "stroke"}
#: Forms nested deeper than this are not followed (a loop or a hostile file).
MAX_DEPTH = 32
#: Content read for one page (its own, and every form, pattern, glyph and appearance it draws) and
#: for the whole file: bytes once decoded, and tokens (numbers, names, operators …), each operator
#: the walk looks at counting as OPERATOR_TOKENS (parsing and walking half a million tokens takes
#: up to a second and 150 MB). Our own pages hold a few thousand.
MAX_PAGE_BYTES, MAX_DOCUMENT_BYTES = 20_000_000, 200_000_000
MAX_PAGE_TOKENS, MAX_DOCUMENT_TOKENS = 500_000, 2_000_000
#: The most qpdf decodes of one stream (preflight sets its limit); a content stream that inflates
#: further is not read.
MAX_STREAM_BYTES = MAX_INFLATED
#: LZW has no limit in qpdf; it inflates at most about 1,400 times, so this much is safe to decode.
MAX_LZW_BYTES = MAX_PAGE_BYTES // 1_400
#: The operators the walk looks at (parse_content_stream drops the others and their operands).
WATCHED = "rg RG cs CS scn SCN Do Tf gs sh PS BI ID EI"
#: What each of them costs, in tokens: an instruction, its operands and what it may note weigh more.
OPERATOR_TOKENS = 5

#: (rule, detail) → recorded for the page being walked.
Note = Callable[[str, str], None]


def number(value: SupportsFloat | None) -> float | None:
    """A PDF number as float, or None if the value is not a number."""
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError, ArithmeticError):
        return None


def _lookup(resources: pikepdf.Object | None, category: str, name: pikepdf.Object | None) -> pikepdf.Object | None:
    """resources[category][name], or None however the file got it wrong."""
    if not isinstance(resources, pikepdf.Dictionary) or not isinstance(name, pikepdf.Name):
        return None
    group = resources.get(category)
    if not isinstance(group, pikepdf.Dictionary):
        return None
    return group.get(str(name))


def colour_problem(space: pikepdf.Object | None, resources: pikepdf.Object | None, depth: int = 0) -> str | None:
    """Why a colour space is not allowed in PDF/X-1a (as a phrase), or None if it is."""
    if depth > 8:
        return "a colour space nested too deeply to check"
    if isinstance(space, pikepdf.Name):
        name = INLINE_NAMES.get(str(space), str(space))
        if name in DEVICE_OK:
            return None
        if name == "/DeviceRGB":
            return "DeviceRGB"
        named = _lookup(resources, "/ColorSpace", pikepdf.Name(name))
        return colour_problem(named, None, depth + 1) if named is not None else f"an undefined colour space {name}"
    if not isinstance(space, pikepdf.Array) or len(space) == 0:
        return "a malformed colour space"
    family = str(space[0])
    if family in ("/Separation", "/DeviceN"):
        inner = colour_problem(space[2], resources, depth + 1) if len(space) > 2 else "none"
        return f"{family[1:]} with alternate {inner}" if inner else None
    if family in ("/Indexed", "/I"):
        inner = colour_problem(space[1], resources, depth + 1) if len(space) > 1 else "none"
        return f"Indexed on {inner}" if inner else None
    if family == "/Pattern":
        return colour_problem(space[1], resources, depth + 1) if len(space) > 1 else None
    if family == "/ICCBased":
        stream = space[1] if len(space) > 1 else None
        components = number(stream.get("/N")) if isinstance(stream, pikepdf.Stream) else None
        kind = {1: "grey", 3: "RGB", 4: "CMYK"}.get(int(components or 0), "unknown components")
        return f"ICCBased ({kind})"
    return family[1:] or "a malformed colour space"


_OTHER_BYTES = bytes(sorted(set(range(256)) - set(SEPARATORS)))
_BOUNDARY = re.escape(SEPARATORS).decode()
#: A watched operator as a token of its own (a name such as /rg counts too: the count is an upper bound).
_WATCHED = re.compile(f"(?<![^{_BOUNDARY}])(?:{'|'.join(WATCHED.split())})(?![^{_BOUNDARY}])".encode())


@dataclass
class Allowance:
    """How much content is still read: bytes once decoded, and tokens."""

    bytes: int
    tokens: int

    @classmethod
    def document(cls) -> Allowance:
        return cls(MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS)

    @classmethod
    def page(cls) -> Allowance:
        return cls(MAX_PAGE_BYTES, MAX_PAGE_TOKENS)

    def covers(self, size: int, tokens: int) -> bool:
        return size <= self.bytes and tokens <= self.tokens

    def take(self, size: int, tokens: int) -> None:
        self.bytes, self.tokens = self.bytes - size, self.tokens - tokens


def _streams_of(source: pikepdf.Object | pikepdf.Page) -> list[pikepdf.Stream]:
    """The content streams of a page (one, or an array of them) or the stream itself."""
    contents = source.obj.get("/Contents") if isinstance(source, pikepdf.Page) else source
    if isinstance(contents, pikepdf.Array):
        return [part for part in contents if isinstance(part, pikepdf.Stream)]
    return [contents] if isinstance(contents, pikepdf.Stream) else []


def _filters(stream: pikepdf.Stream) -> list[str]:
    filters = stream.get("/Filter")
    return [str(name) for name in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []


def decoded_size(stream: pikepdf.Stream) -> tuple[int, int] | str | None:
    """(bytes, tokens at most) of a content stream once decoded, why it cannot be read safely, or
    None if it is damaged (parsing it then says how)."""
    if {"/LZWDecode", "/LZW"} & set(_filters(stream)) and len(stream.read_raw_bytes()) > MAX_LZW_BYTES:
        return f"LZW-compressed content longer than {MAX_LZW_BYTES:,} bytes (it may inflate without bound)"
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError as error:
        return f"more than {MAX_STREAM_BYTES // 1_000_000} MB once decoded" if "memory limit" in str(error) else None
    tokens = sum(len(data[start:start + 4_000_000].translate(None, _OTHER_BYTES))
                 for start in range(0, len(data), 4_000_000))
    return len(data), tokens + 1 + OPERATOR_TOKENS * _WATCHED.subn(b"", data)[1]


class PageWalk:
    """Everything one page draws, followed once, within the document's allowance; findings go to `note`."""

    def __init__(self, note: Note, document: Allowance | None = None):
        self.note = note
        self.seen: set[tuple[int, int]] = set()
        self.document = document or Allowance.document()
        self.allowance = Allowance.page()
        #: Whether the allowance ran out: nothing more of the page is read.
        self.stopped = False

    def once(self, obj: pikepdf.Object) -> bool:
        """True the first time an indirect object is met on this page."""
        if not obj.is_indirect:
            return True
        if obj.objgen in self.seen:
            return False
        self.seen.add(obj.objgen)
        return True

    def content(self, source: pikepdf.Object | pikepdf.Page, resources: pikepdf.Object | None, what: str,
                depth: int = 0) -> None:
        """A page or content stream, its operators checked and the resources it uses followed."""
        if depth > MAX_DEPTH:
            self.note("syntax", f"{what} nests forms more than {MAX_DEPTH} deep; the rest was not checked")
            return
        if self.stopped or not self.allowed(source, what):
            return
        try:
            instructions = pikepdf.parse_content_stream(source, WATCHED)
        except pikepdf.PdfError as error:
            self.note("syntax", f"the content of {what} cannot be read ({error}); it was not checked")
            return
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.inline_image(instruction.iimage, resources)
            else:
                self.operator(str(instruction.operator), list(instruction.operands), resources, depth)

    def allowed(self, source: pikepdf.Object | pikepdf.Page, what: str) -> bool:
        """Whether the content fits what is left to read (its size is taken from the allowance);
        if not, the finding says so and the rest of the page is not read."""
        size = tokens = 0
        for stream in _streams_of(source):
            measured = decoded_size(stream)
            if measured is None:
                return True  # damaged: parsing says what is wrong
            if isinstance(measured, str):
                self.stopped = True
                self.note("syntax", f"the content of {what} cannot be checked: {measured}; the rest of the page "
                                    "was not checked")
                return False
            size, tokens = size + measured[0], tokens + measured[1]
        for allowance, limits in ((self.allowance, f"{MAX_PAGE_BYTES // 1_000_000} MB or {MAX_PAGE_TOKENS:,} "
                                                   "tokens of content on one page"),
                                  (self.document, f"{MAX_DOCUMENT_BYTES // 1_000_000} MB or "
                                                  f"{MAX_DOCUMENT_TOKENS:,} tokens of content in one file")):
            if not allowance.covers(size, tokens):
                self.stopped = True
                self.note("syntax", f"preflight reads at most {limits}; the page draws more, and from {what} on "
                                    "it was not checked")
                return False
        self.allowance.take(size, tokens)
        self.document.take(size, tokens)
        return True

    def operator(self, operator: str, operands: list[pikepdf.Object], resources: pikepdf.Object | None,
                 depth: int) -> None:
        last = operands[-1] if operands else None
        if operator in RGB_OPERATORS:
            values = " ".join(f"{v:g}" if (v := number(o)) is not None else str(o) for o in operands)
            self.note("colour", f"`{operator}` sets an RGB {RGB_OPERATORS[operator]} colour ({values})")
        elif operator in ("cs", "CS"):
            problem = colour_problem(last, resources)
            if problem:
                self.note("colour", f"`{operator}` selects {problem}")
        elif operator in ("scn", "SCN") and isinstance(last, pikepdf.Name):
            self.pattern(_lookup(resources, "/Pattern", last), resources, depth)
        elif operator == "Do":
            self.xobject(_lookup(resources, "/XObject", last), resources, depth)
        elif operator == "Tf" and operands:
            self.font(_lookup(resources, "/Font", operands[0]), depth)
        elif operator == "gs":
            self.ext_g_state(_lookup(resources, "/ExtGState", last))
        elif operator == "sh":
            self.shading(_lookup(resources, "/Shading", last), resources)
        elif operator == "PS":
            self.note("prepress", "the content passes PostScript through (the PS operator)")

    def ext_g_state(self, state: pikepdf.Object | None) -> None:
        if not isinstance(state, pikepdf.Dictionary) or not self.once(state):
            return
        smask = state.get("/SMask")
        if smask is not None and smask != pikepdf.Name("/None"):
            self.note("transparency", "a graphics state applies a soft mask (SMask)")
        for key in ("/CA", "/ca"):
            if key in state:
                alpha = number(state[key])
                if alpha is None or alpha < 1:
                    self.note("transparency", f"a graphics state sets alpha {key[1:]} = {state[key]}")
        mode = state.get("/BM")
        first = mode[0] if isinstance(mode, pikepdf.Array) and len(mode) else mode
        if first is not None and str(first) not in ("/Normal", "/Compatible"):
            self.note("transparency", f"a graphics state sets blend mode {str(first).lstrip('/')}")
        if "/TR" in state or state.get("/TR2", pikepdf.Name("/Default")) != pikepdf.Name("/Default"):
            self.note("prepress", "a graphics state sets a transfer function (TR)")
        if "/HTP" in state:
            self.note("prepress", "a graphics state sets a halftone phase (HTP)")

    def group(self, obj: pikepdf.Object, what: str) -> None:
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name("/Transparency"):
            self.note("transparency", f"{what} is a transparency group")

    def font(self, font: pikepdf.Object | None, depth: int) -> None:
        if not isinstance(font, pikepdf.Dictionary) or not self.once(font):
            return
        name = str(font.get("/BaseFont", font.get("/Name", "(unnamed)"))).lstrip("/")
        subtype = font.get("/Subtype")
        if subtype == pikepdf.Name("/Type3"):
            procs = font.get("/CharProcs")
            for glyph in procs.values() if isinstance(procs, pikepdf.Dictionary) else ():
                if isinstance(glyph, pikepdf.Stream):
                    self.content(glyph, font.get("/Resources"), "a Type 3 glyph", depth + 1)
            return
        described: pikepdf.Object | None = font
        if subtype == pikepdf.Name("/Type0"):
            descendants = font.get("/DescendantFonts")
            described = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None
        descriptor = described.get("/FontDescriptor") if isinstance(described, pikepdf.Dictionary) else None
        if not isinstance(descriptor, pikepdf.Dictionary) or not any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.note("fonts", f"font {name} is not embedded")

    def image(self, image: pikepdf.Stream, resources: pikepdf.Object | None) -> None:
        if "/OPI" in image:
            self.note("prepress", "an image carries OPI comments (a placeholder for a high-resolution file)")
        mask: object = image.get("/ImageMask")  # a PDF boolean comes as a Python bool (the stubs say Object)
        if mask is True:
            return
        if "/SMask" in image:
            self.note("transparency", "an image has a soft mask (alpha channel)")
        space = image.get("/ColorSpace")
        if space is None:
            if image.get("/Filter") == pikepdf.Name("/JPXDecode"):
                self.note("colour", "a JPEG 2000 image brings its own colour space")
            return
        problem = colour_problem(space, resources)
        if problem:
            self.note("colour", f"a {image.get('/Width', '?')}×{image.get('/Height', '?')} image is in {problem}")

    def inline_image(self, inline: pikepdf.PdfInlineImage, resources: pikepdf.Object | None) -> None:
        space = inline.obj.get("/ColorSpace", inline.obj.get("/CS"))
        problem = colour_problem(space, resources) if space is not None else None
        if problem:
            self.note("colour", f"an inline image is in {problem}")

    def shading(self, shading: pikepdf.Object | None, resources: pikepdf.Object | None) -> None:
        if not isinstance(shading, pikepdf.Dictionary | pikepdf.Stream) or not self.once(shading):
            return
        problem = colour_problem(shading.get("/ColorSpace"), resources)
        if problem:
            self.note("colour", f"a shading (gradient) is in {problem}")

    def pattern(self, pattern: pikepdf.Object | None, resources: pikepdf.Object | None, depth: int) -> None:
        if not isinstance(pattern, pikepdf.Dictionary | pikepdf.Stream) or not self.once(pattern):
            return
        if "/Shading" in pattern:
            self.shading(pattern.Shading, resources)
        if "/ExtGState" in pattern:
            self.ext_g_state(pattern.ExtGState)
        if isinstance(pattern, pikepdf.Stream):
            self.content(pattern, pattern.get("/Resources"), "a tiling pattern", depth + 1)

    def xobject(self, xobject: pikepdf.Object | None, resources: pikepdf.Object | None, depth: int) -> None:
        if not isinstance(xobject, pikepdf.Stream) or not self.once(xobject):
            return
        subtype = xobject.get("/Subtype")
        if subtype == pikepdf.Name("/Image"):
            self.image(xobject, resources)
        elif subtype == pikepdf.Name("/Form"):
            if "/OPI" in xobject:
                self.note("prepress", "a form carries OPI comments (a placeholder for a high-resolution file)")
            if xobject.get("/Subtype2") == pikepdf.Name("/PS"):
                self.note("prepress", "a form is PostScript (Subtype2 /PS)")
            self.group(xobject, "a form XObject")
            self.content(xobject, xobject.get("/Resources", resources), "a form XObject", depth + 1)
        elif subtype == pikepdf.Name("/PS"):
            self.note("prepress", "a PostScript XObject is drawn")

    def appearance(self, annotation: pikepdf.Dictionary) -> None:
        """The normal appearance of an annotation (each state's, if it has several)."""
        appearances = annotation.get("/AP")
        normal = appearances.get("/N") if isinstance(appearances, pikepdf.Dictionary) else None
        streams = [normal] if isinstance(normal, pikepdf.Stream) else (
            list(normal.values()) if isinstance(normal, pikepdf.Dictionary) else [])
        for stream in streams:
            if isinstance(stream, pikepdf.Stream) and self.once(stream):
                self.group(stream, "an annotation's appearance")
                self.content(stream, stream.get("/Resources"), "an annotation's appearance", 1)
