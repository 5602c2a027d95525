"""Seating chart geometry: seat and table sizes in pt, and the smallest seat and scale allowed."""

SEAT_WIDTH = 112.0
SEAT_HEIGHT = 40.0
#: A crowded head table narrows its seats down to this width before giving up.
MIN_SEAT_WIDTH = 70.0
GAP = 6.0
TABLE_DEPTH = 18.0
#: Space between a row of seats (with its table) and the next.
ROW_GAP = 14.0
#: A chart taller than the page is drawn smaller, down to this scale.
MIN_SCALE = 0.6
#: A seat grows up to this height (more lines for a long organisation) before anything is refused.
MAX_SEAT_HEIGHT = 72.0
