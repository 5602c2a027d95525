"""The meeting itself and its 次第 (event.yaml)."""

from __future__ import annotations

from pydantic import Field

from ..types import ClockTime, JaDate
from .base import Markdown, Strict, Text


class AgendaItem(Strict):
    """One line of the 次第."""

    title: Text
    time: ClockTime | None = None
    #: Who speaks or presents, shown after the title.
    speaker: str | None = None
    #: Sub-items such as (1) 各都市の活動報告.
    items: list[Text] = []


class Event(Strict):
    """The meeting itself (event.yaml)."""

    name: Text
    number: int = Field(ge=1)
    date: JaDate
    start: ClockTime
    end: ClockTime
    venue: Text
    organiser: Text
    participants: Text
    purpose: Markdown
    rotation: Text
    agenda: list[AgendaItem] = Field(min_length=1)

    @property
    def title(self) -> str:
        """第9回ユネスコ創造都市国内ネットワーク会議."""
        return f"第{self.number}回{self.name}"
