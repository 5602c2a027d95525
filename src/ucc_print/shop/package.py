"""The print shop's package: print-shop PDFs that passed preflight, the order sheet, proofs, checksums.

The zip is reproducible: entries in a fixed order, each dated the event's day, so the same
content always gives the same bytes (and the same SHA256SUMS).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Project
from ..outputs import order_sheet
from ..outputs.printed import ShopFile, shop_files
from ..raster import page_images, png
from ..zipped import zip_bytes
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
    """The zip's name (without .zip), its bytes, and what is in it."""

    name: str
    data: bytes
    files: dict[str, bytes]
    reports: list[Report]


def package_name(project: Project) -> str:
    """print-shop-2026-06-17."""
    return f"print-shop-{project.event.date.isoformat()}"


def checksums(files: dict[str, bytes]) -> bytes:
    """SHA256SUMS in the format `sha256sum -c` reads: the hash, two spaces, the path."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in files.items()).encode()


def make_package(project: Project, root: Path) -> Package:
    """Every product of print.yaml in the print-shop profile, preflighted; PreflightFailed if one fails."""
    made: list[ShopFile] = shop_files(project, root)
    reports = [preflight_bytes(file.data, f"{PRINT}/{file.name}") for file in made]
    if not all(report.passed for report in reports):
        raise PreflightFailed(reports)
    sheet = order_sheet.pdf(project, [(file, report.pages, report.trim_mm)
                                      for file, report in zip(made, reports, strict=True)])
    files: dict[str, bytes] = {f"{PRINT}/{file.name}": file.data for file in made}
    files[order_sheet.FILE_NAME] = sheet
    for file in made:
        stem = file.name.removesuffix(".pdf")
        for number, image in enumerate(page_images(file.data, PROOF_DPI), 1):
            files[f"{PROOFS}/{stem}-{number:03d}.png"] = png(image, PROOF_DPI)
    files[CHECKSUMS] = checksums(files)
    name = package_name(project)
    day = project.event.date
    return Package(name, zip_bytes(((f"{name}/{path}", data) for path, data in files.items()),
                                    (day.year, day.month, day.day, 0, 0, 0)), files, reports)
