"""Atomic writes: a failed or interrupted build leaves the previous file as it was."""

import os

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

    monkeypatch.setattr(handout, "build", failing_build)
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
