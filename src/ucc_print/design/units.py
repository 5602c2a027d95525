"""Lengths: every design value is in PostScript points (pt); convert at the edges only."""

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * PT_PER_INCH / MM_PER_INCH

