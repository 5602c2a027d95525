"""YAML 1.2 files read with the line of every key and item.

YAML 1.2 keeps 14:30 a string and `no` a string, which is what staff mean; dates stay text too,
for our own date type to read. A file is read at C speed by yamlfast.py (libyaml); what it leaves
aside (aliases, tags, mistakes …) ruamel.yaml reads (yamlruamel.py), wording every mistake.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..japanese.normalize import compose
from . import yamlfast
from .inputs import note
from .limits import MAX_FILE_BYTES, MAX_VALUES, regular
from .yamlfast import FoldedText, LiteralText, Map, Seq


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
        data = path.read_bytes()
        note(shown, data)
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
        return compose(text)
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
        and its line, or `node` and `line` again and False if there is none. A key without a
        position of its own (a merged one) takes its mapping's line."""
        if isinstance(node, Map) and part in node:
            found = node.lines.get(part)
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node):
            found = node.lines[part]
        else:
            return node, line, False
        if found is None:
            found = node.line if node.line is not None else line
        return node[part], found, True

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the key (or list item) at `loc`; for a missing key, of its parent."""
        return self._node(loc)[1]

    def text_line(self, loc: tuple[Any, ...], line_in_text: int) -> int:
        """The file line of a line inside a text value (a `|` block starts below its key; a `>` block
        is folded into one line, so its problems point at the block's first line)."""
        node, line, found = self._node(loc)
        if found and isinstance(node, FoldedText):
            return line + 1
        block = found and isinstance(node, LiteralText)
        return line + line_in_text - (0 if block else 1)


def _odd_keys(node: Any, shown: str) -> list[Problem]:
    """Keys that are not words (a number or a list as a key would otherwise vanish)."""
    problems: list[Problem] = []
    if isinstance(node, Map):
        for key, value in node.items():
            if not isinstance(key, str):
                line = node.lines.get(key) or node.line or 1
                problems.append(Problem(shown, line, "", "a key that is a word, such as `venue:`", repr(key)))
            problems += _odd_keys(value, shown)
    elif isinstance(node, Seq):
        for item in node:
            problems += _odd_keys(item, shown)
    return problems


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
    done, data = yamlfast.fast(text)
    if not done:
        from . import yamlruamel  # only for the files the fast reader leaves aside

        data = yamlruamel.load(text, shown)
        if isinstance(data, list):
            return data
        if data is not None and _expanded(data) <= MAX_VALUES:
            data = yamlruamel.converted(data)
    if data is None:
        return [Problem(shown, 1, "", "`key: value` lines", "an empty file")]
    if _expanded(data) > MAX_VALUES:
        return [Problem(shown, None, "", f"at most {MAX_VALUES:,} values, aliases (*name) counted each time they are "
                        "used", "more", "an alias used inside aliases multiplies the file: write the values out")]
    if not isinstance(data, Map):
        return [Problem(shown, 1, "", "`key: value` lines at the top level", f"a {type(data).__name__}")]
    return _odd_keys(data, shown) or YamlFile(shown, data)
