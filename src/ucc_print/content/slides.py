"""content/slides.md: the slides as Markdown, one slide per `---`-separated part.

```
<!-- layout: body -->          a layout per slide (default: body)
# Slide title
## Subtitle                    (title, section and closing slides)
Markdown body …
<!-- column -->                the right column starts (two-column slides)
![alt text](assets/photo.png)  a picture, alone in its column (alt text is required)
<!-- show: cities -->          a block from the content model (cities: the table, history: the timeline,
                               design_cities: the world's cities of the host's field)
<!-- any other comment -->     a note to staff, never printed
???
Speaker notes …
```
Each slide is rendered with Jinja2 on its own, so a problem's line is exact up to the slide.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..design.slides import LAYOUTS, SHOWABLE
from ..errors import Problem
from .expand import text_problems
from .inputs import PICTURE, picture_digest, record
from .limits import MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS, MAX_PICTURES_BYTES, MAX_PICTURES_PIXELS
from .templating import Renderer, TemplateProblem, has_template

#: The picture formats PowerPoint and reportlab both take.
PICTURE_FORMATS = {"PNG", "JPEG"}
#: The largest picture accepted, in pixels, and the size to resize a larger one to.
MAX_PIXELS = MAX_PICTURE_PIXELS
LARGEST = "6000×4000"
#: What a message says a slide needs.
PLENTY = "2000 pixels across is plenty for a slide"

_SEPARATOR = re.compile(r"^---\s*$")
_COMMENT = re.compile(r"^<!--(?P<inside>.*?)-->\s*$")
_DIRECTIVE = re.compile(r"^\s*(?P<name>layout|show|column)\s*(?::\s*(?P<value>.*?))?\s*$")
_IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\((?P<path><[^>]+>|[^)\s]+)(?:\s+"[^"]*")?\)\s*$')
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: its file (relative to the project), alt text and size in pixels."""

    path: str
    alt: str
    width: int
    height: int


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
    #: A picture per column ("body" is the left or only column, "right" the right one).
    pictures: dict[str, Picture] = field(default_factory=dict)
    show: str | None = None
    notes: str = ""


def _split(text: str) -> list[tuple[int, str]]:
    """Slides as (first line number, text); `---` inside a fenced code block does not count."""
    slides: list[tuple[int, list[str]]] = [(1, [])]
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if _FENCE.match(line):
            fenced = not fenced
        if _SEPARATOR.match(line) and not fenced:
            slides.append((number + 1, []))
        else:
            slides[-1][1].append(line)
    return [(start, "\n".join(lines)) for start, lines in slides if any(line.strip() for line in lines)]


#: The colour modes both pictures' readers take (PNG's 16-bit and exotic modes are not among them).
PICTURE_MODES = {"1", "L", "LA", "P", "PA", "RGB", "RGBA", "CMYK", "YCbCr"}


def _inside(root: Path, written: str) -> Path | None:
    """The file a path written in the content names, resolved (symlinks too), if it stays inside
    the project folder."""
    base = root.resolve()
    try:
        path = (root / written).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a symlink loop, a name the system refuses
        return None
    return path if path.is_relative_to(base) else None


