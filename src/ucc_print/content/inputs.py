"""What a load read: each file as the project names it and the SHA-256 of what was read from it, so
that whatever is made from the content is keyed by exactly that (outputcache.py), not by the disk
a moment later. Content files are named by their path (content/event.yaml), pictures as
`picture:<path as written>`, a guest list given with --guests as `guest list:<sheet>`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..cache import text

_read: ContextVar[dict[str, str] | None] = ContextVar("read", default=None)
PICTURE, GUEST_LIST = "picture:", "guest list:"


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect what is read meanwhile: name → SHA-256 hex digest."""
    read: dict[str, str] = {}
    token = _read.set(read)
    try:
        yield read
    finally:
        _read.reset(token)


def note(name: str, data: bytes) -> None:
    """Record that `name` was read as `data` (nothing when no load is recording)."""
    record(name, hashlib.sha256(data).hexdigest())


def record(name: str, digest: str) -> None:
    """Record a digest ("": what was read is not known for sure, so nothing made from it is kept;
    so too a file read twice that changed in between)."""
    read = _read.get()
    if read is not None:
        read[name] = digest if read.get(name, digest) == digest else ""


def digest_of(path: Path, limit: int) -> str:
    """The SHA-256 of a regular file of at most `limit` bytes as it is now, or "" (a pipe, a folder,
    a file too large or that cannot be read: the loader says what is wrong with it)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def picture_digest(where: str, data: bytes) -> str:
    """A picture's digest: the file it leads to (inside the project, links followed) and its bytes."""
    return hashlib.sha256(text(where) + b"\0" + data).hexdigest()


def picture_now(root: Path, written: str, limit: int) -> str:
    """The digest a picture written as `written` would have now, or "" if it leads outside the
    project, nowhere, or to something else than a file of at most `limit` bytes."""
    base = root.resolve()
    try:
        path = (root / written).resolve(strict=True)
        if not path.is_relative_to(base) or not path.is_file() or path.stat().st_size > limit:
            return ""
        return picture_digest(path.relative_to(base).as_posix(), path.read_bytes())
    except (OSError, RuntimeError):
        return ""
