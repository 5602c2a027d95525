"""PNG proofs of every page, rendered by pypdfium2 (no system tools), marks and bleed included."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2

#: Proof resolution: enough to read 7 pt text and see the marks, small enough to mail.
PROOF_DPI = 100


def proof_pages(pdf: bytes, dpi: int = PROOF_DPI) -> Iterator[bytes]:
    """Each page as PNG bytes, the whole MediaBox on white."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                image = page.render(scale=dpi / 72, may_draw_forms=False).to_pil()
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, "PNG", dpi=(dpi, dpi))
            yield out.getvalue()
    finally:
        document.close()
