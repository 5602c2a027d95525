"""The header row of a guest list: the Japanese and English words that name each field, and the
columns they stand over (a title row above is skipped)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ...errors import ContentError, Problem
from .sheet import Sheet, _text

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
#: Fields a list must have a column for.
REQUIRED = ("organization", "category")


def _key(header: str) -> str:
    """A heading as headings are compared: NFKC, without half- or full-width spaces, lower case."""
    return unicodedata.normalize("NFKC", header).replace(" ", "").replace("\u3000", "").lower()


_FIELDS = {_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}
_IGNORED = {_key(alias) for alias in IGNORED}


@dataclass
class _Header:
    """The header row's number, the column of each field it names (from 0), and every heading as read."""

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
