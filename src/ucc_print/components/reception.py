"""The reception list (受付名簿): every guest once, with boxes to tick for 受付, 名札 and 資料 on the
day, in card order or 五十音順 by ふりがな, and the count of each 区分 at the end."""

from __future__ import annotations

from dataclasses import replace

from ..content.model import Guest, Project
from ..content.model.guests import CATEGORY_RANK
from ..design.theme import Theme
from ..design.tokens import Palette, Space
from ..japanese.kana import gojuon_key
from .blocks import event_when
from .spec import Column, Run, Spec, TextSpec
from .table import data_table
from .text import CellValue, named, plain

#: The orders the list can take: as the cards are printed, or 五十音順 by ふりがな.
ORDERS = ("card", "kana")
#: What is ticked off for each guest at the desk.
TICKS = ("受付", "名札", "資料")
#: A box to tick.
BOX = "□"
#: ふりがな's size over a name, in pt.
READING_SIZE = 7.5


def ordered(project: Project, order: str) -> list[Guest]:
    """The guests in card order, or by reading (those without a ふりがな last, in card order)."""
    guests = project.ordered_guests()
    if order == "card":
        return guests
    read = sorted((guest for guest in guests if guest.reading), key=lambda guest: gojuon_key(guest.reading or ""))
    return read + [guest for guest in guests if not guest.reading]


def _name_cell(guest: Guest, names: tuple[str, ...], theme: Theme) -> CellValue:
    """ふりがな in small type over the name, as Japanese lists print them (the name never broken)."""
    style = theme.style("table-cell").but(phrases=True)
    cell: list[TextSpec] = []
    if guest.reading:
        cell.append(TextSpec((Run(guest.reading, keep=True),),
                             style.but(size=READING_SIZE, leading=READING_SIZE * 1.3, colour=Palette.MUTED)))
    if guest.name:
        cell.append(TextSpec(named(guest.name, names), style))
    return cell or ""


def reception_list(project: Project, theme: Theme, order: str = "card") -> list[Spec]:
    """The list's heading, its table (header repeated on every page) and the counts per 区分."""
    guests = ordered(project, order)
    names = project.people()
    rows: list[list[CellValue]] = [
        [str(number), (Run(guest.category, keep=True),), guest.organization, guest.title or "",
         _name_cell(guest, names, theme), BOX, BOX, BOX]
        for number, guest in enumerate(guests, 1)]
    columns = [Column("No.", "right"), Column("区分"), Column("所属"), Column("役職"), Column("ふりがな／氏名"),
               *(Column(tick, "center") for tick in TICKS)]
    table = data_table(columns, rows, theme, sources=[guest.where for guest in guests])
    categories = sorted({guest.category for guest in guests}, key=lambda category: CATEGORY_RANK[category])
    counts = "　".join(f"{category} {sum(g.category == category for g in guests)}名" for category in categories)
    order_note = "五十音順（ふりがなのない方は末尾）" if order == "kana" else "名札と同じ順"
    # the counts are the table's note, which stays with its last row: never stranded on a page of their own
    note = TextSpec((Run(f"区分ごとの人数　{counts}　計 {len(guests)}名", bold=True), Run(f"（{order_note}）")),
                    theme.style("body").but(space_before=Space.M))
    return [
        plain(f"{project.event.title}　受付名簿", theme, "h2"),
        plain(f"{event_when(project)}　{project.event.venue}", theme, "body"),
        replace(table, note=note),
    ]
