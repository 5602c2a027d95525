"""Guest lists kept in Excel (.xlsx) or CSV, read into the same model as guests.yaml.

Headers may be Japanese as staff write them, or English; a title row above them is fine.
Every problem names the file, the sheet, the row and the column, and all of a file's problems
are reported together. Nothing in the sheet is dropped without a word: a column without a
heading, a formula Excel never calculated, an error cell (#N/A) or a date where a name belongs
is an error; hidden rows (cancelled guests, usually) and duplicate guests are warnings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from ..errors import ContentError, Problem
from ..japanese.normalize import compose
from .expand import text_problems
from .limits import MAX_CELL, MAX_COLUMNS, MAX_LIST_BYTES, MAX_ROWS, regular
from .model import Guest, GuestList, Where
from .validate import describe

#: Field → the headers that name it (compared after NFKC, without spaces, case-insensitively).
HEADERS = {
    "name": ("氏名", "名前", "お名前", "name"),
    "family": ("姓", "苗字", "氏", "family name", "last name", "surname"),
    "given": ("名", "given name", "first name"),
    "reading": ("ふりがな", "フリガナ", "よみがな", "読み", "reading", "kana"),
    "organization": ("所属", "所属先", "団体", "団体名", "organization", "organisation"),
    "title": ("役職", "肩書", "肩書き", "title", "position"),
    "short": ("略称", "短縮名", "所属略称", "short", "short name", "abbreviation"),
    "category": ("区分", "種別", "category"),
    "honorific": ("敬称", "honorific"),
    "order": ("順番", "順序", "席次", "order"),
    "seat": ("席", "seat"),
}
#: Columns staff keep for themselves (a row counter, notes, contact details): read past.
IGNORED = ("no", "no.", "番号", "#", "備考", "メモ", "連絡先", "メール", "電話", "note", "notes", "remarks",
           "memo", "email", "phone")
#: Other words staff use for a category or a seat.
CATEGORIES = {"guest": "来賓", "participant": "参加者", "staff": "事務局", "secretariat": "事務局"}
SEATS = {"正面": "head", "上座": "head", "側面": "side", "横": "side", "事務局席": "foot", "後方": "foot"}
REQUIRED = ("organization", "category")


def _key(header: str) -> str:
    return unicodedata.normalize("NFKC", header).replace(" ", "").replace("\u3000", "").lower()


_FIELDS = {_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}
_IGNORED = {_key(alias) for alias in IGNORED}


@dataclass
class Row:
    number: int
    cells: list[Any]
    hidden: bool = False


@dataclass
class Sheet:
    """Rows of one table: the file as shown, the sheet (None for CSV), rows, and cell troubles."""

    shown: str
    sheet: str | None
    rows: list[Row]
    #: (row, column) → what is wrong with the cell as stored ("a formula without a saved result" …).
    troubles: dict[tuple[int, int], str] = field(default_factory=dict)

    def place(self, row: int, column: int | None = None, header: str | None = None) -> str:
        """sheet 名簿, row 5, column C (氏名)."""
        parts = [f"sheet {self.sheet}"] if self.sheet else []
        parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {get_column_letter(column + 1)}" + (f" ({header})" if header else ""))
        return ", ".join(parts)

    def problem(self, row: int, column: int | None, header: str | None, expected: str, found: str,
                hint: str | None = None) -> Problem:
        return Problem(self.shown, None, self.place(row, column, header), expected, found, hint)


def _refuse(shown: str, expected: str, found: str, hint: str | None = None) -> ContentError:
    return ContentError([Problem(shown, None, "", expected, found, hint)])


def _read_csv(path: Path, shown: str) -> Sheet:
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


def _too_large(shown: str, sheet: str | None, row: int, column: int) -> ContentError:
    """A list that reaches far past what a guest list holds (often one stray cell far out)."""
    where = f"{get_column_letter(min(column, 16384))}{row}"
    return ContentError([Problem(shown, None, f"sheet {sheet}" if sheet else "",
                                 f"a list of at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns",
                                 f"a value as far out as {where}",
                                 "delete the rows and columns beyond the list (select them, then Delete)")])


#: The most an .xlsx may unpack to (its XML), so a small file cannot fill the memory.
MAX_UNPACKED_BYTES = 200_000_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="[A-Z]+[0-9]+:([A-Z]+)([0-9]+)"')


def _check_package(path: Path, shown: str) -> None:
    """Refuse, before openpyxl reads it, a workbook that would unpack to gigabytes or merges cells
    far past any list (openpyxl makes an object for every merged cell: C2:C1048576 is a million)."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise _refuse(shown, f"a workbook of at most {MAX_UNPACKED_BYTES // 1_000_000} MB unpacked",
                              "more", "save only the sheet of guests, without pictures")
            for member in members:
                if not member.filename.startswith("xl/worksheets/") or not member.filename.endswith(".xml"):
                    continue
                for column, row in _MERGE.findall(package.read(member)):
                    if int(row) > MAX_ROWS or column_index_from_string(column.decode()) > MAX_COLUMNS:
                        raise _refuse(shown, f"merged cells within the list ({MAX_ROWS:,} rows, {MAX_COLUMNS} columns)",
                                      f"cells merged as far as {column.decode()}{int(row)}",
                                      "unmerge them, and merge only the rows of the list")
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with the file


