"""The meeting kit read back from its PDFs: letters and reply forms to every recipient, the reception
list, the signs and the world's design cities — on the bundled meeting and on generated ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from ucc_print.components.blocks import event_when
from ucc_print.content.model.guests import of_city
from ucc_print.design.tokens import SIGN_A3, SIGN_A4
from ucc_print.design.units import mm
from ucc_print.japanese.dates import wareki
from ucc_print.japanese.kana import gojuon_key

from .conftest import Project, run_cli
from .meetings import Meeting, generate
from .pdfread import page_texts, text_lines


def _flat(text: str) -> str:
    return "".join(text.split())


def _build(meeting: Meeting, *commands: str) -> Path:
    for command in commands:
        args = ["--project", str(meeting.root), *command.split()]
        args += ["--guests", str(meeting.guest_list)] if meeting.guest_list and command != "signs" else []
        result = run_cli(args)
        assert result.exit_code == 0, result.output
    return meeting.root / "output"


def _recipients(project) -> tuple[list, list[str]]:
    """Whom letters should go to, worked out from the guest list as a clerk would: each 来賓, and
    each member city (not the host) that sends 参加者."""
    people = [g for g in project.ordered_guests() if g.category == "来賓"]
    cities = [c.city for c in project.cities.cities]
    sending = [next(c for c in cities if of_city(g.organization, c)) for g in project.ordered_guests()
               if g.category == "参加者" and any(of_city(g.organization, c) for c in cities)]
    return people, [c for c in dict.fromkeys(sending) if c != project.host.city]


@pytest.fixture(scope="module", params=[(2, "yaml"), (13, "xlsx")])
def kit(request, tmp_path_factory):
    """A generated meeting with its letters, reply forms, reception list (五十音順) and signs built."""
    seed, list_format = request.param
    meeting = generate(tmp_path_factory.mktemp("kit") / "meeting", seed, list_format=list_format)
    output = _build(meeting, "letters", "reception --order kana", "signs", "handout")
    project = Project.__new__(Project)
    project.root = meeting.root
    return meeting, project.load(meeting.guest_list).project, output


def test_one_letter_and_one_reply_form_per_recipient_with_their_name_and_title(kit):
    _meeting, project, output = kit
    people, cities = _recipients(project)
    subject = _flat(f"{project.event.title}の開催について（{project.letters.kind}）")
    letters = [_flat(text) for text in page_texts(output / "letters.pdf")]
    firsts = [text for text in letters if subject in text]
    assert len(firsts) == len(people) + len(cities)
    forms = [_flat(text) for text in page_texts(output / "rsvp.pdf")]
    assert len(forms) == len(people) + len(cities) and all("出欠回答票" in form for form in forms)
    for guest in people:  # each on a letter and a form of their own (in card order, which `order:` may change)
        address = _flat(f"{guest.organization}{guest.title or ''}{guest.name or ''}様")
        same = sum(g.organization == guest.organization and g.title == guest.title and g.name == guest.name
                   for g in people)
        assert sum(address in text for text in firsts) == same, guest.label
        assert sum(all(_flat(part or "") in form for part in (guest.organization, guest.title, guest.name))
                   for form in forms) >= same, guest.label
    for city in cities:
        assert sum(f"{city}長様" in text for text in firsts) == 1 and sum(f"所属{city}" in f for f in forms) == 1
    assert not any(f"{project.host.city}長様" in text for text in firsts)


def test_letters_give_the_handouts_date_venue_and_agenda(kit):
    _meeting, project, output = kit
    handout_cover = _flat(page_texts(output / "handout.pdf")[0])
    when = _flat(event_when(project))
    assert when in handout_cover
    first = _flat(page_texts(output / "letters.pdf")[0])
    assert _flat(f"日時{when}") in first and _flat(f"場所{project.event.venue}") in first
    positions = [first.index(_flat(f"（{n}）{item.title}")) for n, item in enumerate(project.event.agenda, 1)]
    assert positions == sorted(positions)
    assert _flat(project.event.agenda[0].title) in handout_cover  # the 次第 (its items: test_handout)
    assert _flat(f"回答期限{wareki(project.letters.reply_by, True)}") in first
    assert project.letters.number in first and _flat(wareki(project.letters.issued)) in first
    assert "（公印省略）" in first and first.rstrip().endswith(_flat(project.host.contact.email))


def test_reception_lists_every_guest_once_with_reading_in_gojuon_order(kit):
    _meeting, project, output = kit
    lines = text_lines(output / "reception.pdf")
    named = Counter(guest.name for guest in project.guests.guests if guest.name)
    named += Counter(guest.name for guest in project.guests.guests if guest.name and guest.reading == guest.name)
    # every name whole and once (a katakana name's reading, written as it is, is its line over it)
    assert Counter({name: sum(line.text == name for line in lines) for name in named}) == named

    def over(upper, lower) -> bool:
        return upper.page == lower.page and abs(upper.x0 - lower.x0) < 1 and 0 < lower.top - upper.top < 14

    readings = []
    for line in lines:
        guest = next((g for g in project.guests.guests if g.name == line.text), None)
        if not (guest and guest.reading):
            continue
        if guest.reading == guest.name and any(over(line, other) and other.text == line.text for other in lines):
            continue  # the reading itself, over its name
        assert any(other.text == guest.reading and over(other, line) for other in lines), guest.name  # small, over
        readings.append(guest.reading)
    assert readings == sorted(readings, key=gojuon_key)
    assert readings or not any(guest.reading for guest in project.guests.guests)
    last = _flat(page_texts(output / "reception.pdf")[-1])
    assert _flat(f"計 {len(project.guests.guests)}名") in last
    for category in ("来賓", "参加者", "事務局"):
        count = sum(g.category == category for g in project.guests.guests)
        assert (f"{category}{count}名" in last) == bool(count)


def test_each_sign_fills_its_sheet_within_its_margins(kit):
    _meeting, project, output = kit
    grid = SIGN_A3 if project.signs.paper == "A3" else SIGN_A4
    with pdfplumber.open(output / "signs.pdf") as pdf:
        assert len(pdf.pages) == len(project.signs.signs)
        for page, sign in zip(pdf.pages, project.signs.signs, strict=True):
            assert (page.width, page.height) == pytest.approx((grid.width, grid.height), abs=0.5)
            biggest = max(char["size"] for char in page.chars)
            word = [char for char in page.chars if char["size"] == biggest]
            assert "".join(char["text"] for char in word) == sign.text
            assert biggest >= 60
            left, right = min(c["x0"] for c in word), max(c["x1"] for c in word)
            top, bottom = min(c["top"] for c in word), max(c["bottom"] for c in word)
            frame_w, frame_h = grid.frame_width, grid.frame_height
            # the word and its arrow fill the sheet's width, or the word its share of the height
            arrows = [shape for shape in page.curves + page.rects if shape.get("fill")]
            spread = max([right] + [a["x1"] for a in arrows]) - min([left] + [a["x0"] for a in arrows])
            assert spread >= 0.6 * frame_w or bottom - top >= 0.4 * frame_h, sign.text
            for char in page.chars:
                assert grid.left - 0.5 <= char["x0"] and char["x1"] <= grid.width - grid.right + 0.5
                assert grid.top - 0.5 <= char["top"] and char["bottom"] <= grid.height - grid.bottom + 0.5
            assert bool(arrows) == (sign.arrow != "none")
            assert _flat(project.event.title) in _flat(page.extract_text())


def test_a_sign_word_too_long_for_its_sheet_is_refused_naming_the_line(project):
    project.edit("signs.yaml", "  - text: 控室", "  - text: " + "控室" * 20)
    result = project.run("signs")
    assert result.exit_code == 2
    line = project.line_of("signs.yaml", "控室控室")
    assert f"content/signs.yaml, line {line}: signs[4].text: expected a sign's word that fits" in result.output
    assert "use paper: A3" not in result.output  # the signs are A3 already
    assert not (project.output / "signs.pdf").exists()
    project.edit("signs.yaml", "\npaper: A3", "\npaper: A4")
    assert "put the rest in `place:`, or use paper: A3" in project.run("signs").output


def test_signs_on_a4_and_every_arrow_spelling(project):
    project.edit("signs.yaml", "\npaper: A3", "\npaper: A4")
    project.edit("signs.yaml", "arrow: →", "arrow: right")
    project.edit("signs.yaml", "arrow: ↑", "arrow: down")
    result = project.run("signs")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(project.output / "signs.pdf") as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((mm(297), mm(210)), abs=0.5)


def test_the_design_cities_section_lists_every_city_with_its_country(handout_pdf, bundled):
    world = bundled.design_cities
    lines = text_lines(handout_pdf)
    rows: dict[tuple[int, float], list[str]] = {}
    for line in lines:
        rows.setdefault((line.page, round(line.top)), []).append(line.text)
    pairs = Counter()
    for cells in rows.values():
        for index, cell in enumerate(cells[:-1]):
            pairs[(cell.removeprefix("★"), cells[index + 1])] += 1
    for city in world.cities:
        assert pairs[(city.city, city.country)] >= 1, city.city
    assert any("★旭川市" in cells for cells in rows.values())
    text = _flat("".join(page_texts(handout_pdf)))
    assert _flat(f"{len(world.cities)}都市（{wareki(world.as_of)}現在）") in text and _flat(world.source) in text


def test_the_deck_shows_the_design_cities_on_table_slides(presentation, bundled):
    shown = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.rows[0].cells[1].text == "国":
                shown += [cell.text for row in list(shape.table.rows)[1:] for cell in row.cells]
    for city in bundled.design_cities.cities:
        assert city.city in shown or f"★{city.city}" in shown


def test_showing_design_cities_without_their_file_names_the_section(project):
    project.path("design_cities.yaml").unlink()
    problems = project.problems()
    assert {p.file for p in problems} == {"content/handout.yaml", "content/slides.md"}
    section = next(p for p in problems if p.file == "content/handout.yaml")
    assert section.line == project.line_of("handout.yaml", "show: design_cities")
    slide = next(p for p in problems if p.file == "content/slides.md")
    assert slide.line == project.line_of("slides.md", "show: design_cities") - 2


def test_a_reply_deadline_after_the_meeting_is_refused(project):
    project.edit("letters.yaml", "reply_by: 令和8年6月3日(水)", "reply_by: 令和8年6月30日")
    problem = project.only_problem()
    assert (problem.file, problem.path) == ("content/letters.yaml", "reply_by")
    assert problem.line == project.line_of("letters.yaml", "reply_by:") and "令和8年6月30日" in problem.found


def test_without_letters_yaml_build_skips_letters_and_the_command_says_why(project):
    project.path("letters.yaml").unlink()
    assert project.run("build").exit_code == 0
    assert not (project.output / "letters.pdf").exists()
    result = project.run("letters")
    assert result.exit_code == 2 and "content/letters.yaml is missing" in result.output


def test_a_sealed_request_leaves_room_for_the_seal(project):
    project.edit("letters.yaml", "kind: 通知", "kind: 依頼")
    project.edit("letters.yaml", "seal: false", "seal: true")
    assert project.run("letters").exit_code == 0
    first = _flat(page_texts(project.output / "letters.pdf")[0])
    assert "（公印省略）" not in first and "開催について（依頼）" in first and "御出席くださいますよう" in first


def test_a_long_meeting_name_takes_two_lines_on_a_sign_and_is_refused_once_when_even_that_is_too_small(project):
    project.edit("signs.yaml", "\npaper: A3", "\npaper: A4")
    name = "ユネスコ創造都市ネットワーク国内加盟都市によるデザイン・クラフト・食文化・音楽・映画・文学合同の国内会議"
    project.edit("event.yaml", "name: ユネスコ創造都市国内ネットワーク会議", f"name: {name}")
    result = project.run("signs")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(project.output / "signs.pdf") as pdf:
        title = [line for line in text_lines(project.output / "signs.pdf") if line.page == 1 and line.top < mm(40)]
        assert len(title) == 2 and _flat("".join(line.text for line in title)) == _flat(f"第9回{name}")
        assert min(char["size"] for char in pdf.pages[0].chars) >= 20
    project.edit("event.yaml", f"name: {name}", f"name: {name * 2}")
    result = project.run("signs")
    assert result.exit_code == 2 and result.output.count("content/event.yaml") == 1
    assert ("expected the meeting's name (event.yaml) that fits its band, on more lines if need be, at 20 pt"
            in result.output)


def _staff_only(project) -> None:
    """A guest list of the 事務局 alone: nobody to write to."""
    text = project.read("guests.yaml")
    staff = "\n  - name: 和田\n    organization: 旭川市 経済部産業振興課\n    category: 事務局\n"
    project.write("guests.yaml", text[:text.index("\n  - ")] + staff)


def test_with_nobody_to_write_to_build_skips_the_letters_and_the_command_names_the_guest_list(project):
    _staff_only(project)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "skipped 開催通知・出欠回答票（letters）: content/guests.yaml has nobody to write to" in result.output
    assert (project.output / "handout.pdf").exists() and not (project.output / "letters.pdf").exists()
    result = project.run("letters")
    assert result.exit_code == 2 and "content/guests.yaml has nobody to write to" in result.output


def test_a_letter_keeps_its_parts_in_place_and_its_contact_block_within_the_right_half(project):
    department = "経済部産業振興課デザイン創造都市推進係国際交流担当地域ブランド戦略グループ企画調整室"
    project.edit("host.yaml", "department: 経済部産業振興課", f"department: {department}")
    long = "国際統括官付国際戦略企画室長補佐兼創造都市ネットワーク推進担当専門官"
    project.edit("guests.yaml", "title: 国際統括官", f"title: {long}")
    assert project.run("letters").exit_code == 0
    loaded = project.load().project
    from ucc_print.design.theme import LETTER

    grid = LETTER.page_grid
    pages = page_texts(project.output / "letters.pdf")
    subject = _flat(f"{loaded.event.title}の開催について")
    starts = [index for index, text in enumerate(pages) if subject in _flat(text)]
    assert starts == list(range(len(starts))), "every letter on one page"
    lines = [line for line in text_lines(project.output / "letters.pdf") if line.page == 1]
    right = grid.width - grid.right
    for needle in (loaded.letters.number, wareki(loaded.letters.issued), "（公印省略）", "以上"):
        line = next(line for line in lines if line.text.startswith(needle))
        assert line.x1 == pytest.approx(right, abs=1.5), needle  # flush right
        assert line.top < grid.height / 2 or needle == "以上", needle  # the heading's parts at the top
    closing = next(line for line in lines if line.text == "以上")
    contact = [line for line in lines if line.top > closing.top]
    assert _flat("".join(line.text for line in contact)) == _flat(
        f"（担当）旭川市{department}和田" + "".join(loaded.host.contact.reach()))
    assert all(line.x0 >= grid.width / 2 - 1 and line.x1 <= right + 0.5 for line in contact)
    foot = max(line.bottom for line in contact)
    assert grid.height - grid.bottom - 12 < foot <= grid.height - grid.bottom + 0.5  # at the frame's foot


def test_a_letter_too_long_for_a_page_never_leaves_its_contact_block_alone(project):
    project.edit("letters.yaml", "notes: 当日は、開始15分前から受付を行います。",
                 "notes: " + "当日は、開始15分前から受付を行います。" * 30)
    assert project.run("letters").exit_code == 0
    pages = page_texts(project.output / "letters.pdf")
    for text in pages:
        body = _flat(text.split("（担当）")[0])
        assert body, "a page with nothing but the contact block"
    assert sum("（担当）" in text for text in pages) == len(pages) // 2


def test_a_word_broken_in_design_cities_is_reported_against_that_file(project):
    name = "サンクトペテルブルクアレクサンドロフスクサハリンスキーウラジオストクハバロフスクノヴォシビルスク"
    project.edit("design_cities.yaml", "city: 神戸市", f"city: {name}")
    result = project.run("handout")
    assert result.exit_code == 0
    line = project.line_of("design_cities.yaml", name)
    assert f"content/design_cities.yaml, line {line}: cities[4].city: expected words that fit" in result.output


def test_the_host_among_the_world_cities_has_its_own_cell_filled_and_a_missing_host_is_warned(project):
    from ucc_print.design.theme import HANDOUT

    assert project.run("handout").exit_code == 0
    fill = HANDOUT.emphasis_fill
    with pdfplumber.open(project.output / "handout.pdf") as pdf:
        page = next(page for page in pdf.pages if "ヘルシンキ" in page.extract_text())  # the world table
        host = next(word for word in page.extract_words() if word["text"] == "★旭川市")
        colours = {tuple(round(c / 255, 3) for c in fill.rgb), tuple(round(c, 3) for c in fill.cmyk_unit)}
        filled = [rect for rect in page.rects if rect.get("non_stroking_color")
                  and tuple(round(c, 3) for c in rect["non_stroking_color"]) in colours]
        (cell,) = [rect for rect in filled if rect["x0"] <= host["x0"] and host["x1"] <= rect["x1"]
                   and rect["top"] <= host["top"] and host["bottom"] <= rect["bottom"]]
        assert cell["x1"] - cell["x0"] < page.width / 2  # the city and its country, not the whole row
    project.edit("design_cities.yaml", "city: 旭川市", "city: 旭川")
    written = project.run("handout")  # the host written without 市 is still the host
    assert written.exit_code == 0 and "among the cities" not in written.output
    assert sum("★旭川" in line.text for line in text_lines(project.output / "handout.pdf")) == 2
    project.edit("design_cities.yaml", "city: 旭川", "city: 函館")
    result = project.run("check")
    assert result.exit_code == 0
    assert "content/design_cities.yaml" in result.output and "the host city, 旭川市, among the cities" in result.output


@pytest.mark.parametrize("written, direction", [("←", "left"), ("Right", "right"), ("↑", "up"), ("down", "down")])
def test_every_arrow_points_its_way_beside_the_word(project, written, direction):
    project.edit("signs.yaml", "arrow: →", f"arrow: {written}")
    assert project.run("signs").exit_code == 0
    with pdfplumber.open(project.output / "signs.pdf") as pdf:
        page = pdf.pages[0]
        (shape,) = [curve for curve in page.curves if curve.get("fill")]
        points = shape["pts"]
        xs, ys = [x for x, _y in points], [y for _x, y in points]
        middle = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        tips = {"right": (max(xs), middle[1]), "left": (min(xs), middle[1]), "down": (middle[0], max(ys)),
                "up": (middle[0], min(ys))}
        assert any(abs(x - tips[direction][0]) < 1 and abs(y - tips[direction][1]) < 1 for x, y in points)
        word = [char for char in page.chars if char["size"] == max(c["size"] for c in page.chars)]
        if direction == "left":
            assert max(xs) < min(c["x0"] for c in word)
        else:
            assert min(xs) > max(c["x1"] for c in word)


def test_a_wrong_arrow_is_refused_listing_what_may_be_written(project):
    project.edit("signs.yaml", "arrow: →", "arrow: 右")
    result = project.run("signs")
    assert result.exit_code == 2
    assert (f"content/signs.yaml, line {project.line_of('signs.yaml', 'arrow: 右')}: signs[1].arrow: "
            "expected an arrow: ← → ↑ ↓ or なし") in result.output
    assert "use paper: A3" not in result.output


def test_gojuon_order_of_fixed_readings():
    readings = ["わだ あきら", "がとう", "かとう", "きたやま ひろし", "キタヤマ", "さとう", "ざとう", "さっぽろ",
                "さつま", "あべ", "アーサー"]
    assert sorted(readings, key=gojuon_key) == [
        "アーサー", "あべ", "かとう", "がとう", "キタヤマ", "きたやま ひろし", "さっぽろ", "さつま", "さとう", "ざとう",
        "わだ あきら"]
