"""Load a project's content/ folder into a validated, template-rendered Project.

Every problem of a run is collected and raised together as one ContentError; nothing is built
from content that has problems.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import ContentError, Problem
from ..project import ProjectDir
from . import checks
from .expand import expand_fields, expand_texts, template_context
from .inputs import GUEST_LIST, digest_of, record, recording
from .limits import MAX_LIST_BYTES
from .model import (
    CityList,
    Commission,
    Event,
    GuestList,
    HandoutOutline,
    Host,
    Letters,
    Network,
    PressRelease,
    PrintOrder,
    Project,
    Signs,
    Strict,
    WebEdition,
    Where,
    WorldCities,
)
from .slides import Picture, SlideSource, parse_slides, pictures_problems, read_picture
from .sources import Sources
from .templating import Renderer
from .validate import field_path, validate_file
from .yamlfile import YamlFile, read_text, read_yaml

#: Project attribute → (file in content/, model of that file).
CONTENT_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "event": ("event.yaml", Event),
    "host": ("host.yaml", Host),
    "network": ("network.yaml", Network),
    "commission": ("commission.yaml", Commission),
    "cities": ("cities.yaml", CityList),
    "guests": ("guests.yaml", GuestList),
    "handout": ("handout.yaml", HandoutOutline),
    "printing": ("print.yaml", PrintOrder),
    "release": ("press.yaml", PressRelease),
    "letters": ("letters.yaml", Letters),
    "signs": ("signs.yaml", Signs),
    "design_cities": ("design_cities.yaml", WorldCities),
    "web": ("web.yaml", WebEdition),
}

#: Content files a project may leave out (print.yaml matters only to `ucc-print package`,
#: press.yaml only to the press release, and so on).
OPTIONAL_FILES = {"printing", "release", "letters", "signs", "design_cities", "web"}

#: The slides' Markdown file in content/.
SLIDES_FILE = "slides.md"


@dataclass
class Loaded:
    """A valid project and the warnings worth showing."""

    project: Project
    warnings: list[Problem] = field(default_factory=list)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (as CONTENT_FILES lists them), then by line."""
    order = {f"content/{name}": index for index, (name, _model) in enumerate(CONTENT_FILES.values())}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.line or 0))


