"""A PDF's raw bytes, read before qpdf parses any of it: how much memory its object syntax needs,
and whether it has object or cross-reference streams (PDF 1.5).

qpdf keeps every number, name, bracket and string of the objects it parses as an object of its
own, about 150 bytes each: a few MB of bare syntax (`0 0 0 …`), or an object stream that inflates
to it, would take gigabytes. The scan estimates that memory from the bytes, skipping stream data
(pictures, fonts and page content, which qpdf does not parse as objects) but counting what object
streams hold once inflated, and stops counting once past the limit. It is a lexer, not a parser:
strings, hexadecimal strings and comments are skipped whole, so the word `stream` inside them is
not taken for stream data. A mapped file is read a window at a time and its pages given back
behind the scan, so a large file never counts as this process's memory.
"""

from __future__ import annotations

import mmap
import re
import zlib
from typing import Protocol

#: Bytes that end a PDF token (white space and delimiters): each starts at most one new object.
SEPARATORS = b"\x00\t\n\x0c\r ()<>[]{}/%"
#: Memory qpdf needs for the object a token makes (measured: 130–150 bytes), and for each byte of syntax.
BYTES_PER_TOKEN, BYTES_PER_BYTE = 150, 2
#: The most an object stream is inflated to count what it holds.
MAX_INFLATED = 32_000_000

_OTHER_BYTES = bytes(sorted(set(range(256)) - set(SEPARATORS)))
#: Where plain counting stops: a string, a comment, a hexadecimal string (`<` alone), a stream's data.
_STOPS = re.compile(rb"[(%]|(?<!<)<(?!<)|(?<=[\s>])stream(?=[\r\n])")
_STRING_PARTS = re.compile(rb"\\.|[()]", re.S)
_LINE_END = re.compile(rb"[\r\n]")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
#: The keyword that starts an object (`12 0 obj`), and the key only an object stream has.
_OBJ = re.compile(rb"(?<=[\s\x00])obj(?=[\s\x00<\[/(%])")
_FIRST = re.compile(rb"/First(?=[\s\x00()<>\[\]{}/%]|$)")
#: Streams of PDF 1.5 and later (their dictionaries are never compressed).
_NEWER = re.compile(rb"/Type\s*/(ObjStm|XRef)\b")
#: A stream's dictionary longer than this is taken for an object stream of the worst kind.
_LONGEST_DICTIONARY = 1_000_000
#: Syntax is counted this many bytes at a time (a copy of each piece is made).
_PIECE = 4_000_000
#: A mapped file is searched this many bytes at a time, the pages behind given back as it goes (else
#: the whole file would count as this process's memory); searches overlap by _OVERLAP bytes.
_WINDOW, _OVERLAP = 16_000_000, 64


class Buffer(Protocol):
    """bytes or an mmap: what the scan reads."""

    def __len__(self) -> int: ...
    def __getitem__(self, index: slice) -> bytes: ...
    def find(self, sub: bytes, start: int = ..., end: int = ...) -> int: ...
    def rfind(self, sub: bytes, start: int = ..., end: int = ...) -> int: ...


