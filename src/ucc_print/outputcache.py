"""The project cache: an output's files remembered between runs, keyed by everything they are made from.

The key of an output is a hash of: its name, the profile and its options; what the load read of
every content file it is made from (the shared files and its own `sources`, as `--watch` knows
them), of every picture, and of a guest list given with --guests (Project.inputs: the digests of
the bytes actually read, not of the disk a moment later); the guest list as validated; and this
program (cache.program). So a build after one changed file redoes only the outputs made from it,
and a key that matches means the same output byte for byte. Pictures are read again when an
output is drawn: an output is kept only if they are still what the load read. What an output
found worth a warning (units broken to fit) is kept with it and worded again against today's
content. The entries live in the user's cache (cache.py), the newest few of each output and profile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as store
from .content.inputs import PICTURE, picture_now
from .content.limits import MAX_PICTURE_BYTES

if TYPE_CHECKING:
    from .content.model import Project
    from .design.profiles import Profile
    from .outputs.base import Output

KIND = "outputs"
#: Entries kept for each output and profile: a few versions back, for undo.
KEEP = 4


def key(project: Project, output: type[Output], profile: Profile, options: Mapping[str, object],
        variant: str = "") -> str | None:
    """The hash of everything the output's files are made from; None if that is not known for sure
    (a project not loaded from files, a guest list that changed while it was read). A `variant`
    (another file made from the same content, as the web edition's handout) is named and kept apart."""
    inputs = project.inputs
    if not inputs or "" in inputs.values():
        return None
    digest = hashlib.sha256(store.program())
    digest.update(f"{output.name}\n{profile!r}\n{sorted(options.items())!r}\n".encode())
    for name, hashed in sorted(inputs.items()):
        if not name.startswith("content/") or output.uses(name):
            digest.update(store.text(f"{name} {hashed}\n"))
    digest.update(project.guests.model_dump_json().encode())
    return f"{output.name}{f'-{variant}' if variant else ''}-{profile.name}-{digest.hexdigest()}"


def unchanged(project: Project, root: Path) -> bool:
    """Whether every picture is still what the load read (outputs read them again to draw them)."""
    return all(picture_now(root, name.removeprefix(PICTURE), MAX_PICTURE_BYTES) == hashed
               for name, hashed in project.inputs.items() if name.startswith(PICTURE))


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


def recalled(project: Project, output: type[Output], profile: Profile, options: Mapping[str, object],
             variant: str = "") -> tuple[str | None, tuple[dict[str, bytes], set[str]] | None]:
    """An output's key (None with the cache off) and what is kept under it, if anything."""
    from .cache import ENABLED

    name = key(project, output, profile, options, variant) if ENABLED.get() else None
    return name, recall(name) if name else None


def made(project: Project, root: Path, output: type[Output], profile: Profile, options: Mapping[str, object],
         earlier: Mapping[str, bytes] | None = None) -> tuple[dict[str, bytes], set[str], str | None]:
    """An output's files, the units broken to fit, and the key they are kept under (None: not
    kept): from the cache if they were made from the same content before, else made (and kept
    there); `earlier`, files made before it in this run."""
    return cached(project, root, recalled(project, output, profile, options),
                  lambda: output(project, root, earlier).files(profile, **options))


def cached(project: Project, root: Path, found: tuple[str | None, tuple[dict[str, bytes], set[str]] | None],
           make: Callable[[], dict[str, bytes]]) -> tuple[dict[str, bytes], set[str], str | None]:
    """Files `recalled` found, or made now and kept under its key: with the units broken to fit
    and the key (None: not kept)."""
    from .typeset.linebreak import noting_broken

    name, kept = found
    if kept is not None:
        return *kept, name
    with noting_broken() as broken:
        files = make()
    if name and unchanged(project, root):
        keep(name, files, broken)
        return files, broken, name
    return files, broken, None
