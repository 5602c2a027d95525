"""Inputs that once crashed, hung or leaked: each now a content error naming file and line (or
sheet, row and column), within the time and memory limits of a child process.

The content cases run through the fuzz runner (tests/fuzzrunner.py: 20 s a case, 1.5 GB of
address space, peak memory reported); preflight runs as the command a clerk types.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from PIL import Image

from .fuzzcases import REPO
from .test_fuzz import PEAK_MIB, run_cases

SLIDE_LINE = "- デザインを生かした産業振興と地域ブランディングを進めています"
ROTATION = "rotation: 開催都市は加盟都市の持ち回りで、本年度は{{ host.city }}が担当します。"


def _picture(kind: str, cut: bool = False) -> str:
    """A small picture's bytes as hex, cut short if asked (the header intact, the pixels not)."""
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(buffer, format=kind)
    data = buffer.getvalue()
    return (data[: len(data) // 2] if cut else data).hex()


def _slide_picture(path: str, files: dict | None = None) -> dict:
    return {"files": files or {}, "edits": {"content/slides.md": ("### 市民とデザイン", f"![写真]({path})")}}


def _rotation(template: str) -> dict:
    return {"edits": {"content/event.yaml": (ROTATION, f'rotation: "{template}"')}}


def workbook(setup, merged_to: str | None = None, edit=None, extra: dict[str, bytes] | None = None) -> str:
    """A small list as .xlsx bytes (hex); with `merged_to`, its merged 区分 range made to end there
    in the file itself (openpyxl would make a million cells to write it); `edit(name, data)` gives
    each part its new name and bytes, and `extra` adds parts."""
    book = Workbook()
    sheet = book.active
    sheet.title = "名簿"
    sheet.append(["氏名", "所属", "区分"])
    sheet.append(["北山 浩士", "文部科学省", "来賓"])
    sheet.append(["星野 有希枝", "文化庁", None])
    setup(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    if merged_to is None and edit is None:
        return buffer.getvalue().hex()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            name, data = item.filename, source.read(item)
            if name == "xl/worksheets/sheet1.xml" and merged_to:
                data = data.replace(b'ref="C2:C3"', f'ref="C2:{merged_to}"'.encode())
            if edit:
                name, data = edit(name, data)
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue().hex()


def _in_sheet(old: bytes, new: bytes):
    """An edit of the sheet's XML: `old` replaced by `new`."""
    return lambda name, data: (name, data.replace(old, new) if name == "xl/worksheets/sheet1.xml" else data)


def _sheet_moved(name: str, data: bytes) -> tuple[str, bytes]:
    """The sheet kept at xl/other/s.xml, where the workbook's relationships (and content types) say."""
    if name == "xl/worksheets/sheet1.xml":
        return "xl/other/s.xml", data.replace(b'ref="C2:C3"', b'ref="C2:C1048576"')
    return name, data.replace(b"/xl/worksheets/sheet1.xml", b"/xl/other/s.xml")


def _empty_cells(count: int) -> bytes:
    """`count` empty cells, 100 to a row, below the list."""
    letters = [get_column_letter(column).encode() for column in range(1, 101)]
    return b"".join(b'<row r="%d">' % row + b"".join(b'<c r="%s%d"/>' % (letter, row) for letter in letters)
                    + b"</row>" for row in range(4, 4 + count // 100))


def _with_texts(count: int):
    """A shared-strings table of `count` texts (openpyxl writes none of its own)."""
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + b"<si><t>a</t></si>" * count + b"</sst>")
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')

    def edit(name: str, data: bytes) -> tuple[str, bytes]:
        return name, data.replace(b"</Types>", override) if name == "[Content_Types].xml" else data

    return {"edit": edit, "extra": {"xl/sharedStrings.xml": strings}}




ALIAS_BOMB = "".join(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
                     for previous, name in zip("abcdefgh", "bcdefghi", strict=True))

#: (what, case, what the clerk is told).
CASES = [
    ("form feed in a slide", {"edits": {"content/slides.md": (SLIDE_LINE, SLIDE_LINE + "\x0c")}},
     "content/slides.md, line 36: slide 3: expected text without control characters; found U+000C"),
    ("record separator in a slide", {"edits": {"content/slides.md": (SLIDE_LINE, SLIDE_LINE + "\x1e")}},
     "found U+001E, a control character (record separator)"),
    ("vertical tab in a Markdown text", {"edits": {"content/texts/greeting.md": ("全国から", "全国\x0bから")}},
     "content/texts/greeting.md, line 6: expected text without control characters; found U+000B"),
    ("a truncated JPEG", _slide_picture("assets/photo.jpg", {"assets/photo.jpg": _picture("JPEG", cut=True)}),
     "'assets/photo.jpg', which is damaged or cut short"),
    ("a cut PNG as the logo", {"files": {"assets/logo.png": _picture("PNG", cut=True)}},
     "assets/logo.png: expected a complete PNG or JPEG picture; found 'assets/logo.png', which is damaged"),
    ("a picture outside the project", _slide_picture("../../x.png"), "'../../x.png', which does not exist"),
    ("an absolute path", _slide_picture("/etc/hostname"),
     "expected a picture inside the project folder; found '/etc/hostname', which leads outside it"),
    ("a symlink out of assets/", _slide_picture("assets/out.png", {"assets/out.png": {"link": "/etc/hostname"}}),
     "found 'assets/out.png', which leads outside it"),
    ("a number of 5,000 digits", _rotation("{{ 10**5000 }}"), "rotation: expected a number of at most 100 digits"),
    ("ten million letters", _rotation("{{ 'a' * 10**7 }}"), "expected text of at most 10,000 characters"),
    ("a billion letters", _rotation("{{ 'a' * 10**9 }}"), "expected text of at most 10,000 characters"),
    ("lipsum", _rotation("{{ lipsum(10**4) }}"), "'lipsum' is undefined"),
    ("loops of loops", _rotation("{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}"),
     "expected a template that ends within 200,000 steps"),
    ("model_dump", _rotation("{{ event.model_dump() }}"), "rotation: expected a name the content defines"),
    ("model_fields", _rotation("{{ event.model_fields }}"), "event has no field 'model_fields'"),
    ("an alias bomb", {"edits": {"content/network.yaml": ("name: ", "a: &a [1,2,3,4,5,6,7,8,9]\n" + ALIAS_BOMB
                                                                    + "name: ")}},
     "content/network.yaml: expected at most 50,000 values"),
    ("60,000 「（」", {"edits": {"content/event.yaml": ("venue: 旭川市役所総合庁舎 7階 大会議室A",
                                                       "venue: " + "（" * 60_000)}},
     "venue: expected a text of at most 10,000 characters; found 60,000 characters"),
    ("10,000 combining marks", {"edits": {"content/event.yaml": ("name: ユネスコ創造都市国内ネットワーク会議",
                                                                "name: デ" + "\u0301" * 9_990)}},
     "slide 1: expected text of at most 10,000 characters"),
    ("4,000 combining marks, laid out", {"edits": {"content/event.yaml": (
        "name: ユネスコ創造都市国内ネットワーク会議",
        "name: ユネスコ創造都市国内ネットワーク会議デ" + "\u0301" * 4_000)}},
     "slide 1 (presenter): expected text that fits its area"),  # laid out in full, in well under a second
    ("a cell at XFD1048576", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: sheet.cell(1048576, 16384, "x"))}, "found a value as far out as XFD1048576"),
    ("a merged range to the sheet's end", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: sheet.merge_cells("C2:C3"), "C1048576")}, "found cells merged as far as C1048576"),
    ("brackets 300 deep", {"edits": {"content/network.yaml": ("name: ", "a: " + "[" * 300 + "]" * 300 + "\nname: ")}},
     "content/network.yaml, line 4: expected lists and mappings at most 50 levels inside each other; found 51 levels"),
    ("a number of 4,301 digits", {"edits": {"content/network.yaml": ("founded: 2004", "founded: " + "9" * 4_301)}},
     "content/network.yaml, line 6: expected a number of at most 100 digits; found 4,301 digits at column 10"),
    ("a merged range in single quotes", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: sheet.merge_cells("C2:C3"), edit=_in_sheet(b'ref="C2:C3"', b"ref='C2:C1048576'"))},
     "found cells merged as far as C1048576"),
    ("a sheet kept outside xl/worksheets/", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: sheet.merge_cells("C2:C3"), edit=_sheet_moved)}, "found cells merged as far as C1048576"),
    ("ranges merged over each other", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: sheet.merge_cells("C2:C3"), edit=_in_sheet(b'<mergeCell ref="C2:C3"/>',
                                                                b'<mergeCell ref="A1:CV5000"/>' * 2))},
     "expected merged cells that do not overlap"),
    ("220,000 empty cells", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(lambda sheet: None, edit=_in_sheet(
        b"</row></sheetData>", b"</row>" + _empty_cells(220_000) + b"</sheetData>"))},
     "sheet 名簿: expected a sheet of at most 200,000 cells, empty formatted cells included; found more"),
    ("a cell of 220,000 runs of formatted text", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: None, edit=_in_sheet(b"</row></sheetData>", b'</row><row r="4"><c r="D4" t="inlineStr"><is>'
                                           + b"<r><t>a</t></r>" * 220_000 + b"</is></c></row></sheetData>"))},
     "sheet 名簿: expected cells holding at most 400,000 values, formulas and runs of formatted text together"),
    ("60,000 cell styles", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(lambda sheet: None, edit=(
        lambda name, data: (name, data.replace(b"</cellXfs>", b'<xf numFmtId="0"/>' * 60_000 + b"</cellXfs>")
                            if name == "xl/styles.xml" else data)))},
     "expected a workbook as Excel saves it (at most 50,000 entries, found in xl/styles.xml)"),
    ("60,000 empty rows", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(lambda sheet: None, edit=_in_sheet(
        b"</row></sheetData>", b"</row>" + b'<row r="9" hidden="1"/>' * 60_000 + b"</sheetData>"))},
     "expected a sheet of at most 50,000 rows, empty formatted rows included"),
    ("60,000 different texts", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(
        lambda sheet: None, **_with_texts(60_000))}, "expected a workbook of at most 50,000 different texts"),
    ("a DTD in a sheet", {"file": "guests.xlsx", "kind": "hex", "bytes": workbook(lambda sheet: None, edit=_in_sheet(
        b"<worksheet ", b'<!DOCTYPE worksheet [<!ENTITY a "<c/>">]><worksheet '))},
     "expected an Excel workbook (.xlsx); found a damaged part (xl/worksheets/sheet1.xml)"),
    ("a 101-character name in a list", {"file": "guests.csv", "kind": "hex", "bytes": (
        "氏名,所属,区分\n" + "北" * 101 + ",文部科学省,来賓\n").encode().hex()},
     "guests.csv: row 2, column A (氏名): expected a name of at most 100 characters"),
]


