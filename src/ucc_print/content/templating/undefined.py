"""What a template reads that is not there: a field left empty, a part that failed validation."""

from __future__ import annotations

from typing import Any

from jinja2 import ChainableUndefined, StrictUndefined, Undefined


class Empty(StrictUndefined):
    """A field left empty in the content: false in `{% if %}`, an error when printed."""

    def __bool__(self) -> bool:  # type: ignore[override]  # jinja2 types it as the error it raises
        return False


class Broken(ChainableUndefined):
    """A part of the content that failed validation (already reported): renders as nothing."""


BROKEN = Broken()


def _check_defined(*values: Any) -> bool:
    """False for a broken part (the filter then yields ""); raises for an undefined or empty one."""
    for value in values:
        if isinstance(value, Broken):
            return False
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
    return True
