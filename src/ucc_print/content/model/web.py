"""What the web edition may publish beyond what the press release already makes public (web.yaml).

Guests' privacy first: without web.yaml, the pages name the 来賓 as the press release does, and
leave out the participants' list, the seating chart and the speaker notes.
"""

from __future__ import annotations

from .base import Strict


class WebEdition(Strict):
    """web.yaml: each part of the meeting the city chooses to publish on its website."""

    #: The 出席者名簿 (every participant's name and organisation).
    participants: bool = False
    #: The 配席図 (a picture of the room, with its seats listed as text).
    seating: bool = False
    #: The speaker notes under each slide of slides.html.
    speaker_notes: bool = False
