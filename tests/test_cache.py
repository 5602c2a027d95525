"""The user's cache: font information read back equals a fresh parse; a bad entry or a closed cache changes nothing."""

import hashlib
import io
import marshal
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from ucc_print import cache, outputcache
from ucc_print.content.loader import CONTENT_FILES
from ucc_print.design import facecache, fonts
from ucc_print.design.facecache import faces_cached
from ucc_print.outputs import registry

from .conftest import REPO

FACE = "pgothic-bold"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own, caches on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    token = cache.ENABLED.set(True)
    yield cache.folder()
    cache.ENABLED.reset(token)


@pytest.fixture
def unshipped(monkeypatch, tmp_path) -> None:
    """No face entries shipped with the fonts: the user's cache is all there is."""
    monkeypatch.setattr(facecache, "SHIPPED", tmp_path / "none shipped")


def _face(cached: bool) -> dict:
    """What reportlab knows of the face: its attributes, names as text, the unit scale applied to 1000."""
    if cached:
        with faces_cached():
            font = TTFont("Probe", str(fonts.font_path(FACE)))
    else:
        font = TTFont("Probe", str(fonts.font_path(FACE)))
    known = {}
    for name, value in font.face.__dict__.items():
        if name == "_pdfScale":
            known[name] = value(1000)
        elif isinstance(value, bytes) and hasattr(value, "ustr"):
            known[name] = (type(value).__name__, value.ustr)
        else:
            known[name] = value
    return known


def _probe_pdf(font: TTFont, text: str, monkeypatch) -> bytes:
    """A page of `text` in `font` (reportlab embeds its subsets when saving), registered afresh
    (reportlab takes the first font registered for a face for any later one)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(pdfmetrics, "_fonts", {})
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})
    pdfmetrics.registerFont(font)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue()


def test_a_subset_is_made_once_a_process_and_embedded_as_reportlab_embeds_it(monkeypatch):
    from reportlab.pdfbase import ttfonts

    from ucc_print.design import subsets

    made = []
    make_subset = ttfonts.TTFontFace.makeSubset
    monkeypatch.setattr(ttfonts.TTFontFace, "makeSubset",
                        lambda face, subset: made.append(1) or make_subset(face, subset))
    text = "旭川市 デザイン都市 2026年6月17日 " + "".join(chr(0x4E00 + n) for n in range(300))  # two subsets
    plain = _probe_pdf(TTFont("Probe", str(fonts.font_path(FACE))), text, monkeypatch)
    assert len(made) == 2
    with faces_cached():
        kept = TTFont("Probe", str(fonts.font_path(FACE)))
    first, second = _probe_pdf(kept, text, monkeypatch), _probe_pdf(kept, text, monkeypatch)
    assert len(made) == 4, "made again for the second PDF"
    assert all(packed is not None for _made, packed in kept.face._kept.values()), "its stream compressed by reportlab"
    assert first == second == plain  # reportlab's own bytes, compressed streams and all
    monkeypatch.setattr(subsets, "MOST_BYTES", 1)  # kept within its bound: the newest only
    longer = text + "。"
    assert _probe_pdf(kept, longer, monkeypatch) == _probe_pdf(TTFont("Probe", str(fonts.font_path(FACE))), longer,
                                                               monkeypatch)
    assert len(kept.face._kept) == 1


def test_a_face_read_from_the_cache_is_the_face_parsed(folder, unshipped):
    parsed = _face(cached=False)
    first = _face(cached=True)  # parses and keeps the entry
    assert list(folder.glob("fonts/*.marshal")), "no entry was written"
    second = _face(cached=True)  # read back
    assert first == parsed
    assert second == parsed
    assert len(second["charToGlyph"]) > 10_000


def test_an_unreadable_entry_is_ignored_and_made_again(folder, unshipped):
    _face(cached=True)
    [entry] = folder.glob("fonts/*.marshal")
    for garbage in (b"", b"\x00not marshal", b"\xe9" + entry.read_bytes()[1:40]):
        entry.write_bytes(garbage)
        assert _face(cached=True) == _face(cached=False)
        assert entry.read_bytes() not in (garbage,)


def _sealed(value) -> bytes:
    """An entry as the cache writes one: its data's SHA-256, then the data."""
    data = marshal.dumps(value)
    return hashlib.sha256(data).digest() + data


