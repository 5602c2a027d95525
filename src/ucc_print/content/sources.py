"""The files of one content run, and how a place in them is named in a Problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from ..project import ProjectDir
from .validate import field_path
from .yamlfile import YamlFile

TEXTS_DIR = "texts"


class Sources:
    """The parsed YAML files of a run, to point problems at lines."""

    def __init__(self, folder: ProjectDir):
        self.folder = folder
        self.files: dict[str, YamlFile] = {}

    def shown(self, name: str) -> str:
        """A content file as messages name it: content/event.yaml."""
        return self.folder.shown(self.folder.content / name)

    def at(self, name: str, loc: tuple[Any, ...], expected: str, found: str, hint: str | None = None) -> Problem:
        """A problem at a field of a YAML file."""
        source = self.files.get(name)
        return Problem(self.shown(name), source.line_of(loc) if source else None, field_path(loc),
                       expected, found, hint)

    def in_text(self, name: str, loc: tuple[Any, ...], line_in_text: int, expected: str, found: str,
                hint: str | None = None) -> Problem:
        """A problem on a given line of a (multi-line) text field."""
        source = self.files.get(name)
        line = source.text_line(loc, line_in_text) if source else None
        return Problem(self.shown(name), line, field_path(loc), expected, found, hint)

    def markdown_files(self) -> list[Path]:
        """content/texts/*.md, sorted."""
        directory = self.folder.content / TEXTS_DIR
        return sorted(directory.glob("*.md")) if directory.is_dir() else []
