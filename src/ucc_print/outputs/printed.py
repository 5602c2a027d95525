"""The print shop's files: every product print.yaml orders, built in the press profile."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..content.model import PrintItem, Project
from ..design.cards import TENT_PANEL
from ..design.press import PRESS
from ..design.units import mm
from ..errors import UccError
from . import cards, deck, handout

#: 品名 of each output, as the order sheet names it.
PRODUCT_NAMES = {"handout": "会議資料", "slides-handout": "スライド配布資料", "slides": "スライド",
                 "tent-cards": "卓上名札", "badges": "名札"}
#: Outputs where each page is a separate product (one guest's card), not a page of a booklet.
ONE_PER_PAGE = {"tent-cards", "badges"}


@dataclass(frozen=True)
class PressFile:
    """One file for print/: what it is, how it is ordered, its PDF/X bytes."""

    item: PrintItem
    name: str
    product: str
    data: bytes
    #: The size once folded, in mm (a tent card), when the shop folds what it cuts.
    folded_mm: tuple[float, float] | None = None

    @property
    def per_page_product(self) -> bool:
        """True when every page is a card of its own (quantities count cards, not booklets)."""
        return self.item.output in ONE_PER_PAGE


class _Builds:
    """Each output built once, however many items use it."""

    def __init__(self, project: Project, root: Path):
        self.project, self.root = project, root

    @cached_property
    def slides(self):
        return deck.slides(self.project, self.root)

    @cached_property
    def cards(self) -> dict[str, bytes]:
        return cards.build(self.project, PRESS)

    def file(self, item: PrintItem) -> tuple[str, bytes]:
        """(file name, PDF/X bytes) for one item."""
        if item.output == "handout":
            return handout.FILE_NAME, handout.build(self.project, profile=PRESS)
        if item.output == "slides-handout":
            return deck.handout_name(item.per_page), deck.build_handout(self.project, self.slides, item.per_page, PRESS)
        if item.output == "slides":
            return deck.PDF_NAME, deck.build_pdf(self.project, self.slides, PRESS)
        name = cards.TENT_FILE if item.output == "tent-cards" else cards.BADGE_FILE
        return name, self.cards[name]


def press_files(project: Project, root: Path) -> list[PressFile]:
    """Every item of print.yaml as a press-ready file, in the order print.yaml lists them."""
    if project.printing is None:
        raise UccError("content/print.yaml is missing: it lists what the print shop is to print (products, "
                       "copies, paper, finishing).\nCopy it from the bundled example content and edit it.")
    builds = _Builds(project, root)
    files = []
    for item in project.printing.items:
        name, data = builds.file(item)
        folded = (TENT_PANEL.width / mm(1), TENT_PANEL.height / mm(1)) if item.output == "tent-cards" else None
        files.append(PressFile(item, name, PRODUCT_NAMES[item.output], data, folded))
    return files
