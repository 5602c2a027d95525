"""The project cache: an output's files remembered between runs, keyed by everything they are made from.

The key of an output is a hash of: its name, the profile and its options; the bytes of every
content file it is made from (the shared files and its own `sources`, as `--watch` knows them)
and of everything under assets/; the guest list as validated (wherever it was read from); and
this ucc-print (its version and the size and time of each of its files) with the versions of the
libraries that write the files. So a build after one changed file redoes only the outputs made
from it, and a key that matches means the same output byte for byte. What an output found worth a
warning (units broken to fit) is kept with it and worded again against today's content.
The entries live in the user's cache (cache.py), the newest few of each output and profile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from . import cache as store

if TYPE_CHECKING:
    from .content.model import Project
    from .design.profiles import Profile
    from .outputs.base import Output

KIND = "outputs"
#: Entries kept for each output and profile: a few versions back, for undo.
KEEP = 4
#: The libraries that change the bytes of an output (their modules, found without importing them).
WRITERS = ("reportlab", "pptx", "lxml", "PIL", "pikepdf", "budoux", "markdown_it", "jinja2", "pydantic_core")
#: Folders under the project whose files outputs read.
FOLDERS = ("content", "assets")


@cache
def _program() -> bytes:
    """This ucc-print (each of its files by name, size and time, as Python tells a stale compiled
    module) and the libraries that write (each by where it is and its first file's size and time,
    which an upgrade changes): a change to any of them is a new key."""
    from importlib.util import find_spec

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    files = [path for path in sorted(package.rglob("*")) if "__pycache__" not in path.parts and path.is_file()]
    for name in WRITERS:
        spec = find_spec(name)
        digest.update(f"{name} {spec.origin if spec else '-'}\n".encode())
        if spec and spec.origin:
            files.append(Path(spec.origin))
    for path in files:
        status = path.stat()
        digest.update(f"{path.as_posix()} {status.st_size} {status.st_mtime_ns}\n".encode())
    return digest.digest()


def _inputs(root: Path, output: type[Output]) -> list[Path]:
    """The files under the project an output is made from: its content files and all of assets/."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and (folder == "assets" or output.uses(relative)):
                found.append(path)
    return found


def key(project: Project, root: Path, output: type[Output], profile: Profile, options: Mapping[str, object]) -> str:
    """The hash of everything the output's files are made from."""
    digest = hashlib.sha256(_program())
    digest.update(f"{output.name}\n{profile!r}\n{sorted(options.items())!r}\n".encode())
    for path in _inputs(root, output):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()} {len(data)}\n".encode())
        digest.update(data)
    digest.update(project.guests.model_dump_json().encode())
    return f"{output.name}-{profile.name}-{digest.hexdigest()}"


def recall(name: str) -> tuple[dict[str, bytes], set[str]] | None:
    """The files and broken units kept under this key, or None."""
    kept = store.read(KIND, name)
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], list)):
        return None
    files, broken = kept
    if not all(isinstance(file, str) and isinstance(data, bytes) for file, data in files.items()):
        return None
    if not all(isinstance(unit, str) for unit in broken):
        return None
    return files, set(broken)


def keep(name: str, files: Mapping[str, bytes], broken: set[str]) -> None:
    """Remember an output's files under its key (and forget its older versions beyond KEEP)."""
    store.write(KIND, name, (dict(files), sorted(broken)))
    store.prune(KIND, name.rsplit("-", 1)[0] + "-", KEEP)
