"""What reportlab learns by parsing a TrueType face, kept in the user's cache (cache.py).

reportlab's TTFontFace reads the file (its tables stay in memory for subsetting) and then works
out the metrics, widths and character map, which takes most of the time. Here that second step
is answered from the cache when an entry for this file (by its hash), this reportlab and this
ucc-print exists; otherwise it runs as always and its results are kept. The entry holds plain
values only; the names reportlab keeps as TTFNameBytes and the unit scale are rebuilt from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts

from .. import cache

#: The attributes extractInfo sets that are names (TTFNameBytes: bytes that know their text).
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")


class _Face(ttfonts.TTFontFace):  # type: ignore[misc]  # reportlab is untyped
    """A face whose extracted information comes from the cache when it can."""

    def extractInfo(self, charInfo: int = 1) -> None:  # reportlab's name
        entry = cache.key(reportlab.Version, str(charInfo), self._ttf_data)
        kept = cache.read("fonts", entry)
        if isinstance(kept, dict) and _restore(self, kept):
            return
        before = dict(self.__dict__)
        super().extractInfo(charInfo)
        learned = {name: value for name, value in self.__dict__.items()
                   if name not in before or before[name] is not value}
        cache.write("fonts", entry, _plain(learned))


def _plain(learned: dict[str, Any]) -> dict[str, Any]:
    """The attributes as plain values: names as their text, the unit scale left out (it follows unitsPerEm)."""
    plain = {name: value for name, value in learned.items() if name != "_pdfScale" and name not in _NAMES}
    plain["names"] = {name: learned[name].ustr for name in _NAMES if isinstance(learned.get(name), bytes)}
    return plain


def _scale(units_per_em: int) -> Callable[[float], float]:
    """reportlab's font-unit → PDF-unit scale, as it makes it."""
    if units_per_em == 1000:
        return lambda x: x
    multiple = 1000 / units_per_em
    return lambda x: x * multiple


def _restore(face: _Face, kept: dict[str, Any]) -> bool:
    """Set what extractInfo would have; False (nothing set) if the entry is not a whole one."""
    names = kept.get("names")
    if not isinstance(names, dict) or not isinstance(kept.get("unitsPerEm"), int) or "charWidths" not in kept:
        return False
    values = {name: value for name, value in kept.items() if name != "names"}
    values.update({name: ttfonts.TTFNameBytes(text.encode("utf8")) for name, text in names.items()})
    values["_pdfScale"] = _scale(kept["unitsPerEm"])
    face.__dict__.update(values)
    return True


@contextmanager
def faces_cached() -> Iterator[None]:
    """reportlab's TTFont, made inside, takes its face's information from the cache."""
    original = ttfonts.TTFontFace
    ttfonts.TTFontFace = _Face
    try:
        yield
    finally:
        ttfonts.TTFontFace = original
