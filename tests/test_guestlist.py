"""Guest lists from Excel and CSV as clerks keep them: both heading languages, Shift_JIS, merged
and hidden cells, title rows, formulas, damaged files, and errors naming sheet, row and column."""

import pytest

from ucc_print.content.guestlist import load_guest_file, read_table

from .guestlists import (
    HEADERS_EN,
    HEADERS_JA,
    MARKUP,
    guest_rows,
    run_list,
    workbook,
    write_csv,
    write_xlsx,
)


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
    result = run_list(project, write_csv(tmp_path / "list.csv", headers, rows))
    assert result.exit_code == 2, result.output
    assert f"list.csv: {expected}" in result.output
    assert "Traceback" not in result.output


def test_all_problems_of_a_list_are_reported_together(tmp_path, project):
    rows = guest_rows()
    rows[0][4] = "ゲスト"
    rows[10][0] = "𠮷田 一郎"
    result = run_list(project, write_xlsx(tmp_path / "list.xlsx", rows=rows))
    assert result.exit_code == 2 and result.output.startswith("Error: 2 problems")


def test_unreadable_lists_are_clear_errors(tmp_path, project):
    (tmp_path / "list.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "list.txt").write_text("name\n")
    (tmp_path / "list.csv").write_bytes("氏名,区分\n".encode("utf-16"))
    for name, expected in [("list.xlsx", "an Excel workbook"), ("list.txt", "a .csv or .xlsx guest list"),
                           ("list.csv", "UTF-8 or Shift_JIS"), ("none.csv", "no such file")]:
        result = run_list(project, tmp_path / name)
        assert result.exit_code == 2 and expected in result.output, (name, result.output)


def test_merged_category_cells_count_for_every_row(tmp_path, project):
    rows = [HEADERS_JA, ["北山 浩士", "", "文部科学省", "国際統括官", "来賓", "氏"],
            ["星野 有希枝", "", "文化庁", "文化戦略官", None, "氏"]]
    path = workbook(tmp_path / "list.xlsx", rows, lambda b: b.active.merge_cells("E2:E3"))
    guests, _warnings = load_guest_file(path, "list.xlsx")
    assert [g.category for g in guests.guests] == ["来賓", "来賓"]


def test_a_heading_merged_over_family_and_given_name_is_an_error(tmp_path, project):
    rows = [["氏名", None, "所属", "区分"], ["北山", "浩士", "文部科学省", "来賓"]]
    path = workbook(tmp_path / "list.xlsx", rows, lambda b: b.active.merge_cells("A1:B1"))
    result = run_list(project, path)
    assert result.exit_code == 2 and "row 1, column B (氏名): expected each column once" in result.output


def test_family_and_given_name_columns_are_joined(tmp_path, project):
    rows = [["姓", "名", "所属", "区分"], ["北山", "浩士", "文部科学省", "来賓"]]
    guests, _warnings = load_guest_file(workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "北山 浩士"


def test_data_under_a_blank_heading_is_an_error(tmp_path, project):
    rows = [["氏名", "所属", None, "区分"], ["北山 浩士", "文部科学省", "国際統括官", "来賓"]]
    result = run_list(project, workbook(tmp_path / "list.xlsx", rows))
    assert result.exit_code == 2 and "row 2, column C: expected a value under a column heading" in result.output
    csv_path = tmp_path / "ragged.csv"
    csv_path.write_text("氏名,所属,区分\n北山 浩士,文部科学省,来賓,国際統括官\n", encoding="utf-8")
    result = run_list(project, csv_path)
    assert result.exit_code == 2 and "row 2, column D: expected a value under a column heading" in result.output


def test_formulas_errors_dates_and_booleans_are_not_names(tmp_path, project):
    import datetime as dt

    rows = [HEADERS_JA, ["=CONCAT(\"北山\",\" 浩士\")", "", "文部科学省", "", "来賓", ""],
            ["#N/A", "", "文化庁", "", "来賓", ""], [dt.date(2026, 6, 17), "", "静岡", "", "来賓", ""],
            [True, "", "神戸市", "", "参加者", ""]]
    result = run_list(project, workbook(tmp_path / "list.xlsx", rows))
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
    path = workbook(tmp_path / "list.xlsx", rows, setup)
    guests, warnings = load_guest_file(path, "list.xlsx")
    assert [g.name for g in guests.guests] == ["北山 浩士"]
    assert "row 3" in str(warnings[0]) and "a hidden row (欠席 者), left out" in str(warnings[0])
    result = run_list(project, path)
    assert result.exit_code == 0 and "list.xlsx: sheet 名簿, row 3: expected a visible row" in result.output


def test_a_title_row_above_the_headings_is_skipped(tmp_path, project):
    rows = [["第9回 出席者名簿"], [], HEADERS_JA, ["北山 浩士", "", "文部科学省", "", "来賓", ""]]
    guests, _warnings = load_guest_file(workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "北山 浩士"


def test_japanese_seat_words_and_decomposed_kana(tmp_path, project):
    rows = [HEADERS_JA + ["席"], ["なか\u3099わ 花子", "", "旭川市", "市長", "参加者", "", "正面"]]
    guests, _warnings = load_guest_file(workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert guests.guests[0].name == "ながわ 花子" and guests.guests[0].seat == "head"


def test_duplicates_are_warned_about(tmp_path, project):
    row = ["北山 浩士", "", "文部科学省", "", "来賓", ""]
    rows = [HEADERS_JA, row, list(row)]
    _guests, warnings = load_guest_file(workbook(tmp_path / "list.xlsx", rows), "list.xlsx")
    assert "first in row 2" in str(warnings[0])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: workbook(p, [HEADERS_JA]), "at least one guest below the header"),
        (lambda p: workbook(p, [["name only"], ["x"]]), "a header row with 氏名"),
        (lambda p: workbook(p, [HEADERS_JA, ["a", "", "b", "", "来賓", ""]], sheet="Sheet1"), "a sheet named"),
    ],
)
def test_lists_without_guests_or_headers(tmp_path, project, make, expected):
    path = make(tmp_path / "list.xlsx")
    result = run_list(project, path, *(["--sheet", "名簿"] if expected == "a sheet named" else []))
    assert result.exit_code == 2 and expected in result.output, result.output


def test_a_damaged_sheet_or_chart_sheet_is_a_clear_error(tmp_path, project):
    import zipfile as zf

    good = write_xlsx(tmp_path / "good.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zf.ZipFile(good) as source, zf.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    result = run_list(project, damaged)
    assert result.exit_code == 2 and "Excel workbook" in result.output and "Traceback" not in result.output

    from openpyxl.chart import BarChart

    def chart(book):
        book.create_chartsheet("グラフ").add_chart(BarChart())

    charted = workbook(tmp_path / "chart.xlsx", [HEADERS_JA, ["a", "", "b", "", "来賓", ""]], chart)
    result = run_list(project, charted, "--sheet", "グラフ")
    assert result.exit_code == 2 and "a chart sheet" in result.output


def test_csv_with_old_mac_line_ends_and_sheet_option_on_csv(tmp_path, project):
    path = tmp_path / "mac.csv"
    path.write_bytes("氏名,所属,区分\r北山 浩士,文部科学省,来賓\r".encode())
    assert load_guest_file(path, "mac.csv")[0].guests[0].name == "北山 浩士"
    result = run_list(project, path, "--sheet", "名簿")
    assert result.exit_code == 2 and "--sheet only with an .xlsx list" in result.output


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


def test_csv_rows_are_counted_as_excel_shows_them_past_a_cell_with_a_line_break(tmp_path, project):
    rows = [["北山 浩士", "", "文部科学省", "国際統括官\n（併任）", "来賓", "氏"],
            ["星野 有希枝", "", "文化庁", "", "来賓", "様々"], ["", "", "", "", "招待", ""]]
    path = write_csv(tmp_path / "list.csv", rows=rows)
    result = run_list(project, path)
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


def test_names_organisations_and_titles_are_no_longer_than_a_card_can_print(tmp_path, project):
    rows = [["北" * 101, "", "文" * 201, "長" * 200, "来賓", ""],
            ["北山 浩士", "", "文部科学省", "役" * 201, "来賓", ""]]
    result = run_list(project, write_xlsx(tmp_path / "list.xlsx", rows=rows))
    assert result.exit_code == 2 and result.output.startswith("Error: 3 problems")
    assert ("list.xlsx: sheet 名簿, row 2, column A (氏名): expected a name of at most 100 characters (what a name "
            "card can print); found 101 characters") in result.output
    assert "row 2, column C (所属): expected an organisation of at most 200 characters" in result.output
    assert "row 3, column D (役職): expected a title of at most 200 characters; " not in result.output
    assert "row 3, column D (役職): expected a title of at most 200 characters (what a name card" in result.output
    project.edit("guests.yaml", "name: 北山 浩士", "name: " + "北" * 101)
    problem = project.only_problem()
    assert (problem.file, problem.line) == ("content/guests.yaml", project.line_of("guests.yaml", "北" * 101))
    assert problem.expected.startswith("a name of at most 100 characters") and problem.found == "101 characters"


def test_a_list_is_read_sheet_by_sheet_as_openpyxl_reads_it_merged_hidden_and_shared_formulas(tmp_path, project):
    """Read without openpyxl's full mode: merged cells, hidden rows ("true" too) and formulas Excel
    never calculated (a shared one shown moved to its own cell) are read as before."""
    import zipfile as zf

    rows = [HEADERS_JA, [None, "", "文部科学省", "", "来賓", ""], [None, "", "文化庁", "", None, ""]]
    path = workbook(tmp_path / "plain.xlsx", rows, lambda b: b.active.merge_cells("E2:E3"))
    edited = tmp_path / "list.xlsx"
    with zf.ZipFile(path) as source, zf.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<row r="2">', b'<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">'
                                                    + 'C2&amp;"様"</f></c>'.encode())
                data = data.replace(b'<row r="3">', b'<row r="3" hidden="true"><c r="A3"><f t="shared" si="0"/></c>')
            target.writestr(item, data)
    result = run_list(project, edited)
    assert result.exit_code == 2 and result.output.startswith("Error: 1 problem")
    assert 'row 2, column A (氏名): expected text or a number; found a formula with no saved result (=C2&"様")' \
        in result.output
    sheet = read_table(edited, "list.xlsx")
    assert [row.hidden for row in sheet.rows] == [False, False, True]
    assert [row.cells[4] for row in sheet.rows] == ["区分", "来賓", "来賓"]
    assert sheet.formula(3, 1) == '=C3&"様"'


def test_a_card_text_too_long_for_its_box_is_given_up_without_setting_it_at_every_size(monkeypatch):
    """Fitting finds what fit_stack finds, but a text that cannot fit even at the floor is refused
    after setting it at most once (3,000 such organisations once took minutes)."""
    from ucc_print.components import cards
    from ucc_print.components.fit import fit_stack
    from ucc_print.components.spec import Run, TextSpec
    from ucc_print.design.cards import BADGE, TENT_PANEL
    from ucc_print.design.theme import BADGES, TENT_CARDS

    words = " ".join(f"word{index}" for index in range(40))
    texts = ["文部科学省", "旭川市 経済部産業振興課 " * 3, "UNESCO Creative Cities Network " * 2, "x" * 60, words[:200],
             "参事官（伝統文化・生活文化担当）付 文化戦略官", "デ" * 30, "旭川市" * 66]
    set_lines = []
    real = cards.stack_height
    monkeypatch.setattr(cards, "stack_height", lambda specs, width: set_lines.append(width) or real(specs, width))
    for layout, theme in ((TENT_PANEL, TENT_CARDS), (BADGE, BADGES)):
        for role, part in (("card-organization", "organization"), ("card-title", "title")):
            box = getattr(layout, part)
            for text in texts:
                specs = [TextSpec((Run(text),), theme.style(role))]
                assert cards.fit_or_give_up(specs, box.w, box.h) == fit_stack(specs, box.w, box.h), (part, text)
                set_lines.clear()
                if fit_stack(specs, box.w, box.h) is None:
                    cards.fit_or_give_up(specs, box.w, box.h)
                    assert len(set_lines) <= 2, (part, text, len(set_lines))
    set_lines.clear()
    box = TENT_PANEL.organization
    assert cards.fit_or_give_up([TextSpec((Run("旭川市" * 66),), TENT_CARDS.style("card-organization"))],
                                box.w, box.h) is None
    assert set_lines == []


def test_a_column_of_values_without_a_heading_is_one_problem(tmp_path, project):
    path = tmp_path / "ragged.csv"
    path.write_text("氏名,所属,区分\n" + "".join(f"北山 {index}郎,文部科学省,来賓,国際統括官\n" for index in range(3)),
                    encoding="utf-8")
    result = run_list(project, path)
    assert result.exit_code == 2 and result.output.startswith("Error: 1 problem")
    assert ("ragged.csv: row 2, column D: expected a value under a column heading; found '国際統括官' (and values in "
            "2 more rows of the column)") in result.output


def test_column_letters_are_excels():
    from openpyxl.utils import get_column_letter

    from ucc_print.content.guestlist.sheet import _letter

    assert [_letter(n) for n in (1, 26, 27, 702, 703, 16384)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert all(_letter(n) == get_column_letter(n) for n in range(1, 16385))


@pytest.mark.slow
def test_ten_thousand_guests_below_title_rows_are_read(tmp_path):
    """The limits admit what the product promises: a list of 10,000 guests (cards stay linear that far)."""
    from ucc_print.content.limits import MAX_ROWS
    from ucc_print.errors import ContentError

    path = tmp_path / "名簿.csv"
    rows = ["第9回会議 出席者名簿", "", "氏名,所属,区分"]
    rows += [f"参加者{number:05d} 太郎,市役所{number % 97}課,参加者" for number in range(10_000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    guests, _warnings = load_guest_file(path, "名簿.csv")
    assert len(guests.guests) == 10_000
    path.write_text("\n".join(rows + ["氏名 次郎,市役所,参加者"] * (MAX_ROWS - len(rows) + 1)) + "\n",
                    encoding="utf-8")
    with pytest.raises(ContentError, match="at most 12,000 rows"):
        load_guest_file(path, "名簿.csv")
