"""A CSV guest list as Excel saves it (UTF-8 or Shift_JIS, any line ends) read into a Sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..limits import MAX_COLUMNS, MAX_ROWS
from .sheet import Row, Sheet, _refuse, _too_large


def _read_csv(path: Path, shown: str) -> Sheet:
    """The rows of a CSV file, numbered as Excel numbers them; UTF-16 and undecodable bytes refused."""
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise _refuse(shown, "a CSV saved as UTF-8 or Shift_JIS (Excel's CSV)", "UTF-16 or binary data",
                      "in Excel, save as「CSV UTF-8（コンマ区切り）」")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _refuse(shown, "a CSV saved as UTF-8 or Shift_JIS (Excel's CSV)", "bytes in neither encoding")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    rows: list[Row] = []
    try:
        for number, row in enumerate(reader, 1):  # rows as Excel counts them: a cell's line break is no new row
            if number > MAX_ROWS or len(row) > MAX_COLUMNS:
                raise _too_large(shown, None, number, len(row))
            rows.append(Row(number, row))
    except csv.Error as error:
        raise _refuse(shown, "comma-separated rows", f"{error} in row {len(rows) + 1}") from None
    return Sheet(shown, None, rows)
