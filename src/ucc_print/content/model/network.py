"""The network and its fields (network.yaml), the national commission (commission.yaml) and the
domestic member cities (cities.yaml)."""

from __future__ import annotations

from pydantic import Field

from ..types import JaDate, Year, YearMonthField
from .base import Markdown, Strict, Text


class CreativeField(Strict):
    name: Text
    name_en: Text
    #: Year the field was added, when it was not one of the original ones.
    since: Year | None = None


class Network(Strict):
    """The UNESCO Creative Cities Network (network.yaml)."""

    name: Text
    name_en: Text
    founded: Year
    summary: Markdown
    fields: list[CreativeField] = Field(min_length=1)
    countries: int = Field(ge=1)
    countries_approximate: bool = False
    cities: int = Field(ge=1)
    as_of: JaDate
    activities: Markdown

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


# ---------------------------------------------------------------- commission.yaml


class Commission(Strict):
    """The Japanese National Commission for UNESCO (commission.yaml)."""

    name: Text
    office: Text
    established: YearMonthField
    role: Markdown


# ---------------------------------------------------------------- cities.yaml


class City(Strict):
    city: Text
    prefecture: Text
    field: Text
    joined: Year
    #: Where the year comes from, so staff can check it.
    source: Text
    #: false until staff have confirmed the year against an official source.
    confirmed: bool = True


class CityList(Strict):
    """The domestic member cities, in the order the overview lists them (cities.yaml)."""

    as_of: JaDate
    cities: list[City] = Field(min_length=1)