def _locate(value: Any, source: YamlFile, loc: tuple[Any, ...], node: Any, line: int = 1,
            found: bool = True) -> None:
    """Record on every model object where in its file it was written (walking the file's nodes
    alongside: `node` is where `loc` leads, written at `line`; once a key is missing, its parent's
    line stands for everything below)."""
    def below(part: Any) -> tuple[Any, int, bool]:
        return source.step(node, line, part) if found else (node, line, False)

    if isinstance(value, Strict):
        value._where = Where(source.shown, line, field_path(loc))
        fields = value._fields = value._fields or {}
        for name in type(value).model_fields:
            child, child_line, child_found = below(name)
            fields[name] = Where(source.shown, child_line, field_path((*loc, name)))
            _locate(getattr(value, name), source, (*loc, name), child, child_line, child_found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _locate(item, source, (*loc, index), *below(index))


def _read_parts(sources: Sources, left_out: set[str]) -> tuple[dict[str, Any], list[Problem]]:
    """Each file parsed and validated: the valid parts by attribute, and every problem."""
    parts: dict[str, Any] = {}
    problems: list[Problem] = []
    for attribute, (name, model) in CONTENT_FILES.items():
        if attribute in left_out or (attribute in OPTIONAL_FILES and not (sources.folder.content / name).exists()):
            continue
        parsed = read_yaml(sources.folder.content / name, sources.shown(name))
        if isinstance(parsed, list):
            problems += parsed
            continue
        sources.files[name] = parsed
        value, found = validate_file(parsed, model)
        problems += found
        if value is not None:
            _locate(value, parsed, (), parsed.data)
            parts[attribute] = value
    return parts, problems


def _load_slides(sources: Sources, renderer: Renderer,
                 year: int | None) -> tuple[tuple[SlideSource, ...], list[Problem]]:
    """content/slides.md cut into slides, each rendered and checked."""
    shown = sources.shown(SLIDES_FILE)
    source = read_text(sources.folder.content / SLIDES_FILE, shown)
    if isinstance(source, Problem):
        return (), [source]
    return parse_slides(source, shown, sources.folder.root, renderer, year)


#: Pictures the slides use as the city's mark, tried in this order (in assets/).
LOGO_FILES = ("logo.png", "logo.jpg", "logo.jpeg")


def _load_logo(sources: Sources, parts: dict[str, Any]) -> tuple[Picture | None, list[Problem]]:
    """The city's mark from assets/, checked like any picture."""
    folder = sources.folder
    name = next((name for name in LOGO_FILES if (folder.assets / name).is_file()), None)
    if name is None:
        return None, []
    city = parts["host"].city if "host" in parts else ""
    found = read_picture(folder.root, f"assets/{name}", f"{city}のロゴマーク", f"assets/{name}", None, "")
    return (None, [found]) if isinstance(found, Problem) else (found, [])


#: A check the caller adds (what print.yaml may order is known to the outputs, not here):
#: (the valid parts, a function placing a problem at a field) → problems.
Check = Callable[[dict[str, Any], checks.Locate], list[Problem]]


def load_project(folder: ProjectDir, guest_list: Path | None = None, sheet: str | None = None,
                 extra: Sequence[Check] = ()) -> Loaded:
    """Read, validate and render all content of a project, or raise ContentError with every problem.
    With guest_list (.xlsx or .csv) the guests come from it instead of content/guests.yaml; `extra`
    checks are run with the others and their problems reported together. The project knows what it
    was read from (Project.inputs)."""
    with recording() as read:
        loaded = _load(folder, guest_list, sheet, extra)
    return Loaded(loaded.project.model_copy(update={"inputs": read}), loaded.warnings)


def _load(folder: ProjectDir, guest_list: Path | None, sheet: str | None, extra: Sequence[Check]) -> Loaded:
    sources = Sources(folder)
    from_list = {"guests"} if guest_list else set()
    parts, problems = _read_parts(sources, from_list)
    list_warnings: list[Problem] = []
    if guest_list:
        from .guestlist import load_guest_file  # openpyxl only when a list is given

        # openpyxl reads the file itself: if it is the same before and after, what was read is known
        before = digest_of(guest_list, MAX_LIST_BYTES)
        try:
            parts["guests"], list_warnings = load_guest_file(guest_list, str(guest_list), sheet)
        except ContentError as error:
            problems += error.problems
        record(GUEST_LIST + (sheet or ""), before if digest_of(guest_list, MAX_LIST_BYTES) == before else "")
    renderer = Renderer(template_context(parts))
    year = parts["event"].date.year if "event" in parts else None
    named = {attribute: (CONTENT_FILES[attribute][0], part) for attribute, part in parts.items()
             if attribute not in from_list}  # a spreadsheet's cells are not templates
    problems += expand_fields(named, sources, renderer, year)
    texts, text_problems = expand_texts(sources, renderer, year)
    problems += text_problems
    slides, slides_problems = _load_slides(sources, renderer, year)
    problems += slides_problems
    logo, logo_problems = _load_logo(sources, parts)
    problems += logo_problems + pictures_problems(sources.folder.root, slides, logo, sources.shown(SLIDES_FILE))
    absent = {attribute for attribute in OPTIONAL_FILES
              if not (sources.folder.content / CONTENT_FILES[attribute][0]).exists()}
    problems += checks.cross_file_problems(parts, texts, sources.at, slides, absent)
    for check in extra:
        problems += check(parts, sources.at)
    if problems:
        raise ContentError(_sorted(problems))
    project = Project(**parts, texts=texts, slides=slides, logo=logo)
    return Loaded(project, list_warnings + checks.warnings(project, sources.at))
