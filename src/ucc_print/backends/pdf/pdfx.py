"""PDF/X-1a:2001 finishing with pikepdf: the identification keys, the output intent, a PDF 1.3 file.

reportlab draws the pages (CMYK only, fonts embedded, boxes set); this adds what the standard
asks of the document as a whole. The output condition is Japan Color 2001 Coated, registered at
color.org as JC200103, so no ICC profile needs to be embedded.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ...design.profiles import OUTPUT_CONDITION, OUTPUT_CONDITION_ID, PDFX_CONFORMANCE, PDFX_VERSION, Profile

if TYPE_CHECKING:
    import pikepdf

REGISTRY = "http://www.color.org"


def output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The one GTS_PDFX output intent of the file."""
    import pikepdf

    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=OUTPUT_CONDITION_ID,
        OutputCondition=OUTPUT_CONDITION,
        RegistryName=REGISTRY,
        Info=OUTPUT_CONDITION,
    ))


def to_pdfx(data: bytes) -> bytes:
    """The PDF made a PDF/X-1a:2001 file: Info keys, output intent, PDF 1.3, a deterministic ID."""
    import pikepdf  # only print-shop files need it, so office builds do not load it

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        if not str(info.get("/Title", "")).strip():
            raise ValueError("a PDF/X file needs a title")
        info[pikepdf.Name.GTS_PDFXVersion] = PDFX_VERSION
        info[pikepdf.Name.GTS_PDFXConformance] = PDFX_CONFORMANCE
        info[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        if pikepdf.Name.ModDate not in info:
            info[pikepdf.Name.ModDate] = info[pikepdf.Name.CreationDate]
        pdf.Root.OutputIntents = pikepdf.Array([output_intent(pdf)])
        for page in pdf.pages:  # reportlab sets both to the MediaBox; the TrimBox is what counts
            for key in (pikepdf.Name.ArtBox, pikepdf.Name.CropBox):
                if key in page.obj:
                    del page.obj[key]
        out = io.BytesIO()
        pdf.save(out, force_version="1.3", object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 deterministic_id=True)
    return out.getvalue()


def finished(data: bytes, profile: Profile) -> bytes:
    """The file as the profile wants it: untouched for the office, PDF/X-1a for the print shop."""
    return to_pdfx(data) if profile.shop else data
