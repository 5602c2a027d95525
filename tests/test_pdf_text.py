"""Text on the page: justification, widows and orphans at page breaks, lists, blocks inside cells."""

import itertools
from dataclasses import replace

import pypdfium2 as pdfium
import pytest

from ucc_print.backends.pdf.draw import _gap_pieces
from ucc_print.components.pages import paginate
from ucc_print.components.shapes import TextShape
from ucc_print.components.spec import ListItem, ListSpec, Run, TextSpec
from ucc_print.components.stack import text_blocks
from ucc_print.design import fonts
from ucc_print.design.theme import HANDOUT
from ucc_print.typeset.linebreak import Span, break_lines

from .pdfread import page_texts

BODY = HANDOUT.style("body")


def test_justification_opens_gaps_beside_japanese_only():
    (line,) = break_lines([Span("旭川市は2019年にDesign分野で加盟", "pgothic", 10)], 1000, fonts.advance)
    pieces = [(text, opens) for text, _font, _size, opens in _gap_pieces(line)]
    # A gap opens after a character when either side is Japanese; never inside 2019 or Design,
    # and never after the line's last character.
    assert pieces == [("旭川市は", True), ("201", False), ("9年に", True), ("Desig", False),
                      ("n分野で加", True), ("盟", False)]


def _chars(path, page_index):
    """(character, left, right, bottom) of every character on a page, as PDFium places them."""
    page = pdfium.PdfDocument(str(path))[page_index]
    text = page.get_textpage()
    found = []
    for index in range(text.count_chars()):
        left, bottom, right, _top = text.get_charbox(index, loose=True)
        found.append((text.get_text_range(index, 1), left, right, bottom))
    return found


def test_justified_lines_reach_the_right_margin_and_numbers_stay_tight(handout_pdf):
    chars = _chars(handout_pdf, 1)
    right_margin = HANDOUT.grid.width - HANDOUT.grid.right
    lines: dict[float, list] = {}
    for ch, left, right, bottom in chars:
        lines.setdefault(round(bottom), []).append((ch, left, right))
    paragraph = next(row for row in lines.values() if "".join(c for c, *_ in row).startswith("2004年にユネスコ"))
    assert paragraph[-1][2] == pytest.approx(right_margin, abs=1.5)  # ends at the margin
    digits = paragraph[:4]
    steps = [b[1] - a[1] for a, b in itertools.pairwise(digits)]
    advance = fonts.advance("0", "pgothic", BODY.size)
    assert all(step == pytest.approx(advance, abs=0.05) for step in steps)  # 2004 not spread


def _pages(specs, room: float):
    """The lines of each text shape on each page, pages `room` pt tall."""
    grid = replace(HANDOUT.grid, height=HANDOUT.grid.top + HANDOUT.grid.bottom + room)
    return [[len(shape.lines) for shape in page.shapes if isinstance(shape, TextShape)]
            for page in paginate(specs, grid).pages]


def test_a_paragraph_split_keeps_two_lines_on_each_side():
    lead = TextSpec((Run("前の段落です。"),), BODY)
    text = TextSpec((Run("旭川市の取組を紹介します。" * 16),), BODY)
    whole = _pages([text], 1000)[0][0]
    assert whole >= 5
    gap = BODY.space_after + BODY.space_before
    # room for one line under the first paragraph: it would be an orphan, so the paragraph moves on
    assert _pages([lead, text], BODY.leading * 2.5 + gap)[0] == [1]
    # one line short of room for the whole paragraph: two lines go on (no widow)
    assert _pages([text], BODY.leading * (whole - 0.5))[:2] == [[whole - 2], [2]]


def test_numbered_list_items_align_past_nine():
    items = tuple(ListItem((Run(f"項目{n}"),), 0, f"{n}.") for n in range(1, 12))
    parts = text_blocks(ListSpec(items, BODY), 400)
    assert len({part.indent for part in parts}) == 1


def test_nested_list_items_are_indented():
    items = (ListItem((Run("親"),), 0), ListItem((Run("子"),), 1))
    parent, child = text_blocks(ListSpec(items, BODY), 400)
    assert child.indent > parent.indent and child.marker_x > parent.marker_x


def test_markdown_headings_and_lists_inside_key_value_cells(project):
    project.edit("host.yaml", "  summary: |\n", "  summary: |\n    ### 加盟の背景\n\n    1. 家具\n    2. 教育\n\n")
    result = project.run("handout")
    assert result.exit_code == 0, result.output
    text = "\n".join(page_texts(project.output / "handout.pdf"))
    assert "加盟の背景" in text and "1. 家具" in text and "教育" in text
