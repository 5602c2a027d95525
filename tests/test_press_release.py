"""The press release (報道発表資料) read back: the form's fields, the content's values, one page."""

from __future__ import annotations

import re
from typing import get_args

import pdfplumber
import pytest

from ucc_print.components.press_release import TOPICS
from ucc_print.content.model import OverviewTopic

from .conftest import Project
from .kinsoku_rules import violations
from .pdfread import fonts, is_embedded, page_texts, text_lines

#: The form's labels, the long ones broken where the city's form breaks them.
FIELDS = ("発信課", "担当者", "連絡先", "分類", "日程", "発表項目（行事名）", "概要\n（趣旨・日時・\n場所・内容等）",
          "添付資料", "報道（取材）に\n当たってのお願い", "備考")
#: A note of 30 characters, repeated to make a release as long as a test needs.
PARKING = "会場には駐車場がありませんので、公共交通機関をご利用ください。"


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    build = Project(tmp_path_factory.mktemp("release") / "meeting")
    result = build.run("press")
    assert result.exit_code == 0, result.output
    assert "wrote output/press-release.pdf" in result.output
    return build.output / "press-release.pdf"


def _text(path) -> str:
    """The page's text, spaces as one plain space (extraction turns 　 into a space)."""
    return re.sub(" +", " ", "\n".join(page_texts(path)).replace("\u3000", " "))


def test_one_a4_page_with_fonts_embedded(release):
    with pdfplumber.open(release) as pdf:
        assert len(pdf.pages) == 1
        assert (float(pdf.pages[0].width), float(pdf.pages[0].height)) == pytest.approx((595.28, 841.89), abs=0.1)
    assert all(is_embedded(font) for font in fonts(release))


def test_the_form_holds_every_field_in_the_city_s_order(release):
    text = _text(release)
    lines = text.splitlines()
    for field in FIELDS:
        # each line of a label starts a line of the page (its value follows on the same baseline)
        assert all(any(line.startswith(part) for line in lines) for part in field.split("\n")), field
    positions = [text.find(field.split("\n")[0]) for field in FIELDS]
    assert -1 not in positions, [f for f, pos in zip(FIELDS, positions, strict=True) if pos < 0]
    assert positions == sorted(positions)


def test_values_come_from_the_content(release):
    text = _text(release)
    for expected in ("各報道機関 様", "KJ00663897", "2026年6月12日", "報道発表資料", "経済部産業振興課", "和田",
                     "65-7047", "65-7048", "sangyousinkou@city.asahikawa.lg.jp",
                     "第9回ユネスコ創造都市国内ネットワーク会議",
                     "令和8年6月17日 14時30分 ～ 令和8年6月17日 16時00分", "令和8年6月17日(水) 14時30分～16時00分",
                     "旭川市役所総合庁舎 7階 大会議室A", "北山 浩士 氏", "星野 有希枝 氏", "佐々木 雅幸 氏",
                     "408都市", "デザイン分野（2019年認定）", "当日は、14:10から16:00までの間にて対応可能です"):
        assert expected in text, expected


def test_the_right_category_and_attachment_boxes_are_ticked(release):
    text = _text(release)
    assert "イベント・行事 □ 募集 □ 契約・入札 □ 会議・説明会 ■ その他 □" in text
    assert "有 ■（第9回ユネスコ創造都市国内ネットワーク会議 概要） 無 □" in text


def test_changing_the_content_changes_the_release_and_no_second_copy_is_kept(project):
    project.edit("press.yaml", "category: 会議・説明会", "category: イベント・行事")
    project.edit("press.yaml", "attachments: true", "attachments: false")
    project.edit("event.yaml", "venue: 旭川市役所総合庁舎 7階 大会議室A", "venue: 旭川市大雪クリスタルホール")
    project.edit("guests.yaml", "name: 北山 浩士", "name: 北山 浩")
    assert project.run("press").exit_code == 0
    text = _text(project.output / "press-release.pdf")
    assert "イベント・行事 ■ 募集 □" in text and "会議・説明会 □" in text
    assert "有 □ 無 ■" in text
    assert "旭川市大雪クリスタルホール" in text and "北山 浩 氏" in text


