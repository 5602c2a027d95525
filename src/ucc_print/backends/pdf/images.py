"""Pictures for the print shop: DeviceCMYK samples, and a colour-key mask instead of soft transparency.

PDF/X-1a allows no RGB image and no soft mask (alpha). A picture is converted by full grey
component replacement (greys become K only, as text in a logo should), its half-transparent
edge pixels are blended with the colour beneath, and its clear pixels are cut out with a
PDF 1.3 colour-key mask on a key colour that conversion never produces.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops
from reportlab.lib.utils import ImageReader

from ...design.tokens import Colour

#: C, M and Y are never all non-zero after grey component replacement, so this key is free.
KEY = (1, 1, 1, 0)
#: The colour-key mask for reportlab's drawImage: [min max] per CMYK channel.
KEY_MASK = [value for channel in KEY for value in (channel, channel)]
#: Pixels at least this opaque are kept; the rest are cut out.
OPAQUE = 128


def to_cmyk(rgb: Image.Image) -> Image.Image:
    """RGB → CMYK with the grey in K: K = min(1-R, 1-G, 1-B), each ink less that K."""
    c, m, y = (ImageChops.invert(band) for band in rgb.convert("RGB").split())
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge("CMYK", [ImageChops.subtract(band, k) for band in (c, m, y)] + [k])


@lru_cache(maxsize=32)
def press_picture(path: Path, beneath: Colour) -> tuple[ImageReader, list[int] | None]:
    """The picture in CMYK, and the mask to pass to drawImage (None if it has no clear pixels)."""
    with Image.open(path) as source:
        source.load()
        if source.mode == "CMYK":
            return ImageReader(source.copy()), None
        picture = source.convert("RGBA")
    alpha = picture.getchannel("A")
    ground = Image.new("RGBA", picture.size, beneath.rgb + (255,))
    cmyk = to_cmyk(Image.alpha_composite(ground, picture))
    clear = alpha.point(lambda a: 255 if a < OPAQUE else 0)
    if clear.getbbox() is None:
        return ImageReader(cmyk), None
    cmyk.paste(KEY, mask=clear)
    return ImageReader(cmyk), KEY_MASK