def _open_workbook(path: Path, shown: str, formulas: bool = False) -> Workbook:
    """The workbook (with formulas instead of their cached values if asked), or a clear refusal."""
    _check_package(path, shown)
    try:
        return load_workbook(path, data_only=not formulas)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refuse(shown, "an Excel workbook (.xlsx)",
                      f"a file openpyxl cannot read ({type(error).__name__})",
                      "open it in Excel and save it again as .xlsx") from None


def _read_xlsx(path: Path, shown: str, sheet_name: str | None) -> Sheet:
    book = _open_workbook(path, shown)
    if sheet_name:
        if sheet_name not in book.sheetnames:
            raise _refuse(shown, "a sheet named " + ", ".join(book.sheetnames), repr(sheet_name))
        worksheet = book[sheet_name]
        if not isinstance(worksheet, Worksheet):
            raise _refuse(shown, "a sheet of cells", f"{sheet_name!r}, a chart sheet")
    else:
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise _refuse(shown, "a visible sheet", "none")
        worksheet = visible[0]
    try:
        # the cells that hold something (openpyxl keeps every cell it read in _cells): a list is read
        # as far as its values go, not as far as the sheet claims (one stray cell at XFD1048576)
        filled = {key: cell for key, cell in worksheet._cells.items() if cell.value is not None}
        rows = max((row for row, _column in filled), default=0)
        columns = max((column for _row, column in filled), default=0)
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            far = max(filled, key=lambda key: (key[0] > MAX_ROWS or key[1] > MAX_COLUMNS, key))
            raise _too_large(shown, worksheet.title, *far)
        _spread_merged_cells(worksheet, filled, rows, columns)
        sheet = Sheet(shown, worksheet.title, [])
        for number in range(1, rows + 1):
            values = []
            for column in range(1, columns + 1):
                cell = filled.get((number, column))
                values.append(cell.value if cell is not None else None)
                if cell is not None and cell.data_type == "e":
                    sheet.troubles[(number, column - 1)] = f"an Excel error value {cell.value}"
            hidden = bool(worksheet.row_dimensions[number].hidden)
            sheet.rows.append(Row(number, values, hidden))
    except ContentError:
        raise
    except Exception as error:  # a damaged sheet fails only as its rows are read
        raise _refuse(shown, "an Excel workbook (.xlsx)", f"a damaged sheet ({type(error).__name__})",
                      "open it in Excel and save it again as .xlsx") from None
    return sheet