def test_no_kinsoku_violation(release):
    lines = [line.text for line in text_lines(release)]
    assert len(lines) > 30
    assert violations(lines, every_class=False) == []


def test_every_overview_topic_is_drawn_from_the_model():
    assert set(TOPICS) == set(get_args(OverviewTopic))


def test_a_topic_list_chooses_and_orders_the_overview(project):
    project.edit("press.yaml", "overview:\n  - when\n  - venue\n  - participants\n  - guests\n  - network\n  - host\n"
                 "  - meeting\n", "overview:\n  - venue\n  - when\n")
    assert project.run("press").exit_code == 0
    text = _text(project.output / "press-release.pdf")
    assert text.index("■場所") < text.index("■日時")
    assert "■来賓" not in text and "ネットワークについて" not in text


def test_press_yaml_mistakes_name_file_and_line(project):
    project.edit("press.yaml", "category: 会議・説明会", "category: 会議")
    result = project.run("press")
    assert result.exit_code == 2
    line = project.line_of("press.yaml", "category: 会議")
    assert (f"content/press.yaml, line {line}: category: expected one of 'イベント・行事', '募集', '契約・入札', "
            "'会議・説明会' or 'その他'; found '会議'") in result.output


def test_without_press_yaml_the_command_says_what_is_missing_and_build_skips_it(project):
    assert project.run("build").exit_code == 0
    project.path("press.yaml").unlink()
    result = project.run("press")
    assert result.exit_code == 2 and "content/press.yaml is missing" in result.output
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "skipped 報道発表資料（press）: content/press.yaml is missing" in result.output
    assert "removed output/press-release.pdf, made before: content/press.yaml is missing now" in result.output
    assert not (project.output / "press-release.pdf").exists()


def test_a_release_too_long_for_its_one_page_is_a_content_error(project):
    project.edit("press.yaml", "notes:", "notes: " + PARKING * 40)
    result = project.run("press")
    assert result.exit_code == 2
    assert (f"content/press.yaml, line {project.line_of('press.yaml', 'overview:')}: expected a press release that "
            "fits on one A4 page, as the form is; found 2 pages") in result.output
    assert not (project.output / "press-release.pdf").exists()


def test_the_form_is_ruled_all_round_with_a_rule_between_label_and_value(release):
    with pdfplumber.open(release) as pdf:
        page = pdf.pages[0]
        verticals = [line for line in page.lines + page.edges if abs(line["x0"] - line["x1"]) < 0.5
                     and line["bottom"] - line["top"] > 20]
    xs = sorted({round(line["x0"]) for line in verticals})
    assert len(xs) == 3, xs  # the frame's left and right, the label column's edge
    # the label column as wide as its widest label line, 発表項目（行事名）, and its padding
    from ucc_print.design import fonts
    from ucc_print.design.theme import RELEASE

    key = RELEASE.style("key")
    label = fonts.text_width("発表項目（行事名）", key.face(), key.size) + 2 * RELEASE.cell_pad_x
    assert label <= xs[1] - xs[0] < label + 2 and xs[1] - xs[0] < 0.3 * (xs[2] - xs[0])


def test_press_profile_release_passes_preflight(project):
    from ucc_print.shop.preflight import preflight_file

    assert project.run("press", "--shop").exit_code == 0
    report = preflight_file(project.output / "shop" / "press-release.pdf")
    assert report.passed, report.text()


MANY_GUESTS = "".join(
    f"  - name: 来賓 {n}郎\n    organization: 独立行政法人国際交流基金 文化事業部 アジア・大洋州チーム\n"
    f"    title: 参事官（伝統文化・生活文化担当）付 文化戦略官\n    category: 来賓\n    honorific: 氏\n"
    for n in range(1, 9))


