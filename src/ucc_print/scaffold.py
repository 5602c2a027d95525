"""`ucc-print init`: a new project folder for the next host city, from the bundled example."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import UccError

#: Where the example content is: inside an installed package, else in the source checkout.
PACKAGED = Path(__file__).resolve().parent / "example"
CHECKOUT = Path(__file__).resolve().parents[2]
#: The staff's first read, written into the new folder as はじめに.md.
GETTING_STARTED = Path(__file__).resolve().parent / "templates" / "getting-started.md"
FOLDERS = ("content", "assets")


def example_root() -> Path:
    """The folder holding the bundled example's content/ and assets/."""
    for root in (PACKAGED, CHECKOUT):
        if (root / "content" / "event.yaml").is_file():
            return root
    raise UccError("the bundled example content is missing from this installation; reinstall ucc-print.")


def create_project(folder: Path) -> list[str]:
    """Copy the example into `folder` (made if need be); returns what was created. A folder that
    already holds content/ or assets/ is left untouched, and no file already there is replaced."""
    taken = [name for name in FOLDERS if (folder / name).exists()]
    if taken:
        raise UccError(f"{folder} already has {' and '.join(f'{name}/' for name in taken)}; "
                       "choose a new folder (ucc-print init never overwrites content).")
    source = example_root()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder, prefix=".ucc-init-") as staging:
            for name in FOLDERS:
                shutil.copytree(source / name, Path(staging) / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
            shutil.copyfile(GETTING_STARTED, Path(staging) / "はじめに.md")
            (Path(staging) / ".gitignore").write_text("output/\n", encoding="utf-8")
            created = []
            for name in (*FOLDERS, "はじめに.md", ".gitignore"):
                if name not in FOLDERS and (folder / name).exists():
                    continue  # keep a はじめに.md or .gitignore the folder already has
                os.replace(Path(staging) / name, folder / name)
                created.append(f"{name}/" if name in FOLDERS else name)
    except OSError as error:
        raise UccError(f"cannot create the project in {folder}: {error.strerror or error}") from None
    return created
