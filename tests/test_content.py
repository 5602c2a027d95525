"""The content model: the bundled meeting, and every kind of content error with file and line."""

import typing

import pytest

from ucc_print.components.blocks import BLOCKS
from ucc_print.content import model

# ------------------------------------------------------------------ the bundled content


def test_bundled_content_holds_the_ninth_meeting(bundled):
    event = bundled.event
    assert event.title == "第9回ユネスコ創造都市国内ネットワーク会議"
    assert str(event.date) == "2026-06-17"
    assert (event.start, event.end) == ("14:30", "16:00")
    assert event.venue == "旭川市役所総合庁舎 7階 大会議室A"
    assert event.organiser == "ユネスコ創造都市国内ネットワーク加盟都市（令和8年度 旭川市担当）"
    assert "12都市" in event.participants


def test_bundled_guests_have_full_titles_and_honorific(bundled):
    guests = bundled.guests.of("来賓")
    assert [(g.name, g.organization, g.title, g.honorific) for g in guests] == [
        ("北山 浩士", "文部科学省", "国際統括官", "氏"),
        ("星野 有希枝", "文化庁", "参事官（伝統文化・生活文化担当）付 文化戦略官", "氏"),
        ("佐々木 雅幸", "静岡文化芸術大学", "理事長兼学長", "氏"),
    ]


def test_bundled_network_and_membership(bundled):
    network = bundled.network
    assert network.founded == 2004
    assert len(network.fields) == 8 and network.fields[-1].name == "建築" and network.fields[-1].since == 2025
    assert (network.countries, network.countries_approximate, network.cities) == (100, True, 408)
    assert str(network.as_of) == "2025-10-31"
    assert bundled.host.membership.field == "デザイン"
    assert str(bundled.host.membership.designated) == "2019-10-30"
    assert bundled.commission.established.year == 1952
    contact = bundled.host.contact
    assert (contact.department, contact.person, contact.phone, contact.fax) == (
        "経済部産業振興課", "和田", "0166-65-7047", "0166-65-7048")
    assert contact.email == "sangyousinkou@city.asahikawa.lg.jp"


def test_bundled_cities_in_the_overviews_order_with_sources(bundled):
    cities = bundled.cities.cities
    assert [c.city for c in cities] == [
        "神戸市", "名古屋市", "金沢市", "札幌市", "鶴岡市", "浜松市",
        "丹波篠山市", "山形市", "旭川市", "臼杵市", "岡山市", "越前市",
    ]
    assert {c.city: c.joined for c in cities}["臼杵市"] == 2021
    assert all(c.source for c in cities)
    assert [c.city for c in cities if not c.confirmed] == ["臼杵市", "岡山市", "越前市"]


def test_bundled_greeting_is_rendered(bundled):
    greeting = bundled.texts["greeting.md"]
    assert "{{" not in greeting and "第9回ユネスコ創造都市国内ネットワーク会議" in greeting


def test_bundled_guest_list(bundled):
    ordered = bundled.guests.ordered([c.city for c in bundled.cities.cities])
    assert [g.category for g in ordered].count("参加者") == 12
    participants = [g.organization for g in ordered if g.category == "参加者"]
    assert participants == [c.city for c in bundled.cities.cities]
    assert ordered[-1].category == "事務局"


def test_every_block_name_the_model_accepts_has_a_builder():
    assert set(typing.get_args(model.Block)) == set(BLOCKS)


def test_warnings_point_at_unconfirmed_years_and_the_missing_mayor(project):
    warnings = project.load().warnings
    assert [w.path for w in warnings] == [
        "cities[10].joined", "cities[11].joined", "cities[12].joined", "guests[4]", "mayor.name"]
    assert warnings[0].line == project.line_of("cities.yaml", "joined: 2021")


# ------------------------------------------------------------------ each kind of error


def test_unknown_key_names_file_line_and_suggestion(project):
    project.edit("event.yaml", "venue: ", "venu: ")
    problems = project.problems()
    unknown = next(p for p in problems if "unknown key" in p.found)
    assert unknown.file == "content/event.yaml"
    assert unknown.line == project.line_of("event.yaml", "venu:")
    assert unknown.path == "venu"
    assert 'did you mean "venue"' in unknown.hint
    missing = next(p for p in problems if p.path == "venue")
    assert missing.found == "nothing"


def test_unknown_key_deep_inside_a_list(project):
    project.edit("cities.yaml", "    joined: 2013", "    joined: 2013\n    jioned: 2013")
    problem = project.only_problem()
    assert problem.path == "cities[4].jioned"
    assert problem.line == project.line_of("cities.yaml", "jioned")


def test_missing_required_key(project):
    project.edit("host.yaml", "  person: 和田\n", "")
    problem = project.only_problem()
    assert (problem.file, problem.path, problem.found) == ("content/host.yaml", "contact.person", "nothing")
    assert problem.line == project.line_of("host.yaml", "contact:")


def test_wrong_type(project):
    project.edit("event.yaml", "number: 9", "number: nine")
    problem = project.only_problem()
    assert (problem.path, problem.expected, problem.found) == ("number", "a whole number", "'nine'")
    assert problem.line == project.line_of("event.yaml", "number: nine")


