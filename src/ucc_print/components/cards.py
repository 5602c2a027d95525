"""Name cards (tent cards and badges) as specs: each part of the card fitted to its box.

Names shrink to fit on one line, or break between family and given name; organisations and
titles break between phrases on balanced lines and shrink; nothing goes below its style's
readable floor. A guest whose card cannot be made is a content error naming the guest and the
row they were written on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.model import Guest, Project
from ..design import fonts
from ..design.cards import BADGE, TENT_PANEL, CardLayout
from ..design.geometry import Box
from ..design.theme import BADGES, TENT_CARDS, TextStyle, Theme
from ..design.tokens import Colour, Palette
from ..errors import ContentError, Problem
from .fit import factors, fit_stack, scaled
from .measure import SAFETY, lines, spans, stack_height
from .shapes import Shape
from .spec import Run, TextSpec
from .stack import place

#: 様 after a name is this much smaller than the name.
HONORIFIC_SCALE = 0.6
#: The band colour of each category on badges.
CATEGORY_COLOURS = {"来賓": Palette.ACCENT, "参加者": Palette.PRIMARY, "事務局": Palette.MUTED}
SPACES = (" ", "\u3000")
#: A name takes two lines only if that prints it this much larger than one line.
ONE_LINE_PREFERENCE = 1.25
#: A name this long with no space or separator may break at its middle rather than shrink away.
LONG_NAME = 12
#: Where a name without a space may still break: after the dots and equals signs of foreign names.
NAME_SEPARATORS = "・＝=･"
#: What to suggest for each part that does not fit.
HINTS = {
    "name": "write a space between family and given name so it can take two lines, or use the short form "
            "the guest uses (without middle names)",
    "organization": "shorten it (a common abbreviation, or the organisation without its department), "
                    "or move part of it to the title",
    "title": "shorten the title, or keep only the main one",
    "reading": "shorten the reading the same way as the name",
    "event": "shorten the event's name in event.yaml",
}


@dataclass(frozen=True)
class NameCardSpec:
    """One card face: its layout, each part's fitted text placed in the part's box, and the band's
    colour."""

    layout: CardLayout
    #: Part (organization, title, reading, guest_name, event, category) → its lines where they go on
    #: the face, from its top-left (a part's text repeated down a list is the same shapes).
    parts: dict[str, list[Shape]]
    band_colour: Colour | None = None

    @property
    def shapes(self) -> list[Shape]:
        """Every part's shapes, in drawing order."""
        return [shape for placed in self.parts.values() for shape in placed]


def place_card_honorific(guest: Guest) -> str:
    """The honorific on a place card: 様 for guests (and where lists print 氏), otherwise as
    written (先生 …); none for a seat whose name is not known yet."""
    if not guest.name:
        return ""
    if guest.honorific:
        return "様" if guest.honorific == "氏" else guest.honorific
    return "様" if guest.category == "来賓" else ""


def _width(runs: tuple[Run, ...], style: TextStyle) -> float:
    return sum(fonts.text_width(run.text, style.face(run.bold), style.size * run.scale) for run in runs)