def read_picture(root: Path, written: str, alt: str, shown: str, line: int | None, where: str) -> Picture | Problem:
    """A picture file checked the way PowerPoint and reportlab will need it: inside the project,
    PNG or JPEG, not too large, and decoded in full now (a file cut short fails here, not while
    drawing; a JPEG at an eighth of its size, which reads all of it). Nothing decoded is kept.
    Messages name the path as it is written, never where it leads."""
    def refuse(expected: str, found: str, hint: str | None = None) -> Problem:
        return Problem(shown, line, where, expected, f"{written!r}, {found}", hint)

    if not (root / written).exists() and not (root / written).is_symlink():
        return refuse("a picture file in the project", "which does not exist")
    path = _inside(root, written)
    if path is None:
        return refuse("a picture inside the project folder", "which leads outside it (or nowhere)",
                      "copy the picture into assets/ and write its path as assets/<name>")
    if not path.is_file():
        return refuse("a picture file", "which is not a file")
    if path.stat().st_size > MAX_PICTURE_BYTES:
        return refuse(f"a picture file of at most {MAX_PICTURE_BYTES // 1024 // 1024} MB",
                      f"{path.stat().st_size // 1024 // 1024} MB", f"save it smaller; {PLENTY}")
    try:
        data = path.read_bytes()
        record(PICTURE + written, picture_digest(path.relative_to(root.resolve()).as_posix(), data))
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height), mode = image.format, image.size, image.mode
            if kind not in PICTURE_FORMATS:
                return refuse("a PNG or JPEG picture", f"a {kind} file", "save it as PNG or JPEG")
            if width * height > MAX_PIXELS:
                return refuse(f"a picture of at most {MAX_PIXELS // 1_000_000} megapixels ({LARGEST})",
                              f"{width}×{height}, {width * height / 1_000_000:.1f} megapixels",
                              f"resize it to at most {LARGEST} pixels; {PLENTY}")
            if mode not in PICTURE_MODES:
                return refuse("an RGB, greyscale or CMYK picture", f"in the {mode} colour mode",
                              "save it as an ordinary 8-bit PNG or JPEG")
            image.draft(mode, (1, 1))  # JPEG only: every byte is read, an eighth of the pixels made
            image.load()
    except UnidentifiedImageError:
        return refuse("a PNG or JPEG picture", "which is not a picture these programs can read")
    except (OSError, Image.DecompressionBombError, SyntaxError, ValueError, EOFError, MemoryError):
        return refuse("a complete PNG or JPEG picture", "which is damaged or cut short",
                      "open it in an image editor and save it again")
    return Picture(written, alt, width, height)


def pictures_problems(root: Path, slides: tuple[SlideSource, ...], logo: Picture | None,
                      shown: str) -> list[Problem]:
    """The slides' pictures and the logo past MAX_PICTURES_PIXELS or MAX_PICTURES_BYTES together (a
    picture shown on several slides counted once; the logo's pixels twice), at the slide where the
    sum passes it."""
    counted: set[Path] = set()
    pixels = 2 * logo.width * logo.height if logo else 0
    size = (root / logo.path).stat().st_size if logo else 0
    for slide in slides:
        for picture in slide.pictures.values():
            path = (root / picture.path).resolve()
            if path in counted:
                continue
            counted.add(path)
            pixels, size = pixels + picture.width * picture.height, size + path.stat().st_size
            expected, found = None, ""
            if pixels > MAX_PICTURES_PIXELS:
                expected = (f"pictures of at most {MAX_PICTURES_PIXELS // 1_000_000} megapixels in all "
                            "(assets/logo.* counted twice)")
                found = f"{pixels / 1_000_000:.1f} megapixels"
            elif size > MAX_PICTURES_BYTES:
                expected = (f"picture files of at most {MAX_PICTURES_BYTES // 1024 // 1024} MB in all "
                            "(assets/logo.* included)")
                found = f"{size / 1024 / 1024:.1f} MB"
            if expected:
                return [Problem(shown, slide.line, f"slide {slide.number}", expected, f"{found} with {picture.path!r}",
                                f"make the pictures smaller: {PLENTY} (2 megapixels, a JPEG of 1 MB)")]
    return []


