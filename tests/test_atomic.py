"""Atomic writes: a failed or interrupted build leaves the previous file as it was."""

import io
import os
import zipfile

import pytest

from ucc_print import atomic
from ucc_print.outputs import handout


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "out" / "file.pdf"
    atomic.write_atomic(target, b"first")
    atomic.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["file.pdf"]


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "file.pdf"
    target.write_bytes(b"old")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.pdf"]


def test_a_build_that_fails_after_validation_leaves_the_old_handout(project, monkeypatch):
    assert project.run("handout").exit_code == 0
    before = (project.output / "handout.pdf").read_bytes()

    def failing_build(_project):
        raise RuntimeError("disk full while laying out")

    monkeypatch.setattr(handout, "pdf", failing_build)
    result = project.run("handout")
    assert result.exit_code != 0
    assert (project.output / "handout.pdf").read_bytes() == before
    assert [p.name for p in project.output.iterdir()] == ["handout.pdf"]


def test_new_files_get_the_permissions_any_new_file_gets(tmp_path):
    mask = os.umask(0o022)
    try:
        target = atomic.write_atomic(tmp_path / "file.pdf", b"x")
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600


# ------------------------------------------------------------------ outputs change as a set


def _say():
    said = []
    return said, said.append


def test_a_set_replaces_every_file_together(tmp_path):
    said, say = _say()
    atomic.write_set(tmp_path, {"a.pdf": b"a1", "shop/b.pdf": b"b1"}, str, say)
    atomic.write_set(tmp_path, {"a.pdf": b"a2", "shop/b.pdf": b"b2"}, str, say)
    assert (tmp_path / "a.pdf").read_bytes() == b"a2" and (tmp_path / "shop" / "b.pdf").read_bytes() == b"b2"
    assert atomic.leftovers(tmp_path) == [] and not (tmp_path / atomic.JOURNAL).exists() and said == []


def test_a_target_that_cannot_be_replaced_leaves_the_whole_set_as_it_was(tmp_path, monkeypatch):
    atomic.write_set(tmp_path, {"a.pdf": b"old a", "b.pdf": b"old b", "c.pdf": b"old c"}, str)
    real = os.replace

    def locked(source, target):  # as Windows does with a PDF open in Acrobat
        if str(target).endswith("c.pdf"):
            raise PermissionError(13, "Permission denied")
        return real(source, target)

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(atomic.Unreplaceable, match=r"c\.pdf: Permission denied .* open in another program"):
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b", "c.pdf": b"new c"}, str)
    assert [(tmp_path / n).read_bytes() for n in ("a.pdf", "b.pdf", "c.pdf")] == [b"old a", b"old b", b"old c"]
    assert atomic.leftovers(tmp_path) == [] and not (tmp_path / atomic.JOURNAL).exists()


def test_a_locked_output_is_a_clear_error_and_nothing_changes(project):
    assert project.run("cards").exit_code == 0
    before = (project.output / "tent-cards.pdf").read_bytes()
    (project.output / "badges.pdf").unlink()
    (project.output / "badges.pdf").mkdir()  # a target that cannot be replaced
    (project.output / "badges.pdf" / "keep").write_text("x")
    project.edit("guests.yaml", "name: 北山 浩士", "name: 北山 浩")
    result = project.run("cards")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot write output/badges.pdf: a folder of that name is in the way" in result.output
    assert "no file was changed" in result.output
    assert (project.output / "tent-cards.pdf").read_bytes() == before
    assert atomic.leftovers(project.output) == []


def test_an_interrupted_set_is_cleaned_up_and_reported_by_the_next_run(project):
    assert project.run("build").exit_code == 0
    output = project.output
    (output / ".handout.pdf.abcd.part").write_bytes(b"half")
    (output / "shop").mkdir(exist_ok=True)
    (output / "shop" / ".slides.pdf.1234.old").write_bytes(b"old")
    (output / atomic.JOURNAL).write_text('["handout.pdf", "slides.pptx"]', encoding="utf-8")
    result = project.run("handout")
    assert result.exit_code == 0
    assert "removed 2 unfinished file(s) an interrupted run left in output/" in result.output
    assert "stopped while replacing handout.pdf, slides.pptx" in result.output
    assert atomic.leftovers(output) == []
    assert (output / atomic.JOURNAL).read_text(encoding="utf-8") == '["slides.pptx"]'  # still to be made again
    assert project.run("build").exit_code == 0  # makes slides.pptx again too
    assert not (output / atomic.JOURNAL).exists()
    assert "stopped while replacing" not in project.run("handout").output


def test_a_build_killed_at_any_moment_leaves_every_file_whole(project):
    import signal
    import subprocess
    import sys
    import time

    assert project.run("build").exit_code == 0
    names = ["handout.pdf", "slides.pptx", "slides.pdf", "tent-cards.pdf", "badges.pdf", "press-release.pdf"]
    project.edit("event.yaml", "venue: 旭川市役所総合庁舎 7階 大会議室A", "venue: 旭川市民文化会館 小ホール")
    command = [sys.executable, "-m", "ucc_print", "--project", str(project.root), "build"]
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in names:  # each file whole, old or new
            data = (project.output / name).read_bytes()
            if name.endswith(".pdf"):
                assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), (name, delay)
            else:
                with zipfile.ZipFile(io.BytesIO(data)) as package:
                    assert package.testzip() is None, (name, delay)
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert atomic.leftovers(project.output) == [] and not (project.output / atomic.JOURNAL).exists()
