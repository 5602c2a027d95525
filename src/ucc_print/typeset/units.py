"""Units that never break across lines: katakana words, Latin words, numbers with their units.

JLREQ (分離禁止) keeps a Latin word and a run of digits whole; typographic practice adds a
katakana loanword or foreign name (with its ・ and ー), and a number with its unit (2019年,
14:30, 6月17日(水), 12都市, 第9回). A person's name is a unit too, but text cannot tell a name
from other words: whoever knows (the guest list) marks it with `Span.keep`.

`hard_units` numbers the characters of a text so that equal non-zero numbers mean "one unit".
"""

from __future__ import annotations

import functools
import re

from ..japanese.kinsoku import CHARS_KEPT, extends_previous, is_cjk

#: Characters joining the parts of a foreign name or word: a unit breaks after them first.
SEPARATORS = "・＝=･゠‐-/／"
#: Counters and units that belong to the number before them (longest first where they overlap).
NUMBER_UNITS = sorted(
    ["年度", "年間", "年", "か年", "ヶ年", "カ年", "か月", "ヶ月", "カ月", "ケ月", "月", "日間", "日", "時間", "時",
     "分間", "分", "秒", "回目", "回", "歳", "人", "名", "件", "個", "枚", "部", "階", "号", "円", "点", "位", "割",
     "期", "条", "項", "章", "節", "頁", "社", "校", "館", "周年", "世紀", "都市", "分野", "か国", "ヶ国", "カ国",
     "ケ国", "か所", "ヶ所", "カ所", "箇所", "万", "億", "千", "倍", "度", "色", "本", "台", "席", "品", "種", "組",
     "隻", "冊", "通", "泊", "週", "週間", "%", "％", "‰", "℃", "°", "pt", "mm", "cm", "km", "kg", "MB", "KB", "GB"],
    key=len, reverse=True)
#: What may stand before a number and belongs to it: 第9回, 約100か国, 令和8年.
NUMBER_PREFIXES = ("令和", "平成", "昭和", "大正", "明治", "第", "約", "計", "全", "各", "毎", "¥", "￥", "$", "＄",
                   "#", "＃")
_DIGITS = "0-9０-９"
_NUMBER = re.compile(
    rf"(?:{'|'.join(map(re.escape, NUMBER_PREFIXES))})?"
    rf"[{_DIGITS}]+(?:[,.:，．：][{_DIGITS}]+)*"
    rf"(?:{'|'.join(map(re.escape, NUMBER_UNITS))})?"
    r"|(?:令和|平成|昭和|大正|明治)元年"
)
#: A weekday in brackets right after a date stays with it: 6月17日(水).
_WEEKDAY = re.compile(r"[(（][月火水木金土日][)）]")


@functools.lru_cache(maxsize=CHARS_KEPT)
def is_katakana(ch: str) -> bool:
    """Katakana letters, the prolonged sound mark and iteration marks (full and half width)."""
    code = ord(ch)
    return 0x30A1 <= code <= 0x30FA or 0x30FC <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F


def is_latin(ch: str) -> bool:
    """A character of a Latin word or number: not Japanese, not a space."""
    return not is_cjk(ch) and not ch.isspace()


def hard_units(text: str) -> list[int]:
    """A unit number per character (0: free): katakana words with their ・ and ＝, numbers with
    their prefix, unit and weekday, and marks that extend the character before them."""
    units = [0] * len(text)
    next_id = 1

    def mark(start: int, end: int) -> None:
        nonlocal next_id
        if end - start > 1:
            for index in range(start, end):
                units[index] = next_id
            next_id += 1

    covered = 0
    for match in _NUMBER.finditer(text):
        if match.start() < covered:
            continue
        end = match.end()
        # chained: 2026年6月17日 and 14時30分 are one unit, and a weekday follows its date
        while True:
            more = _NUMBER.match(text, end)
            if more and more.end() > end and more.start() == end and text[end - 1] in "年月日時分":
                end = more.end()
                continue
            weekday = _WEEKDAY.match(text, end)
            if weekday and text[end - 1] == "日":
                end = weekday.end()
            break
        mark(match.start(), end)
        covered = end
    index = 0
    while index < len(text):
        if is_katakana(text[index]):
            start = index
            while index < len(text) and (
                is_katakana(text[index]) or extends_previous(text[index])
                or (text[index] in "・＝゠=･" and index + 1 < len(text) and is_katakana(text[index + 1]))
            ):
                index += 1
            if not any(units[start:index]):
                mark(start, index)
            continue
        index += 1
    # a combining mark or variation selector belongs to its base character, whatever it is
    for index in range(1, len(text)):
        if extends_previous(text[index]):
            if not units[index - 1]:
                units[index - 1] = next_id
                next_id += 1
            units[index] = units[index - 1]
    return units


@functools.lru_cache(maxsize=CHARS_KEPT)
def script(ch: str) -> str:
    """Kanji, hiragana, katakana or other: where one ends and another begins, words often do."""
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if is_katakana(ch):
        return "katakana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF or ch in "々〆":
        return "kanji"
    return "other"