def test_number_where_text_is_expected_suggests_quotes(project):
    project.edit("host.yaml", "prefecture: 北海道", "prefecture: 1")
    problem = project.only_problem()
    assert problem.expected == "text" and "quotes" in problem.hint


def test_value_not_in_a_fixed_list(project):
    project.edit("guests.yaml", "category: 来賓", "category: ゲスト")
    problem = project.only_problem()
    assert problem.path == "guests[1].category"
    assert "来賓" in problem.expected and "ゲスト" in problem.found


def test_weekday_that_disagrees_with_the_calendar(project):
    project.edit("event.yaml", "date: 令和8年6月17日(水)", "date: 令和8年6月17日(火)")
    problem = project.only_problem()
    assert problem.path == "date" and problem.line == project.line_of("event.yaml", "date:")
    assert "(水)" in problem.expected and "(火)" in problem.found


def test_weekday_mistake_in_running_text_of_a_markdown_file(project):
    project.write("texts/greeting.md", project.read("texts/greeting.md") + "\n次回は2027年6月16日(火)です。\n")
    problem = project.only_problem()
    assert problem.file == "content/texts/greeting.md"
    assert problem.line == len(project.read("texts/greeting.md").splitlines())
    assert "(水)" in problem.expected


def test_date_that_does_not_exist(project):
    project.edit("event.yaml", "date: 令和8年6月17日(水)", "date: 令和8年2月30日")
    assert "exists" in project.only_problem().expected


def test_bad_clock_time(project):
    project.edit("event.yaml", 'end: "16:00"', 'end: "25:00"')
    problem = project.only_problem()
    assert problem.path == "end" and "14:30" in problem.expected


def test_email_and_phone_formats(project):
    project.edit("host.yaml", "email: sangyousinkou@city.asahikawa.lg.jp", "email: sangyousinkou")
    project.edit("host.yaml", "phone: 0166-65-7047", "phone: 電話します")
    assert {p.path for p in project.problems()} == {"contact.email", "contact.phone"}


def test_broken_yaml_gives_line_and_column(project):
    project.edit("network.yaml", "founded: 2004", "founded: [2004")
    problem = project.only_problem()
    assert problem.file == "content/network.yaml" and problem.expected == "valid YAML"
    assert problem.line is not None and "column" in problem.found


def test_tab_indentation_gets_a_hint(project):
    project.edit("host.yaml", "  title: 旭川市長", "\ttitle: 旭川市長")
    problem = project.only_problem()
    assert problem.expected == "valid YAML"
    assert problem.line == project.line_of("host.yaml", "\ttitle")
    assert problem.hint == "indent with spaces, not tabs"
    assert not problem.found.startswith("found")


def test_duplicate_key(project):
    project.edit("event.yaml", "number: 9", "number: 9\nnumber: 10")
    problem = project.only_problem()
    first = project.line_of("event.yaml", "number: 9")
    assert problem.line == project.line_of("event.yaml", "number: 10")
    assert problem.found.startswith(f'the key "number" a second time (it is already on line {first})')


def test_duplicate_key_with_a_long_value_is_not_quoted_whole(project):
    project.write("print.yaml", project.read("print.yaml") + "\nitems: 5\n")
    problem = project.only_problem()
    assert problem.found.startswith('the key "items" a second time (it is already on line ')
    assert len(str(problem)) < 250


def test_empty_file_and_missing_file(project):
    project.write("commission.yaml", "# nothing yet\n")
    project.path("guests.yaml").unlink()
    problems = project.problems()
    assert {(p.file, p.found) for p in problems} == {
        ("content/commission.yaml", "an empty file"), ("content/guests.yaml", "no such file")}


def test_filter_given_the_wrong_kind_of_value(project):
    project.edit("event.yaml", "{{ event.date | nendo }}", "{{ event.venue | nendo }}")
    problem = project.only_problem()
    assert "nendo" in problem.expected and "旭川市役所" in problem.found


@pytest.mark.parametrize("internal", ["event.__class__", "event.model_dump()", "event.model_fields",
                                      "host.mayor", "event.date.strftime('%Y')", "cities"])
def test_sandbox_refuses_internals_and_prints_only_content_values(project, internal):
    project.edit("event.yaml", "{{ event.date | nendo }}", "{{ " + internal + " }}")
    problem = project.only_problem()
    assert problem.file == "content/event.yaml" and problem.path == "organiser"
    assert ("is not a field of the content" in problem.found or "has no field" in problem.found
            or "a value to print" in problem.expected)


def test_city_field_must_be_a_network_field(project):
    project.edit("cities.yaml", "    field: 音楽", "    field: 音樂")
    problem = project.only_problem()
    assert problem.path == "cities[6].field" and "音楽" in problem.expected
    assert problem.line == project.line_of("cities.yaml", "field: 音樂")


def test_host_city_must_be_in_the_city_table(project):
    project.edit("host.yaml", "city: 旭川市", "city: 旭川")
    assert project.only_problem().path == "city"


