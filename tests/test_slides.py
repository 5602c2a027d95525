"""The mayor's slides: the .pptx read back with python-pptx and as XML, slides.pdf, handouts."""

import io
import math
import re
import struct
import subprocess
import sys
import zipfile
import zlib

import pdfplumber
import pypdf
import pytest
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ucc_print.backends.pdf.images import KEY, KEY_MASK, OPAQUE, draw_picture, encoded_picture, to_cmyk
from ucc_print.components.slides import build_slides
from ucc_print.design.slides import LAYOUTS
from ucc_print.design.theme import SLIDES
from ucc_print.design.tokens import Colour
from ucc_print.shop.preflight import preflight_file

from .pdfread import fonts, is_embedded, page_texts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
#: Stands for the whole left column of the two-column slide in edits below.
LEFT_COLUMN = "<left column>"
JAPANESE_FACE = "BIZ UDPゴシック"


def test_16_9_with_at_least_eight_slides(presentation):
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000))
    assert len(presentation.slides) >= 8


def test_speaker_notes_on_at_least_half_the_slides(presentation):
    with_notes = [s for s in presentation.slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()]
    assert len(with_notes) * 2 >= len(presentation.slides)


def test_slide_numbers_and_footer_with_event_and_date(presentation):
    content = [s for s in presentation.slides if s.slide_layout.name not in ("Title", "Closing")]
    for number, slide in enumerate(presentation.slides, 1):
        if slide not in content:
            continue
        texts = {shape.placeholder_format.idx: shape.text_frame.text for shape in slide.placeholders
                 if shape.has_text_frame}
        assert any(t == str(number) for t in texts.values()), texts
        assert any("第9回ユネスコ創造都市国内ネットワーク会議｜令和8年6月17日(水)" in t for t in texts.values())


def test_the_slides_tell_the_2019_story(presentation):
    text = "\n".join(shape.text_frame.text for slide in presentation.slides for shape in slide.shapes
                     if shape.has_text_frame)
    for fact in ["令和元年10月30日", "デザイン分野", "名古屋市・神戸市に続く3都市目", "1976",
                 "旭川デザインシンポジウム",
                 "1987–88", "国際デザインフォーラム旭川", "1990〜", "国際家具デザインフェア旭川（IFDA）", "3年に1度",
                 "2015〜", "旭川デザインウィーク", "2017年6月", "IFIインテリア宣言", "2019年10月", "人材",
                 "SDGs", "ありがとうございました"]:
        assert fact in text, fact


def test_slides_pdf_has_one_page_per_slide_with_fonts_embedded(slides_built, presentation):
    reader = pypdf.PdfReader(slides_built.output / "slides.pdf")
    assert len(reader.pages) == len(presentation.slides)
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in reader.pages)
    assert all(is_embedded(font) for font in fonts(slides_built.output / "slides.pdf"))
    texts = page_texts(slides_built.output / "slides.pdf")
    assert "デザインでつなぐ、旭川のまちづくり" in texts[0]
    assert all(slide.shapes.title.text.replace("\n", "") in text.replace("\n", "")
               for slide, text in zip(presentation.slides, texts, strict=True))


@pytest.mark.parametrize("per_page", [2, 3, 6])
def test_printed_handouts(project, per_page):
    result = project.run("slides", "--handout", str(per_page))
    assert result.exit_code == 0, result.output
    presentation = Presentation(str(project.output / "slides.pptx"))
    path = project.output / f"slides-{per_page}up.pdf"
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == math.ceil(len(presentation.slides) / per_page)
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    text = "".join(page_texts(path)).replace("\n", "")
    assert all(slide.shapes.title.text.replace("\n", "") in text for slide in presentation.slides)
    with pdfplumber.open(path) as pdf:
        note_lines = [line for line in pdf.pages[0].lines if line["x0"] > pdf.pages[0].width / 2]
    assert len(note_lines) == (7 * 3 if per_page == 3 else 0)  # ruled lines beside each slide, 3-up only


