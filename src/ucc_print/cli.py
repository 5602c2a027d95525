"""The `ucc-print` command line: thin commands over content → outputs, imports deferred."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .errors import UccError


class Context:
    """What every command needs: where the project is, and its content once loaded."""

    def __init__(self, project: Path | None):
        self._given = project
        self._folder = None

    @property
    def folder(self):
        """The project folder: --project exactly, else the nearest one at or above the current folder."""
        from .project import ProjectDir

        if self._folder is None:
            self._folder = ProjectDir.at(self._given) if self._given else ProjectDir.find(Path.cwd())
        return self._folder

    def load(self, show_warnings: bool = False):
        """Validated content (a ContentError, exit 2, lists every problem)."""
        from .content.loader import load_project

        loaded = load_project(self.folder)
        if show_warnings:
            for warning in loaded.warnings:
                click.echo(f"Warning: {warning}", err=True)
        return loaded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ucc-print")
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder holding content/ (default: the current folder or the nearest above it).")
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Build a meeting's handout, slides, name cards and press files from one content/ folder."""
    ctx.obj = Context(project)


def _write(context: Context, name: str, data: bytes) -> None:
    """Write one output atomically under output/ and say so."""
    from .atomic import write_atomic

    folder = context.folder
    target = folder.output / name
    try:
        write_atomic(target, data)
    except OSError as error:
        raise UccError(f"cannot write {folder.shown(target)}: {error.strerror or error}") from None
    click.echo(f"wrote {folder.shown(target)}")


#: Where press-profile files go under output/.
PRESS_FOLDER = "press"


def press_option(command):
    """--press: files for a print shop (PDF/X-1a, bleed, トンボ) in output/press/."""
    return click.option("--press", is_flag=True,
                        help="Write print-shop files to output/press/ instead: PDF/X-1a:2001 (Japan Color 2001 "
                             "Coated), 3 mm bleed and Japanese trim marks, cards one to a page.")(command)


def _profile(press: bool):
    """The print profile and the folder under output/ its files go to."""
    from .design.press import OFFICE, PRESS

    return (PRESS, f"{PRESS_FOLDER}/") if press else (OFFICE, "")


def guest_options(command):
    """--guests FILE and --sheet NAME: a guest list kept in Excel or CSV instead of guests.yaml."""
    command = click.option("--sheet", help="The sheet of the .xlsx list to read (default: the first visible).")(command)
    return click.option("--guests", "guest_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="Read the guests from this .xlsx or .csv list instead of content/guests.yaml.")(command)


def _with_guests(context: Context, guest_file: Path | None, sheet: str | None):
    """The project, its guest list replaced by one read from a spreadsheet when given."""
    project = context.load().project
    if not guest_file:
        return project
    from .content.guestfile import load_guest_file

    guests, warnings = load_guest_file(guest_file, str(guest_file), sheet)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    return project.model_copy(update={"guests": guests})


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.pass_obj
def check(context: Context, strict: bool) -> None:
    """Validate content/ and lay every output out in memory; writes nothing."""
    from .outputs import cards, deck, handout

    loaded = context.load(show_warnings=True)
    if strict and loaded.warnings:
        raise UccError(f"{len(loaded.warnings)} warning(s) and --strict was given.")
    project = loaded.project
    handout.build(project)  # layout problems (a row taller than a page) are errors here too
    slides = deck.slides(project, context.folder.root)  # and so is text too long for its slide
    cards.build(project)  # and a name too long for its card
    click.echo(
        f"content OK: {project.event.title}, {len(project.cities.cities)} cities, "
        f"{len(project.guests.guests)} guests, {len(slides)} slides"
        + (f", {len(loaded.warnings)} warning(s)" if loaded.warnings else "")
    )


@main.command()
@guest_options
@press_option
@click.pass_obj
def handout(context: Context, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Write output/handout.pdf, the A4 meeting handout (its 出席者名簿 and 配席図 from the guest list)."""
    from .outputs import handout as recipe

    profile, folder = _profile(press)
    data = recipe.build(_with_guests(context, guest_file, sheet), profile=profile)
    _write(context, folder + recipe.FILE_NAME, data)


@main.command()
@click.option("--handout", "per_page", type=click.Choice(["2", "3", "6"]),
              help="Also write output/slides-Nup.pdf: A4 handouts, N slides a page (3: with lines for notes).")
@press_option
@click.pass_obj
def slides(context: Context, per_page: str | None, press: bool) -> None:
    """Write output/slides.pptx (16:9, editable) and output/slides.pdf, the mayor's deck."""
    from .outputs import deck

    profile, folder = _profile(press)
    project = context.load().project
    specs = deck.slides(project, context.folder.root)
    files = [(deck.FILE_NAME, deck.build(project, specs)),
             (folder + deck.PDF_NAME, deck.build_pdf(project, specs, profile))]
    if per_page:
        files.append((folder + deck.handout_name(int(per_page)),
                      deck.build_handout(project, specs, int(per_page), profile)))
    for name, data in files:
        _write(context, name, data)


@main.command()
@guest_options
@press_option
@click.pass_obj
def cards(context: Context, guest_file: Path | None, sheet: str | None, press: bool) -> None:
    """Write output/tent-cards.pdf (卓上名札) and output/badges.pdf (名札) for every guest."""
    from .outputs import cards as recipe

    profile, folder = _profile(press)
    for name, data in recipe.build(_with_guests(context, guest_file, sheet), profile).items():
        _write(context, folder + name, data)


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
    _write(context, f"{built.name}.zip", built.data)
    proofs = sum(path.startswith("proofs/") for path in built.files)
    click.echo(f"  {len(built.reports)} press file(s), order-sheet.pdf, {proofs} proof(s), SHA256SUMS")
