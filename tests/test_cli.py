"""The command line: exit codes, messages without tracebacks, nothing written on errors."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from ucc_print.cli import main

from .conftest import REPO


def test_check_accepts_the_bundled_content_and_writes_nothing(project):
    result = project.run("check")
    assert result.exit_code == 0, result.output
    assert "content OK: 第9回ユネスコ創造都市国内ネットワーク会議, 12 cities" in result.output
    assert "Warning: content/cities.yaml" in result.output
    assert not project.output.exists()


def test_check_strict_turns_warnings_into_errors(project):
    result = project.run("check", "--strict")
    assert result.exit_code == 2
    assert "--strict" in result.output


def test_unknown_key_exits_2_naming_file_and_line(project):
    project.edit("event.yaml", "venue: ", "venu: ")
    result = project.run("check")
    line = project.line_of("event.yaml", "venu:")
    assert result.exit_code == 2
    assert f"content/event.yaml, line {line}: venu: expected one of the known keys" in result.output
    assert 'did you mean "venue"?' in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an escaped exception


def test_all_errors_are_listed_in_one_message(project):
    project.edit("event.yaml", "number: 9", "number: nine")
    project.edit("cities.yaml", "joined: 2008", "joined: soon")
    result = project.run("handout")
    assert result.exit_code == 2
    assert result.output.startswith("Error: 2 problems in the content; nothing was written.")
    assert "content/event.yaml" in result.output and "content/cities.yaml" in result.output


def test_handout_writes_the_pdf(project):
    result = project.run("handout")
    assert result.exit_code == 0, result.output
    assert "wrote output/handout.pdf" in result.output
    assert (project.output / "handout.pdf").read_bytes().startswith(b"%PDF-1.3")


def test_broken_yaml_leaves_the_previous_handout_untouched(project):
    assert project.run("handout").exit_code == 0
    before = (project.output / "handout.pdf").read_bytes()
    project.edit("event.yaml", "venue: ", "venue: [")
    result = project.run("handout")
    assert result.exit_code == 2
    assert "content/event.yaml" in result.output and "valid YAML" in result.output
    assert (project.output / "handout.pdf").read_bytes() == before
    assert sorted(p.name for p in project.output.iterdir()) == ["handout.pdf"]


def test_a_folder_without_content_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert "no content/ folder" in result.output


def test_project_option_names_the_project_exactly(project):
    result = CliRunner().invoke(main, ["--project", str(project.root / "typo"), "check"])
    assert result.exit_code == 2 and "given with --project" in result.output


def test_check_lays_the_outputs_out_and_reports_what_does_not_fit(project):
    project.edit("event.yaml", "      - 各都市の活動状況報告\n", "".join(f"      - 報告{n}\n" for n in range(80)))
    result = project.run("check")
    assert result.exit_code == 2
    line = project.line_of("event.yaml", "title: 議事") - 1  # the item's first line, its time
    assert (f"content/event.yaml, line {line}: agenda[5]: expected a table row that fits on one page") in result.output
    assert "found 「議事…」" in result.output and result.output.lower().count("nothing was written") == 1
    assert not project.output.exists()


def test_unwritable_output_is_a_clear_error(project):
    project.output.mkdir(parents=True)
    (project.output / "handout.pdf").mkdir()  # a folder where the file should go
    result = project.run("handout")
    assert result.exit_code == 2 and "cannot write output/handout.pdf" in result.output


def test_runs_from_a_subfolder_of_the_project(project, monkeypatch):
    monkeypatch.chdir(project.path("texts"))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["hand-out"])
    assert result.exit_code == 2


def test_installed_console_script_runs_in_any_folder_with_content(tmp_path):
    """The `ucc-print` script pip installed beside this interpreter builds from any folder."""
    script = shutil.which("ucc-print", path=str(Path(sys.executable).parent)) or shutil.which("ucc-print")
    assert script, "ucc-print is not installed (pip install .)"
    shutil.copytree(REPO / "content", tmp_path / "content")
    done = subprocess.run([script, "handout"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "HOME": str(tmp_path)}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "output" / "handout.pdf").stat().st_size > 10_000


def test_the_wheel_carries_fonts_licence_and_console_script(tmp_path):
    """What `pip install .` installs: the package with its fonts, and the ucc-print entry point."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), "--quiet"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("ucc_print-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    fonts = {n.rsplit("/", 1)[-1] for n in names if n.startswith("ucc_print/assets/fonts/")}
    assert {"BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf", "BIZUDGothic-Regular.ttf",
            "BIZUDGothic-Bold.ttf", "BIZUDMincho-Regular.ttf", "BIZUDPMincho-Regular.ttf", "OFL.txt"} <= fonts
    assert "ucc-print = ucc_print.cli:run" in entry_points
    # what reportlab learns of each face ships with them, so a first run parses none
    shipped = {path.name for path in (REPO / "src" / "ucc_print" / "assets" / "fonts" / "faces").iterdir()}
    assert len(shipped) == 6 and {f"ucc_print/assets/fonts/faces/{name}" for name in shipped} <= names
    # the example `ucc-print init` copies, and the staff's first read, travel with the package
    bundled = {path.relative_to(REPO).as_posix() for folder in ("content", "assets")
               for path in (REPO / folder).rglob("*") if path.is_file()}
    assert {f"ucc_print/example/{path}" for path in bundled} <= names
    assert "ucc_print/templates/getting-started.md" in names


def test_a_run_of_its_own_collects_seldom_and_a_watch_or_serve_as_usual(monkeypatch):
    """The console script raises the collector's thresholds and freezes at exit (a short run);
    a command that runs for hours sets them back, so its memory stays flat."""
    import gc

    from ucc_print import cli
    from ucc_print.cli import context

    ran, registered = [], []
    monkeypatch.setattr(cli, "main", lambda: ran.append(1))
    monkeypatch.setattr(cli.atexit, "register", registered.append)
    before = gc.get_threshold()
    try:
        cli.run()
        assert ran == [1] and registered == [gc.freeze] and gc.get_threshold()[0] >= 100_000
        context.collect_as_usual()
        fresh = subprocess.run([sys.executable, "-c", "import gc; print(*gc.get_threshold())"], capture_output=True,
                               text=True, check=True).stdout.split()
        assert gc.get_threshold() == context.USUAL_COLLECTION == tuple(map(int, fresh))  # as Python sets them
    finally:
        gc.set_threshold(*before)
