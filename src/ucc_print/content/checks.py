"""Checks that span content files (a city's field must be a network field …) and warnings.

Each check runs when the files it needs are valid, so a run with a broken file still reports
what the other files disagree on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from ..errors import Problem, plural
from ..japanese.dates import wareki
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


def _letters(parts: dict[str, Any], at: Locate) -> list[Problem]:
    """The reply deadline between the letters' date of issue and the meeting."""
    letters, event = parts["letters"], parts.get("event")
    if letters.reply_by < letters.issued or (event and letters.reply_by > event.date):
        meeting = f" and the meeting ({wareki(event.date)})" if event else ""
        return [at("letters.yaml", ("reply_by",), f"a date between the date of issue ({wareki(letters.issued)})"
                   f"{meeting}", wareki(letters.reply_by), None)]
    return []


def _world(parts: dict[str, Any], absent: Collection[str], at: Locate,
           slides: Collection[SlideSource]) -> list[Problem]:
    """The world's design cities shown by the handout or the slides, but content/design_cities.yaml missing."""
    if "design_cities" not in absent:
        return []
    hint = "add content/design_cities.yaml (copy it from the bundled example) or show something else"
    found = "design_cities, but content/design_cities.yaml is missing"
    problems = [at("handout.yaml", ("sections", index, "show"), "a block whose content file is there", found, hint)
                for index, section in enumerate(parts["handout"].sections if parts.get("handout") else [])
                if section.show == "design_cities"]
    problems += [replace(at("slides.md", (), "a block whose content file is there", found, hint), line=slide.line,
                         path=f"slide {slide.number}") for slide in slides if slide.show == "design_cities"]
    return problems


def cross_file_problems(parts: dict[str, Any], text_files: Collection[str], at: Locate,
                        slides: Collection[SlideSource] = (), absent: Collection[str] = ()) -> list[Problem]:
    """Disagreements between content files, among the parts that are valid (others are None);
    `absent`: the optional files left out."""
    problems: list[Problem] = _world(parts, absent, at, slides)
    if parts.get("letters"):
        problems += _letters(parts, at)
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
    world = project.design_cities
    if world and not any(city.names(project.host.city) for city in world.cities):
        found.append(at("design_cities.yaml", ("cities",), f"the host city, {project.host.city}, among the cities",
                        f"no entry for it among {plural(len(world.cities), 'city', 'cities')}",
                        "add it (the table marks it ★), or check how its name is written"))
    if not project.host.mayor.name:
        found.append(at("host.yaml", ("mayor", "name"), "the mayor's name", "nothing",
                        f"outputs print “{project.host.mayor.title}” alone until it is filled in"))
    return found
