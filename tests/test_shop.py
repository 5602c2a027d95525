"""The print-shop profile read back: PDF/X-1a keys, boxes and bleed, トンボ, CMYK pictures, and
preflight on our files and on files broken on purpose."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from ucc_print.design.profiles import MARK_LENGTH, SHOP
from ucc_print.design.tokens import Colour, Palette
from ucc_print.design.units import mm
from ucc_print.shop.preflight import RULES, preflight_bytes, preflight_file

from .conftest import Project, run_cli
from .kinsoku_rules import violations
from .pdfread import page_texts, text_lines

A4 = (mm(210), mm(297))
BADGE = (mm(91), mm(55))
SLIDE = (960.0, 540.0)


@pytest.fixture(scope="session")
def shop(tmp_path_factory) -> Path:
    """output/shop/ of the bundled content: handout, slides (3-up too) and cards, built by the CLI."""
    build = Project(tmp_path_factory.mktemp("shop") / "meeting")
    for args in (["handout", "--shop"], ["slides", "--shop", "--handout", "3"], ["cards", "--shop"]):
        result = build.run(*args)
        assert result.exit_code == 0, result.output
    return build.output / "shop"


SHOP_FILES = {"handout.pdf": A4, "slides.pdf": SLIDE, "slides-3up.pdf": A4, "tent-cards.pdf": A4,
               "badges.pdf": BADGE}


def boxes(path: Path) -> list[dict[str, tuple[float, ...]]]:
    with pikepdf.open(path) as pdf:
        return [{key: tuple(float(v) for v in page.obj[key]) for key in ("/MediaBox", "/TrimBox", "/BleedBox")
                 if key in page.obj} | {"keys": tuple(sorted(str(k) for k in page.obj))}
                for page in pdf.pages]


def test_the_shop_option_writes_to_output_shop_and_leaves_office_files_alone(shop):
    assert sorted(path.name for path in shop.iterdir()) == sorted(SHOP_FILES)
    assert not (shop.parent / "handout.pdf").exists()
    assert (shop.parent / "slides.pptx").exists()  # the .pptx itself has no profile


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
def test_every_print_shop_file_passes_preflight(shop, name):
    report = preflight_file(shop / name)
    assert report.passed, report.text()
    assert report.bleed_mm == 3.0


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
def test_trim_is_the_finished_size_with_3mm_bleed_and_room_for_marks(shop, name):
    width, height = SHOP_FILES[name]
    margin = SHOP.margin
    for page in boxes(shop / name):
        x0, y0, x1, y1 = page["/TrimBox"]
        assert (x1 - x0, y1 - y0) == pytest.approx((width, height), abs=0.01)
        assert page["/BleedBox"] == pytest.approx((x0 - mm(3), y0 - mm(3), x1 + mm(3), y1 + mm(3)), abs=0.01)
        assert page["/MediaBox"] == pytest.approx((0, 0, width + 2 * margin, height + 2 * margin), abs=0.01)
        room = page["/BleedBox"][0] - page["/MediaBox"][0]
        assert room >= MARK_LENGTH + mm(2)  # the 10 mm marks fit between bleed and media edge, with a margin
        assert "/ArtBox" not in page["keys"] and "/CropBox" not in page["keys"]


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
def test_pdfx_1a_identification_and_output_intent(shop, name):
    data = (shop / name).read_bytes()
    assert data.startswith(b"%PDF-1.3\n")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2001"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2001"
        assert info["/Trapped"] == pikepdf.Name("/False")
        assert all(str(info[key]).strip() for key in ("/Title", "/CreationDate", "/ModDate"))
        assert "/ID" in pdf.trailer
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "JC200103"
        assert str(intent.RegistryName) == "http://www.color.org"


def _registration_lines(page) -> list[dict]:
    return [line for line in page.lines if tuple(line.get("stroking_color") or ()) == (1, 1, 1, 1)]


def _marks(path: Path, index: int) -> tuple[list[dict], dict, float]:
    """The registration-colour lines of a page, its boxes, and its height."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[index]
        return _registration_lines(page), boxes(path)[index], float(page.height)


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
@pytest.mark.parametrize("index", [0, -1])
def test_trim_marks_are_registration_hairlines_outside_the_bleed(shop, name, index):
    lines, page_boxes, height = _marks(shop / name, index)
    bx0, by0, bx1, by1 = page_boxes["/BleedBox"]
    tx0, ty0, tx1, ty1 = page_boxes["/TrimBox"]
    solid = [line for line in lines if not (line.get("dash") and line["dash"][0])]
    # 4 corners × (2 horizontal + 2 vertical) + 4 centre marks × (line + bar); a tent card's fold
    # replaces the side centre marks' lines with dashed 折りトンボ
    assert len(solid) == (22 if name == "tent-cards.pdf" else 24)
    for line in lines:
        assert line["linewidth"] == pytest.approx(mm(0.1), abs=0.01)
        x0, x1 = line["x0"], line["x1"]
        y0, y1 = height - line["bottom"], height - line["top"]  # PDF coordinates
        outside = x1 <= bx0 + 0.01 or x0 >= bx1 - 0.01 or y1 <= by0 + 0.01 or y0 >= by1 - 0.01
        assert outside, f"a mark reaches into the bleed: {line['x0']:.1f},{line['top']:.1f}"
    horizontal_ys = {round(height - line["top"], 2) for line in lines if line["top"] == line["bottom"]}
    vertical_xs = {round(line["x0"], 2) for line in lines if line["x0"] == line["x1"]}
    # double corner marks: one at the trim, one at the bleed, on every edge; centre marks in the middle
    assert {round(v, 2) for v in (ty0, by0, ty1, by1, (ty0 + ty1) / 2)} <= horizontal_ys
    assert {round(v, 2) for v in (tx0, bx0, tx1, bx1, (tx0 + tx1) / 2)} <= vertical_xs


