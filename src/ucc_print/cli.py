"""The `ucc-print` command line: thin commands over content → outputs, imports deferred."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .errors import UccError, plural


class Context:
    """What every command needs: where the project is, and its content once loaded."""

    def __init__(self, project: Path | None):
        self._given = project
        self._folder = None
        self._warned: set[str] = set()

    @property
    def given(self) -> Path | None:
        """The folder --project named, if any."""
        return self._given

    @property
    def folder(self):
        """The project folder: --project exactly, else the nearest one at or above the current folder."""
        from .project import ProjectDir

        if self._folder is None:
            self._folder = ProjectDir.at(self._given) if self._given else ProjectDir.find(Path.cwd())
        return self._folder

    def load(self, show_warnings: bool = False, guest_list: Path | None = None, sheet: str | None = None):
        """Validated content, its guests from guest_list when given (a ContentError, exit 2, lists
        every problem)."""
        from .content.loader import load_project

        loaded = load_project(self.folder, guest_list, sheet)
        if show_warnings:
            self.warn(loaded.warnings)
        return loaded

    def warn(self, warnings) -> None:
        """Show warnings, each once a run: a watch does not repeat them at every save."""
        for warning in map(str, warnings):
            if warning not in self._warned:
                self._warned.add(warning)
                click.echo(f"Warning: {warning}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ucc-print")
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder holding content/ (default: the current folder or the nearest above it).")
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Build a meeting's handout, slides, name cards and press files from one content/ folder."""
    ctx.obj = Context(project)


def _write(context: Context, files: dict[str, bytes], quiet: bool = False) -> None:
    """Write outputs under output/ as one set (all replaced together, or none), and say so."""
    from .atomic import write_set

    folder = context.folder
    try:
        write_set(folder.output, files, folder.shown, say=lambda message: click.echo(message, err=True))
    except OSError as error:
        raise UccError(f"cannot write to {folder.shown(folder.output)}: {error.strerror or error}\n"
                       "No file was changed.") from None
    if not quiet:
        for name in files:
            click.echo(f"wrote {folder.shown(folder.output / name)}")


def press_option(command):
    """--press: files for a print shop (PDF/X-1a, bleed, トンボ) in output/press/."""
    return click.option("--press", is_flag=True,
                        help="Write print-shop files to output/press/ instead: PDF/X-1a:2001 (Japan Color 2001 "
                             "Coated), 3 mm bleed and Japanese trim marks, cards one to a page.")(command)


def _profile(press: bool):
    from .design.press import OFFICE, PRESS

    return PRESS if press else OFFICE


