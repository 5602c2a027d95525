"""The `ucc-print` command line: thin commands over content → outputs, imports deferred."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .errors import UccError


class Context:
    """What every command needs: where the project is."""

    def __init__(self, project: Path | None):
        self._start = project or Path.cwd()

    def folder(self):
        from .project import ProjectDir

        return ProjectDir.find(self._start)

    def load(self, show_warnings: bool = False):
        from .content.loader import load_project

        loaded = load_project(self.folder())
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


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.pass_obj
def check(context: Context, strict: bool) -> None:
    """Validate content/ and report every problem; writes nothing."""
    loaded = context.load(show_warnings=True)
    if strict and loaded.warnings:
        raise UccError(f"{len(loaded.warnings)} warning(s) and --strict was given.")
    project = loaded.project
    click.echo(
        f"content OK: {project.event.title}, {len(project.cities.cities)} cities, "
        f"{len(project.guests.guests)} guests"
        + (f", {len(loaded.warnings)} warning(s)" if loaded.warnings else "")
    )


@main.command()
@click.pass_obj
def handout(context: Context) -> None:
    """Write output/handout.pdf, the A4 meeting handout."""
    from .atomic import write_atomic
    from .outputs import handout as recipe

    folder = context.folder()
    project = context.load().project
    path = write_atomic(folder.output / recipe.FILE_NAME, recipe.build(project))
    click.echo(f"wrote {folder.shown(path)}")
