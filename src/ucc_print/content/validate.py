"""Validate one YAML file against its model and turn every pydantic error into a Problem."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem
from .yamlfile import YamlFile

#: What a clerk should read for pydantic's error types.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "model_type": "a group of `key: value` lines",
    "dict_type": "a group of `key: value` lines",
    "model_attributes_type": "a group of `key: value` lines",
    "string_too_short": "text that is not empty",
    "too_short": "at least one entry",
}


def field_path(loc: tuple[Any, ...]) -> str:
    """agenda[2].time for ('agenda', 1, 'time'); list positions are counted from 1."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc` (to list its known keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The class inside list[...], X | None and Annotated[...]."""
    while typing.get_origin(annotation) in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):  # ruamel's ScalarInt too: show the number as written, not the class
        return str(int(value))
    if isinstance(value, float):
        return f"{float(value):g}"
    return repr(value)


def describe(error: ErrorDetails) -> tuple[str, str, str | None]:
    """(expected, found, hint) for one pydantic error about a value (not about a key)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        return "this required value", "nothing", f"add `{loc[-1]}:` with a value"
    if kind == "ucc_expected":
        return ctx["expected"], ctx["found"], None
    if kind == "literal_error":
        return f"one of {ctx['expected']}", _found(error["input"]), None
    if kind == "string_type" and isinstance(error["input"], (int, float)):
        return "text", _found(error["input"]), "put the value in quotes, e.g. \"0166-65-7047\""
    expected = _EXPECTED.get(kind) or error["msg"].removeprefix("Input should be ").removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        expected = f"{loc[-1]} in the usual format"
    elif kind.endswith(("greater_than_equal", "greater_than", "less_than_equal", "less_than")):
        expected = error["msg"].replace("Input should be", "a number")
    return expected, _found(error["input"]), None


def _problem(source: YamlFile, model: type[BaseModel], error: ErrorDetails) -> Problem:
    """One pydantic error as a Problem at its line; an unknown key with the nearest known one."""
    loc = tuple(error["loc"])
    path = field_path(loc)
    if error["type"] == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner else []
        key = str(loc[-1])
        close = difflib.get_close_matches(key, known, n=1)
        hint = f'did you mean "{close[0]}"?' if close else None
        return Problem(source.shown, source.line_of(loc), path,
                       "one of the known keys: " + ", ".join(known), f'unknown key "{key}"', hint)
    expected, found, hint = describe(error)
    if error["type"] == "missing":
        expected = "this required key"
    return Problem(source.shown, source.line_of(loc), path, expected, found, hint)


def validate_file(source: YamlFile, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """The validated model and no problems, or None and every problem in the file."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as failure:
        return None, [_problem(source, model, error) for error in failure.errors()]
