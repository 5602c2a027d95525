"""Name cards from one guest list: imports, errors, tent cards, badges, fitting, glyphs."""

import csv
import math

import pdfplumber
import pypdf
import pytest
from openpyxl import Workbook

from ucc_print.components.cards import fit_name, name_cards, place_card_honorific
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
    guests = load_guest_file(path, path.name)[0].guests
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
        page = pdf.pages[0]
        folds = [line for line in page.lines if abs(line["top"] - page.height / 2) < 0.5]
        assert len(folds) == 2
        assert "山折り" in page.extract_text()


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
    result = _build(project, write_csv(tmp_path / "list.csv", rows=rows))
    assert result.exit_code == 2
    assert "list.csv: row 7" in result.output and "寿限無" in result.output
    assert "no cards were written" in result.output
    assert not (project.output / "tent-cards.pdf").exists()


def test_a_long_organisation_breaks_between_phrases(project):
    from ucc_print.content.model import Guest

    organisation = "独立行政法人国立文化財機構 東京国立博物館 学芸企画部 博物館教育課 教育普及室"
    guest = Guest(name="星野 有希枝", organization=organisation, category="来賓")
    (card,) = name_cards(project.load().project, [guest]).badges
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
        (lambda h, r: ([x if x != "区分" else "区別" for x in h], r),
         "row 1, column E (区別): expected a column heading"),
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


# ------------------------------------------------------------------ awkward spreadsheets


def _workbook(path, rows, setup=None, sheet="名簿"):
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    if setup:
        setup(book)
    book.save(path)
    return path


def _run_list(project, path, *args):
    return project.run("cards", "--guests", str(path), *args)


def test_merged_category_cells_count_for_every_row(tmp_path, project):
    rows = [HEADERS_JA, ["北山 浩士", "", "文部科学省", "国際統括官", "来賓", "氏"],
            ["星野 有希枝", "", "文化庁", "文化戦略官", None, "氏"]]
    path = _workbook(tmp_path / "list.xlsx", rows, lambda b: b.active.merge_cells("E2:E3"))
    guests, _warnings = load_guest_file(path, "list.xlsx")
    assert [g.category for g in guests.guests] == ["来賓", "来賓"]


def test_a_heading_merged_over_family_and_given_name_is_an_error(tmp_path, project):
    rows = [["氏名", None, "所属", "区分"], ["北山", "浩士", "文部科学省", "来賓"]]
    path = _workbook(tmp_path / "list.xlsx", rows, lambda b: b.active.merge_cells("A1:B1"))
    result = _run_list(project, path)
    assert result.exit_code == 2 and "row 1, column B (氏名): expected each column once" in result.output


