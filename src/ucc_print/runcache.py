"""A run remembered: when every file the last run of the same command read is as it was then (by
the digest of its bytes), and no file came or went under content/ and assets/, the content is
exactly as valid as it was and makes the same outputs with the same warnings. So `check` says its
verdict again, and `build` (or one output's command) takes its files from the output cache, without
loading the content (as ruff and mypy reuse what they found in files that did not change). A failed
run is never kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as store
from .content.inputs import GUEST_LIST, PICTURE, digest_of, picture_now
from .content.limits import MAX_LIST_BYTES, MAX_PICTURE_BYTES

if TYPE_CHECKING:
    from .project import ProjectDir

KIND = "runs"
#: Folders whose files, coming or going, can change what the content is.
FOLDERS = ("content", "assets")
#: No file the loader accepts is larger (a picture): a larger one is another file.
LARGEST = max(MAX_LIST_BYTES, MAX_PICTURE_BYTES)


def _name(folder: ProjectDir, guest_file: Path | None, sheet: str | None, command: str) -> str:
    """One entry for each command, project and guest list: a new run, or another program, replaces
    the old one (which program made it is kept inside), so entries do not pile up."""
    given = (str(guest_file), str(guest_file.resolve())) if guest_file else ("", "")  # messages name it as given
    return "run-" + store.key(command, str(folder.root.resolve()), *given, sheet or "")


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


def recall(folder: ProjectDir, guest_file: Path | None, sheet: str | None, command: str) -> object | None:
    """What the last run of `command` kept (plain values, for the caller to check), if nothing it
    read has changed; else None."""
    kept = store.read(KIND, _name(folder, guest_file, sheet, command))
    if not (isinstance(kept, tuple) and len(kept) == 4):
        return None
    program, inputs, files, result = kept
    found: object = result
    if program != store.program() or not (isinstance(inputs, dict) and isinstance(files, list)):
        return None
    root = folder.root
    if not inputs or files != listing(root):
        return None
    if any(_now(root, guest_file, name) != digest for name, digest in inputs.items()):
        return None
    return found


def keep(folder: ProjectDir, guest_file: Path | None, sheet: str | None, command: str, inputs: dict[str, str],
         files: list[str] | None, result: object) -> None:
    """Remember a run that succeeded: what it read, the files there were, what it found (plain values)."""
    if inputs and "" not in inputs.values() and files is not None:
        store.write(KIND, _name(folder, guest_file, sheet, command), (store.program(), inputs, files, result))
