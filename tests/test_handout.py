"""The A4 handout read back: size, text, table rows, fonts, colours, kinsoku, reproducibility."""

import re

import pypdf
import pytest

from ucc_print.design.units import mm

from .kinsoku_rules import violations
from .pdfread import content_operators, fonts, is_embedded, page_texts, text_lines

CITY_ROWS = [
    ("神戸市", "兵庫県", "デザイン", "2008"),
    ("名古屋市", "愛知県", "デザイン", "2008"),
    ("金沢市", "石川県", "クラフト&フォークアート", "2009"),
    ("札幌市", "北海道", "メディアアート", "2013"),
    ("鶴岡市", "山形県", "食文化", "2014"),
    ("浜松市", "静岡県", "音楽", "2014"),
    ("丹波篠山市", "兵庫県", "クラフト&フォークアート", "2015"),
    ("山形市", "山形県", "映画", "2017"),
    ("旭川市", "北海道", "デザイン", "2019"),
    ("臼杵市", "大分県", "食文化", "2021"),
    ("岡山市", "岡山県", "文学", "2023"),
    ("越前市", "福井県", "クラフト&フォークアート", "2025"),
]


def test_every_page_is_a4_portrait(handout_pdf):
    reader = pypdf.PdfReader(handout_pdf)
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(mm(210), abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(mm(297), abs=0.01)


def test_each_city_is_one_row_with_prefecture_field_and_year(handout_pdf):
    page = next(text for text in page_texts(handout_pdf) if "都市 都道府県 分野 加盟年" in text)
    rows = page.splitlines()
    for city, prefecture, field, year in CITY_ROWS:
        matching = [row for row in rows if re.search(rf"(^|★){city} ", row)]
        assert len(matching) == 1, (city, matching)
        assert matching[0].split() == [f"★{city}" if city == "旭川市" else city, prefecture, field, f"{year}年"]


def test_text_holds_date_venue_guests_and_every_section(handout_pdf):
    text = "\n".join(page_texts(handout_pdf))
    for expected in [
        "令和8年6月17日(水)", "14:30～16:00", "旭川市役所総合庁舎 7階 大会議室A",
        "文部科学省 国際統括官 北山 浩士 氏",
        "文化庁 参事官（伝統文化・生活文化担当）付 文化戦略官 星野 有希枝 氏",
        "静岡文化芸術大学 理事長兼学長 佐々木 雅幸 氏",
        "次第", "開催概要", "ユネスコ創造都市ネットワークとは", "本市の関わり", "国内加盟都市",
        "国内ネットワーク会議について", "日本ユネスコ国内委員会", "市長挨拶",
        "都市 都道府県 分野 加盟年", "1952年（昭和27年）4月", "令和元年10月30日(水)",
        "世界約100か国・408都市（令和7年10月31日現在）",
    ]:
        assert expected in text, expected


def test_header_footer_and_page_numbers(handout_pdf):
    texts = page_texts(handout_pdf)
    for number, text in enumerate(texts, 1):
        assert text.startswith("第9回ユネスコ創造都市国内ネットワーク会議")
        assert text.rstrip().endswith(f"{number} / {len(texts)}")


def test_all_fonts_embedded_subset_and_no_helvetica(handout_pdf):
    found = fonts(handout_pdf)
    assert found
    for font in found:
        name = str(font.get("/BaseFont"))
        assert is_embedded(font), name
        assert "Helvetica" not in name
        assert re.match(r"/[A-Z]{6}\+BIZUD", name), f"{name} is not a subset of a bundled face"


def test_pdf_1_3_and_only_cmyk_colour_operators(handout_pdf):
    assert handout_pdf.read_bytes().startswith(b"%PDF-1.3")
    operators = content_operators(handout_pdf)
    assert {"k", "K"} & operators
    assert not {"rg", "RG", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS", "gs"} & operators


def test_no_kinsoku_violation_anywhere(handout_pdf):
    lines = [line.text for line in text_lines(handout_pdf)]
    assert len(lines) > 100
    assert violations(lines, every_class=False) == []


def test_second_build_is_byte_identical(project, handout_pdf):
    assert project.run("handout").exit_code == 0
    first = (project.output / "handout.pdf").read_bytes()
    assert project.run("handout").exit_code == 0
    assert (project.output / "handout.pdf").read_bytes() == first == handout_pdf.read_bytes()


def test_stress_paragraph_in_the_handout_obeys_kinsoku(project):
    from .test_linebreak import STRESS

    project.edit("handout.yaml", "    show: meeting\n", f"    show: meeting\n    text: |\n      {STRESS * 3}\n")
    assert project.run("handout").exit_code == 0
    lines = [line.text for line in text_lines(project.output / "handout.pdf")]
    stress_lines = [line for line in lines if any(word in line for word in ("旭川家具", "キャッシュ", "ショック"))]
    assert len(stress_lines) >= 6
    assert violations(lines, every_class=False) == []


def test_long_table_repeats_its_header_and_never_splits_a_row(project):
    cities = project.read("cities.yaml")
    extra = "".join(
        f"  - city: 試験{n}市\n    prefecture: 北海道\n    field: 映画\n    joined: 2020\n    source: テスト\n"
        for n in range(1, 71)
    )
    project.write("cities.yaml", cities + extra)
    assert project.run("handout").exit_code == 0
    texts = page_texts(project.output / "handout.pdf")
    table_pages = [text for text in texts if "試験" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "都市 都道府県 分野 加盟年" in text
    all_rows = [row for text in table_pages for row in text.splitlines() if row.startswith("試験")]
    assert [row.split()[0] for row in all_rows] == [f"試験{n}市" for n in range(1, 71)]
    assert all(len(row.split()) == 4 for row in all_rows)


def test_a_key_value_text_longer_than_a_page_continues_on_the_next(project):
    sentence = "この推薦がなければユネスコ本部へ申請することはできません。"
    project.edit("commission.yaml", f"  {sentence}", "  " + sentence * 120)
    result = project.run("handout")
    assert result.exit_code == 0, result.output
    bodies = ["".join(text.splitlines()[1:-1]) for text in page_texts(project.output / "handout.pdf")]
    assert "".join(bodies).count(sentence) == 120  # nothing lost across the page breaks


def test_a_table_row_taller_than_a_page_is_a_clear_error(project):
    project.edit("cities.yaml", "  - city: 神戸市", "  - city: 神戸市" + "とても長い名前の市" * 150)
    result = project.run("handout")
    assert result.exit_code == 2
    line = project.line_of("cities.yaml", "  - city: 神戸市")
    assert f"content/cities.yaml, line {line}: cities[1]: expected a table row that fits on one page" in result.output
    assert "table: 都市 / 都道府県 / 分野 / 加盟年" in result.output and "found 「神戸市とても長い" in result.output
    assert "Traceback" not in result.output
    assert not project.output.exists()


def test_the_agenda_names_the_mayor_once_the_name_is_filled_in(tmp_path):
    from .conftest import run_cli

    assert run_cli(["init", str(tmp_path / "nextcity")]).exit_code == 0
    host = tmp_path / "nextcity" / "content" / "host.yaml"
    host.write_text(host.read_text(encoding="utf-8").replace("  name:\n", "  name: 山田 太郎\n", 1), encoding="utf-8")
    result = run_cli(["--project", str(tmp_path / "nextcity"), "handout"])
    assert result.exit_code == 0, result.output
    cover = page_texts(tmp_path / "nextcity" / "output" / "handout.pdf")[0]
    assert cover.count("旭川市長 山田 太郎") == 2  # 開催市挨拶 and 取組紹介, the name whole on one line


def test_a_ten_item_agenda_keeps_the_cover_on_one_page(project):
    items = "".join(f"  - time: \"15:{10 + n * 4}\"\n    title: 報告{n}（各都市の活動状況と課題）\n" for n in range(9))
    project.edit("event.yaml", '  - time: "16:00"\n    title: 閉会\n', items + '  - time: "16:00"\n    title: 閉会\n')
    assert project.run("handout").exit_code == 0
    first, second = page_texts(project.output / "handout.pdf")[:2]
    assert "配布資料" in first and "事務局" in first and "閉会" in first
    assert "配布資料" not in second
