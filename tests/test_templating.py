"""Jinja2 templates in content fields and Markdown: errors with file and line, fields that use
other fields, empty fields, and what a template may not do."""


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