def test_tent_cards_carry_fold_marks_outside_the_bleed(shop):
    lines, page_boxes, height = _marks(shop / "tent-cards.pdf", 0)
    bx0, _, bx1, _ = page_boxes["/BleedBox"]
    _, ty0, _, ty1 = page_boxes["/TrimBox"]
    fold_y = (ty0 + ty1) / 2
    on_fold = [line for line in lines if line["top"] == line["bottom"] and abs(height - line["top"] - fold_y) < 0.01]
    # one dashed line a side on the fold's axis (no solid centre line under it to hide it) …
    assert len(on_fold) == 2 and all(line.get("dash") and line["dash"][0] for line in on_fold)
    assert {("left" if line["x1"] <= bx0 + 0.01 else "right") for line in on_fold} == {"left", "right"}
    # … crossed by the centre marks' bars
    bars = [line for line in lines if line["x0"] == line["x1"] and line["top"] < height - fold_y < line["bottom"]]
    assert len(bars) == 2
    with pdfplumber.open(shop / "tent-cards.pdf") as pdf:
        page = pdf.pages[0]
        # named beside the marks, outside the bleed; the office ticks, which would print on the card, are gone
        labels = page.search("山折り")
        assert len(labels) == 2
        assert all(label["x1"] < bx0 or label["x0"] > bx1 for label in labels)


def test_slide_background_runs_into_the_bleed_and_nothing_is_scaled(shop, tmp_path):
    with pdfplumber.open(shop / "slides.pdf") as pdf:
        page = pdf.pages[0]
        background = page.rects[0]
        bleed = boxes(shop / "slides.pdf")[0]["/BleedBox"]
        assert (background["x0"], float(page.height) - background["bottom"]) == pytest.approx(bleed[:2], abs=0.01)
        assert (background["x1"], float(page.height) - background["top"]) == pytest.approx(bleed[2:], abs=0.01)
        shop_chars = [(c["text"], c["x0"] - SHOP.margin, c["top"] - SHOP.margin, c["size"]) for c in page.chars]
    office = Project(tmp_path / "office")
    assert office.run("slides").exit_code == 0
    with pdfplumber.open(office.output / "slides.pdf") as pdf:
        office_chars = [(c["text"], c["x0"], c["top"], c["size"]) for c in pdf.pages[0].chars]
    assert len(shop_chars) == len(office_chars) > 20
    for (text, x, top, size), (text2, x2, top2, size2) in zip(shop_chars, office_chars, strict=True):
        assert text == text2 and size == pytest.approx(size2, abs=1e-6)
        assert (x, top) == pytest.approx((x2, top2), abs=0.01)


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
def test_no_kinsoku_violation_in_print_shop_files(shop, name):
    lines = [line.text for line in text_lines(shop / name, upright_only=True)]
    assert lines
    assert violations(lines, every_class=False) == []


