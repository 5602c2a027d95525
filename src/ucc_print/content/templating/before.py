"""Checks run before a filter, an operator or a text method makes anything: the arguments it turns
into text, and the size of what it will make (a text, a list, a number's digits)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .budget import MAX_DIGITS, _Budget
from .printable import _kind, _printable, _Printer
from .problems import _Refusal
from .sizes import _power_digits, _replaced_size, _whole


def _before_center(printer: _Printer, value: Any, width: Any = 80) -> None:
    printer.budget.expect_text(max(len(printer.text(value)), _whole(width)))


def _before_indent(printer: _Printer, value: Any, width: Any = 4, first: Any = False, blank: Any = False) -> None:
    text = printer.text(value)
    indent = len(width) if isinstance(width, str) else max(_whole(width), 0)
    lines = len((text + "\n").splitlines())
    made = max(indent, len(text) + lines + (lines if first else lines - 1) * indent)  # the indent is made
    printer.budget.expect_text(made)


def _before_replace(printer: _Printer, value: Any, old: Any, new: Any, count: Any = None) -> None:
    printer.budget.expect_text(_replaced_size(printer.text(value), printer.text(old), printer.text(new), count))


def _before_wordwrap(printer: _Printer, value: Any, width: Any = 79, break_long_words: Any = True,
                     wrapstring: Any = None, break_on_hyphens: Any = True) -> None:
    text = printer.text(value)
    # two lines in a row hold more than `width` characters of the text, or the second would have
    # fitted on the first: at most 2·length/width lines a paragraph, plus one
    lines = 2 * len(text) // max(_whole(width) + 1, 1) + len(text.splitlines()) + 1
    printer.budget.expect_text(len(text) + lines * (1 if wrapstring is None else len(printer.text(wrapstring))))


def _before_truncate(printer: _Printer, value: Any, length: Any = 255, killwords: Any = False, end: Any = "...",
                     leeway: Any = None) -> None:
    end = printer.text(end)
    if isinstance(length, int) and length < len(end):
        raise _Refusal(f"a length of at least {len(end)} for `truncate` (the length of its end mark)", f"{length}")
    if isinstance(leeway, int) and leeway < 0:
        raise _Refusal("a leeway of 0 or more for `truncate`", f"{leeway}")
    printer.budget.expect_text(len(printer.text(value)) + len(end))


def _before_batch(printer: _Printer, value: Any, linecount: Any, fill_with: Any = None) -> None:
    if fill_with is not None:
        printer.budget.expect_items(_whole(linecount))


def _before_slice(printer: _Printer, value: Any, slices: Any, fill_with: Any = None) -> None:
    printer.budget.expect_items(_whole(slices))


def _before_sum(printer: _Printer, value: Any, attribute: Any = None, start: Any = 0) -> None:
    if not (_printable(start) and isinstance(start, (int, float))):
        raise _Refusal("a number to start `sum` from", _kind(start))


def _before_urlencode(printer: _Printer, value: Any) -> None:
    pairs = value.items() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else [(value,)]
    for pair in printer.budget.listed(pairs):
        for part in pair if isinstance(pair, tuple) else (pair,):
            printer.text(part)


#: Checks run before a filter makes anything: arguments it turns into text, and the size of what
#: it will make.
_BEFORE: dict[str, Callable[..., None]] = {
    "center": _before_center, "indent": _before_indent, "replace": _before_replace, "wordwrap": _before_wordwrap,
    "truncate": _before_truncate, "batch": _before_batch,
    "slice": _before_slice, "sum": _before_sum, "urlencode": _before_urlencode,
}


def _before_binop(budget: _Budget, operator: str, left: Any, right: Any) -> None:
    """Measure what `*`, `**` or `+` will make before it makes it."""
    if operator == "**" and _power_digits(left, right) > MAX_DIGITS:
        raise _Refusal(f"a number of at most {MAX_DIGITS} digits", f"{left!r} ** {right!r}"[:40])
    if operator == "*":
        for times, repeated in ((left, right), (right, left)):
            if isinstance(repeated, str):
                budget.expect_text(len(repeated) * _whole(times))
            elif isinstance(repeated, (list, tuple)):
                budget.expect_items(len(repeated) * _whole(times))
    if operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            budget.expect_text(len(left) + len(right))
        elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
            budget.expect_items(len(left) + len(right))


def _before_text_method(budget: _Budget, text: str, name: str, args: tuple[Any, ...],
                        kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Measure what a text method will make before it makes it; its arguments (join's list
    taken in full first)."""
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        budget.expect_text(max(len(text), _whole(first)))
    elif name == "expandtabs":
        tab = _whole(first if args else kwargs.get("tabsize", 8))
        budget.expect_text(len(text) + text.count("\t") * max(tab, 0))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        budget.expect_text(_replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count")))
    elif name == "join" and args:
        items = budget.listed(args[0])
        budget.expect_text(sum(len(item) for item in items if isinstance(item, str))
                           + len(text) * max(len(items) - 1, 0))
        args = (items, *args[1:])
    return args