def test_each_input_that_once_broke_a_promise_is_a_content_error_within_limits(tmp_path):
    (result,) = run_cases([case for _what, case, _told in CASES], tmp_path)
    assert not result["failures"], result["failures"][0]["what"]
    assert result["peak_mib"] < PEAK_MIB
    for (what, case, told), said in zip(CASES, result["said"], strict=True):
        assert told in said, (what, said[:600])
        if "file" not in case:  # paths as written in the content, never where they lead
            assert "/tmp" not in said and str(REPO) not in said, (what, said[:300])


def _preflight(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ucc_print", "preflight", *map(str, paths)], capture_output=True,
                          text=True, timeout=30)


def test_preflight_refuses_devices_and_pipes_at_once(tmp_path):
    import os

    fifo = tmp_path / "fifo.pdf"
    os.mkfifo(fifo)
    for path, told in (("/dev/zero", "/dev/zero: is a device or a pipe, not a PDF file."),
                       (fifo, "fifo.pdf: is a device or a pipe, not a PDF file.")):
        result = _preflight(path)
        assert result.returncode == 2 and told in result.stderr and "Traceback" not in result.stderr


def test_preflight_finds_junk_before_the_header_and_never_shows_a_memory_address(tmp_path, project):
    assert project.run("handout", "--shop").exit_code == 0
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00junk" * 200 + (project.output / "shop" / "handout.pdf").read_bytes())
    result = _preflight(junk)
    assert result.returncode == 1
    assert "1,000 bytes come before the %PDF- header; PDF/X wants it at the file's first byte" in result.stdout
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.3\n%garbage and nothing more\n")
    result = _preflight(broken)
    assert result.returncode == 2 and "not a readable PDF" in result.stderr and "BytesIO" not in result.stderr


def test_preflight_stops_at_a_page_tree_that_repeats_a_page(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Pages.Kids = pikepdf.Array([pdf.pages[0].obj] * 200_000)
    pdf.Root.Pages.Count = 200_000
    path = tmp_path / "repeated.pdf"
    pdf.save(path)
    result = _preflight(path)
    assert result.returncode == 1 and "nothing more was checked" in result.stdout


@pytest.mark.parametrize("text", ["（" * 60_000, "デ" + "\u0301" * 60_000, "UNESCO Creative Cities " * 3_000],
                         ids=["brackets", "marks", "latin"])
def test_breaking_pathological_text_takes_time_in_proportion_to_its_length(text):
    """Run in a child with a time limit: a quadratic breaker would take minutes here."""
    code = ("import sys; from ucc_print.design import fonts; from ucc_print.typeset.linebreak import Span, break_lines;"
            "text = sys.stdin.read();"
            "[break_lines([Span(text, 'pgothic', 10)], 300, fonts.advance, phrases=p) for p in (False, True)]")
    subprocess.run([sys.executable, "-c", code], input=text, text=True, check=True, timeout=20)
