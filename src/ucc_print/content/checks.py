"""Checks that span content files (a city's field must be a network field …) and warnings."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from .model import Project

#: (file name, field location) → a Problem at that place.
Locate = Callable[[str, tuple, str, str, str | None], Problem]


def cross_file_problems(project: Project, at: Locate) -> list[Problem]:
    """Disagreements between content files."""
    problems: list[Problem] = []
    fields = project.network.field_names
    names = [city.city for city in project.cities.cities]
    for index, city in enumerate(project.cities.cities):
        if city.field not in fields:
            problems.append(at("cities.yaml", ("cities", index, "field"),
                               "a field listed in network.yaml: " + "、".join(fields), repr(city.field), None))
        if names.index(city.city) != index:
            problems.append(at("cities.yaml", ("cities", index, "city"),
                               "each city once", f"{city.city!r} a second time", None))
    host = project.host
    if host.city not in names:
        problems.append(at("host.yaml", ("city",), "a city listed in cities.yaml", repr(host.city), None))
    else:
        listed = project.cities.cities[names.index(host.city)]
        if listed.field != host.membership.field:
            problems.append(at("host.yaml", ("membership", "field"),
                               f"the field cities.yaml gives {host.city} ({listed.field})",
                               repr(host.membership.field), None))
    event = project.event
    if event.start >= event.end:
        problems.append(at("event.yaml", ("end",), f"a time after the start ({event.start})", repr(event.end), None))
    previous = event.start
    for index, item in enumerate(event.agenda):
        if item.time is None:
            continue
        if not event.start <= item.time <= event.end:
            problems.append(at("event.yaml", ("agenda", index, "time"),
                               f"a time between {event.start} and {event.end}", repr(item.time), None))
        elif item.time < previous:
            problems.append(at("event.yaml", ("agenda", index, "time"),
                               f"a time not before the item above ({previous})", repr(item.time), None))
        previous = max(previous, item.time)
    for index, section in enumerate(project.handout.sections):
        if not (section.show or section.text or section.file):
            problems.append(at("handout.yaml", ("sections", index), "`show`, `text` or `file`",
                               "a section with a heading only", None))
        if section.file and section.file not in project.texts:
            known = ", ".join(sorted(project.texts)) or "none"
            problems.append(at("handout.yaml", ("sections", index, "file"),
                               f"a Markdown file in content/texts/ (there: {known})", repr(section.file), None))
    return problems


def warnings(project: Project, at: Locate) -> list[Problem]:
    """Things that build but that staff should look at before printing."""
    found: list[Problem] = []
    for index, city in enumerate(project.cities.cities):
        if not city.confirmed:
            found.append(at("cities.yaml", ("cities", index, "joined"), "a year staff have confirmed",
                            f"{city.joined} for {city.city} (source: {city.source})",
                            "check it, then set `confirmed: true`"))
    if not project.host.mayor.name:
        found.append(at("host.yaml", ("mayor", "name"), "the mayor's name", "nothing",
                        f"outputs print “{project.host.mayor.title}” alone until it is filled in"))
    return found
