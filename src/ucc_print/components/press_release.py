"""The city's press release form (報道発表資料): the header, then one ruled key-value form whose
every value comes from the model — the same date, venue and guests the handout prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import get_args

from ..content.model import PressRelease, Project, ReleaseCategory
from ..design.theme import Theme
from ..japanese.dates import clock_ja, seireki, time_range, wareki
from .blocks import guest_line, network_members
from .keyvalue import key_values
from .spec import KeyValueSpec, PageBreakSpec, Run, Spec, TextBlockSpec, TextSpec
from .text import CellValue, markdown, plain

#: A ticked and an empty box, as Japanese forms print them (the fonts have no ☑).
TICKED, EMPTY = "■", "□"
#: 概要 topic → (its heading, its paragraphs) from the model.
Topic = Callable[[Project], tuple[str, list[str]]]


def _network(project: Project) -> tuple[str, list[str]]:
    network = project.network
    return f"{network.name}について", [
        network.summary,
        f"対象分野は{'、'.join(network.field_names)}の{len(network.fields)}分野で、{network_members(project)}"
        f"が加盟しています（{wareki(network.as_of)}現在）。",
        network.activities,
    ]


def _host(project: Project) -> tuple[str, list[str]]:
    member = project.host.membership
    return f"{project.host.city}の取組", [
        f"{member.field}分野（{member.designated.year}年認定）。{member.summary}",
        f"主な活動：{'、'.join(member.activities)}。",
    ]


#: Every OverviewTopic of the model, in no particular order (a test checks none is missing).
TOPICS: dict[str, Topic] = {
    "when": lambda p: ("日時", [f"{wareki(p.event.date, True)} "
                               f"{time_range(clock_ja(p.event.start), clock_ja(p.event.end))}"]),
    "venue": lambda p: ("場所", [p.event.venue]),
    "participants": lambda p: ("参加者", [p.event.participants]),
    "guests": lambda p: ("来賓", ["".join(run.text for run in guest_line(g)) for g in p.ordered_of("来賓")]),
    "network": _network,
    "host": _host,
    "meeting": lambda p: ("会議について", [p.event.purpose, p.event.rotation]),
}
#: Topics short enough to run on after their heading on one line; topics listed a line each.
RUN_IN = {"when", "venue", "participants"}
#: The label of 概要, broken where the city's form breaks it.
OVERVIEW_LABEL = "概要\n（趣旨・日時・\n場所・内容等）"
#: What the 概要 cell says when it continues on the separate sheet (or is all there), and that
#: sheet's heading.
CONTINUED, SEE_SEPARATE, SEPARATE_SHEET = "（別紙に続く）", "別紙のとおり", "（別紙）概要（続き）"


def boxes(choices: tuple[str, ...], chosen: str) -> str:
    """イベント・行事 □　募集 □　…　会議・説明会 ■ — one box per choice, the chosen one ticked."""
    return "　".join(f"{choice} {TICKED if choice == chosen else EMPTY}" for choice in choices)


def topics(project: Project, release: PressRelease, theme: Theme) -> list[tuple[str, Sequence[TextBlockSpec]]]:
    """概要's topics in press.yaml's order: each ■heading, then its text (on the same line when it
    is short; the guests a line each, in the order the 名簿 lists them)."""
    value = theme.style("value")
    found: list[tuple[str, Sequence[TextBlockSpec]]] = []
    for topic in release.overview:
        if topic == "guests":
            guests = project.ordered_of("来賓")
            if guests:
                found.append((topic, [TextSpec((Run("■来賓", bold=True),), value)]
                              + [TextSpec(guest_line(guest), value) for guest in guests]))
            continue
        heading, paragraphs = TOPICS[topic](project)
        if not any(paragraphs):
            continue
        mark = Run(f"■{heading}", bold=True)
        if topic in RUN_IN:
            found.append((topic, [TextSpec((mark, Run("　" + paragraphs[0])), value)]))
            continue
        # a topic's texts run on as one paragraph, as the form's small box wants
        text = "".join(paragraph.strip() for paragraph in paragraphs if paragraph.strip())
        found.append((topic, [TextSpec((mark,), value), *markdown(text, theme, "value")]))
    return found


def header(release: PressRelease, theme: Theme) -> list[Spec]:
    """Document number and date of issue flush right, the addressee, the form's title."""
    return [
        plain(release.number, theme, "body", "right"),
        plain(seireki(release.issued), theme, "body", "right"),
        plain(release.to, theme, "h3"),
        plain("報道発表資料", theme, "h1", "center"),
    ]


def form(project: Project, release: PressRelease, theme: Theme, overview: Sequence[TextBlockSpec] | None,
         boxed: bool = True) -> KeyValueSpec:
    """The ruled form: 発信課 … 備考, as the city's template orders them, with the 概要 given.

    Not `boxed` (a web page, read aloud): the chosen 分類 and 添付資料 alone instead of ■ and □
    boxes, no 概要 row when none is given (the page sets it out under headings), no empty rows.
    """
    event, contact = project.event, project.host.contact
    day = wareki(event.date)
    what = f"（{release.attached}）" if release.attachments and release.attached else ""
    if boxed:
        attached = f"有 {TICKED}{what}　無 {EMPTY}" if release.attachments else f"有 {EMPTY}　無 {TICKED}"
    else:
        attached = f"有{what}" if release.attachments else "無"
    rows: list[tuple[str, CellValue]] = [
        ("発信課", contact.department),
        ("担当者", contact.person),
        ("連絡先", contact.reach()),
        ("分類", boxes(get_args(ReleaseCategory), release.category) if boxed else release.category),
        ("日程", f"{day} {clock_ja(event.start)} ～ {day} {clock_ja(event.end)}"),
        ("発表項目（行事名）", release.title or event.title),
        *([(OVERVIEW_LABEL, overview)] if overview is not None else []),
        ("添付資料", attached),
        ("報道（取材）に\n当たってのお願い", markdown(release.coverage, theme, "value") if release.coverage else "　"),
        ("備考", release.notes or "　"),
    ]
    if not boxed:
        rows = [(label, value) for label, value in rows if value != "　"]
    return key_values(rows, theme, ruled=True)


def press_release(project: Project, release: PressRelease, theme: Theme,
                  overview: Sequence[TextBlockSpec] | None = None) -> list[Spec]:
    """The whole form, top to bottom (with the 概要 given, or all its topics at full size)."""
    if overview is None:
        overview = [spec for _topic, specs in topics(project, release, theme) for spec in specs]
    return [*header(release, theme), form(project, release, theme, overview)]


def separate_sheet(rest: Sequence[Spec], theme: Theme) -> list[Spec]:
    """The 別紙: what the form's 概要 could not hold, under its own heading."""
    return [PageBreakSpec(), plain(SEPARATE_SHEET, theme, "h3"), *rest]
