"""The print shop's package: print-shop PDFs that passed preflight, the order sheet, proofs, checksums.

The zip is reproducible: entries in a fixed order, each dated the event's day, so the same
content always gives the same bytes (and the same SHA256SUMS).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..content.model import Project
from ..outputs import order_sheet
from ..outputs.printed import ShopFile, shop_files
from ..raster import page_pngs
from ..zipped import write_zip
from .preflight import preflight_bytes
from .report import Report

#: Proof resolution: enough to read 7 pt text and see the marks, small enough to mail.
PROOF_DPI = 100
#: Folders inside the package.
PRINT, PROOFS = "print", "proofs"
CHECKSUMS = "SHA256SUMS"


class PreflightFailed(Exception):
    """A print-shop file broke preflight; holds every report (the package is not written)."""

    def __init__(self, reports: list[Report]):
        super().__init__(f"{sum(not r.passed for r in reports)} file(s) failed preflight")
        self.reports = reports


@dataclass(frozen=True)
class Package:
    """The print shop's package, preflighted; its zip is made as it is written (`write`), one proof
    rendered at a time, so a thousand guests' proofs are never all in memory."""

    name: str
    day: date
    made: list[ShopFile]
    sheet: bytes
    reports: list[Report]

    @property
    def proofs(self) -> int:
        """How many proofs the zip holds: one a page."""
        return sum(report.pages for report in self.reports)

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Every file in the package's order, SHA256SUMS (in the format `sha256sum -c` reads) last."""
        sums = []
        for path, data in self._contents():
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {path}\n")
            yield path, data
        yield CHECKSUMS, "".join(sums).encode()

    def _contents(self) -> Iterator[tuple[str, bytes]]:
        yield from ((f"{PRINT}/{file.name}", file.data) for file in self.made)
        yield order_sheet.FILE_NAME, self.sheet
        for file in self.made:
            stem = file.name.removesuffix(".pdf")
            for number, image in enumerate(page_pngs(file.data, PROOF_DPI), 1):
                yield f"{PROOFS}/{stem}-{number:03d}.png", image

    def write(self, stream: BinaryIO) -> None:
        """The zip: every entry under the package's folder, dated the event's day, proofs stored (PNG is compressed)."""
        write_zip(stream, ((f"{self.name}/{path}", data) for path, data in self.files()),
                  (self.day.year, self.day.month, self.day.day, 0, 0, 0), stored=(".png",))


def package_name(project: Project) -> str:
    """print-shop-2026-06-17."""
    return f"print-shop-{project.event.date.isoformat()}"


def make_package(project: Project, root: Path) -> Package:
    """Every product of print.yaml in the print-shop profile, preflighted; PreflightFailed if one fails."""
    made: list[ShopFile] = shop_files(project, root)
    reports = [preflight_bytes(file.data, f"{PRINT}/{file.name}") for file in made]
    if not all(report.passed for report in reports):
        raise PreflightFailed(reports)
    sheet = order_sheet.pdf(project, [(file, report.pages, report.trim_mm)
                                      for file, report in zip(made, reports, strict=True)])
    return Package(package_name(project), project.event.date, made, sheet, reports)