def test_second_build_is_byte_identical(slides_built):
    first = {name: (slides_built.output / name).read_bytes() for name in ("slides.pptx", "slides.pdf")}
    assert slides_built.run("slides").exit_code == 0
    assert {name: (slides_built.output / name).read_bytes() for name in first} == first
    with zipfile.ZipFile(slides_built.output / "slides.pptx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_long_table_continues_with_its_header(project):
    extra = "".join(f"  - city: 試験{n}市\n    prefecture: 北海道\n    field: 映画\n    joined: 2020\n"
                    f"    source: テスト\n" for n in range(1, 19))
    project.write("cities.yaml", project.read("cities.yaml") + extra)
    assert project.run("slides").exit_code == 0
    presentation = Presentation(str(project.output / "slides.pptx"))
    table_slides = [s for s in presentation.slides if any(shape.has_table and shape.table.rows[0].cells[1].text
                                                          == "都道府県" for shape in s.shapes)]
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
                 "- デザインイベントを継続して開催します" + "、そして続けます" * 200)
    result = project.run("slides")
    assert result.exit_code == 2
    line = project.line_of("slides.md", "# これからの取組")
    assert f"content/slides.md, line {line}: slide 9 (body): expected text that fits its area" in result.output
    assert "「デザインイベントを継続して開催します" in result.output
    assert not (project.output / "slides.pptx").exists()


def test_long_text_shrinks_before_failing(project):
    project.edit("slides.md", "- デザインイベントを継続して開催します",
                 "- デザインイベントを継続して開催します" + "、そして続けます" * 22)
    specs = build_slides(project.load().project, SLIDES, project.root)
    body = next(spec for spec in specs if spec.source.title == "これからの取組").text["body"]
    assert SLIDES.style("bullet").min_size <= body[0].style.size < SLIDES.style("bullet").size
    assert len({spec.style.size for spec in body}) == 1  # the whole placeholder shrinks alike


def test_a_long_timeline_continues_on_the_next_slide(project):
    history = project.read("host.yaml").split("history:\n", 1)[1].split("\n\n", 1)[0]
    more = "".join(f"  - year: \"20{n:02d}\"\n    title: 旭川の取組{n}\n    detail: 市民にデザインを伝える催しを開催\n"
                   for n in range(20, 26))
    project.edit("host.yaml", history, history.rstrip("\n") + "\n" + more)
    specs = build_slides(project.load().project, SLIDES, project.root)
    timelines = [spec for spec in specs if spec.timeline]
    assert len(timelines) == 2
    assert sum(len(spec.timeline.milestones) for spec in timelines) == len(project.load().project.host.history)
    first, second = (spec.text["title"][0] for spec in timelines)
    assert second.text == first.text + "（続き）" and not timelines[1].notes
    floor = SLIDES.style("slide-milestone").min_size
    assert all(m.title.style.size >= floor for spec in timelines for m in spec.timeline.milestones)


def test_timeline_that_cannot_fit_names_the_history_entry(project):
    project.edit("host.yaml", "detail: 市民にデザインを伝える催しを毎年開催",
                 "detail: " + "市民にデザインを伝える催しを毎年開催" * 100)
    result = project.run("check")
    assert result.exit_code == 2
    line = project.line_of("host.yaml", "title: 旭川デザインウィーク") - 1
    assert f"content/host.yaml, line {line}: history[4]: expected text that fits its area" in result.output


def test_timeline_rows_shrink_together(project):
    project.edit("host.yaml", "detail: 市民にデザインを伝える催しを毎年開催",
                 "detail: " + "市民にデザインを伝える催しを毎年開催" * 3)
    specs = build_slides(project.load().project, SLIDES, project.root)
    timeline = next(spec.timeline for spec in specs if spec.timeline)
    assert len({m.title.style.size for m in timeline.milestones}) == 1
    assert len({m.year.style.size for m in timeline.milestones}) == 1