def _spread_merged_cells(worksheet: Worksheet, filled: dict[tuple[int, int], Any], rows: int, columns: int) -> None:
    """A merged range's value counts for every cell under it (a 区分 merged down many rows), as far
    as the list goes (a range merged to the sheet's end stops there)."""
    for merged in list(worksheet.merged_cells.ranges):
        top = filled.get((merged.min_row, merged.min_col))
        if top is None:
            continue
        for row in range(merged.min_row, min(merged.max_row, rows) + 1):
            for column in range(merged.min_col, min(merged.max_col, columns) + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    filled[(row, column)] = top


def _uncalculated_formulas(path: Path, sheet: Sheet, cells: list[tuple[int, int]]) -> None:
    """Cells that came back empty but hold a formula Excel never calculated (lists made by scripts)."""
    if not cells or sheet.sheet is None:
        return
    worksheet = _open_workbook(path, sheet.shown, formulas=True)[sheet.sheet]
    for row, column in cells:
        value = worksheet.cell(row, column + 1).value
        if isinstance(value, str) and value.startswith("="):
            sheet.troubles[(row, column)] = f"a formula with no saved result ({value})"


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
        return _read_xlsx(path, shown, sheet)
    raise _refuse(shown, "a .csv or .xlsx guest list", f"a {suffix or 'nameless'} file",
                  "in Excel, save the list as .xlsx or as CSV UTF-8")


def _text(value: Any) -> str:
    """A cell as text (numbers without a trailing .0, line breaks as line feeds), kana composed, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return compose(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()


@dataclass
class _Header:
    row: int
    columns: dict[str, int]
    headings: list[str]


def _header(sheet: Sheet, problems: list[Problem]) -> _Header:
    """The header row: the first with two or more known headings (a title row above is skipped)."""
    for row in sheet.rows:
        cells = [_text(cell) for cell in row.cells]
        if sum(1 for cell in cells if _key(cell) in _FIELDS) < 2:
            continue
        columns: dict[str, int] = {}
        for index, heading in enumerate(cells):
            if not heading or _key(heading) in _IGNORED:
                continue
            name = _FIELDS.get(_key(heading))
            if name is None:
                known = "、".join(aliases[0] for aliases in HEADERS.values())
                problems.append(sheet.problem(row.number, index, heading, f"a column heading: {known} "
                                              "(or name, reading, organization, title, category, honorific, order)",
                                              repr(heading), "rename it, or head it 備考 to keep it off the cards"))
            elif name in columns:
                problems.append(sheet.problem(row.number, index, heading, "each column once",
                                              f"a second {heading!r} column",
                                              "a heading merged over two columns (姓 and 名) needs a heading each"))
            else:
                columns[name] = index
        if "name" in columns and ("family" in columns or "given" in columns):
            problems.append(sheet.problem(row.number, None, None, "氏名, or 姓 and 名, not both", "both"))
        for name in REQUIRED:
            if name not in columns:
                problems.append(sheet.problem(row.number, None, None, f"a {HEADERS[name][0]} ({name}) column",
                                              "none"))
        return _Header(row.number, columns, cells)
    raise ContentError([Problem(sheet.shown, None, f"sheet {sheet.sheet}" if sheet.sheet else "",
                                "a header row with 氏名, 所属 and 区分 (or name, organization, category)",
                                "no such row")])


def _cell_text(sheet: Sheet, row: Row, column: int, heading: str, problems: list[Problem]) -> str:
    """One cell as text, or a problem for a value that is not text (a date, True, an error)."""
    value = row.cells[column] if column < len(row.cells) else None
    trouble = sheet.troubles.get((row.number, column))
    if trouble:
        problems.append(sheet.problem(row.number, column, heading, "text or a number", trouble,
                                      "type the value in the cell, or save the workbook in Excel"))
        return ""
    if isinstance(value, (dt.date, dt.time, bool)):
        problems.append(sheet.problem(row.number, column, heading, "text", f"{value!r} ({type(value).__name__})",
                                      "format the cell as text (文字列)"))
        return ""
    text = _text(value)
    if len(text) > MAX_CELL:
        problems.append(sheet.problem(row.number, column, heading, f"at most {MAX_CELL:,} characters",
                                      f"{len(text):,} characters", "a guest list cell holds a name, a title …"))
        return ""
    return text


def _record(values: dict[str, str]) -> dict[str, str]:
    """Cell texts → the fields of a Guest (姓 and 名 joined, words mapped, digits made ASCII)."""
    record = {name: value for name, value in values.items() if value}
    family, given = record.pop("family", ""), record.pop("given", "")
    if family or given:
        record["name"] = f"{family} {given}".strip()
    if "category" in record:
        record["category"] = CATEGORIES.get(record["category"].lower(), record["category"])
    if "seat" in record:
        record["seat"] = SEATS.get(record["seat"], record["seat"])
    if "order" in record:
        record["order"] = unicodedata.normalize("NFKC", record["order"])
    return record


def _who(row: Row, header: _Header) -> str:
    """How a row names its guest: the name (or family and given name), else the organisation."""
    def cell(name: str) -> str:
        column = header.columns.get(name)
        return _text(row.cells[column]) if column is not None and column < len(row.cells) else ""

    return cell("name") or " ".join(part for part in (cell("family"), cell("given")) if part) or cell("organization")


def load_guest_file(path: Path, shown: str, sheet_name: str | None = None) -> tuple[GuestList, list[Problem]]:
    """A validated guest list from a spreadsheet and its warnings, or ContentError with every problem."""
    sheet = read_table(path, shown, sheet_name)
    problems: list[Problem] = []
    header = _header(sheet, problems)
    if problems:
        raise ContentError(problems)
    rows = [row for row in sheet.rows if row.number > header.row and any(_text(c) for c in row.cells)]
    if path.suffix.lower() != ".csv":
        empty = [(row.number, column) for row in rows for column in header.columns.values()
                 if column < len(row.cells) and row.cells[column] is None]
        _uncalculated_formulas(path, sheet, empty)
    warnings: list[Problem] = []
    guests: list[Guest] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.hidden:
            who = _who(row, header)
            warnings.append(sheet.problem(row.number, None, None, "a visible row",
                                          f"a hidden row{f' ({who})' if who else ''}, left out",
                                          "unhide it if the guest is coming"))
            continue
        for column, value in enumerate(row.cells):
            if _text(value) and column not in header.columns.values() and (
                    column >= len(header.headings) or not header.headings[column]):
                problems.append(sheet.problem(row.number, column, None, "a value under a column heading",
                                              repr(_text(value)), "give the column a heading, or clear the cell"))
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
    if not guests and not problems:
        problems.append(sheet.problem(header.row, None, None, "at least one guest below the header", "none"))
    if problems:
        raise ContentError(problems)
    return GuestList(guests=guests), warnings


def _guest(sheet: Sheet, row: Row, header: _Header, record: dict[str, str], values: dict[str, str],
           problems: list[Problem]) -> Guest | None:
    """One row validated into a Guest with the place of each of its cells, or its problems."""
    def column_of(name: str) -> int | None:
        if name == "name" and "name" not in header.columns:
            name = "family" if "family" in header.columns else "given"
        return header.columns.get(name)

    found: list[Problem] = []
    try:
        guest = Guest.model_validate(record)
    except ValidationError as failure:
        guest = None
        for error in failure.errors():
            name = str(error["loc"][0]) if error["loc"] else None
            column = column_of(name) if name else None
            expected, value, hint = describe(error)
            if error["type"] == "missing":
                expected, hint = "a value", "fill in the cell (a merged cell counts for every row under it)"
            found.append(sheet.problem(row.number, column, header.headings[column] if column is not None else None,
                                       expected, value, hint))
    for name, value in values.items():
        column = header.columns[name]
        for _line, expected, text, hint in text_problems(value, None):
            found.append(sheet.problem(row.number, column, header.headings[column], expected, text, hint))
    problems += found
    if guest is None or found:
        return None
    guest._where = Where(sheet.shown, None, sheet.place(row.number))
    guest._fields = {name: Where(sheet.shown, None, sheet.place(row.number, at, header.headings[at]))
                     for name in Guest.model_fields if (at := column_of(name)) is not None}
    return guest
