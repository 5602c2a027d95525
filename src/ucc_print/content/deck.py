"""content/slides.md: the deck as Markdown, one slide per `---`-separated part.

```
<!-- layout: body -->          a layout per slide (default: body)
# Slide title
## Subtitle                    (title, section and closing slides)
Markdown body …
<!-- column -->                the right column starts (two-column slides)
![alt text](assets/photo.png)  a picture (alt text is required)
<!-- show: cities -->          a block from the content model (cities: the table, history: the timeline)
???
Speaker notes …
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..design.slides import LAYOUTS
from ..errors import Problem

#: Blocks a slide can show, and the layout each belongs on.
SHOWABLE = {"cities": "table", "history": "timeline"}
#: Which text parts each layout takes besides its title.
LAYOUT_PARTS = {
    "title": {"subtitle", "body"},
    "closing": {"subtitle", "body"},
    "section": {"subtitle", "body"},
    "body": {"body"},
    "table": set(),
    "two-column": {"body", "right"},
    "timeline": set(),
}

_SEPARATOR = re.compile(r"^---\s*$")
_DIRECTIVE = re.compile(r"^<!--\s*(?P<name>[a-z-]+)\s*(?::\s*(?P<value>[^>]*?))?\s*-->\s*$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]+)\)\s*$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: its file (relative to the project) and its alt text."""

    path: str
    alt: str


@dataclass(frozen=True)
class SlideSource:
    """One slide as written: where it starts, its layout and its parts (Markdown text)."""

    number: int
    line: int
    layout: str
    title: str = ""
    subtitle: str = ""
    body: str = ""
    right: str = ""
    picture: Picture | None = None
    show: str | None = None
    notes: str = ""


def _split(text: str) -> list[tuple[int, list[str]]]:
    """Slides as (first line number, lines); `---` inside a fenced code block does not count."""
    slides: list[tuple[int, list[str]]] = [(1, [])]
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
        if _SEPARATOR.match(line) and not fenced:
            slides.append((number + 1, []))
        else:
            slides[-1][1].append(line)
    return [(start, lines) for start, lines in slides if any(line.strip() for line in lines)]


def _slide(number: int, start: int, lines: list[str], shown: str, problems: list[Problem]) -> SlideSource:
    """One slide's parts; problems (with their line) are added to `problems`."""
    where = f"slide {number}"
    layout, show, title, subtitle = "body", None, "", ""
    parts: dict[str, list[str]] = {"body": [], "right": [], "notes": []}
    current = "body"
    picture: Picture | None = None
    for offset, line in enumerate(lines):
        line_number = start + offset
        stripped = line.strip()
        if current == "notes":
            parts["notes"].append(line)
            continue
        directive = _DIRECTIVE.match(stripped)
        if stripped == "???":
            current = "notes"
        elif directive and directive["name"] == "layout":
            layout = (directive["value"] or "").strip()
            if layout not in LAYOUTS:
                problems.append(Problem(shown, line_number, where, "a layout: " + ", ".join(LAYOUTS),
                                        repr(layout)))
                layout = "body"
        elif directive and directive["name"] == "show":
            show = (directive["value"] or "").strip()
            if show not in SHOWABLE:
                problems.append(Problem(shown, line_number, where, "a block to show: " + ", ".join(SHOWABLE),
                                        repr(show)))
                show = None
        elif directive and directive["name"] == "column":
            current = "right"
        elif directive:
            problems.append(Problem(shown, line_number, where, "<!-- layout: … -->, <!-- show: … --> or "
                                    "<!-- column -->", repr(stripped)))
        elif stripped.startswith("# ") and not title:
            title = stripped[2:].strip()
        elif stripped.startswith("## ") and not subtitle and not "".join(parts["body"]).strip():
            subtitle = stripped[3:].strip()
        elif _IMAGE.match(stripped):
            image = _IMAGE.match(stripped)
            if not image["alt"].strip():
                problems.append(Problem(shown, line_number, where, "alt text for the picture, "
                                        "as in ![旭川市の風景](assets/photo.png)", "![]"))
            picture = Picture(image["path"], image["alt"].strip())
        else:
            parts[current].append(line)
    return SlideSource(
        number, start, layout, title, subtitle,
        "\n".join(parts["body"]).strip(), "\n".join(parts["right"]).strip(), picture, show,
        "\n".join(parts["notes"]).strip(),
    )


def _check(slide: SlideSource, shown: str, project_root: Path) -> list[Problem]:
    """What a slide's layout cannot hold, or lacks."""
    where = f"slide {slide.number}"
    problems: list[Problem] = []
    allowed = LAYOUT_PARTS[slide.layout]
    if not slide.title:
        problems.append(Problem(shown, slide.line, where, "a title line starting with `# `", "none"))
    for part in ("subtitle", "body", "right"):
        if getattr(slide, part) and part not in allowed:
            problems.append(Problem(
                shown, slide.line, where, f"no {part} text on a {slide.layout} slide",
                repr(getattr(slide, part)[:30]), "move it to the speaker notes (after ???) or another slide"))
    needed = next((block for block, layout in SHOWABLE.items() if layout == slide.layout), None)
    if slide.show and SHOWABLE[slide.show] != slide.layout:
        problems.append(Problem(shown, slide.line, where, f"<!-- show: {slide.show} --> on a "
                                f"{SHOWABLE[slide.show]} slide", f"a {slide.layout} slide"))
    elif needed and slide.show != needed:
        problems.append(Problem(shown, slide.line, where, f"<!-- show: {needed} --> on a {slide.layout} slide",
                                "nothing to show"))
    if slide.picture:
        if slide.layout != "two-column":
            problems.append(Problem(shown, slide.line, where, "pictures on two-column slides only",
                                    f"a picture on a {slide.layout} slide"))
        path = project_root / slide.picture.path
        if not path.is_file():
            problems.append(Problem(shown, slide.line, where, "a picture file in the project",
                                    f"{slide.picture.path!r}, which does not exist"))
        elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            problems.append(Problem(shown, slide.line, where, "a PNG or JPEG picture", repr(slide.picture.path)))
    return problems


def parse_deck(text: str, shown: str, project_root: Path) -> tuple[tuple[SlideSource, ...], list[Problem]]:
    """The slides of slides.md (templates already applied) and every problem found in them."""
    problems: list[Problem] = []
    slides = tuple(
        _slide(number, start, lines, shown, problems) for number, (start, lines) in enumerate(_split(text), 1)
    )
    for slide in slides:
        problems += _check(slide, shown, project_root)
    if not slides:
        problems.append(Problem(shown, 1, "", "at least one slide", "an empty file"))
    return slides, problems