def _release_layout(project):
    from ucc_print.outputs.press_release import layout

    return layout(project.load().project)


def test_a_long_overview_is_set_tighter_before_anything_else(project):
    project.write("guests.yaml", project.read("guests.yaml") + MANY_GUESTS[:MANY_GUESTS.index("  - name: 来賓 5郎")])
    laid = _release_layout(project)
    assert len(laid.pages) == 1
    from ucc_print.components.shapes import TextShape

    sizes = {shape.style.size for shape in laid.pages[0].shapes if isinstance(shape, TextShape)
             and any("来賓 1郎" in line.text for line in shape.lines)}
    assert sizes and max(sizes) < 10 and min(sizes) >= 8.5  # tighter, never below the floor


def test_an_overview_too_long_continues_on_a_separate_sheet_when_allowed(project):
    project.write("guests.yaml", project.read("guests.yaml") + MANY_GUESTS)
    result = project.run("press")
    assert result.exit_code == 2
    line = project.line_of("press.yaml", "overview:")
    assert f"content/press.yaml, line {line}: expected a press release that fits on one A4 page" in result.output
    assert "lines too many even with 概要 at 8.8 pt; the longest topic is guests (来賓, from the guest list)" \
        in result.output
    assert "separate_sheet: true" in result.output
    project.edit("press.yaml", "separate_sheet: false", "separate_sheet: true")
    result = project.run("press")
    assert result.exit_code == 0, result.output
    first, second = page_texts(project.output / "press-release.pdf")
    assert "（別紙に続く）" in first and "報道発表資料" in first
    assert second.startswith("（別紙）概要（続き）")
    assert "来賓 8郎" in first + second and "■会議について" in second


def test_guests_are_listed_in_their_order_in_the_overviews(project):
    project.edit("guests.yaml", "    category: 来賓\n    honorific: 氏\n  - name: 星野 有希枝",
                 "    category: 来賓\n    honorific: 氏\n    order: 3\n  - name: 星野 有希枝")
    assert project.run("build").exit_code == 0
    release = _text(project.output / "press-release.pdf")
    handout = "\n".join(page_texts(project.output / "handout.pdf"))
    for text in (release, handout):
        assert text.index("星野 有希枝") < text.index("佐々木 雅幸") < text.index("北山 浩士"), text


def test_one_long_topic_continues_on_the_separate_sheet_guest_by_guest(project):
    many = MANY_GUESTS + MANY_GUESTS.replace("来賓 ", "来客 ")
    project.write("guests.yaml", project.read("guests.yaml") + many)
    overview = project.read("press.yaml").split("overview:\n", 1)[1].split("\n\n", 1)[0]
    project.edit("press.yaml", overview, "  - guests")
    project.edit("press.yaml", "separate_sheet: false", "separate_sheet: true")
    project.edit("press.yaml", "notes:", "notes: " + PARKING * 3)
    result = project.run("press")
    assert result.exit_code == 0, result.output
    first, second = page_texts(project.output / "press-release.pdf")
    assert "■来賓" in first and "（別紙に続く）" in first and "来賓 1郎" in first
    assert second.startswith("（別紙）概要（続き）") and "来客 8郎" in second
    everyone = first + second
    assert all(everyone.count(f"{who} {n}郎") == 1 for who in ("来賓", "来客") for n in range(1, 9))


def test_a_form_too_long_even_without_its_overview_says_so(project):
    project.edit("press.yaml", "separate_sheet: false", "separate_sheet: true")
    project.edit("press.yaml", "notes:", "notes: " + PARKING * 60)
    result = project.run("press")
    assert result.exit_code == 2
    assert "too many even with all of 概要 on the separate sheet" in result.output
    assert "separate_sheet: true` to continue" not in result.output
