"""YAML 1.2 files read with the line of every key and item (ruamel.yaml round-trip mode).

YAML 1.2 keeps 14:30 a string and `no` a string, which is what staff mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import Problem


@dataclass
class YamlFile:
    """A parsed content file: its data and the name it is shown under in messages."""

    shown: str
    data: Any

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the key (or list item) at `loc`; for a missing key, of its parent."""
        node = self.data
        line = 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        return line


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(path: Path, shown: str) -> YamlFile | Problem:
    """Parse one YAML file; a syntax error comes back as a Problem with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Problem(shown, None, "", "this file", "no such file", "restore it from `ucc-print init`")
    except UnicodeDecodeError as error:
        return Problem(shown, None, "", "text saved as UTF-8", f"bytes that are not UTF-8 ({error.reason})",
                       "save the file as UTF-8 (BOM-less) in your editor")
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        found = (error.problem or "text that is not YAML").strip()
        hint = None
        if "\t" in text and "tab" in found.lower() or "'\\t'" in found:
            hint = "indent with spaces, not tabs"
        elif "duplicate key" in found:
            hint = "each key may appear once in a mapping"
        column = f" at column {mark.column + 1}" if mark else ""
        return Problem(shown, line, "", "valid YAML", f"{found}{column}", hint)
    except YAMLError as error:
        return Problem(shown, None, "", "valid YAML", str(error).strip())
    if data is None:
        return Problem(shown, 1, "", "`key: value` lines", "an empty file")
    if not isinstance(data, CommentedMap):
        return Problem(shown, 1, "", "`key: value` lines at the top level", f"a {type(data).__name__}")
    return YamlFile(shown, data)