class SyntaxMemory:
    """An estimate of the memory qpdf needs for a file's objects, counted until it passes `limit`."""

    def __init__(self, data: Buffer, limit: int):
        self.data, self.limit = data, limit
        self.estimate = 0
        #: Where the last object began (its `obj` keyword): a stream's dictionary lies after it.
        self.last_object = 0
        #: How much of a mapped file has been given back.
        self.released = 0
        #: The PDF 1.5 kinds of stream met (ObjStm, XRef).
        self.newer: set[str] = set()

    @property
    def over(self) -> bool:
        return self.estimate > self.limit

    def count(self) -> int:
        """The estimate in bytes (once past the limit, how far the count got)."""
        position, size = 0, len(self.data)
        while position < size and not self.over:
            stop = self.search(_STOPS, position)
            end = stop.start() if stop else size
            self.plain(position, end)
            if stop is None or self.over:
                break
            position = self.skip(stop.group(), stop.start(), stop.end())
        return self.estimate

    def search(self, pattern: re.Pattern[bytes], start: int) -> re.Match[bytes] | None:
        """pattern.search from `start`, a window at a time."""
        size = len(self.data)
        while start < size:
            end = min(size, start + _WINDOW)
            found = pattern.search(self.data, start, end)  # type: ignore[call-overload]  # an mmap is a buffer
            if found and (end == size or found.start() < end - _OVERLAP):  # well inside: not cut by the end
                return found  # type: ignore[no-any-return]
            if end == size:
                return None
            start = end - _OVERLAP
            self.release(start)
        return None

    def find(self, word: bytes, start: int) -> int:
        """Where `word` is from `start` on (the end if nowhere)."""
        found = self.search(re.compile(re.escape(word)), start)
        return found.start() if found else len(self.data)

    def release(self, before: int) -> None:
        """Give back the pages of a mapped file before `before` (read again from the file if needed)."""
        upto = before // mmap.PAGESIZE * mmap.PAGESIZE
        if upto - self.released >= _WINDOW and isinstance(self.data, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
            self.data.madvise(mmap.MADV_DONTNEED, self.released, upto - self.released)
            self.released = upto

    def plain(self, start: int, end: int) -> None:
        """Syntax between two stops: each separator may start an object."""
        for keyword in _OBJ.finditer(self.data, start, end):  # type: ignore[call-overload]
            self.last_object = keyword.start()
        for piece in range(start, end, _PIECE):
            self.release(piece)
            chunk = self.data[piece:min(end, piece + _PIECE)]
            self.estimate += BYTES_PER_TOKEN * len(chunk.translate(None, _OTHER_BYTES)) + BYTES_PER_BYTE * len(chunk)
            if self.over:
                return

    def skip(self, stop: bytes, start: int, after: int) -> int:
        """Past a string, comment, hexadecimal string or stream's data; where counting goes on."""
        self.estimate += BYTES_PER_TOKEN
        if stop == b"(":
            return self.string(after)
        if stop == b"%":
            line_end = self.search(_LINE_END, after)
            return line_end.start() if line_end else len(self.data)
        if stop == b"<":
            end = min(len(self.data), self.find(b">", after) + 1)
            self.estimate += BYTES_PER_BYTE * (end - start)
            return end
        return self.stream(start, after)

    def string(self, after: int) -> int:
        """Past a literal string (balanced parentheses, backslash escapes); each part counts."""
        depth, position = 1, after
        while (part := self.search(_STRING_PARTS, position)) is not None:
            self.estimate += BYTES_PER_TOKEN
            position = part.end()
            if self.over:
                return position
            token = part.group()
            depth += 1 if token == b"(" else -1 if token == b")" else 0
            if depth == 0:
                self.estimate += BYTES_PER_BYTE * (position - after)
                return position
        return len(self.data)

    def stream(self, keyword: int, after: int) -> int:
        """Past a stream's data; an object stream's objects are counted as they will be parsed."""
        data = self.data
        begin = after + (2 if data[after:after + 2] == b"\r\n" else 1)
        end = self.find(b"endstream", begin)
        if keyword - self.last_object > _LONGEST_DICTIONARY:
            self.estimate += BYTES_PER_TOKEN * MAX_INFLATED // 2
            return end + len(b"endstream")
        dictionary = _NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data[self.last_object:keyword])
        self.newer.update(kind.decode() for kind in _NEWER.findall(dictionary))
        if _FIRST.search(dictionary):  # an object stream (qpdf needs /First to read one)
            self.object_stream(dictionary, begin, end)
        return end + len(b"endstream")

    def object_stream(self, dictionary: bytes, begin: int, end: int) -> None:
        """The syntax an object stream holds once inflated (the worst case if it is not Flate)."""
        filters = _FILTERS.search(dictionary)
        names = re.findall(rb"/(\w+)", filters[1]) if filters else []
        if names and names != [b"FlateDecode"] and names != [b"Fl"]:
            self.estimate += BYTES_PER_TOKEN * MAX_INFLATED // 2
            return
        inflator = zlib.decompressobj() if names else None
        inflated = 0
        for piece in range(begin, end, _PIECE):
            self.release(piece)
            chunk = self.data[piece:min(end, piece + _PIECE)]
            if inflator is not None:
                try:  # in pieces, so what comes before damage counts (qpdf parses that much)
                    chunk = inflator.decompress(chunk, MAX_INFLATED - inflated + 1)
                except zlib.error:
                    return
            inflated += len(chunk)
            self.estimate += BYTES_PER_TOKEN * len(chunk.translate(None, _OTHER_BYTES)) + BYTES_PER_BYTE * len(chunk)
            if self.over or inflated > MAX_INFLATED:
                return


def scan(data: Buffer, limit: int) -> SyntaxMemory:
    """The file's bytes scanned: roughly how much memory qpdf needs for its objects (counted no
    further than past `limit`), and the PDF 1.5 kinds of stream it has."""
    scanned = SyntaxMemory(data, limit)
    scanned.count()
    return scanned
