"""What every content model shares: the Strict base, where an object was written, Markdown and Text."""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

#: Markdown text (paragraphs, lists, **bold**); parsed by the components, not here.
Markdown = Annotated[str, Field(min_length=1, description="Markdown")]
#: One line of plain text that must not be empty.
Text = Annotated[str, Field(min_length=1)]


class Where(NamedTuple):
    """Where a content object was written: file as shown, line, field path."""

    file: str
    line: int | None
    path: str


#: Where an object not read from a file (made by a test or a tool) was written.
NOWHERE = Where("", None, "")


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    # None until the loader says (pydantic copies a default for every object it makes, and inspects
    # a default factory's signature each time: that was most of validating a long guest list)
    _where: Where | None = PrivateAttr(default=None)
    _fields: dict[str, Where] | None = PrivateAttr(default=None)

    @property
    def where(self) -> Where:
        """The file, line and field this object came from (set by the loader), for later errors."""
        return self._where or NOWHERE

    def where_of(self, field: str) -> Where:
        """Where one of this object's fields was written (the object itself if not recorded)."""
        return (self._fields or {}).get(field, self.where)


def written(model: BaseModel, text: str) -> Where | None:
    """Where a text printed from the content was written: the first field (depth first, in field order)
    whose value holds it or is held by it; None when no field does."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str) and item and (item in text or text in item):
                return model.where_of(name) if isinstance(model, Strict) else None
            if isinstance(item, BaseModel):
                found = written(item, text)
                if found is not None:
                    return found
    return None
