"""Building every output at once (`ucc-print build`), and again whenever content changes (--watch).

All outputs are built in memory first; only if every one succeeds are they written, so a run
with a problem leaves output/ as it was and reports every problem of every output together. A
watch is told of each output as soon as it is made (`Done`), and writes it then.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .design.profiles import Profile
from .errors import Problem, UccError, plural
from .outputs import registry
from .outputs.base import Output

if TYPE_CHECKING:
    from watchfiles import Change
    from watchfiles.main import AbstractEvent

    from .content.model import Project, Where

#: Page counts of PDFs kept in the cache (for the build summary), the newest.
COUNTS_KEPT = 64
#: Told as each output starts and ends: (output, its position, how many, seconds or None at the
#: start, whether it was made).
Progress = Callable[[type[Output], int, int, float | None, bool], None]
#: Told of each output made, with its files, as soon as it is made (in the order chosen).
Done = Callable[[type[Output], dict[str, bytes]], None]


@dataclass
class Made:
    """What one run built: files by name under output/, what failed and why, what was skipped."""

    files: dict[str, bytes] = field(default_factory=dict)
    #: Which files each output made (by output name), in the order made.
    by_output: dict[str, list[str]] = field(default_factory=dict)
    failed: list[tuple[type[Output], UccError]] = field(default_factory=list)
    #: Outputs that cannot be made from this project, and why (content/press.yaml is missing).
    skipped: dict[type[Output], str] = field(default_factory=dict)
    seconds: float = 0.0
    #: What builds but deserves a look: a word wider than its whole line, broken to fit.
    warnings: list[Problem] = field(default_factory=list)
    #: The output cache's key of each output's files (by output name), when they are kept there.
    keys: dict[str, str] = field(default_factory=dict)
    #: Taken whole from the last same run, nothing it read having changed (runcache.py).
    recalled: bool = False

    def owned(self) -> dict[str, list[str]]:
        """The folders under output/ owned by an output that made files this run, and those files."""
        return {output.owns: self.by_output[output.name] for output in registry().values()
                if output.owns and self.by_output.get(output.name)}

    @property
    def ok(self) -> bool:
        """Every chosen output was made (so its files may be written)."""
        return not self.failed


def make(project: Project, root: Path, profile: Profile, outputs: Iterable[type[Output]] | None = None,
         progress: Progress | None = None, done: Done | None = None, **options: object) -> Made:
    """Make the outputs' files in memory (all of them unless named); an output's UccError is
    recorded and the rest go on."""
    from . import outputcache

    made = Made()
    start = time.perf_counter()
    chosen: list[type[Output]] = []
    for output in registry().values() if outputs is None else outputs:
        reason = output.unavailable(project)
        if reason is None:
            chosen.append(output)
        else:
            made.skipped[output] = reason
    if not (len(chosen) > 1 and _made_apart(made, project, root, profile, chosen, progress, done, options)):
        for position, output in enumerate(chosen, 1):
            if progress:
                progress(output, position, len(chosen), None, True)
            began = time.perf_counter()
            try:
                files, broken, key = outputcache.made(project, root, output, profile, options, made.files)
            except UccError as error:
                made.failed.append((output, error))
            else:
                _record(made, project, output, files, broken, key)
                if done:
                    done(output, files)
            if progress:
                progress(output, position, len(chosen), time.perf_counter() - began, output.name in made.by_output)
    made.seconds = time.perf_counter() - start
    return made


def _record(made: Made, project: Project, output: type[Output], files: dict[str, bytes], broken: set[str],
            key: str | None) -> None:
    """One output's files, cache key and warnings added to what the run made."""
    made.files.update(files)
    made.by_output[output.name] = list(files)
    if key:
        made.keys[output.name] = key
    made.warnings += [problem for problem in broken_warnings(project, output, broken) if problem not in made.warnings]


def _made_apart(made: Made, project: Project, root: Path, profile: Profile, chosen: list[type[Output]],
                progress: Progress | None, done: Done | None, options: dict[str, object]) -> bool:
    """The outputs made side by side, the first in this process (whose caches are warm: the file
    being edited is usually the first output's) while the workers a watch keeps (apart.py) make
    the rest; recorded in order. False, with nothing recorded, when there are no workers or they
    broke (what `done` was told of is made again, to the same bytes)."""
    from concurrent.futures.process import BrokenProcessPool

    from . import apart

    futures = apart.submitted(project, root, [output.name for output in chosen[1:]], profile, options)
    if futures is None:
        return False
    results: list[tuple[type[Output], tuple[dict[str, bytes], set[str], str | None], UccError | None]] = []
    try:
        for position, output in enumerate(chosen, 1):
            if progress:
                progress(output, position, len(chosen), None, True)
            if position == 1:
                files, broken, key, error, seconds = apart.made_here(project, root, output, profile, options)
            else:
                files, broken, key, error, seconds = futures[position - 2].result()
            results.append((output, (files, broken, key), error))
            if done and error is None:
                done(output, files)
            if progress:
                progress(output, position, len(chosen), seconds, error is None)
    except BrokenProcessPool:  # a worker was killed: made here, as without workers
        apart.give_up()
        return False
    for output, (files, broken, key), error in results:
        if error is None:
            _record(made, project, output, files, broken, key)
        else:
            made.failed.append((output, error))
    return True


def remembered(made: Made, warnings: list[str]) -> tuple[list[str], dict[str, str], dict[str, str]] | None:
    """What the run cache keeps of a run that made everything it chose: the warnings it showed,
    each output's key in the output cache, why outputs were skipped; None if an output's files
    are not in the output cache (they cannot be recalled)."""
    if not made.ok or set(made.keys) != set(made.by_output):
        return None
    return warnings, dict(made.keys), {output.name: reason for output, reason in made.skipped.items()}


