"""The named blocks a handout section can `show:` (and the slides reuse): model → specs."""

from __future__ import annotations

from collections.abc import Callable

from ..content.model import Guest, Project, WorldCity
from ..design.theme import Theme
from ..errors import ContentError, Problem
from ..japanese.dates import time_range, wareki
from .keyvalue import key_values
from .seating import attendee_table, seating_plan
from .spec import Column, Run, Runs, Spec, TableSpec
from .table import data_table
from .text import CellValue, bullets, markdown, named, plain

#: The mark the overview puts beside the host city.
HOST_MARK = "★"


def guest_line(guest: Guest) -> Runs:
    """文部科学省 国際統括官　北山 浩士 氏 (organisation, title, name with its honorific kept whole)."""
    affiliation = " ".join(part for part in (guest.organization, guest.title) if part)
    name = guest.listed_name
    return (Run(f"{affiliation}　"), Run(name, keep=True)) if name else (Run(affiliation),)


def event_when(project: Project) -> str:
    """令和8年6月17日(水) 14:30～16:00."""
    event = project.event
    return f"{wareki(event.date, True)} {time_range(event.start, event.end)}"


def event_block(project: Project, theme: Theme) -> list[Spec]:
    """開催概要: date and time, venue, organiser, participants, guests."""
    event = project.event
    rows: list[tuple[str, CellValue]] = [
        ("日時", event_when(project)),
        ("場所", event.venue),
        ("主催", event.organiser),
        ("参加者", event.participants),
    ]
    guests = project.ordered_of("来賓")
    if guests:
        rows.append(("来賓", [guest_line(g) for g in guests]))
    return [key_values(rows, theme)]


def network_members(project: Project) -> str:
    """世界約100か国・408都市 — how many the network has, as the overview writes it."""
    network = project.network
    about = "約" if network.countries_approximate else ""
    return f"世界{about}{network.countries}か国・{network.cities}都市"


def network_block(project: Project, theme: Theme) -> list[Spec]:
    """ユネスコ創造都市ネットワークとは: summary, fields, membership, activities."""
    network = project.network
    added = [f"{f.name}は{f.since}年に追加" for f in network.fields if f.since]
    fields = "、".join(network.field_names) + f"の{len(network.fields)}分野"
    if added:
        fields += f"（{'、'.join(added)}）"
    members = f"{network_members(project)}（{wareki(network.as_of)}現在）"
    return [
        *markdown(network.summary, theme),
        key_values(
            [
                ("設立", f"{network.founded}年"),
                ("対象分野", fields),
                ("加盟都市", members),
                ("主な活動", markdown(network.activities, theme, "value")),
            ],
            theme,
        ),
    ]


def host_block(project: Project, theme: Theme) -> list[Spec]:
    """本市の関わり: the host city's field, date, summary and activities."""
    host = project.host
    member = host.membership
    designated = wareki(member.designated, True)
    if member.designated_note:
        designated += f"（{member.designated_note}）"
    rows: list[tuple[str, CellValue]] = [
        ("認定分野", f"{member.field}（{member.field_en}）"),
        ("認定日", designated),
    ]
    if member.standing:
        rows.append(("位置付け", member.standing))
    rows += [
        ("概要", markdown(member.summary, theme, "value")),
        ("主な活動", (bullets(member.activities, theme, role="value"),)),
    ]
    return [key_values(rows, theme)]


def city_table(project: Project, theme: Theme) -> TableSpec:
    """The domestic member cities: 都市 / 都道府県 / 分野 / 加盟年; the host row emphasised."""
    host = project.host.city
    cities = project.cities.cities
    return data_table(
        [Column("都市"), Column("都道府県"), Column("分野"), Column("加盟年", "right")],
        [
            [f"{HOST_MARK}{c.city}" if c.city == host else c.city, c.prefecture, c.field, f"{c.joined}年"]
            for c in cities
        ],
        theme,
        emphasis=[c.city == host for c in cities],
        note=f"{wareki(project.cities.as_of)}現在。{HOST_MARK}は本年度の開催都市。",
        sources=[c.where for c in cities],
    )


