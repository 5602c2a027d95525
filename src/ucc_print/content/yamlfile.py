"""YAML 1.2 files read with the line of every key and item (ruamel.yaml round-trip mode).

YAML 1.2 keeps 14:30 a string and `no` a string, which is what staff mean; dates stay text too,
for our own date type to read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..errors import Problem
from ..japanese.normalize import compose
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_DIGITS, MAX_VALUES, regular


def read_text(path: Path, shown: str) -> str | Problem:
    """A content file's text (kana composed, variant kanji kept), or a Problem saying why it cannot be read."""
    odd = regular(path)
    if odd:
        return Problem(shown, None, "", "a text file", odd)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(shown, None, "", f"a file of at most {MAX_FILE_BYTES // 1000:,} KB", f"{size // 1000:,} KB",
                           "content files hold text a person writes; move anything else out of content/")
        return compose(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Problem(shown, None, "", "this file", "no such file",
                       "every project needs it; copy it from the bundled example")
    except UnicodeDecodeError as error:
        return Problem(shown, None, "", "text saved as UTF-8", f"bytes that are not UTF-8 ({error.reason})",
                       "save the file as UTF-8 in your editor")
    except OSError as error:
        return Problem(shown, None, "", "a readable file", error.strerror or type(error).__name__)


@dataclass(frozen=True)
class YamlFile:
    """A parsed content file: its data and the name it is shown under in messages."""

    shown: str
    data: Any

    def _node(self, loc: tuple[Any, ...]) -> tuple[Any, int, bool]:
        """The deepest node found along `loc`, its line, and whether all of `loc` was found."""
        node, line = self.data, 1
        for part in loc:
            node, line, found = self.step(node, line, part)
            if not found:
                return node, line, False
        return node, line, True

    @staticmethod
    def step(node: Any, line: int, part: Any) -> tuple[Any, int, bool]:
        """One step down from `node` (written at `line`) to its key or item `part`: the node there
        and its line, or `node` and `line` again and False if there is none."""
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
            else:
                return node, line, False
        except (KeyError, TypeError, IndexError):  # merged (<<:) keys have no position
            if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
                line = node.lc.line + 1
        return node[part], line, True

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the key (or list item) at `loc`; for a missing key, of its parent."""
        return self._node(loc)[1]

    def text_line(self, loc: tuple[Any, ...], line_in_text: int) -> int:
        """The file line of a line inside a text value (a `|` block starts below its key; a `>` block
        is folded into one line, so its problems point at the block's first line)."""
        node, line, found = self._node(loc)
        if found and isinstance(node, FoldedScalarString):
            return line + 1
        block = found and isinstance(node, LiteralScalarString)
        return line + line_in_text - (0 if block else 1)


class _Beyond(Exception):
    """A YAML file past one of the limits, found while it is parsed: where, what was allowed, what was found."""

    def __init__(self, mark: Any, expected: str, found: str, hint: str) -> None:
        super().__init__(found)
        self.line: int | None = mark.line + 1 if mark is not None else None
        self.column: int | None = mark.column + 1 if mark is not None else None
        self.expected, self.found, self.hint = expected, found, hint

    def problem(self, shown: str) -> Problem:
        """The limit as a content problem with its line and column."""
        column = f" at column {self.column}" if self.column else ""
        return Problem(shown, self.line, "", self.expected, f"{self.found}{column}", self.hint)


class _Composer(Composer):
    """Counts the lists and mappings open inside each other, and stops past MAX_DEPTH: a file of
    brackets would otherwise exhaust Python's stack (RecursionError) as it is read."""

    levels = 0

    def compose_sequence_node(self, anchor: Any) -> Any:
        """A list, one level deeper."""
        self._deeper()
        try:
            return super().compose_sequence_node(anchor)
        finally:
            self.levels -= 1

    def compose_mapping_node(self, anchor: Any) -> Any:
        """A mapping, one level deeper."""
        self._deeper()
        try:
            return super().compose_mapping_node(anchor)
        finally:
            self.levels -= 1

    def _deeper(self) -> None:
        """One more level, or the limit with the line where the level past it opens."""
        self.levels += 1
        if self.levels > MAX_DEPTH:
            raise _Beyond(self.parser.peek_event().start_mark,
                          f"lists and mappings at most {MAX_DEPTH} levels inside each other",
                          f"{self.levels} levels", "close the brackets [ ] { } you opened, or indent less")


class _Constructor(RoundTripConstructor):
    """Leaves dates as text: our date type reads them (and reports 2026-13-45 with its line); stops
    at a number too long to be a count or a year."""

    def construct_yaml_int(self, node: Any) -> Any:
        """A whole number, up to MAX_NUMBER_DIGITS characters (Python refuses to print one of 4,301 digits)."""
        digits = len(node.value.lstrip("+-").replace("_", ""))
        if digits > MAX_NUMBER_DIGITS:
            raise _Beyond(node.start_mark, f"a number of at most {MAX_NUMBER_DIGITS} digits", f"{digits:,} digits",
                          "a code or an identifier is text: put it in quotes")
        return super().construct_yaml_int(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _odd_keys(node: Any, shown: str) -> list[Problem]:
    """Keys that are not words (a number or a list as a key would otherwise vanish)."""
    problems: list[Problem] = []
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if not isinstance(key, str):
                try:
                    line = node.lc.key(key)[0] + 1
                except (KeyError, TypeError):
                    line = (node.lc.line or 0) + 1
                problems.append(Problem(shown, line, "", "a key that is a word, such as `venue:`", repr(key)))
            problems += _odd_keys(value, shown)
    elif isinstance(node, CommentedSeq):
        for item in node:
            problems += _odd_keys(item, shown)
    return problems


def _duplicate(found: str, text: str, line: int | None) -> str:
    """ruamel's message, which quotes both whole values, cut to the key and where it first was."""
    key = re.search(r'duplicate key "(.*?)" with value', found)
    if not key or not line:
        return found[:200]
    lines = text.splitlines()
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" -"))
    first = next((number for number, text_line in enumerate(lines[:line - 1], 1)
                  if re.match(rf"[ -]{{{indent}}}{re.escape(key.group(1))}\s*:", text_line)), None)
    where = f" (it is already on line {first})" if first else ""
    return f'the key "{key.group(1)}" a second time{where}'


def _expanded(data: Any) -> int:
    """How many values the file holds once its aliases are expanded, counted without expanding
    them (nine lines of nested aliases would otherwise be billions)."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # a node reached again while it is being counted (a recursive alias)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        total = 1 + sum(min(size(child), MAX_VALUES + 1) for child in children)
        sizes[key] = min(total, MAX_VALUES + 1)
        return sizes[key]

    return size(data)


def read_yaml(path: Path, shown: str) -> YamlFile | list[Problem]:
    """Parse one YAML file; a syntax error comes back as Problems with their line."""
    text = read_text(path, shown)
    if isinstance(text, Problem):
        return [text]
    parsed = _parsed(text, shown)
    return list(parsed) if isinstance(parsed, tuple) else parsed


@functools.lru_cache(maxsize=64)
def _parsed(text: str, shown: str) -> YamlFile | tuple[Problem, ...]:
    """A file's text parsed, kept for the next load: under --watch (and in the tests that change one
    file at a time) the files that did not change are not parsed again. Nothing changes the data."""
    found = _parse(text, shown)
    return tuple(found) if isinstance(found, list) else found


def _parse(text: str, shown: str) -> YamlFile | list[Problem]:
    """Parse a file's text; a syntax error comes back as Problems with their line."""
    try:
        data = _yaml().load(text)
    except _Beyond as beyond:
        return [beyond.problem(shown)]
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        found = (error.problem or "text that is not YAML").strip().removeprefix("found ")
        hint = None
        if "\\t" in found or "\t" in found:
            hint = "indent with spaces, not tabs"
        elif "duplicate key" in found:
            found = _duplicate(found, text, line)
            hint = "each key may appear once in a mapping: keep one of them"
        column = f" at column {mark.column + 1}" if mark else ""
        return [Problem(shown, line, "", "valid YAML", f"{found}{column}", hint)]
    except YAMLError as error:
        return [Problem(shown, None, "", "valid YAML", str(error).strip())]
    except (RecursionError, ValueError, OverflowError) as error:  # ruamel's own limits, or Python's
        return [Problem(shown, None, "", "YAML a person writes", f"a file Python cannot read ({type(error).__name__})",
                        "look for deeply nested brackets or very long numbers")]
    if data is None:
        return [Problem(shown, 1, "", "`key: value` lines", "an empty file")]
    if _expanded(data) > MAX_VALUES:
        return [Problem(shown, None, "", f"at most {MAX_VALUES:,} values, aliases (*name) counted each time they are "
                        "used", "more", "an alias used inside aliases multiplies the file: write the values out")]
    if not isinstance(data, CommentedMap):
        return [Problem(shown, 1, "", "`key: value` lines at the top level", f"a {type(data).__name__}")]
    return _odd_keys(data, shown) or YamlFile(shown, data)