def recalled(kept: object, outputs: Iterable[type[Output]]) -> tuple[Made, list[str]] | None:
    """A run `remembered` made again from the output cache: its files, and the warnings it showed;
    None if what was kept is not whole or an output's files are gone from the cache."""
    from . import outputcache

    if not (isinstance(kept, tuple) and len(kept) == 3):
        return None
    warnings, keys, skipped = kept
    if not (isinstance(warnings, list) and all(isinstance(text, str) for text in warnings)
            and isinstance(keys, dict) and isinstance(skipped, dict)):
        return None
    made = Made(recalled=True)
    for output in outputs:
        if output.name in skipped and isinstance(skipped[output.name], str):
            made.skipped[output] = skipped[output.name]
            continue
        entry = outputcache.recall(keys[output.name]) if isinstance(keys.get(output.name), str) else None
        if entry is None:
            return None
        made.files.update(entry[0])
        made.by_output[output.name] = list(entry[0])
        made.keys[output.name] = keys[output.name]
    return made, warnings


def _where(project: Project, text: str) -> Where:
    """Where a text printed in an output was written: the guest whose name, organisation or title
    holds it, else the first content file's field that does (signs.yaml's word), else the event."""
    from .content.model.base import written

    for model in (project.guests, project):
        found = written(model, text)
        if found is not None and found.file:
            return found
    return project.event.where


def broken_warnings(project: Project, output: type[Output], broken: set[str]) -> list[Problem]:
    """A warning for each word, name or number wider than its whole line, broken to fit."""
    found = []
    for text in sorted(broken):
        where = _where(project, text)
        found.append(Problem(
            where.file, where.line, where.path, f"words that fit on one line of the {output.title}（{output.name}）",
            f"「{text}」, wider than its whole line, so it is broken at its least bad place",
            "check how it reads; a shorter form (for an organisation, its 略称 / short:) lets it fit"))
    return found


def describe(name: str, data: bytes) -> str:
    """How much there is in a file: 6 pages, 10 slides (a PDF's count remembered in the cache), a web page."""
    if not name.endswith((".pdf", ".pptx")):
        return {".html": "web page", ".css": "stylesheet"}.get(Path(name).suffix, "picture")
    if name.endswith(".pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            slides = sum(1 for entry in package.namelist()
                         if entry.startswith("ppt/slides/slide") and entry.endswith(".xml"))
        return plural(slides, "slide")
    from . import cache as store

    entry = store.key(data)
    pages = store.read("pages", entry)
    if not isinstance(pages, int):
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            pages = len(document)
        finally:
            document.close()
        store.write("pages", entry, pages)
        store.prune("pages", "", COUNTS_KEPT)
    return plural(pages, "page")


def affected(changed: Iterable[str]) -> list[type[Output]]:
    """The outputs made from any of the changed files (project-relative paths with /)."""
    changed = list(changed)
    return [output for output in registry().values() if any(output.uses(path) for path in changed)]


def watched(root: Path, extra: Path | None = None) -> Callable[[Change, str], bool]:
    """A watchfiles filter: content/ and assets/ (and a guest list kept elsewhere), not output/."""
    from watchfiles import DefaultFilter

    default = DefaultFilter()
    folders = (root / "content", root / "assets")
    extra = extra.resolve() if extra else None

    def accept(change: Change, path: str) -> bool:
        where = Path(path).resolve()
        inside = any(where.is_relative_to(folder) for folder in folders) or where == extra
        return inside and default(change, path)

    return accept


def watch_paths(root: Path, extra: Path | None = None) -> list[Path]:
    """The folders to watch: content/ and assets/ (not output/ or .git), and an outside guest list's."""
    folders = [folder for folder in (root / "content", root / "assets") if folder.is_dir()]
    if extra and not any(extra.resolve().is_relative_to(folder.resolve()) for folder in folders):
        folders.append(extra.resolve().parent)
    return folders


#: A batch of changes is taken once no other change came for this long (watchfiles' default is
#: 50 ms, which, checked twice, was most of the wait between a save and the rewritten file). An
#: editor's save (a temporary file renamed over the old) is done well within it.
SETTLE_MS = 20
#: How soon a watcher asked to say it has started says so (it is watching by then).
STARTED_MS = 50


def changes(root: Path, extra: Path | None = None, stop: AbstractEvent | None = None,
            started: Callable[[], None] | None = None) -> Iterator[set[str]]:
    """Sets of changed paths, project-relative (an outside guest list as content/guests.yaml, which
    it stands in for), until Ctrl+C or `stop` is set; `started` is called once the watcher is
    watching (a save from then on is seen, even one made during a first build run from `started`)."""
    import logging

    from watchfiles import Change, watch

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # not its own "KeyboardInterrupt caught" line
    shown_extra = extra.resolve() if extra else None
    waiting = started is not None
    for batch in watch(*watch_paths(root, extra), watch_filter=watched(root, extra), stop_event=stop,
                       raise_interrupt=False, step=SETTLE_MS, yield_on_timeout=waiting,
                       rust_timeout=STARTED_MS if waiting else 5000):
        if not batch:
            if started is not None and waiting:
                waiting = False
                started()
            continue
        kinds: dict[Path, set[Change]] = {}
        for change, path in batch:
            kinds.setdefault(Path(path).resolve(), set()).add(change)
        # an editor's temporary file, made and gone within the batch, is no change to the content
        paths = {"content/guests.yaml" if where == shown_extra else where.relative_to(root.resolve()).as_posix()
                 for where, seen in kinds.items() if not {Change.added, Change.deleted} <= seen or where.exists()}
        if paths:
            yield paths
