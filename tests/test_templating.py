"""Jinja2 templates in content fields and Markdown: errors with file and line, fields that use
other fields, empty fields, and what a template may not do."""

from __future__ import annotations

import datetime as dt
import json
import time
import tracemalloc

import pytest

from ucc_print.content import templating
from ucc_print.content.limits import MAX_TEXT_FILE
from ucc_print.content.templating import Renderer, TemplateProblem


def test_undefined_template_variable(project):
    project.edit("event.yaml", "{{ host.city }}担当", "{{ hots.city }}担当")
    problem = project.only_problem()
    assert problem.path == "organiser" and problem.line == project.line_of("event.yaml", "hots.city")
    assert "hots" in problem.found


def test_undefined_attribute_of_a_known_object(project):
    project.edit("event.yaml", "{{ event.date | nendo }}", "{{ event.dat | nendo }}")
    assert "dat" in project.only_problem().found


def test_template_syntax_error_in_markdown_gives_its_line(project):
    text = project.read("texts/greeting.md").replace("{{ host.membership.field }}", "{{ host.membership.field ")
    project.write("texts/greeting.md", text)
    problem = project.only_problem()
    assert problem.file == "content/texts/greeting.md"
    assert problem.expected == "a valid Jinja2 template"


#: How the bundled 次第 names the mayor as a speaker (with the name once it is filled in).
MAYOR_SPEAKS = 'speaker: "{{ host.mayor.title }}{% if host.mayor.name %} {{ host.mayor.name }}{% endif %}"'


def test_empty_field_never_prints_as_none(project):
    project.edit("event.yaml", MAYOR_SPEAKS, 'speaker: "{{ host.mayor.name }}"')
    problem = project.only_problem()
    assert problem.found.startswith("mayor.name is empty")
    assert problem.path == "agenda[2].speaker"


def test_templates_cannot_change_the_content(project):
    project.edit("event.yaml", "{{ event.date | nendo }}", "{{ guests.clear() or '' }}{{ event.date | nendo }}")
    problem = project.only_problem()
    assert "unsafe" in problem.found or "clear" in problem.found


def test_empty_field_joined_to_text_is_still_an_error(project):
    project.edit("event.yaml", "{{ host.city }}担当", "{{ host.city ~ host.mayor.name }}担当")
    assert project.only_problem().found.startswith("mayor.name is empty")


def test_empty_field_with_if_or_default_is_fine(project):
    project.edit("event.yaml", MAYOR_SPEAKS,
                 'speaker: "{{ host.mayor.name | default(host.mayor.title) }}"')
    assert project.load().project.event.agenda[1].speaker == "旭川市長"


def test_a_field_may_use_another_templated_field(project):
    project.edit("event.yaml", "rotation: 開催都市は", "rotation: （{{ event.organiser }}）開催都市は")
    rotation = project.load().project.event.rotation
    assert rotation.startswith("（ユネスコ創造都市国内ネットワーク加盟都市（令和8年度 旭川市担当））")


def test_a_field_that_uses_itself_is_an_error(project):
    project.edit("event.yaml", "rotation: 開催都市は", "rotation: A{{ event.rotation }}開催都市は")
    assert "refers to itself" in project.only_problem().found


def test_endless_template_recursion_is_an_error(project):
    project.edit("event.yaml", "rotation: 開催都市は加盟都市の持ち回りで、本年度は{{ host.city }}が担当します。",
                 'rotation: "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"')
    problem = project.only_problem()
    assert problem.path == "rotation" and "recursion" in problem.found


def test_text_that_renders_to_nothing_is_an_error(project):
    project.edit("event.yaml", "rotation: 開催都市は加盟都市の持ち回りで、本年度は{{ host.city }}が担当します。",
                 'rotation: "{% if false %}x{% endif %}"')
    problem = project.only_problem()
    assert problem.path == "rotation" and "nothing" in problem.found


def test_template_error_line_inside_a_block_text(project):
    project.edit("event.yaml", "  当日は、開催都市の市長が{{ host.city }}の取組を紹介します。",
                 "  当日は、開催都市の市長が{{ host.cty }}の取組を紹介します。")
    problem = project.only_problem()
    assert problem.line == project.line_of("event.yaml", "host.cty")
    assert "did you mean 'city'" in problem.found


def test_templates_over_a_broken_file_do_not_add_errors(project):
    project.edit("host.yaml", "city: 旭川市", "city: [旭川市")
    problems = project.problems()
    assert [p.file for p in problems] == ["content/host.yaml"]


