"""Page images and the PNGs written from them: what Pillow reads back is the page pdfium rendered."""

import io

from PIL import Image
from reportlab.pdfgen import canvas

from ucc_print.raster import page_images, page_pngs, png


def _pdf(pages: int) -> bytes:
    """Pages of an odd size (rows not a multiple of 4 bytes), each coloured differently."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(101.3, 57.1), invariant=True)
    for number in range(pages):
        pdf.setFillColorRGB(number / pages, 0.3, 1 - number / pages)
        pdf.rect(10, 10, 40 + number, 30, fill=1, stroke=0)
        pdf.drawString(5, 45, f"page {number + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_each_png_holds_the_rendered_page_in_order():
    pdf = _pdf(11)  # more pages than the encoders hold at once
    images = list(page_images(pdf, 100))
    pngs = list(page_pngs(pdf, 100))
    assert len(pngs) == len(images) == 11
    assert len({image.tobytes() for image in images}) == 11
    for image, data in zip(images, pngs, strict=True):
        with Image.open(io.BytesIO(data)) as back:
            back.load()
            assert back.mode == "RGB" and back.size == image.size == (141, 80)
            assert abs(back.info["dpi"][0] - 100) < 0.01
            assert back.tobytes() == image.tobytes()
    assert pngs == list(page_pngs(pdf, 100))  # the same bytes every time


def test_any_image_mode_is_written_as_rgb():
    for mode, colour in (("RGBA", (10, 20, 30, 255)), ("L", 128), ("P", 3), ("RGB", (1, 2, 3))):
        image = Image.new(mode, (7, 3), colour)
        with Image.open(io.BytesIO(png(image))) as back:
            back.load()
            assert back.tobytes() == image.convert("RGB").tobytes(), mode
            assert "dpi" not in back.info
