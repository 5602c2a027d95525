"""Font subsets made once per process: reportlab's TrueType subset of the same characters, and its
compressed stream, taken again from memory when a later PDF of the same run embeds them.

Every PDF embeds the glyphs it uses as subsets of 256 characters, numbered in the order the
document first uses them; making one reads the font's tables, and compressing it takes longer
than drawing a page. A watch or `serve` makes the same subsets again at a save that brings no
character new to the document (and every one before the first that does), and the suite makes
the same documents hundreds of times. The stream written is byte for byte the one reportlab
writes: the subset as it makes it, compressed as its FlateDecode filter does, the dictionary's
keys in its order.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from reportlab.pdfbase import pdfdoc

#: The most bytes of one face's subsets (as made and as compressed) kept, the least recently used let
#: go first: a whole build's subsets of a face take under 1 MB (the bundled content), three faces print.
MOST_BYTES = 8 * 1024 * 1024


class SubsetsKept:
    """A reportlab TrueType face (mixed into its TTFontFace) that keeps the subsets it made; used
    by one thread at a time, as reportlab's faces are (a watch's workers are processes)."""

    _kept: OrderedDict[tuple[int, ...], tuple[bytes, bytes | None]]
    _kept_bytes: int

    def makeSubset(self, subset: list[int]) -> bytes:  # reportlab's name
        key = tuple(subset)
        kept = self._subsets().get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept[0]
        made: bytes = super().makeSubset(subset)  # type: ignore[misc]
        self._keep(key, made, None)
        return made

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # reportlab's name
        """reportlab's font file stream, its content compressed already (once per subset)."""
        reference = super().addSubsetObjects(doc, fontname, subset)  # type: ignore[misc]
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")  # type: ignore[attr-defined]
        key = tuple(subset)
        kept = self._subsets().get(key)
        if (isinstance(stream, pdfdoc.PDFStream) and kept is not None and stream.content is kept[0]
                and stream.filters == [pdfdoc.PDFZCompress] and "Filter" not in stream.dictionary.dict):
            packed = kept[1]
            if packed is None:
                packed = pdfdoc.PDFZCompress.encode(kept[0])
                self._keep(key, kept[0], packed)
            stream.content = packed  # what format() makes of it, and so no filter applied again:
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        return reference

    def _subsets(self) -> OrderedDict[tuple[int, ...], tuple[bytes, bytes | None]]:
        if not hasattr(self, "_kept"):
            self._kept, self._kept_bytes = OrderedDict(), 0
        return self._kept

    def _keep(self, key: tuple[int, ...], made: bytes, packed: bytes | None) -> None:
        kept = self._subsets()
        old = kept.pop(key, None)
        if old is not None:
            self._kept_bytes -= len(old[0]) + len(old[1] or b"")
        kept[key] = made, packed
        self._kept_bytes += len(made) + len(packed or b"")
        while self._kept_bytes > MOST_BYTES and len(kept) > 1:
            _key, (dropped, dropped_packed) = kept.popitem(last=False)
            self._kept_bytes -= len(dropped) + len(dropped_packed or b"")