def test_print_shop_builds_are_reproducible(project, shop):
    assert project.run("handout", "--shop").exit_code == 0
    assert (project.output / "shop" / "handout.pdf").read_bytes() == (shop / "handout.pdf").read_bytes()


def test_a_transparent_rgb_picture_is_printed_as_cmyk_with_a_colour_key_mask(project):
    assets = project.root / "assets"
    assets.mkdir()
    picture = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    for x in range(20, 100):
        for y in range(20, 60):
            picture.putpixel((x, y), (210, 40, 40, 255) if x < 60 else (40, 40, 40, 255))
    picture.save(assets / "logo.png")
    assert project.run("slides", "--shop").exit_code == 0
    path = project.output / "shop" / "slides.pdf"
    report = preflight_file(path)
    assert report.passed, report.text()
    with pikepdf.open(path) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images
        for image in images:
            assert image.ColorSpace == pikepdf.Name.DeviceCMYK
            assert "/SMask" not in image
            assert list(image.Mask) == [1, 1, 1, 1, 1, 1, 0, 0]
            samples, width = image.read_bytes(), int(image.Width)

            def pixel(x, y, samples=samples, width=width):
                return tuple(samples[(y * width + x) * 4:(y * width + x) * 4 + 4])

            assert pixel(80, 40) == (0, 0, 0, 215)  # grey (40, 40, 40) is K only
            assert pixel(30, 40) == (0, 170, 170, 45)  # red (210, 40, 40): its grey part in K
            assert pixel(5, 5) == (1, 1, 1, 0)  # cut out by the mask
    # the office PDF keeps its RGB picture with soft transparency, as screens want
    assert project.run("slides").exit_code == 0
    assert {"colour", "transparency"} <= set(preflight_file(project.output / "slides.pdf").broken())


# ---------------------------------------------------------------- preflight on broken files


def _broken(shop: Path, change) -> bytes:
    """The shop handout with one thing changed on its first page."""
    with pikepdf.open(shop / "handout.pdf") as pdf:
        change(pdf, pdf.pages[0])
        out = io.BytesIO()
        pdf.save(out, force_version="1.3", deterministic_id=True)
    return out.getvalue()


def _append(pdf: pikepdf.Pdf, page: pikepdf.Page, content: bytes) -> None:
    page.contents_add(pdf.make_stream(content))


def _rgb_image(pdf, page):
    image = pdf.make_stream(b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                            Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    page.obj.Resources.XObject = pikepdf.Dictionary(Im9=image)
    _append(pdf, page, b"q 50 0 0 50 100 100 cm /Im9 Do Q")


def _soft_masked_image(pdf, page):
    mask = pdf.make_stream(b"\x80" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2,
                           ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    image = pdf.make_stream(b"\x00\x00\x00\xff" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                            Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8, SMask=mask)
    page.obj.Resources.XObject = pikepdf.Dictionary(Im9=image)
    _append(pdf, page, b"q 50 0 0 50 100 100 cm /Im9 Do Q")


def _unembedded_font(pdf, page):
    page.obj.Resources.Font.F99 = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                     BaseFont=pikepdf.Name.Helvetica)
    _append(pdf, page, b"BT /F99 12 Tf 100 100 Td (Hello) Tj ET")


def _alpha(pdf, page):
    page.obj.Resources.ExtGState = pikepdf.Dictionary(GS9=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5))
    _append(pdf, page, b"q /GS9 gs 0 0 0 1 k 100 100 50 50 re f Q")


def _no_trim(pdf, page):
    del page.obj["/TrimBox"]


def _thin_bleed(pdf, page):
    x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
    page.obj.BleedBox = pikepdf.Array([x0 - mm(1), y0 - mm(1), x1 + mm(1), y1 + mm(1)])


def _rgb_in_a_form(pdf, page):
    form = pdf.make_stream(b"0 0 1 RG 0 0 m 10 10 l S", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 10, 10])
    page.obj.Resources.XObject = pikepdf.Dictionary(Fm9=form)
    _append(pdf, page, b"q /Fm9 Do Q")


