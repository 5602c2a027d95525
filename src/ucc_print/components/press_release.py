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


def topic_texts(project: Project, release: PressRelease, theme: Theme) -> list[tuple[str, str, list[TextBlockSpec]]]:
    """概要's topics in press.yaml's order, each (key, heading, its text): a topic's texts run on as
    one paragraph, as the form's small box wants; the guests a line each, in the order the 名簿 lists them."""
    value = theme.style("value")
    found: list[tuple[str, str, list[TextBlockSpec]]] = []
    for topic in release.overview:
        if topic == "guests":
            guests = project.ordered_of("来賓")
            if guests:
                found.append((topic, "来賓", [TextSpec(guest_line(guest), value) for guest in guests]))
            continue
        heading, paragraphs = TOPICS[topic](project)
        if not any(paragraphs):
            continue
        if topic in RUN_IN:
            found.append((topic, heading, [TextSpec((Run(paragraphs[0]),), value)]))
            continue
        text = "".join(paragraph.strip() for paragraph in paragraphs if paragraph.strip())
        found.append((topic, heading, list(markdown(text, theme, "value"))))
    return found


def topics(project: Project, release: PressRelease, theme: Theme) -> list[tuple[str, Sequence[TextBlockSpec]]]:
    """The topics as the printed form sets them: each ■heading, then its text (on the same line
    when it is short)."""
    value = theme.style("value")
    found: list[tuple[str, Sequence[TextBlockSpec]]] = []
    for key, heading, body in topic_texts(project, release, theme):
        mark = Run(f"■{heading}", bold=True)
        first = body[0]
        if key in RUN_IN and isinstance(first, TextSpec):
            found.append((key, [TextSpec((mark, Run("　" + first.text)), value)]))
        else:
            found.append((key, [TextSpec((mark,), value), *body]))
    return found


def addressing(release: PressRelease, theme: Theme) -> list[TextSpec]:
    """Document number and date of issue flush right, then the addressee (as the web page has them too)."""
    return [plain(release.number, theme, "body", "right"), plain(seireki(release.issued), theme, "body", "right"),
            plain(release.to, theme, "h3")]


def header(release: PressRelease, theme: Theme) -> list[Spec]:
    """The addressing, then the form's title."""
    return [*addressing(release, theme), plain("報道発表資料", theme, "h1", "center")]


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
    rows: list[tuple[str, CellValue | None]] = [
        ("発信課", contact.department),
        ("担当者", contact.person),
        ("連絡先", contact.reach()),
        ("分類", boxes(get_args(ReleaseCategory), release.category) if boxed else release.category),
        ("日程", f"{day} {clock_ja(event.start)} ～ {day} {clock_ja(event.end)}"),
        ("発表項目（行事名）", release.title or event.title),
        *([(OVERVIEW_LABEL, overview)] if overview is not None else []),
        ("添付資料", attached),
        ("報道（取材）に\n当たってのお願い", markdown(release.coverage, theme, "value") if release.coverage else None),
        ("備考", release.notes or None),
    ]
    # the printed form keeps every box (an empty one left blank); a page leaves out what is empty
    filled = [(label, "　" if value is None else value) for label, value in rows if boxed or value is not None]
    return key_values(filled, theme, ruled=True)


def press_release(project: Project, release: PressRelease, theme: Theme,
                  overview: Sequence[TextBlockSpec] | None = None) -> list[Spec]:
    """The whole form, top to bottom (with the 概要 given, or all its topics at full size)."""
    if overview is None:
        overview = [spec for _topic, specs in topics(project, release, theme) for spec in specs]
    return [*header(release, theme), form(project, release, theme, overview)]


def separate_sheet(rest: Sequence[Spec], theme: Theme) -> list[Spec]:
    """The 別紙: what the form's 概要 could not hold, under its own heading."""
    return [PageBreakSpec(), plain(SEPARATE_SHEET, theme, "h3"), *rest]
