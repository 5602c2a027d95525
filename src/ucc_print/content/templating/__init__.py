"""Jinja2 in content text: sandboxed and read-only, strict, with Japanese date filters.

A typo never prints as a blank: an unknown name, an unknown field and an empty field used as
text are all errors. A field whose own text is a template is rendered when another template uses
it. Parts of the content that failed validation are "broken": templates may mention them without
a second, misleading error.

Only content values reach paper: text, numbers and dates. Python internals (model_dump,
model_fields, methods, dunders) are refused, and whatever would print as Python — a group of
fields, a list, a range, a yes/no value — is an error saying what to write instead, wherever it
would become text: printed, joined with `~`, `%`, `format`, `string`, `join` and the other text
filters. Templates run under limits (README: Limits; the numbers are in budget.py): the size of
each text and list, checked before it is built; number size; and, in all, characters built, steps
and seconds — each a content error naming the line, so no template can run for minutes or fill
the memory.
"""

from __future__ import annotations

from .date_filters import FILTERS, nendo, seireki, timerange, wareki, wareki_weekday, wareki_year, weekday
from .problems import TEMPLATE_NAME, TemplateProblem
from .reading import has_template
from .renderer import Renderer
from .undefined import BROKEN, Broken, Empty

__all__ = [
    "BROKEN", "FILTERS", "TEMPLATE_NAME", "Broken", "Empty", "Renderer", "TemplateProblem", "has_template", "nendo",
    "seireki", "timerange", "wareki", "wareki_weekday", "wareki_year", "weekday",
]
