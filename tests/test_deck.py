"""The mayor's deck: the .pptx read back with python-pptx and as XML, slides.pdf, handouts."""

import math
import os
import shutil
import subprocess
import zipfile

import pypdf
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from ucc_print.components.measure import stack_height
from ucc_print.components.slides import build_deck
from ucc_print.design.slides import LAYOUTS
from ucc_print.design.theme import SLIDES

from .pdfread import fonts, is_embedded, page_texts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
JAPANESE_FACE = "BIZ UDPゴシック"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """slides.pptx, slides.pdf and slides-6up.pdf built once from the bundled content."""
    from .conftest import Project

    built = Project(tmp_path_factory.mktemp("deck") / "meeting")
    result = built.run("slides", "--handout", "6")
    assert result.exit_code == 0, result.output
    assert "wrote output/slides.pptx" in result.output and "wrote output/slides.pdf" in result.output
    return built


@pytest.fixture(scope="module")
def presentation(deck):
    return Presentation(str(deck.output / "slides.pptx"))


def test_16_9_with_at_least_eight_slides(presentation):
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000))
    assert len(presentation.slides) >= 8


def test_master_has_the_named_layouts_and_slides_use_them(presentation):
    names = [layout.name for layout in presentation.slide_layouts]
    assert names == ["Title", "Section", "Title and Body", "Table", "Two Columns", "Timeline", "Closing"]
    used = [slide.slide_layout.name for slide in presentation.slides]
    assert set(used) == set(names)
    assert used[0] == "Title" and used[-1] == "Closing"


def test_all_text_is_in_placeholders_or_native_objects(presentation):
    allowed = {MSO_SHAPE_TYPE.PLACEHOLDER, MSO_SHAPE_TYPE.TEXT_BOX, MSO_SHAPE_TYPE.AUTO_SHAPE,
               MSO_SHAPE_TYPE.TABLE, MSO_SHAPE_TYPE.PICTURE}
    placeholder_text = 0
    for slide in presentation.slides:
        for shape in slide.shapes:
            assert shape.shape_type in allowed, (shape.name, shape.shape_type)
            if shape.is_placeholder and shape.has_text_frame and shape.text_frame.text.strip():
                placeholder_text += 1
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
    assert placeholder_text >= 2 * len(presentation.slides)


def test_speaker_notes_on_at_least_half_the_slides(presentation):
    with_notes = [s for s in presentation.slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()]
    assert len(with_notes) * 2 >= len(presentation.slides)


def test_native_table_holds_the_twelve_cities(presentation, bundled):
    tables = [shape.table for slide in presentation.slides for shape in slide.shapes if shape.has_table]
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


def test_every_run_has_japanese_ea_face_after_latin_and_ja_jp(deck):
    checked = 0
    with zipfile.ZipFile(deck.output / "slides.pptx") as archive:
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


def test_theme_fonts_name_the_bundled_face_as_windows_does(deck):
    with zipfile.ZipFile(deck.output / "slides.pptx") as archive:
        themes = [n for n in archive.namelist() if n.startswith("ppt/theme/")]
        for name in themes:
            root = etree.fromstring(archive.read(name))
            for kind in ("majorFont", "minorFont"):
                group = root.find(f".//{A}{kind}")
                assert group.find(f"{A}latin").get("typeface") == JAPANESE_FACE
                assert group.find(f"{A}ea").get("typeface") == JAPANESE_FACE


def test_slide_numbers_and_footer_with_event_and_date(presentation):
    content = [s for s in presentation.slides if s.slide_layout.name not in ("Title", "Closing")]
    for number, slide in enumerate(presentation.slides, 1):
        if slide not in content:
            continue
        texts = {shape.placeholder_format.idx: shape.text_frame.text for shape in slide.placeholders
                 if shape.has_text_frame}
        assert any(t == str(number) for t in texts.values()), texts
        assert any("第9回ユネスコ創造都市国内ネットワーク会議｜令和8年6月17日(水)" in t for t in texts.values())


def test_the_deck_tells_the_2019_story(presentation):
    text = "\n".join(shape.text_frame.text for slide in presentation.slides for shape in slide.shapes
                     if shape.has_text_frame)
    for fact in ["令和元年10月30日", "デザイン分野", "名古屋市・神戸市に続く3都市目", "1976", "旭川デザインシンポジウム",
                 "1987–88", "国際デザインフォーラム旭川", "1990〜", "国際家具デザインフェア旭川（IFDA）", "3年に1度",
                 "2015〜", "旭川デザインウィーク", "2017年6月", "IFIインテリア宣言", "2019年10月", "人材",
                 "SDGs", "ありがとうございました"]:
        assert fact in text, fact


def test_no_text_overflows_its_placeholder(project):
    for spec in build_deck(project.load().project, SLIDES, project.root):
        for role, specs in spec.text.items():
            box = spec.layout.placeholder(role).box
            assert stack_height(specs, box.w) <= box.h, (spec.number, role)
        if spec.table:
            assert spec.table.header_height + sum(spec.table.row_heights) <= spec.table.box.h


def test_slides_pdf_has_one_page_per_slide_with_fonts_embedded(deck, presentation):
    reader = pypdf.PdfReader(deck.output / "slides.pdf")
    assert len(reader.pages) == len(presentation.slides)
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in reader.pages)
    assert all(is_embedded(font) for font in fonts(deck.output / "slides.pdf"))
    texts = page_texts(deck.output / "slides.pdf")
    assert "デザインでつなぐ、旭川のまちづくり" in texts[0]
    assert all(slide.shapes.title.text.replace("\n", "") in text.replace("\n", "")
               for slide, text in zip(presentation.slides, texts))


