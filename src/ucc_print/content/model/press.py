"""The city's press release, 報道発表資料 (press.yaml), and the topics its 概要 can tell."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..types import JaDate
from .base import Markdown, Strict, Text

#: 分類 on the city's press release form, in the form's order.
ReleaseCategory = Literal["イベント・行事", "募集", "契約・入札", "会議・説明会", "その他"]
#: What the 概要 of a press release can tell, each drawn from the model (see components/press_release.py).
OverviewTopic = Literal["when", "venue", "participants", "guests", "network", "host", "meeting"]


class PressRelease(Strict):
    """The city's standard press release, 報道発表資料 (press.yaml): only what the rest of the
    content does not already say."""

    to: Text = "各報道機関 様"
    #: 文書番号, as the city's document system gives it.
    number: Text
    #: 発表日.
    issued: JaDate
    category: ReleaseCategory
    #: 発表項目（行事名）; the meeting's title unless given.
    title: str | None = None
    #: The topics of the 概要, in order.
    overview: list[OverviewTopic] = Field(
        default=["when", "venue", "participants", "guests", "network", "host", "meeting"], min_length=1)
    #: 添付資料: 有 (true) or 無 (false), and what is attached.
    attachments: bool = True
    attached: str | None = None
    #: 報道（取材）に当たってのお願い.
    coverage: Markdown | None = None
    #: 備考.
    notes: str | None = None
    #: When 概要 does not fit the one page even set tighter: continue it on a second page (別紙).
    separate_sheet: bool = False
