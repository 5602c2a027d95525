"""One ucc-print at a time writes a folder: a lock file there (`output/.writing.lock`, an OS lock:
flock on POSIX, msvcrt.locking on Windows) held while it writes or cleans up, holding its pid."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UccError

#: In output/: held (an OS lock) by the ucc-print writing there, which removes it when done.
LOCK = ".writing.lock"


#: Seconds a run waits for another ucc-print writing the same folder to finish.
LOCK_WAIT = 3.0


#: Where on Windows the lock is taken in the lock file (past the pid written at its start).
_LOCK_OFFSET = 64


class Busy(UccError):
    """Another ucc-print is writing the same folder."""


@contextlib.contextmanager
def writing(folder: Path, show: Callable[[Path], str] = str, unchanged: str = "No file was changed.") -> Iterator[None]:
    """Hold `folder`'s lock while writing (or cleaning) it: another ucc-print there is waited for
    LOCK_WAIT seconds, then refused with a message naming it, and saying `unchanged`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    handle = _take_lock(path, show(folder), unchanged)
    try:
        yield
    finally:
        _drop_lock(path, handle)


def _take_lock(path: Path, shown: str, unchanged: str) -> int:
    """The open lock file, locked by this process and holding its pid."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except PermissionError:  # Windows: the run that held it is removing it
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
            continue
        try:
            locked = _lock(handle)
            if locked and _same_file(handle, path):
                os.ftruncate(handle, 0)
                os.lseek(handle, 0, os.SEEK_SET)
                os.write(handle, f"{os.getpid()}\n".encode())
                return handle
            holder = None if locked else _holder(handle)
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)  # unlocks it, if it was locked: a file its holder removed meanwhile
        if not locked and time.monotonic() >= deadline:
            pid = f" (pid {holder})" if holder else ""
            raise Busy(f"another ucc-print is writing {shown}/{pid}; wait for it or stop it, then run this again.\n"
                       + unchanged)
        if not locked:
            time.sleep(0.05)


def _lock(handle: int) -> bool:
    """Lock the open lock file without waiting; False if another process has it locked."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(handle, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:  # a file system without locks (not Windows, which says EACCES): go on unlocked
        return error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)
    return True


def _same_file(handle: int, path: Path) -> bool:
    """Whether the open lock file is still the one at `path` (not one its holder removed meanwhile)."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def _holder(handle: int) -> int | None:
    """The pid the lock file's holder wrote in it, if it has yet."""
    os.lseek(handle, 0, os.SEEK_SET)
    text = os.read(handle, 32).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _drop_lock(path: Path, handle: int) -> None:
    """Remove the lock file and let it go (on Windows, where an open file cannot be removed, after)."""
    if sys.platform == "win32":
        os.lseek(handle, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
        os.close(handle)
        with contextlib.suppress(OSError):
            path.unlink()
    else:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(handle)
