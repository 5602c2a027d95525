"""The A4 handout: its cover, its sections and how the seating chart arranges the room (handout.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Markdown, Strict, Text

#: Content blocks a handout section can show, each drawn from the model.
Block = Literal["event", "network", "host", "cities", "design_cities", "meeting", "commission", "attendees",
                "seating"]


class Section(Strict):
    heading: Text
    #: A block built from the model (the city table, a key-value overview …).
    show: Block | None = None
    #: Markdown shown after the block.
    text: Markdown | None = None
    #: A Markdown file in content/texts/ shown after the text.
    file: str | None = None
    #: A line set flush right at the end (who signs a greeting).
    signature: str | None = None
    numbered: bool = True
    new_page: bool = False


class Cover(Strict):
    title: Text
    subtitle: Text = "次第"
    #: Documents handed out with the agenda (配布資料).
    documents: list[Text] = []


class Seating(Strict):
    """How the seating chart arranges the room."""

    #: u-shape: コの字, the head table across the top; classroom: スクール形式, rows facing the head table.
    layout: Literal["u-shape", "classroom"] = "u-shape"
    #: A4: the chart on the handout's pages (continued on the next when it is long); A3: on A3
    #: pages of its own (upright or across, whichever shows it larger), folded into the handout.
    paper: Literal["A4", "A3"] = "A4"


class HandoutOutline(Strict):
    """Order and headings of the A4 handout (handout.yaml)."""

    cover: Cover
    sections: list[Section] = Field(min_length=1)
    seating: Seating = Seating()
