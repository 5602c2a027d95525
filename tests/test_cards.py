"""Name cards from one guest list: imports, errors, tent cards, badges, fitting, glyphs."""

import csv
import math

import pdfplumber
import pypdf
import pytest
from openpyxl import Workbook

from ucc_print.components.cards import badges, fit_name, place_card_honorific, tent_cards
from ucc_print.content.guestfile import load_guest_file
from ucc_print.design import fonts
from ucc_print.design.cards import BADGE, BADGE_SHEET, TENT_PANEL
from ucc_print.design.theme import BADGES, TENT_CARDS
from ucc_print.errors import ContentError

from .pdfread import page_texts

LONG_NAME = "勅使河原ルイーズ＝マリー・アントワネット"  # 20 characters, no space to break at
MARKUP = "Smith & Sons <Design>"
HEADERS_JA = ["氏名", "ふりがな", "所属", "役職", "区分", "敬称"]
HEADERS_EN = ["name", "reading", "organization", "title", "category", "honorific"]
CITIES = ["神戸市", "名古屋市", "金沢市", "札幌市", "鶴岡市", "浜松市", "丹波篠山市", "山形市", "旭川市", "臼杵市",
          "岡山市", "越前市"]


def guest_rows() -> list[list[str]]:
    """25 guests: 3 来賓, 12 cities (in a shuffled order), 10 more, with the names the issue names."""
    rows = [
        ["北山 浩士", "きたやま ひろし", "文部科学省", "国際統括官", "来賓", "氏"],
        ["星野 有希枝", "", "文化庁", "参事官（伝統文化・生活文化担当）付 文化戦略官", "来賓", "氏"],
        ["佐々木 雅幸", "", "静岡文化芸術大学", "理事長兼学長", "来賓", "先生"],
    ]
    surnames = ["髙橋", "山﨑", "渡邉", "齋藤", "田中", "伊藤", "佐藤", "鈴木", "高橋", "小林", "加藤", "吉川"]
    for index, city in enumerate(reversed(CITIES)):
        rows.append([f"{surnames[index]} 太郎", "", city, "担当者", "参加者", ""])
    rows.append([LONG_NAME, "", MARKUP, "Director", "参加者", ""])
    for index in range(9):
        rows.append([f"事務局 {index + 1}郎", "", "旭川市 経済部産業振興課", "主査", "事務局", ""])
    assert len(rows) == 25
    return rows