def _icc_colour_space(pdf, page):
    profile = pdf.make_stream(b"not really a profile", N=3)
    page.obj.Resources.ColorSpace = pikepdf.Dictionary(CS9=pikepdf.Array([pikepdf.Name.ICCBased, profile]))
    _append(pdf, page, b"/CS9 cs 1 0 0 sc 0 0 10 10 re f")


def _no_output_intent(pdf, page):
    del pdf.Root["/OutputIntents"]


def _custom_output_intent(pdf, page):
    pdf.Root.OutputIntents[0].OutputConditionIdentifier = pikepdf.String("Custom")


def _rgb_function():
    return pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0], C1=[1, 0, 0], N=1)


def _separation_rgb(pdf, page):
    page.obj.Resources.ColorSpace = pikepdf.Dictionary(
        CS9=pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/Red"), pikepdf.Name.DeviceRGB, _rgb_function()]))
    _append(pdf, page, b"/CS9 cs 1 sc 10 10 50 50 re f")


def _indexed_rgb_image(pdf, page):
    palette = pikepdf.String(b"\xff\x00\x00\x00\xff\x00")
    space = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, palette])
    image = pdf.make_stream(b"\x00\x01\x00\x01", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2,
                            Height=2, BitsPerComponent=8, ColorSpace=space)
    page.obj.Resources.XObject = pikepdf.Dictionary(Im9=image)
    _append(pdf, page, b"q 50 0 0 50 60 60 cm /Im9 Do Q")


def _rgb_shading(pdf, page):
    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
                                 Function=_rgb_function())
    page.obj.Resources.Shading = pikepdf.Dictionary(Sh9=shading)
    _append(pdf, page, b"q /Sh9 sh Q")


def _rgb_tiling_pattern(pdf, page):
    pattern = pdf.make_stream(b"1 0 0 rg 0 0 5 5 re f", PatternType=1, PaintType=1, TilingType=1, BBox=[0, 0, 5, 5],
                              XStep=5, YStep=5, Resources=pikepdf.Dictionary())
    page.obj.Resources.Pattern = pikepdf.Dictionary(P9=pattern)
    _append(pdf, page, b"/Pattern cs /P9 scn 0 0 50 50 re f")


def _state(pdf, page, **entries):
    page.obj.Resources.ExtGState = pikepdf.Dictionary(GS9=pikepdf.Dictionary(**entries))
    _append(pdf, page, b"q /GS9 gs 0 0 0 1 k 100 100 50 50 re f Q")


def _group(pdf, page):
    page.obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK)


def _annotation(pdf, page):
    appearance = pdf.make_stream(b"0 0 0 1 k 0 0 20 20 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                 BBox=[0, 0, 20, 20])
    page.obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, Rect=[100, 100, 120, 120], F=4,
        AP=pikepdf.Dictionary(N=appearance)))])


def _javascript(pdf, page):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _postscript(pdf, page):
    page.obj.Resources.XObject = pikepdf.Dictionary(
        PS9=pdf.make_stream(b"% ps", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.PS))
    _append(pdf, page, b"/PS9 Do")


def _broken_type0_font(pdf, page):
    page.obj.Resources.Font.F99 = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                                     BaseFont=pikepdf.Name("/Odd"), DescendantFonts=pikepdf.Name("/X"))
    _append(pdf, page, b"BT /F99 12 Tf ET")


