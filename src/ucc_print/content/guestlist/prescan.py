"""The check of an .xlsx before openpyxl reads it: every part it will read is streamed through a
counter, and a workbook past what a guest list needs (unpacked size, cells, texts, merged ranges) is refused."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_CORE, ARC_CUSTOM, ARC_STYLE, SHARED_STRINGS
from openpyxl.xml.functions import fromstring

from ...errors import ContentError, Problem
from ..limits import MAX_COLUMNS, MAX_ROWS
from .sheet import _refuse

#: The most an .xlsx may unpack to (its XML): a list of 5,000 guests is far smaller.
MAX_UNPACKED_BYTES = 20_000_000
#: Cells one sheet may hold, empty formatted ones included: a list of 10,000 guests in 20 columns (a
#: real one has a dozen). openpyxl takes some ten microseconds over each.
MAX_SHEET_CELLS = 200_000
#: Rows one sheet may hold, empty formatted ones included.
MAX_SHEET_ROWS = 50_000
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