@pytest.mark.parametrize("per_page", [2, 3, 6])
def test_printed_handouts(project, per_page):
    result = project.run("slides", "--handout", str(per_page))
    assert result.exit_code == 0, result.output
    slides = len(Presentation(str(project.output / "slides.pptx")).slides)
    reader = pypdf.PdfReader(project.output / f"slides-{per_page}up.pdf")
    assert len(reader.pages) == math.ceil(slides / per_page)
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4


def test_second_build_is_byte_identical(deck):
    first = {name: (deck.output / name).read_bytes() for name in ("slides.pptx", "slides.pdf")}
    assert deck.run("slides").exit_code == 0
    assert {name: (deck.output / name).read_bytes() for name in first} == first
    with zipfile.ZipFile(deck.output / "slides.pptx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_long_table_continues_with_its_header(project):
    extra = "".join(f"  - city: 試験{n}市\n    prefecture: 北海道\n    field: 映画\n    joined: 2020\n"
                    f"    source: テスト\n" for n in range(1, 19))
    project.write("cities.yaml", project.read("cities.yaml") + extra)
    assert project.run("slides").exit_code == 0
    presentation = Presentation(str(project.output / "slides.pptx"))
    table_slides = [s for s in presentation.slides if any(shape.has_table for shape in s.shapes)]
    assert len(table_slides) >= 2
    assert all(s.shapes.title.text.endswith("（続き）") for s in table_slides[1:])
    rows = []
    for slide in table_slides:
        table = next(shape.table for shape in slide.shapes if shape.has_table)
        assert [c.text for c in table.rows[0].cells] == ["都市", "都道府県", "分野", "加盟年"]
        rows += [row.cells[0].text for row in list(table.rows)[1:]]
    assert len(rows) == 30 and rows[-1] == "試験18市"


def test_text_that_cannot_fit_fails_naming_the_slide(project):
    project.edit("slides.md", "- デザインイベントを継続して開催します",
                 "- デザインイベントを継続して開催します" + "、そして続けます" * 60)
    result = project.run("slides")
    assert result.exit_code == 2
    line = project.line_of("slides.md", "# これからの取組")
    assert f"content/slides.md, line {line}: slide 8 (body): expected text that fits the body area" in result.output
    assert "「デザインイベントを継続して開催します" in result.output
    assert not (project.output / "slides.pptx").exists()


def test_long_text_shrinks_before_failing(project):
    project.edit("slides.md", "- デザインイベントを継続して開催します",
                 "- デザインイベントを継続して開催します" + "、そして続けます" * 16)
    specs = build_deck(project.load().project, SLIDES, project.root)
    body = specs[7].text["body"]
    assert SLIDES.style("bullet").min_size <= body[0].style.size < SLIDES.style("bullet").size


def test_logo_and_pictures_carry_alt_text(project):
    assets = project.root / "assets"
    assets.mkdir()
    Image.new("RGB", (200, 120), (0, 75, 140)).save(assets / "logo.png")
    Image.new("RGB", (300, 200), (210, 135, 60)).save(assets / "furniture.png")
    project.edit("slides.md", "<!-- column -->\n", "<!-- column -->\n\n![旭川家具の椅子](assets/furniture.png)\n")
    result = project.run("slides")
    assert result.exit_code == 0, result.output
    presentation = Presentation(str(project.output / "slides.pptx"))
    pictures = [(number, shape) for number, slide in enumerate(presentation.slides, 1)
                for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert {n for n, _ in pictures} == {1, 6, len(presentation.slides)}
    for _number, picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr") in ("旭川市のロゴマーク", "旭川家具の椅子")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("<!-- layout: timeline -->", "<!-- layout: timline -->"), "a layout: title, section"),
        (("<!-- show: cities -->", "<!-- show: citys -->"), "a block to show: cities, history"),
        (("# これからの取組", "これからの取組"), "a title line starting with `# `"),
        (("<!-- show: cities -->", "<!-- show: cities -->\n国内の加盟都市です。"), "no body text on a table slide"),
        (("<!-- column -->\n", "<!-- column -->\n\n![](assets/x.png)\n"), "alt text for the picture"),
        (("<!-- column -->\n", "<!-- column -->\n\n![写真](assets/none.png)\n"), "a picture file in the project"),
        (("{{ host.membership.standing }}", "{{ host.membership.standng }}"), "did you mean 'standing'"),
    ],
)
def test_deck_source_errors_name_file_and_line(project, edit, expected):
    project.edit("slides.md", *edit)
    result = project.run("check")
    assert result.exit_code == 2
    assert "content/slides.md, line " in result.output and expected in result.output


def test_deck_file_is_required(project):
    project.path("slides.md").unlink()
    result = project.run("check")
    assert result.exit_code == 2 and "content/slides.md" in result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_one_page_per_slide(deck, tmp_path, presentation):
    fonts_dir = tmp_path / "home" / ".fonts"
    fonts_dir.mkdir(parents=True)
    from ucc_print.design.fonts import FONT_DIR

    for font in FONT_DIR.glob("*.ttf"):
        shutil.copy(font, fonts_dir)
    environment = {**os.environ, "HOME": str(tmp_path / "home")}
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(deck.output / "slides.pptx")], capture_output=True, text=True, timeout=300,
                          env=environment, check=False)
    assert done.returncode == 0, done.stderr
    converted = tmp_path / "slides.pdf"
    assert len(pypdf.PdfReader(converted).pages) == len(presentation.slides)
    texts = page_texts(converted)
    assert "国内の加盟都市" in "".join(texts) and "旭川市" in "".join(texts)


def test_layout_keys_match_the_parser():
    from ucc_print.content.deck import LAYOUT_PARTS

    assert set(LAYOUT_PARTS) == set(LAYOUTS)
