"""PDF pages as PNG images, rendered by pypdfium2 (a wheel: no poppler or Ghostscript needed)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2
from PIL import Image


def page_images(pdf: bytes, dpi: float) -> Iterator[Image.Image]:
    """Each page as an RGB image of its whole MediaBox (marks and bleed included) on white."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                yield page.render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB")
            finally:
                page.close()
    finally:
        document.close()


def png(image: Image.Image, dpi: float | None = None) -> bytes:
    """PNG bytes of an image (reproducible: no time stamp), with its resolution if given."""
    out = io.BytesIO()
    image.save(out, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()
