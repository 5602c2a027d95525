"""PDF pages as PNG images, rendered by pypdfium2 (a wheel: no poppler or Ghostscript needed).

PNGs are written here, not by Pillow: Pillow filters every row of an RGB image adaptively (five
filters tried per row), which on a rendered page (white paper, flat colours, text) is two thirds
of the time and makes the file no smaller than unfiltered rows deflated at level 3. A PNG is four
chunks (IHDR, pHYs, IDAT, IEND); Pillow and every viewer read them back.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pypdfium2
from PIL import Image

#: Deflate level of page images: as small as Pillow's default output, three times as fast.
LEVEL = 3
#: Encoders at most (each holds a page or two: about 4 MB an A4 page at 100 dpi).
WORKERS = 4
SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Pixels:
    """8-bit RGB rows, `stride` bytes apart, and what owns their memory."""

    width: int
    height: int
    stride: int
    data: Any  # a buffer: bytes, or the rendered bitmap's memory
    owner: object = None

    def image(self) -> Image.Image:
        """A Pillow image of its own (a copy)."""
        return Image.frombuffer("RGB", (self.width, self.height), self.data, "raw", "RGB", self.stride, 1).copy()


def rendered(pdf: bytes, dpi: float, indices: Iterable[int] | None = None) -> Iterator[Pixels]:
    """Each page's pixels (or those of the pages `indices` names): its whole MediaBox (marks and
    bleed included) on white."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)) if indices is None else indices:
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72, may_draw_forms=False, rev_byteorder=True)
            finally:
                page.close()
            yield Pixels(bitmap.width, bitmap.height, bitmap.stride, memoryview(bitmap.buffer).cast("B"), bitmap)
    finally:
        document.close()


def page_images(pdf: bytes, dpi: float) -> Iterator[Image.Image]:
    """Each page as an RGB image of its whole MediaBox (marks and bleed included) on white."""
    return (pixels.image() for pixels in rendered(pdf, dpi))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encoded(pixels: Pixels, dpi: float | None = None) -> bytes:
    """PNG bytes (8-bit RGB, rows unfiltered; reproducible: no time stamp), with the resolution if given."""
    row, data = pixels.width * 3, pixels.data
    rows = b"".join(part for start in range(0, pixels.stride * pixels.height, pixels.stride)
                    for part in (b"\x00", data[start:start + row]))
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", pixels.width, pixels.height, 8, 2, 0, 0, 0))
    density = _chunk(b"pHYs", struct.pack(">IIB", *[round(dpi / 0.0254)] * 2, 1)) if dpi else b""
    return SIGNATURE + header + density + _chunk(b"IDAT", zlib.compress(rows, LEVEL)) + _chunk(b"IEND", b"")


def png(image: Image.Image, dpi: float | None = None) -> bytes:
    """PNG bytes of an image, with its resolution if given."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return encoded(Pixels(rgb.width, rgb.height, rgb.width * 3, rgb.tobytes()), dpi)


def page_pngs(pdf: bytes, dpi: float) -> Iterator[bytes]:
    """Each page as PNG, in order: rendered here, encoded on every core (deflate lets go of the
    interpreter), a few pages at a time so that memory stays bounded however many there are."""
    workers = min(os.cpu_count() or 1, WORKERS)
    with ThreadPoolExecutor(workers) as pool:
        pending: deque[Future[bytes]] = deque()
        for pixels in rendered(pdf, dpi):
            pending.append(pool.submit(encoded, pixels, dpi))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