def fit_name(name: str, honorific: str, style: TextStyle, box: Box) -> TextSpec | None:
    """The name on one line if it fits at the floor or above, else across two lines between
    family and given name; None if neither fits."""
    tail = (Run(honorific, scale=HONORIFIC_SCALE),) if honorific else ()
    name = name.strip()
    best = _fitted_name((Run(name),) + tail, style, box, None)
    if best is not None and best.style.size * ONE_LINE_PREFERENCE >= style.size:
        return best  # two lines could not print it clearly larger
    # Two lines break between family and given name, or after a ・ or ＝ of a foreign name, where
    # the longer line is shortest (Maria Jose | Garcia-Fernandez); a long name without either, at
    # its middle.
    cuts = [i for i, ch in enumerate(name) if ch in SPACES] + [i + 1 for i, ch in enumerate(name[:-1])
                                                                 if ch in NAME_SEPARATORS]
    if not cuts and len(name) >= LONG_NAME:
        cuts = [len(name) // 2]
    if not cuts:
        return best
    face = style.face(True)
    cut = min(cuts, key=lambda i: max(fonts.text_width(name[:i], face, 1), fonts.text_width(name[i:], face, 1)))
    return _fitted_name((Run(name[:cut].rstrip() + "\n" + name[cut:].strip()),) + tail, style, box, best) or best


def _fitted_name(runs: tuple[Run, ...], style: TextStyle, box: Box, best: TextSpec | None) -> TextSpec | None:
    """The runs at the largest size that fits the box, if that is at the floor or above and (with
    a `best` already found) clearly larger than it; else None."""
    written = _lines(runs)
    widest = max(_width(tuple(line), style) for line in written)
    size = min(style.size, style.size * box.w * SAFETY / widest,
               box.h * SAFETY / (len(written) * style.leading / style.size))
    # Two lines only when they let the name print clearly larger than one line would.
    if size < style.min_size or (best is not None and size <= best.style.size * ONE_LINE_PREFERENCE):
        return None
    fitted = TextSpec(runs, style.scaled(size))
    if len(lines(runs, fitted.style, box.w)) * fitted.style.leading > box.h:  # set as placed: set once
        return None
    return fitted


def _lines(runs: tuple[Run, ...]) -> list[list[Run]]:
    """Runs split at hard line breaks."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        if "\n" not in run.text:  # most: kept as they are
            if run.text:
                lines[-1].append(run)
            continue
        first, *rest = run.text.split("\n")
        if first:
            lines[-1].append(replace(run, text=first))
        for piece in rest:
            lines.append([replace(run, text=piece)] if piece else [])
    return lines


def printed_width(spec: TextSpec) -> float:
    """The width of a text's characters other than spaces, set on one line."""
    return sum(fonts.text_width("".join(ch for ch in span.text if not ch.isspace()), span.font, span.size)
               for span in spans(spec.runs, spec.style))


def too_long_for(printed: float, leading: float, width: float, height: float) -> bool:
    """Whether a text whose other characters than spaces are `printed` pt wide cannot fit the box
    with lines `leading` apart, told without setting its lines: a set line is never wider than the
    box and only spaces vanish at its end, so the text takes at least as many lines as the box's
    width goes into `printed`."""
    room = int(height * SAFETY / leading + 1e-9)
    return printed > room * width * 1.001


def fit_or_give_up(specs: list[TextSpec], width: float, height: float) -> list[TextSpec] | None:
    """The specs at the largest size that fits the box, as `fit_stack` finds them, but giving up at
    once on text that does not fit even at its floor (a long organisation need not be set nine times
    to find that out): sizes the text is too long for are passed over without setting it, then the
    largest left is tried (most text fits it), then the floor, and only then the sizes between."""
    sizes = list(factors(specs))
    if len(specs) == 1:  # widths and leading grow in proportion to the size
        printed, leading = printed_width(specs[0]), specs[0].style.leading
        sizes = [factor for factor in sizes if not too_long_for(printed * factor, leading * factor, width, height)]
    if not sizes:
        return None

    def at(factor: float) -> list[TextSpec] | None:
        candidate = [scaled(spec, factor) for spec in specs] if factor != 1.0 else list(specs)
        return candidate if stack_height(candidate, width) <= height * SAFETY else None

    largest = at(sizes[0])
    if largest is not None or len(sizes) == 1:
        return largest
    floor = at(sizes[-1])
    if floor is None:
        return None
    return next((fitted for factor in sizes[1:-1] if (fitted := at(factor)) is not None), floor)


#: How each part is named in messages.
PART_NAMES = {"guest_name": "name", "organization": "organisation", "title": "title", "reading": "reading",
              "event": "event name"}


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


class _Cards:
    """Builds the cards of one kind, collecting every guest whose card cannot be made."""

    def __init__(self, project: Project, layout: CardLayout, theme: Theme, honorifics: bool,
                 problems: list[Problem]):
        self.layout, self.theme, self.honorifics, self.problems = layout, theme, honorifics, problems
        self.memo: dict[tuple[str, str], list[TextSpec] | None] = {}
        #: (part, text) → that part's text placed: most parts repeat down a list.
        self.placed: dict[tuple[str, str], list[Shape]] = {}
        self.event = self._event(project)
        if layout.band:  # on a badge the event is white on the band
            self.event = [replace(s, style=s.style.but(colour=Palette.PAPER)) for s in self.event]

    def _event(self, project: Project) -> list[TextSpec]:
        """The event's name, fitted once: a problem with it is the event's, not each guest's."""
        style = self.theme.style("card-event")
        box = self.layout.event
        fitted = fit_stack([TextSpec((Run(project.event.title),), style)], box.w, box.h)
        if fitted is None:
            where = project.event.where_of("name")
            self.problems.append(Problem(where.file, where.line, where.path,
                                         f"an event name that fits the {self.layout.name} ({box.w:.0f} pt wide) "
                                         f"at {style.min_size:g} pt or more", f"「{project.event.title}」",
                                         HINTS["event"]))
            return []
        return fitted

    def _fail(self, guest: Guest, part: str, text: str, style: TextStyle, box: Box) -> None:
        field = "name" if part == "guest_name" else part
        if field == "name" and not guest.name:
            field = "organization"  # a seat not yet named shows its organisation in the name's place
        where = guest.where_of(field)
        self.problems.append(Problem(
            where.file, where.line, f"{where.path} ({guest.label})" if where.path else guest.label,
            f"{_article(PART_NAMES[part])} that fits the {self.layout.name} ({box.w:.0f} × {box.h:.0f} pt) "
            f"at {style.min_size:g} pt or more", f"「{text}」", self._hint(guest, field)))

    def _hint(self, guest: Guest, field: str) -> str:
        """What to do, in the terms of the file the guest was written in: a badge takes the short
        form of an organisation (a 略称 column, or `short:`)."""
        if field == "organization" and self.layout.band:
            return guest.set_hint("short", "add `short:` with a short form of the organisation for the badge",
                                  "add a 略称 column and write a short form of the organisation in it")
        return HINTS[field]

    def _fitted(self, guest: Guest, part: str, text: str, role: str) -> list[TextSpec]:
        key = (part, text)
        if key not in self.memo:  # organisations and titles repeat down a list
            box = self.layout.box(part)
            self.memo[key] = fit_or_give_up([TextSpec((Run(text),), self.theme.style(role))], box.w, box.h)
        fitted = self.memo[key]
        if fitted is None:
            self._fail(guest, part, text, self.theme.style(role), self.layout.box(part))
            return []
        return fitted

    def _place(self, part: str, specs: list[TextSpec], text: str | None = None) -> list[Shape]:
        """A part's fitted text placed in its box (the same text, once a list)."""
        if text is None:
            return place(specs, self.layout.box(part), self.layout.anchor(part))
        key = (part, text)
        if key not in self.placed:
            self.placed[key] = place(specs, self.layout.box(part), self.layout.anchor(part))
        return self.placed[key]

    def card(self, guest: Guest) -> NameCardSpec:
        parts: dict[str, list[Shape]] = {}
        # badges have little room: they print the short form of the organisation, when there is one
        organization = guest.brief_organization if self.layout.band else guest.organization
        main = guest.name or organization  # a seat still to be named shows its organisation
        texts = {"organization": organization if guest.name else "", "title": guest.title,
                 "reading": guest.reading if guest.name else ""}
        for part, text in texts.items():
            if text:
                parts[part] = self._place(part, self._fitted(guest, part, text, f"card-{part}"), text)
        honorific = place_card_honorific(guest) if self.honorifics else ""
        style = self.theme.style("card-name")
        name = fit_name(main, honorific, style, self.layout.guest_name)
        if name is None:
            self._fail(guest, "guest_name", main + honorific, style, self.layout.guest_name)
        else:
            parts["guest_name"] = self._place("guest_name", [name])
        parts["event"] = self._place("event", self.event, "")
        colour = None
        if self.layout.band:
            colour = CATEGORY_COLOURS[guest.category]
            category = TextSpec((Run(guest.category, bold=True),),
                                self.theme.style("card-event").but(colour=Palette.PAPER, align="right"))
            parts["category"] = self._place("category", [category], guest.category)
        return NameCardSpec(self.layout, parts, colour)


@dataclass(frozen=True)
class CardSet:
    """Both kinds of card for one guest list."""

    tent_cards: list[NameCardSpec]
    badges: list[NameCardSpec]


def name_cards(project: Project, guests: list[Guest]) -> CardSet:
    """Tent cards (place-card honorifics) and badges (none, the category on a coloured band) for
    every guest; a ContentError lists every guest whose cards cannot be made, and no card is."""
    problems: list[Problem] = []
    tents = _Cards(project, TENT_PANEL, TENT_CARDS, True, problems)
    badge = _Cards(project, BADGE, BADGES, False, problems)
    cards = CardSet([tents.card(guest) for guest in guests], [badge.card(guest) for guest in guests])
    if problems:
        raise ContentError(list(dict.fromkeys(problems)), "no cards were written")
    return cards
