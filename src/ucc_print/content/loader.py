"""Load a project's content/ folder into a validated, template-rendered Project.

Every problem of a run is collected and raised together as one ContentError; nothing is
built from content that has problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..errors import ContentError, Problem
from ..japanese.dates import find_weekday_mistakes
from ..project import ProjectDir
from . import checks
from .model import CityList, Commission, Event, GuestList, HandoutOutline, Host, Network, Project
from .templating import TemplateProblem, has_template, render
from .validate import field_path, validate_file
from .yamlfile import YamlFile, read_yaml

#: Project attribute → (file in content/, model of that file).
CONTENT_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "event": ("event.yaml", Event),
    "host": ("host.yaml", Host),
    "network": ("network.yaml", Network),
    "commission": ("commission.yaml", Commission),
    "cities": ("cities.yaml", CityList),
    "guests": ("guests.yaml", GuestList),
    "handout": ("handout.yaml", HandoutOutline),
}
TEXTS_DIR = "texts"


@dataclass
class Loaded:
    """A valid project and the warnings worth showing."""

    project: Project
    warnings: list[Problem] = field(default_factory=list)


class _Sources:
    """The parsed files of one run, to point problems at lines."""

    def __init__(self, folder: ProjectDir):
        self.folder = folder
        self.files: dict[str, YamlFile] = {}

    def shown(self, name: str) -> str:
        return self.folder.shown(self.folder.content / name)

    def at(self, name: str, loc: tuple, expected: str, found: str, hint: str | None = None) -> Problem:
        source = self.files.get(name)
        line = source.line_of(loc) if source else None
        return Problem(self.shown(name), line, field_path(loc), expected, found, hint)


def _strings(value: Any, loc: tuple) -> Iterator[tuple[Any, Any, str, tuple]]:
    """Every text in a model: (container, key or index, text, location)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, str):
                yield value, name, item, (*loc, name)
            else:
                yield from _strings(item, (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield value, index, item, (*loc, index)
            else:
                yield from _strings(item, (*loc, index))


def _set(container: Any, key: Any, text: str) -> None:
    if isinstance(container, list):
        container[key] = text
    else:
        setattr(container, key, text)


def _render_fields(project: Project, sources: _Sources) -> list[Problem]:
    """Render Jinja2 in every YAML text, then check written weekdays everywhere."""
    problems: list[Problem] = []
    context = project.template_context()
    for attribute, (name, _model) in CONTENT_FILES.items():
        for container, key, text, loc in _strings(getattr(project, attribute), ()):
            if has_template(text):
                try:
                    text = render(text, context)
                except TemplateProblem as problem:
                    line = sources.files[name].line_of(loc) + (problem.line - 1 if "\n" in text else 0)
                    problems.append(Problem(sources.shown(name), line, field_path(loc),
                                            problem.expected, problem.found))
                    continue
                _set(container, key, text)
            for mistake in find_weekday_mistakes(text):
                problems.append(sources.at(name, loc, mistake.expected, mistake.found))
    return problems


def _load_texts(folder: ProjectDir, context: dict[str, Any]) -> tuple[dict[str, str], list[Problem]]:
    """content/texts/*.md, rendered; problems carry the line inside the Markdown file."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    directory = folder.content / TEXTS_DIR
    for path in sorted(directory.glob("*.md")) if directory.is_dir() else ():
        shown = folder.shown(path)
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, None, "", "text saved as UTF-8", f"bytes that are not UTF-8 ({error.reason})"))
            continue
        try:
            text = render(source, context) if has_template(source) else source
        except TemplateProblem as problem:
            problems.append(Problem(shown, problem.line, "", problem.expected, problem.found))
            texts[path.name] = source  # known to exist, so no second, misleading problem
            continue
        for mistake in find_weekday_mistakes(text):
            snippet = mistake.found.split(" in ", 1)[-1].strip("'")
            line = next((n for n, row in enumerate(text.splitlines(), 1) if snippet in row), None)
            problems.append(Problem(shown, line, "", mistake.expected, mistake.found))
        texts[path.name] = text.strip()
    return texts, problems


def load_project(folder: ProjectDir) -> Loaded:
    """Read, validate and render all content of a project, or raise ContentError with every problem."""
    sources = _Sources(folder)
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    for attribute, (name, model) in CONTENT_FILES.items():
        parsed = read_yaml(folder.content / name, sources.shown(name))
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        sources.files[name] = parsed
        value, found = validate_file(parsed, model)
        problems.extend(found)
        parts[attribute] = value
    if problems:
        raise ContentError(problems)

    project = Project(**parts)
    problems.extend(_render_fields(project, sources))
    project.texts, text_problems = _load_texts(folder, project.template_context())
    problems.extend(text_problems)
    problems.extend(checks.cross_file_problems(project, sources.at))
    if problems:
        raise ContentError(problems)
    return Loaded(project, checks.warnings(project, sources.at))

