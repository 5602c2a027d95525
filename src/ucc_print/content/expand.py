"""Apply templates to the content, then check what the text says: written weekdays and glyphs."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotated_types import MinLen
from pydantic import BaseModel

from ..design import fonts
from ..errors import Problem
from ..japanese.dates import find_weekday_mistakes
from .limits import MAX_FIELD, MAX_TEXT_FILE
from .sources import Sources
from .templating import BROKEN, Renderer, TemplateProblem, has_template
from .yamlfile import read_text

#: What a missing glyph report suggests.
GLYPH_HINT = ("the bundled fonts cannot print it: use a character they have (for 𠮷 the usual 吉) "
              "or leave it out")


def template_context(parts: dict[str, Any]) -> dict[str, Any]:
    """The names a template sees; a part that failed validation is BROKEN (already reported)."""
    cities = parts.get("cities")
    return {
        "event": parts.get("event") or BROKEN,
        "host": parts.get("host") or BROKEN,
        "network": parts.get("network") or BROKEN,
        "commission": parts.get("commission") or BROKEN,
        "cities": cities.cities if cities else BROKEN,
        "cities_as_of": cities.as_of if cities else BROKEN,
        "guests": parts["guests"].guests if parts.get("guests") else BROKEN,
    }


#: Control characters people paste by accident, by name.
CONTROL_NAMES = {0x0B: "vertical tab", 0x0C: "form feed", 0x0D: "carriage return", 0x1C: "file separator",
                 0x1D: "group separator", 0x1E: "record separator", 0x1F: "unit separator", 0x7F: "delete",
                 0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator", 0x00: "null"}


def unprintable(ch: str) -> str | None:
    """Why a character may not be in content text (a control character, half a surrogate pair, a
    noncharacter), or None: nothing of the kind ever reaches a PDF or the .pptx's XML."""
    code = ord(ch)
    if ch in "\t\n":
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029):
        name = CONTROL_NAMES.get(code)
        return f"a control character{f' ({name})' if name else ''}"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a surrogate pair"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    return None


#: Texts up to this long have their problems remembered (the same texts come back at every load).
REMEMBERED_TEXT = 1_000


def text_problems(text: str, year: int | None) -> tuple[tuple[int, str, str, str | None], ...]:
    """(line in text, expected, found, hint) for each control character, wrong weekday and
    unprintable character. Lines are counted at line feeds only, as editors count them."""
    if len(text) <= REMEMBERED_TEXT:
        return _remembered_problems(text, year)
    return tuple(_text_problems(text, year))


@lru_cache(maxsize=8192)
def _remembered_problems(text: str, year: int | None) -> tuple[tuple[int, str, str, str | None], ...]:
    return tuple(_text_problems(text, year))


def _text_problems(text: str, year: int | None) -> Iterator[tuple[int, str, str, str | None]]:
    for number, row in enumerate(text.split("\n"), 1):
        controls = {ch: unprintable(ch) for ch in dict.fromkeys(row)}
        for ch, why in controls.items():
            if why:
                yield (number, "text without control characters", f"U+{ord(ch):04X}, {why}",
                       "delete it (it often comes with text pasted from another program)")
        for mistake in find_weekday_mistakes(row, year):
            hint = "write the year if the date is not in the meeting's year" if "年" not in mistake.found else None
            yield number, mistake.expected, mistake.found, hint
        for ch in fonts.missing_characters(row):
            if not controls.get(ch):
                yield number, "characters the bundled fonts can print", f"{ch!r} (U+{ord(ch):04X})", GLYPH_HINT


def _strings(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[Any, Any, str, tuple[Any, ...]]]:
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


def _required(container: Any, key: Any) -> bool:
    """Whether a text field may not be empty (list items always; fields with a minimum length)."""
    if isinstance(container, list):
        return True
    info = type(container).model_fields[key]
    return any(isinstance(rule, MinLen) and rule.min_length > 0 for rule in info.metadata)


def expand_fields(parts: dict[str, tuple[str, Any]], sources: Sources, renderer: Renderer,
                  year: int | None) -> list[Problem]:
    """Render every templated text of the valid parts in place, then check all their text."""
    problems: list[Problem] = []
    for name, part in parts.values():
        for container, key, text, loc in _strings(part, ()):
            if has_template(text):
                try:
                    rendered = renderer.render(text).strip()
                except TemplateProblem as problem:
                    problems.append(sources.in_text(name, loc, problem.line, problem.expected, problem.found))
                    continue
                if renderer.uses_broken(text):
                    continue  # it reads a file that is already reported broken
                if not rendered and _required(container, key):
                    problems.append(sources.at(name, loc, "text", "nothing once the template is applied"))
                    continue
                text = rendered
                if isinstance(container, list):
                    container[key] = text
                else:
                    setattr(container, key, text or None)
            if len(text) > MAX_FIELD:
                problems.append(sources.at(name, loc, f"a text of at most {MAX_FIELD:,} characters",
                                           f"{len(text):,} characters", "put long texts in a Markdown file in texts/"))
                continue
            for line, expected, found, hint in text_problems(text, year):
                problems.append(sources.in_text(name, loc, line, expected, found, hint))
    return problems


def _expand_markdown(path: Path, shown: str, renderer: Renderer, year: int | None) -> tuple[str | None, list[Problem]]:
    """One Markdown file rendered and checked (None when it cannot be read or rendered)."""
    source = read_text(path, shown)
    if isinstance(source, Problem):
        return None, [source]
    try:
        text = renderer.render(source, MAX_TEXT_FILE) if has_template(source) else source
    except TemplateProblem as problem:
        return None, [Problem(shown, problem.line, "", problem.expected, problem.found)]
    return text, [Problem(shown, line, "", expected, found, hint)
                  for line, expected, found, hint in text_problems(text, year)]


def expand_texts(sources: Sources, renderer: Renderer, year: int | None) -> tuple[dict[str, str], list[Problem]]:
    """content/texts/*.md rendered and checked; problems carry the line inside the Markdown file."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sources.markdown_files():
        text, found = _expand_markdown(path, sources.folder.shown(path), renderer, year)
        problems += found
        texts[path.name] = (text or "").strip()  # listed even when broken: no second problem for it
    return texts, problems
