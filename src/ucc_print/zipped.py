"""Reproducible zip files: fixed entry times and permissions, entries in the order given."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

#: The earliest date a zip can hold, for files that have no date of their own.
EPOCH = (1980, 1, 1, 0, 0, 0)
Stamp = tuple[int, int, int, int, int, int]


def write_zip(stream: BinaryIO, files: Iterable[tuple[str, bytes]], stamp: Stamp = EPOCH,
              stored: tuple[str, ...] = ()) -> None:
    """Write a zip of (path, data) whose bytes depend on nothing but the arguments, one entry at a
    time (`files` may make them as they are asked for); paths ending as in `stored` (already
    compressed, such as .png) are stored, the others deflated."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files:
            entry = zipfile.ZipInfo(path, date_time=stamp)
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # the same bytes from Windows as from Linux
            entry.compress_type = zipfile.ZIP_STORED if path.endswith(stored) and stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)


def zip_bytes(files: Iterable[tuple[str, bytes]], stamp: Stamp = EPOCH) -> bytes:
    """A deflated zip of (path, data) whose bytes depend on nothing but its arguments."""
    buffer = io.BytesIO()
    write_zip(buffer, files, stamp)
    return buffer.getvalue()

