"""An .xlsx guest list read into a Sheet: one sheet, read-only, merged cells spread, hidden rows noted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange

from ...errors import ContentError
from ..limits import MAX_COLUMNS, MAX_ROWS
from .formulas import _SheetParser
from .prescan import _check_package
from .sheet import Row, Sheet, _refuse, _too_large


def _open_workbook(path: Path, shown: str) -> Workbook:
    """The workbook opened read-only (each sheet is read as it is needed), or a clear refusal."""
    _check_package(path, shown)
    try:
        return load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refuse(shown, "an Excel workbook (.xlsx)",
                      f"a file openpyxl cannot read ({type(error).__name__})",
                      "open it in Excel and save it again as .xlsx") from None


def _chosen_sheet(book: Workbook, shown: str, sheet_name: str | None) -> ReadOnlyWorksheet:
    """The sheet asked for, else the first visible one."""
    if sheet_name:
        if sheet_name not in book.sheetnames:
            raise _refuse(shown, "a sheet named " + ", ".join(book.sheetnames), repr(sheet_name))
        worksheet = book[sheet_name]
        if not isinstance(worksheet, ReadOnlyWorksheet):
            raise _refuse(shown, "a sheet of cells", f"{sheet_name!r}, a chart sheet")
        return worksheet
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    if not visible:
        raise _refuse(shown, "a visible sheet", "none")
    sheet: ReadOnlyWorksheet = visible[0]
    return sheet


def _hidden(attributes: dict[str, str]) -> bool:
    """Whether a row's attributes hide it (as openpyxl reads hidden="1", "true" or "0")."""
    value = attributes.get("hidden")
    return value is not None and value not in ("false", "f", "0", "")


def _read_xlsx(path: Path, shown: str, sheet_name: str | None) -> Sheet:
    """The rows of the sheet asked for (else the first visible one), the workbook closed after."""
    book = _open_workbook(path, shown)
    try:
        worksheet = _chosen_sheet(book, shown, sheet_name)
        return _read_sheet(book, worksheet, shown)
    finally:
        book.close()


def _read_sheet(book: Workbook, worksheet: ReadOnlyWorksheet, shown: str) -> Sheet:
    """The rows of a sheet as far as its values go (not as far as the sheet claims: one stray cell at
    XFD1048576), merged cells spread, hidden rows and error values noted."""
    try:
        with worksheet._get_source() as source:
            parser = _SheetParser(source, worksheet._shared_strings, data_only=True, epoch=book.epoch,
                                  date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            filled: dict[tuple[int, int], tuple[Any, str]] = {}  # (row, column) → (value, Excel's type)
            for _number, cells in parser.parse():
                for cell in cells:  # a later cell at the same place replaces an earlier one, as in openpyxl
                    key = (cell["row"], cell["column"])
                    if cell["value"] is None:
                        filled.pop(key, None)
                    else:
                        filled[key] = (cell["value"], cell["data_type"])
        merged = [CellRange(item.ref) for item in parser.merged_cells.mergeCell] if parser.merged_cells else []
        _clear_merged_cells(merged, filled, parser)
        rows = max((row for row, _column in filled), default=0)
        columns = max((column for _row, column in filled), default=0)
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            far = max(filled, key=lambda key: (key[0] > MAX_ROWS or key[1] > MAX_COLUMNS, key))
            raise _too_large(shown, worksheet.title, *far)
        _spread_merged_cells(merged, filled, rows, columns)
        sheet = Sheet(shown, worksheet.title, [], formula=parser.formula)
        for number in range(1, rows + 1):
            values = []
            for column in range(1, columns + 1):
                value, kind = filled.get((number, column), (None, "n"))
                values.append(value)
                if kind == "e":
                    sheet.troubles[(number, column - 1)] = f"an Excel error value {value}"
            sheet.rows.append(Row(number, values, _hidden(parser.row_dimensions.get(str(number), {}))))
    except ContentError:
        raise
    except Exception as error:  # a damaged sheet fails only as its rows are read
        raise _refuse(shown, "an Excel workbook (.xlsx)", f"a damaged sheet ({type(error).__name__})",
                      "open it in Excel and save it again as .xlsx") from None
    return sheet


def _clear_merged_cells(merged: list[CellRange], filled: dict[tuple[int, int], Any], parser: _SheetParser) -> None:
    """Under a merged range only its first cell keeps a value, as Excel shows it (and openpyxl reads it)."""
    for cells in merged:
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                if (row, column) != (cells.min_row, cells.min_col):
                    filled.pop((row, column), None)
                    parser.unsaved.pop((row, column), None)


def _spread_merged_cells(merged: list[CellRange], filled: dict[tuple[int, int], Any], rows: int,
                         columns: int) -> None:
    """A merged range's value counts for every cell under it (a 区分 merged down many rows), as far
    as the list goes (a range merged to the sheet's end stops there)."""
    for cells in merged:
        top = filled.get((cells.min_row, cells.min_col))
        if top is None:
            continue
        for row in range(cells.min_row, min(cells.max_row, rows) + 1):
            for column in range(cells.min_col, min(cells.max_col, columns) + 1):
                if (row, column) != (cells.min_row, cells.min_col):
                    filled[(row, column)] = top