def test_template_errors_are_found_beside_a_broken_file(project):
    project.edit("host.yaml", "city: 旭川市", "city: [旭川市")
    project.edit("network.yaml", "{{ network.founded }}", "{{ network.fonded }}")
    project.write("texts/greeting.md", project.read("texts/greeting.md") + "\n{{ nope }}\n")
    assert {p.file for p in project.problems()} == {
        "content/host.yaml", "content/network.yaml", "content/texts/greeting.md"}


# -- issue 11: what may become text, and limits checked before anything is made -------------------

#: The third activity of the host city, replaced by the templates a test tries (each its own field).
LAST_ACTIVITY = "    - 国内ネットワーク会議への参加\n"
ROTATION = "rotation: 開催都市は加盟都市の持ち回りで、本年度は{{ host.city }}が担当します。"


def _activities(project, templates: list[str]) -> None:
    """The host's activities 3, 4, … become these templates (JSON strings are YAML too)."""
    project.edit("host.yaml", LAST_ACTIVITY, "".join(f"    - {json.dumps(t, ensure_ascii=False)}\n" for t in templates))


def _found_by_template(project, templates: list[str]) -> dict[str, str]:
    """What each template's problem says it found (every template must give one)."""
    _activities(project, templates)
    found = {problem.path: problem.found for problem in project.problems()}
    return {template: found[f"membership.activities[{number}]"] for number, template in enumerate(templates, 3)}


#: Ways a value could once reach paper as Python: through printing, `~`, `%`, `format`, `string`,
#: `join`, the sandbox's str.format, iterating a group of fields, Python notation (!r, %r).
PYTHON_ON_PAPER = [
    "{{ host.mayor ~ '' }}", "{{ '%s' % event }}", "{{ '%s%s' % (host.city, cities) }}", "{{ cities | join }}",
    "{{ host.mayor | list | join(',') }}", "{{ range(3) }}", "{{ self }}", "{{ namespace(a=1) }}",
    "{{ cities | map(attribute='city') }}", "{{ host.mayor | string }}", "{{ '%s' | format(host.mayor) }}",
    "{{ '{}'.format(host.mayor) }}", "{{ '{0.mayor}'.format(host) }}", "{{ '{a}'.format_map({'a': cities}) }}",
    "{{ '{!r}'.format('a') }}", "{{ '%r' % 'a' }}", "{% for pair in host.mayor %}{{ pair[0] }}{% endfor %}",
    "{% set a, b = host.mayor %}{{ a[0] }}", "{{ dict(host.mayor) | length }}", "{{ network.countries_approximate }}",
    "{{ true ~ '' }}", "{{ none ~ '' }}", "{{ 'x' | replace('x', host.mayor) }}", "{{ host.mayor | upper }}",
    "{{ {'a': 1} | dictsort }}", "{{ 1e308 * 10 }}", "{{ cities | pprint }}", "{{ cities | random }}",
    "{{ cities | tojson }}", "{{ 'a'.encode() }}", "{{ (1).to_bytes(4, 'big') }}",
]
#: What Python notation looks like: none of it may be shown, not even in a message.
PYTHON_NOTATION = ("title='", "name=None", "<generator", "<jinja2", "0x7", "range(0", "Namespace", "TemplateReference",
                   "{'a'", "City(", "True", "None", "b'")


def test_nothing_reaches_paper_as_python_whatever_turns_it_into_text(project):
    found = _found_by_template(project, PYTHON_ON_PAPER)
    for template, said in found.items():
        assert not any(notation in said for notation in PYTHON_NOTATION), (template, said)
    assert found["{{ host.mayor ~ '' }}"] == \
        "host.mayor, a group of fields, not a text; name one of them: host.mayor.title"
    assert found["{{ cities | join }}"].endswith('print one field of each: cities | map(attribute="city") | join("、")')
    assert found["{{ cities | map(attribute='city') }}"].startswith("a list made by a filter, not a text")
    assert "writes Python notation" in found["{{ '%r' % 'a' }}"]
    assert found["{% for pair in host.mayor %}{{ pair[0] }}{% endfor %}"].startswith(
        "host.mayor, a group of fields, not a list")


