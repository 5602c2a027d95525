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
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.formula.translate import Translator
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_CORE, ARC_CUSTOM, ARC_STYLE, SHARED_STRINGS
from openpyxl.xml.functions import fromstring
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
    #: (row, column), both from 1 → the formula of a cell Excel never calculated, or None.
    formula: Callable[[int, int], str | None] = field(default=lambda _row, _column: None)

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


#: The most an .xlsx may unpack to (its XML): a list of 5,000 guests is far smaller.
MAX_UNPACKED_BYTES = 20_000_000
#: Cells one sheet may hold, empty formatted ones included: a list of 5,000 guests in 20 columns (a
#: real one has a dozen). openpyxl takes some ten microseconds over each.
MAX_SHEET_CELLS = 100_000
#: Rows one sheet may hold, empty formatted ones included.
MAX_SHEET_ROWS = 10 * MAX_ROWS
#: Different texts in a workbook (Excel keeps each text once, in its shared strings).
MAX_TEXTS = 50_000
#: Entries inside a cell or a text, on average: a formula and its value, a text and its runs.
ENTRIES_PER_CELL = 2
#: Entries (XML elements) of everything else openpyxl reads, together: the workbook, its styles and
#: relationships, a sheet's settings outside its cells (merged ranges, validations, links) … A list
#: needs a few thousand; each costs openpyxl tens of microseconds.
MAX_OTHER_ENTRIES = 50_000
#: The last part of a relationship type that points at a picture, which no XML parser reads.
_IMAGE = "/image"


class _PartScan:
    """An lxml parser target that counts the entries of one part of a workbook as it streams by,
    keeping nothing (not even text: it has no `data`): it stops at the first entry past a limit, and
    refuses a DTD (Excel writes none).

    A sheet's rows, its cells (whatever a row holds, as openpyxl reads it) and what the cells hold,
    and a workbook's shared texts and what they hold, have limits of their own; every other entry
    counts against the package's limit on other entries."""

    def __init__(self, scan: _PackageScan, part: str, kind: str = "other", sheet: str | None = None) -> None:
        self.scan, self.part, self.kind, self.sheet = scan, part, kind, sheet
        self.counts = {"row": 0, "cell": 0, "text": 0, "inside": 0}
        self.limits = {"row": MAX_SHEET_ROWS, "cell": MAX_SHEET_CELLS, "text": MAX_TEXTS,
                       "inside": ENTRIES_PER_CELL * (MAX_SHEET_CELLS if kind == "sheet" else MAX_TEXTS)}
        self.names: list[str] = []  # the open entries, outermost first
        self.unit = 0  # how many entries were open when the cell (or text) being read began; 0 outside one
        self.merged_area = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """One more entry: counted, and a merged range checked against the list's extent."""
        name = tag.rpartition("}")[2]
        parent = self.names[-1] if self.names else ""
        self.names.append(name)
        if self.unit:
            self._count("inside")
        elif self.kind == "sheet" and name == "row":
            self._count("row")
        elif self.kind == "sheet" and parent == "row":
            self._count("cell")
            self.unit = len(self.names)
        elif self.kind == "strings" and name == "si":
            self._count("text")
            self.unit = len(self.names)
        else:
            self.scan.other_entries += 1
            if self.scan.other_entries > MAX_OTHER_ENTRIES:
                raise self.scan.too_many(self.part, "other", MAX_OTHER_ENTRIES, None)
            if name == "mergeCell" and self.kind == "sheet":
                self._merged(attrib.get("ref", ""))

    def _count(self, what: str) -> None:
        """One more entry of a kind with a limit of its own."""
        self.counts[what] += 1
        if self.counts[what] > self.limits[what]:
            raise self.scan.too_many(self.part, what, self.limits[what], self.sheet)

    def _merged(self, ref: str) -> None:
        """A merged range within the list (openpyxl makes an object for every merged cell: C2:C1048576
        is a million), and merged ranges that do not pile up on each other."""
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            raise self.scan.damaged(self.part) from None
        if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
            column = get_column_letter(min(max_col, 16384))
            raise _refuse(self.scan.shown, f"merged cells within the list ({MAX_ROWS:,} rows, {MAX_COLUMNS} columns)",
                          f"cells merged as far as {column}{max_row}",
                          "unmerge them, and merge only the rows of the list")
        self.merged_area += (max_row - min_row + 1) * (max_col - min_col + 1)
        if self.merged_area > MAX_SHEET_CELLS:
            raise _refuse(self.scan.shown, "merged cells that do not overlap", f"ranges merged over each other ({ref})",
                          "unmerge the cells (ホーム → セルを結合して中央揃え), then merge each group once")

    def end(self, tag: str) -> None:
        """The end of an entry (of the cell or text being read, if it is that one)."""
        if len(self.names) == self.unit:
            self.unit = 0
        self.names.pop()

    def doctype(self, name: str, public: str | None, system: str | None) -> None:
        """A DTD, which could make entries out of nothing as openpyxl reads the part."""
        raise self.scan.damaged(self.part)

    def close(self) -> None:
        """The part has been read to its end."""


