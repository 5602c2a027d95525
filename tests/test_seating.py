"""The seating chart (配席図) and the attendee list (出席者名簿): protocol order, delegations,
short forms, crowded tables, A3 pages."""

import pytest

from .guestlists import CITIES, MARKUP, write_csv, write_xlsx
from .pdfread import page_texts


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


def test_the_handout_lists_and_seats_the_same_guests_as_the_cards(tmp_path, project):
    path = write_csv(tmp_path / "list.csv")
    assert project.run("handout", "--guests", str(path)).exit_code == 0
    texts = page_texts(project.output / "handout.pdf")
    first = next(index for index, text in enumerate(texts) if "出席者名簿" in text)
    attendees = "\n".join(texts[first:])
    assert "髙橋 太郎" in attendees and all(word in attendees.split() for word in MARKUP.split())


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
