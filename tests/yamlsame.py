"""Two readings of one YAML file compared: values, kinds and the line of every key and item."""

from __future__ import annotations

from typing import Any

from ucc_print.content.yamlfast import FoldedText, LiteralText, Map, Seq


def _kind(value: Any) -> type:
    for kind in (bool, int, float, LiteralText, FoldedText, str):
        if isinstance(value, kind):
            return kind
    return type(value)


def differences(fast: Any, careful: Any, path: str = "") -> list[str]:
    """Where two readings differ (nothing if they agree)."""
    for kind in (Map, Seq):
        if isinstance(fast, kind) or isinstance(careful, kind):
            if not (isinstance(fast, kind) and isinstance(careful, kind)):
                return [f"{path}: {type(fast).__name__} / {type(careful).__name__}"]
            return _container(fast, careful, path)
    if _kind(fast) is not _kind(careful) or fast != careful:
        return [f"{path}: {fast!r} ({_kind(fast).__name__}) / {careful!r} ({_kind(careful).__name__})"]
    return []


def _container(fast: Map | Seq, careful: Map | Seq, path: str) -> list[str]:
    what = "key" if isinstance(fast, Map) else "item"
    found = [] if fast.line == careful.line else [f"{path}: starts on line {fast.line} / {careful.line}"]
    parts = list(fast) if isinstance(fast, Map) else list(range(len(fast)))
    if parts != (list(careful) if isinstance(careful, Map) else list(range(len(careful)))):
        return [*found, f"{path}: {what}s {list(fast)} / {list(careful)}"]
    if fast.lines != careful.lines:
        found.append(f"{path}: {what} lines {fast.lines} / {careful.lines}")
    for part in parts:
        found += differences(fast[part], careful[part], f"{path}.{part}" if what == "key" else f"{path}[{part}]")
    return found