@pytest.mark.parametrize(("change", "rule", "words"), [
    (lambda pdf, page: _append(pdf, page, b"1 0 0 rg 100 100 50 50 re f"), "colour", "RGB fill"),
    (_rgb_image, "colour", "image is in DeviceRGB"),
    (_rgb_in_a_form, "colour", "RGB stroke"),
    (_icc_colour_space, "colour", "ICCBased (RGB)"),
    (_unembedded_font, "fonts", "Helvetica is not embedded"),
    (_alpha, "transparency", "alpha ca = 0.5"),
    (_soft_masked_image, "transparency", "soft mask"),
    (_no_trim, "page-boxes", "no TrimBox"),
    (_thin_bleed, "bleed", "1.0 mm"),
    (_no_output_intent, "output-intent", "0 GTS_PDFX output intents"),
    (_custom_output_intent, "output-intent", "'Custom' is not a registered one"),
    (_separation_rgb, "colour", "Separation with alternate DeviceRGB"),
    (_indexed_rgb_image, "colour", "image is in Indexed on DeviceRGB"),
    (_rgb_shading, "colour", "shading (gradient) is in DeviceRGB"),
    (_rgb_tiling_pattern, "colour", "RGB fill"),
    (lambda pdf, page: _state(pdf, page, BM=pikepdf.Name.Multiply), "transparency", "blend mode Multiply"),
    (lambda pdf, page: _state(pdf, page, CA=pikepdf.Name("/Foo")), "transparency", "alpha CA = /Foo"),
    (lambda pdf, page: _state(pdf, page, TR=_rgb_function()), "prepress", "transfer function"),
    (_group, "transparency", "the page is a transparency group"),
    (_annotation, "annotations", "a Square annotation lies inside the BleedBox"),
    (_javascript, "actions", "runs JavaScript when opened"),
    (_postscript, "prepress", "PostScript XObject"),
    (lambda pdf, page: _append(pdf, page, b"/a /b /c rg"), "colour", "RGB fill colour (/a /b /c)"),
    (_broken_type0_font, "fonts", "font Odd is not embedded"),
    (lambda pdf, page: setattr(pdf.Root, "Version", pikepdf.Name("/abc")), "version", "PDF abc"),
])
def test_preflight_names_what_a_broken_file_breaks(shop, change, rule, words):
    report = preflight_bytes(_broken(shop, change), "broken.pdf")
    assert report.broken() == [rule], report.text()
    text = report.text()
    assert f"FAIL  {rule}" in text and words in text
    document_wide = rule in ("output-intent", "actions", "version")
    assert document_wide or "page 1: " in text or "pages 1–" in text


def test_resources_a_page_does_not_draw_do_not_count_against_it(shop):
    def unused(pdf, page):
        page.obj.Resources.ExtGState = pikepdf.Dictionary(GS9=pikepdf.Dictionary(ca=0.5))
        page.obj.Resources.XObject = pikepdf.Dictionary(Im9=pdf.make_stream(
            b"\xff\x00\x00", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1, Height=1,
            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8))

    report = preflight_bytes(_broken(shop, unused), "unused.pdf")
    assert report.passed, report.text()


def test_damaged_and_newer_files_fail_without_a_traceback(shop):
    data = (shop / "badges.pdf").read_bytes()
    middle = len(data) // 2
    shifted = data[:middle] + b"% inserted bytes move every object after this point\n" + data[middle:]
    report = preflight_bytes(shifted, "shifted.pdf")
    assert "syntax" in report.broken() and "damaged: file is damaged" in report.text()
    with pikepdf.open(shop / "badges.pdf") as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.5")
    newer = out.getvalue().replace(b"%PDF-1.5", b"%PDF-1.3", 1)
    report = preflight_bytes(newer, "newer.pdf")
    assert "compression" in report.broken() and "object streams (PDF 1.5)" in report.text()


def test_preflight_checks_version_and_info(shop):
    with pikepdf.open(shop / "handout.pdf") as pdf:
        del pdf.docinfo["/GTS_PDFXConformance"]
        pdf.docinfo["/Trapped"] = pikepdf.Name("/Unknown")
        out = io.BytesIO()
        pdf.save(out, min_version="1.6")
    report = preflight_bytes(out.getvalue(), "old.pdf")
    assert report.broken() == ["version", "identification", "document-info"]
    assert "PDF 1.6" in report.text() and "Trapped is /Unknown" in report.text()


def test_preflight_cli_fails_a_plain_rgb_rectangle_naming_rgb(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"1 0 0 rg 10 10 100 100 re f")
    pdf.save(tmp_path / "red.pdf")
    result = run_cli(["preflight", str(tmp_path / "red.pdf")])
    assert result.exit_code == 1
    assert "red.pdf: FAIL" in result.output
    assert "page 1: `rg` sets an RGB fill colour (1 0 0)" in result.output
    assert all(rule in result.output for rule in RULES)  # every rule is listed, passed or not


