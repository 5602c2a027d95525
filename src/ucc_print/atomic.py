"""Writing outputs safely: one file atomically, or a set of files that change together.

A set is written in full beside its targets first (`.NAME.xxxxxxxx.part`, flushed to disk); only
then are the targets replaced, one atomic rename each, with the old files kept aside
(`.NAME.xxxxxxxx.old`) until all are in place. A target that cannot be replaced (on Windows a PDF
open in Acrobat is locked; a read-only file; a folder where the file should go) is refused before
anything changes, or, if the rename itself fails, the ones already replaced are put back — every
one of them tried, a file Windows reports in use tried again a few times. If one still cannot be
put back, its old version stays kept aside, the journal (`output/.replacing.json`) says where, the
error says which file is in which state, and the next run puts it back before anything else.
A kill at any moment leaves every file whole, old or new; the journal says which set was being
replaced, so the next run cleans up after it and says what may be mixed. One ucc-print at a time
writes a folder: a lock file there (`output/.writing.lock`, an OS lock) is held while it does.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import UccError
from .writelock import writing

#: A file's content: its bytes, or what writes them to a stream (a file too large to hold whole).
Content = bytes | Callable[[BinaryIO], None]
#: In output/: the files of a set being replaced, there only while it is (or while one waits to be put back).
JOURNAL = ".replacing.json"
#: What a set leaves beside its targets while it is written.
PART, OLD = ".part", ".old"
#: The exact names of those: `.NAME.` then 8 hex digits then `.part` (staged) or `.old` (kept aside).
LEFTOVER = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.(?P<kind>part|old)")
#: Seconds to wait before trying again a file Windows reports in use (an antivirus or a viewer
#: opening a file just made); after the last, the failure is reported.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)
#: Windows errors that may pass: sharing violation, access denied.
IN_USE = (32, 5)
#: For tests: the step of write_set at which the process kills itself ("staged", "replace 2", "replaced").
KILL_AT = "UCC_PRINT_KILL_AT"


class Unreplaceable(UccError):
    """A target could not be replaced (nothing was changed, unless the message says otherwise)."""

    def __init__(self, what: str, todo: str):
        self.what = what
        super().__init__(f"{what}\n{todo}")


@dataclass(frozen=True)
class Kept:
    """A file a failed run replaced and could not put back: its old version, kept aside (None: there was none)."""

    old: str | None


#: The journal: each file of a set being replaced (None: old or new, may be a mix), or to be put back.
Journal = dict[str, Kept | None]


def _stop_here(step: str) -> None:
    """For tests: kill this process at `step` if KILL_AT names it, as a power cut would."""
    if os.environ.get(KILL_AT) == step:
        if sys.platform == "win32":
            os._exit(137)
        else:
            os.kill(os.getpid(), signal.SIGKILL)


def _retrying(action: Callable[..., object], *args: object) -> None:
    """Do `action(*args)`; if Windows reports the file in use, try again after each of RETRY_DELAYS."""
    for delay in RETRY_DELAYS:
        try:
            action(*args)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) not in IN_USE:
                raise
        time.sleep(delay)
    action(*args)


def _beside(path: Path, suffix: str) -> Path:
    """A new name for a staged or kept-aside file beside `path`: `.NAME.xxxxxxxx.part`."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")


def _staged(path: Path, data: Content) -> Path:
    """`data` in a new file beside `path` (permissions as any new file gets), flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = _beside(path, PART)
        try:
            handle = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data) if isinstance(data, bytes) else data(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: Path, data: bytes) -> Path:
    """Write bytes to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    temporary = _staged(path, data)
    try:
        _retrying(os.replace, temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


# ------------------------------------------------------------------ what an earlier run left


def leftovers(folder: Path) -> list[Path]:
    """What an interrupted run left in an output folder: staged files and kept-aside old ones."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob(".*") if LEFTOVER.fullmatch(path.name) and path.is_file())


def clean_up(folder: Path, say: Callable[[str], None], show: Callable[[Path], str] = str) -> list[str]:
    """Put back what a failed run could not, remove what an interrupted run left behind, and say
    what it may have left mixed (those names returned). The caller holds the folder's lock."""
    journal = _put_back_kept(folder, _journal(folder), show, say)
    found = leftovers(folder)
    for path in found:
        with contextlib.suppress(FileNotFoundError):
            _retrying(path.unlink)
    if found:
        say(f"removed {len(found)} unfinished file(s) an interrupted run left in {folder.name}/")
    names = list(journal)
    if names:
        say(f"an earlier run was stopped while replacing {', '.join(names)} in {folder.name}/: they may be a mix "
            "of old and new versions until they are made again (`ucc-print build` makes them all)")
    return names


def _journal(folder: Path) -> Journal:
    """The journal, as _note wrote it: a list of names, or names and what to put back."""
    try:
        found = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(found, list):
        return dict.fromkeys(map(str, found))
    if isinstance(found, dict):
        return {str(name): _kept(str(name), entry) for name, entry in found.items()}
    return {}


def _kept(name: str, entry: object) -> Kept | None:
    """A journal entry: what to put back, if it is one write_set writes (else None: may be a mix)."""
    where = Path(name)
    if not isinstance(entry, dict) or where.is_absolute() or where.drive or ".." in where.parts:
        return None
    old = entry.get("old")
    if old is None:
        return Kept(None)
    match = LEFTOVER.fullmatch(Path(str(old)).name)
    if Path(str(old)).parent == where.parent and match and match["name"] == where.name and match["kind"] == "old":
        return Kept(str(old))
    return None


def _note(folder: Path, journal: Journal) -> None:
    """Write the journal (none: no journal); a list of names unless some file is to be put back."""
    path = folder / JOURNAL
    if not journal:
        path.unlink(missing_ok=True)
        return
    if any(journal.values()):
        data: object = {name: kept and {"old": kept.old} for name, kept in journal.items()}
    else:
        data = list(journal)
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode())


