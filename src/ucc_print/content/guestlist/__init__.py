"""Guest lists kept in Excel (.xlsx) or CSV, read into the same model as guests.yaml.

Headers may be Japanese as staff write them, or English; a title row above them is fine.
Every problem names the file, the sheet, the row and the column, and all of a file's problems
are reported together. Nothing in the sheet is dropped without a word: a column without a
heading, a formula Excel never calculated, an error cell (#N/A) or a date where a name belongs
is an error; hidden rows (cancelled guests, usually) and duplicate guests are warnings.
"""

from __future__ import annotations

from .loading import load_guest_file, read_table
from .sheet import Row, Sheet

__all__ = ["Row", "Sheet", "load_guest_file", "read_table"]
