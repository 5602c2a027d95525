"""Columns sized from their content, as a browser's automatic table layout does."""

from __future__ import annotations

import pytest

from ucc_print.components.blocks import agenda_table, city_table
from ucc_print.components.keyvalue import key_values
from ucc_print.components.measure import column_widths, key_value_widths, share_out
from ucc_print.components.seating import attendee_table
from ucc_print.design import fonts
from ucc_print.design.theme import HANDOUT

WIDTH = HANDOUT.grid.frame_width
PAD = 2 * HANDOUT.cell_pad_x


def test_columns_that_fit_unbroken_get_their_widest_and_the_rest_in_proportion():
    assert share_out([10, 20], [10, 20], [100, 100], 400) == [200, 200]


def test_a_column_that_never_breaks_keeps_its_width_and_long_texts_share_the_rest():
    widths = share_out([30, 40, 60], [30, 20, 60], [30, 900, 60], 400)
    assert widths[0] == 30 and widths[2] == 60 and widths[1] == pytest.approx(310)


def test_when_phrases_do_not_fit_the_longest_phrase_gives_way_first():
    widths = share_out([30, 300, 200], [30, 50, 190], [30, 300, 400], 400)
    assert widths[0] == 30 and widths[2] >= 190 and sum(widths) == pytest.approx(400)


def test_when_not_even_units_fit_every_column_narrows_in_proportion():
    assert share_out([100, 300], [100, 300], [100, 300], 200) == [50, 150]


def test_the_agenda_s_speaker_column_takes_what_the_time_column_does_not_need(project):
    project.edit("host.yaml", "  name:\n", "  name: 佐藤 髙志\n")
    project.edit("host.yaml", "  title: 旭川市長", "  title: 鶴岡市長")
    table = agenda_table(project.load().project, HANDOUT)
    number, item, speaker, time = column_widths(table, WIDTH)
    assert time == pytest.approx(fonts.text_width("14:30", "pgothic", HANDOUT.style("agenda").size) + PAD, rel=0.3)
    assert speaker >= fonts.text_width("鶴岡市長 佐藤 髙志", "pgothic", HANDOUT.style("agenda").size) + PAD
    assert item > speaker > time > number


def test_the_attendee_list_gives_names_their_width(bundled):
    widths = column_widths(attendee_table(bundled, HANDOUT), WIDTH)
    size = HANDOUT.style("table-cell").size
    assert widths[3] >= fonts.text_width("佐々木 雅幸 氏", "pgothic", size) + PAD
    assert widths[0] == pytest.approx(max(fonts.text_width("参加者", "pgothic", size),
                                          fonts.text_width("区分", "pgothic-bold", size)) + PAD, rel=0.05)


def test_the_city_table_is_sized_by_its_cells(bundled):
    widths = column_widths(city_table(bundled, HANDOUT), WIDTH)
    assert sum(widths) == pytest.approx(WIDTH)
    assert widths[2] == max(widths)  # 分野: クラフト&フォークアート


def test_a_key_value_block_s_label_column_is_as_wide_as_its_widest_label():
    block = key_values([("日時", "令和8年6月17日"), ("発表項目（行事名）", "会議")], HANDOUT)
    key, value = key_value_widths(block, WIDTH)
    label = fonts.text_width("発表項目（行事名）", "pgothic-bold", HANDOUT.style("key").size) + PAD
    assert key == pytest.approx(label) and key + value == pytest.approx(WIDTH)
