"""Specs as semantic HTML: paragraphs, headings, lists as lists, data tables with a caption and
header cells that say their scope, labelled fields as a definition list. Every text is escaped, so
markup in a name prints literally."""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatch

from markupsafe import Markup, escape

from ...components.spec import (
    Cell,
    ChartSpec,
    HeadingSpec,
    KeyValueSpec,
    ListSpec,
    PageBreakSpec,
    Runs,
    Spec,
    TableSpec,
    TextSpec,
)


def tag(name: str, content: Markup | str, **attributes: str | None) -> Markup:
    """<name attributes>content</name>, attribute values escaped (class_ for class); put together
    with escape() and f-strings, Markup.format's Python formatter being most of a page's time."""
    given = "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
                    for key, value in attributes.items() if value is not None)
    return Markup(f"<{name}{given}>{escape(content)}</{name}>")


def runs(parts: Runs) -> Markup:
    """Runs as inline HTML: bold as <strong>, a unit kept whole (a name) in a span that wraps as one."""
    html = Markup("")
    for run in parts:
        text = Markup("<br>").join(escape(line) for line in run.text.split("\n"))
        if run.keep:
            text = tag("span", text, class_="keep")
        html += tag("strong", text) if run.bold else text
    return html


def _ordered(marker: str) -> bool:
    return marker.rstrip(".)．）").lstrip("(（").isdigit()


def list_html(spec: ListSpec) -> Markup:
    """Nested <ul>/<ol> from the items' levels (numbered markers make an <ol>), a deeper list
    inside the item before it."""
    items = spec.items

    def nested(start: int, level: int) -> tuple[Markup, int]:
        name = "ol" if _ordered(items[start].marker) else "ul"
        inner, index = Markup(""), start
        while index < len(items) and items[index].level >= level:
            content = Markup("")
            if items[index].level == level:
                content, index = runs(items[index].runs), index + 1
            if index < len(items) and items[index].level > level:
                deeper, index = nested(index, items[index].level)
                content += deeper
            inner += tag("li", content)
        return tag(name, inner), index

    html, index = Markup(""), 0
    while index < len(items):
        part, index = nested(index, items[index].level)
        html += part
    return html


def cell_html(cell: Cell, depth: int) -> Markup:
    """A cell's blocks: one paragraph inline, several as paragraphs and lists."""
    if len(cell) == 1 and isinstance(cell[0], TextSpec):
        return runs(cell[0].runs)
    return Markup("").join(block(spec, depth) for spec in cell)


def table_html(spec: TableSpec, caption: str, depth: int) -> Markup:
    """A data table: caption, header cells with scope="col", each row's first cell its header
    (scope="row") when the table has a header; the host's row or cells marked (★ says it too)."""
    numeric = ["num" if column.align == "right" else None for column in spec.columns]
    html = Markup("<table>") + tag("caption", caption)
    if spec.show_header:
        heads = [tag("th", column.title, scope="col", class_=kind)
                 for column, kind in zip(spec.columns, numeric, strict=True)]
        html += tag("thead", tag("tr", Markup("").join(heads)))
    body = Markup("")
    for row in spec.rows:
        cells = Markup("")
        for index, cell in enumerate(row.cells):
            classes = " ".join(part for part in (numeric[index], "host" if index in row.emphasised else None) if part)
            if index == 0 and spec.show_header and spec.columns[0].title:
                cells += tag("th", cell_html(cell, depth), scope="row", class_=classes or None)
            else:
                cells += tag("td", cell_html(cell, depth), class_=classes or None)
        body += tag("tr", cells, class_="host" if row.emphasis else None)
    html += tag("tbody", body)
    # a table wider than a phone scrolls inside its own box, which the keyboard can reach and scroll
    wrapped = tag("div", html + Markup("</table>"), class_="table-scroll", role="region", aria_label=f"{caption}の表",
                  tabindex="0")
    return wrapped + (tag("p", runs(spec.note.runs), class_="table-note") if spec.note else Markup(""))


def fields_html(spec: KeyValueSpec, depth: int) -> Markup:
    """Labelled rows as a definition list (開催概要, the press release's fields)."""
    return tag("dl", Markup("").join(
        tag("div", tag("dt", label.replace("\n", "")) + tag("dd", cell_html(cell, depth)))
        for label, cell in spec.rows), class_="fields")


@singledispatch
def block(spec: Spec, depth: int = 2, caption: str = "") -> Markup:
    """One spec as HTML, inside a section whose heading is h`depth`."""
    raise TypeError(f"no HTML for {type(spec).__name__}")


@block.register
def _(spec: TextSpec, depth: int = 2, caption: str = "") -> Markup:
    align = spec.style.align if spec.style.align in ("right", "center") else None
    return tag("p", runs(spec.runs), class_=align)


@block.register
def _(spec: HeadingSpec, depth: int = 2, caption: str = "") -> Markup:
    return tag(f"h{min(depth + 1, 6)}", escape(spec.text))


@block.register
def _(spec: ListSpec, depth: int = 2, caption: str = "") -> Markup:
    return list_html(spec)


@block.register
def _(spec: TableSpec, depth: int = 2, caption: str = "") -> Markup:
    return table_html(spec, caption, depth)


@block.register
def _(spec: KeyValueSpec, depth: int = 2, caption: str = "") -> Markup:
    return fields_html(spec, depth)


@block.register
def _(spec: PageBreakSpec, depth: int = 2, caption: str = "") -> Markup:
    return Markup("")


@block.register
def _(spec: ChartSpec, depth: int = 2, caption: str = "") -> Markup:
    return Markup("")  # the page shows a chart as a picture (Section.figures)


def blocks(specs: Sequence[Spec], depth: int = 2, caption: str = "") -> Markup:
    """Specs in order; tables take `caption` (the section's heading)."""
    return Markup("\n").join(block(spec, depth, caption) for spec in specs)
