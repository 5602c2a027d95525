"""Name cards from one guest list: imports, errors, tent cards, badges, fitting, glyphs."""

import math

import pdfplumber
import pypdf
import pytest

from ucc_print.components.cards import fit_name, name_cards, place_card_honorific
from ucc_print.design import fonts
from ucc_print.design.cards import BADGE, BADGE_SHEET, TENT_PANEL
from ucc_print.design.theme import BADGES, TENT_CARDS
from ucc_print.errors import ContentError

from .guestlists import CITIES, HEADERS_JA, LONG_NAME, MARKUP, guest_rows, run_list, write_csv, write_xlsx
from .pdfread import page_texts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Cards for the 25-guest list, read from CSV and from XLSX."""
    from .conftest import Project

    root = tmp_path_factory.mktemp("cards")
    results = {}
    for suffix, writer in (("csv", write_csv), ("xlsx", write_xlsx)):
        project = Project(root / suffix)
        path = writer(root / f"list.{suffix}")
        result = run_list(project, path)
        assert result.exit_code == 0, result.output
        results[suffix] = project.output
    return results


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_25_guests_give_25_tent_cards_and_3_badge_sheets(built, suffix):
    output = built[suffix]
    assert len(pypdf.PdfReader(output / "tent-cards.pdf").pages) == 25
    assert len(pypdf.PdfReader(output / "badges.pdf").pages) == 3


def card_texts(path) -> list[str]:
    """The text of every card: a tent card's upright half, or each badge cut out of its sheet."""
    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if path.name.startswith("tent"):
                texts.append(page.crop((0, page.height / 2, page.width, page.height)).extract_text())
                continue
            for index in range(BADGE_SHEET.per_sheet):
                x, top = BADGE_SHEET.origin(index)
                texts.append(page.crop((x, top, x + BADGE.width, top + BADGE.height)).extract_text())
    return [text for text in texts if text.strip()]


@pytest.mark.parametrize("name", ["tent-cards.pdf", "badges.pdf"])
def test_every_name_prints_as_given_and_markup_literally(built, name):
    cards = card_texts(built["csv"] / name)
    assert len(cards) == 25
    flat = [text.replace(" ", "").replace("\n", "") for text in cards]
    for row in guest_rows():
        assert any(row[0].replace(" ", "") in card for card in flat), row[0]
    for needle in ("髙橋", "山﨑", "渡邉", "齋藤", LONG_NAME):
        assert any(needle in card for card in flat), needle
    assert any(MARKUP in card for card in cards)


def test_badge_sheets_hold_ten_cards_each_guests_first(built):
    with pdfplumber.open(built["csv"] / "badges.pdf") as pdf:
        counts = [page.extract_text().count("第9回ユネスコ創造都市国内ネットワーク会議") for page in pdf.pages]
        first = pdf.pages[0].extract_text().replace(" ", "")
    assert counts == [10, 10, 5]
    assert all(row[0].replace(" ", "") in first for row in guest_rows()[:3])


def test_cities_follow_the_table_order_and_staff_come_last(tmp_path, project):
    ordered = project.load(write_csv(tmp_path / "list.csv")).project.ordered_guests()
    assert [g.category for g in ordered[:3]] == ["来賓"] * 3
    cities = [g.organization for g in ordered if g.category == "参加者" and g.organization in CITIES]
    assert cities == CITIES
    assert ordered[-1].category == "事務局"


def test_an_explicit_order_takes_its_position_the_rest_keep_theirs(tmp_path, project):
    rows = [row + [""] for row in guest_rows()]
    rows[-1][-1] = "１"   # full-width, as Japanese input often is
    rows[-2][-1] = "5"
    ordered = project.load(write_csv(tmp_path / "list.csv", HEADERS_JA + ["順番"], rows)).project.ordered_guests()
    assert ordered[0].name == rows[-1][0] and ordered[4].name == rows[-2][0]
    assert [g.name for g in ordered[1:4]] == [row[0] for row in guest_rows()[:3]]  # the 来賓 follow


def test_a_row_counter_column_does_not_reorder_the_list(tmp_path, project):
    rows = [[str(25 - i)] + row for i, row in enumerate(guest_rows())]
    listed = write_csv(tmp_path / "list.csv", ["No."] + HEADERS_JA, rows)
    assert project.load(listed).project.ordered_guests()[0].name == "北山 浩士"


def test_tent_cards_turn_the_upper_panel_180_degrees(built):
    with pdfplumber.open(built["csv"] / "tent-cards.pdf") as pdf:
        for page in pdf.pages[:3]:
            card = [c for c in page.chars if abs((c["top"] + c["bottom"]) / 2 - page.height / 2) > 20]  # not 山折り
            upright = [c for c in card if c["matrix"][0] > 0 and c["matrix"][3] > 0]
            turned = [c for c in card if c["matrix"][0] < 0 and c["matrix"][3] < 0]
            assert upright and turned
            assert sorted(c["text"] for c in upright) == sorted(c["text"] for c in turned)  # the same card
            half = page.height / 2
            assert all(c["top"] > half for c in upright) and all(c["bottom"] < half for c in turned)


