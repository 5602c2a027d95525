"""What goes wrong in a template: a refusal of what it may not make or do, a filter given the
wrong kind of value, and the problem reported to the caller with its line."""

from __future__ import annotations

from jinja2 import TemplateError

#: The file name a template's code runs under: how its own lines are told apart in a trace.
TEMPLATE_NAME = "<content>"


class _Refusal(TemplateError):
    """Something a template may not make or do: what was allowed and what it tried."""

    def __init__(self, expected: str, found: str):
        super().__init__(f"{expected}, found {found}")
        self.expected, self.found = expected, found


class TemplateProblem(Exception):
    """A template that cannot be rendered: the line inside the text and what went wrong."""

    def __init__(self, line: int, expected: str, found: str):
        super().__init__(f"line {line}: expected {expected}, found {found}")
        self.line = line
        self.expected = expected
        self.found = found


class _FilterInputError(TemplateError):
    """A filter got a value of the wrong kind."""
