"""What reportlab learns by parsing a TrueType face, shipped with the bundled fonts and kept in
the user's cache (cache.py).

reportlab's TTFontFace reads the file (its tables stay in memory for subsetting) and then works
out the metrics, widths and character map, which takes most of the time (about 50 ms a face).
Here that second step is answered, in this order, from the user's cache (an entry for this file
by its hash, this reportlab and this ucc-print), from what ships with the bundled fonts (made by
`python -m ucc_print.design.facecache` for the reportlab the package was made with, so a first
run on a new machine parses nothing), or else runs as always and its results are kept in the
user's cache. Entries hold plain values only; the names reportlab keeps as TTFNameBytes and the
unit scale are rebuilt from them. One that cannot be read or is not whole is passed over.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts

from .. import cache
from .subsets import SubsetsKept

#: The attributes extractInfo sets that are names (TTFNameBytes: bytes that know their text).
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")


#: What reportlab learns of each bundled face, shipped beside the fonts.
SHIPPED = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "faces"


def shipped_name(digest: bytes, char_info: int) -> str:
    """The shipped entry of a face (by the font file's SHA-256) as this reportlab reads it."""
    return hashlib.sha256(f"{reportlab.Version}\n{char_info}\n".encode() + digest).hexdigest()[:32] + ".marshal.zlib"


def _shipped(digest: bytes, char_info: int) -> Any | None:
    """The shipped entry, or None if there is none for this font file and reportlab, or it is damaged."""
    try:
        return marshal.loads(zlib.decompress((SHIPPED / shipped_name(digest, char_info)).read_bytes()))
    except (OSError, zlib.error, EOFError, ValueError, TypeError):
        return None


class _Face(SubsetsKept, ttfonts.TTFontFace):  # type: ignore[misc]  # reportlab is untyped
    """A face whose extracted information comes from the user's cache or the shipped entries when it
    can, and whose subsets are made once per process (subsets.py)."""

    def extractInfo(self, charInfo: int = 1) -> None:  # reportlab's name
        digest = hashlib.sha256(self._ttf_data).digest()
        entry = cache.key(reportlab.Version, str(charInfo), digest)
        for kept in (cache.read("fonts", entry), _shipped(digest, charInfo) if cache.ENABLED.get() else None):
            if isinstance(kept, dict) and _restore(self, kept):
                return
        cache.write("fonts", entry, self.learn(charInfo))

    def learn(self, char_info: int) -> dict[str, Any]:
        """reportlab's own extraction, and what it set as plain values."""
        before = dict(self.__dict__)
        super().extractInfo(char_info)
        return _plain({name: value for name, value in self.__dict__.items()
                       if name not in before or before[name] is not value})


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


class _Parsed(_Face):
    """A face parsed by reportlab whatever is kept, what it learned left on it."""

    def extractInfo(self, charInfo: int = 1) -> None:  # reportlab's name
        self.learned = self.learn(charInfo)


def ship(fonts: list[Path]) -> list[Path]:
    """Write the shipped entry of each font file (parsed afresh), remove those of other fonts or
    another reportlab; the entries written."""
    SHIPPED.mkdir(exist_ok=True)
    written = []
    for font in fonts:
        face = _Parsed(str(font))
        target = SHIPPED / shipped_name(hashlib.sha256(face._ttf_data).digest(), 1)
        target.write_bytes(zlib.compress(marshal.dumps(face.learned), 9))
        written.append(target)
    for stale in set(SHIPPED.glob("*.marshal.zlib")) - set(written):
        stale.unlink()
    return written


if __name__ == "__main__":
    from .fonts import FACES, font_path

    for path in ship([font_path(key) for key in FACES]):
        sys.stdout.write(f"wrote {path.relative_to(SHIPPED.parent.parent.parent)}\n")
