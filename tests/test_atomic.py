"""Atomic writes: a failed or interrupted build leaves the previous file as it was."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ucc_print import atomic, writelock
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
    (output / ".handout.pdf.0a1b2c3d.part").write_bytes(b"half")
    (output / "shop").mkdir(exist_ok=True)
    (output / "shop" / ".slides.pdf.12345678.old").write_bytes(b"old")
    (output / ".notes.part").write_bytes(b"the clerk's own")  # not a name ucc-print makes: left alone
    (output / atomic.JOURNAL).write_text('["handout.pdf", "slides.pptx"]', encoding="utf-8")
    result = project.run("handout")
    assert result.exit_code == 0
    assert "removed 2 unfinished file(s) an interrupted run left in output/" in result.output
    assert "stopped while replacing handout.pdf, slides.pptx" in result.output
    assert atomic.leftovers(output) == [] and (output / ".notes.part").read_bytes() == b"the clerk's own"
    assert (output / atomic.JOURNAL).read_text(encoding="utf-8") == '["slides.pptx"]'  # still to be made again
    assert project.run("build").exit_code == 0  # makes slides.pptx again too
    assert not (output / atomic.JOURNAL).exists()
    assert "stopped while replacing" not in project.run("handout").output


# ------------------------------------------------------------------ a kill at any step


KILLED = -signal.SIGKILL
SET = {"a.pdf": b"new a", "shop/b.pdf": b"new b", "c.pdf": b"new c"}
OLD_SET = {name: data.replace(b"new", b"old") for name, data in SET.items()}
WRITE_SET = ("import sys; from pathlib import Path; from ucc_print import atomic; "
             f"atomic.write_set(Path(sys.argv[1]), {SET!r}, str)")


def _killed_at(step, folder):
    """Run write_set of SET in a new process that kills itself at `step`; it must have got there."""
    environment = {**os.environ, atomic.KILL_AT: step, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", WRITE_SET, str(folder)], env=environment, capture_output=True)
    assert done.returncode == KILLED, (step, done.stderr.decode())


@pytest.mark.parametrize("step, new", [("staged", 0), ("replace 1", 0), ("replace 2", 1), ("replace 3", 2),
                                       ("replaced", 3)])
def test_a_set_killed_at_any_step_leaves_every_file_whole_and_the_next_run_says_so(tmp_path, step, new):
    atomic.write_set(tmp_path, OLD_SET, str)
    _killed_at(step, tmp_path)
    names = list(SET)
    assert [(tmp_path / name).read_bytes() for name in names] == [SET[n] for n in names[:new]] + [
        OLD_SET[n] for n in names[new:]]
    assert len(atomic.leftovers(tmp_path)) == 3  # the staged files not yet renamed, and the old ones kept aside
    assert (tmp_path / atomic.JOURNAL).exists() == (step != "staged")
    said, say = _say()
    atomic.write_set(tmp_path, SET, str, say)
    assert said[0] == f"removed 3 unfinished file(s) an interrupted run left in {tmp_path.name}/"
    if step != "staged":
        assert "stopped while replacing a.pdf, shop/b.pdf, c.pdf" in said[1]
    assert [(tmp_path / name).read_bytes() for name in names] == list(SET.values())
    assert atomic.leftovers(tmp_path) == [] and not (tmp_path / atomic.JOURNAL).exists()
    assert not (tmp_path / writelock.LOCK).exists()


def test_a_build_killed_while_replacing_leaves_every_file_whole(project):
    assert project.run("cards").exit_code == 0
    old = {name: (project.output / name).read_bytes() for name in ("tent-cards.pdf", "badges.pdf")}
    project.edit("guests.yaml", "name: 北山 浩士", "name: 北山 浩")
    command = [sys.executable, "-m", "ucc_print", "--project", str(project.root), "cards"]
    environment = {**os.environ, atomic.KILL_AT: "replace 2", "PYTHONPATH": os.pathsep.join(sys.path)}
    assert subprocess.run(command, env=environment, capture_output=True).returncode == KILLED
    new = (project.output / "tent-cards.pdf").read_bytes()
    assert new != old["tent-cards.pdf"] and (project.output / "badges.pdf").read_bytes() == old["badges.pdf"]
    for data in (new, old["badges.pdf"]):
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    result = project.run("cards")
    assert result.exit_code == 0
    assert "stopped while replacing tent-cards.pdf, badges.pdf in output/: they may be a mix" in result.output
    assert (project.output / "tent-cards.pdf").read_bytes() == new
    assert atomic.leftovers(project.output) == [] and not (project.output / atomic.JOURNAL).exists()


# ------------------------------------------------------------------ putting back what was replaced


def _failing(fails):
    """os.replace, failing (as a file open in another program does on Windows) when `fails(source, target)`."""
    real = os.replace

    def replace(source, target):
        if fails(Path(source), Path(target)):
            raise PermissionError(13, "Permission denied")
        return real(source, target)

    return replace


@pytest.mark.parametrize("stuck", ["a.pdf", "b.pdf"])
def test_a_file_that_cannot_be_put_back_is_kept_recorded_and_reported(tmp_path, monkeypatch, stuck):
    old = {"a.pdf": b"old a", "b.pdf": b"old b", "c.pdf": b"old c"}
    atomic.write_set(tmp_path, old, str)
    monkeypatch.setattr(atomic.os, "replace", _failing(
        lambda source, target: target.name == "c.pdf" or (source.suffix == ".old" and target.name == stuck)))
    with pytest.raises(atomic.Unreplaceable) as caught:
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b", "c.pdf": b"new c"}, str)
    (kept,) = [path for path in atomic.leftovers(tmp_path) if path.suffix == ".old"]
    message = str(caught.value.message)
    assert message.startswith(f"cannot replace {tmp_path}/c.pdf: Permission denied")
    assert (f"- {tmp_path}/{stuck} is the new version (its old version is kept as {kept}); "
            "putting it back: Permission denied") in message
    others = [f"{tmp_path}/{name}" for name in old if name != stuck]
    assert f"- {', '.join(others)}: as before" in message and "no file was changed" not in message
    # every other file was put back, even after one could not be
    assert {name: (tmp_path / name).read_bytes() for name in old} == {**old, stuck: f"new {stuck[0]}".encode()}
    assert kept.read_bytes() == old[stuck]
    journal = json.loads((tmp_path / atomic.JOURNAL).read_text(encoding="utf-8"))
    assert journal == {stuck: {"old": kept.name}}
    monkeypatch.undo()
    said, say = _say()  # the next run puts the old version back first, then writes its own set
    atomic.write_set(tmp_path, {"c.pdf": b"newer c"}, str, say)
    assert said == [f"put back the old version of {tmp_path}/{stuck}, which a run that failed could not put back"]
    assert {name: (tmp_path / name).read_bytes() for name in old} == {**old, "c.pdf": b"newer c"}
    assert atomic.leftovers(tmp_path) == [] and not (tmp_path / atomic.JOURNAL).exists()


def test_a_file_still_locked_at_the_next_run_stops_it_and_nothing_is_lost(tmp_path, monkeypatch):
    atomic.write_set(tmp_path, {"a.pdf": b"old a", "b.pdf": b"old b"}, str)
    monkeypatch.setattr(atomic.os, "replace", _failing(
        lambda source, target: target.name == "b.pdf" or source.suffix == ".old"))
    with pytest.raises(atomic.Unreplaceable):
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str)
    (kept,) = atomic.leftovers(tmp_path)
    with pytest.raises(atomic.Unreplaceable) as caught:  # still open in the other program
        atomic.write_set(tmp_path, {"b.pdf": b"newer b"}, str)
    assert str(caught.value.message) == (
        "an earlier run failed and could not put back the old versions of files it had replaced; they still cannot "
        f"be put back:\n- {tmp_path}/a.pdf: Permission denied; its old version is kept as {kept}\n"
        "Close them in the program that has them open (Acrobat, for one), then run this again; no other file was "
        "changed.")
    assert atomic.leftovers(tmp_path) == [kept] and (tmp_path / atomic.JOURNAL).exists()
    assert [(tmp_path / name).read_bytes() for name in ("a.pdf", "b.pdf")] == [b"new a", b"old b"]


def test_a_new_file_that_cannot_be_removed_again_is_removed_by_the_next_run(tmp_path, monkeypatch):
    atomic.write_set(tmp_path, {"b.pdf": b"old b"}, str)
    monkeypatch.setattr(atomic.os, "replace", _failing(lambda source, target: target.name == "b.pdf"))
    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda path, missing_ok=False: (
        _raise(PermissionError(13, "Permission denied")) if path.name == "a.pdf" else real_unlink(path, missing_ok)))
    with pytest.raises(atomic.Unreplaceable, match=r"a\.pdf is the new version \(there was none before\)"):
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str)
    monkeypatch.undo()
    said, say = _say()
    atomic.write_set(tmp_path, {}, str, say)
    assert said == [f"removed {tmp_path}/a.pdf, which a run that failed made and could not remove"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b.pdf"]


def _raise(error):
    raise error


def test_a_file_windows_reports_in_use_is_tried_again(tmp_path, monkeypatch):
    atomic.write_set(tmp_path, {"a.pdf": b"old a"}, str)
    real, waits, failures = os.replace, [], [2]

    def briefly_in_use(source, target):  # an antivirus opening the file just made, for a moment
        if failures[0] and Path(target).name == "a.pdf":
            failures[0] -= 1
            error = PermissionError(13, "Permission denied")
            error.winerror = 32  # ERROR_SHARING_VIOLATION
            raise error
        return real(source, target)

    monkeypatch.setattr(atomic.os, "replace", briefly_in_use)
    monkeypatch.setattr(atomic.time, "sleep", waits.append)
    atomic.write_set(tmp_path, {"a.pdf": b"new a"}, str)
    assert (tmp_path / "a.pdf").read_bytes() == b"new a" and waits == list(atomic.RETRY_DELAYS[:2])
    failures[0] = 100  # in use for good: given up after every delay, nothing changed
    waits.clear()
    with pytest.raises(atomic.Unreplaceable, match="no file was changed"):
        atomic.write_set(tmp_path, {"a.pdf": b"newer a"}, str)
    assert (tmp_path / "a.pdf").read_bytes() == b"new a" and waits == list(atomic.RETRY_DELAYS)


# ------------------------------------------------------------------ read-only, one writer, watch


def test_a_read_only_file_is_refused_whoever_runs_it(tmp_path):
    atomic.write_set(tmp_path, {"a.pdf": b"old a", "b.pdf": b"old b"}, str)
    (tmp_path / "b.pdf").chmod(0o444)  # root could replace it, a clerk could not: refused for both
    with pytest.raises(atomic.Unreplaceable) as caught:
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str)
    assert str(caught.value.message) == (
        f"cannot replace {tmp_path}/b.pdf: it is read-only.\nMake it writable (on Windows: Properties, untick "
        "Read-only) or move it away, then build again; no file was changed.")
    assert [(tmp_path / name).read_bytes() for name in ("a.pdf", "b.pdf")] == [b"old a", b"old b"]
    (tmp_path / "b.pdf").chmod(0o644)  # writable by its owner: replaced
    atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str)
    assert (tmp_path / "b.pdf").read_bytes() == b"new b"


HOLD_LOCK = ("import sys; from pathlib import Path; from ucc_print import writelock\n"
             "with writelock.writing(Path(sys.argv[1])):\n    print('locked', flush=True); sys.stdin.read()")


def test_a_run_leaves_alone_what_another_run_is_writing(tmp_path, monkeypatch):
    staged = tmp_path / ".a.pdf.0a1b2c3d.part"  # the other run's, being written
    staged.write_bytes(b"half")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)], env=environment,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline() == b"locked\n"
        monkeypatch.setattr(writelock, "LOCK_WAIT", 0.2)
        with pytest.raises(writelock.Busy) as caught:
            atomic.write_set(tmp_path, {"a.pdf": b"a"}, lambda path: path.name)
        assert str(caught.value.message) == (
            f"another ucc-print is writing {tmp_path.name}/ (pid {other.pid}); wait for it or stop it, then run this "
            "again.\nNo file was changed.")
        assert staged.read_bytes() == b"half" and not (tmp_path / "a.pdf").exists()
    finally:
        other.communicate(b"")
    atomic.write_set(tmp_path, {"a.pdf": b"a"}, str)  # it is done: this one goes ahead
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.pdf"]


def test_a_lock_file_left_by_a_killed_run_does_not_stop_the_next(tmp_path):
    (tmp_path / writelock.LOCK).write_text("999999\n")
    atomic.write_set(tmp_path, {"a.pdf": b"a"}, str)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.pdf"]


def test_a_command_run_while_another_writes_output_says_so(project, monkeypatch):
    monkeypatch.setattr(writelock, "LOCK_WAIT", 0.1)
    with writelock.writing(project.output):
        result = project.run("cards")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"another ucc-print is writing output/ (pid {os.getpid()}); wait for it or stop it" in result.output
    assert not (project.output / "badges.pdf").exists()


def test_files_left_as_they_were_settle_the_record_of_an_interrupted_run(tmp_path):
    atomic.write_set(tmp_path, {"a.pdf": b"a", "b.pdf": b"old b"}, str)
    (tmp_path / atomic.JOURNAL).write_text('["a.pdf", "b.pdf", "c.pdf"]', encoding="utf-8")
    said, say = _say()
    written = atomic.write_set(tmp_path, {"a.pdf": b"a", "b.pdf": b"new b"}, str, say, only_changed=True)
    assert written == ["b.pdf"] and len(said) == 1  # a.pdf already holds what this run made: whole
    assert json.loads((tmp_path / atomic.JOURNAL).read_text(encoding="utf-8")) == ["c.pdf"]  # not made: still
    said.clear()
    assert atomic.write_set(tmp_path, {"a.pdf": b"a", "c.pdf": b"c"}, str, say, only_changed=True) == ["c.pdf"]
    assert atomic.write_set(tmp_path, {"a.pdf": b"a", "c.pdf": b"c"}, str, say, only_changed=True) == []
    assert len(said) == 1 and not (tmp_path / atomic.JOURNAL).exists()  # said once, not at every rebuild


def test_a_file_put_back_first_is_written_though_it_held_the_new_bytes(tmp_path, monkeypatch):
    atomic.write_set(tmp_path, {"a.pdf": b"old a", "b.pdf": b"old b"}, str)
    monkeypatch.setattr(atomic.os, "replace", _failing(
        lambda source, target: target.name == "b.pdf" or source.suffix == ".old"))
    with pytest.raises(atomic.Unreplaceable):
        atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str)
    monkeypatch.undo()  # a.pdf holds "new a" until the next run puts "old a" back: then it must be written
    written = atomic.write_set(tmp_path, {"a.pdf": b"new a", "b.pdf": b"new b"}, str, only_changed=True)
    assert written == ["a.pdf", "b.pdf"]
    assert [(tmp_path / name).read_bytes() for name in ("a.pdf", "b.pdf")] == [b"new a", b"new b"]


def test_a_watch_says_once_what_an_interrupted_run_left_mixed(project, monkeypatch):
    from ucc_print import make as making

    assert project.run("build").exit_code == 0
    (project.output / atomic.JOURNAL).write_text('["handout.pdf", "slides.pptx"]', encoding="utf-8")

    def fake_changes(root, extra=None, stop=None):
        for _ in range(2):
            project.edit("press.yaml", "KJ00663897", "KJ00663897")
            yield {"content/press.yaml"}

    monkeypatch.setattr(making, "changes", fake_changes)
    out = project.run("build", "--watch").output
    assert out.count("stopped while replacing handout.pdf, slides.pptx") == 1 and "no file changed" in out
    assert not (project.output / atomic.JOURNAL).exists()
