"""What goes to the print shop (print.yaml): the order sheet's header and its products."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..types import JaDate
from .base import Strict, Text


class PrintItem(Strict):
    """One printed product: which output, how many, on what, finished how (a line of the 入稿仕様書)."""

    #: The product, by the name its output gives it (handout, slides-handout, tent-cards …; the
    #: outputs check it).
    output: Text
    #: For slides-handout: slides a page (3 has lines for notes).
    per_page: Literal[2, 3, 6] = 3
    #: 部数: copies of the whole file (cards: of each card).
    copies: int = Field(ge=1, le=100000)
    paper: Text
    #: 片面 or 両面 printing; every side in four-colour CMYK.
    sides: Literal["片面", "両面"] = "片面"
    #: 加工: trimming, folding, stapling … as the shop should do it.
    finishing: Text
    note: str | None = None


class PrintOrder(Strict):
    """What goes to the print shop (print.yaml): the order sheet's header and one item per product."""

    #: 印刷会社 (left blank on the sheet if not yet chosen).
    shop: str | None = None
    #: 納品希望日.
    due: JaDate | None = None
    #: 納品先.
    delivery: str | None = None
    #: 校正: whether the shop should send a colour proof before printing.
    proofing: Text = "色校正なし（内容は proofs/ の画像でご確認ください）"
    items: list[PrintItem] = Field(min_length=1)