def test_family_and_given_name_columns_are_joined(tmp_path, project):
    rows = [["姓", "名", "所属", "区分"], ["北山", "浩士", "文部科学省", "来賓"]]
    guests, _warnings = load_guest_file(_workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "北山 浩士"


def test_data_under_a_blank_heading_is_an_error(tmp_path, project):
    rows = [["氏名", "所属", None, "区分"], ["北山 浩士", "文部科学省", "国際統括官", "来賓"]]
    result = _run_list(project, _workbook(tmp_path / "list.xlsx", rows))
    assert result.exit_code == 2 and "row 2, column C: expected a value under a column heading" in result.output
    csv_path = tmp_path / "ragged.csv"
    csv_path.write_text("氏名,所属,区分\n北山 浩士,文部科学省,来賓,国際統括官\n", encoding="utf-8")
    result = _run_list(project, csv_path)
    assert result.exit_code == 2 and "row 2, column D: expected a value under a column heading" in result.output


def test_formulas_errors_dates_and_booleans_are_not_names(tmp_path, project):
    import datetime as dt

    rows = [HEADERS_JA, ["=CONCAT(\"北山\",\" 浩士\")", "", "文部科学省", "", "来賓", ""],
            ["#N/A", "", "文化庁", "", "来賓", ""], [dt.date(2026, 6, 17), "", "静岡", "", "来賓", ""],
            [True, "", "神戸市", "", "参加者", ""]]
    result = _run_list(project, _workbook(tmp_path / "list.xlsx", rows))
    assert result.exit_code == 2
    assert "row 2, column A (氏名): expected text or a number; found a formula with no saved result" in result.output
    assert "row 3, column A (氏名): expected text or a number; found an Excel error value #N/A" in result.output
    assert "row 4, column A (氏名): expected text; found datetime.datetime(2026, 6, 17, 0, 0)" in result.output
    assert "row 5, column A (氏名): expected text; found True" in result.output


def test_hidden_rows_are_left_out_with_a_warning_and_hidden_sheets_skipped(tmp_path, project):
    def setup(book):
        book.active.row_dimensions[3].hidden = True
        hidden = book.create_sheet("古い名簿", 0)
        hidden.append(["これは読まない"])
        hidden.sheet_state = "hidden"

    rows = [HEADERS_JA, ["北山 浩士", "", "文部科学省", "", "来賓", ""], ["欠席 者", "", "文化庁", "", "来賓", ""]]
    path = _workbook(tmp_path / "list.xlsx", rows, setup)
    guests, warnings = load_guest_file(path, "list.xlsx")
    assert [g.name for g in guests.guests] == ["北山 浩士"]
    assert "row 3" in str(warnings[0]) and "a hidden row (欠席 者), left out" in str(warnings[0])
    result = _run_list(project, path)
    assert result.exit_code == 0 and "list.xlsx: sheet 名簿, row 3: expected a visible row" in result.output


def test_a_title_row_above_the_headings_is_skipped(tmp_path, project):
    rows = [["第9回 出席者名簿"], [], HEADERS_JA, ["北山 浩士", "", "文部科学省", "", "来賓", ""]]
    guests, _warnings = load_guest_file(_workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "北山 浩士"


def test_japanese_seat_words_and_decomposed_kana(tmp_path, project):
    rows = [HEADERS_JA + ["席"], ["なか\u3099わ 花子", "", "旭川市", "市長", "参加者", "", "正面"]]
    guests, _warnings = load_guest_file(_workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "ながわ 花子" and guests.guests[0].seat == "head"


def test_duplicates_are_warned_about(tmp_path, project):
    row = ["北山 浩士", "", "文部科学省", "", "来賓", ""]
    rows = [HEADERS_JA, row, list(row)]
    _guests, warnings = load_guest_file(_workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert "first in row 2" in str(warnings[0])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: _workbook(p, [HEADERS_JA]), "at least one guest below the header"),
        (lambda p: _workbook(p, [["name only"], ["x"]]), "a header row with 氏名"),
        (lambda p: _workbook(p, [HEADERS_JA, ["a", "", "b", "", "来賓", ""]], sheet="Sheet1"), "a sheet named"),
    ],
)
def test_lists_without_guests_or_headers(tmp_path, project, make, expected):
    path = make(tmp_path / "list.xlsx")
    result = _run_list(project, path, *(["--sheet", "名簿"] if expected == "a sheet named" else []))
    assert result.exit_code == 2 and expected in result.output, result.output


def test_a_damaged_sheet_or_chart_sheet_is_a_clear_error(tmp_path, project):
    import zipfile as zf

    good = write_xlsx(tmp_path / "good.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zf.ZipFile(good) as source, zf.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    result = _run_list(project, damaged)
    assert result.exit_code == 2 and "Excel workbook" in result.output and "Traceback" not in result.output

    from openpyxl.chart import BarChart

    def chart(book):
        book.create_chartsheet("グラフ").add_chart(BarChart())

    charted = _workbook(tmp_path / "chart.xlsx", [HEADERS_JA, ["a", "", "b", "", "来賓", ""]], chart)
    result = _run_list(project, charted, "--sheet", "グラフ")
    assert result.exit_code == 2 and "a chart sheet" in result.output


def test_csv_with_old_mac_line_ends_and_sheet_option_on_csv(tmp_path, project):
    path = tmp_path / "mac.csv"
    path.write_bytes("氏名,所属,区分\r北山 浩士,文部科学省,来賓\r".encode())
    assert load_guest_file(path, "mac.csv")[0].guests[0].name == "北山 浩士"
    result = _run_list(project, path, "--sheet", "名簿")
    assert result.exit_code == 2 and "--sheet only with an .xlsx list" in result.output


def test_the_handout_lists_and_seats_the_same_guests_as_the_cards(tmp_path, project):
    path = write_csv(tmp_path / "list.csv")
    assert project.run("handout", "--guests", str(path)).exit_code == 0
    texts = page_texts(project.output / "handout.pdf")
    first = next(index for index, text in enumerate(texts) if "出席者名簿" in text)
    attendees = "\n".join(texts[first:])
    assert "髙橋 太郎" in attendees and all(word in attendees.split() for word in MARKUP.split())


# ------------------------------------------------------------------ seating chart


def _chart(project):
    from ucc_print.components.seating import seating_plan
    from ucc_print.design.theme import HANDOUT

    return seating_plan(project.load().project, HANDOUT, HANDOUT.grid.frame_width)


def _seat_of(chart, needle):
    return next(seat.box for seat in chart.seats if any(needle in getattr(t, "text", "") for t in seat.text))


def test_seating_follows_protocol(project):
    chart = _chart(project)
    chief, second, third = (_seat_of(chart, n) for n in ("北山 浩士", "星野 有希枝", "佐々木 雅幸"))
    assert chief.y == second.y == third.y  # the head table
    assert third.x < chief.x < second.x  # chief in the middle, the second on the viewer's right
    kobe, nagoya = _seat_of(chart, "神戸市"), _seat_of(chart, "名古屋市")
    assert kobe.x > chief.x > nagoya.x and kobe.y == nagoya.y  # first city on the viewer's right, nearest
    staff = _seat_of(chart, "和田")
    assert staff.y > kobe.y  # the secretariat at the foot


def test_classroom_tables_face_the_head_table(project):
    project.edit("handout.yaml", "layout: u-shape", "layout: classroom")
    chart = _chart(project)
    last_table = max(table.bottom for table in chart.tables)
    for seat in chart.seats:
        if seat.box.y <= 20 or seat.box.y > last_table:
            continue  # the head table, the secretariat
        table = max((t for t in chart.tables if t.bottom <= seat.box.y + 0.1 and t.x <= seat.box.x + 1
                     and seat.box.right <= t.right + 1), key=lambda t: t.bottom, default=None)
        assert table is not None and seat.box.y - table.bottom < 5  # its table right in front of it


def test_a_list_with_nobody_at_the_head_table(project):
    project.write("guests.yaml", "guests:\n  - organization: 神戸市\n    category: 参加者\n")
    assert project.run("handout").exit_code == 0
    project.write("guests.yaml", "guests: []\n")
    assert project.run("handout").exit_code == 0


def test_a_crowded_head_table_narrows_its_seats_then_takes_a_second_row(project):
    extra = "".join(f"  - name: 来賓 {n}郎\n    organization: 文部科学省\n    category: 来賓\n" for n in range(2))
    project.write("guests.yaml", project.read("guests.yaml") + extra)
    chart = _chart(project)
    head = [seat for seat in chart.seats if seat.guest.place == "head"]
    assert len(head) == 6 and len({seat.box.y for seat in head}) == 1 and all(seat.box.w < 112 for seat in head)
    project.write("guests.yaml", project.read("guests.yaml") + extra * 4)
    chart = _chart(project)
    head = [seat for seat in chart.seats if seat.guest.place == "head"]
    rows = sorted({seat.box.y for seat in head})
    assert len(head) == 14 and len(rows) == 3 and all(seat.box.w >= 70 for seat in head)  # 6 a row at most
    chief = next(seat for seat in head if seat.guest.name == "北山 浩士")
    assert chief.box.y == rows[-1]  # the first ranks in the front row, next to the table
    assert project.run("check").exit_code == 0


def test_a_very_long_side_shrinks_the_chart_or_continues_it(project):
    many = "".join(f"  - name: 参加 {n}郎\n    organization: 神戸{n}市\n    category: 参加者\n" for n in range(24))
    project.write("guests.yaml", project.read("guests.yaml") + many)
    assert project.run("handout").exit_code == 0
    pages = len(page_texts(project.output / "handout.pdf"))
    project.write("guests.yaml", project.read("guests.yaml") + many * 3)
    result = project.run("handout")
    assert result.exit_code == 0, result.output
    texts = page_texts(project.output / "handout.pdf")
    chart_pages = list(texts[next(i for i, t in enumerate(texts) if "配席図" in t):])
    assert len(texts) > pages and len(chart_pages) >= 2
    assert sum(text.count("参加 23郎") for text in chart_pages) == 4  # every seat of the 96 is drawn


def test_the_attendee_list_prints_the_honorific(handout_pdf):
    attendees = next(t for t in page_texts(handout_pdf) if "出席者名簿" in t)
    assert "北山 浩士 氏" in attendees


def test_a_guest_list_replaces_guests_yaml_in_the_content_and_its_checks(tmp_path, project):
    listed = write_csv(tmp_path / "list.csv")
    project.write("guests.yaml", "guests: [broken\n")  # not read when a list is given
    result = project.run("cards", "--guests", str(listed))
    assert result.exit_code == 0, result.output
    assert "guests.yaml" not in result.output  # neither its syntax nor its unnamed guests are reported
    loaded = project.load(listed)
    assert len(loaded.project.guests.guests) == 25 and not any("guests" in w.file for w in loaded.warnings)


def test_problems_in_the_list_and_in_the_yaml_are_reported_together(tmp_path, project):
    rows = guest_rows()
    rows[4][4] = "見学者"
    project.edit("event.yaml", "number: 9", "number: nine")
    result = project.run("cards", "--guests", str(write_csv(tmp_path / "list.csv", rows=rows)))
    assert result.exit_code == 2
    assert "2 problems in the content" in result.output
    assert "content/event.yaml" in result.output and "list.csv: row 6" in result.output


LONG_OFFICIAL = "国際連合教育科学文化機関（ユネスコ）創造都市ネットワーク事務局 日本担当 デザイン都市推進係"


def test_a_short_form_prints_where_room_is_tight_and_the_official_name_elsewhere(tmp_path, project):
    headers = ["氏名", "所属", "略称", "役職", "区分"]
    rows = [["ローゼンベルク 花子", LONG_OFFICIAL, "ユネスコ事務局", "日本担当官", "来賓"]]
    path = write_xlsx(tmp_path / "list.xlsx", headers, rows)
    assert project.run("build", "--guests", str(path)).exit_code == 0
    chart = _chart_with(project, path)
    assert next(text.text for text in chart.seats[0].text) == "ユネスコ事務局"
    badges = "".join("".join(page.split()) for page in page_texts(project.output / "badges.pdf"))
    tents = "".join("".join(page.split()) for page in page_texts(project.output / "tent-cards.pdf"))
    handout = "".join("".join(page.split()) for page in page_texts(project.output / "handout.pdf"))
    assert "ユネスコ事務局" in badges and "".join(LONG_OFFICIAL.split())[:20] not in badges
    assert "".join(LONG_OFFICIAL.split())[:20] in tents and "ユネスコ事務局" not in tents
    assert "".join(LONG_OFFICIAL.split())[:20] in handout  # the 名簿 prints the official name


def _chart_with(project, path):
    from ucc_print.components.seating import seating_plan
    from ucc_print.design.theme import HANDOUT

    return seating_plan(project.load(path).project, HANDOUT, HANDOUT.grid.frame_width)


def test_a_long_official_name_without_a_short_form_is_seated_smaller_not_refused(project):
    project.edit("guests.yaml", "organization: 文部科学省", f"organization: {LONG_OFFICIAL}")
    chart = _chart(project)
    seat = next(seat for seat in chart.seats if seat.guest.name == "北山 浩士")
    assert seat.text[0].text == LONG_OFFICIAL and seat.text[0].style.size < 7
    assert project.run("check").exit_code == 0


def test_a_seat_that_cannot_be_made_is_refused_in_the_terms_of_the_list(tmp_path, project):
    headers = ["氏名", "所属", "役職", "区分"]
    rows = [["北山 浩士", LONG_OFFICIAL * 3, "国際統括官", "来賓"]]
    path = write_xlsx(tmp_path / "list.xlsx", headers, rows)
    result = project.run("handout", "--guests", str(path))
    assert result.exit_code == 2
    assert "list.xlsx: sheet 名簿, row 2, column B (所属)" in result.output
    assert "add a 略称 column and write a short form of the organisation in it" in result.output
    assert "short:" not in result.output


def test_delegations_sit_together_on_one_side_and_cities_alternate(project):
    delegation = "".join(f"  - name: 鶴岡 {n}郎\n    organization: 鶴岡市 企画部\n    category: 参加者\n"
                         for n in range(3))
    project.edit("guests.yaml", "  - organization: 鶴岡市\n    title: 担当者\n    category: 参加者\n", delegation)
    chart = _chart(project)
    sides = [seat for seat in chart.seats if seat.guest.place == "side"]
    tsuruoka = [seat for seat in sides if seat.guest.organization.startswith("鶴岡市")]
    assert len(tsuruoka) == 3 and len({seat.box.x for seat in tsuruoka}) == 1  # one side
    rows = sorted(seat.box.y for seat in sides if seat.box.x == tsuruoka[0].box.x)
    first = rows.index(min(seat.box.y for seat in tsuruoka))
    assert sorted(seat.box.y for seat in tsuruoka) == rows[first:first + 3]  # side by side, in order
    kobe, nagoya = (next(seat for seat in sides if seat.guest.organization == city) for city in ("神戸市", "名古屋市"))
    assert kobe.box.x != nagoya.box.x and kobe.box.y == nagoya.box.y  # cities still alternate, nearest first


def test_classroom_rows_keep_a_delegation_side_by_side(project):
    project.edit("handout.yaml", "layout: u-shape", "layout: classroom")
    delegation = "".join(f"  - name: 鶴岡 {n}郎\n    organization: 鶴岡市 企画部\n    category: 参加者\n"
                         for n in range(3))
    project.edit("guests.yaml", "  - organization: 鶴岡市\n    title: 担当者\n    category: 参加者\n", delegation)
    chart = _chart(project)
    tsuruoka = sorted((seat.box for seat in chart.seats if seat.guest.organization.startswith("鶴岡市")),
                      key=lambda box: box.x)
    assert len({box.y for box in tsuruoka}) == 1
    others = [seat.box for seat in chart.seats if seat.box.y == tsuruoka[0].y
              and not seat.guest.organization.startswith("鶴岡市")]
    assert not any(tsuruoka[0].x < box.x < tsuruoka[-1].x for box in others)  # nobody between them


def test_a3_puts_the_seating_chart_on_a3_pages_of_its_own(project):
    project.edit("handout.yaml", "  paper: A4", "  paper: A3")
    many = "".join(f"  - name: 参加 {n}郎\n    organization: 神戸{n}市\n    category: 参加者\n" for n in range(40))
    project.write("guests.yaml", project.read("guests.yaml") + many)
    result = project.run("handout", "--shop")
    assert result.exit_code == 0, result.output
    import pdfplumber

    with pdfplumber.open(project.output / "shop" / "handout.pdf") as pdf:
        sizes = [(round(float(page.width)), round(float(page.height))) for page in pdf.pages]
        chart = [page.extract_text() for page in pdf.pages if "配席図" in page.extract_text()]
    a4, a3 = sizes[0], sizes[-1]
    # A3 (upright: the U-shaped room runs long), with the same bleed and marks; only the chart on it
    assert (a3[0] - a4[0], a3[1] - a4[1]) == pytest.approx((842 - 595, 1191 - 842), abs=2)
    assert sizes.count(a3) == 1 and "参加 39郎" in chart[0] and "出席者名簿" not in chart[0]
    from ucc_print.shop.preflight import preflight_file

    assert preflight_file(project.output / "shop" / "handout.pdf").passed


def test_csv_rows_are_counted_as_excel_shows_them_past_a_cell_with_a_line_break(tmp_path, project):
    rows = [["北山 浩士", "", "文部科学省", "国際統括官\n（併任）", "来賓", "氏"],
            ["星野 有希枝", "", "文化庁", "", "来賓", "様々"], ["", "", "", "", "招待", ""]]
    path = write_csv(tmp_path / "list.csv", rows=rows)
    result = _run_list(project, path)
    assert result.exit_code == 2
    assert "list.csv: row 4, column E (区分)" in result.output  # the fourth row, not the fifth line


def test_check_takes_a_guest_list_too(tmp_path, project):
    path = write_csv(tmp_path / "list.csv")
    result = project.run("check", "--guests", str(path))
    assert result.exit_code == 0, result.output
    assert "25 guests" in result.output and not project.output.exists()
    bad = write_csv(tmp_path / "bad.csv", rows=[["𠮷田 太郎", "", "文部科学省", "", "来賓", ""]])
    result = project.run("check", "--guests", str(bad))
    assert result.exit_code == 2 and "bad.csv: row 2, column A (氏名)" in result.output


def test_one_unnamed_guest_is_one_guest(project):
    project.write("guests.yaml", "guests:\n  - organization: 神戸市\n    category: 参加者\n")
    result = project.run("check")
    assert "found 1 guest without a name yet (神戸市)" in result.output and "1 guests" not in result.output


def test_preview_shows_the_guests_output_was_last_built_with(tmp_path, project):
    path = write_csv(tmp_path / "list.csv")
    assert project.run("cards", "--guests", str(path)).exit_code == 0
    result = project.run("preview")
    assert result.exit_code == 0, result.output
    assert f"guests from {path}" in result.output
    assert "tent-cards.pdf" in result.output and " 25 pages" in result.output
    assert project.run("cards").exit_code == 0  # built from guests.yaml again: previews follow
    result = project.run("preview")
    assert "guests from" not in result.output and " 16 pages" in result.output


def test_a_name_outside_the_basic_plane_reads_back_as_written(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 𠮟田 𠀋子")
    assert project.run("handout").exit_code == 0
    import pypdfium2

    text = "\n".join(page_texts(project.output / "handout.pdf"))
    document = pypdfium2.PdfDocument(str(project.output / "handout.pdf"))
    pdfium = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    assert "𠮟田 𠀋子 氏" in text and "𠮟田 𠀋子 氏" in pdfium