def test_an_entry_of_the_wrong_shape_is_ignored(folder, unshipped):
    _face(cached=True)
    [entry] = folder.glob("fonts/*.marshal")
    entry.write_bytes(_sealed({"names": {}, "unitsPerEm": "1000"}))
    assert _face(cached=True) == _face(cached=False)


def _shipped_entry() -> Path:
    """The shipped entry of the probed face for this reportlab (skips when there is none)."""
    digest = hashlib.sha256(fonts.font_path(FACE).read_bytes()).digest()
    entry = facecache.SHIPPED / facecache.shipped_name(digest, 1)
    if not entry.is_file():
        import reportlab

        pytest.skip(f"no face entries shipped for reportlab {reportlab.Version} (faces are parsed on a first run; "
                    "python -m ucc_print.design.facecache makes them)")
    return entry


def test_every_bundled_face_ships_with_what_reportlab_learns_of_it(folder):
    _shipped_entry()
    for key in fonts.FACES:
        digest = hashlib.sha256(fonts.font_path(key).read_bytes()).digest()
        assert (facecache.SHIPPED / facecache.shipped_name(digest, 1)).is_file(), key
    assert len(list(facecache.SHIPPED.iterdir())) == len(fonts.FACES)  # none of other fonts or versions
    assert _face(cached=True) == _face(cached=False)
    assert not list(folder.glob("fonts/*.marshal"))  # read from what ships: nothing parsed, nothing kept


def test_a_damaged_shipped_entry_is_passed_over(folder, monkeypatch, tmp_path):
    entry = _shipped_entry()
    damaged = tmp_path / "shipped"
    damaged.mkdir()
    monkeypatch.setattr(facecache, "SHIPPED", damaged)
    for garbage in (entry.read_bytes()[:1000], zlib.compress(marshal.dumps({"names": {}})), b"not zlib"):
        (damaged / entry.name).write_bytes(garbage)
        assert _face(cached=True) == _face(cached=False)
        for kept in folder.glob("fonts/*.marshal"):
            kept.unlink()


def test_an_entry_whose_data_changed_is_ignored(folder):
    cache.write("probe", "entry", {"a": b"the bytes of a file"})
    path = folder / "probe" / "entry.marshal"
    assert cache.read("probe", "entry") == {"a": b"the bytes of a file"}
    stored = bytearray(path.read_bytes())
    stored[-3] ^= 0x01  # one bit of the file's bytes, as a failing disk would
    path.write_bytes(bytes(stored))
    assert cache.read("probe", "entry") is None


def test_no_cache_neither_reads_nor_writes(folder):
    token = cache.ENABLED.set(False)
    try:
        assert _face(cached=True) == _face(cached=False)
    finally:
        cache.ENABLED.reset(token)
    assert not folder.exists() or not any(folder.rglob("*"))


