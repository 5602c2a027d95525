"""The document-level rules of PDF/X-1a:2001: version, identification, Info, output intent,
actions, and the compression of every stream."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

from ..design.profiles import PDFX_CONFORMANCE, PDFX_VERSION
from .pagewalk import number
from .report import Finding

#: Stream filters PDF/X-1a:2001 does not allow (LZW by the standard, the rest are not PDF 1.3).
FORBIDDEN_FILTERS = {"/LZWDecode": "LZW", "/LZW": "LZW", "/JBIG2Decode": "JBIG2", "/JPXDecode": "JPEG 2000"}


def document_findings(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    """What breaks the rules of the document as a whole (not its pages)."""
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


def stream_findings(pdf: pikepdf.Pdf, newer: list[str]) -> Iterator[Finding]:
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
