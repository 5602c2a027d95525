"""Checks that span content files (a city's field must be a network field …) and warnings.

Each check runs when the files it needs are valid, so a run with a broken file still reports
what the other files disagree on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ..errors import Problem, plural
from .model import CityList, Event, HandoutOutline, Host, Network, Project
from .slides import SlideSource

#: (file name, field location, expected, found, hint) → a Problem at that place.
Locate = Callable[[str, tuple[Any, ...], str, str, str | None], Problem]


def _cities(cities: CityList, network: Network | None, at: Locate) -> list[Problem]:
    problems: list[Problem] = []
    names = [city.city for city in cities.cities]
    for index, city in enumerate(cities.cities):
        if network and city.field not in network.field_names:
            problems.append(at("cities.yaml", ("cities", index, "field"),
                               "a field listed in network.yaml: " + "、".join(network.field_names),
                               repr(city.field), None))
        if names.index(city.city) != index:
            problems.append(at("cities.yaml", ("cities", index, "city"),
                               "each city once", f"{city.city!r} a second time", None))
    return problems


def _host(host: Host, cities: CityList, at: Locate) -> list[Problem]:
    names = [city.city for city in cities.cities]
    if host.city not in names:
        return [at("host.yaml", ("city",), "a city listed in cities.yaml", repr(host.city), None)]
    listed = cities.cities[names.index(host.city)]
    if listed.field != host.membership.field:
        return [at("host.yaml", ("membership", "field"),
                   f"the field cities.yaml gives {host.city} ({listed.field})",
                   repr(host.membership.field), None)]
    return []


def _agenda(event: Event, at: Locate) -> list[Problem]:
    problems: list[Problem] = []
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
    return problems


def _sections(handout: HandoutOutline, text_files: Collection[str], at: Locate) -> list[Problem]:
    problems: list[Problem] = []
    for index, section in enumerate(handout.sections):
        if not (section.show or section.text or section.file):
            problems.append(at("handout.yaml", ("sections", index), "`show`, `text` or `file`",
                               "a section with a heading only", None))
        if section.file and section.file not in text_files:
            known = ", ".join(sorted(text_files)) or "none"
            problems.append(at("handout.yaml", ("sections", index, "file"),
                               f"a Markdown file in content/texts/ (there: {known})", repr(section.file), None))
    return problems


def cross_file_problems(parts: dict[str, Any], text_files: Collection[str], at: Locate,
                        slides: Collection[SlideSource] = ()) -> list[Problem]:
    """Disagreements between content files, among the parts that are valid (others are None)."""
    problems: list[Problem] = []
    shown = [slide for slide in slides if slide.show == "history"]
    if shown and parts.get("host") and not parts["host"].history:
        problems.append(at("host.yaml", ("history",), "milestones for the timeline slide "
                           f"(slide {shown[0].number} of slides.md shows them)", "none", None))
    cities, network, host = parts.get("cities"), parts.get("network"), parts.get("host")
    if cities:
        problems += _cities(cities, network, at)
        if host:
            problems += _host(host, cities, at)
    if parts.get("event"):
        problems += _agenda(parts["event"], at)
    if parts.get("handout"):
        problems += _sections(parts["handout"], text_files, at)
    return problems


def warnings(project: Project, at: Locate) -> list[Problem]:
    """Things that build but that staff should look at before printing."""
    found: list[Problem] = []
    for index, city in enumerate(project.cities.cities):
        if not city.confirmed:
            found.append(at("cities.yaml", ("cities", index, "joined"), "a year staff have confirmed",
                            f"{city.joined} for {city.city} (source: {city.source})",
                            "check it, then set `confirmed: true`"))
    unnamed = [guest for guest in project.guests.guests if not guest.name]
    if unnamed:
        first = unnamed[0].where
        found.append(Problem(first.file, first.line, first.path, "every guest's name",
                             f"{plural(len(unnamed), 'guest')} without a name yet "
                             f"({'、'.join(g.label for g in unnamed[:3])}{'…' if len(unnamed) > 3 else ''})",
                             "their cards show the organisation until the names are filled in"))
    if not project.host.mayor.name:
        found.append(at("host.yaml", ("mayor", "name"), "the mayor's name", "nothing",
                        f"outputs print “{project.host.mayor.title}” alone until it is filled in"))
    return found
