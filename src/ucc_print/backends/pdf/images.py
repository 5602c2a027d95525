"""Pictures in PDFs: each encoded once, as its image XObject holds it, and drawn from that.

reportlab's drawImage decodes a picture at every call and holds several copies of its samples at
once (the image, its bytes, their concatenation for a digest, the compressed stream): a 40
megapixel picture took over a gigabyte. Here the samples go through in bands of rows, the digest
and the compression fed band by band, so a picture needs its decoded image and its stream at most;
the stream (never the image) is kept for the next document that draws it (by file, size and time
of change). An office PDF gets what drawImage writes: the same name, dictionary and stream. A
print-shop picture is Flate alone, its filter a name, so finishing the file (pdfx.py) keeps its
stream as it is instead of decoding and compressing it again: the same samples, stream and
entries as before, the /Filter key now in its sorted place.

For the print shop, pictures are DeviceCMYK with a colour-key mask instead of soft transparency.
PDF/X-1a allows no RGB image and no soft mask (alpha). A picture is converted by full grey
component replacement (greys become K only, as text in a logo should), its half-transparent
edge pixels are blended with the colour beneath, and its clear pixels are cut out with a
PDF 1.3 colour-key mask on a key colour that conversion never produces.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFArray, PDFImageXObject, PDFName, PDFObjectReference, PDFStream
from reportlab.pdfbase.pdfutils import asciiBase85Encode

from ...design.tokens import Colour

#: C, M and Y are never all non-zero after grey component replacement, so this key is free.
KEY = (1, 1, 1, 0)
#: The colour-key mask for reportlab's drawImage: [min max] per CMYK channel.
KEY_MASK = [value for channel in KEY for value in (channel, channel)]
#: Pixels at least this opaque are kept; the rest are cut out.
OPAQUE = 128
#: Rows converted and compressed at a time.
BAND_ROWS = 256
#: Encoded pictures kept for the next document, in bytes of their streams: enough for every picture
#: of the slides within content/limits.py's MAX_PICTURES_PIXELS, however they compress.
CACHE_BYTES = 150_000_000
#: reportlab's colour space for each mode of samples it writes.
SPACES = {"RGB": "DeviceRGB", "L": "DeviceGray", "CMYK": "DeviceCMYK"}


@dataclass(frozen=True)
class Encoded:
    """A picture as its image XObject holds it: drawn any number of times, in any document."""

    #: reportlab's name for it: the digest of its samples and of its mask.
    name: str
    width: int
    height: int
    colour_space: str
    #: The stream's filters (a lone name, not an array, for the print shop: see _ImageXObject).
    filters: tuple[str, ...] | str
    #: The stream's content (ASCII85 text if reportlab writes that, its default).
    stream: bytes
    #: A colour-key mask ([min max] per channel), a soft mask (alpha), the Decode array.
    mask: tuple[int, ...] | None = None
    soft_mask: Encoded | None = None
    decode: tuple[int, ...] | None = None
    #: reportlab's flag for an Adobe CMYK JPEG, whose samples are inverted.
    inverted: bool = False

    @property
    def size(self) -> int:
        return len(self.stream) + (self.soft_mask.size if self.soft_mask else 0)


def to_cmyk(rgb: Image.Image) -> Image.Image:
    """RGB → CMYK with the grey in K: K = min(1-R, 1-G, 1-B), each ink less that K."""
    c, m, y = (ImageChops.invert(band) for band in rgb.convert("RGB").split())
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge("CMYK", [ImageChops.subtract(band, k) for band in (c, m, y)] + [k])


def _bands(image: Image.Image) -> Iterator[Image.Image]:
    """The picture a band of rows at a time."""
    width, height = image.size
    for top in range(0, height, BAND_ROWS):
        yield image.crop((0, top, width, min(height, top + BAND_ROWS)))


def _stream(chunks: Iterable[bytes], *digests: Any, ascii85: bool = True) -> bytes:
    """Samples compressed as reportlab compresses them (Flate, then ASCII85 if it is set to and
    `ascii85`), each chunk added to the digests on the way; encoded as it goes, so no second copy
    is ever made."""
    compressor, out, pending = zlib.compressobj(), io.BytesIO(), b""
    ascii85 = ascii85 and bool(rl_config.useA85)
    for chunk in chunks:
        for digest in digests:
            digest.update(chunk)
        pending = _write(out, pending + compressor.compress(chunk), ascii85)
    _write(out, pending + compressor.flush(), ascii85, last=True)
    return out.getvalue()  # the buffer itself, not a copy


def _write(out: io.BytesIO, data: bytes, ascii85: bool, last: bool = False) -> bytes:
    """Compressed data written out (in ASCII85 if asked, whole groups of four bytes at a time, the
    end marker at the end); what is left for the next time."""
    if not ascii85:
        out.write(data)
        return b""
    if not last and len(data) < 1_000_000:
        return data
    whole = len(data) if last else len(data) - len(data) % 4
    text = asciiBase85Encode(data[:whole])
    out.write((text if last else text[:-2]).encode("ascii"))
    return data[whole:]


def _filters() -> tuple[str, ...]:
    return ("ASCII85Decode", "FlateDecode") if rl_config.useA85 else ("FlateDecode",)


def _digest() -> Any:
    return hashlib.md5(usedforsecurity=False)


def _samples(image: Image.Image, mode: str, channel: str | None = None) -> Iterator[bytes]:
    """The picture's samples in `mode` (or one channel of it), band by band."""
    for band in _bands(image):
        converted = band if band.mode == mode else band.convert(mode)
        yield (converted.getchannel(channel) if channel else converted).tobytes()


