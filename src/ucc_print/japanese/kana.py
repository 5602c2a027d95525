"""五十音順: a sort key for ふりがな, as Japanese lists order names."""

from __future__ import annotations

import unicodedata

#: Small kana sort as their full-size letters (ょ as よ).
_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def hiragana(text: str) -> str:
    """Katakana (full- or half-width) as hiragana; other characters as they are."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in folded)


def gojuon_key(reading: str) -> tuple[str, str]:
    """Orders readings as a Japanese dictionary does: by the letters without their voicing marks
    and small forms first (か = が, つ = っ), then with them; spaces and the long-vowel mark ignored."""
    plain = "".join(ch for ch in hiragana(reading) if not ch.isspace() and ch not in "ー・")
    base = "".join(ch for ch in unicodedata.normalize("NFD", plain) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", base).translate(_SMALL), plain
