"""How large content may be: limits that keep every run within seconds and a few hundred MB,
whatever is put into content/ or a guest list (the README lists them for staff)."""

from __future__ import annotations

from pathlib import Path

#: A content file (YAML or Markdown), in bytes.
MAX_FILE_BYTES = 1_000_000
#: Values in one YAML file once its aliases (*name) are expanded.
MAX_VALUES = 50_000
#: Characters of one text field, and of one slide, once its template is applied.
MAX_FIELD = 10_000
#: Characters of a Markdown text in texts/ once its template is applied (without one, it may hold
#: MAX_FILE_BYTES).
MAX_TEXT_FILE = 100_000
#: Lists and mappings inside each other in one YAML file (content files need fewer than ten).
MAX_DEPTH = 50
#: Characters of a number written in a YAML file (a longer one is no count nor year, and Python
#: refuses to print a number of more than 4,300 digits).
MAX_NUMBER_DIGITS = 100
#: Characters of a guest's name (and its reading and honorific), and of an organisation or a title:
#: what a name card or a seat can print (longer text would only be shrunk below reading size).
MAX_NAME, MAX_ORGANIZATION = 100, 200
#: A guest list (.xlsx or .csv), in bytes.
MAX_LIST_BYTES = 20_000_000
#: Rows and columns of a guest list (10,000 guests, with room for title rows above the header; cards
#: and the package stay linear that far), and characters of one of its cells.
MAX_ROWS, MAX_COLUMNS, MAX_CELL = 12_000, 100, 1_000
#: Pixels of one picture (6000×4000), and of all the slides' pictures together, the logo counted
#: twice (the title and closing slides print it on their own backgrounds); bytes of one picture
#: file, and of all of them together: a build holds every picture, converted and compressed, in
#: each PDF it makes, in memory at once.
MAX_PICTURE_PIXELS = MAX_PICTURES_PIXELS = 24_000_000
MAX_PICTURE_BYTES = MAX_PICTURES_BYTES = 40 * 1024 * 1024


def regular(path: Path) -> str | None:
    """Why a path cannot be read as a content file (a folder, a pipe, a device), or None."""
    if not path.exists():
        return None
    if path.is_dir():
        return "a folder"
    if not path.is_file():
        return "a pipe or device, not a file"
    return None