def _office_modes(image: Image.Image) -> tuple[str, str | None]:
    """The mode reportlab writes a picture's samples in, and the mode its alpha comes from (if any)."""
    if image.mode in ("LA", "RGBA"):
        return image.mode[:-1], image.mode
    if image.mode in ("L", "RGB", "CMYK"):
        return image.mode, None
    if image.format == "PNG" and image.mode == "P" and "transparency" in image.info:
        return "RGB", "RGBA"
    return "RGB", None


def _jpeg(name: str, data: bytes) -> Encoded:
    """A JPEG as reportlab embeds it: its own bytes, not decoded."""
    xobject = PDFImageXObject(name)
    xobject.loadImageFromJPEG(io.BytesIO(data))
    stream = xobject.streamContent
    return Encoded(name, xobject.width, xobject.height, xobject.colorSpace, tuple(xobject._filters),
                   stream.encode("ascii") if isinstance(stream, str) else stream,
                   inverted=bool(getattr(xobject, "_dotrans", 0)))


def office_picture(path: Path) -> Encoded:
    """A picture for an office PDF, as drawImage(ImageReader(path), mask="auto") embeds it."""
    with Image.open(path) as image:
        image.load()
        if image.format != "JPEG":
            return _office_samples(image)
        digest = _digest()  # a JPEG's own bytes are embedded; its samples only name it
        for chunk in _samples(image, _office_modes(image)[0]):
            digest.update(chunk)
        digest.update(b"auto")
    return _jpeg(digest.hexdigest(), path.read_bytes())


def _office_samples(image: Image.Image) -> Encoded:
    """A picture's samples compressed, its alpha as a soft mask (as drawImage with mask="auto")."""
    colour_mode, alpha_mode = _office_modes(image)
    digest = _digest()
    stream = _stream(_samples(image, colour_mode), digest)
    soft_mask, mask = None, None
    if alpha_mode:
        alpha_digest = _digest()
        alpha = _stream(_samples(image, alpha_mode, "A"), digest, alpha_digest)
        soft_mask = Encoded(alpha_digest.hexdigest(), *image.size, SPACES["L"], _filters(), alpha, decode=(0, 1))
    else:
        digest.update(b"auto")
        key = ImageReader(image).getTransparent()
        mask = (key[0], key[0], key[1], key[1], key[2], key[2]) if key else None
    return Encoded(digest.hexdigest(), *image.size, SPACES[colour_mode], _filters(), stream, mask, soft_mask)


def _press_bands(image: Image.Image, beneath: Colour, clear_found: list[bool]) -> Iterator[bytes]:
    """CMYK samples band by band: blended with the colour beneath, clear pixels set to KEY."""
    for band in _bands(image):
        picture = band.convert("RGBA")
        clear = picture.getchannel("A").point(lambda a: 255 if a < OPAQUE else 0)
        ground = Image.new("RGBA", picture.size, beneath.rgb + (255,))
        cmyk = to_cmyk(Image.alpha_composite(ground, picture))
        if clear.getbbox() is not None:
            clear_found.append(True)
            cmyk.paste(KEY, mask=clear)
        yield cmyk.tobytes()


def press_picture(path: Path, beneath: Colour) -> Encoded:
    """The picture in CMYK, with a colour-key mask if it has clear pixels, compressed with Flate alone
    (named as drawImage names it: by its samples and mask)."""
    with Image.open(path) as image:
        image.load()
        digest = _digest()
        if image.mode == "CMYK":
            stream = _stream(_samples(image, "CMYK"), digest, ascii85=False)
            digest.update(b"None")
            return Encoded(digest.hexdigest(), *image.size, SPACES["CMYK"], "FlateDecode", stream)
        clear_found: list[bool] = []
        stream = _stream(_press_bands(image, beneath, clear_found), digest, ascii85=False)
        mask = KEY_MASK if clear_found else None
        digest.update(str(mask).encode())
        return Encoded(digest.hexdigest(), *image.size, SPACES["CMYK"], "FlateDecode", stream,
                       tuple(mask) if mask else None)


