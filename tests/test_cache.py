"""The user's cache: font information read back equals a fresh parse; a bad entry or a closed cache changes nothing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from ucc_print import cache
from ucc_print.design import fonts
from ucc_print.design.facecache import faces_cached

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


def test_a_face_read_from_the_cache_is_the_face_parsed(folder):
    parsed = _face(cached=False)
    first = _face(cached=True)  # parses and keeps the entry
    assert list(folder.glob("fonts/*.marshal")), "no entry was written"
    second = _face(cached=True)  # read back
    assert first == parsed
    assert second == parsed
    assert len(second["charToGlyph"]) > 10_000


def test_an_unreadable_entry_is_ignored_and_made_again(folder):
    _face(cached=True)
    [entry] = folder.glob("fonts/*.marshal")
    for garbage in (b"", b"\x00not marshal", b"\xe9" + entry.read_bytes()[1:40]):
        entry.write_bytes(garbage)
        assert _face(cached=True) == _face(cached=False)
        assert entry.read_bytes() not in (garbage,)


def test_an_entry_of_the_wrong_shape_is_ignored(folder):
    import marshal

    _face(cached=True)
    [entry] = folder.glob("fonts/*.marshal")
    entry.write_bytes(marshal.dumps({"names": {}, "unitsPerEm": "1000"}))
    assert _face(cached=True) == _face(cached=False)


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
    """Whole processes: the cache folder empty, then filled, then bypassed."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    shutil.copytree(REPO / "content", tmp_path / "content")
    made = []
    for flags in ([], [], ["--no-cache"]):
        subprocess.run([sys.executable, "-m", "ucc_print", "--project", str(tmp_path), *flags, "press"],
                       check=True, capture_output=True, env=environment)
        made.append((tmp_path / "output" / "press-release.pdf").read_bytes())
    assert made[0] == made[1] == made[2]
    assert list((tmp_path / "cache").glob("ucc-print/fonts/*.marshal"))