def design_city_table(project: Project, theme: Theme, across: int = 1) -> TableSpec:
    """The world's creative cities of the host's field (design_cities.yaml): 都市 / 国 (/ 加盟年),
    `across` cities a row (read across, then down), names never broken, the host marked as in the city table
    (★, and its row filled when the table is one list), the list's date and source under it."""
    world = project.design_cities
    if world is None:
        raise ContentError([Problem("content/design_cities.yaml", None, "", "the world's design cities",
                                    "no content/design_cities.yaml", "copy it from the bundled example content")])
    host = project.host.city
    joined = any(city.joined for city in world.cities)
    columns = [Column("都市"), Column("国")] + ([Column("加盟年", "right")] if joined else [])
    def entry(city: WorldCity) -> list[CellValue]:
        name: Runs = (Run(f"{HOST_MARK}{city.city}", bold=True, keep=True),) if city.names(host) else (
            Run(city.city, keep=True),)
        cells: list[CellValue] = [name, (Run(city.country, keep=True),)]
        return cells + ([f"{city.joined}年" if city.joined else "—"] if joined else [])

    entries = [entry(city) for city in world.cities]
    blank: list[CellValue] = [""] * len(columns)
    rows: list[list[CellValue]] = [
        [value for part in entries[start:start + across] for value in part]
        + blank * (across - len(entries[start:start + across]))
        for start in range(0, len(entries), across)]
    marked = [index for index, city in enumerate(world.cities) if city.names(host)]
    width = len(columns)
    return data_table(
        columns * across, rows, theme,
        emphasis=[city.names(host) for city in world.cities] if across == 1 else (),
        emphasised={index // across: tuple(range(index % across * width, (index % across + 1) * width))
                    for index in marked} if across > 1 else None,
        note=f"{world.field}分野の{len(world.cities)}都市（{wareki(world.as_of)}現在）。"
             + (f"{HOST_MARK}は本年度の開催都市。" if marked else "") + f"出典：{world.source}",
        sources=[city.where for city in world.cities[::across]],
    )


def meeting_block(project: Project, theme: Theme) -> list[Spec]:
    """国内ネットワーク会議について: purpose and rotation."""
    return [*markdown(project.event.purpose, theme), plain(project.event.rotation, theme)]


def commission_block(project: Project, theme: Theme) -> list[Spec]:
    """日本ユネスコ国内委員会: name, office, founding, role."""
    commission = project.commission
    return [
        key_values(
            [
                ("正式名称", f"{commission.name}（{commission.office}）"),
                ("設立", commission.established.with_wareki),
                ("役割", markdown(commission.role, theme, "value")),
            ],
            theme,
        )
    ]


def agenda_entries(project: Project) -> list[tuple[str, str, list[str], Runs]]:
    """The 次第 as every output prints it: each item's time, title, sub-items （1）… and speaker
    (names kept whole)."""
    names = project.people()
    return [(item.time or "", item.title, [f"（{n}）{sub}" for n, sub in enumerate(item.items, 1)],
             named(item.speaker, names) if item.speaker else ()) for item in project.event.agenda]


def agenda_table(project: Project, theme: Theme) -> TableSpec:
    """次第: number, item (with sub-items), speaker, time: each column as wide as its content asks,
    the item taking the rest."""
    rows: list[list[CellValue]] = [[str(number), [title, *subs], speaker or "", time]
                                   for number, (time, title, subs, speaker) in enumerate(agenda_entries(project), 1)]
    return data_table(
        [Column("", "right"), Column("項目"), Column(""), Column("時刻", "right")],
        rows,
        theme,
        show_header=False,
        banded=False,
        cell_role="agenda",
        pad_y=theme.cell_pad_y * 2,
        sources=[item.where for item in project.event.agenda],
    )


#: The blocks a handout section can show: (project, theme, the frame's width) → specs.
BLOCKS: dict[str, Callable[[Project, Theme, float], list[Spec]]] = {
    "event": lambda project, theme, width: event_block(project, theme),
    "network": lambda project, theme, width: network_block(project, theme),
    "host": lambda project, theme, width: host_block(project, theme),
    "cities": lambda project, theme, width: [city_table(project, theme)],
    "design_cities": lambda project, theme, width: [design_city_table(project, theme, across=2)],
    "meeting": lambda project, theme, width: meeting_block(project, theme),
    "commission": lambda project, theme, width: commission_block(project, theme),
    "attendees": lambda project, theme, width: [attendee_table(project, theme)],
    "seating": lambda project, theme, width: [seating_plan(project, theme, width).chart()],
}
