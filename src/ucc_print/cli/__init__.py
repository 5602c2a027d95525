"""The `ucc-print` command line: thin commands over content → outputs, imports deferred.

A command per registered output (outputs/base.py) is made from its declaration; the others —
check, build, preview, package, preflight, init — are declared here.
"""

from __future__ import annotations

import atexit
import gc
import shlex
from pathlib import Path

import click

from .. import __version__
from ..errors import UccError, plural
from ..outputs import registry
from . import making
from .context import SHORT_RUN_COLLECTION, Context, collect_as_usual, guest_options, shop_option, stopped_as_by_ctrl_c


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ucc-print")
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder holding content/ (default: the current folder or the nearest above it).")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the cache (outputs, font metrics) in the user's cache folder; "
                   "the outputs are the same either way.")
@click.pass_context
def main(ctx: click.Context, project: Path | None, no_cache: bool) -> None:
    """Make a meeting's handout, slides, name cards and press release, and the print shop's files,
    from one content/ folder."""
    if no_cache:
        from ..cache import ENABLED

        token = ENABLED.set(False)
        ctx.call_on_close(lambda: ENABLED.reset(token))
    ctx.obj = Context(project)


def run() -> None:
    """`ucc-print` as a process of its own (the console script, python -m ucc_print). Most runs are
    short: the garbage collector runs seldom (mypy's thresholds; a full collection of a heap of
    fonts and models took 25–50 ms each time) and not at all once the run is over (the process
    frees everything as it ends), about 0.1 s of a handout's 0.6. A watch and serve, which run for
    hours, collect as usual again (context.collect_as_usual)."""
    gc.set_threshold(*SHORT_RUN_COLLECTION)
    atexit.register(gc.freeze)
    main()


for _output in registry().values():
    main.add_command(making.output_command(_output))


@main.command()
@guest_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.pass_obj
def check(context: Context, guest_file: Path | None, sheet: str | None, strict: bool) -> None:
    """Validate content/ (and a guest list given with --guests) and lay every output out in memory,
    as build would; writes nothing."""
    making.check(context, guest_file, sheet, strict)


@main.command(help="Make every output: " + ", ".join(f"{output.name} ({output.title})" for output in
                                                     registry().values()) + ".")
@guest_options
@shop_option
@click.option("--watch", is_flag=True,
              help="Keep running: after the first build, rebuild what a change in content/ or assets/ "
                   "touches; content errors are shown and the watch goes on (Ctrl+C stops).")
@click.pass_obj
def build(context: Context, guest_file: Path | None, sheet: str | None, shop: bool, watch: bool) -> None:
    making.build(context, guest_file, sheet, shop, watch)


@main.command()
@guest_options
@shop_option
@click.option("--port", default=8470, show_default=True, type=click.IntRange(0, 65535),
              help="The port on 127.0.0.1 to serve on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
@click.pass_obj
def serve(context: Context, guest_file: Path | None, sheet: str | None, shop: bool, port: int,
          open_browser: bool) -> None:
    """Show every output in the browser, rebuilt as content changes (a live preview on this computer
    only; Ctrl+C stops)."""
    from ..serve.command import serve as serving

    collect_as_usual()
    with stopped_as_by_ctrl_c():
        serving(context, guest_file, sheet, shop, port, open_browser)


@main.command()
@guest_options
@click.pass_obj
def preview(context: Context, guest_file: Path | None, sheet: str | None) -> None:
    """Write PNG previews of every page of every output to output/preview/, and a contact sheet per
    output (<name>-contact.png) showing all its pages at a glance; the slides through slides.pdf.
    The outputs are laid out afresh from content/, so the previews show what `build` would write;
    without --guests, from the guest list output/ was last built with."""
    making.preview(context, guest_file, sheet)


@main.command()
@guest_options
@click.pass_obj
def package(context: Context, guest_file: Path | None, sheet: str | None) -> None:
    """Write output/print-shop-<event date>.zip for the print shop: every product of content/print.yaml
    as PDF/X-1a (each passing preflight), order-sheet.pdf (入稿仕様書), PNG proofs and SHA256SUMS."""
    from ..shop.package import PreflightFailed, make_package

    project = context.project(guest_file, sheet)
    try:
        made = make_package(project, context.folder.root)
    except PreflightFailed as failed:
        for report in failed.reports:
            click.echo(report.text(), err=not report.passed)
        click.echo("Error: a print-shop file failed preflight, so no package was written.", err=True)
        raise SystemExit(1) from None
    for report in made.reports:
        click.echo(report.text())
    context.write({f"{made.name}.zip": made.write})
    click.echo(f"  {plural(len(made.reports), 'print-shop file')}, order-sheet.pdf, {plural(made.proofs, 'proof')}, "
               "SHA256SUMS")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def preflight(files: tuple[Path, ...]) -> None:
    """Check PDFs against PDF/X-1a:2001 and print geometry (trim, 3 mm bleed), rule by rule and page
    by page. Exit 0: every file passes; 1: one fails; 2: one cannot be read as a PDF."""
    from ..shop.preflight import NotAPdf, preflight_file

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
@click.argument("name")
@click.pass_obj
def init(context: Context, name: str) -> None:
    """Create the project folder NAME for the next host city: content/ and assets/ copied from the
    bundled example (the 9th meeting in Asahikawa), with comments in each file that say what to
    change. NAME is taken inside --project when that is given."""
    from ..scaffold import create_project

    if not name.strip():
        raise UccError("init needs the name of the new project folder, e.g. `ucc-print init nextcity`.")
    folder = context.given / name if context.given else Path(name)
    created = create_project(folder)
    click.echo(f"created {folder}/ with {', '.join(created)}")
    click.echo(f"next: cd {shlex.quote(str(folder))} && ucc-print check && ucc-print build   "
               "(then edit content/ — see はじめに.md)")