def write_csv(path, headers=HEADERS_JA, rows=None, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        writer.writerows(rows if rows is not None else guest_rows())
    return path


def write_xlsx(path, headers=HEADERS_JA, rows=None, sheet="名簿"):
    book = Workbook()
    book.active.title = sheet
    book.active.append(headers)
    for row in rows if rows is not None else guest_rows():
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv-ja", "csv-en", "csv-sjis", "xlsx-ja", "xlsx-en"])
def test_import_in_both_header_languages(tmp_path, kind):
    path = tmp_path / f"list.{kind[:4].rstrip('-')}"
    headers = HEADERS_EN if kind.endswith("en") else HEADERS_JA
    if kind.startswith("csv"):
        write_csv(path, headers, encoding="cp932" if kind == "csv-sjis" else "utf-8-sig")
    else:
        write_xlsx(path, headers)
    guests = load_guest_file(path, path.name).guests
    assert len(guests) == 25
    assert guests[0].name == "北山 浩士" and guests[0].reading == "きたやま ひろし" and guests[0].honorific == "氏"
    assert {g.category for g in guests} == {"来賓", "参加者", "事務局"}
    assert guests[15].organization == MARKUP


def _build(project, path):
    return project.run("cards", "--guests", str(path))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Cards for the 25-guest list, read from CSV and from XLSX."""
    from .conftest import Project

    root = tmp_path_factory.mktemp("cards")
    results = {}
    for suffix, writer in (("csv", write_csv), ("xlsx", write_xlsx)):
        project = Project(root / suffix)
        path = writer(root / f"list.{suffix}")
        result = _build(project, path)
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
    guests = load_guest_file(write_csv(tmp_path / "list.csv"), "list.csv")
    from ucc_print.outputs.cards import guests_in_order

    ordered = guests_in_order(project.load().project, guests)
    assert [g.category for g in ordered[:3]] == ["来賓"] * 3
    cities = [g.organization for g in ordered if g.category == "参加者" and g.organization in CITIES]
    assert cities == CITIES
    assert ordered[-1].category == "事務局"


def test_an_explicit_order_wins(tmp_path, project):
    rows = guest_rows()
    headers = HEADERS_JA + ["順番"]
    rows = [row + [""] for row in rows]
    rows[-1][-1] = "1"
    guests = load_guest_file(write_csv(tmp_path / "list.csv", headers, rows), "list.csv")
    from ucc_print.outputs.cards import guests_in_order

    assert guests_in_order(project.load().project, guests)[0].name == rows[-1][0]


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
        page = pdf.pages[0]
        folds = [line for line in page.lines if abs(line["top"] - page.height / 2) < 0.5]
        assert len(folds) == 2
        assert "山折り" in page.extract_text()


def test_badges_are_91_by_55_mm_with_cut_guides_outside_the_cards(built):
    with pdfplumber.open(built["csv"] / "badges.pdf") as pdf:
        page = pdf.pages[0]
        bands = [r for r in page.rects if r["height"] < 30]
        assert len(bands) == 10
        assert all(abs(r["width"] - BADGE.width) < 0.5 for r in bands)
        left, top = BADGE_SHEET.left, BADGE_SHEET.top
        cards = (left, top, left + 2 * BADGE.width, top + 5 * BADGE.height)
        guides = page.lines
        assert len(guides) == 2 * 3 + 2 * 6
        for line in guides:
            inside_x = cards[0] < line["x0"] < cards[2] and cards[0] < line["x1"] < cards[2]
            inside_y = cards[1] < line["top"] < cards[3] and cards[1] < line["bottom"] < cards[3]
            assert not (inside_x and inside_y)


def test_honorifics_follow_the_guide():
    from ucc_print.content.model import Guest

    def guest(honorific, name="北山 浩士"):
        return Guest(name=name, organization="文部科学省", category="来賓", honorific=honorific)

    assert place_card_honorific(guest("氏")) == "様"
    assert place_card_honorific(guest("先生")) == "先生"
    assert place_card_honorific(guest(None)) == ""
    assert place_card_honorific(guest("氏", name=None)) == ""


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
    rows[5][0] = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処やぶら小路の藪柑子パイポパイポ"
    result = _build(project, write_csv(tmp_path / "list.csv", rows=rows))
    assert result.exit_code == 2
    assert "list.csv: row 7" in result.output and "寿限無" in result.output
    assert "no cards were written" in result.output
    assert not (project.output / "tent-cards.pdf").exists()


def test_a_long_organisation_breaks_between_phrases(project):
    from ucc_print.content.model import Guest

    organisation = "独立行政法人国立文化財機構 東京国立博物館 学芸企画部 博物館教育課 教育普及室"
    guest = Guest(name="星野 有希枝", organization=organisation, category="来賓")
    (card,) = badges(project.load().project, [guest])
    (organization,) = card.parts["organization"]
    from ucc_print.components.measure import lines

    set_lines = [line.text.strip() for line in lines(organization.runs, organization.style, BADGE.organization.w)]
    assert len(set_lines) == 2 and "".join(set_lines).replace(" ", "") == organisation.replace(" ", "")
    # the break falls between phrases: never inside 博物館 or 教育課
    assert set_lines[0].endswith(("機構", "博物館", "企画部", "教育課")), set_lines


@pytest.mark.parametrize("character, code", [("𠮷", "U+20BB7"), ("😀", "U+1F600")])
def test_missing_glyph_fails_naming_guest_row_character_and_code_point(tmp_path, project, character, code):
    rows = guest_rows()
    rows[4][0] = f"{character}田 花子"
    result = _build(project, write_xlsx(tmp_path / "list.xlsx", rows=rows))
    assert result.exit_code == 2
    assert f"list.xlsx: sheet 名簿, row 6, column A (氏名): expected characters the bundled fonts can print; " \
           f"found '{character}' ({code})" in result.output
    assert "hint:" in result.output


def test_missing_glyph_in_the_bundled_yaml(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 𠮷田 浩士")
    result = project.run("cards")
    assert result.exit_code == 2 and "U+20BB7" in result.output and "content/guests.yaml, line" in result.output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda h, r: (h, [row[:4] + ["ゲスト"] + row[5:] for row in r]), "row 2, column E (区分): expected one of"),
        (lambda h, r: ([x if x != "区分" else "区別" for x in h], r), "row 1, column E (区別): expected a column heading"),
        (lambda h, r: ([x for x in h if x != "所属"], [row[:2] + row[3:] for row in r]), "row 1: expected a 所属"),
        (lambda h, r: (h + ["順番"], [row + ["一番"] for row in r]), "row 2, column G (順番): expected a whole number"),
        (lambda h, r: (h + ["氏名"], [row + ["x"] for row in r]), "row 1, column G (氏名): expected each column once"),
        (lambda h, r: (h, [["", "", "", "", "来賓", ""]] + r), "row 2, column C (所属): expected "),
    ],
)
def test_every_kind_of_list_error_names_file_row_and_column(tmp_path, project, change, expected):
    headers, rows = change(list(HEADERS_JA), guest_rows())
    result = _build(project, write_csv(tmp_path / "list.csv", headers, rows))
    assert result.exit_code == 2, result.output
    assert f"list.csv: {expected}" in result.output
    assert "Traceback" not in result.output


def test_all_problems_of_a_list_are_reported_together(tmp_path, project):
    rows = guest_rows()
    rows[0][4] = "ゲスト"
    rows[10][0] = "𠮷田 一郎"
    result = _build(project, write_xlsx(tmp_path / "list.xlsx", rows=rows))
    assert result.exit_code == 2 and result.output.startswith("Error: 2 problems")


def test_unreadable_lists_are_clear_errors(tmp_path, project):
    (tmp_path / "list.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "list.txt").write_text("name\n")
    (tmp_path / "list.csv").write_bytes("氏名,区分\n".encode("utf-16"))
    for name, expected in [("list.xlsx", "an Excel workbook"), ("list.txt", "a .csv or .xlsx guest list"),
                           ("list.csv", "UTF-8 or Shift_JIS"), ("none.csv", "no such file")]:
        result = _build(project, tmp_path / name)
        assert result.exit_code == 2 and expected in result.output, (name, result.output)


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


def test_handout_gains_the_attendee_list_and_seating_chart(handout_pdf):
    texts = page_texts(handout_pdf)
    attendees = next(t for t in texts if "出席者名簿" in t)
    assert "区分 所属 役職 氏名" in attendees
    assert "来賓 文部科学省 国際統括官 北山 浩士" in attendees
    chart = next(t for t in texts if "配席図" in t)
    assert "正面" in chart and "事務局席" in chart and "北山 浩士" in chart and "越前市" in chart


def test_classroom_seating(project):
    project.edit("handout.yaml", "layout: u-shape", "layout: classroom")
    assert project.run("handout").exit_code == 0
    chart = next(t for t in page_texts(project.output / "handout.pdf") if "配席図" in t)
    assert all(city in chart for city in CITIES)


def test_tent_cards_components_name_a_guest_that_does_not_fit(project):
    from ucc_print.content.model import Guest

    guest = Guest(name="名" * 60, organization="文部科学省", category="来賓")
    with pytest.raises(ContentError) as caught:
        tent_cards(project.load().project, [guest])
    assert "「" + "名" * 60 + "」" in str(caught.value)