def test_agenda_times_inside_the_meeting_and_in_order(project):
    project.edit("event.yaml", '- time: "14:55"', '- time: "14:20"')
    problem = project.only_problem()
    assert problem.path == "agenda[4].time" and "14:30 and 16:00" in problem.expected


def test_section_file_must_exist(project):
    project.edit("handout.yaml", "file: greeting.md", "file: greting.md")
    problem = project.only_problem()
    assert problem.path == "sections[8].file" and "greeting.md" in problem.expected


def test_all_problems_of_a_run_are_reported_together(project):
    project.edit("event.yaml", "venue: ", "venu: ")
    project.edit("network.yaml", "founded: 2004", "founded: [2004")
    project.edit("cities.yaml", "joined: 2008", "joined: 二〇〇八")
    files = {p.file for p in project.problems()}
    assert files == {"content/event.yaml", "content/network.yaml", "content/cities.yaml"}


def test_problem_reads_like_a_sentence(project):
    project.edit("event.yaml", "number: 9", "number: nine")
    text = str(project.only_problem())
    line = project.line_of("event.yaml", "number: nine")
    assert text == f"content/event.yaml, line {line}: number: expected a whole number; found 'nine'"


def test_cross_file_problems_are_reported_beside_a_broken_file(project):
    project.edit("event.yaml", "venue: ", "venu: ")
    project.edit("cities.yaml", "    field: 音楽", "    field: 音樂")
    paths = [(p.file, p.path) for p in project.problems()]
    assert ("content/cities.yaml", "cities[6].field") in paths
    assert ("content/event.yaml", "venu") in paths
    assert paths.index(("content/event.yaml", "venu")) < paths.index(("content/cities.yaml", "cities[6].field"))


# ------------------------------------------------------------------ found in review


def test_yaml_merge_keys_are_read_and_located(project):
    project.edit("guests.yaml", "  - name: 北山 浩士\n", "  - &gov\n    name: 北山 浩士\n")
    project.edit("guests.yaml", "  - name: 佐々木 雅幸\n", "  - <<: [*gov, {nonsense: 1}]\n    name: 佐々木 雅幸\n")
    problem = project.only_problem()
    assert (problem.path, problem.found) == ("guests[3].nonsense", 'unknown key "nonsense"')
    assert problem.line == project.line_of("guests.yaml", "nonsense")


def test_a_number_as_a_key_is_reported_not_dropped(project):
    project.edit("event.yaml", "number: 9", "number: 9\n2026: 9")
    problem = project.only_problem()
    assert problem.found == "2026" and problem.line == project.line_of("event.yaml", "2026: 9")


def test_dates_outside_the_calendar_range(project):
    project.edit("cities.yaml", "as_of: 令和7年10月31日(金)", "as_of: 1700-01-01")
    project.edit("commission.yaml", "established: 1952-04", "established: 9999-12")
    assert {p.path: p.expected for p in project.problems()} == {
        "as_of": "a date from 1873 to 2200",
        "established": 'a year and month such as "1952-04" or 1952年4月',
    }


def test_missing_glyph_is_reported_with_code_point(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 𠮷田 浩士")
    project.edit("host.yaml", "person: 和田", "person: 和田😀")
    problems = project.problems()
    # print.yaml's delivery quotes the contact person, so the emoji is reported there too.
    assert {(p.path, p.found) for p in problems} == {
        ("guests[1].name", "'𠮷' (U+20BB7)"), ("contact.person", "'😀' (U+1F600)"), ("delivery", "'😀' (U+1F600)")}
    assert all("fonts" in p.expected and p.hint for p in problems)


def test_characters_names_need_are_printable(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: 髙橋 﨑邉齋")
    assert project.load().project.guests.guests[0].name == "髙橋 﨑邉齋"


def test_weekday_line_in_markdown_with_full_width_digits(project):
    text = project.read("texts/greeting.md") + "\n次回は２０２７年６月１６日（火）です。\n"
    project.write("texts/greeting.md", text)
    assert project.only_problem().line == len(text.splitlines())


def test_weekday_of_a_date_written_without_its_year(project):
    project.write("texts/greeting.md", project.read("texts/greeting.md") + "\n前日の6月16日(水)には視察を行います。\n")
    problem = project.only_problem()
    assert "2026-06-16" in problem.expected and problem.hint


def test_a_folder_where_a_file_should_be(project):
    project.path("commission.yaml").unlink()
    project.path("commission.yaml").mkdir()
    (project.path("texts") / "odd.md").mkdir()
    assert {p.file for p in project.problems()} == {"content/commission.yaml", "content/texts/odd.md"}


def test_a_guest_without_a_name_yet_lists_without_none(project):
    project.edit("guests.yaml", "  - name: 北山 浩士\n", "  - reading: きたやま\n")
    text = "".join(str(x) for x in [project.load().project.guests.guests[0].listed_name])
    assert text == ""
    assert project.run("handout").exit_code == 0
    from .pdfread import page_texts

    overview = "\n".join(page_texts(project.output / "handout.pdf"))
    assert "None" not in overview and "文部科学省 国際統括官" in overview