class _PackageScan:
    """Reads each part of an .xlsx that openpyxl will read, found the way openpyxl finds it (the content
    types, then the workbook's relationships), before openpyxl does: a part past a limit is refused."""

    def __init__(self, package: zipfile.ZipFile, shown: str) -> None:
        self.package, self.shown = package, shown
        self.names = set(package.namelist())
        self.seen: set[str] = set()
        self.other_entries = 0

    def too_many(self, part: str, name: str, limit: int, sheet: str | None) -> ContentError:
        """The refusal of a part with more entries of one kind than a guest list needs."""
        hint = "delete the rows and columns beyond the list (select them, then Delete), or copy only the list " \
               "into a new workbook"
        if name == "cell":
            expected = f"a sheet of at most {limit:,} cells, empty formatted cells included"
        elif name == "row":
            expected = f"a sheet of at most {limit:,} rows, empty formatted rows included"
        elif name == "inside" and sheet:
            expected = f"cells holding at most {limit:,} values, formulas and runs of formatted text together"
            hint = "copy only the list into a new workbook, pasting values only (値の貼り付け)"
        elif name in ("text", "inside"):
            expected = f"a workbook of at most {limit:,} different texts" if name == "text" else \
                f"texts made of at most {limit:,} runs of formatted text together"
            hint = "copy only the list into a new workbook, pasting values only (値の貼り付け)"
        else:
            expected = f"a workbook as Excel saves it (at most {limit:,} entries, found in {part})"
            hint = "copy only the list into a new workbook, without its styles and settings, and save that"
        return ContentError([Problem(self.shown, None, f"sheet {sheet}" if sheet else "", expected, "more", hint)])

    def damaged(self, part: str) -> ContentError:
        """The refusal of a part that is not XML as Excel writes it."""
        return _refuse(self.shown, "an Excel workbook (.xlsx)", f"a damaged part ({part})",
                       "open it in Excel and save it again as .xlsx")

    def part(self, name: str, kind: str = "other", sheet: str | None = None) -> None:
        """Stream one part through the counter (once; a part that is not in the package is openpyxl's to report)."""
        if name in self.seen or name not in self.names:
            return
        self.seen.add(name)
        counter = _PartScan(self, name, kind, sheet)
        parser = etree.XMLParser(target=counter, resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=True)
        try:
            with self.package.open(name) as source:
                while chunk := source.read(1 << 16):
                    parser.feed(chunk)
            parser.close()
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
            raise self.damaged(name) from None

    def related(self, name: str) -> None:
        """A part and every part it leads to through relationships (a chart sheet's drawing, its charts)."""
        waiting = [name]
        while waiting:
            part = waiting.pop()
            if part in self.seen:
                continue
            self.part(part)
            rels = get_rels_path(part)
            if rels in self.seen or rels not in self.names:
                continue
            self.part(rels)
            waiting += [relation.target for relation in get_dependents(self.package, rels)
                        if relation.TargetMode != "External" and not str(relation.Type).endswith(_IMAGE)]

    def workbook(self) -> None:
        """Every part openpyxl reads to open the workbook read-only, each within its limits."""
        self.part(ARC_CONTENT_TYPES)
        manifest = Manifest.from_tree(fromstring(self.package.read(ARC_CONTENT_TYPES)))
        book = _find_workbook_part(manifest).PartName[1:]
        self.part(book)
        self.part(get_rels_path(book))
        for name in (ARC_STYLE, ARC_CORE, ARC_CUSTOM):
            self.part(name)
        strings = manifest.find(SHARED_STRINGS)
        if strings is not None:
            self.part(strings.PartName[1:], "strings")
        parser = WorkbookParser(self.package, book, keep_links=False)
        parser.parse()
        for sheet, relation in parser.find_sheets():
            self.part(get_rels_path(relation.target))
            if "chartsheet" in relation.Type:
                self.related(relation.target)
            else:
                self.part(relation.target, "sheet", sheet.name)