def _put_back_kept(folder: Path, journal: Journal, show: Callable[[Path], str], say: Callable[[str], None]) -> Journal:
    """Put back the files a failed run could not (the old versions it kept aside); if one still
    cannot be, nothing else is done and the error says which and what to do."""
    kept = {name: entry for name, entry in journal.items() if entry}
    if not kept:
        return journal
    stuck: list[str] = []
    for name, entry in kept.items():
        target = folder / name
        aside = folder / entry.old if entry.old else None
        try:
            _put_back(target, aside)
        except FileNotFoundError:
            journal[name] = None  # its old version is gone: old or new, it may be a mix
            continue
        except OSError as error:
            stuck.append(f"- {show(target)}: {_reason(error)}" + (f"; its old version is kept as {show(aside)}"
                                                                  if aside else ""))
            continue
        del journal[name]
        say(f"put back the old version of {show(target)}, which a run that failed could not put back"
            if aside else f"removed {show(target)}, which a run that failed made and could not remove")
    _note(folder, journal)
    if stuck:
        raise Unreplaceable("an earlier run failed and could not put back the old versions of files it had "
                            "replaced; they still cannot be put back:",
                            "\n".join([*stuck, "Close them in the program that has them open (Acrobat, for one), then "
                                        "run this again; no other file was changed."]))
    return journal


def _put_back(target: Path, aside: Path | None) -> None:
    """Put a replaced file's old version back (none: remove the file the set made)."""
    if aside:
        _retrying(os.replace, aside, target)
    else:
        _retrying(target.unlink, True)


# ------------------------------------------------------------------ a set of files


def _keep_aside(target: Path) -> Path | None:
    """A second name for the old file (a hard link, else a copy), to put back if the set fails."""
    if not target.is_file():
        return None
    while True:
        aside = _beside(target, OLD)
        try:
            os.link(target, aside)
            return aside
        except FileExistsError:
            continue
        except OSError:
            break
    try:
        shutil.copy2(target, aside)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise
    return aside


def _read_only(target: Path) -> bool:
    """Whether a file is marked read-only: no write permission for anyone (Windows: its Read-only attribute)."""
    status = target.stat()
    if sys.platform == "win32":
        import stat

        return bool(status.st_file_attributes & stat.FILE_ATTRIBUTE_READONLY)
    else:
        return not status.st_mode & 0o222


def _replaceable(target: Path, shown: str) -> None:
    """Refuse, before anything changes, a target that is a folder, read-only, or (on Windows) locked
    by another program: the same whoever runs ucc-print, root or not."""
    if target.is_dir():
        raise Unreplaceable(f"cannot write {shown}: a folder of that name is in the way.",
                            "Move or rename the folder, then build again; no file was changed.")
    if not target.exists():
        return
    if _read_only(target):
        raise Unreplaceable(f"cannot replace {shown}: it is read-only.",
                            "Make it writable (on Windows: Properties, untick Read-only) or move it away, then build "
                            "again; no file was changed.")
    if sys.platform == "win32":
        try:
            _retrying(_open_for_writing, target)
        except OSError as error:
            raise _locked(shown, error) from None


def _open_for_writing(target: Path) -> None:
    """Open a file for writing and close it again (Windows refuses a file another program has locked)."""
    with target.open("r+b"):
        pass


def _reason(error: OSError) -> str:
    """What the system said, in words."""
    return error.strerror or type(error).__name__


def _locked(shown: str, error: OSError) -> Unreplaceable:
    """The error for a target whose rename failed: open in another program, most likely."""
    return Unreplaceable(f"cannot replace {shown}: {_reason(error)} — it is open in another program (Acrobat, for "
                         "one) or read-only.",
                         "Close it there (or make it writable), then build again; no file was changed.")