def test_logo_and_pictures_carry_alt_text_and_sit_in_their_boxes(project):
    assets = project.root / "assets"
    assets.mkdir()
    Image.new("RGB", (200, 120), (0, 75, 140)).save(assets / "logo.png")
    Image.new("RGB", (300, 200), (210, 135, 60)).save(assets / "furniture.jpg")
    right = project.read("slides.md").split("<!-- column -->\n", 1)[1].split("???", 1)[0]
    project.edit("slides.md", right, "\n![旭川家具の椅子](<assets/furniture.jpg> \"椅子\")\n\n")
    result = project.run("slides")
    assert result.exit_code == 0, result.output
    presentation = Presentation(str(project.output / "slides.pptx"))
    last = len(presentation.slides)
    pictures = {(number, shape._element.nvPicPr.cNvPr.get("descr")): shape
                for number, slide in enumerate(presentation.slides, 1)
                for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert set(pictures) == {(1, "旭川市のロゴマーク"), (6, "旭川家具の椅子"), (last, "旭川市のロゴマーク")}
    right_box = LAYOUTS["two-column"].placeholder("right").box
    chair = pictures[(6, "旭川家具の椅子")]
    assert chair.left >= Emu(int(right_box.x * 12700)) - 1 and chair.width <= Emu(int(right_box.w * 12700)) + 1
    slide_six = presentation.slides[5]
    assert not [s for s in slide_six.placeholders if s.placeholder_format.idx == 2]  # empty right column removed


def test_broken_or_unsupported_pictures_are_content_errors(project):
    assets = project.root / "assets"
    assets.mkdir()
    (assets / "broken.png").write_bytes(b"not a picture")
    Image.new("RGB", (20, 20)).save(assets / "webp.png", format="WEBP")
    Image.new("1", (8000, 6000)).save(assets / "huge.png")
    Image.new("RGB", (20, 20)).save(assets / "logo.png", format="GIF")
    right = project.read("slides.md").split("<!-- column -->\n", 1)[1].split("???", 1)[0]
    project.edit("slides.md", right, "\n![壊れた画像](assets/broken.png)\n")
    project.edit("slides.md", "### 旭川家具\n", "![WebP](assets/webp.png)\n")
    result = project.run("check")
    assert result.exit_code == 2, result.output
    assert "'assets/broken.png', which is not a picture these programs can read" in result.output
    assert "'assets/webp.png', a WEBP file" in result.output
    assert "assets/logo.png: expected a PNG or JPEG picture; found 'assets/logo.png', a GIF file" in result.output
    assert "Traceback" not in result.output
    project.edit("slides.md", "![WebP](assets/webp.png)\n", "![大きすぎる画像](assets/huge.png)\n")
    assert "48 megapixels" not in project.run("check").output
    assert "8000×6000" in project.run("check").output


def test_slide_parts_go_where_the_layout_says(project):
    project.edit("slides.md", "## 半世紀にわたる、市民と産業のデザインの取組",
                 "## 半世紀にわたる、市民と産業のデザインの取組\n\n### 見出しも読める\n\n"
                 "本文も消えません。<!-- TODO: 要確認 -->")
    project.edit("slides.md", "# これからの取組", "# **これから**の取組")
    specs = build_slides(project.load().project, SLIDES, project.root)
    section = next(spec for spec in specs if spec.layout.key == "section")
    texts = [getattr(s, "text", getattr(s, "label", "")) for s in section.text["subtitle"]]
    assert texts == ["半世紀にわたる、市民と産業のデザインの取組", "見出しも読める", "本文も消えません。"]
    heading = section.text["subtitle"][1].style
    assert heading.bold and heading.colour == SLIDES.style("slide-on-dark").colour  # legible on the band
    title = next(spec for spec in specs if spec.source.title.startswith("**"))
    assert [(r.text, r.bold) for r in title.text["title"][0].runs] == [("これから", True), ("の取組", False)]


def test_numbered_lists_outside_autonumbering_print_their_number(project):
    item = "デザインイベントを継続して開催します"
    project.edit("slides.md", f"- {item}", f"123456789. {item}")
    assert project.run("slides").exit_code == 0
    with zipfile.ZipFile(project.output / "slides.pptx") as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("ppt/slides/slide"))
    assert b'startAt="123456789"' not in xml
    assert b"123456789. " in xml
    for start in re.findall(rb'startAt="(\d+)"', xml):
        assert 1 <= int(start) <= 32767


