"""The PowerPoint backend: the .pptx checked against the Office Open XML schema and read back as
XML (master and layouts, placeholders, East Asian fonts, fields), and rendered by LibreOffice."""

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from lxml import etree
from PIL import Image
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from ucc_print.design.slides import FOOTER_BOX, LAYOUTS, NUMBER_BOX
from ucc_print.design.theme import SLIDES

from .conftest import run_cli
from .meetings import generate
from .ooxml import schema_errors
from .pdfread import page_texts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
JAPANESE_FACE = "BIZ UDPゴシック"


def test_the_bundled_pptx_is_valid_office_open_xml(slides_built):
    assert schema_errors(slides_built.output / "slides.pptx") == []


def _rewritten(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data.decode()).encode() if info.filename == part else data)
    return target


def test_the_validator_finds_what_powerpoint_would_repair(slides_built, tmp_path):
    """The check above can fail: a repeated shape id, an unknown element and a value outside the
    schema's list are each reported."""
    source = slides_built.output / "slides.pptx"
    changes = {
        "Duplicate shape ID": lambda xml: xml.replace('<p:cNvPr id="3"', '<p:cNvPr id="2"', 1),
        "Unexpected element 'bogus'": lambda xml: xml.replace("</p:spTree>", "<p:bogus/></p:spTree>", 1),
        "Invalid value for attribute 'wrap'": lambda xml: xml.replace("<a:bodyPr", '<a:bodyPr wrap="often"', 1),
    }
    for number, (expected, change) in enumerate(changes.items()):
        broken = _rewritten(source, tmp_path / f"broken{number}.pptx", "ppt/slides/slide2.xml", change)
        assert any(expected in error for error in schema_errors(broken)), expected


def test_slides_of_unusual_content_are_valid_office_open_xml(project):
    """Pictures, a logo, a table and a timeline continued over slides, a heading and a long
    numbered list in a body: every shape the backend can write, validated."""
    assets = project.root / "assets"
    assets.mkdir()
    Image.new("RGB", (200, 120), (0, 75, 140)).save(assets / "logo.png")
    Image.new("RGB", (300, 200), (210, 135, 60)).save(assets / "furniture.jpg")
    right = project.read("slides.md").split("<!-- column -->\n", 1)[1].split("???", 1)[0]
    project.edit("slides.md", right, "\n![旭川家具の椅子](<assets/furniture.jpg> \"椅子\")\n\n")
    project.edit("slides.md", "- デザインイベントを継続して開催します",
                 "### 見出し\n\n123456789. デザインイベントを継続して開催します")
    project.write("cities.yaml", project.read("cities.yaml") + "".join(
        f"  - city: 試験{n}市\n    prefecture: 北海道\n    field: 映画\n    joined: 2020\n    source: テスト\n"
        for n in range(1, 19)))
    history = project.read("host.yaml").split("history:\n", 1)[1].split("\n\n", 1)[0]
    project.edit("host.yaml", history, history.rstrip("\n") + "\n" + "".join(
        f"  - year: \"20{n:02d}\"\n    title: 旭川の取組{n}\n    detail: 市民にデザインを伝える催しを開催\n"
        for n in range(20, 26)))
    result = project.run("slides")
    assert result.exit_code == 0, result.output
    assert schema_errors(project.output / "slides.pptx") == []


@pytest.mark.parametrize("seed", [11, 12])
def test_generated_meetings_give_valid_office_open_xml(tmp_path, seed):
    meeting = generate(tmp_path / "meeting", seed)
    result = run_cli(["--project", str(meeting.root), "slides"])
    assert result.exit_code == 0, result.output
    assert schema_errors(meeting.root / "output" / "slides.pptx") == []


def test_master_has_the_named_layouts_and_slides_use_them(presentation):
    names = [layout.name for layout in presentation.slide_layouts]
    assert names == ["Title", "Section", "Title and Body", "Table", "Two Columns", "Timeline", "Closing"]
    used = [slide.slide_layout.name for slide in presentation.slides]
    assert set(used) == set(names)
    assert used[0] == "Title" and used[-1] == "Closing"


