"""`check`'s verdict remembered: when every file the last check read is as it was then (by the
digest of its bytes), and no file came or went under content/ and assets/, the content is exactly
as valid as it was, with the same warnings, and `check` says so again without loading it (as ruff
and mypy reuse what they found in files that did not change). A failed check is never kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as store
from .content.inputs import GUEST_LIST, PICTURE, digest_of
from .content.limits import MAX_LIST_BYTES, MAX_PICTURE_BYTES

if TYPE_CHECKING:
    from .project import ProjectDir

KIND = "checks"
#: Folders whose files, coming or going, can change what the content is.
FOLDERS = ("content", "assets")
#: No file the loader accepts is larger (a picture): a larger one is another file.
LARGEST = max(MAX_LIST_BYTES, MAX_PICTURE_BYTES)


def _name(folder: ProjectDir, guest_file: Path | None, sheet: str | None) -> str:
    """One entry for each project and guest list (a new verdict replaces the old one)."""
    return "check-" + store.key(store.program(), str(folder.root.resolve()),
                                str(guest_file.resolve()) if guest_file else "", sheet or "")


def listing(root: Path) -> list[str]:
    """Every file under content/ and assets/, linked folders followed (each folder once)."""
    seen: set[str] = set()
    found: list[str] = []
    for top in FOLDERS:
        for directory, folders, files in os.walk(root / top, followlinks=True):
            real = os.path.realpath(directory)
            if real in seen:
                folders[:] = []
                continue
            seen.add(real)
            found += [Path(directory, name).relative_to(root).as_posix() for name in files]
    return sorted(found)


def _now(root: Path, guest_file: Path | None, name: str) -> str:
    """The digest of what `name` (as Project.inputs names it) holds now."""
    if name.startswith(GUEST_LIST):
        return digest_of(guest_file, LARGEST) if guest_file else ""
    return digest_of(root / name.removeprefix(PICTURE), LARGEST)


def recall(folder: ProjectDir, guest_file: Path | None, sheet: str | None) -> tuple[list[str], str] | None:
    """The warnings and the summary of the last check, if nothing it read has changed; else None."""
    kept = store.read(KIND, _name(folder, guest_file, sheet))
    if not (isinstance(kept, tuple) and len(kept) == 4):
        return None
    inputs, files, warnings, summary = kept
    if not (isinstance(inputs, dict) and isinstance(files, list) and isinstance(warnings, list)
            and isinstance(summary, str) and all(isinstance(text, str) for text in warnings)):
        return None
    root = folder.root
    if not inputs or files != listing(root):
        return None
    if any(_now(root, guest_file, name) != digest for name, digest in inputs.items()):
        return None
    return warnings, summary


def keep(folder: ProjectDir, guest_file: Path | None, sheet: str | None, inputs: dict[str, str],
         files: list[str], warnings: list[str], summary: str) -> None:
    """Remember a check that passed: what it read, the files there were, what it said."""
    if inputs and "" not in inputs.values():
        store.write(KIND, _name(folder, guest_file, sheet), (inputs, files, warnings, summary))
