"""pt → EMU, the one unit conversion of the PowerPoint backend."""

from pptx.util import Emu

EMU_PER_PT = 12700


def emu(points: float) -> Emu:
    """Points to English Metric Units (rounded to whole EMU), the length type python-pptx takes."""
    return Emu(round(points * EMU_PER_PT))


def centipoints(points: float) -> int:
    """Points to the hundredths of a point DrawingML uses for sizes and spacing."""
    return round(points * 100)
