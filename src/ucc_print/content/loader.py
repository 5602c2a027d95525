"""Load a project's content/ folder into a validated, template-rendered Project.

Every problem of a run is collected and raised together as one ContentError; nothing is built
from content that has problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..errors import ContentError, Problem
from ..project import ProjectDir
from . import checks
from .deck import parse_deck
from .expand import expand_fields, expand_markdown, expand_texts, template_context
from .model import CityList, Commission, Event, GuestList, HandoutOutline, Host, Network, Project
from .sources import Sources
from .templating import Renderer
from .validate import validate_file
from .yamlfile import read_yaml

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

#: The deck's Markdown file in content/.
DECK_FILE = "slides.md"


@dataclass
class Loaded:
    """A valid project and the warnings worth showing."""

    project: Project
    warnings: list[Problem] = field(default_factory=list)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (as CONTENT_FILES lists them), then by line."""
    order = {f"content/{name}": index for index, (name, _model) in enumerate(CONTENT_FILES.values())}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.line or 0))


def _read_parts(sources: Sources) -> tuple[dict[str, Any], list[Problem]]:
    """Each file parsed and validated: the valid parts by attribute, and every problem."""
    parts: dict[str, Any] = {}
    problems: list[Problem] = []
    for attribute, (name, model) in CONTENT_FILES.items():
        parsed = read_yaml(sources.folder.content / name, sources.shown(name))
        if isinstance(parsed, list):
            problems += parsed
            continue
        sources.files[name] = parsed
        value, found = validate_file(parsed, model)
        problems += found
        if value is not None:
            parts[attribute] = value
    return parts, problems


def _load_deck(sources: Sources, renderer: Renderer, year: int | None) -> tuple[tuple, list[Problem]]:
    """content/slides.md rendered, checked and cut into slides."""
    path = sources.folder.content / DECK_FILE
    shown = sources.shown(DECK_FILE)
    text, problems = expand_markdown(path, shown, renderer, year)
    if text is None:
        return (), problems
    slides, found = parse_deck(text, shown, sources.folder.root)
    return slides, problems + found


def load_project(folder: ProjectDir) -> Loaded:
    """Read, validate and render all content of a project, or raise ContentError with every problem."""
    sources = Sources(folder)
    parts, problems = _read_parts(sources)
    renderer = Renderer(template_context(parts))
    year = parts["event"].date.year if "event" in parts else None
    named = {attribute: (CONTENT_FILES[attribute][0], part) for attribute, part in parts.items()}
    problems += expand_fields(named, sources, renderer, year)
    texts, text_problems = expand_texts(sources, renderer, year)
    problems += text_problems
    deck, deck_problems = _load_deck(sources, renderer, year)
    problems += deck_problems
    problems += checks.cross_file_problems(parts, texts, sources.at)
    if problems:
        raise ContentError(_sorted(problems))
    project = Project(**parts, texts=texts, deck=deck)
    return Loaded(project, checks.warnings(project, sources.at))