def test_the_text_problem_names_the_file_and_line(project):
    project.edit("event.yaml", ROTATION, "rotation: \"{{ host.mayor ~ '' }}\"")
    problem = project.only_problem()
    assert (problem.file, problem.line, problem.path) == ("content/event.yaml", 22, "rotation")
    assert problem.expected == "a value to print (text, a number or a date)"


def test_text_numbers_and_dates_still_become_text_every_way(project):
    templates = ["{{ cities | map(attribute='city') | join('、') }}", "{{ '{:,}'.format(1500000) }}円",
                 "{{ 2**77 }}", "{{ 10**51 }}", "{{ '%05.1f%%' % 3.14159 }}",
                 "{{ '%(a)s・%(b)d' % {'a': 'x', 'b': 2} }}", "{{ '{:%Y年%m月}'.format(event.date) }}",
                 "{{ event.date | string }}", "{{ range(10**9, 10**9 + 2) | join(',') }}",
                 "{{ 'ab' | center(6) }}|", "{{ host.city ~ 1 ~ 0.5 }}", "{{ ('{}'|safe).format('<b>') }}",
                 "{% for name, value in {'a': 1} | dictsort %}{{ name }}{{ value }}{% endfor %}",
                 "{{ 1500000 | filesizeformat }}", "{{ guests | map(attribute='category') | unique | join('・') }}"]
    _activities(project, templates)
    made = project.load().project.host.membership.activities[2:]
    cities = "神戸市、名古屋市、金沢市、札幌市、鶴岡市、浜松市、丹波篠山市、山形市、旭川市、臼杵市、岡山市、越前市"
    assert made == [cities, "1,500,000円", str(2**77), str(10**51), "003.1%", "x・2", "2026年06月", "2026-06-17",
                    "1000000000,1000000001", "ab  |", "旭川市10.5", "&lt;b&gt;", "a1", "1.5 MB", "来賓・参加者・事務局"]


def _render(template: str, context: dict | None = None, limit: int | None = None) -> tuple[str, int]:
    """What a template says (its text, or its problem) and the peak memory it took, in bytes."""
    renderer = Renderer(context or {"venue": "旭川市役所", "n": 3})
    tracemalloc.start()
    try:
        said = renderer.render(template, *([limit] if limit else []))
    except TemplateProblem as problem:
        said = f"line {problem.line}: expected {problem.expected}; found {problem.found}"
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return said, peak


#: Texts that would be far past the limit, with what the template is told: each refused before
#: it is made (the widths and counts are small enough that making them first would still end).
MADE_TOO_LARGE = [
    ("{{ '%9999999s' % 'a' }}", "characters"), ("{{ '%.9999999f' % 1.5 }}", "characters"),
    ("{{ '%*s' % (9999999, 'a') }}", "characters"), ("{{ '%(a)9999999s' % {'a': 1} }}", "characters"),
    ("{{ '{:𠀋>9999999}'.format('a') }}", "characters"), ("{{ '{:{}}'.format('a', 9999999) }}", "characters"),
    ("{{ '{:.9999999f}'.format(1.5) }}", "characters"), ("{{ '{:%09999999Y}'.format(d) }}", "characters"),
    ("{{ '%s'|format('a'*9999) ~ 'a'*9999 }}", "characters"), ("{{ 'ab'|replace('', '𠀋'*9999) }}", "characters"),
    ("{{ 'a\\nb'|indent('𠀋'*9999) }}", "characters"), ("{{ ['a', 'b']|join('𠀋'*9999) }}", "characters"),
    ("{{ 'a'|center(9999999) }}", "characters"), ("{{ ('a '*4000)|wordwrap(1, wrapstring='𠀋'*999) }}", "characters"),
    ("{{ 'abc'|truncate(2, end='𠀋'*99999) }}", "characters"), ("{{ 'a'.center(9999999) }}", "characters"),
    ("{{ 'a'.ljust(9999999) }}", "characters"), ("{{ 'a'.zfill(9999999) }}", "characters"),
    ("{{ ('\t'*99).expandtabs(99999) }}", "characters"), ("{{ ('𠀋'*999).join(['a']*99) }}", "characters"),
    ("{{ ('a'*9999).replace('a', '𠀋'*999) }}", "characters"),
    ("{{ '{a:>9999999}'.format_map({'a': 1}) }}", "characters"),
    ("{{ range(3)|batch(9999999, 'x')|list }}", "a list of at most 10,000 items"),
    ("{{ range(3)|slice(9999999)|list }}", "a list of at most 10,000 items"),
    ("{{ range(9999999)|list }}", "a range of at most 10,000 numbers"), ("{{ 'a' * 9999999 }}", "characters"),
    ("{{ [1] * 9999999 }}", "a list of at most 10,000 items"), ("{{ [[1]*9999]*9999|sum(start=[]) }}", "a number"),
    ("{{ 'a'|indent(9999999) }}", "characters"), ("{{ range(9999)|list|groupby(self)|list }}", ""),
]


