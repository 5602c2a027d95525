"""PDF pages as PNG images for the live preview, each rendered once: a page is known by what it
draws (its content streams, its size, the pictures it shows), so a build that changes one page of
a document renders that page again and no other."""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections import OrderedDict
from typing import Any

#: How sharp the preview's pages are: an A4 page 579 × 819 pixels.
DPI = 70
#: Forms inside forms followed at most this deep (a form drawing itself is not followed for ever).
MAX_FORMS = 8
#: PDFs whose page keys are remembered (each a list of short strings).
FILES_KEPT = 256
#: Page images kept in memory, the most recently used (an image is about 50–150 KB).
KEEP = 800


_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)


def _unicode(font: Any) -> tuple[str, dict[int, str], int]:
    """A font as the key knows it: its face without the subset's tag, its codes' characters (from
    its ToUnicode map), and how many bytes a code takes."""
    face = str(font.get("/BaseFont", "")).split("+", 1)[-1]
    characters: dict[int, str] = {}
    width = 1
    stream = font.get("/ToUnicode")
    if stream is not None:
        for kind, body in _SECTION.findall(stream.read_bytes()):
            if kind == b"bfchar":
                for code, text in _CHAR.findall(body):
                    characters[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
                    width = max(width, len(code) // 2)
            else:
                for low, high, text in _RANGE.findall(body):
                    first = int.from_bytes(bytes.fromhex(text.decode()), "big")
                    for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                        characters[code] = chr(first + offset) if first + offset < 0x110000 else "\ufffd"
                    width = max(width, len(low) // 2)
    return face, characters, width


def _resource(value: Any) -> bytes:
    """A resource other than a font or a form, by what it is: its dictionary and its data (an image
    and its soft mask, a colour space, a graphics state, a shading)."""
    import pikepdf

    if isinstance(value, pikepdf.Stream):
        mask = value.get("/SMask")
        return (repr(sorted((str(key), str(item)) for key, item in value.items() if key != "/SMask")).encode()
                + value.read_raw_bytes() + (_resource(mask) if mask is not None else b""))
    return repr(value).encode() if not isinstance(value, pikepdf.Dictionary) else repr(
        sorted((str(key), _resource(item)) for key, item in value.items())).encode()


def _drawn(holder: Any, content: Any, depth: int = 0) -> bytes:
    """What a page (or a form it draws) draws, written so that the same page gives the same bytes in
    every build: text as its characters in its face (a font subset's codes shift when another page
    gains a character), forms by what they draw, other resources by what they are."""
    import pikepdf

    resources = holder.get("/Resources") or pikepdf.Dictionary()
    fonts = {str(name): _unicode(font) for name, font in (resources.get("/Font") or {}).items()}
    named = {str(kind): resources.get(kind) or {} for kind in ("/XObject", "/ExtGState", "/ColorSpace", "/Shading",
                                                               "/Pattern")}
    face, width = "", 1
    characters: dict[int, str] = {}
    out: list[bytes] = []

    def text(value: Any) -> str:
        data = bytes(value)
        codes = (int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))
        return "".join(characters.get(code, "?") for code in codes)

    for instruction in pikepdf.parse_content_stream(content):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            out.append(b"BI " + hashlib.sha256(instruction.iimage.unparse()).hexdigest().encode())
            continue
        operands, name = instruction.operands, str(instruction.operator)
        shown: list[Any]
        if name == "Tf":
            face, characters, width = fonts.get(str(operands[0]), ("", {}, 1))
            shown = [face, float(operands[1])]
        elif name in ("Tj", "'", '"'):
            shown = [float(value) for value in operands[:-1]] + [text(operands[-1])]
        elif name == "TJ":
            shown = [text(item) if isinstance(item, pikepdf.String) else float(item) for item in operands[0]]
        elif name == "Do":
            used = named["/XObject"].get(str(operands[0]))
            if used is None:
                shown = [str(operands[0])]
            elif used.get("/Subtype") == "/Form" and depth < MAX_FORMS:
                shown = [repr(used.get("/Matrix")), hashlib.sha256(_drawn(used, used, depth + 1)).hexdigest()]
            else:
                shown = [hashlib.sha256(_resource(used)).hexdigest()]
        elif name in ("gs", "cs", "CS", "sh", "scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
            kinds = {"gs": "/ExtGState", "cs": "/ColorSpace", "CS": "/ColorSpace", "sh": "/Shading"}
            used = named[kinds.get(name, "/Pattern")].get(str(operands[-1]))
            shown = [str(value) for value in operands[:-1]] + [
                hashlib.sha256(_resource(used)).hexdigest() if used is not None else str(operands[-1])]
        else:
            shown = [str(value) for value in operands]
        out.append(f"{name} {shown!r}".encode())
    return b"\n".join(out)


def page_keys(pdf: bytes) -> list[str]:
    """A key per page: the hash of what the page draws, the same for the same page in a new build."""
    import pikepdf

    keys = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            box = [[float(value) for value in page.mediabox], [float(value) for value in page.cropbox],
                   int(page.obj.get("/Rotate", 0))]
            drawn = repr(box).encode() + b"\n" + _drawn(page.obj, page)
            keys.append(f"{hashlib.sha256(drawn).hexdigest()[:40]}-{DPI}")
    return keys


class PageImages:
    """Rendered pages by key, the newest KEEP of them; counts what it rendered (for the tests)."""

    def __init__(self, keep: int = KEEP):
        self._images: OrderedDict[str, bytes] = OrderedDict()
        #: Each PDF's page keys by the hash of its bytes: a file a build left as it was is not read again.
        self._keys: OrderedDict[bytes, list[str]] = OrderedDict()
        self._lock = threading.Lock()
        self.keep = keep
        self.rendered = 0
        #: The pages the page shows now: never dropped, however many there are.
        self.shown: set[str] = set()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            image = self._images.get(key)
            if image is not None:
                self._images.move_to_end(key)
            return image

    def of(self, pdf: bytes) -> list[str]:
        """The keys of a PDF's pages, rendering the pages not already kept."""
        from ..raster import encoded, rendered

        whole = hashlib.sha256(pdf).digest()
        keys = self._keys.get(whole)
        if keys is None:
            keys = self._keys[whole] = page_keys(pdf)
            while len(self._keys) > FILES_KEPT:
                self._keys.popitem(last=False)
        self._keys.move_to_end(whole)
        with self._lock:
            self.shown |= set(keys)  # this build's pages are not dropped while it renders the rest
        missing = [index for index, key in enumerate(keys) if self.get(key) is None]
        for index, pixels in zip(missing, rendered(pdf, DPI, missing), strict=True):
            self._put(keys[index], encoded(pixels, DPI))
        return keys

    def _put(self, key: str, image: bytes) -> None:
        with self._lock:
            self._images[key] = image
            self._images.move_to_end(key)
            self.rendered += 1
            spare = [old for old in self._images if old not in self.shown][:max(0, len(self._images) - self.keep)]
            for old in spare:
                del self._images[old]