def _may_be_clear(path: Path) -> bool:
    """Whether a picture may have clear or half-clear pixels (read from its header, not decoded)."""
    with Image.open(path) as image:
        return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


class _Cache:
    """Encoded pictures by file (path, size and time of change) and how they were made, within CACHE_BYTES."""

    def __init__(self) -> None:
        self.kept: OrderedDict[tuple[object, ...], Encoded] = OrderedDict()

    def get(self, path: Path, beneath: Colour | None) -> Encoded:
        status = path.stat()
        ground = beneath if beneath is None or _may_be_clear(path) else "opaque"  # the same on any colour
        key = (str(path.resolve()), status.st_size, status.st_mtime_ns, ground)
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        encoded = office_picture(path) if beneath is None else press_picture(path, beneath)
        if encoded.size <= CACHE_BYTES:
            self.kept[key] = encoded
            while sum(kept.size for kept in self.kept.values()) > CACHE_BYTES:
                self.kept.popitem(last=False)
        return encoded


_CACHE = _Cache()


def encoded_picture(path: Path, beneath: Colour | None = None) -> Encoded:
    """A picture encoded for an office PDF, or for the print shop on the colour `beneath` it."""
    return _CACHE.get(path, beneath)


class _ImageXObject(PDFImageXObject):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's image XObject, written as reportlab writes it, except that a lone filter is a
    name (/Filter /FlateDecode), as qpdf writes it: finishing a print-shop file (pdfx.py) then keeps
    the picture's stream as it is, instead of decoding and compressing it all over again. The
    stream comes out the same (qpdf compresses with the same zlib at the same level); only /Filter
    takes its sorted place among the keys."""

    def format(self, document: Any) -> bytes:
        stream = PDFStream(content=self.streamContent)
        entries = stream.dictionary
        entries["Type"], entries["Subtype"] = PDFName("XObject"), PDFName("Image")
        entries["Width"], entries["Height"] = self.width, self.height
        entries["BitsPerComponent"] = self.bitsPerComponent
        entries["ColorSpace"] = PDFName(self.colorSpace)
        if self.colorSpace == "DeviceCMYK" and getattr(self, "_dotrans", 0):
            entries["Decode"] = PDFArray([1, 0, 1, 0, 1, 0, 1, 0])
        elif getattr(self, "_decode", None):
            entries["Decode"] = PDFArray(self._decode)
        filters = self._filters
        entries["Filter"] = PDFName(filters) if isinstance(filters, str) else PDFArray(map(PDFName, filters))
        entries["Length"] = len(self.streamContent)
        if self.mask:
            entries["Mask"] = PDFArray(self.mask)
        if getattr(self, "smask", None):
            entries["SMask"] = self.smask
        return stream.format(document)  # type: ignore[no-any-return]


def _xobject(encoded: Encoded) -> PDFImageXObject:
    """A reportlab image XObject for one document (each document its own, as drawImage makes them)."""
    xobject = _ImageXObject(encoded.name)
    xobject.width, xobject.height = encoded.width, encoded.height
    xobject.bitsPerComponent = 8
    xobject.colorSpace = encoded.colour_space
    xobject._filters = encoded.filters
    xobject.streamContent = encoded.stream
    xobject.mask = list(encoded.mask) if encoded.mask else None
    if encoded.decode:
        xobject._decode = list(encoded.decode)
    if encoded.inverted:
        xobject._dotrans = 1
    return xobject


def draw_picture(canvas: Any, encoded: Encoded, x: float, y: float, width: float, height: float) -> None:
    """Draw an encoded picture into the box, as canvas.drawImage(image, x, y, width, height) does:
    the XObject (and its soft mask) registered once per document, then placed."""
    canvas._currentPageHasImages = 1
    document = canvas._doc
    registered = document.getXObjectName(encoded.name)
    if not document.idToObject.get(registered, None):
        xobject = _xobject(encoded)
        canvas._setXObjects(xobject)
        document.Reference(xobject, registered)
        document.addForm(encoded.name, xobject)
        if encoded.soft_mask:
            soft = document.getXObjectName(encoded.soft_mask.name)
            if not document.idToObject.get(soft, None):
                soft_mask = _xobject(encoded.soft_mask)
                canvas._setXObjects(soft_mask)
                xobject.smask = document.Reference(soft_mask, soft)
            else:
                xobject.smask = PDFObjectReference(soft)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(encoded.name)
