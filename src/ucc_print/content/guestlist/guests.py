"""One row of a guest list → a validated Guest, each problem placed at its sheet, row and column."""

from __future__ import annotations

import datetime as dt
import unicodedata

from pydantic import ValidationError

from ...errors import Problem
from ..expand import text_problems
from ..limits import MAX_CELL
from ..model import Guest, Where
from ..validate import describe
from .headings import _Header
from .sheet import Row, Sheet, _text

#: Other words staff use for a category or a seat.
CATEGORIES = {"guest": "来賓", "participant": "参加者", "staff": "事務局", "secretariat": "事務局"}
SEATS = {"正面": "head", "上座": "head", "側面": "side", "横": "side", "事務局席": "foot", "後方": "foot"}


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
