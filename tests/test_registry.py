"""One registry of outputs: each declared once, everything else derived from it — shown by adding
the README's example output as one module and finding its command, build, print.yaml product and
print-shop package there with nothing else changed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ucc_print.cli import main
from ucc_print.outputs import registry
from ucc_print.outputs.base import products

from .conftest import REPO, Project

OWN_COMMANDS = {"check", "build", "serve", "preview", "package", "preflight", "init"}


def test_every_output_is_declared_once_and_has_its_command():
    declared = re.findall(r'^    name = "([^"]+)"$', "\n".join(
        path.read_text(encoding="utf-8") for path in (REPO / "src" / "ucc_print" / "outputs").glob("*.py")), re.M)
    assert sorted(declared) == sorted(registry()) and len(set(declared)) == len(declared)
    assert set(main.commands) == set(registry()) | OWN_COMMANDS


def test_print_yaml_products_are_the_outputs_products():
    assert set(products()) == {"handout", "slides-handout", "slides", "tent-cards", "badges", "letters", "rsvp",
                                 "reception", "signs"}


def _recipe() -> str:
    """The example output module of the README's "Adding an output", as an importable module."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding an output"):]
    code = section[section.index("```python\n") + 10:]
    code = code[:code.index("```\n")]
    code = re.sub(r"^from \.\.", "from ucc_print.", code, flags=re.M)
    return re.sub(r"^from \.(\w+)", r"from ucc_print.outputs.\1", code, flags=re.M)


RUN = """
import sys
import poster  # the one module: registering it is all it takes
from ucc_print.cli import main
main(sys.argv[1:])
"""


def test_the_readme_recipe_adds_an_output_as_one_module(tmp_path):
    (tmp_path / "poster.py").write_text(_recipe(), encoding="utf-8")
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    project = Project(tmp_path / "meeting")
    order = project.read("print.yaml")
    handout = order[order.index("  - output: handout"):order.index("  - output: slides-handout")]
    project.write("print.yaml", order + "\n" + handout.replace("output: handout", "output: poster"))

    def ucc(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(tmp_path / "run.py"), "--project", str(project.root), *args],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)

    listed = ucc("--help")
    assert re.search(r"^  poster\s+Write output/poster.pdf", listed.stdout, re.M), listed.stdout
    made = ucc("poster", "--shop")
    assert made.returncode == 0, made.stdout + made.stderr
    assert (project.output / "shop" / "poster.pdf").read_bytes().startswith(b"%PDF-1.3")
    built = ucc("build")
    assert built.returncode == 0 and "ポスター（poster）" in built.stdout, built.stdout + built.stderr
    assert (project.output / "poster.pdf").exists()
    packaged = ucc("package")
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    assert "print/poster.pdf: PASS" in packaged.stdout
    with zipfile.ZipFile(next(project.output.glob("print-shop-*.zip"))) as archive:
        names = archive.namelist()
        order_sheet = archive.read(next(n for n in names if n.endswith("order-sheet.pdf")))
    assert any(n.endswith("print/poster.pdf") for n in names)
    sheet = tmp_path / "order-sheet.pdf"
    sheet.write_bytes(order_sheet)
    from .pdfread import page_texts

    assert "ポスター" in "".join(page_texts(sheet))  # the order sheet names the new product


def test_the_recipe_module_is_clean_code(tmp_path):
    """The README shows code that passes the project's own lint (as the outputs' modules do)."""
    path = tmp_path / "poster.py"
    path.write_text(_recipe(), encoding="utf-8")
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install '.[test]' installs it)")
    done = subprocess.run([ruff, "check", "--config", str(REPO / "pyproject.toml"), str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
