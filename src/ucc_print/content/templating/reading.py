"""Reading the content from a template: fields and computed values, not Python's machinery; an
empty field as Empty, named as the template reads it; a typo answered with the fields there are."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic import BaseModel

from .printable import _kind
from .undefined import Empty

#: Methods a template may call on a text (the others make bytes or translation tables).
TEXT_METHODS = frozenset({
    "capitalize", "casefold", "center", "count", "endswith", "expandtabs", "find", "format", "format_map",
    "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
    "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "partition",
    "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip",
    "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill"})
#: Methods a template may call on a list, a mapping or a range.
COLLECTION_METHODS = frozenset({"copy", "count", "get", "index", "items", "keys", "values"})


def has_template(text: str) -> bool:
    """Whether a text uses Jinja2 at all (most do not)."""
    return "{{" in text or "{%" in text or "{#" in text


def _is_content(obj: Any, attr: str, value: Any) -> bool:
    """Whether what Jinja's sandbox lets a template read is content: a value, or a method of a
    text or a list that only reads — never a method of a group of fields, a date or a number."""
    if not callable(value):
        return True
    if isinstance(obj, str):
        return attr in TEXT_METHODS
    if isinstance(obj, (list, tuple, dict, range)):
        return attr in COLLECTION_METHODS
    return not isinstance(obj, (BaseModel, dt.date, dt.time, int, float, bytes))


def _no_such_field(group: BaseModel, attribute: str) -> str:
    """What to say of a field a group does not have: the closest one, or all of them."""
    fields = list(type(group).model_fields)
    close = difflib.get_close_matches(attribute, fields, n=1)
    hint = f"{type(group).__name__.lower()} has no field {attribute!r}"
    return hint + (f" (did you mean {close[0]!r}?)" if close else f" (its fields: {', '.join(fields)})")


def _empty(obj: Any, key: Any, by_attribute: bool) -> Empty:
    """A field left empty, named as the template reads it."""
    label = f"{type(obj).__name__.lower()}.{key}" if by_attribute and isinstance(obj, BaseModel) else \
        key if by_attribute else _key_label(key)
    return Empty(hint=f"{label} is empty in the content (put {{% if … %}} around it)")


def _key_label(key: Any) -> str:
    """How an item's key is shown in a message: 'name', 0 (never a long Python form)."""
    return repr(key) if isinstance(key, (str, int)) else _kind(key)


def _part(key: Any) -> str:
    """How reading a key is written in a template: .name or [0]."""
    return f".{key}" if isinstance(key, str) else f"[{_key_label(key)}]"
