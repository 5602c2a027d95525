"""YAML as staff write it, read at C speed: libyaml's events (through PyYAML) composed into
mappings and lists that know the line of every key and item.

Only the plain kind of file is read here: mappings, lists and scalars, YAML 1.2's scalar rules
(14:30 and `no` stay text, dates stay text). Anything out of the ordinary — an anchor or alias, a
tag, a second document, a duplicate key, a key that is not a scalar, a number written with `_`,
`0x` or `0o`, nesting past the limit, a line break YAML 1.1 and 1.2 disagree on, a syntax error —
is left to ruamel.yaml (yamlruamel.py), which words every message as it always has. The composer keeps its own
stack (no recursion), so a file of brackets costs nothing but its length.
"""

from __future__ import annotations

import re
from typing import Any

from .limits import MAX_DEPTH, MAX_NUMBER_DIGITS

try:  # PyYAML built with libyaml; without it every file is read by ruamel.yaml
    from yaml import events as _events
    from yaml._yaml import CParser as _CParser
    from yaml.error import YAMLError as _YAMLError
except ImportError:  # pragma: no cover - a PyYAML wheel without libyaml
    _CParser = None


class Map(dict[Any, Any]):
    """A mapping with the line of each key (1-based) and of the mapping itself."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int | None) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[Any, int] = {}


class Seq(list[Any]):
    """A list with the line of each item (1-based) and of the list itself."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int | None) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int | None] = []


class LiteralText(str):
    """A `|` block: its lines are the file's lines from the one below its key."""

    __slots__ = ()


class FoldedText(str):
    """A `>` block: folded into one line, so its problems point at the block's first line."""

    __slots__ = ()


#: YAML 1.2's plain scalars as ruamel.yaml resolves them (numbers in their plain decimal forms only).
_NULL = frozenset({"", " ", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
                    r"|[-+]?\.[0-9]+(?:[eE][-+][0-9]+)?")
#: Plain scalars whose reading this reader leaves to ruamel.yaml: numbers with a leading zero, a
#: prefix (0b, 0o, 0x) or `_` between digits, infinities and NaN, the merge key and `=`.
_UNUSUAL = re.compile(r"[-+]?0[0-9_]+|[-+]?0[box][0-9a-fA-F_]*|[-+]?[0-9._]*_[0-9._eE+-]*"
                      r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|<<|=")


#: Characters YAML 1.1 (libyaml) reads as line breaks and YAML 1.2 as text, and the tab, which
#: the two allow in different places.
_LINE_BREAKS = frozenset("\x85\u2028\u2029\t\r")


class _Unusual(Exception):
    """Something this reader leaves to ruamel.yaml."""


def _scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _UNUSUAL.fullmatch(value):
        raise _Unusual
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_NUMBER_DIGITS:
            raise _Unusual
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def read(text: str) -> Any:
    """The file's data (None for an empty file), or raise _Unusual for ruamel.yaml to read it."""
    if _CParser is None or not _LINE_BREAKS.isdisjoint(text):
        raise _Unusual
    parser = _CParser(text)
    try:
        return _compose(parser)
    except _YAMLError:
        raise _Unusual from None
    finally:
        parser.dispose()


def fast(text: str) -> tuple[bool, Any]:
    """(True, data) if this reader read the file, (False, None) if ruamel.yaml should."""
    try:
        return True, read(text)
    except _Unusual:
        return False, None


def _compose(parser: Any) -> Any:
    """Events → data, one open container per level on an explicit stack."""
    composer = _Composer()
    get_event = parser.get_event
    while True:
        event = get_event()
        kind = type(event)
        if kind is _events.ScalarEvent:
            composer.add(_value(event), event.start_mark.line + 1, container=False)
        elif kind is _events.MappingStartEvent or kind is _events.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(composer.stack) >= MAX_DEPTH:
                raise _Unusual
            line = event.start_mark.line + 1
            composer.add(Map(line) if kind is _events.MappingStartEvent else Seq(line), line, container=True)
        elif kind is _events.MappingEndEvent or kind is _events.SequenceEndEvent:
            composer.close()
        elif kind is _events.AliasEvent:
            raise _Unusual
        elif kind is _events.DocumentStartEvent:
            composer.documents += 1
            if composer.documents > 1:
                raise _Unusual
        elif kind is _events.StreamEndEvent:
            return composer.root


def _value(event: Any) -> Any:
    """A scalar event's value: text, a number, true/false or None (a `|` or `>` block marked so)."""
    if event.anchor is not None or event.tag is not None:
        raise _Unusual
    style = event.style
    value = _scalar(event.value, event.implicit[0] and not style)
    if style == "|":
        return LiteralText(value)
    if style == ">":
        return FoldedText(value)
    return value


class _Pending:
    """A key read, its value not yet."""

    __slots__ = ("key", "line")

    def __init__(self, key: Any, line: int) -> None:
        self.key, self.line = key, line


class _Composer:
    """The open containers, innermost last, and for each open mapping the key waiting for its value."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.keys: list[_Pending | None] = []
        self.root: Any = None
        self.documents = 0

    def add(self, node: Any, line: int, container: bool) -> None:
        """A value (or a key) into the innermost container; a container opened becomes the innermost."""
        if not self.stack:
            self.root = node
        else:
            parent = self.stack[-1]
            if type(parent) is Seq:
                parent.append(node)
                parent.lines.append(line)
            elif self.keys[-1] is None:
                self.keys[-1] = self._key(parent, node, container, line)
            else:
                pending = self.keys[-1]
                parent[pending.key] = node
                parent.lines[pending.key] = pending.line
                self.keys[-1] = None
        if container:
            self.stack.append(node)
            self.keys.append(None)

    @staticmethod
    def _key(parent: Map, node: Any, container: bool, line: int) -> _Pending:
        if container:
            raise _Unusual  # a mapping or list as a key
        try:
            if node in parent:
                raise _Unusual  # a duplicate key: ruamel.yaml says where it first was
        except TypeError:
            raise _Unusual from None
        return _Pending(node, line)

    def close(self) -> None:
        self.stack.pop()
        self.keys.pop()
