"""A project folder: content/ (what staff edit), assets/ (logo, images) and output/ (built files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UccError


@dataclass(frozen=True)
class ProjectDir:
    """Where one meeting's content lives and its outputs go."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project (content/event.yaml)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @classmethod
    def find(cls, start: Path) -> ProjectDir:
        """The project holding `start`: the nearest folder at or above it with a content/ folder."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "content").is_dir():
                return cls(folder)
        raise UccError(
            f"no content/ folder in {start} or above it.\n"
            "Run ucc-print inside a project folder (one holding content/), or pass --project DIR."
        )

    @classmethod
    def at(cls, root: Path) -> ProjectDir:
        """The project at exactly `root` (as --project names it): it must hold content/."""
        root = root.resolve()
        if not (root / "content").is_dir():
            raise UccError(f"no content/ folder in {root} (given with --project).")
        return cls(root)
