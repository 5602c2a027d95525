"""Commands that make outputs: one per registered output (`ucc-print handout` …), `build`
(all of them, and `--watch`), `check` (all of them in memory) and `preview`."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ContentError, UccError, plural
from .context import Context, collect_as_usual, guest_options, profile, shop_option, stopped_as_by_ctrl_c

if TYPE_CHECKING:
    from ..design.profiles import Profile
    from ..make import Done, Made, Progress
    from ..outputs.base import Output


def failures(made: Made, written: list[str] | None = None, unwritten: list[str] | None = None) -> UccError:
    """One error naming every output that could not be made, and why, and (in a watch, which
    writes each output once made) every output whose files could not be written; then what was
    written: nothing, or in a watch the files named."""
    parts = []
    for output, error in made.failed:
        what = f"{output.title}（{output.name}）"
        if isinstance(error, ContentError):
            parts.append(f"{what}: {error.count} in the content:\n{error.listing}")
        else:
            parts.append(f"{what}: {error.format_message()}")
    parts += unwritten or []
    ending = (f"The other outputs were written: {', '.join(written)}." if written
              else "Their files were left as they were." if unwritten is not None else "Nothing was written.")
    return UccError("\n".join(parts) + "\n" + ending)


def made(context: Context, guest_file: Path | None, sheet: str | None, shop: bool, outputs: list[type[Output]],
         options: dict[str, Any], every_warning: bool = True, progress: Progress | None = None,
         needed: bool = False, remember: bool = True, done: Done | None = None) -> Made:
    """The outputs made, their warnings shown (with `every_warning`, the content's too, else only
    the guest list's; `needed`: one that cannot be made from this content is an error, not
    skipped); when nothing the same run read last time has changed, its files again from
    the output cache and its warnings said again, without loading the content (runcache.py;
    not `remember`ed in a watch, whose builds follow changes); `done` told of each output made."""
    from .. import runcache
    from ..cache import ENABLED
    from ..make import make, recalled, remembered

    chosen = profile(shop)
    command = f"make {chosen.name} {[output.name for output in outputs]} {sorted(options.items())} {every_warning}"
    caching = remember and ENABLED.get()
    if caching:
        found = recalled(runcache.recall(context.folder, guest_file, sheet, command), outputs)
        if found is not None:
            context.warn(found[1])
            return found[0]
    before = runcache.listing(context.folder.root) if caching else None
    shown = len(context.said)
    project = context.project(guest_file, sheet, every_warning)
    for output in outputs if needed else ():
        if not output.available(project):
            raise output.missing(project)
    result = make(project, context.folder.root, chosen, outputs, progress=progress, done=done, **options)
    if result.ok:
        context.warn(result.warnings)
        kept = remembered(result, context.said[shown:])
        if kept and before is not None and runcache.listing(context.folder.root) == before:
            runcache.keep(context.folder, guest_file, sheet, command, project.inputs, before, kept)
    return result


def _make_one(context: Context, output: type[Output], guest_file: Path | None, sheet: str | None, shop: bool,
              options: dict[str, Any]) -> None:
    """Make one output and write its files (its layout warnings shown)."""
    result = made(context, guest_file, sheet, shop, [output], options, every_warning=False, needed=True)
    if not result.ok:
        raise result.failed[0][1]
    keep(context, result.files, result.owned(), guest_file, sheet, quiet=False)


def output_command(output: type[Output]) -> click.Command:
    """The command `ucc-print NAME` of one registered output, its options as the output declares them."""
    params: list[click.Parameter] = [
        click.Option([option.flag, option.name], help=option.help,
                     type=click.Choice(option.choices) if option.choices else None)
        for option in output.options]

    def run(guest_file: Path | None = None, sheet: str | None = None, shop: bool = False, **options: Any) -> None:
        context = click.get_current_context().find_object(Context)
        assert context is not None  # main() sets it before any command runs
        _make_one(context, output, guest_file, sheet, shop, options)

    command = click.Command(output.name, callback=run, params=params, help=inspect.getdoc(output))
    if output.shop:
        shop_option(command)
    if output.guests:
        guest_options(command)
    return command


def check(context: Context, guest_file: Path | None, sheet: str | None, strict: bool) -> None:
    """Validate content/ (and a guest list given with --guests) and lay every output out in memory,
    as build would; writes nothing. If nothing the last check read has changed, its verdict is
    said again without loading the content (runcache.py)."""
    from .. import runcache
    from ..cache import ENABLED

    kept = runcache.recall(context.folder, guest_file, sheet, "check") if ENABLED.get() else None
    if (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], list)
            and all(isinstance(text, str) for text in kept[0]) and isinstance(kept[1], str)):
        warnings, summary = kept
        context.warn(warnings)
    else:
        warnings, summary = _checked(context, guest_file, sheet)
    if strict and warnings:
        raise UccError(f"{plural(len(warnings), 'warning')} and --strict was given.")
    click.echo(summary + (f", {plural(len(warnings), 'warning')}" if warnings else ""))


def _checked(context: Context, guest_file: Path | None, sheet: str | None) -> tuple[list[str], str]:
    """The content loaded and every output laid out: the warnings shown, and the summary (kept
    for the next check when what was read did not change meanwhile)."""
    from .. import runcache
    from ..cache import ENABLED
    from ..design.profiles import OFFICE
    from ..make import make

    before = runcache.listing(context.folder.root) if ENABLED.get() else None
    loaded = context.load(True, guest_file, sheet)
    project = loaded.project
    made = make(project, context.folder.root, OFFICE)  # layout problems (text too long for its box) too
    if not made.ok:
        raise failures(made)
    context.warn(made.warnings)
    warnings = list(dict.fromkeys(str(warning) for warning in [*loaded.warnings, *made.warnings]))
    summary = (f"content OK: {project.event.title}, {plural(len(project.cities.cities), 'city', 'cities')}, "
               f"{plural(len(project.guests.guests), 'guest')}, {plural(len(project.slides), 'slide')}")
    if before is not None and runcache.listing(context.folder.root) == before:
        runcache.keep(context.folder, guest_file, sheet, "check", project.inputs, before, (warnings, summary))
    return warnings, summary


def build(context: Context, guest_file: Path | None, sheet: str | None, shop: bool, watch: bool) -> None:
    """Make every output; with `watch`, again whenever content changes."""
    from ..outputs import registry

    everything = list(registry().values())
    if not watch:
        _build_once(context, guest_file, sheet, shop, everything)
        return
    collect_as_usual()
    with stopped_as_by_ctrl_c():
        _watch(context, guest_file, sheet, shop, everything)


def _watch(context: Context, guest_file: Path | None, sheet: str | None, shop: bool,
           everything: list[type[Output]]) -> None:
    """Build every output, then again what each change touches, until stopped."""
    from .. import apart
    from ..make import changes

    def said(changed: set[str]) -> None:
        shown = {str(guest_file) if guest_file and path == "content/guests.yaml" else path for path in changed}
        click.echo(f"\nchanged: {', '.join(sorted(shown))}")

    with contextlib.suppress(KeyboardInterrupt):  # stopped in a build or starting the workers too
        ok = _build_once(context, guest_file, sheet, shop, everything, watching=True)
        click.echo("watching content/ and assets/ for changes (Ctrl+C to stop)")
        with apart.kept():  # outputs made side by side at the next saves
            follow(changes(context.folder.root, guest_file), [] if ok else everything,
                   lambda outputs: _build_once(context, guest_file, sheet, shop, outputs, watching=True), said)
    click.echo("stopped watching")


def follow(batches: Iterable[set[str]], pending: list[type[Output]], build: Callable[[list[type[Output]]], bool],
           said: Callable[[set[str]], None] | None = None) -> None:
    """At each batch of changed files, build the outputs made from them and those that failed last
    time (`pending`, kept up to date in place; with no output made from the changed files, the
    content is still checked and its problems shown)."""
    from ..make import affected
    from ..outputs import registry

    for changed in batches:
        if said:
            said(changed)
        outputs = [output for output in registry().values() if output in pending or output in affected(changed)]
        pending[:] = [] if build(outputs) else outputs


def keep(context: Context, files: dict[str, bytes], owned: dict[str, list[str]], guest_file: Path | None,
         sheet: str | None, quiet: bool = True, only_changed: bool = False) -> list[str]:
    """Write files as a set, clear from each folder an output owns what it no longer makes (`owned`,
    as Made.owned gives it), and note which guest list output/ now holds; the names written."""
    written = context.write(files, quiet=quiet, only_changed=only_changed)
    context.prune(owned)
    context.remember_guests(guest_file, sheet, files)
    return written


def _build_once(context: Context, guest_file: Path | None, sheet: str | None, shop: bool,
                outputs: list[type[Output]], watching: bool = False) -> bool:
    """One build of the given outputs, progress as it goes, then a summary; False if it failed.
    Watching, each output is written as soon as it is made (the file being edited first), an
    unchanged file is left alone (and a viewer that has it open), and an error is shown and the
    watch goes on; otherwise all are written once all are made, and an error ends the run (exit 2)."""
    written: list[str] = []
    unwritten: list[str] = []

    def write_now(output: type[Output], files: dict[str, bytes]) -> None:
        try:
            written.extend(keep(context, files, {output.owns: list(files)} if output.owns else {}, guest_file, sheet,
                                only_changed=True))
        except UccError as error:  # a file open elsewhere, read-only …: the other outputs go on
            unwritten.append(f"{output.title}（{output.name}）: {error.format_message()}")
        except OSError as error:
            folder = context.folder.shown(context.folder.output)
            unwritten.append(f"{output.title}（{output.name}）: cannot tidy {folder}: {error.strerror or error}")

    try:
        result = made(context, guest_file, sheet, shop, outputs, {}, progress=_progress, remember=not watching,
                      done=write_now if watching else None)
        if not result.ok or unwritten:
            raise failures(result, written, unwritten) if watching else failures(result)
        if not watching:
            written = keep(context, result.files, result.owned(), guest_file, sheet)
    except UccError as error:
        if not watching:
            raise
        error.show()
        click.echo("(still watching: fix the content and save)")
        return False
    _summary(result, written, bool(outputs))
    remove_skipped(context, result, profile(shop))
    return True


def _progress(output: type[Output], position: int, count: int, seconds: float | None, done: bool) -> None:
    """[2/4] スライド (slides) … 0.42 s — the line starts when the output does, ends when it is made."""
    if seconds is None:
        click.echo(f"  [{position}/{count}] {output.title}（{output.name}）…", nl=False)
    else:
        click.echo(f" {seconds:.2f} s" if done else f" failed ({seconds:.2f} s)")


def _summary(made: Made, written: list[str], rebuilt: bool) -> None:
    """What was written, with pages and size; what was skipped and why."""
    from ..make import describe

    if not rebuilt:
        click.echo("content OK; no output is made from the changed files")
    elif not written:
        click.echo("no file changed")
    else:
        how = ("as the last build made them (nothing it read has changed)" if made.recalled
               else f"in {made.seconds:.1f} s")
        click.echo(f"wrote {plural(len(written), 'file')} to output/ {how}:")
        for name in written:
            data = made.files[name]
            click.echo(f"  {name:<26} {describe(name, data):>10}  {len(data) / 1024:7.0f} KB")
    for output, reason in made.skipped.items():
        click.echo(f"skipped {output.title}（{output.name}）: {reason}")


def remove_skipped(context: Context, made: Made, profile: Profile) -> None:
    """An output whose content file is gone is gone too: no stale copy left to print or preview."""
    from ..outputs.base import shop_name

    for output, reason in made.skipped.items():
        for name in output.writes:
            target = context.folder.output / shop_name(name, profile)
            if target.is_file():
                target.unlink()
                click.echo(f"removed {context.folder.shown(target)}, made before: {reason} now")


def preview(context: Context, guest_file: Path | None, sheet: str | None) -> None:
    """PNG previews of every page of every output, and a contact sheet per output."""
    from ..design.profiles import OFFICE
    from ..make import make
    from ..preview import preview as render

    if guest_file is None:
        guest_file, sheet = context.remembered_guests()
        if guest_file:
            click.echo(f"guests from {guest_file}, as output/ was last built (--guests chooses another list)")
    project = context.project(guest_file, sheet, show_warnings=True)
    made = make(project, context.folder.root, OFFICE)
    if not made.ok:
        raise failures(made)
    pdfs = {name: data for name, data in made.files.items() if name.endswith(".pdf") and "/" not in name}
    pngs: dict[str, bytes] = {}
    for name, data in pdfs.items():
        stem = name.removesuffix(".pdf")
        shown = render(name, data)
        pngs.update({f"preview/{stem}-{number:03d}.png": page for number, page in enumerate(shown.pages, 1)})
        pngs[f"preview/{stem}-contact.png"] = shown.sheet
        click.echo(f"  {name:<22} {plural(len(shown.pages), 'page'):>9} → output/preview/{stem}-NNN.png, "
                   f"{stem}-contact.png")
    context.write(pngs, quiet=True)
    context.prune({"preview": list(pngs)})  # pages and outputs no longer made
    click.echo(f"wrote previews of {plural(len(pdfs), 'output')} to output/preview/")
