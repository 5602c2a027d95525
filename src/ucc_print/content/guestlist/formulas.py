"""Formulas Excel never calculated (lists made by scripts): kept as openpyxl parses a sheet, then reported."""

from __future__ import annotations

from typing import Any

from openpyxl.formula.translate import Translator
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from .sheet import Sheet


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


def _uncalculated_formulas(sheet: Sheet, cells: list[tuple[int, int]]) -> None:
    """Cells that came back empty but hold a formula Excel never calculated (lists made by scripts)."""
    for row, column in cells:
        value = sheet.formula(row, column + 1)
        if isinstance(value, str) and value.startswith("="):
            sheet.troubles[(row, column)] = f"a formula with no saved result ({value})"
