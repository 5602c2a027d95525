"""Invitation letters (開催について（通知）) and reply forms (出欠回答票): one of each per recipient.

Recipients come from the guest list: one letter per member city (addressed to its mayor, 市長)
or other organisation (御中) for 参加者, one per person for 来賓; the host city and 事務局 get none.
letters.yaml holds only the number, date, kind, deadline and wording; the date, venue, agenda,
sender and contact are the ones every other output prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.model import Guest, Letters, Project, Where
from ..design.geometry import Box
from ..design.theme import NO_RULE, Theme
from ..design.tokens import PageGrid
from ..japanese.dates import wareki
from .blocks import event_when
from .keyvalue import key_values
from .measure import cell_extent, stack_height
from .pages import Layout, Page, paginate
from .shapes import bounds
from .spec import Column, PageBreakSpec, Run, Runs, Spec, TextSpec
from .stack import place
from .table import data_table
from .text import CellValue, markdown, plain

#: Room between the end of a letter and its contact block, in pt.
CONTACT_GAP = 24.0


@dataclass(frozen=True)
class Recipient:
    """Whom a letter goes to: the organisation, the address as printed, and (for a 来賓) the person."""

    organization: str
    #: The address, a paragraph each: 神戸市長 様; 文部科学省 / 国際統括官　北山 浩士 様.
    address: tuple[Runs, ...]
    title: str
    name: str
    where: Where

    @property
    def label(self) -> str:
        """How messages and tests name the recipient."""
        return " ".join(part for part in (self.organization, self.title, self.name) if part)


def _person(guest: Guest) -> Recipient:
    """A 来賓's address: 所属 / 役職　氏名 様; without a name, 役職 様; with neither, 所属 御中."""
    address: tuple[Runs, ...]
    if guest.name:
        line: Runs = ((Run(f"{guest.title}　"),) if guest.title else ()) + (Run(f"{guest.name} 様", keep=True),)
        address = ((Run(guest.organization),), line)
    elif guest.title:
        address = ((Run(guest.organization),), (Run(f"{guest.title} 様", keep=True),))
    else:
        address = ((Run(guest.organization), Run("　御中")),)
    return Recipient(guest.organization, address, guest.title or "", guest.name or "", guest.where)


def recipients(project: Project) -> list[Recipient]:
    """Every recipient in card order (Project.addressees): each 来賓 by name, each member city to its
    mayor (市長 様), another organisation 御中."""
    found: list[Recipient] = []
    for guest, city in project.addressees():
        if guest.category == "来賓":
            found.append(_person(guest))
            continue
        key = city or guest.organization
        address = (Run(f"{city}長 様", keep=True),) if city else (Run(guest.organization), Run("　御中"))
        found.append(Recipient(key, (address,), f"{city}長" if city else "", "", guest.where))
    return found


def subject(project: Project, letters: Letters) -> str:
    """第9回ユネスコ創造都市国内ネットワーク会議の開催について（通知）."""
    return letters.subject or f"{project.event.title}の開催について（{letters.kind}）"


def body(letters: Letters) -> str:
    """The text before 「記」: letters.yaml's, or the usual wording for a 通知 or a 依頼."""
    if letters.body:
        return letters.body
    deadline = wareki(letters.reply_by, True)
    if letters.kind == "依頼":
        return ("標記の会議を下記のとおり開催しますので、御多忙のところ誠に恐縮ですが、御出席くださいますよう"
                f"お願い申し上げます。\n\nなお、出欠につきましては、{deadline}までに御回答くださいますようお願いします。")
    return (f"標記の会議を下記のとおり開催しますので、お知らせします。\n\nつきましては、出欠を{deadline}までに"
            "御回答くださいますようお願いします。")


def sender(project: Project) -> str:
    """旭川市長　今津 寛介 (the title alone until the name is filled in)."""
    mayor = project.host.mayor
    return f"{mayor.title}　{mayor.name}" if mayor.name else mayor.title


def particulars(project: Project, letters: Letters, theme: Theme) -> Spec:
    """記: 1 日時, 2 場所, 3 内容 (the 次第), 4 回答期限, 5 回答方法 (6 その他), numbered, unruled."""
    agenda = [f"（{number}）{item.title}" for number, item in enumerate(project.event.agenda, 1)]
    rows: list[tuple[str, CellValue]] = [
        ("日時", event_when(project)),
        ("場所", project.event.venue),
        ("内容", agenda),
        ("回答期限", wareki(letters.reply_by, True)),
        ("回答方法", letters.reply),
    ]
    if letters.notes:
        rows.append(("その他", letters.notes))
    table = data_table([Column("", "right"), Column(""), Column("")],
                       [[str(number), label, value] for number, (label, value) in enumerate(rows, 1)],
                       theme, show_header=False, banded=False, cell_role="value")
    return replace(table, frame_rule=NO_RULE, row_rule=NO_RULE, valign="t")