def test_all_text_is_in_placeholders_or_native_objects(presentation):
    # No pictures in the bundled slides (no logo in assets/): nothing can be text flattened to an image.
    allowed = {MSO_SHAPE_TYPE.PLACEHOLDER, MSO_SHAPE_TYPE.TEXT_BOX, MSO_SHAPE_TYPE.AUTO_SHAPE,
               MSO_SHAPE_TYPE.TABLE}
    placeholder_text = 0
    for slide in presentation.slides:
        for shape in slide.shapes:
            assert shape.shape_type in allowed, (shape.name, shape.shape_type)
            if shape.is_placeholder and shape.has_text_frame and shape.text_frame.text.strip():
                placeholder_text += 1
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
    assert placeholder_text >= 2 * len(presentation.slides)


def test_native_table_holds_the_twelve_cities(presentation, bundled):
    tables = [shape.table for slide in presentation.slides for shape in slide.shapes
              if shape.has_table and shape.table.rows[0].cells[1].text == "都道府県"]
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows[0] == ["都市", "都道府県", "分野", "加盟年"]
    expected = [[("★" if c.city == "旭川市" else "") + c.city, c.prefecture, c.field, f"{c.joined}年"]
                for c in bundled.cities.cities]
    assert rows[1:] == expected


def _run_properties(part_xml: bytes):
    root = etree.fromstring(part_xml)
    for run in root.iter(f"{A}r", f"{A}fld"):
        text = "".join(run.itertext())
        yield text, run.find(f"{A}rPr")


def test_every_run_has_japanese_ea_face_after_latin_and_ja_jp(slides_built):
    checked = 0
    with zipfile.ZipFile(slides_built.output / "slides.pptx") as archive:
        parts = [n for n in archive.namelist() if n.startswith(("ppt/slides/slide", "ppt/notesSlides/notesSlide"))
                 and n.endswith(".xml")]
        assert any("notesSlide" in n for n in parts)
        for name in parts:
            for text, properties in _run_properties(archive.read(name)):
                if not text.strip():
                    continue
                assert properties is not None, (name, text)
                assert properties.get("lang") == "ja-JP", (name, text)
                children = [child.tag.removeprefix(A) for child in properties]
                assert "latin" in children and "ea" in children, (name, text, children)
                assert children.index("ea") == children.index("latin") + 1, (name, children)
                assert properties.find(f"{A}ea").get("typeface") == JAPANESE_FACE
                checked += 1
    assert checked > 100


def test_theme_fonts_name_the_bundled_face_as_windows_does(slides_built):
    with zipfile.ZipFile(slides_built.output / "slides.pptx") as archive:
        themes = [n for n in archive.namelist() if n.startswith("ppt/theme/")]
        for name in themes:
            root = etree.fromstring(archive.read(name))
            for kind in ("majorFont", "minorFont"):
                group = root.find(f".//{A}{kind}")
                assert group.find(f"{A}latin").get("typeface") == JAPANESE_FACE
                assert group.find(f"{A}ea").get("typeface") == JAPANESE_FACE


def test_slide_numbers_are_fields(slides_built):
    with zipfile.ZipFile(slides_built.output / "slides.pptx") as archive:
        slide = archive.read("ppt/slides/slide2.xml").decode()
    assert re.search(r'<a:fld id="\{[0-9A-F-]+\}" type="slidenum">.*?<a:t>2</a:t></a:fld>', slide)


def _written_paragraphs(body) -> list:
    """A txBody's paragraphs as specs rebuilt from the XML: runs, size, line pitch, spacing."""
    from ucc_print.components.spec import Run, TextSpec

    specs = []
    for paragraph in body.iter(f"{A}p"):
        runs = [r for r in paragraph if r.tag in (f"{A}r", f"{A}br")]
        if not any(r.tag == f"{A}r" for r in runs):
            continue
        properties = next(r.find(f"{A}rPr") for r in runs if r.tag == f"{A}r")
        size = int(properties.get("sz")) / 100
        pitch = int(paragraph.find(f"{A}pPr/{A}lnSpc/{A}spcPts").get("val")) / 100
        after = int(paragraph.find(f"{A}pPr/{A}spcAft/{A}spcPts").get("val")) / 100
        margin = int(paragraph.find(f"{A}pPr").get("marL", "0")) / 12700
        text = "".join("\n" if r.tag == f"{A}br" else r.findtext(f"{A}t") for r in runs)
        style = SLIDES.style("body").but(size=size, leading=pitch, space_after=after, first_indent=0,
                                         bold=properties.get("b") == "1", phrases=False)
        specs.append((TextSpec((Run(text),), style), margin))
    return specs


