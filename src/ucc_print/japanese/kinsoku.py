"""Kinsoku shori character classes after JLREQ (W3C, Requirements for Japanese Text Layout).

JLREQ class numbers are given as cl-NN. These sets are what the line breaker obeys; the tests
check printed lines against the same sets.
"""

import functools
import unicodedata

#: cl-02 closing brackets (full and half width, Latin included).
CLOSING_BRACKETS = "’”)]}〕〉》」』】〙〗〟｠»）］｝｣"
#: cl-03 hyphens (and the wave dashes used as hyphens).
HYPHENS = "‐〜゠–～"
#: cl-04 dividing punctuation.
DIVIDING = "！？‼⁇⁈⁉!?"
#: cl-05 middle dots.
MIDDLE_DOTS = "・：；:;･"
#: cl-06 full stops.
FULL_STOPS = "。．.｡"
#: cl-07 commas.
COMMAS = "、，,､"
#: cl-09 iteration marks.
ITERATION_MARKS = "ヽヾゝゞ々〻"
#: cl-10 prolonged sound mark.
PROLONGED = "ーｰ"
#: cl-11 small kana (hiragana, katakana, katakana extensions, half-width).
SMALL_KANA = (
    "ぁぃぅぇぉっゃゅょゎゕゖ"
    "ァィゥェォッャュョヮヵヶ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｬｭｮｯ"
)
#: Postfixed abbreviations that never start a line (cl-25 in part).
POSTFIXES = "%‰℃°′″¢％"

#: Characters that must not begin a line (行頭禁則).
NO_LINE_START = frozenset(
    CLOSING_BRACKETS + HYPHENS + DIVIDING + MIDDLE_DOTS + FULL_STOPS + COMMAS
    + ITERATION_MARKS + PROLONGED + SMALL_KANA + POSTFIXES
)

#: cl-01 opening brackets.
OPENING_BRACKETS = "‘“([{〔〈《「『【〘〖〝｟«（［｛｢"
#: Prefixed abbreviations that never end a line (cl-24 in part).
PREFIXES = "¥$£#№￥＄＃"
#: Characters that must not end a line (行末禁則).
NO_LINE_END = frozenset(OPENING_BRACKETS + PREFIXES)

#: Characters whose classes are remembered (these functions run for every character set).
CHARS_KEPT = 65_536

#: cl-08 inseparable characters: a run of the same one is never split (――, ……).
INSEPARABLE = frozenset("—―…‥〳〴〵")


@functools.lru_cache(maxsize=CHARS_KEPT)
def extends_previous(ch: str) -> bool:
    """A character that belongs to the one before it: combining (semi-)voiced marks, variation
    selectors (異体字 in names), half-width ﾞﾟ, joiners. Nothing may separate them."""
    code = ord(ch)
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or ch in "\uff9e\uff9f\u200d"
    )


@functools.lru_cache(maxsize=CHARS_KEPT)
def is_cjk(ch: str) -> bool:
    """Whether a character sets as a Japanese (full-width) character, with breaks allowed around it.

    East Asian "ambiguous" width covers Japanese symbols (※, ○, ①) but also accented Latin, Greek
    and Cyrillic letters (é, ü, ß): those are letters of Western words (José, Müller), never
    broken inside."""
    width = unicodedata.east_asian_width(ch)
    if width == "A":
        return not unicodedata.category(ch).startswith("L") and not ch.isspace()
    return width in "WFH" and not ch.isspace()


def may_break_between(before: str, after: str) -> bool:
    """Whether kinsoku allows a line break between two adjacent characters."""
    if after in NO_LINE_START or before in NO_LINE_END or extends_previous(after):
        return False
    return not (before in INSEPARABLE and after == before)