@pytest.mark.parametrize(("template", "told"), MADE_TOO_LARGE, ids=[case[0][:40] for case in MADE_TOO_LARGE])
def test_text_and_lists_are_measured_before_they_are_made(template, told):
    said, peak = _render(template, {"d": dt.date(2026, 6, 17)})
    assert said.startswith("line 1: expected") and told in said, said
    assert peak < 2_000_000, f"{peak:,} bytes"


def test_a_long_field_is_refused_before_another_template_uses_it(project):
    project.edit("event.yaml", "venue: 旭川市役所総合庁舎 7階 大会議室A", "venue: " + "a" * 20_000)
    project.edit("event.yaml", ROTATION, "rotation: \"{{ event.venue | replace('', '𠀋' * 10) }}\"")
    found = {problem.path: problem for problem in project.problems()}
    assert found["venue"].found == "20,000 characters"
    assert found["rotation"].expected == "a field of at most 10,000 characters"
    assert found["rotation"].found == "event.venue, 20,000 characters long"


def test_what_a_template_builds_in_all_is_bounded(monkeypatch):
    monkeypatch.setattr(templating.budget, "MAX_SECONDS", 60.0)  # the budget of characters, not of time, stops it
    # each round builds 9,999 texts of 99 characters: a million characters before the tenth
    said, peak = _render("{% set ns = namespace(a=[]) %}{% for i in range(100) %}"
                         "{% set ns.a = ns.a + [range(9999) | map('string') | map('center', 99) | list] %}{% endfor %}")
    assert "a template that builds at most 1,000,000 characters and list items in all" in said
    assert peak < 30_000_000, f"{peak:,} bytes"


def test_a_template_that_runs_too_long_is_stopped_at_its_deadline(monkeypatch):
    monkeypatch.setattr(templating.budget, "MAX_SECONDS", 0.3)
    start = time.process_time()
    # few steps and nothing kept, but each step counts the words of a long text
    said, _peak = _render("{% set text = 'ab ' * 3000 %}{% for i in range(300) %}{% for j in range(300) %}"
                          "{% set n = text | wordcount %}{% endfor %}{% endfor %}")
    assert "a template that ends within 0.3 seconds" in said
    assert time.process_time() - start < 2


def test_a_list_put_inside_a_list_again_and_again_is_refused_before_comparing_it_takes_hours():
    # thirty rounds build sixty small lists, but each stands for 2**30 items: comparing the two,
    # in one step no deadline can stop, took 18 s at thirty rounds and doubles with each more
    start = time.process_time()
    said, _peak = _render("{% set n = namespace(a=[1], b=[1]) %}{% for i in range(30) %}{% set n.a = [n.a, n.a] %}"
                          "{% set n.b = [n.b, n.b] %}{% endfor %}{% if n.a == n.b %}same{% endif %}")
    assert "lists of at most 1,000,000 items counted through the lists inside them" in said
    assert time.process_time() - start < 1
    said, _peak = _render("{% set n = namespace(a=[1]) %}{% for i in range(60) %}{% set n.a = (n.a,) %}{% endfor %}x")
    assert "lists inside lists at most 50 deep" in said
    said, _peak = _render("{% set n = namespace(a=[1], b=[1]) %}{% for i in range(19) %}{% set n.a = [n.a, n.a] %}"
                          "{% set n.b = [n.b, n.b] %}{% endfor %}{% if n.a == n.b %}same{% endif %} "
                          "{% for x, y in [(1, 2), (3, 4)] %}{{ x }}{{ y }}{% endfor %} {{ {'a': [1, 2]}.a | length }}")
    assert said == "same 1234 2"  # half a million items is fine, and tuples still unpack