def test_preflight_cli_passes_good_files_and_explains_unreadable_ones(shop, tmp_path):
    result = run_cli(["preflight", str(shop / "handout.pdf"), str(shop / "badges.pdf")])
    assert result.exit_code == 0, result.output
    assert result.output.count(": PASS") == 2
    (tmp_path / "notes.pdf").write_text("これはPDFではありません")
    (tmp_path / "cut.pdf").write_bytes((shop / "badges.pdf").read_bytes()[:400])
    result = run_cli(["preflight", str(tmp_path / "notes.pdf"), str(tmp_path / "cut.pdf"),
                      str(tmp_path / "missing.pdf"), str(shop / "handout.pdf")])
    assert result.exit_code == 2
    assert "notes.pdf: not a PDF file" in result.output
    assert "cut.pdf: not a readable PDF" in result.output
    assert "missing.pdf: cannot read it" in result.output
    assert "handout.pdf: PASS" in result.output
    assert "Traceback" not in result.output


def test_office_files_do_not_pass_as_print_shop_files(handout_pdf):
    report = preflight_file(handout_pdf)
    assert {"identification", "output-intent", "page-boxes"} <= set(report.broken())
    assert "colour" not in report.broken() and "fonts" not in report.broken()
    assert "pages 1–" in report.text()  # pages with the same finding are grouped


def test_texts_are_the_same_in_print_shop_and_office_handouts(shop, handout_pdf):
    assert page_texts(shop / "handout.pdf") == page_texts(handout_pdf)


@pytest.mark.parametrize("name", sorted(SHOP_FILES))
def test_text_is_in_palette_inks_and_black_text_is_k100_alone(shop, name):
    palette = {tuple(round(v, 3) for v in colour.cmyk_unit) for colour in vars(Palette).values()
               if isinstance(colour, Colour)}
    with pdfplumber.open(shop / name) as pdf:
        colours = {tuple(round(float(v), 3) for v in char["non_stroking_color"])
                   for page in pdf.pages for char in page.chars}
    assert colours and colours <= palette, colours - palette
    dark = {colour for colour in colours if colour[3] >= 0.5}
    assert all(colour[:3] == (0, 0, 0) for colour in dark), dark  # no rich black: greys and black in K only


# ---------------------------------------------------------------- preflight within time and memory

PEAK_MIB = 500
#: Runs preflight, then tells its own peak memory (VmHWM: ru_maxrss would count the parent's too,
#: as it was when the child was forked).
_CHILD = ("import re, resource, runpy, sys\n"
          "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000,) * 2)\n"
          "sys.argv = ['ucc_print', 'preflight', *sys.argv[1:]]\n"
          "try:\n"
          "    runpy.run_module('ucc_print', run_name='__main__')\n"
          "finally:\n"
          "    status = open('/proc/self/status').read()\n"
          "    print('peak', re.search(r'VmHWM:\\s+(\\d+)', status)[1], file=sys.stderr)\n")


def _preflight_child(path: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """`preflight` as a clerk runs it, in a child held to 1.5 GB of address space and 20 s: what it
    said, its seconds and its peak memory in MiB."""
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, timeout=20)
    peaks = re.findall(r"^peak (\d+)$", result.stderr, re.M)
    return result, time.perf_counter() - began, int(peaks[-1]) / 1024 if peaks else float("inf")


def _raw_pdf(objects: list[bytes], version: bytes = b"1.3") -> bytes:
    """A PDF of these objects (1 the catalog) with a plain cross-reference table."""
    body, offsets = b"%PDF-" + version + b"\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return (body + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + table
            + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(body)))


CATALOG = [b"<< /Type /Catalog /Pages 2 0 R /Big 4 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"


def test_preflight_stops_at_a_page_tree_nested_too_deep(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    node = pdf.Root.Pages
    for _ in range(101):  # qpdf itself gives up past 100 levels
        parent = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=pikepdf.Array([node]), Count=1))
        node.Parent = parent
        node = parent
    pdf.Root.Pages = node
    pdf.save(tmp_path / "deep.pdf")
    report = preflight_file(tmp_path / "deep.pdf")
    assert report.stopped and "the page tree is nested more than 32 levels deep; nothing more" in report.text()


