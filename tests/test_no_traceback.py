"""Bad content never gives a traceback: every value of every file replaced by something wrong.

Content that still loads is also laid out into the outputs the changed file is made into (the
registry knows which), so layout has to cope with it (or say why it cannot). The default run
takes every fourth line of each file; `pytest -m slow` takes every line.
"""

import contextlib
import re

import pytest

from ucc_print.content.loader import CONTENT_FILES, SLIDES_FILE, load_project
from ucc_print.design.profiles import OFFICE
from ucc_print.errors import ContentError, UccError
from ucc_print.make import affected, make
from ucc_print.outputs import order_sheet
from ucc_print.outputs.base import Product, print_problems
from ucc_print.outputs.printed import ShopFile
from ucc_print.project import ProjectDir

#: Things a clerk might type where a value belongs.
NASTY = ["", "[", "{a: 1}", "- x", "123", "null", "'{{ nope }}'", "2026-13-45", "true", "\"{% if %}\"", "[]"]
VALUE_LINE = re.compile(r"^(\s*-?\s*[A-Za-z_]+:)\s*(\S.*)$")
#: Every fourth line in the default run, every line in the slow one.
STRIDES = [4, pytest.param(1, marks=pytest.mark.slow)]


def _load_and_build(project, name: str) -> None:
    """Load; if the content is valid, make the outputs the changed file is made into. Only our own
    errors may come out."""
    try:
        loaded = load_project(ProjectDir(project.root), extra=(print_problems,))
    except ContentError as error:
        assert error.problems and all(p.file.startswith("content/") for p in error.problems)
        return
    made = make(loaded.project, project.root, OFFICE, affected([f"content/{name}"]))
    assert all(isinstance(error, UccError) for _output, error in made.failed)
    if name == "print.yaml" and loaded.project.printing:  # the order sheet lays print.yaml's texts out
        with contextlib.suppress(UccError):
            files = [ShopFile(item, f"{item.output}.pdf", Product(item.output, item.output), b"")
                     for item in loaded.project.printing.items]
            order_sheet.pdf(loaded.project, [(file, 1, (210.0, 297.0)) for file in files])


def _value_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines())
            if VALUE_LINE.match(line) and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("stride", STRIDES)
@pytest.mark.parametrize("name", [name for name, _model in CONTENT_FILES.values()])
def test_every_value_replaced_by_nonsense_is_a_content_error_or_fine(project, name, stride):
    original = project.read(name)
    lines = original.splitlines()
    tried = 0
    values = _value_lines(original)
    for index in values[::stride] if len(values) > 4 * stride else values:  # a short file: every line
        for nasty in NASTY[(index % 4)::4]:
            changed = list(lines)
            key = VALUE_LINE.match(lines[index]).group(1)
            changed[index] = f"{key} {nasty}"
            project.write(name, "\n".join(changed) + "\n")
            _load_and_build(project, name)
            tried += 1
    project.write(name, original)
    assert tried > 3


@pytest.mark.parametrize("stride", STRIDES)
@pytest.mark.parametrize("name", [name for name, _model in CONTENT_FILES.values()] + [SLIDES_FILE])
def test_every_line_deleted_is_a_content_error_or_fine(project, name, stride):
    original = project.read(name)
    lines = original.splitlines()
    for index, line in list(enumerate(lines))[::stride]:
        if not line.strip() or (name.endswith(".yaml") and line.lstrip().startswith("#")):
            continue  # deleting a blank line or a comment changes nothing
        project.write(name, "\n".join(lines[:index] + lines[index + 1:]) + "\n")
        _load_and_build(project, name)
    project.write(name, original)


SLIDES_NONSENSE = ["<!-- layout: -->", "<!-- show -->", "# ", "???", "---", "![](x)", "{{ }}", "<!-- column -->",
                 "<!-- layout: table -->", "![a](assets)", "- " * 40]


@pytest.mark.parametrize("stride", STRIDES)
def test_slides_lines_replaced_by_nonsense(project, stride):
    original = project.read(SLIDES_FILE)
    lines = original.splitlines()
    for index in range(0, len(lines), stride):
        changed = list(lines)
        changed[index] = SLIDES_NONSENSE[index % len(SLIDES_NONSENSE)]
        project.write(SLIDES_FILE, "\n".join(changed) + "\n")
        _load_and_build(project, SLIDES_FILE)
    project.write(SLIDES_FILE, original)


def test_binary_garbage_is_a_content_error(project):
    project.path("event.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ContentError) as caught:
        project.load()
    assert "UTF-8" in caught.value.problems[0].expected
