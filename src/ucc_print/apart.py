"""Outputs made side by side in worker processes, for the commands that run long enough to keep
them (`build --watch`, `serve`): after a save, the first output (the handout) is made in the
watch's own process, whose caches are warmest, while the workers make the rest (the web edition).

The workers start when the watching does and load what making needs (the fonts, the layout);
until every one has, outputs are made in the process, as serve's first build is.
Each save's project goes to them pickled once; each output comes back as its files, the units
it broke and its cache key, or its UccError. The files are the same bytes as made in one
process: an output that links another (the web edition) takes it from the project cache or
makes it itself, as it does when made alone. A worker pool that cannot start or breaks is given
up, and outputs are made in the process again. Ctrl+C is the watch's to answer: workers ignore
it, and end when the watch's process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError, UccError

if TYPE_CHECKING:
    from .content.model import Project
    from .design.profiles import Profile
    from .outputs.base import Output

#: At most this many workers: more outputs than that rarely change at one save.
MOST = 4
#: How much lower the workers' scheduling priority is than the watch's (POSIX nice levels).
NICER = 10
#: What a worker sends back: files, units broken to fit, cache key, the output's error, seconds.
Result = tuple[dict[str, bytes], set[str], str | None, UccError | None, float]

_pool: ProcessPoolExecutor | None = None
#: The workers loading what making needs: outputs go to them once every one is done.
_warming: list[Future[None]] = []


def pool() -> ProcessPoolExecutor | None:
    """The workers, while a long-running command keeps them (none on a single core)."""
    return _pool


def ready() -> bool:
    """Whether the workers are there and warm (until then a save's outputs are made in this
    process, which is quicker than workers still loading)."""
    return _pool is not None and all(future.done() for future in _warming)


@contextmanager
def kept() -> Iterator[None]:
    """Workers for the duration (a watch, serve); started at once, ready by the next save."""
    global _pool
    cores = os.cpu_count() or 1
    if cores < 2 or _pool is not None:
        yield
        return
    try:
        # spawned, as on Windows and macOS, never forked: serve has threads running, and a fork
        # copies whatever lock one of them holds at that moment
        _pool = ProcessPoolExecutor(max_workers=min(cores, MOST), initializer=_start,
                                    mp_context=multiprocessing.get_context("spawn"))
        _warming[:] = [_pool.submit(_warm) for _ in range(min(cores, MOST))]
    except (OSError, RuntimeError):  # no processes to be had here: made in this process
        _pool = None
    try:
        yield
    finally:
        if _pool is not None:  # what a worker is making is finished (at most one output), the rest dropped;
            # not waiting, Python 3.11 can race its own exit handler and print an OSError
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def give_up() -> None:
    """The workers broke (one was killed): make outputs in this process from now on."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool = None


def submitted(project: Project, root: Path, names: list[str], profile: Profile,
              options: Mapping[str, object]) -> list[Future[Result]] | None:
    """Each output set going in a worker; None if the workers cannot take them."""
    workers = pool()
    if workers is None or not ready():
        return None
    from .cache import ENABLED

    blob = pickle.dumps(project, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        return [workers.submit(made, blob, str(root), name, profile, dict(options), ENABLED.get()) for name in names]
    except RuntimeError:  # shut down or broken
        give_up()
        return None


def _start() -> None:
    """In a worker: Ctrl+C stops the watch, which stops the workers, so a worker does not answer
    it; and a worker ends when the watch does however it ended (killed, closed with its window)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # the watch's own process, making the first output, comes first (POSIX)
        with contextlib.suppress(OSError):  # a system that refuses it: the same priority, still side by side
            os.nice(NICER)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    """Wait for the watch's process to end, then end this one."""
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def _warm() -> None:
    """In a worker: load what making outputs needs before the first save asks for it."""
    from .design.fonts import PRINTED_FACES, load
    from .outputs import registry

    registry()
    for key in PRINTED_FACES:
        load(key)


_last: tuple[bytes, Project] | None = None


def made(blob: bytes, root: str, name: str, profile: Profile, options: dict[str, object], caching: bool) -> Result:
    """In a worker: one output made, as make() makes it in one process (the cache used as there:
    `--no-cache` holds in the workers too)."""
    global _last
    from .cache import ENABLED
    from .outputs import registry

    if _last is None or _last[0] != blob:  # one save's outputs share the project
        _last = blob, pickle.loads(blob)
    ENABLED.set(caching)
    files, broken, key, error, seconds = made_here(_last[1], Path(root), registry()[name], profile, options)
    if error is not None and not isinstance(error, ContentError):  # another kind may not pickle:
        error = UccError(error.format_message())  # sent back as what it says
    return files, broken, key, error, seconds


def made_here(project: Project, root: Path, output: type[Output], profile: Profile,
              options: Mapping[str, object]) -> Result:
    """One output made in this process, told as a worker tells it (nothing made before it in the
    same run reused: the same bytes either way)."""
    import time

    from . import outputcache

    began = time.perf_counter()
    try:
        files, broken, key = outputcache.made(project, root, output, profile, options)
    except UccError as error:
        return {}, set(), None, error, time.perf_counter() - began
    return files, broken, key, None, time.perf_counter() - began
