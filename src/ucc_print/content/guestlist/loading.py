"""The entry points: a guest list file read into rows (read_table), then into a GuestList (load_guest_file)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...errors import ContentError, Problem
from ..limits import MAX_LIST_BYTES, regular
from ..model import Guest, GuestList
from .csvfile import _read_csv
from .guests import _cell_text, _guest, _record, _unheaded_values, _who
from .headings import _header
from .sheet import Sheet, _refuse, _text


def read_table(path: Path, shown: str, sheet: str | None = None) -> Sheet:
    """The rows of a .csv or .xlsx file."""
    odd = regular(path)
    if odd:
        raise _refuse(shown, "a guest list file (.xlsx or .csv)", odd)
    if not path.is_file():
        raise _refuse(shown, "a guest list file", "no such file")
    if path.stat().st_size > MAX_LIST_BYTES:
        raise _refuse(shown, f"a guest list of at most {MAX_LIST_BYTES // 1_000_000} MB",
                      f"{path.stat().st_size // 1_000_000:,} MB", "save only the sheet of guests, without pictures")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet:
            raise _refuse(shown, "--sheet only with an .xlsx list", "a CSV file, which has one table")
        return _read_csv(path, shown)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsxfile import _read_xlsx  # openpyxl, imported only for Excel lists

        return _read_xlsx(path, shown, sheet)
    raise _refuse(shown, "a .csv or .xlsx guest list", f"a {suffix or 'nameless'} file",
                  "in Excel, save the list as .xlsx or as CSV UTF-8")


def load_guest_file(path: Path, shown: str, sheet_name: str | None = None) -> tuple[GuestList, list[Problem]]:
    """A validated guest list from a spreadsheet and its warnings, or ContentError with every problem."""
    sheet = read_table(path, shown, sheet_name)
    problems: list[Problem] = []
    header = _header(sheet, problems)
    if problems:
        raise ContentError(problems)
    rows = [row for row in sheet.rows if row.number > header.row and any(_text(c) for c in row.cells)]
    if path.suffix.lower() != ".csv":
        from .formulas import _uncalculated_formulas

        empty = [(row.number, column) for row in rows for column in header.columns.values()
                 if column < len(row.cells) and row.cells[column] is None]
        _uncalculated_formulas(sheet, empty)
    warnings: list[Problem] = []
    guests: list[Guest] = []
    seen: dict[tuple[str, str], int] = {}
    unheaded: dict[int, list[int]] = {}
    for row in rows:
        if row.hidden:
            who = _who(row, header)
            warnings.append(sheet.problem(row.number, None, None, "a visible row",
                                          f"a hidden row{f' ({who})' if who else ''}, left out",
                                          "unhide it if the guest is coming"))
            continue
        _unheaded_values(sheet, row, header, problems, unheaded)
        values = {name: _cell_text(sheet, row, column, header.headings[column], problems)
                  for name, column in header.columns.items()}
        guest = _guest(sheet, row, header, _record(values), values, problems)
        if guest is None:
            continue
        key = (guest.name or "", guest.organization)
        if guest.name and key in seen:
            warnings.append(sheet.problem(row.number, None, None, "each guest once",
                                          f"{guest.label} again (first in row {seen[key]})"))
        seen.setdefault(key, row.number)
        guests.append(guest)
    for index, count in unheaded.values():
        if count > 1:
            problems[index] = replace(problems[index], found=f"{problems[index].found} (and values in {count - 1:,} "
                                                             "more rows of the column)")
    if not guests and not problems:
        problems.append(sheet.problem(header.row, None, None, "at least one guest below the header", "none"))
    if problems:
        raise ContentError(problems)
    return GuestList(guests=guests), warnings
