"""Byte-identical .pptx files: every zip entry gets the same timestamp and permissions."""

from __future__ import annotations

import io
import zipfile

#: The earliest date a zip can hold; used for every entry.
EPOCH = (1980, 1, 1, 0, 0, 0)


def normalised(data: bytes) -> bytes:
    """The same zip with fixed entry times and attributes, entries in their original order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
