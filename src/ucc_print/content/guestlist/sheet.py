"""One table as read from a guest list file: its rows, the place of a cell in words, its refusals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import ContentError, Problem
from ...japanese.normalize import compose
from ..limits import MAX_COLUMNS, MAX_ROWS


@dataclass
class Row:
    """One row: its number in the file (from 1), its cell values, and whether Excel hides it."""

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
            parts.append(f"column {_letter(column + 1)}" + (f" ({header})" if header else ""))
        return ", ".join(parts)

    def problem(self, row: int, column: int | None, header: str | None, expected: str, found: str,
                hint: str | None = None) -> Problem:
        """A problem placed at a row (and a column, with its heading) of this table."""
        return Problem(self.shown, None, self.place(row, column, header), expected, found, hint)


def _letter(column: int) -> str:
    """A column's letters as Excel shows them (1 → A, 27 → AA), without importing openpyxl (0.1 s) for a CSV list."""
    letters = ""
    while column > 0:
        column, digit = divmod(column - 1, 26)
        letters = chr(65 + digit) + letters
    return letters


def _refuse(shown: str, expected: str, found: str, hint: str | None = None) -> ContentError:
    """The refusal of a whole file (no row or column to point at)."""
    return ContentError([Problem(shown, None, "", expected, found, hint)])


def _too_large(shown: str, sheet: str | None, row: int, column: int) -> ContentError:
    """A list that reaches far past what a guest list holds (often one stray cell far out)."""
    where = f"{_letter(min(column, 16384))}{row}"
    return ContentError([Problem(shown, None, f"sheet {sheet}" if sheet else "",
                                 f"a list of at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns",
                                 f"a value as far out as {where}",
                                 "delete the rows and columns beyond the list (select them, then Delete)")])


def _text(value: Any) -> str:
    """A cell as text (numbers without a trailing .0, line breaks as line feeds), kana composed, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return compose(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()
