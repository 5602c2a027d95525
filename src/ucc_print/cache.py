"""The user's cache folder (platformdirs: ~/.cache/ucc-print, %LOCALAPPDATA%\\ucc-print\\Cache …):
entries keyed by a hash of everything they were made from and this version of ucc-print.

An entry is written whole (a temporary file renamed over it) with the SHA-256 of its data, and
only ever read back through `marshal`, which holds plain values and never runs code; one that
cannot be read, does not match its hash, or reads as something else, is ignored and made again.
A cache can make a run faster, never different. What is kept: font information (facecache.py),
the glyph coverage of the printed faces (fonts.py), outputs (outputcache.py), page counts.
`ucc-print --no-cache` (or UCC_PRINT_NO_CACHE=1) neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import tempfile
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__

#: Whether caches are used in this run (`--no-cache` turns them off).
ENABLED: ContextVar[bool] = ContextVar("cache_enabled", default=os.environ.get("UCC_PRINT_NO_CACHE", "") in ("", "0"))


#: The libraries whose versions change what ucc-print makes of the same content (their modules,
#: found without importing them): the writers of PDF, PowerPoint and pictures, line breaking,
#: Markdown, templates, and the readers of YAML, spreadsheets and the model.
LIBRARIES = ("reportlab", "_rl_accel", "pptx", "lxml", "PIL", "pikepdf", "budoux", "markdown_it", "jinja2",
             "pydantic", "pydantic_core", "yaml", "ruamel", "openpyxl")


@cache
def program() -> bytes:
    """This ucc-print (each of its files by name, size and time, as Python tells a stale compiled
    module) and the libraries it uses (each by where it is and its first file's size and time,
    which an upgrade changes): a change to any of them makes every key new."""
    from importlib.util import find_spec

    digest = hashlib.sha256(__version__.encode())
    files: list[tuple[str, os.stat_result]] = []
    for directory, folders, names in os.walk(Path(__file__).resolve().parent):
        folders[:] = sorted(folder for folder in folders if folder != "__pycache__")
        for name in sorted(names):
            path = os.path.join(directory, name)
            status = os.stat(path)
            if stat.S_ISREG(status.st_mode):
                files.append((Path(path).as_posix(), status))
    for name in LIBRARIES:
        spec = find_spec(name)
        digest.update(text(f"{name} {spec.origin if spec else '-'}\n"))
        if spec and spec.origin:
            files.append((Path(spec.origin).as_posix(), os.stat(spec.origin)))
    for shown, status in files:
        digest.update(text(f"{shown} {status.st_size} {status.st_mtime_ns}\n"))
    return digest.digest()


def text(value: str) -> bytes:
    """A text to hash, as UTF-8; a file name the system gave in other bytes kept as those bytes."""
    return value.encode("utf-8", "surrogateescape")


def folder() -> Path:
    """Where this user's cache lives."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ucc-print", appauthor=False))


def key(*parts: bytes | str) -> str:
    """A hash of what an entry is made from, this version of ucc-print included."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = text(part) if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _path(kind: str, name: str) -> Path:
    return folder() / kind / f"{name}.marshal"


def read(kind: str, name: str) -> Any | None:
    """The entry, or None if there is none, it cannot be read, or caches are off."""
    if not ENABLED.get():
        return None
    try:
        stored = _path(kind, name).read_bytes()
        digest, data = stored[:32], stored[32:]
        if hashlib.sha256(data).digest() != digest:
            return None
        return marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(kind: str, name: str, value: Any) -> None:
    """Keep an entry (silently not, where the folder cannot be written)."""
    if not ENABLED.get():
        return
    path = _path(kind, name)
    try:
        data = marshal.dumps(value)
        data = hashlib.sha256(data).digest() + data
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return


def prune(kind: str, prefix: str, keep: int) -> None:
    """Remove all but the `keep` newest entries whose names start with `prefix` (older versions)."""
    if not ENABLED.get():
        return
    try:
        entries = sorted(((path.stat().st_mtime_ns, path) for path in (folder() / kind).glob(f"{prefix}*.marshal")),
                         reverse=True)
        for _time, path in entries[keep:]:
            path.unlink(missing_ok=True)
    except OSError:
        return