def test_no_text_written_to_the_pptx_overflows_its_placeholder(presentation):
    """The sizes and line pitches in the file, set in each placeholder's width, fit its height."""
    from ucc_print.components.measure import height

    checked = 0
    for slide in presentation.slides:
        layout = next(each for each in LAYOUTS.values() if each.name == slide.slide_layout.name)
        for placeholder in layout.placeholders:
            shape = next((s for s in slide.placeholders
                          if s.placeholder_format.idx == {"title": 0}.get(placeholder.role, -1)
                          or (placeholder.role != "title" and s.has_text_frame
                              and s.placeholder_format.idx not in (0, 11, 12)
                              and abs(s.left - Emu(int(placeholder.box.x * 12700))) < 12700)), None)
            if shape is None or not shape.has_text_frame:
                continue
            paragraphs = _written_paragraphs(shape.text_frame._txBody)
            total = sum(height(spec, placeholder.box.w - margin) + spec.style.space_after
                        for spec, margin in paragraphs)
            assert total - paragraphs[-1][0].style.space_after <= placeholder.box.h + 0.5, (
                slide.shapes.title.text, placeholder.role, total, placeholder.box.h)
            checked += 1
    tables = sum(1 for slide in presentation.slides if any(shape.has_table for shape in slide.shapes))
    assert checked >= 2 * len(presentation.slides) - tables  # a table slide's only text placeholder is its title


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_one_page_per_slide_with_text_inside_the_layout(slides_built, tmp_path, presentation):
    fonts_dir = tmp_path / "home" / ".fonts"
    fonts_dir.mkdir(parents=True)
    from ucc_print.design.fonts import FONT_DIR

    for font in FONT_DIR.glob("*.ttf"):
        shutil.copy(font, fonts_dir)
    environment = {**os.environ, "HOME": str(tmp_path / "home")}
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(slides_built.output / "slides.pptx")], capture_output=True, text=True, timeout=300,
                          env=environment, check=False)
    assert done.returncode == 0, done.stderr
    converted = tmp_path / "slides.pdf"
    assert len(pypdf.PdfReader(converted).pages) == len(presentation.slides)
    texts = page_texts(converted)
    assert "国内の加盟都市" in "".join(texts) and "旭川市" in "".join(texts)
    # Another renderer's line breaks: still no character outside its layout's text areas.
    with pdfplumber.open(converted) as pdf:
        for slide, page in zip(presentation.slides, pdf.pages, strict=True):
            layout = next(each for each in LAYOUTS.values() if each.name == slide.slide_layout.name)
            boxes = [p.box for p in layout.placeholders] + [FOOTER_BOX, NUMBER_BOX] + (
                [layout.area] if layout.area else [])
            scale = page.width / 960
            for char in page.chars:
                x, top, bottom = char["x0"] / scale, char["top"] / scale, char["bottom"] / scale
                assert any(b.x - 3 <= x <= b.x + b.w + 3 and b.y - 3 <= top and bottom <= b.bottom + 3
                           for b in boxes), (slide.shapes.title.text, char["text"], x, top)


def test_every_layout_part_has_a_placeholder():
    for layout in LAYOUTS.values():
        assert layout.placeholder("title")
        for role in layout.parts.values():
            assert layout.placeholder(role), (layout.key, role)


def test_the_deck_is_the_package_python_pptx_saves_zipped_reproducibly(project, monkeypatch):
    """render() hands python-pptx's parts straight to one reproducible zip (through its package
    writer's own steps, which are not public): every part python-pptx's save writes is there, in
    its order, byte for byte."""
    import io

    from ucc_print.backends.pptx import render
    from ucc_print.zipped import zip_bytes

    saved = render._saved
    presentations = []
    monkeypatch.setattr(render, "_saved", lambda deck: presentations.append(deck) or saved(deck))
    assert project.run("slides").exit_code == 0
    (presentation,) = presentations
    buffer = io.BytesIO()
    presentation.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = [(entry.filename, package.read(entry)) for entry in package.infolist()]
    assert len(parts) > 50 and (project.output / "slides.pptx").read_bytes() == zip_bytes(parts)
