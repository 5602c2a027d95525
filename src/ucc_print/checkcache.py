"""`check`'s verdict remembered: when every file the last check read is as it was then (by the
digest of its bytes), and no file came or went under content/ and assets/, the content is exactly
as valid as it was, with the same warnings, and `check` says so again without loading it (as ruff
and mypy reuse what they found in files that did not change). A failed check is never kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as store
from .content.inputs import GUEST_LIST, PICTURE, digest_of, picture_now
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
    given = (str(guest_file), str(guest_file.resolve())) if guest_file else ("", "")  # messages name it as given
    return "check-" + store.key(store.program(), str(folder.root.resolve()), *given, sheet or "")


def listing(root: Path) -> list[str] | None:
    """Every file under content/ and assets/, linked folders followed (each folder once), a link
    with where it leads and whether it leads anywhere; None if a folder cannot be listed."""
    seen: set[str] = set()
    found: list[str] = []
    failed: list[OSError] = []
    for top in FOLDERS:
        if (root / top).is_symlink():
            link = _link(root / top)
            if link is None:
                return None
            found.append(f"{top}{link}")
        if not (root / top).exists():  # a project need not have assets/
            continue
        for directory, folders, files in os.walk(root / top, followlinks=True, onerror=failed.append):
            real = os.path.realpath(directory)
            if real in seen:
                folders[:] = []
                continue
            seen.add(real)
            for name in folders + files:
                path = Path(directory, name)
                shown = path.relative_to(root).as_posix()
                if path.is_symlink():
                    link = _link(path)
                    if link is None:
                        return None
                    found.append(shown + link)
                elif name in files:
                    found.append(shown)
    return None if failed else sorted(found)


def _link(path: Path) -> str | None:
    """ -> where a link leads, and whether it leads anywhere; None if that cannot be read."""
    try:
        return f" -> {os.readlink(path)} {'found' if path.exists() else 'dangling'}"
    except OSError:
        return None


def _now(root: Path, guest_file: Path | None, name: str) -> str:
    """The digest of what `name` (as Project.inputs names it) holds now."""
    if name.startswith(GUEST_LIST):
        return digest_of(guest_file, LARGEST) if guest_file else ""
    if name.startswith(PICTURE):
        return picture_now(root, name.removeprefix(PICTURE), LARGEST)
    return digest_of(root / name, LARGEST)


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
    if not inputs or files is None or files != listing(root):
        return None
    if any(_now(root, guest_file, name) != digest for name, digest in inputs.items()):
        return None
    return warnings, summary


def keep(folder: ProjectDir, guest_file: Path | None, sheet: str | None, inputs: dict[str, str],
         files: list[str] | None, warnings: list[str], summary: str) -> None:
    """Remember a check that passed: what it read, the files there were, what it said."""
    if inputs and "" not in inputs.values() and files is not None:
        store.write(KIND, _name(folder, guest_file, sheet), (inputs, files, warnings, summary))