class _SlideReader:
    """Reads one slide's lines into its parts, collecting problems with their lines."""

    def __init__(self, number: int, start: int, shown: str, root: Path, problems: list[Problem]):
        self.number, self.start, self.shown, self.root = number, start, shown, root
        self.problems = problems
        self.where = f"slide {number}"
        self.layout = "body"
        self.layout_ok = self.show_ok = True
        self.show: str | None = None
        #: The line where each part's text begins, to point problems at it.
        self.first_lines: dict[str, int] = {}
        self.title = self.subtitle = ""
        self.parts: dict[str, list[str]] = {"body": [], "right": [], "notes": []}
        self.pictures: dict[str, Picture] = {}
        self.current = "body"

    def problem(self, line: int, expected: str, found: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.shown, line, self.where, expected, found, hint))

    def directive(self, line: int, name: str, value: str) -> None:
        if name == "layout":
            if value in LAYOUTS:
                self.layout = value
            else:
                self.problem(line, "a layout: " + ", ".join(LAYOUTS), repr(value))
                self.layout_ok = False
        elif name == "show":
            if value in SHOWABLE:
                self.show = value
            else:
                self.problem(line, "a block to show: " + ", ".join(SHOWABLE), repr(value))
                self.show_ok = False
        else:
            self.current = "right"

    def picture(self, line: int, stripped: str) -> None:
        image = _IMAGE.match(stripped)
        if not image:
            self.problem(line, "a picture written ![alt text](assets/file.png)", repr(stripped))
            return
        alt, path = image["alt"].strip(), image["path"].strip("<>")
        if not alt:
            self.problem(line, "alt text for the picture, as in ![旭川市の風景](assets/photo.png)", "![]")
        if self.current in self.pictures:
            self.problem(line, "one picture per column", "a second one")
            return
        found = read_picture(self.root, path, alt, self.shown, line, self.where)
        if isinstance(found, Problem):
            self.problems.append(found)
        else:
            self.pictures[self.current] = found

    def read(self, lines: list[str]) -> SlideSource:
        for offset, line in enumerate(lines):
            number = self.start + offset
            stripped = line.strip()
            if self.current == "notes":
                self.parts["notes"].append(line)
                continue
            comment = _COMMENT.match(stripped)
            directive = _DIRECTIVE.match(comment["inside"]) if comment else None
            if stripped == "???":
                self.current = "notes"
            elif directive:
                self.directive(number, directive["name"], (directive["value"] or "").strip())
            elif comment:
                continue  # a note to staff
            elif stripped.startswith("# ") and not self.title:
                self.title = stripped[2:].strip()
            elif stripped.startswith("## ") and not self.subtitle and not "".join(self.parts["body"]).strip():
                self.subtitle = stripped[3:].strip()
                self.first_lines["subtitle"] = number
            elif stripped.startswith("!["):
                self.picture(number, stripped)
            else:
                self.parts[self.current].append(line)
                if stripped:
                    self.first_lines.setdefault(self.current, number)
        return SlideSource(
            self.number, self.start, self.layout, self.title, self.subtitle,
            "\n".join(self.parts["body"]).strip(), "\n".join(self.parts["right"]).strip(),
            self.pictures, self.show, "\n".join(self.parts["notes"]).strip(),
        )

    def check(self, slide: SlideSource) -> None:
        """What the slide's layout cannot hold, or lacks."""
        if not slide.title:
            self.problem(slide.line, "a title line starting with `# `", "none")
        if not self.layout_ok:
            return  # the layout is reported already; its parts cannot be judged
        layout = LAYOUTS[slide.layout]
        for part in ("subtitle", "body", "right"):
            if getattr(slide, part) and part not in layout.parts:
                self.problem(self.first_lines.get(part, slide.line), f"no {part} text on a {slide.layout} slide",
                             repr(getattr(slide, part)[:30]),
                             "move it to the speaker notes (after ???) or another slide")
        for part, picture in slide.pictures.items():
            if slide.layout != "two-column":
                self.problem(slide.line, "pictures on two-column slides only", f"a picture on a {slide.layout} slide")
            elif getattr(slide, part):
                self.problem(slide.line, "a column with text or a picture, not both",
                             f"{picture.path!r} beside text", "put the text in the other column")
        if slide.show and SHOWABLE[slide.show] != slide.layout:
            self.problem(slide.line, f"<!-- show: {slide.show} --> on a {SHOWABLE[slide.show]} slide",
                         f"a {slide.layout} slide")
        elif layout.shows and slide.show not in layout.shows and self.show_ok:
            shows = " or ".join(f"<!-- show: {block} -->" for block in layout.shows)
            self.problem(slide.line, f"{shows} on a {slide.layout} slide", "nothing to show")


def parse_slides(source: str, shown: str, root: Path, renderer: Renderer,
               year: int | None) -> tuple[tuple[SlideSource, ...], list[Problem]]:
    """The slides of slides.md, each rendered with Jinja2, and every problem found in them."""
    problems: list[Problem] = []
    slides: list[SlideSource] = []
    parts = _split(source)
    for number, (start, raw) in enumerate(parts, 1):
        try:
            text = renderer.render(raw) if has_template(raw) else raw
        except TemplateProblem as problem:
            problems.append(Problem(shown, start + problem.line - 1, f"slide {number}", problem.expected,
                                    problem.found))
            continue
        for line, expected, found, hint in text_problems(text, year):
            problems.append(Problem(shown, start + line - 1, f"slide {number}", expected, found, hint))
        reader = _SlideReader(number, start, shown, root, problems)
        slide = reader.read(text.split("\n"))
        reader.check(slide)
        slides.append(slide)
    if not parts:
        problems.append(Problem(shown, 1, "", "at least one slide", "an empty file"))
    return tuple(slides), problems