def test_tent_cards_have_fold_marks_at_the_middle(built):
    with pdfplumber.open(built["csv"] / "tent-cards.pdf") as pdf:
        for page in pdf.pages:  # drawn on the first sheet, written again on the others
            folds = [line for line in page.lines if abs(line["top"] - page.height / 2) < 0.5]
            assert len(folds) == 2
            assert page.extract_text().count("山折り") == 2


@pytest.mark.parametrize("shop", [False, True])
def test_text_written_again_is_what_drawing_it_again_writes(bundled, monkeypatch, shop):
    """Cards write a text they drew before (the event's name, a title) again as the operators it
    was drawn with: the files are the bytes drawing every text anew gives."""
    from ucc_print.backends.pdf import draw
    from ucc_print.design.profiles import OFFICE, SHOP
    from ucc_print.outputs.cards import pdfs

    profile = SHOP if shop else OFFICE
    replayed = pdfs(bundled, profile)
    monkeypatch.setattr(draw.Replay, "draw", lambda self, canvas, shapes, height: draw.draw(canvas, shapes, height))
    assert pdfs(bundled, profile) == replayed


def test_badges_sit_on_the_10_up_sheet_with_text_inside_each_card(built):
    from ucc_print.design.units import mm

    with pdfplumber.open(built["csv"] / "badges.pdf") as pdf:
        page = pdf.pages[0]
        bands = sorted((round(r["x0"], 1), round(r["top"], 1)) for r in page.rects)
        expected = sorted((round(x + BADGE.band.x, 1), round(top + BADGE.band.y, 1))
                          for x, top in (BADGE_SHEET.origin(i) for i in range(10)))
        assert bands == expected  # 2 columns × 5 rows at 14 mm / 11 mm, bands inset 3 mm
        for index in range(10):
            x, top = BADGE_SHEET.origin(index)
            inside = (x + mm(3) - 0.5, top + mm(3) - 0.5, x + BADGE.width - mm(3) + 0.5,
                      top + BADGE.height - mm(3) + 0.5)
            chars = [c for c in page.chars if x <= c["x0"] < x + BADGE.width and top <= c["top"] < top + BADGE.height]
            assert chars
            assert all(inside[0] <= c["x0"] and c["x1"] <= inside[2] and inside[1] <= c["top"]
                       and c["bottom"] <= inside[3] for c in chars), index
        cards = (mm(14), mm(11), mm(14) + 2 * BADGE.width, mm(11) + 5 * BADGE.height)
        assert len(page.lines) == 2 * 3 + 2 * 6
        for line in page.lines:
            crosses_x = line["x0"] < cards[2] and line["x1"] > cards[0]
            crosses_y = line["top"] < cards[3] and line["bottom"] > cards[1]
            assert not (crosses_x and crosses_y)  # every guide stays in the margins
            assert min(line["x0"], line["top"], page.width - line["x1"], page.height - line["bottom"]) >= mm(5) - 0.1


def test_honorifics_follow_the_guide():
    from ucc_print.content.model import Guest

    def guest(honorific, name="北山 浩士"):
        return Guest(name=name, organization="文部科学省", category="来賓", honorific=honorific)

    assert place_card_honorific(guest("氏")) == "様"
    assert place_card_honorific(guest("先生")) == "先生"
    assert place_card_honorific(guest(None)) == "様"  # a guest's place card carries 様 by default
    assert place_card_honorific(guest("氏", name=None)) == ""
    participant = Guest(name="田中 太郎", organization="神戸市", category="参加者")
    assert place_card_honorific(participant) == ""


