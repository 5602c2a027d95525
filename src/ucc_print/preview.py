"""Previews: a PNG of every page of an output, and a contact sheet showing them all at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from .design.fonts import FACES, FONT_DIR
from .raster import page_images, png

#: Page previews are made at screen resolution; contact-sheet thumbnails this wide.
PREVIEW_DPI = 80
THUMB_WIDTH = 220
#: A contact sheet shows at most this many pages (a thousand name cards would be a poster).
SHEET_LIMIT = 60
GAP, MARGIN, LABEL = 18, 28, 22
BACKGROUND, BORDER, INK = (238, 238, 236), (170, 170, 170), (60, 60, 60)


@dataclass(frozen=True)
class Preview:
    """PNG bytes of each page, and the contact sheet."""

    pages: list[bytes]
    sheet: bytes


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FACES["pgothic"].file), size)


def contact_sheet(title: str, pages: list[Image.Image], total: int) -> Image.Image:
    """Thumbnails in rows, each numbered, under the file's name (and how many pages it has)."""
    columns = min(len(pages), 6 if len(pages) > 16 else 4)
    thumbs = [page.resize((THUMB_WIDTH, max(1, round(page.height * THUMB_WIDTH / page.width))),
                          Image.Resampling.LANCZOS) for page in pages]
    cell_height = max(thumb.height for thumb in thumbs) + LABEL
    rows = -(-len(thumbs) // columns)
    more = f"（最初の{len(pages)}ページ）" if total > len(pages) else ""
    heading, heading_font = f"{title}　{total}ページ{more}", _font(20)
    width = 2 * MARGIN + max(columns * THUMB_WIDTH + (columns - 1) * GAP, round(heading_font.getlength(heading)))
    height = 2 * MARGIN + 40 + rows * cell_height + (rows - 1) * GAP
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((MARGIN, MARGIN), heading, fill=INK, font=heading_font)
    label_font = _font(13)
    for index, thumb in enumerate(thumbs):
        column, row = index % columns, index // columns
        x = MARGIN + column * (THUMB_WIDTH + GAP)
        y = MARGIN + 40 + row * (cell_height + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=BORDER)
        draw.text((x + THUMB_WIDTH // 2, y + thumb.height + 4), str(index + 1), fill=INK, font=label_font, anchor="ma")
    return sheet


def preview(title: str, pdf: bytes) -> Preview:
    """Every page of a PDF as PNG, and its contact sheet."""
    pages: list[bytes] = []
    shown: list[Image.Image] = []
    for image in page_images(pdf, PREVIEW_DPI):
        pages.append(png(image, PREVIEW_DPI))
        if len(shown) < SHEET_LIMIT:
            shown.append(image)
    return Preview(pages, png(contact_sheet(title, shown, len(pages))))