def test_all_templates_of_a_run_share_a_budget_of_characters_and_time(monkeypatch):
    monkeypatch.setattr(templating.budget, "MAX_BUILT_ALL", 50_000)
    renderer = Renderer({})
    made = []
    with pytest.raises(TemplateProblem) as caught:
        for number in range(10):
            made.append(renderer.render(f"{{{{ '𠀋' * 9000 }}}}{number}"))
    assert caught.value.expected == "templates that build at most 50,000 characters and list items together"
    assert 1 <= len(made) < 5
    with pytest.raises(TemplateProblem):  # the next ones are refused at once, not compiled
        renderer.render("{{ 1 }}")
    monkeypatch.setattr(templating.budget, "MAX_SECONDS_ALL", 0.0)
    with pytest.raises(TemplateProblem) as caught:
        Renderer({}).render("{{ 1 }}")
    assert caught.value.expected == "templates that end within 0 seconds together"


def test_a_markdown_text_may_be_longer_than_a_field(project):
    longer = "{% for i in range(5000) %}旭川市のデザイン{% endfor %}"  # 40,000 characters
    project.write("texts/greeting.md", project.read("texts/greeting.md") + "\n" + longer + "\n")
    assert len(project.load().project.texts["greeting.md"]) > 40_000
    too_long = "\n{% for i in range(9999) %}" + "旭川市のデザイン" * 2 + "{% endfor %}\n"
    project.write("texts/greeting.md", project.read("texts/greeting.md") + too_long)
    problem = project.only_problem()
    assert problem.file == "content/texts/greeting.md"
    assert problem.expected == f"text of at most {MAX_TEXT_FILE:,} characters"
    assert problem.line == project.read("texts/greeting.md").count("\n")  # the line that printed past it


def test_a_field_keeps_its_limit_of_ten_thousand_characters(project):
    project.edit("event.yaml", ROTATION, "rotation: \"{% for i in range(2000) %}旭川市のデザイン{% endfor %}\"")
    problem = project.only_problem()
    assert problem.path == "rotation" and problem.expected == "text of at most 10,000 characters"


@pytest.mark.parametrize(("template", "made"), [
    ("{{ 2**77 }}", str(2**77)), ("{{ 10**51 }}", str(10**51)), ("{{ 10**99 }}", str(10**99)),
    ("{{ '{:,}'.format(1500000) }}円", "1,500,000円"), ("{{ 'x' | truncate(100000) }}", "x"),
    ("{{ range(10**12, 10**12 + 3) | sum }}", str(3 * 10**12 + 3)), ("{{ 'a' | indent(9000) }}", "a"),
    ("{{ 'a b' | wordwrap(100000) }}", "a b"),
])
def test_numbers_are_fine_as_arguments_only_what_they_make_is_bounded(template, made):
    assert _render(template)[0] == made


@pytest.mark.parametrize("template", ["{{ 10**100 }}", "{{ 10**99 * 10 }}", "{{ 2**333 }}"])
def test_numbers_of_more_than_a_hundred_digits_are_refused(template):
    assert "expected a number of at most 100 digits" in _render(template)[0]


def test_a_template_of_too_many_parts_is_refused_before_it_is_compiled():
    start = time.process_time()
    said, _peak = _render("{{ 1 }}" * 5_000, limit=MAX_TEXT_FILE)  # 35,000 parts; compiling them takes seconds
    assert said == ("line 1: expected a template of at most 20,000 parts (names, numbers, signs and the texts "
                    "between them); found more: split it, or use a loop")
    assert time.process_time() - start < 1


def test_a_filter_s_own_check_is_a_content_error_not_a_traceback():
    assert _render("{{ 'abcdefgh' | truncate(1) }}")[0] == \
        "line 1: expected a length of at least 3 for `truncate` (the length of its end mark); found 1"


@pytest.mark.parametrize("template, expected, found", [
    ("{{ 'a'|center(1, 2, 3) }}", "center(width) (width may be left out)", "`center` given 3 values"),
    ("{{ 'abc'|replace }}", "replace(old, new, count)", "`replace` given 0 values"),
    ("{{ event.date|wareki(1, 2) }}", "wareki(weekday)", "`wareki` given 2 values"),
    ("{{ cities|map(attribute='city')|join(1, 2, 3) }}", "join(d, attribute)", "`join` given 3 values"),
])
def test_a_filter_given_values_it_does_not_take_says_what_it_takes(project, template, expected, found):
    project.edit("event.yaml", ROTATION, f'rotation: "{template}"')
    problem = project.only_problem()
    assert expected in problem.expected and problem.found == found
    assert "()" not in problem.found and "positional" not in problem.found  # never Python's own wording
