"""Preflight: does a PDF meet PDF/X-1a:2001 and our print geometry? Any PDF, however it was made.

The file is checked rule by rule (report.py lists them): documentrules.py for the document as a
whole, pagerules.py for each page, whose drawing pagewalk.py walks. A finding names its rule and
page; the report groups them. A file that is damaged or malformed fails with what could not be
checked, never with a traceback. Here: the limits, opening the file, running the rules.
"""

from __future__ import annotations

import io
import mmap
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pikepdf
import pikepdf.settings

from .documentrules import document_findings, stream_findings
from .pagerules import geometry_findings, page_findings
from .pagewalk import MAX_STREAM_BYTES, Allowance
from .pdfscan import Buffer, scan
from .report import RULES, Finding, Report

__all__ = ["MAX_PAGES", "MAX_PDF_BYTES", "RULES", "Finding", "NotAPdf", "Report", "preflight_bytes", "preflight_file"]

#: The largest file and the most pages preflight reads (a print job is far smaller: ours stay under 20 MB).
#: The file is never read into memory whole; qpdf reads what it needs, and the syntax scan maps it.
MAX_PDF_BYTES = 200_000_000
MAX_PAGES = 5_000
#: Levels of the page tree followed (5,000 pages need a handful; qpdf itself gives up past 100).
MAX_TREE_DEPTH = 32
#: The memory qpdf may need for the file's objects (estimated from its bytes before opening it; pdfscan.py).
MAX_SYNTAX_MEMORY = 250_000_000


class NotAPdf(Exception):
    """The file cannot be read as a PDF at all."""


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
    """qpdf's limits while a file is read: no stream (an object or cross-reference stream included) is
    inflated past MAX_STREAM_BYTES, whatever its compression claims (restored after: a build in the
    same process decodes pictures)."""
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
    checks = [("the document", lambda: document_findings(pdf)),
              ("the page boxes", lambda: geometry_findings(pdf, report)),
              ("the streams", lambda: stream_findings(pdf, newer))]
    for what, check in checks:
        report.findings += _guarded(what, None, check)
    allowance = Allowance.document()
    for number_, page in enumerate(pdf.pages, 1):
        report.findings += _guarded(f"page {number_}", number_, partial(page_findings, page, number_, allowance))
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