def test_continued_table_slides_keep_the_notes_once(project):
    extra = "".join(f"  - city: 試験{n}市\n    prefecture: 北海道\n    field: 映画\n    joined: 2020\n"
                    f"    source: テスト\n" for n in range(1, 19))
    project.write("cities.yaml", project.read("cities.yaml") + extra)
    specs = build_slides(project.load().project, SLIDES, project.root)
    tables = [spec for spec in specs if spec.table and spec.source.show == "cities"]
    assert len(tables) >= 2 and tables[0].notes and not any(t.notes for t in tables[1:])


@pytest.mark.parametrize(
    ("edit", "needle", "expected"),
    [
        (("<!-- layout: timeline -->", "<!-- layout: timline -->"), "timline", "a layout: title, section"),
        (("<!-- show: cities -->", "<!-- show: citys -->"), "citys", "a block to show: cities, design_cities, history"),
        (("# これからの取組", "これからの取組"), "これからの取組", "a title line starting with `# `"),
        (("<!-- show: cities -->", "<!-- show: cities -->\n国内の加盟都市です。"), "国内の加盟都市です。",
         "no body text on a table slide"),
        ((LEFT_COLUMN, "![](assets/x.png)\n\n"), "![](assets/x.png)", "alt text for the picture"),
        ((LEFT_COLUMN, "![写真](assets/none.png)\n\n"), "none.png", "a picture file in the project"),
        ((LEFT_COLUMN, "![写真](assets/a b.png\n\n"), "a b.png", "a picture written ![alt text]"),
        (("{{ host.membership.standing }}", "{{ host.membership.standng }}"), "standng", "did you mean 'standing'"),
    ],
)
def test_slides_md_errors_name_file_and_line(project, edit, needle, expected):
    (project.root / "assets").mkdir()
    Image.new("RGB", (20, 20)).save(project.root / "assets" / "x.png")
    if edit[0] == LEFT_COLUMN:
        text = project.read("slides.md")
        start = text.index("### 旭川家具")
        edit = (text[start:text.index("<!-- column -->")], edit[1])
    # a template earlier in the file that expands to several lines must not shift the lines
    title = "# ユネスコ創造都市ネットワーク"
    project.edit("slides.md", title, f"{title}\n\n{{{{ host.membership.summary }}}}")
    project.edit("slides.md", *edit)
    result = project.run("check")
    assert result.exit_code == 2
    assert f"content/slides.md, line {project.line_of('slides.md', needle)}: " in result.output, result.output
    assert expected in result.output
    assert result.output.count("\n- ") == 1  # one mistake, one problem


def test_slides_md_is_required(project):
    project.path("slides.md").unlink()
    result = project.run("check")
    assert result.exit_code == 2 and "content/slides.md" in result.output


# ---------------------------------------------------------------- pictures: odd kinds, size and memory

PEAK_MIB = 500


def _png16(path, channels: int, size=(40, 300)) -> None:
    """A 16-bit PNG (grey, RGB or RGBA), written by hand: Pillow writes none of these."""
    width, height = size
    rows = b"".join(b"\x00" + b"".join(struct.pack(">" + "H" * channels, *[(x * 1500 + y * 90 + c * 20000) % 65536
                                                                           for c in range(channels)])
                                       for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, {1: 0, 3: 2, 4: 6}[channels], 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))