def test_place_cards_carry_sama_and_badges_no_honorific(built):
    with pdfplumber.open(built["csv"] / "tent-cards.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if c["matrix"][0] > 0]
    name = [c for c in chars if c["text"] in "北山浩士" and c["size"] > 20]
    sama = next(c for c in chars if c["text"] == "様")
    assert abs(sama["x0"] - max(c["x1"] for c in name)) < 2  # right after the name
    assert sama["size"] < name[0]["size"]  # and smaller
    badge = page_texts(built["csv"] / "badges.pdf")[0]
    assert "様" not in badge and "氏" not in badge
    assert "先生" in page_texts(built["csv"] / "tent-cards.pdf")[2]


def test_a_very_long_name_shrinks_but_not_below_the_floor():
    style = TENT_CARDS.style("card-name")
    fitted = fit_name(LONG_NAME, "", style, TENT_PANEL.guest_name)
    assert fitted is not None and style.min_size <= fitted.style.size < style.size
    lines = "".join(run.text for run in fitted.runs).split("\n")
    assert "".join(lines) == LONG_NAME and lines[0].endswith("＝")  # broken after a separator
    for line in lines:
        assert fonts.text_width(line, fitted.style.face(), fitted.style.size) <= TENT_PANEL.guest_name.w
    assert fit_name(LONG_NAME * 3, "", style, TENT_PANEL.guest_name) is None


def test_a_long_name_with_a_space_breaks_between_family_and_given_name():
    style = BADGES.style("card-name")
    name = "アレクサンドラ・ヴァンデルベルヘ　マリア・ルイーザ"
    fitted = fit_name(name, "", style, BADGE.guest_name)
    assert fitted is not None and "\n" in "".join(run.text for run in fitted.runs)


def test_a_name_too_long_for_any_card_fails_naming_guest_and_row(tmp_path, project):
    rows = guest_rows()
    rows[5][0] = ("寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末"
                  "食う寝る処に住む処やぶら小路の藪柑子パイポパイポ")
    result = run_list(project, write_csv(tmp_path / "list.csv", rows=rows))
    assert result.exit_code == 2
    assert "list.csv: row 7" in result.output and "寿限無" in result.output
    assert "no cards were written" in result.output
    assert not (project.output / "tent-cards.pdf").exists()


def test_a_long_organisation_breaks_between_phrases(project):
    from ucc_print.content.model import Guest

    organisation = "独立行政法人国立文化財機構 東京国立博物館 学芸企画部 博物館教育課 教育普及室"
    guest = Guest(name="星野 有希枝", organization=organisation, category="来賓")
    (card,) = name_cards(project.load().project, [guest]).badges
    (organization,) = card.parts["organization"]  # as the badge is drawn
    set_lines = [line.text.strip() for line in organization.lines]
    assert len(set_lines) == 2 and "".join(set_lines).replace(" ", "") == organisation.replace(" ", "")
    # the break falls between phrases: never inside 博物館 or 教育課
    assert set_lines[0].endswith(("機構", "博物館", "企画部", "教育課")), set_lines


@pytest.mark.parametrize("character, code", [("𠮷", "U+20BB7"), ("😀", "U+1F600")])
def test_missing_glyph_fails_naming_guest_row_character_and_code_point(tmp_path, project, character, code):
    rows = guest_rows()
    rows[4][0] = f"{character}田 花子"
    result = run_list(project, write_xlsx(tmp_path / "list.xlsx", rows=rows))
    assert result.exit_code == 2
    assert f"list.xlsx: sheet 名簿, row 6, column A (氏名): expected characters the bundled fonts can print; " \
           f"found '{character}' ({code})" in result.output
    assert "hint:" in result.output


def test_missing_glyph_in_the_bundled_yaml(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 𠮷田 浩士")
    result = project.run("cards")
    assert result.exit_code == 2 and "U+20BB7" in result.output and "content/guests.yaml, line" in result.output


def test_the_bundled_guests_give_cards(project):
    result = project.run("cards")
    assert result.exit_code == 0, result.output
    assert len(pypdf.PdfReader(project.output / "tent-cards.pdf").pages) == 16
    assert len(pypdf.PdfReader(project.output / "badges.pdf").pages) == math.ceil(16 / 10)
    text = "\n".join(page_texts(project.output / "tent-cards.pdf"))
    assert "北山 浩士" in text and "神戸市" in text


def test_cards_are_reproducible(project):
    assert project.run("cards").exit_code == 0
    first = [(project.output / name).read_bytes() for name in ("tent-cards.pdf", "badges.pdf")]
    assert project.run("cards").exit_code == 0
    assert [(project.output / name).read_bytes() for name in ("tent-cards.pdf", "badges.pdf")] == first


def test_every_card_problem_of_a_list_is_reported_together(project):
    from ucc_print.content.model import Guest

    guests = [Guest(name="名" * 60, organization="文部科学省", category="来賓"),
              Guest(name="田中 太郎", organization="機構" * 80, category="参加者")]
    with pytest.raises(ContentError) as caught:
        name_cards(project.load().project, guests)
    message = str(caught.value)
    assert "「" + "名" * 60 + "様」" in message  # the tent card (with 様) …
    assert "「" + "名" * 60 + "」" in message  # … and the badge
    assert "organisation that fits the tent card" in message and "organisation that fits the badge" in message


def test_a_too_long_event_name_is_reported_once(project):
    project.edit("event.yaml", "name: ユネスコ創造都市国内ネットワーク会議",
                 "name: " + "ユネスコ創造都市国内ネットワーク会議" * 6)
    result = project.run("cards")
    assert result.exit_code == 2
    assert result.output.count("event name that fits") == 2  # tent card and badge, not once per guest
    assert "content/event.yaml, line" in result.output


def test_a_name_outside_the_basic_plane_reads_back_as_written(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 𠮟田 𠀋子")
    assert project.run("handout").exit_code == 0
    text = "\n".join(page_texts(project.output / "handout.pdf"))  # PDFium's reading
    with pdfplumber.open(project.output / "handout.pdf") as pdf:
        plumber = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "𠮟田 𠀋子 氏" in text and "𠮟田 𠀋子 氏" in plumber
