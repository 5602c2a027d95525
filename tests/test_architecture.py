"""The shape of the code: dependencies point one way, modules and functions stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "ucc_print"
#: Package → the packages it may not import (content → components → backends → outputs; design
#: and typeset beside them, below everything).
FORBIDDEN = {
    "design": {"content", "components", "backends", "outputs", "shop"},
    "typeset": {"content", "components", "backends", "outputs", "shop"},
    "japanese": {"content", "components", "backends", "outputs", "shop"},
    "content": {"components", "backends", "outputs", "shop"},
    "components": {"backends", "outputs", "shop"},
    "backends": {"outputs", "shop"},
}
#: The most lines a module or a function may have.
MODULE_LINES = 420
FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def _imported(path: Path, text: str) -> set[str]:
    """The ucc_print packages a module imports (its own relative imports resolved)."""
    package = path.relative_to(SOURCE).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                parts = [*base, *(node.module.split(".") if node.module else [])]
            else:
                parts = (node.module or "").split(".")[1:] if (node.module or "").startswith("ucc_print") else []
            if parts:
                found.add(parts[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("ucc_print."))
    return found


def _backwards(path: Path, text: str) -> set[str]:
    return _imported(path, text) & FORBIDDEN.get(path.relative_to(SOURCE).parts[0], set())


def test_dependencies_point_one_way():
    wrong = {str(path.relative_to(SOURCE)): sorted(found) for path in _modules()
             if (found := _backwards(path, path.read_text(encoding="utf-8")))}
    assert not wrong, f"imports that run back up: {wrong}"


@pytest.mark.parametrize("text", ["from ..outputs import handout", "from ucc_print.backends.pdf import draw",
                                  "import ucc_print.shop.preflight", "from ...outputs.base import Output"])
def test_an_import_back_up_is_seen(text):
    assert _backwards(SOURCE / "components" / "cards.py" if "..." not in text
                      else SOURCE / "components" / "sub" / "x.py", text)


def test_modules_and_functions_stay_small():
    long = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(SOURCE)
        if text.count("\n") > MODULE_LINES:
            long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    long.append(f"{name}: {node.name}() is {length} lines")
    assert not long, "\n".join(long)