def _drawing(size=(60, 300)) -> Image.Image:
    """A small RGBA drawing: clear, half-clear and opaque parts, taller than a band of rows."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((5, 5, 50, 280), fill=(210, 40, 40, 255))
    draw.ellipse((10, 100, 58, 290), fill=(40, 90, 200, 140))
    return image


def _odd_pictures(assets) -> list[str]:
    """Every kind of PNG and JPEG the builds must take, in assets/ (their names)."""
    assets.mkdir(exist_ok=True)
    drawing = _drawing()
    _png16(assets / "rgb16.png", 3)
    _png16(assets / "rgba16.png", 4)
    palette = drawing.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    palette.save(assets / "trns.png", transparency=0)
    drawing.convert("LA").save(assets / "la.png")
    drawing.convert("1").save(assets / "one.png")
    drawing.save(assets / "rgba.png")
    drawing.convert("RGB").save(assets / "key.png", transparency=(210, 40, 40))
    drawing.convert("RGB").convert("CMYK").save(assets / "cmyk.jpg")
    drawing.convert("RGB").save(assets / "progressive.jpg", progressive=True)
    drawing.convert("L").save(assets / "grey.jpg")
    drawing.save(assets / "animated.png", save_all=True, duration=100,
                 append_images=[drawing.transpose(Image.Transpose.FLIP_LEFT_RIGHT)])
    drawing.convert("RGB").save(assets / "jpeg-named.png", format="JPEG")
    return ["rgb16.png", "rgba16.png", "trns.png", "la.png", "one.png", "rgba.png", "key.png", "cmyk.jpg",
            "progressive.jpg", "grey.jpg", "animated.png", "jpeg-named.png"]


def _picture_slides(names: list[str]) -> str:
    """Two-column slides showing the pictures, two a slide."""
    return "".join(f"---\n<!-- layout: two-column -->\n# 写真\n\n![写真](assets/{left})\n\n<!-- column -->\n\n"
                   f"![写真](assets/{right})\n\n" for left, right in zip(names[::2], names[1::2], strict=True))


def _with_pictures(project, names: list[str]) -> None:
    project.edit("slides.md", "---\n<!-- layout: table -->", _picture_slides(names) + "---\n<!-- layout: table -->")


def test_odd_pictures_build_for_the_office_the_print_shop_and_powerpoint(project):
    names = _odd_pictures(project.root / "assets")
    _with_pictures(project, names)
    for args in (["slides"], ["slides", "--shop"]):
        result = project.run(*args)
        assert result.exit_code == 0, result.output
    report = preflight_file(project.output / "shop" / "slides.pdf")
    assert report.passed, report.text()
    pictures = [shape for slide in Presentation(str(project.output / "slides.pptx")).slides
                for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == len(names)


def test_16_bit_grey_and_cut_short_jpegs_are_refused(project):
    assets = project.root / "assets"
    assets.mkdir()
    _png16(assets / "grey16.png", 1)
    buffer = io.BytesIO()
    _drawing().convert("RGB").save(buffer, format="JPEG", progressive=True)
    (assets / "cut.jpg").write_bytes(buffer.getvalue()[:-300])
    _with_pictures(project, ["grey16.png", "cut.jpg"])
    result = project.run("check")
    assert result.exit_code == 2, result.output
    assert "'assets/grey16.png', in the I;16 colour mode" in result.output
    assert "expected a complete PNG or JPEG picture; found 'assets/cut.jpg', which is damaged" in result.output


def test_pictures_are_embedded_as_drawimage_embeds_them_byte_for_byte(tmp_path):
    """Encoded band by band, once, yet the very bytes reportlab's drawImage writes."""
    names = _odd_pictures(tmp_path)
    for name in names:
        files = []
        for draw_one in (lambda canvas, path: canvas.drawImage(ImageReader(str(path)), 10, 10, 100, 200, mask="auto"),
                         lambda canvas, path: draw_picture(canvas, encoded_picture(path), 10, 10, 100, 200)):
            buffer = io.BytesIO()
            canvas = Canvas(buffer, invariant=1)
            draw_one(canvas, tmp_path / name)
            draw_one(canvas, tmp_path / name)  # drawn twice, embedded once
            canvas.showPage()
            canvas.save()
            files.append(buffer.getvalue())
        assert files[0] == files[1], name


def test_print_shop_pictures_are_converted_band_by_band_as_a_whole(tmp_path):
    path = tmp_path / "drawing.png"
    _drawing((70, 600)).save(path)  # more rows than a band
    beneath = Colour("test", (10, 20, 30, 0), (200, 180, 160))
    encoded = encoded_picture(path, beneath)
    whole = Image.open(path).convert("RGBA")
    ground = Image.new("RGBA", whole.size, beneath.rgb + (255,))
    expected = to_cmyk(Image.alpha_composite(ground, whole))
    expected.paste(KEY, mask=whole.getchannel("A").point(lambda a: 255 if a < OPAQUE else 0))
    assert zlib.decompress(encoded.stream) == expected.tobytes()
    assert encoded.mask == tuple(KEY_MASK) and encoded.filters == "FlateDecode"