def letter(project: Project, letters: Letters, recipient: Recipient, theme: Theme) -> list[Spec]:
    """One letter, top to bottom (its contact block is placed at the page's foot by `layout`)."""
    style = theme.style("body")
    specs: list[Spec] = [plain(letters.number, theme, "body", "right"),
                         plain(wareki(letters.issued), theme, "body", "right")]
    specs += [TextSpec(runs, theme.style("addressee")) for runs in recipient.address]
    specs.append(TextSpec((Run(sender(project), keep=True),),
                          style.but(align="right", space_before=style.leading,
                                    space_after=style.leading * 2 if letters.seal else 0)))
    if not letters.seal:
        specs.append(plain("（公印省略）", theme, "body", "right"))
    specs.append(plain(subject(project, letters), theme, "subject"))
    specs += markdown(body(letters), theme, "prose")
    specs.append(TextSpec((Run("記"),), style.but(align="center", space_before=style.leading,
                                                 space_after=style.leading / 2)))
    specs.append(particulars(project, letters, theme))
    specs.append(plain("以上", theme, "body", "right"))
    return specs


def contact(project: Project, theme: Theme) -> list[TextSpec]:
    """（担当）経済部産業振興課　和田 / 電話 / FAX / E-mail: the section's name may wrap, the rest is kept whole."""
    style = theme.style("caption").but(space_before=0)
    host, reach = project.host, project.host.contact
    section = (Run("（担当）"), Run(f"{host.city}{reach.department}"), Run(f"　{reach.person}", keep=True))
    return [TextSpec(section, style)] + [TextSpec((Run(text, keep=True),), style) for text in reach.reach()]


def _contact_box(project: Project, theme: Theme, grid: PageGrid) -> tuple[list[TextSpec], Box]:
    """The contact block and where it sits: at the frame's foot, flush right, at most half the frame wide."""
    specs = contact(project, theme)
    width = min(cell_extent(tuple(specs), whole=False).widest + specs[0].style.size, grid.frame_width / 2)
    height = stack_height(specs, width)
    return specs, Box(grid.width - grid.right - width, grid.height - grid.bottom - height, width, height)


def layout(project: Project, letters: Letters, theme: Theme) -> Layout:
    """Every recipient's letter, each starting on a page of its own, its contact block at the foot of
    its last page. A letter that leaves no room for the block is set again with that room kept on every
    page, so the block never stands on a page of its own."""
    grid = theme.page_grid
    specs, box = _contact_box(project, theme, grid)
    reserved = replace(grid, bottom=grid.height - box.y + CONTACT_GAP)
    pages: list[Page] = []
    problems = []
    for recipient in recipients(project):
        story = letter(project, letters, recipient, theme)
        laid = paginate(story, grid)
        used = max((bounds(shape).bottom for shape in laid.pages[-1].shapes), default=grid.top)
        if used + CONTACT_GAP > box.y:
            laid = paginate(story, reserved)
        laid.pages[-1].shapes.extend(place(specs, box))
        pages += laid.pages
        problems += laid.problems
    return Layout(pages, problems)


def reply_form(project: Project, letters: Letters, recipient: Recipient, theme: Theme) -> list[Spec]:
    """出欠回答票: to whom and by when to reply, the organisation, 出席/欠席 boxes, lines for the
    attendees' titles and names (the 来賓's own filled in), contact and notes."""
    contact, event = project.host.contact, project.event
    reach = "　／　".join(contact.reach(phone=False))
    write = theme.style("write")

    def lines(*texts: str | Runs) -> list[TextSpec]:
        return [TextSpec((Run(text),) if isinstance(text, str) else text, write) for text in texts]

    blank = lines("役職：", "氏名：")
    people: list[tuple[str, CellValue]]
    if recipient.name:
        people = [("出席者", lines(f"役職：{recipient.title}", (Run("氏名："), Run(recipient.name, keep=True)))),
                  ("随行者", blank)]
    else:
        people = [(f"出席者（{number}）", blank) for number in (1, 2, 3)]
    rows: list[tuple[str, CellValue]] = [
        ("所属", recipient.organization),
        ("出欠", lines("□ 出席する　　　　□ 欠席する")),
        *people,
        ("連絡先", lines("電話：", "E-mail：")),
        ("備考", lines("　", "　", "　", "　")),
    ]
    return [
        plain("（回答先）", theme, "small"),
        plain(f"{project.host.city}{contact.department}　{contact.person} 行", theme, "h3"),
        plain(reach, theme, "body"),
        plain(event.title, theme, "h1", "center"),
        TextSpec((Run("出欠回答票"),), theme.style("h1").but(align="center", space_before=0)),
        TextSpec((Run(f"回答期限　{wareki(letters.reply_by, True)}", bold=True),),
                 theme.style("body").but(align="right")),
        key_values(rows, theme, ruled=True),
        plain("※ 出欠のいずれかの□を■に塗るか、○で囲んでください。出席される方の役職と氏名を御記入ください。",
              theme, "small"),
    ]


def reply_forms(project: Project, letters: Letters, theme: Theme) -> Layout:
    """Every recipient's reply form, a page each."""
    specs: list[Spec] = []
    for number, recipient in enumerate(recipients(project)):
        specs += ([PageBreakSpec()] if number else []) + reply_form(project, letters, recipient, theme)
    return paginate(specs, theme.page_grid)
