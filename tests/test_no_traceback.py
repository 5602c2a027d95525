"""Bad content never gives a traceback: every value of every file replaced by something wrong.

Content that still loads is also built, so layout has to cope with it (or say why it cannot).
"""

import re

import pytest

from ucc_print.content.loader import CONTENT_FILES, DECK_FILE
from ucc_print.errors import ContentError, UccError
from ucc_print.outputs import cards, deck, handout, order_sheet, press_release
from ucc_print.outputs.printed import PRODUCT_NAMES, PressFile

#: Things a clerk might type where a value belongs.
NASTY = ["", "[", "{a: 1}", "- x", "123", "null", "'{{ nope }}'", "2026-13-45", "true", "\"{% if %}\"", "[]"]
VALUE_LINE = re.compile(r"^(\s*-?\s*[A-Za-z_]+:)\s*(\S.*)$")


def _load_and_build(project) -> None:
    """Load; if the content is valid, lay the handout out. Only our own errors may come out."""
    try:
        loaded = project.load()
    except ContentError as error:
        assert error.problems and all(p.file.startswith("content/") for p in error.problems)
        return
    try:
        handout.build(loaded.project)
        specs = deck.slides(loaded.project, project.root)
        deck.build(loaded.project, specs)
        deck.build_pdf(loaded.project, specs)
        cards.build(loaded.project)
        if loaded.project.release:
            press_release.build(loaded.project)
        order_sheet.build(loaded.project, [  # print.yaml's texts laid out (the PDFs themselves are built above)
            (PressFile(item, f"{item.output}.pdf", PRODUCT_NAMES[item.output], b""), 1, (210.0, 297.0))
            for item in loaded.project.printing.items])
    except UccError:
        pass


def _value_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if VALUE_LINE.match(line) and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", [name for name, _model in CONTENT_FILES.values()])
def test_every_value_replaced_by_nonsense_is_a_content_error_or_fine(project, name):
    original = project.read(name)
    lines = original.splitlines()
    tried = 0
    for index in _value_lines(original):
        for nasty in NASTY[(index % 4)::4]:
            changed = list(lines)
            key = VALUE_LINE.match(lines[index]).group(1)
            changed[index] = f"{key} {nasty}"
            project.write(name, "\n".join(changed) + "\n")
            _load_and_build(project)
            tried += 1
    project.write(name, original)
    assert tried > 3


@pytest.mark.parametrize("name", [name for name, _model in CONTENT_FILES.values()] + [DECK_FILE])
def test_every_line_deleted_is_a_content_error_or_fine(project, name):
    original = project.read(name)
    lines = original.splitlines()
    for index, line in enumerate(lines):
        if not line.strip() or (name.endswith(".yaml") and line.lstrip().startswith("#")):
            continue  # deleting a blank line or a comment changes nothing
        project.write(name, "\n".join(lines[:index] + lines[index + 1:]) + "\n")
        _load_and_build(project)
    project.write(name, original)


DECK_NONSENSE = ["<!-- layout: -->", "<!-- show -->", "# ", "???", "---", "![](x)", "{{ }}", "<!-- column -->",
                 "<!-- layout: table -->", "![a](assets)", "- " * 40]


def test_deck_lines_replaced_by_nonsense(project):
    original = project.read(DECK_FILE)
    lines = original.splitlines()
    for index in range(0, len(lines), 3):
        changed = list(lines)
        changed[index] = DECK_NONSENSE[index % len(DECK_NONSENSE)]
        project.write(DECK_FILE, "\n".join(changed) + "\n")
        _load_and_build(project)
    project.write(DECK_FILE, original)


def test_binary_garbage_is_a_content_error(project):
    project.path("event.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ContentError) as caught:
        project.load()
    assert "UTF-8" in caught.value.problems[0].expected