def _holds(target: Path, data: bytes) -> bool:
    """Whether a file already holds exactly `data`."""
    try:
        return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_set(folder: Path, files: Mapping[str, Content], show: Callable[[Path], str],
              say: Callable[[str], None] = lambda message: None, only_changed: bool = False) -> list[str]:
    """Write `files` (names under `folder`) so that they change together or not at all; the names
    written. With `only_changed`, a file that already holds its bytes is left alone (and counted whole)."""
    if not files and not folder.is_dir():
        return []
    with writing(folder, show):
        earlier = clean_up(folder, say, show)
        made = set(files)
        if only_changed:  # compared only now: clean_up may have put an old version back
            files = {name: data for name, data in files.items()
                     if not (isinstance(data, bytes) and _holds(folder / name, data))}
        targets = {name: folder / name for name in files}
        for target in targets.values():
            _replaceable(target, show(target))
        staged: dict[str, Path] = {}
        try:
            for name, data in files.items():
                staged[name] = _staged(targets[name], data)
            _stop_here("staged")
            _note(folder, dict.fromkeys([*earlier, *files]))
            _replace_all(folder, targets, staged, earlier, show, say)
        finally:
            for path in staged.values():
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # every file is in place: at worst the next run warns for nothing
            _note(folder, dict.fromkeys(name for name in earlier if name not in made))
    return list(files)


def _replace_all(folder: Path, targets: dict[str, Path], staged: dict[str, Path], earlier: list[str],
                 show: Callable[[Path], str], say: Callable[[str], None]) -> None:
    """Rename every staged file over its target; on a failure put back every one already replaced."""
    done: list[tuple[str, Path | None]] = []
    try:
        for number, (name, target) in enumerate(targets.items(), 1):
            _stop_here(f"replace {number}")
            aside = _keep_aside(target)
            try:
                _retrying(os.replace, staged[name], target)
            except OSError as error:
                if aside:
                    aside.unlink(missing_ok=True)
                raise _locked(show(target), error) from None
            done.append((name, aside))
        _stop_here("replaced")
    except BaseException as error:
        _roll_back(folder, targets, done, earlier, show, say, error)
        raise
    for _name, aside in done:
        if aside:
            with contextlib.suppress(OSError):
                aside.unlink(missing_ok=True)


def _roll_back(folder: Path, targets: dict[str, Path], done: list[tuple[str, Path | None]], earlier: list[str],
               show: Callable[[Path], str], say: Callable[[str], None], cause: BaseException) -> None:
    """Put back every file already replaced, each tried; if all are, the journal is as it was; if not,
    it keeps what is left to put back, and the error says which file is in which state."""
    stuck: dict[str, tuple[Path | None, OSError]] = {}
    for name, aside in reversed(done):
        try:
            _put_back(targets[name], aside)
        except OSError as error:
            stuck[name] = (aside, error)
    journal: Journal = dict.fromkeys(earlier)
    journal.update({name: Kept(aside.relative_to(folder).as_posix() if aside else None)
                    for name, (aside, _error) in stuck.items()})
    try:
        _note(folder, journal)
        unnoted = ""
    except OSError as error:
        unnoted = (f"\n({show(folder / JOURNAL)} could not be written: {_reason(error)}; keep the .old files named "
                   "above until the files are put back.)")
    if not stuck:
        return
    what, *state = _mixed(folder, targets, stuck, show, cause)
    if isinstance(cause, Exception):
        raise Unreplaceable(what, "\n".join(state) + unnoted) from None
    say("\n".join([what, *state]) + unnoted)


def _mixed(folder: Path, targets: dict[str, Path], stuck: dict[str, tuple[Path | None, OSError]],
           show: Callable[[Path], str], cause: BaseException) -> list[str]:
    """What failed, which file is now in which state, and what to do: one line each."""
    if isinstance(cause, Unreplaceable):
        what = cause.what
    elif isinstance(cause, OSError):
        what = f"cannot write {show(folder)}/: {_reason(cause)}"
    else:
        what = "stopped while replacing the files"
    lines = [what, "Putting back the files already replaced failed too, so they are now a mix of old and new:"]
    for name, (aside, error) in stuck.items():
        kept = f"its old version is kept as {show(aside)}" if aside else "there was none before"
        lines.append(f"- {show(targets[name])} is the new version ({kept}); putting it back: {_reason(error)}")
    unchanged = [show(target) for name, target in targets.items() if name not in stuck]
    if unchanged:
        lines.append(f"- {', '.join(unchanged)}: as before")
    lines.append("Close the programs that have these files open (Acrobat, for one), then build again: the next run "
                 "first puts the old versions back.")
    return lines
