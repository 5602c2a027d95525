"""Guest lists kept in Excel (.xlsx) or CSV, read into the same model as guests.yaml.

Headers may be Japanese as staff write them or English. Every problem names the file, the sheet,
the row and the column, and all of a file's problems are reported together.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from ..errors import ContentError, Problem
from .expand import text_problems
from .model import GuestList, Where
from .validate import describe

#: Field → the headers that name it (compared after NFKC, without spaces, case-insensitively).
HEADERS = {
    "name": ("氏名", "名前", "お名前", "name"),
    "reading": ("ふりがな", "フリガナ", "よみがな", "読み", "reading", "kana"),
    "organization": ("所属", "所属先", "団体", "団体名", "organization", "organisation"),
    "title": ("役職", "肩書", "肩書き", "title", "position"),
    "category": ("区分", "種別", "category"),
    "honorific": ("敬称", "honorific"),
    "order": ("順番", "順序", "番号", "order", "no", "no."),
    "seat": ("席", "seat"),
}
#: Columns staff often keep for themselves; they are read past.
IGNORED = ("備考", "メモ", "連絡先", "メール", "電話", "note", "notes", "remarks", "memo", "email", "phone")
#: English words staff may use for the categories.
CATEGORIES = {"guest": "来賓", "participant": "参加者", "staff": "事務局", "secretariat": "事務局"}
REQUIRED = ("organization", "category")


def _key(header: str) -> str:
    return unicodedata.normalize("NFKC", header).replace(" ", "").replace("\u3000", "").lower()


_FIELDS = {_key(alias): field for field, aliases in HEADERS.items() for alias in aliases}
_IGNORED = {_key(alias) for alias in IGNORED}


@dataclass(frozen=True)
class Sheet:
    """Rows of one table: the file as shown, the sheet (None for CSV) and rows with their numbers."""

    shown: str
    sheet: str | None
    rows: list[tuple[int, list[Any]]]

    def place(self, row: int, column: int | None = None, header: str | None = None) -> str:
        """sheet 名簿, row 5, column C (氏名)."""
        parts = [f"sheet {self.sheet}"] if self.sheet else []
        parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {get_column_letter(column + 1)}" + (f" ({header})" if header else ""))
        return ", ".join(parts)


def _read_csv(path: Path, shown: str) -> Sheet:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ContentError([Problem(shown, None, "", "a CSV saved as UTF-8 or Shift_JIS (Excel's CSV)",
                                    "UTF-16 or binary data", "in Excel, save as「CSV UTF-8（コンマ区切り）」")])
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ContentError([Problem(shown, None, "", "a CSV saved as UTF-8 or Shift_JIS (Excel's CSV)",
                                    "bytes in neither encoding")])
    try:
        rows = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text)), 1)]
    except csv.Error as error:
        raise ContentError([Problem(shown, None, "", "comma-separated rows", str(error))]) from None
    return Sheet(shown, None, rows)


def _read_xlsx(path: Path, shown: str, sheet_name: str | None) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ContentError([Problem(shown, None, "", "an Excel workbook (.xlsx)",
                                    f"a file openpyxl cannot read ({type(error).__name__})")]) from None
    try:
        if sheet_name and sheet_name not in book.sheetnames:
            raise ContentError([Problem(shown, None, "", "a sheet named " + ", ".join(book.sheetnames),
                                        repr(sheet_name))])
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        rows = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), 1)]
        return Sheet(shown, sheet.title, rows)
    finally:
        book.close()


def read_table(path: Path, shown: str, sheet: str | None = None) -> Sheet:
    """The rows of a .csv or .xlsx file."""
    if not path.is_file():
        raise ContentError([Problem(shown, None, "", "a guest list file", "no such file")])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown, sheet)
    raise ContentError([Problem(shown, None, "", "a .csv or .xlsx guest list", f"a {suffix or 'nameless'} file",
                                "in Excel, save the list as .xlsx or as CSV UTF-8")])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(sheet: Sheet, problems: list[Problem]) -> tuple[int, dict[str, int], list[str]]:
    """The header row: its number, field → column index, and the headers as written."""
    for number, row in sheet.rows:
        cells = [_text(cell) for cell in row]
        if not any(cells):
            continue
        columns: dict[str, int] = {}
        for index, header in enumerate(cells):
            if not header or _key(header) in _IGNORED:
                continue
            field = _FIELDS.get(_key(header))
            if field is None:
                known = "、".join(aliases[0] for aliases in HEADERS.values())
                problems.append(Problem(sheet.shown, None, sheet.place(number, index, header),
                                        f"a column heading: {known} (or name, reading, organization, title, "
                                        "category, honorific, order)", repr(header),
                                        "rename it, or name it 備考 to keep it out of the cards"))
            elif field in columns:
                problems.append(Problem(sheet.shown, None, sheet.place(number, index, header),
                                        "each column once", f"a second {header!r} column"))
            else:
                columns[field] = index
        for field in REQUIRED:
            if field not in columns:
                problems.append(Problem(sheet.shown, None, sheet.place(number),
                                        f"a {HEADERS[field][0]} ({field}) column", "none"))
        return number, columns, cells
    raise ContentError([Problem(sheet.shown, None, "", "a header row and guests", "an empty list")])


def load_guest_file(path: Path, shown: str, sheet: str | None = None) -> GuestList:
    """A validated guest list from a spreadsheet, or ContentError with every problem in it."""
    table = read_table(path, shown, sheet)
    problems: list[Problem] = []
    header_row, columns, headers = _header(table, problems)
    if problems:
        raise ContentError(problems)
    guests = []
    for number, row in table.rows:
        if number <= header_row:
            continue
        values = {field: _text(row[index]) if index < len(row) else "" for field, index in columns.items()}
        if not any(values.values()):
            continue
        record = {field: value for field, value in values.items() if value}
        if "category" in record:
            record["category"] = CATEGORIES.get(record["category"].lower(), record["category"])
        found = _row_problems(table, number, columns, headers, record, values)
        if found:
            problems += found
            continue
        guest = GuestList.model_validate({"guests": [record]}).guests[0]
        guest._where = Where(shown, None, table.place(number))
        guests.append(guest)
    if problems:
        raise ContentError(problems)
    return GuestList(guests=guests)


def _row_problems(table: Sheet, number: int, columns: dict[str, int], headers: list[str],
                  record: dict[str, str], values: dict[str, str]) -> list[Problem]:
    """What is wrong with one row: its fields, then characters the fonts cannot print."""
    problems: list[Problem] = []
    try:
        GuestList.model_validate({"guests": [record]})
    except ValidationError as failure:
        for error in failure.errors():
            field = error["loc"][2] if len(error["loc"]) > 2 else None
            column = columns.get(field) if field else None
            expected, found, hint = describe(error)
            problems.append(Problem(table.shown, None,
                                    table.place(number, column, headers[column] if column is not None else None),
                                    expected, found, hint))
    for field, value in values.items():
        for _line, expected, found, hint in text_problems(value, None):
            problems.append(Problem(table.shown, None,
                                    table.place(number, columns[field], headers[columns[field]]),
                                    expected, found, hint))
    return problems