def test_a_changed_picture_is_encoded_again(tmp_path):
    path = tmp_path / "picture.png"
    _drawing().save(path)
    first = encoded_picture(path)
    assert encoded_picture(path) is first  # kept, not decoded again
    _drawing().transpose(Image.Transpose.FLIP_TOP_BOTTOM).save(path)
    assert encoded_picture(path).name != first.name


def test_a_picture_over_24_megapixels_is_refused_naming_the_size_to_resize_to(project):
    assets = project.root / "assets"
    assets.mkdir()
    Image.new("1", (6001, 4000)).save(assets / "large.png")
    _with_pictures(project, ["large.png", "large.png"])
    result = project.run("check")
    assert result.exit_code == 2
    assert ("expected a picture of at most 24 megapixels (6000×4000); found 'assets/large.png', 6001×4000, "
            "24.0 megapixels") in result.output
    assert "hint: resize it to at most 6000×4000 pixels" in result.output


def _padded_png(path, megabytes: int) -> None:
    """A small PNG made `megabytes` larger by a private chunk (which readers skip)."""
    buffer = io.BytesIO()
    _drawing().save(buffer, format="PNG")
    data, padding = buffer.getvalue(), bytes(megabytes * 1024 * 1024)
    chunk = struct.pack(">I", len(padding)) + b"prVt" + padding + struct.pack(">I", zlib.crc32(b"prVt" + padding))
    path.write_bytes(data[:33] + chunk + data[33:])  # after the signature and IHDR


def test_the_pictures_together_are_held_to_24_megapixels_and_40_mb(project):
    assets = project.root / "assets"
    assets.mkdir()
    for name in ("logo.png", "a.png", "b.png", "c.png"):
        Image.new("1", (3000, 2000)).save(assets / name)  # 6 megapixels each; the logo counts twice
    _with_pictures(project, ["a.png", "b.png", "a.png", "b.png"])  # shown twice, counted once
    assert project.run("check").exit_code == 0
    _with_pictures(project, ["c.png", "a.png"])
    result = project.run("check")
    assert result.exit_code == 2
    assert ("expected pictures of at most 24 megapixels in all (assets/logo.* counted twice); found 30.0 "
            "megapixels with 'assets/c.png'") in result.output
    assert result.output.count(" in all ") == 1
    _padded_png(assets / "a.png", 25)  # now few pixels, many bytes
    _padded_png(assets / "c.png", 10)
    assert project.run("check").exit_code == 0  # 35 MB
    _padded_png(assets / "c.png", 15)
    result = project.run("check")
    assert result.exit_code == 2
    assert ("expected picture files of at most 40 MB in all (assets/logo.* included); found 40.0 MB with "
            "'assets/c.png'") in result.output


def test_a_picture_at_the_limit_is_built_for_the_print_shop_within_memory(project):
    """A 40-megapixel picture once took 1.2 GB in `slides --shop` (2.75 GB with six)."""
    assets = project.root / "assets"
    assets.mkdir()
    picture = Image.new("RGBA", (6000, 4000), (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((500, 500, 5500, 3500), fill=(200, 120, 40, 255))
    picture.save(assets / "logo.png")
    code = ("import re, runpy, sys\n"
            "sys.argv = ['ucc_print', '--project', sys.argv[1], 'slides', '--shop']\n"
            "try:\n"
            "    runpy.run_module('ucc_print', run_name='__main__')\n"
            "finally:\n"  # its own peak (VmHWM): ru_maxrss counts the parent's as it was at the fork
            "    print('peak', re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, str(project.root)], capture_output=True, text=True,
                            timeout=60)
    assert "wrote output/shop/slides.pdf" in result.stdout + result.stderr, result.stderr[-800:]
    peak = int(re.findall(r"^peak (\d+)$", result.stderr, re.M)[-1]) / 1024
    assert peak < PEAK_MIB, peak
