"""Rendering content texts: each compiled and run within its limits, a mistake reported as a
TemplateProblem with the line inside the text."""

from __future__ import annotations

from collections import OrderedDict
from types import CodeType
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, UndefinedError, meta
from pydantic import BaseModel

from ..limits import MAX_FIELD
from .budget import MAX_TOKENS
from .environment import _Environment
from .problems import TEMPLATE_NAME, TemplateProblem, _FilterInputError, _Refusal
from .undefined import Broken

#: Compiled templates by their text, the most recently used last; at most CODE_KEPT of them.
_CODE: OrderedDict[str, CodeType] = OrderedDict()
CODE_KEPT = 2_000


class Renderer:
    """Renders content texts against one context; templated fields used by others render once."""

    def __init__(self, context: dict[str, Any]):
        self.context = context
        self.environment = _Environment(self.render)
        self.environment.printer.names.update({id(value): name for name, value in context.items()
                                               if isinstance(value, (BaseModel, list))})
        self._active: list[str] = []
        self._done: dict[tuple[str, int], str] = {}

    def uses_broken(self, text: str) -> bool:
        """Whether a (valid) template reads a part that failed validation: its result means nothing."""
        broken = {name for name, value in self.context.items() if isinstance(value, Broken)}
        if not broken:
            return False
        try:
            names = meta.find_undeclared_variables(self.environment.parse(text))
        except TemplateSyntaxError:
            return False
        return not broken.isdisjoint(names)

    def render(self, text: str, limit: int = MAX_FIELD) -> str:
        """Render one text of at most `limit` characters; a mistake raises TemplateProblem."""
        if (text, limit) in self._done:
            return self._done[text, limit]
        if text in self._active:
            raise TemplateProblem(1, "text that does not use itself", "a field that refers to itself")
        self._active.append(text)
        try:
            result = self._render(text, limit)
        finally:
            self._active.pop()
        self._done[text, limit] = result
        return result

    def _compiled(self, text: str) -> Template:
        """A text compiled as a template (once per process: the same texts come back at every load
        under --watch); a mistake raises TemplateProblem."""
        env = self.environment
        code = _CODE.get(text)
        if code is None:
            code = self._compile(text)
            _CODE[text] = code
            if len(_CODE) > CODE_KEPT:
                _CODE.popitem(last=False)
        else:
            _CODE.move_to_end(text)
        return env.template_class.from_code(env, code, env.make_globals(None), None)

    def _compile(self, text: str) -> CodeType:
        """A text compiled to Python code; a mistake raises TemplateProblem."""
        env = self.environment
        try:
            for count, (line, _kind, _value) in enumerate(env.lexer.tokeniter(text, TEMPLATE_NAME)):
                if count >= MAX_TOKENS:  # compiling takes time and memory in proportion to them
                    raise TemplateProblem(line, f"a template of at most {MAX_TOKENS:,} parts (names, numbers, "
                                          "signs and the texts between them)", "more: split it, or use a loop")
            code = env.compile(text, name=TEMPLATE_NAME, filename=TEMPLATE_NAME)
        except TemplateSyntaxError as error:
            raise TemplateProblem(error.lineno or 1, "a valid Jinja2 template",
                                  error.message or "a syntax error") from None
        except (ValueError, OverflowError, RecursionError, MemoryError) as error:  # a number of 5,000 digits …
            raise TemplateProblem(1, "a template of ordinary size", str(error)[:80] or type(error).__name__) from None
        return code

    def _render(self, text: str, limit: int) -> str:
        env = self.environment
        try:
            with env.budget.allowed(limit):
                template = self._compiled(text)
                with env.budget.traced():
                    return template.render(**self.context)
        except TemplateProblem:
            raise
        except _Refusal as error:
            raise TemplateProblem(_template_line(error), error.expected, error.found) from None
        except _FilterInputError as error:
            raise TemplateProblem(_template_line(error), *str(error).split(", found ", 1)) from None
        except UndefinedError as error:
            message = error.message or ""
            expected = "a value" if "empty" in message else "a name the content defines"
            raise TemplateProblem(_template_line(error), expected, message) from None
        except TemplateError as error:
            raise TemplateProblem(_template_line(error), "a template that renders",
                                  error.message or type(error).__name__) from None
        except RecursionError:
            raise TemplateProblem(1, "a template that ends", "endless recursion") from None
        except MemoryError:
            raise TemplateProblem(1, "a template of ordinary size", "more than the memory holds") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError, AssertionError,
                RuntimeError) as error:  # a filter's own check (truncate asserts its length) …
            raise TemplateProblem(_template_line(error), "a template that renders",
                                  str(error) or type(error).__name__) from None


def _template_line(error: BaseException) -> int:
    """The line inside the template where a runtime error happened."""
    line = 1
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
