"""YAML read by ruamel.yaml (round-trip mode, YAML 1.2): every file the fast reader (yamlfast.py)
leaves to it — anchors and aliases, merge keys, tags, numbers written unusually, duplicate keys,
syntax errors, nesting past the limit — with ruamel.yaml's wording of every mistake.

The data comes back in yamlfast's kinds (Map, Seq, LiteralText, FoldedText), with the same lines,
so the rest of the program knows one kind of parsed file.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..errors import Problem
from .limits import MAX_DEPTH, MAX_NUMBER_DIGITS
from .yamlfast import FoldedText, LiteralText, Map, Seq


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


def load(text: str, shown: str) -> Any:
    """The file's data as ruamel.yaml reads it (None for an empty file), or its problems."""
    try:
        return _yaml().load(text)
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


def converted(data: Any) -> Any:
    """ruamel.yaml's data in yamlfast's kinds, each container once (an alias stays shared, a
    recursive one stays recursive): a key or item without a position takes its container's line."""
    done: dict[int, Any] = {}

    def convert(node: Any) -> Any:
        if isinstance(node, LiteralScalarString):
            return LiteralText(node)
        if isinstance(node, FoldedScalarString):
            return FoldedText(node)
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            return node
        if id(node) in done:
            return done[id(node)]
        line = node.lc.line + 1 if node.lc.line is not None else None
        if isinstance(node, CommentedMap):
            mapping = done[id(node)] = Map(line)
            for key in node:
                mapping[key] = convert(node[key])
                position = _position(node.lc.key, key)
                if position is not None:
                    mapping.lines[key] = position
            return mapping
        sequence = done[id(node)] = Seq(line)
        for index, item in enumerate(node):
            sequence.append(convert(item))
            sequence.lines.append(_position(node.lc.item, index))
        return sequence

    return convert(data)


def _position(where: Any, part: Any) -> int | None:
    try:
        return int(where(part)[0]) + 1
    except (KeyError, TypeError, IndexError):  # merged (<<:) keys have no position
        return None