def test_a_cache_folder_that_cannot_be_written_is_not_used(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _face(cached=True) == _face(cached=False)


@pytest.mark.slow
def test_outputs_are_byte_identical_with_a_cold_a_warm_and_no_cache(tmp_path):
    """Whole processes: the cache folder empty, then filled (the press release), then bypassed."""
    environment = {name: value for name, value in os.environ.items() if name != "UCC_PRINT_NO_CACHE"}
    environment["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    shutil.copytree(REPO / "content", tmp_path / "content")
    made = []
    for flags in ([], [], ["--no-cache"]):
        subprocess.run([sys.executable, "-m", "ucc_print", "--project", str(tmp_path), *flags, "press"],
                       check=True, capture_output=True, env=environment)
        made.append((tmp_path / "output" / "press-release.pdf").read_bytes())
    assert made[0] == made[1] == made[2]
    assert list((tmp_path / "cache").glob("ucc-print/outputs/press-office-*.marshal"))  # the second run took it


# ------------------------------------------------------------------ the project cache


def _outputs(project) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(project.output.iterdir()) if path.is_file()}


def _refuse_to_make(monkeypatch, *names: str) -> None:
    """Making these outputs fails the test: they must come from the cache."""
    for name in names:
        def made(self, *args, name=name, **kwargs):
            raise AssertionError(f"{name} was made again")

        monkeypatch.setattr(registry()[name], "files", made)


def test_a_build_from_the_cache_is_the_build_made_afresh(folder, project, monkeypatch):
    assert project.run("--no-cache", "build").exit_code == 0
    fresh = _outputs(project)
    assert not folder.exists() or not list(folder.rglob("outputs/*"))
    assert project.run("build").exit_code == 0  # made, and kept
    assert _outputs(project) == fresh
    _refuse_to_make(monkeypatch, *registry())
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert _outputs(project) == fresh
    assert "wrote 17 files" in result.output and "handout.pdf                   7 pages" in result.output


def test_a_changed_file_remakes_only_the_outputs_made_from_it(folder, project, monkeypatch):
    assert project.run("build").exit_code == 0
    before = _outputs(project)
    project.edit("handout.yaml", "heading: 開催概要", "heading: 開催の概要")
    with monkeypatch.context() as patched:
        # the web edition links the handout: it is made again too
        _refuse_to_make(patched, *(name for name in registry() if name not in ("handout", "web")))
        result = project.run("build")
        assert result.exit_code == 0, result.output
    after = _outputs(project)
    assert after["handout.pdf"] != before["handout.pdf"]
    assert {name for name in after if after[name] != before[name]} == {"handout.pdf"}
    assert project.run("--no-cache", "build").exit_code == 0
    assert _outputs(project) == after


def test_the_guest_list_is_part_of_every_key(folder, project, monkeypatch):
    (project.root / "guests.csv").write_text("氏名,所属,区分\n山田 太郎,神戸市,参加者\n", encoding="utf-8")
    assert project.run("cards", "--guests", str(project.root / "guests.csv")).exit_code == 0
    one = (project.output / "badges.pdf").read_bytes()
    (project.root / "guests.csv").write_text("氏名,所属,区分\n山田 次郎,神戸市,参加者\n", encoding="utf-8")
    assert project.run("cards", "--guests", str(project.root / "guests.csv")).exit_code == 0
    assert (project.output / "badges.pdf").read_bytes() != one


def test_damaged_entries_are_made_again(folder, project):
    assert project.run("--no-cache", "build").exit_code == 0
    fresh = _outputs(project)
    assert project.run("build").exit_code == 0
    entries = sorted(folder.glob("outputs/*.marshal"))
    assert len(entries) == len(registry()) + 1  # and the web edition's handout, without the 名簿 and 配席図
    for number, entry in enumerate(entries):
        stored = entry.read_bytes()
        if number % 2:
            entry.write_bytes(stored[:len(stored) // 2])  # cut short
        else:
            entry.write_bytes(_sealed(({"handout.pdf": b"%PDF-1.3 not this"}, [7])))  # the wrong shape
    assert project.run("build").exit_code == 0
    assert _outputs(project) == fresh


def test_another_program_makes_another_key(folder, project, monkeypatch):
    assert project.run("press").exit_code == 0
    cache.program.cache_clear()
    monkeypatch.setattr(cache, "LIBRARIES", (*cache.LIBRARIES, "zipfile"))  # a library more
    try:
        with monkeypatch.context() as patched:
            _refuse_to_make(patched, "press")
            result = project.run("press")  # not taken from the entry the other program made
            assert isinstance(result.exception, AssertionError) and "press was made again" in str(result.exception)
    finally:
        cache.program.cache_clear()


def test_only_the_newest_entries_of_an_output_are_kept(folder, project):
    original = project.read("press.yaml")
    for number in range(outputcache.KEEP + 3):
        project.write("press.yaml", original.replace("to: 各報道機関", f"to: 各報道機関{'改' * number}"))
        assert project.run("press").exit_code == 0
    assert len(list(folder.glob("outputs/press-office-*.marshal"))) == outputcache.KEEP


#: The content file each part of the project is read from (the logo: assets/, in every key).
#: Every part of the Project → the file it is read from (every content file the loader knows, so a
#: new one is covered without a word here).
PARTS = {attribute: f"content/{name}" for attribute, (name, _model) in CONTENT_FILES.items()} | {
    "texts": "content/texts/greeting.md", "slides": "content/slides.md"}


@pytest.mark.parametrize("shop", [False, True], ids=["office", "shop"])
def test_every_part_an_output_reads_is_among_its_sources(bundled, monkeypatch, shop):
    """The project cache and --watch trust `sources`: an output that read a part of the content not
    declared would be left stale when that file changes."""
    from ucc_print.content.model import Project
    from ucc_print.design.profiles import OFFICE, SHOP

    read: set[str] = set()
    original = Project.__getattribute__

    def noting(self, name):
        if name in PARTS:
            read.add(name)
        return original(self, name)

    for output in registry().values():
        if shop and not output.shop:
            continue
        read.clear()
        monkeypatch.setattr(Project, "__getattribute__", noting)
        try:
            output(bundled, REPO).files(SHOP if shop else OFFICE)
        finally:
            monkeypatch.setattr(Project, "__getattribute__", original)
        assert read, output.name
        undeclared = {part for part in read if not output.uses(PARTS[part])}
        assert not undeclared, f"{output.name} reads {sorted(undeclared)} but its sources leave them out"


def test_a_file_saved_during_a_build_leaves_no_stale_entry(folder, project, monkeypatch):
    """The clerk saves event.yaml while the handout is being made: the outputs made after it are
    made from what was loaded, so they are kept under what was loaded, never under the new file."""
    handout = registry()["handout"]
    made = handout.files

    def saving_meanwhile(self, *args, **kwargs):
        files = made(self, *args, **kwargs)
        project.edit("event.yaml", "大会議室A", "大会議室B")
        return files

    with monkeypatch.context() as patched:
        patched.setattr(handout, "files", saving_meanwhile)
        assert project.run("build").exit_code == 0
    assert project.run("build").exit_code == 0
    cached = _outputs(project)
    assert project.run("--no-cache", "build").exit_code == 0
    assert cached == _outputs(project)


def test_a_picture_anywhere_in_the_project_is_part_of_the_key(folder, project):
    """A slide may show a picture from any folder of the project, not only assets/."""
    from PIL import Image

    (project.root / "pics").mkdir()
    Image.new("RGB", (300, 200), (200, 0, 0)).save(project.root / "pics" / "photo.png")
    right = ("### 市民とデザイン\n\n- 旭川デザインウィークを毎年開催\n- 子どもから大人までのデザイン教育\n"
             "- 産学官金の連携で地域の魅力を発信\n")
    project.edit("slides.md", right, "![旭川の風景](pics/photo.png)\n")
    assert project.run("slides").exit_code == 0
    red = (project.output / "slides.pdf").read_bytes()
    Image.new("RGB", (300, 200), (0, 0, 200)).save(project.root / "pics" / "photo.png")
    assert project.run("slides").exit_code == 0
    blue = (project.output / "slides.pdf").read_bytes()
    assert blue != red
    assert project.run("--no-cache", "slides").exit_code == 0
    assert (project.output / "slides.pdf").read_bytes() == blue


def test_texts_through_a_linked_folder_are_part_of_the_key(folder, project, tmp_path):
    """What the load read is keyed, wherever a link made it read from."""
    shared = tmp_path / "shared"
    shutil.move(project.path("texts"), shared)
    try:
        project.path("texts").symlink_to(shared, target_is_directory=True)
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    assert project.run("handout").exit_code == 0
    before = (project.output / "handout.pdf").read_bytes()
    greeting = shared / "greeting.md"
    greeting.write_text(greeting.read_text(encoding="utf-8") + "\n追記の段落です。\n", encoding="utf-8")
    assert project.run("handout").exit_code == 0
    assert (project.output / "handout.pdf").read_bytes() != before


# ------------------------------------------------------------------ check's verdict


@pytest.fixture
def loads(monkeypatch) -> list[int]:
    """How many times the content was loaded."""
    from ucc_print.content import loader

    counted: list[int] = []
    real = loader.load_project

    def counting(*args, **kwargs):
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_project", counting)
    return counted


def test_check_says_again_what_it_found_while_nothing_it_read_changed(folder, project, loads):
    first = project.run("check")
    assert first.exit_code == 0 and len(loads) == 1
    again = project.run("check")
    assert again.exit_code == 0 and len(loads) == 1  # not loaded: the verdict was kept
    assert again.output == first.output and "5 warnings" in again.output
    strict = project.run("check", "--strict")
    assert strict.exit_code == 2 and "5 warnings and --strict was given" in strict.output and len(loads) == 1
    project.edit("event.yaml", "大会議室A", "大会議室B")  # a file it read
    assert project.run("check").exit_code == 0 and len(loads) == 2
    (project.path("texts") / "new.md").write_text("新しい文章\n", encoding="utf-8")  # a file that came
    assert project.run("check").exit_code == 0 and len(loads) == 3
    assert project.run("--no-cache", "check").exit_code == 0 and len(loads) == 4
    assert project.run("check").exit_code == 0 and len(loads) == 4


def test_a_failed_check_is_never_kept(folder, project, loads):
    assert project.run("check").exit_code == 0
    project.edit("event.yaml", "number: 9", "number: nine")
    assert project.run("check").exit_code == 2
    project.edit("event.yaml", "number: nine", "number: 9")
    assert project.run("check").exit_code == 0  # the first verdict still holds: the same bytes again
    project.edit("event.yaml", "number: 9", "number: nine")
    result = project.run("check")
    assert result.exit_code == 2 and "content/event.yaml" in result.output


def test_check_reads_a_changed_guest_list_or_picture_again(folder, project, loads):
    from PIL import Image

    listed = project.root / "guests.csv"
    listed.write_text("氏名,所属,区分\n山田 太郎,神戸市,参加者\n", encoding="utf-8")
    (project.root / "pics").mkdir()
    Image.new("RGB", (300, 200), (200, 0, 0)).save(project.root / "pics" / "photo.png")
    right = ("### 市民とデザイン\n\n- 旭川デザインウィークを毎年開催\n- 子どもから大人までのデザイン教育\n"
             "- 産学官金の連携で地域の魅力を発信\n")
    project.edit("slides.md", right, "![旭川の風景](pics/photo.png)\n")
    assert project.run("check", "--guests", str(listed)).exit_code == 0
    assert project.run("check", "--guests", str(listed)).exit_code == 0 and len(loads) == 1
    listed.write_text("氏名,所属,区分\n山田 太郎,神戸市,参加者\n佐藤 花子,金沢市,参加者\n", encoding="utf-8")
    result = project.run("check", "--guests", str(listed))
    assert "2 guests" in result.output and len(loads) == 2
    Image.new("RGB", (300, 200), (0, 0, 200)).save(project.root / "pics" / "photo.png")
    assert project.run("check", "--guests", str(listed)).exit_code == 0 and len(loads) == 3
    assert project.run("check").exit_code == 0 and len(loads) == 4  # another guest list: another verdict


def test_a_file_that_comes_during_a_check_leaves_no_verdict(folder, project, monkeypatch, loads):
    from ucc_print.content import loader

    counting = loader.load_project

    def adding_meanwhile(*args, **kwargs):
        loaded = counting(*args, **kwargs)
        (project.path("texts") / "late.md").write_text("遅れて来た文章\n", encoding="utf-8")
        return loaded

    with monkeypatch.context() as patched:
        patched.setattr(loader, "load_project", adding_meanwhile)
        assert project.run("check").exit_code == 0
    assert project.run("check").exit_code == 0 and len(loads) == 2


def test_check_sees_a_link_that_comes_to_lead_somewhere(folder, project, loads):
    """A dangling link where an optional file goes is no file; once it leads to one, it is read."""
    project.path("press.yaml").unlink()
    try:
        project.path("press.yaml").symlink_to(project.root / "elsewhere" / "press.yaml")
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    assert project.run("check").exit_code == 0
    (project.root / "elsewhere").mkdir()
    (project.root / "elsewhere" / "press.yaml").write_text("bogus: [\n", encoding="utf-8")
    result = project.run("check")
    assert result.exit_code == 2 and "content/press.yaml, line 2" in result.output and len(loads) == 2


def test_check_names_a_guest_list_as_it_is_given(folder, project, loads):
    listed = project.root / "guests.csv"
    listed.write_text("氏名,所属,区分\n山田 太郎,神戸市,参加者\n山田 太郎,神戸市,参加者\n", encoding="utf-8")
    assert f"Warning: {listed}:" in project.run("check", "--guests", str(listed)).output
    linked = project.root / "名簿.csv"
    try:
        linked.symlink_to(listed)
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    assert f"Warning: {linked}:" in project.run("check", "--guests", str(linked)).output and len(loads) == 2


# ------------------------------------------------------------------ a run made again


def _without_progress(output: str) -> list[str]:
    """A build's report without its progress lines and the line saying how the files were made."""
    return [line for line in output.splitlines() if not line.lstrip().startswith("[") and "to output/" not in line]


def test_a_build_while_nothing_it_read_changed_does_not_load_the_content(folder, project, loads, monkeypatch):
    first = project.run("build")
    assert first.exit_code == 0 and len(loads) == 1
    fresh = _outputs(project)
    for name in fresh:
        (project.output / name).unlink()
    _refuse_to_make(monkeypatch, *registry())
    again = project.run("build")
    assert again.exit_code == 0, again.output
    assert len(loads) == 1  # neither loaded nor laid out: its files from the output cache
    assert _outputs(project) == fresh
    assert "as the last build made them (nothing it read has changed)" in again.output
    assert _without_progress(again.output) == _without_progress(first.output)  # the same warnings and files
    assert again.output.count("Warning:") == first.output.count("Warning:") == 5


def test_one_outputs_command_is_made_again_from_its_last_run(folder, project, loads, monkeypatch):
    first = project.run("press")
    assert first.exit_code == 0 and len(loads) == 1
    with monkeypatch.context() as patched:
        _refuse_to_make(patched, "press")
        again = project.run("press")
    assert again.exit_code == 0 and again.output == first.output and len(loads) == 1
    assert project.run("press", "--shop").exit_code == 0 and len(loads) == 2  # another profile: another run
    assert project.run("handout").exit_code == 0 and len(loads) == 3  # another output: another run


def test_a_build_after_a_change_or_without_its_files_in_the_cache_loads_again(folder, project, loads):
    assert project.run("build").exit_code == 0 and len(loads) == 1
    project.edit("handout.yaml", "heading: 開催概要", "heading: 開催の概要")
    assert project.run("build").exit_code == 0 and len(loads) == 2
    for entry in folder.glob("outputs/handout-*.marshal"):
        entry.unlink()
    result = project.run("build")
    assert result.exit_code == 0 and len(loads) == 3 and "[1/8] 会議資料（handout）" in result.output
    assert project.run("build").exit_code == 0 and len(loads) == 3
    assert project.run("--no-cache", "build").exit_code == 0 and len(loads) == 4


def test_a_failed_build_is_never_made_again(folder, project, loads):
    assert project.run("build").exit_code == 0
    project.edit("event.yaml", "number: 9", "number: nine")
    assert project.run("build").exit_code == 2
    result = project.run("build")
    assert result.exit_code == 2 and "content/event.yaml" in result.output and len(loads) == 3


def test_the_web_editions_handout_is_laid_out_again_only_when_what_it_is_made_from_changed(folder, project,
                                                                                          monkeypatch):
    from ucc_print.outputs import web

    assert project.run("build").exit_code == 0
    public = (project.output / "web" / "handout.pdf").read_bytes()
    assert public != (project.output / "handout.pdf").read_bytes()  # 名簿 and 配席図 left out
    project.edit("slides.md", "# デザインでつなぐ", "# デザインでむすぶ")
    with monkeypatch.context() as patched:
        patched.setattr(web, "handout_pdf", lambda *args: pytest.fail("the public handout was laid out again"))
        assert project.run("build").exit_code == 0
    assert (project.output / "web" / "handout.pdf").read_bytes() == public
    project.edit("web.yaml", "seating: false", "seating: true")  # the 配席図 published: another handout
    assert project.run("build").exit_code == 0
    seated = (project.output / "web" / "handout.pdf").read_bytes()
    assert seated != public
    assert project.run("--no-cache", "build").exit_code == 0
    assert (project.output / "web" / "handout.pdf").read_bytes() == seated
