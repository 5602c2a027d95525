"""`ucc-print build` (once and --watch), `preview` and `init`: the day-to-day commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from ucc_print import make as making
from ucc_print.cli.context import Context

from .conftest import Project, run_cli

PRINTED = {"handout.pdf", "slides.pptx", "slides.pdf", "tent-cards.pdf", "badges.pdf", "press-release.pdf",
           "letters.pdf", "rsvp.pdf", "reception.pdf", "signs.pdf"}
WEB = {"web/index.html", "web/press-release.html", "web/slides.html", "web/style.css", "web/handout.pdf",
       "web/press-release.pdf", "web/slides.pdf"}
EVERYTHING = PRINTED | WEB


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_build_writes_every_output_with_progress_and_a_summary(project):
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert _files(project.output) == EVERYTHING
    assert "[1/8] 会議資料（handout）…" in result.output and "[8/8] ウェブ版（web）…" in result.output
    assert "wrote 17 files to output/" in result.output
    for line in ("handout.pdf", "7 pages", "slides.pptx", "13 slides", "press-release.pdf", "1 page",
                 "letters.pdf", "14 pages", "rsvp.pdf", "reception.pdf", "signs.pdf", "4 pages"):
        assert line in result.output


def test_build_gives_the_same_bytes_as_the_single_commands(project, tmp_path):
    assert project.run("build").exit_code == 0
    single = Project(tmp_path / "single")
    from ucc_print.outputs import registry

    for command in registry():
        assert single.run(command).exit_code == 0
    for name in EVERYTHING:
        assert (project.output / name).read_bytes() == (single.output / name).read_bytes(), name


def test_build_press_puts_pdfs_in_output_press(project):
    from ucc_print.shop.preflight import preflight_file

    result = project.run("build", "--shop")
    assert result.exit_code == 0, result.output
    # the web edition is not for the print shop
    assert _files(project.output) == {"slides.pptx"} | {f"shop/{name}" for name in PRINTED - {"slides.pptx"}}
    for name in PRINTED - {"slides.pptx"}:
        report = preflight_file(project.output / "shop" / name)
        assert report.passed, report.text()


def test_a_failing_output_stops_the_build_and_every_failure_is_reported(project):
    assert project.run("build").exit_code == 0
    before = {name: (project.output / name).read_bytes() for name in EVERYTHING}
    project.edit("guests.yaml", "name: 北山 浩士", "name: " + "北山" * 40)  # no card can hold it
    project.edit("slides.md", "# ものづくりと暮らしのデザイン", "# " + "ものづくりと暮らしのデザイン" * 12)
    result = project.run("build")
    assert result.exit_code == 2
    assert "卓上名札・名札（cards）" in result.output and "スライド（slides）" in result.output
    assert "Nothing was written." in result.output and "Traceback" not in result.output
    assert {name: (project.output / name).read_bytes() for name in EVERYTHING} == before


def test_build_help_shows_watch():
    result = run_cli(["build", "--help"])
    assert result.exit_code == 0 and "--watch" in result.output and "--shop" in result.output


def test_watch_rebuilds_what_changed_and_survives_a_content_error(project, monkeypatch):
    """The watch loop with the file events given by hand: edit, break, mend."""
    release = project.output / "press-release.pdf"
    steps = [
        (lambda: project.edit("press.yaml", "KJ00663897", "KJ00000042"), {"content/press.yaml"}),
        (lambda: project.edit("press.yaml", "category: 会議・説明会", "category: 会議"), {"content/press.yaml"}),
        (lambda: project.edit("slides.md", "# ものづくりと暮らしのデザイン", "# ものづくりのデザイン"),
         {"content/slides.md"}),
        (lambda: project.edit("press.yaml", "category: 会議", "category: 会議・説明会"), {"content/press.yaml"}),
    ]
    seen = {}

    def fake_changes(root, extra=None, stop=None):
        for number, (edit, paths) in enumerate(steps):
            seen[number] = release.stat().st_mtime_ns if release.exists() else None
            edit()
            yield paths

    monkeypatch.setattr(making, "changes", fake_changes)
    result = project.run("build", "--watch")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("watching content/ and assets/") == 1
    # 1: only the press release is rebuilt
    first = out.split("changed: content/press.yaml")[1]
    assert "[1/2] 報道発表資料（press）" in first and "[2/2] ウェブ版（web）" in first
    assert "スライド" not in first.split("changed:")[0]
    # 2: the mistake is shown, the watch goes on
    assert "expected one of 'イベント・行事'" in out and "(still watching" in out
    # 3: the slides change is built, and the press release, which failed, is tried again (and fails again)
    third = out.split("changed: content/slides.md")[1].split("changed:")[0]
    assert "Error:" in third
    # 4: mended: both rebuilt and written
    last = out.split("changed: content/press.yaml")[-1]
    assert "スライド（slides）" in last and "報道発表資料（press）" in last and "wrote" in last
    assert "KJ00000042" in "".join(_pdf_text(release))
    slide_title = "ものづくりのデザイン"
    assert slide_title in "".join(_pdf_text(project.output / "slides.pdf"))


def test_watch_writes_each_output_once_made_and_leaves_a_failing_ones_files(project, monkeypatch):
    """A save that breaks the slides and changes the venue: the handout, made first, is written
    with the new venue (a clerk watching it need not wait for the rest), the slides' files are
    left as they were, and the message says which was written."""
    assert project.run("build").exit_code == 0
    slides_before = (project.output / "slides.pptx").read_bytes()
    order = []
    real_write = Context.write

    def write(self, files, quiet=False, only_changed=False):
        order.append(sorted(files))
        return real_write(self, files, quiet, only_changed)

    def fake_changes(root, extra=None, stop=None):
        project.edit("event.yaml", "大会議室A", "大会議室B")
        project.edit("slides.md", "# ものづくりと暮らしのデザイン", "# " + "ものづくりと暮らしのデザイン" * 12)
        yield {"content/event.yaml", "content/slides.md"}

    monkeypatch.setattr(Context, "write", write)
    monkeypatch.setattr(making, "changes", fake_changes)
    out = project.run("build", "--watch").output
    after = out.split("changed:")[1]
    assert "スライド（slides）" in after and "(still watching" in after and "Traceback" not in after
    assert "The other outputs were written: handout.pdf" in after and "Nothing was written." not in after
    assert order[0] == ["handout.pdf"]  # written on its own, before the others were made
    assert "大会議室B" in "".join(_pdf_text(project.output / "handout.pdf"))
    assert (project.output / "slides.pptx").read_bytes() == slides_before


def test_a_watch_that_cannot_write_one_output_writes_the_others(project, monkeypatch):
    """The press release open elsewhere (PowerPoint and Acrobat lock what they show on Windows):
    at a save, the outputs after it are still made and written, and the message says which file
    could not be written and which were."""
    from ucc_print.errors import UccError

    assert project.run("build").exit_code == 0
    press_before = (project.output / "press-release.pdf").read_bytes()
    real_write = Context.write

    def write(self, files, quiet=False, only_changed=False):
        if "press-release.pdf" in files:
            raise UccError("cannot write to output/: Permission denied\nNo file was changed.")
        return real_write(self, files, quiet, only_changed)

    def fake_changes(root, extra=None, stop=None):
        project.edit("event.yaml", "大会議室A", "大会議室B")
        yield {"content/event.yaml"}

    monkeypatch.setattr(Context, "write", write)
    monkeypatch.setattr(making, "changes", fake_changes)
    out = project.run("build", "--watch").output
    after = out.split("changed:")[1]
    assert "報道発表資料（press）: cannot write to output/: Permission denied" in after and "Traceback" not in after
    assert "The other outputs were written: handout.pdf" in after and "web/index.html" in after
    assert "大会議室B" in (project.output / "web" / "index.html").read_text(encoding="utf-8")  # made after it
    assert (project.output / "press-release.pdf").read_bytes() == press_before
    assert "(still watching" in after and out.rstrip().endswith("stopped watching")


def test_watch_shows_an_error_in_a_file_no_output_is_made_from(project, monkeypatch):
    """print.yaml feeds only `package`: its mistake is still shown, and its mending acknowledged."""
    broken = lambda: project.write("print.yaml", project.read("print.yaml") + "\nitems: 5\n")  # noqa: E731
    mended = lambda: project.write("print.yaml", project.read("print.yaml").replace("\nitems: 5\n", ""))  # noqa: E731

    def fake_changes(root, extra=None, stop=None):
        for edit in (broken, mended):
            edit()
            yield {"content/print.yaml"}

    monkeypatch.setattr(making, "changes", fake_changes)
    out = project.run("build", "--watch").output
    broken_part, mended_part = out.split("changed: content/print.yaml")[1:]
    assert "content/print.yaml" in broken_part and "Error:" in broken_part and "(still watching" in broken_part
    assert "content OK; no output is made from the changed files" in mended_part
    assert out.rstrip().endswith("stopped watching")


def test_watch_shows_each_warning_once(project, monkeypatch):
    def fake_changes(root, extra=None, stop=None):
        for _ in range(2):
            project.edit("press.yaml", "KJ00663897", "KJ00663897")
            yield {"content/press.yaml"}

    monkeypatch.setattr(making, "changes", fake_changes)
    out = project.run("build", "--watch").output
    assert out.count("mayor.name: expected the mayor's name") == 1


def test_watch_covers_content_assets_and_an_outside_guest_list_not_output(project, tmp_path):
    guests = tmp_path / "lists" / "名簿.csv"
    guests.parent.mkdir()
    guests.write_text("氏名,所属,区分\n", encoding="utf-8")
    folders = making.watch_paths(project.root, guests)
    inside = [folder for folder in (project.root / "content", project.root / "assets") if folder.is_dir()]
    assert folders == [*inside, guests.parent.resolve()]
    assert making.watch_paths(project.root, project.root / "content" / "名簿.csv") == inside
    accept = making.watched(project.root, guests)
    assert accept(None, str(guests)) and not accept(None, str(guests.parent / "other.csv"))
    assert not accept(None, str(project.output / "handout.pdf"))


def test_a_failing_output_is_marked_failed_in_the_progress(project):
    project.edit("guests.yaml", "name: 北山 浩士", "name: " + "北山" * 40)
    result = project.run("build")
    assert result.exit_code == 2
    assert "卓上名札・名札（cards）… failed (" in result.output


def _pdf_text(path: Path) -> list[str]:
    from .pdfread import page_texts

    return page_texts(path)


def test_watch_with_real_file_events(project):
    """A real `ucc-print build --watch` process notices a save and rebuilds (watchfiles); its
    worker processes (apart.py) end with it, even when it is killed rather than stopped."""
    process = subprocess.Popen([sys.executable, "-m", "ucc_print", "--project", str(project.root), "build", "--watch"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_for(process, "watching content/")
        time.sleep(0.5)
        project.edit("press.yaml", "KJ00663897", "KJ00000077")
        _wait_for(process, "press-release.pdf")
        assert "KJ00000077" in "".join(_pdf_text(project.output / "press-release.pdf"))
        workers = _children(process.pid)
    finally:
        process.kill()
        process.wait(timeout=20)
    if workers is None:
        return  # no /proc to ask on this system
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)], "worker processes outlived the watch"


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="on Windows SIGTERM ends a process outright")
@pytest.mark.parametrize("after", ["Warning: ", "watching content/"])  # during the first build; watching
def test_a_watch_sent_sigterm_stops_as_at_ctrl_c(project, after):
    """`kill` (or a service manager, or a closed terminal's SIGHUP) stops a watch as Ctrl+C does: it
    says so and exits 0, its workers end, and Python has no leaked semaphores to warn of (killed
    outright, it had five)."""
    process = subprocess.Popen([sys.executable, "-m", "ucc_print", "--project", str(project.root), "build", "--watch"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_for(process, after)
        deadline = time.monotonic() + 20
        while (after.startswith("watching") and time.monotonic() < deadline and (os.cpu_count() or 1) > 1
               and len(_children(process.pid) or [0, 0, 0]) < 3):
            time.sleep(0.05)  # the resource tracker and two workers (none on one core; no /proc: not waited for)
        workers = _children(process.pid)
        process.send_signal(signal.SIGTERM)
        said, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=20)
    assert process.returncode == 0, said
    assert "stopped watching" in said
    assert "leaked" not in said and "Traceback" not in said and "Aborted" not in said, said
    deadline = time.monotonic() + 10  # the resource tracker ends once it sees the watch gone
    while time.monotonic() < deadline and any(_running(pid) for pid in workers or []):
        time.sleep(0.1)
    assert not [pid for pid in workers or [] if _running(pid)], "worker processes outlived the watch"


def _children(pid: int) -> list[int] | None:
    """The processes `pid` started (Linux's /proc), or None where that cannot be told."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    return [int(child) for child in found]


def _running(pid: int) -> bool:
    """Whether a process is still there and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(process: subprocess.Popen, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if text in line:
            return
    pytest.fail(f"{text!r} did not appear; the process said:\n{''.join(seen)}")


def test_preview_writes_a_png_of_every_page_and_a_contact_sheet_per_output(project):
    result = project.run("preview")
    assert result.exit_code == 0, result.output
    folder = project.output / "preview"
    pages = {"handout": 7, "slides": 13, "tent-cards": 16, "badges": 2, "press-release": 1, "letters": 14,
             "rsvp": 14, "reception": 1, "signs": 4}
    for stem, count in pages.items():
        assert len(list(folder.glob(f"{stem}-[0-9][0-9][0-9].png"))) == count, stem
        with Image.open(folder / f"{stem}-contact.png") as sheet:
            columns = min(count, 6 if count > 16 else 4)
            assert sheet.width >= columns * 220 and sheet.height >= -(-count // columns) * 150, stem
    with Image.open(folder / "handout-001.png") as page:
        assert page.size == pytest.approx((210 / 25.4 * 80, 297 / 25.4 * 80), abs=1)
    # fewer guests: the previews of pages that no longer exist are removed
    project.edit("guests.yaml", "  - organization: 神戸市", "  - organization: 神戸市\n    order: 4")
    text = project.read("guests.yaml")
    cut = text.index("  - organization: 名古屋市")
    project.write("guests.yaml", text[:cut] + text[text.index("  - organization: 旭川市"):])
    assert project.run("preview").exit_code == 0
    assert len(list(folder.glob("tent-cards-[0-9][0-9][0-9].png"))) < 16
    # an output no longer made: its previews go too
    project.path("press.yaml").unlink()
    assert project.run("preview").exit_code == 0
    assert not list(folder.glob("press-release-*.png")) and list(folder.glob("handout-*.png"))


def test_init_makes_a_project_that_checks_and_builds(tmp_path):
    result = run_cli(["init", str(tmp_path / "nextcity")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "nextcity"
    assert (root / "content" / "event.yaml").is_file() and (root / "assets").is_dir()
    assert (root / "はじめに.md").read_text(encoding="utf-8").startswith("# はじめに")
    assert (root / ".gitignore").read_text() == "output/\n"
    assert "書き換えてください" in (root / "content" / "event.yaml").read_text(encoding="utf-8")
    assert run_cli(["--project", str(root), "check"]).exit_code == 0
    result = run_cli(["--project", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert _files(root / "output") == EVERYTHING
    again = run_cli(["init", str(root)])
    assert again.exit_code == 2 and "already has content/ and assets/" in again.output


def test_init_keeps_files_already_there_and_names_folders_inside_project(tmp_path):
    mine = tmp_path / "base" / "next city" / "はじめに.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine", encoding="utf-8")
    result = run_cli(["--project", str(tmp_path / "base"), "init", "next city"])
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == "mine" and (mine.parent / "content" / "event.yaml").is_file()
    assert "はじめに.md" not in result.output.splitlines()[0] and "cd '" in result.output
    empty = run_cli(["init", ""])
    assert empty.exit_code == 2 and "init needs the name of the new project folder" in empty.output


def test_every_file_of_the_example_opens_with_a_comment_for_staff():
    from ucc_print.scaffold import example_root

    content = example_root() / "content"
    for path in content.rglob("*"):
        if path.suffix in {".md", ".yaml"}:
            assert path.read_text(encoding="utf-8").startswith(("# ", "<!-- ")), path.name
    for name in ("event.yaml", "host.yaml", "slides.md", "texts/greeting.md"):  # the host city's own words
        assert "書き換えてください" in (content / name).read_text(encoding="utf-8")[:400], name


def test_outputs_made_side_by_side_by_a_watchs_workers_are_the_outputs_made_in_one_process(project):
    """What a watch's workers make (apart.py): the same files, warnings and failures, in order."""
    from ucc_print import apart
    from ucc_print.content.loader import load_project
    from ucc_print.design.profiles import OFFICE
    from ucc_print.errors import ContentError
    from ucc_print.project import ProjectDir

    project.edit("guests.yaml", "name: 北山 浩士", "name: " + "北山" * 40)  # no card can hold it
    loaded = load_project(ProjectDir(project.root)).project
    alone = making.make(loaded, project.root, OFFICE)
    told: list[tuple[str, bool | None]] = []
    with apart.kept():
        if apart.pool() is None:
            pytest.skip("one core, or no processes to be had: a watch makes its outputs in one process")
        _warm_workers()
        sent = apart.submitted(loaded, project.root, ["press"], OFFICE, {})  # the workers take outputs now
        assert sent is not None and sent[0].result()[0] == {"press-release.pdf": alone.files["press-release.pdf"]}
        if hasattr(os, "getpriority"):  # the watch's own process, making the first output, comes first
            workers = apart.pool()._processes  # type: ignore[union-attr]
            lower = min(19, os.getpriority(os.PRIO_PROCESS, 0) + apart.NICER)  # 19: the lowest there is
            assert all(os.getpriority(os.PRIO_PROCESS, pid) == lower for pid in workers)
        together = making.make(loaded, project.root, OFFICE,
                               progress=lambda output, _n, _of, seconds, done: told.append(
                                   (output.name, None if seconds is None else done)))
    assert apart.pool() is None  # gone with the watch
    assert together.files == alone.files and list(together.files) == list(alone.files)
    assert together.by_output == alone.by_output and together.warnings == alone.warnings
    assert [(output.name, type(error)) for output, error in together.failed] == [("cards", ContentError)]
    (_output, error), (_same, first) = together.failed[0], alone.failed[0]
    assert isinstance(error, ContentError) and error.problems == first.problems  # with where each is
    assert told[:4] == [("handout", None), ("handout", True), ("slides", None), ("slides", True)]
    assert ("cards", False) in told


def test_a_watchs_workers_use_the_cache_as_the_run_does(project, tmp_path, monkeypatch):
    """--no-cache holds in the workers; with the cache on, what they make is kept there."""
    from ucc_print import apart, cache
    from ucc_print.content.loader import load_project
    from ucc_print.design.profiles import OFFICE
    from ucc_print.project import ProjectDir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loaded = load_project(ProjectDir(project.root)).project
    with apart.kept():
        if apart.pool() is None:
            pytest.skip("one core, or no processes to be had: a watch makes its outputs in one process")
        _warm_workers()
        token = cache.ENABLED.set(False)
        try:
            assert making.make(loaded, project.root, OFFICE).ok
        finally:
            cache.ENABLED.reset(token)
        assert not list((tmp_path / "cache").rglob("*.marshal"))
        token = cache.ENABLED.set(True)
        try:
            assert making.make(loaded, project.root, OFFICE).ok
        finally:
            cache.ENABLED.reset(token)
    assert len(list((tmp_path / "cache").glob("ucc-print/outputs/*.marshal"))) >= 8


def _warm_workers() -> None:
    """Wait until a watch's workers have loaded what they need (outputs go to them from then on)."""
    from ucc_print import apart

    deadline = time.monotonic() + 60
    while not apart.ready():
        assert time.monotonic() < deadline, "the workers did not get ready within a minute"
        time.sleep(0.05)