def guest_options(command):
    """--guests FILE and --sheet NAME: a guest list kept in Excel or CSV instead of guests.yaml."""
    command = click.option("--sheet", help="The sheet of the .xlsx list to read (default: the first visible).")(command)
    return click.option("--guests", "guest_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="Read the guests from this .xlsx or .csv list instead of content/guests.yaml.")(command)


def _with_guests(context: Context, guest_file: Path | None, sheet: str | None, show_warnings: bool = False):
    """The project, its guests read from a spreadsheet when one is given (whose warnings, such as a
    hidden row left out, are always shown)."""
    loaded = context.load(show_warnings, guest_file, sheet)
    if guest_file:
        context.warn(warning for warning in loaded.warnings if warning.file == str(guest_file))
    return loaded.project


#: Under output/: the guest list its files were last built from, so `preview` shows the same guests.
GUEST_RECORD = ".guest-list.json"


def _remember_guests(context: Context, guest_file: Path | None, sheet: str | None, written) -> None:
    """Note, file by file, which guest list output/ now holds (none: guests.yaml)."""
    import json

    from .atomic import write_atomic

    path = context.folder.output / GUEST_RECORD
    record = _guest_record(context)
    files = {name: entry for name, entry in record.items() if name not in written}
    if guest_file:
        files.update({name: {"guests": str(guest_file.resolve()), "sheet": sheet} for name in written})
    if files:
        write_atomic(path, json.dumps(files, ensure_ascii=False, sort_keys=True).encode())
    elif path.is_file():
        path.unlink()


def _guest_record(context: Context) -> dict:
    import json

    try:
        record = json.loads((context.folder.output / GUEST_RECORD).read_text(encoding="utf-8"))
        return {name: entry for name, entry in record.items() if isinstance(entry, dict) and "guests" in entry}
    except (OSError, ValueError, AttributeError):
        return {}


def _remembered_guests(context: Context) -> tuple[Path | None, str | None]:
    """The guest list files in output/ were last built from, if one was and it is still there."""
    for entry in _guest_record(context).values():
        path = Path(str(entry["guests"]))
        if path.is_file():
            sheet = entry.get("sheet")
            return path, sheet if isinstance(sheet, str) else None
    return None, None


def _recipe(context: Context, name: str, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Build one output of the registry and write its files (its layout warnings shown)."""
    from .make import make
    from .outputs.registry import BY_NAME

    project = _with_guests(context, guest_file, sheet)
    recipe = BY_NAME[name]
    if not recipe.available(project):
        raise recipe.missing()
    made = make(project, context.folder.root, _profile(press), [recipe])
    if not made.ok:
        raise made.failed[0][1]
    context.warn(made.warnings)
    _write(context, made.files)
    _remember_guests(context, guest_file, sheet, made.files)


def _failures(made) -> UccError:
    """One error naming every output that could not be made, and why (said once: nothing was written)."""
    from .errors import ContentError

    parts = []
    for recipe, error in made.failed:
        what = f"{recipe.what}（{recipe.name}）"
        if isinstance(error, ContentError):
            parts.append(f"{what}: {error.count} in the content:\n{error.listing}")
        else:
            parts.append(f"{what}: {error.format_message()}")
    return UccError("\n".join(parts) + "\nNothing was written.")


@main.command()
@guest_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.pass_obj
def check(context: Context, guest_file: Path | None, sheet: str | None, strict: bool) -> None:
    """Validate content/ (and a guest list given with --guests) and lay every output out in memory,
    as build would; writes nothing."""
    from .design.press import OFFICE
    from .make import make

    loaded = context.load(True, guest_file, sheet)
    project = loaded.project
    made = make(project, context.folder.root, OFFICE)  # layout problems (text too long for its box) too
    if not made.ok:
        raise _failures(made)
    context.warn(made.warnings)
    warnings = len(loaded.warnings) + len(made.warnings)
    if strict and warnings:
        raise UccError(f"{plural(warnings, 'warning')} and --strict was given.")
    click.echo(
        f"content OK: {project.event.title}, {plural(len(project.cities.cities), 'city', 'cities')}, "
        f"{plural(len(project.guests.guests), 'guest')}, {plural(len(project.deck), 'slide')}"
        + (f", {plural(warnings, 'warning')}" if warnings else "")
    )


@main.command()
@guest_options
@press_option
@click.pass_obj
def handout(context: Context, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Write output/handout.pdf, the A4 meeting handout (its 出席者名簿 and 配席図 from the guest list)."""
    _recipe(context, "handout", guest_file, sheet, press)


@main.command()
@click.option("--handout", "per_page", type=click.Choice(["2", "3", "6"]),
              help="Also write output/slides-Nup.pdf: A4 handouts, N slides a page (3: with lines for notes).")
@press_option
@click.pass_obj
def slides(context: Context, per_page: str | None, press: bool) -> None:
    """Write output/slides.pptx (16:9, editable) and output/slides.pdf, the mayor's deck."""
    from .outputs.registry import slide_files

    files = slide_files(context.load().project, context.folder.root, _profile(press), int(per_page or 0) or None)
    _write(context, files)


@main.command()
@guest_options
@press_option
@click.pass_obj
def cards(context: Context, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Write output/tent-cards.pdf (卓上名札) and output/badges.pdf (名札) for every guest."""
    _recipe(context, "cards", guest_file, sheet, press)


@main.command("press")
@guest_options
@press_option
@click.pass_obj
def press_release(context: Context, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Write output/press-release.pdf, the city's 報道発表資料 form (from content/press.yaml and the
    meeting's content)."""
    _recipe(context, "press-release", guest_file, sheet, press)


@main.command()
@guest_options
@press_option
@click.option("--watch", is_flag=True,
              help="Keep running: after the first build, rebuild what a change in content/ or assets/ "
                   "touches; content errors are shown and the watch goes on (Ctrl+C stops).")
@click.pass_obj
def build(context: Context, guest_file: Path | None, sheet: str | None, press: bool, watch: bool) -> None:
    """Build every output: handout, slides (.pptx and .pdf), tent cards, badges, press release."""
    from .make import affected, changes
    from .outputs.registry import RECIPES

    everything = list(RECIPES)
    ok = _build_once(context, guest_file, sheet, press, everything, watching=watch)
    if not watch:
        return
    pending = [] if ok else everything  # what failed waits for the next change, whatever it is
    click.echo("watching content/ and assets/ for changes (Ctrl+C to stop)")
    for changed in changes(context.folder.root, guest_file):
        shown = {str(guest_file) if guest_file and path == "content/guests.yaml" else path for path in changed}
        click.echo(f"\nchanged: {', '.join(sorted(shown))}")
        # with no output made from the changed files, the content is still checked and errors shown
        recipes = [recipe for recipe in everything if recipe in pending or recipe in affected(changed)]
        ok = _build_once(context, guest_file, sheet, press, recipes, watching=True)
        pending = [] if ok else recipes
    click.echo("stopped watching")


def _build_once(context: Context, guest_file, sheet, press: bool, recipes: list, watching: bool = False) -> bool:
    """One build of the given outputs, progress as it goes, then a summary; False if it failed.
    Watching, an error is shown and the watch goes on; otherwise it ends the run with exit 2."""
    from .make import make

    try:
        project = _with_guests(context, guest_file, sheet, show_warnings=True)
        made = make(project, context.folder.root, _profile(press), recipes, progress=_progress)
        if not made.ok:
            raise _failures(made)
        context.warn(made.warnings)
        written = {}
        for name, data in made.files.items():
            target = context.folder.output / name
            if watching and target.is_file() and target.read_bytes() == data:
                continue  # unchanged: leave the file (and a viewer that has it open) alone
            written[name] = data
        _write(context, written, quiet=True)
        _remember_guests(context, guest_file, sheet, made.files)
    except UccError as error:
        if not watching:
            raise
        error.show()
        click.echo("(still watching: fix the content and save)")
        return False
    _summary(made, list(written), bool(recipes))
    _remove_skipped(context, made, _profile(press))
    return True


def _progress(recipe, position: int, count: int, seconds: float | None, done: bool) -> None:
    """[2/4] スライド (slides) … 0.42 s — the line starts when the output does, ends when it is made."""
    if seconds is None:
        click.echo(f"  [{position}/{count}] {recipe.what}（{recipe.name}）…", nl=False)
    else:
        click.echo(f" {seconds:.2f} s" if done else f" failed ({seconds:.2f} s)")


def _summary(made, written: list[str], rebuilt: bool) -> None:
    """What was written, with pages and size; what was skipped and why."""
    from .make import describe

    if not rebuilt:
        click.echo("content OK; no output is made from the changed files")
    elif not written:
        click.echo("no file changed")
    else:
        click.echo(f"wrote {plural(len(written), 'file')} to output/ in {made.seconds:.1f} s:")
        for name in written:
            data = made.files[name]
            click.echo(f"  {name:<26} {describe(name, data):>10}  {len(data) / 1024:7.0f} KB")
    for recipe in made.skipped:
        click.echo(f"skipped {recipe.what}（{recipe.name}）: content/{recipe.needs_file} is missing")


def _remove_skipped(context: Context, made, profile) -> None:
    """An output whose content file is gone is gone too: no stale copy left to print or preview."""
    from .outputs.registry import pdf_name

    for recipe in made.skipped:
        for name in recipe.writes:
            target = context.folder.output / pdf_name(name, profile)
            if target.is_file():
                target.unlink()
                click.echo(f"removed {context.folder.shown(target)}, made before content/{recipe.needs_file} was removed")


@main.command()
@guest_options
@click.pass_obj
def preview(context: Context, guest_file: Path | None, sheet: str | None) -> None:
    """Write PNG previews of every page of every output to output/preview/, and a contact sheet per
    output (<name>-contact.png) showing all its pages at a glance; the deck through slides.pdf.
    The outputs are laid out afresh from content/, so the previews show what `build` would write;
    without --guests, from the guest list output/ was last built with."""
    from .design.press import OFFICE
    from .make import make
    from .preview import preview as render

    if guest_file is None:
        guest_file, sheet = _remembered_guests(context)
        if guest_file:
            click.echo(f"guests from {guest_file}, as output/ was last built (--guests chooses another list)")
    project = _with_guests(context, guest_file, sheet, show_warnings=True)
    made = make(project, context.folder.root, OFFICE)
    if not made.ok:
        raise _failures(made)
    folder = context.folder.output / "preview"
    stale = set(folder.glob("*.png")) if folder.is_dir() else set()  # pages and outputs no longer made
    pdfs = {name: data for name, data in made.files.items() if name.endswith(".pdf")}
    pngs: dict[str, bytes] = {}
    for name, data in pdfs.items():
        stem = name.removesuffix(".pdf")
        shown = render(name, data)
        pngs.update({f"preview/{stem}-{number:03d}.png": page for number, page in enumerate(shown.pages, 1)})
        pngs[f"preview/{stem}-contact.png"] = shown.sheet
        click.echo(f"  {name:<22} {plural(len(shown.pages), 'page'):>9} → output/preview/{stem}-NNN.png, {stem}-contact.png")
    _write(context, pngs, quiet=True)
    stale -= {context.folder.output / png for png in pngs}
    for path in stale:
        path.unlink(missing_ok=True)
    click.echo(f"wrote previews of {plural(len(pdfs), 'output')} to output/preview/")


@main.command()
@click.argument("name")
@click.pass_obj
def init(context: Context, name: str) -> None:
    """Create the project folder NAME for the next host city: content/ and assets/ copied from the
    bundled example (the 9th meeting in Asahikawa), with comments in each file that say what to
    change. NAME is taken inside --project when that is given."""
    import shlex

    from .scaffold import create_project

    if not name.strip():
        raise UccError("init needs the name of the new project folder, e.g. `ucc-print init nextcity`.")
    folder = context.given / name if context.given else Path(name)
    created = create_project(folder)
    click.echo(f"created {folder}/ with {', '.join(created)}")
    click.echo(f"next: cd {shlex.quote(str(folder))} && ucc-print check && ucc-print build   "
               "(then edit content/ — see はじめに.md)")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def preflight(files: tuple[Path, ...]) -> None:
    """Check PDFs against PDF/X-1a:2001 and print geometry (trim, 3 mm bleed), rule by rule and page
    by page. Exit 0: every file passes; 1: one fails; 2: one cannot be read as a PDF."""
    from .press.preflight import NotAPdf, preflight_file

    worst = 0
    for path in files:
        try:
            report = preflight_file(path)
        except NotAPdf as error:
            click.echo(f"Error: {error}", err=True)
            worst = 2
            continue
        click.echo(report.text())
        worst = max(worst, 0 if report.passed else 1)
    raise SystemExit(worst)


@main.command()
@guest_options
@click.pass_obj
def package(context: Context, guest_file: Path | None, sheet: str | None) -> None:
    """Write output/print-shop-<event date>.zip for the print shop: every product of content/print.yaml
    as PDF/X-1a (each passing preflight), order-sheet.pdf (入稿仕様書), PNG proofs and SHA256SUMS."""
    from .press.package import PreflightFailed, build

    project = _with_guests(context, guest_file, sheet)
    try:
        built = build(project, context.folder.root)
    except PreflightFailed as failed:
        for report in failed.reports:
            click.echo(report.text(), err=not report.passed)
        click.echo("Error: a press file failed preflight, so no package was written.", err=True)
        raise SystemExit(1) from None
    for report in built.reports:
        click.echo(report.text())
    _write(context, {f"{built.name}.zip": built.data})
    proofs = sum(path.startswith("proofs/") for path in built.files)
    click.echo(f"  {plural(len(built.reports), 'press file')}, order-sheet.pdf, {plural(proofs, 'proof')}, SHA256SUMS")
