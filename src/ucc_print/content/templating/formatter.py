"""str.format and format_map in templates: each field text, a number or a date, never shown as
Python (!r, !a), its width and precision checked before it is made."""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import Undefined
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter

from .printable import _Printer
from .problems import _Refusal
from .sizes import _format_size


class _Formatter(SandboxedFormatter):
    """The formatter of str.format and format_map: each field checked, the whole measured as it grows."""

    def __init__(self, environment: SandboxedEnvironment, printer: _Printer, **kwargs: Any):
        super().__init__(environment, **kwargs)
        self.printer = printer
        self.size = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self.size = len(format_string)  # its own text, at most
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("r", "a"):
            raise _Refusal("a field without !r or !a", f"!{conversion}, which writes Python notation")
        if conversion == "s":
            return self.printer.text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Undefined):
            return str(value)  # an empty field raises its own error; a broken part is ""
        self.printer.text(value)
        self.size += _format_size(value, format_spec)
        self.printer.budget.expect_text(self.size)
        return super().format_field(value, format_spec)


class _EscapeFormatter(_Formatter, SandboxedEscapeFormatter):
    """The same for a text marked safe (`|safe`): its fields are escaped, as Jinja does."""


def _checked_str_format(environment: SandboxedEnvironment, printer: _Printer,
                        value: Any) -> Callable[..., str] | None:
    """str.format and format_map, through a formatter that checks each field (None for any other value)."""
    if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or \
            value.__name__ not in ("format", "format_map") or not isinstance(value.__self__, str):
        return None
    pattern: str = value.__self__
    formatter = (_EscapeFormatter(environment, printer, escape=pattern.escape) if hasattr(pattern, "escape")
                 else _Formatter(environment, printer))
    is_format_map = value.__name__ == "format_map"

    def formatted(*args: Any, **kwargs: Any) -> str:
        if is_format_map:
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(pattern)(formatter.vformat(pattern, (), args[0]))
        return type(pattern)(formatter.vformat(pattern, args, kwargs))

    return functools.update_wrapper(formatted, value)