def _check_package(path: Path, shown: str) -> None:
    """Refuse, before openpyxl reads it, a workbook that would unpack to more than a list needs or
    whose sheets, texts or other parts hold more entries than a list could: openpyxl would take
    minutes and gigabytes over them. Parts are read as XML, streaming, wherever the workbook keeps them."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with the file
    with package:
        if sum(member.file_size for member in package.infolist()) > MAX_UNPACKED_BYTES:
            raise _refuse(shown, f"a workbook of at most {MAX_UNPACKED_BYTES // 1_000_000} MB unpacked",
                          "more", "save only the sheet of guests, without pictures")
        try:
            _PackageScan(package, shown).workbook()
        except ContentError:
            raise
        except Exception as error:  # openpyxl fails at the same step, on the same part
            raise _refuse(shown, "an Excel workbook (.xlsx)", f"a file openpyxl cannot read ({type(error).__name__})",
                          "open it in Excel and save it again as .xlsx") from None


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


class _SheetParser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's own parser of a sheet (as its full mode reads it), also keeping the formulas of cells
    that have no saved result (lists made by scripts), translated only when asked for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Shared formula → its first cell's formula and coordinate.
        self.masters: dict[str | None, tuple[str, str | None]] = {}
        #: (row, column) → a formula, or the shared formula and the coordinate to translate it to.
        self.unsaved: dict[tuple[int, int], str | tuple[str | None, str | None]] = {}

    def parse_cell(self, element: Any) -> dict[str, Any]:
        """A cell as openpyxl reads it, noting its formula if it has no saved value."""
        cell: dict[str, Any] = super().parse_cell(element)
        formula = element.find(FORMULA_TAG)
        if formula is None:
            return cell
        text = "=" + (formula.text or "")
        kind, index = formula.get("t"), formula.get("si")
        shared = kind == "shared" and index in self.masters
        if kind == "shared" and not shared and text != "=":
            self.masters[index] = (text, element.get("r"))
        if cell["value"] is None and kind not in ("array", "dataTable"):
            self.unsaved[(cell["row"], cell["column"])] = (index, element.get("r")) if shared else text
        return cell

    def formula(self, row: int, column: int) -> str | None:
        """The formula of a cell without a saved result (as Excel shows it), or None."""
        found = self.unsaved.get((row, column))
        if found is None or isinstance(found, str):
            return found
        index, coordinate = found
        text, origin = self.masters[index]
        try:
            translated: str = Translator(text, origin).translate_formula(coordinate)
            return translated
        except Exception:  # a shared formula openpyxl cannot move: show it as written in its first cell
            return text


def _hidden(attributes: dict[str, str]) -> bool:
    """Whether a row's attributes hide it (as openpyxl reads hidden="1", "true" or "0")."""
    value = attributes.get("hidden")
    return value is not None and value not in ("false", "f", "0", "")


def _read_xlsx(path: Path, shown: str, sheet_name: str | None) -> Sheet:
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


def _uncalculated_formulas(sheet: Sheet, cells: list[tuple[int, int]]) -> None:
    """Cells that came back empty but hold a formula Excel never calculated (lists made by scripts)."""
    for row, column in cells:
        value = sheet.formula(row, column + 1)
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


def _unheaded_values(sheet: Sheet, row: Row, header: _Header, problems: list[Problem],
                     unheaded: dict[int, list[int]]) -> None:
    """Values in a column without a heading: one problem a column, at its first value, counting the
    rows of the others (a column of 5,000 is one thing to fix, not 5,000)."""
    headed = set(header.columns.values())
    for column, value in enumerate(row.cells):
        if column in headed or (column < len(header.headings) and header.headings[column]) or not _text(value):
            continue
        if column in unheaded:
            unheaded[column][1] += 1
        else:
            unheaded[column] = [len(problems), 1]
            problems.append(sheet.problem(row.number, column, None, "a value under a column heading",
                                          repr(_text(value)), "give the column a heading, or clear the cell"))


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
