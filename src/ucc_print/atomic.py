"""Writing outputs safely: one file atomically, or a set of files that change together.

A set is written in full beside its targets first (`.NAME.xxxx.part`, flushed to disk); only then
are the targets replaced, one atomic rename each, with the old files kept aside until all are in
place. If a target cannot be replaced (on Windows a PDF open in Acrobat is locked; a read-only
file; a folder where the file should go), the ones already replaced are put back and nothing
has changed. A kill at any moment leaves every file whole, old or new; a journal in output/ says
which set was being replaced, so the next run cleans up after it and says what may be mixed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import UccError

#: In output/: the files of a set being replaced, there only while it is.
JOURNAL = ".replacing.json"
#: What a set leaves beside its targets while it is written.
PART, OLD = ".part", ".old"


class Unreplaceable(UccError):
    """A target could not be replaced; nothing was changed."""


def _umask() -> int:
    """The process umask (mkstemp creates files 0600; the result should look like any new file)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _staged(path: Path, data: bytes, suffix: str = PART) -> Path:
    """`data` in a new temporary file beside `path`, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write bytes to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    temporary = _staged(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def leftovers(folder: Path) -> list[Path]:
    """What an interrupted run left in an output folder: staged files and kept-aside old ones."""
    if not folder.is_dir():
        return []
    return sorted(path for pattern in (f".*{PART}", f".*{OLD}") for path in folder.rglob(pattern) if path.is_file())


def clean_up(folder: Path, say: Callable[[str], None]) -> None:
    """Remove what an interrupted run left behind, and say what it may have left mixed."""
    found = leftovers(folder)
    for path in found:
        path.unlink(missing_ok=True)
    if found:
        say(f"removed {len(found)} unfinished file(s) an interrupted run left in {folder.name}/")
    names = _journal(folder)
    if names:
        say(f"an earlier run was stopped while replacing {', '.join(names)} in {folder.name}/: they may be a mix "
            "of old and new versions until they are made again (`ucc-print build` makes them all)")


def _journal(folder: Path) -> list[str]:
    try:
        names = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
        return [str(name) for name in names] if isinstance(names, list) else []
    except (OSError, ValueError):
        return []


def _keep_aside(target: Path) -> Path | None:
    """A second name for the old file (a hard link, else a copy), to put back if the set fails."""
    if not target.is_file():
        return None
    aside = target.with_name(f".{target.name}.{secrets.token_hex(4)}{OLD}")
    try:
        os.link(target, aside)
    except OSError:
        shutil.copy2(target, aside)
    return aside


def _replaceable(target: Path, shown: str) -> None:
    """Refuse, before anything changes, a target that is a folder or that cannot be opened for
    writing (locked by another program, or read-only)."""
    if target.is_dir():
        raise Unreplaceable(f"cannot write {shown}: a folder of that name is in the way.\n"
                            "Move or rename the folder, then build again; no file was changed.")
    if target.exists():
        try:
            with target.open("r+b"):
                pass
        except OSError as error:
            raise _locked(shown, error) from None


def _locked(shown: str, error: OSError) -> Unreplaceable:
    reason = error.strerror or type(error).__name__
    return Unreplaceable(f"cannot replace {shown}: {reason} — it is open in another program (Acrobat, for one) or "
                         "read-only.\nClose it there (or make it writable), then build again; no file was changed.")


def write_set(folder: Path, files: dict[str, bytes], show: Callable[[Path], str],
              say: Callable[[str], None] = lambda message: None) -> None:
    """Write `files` (names under `folder`) so that they change together or not at all."""
    clean_up(folder, say)
    targets = {name: folder / name for name in files}
    for target in targets.values():
        _replaceable(target, show(target))
    earlier = _journal(folder)
    staged: dict[str, Path] = {}
    try:
        for name, data in files.items():
            staged[name] = _staged(targets[name], data)
        _note(folder, sorted(set(earlier) | set(files)))
        try:
            _replace_all(targets, staged, show)
        except BaseException:
            _note(folder, earlier)  # everything was put back as it was
            raise
    finally:
        for path in staged.values():
            path.unlink(missing_ok=True)
    _note(folder, [name for name in earlier if name not in files])


def _note(folder: Path, names: list[str]) -> None:
    """The journal: the files whose set is being replaced (none: no journal)."""
    if names:
        write_atomic(folder / JOURNAL, json.dumps(names, ensure_ascii=False).encode())
    else:
        (folder / JOURNAL).unlink(missing_ok=True)


def _replace_all(targets: dict[str, Path], staged: dict[str, Path], show: Callable[[Path], str]) -> None:
    """Rename every staged file over its target; on a failure put back what was replaced."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for name, target in targets.items():
            aside = _keep_aside(target)
            try:
                os.replace(staged[name], target)
            except OSError as error:
                if aside:
                    aside.unlink(missing_ok=True)
                raise _locked(show(target), error) from None
            done.append((target, aside))
    except BaseException:
        for target, aside in reversed(done):
            if aside:
                os.replace(aside, target)
            else:
                target.unlink(missing_ok=True)
        raise
    for _target, aside in done:
        if aside:
            aside.unlink(missing_ok=True)