def test_content_that_inflates_past_what_preflight_reads_is_a_finding(tmp_path):
    """78 KB of Flate that inflates to 40 MB of lines once took 33 s and 4.8 GB."""
    compressor, chunk = zlib.compressobj(9), b"0 0 m 1 1 l S\n" * 75_000
    flate = b"".join(compressor.compress(chunk) for _ in range(40)) + compressor.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(flate) + flate + b"\nendstream"
    (tmp_path / "bomb.pdf").write_bytes(_raw_pdf([CATALOG[0], CATALOG[1], PAGE[:-2] + b"/Contents 4 0 R >>",
                                                  content]))
    result, seconds, peak = _preflight_child(tmp_path / "bomb.pdf")
    assert result.returncode == 1, result.stderr[-600:]
    assert "page 1: the content of the page cannot be checked: more than 32 MB once decoded" in result.stdout
    assert seconds < 10 and peak < PEAK_MIB, (seconds, peak)


def test_a_page_with_more_tokens_than_preflight_reads_is_not_walked(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(b"0 0 m 1 1 l S\n" * 80_000 + b"1 0 0 rg")
    pdf.save(tmp_path / "dense.pdf")
    text = preflight_file(tmp_path / "dense.pdf").text()
    assert "page 1: preflight reads at most 20 MB or 500,000 tokens of content on one page" in text
    assert "RGB fill" not in text  # past the allowance nothing is walked


@pytest.mark.parametrize("case", ["syntax", "object stream", "cross-reference stream"])
def test_files_whose_objects_would_take_gigabytes_are_stopped_before_qpdf_reads_them(tmp_path, case):
    """Bare syntax (qpdf needs ~150 bytes for each `0`), an object stream inflating to 32 MB of it
    (2.3 GB from a 32 KB file), a cross-reference stream inflating to 300 MB (0.5 GB, 12 s)."""
    if case == "syntax":
        data = _raw_pdf(CATALOG + [PAGE, b"[" + b"0 " * 4_000_000 + b"]"])
        told = "the file holds more PDF objects than preflight reads"
    elif case == "object stream":
        compressor = zlib.compressobj(9)
        inside = (compressor.compress(b"4 0 [") + b"".join(compressor.compress(b"0 " * 500_000) for _ in range(32))
                  + compressor.compress(b"]") + compressor.flush())
        stream = b"<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter /FlateDecode >>\nstream\n" % len(inside)
        data = _raw_pdf(CATALOG + [PAGE, b"null", stream + inside + b"\nendstream"], b"1.5")
        told = "the file holds more PDF objects than preflight reads"
    else:
        compressor = zlib.compressobj(9)
        rows = b"".join(compressor.compress(bytes(1_000_000)) for _ in range(300)) + compressor.flush()
        stream = b"<< /Type /XRef /Size 5 /W [1 4 1] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n"
        data = _raw_pdf(CATALOG + [PAGE, stream % len(rows) + rows + b"\nendstream"], b"1.5")
        data = data.replace(b"startxref\n%d" % data.rindex(b"xref\n0 "),
                            b"startxref\n%d" % data.index(b"4 0 obj"))  # the stream is the table
        told = "memory limit exceeded"
    (tmp_path / "big.pdf").write_bytes(data)
    result, seconds, peak = _preflight_child(tmp_path / "big.pdf")
    assert result.returncode == 1 and told in result.stdout, result.stdout[-600:] + result.stderr[-600:]
    assert "Traceback" not in result.stderr and seconds < 10 and peak < PEAK_MIB, (seconds, peak)


def test_preflight_maps_a_large_file_instead_of_reading_it_and_refuses_a_larger_one(tmp_path):
    """Sparse files: 190 MB of picture data is scanned, never held (reading it took 240 MB); 450 MB
    is refused at once."""
    for size, told in ((190_000_000, "page 1: no TrimBox"), (450_000_000, "preflight reads files of up to 200 MB")):
        head = b"%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        head += b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n" + PAGE + b"\nendobj\n"
        tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        stream = b"4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length %d >>\nstream\n"
        data_at = len(head) + len(stream % 0) + 20
        with (tmp_path / "large.pdf").open("wb") as file:
            file.write(head + stream % (size - data_at - len(tail)))
            file.truncate(size - len(tail))
            file.seek(0, 2)
            file.write(tail)
        result, seconds, peak = _preflight_child(tmp_path / "large.pdf")
        assert told in result.stdout + result.stderr, result.stdout[-600:] + result.stderr[-600:]
        assert "Traceback" not in result.stderr and seconds < 10 and peak < 150, (size, seconds, peak)
