"""Text as staff paste it, made consistent: composed kana, but names' variant kanji kept.

Text copied on a Mac often arrives decomposed (か + U+3099 for が), which prints as a kana and
a loose voicing mark. Unicode NFC composes it, but NFC also replaces the CJK compatibility
ideographs (神 U+FA19 becomes 神 U+795E, and so on) that people choose for their names on
purpose. So those characters are left exactly as written and only the rest is composed.
"""

from __future__ import annotations

import re
import unicodedata

#: CJK Compatibility Ideographs and their supplement: never normalised.
_COMPATIBILITY = re.compile("([\uF900-\uFAFF\U0002F800-\U0002FA1F])")


def compose(text: str) -> str:
    """NFC, except for compatibility ideographs, which stay as written."""
    if text.isascii():
        return text
    return "".join(part if _COMPATIBILITY.fullmatch(part) else unicodedata.normalize("NFC", part)
                   for part in _COMPATIBILITY.split(text))
