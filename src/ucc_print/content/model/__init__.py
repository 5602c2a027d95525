"""The content model: one validated object per content file, assembled into a Project.

Unknown keys are errors (extra="forbid"), so a typo never vanishes silently. Fields typed
`Markdown` hold Markdown text; every text field may use Jinja2 (see the templating package).
A module per content file: event, host, network (with commission and cities), guests, handout,
printing (print.yaml), press, kit (letters.yaml, signs.yaml,
design_cities.yaml), web (web.yaml); base holds what they share, project the whole.
"""

from __future__ import annotations

from .base import Strict, Where
from .event import Event
from .guests import Guest, GuestList
from .handout import Block, HandoutOutline
from .host import Host, Milestone
from .kit import Letters, Sign, Signs, WorldCities, WorldCity
from .network import CityList, Commission, Network
from .press import OverviewTopic, PressRelease, ReleaseCategory
from .printing import PrintItem, PrintOrder
from .project import Project
from .web import WebEdition

__all__ = [
    "Block",
    "CityList",
    "Commission",
    "Event",
    "Guest",
    "GuestList",
    "HandoutOutline",
    "Host",
    "Letters",
    "Milestone",
    "Network",
    "OverviewTopic",
    "PressRelease",
    "PrintItem",
    "PrintOrder",
    "Project",
    "ReleaseCategory",
    "Sign",
    "Signs",
    "Strict",
    "WebEdition",
    "Where",
    "WorldCities",
    "WorldCity",
]
