"""The sandboxed Jinja2 environment: its hooks send what a template reads, calls, filters, joins
and prints through the checks of this package."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from jinja2 import StrictUndefined, Undefined, UndefinedError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import FilterArgumentError, SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, pass_context
from pydantic import BaseModel

from ..limits import MAX_FIELD
from .before import _before_binop, _before_text_method
from .budget import MAX_ITEMS, _Budget
from .date_filters import FILTERS
from .filters import REMOVED_FILTERS, _guarded
from .formatter import _checked_str_format
from .printable import _Printer
from .problems import _Refusal
from .reading import _empty, _is_content, _no_such_field, _part, has_template
from .sizes import _range_length
from .undefined import Broken

_T = TypeVar("_T")


class _Generator(CodeGenerator):
    """Jinja's code generator, but `~` joins through the environment, which checks what it joins,
    and every list, tuple and dict a template writes out is checked (and counted) as it is made."""

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.budget.made(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # names assigned to, `{% set a, b = … %}`
            super().visit_Tuple(node, frame)
            return
        self.write("environment.budget.made(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.budget.made(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, plus: empty fields become Empty, templated fields render when used, only
    content fields may be read, only text, numbers and dates become text, and everything a
    template makes stays within the limits, checked before it is made where it could be large."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, render: Callable[[str], str]):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                         finalize=self._finalize, optimized=False)
        self.budget = _Budget()  #: what templates may still make and do
        self.printer = _Printer(self.budget)  #: what turns values into text
        self.render_field = render  #: renders a field whose own text is a template
        self.joined = self.printer.joined  #: `a ~ b` (see _Generator), each part checked
        self.filters.update(FILTERS, format=self._format, join=self._join)
        for name in REMOVED_FILTERS:
            del self.filters[name]
        self.filters = {name: _guarded(self.printer, name, function) for name, function in self.filters.items()}
        self.filters["_each"] = self._each  # put around what a loop goes through (see _parse)
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.globals["range"] = self._range

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree, each loop (and each `set a, b = …`) first asking `_each`
        whether what it goes through is a list."""
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, "_each", [], [], None, None, lineno=loop.iter.lineno)
        for assign in list(tree.find_all(nodes.Assign)):
            if isinstance(assign.target, nodes.Tuple):
                assign.node = nodes.Filter(assign.node, "_each", [], [], None, None, lineno=assign.node.lineno)
        return tree

    # -- what becomes text ----------------------------------------------------------------------

    @pass_context
    def _finalize(self, context: Any, value: Any) -> Any:
        """What `{{ … }}` may print: text, numbers and dates, never "None", a Python object or a list."""
        if value is None:
            raise UndefinedError("an empty field is printed (put {% if … %} around optional fields)")
        if isinstance(value, Undefined):
            return value  # printing it raises its own, better error
        self.budget.expect_text(len(self.printer.text(value)))
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """A template's, a block's or a macro's output put together, refused (at the line that
        printed it) as soon as it passes the text limit."""
        budget = self.budget
        if isinstance(pieces, list):
            budget.expect_text(sum(map(len, pieces)))
            return budget.made("".join(pieces))
        made: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > budget.allowance.limit:
                refusal = _Refusal(f"text of at most {budget.allowance.limit:,} characters", "more")
                throw = getattr(pieces, "throw", None)
                if throw is not None:
                    throw(refusal)  # raised inside the template, so the error names its line
                raise refusal
            made.append(piece)
        return budget.made("".join(made))

    # -- filters, functions and operators (their names show in the errors of wrong arguments) ---

    def _format(self, value: Any, *args: Any, **kwargs: Any) -> str:
        """The `format` filter: `value % args`, checked as `%` is."""
        if args and kwargs:
            raise FilterArgumentError("can't handle positional and keyword arguments at the same time")
        return self.printer.percent(self.printer.text(value), kwargs or args)

    def _join(self, value: Any, d: Any = "", attribute: Any = None) -> str:
        """The `join` filter: only texts, numbers and dates joined, measured before they are."""
        printer = self.printer
        items = value if attribute is None else map(make_attrgetter(self, attribute), value)
        listed = self.budget.listed(items)
        if attribute is None and any(isinstance(item, BaseModel) for item in listed):
            found = printer.describe(listed, "a text", printer.names.get(id(value)))
            raise _Refusal("texts, numbers or dates to join", found)
        texts = [printer.text(item, "a text to join") for item in listed]
        separator = printer.text(d)
        self.budget.expect_text(sum(map(len, texts)) + len(separator) * max(len(texts) - 1, 0))
        return separator.join(texts)

    def _each(self, value: _T) -> _T:
        """What a `{% for %}` goes through: not a group of fields (its Python pairs of name and value)."""
        if isinstance(value, BaseModel):
            raise _Refusal("a list to go through", self.printer.describe(value, "a list"))
        return value

    def _range(self, *args: Any) -> range:
        """range(), of at most MAX_ITEMS numbers (the numbers themselves may be large)."""
        numbers = range(*args)
        count = _range_length(numbers)
        if count > MAX_ITEMS:
            raise _Refusal(f"a range of at most {MAX_ITEMS:,} numbers", f"{count:,} numbers")
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `+` and `%`, what they make measured first (and `%` of a text checked as text)."""
        if operator == "%" and isinstance(left, str):
            return self.printer.percent(left, right)
        _before_binop(self.budget, operator, left, right)
        return self.budget.made(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A function or method called from a template: what it would go through and make checked first."""
        __self.budget.tick()
        if __obj is dict or __obj is Namespace or isinstance(__obj, LoopContext):
            for value in args:
                __self._each(value)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            args = _before_text_method(__self.budget, __obj.__self__, __obj.__name__, args, kwargs)
        return __self.budget.made(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and format_map, through a formatter that checks each field."""
        return _checked_str_format(self, self.printer, value)

    # -- reading the content --------------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Fields and computed values of the content, not Python's machinery (model_dump, methods)."""
        if attr.startswith(("_", "model_")) or not super().is_safe_attribute(obj, attr, value):
            return False
        return _is_content(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        return self.undefined(f"{attribute!r} is not a field of the content", obj=obj, name=attribute,
                              exc=SecurityError)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Broken):
            return obj
        self.budget.tick()
        if attribute.startswith(("_", "model_")):  # not even looked up: Python's machinery, not content
            value: Any = self.unsafe_undefined(obj, attribute)
        else:
            value = super().getattr(obj, attribute)
        if isinstance(value, Undefined) and isinstance(obj, BaseModel) and not attribute.startswith("_"):
            return self.undefined(hint=_no_such_field(obj, attribute))
        return self._resolve(obj, value, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Broken):
            return obj
        self.budget.tick()
        return self._resolve(obj, super().getitem(obj, argument), argument, by_attribute=False)

    def _resolve(self, obj: Any, value: Any, key: Any, by_attribute: bool = True) -> Any:
        """A value read from the content: empty as Empty, a templated field rendered, a field too
        long refused (it is reported itself), a group or list named after where it was read."""
        names = self.printer.names
        if value is None:
            return _empty(obj, key, by_attribute)
        if isinstance(value, (BaseModel, list)) and id(obj) in names:
            names[id(value)] = names[id(obj)] + _part(key)
        if isinstance(value, str) and (isinstance(obj, BaseModel) or id(obj) in names):
            if has_template(value):
                value = self.render_field(value)
            if len(value) > MAX_FIELD:
                name = names.get(id(obj), type(obj).__name__.lower()) + _part(key)
                raise _Refusal(f"a field of at most {MAX_FIELD:,} characters",
                               f"{name}, {len(value):,} characters long")
        return value
