"""The kinsoku line breaker on a stress paragraph, at every width from 4 to 40 ems, and its edge cases."""

import pytest

from ucc_print.design import fonts
from ucc_print.japanese.kinsoku import NO_LINE_END, NO_LINE_START
from ucc_print.typeset.linebreak import Span, break_lines

from .kinsoku_rules import MUST_NOT_END, MUST_NOT_START, violations

#: Every character class the rules name, in real words and real punctuation sequences, packed
#: densely so that many breaks fall on them.
STRESS = (
    "「旭川家具」は、木工の町・旭川を代表するブランドです。『デザイン都市』への歩み――"
    "それは1976年の「旭川デザインシンポジウム」から始まりました！　なぜでしょう？　"
    "答え：人と技術；そして【国際家具デザインフェア旭川】（IFDA）、〈3年に1度〉の《国際公募》。"
    "ちょっとしたコーヒーブレイク、キャッシュ・フロー、チェック、ジェットコースター、"
    "ファッションショー、ヴァイオリン、ぁっと驚く「これは、テスト」です……と言った。"
    "ユネスコ創造都市ネットワーク（UCCN）は2004年に設立され、世界約100か国・408都市"
    "（令和7年10月31日現在）が加盟しています。人々は時々、「学問のすゝめ」や「いすゞ」を読む。"
    "シャッター、ショック、ミュージアム、ヴェネツィア、パーティー、フォーラム。"
)
#: The narrowest measure the outputs set text in, in ems (a narrow table cell).
NARROWEST = 4

SIZE = 10.0


def _set(text: str, width_ems: float, font: str = "pgothic") -> list[str]:
    lines = break_lines([Span(text, font, SIZE)], width_ems * SIZE, fonts.advance)
    return [line.text for line in lines]


@pytest.mark.parametrize("font", ["pgothic", "gothic", "pmincho"])
def test_stress_paragraph_obeys_kinsoku_at_every_width(font):
    checked = 0
    for half_ems in range(NARROWEST * 2, 81):
        lines = _set(STRESS, half_ems / 2, font)
        # Nothing lost or added, except spaces, which vanish where a line breaks at them.
        assert "".join(lines).replace("\u3000", "") == STRESS.replace("\u3000", "")
        assert violations(lines) == [], f"width {half_ems / 2} em"
        checked += len(lines)
    assert checked > 500  # the paragraph really was broken many times


def test_a_cluster_longer_than_the_line_is_split_rather_than_overflowing():
    # "！？：；」" may not be separated from "字" at all: on a 3-em line it has to be cut.
    lines = _set("字！？：；」。", 3, "gothic")
    assert "".join(lines) == "字！？：；」。"
    assert all(len(line) <= 3 for line in lines)


def test_the_named_characters_are_in_the_breaker_sets():
    assert MUST_NOT_START <= NO_LINE_START
    assert MUST_NOT_END <= NO_LINE_END


def test_oidashi_pulls_the_previous_character_down():
    # 6 ems wide: "あいうえおか" fills the line exactly, so "。" would start line 2 …
    lines = _set("あいうえおか。きく", 6, "gothic")
    assert lines == ["あいうえお", "か。きく"]


def test_opening_bracket_never_ends_a_line():
    lines = _set("あいうえお「かきく」", 6, "gothic")
    assert lines[0] == "あいうえお"
    assert lines[1].startswith("「")


def test_lines_fit_their_width():
    for half_ems in range(6, 81):
        width = half_ems / 2 * SIZE
        for line in break_lines([Span(STRESS, "pgothic", SIZE)], width, fonts.advance):
            assert line.width <= width + 1e-6


def test_latin_words_and_numbers_are_not_split():
    text = "The UNESCO Creative Cities Network joined 408 cities in 2025 and more."
    lines = _set(text, 12)
    words = text.split()
    for line in lines:
        for word in line.split():
            assert word in words, f"{word!r} was split"
    assert " ".join(line.strip() for line in lines) == text


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing():
    lines = break_lines([Span("sangyousinkou@city.asahikawa.lg.jp", "pgothic", SIZE)], 60, fonts.advance)
    assert len(lines) > 1
    assert all(line.width <= 60 for line in lines)
    assert "".join(line.text for line in lines) == "sangyousinkou@city.asahikawa.lg.jp"


def test_hard_line_break_and_indents():
    lines = break_lines([Span("一行目\n二行目", "gothic", SIZE)], 100, fonts.advance, first_indent=10)
    assert [line.text for line in lines] == ["一行目", "二行目"]
    assert lines[0].indent == 10 and lines[1].indent == 0
    assert lines[0].last and lines[1].last


def test_mixed_fonts_keep_their_spans():
    spans = [Span("旭川市は", "pgothic", SIZE), Span("2019年", "pgothic-bold", SIZE), Span("に加盟。", "pgothic", SIZE)]
    (line,) = break_lines(spans, 400, fonts.advance)
    assert [(s.text, s.font) for s in line.spans] == [
        ("旭川市は", "pgothic"), ("2019年", "pgothic-bold"), ("に加盟。", "pgothic")]


@pytest.mark.parametrize(
    ("text", "ems", "never_first"),
    [
        ("あいうえか\u3099きく", 5, "\u3099"),  # combining voiced mark stays with か
        ("あいうえお葛\U000E0100城", 6, "\U000E0100"),  # variation selector stays with 葛
        ("あいうｶﾞｷﾞ", 2.5, "ﾞ"),  # half-width voiced mark stays with its kana
    ],
)
def test_marks_that_belong_to_a_character_are_never_separated(text, ems, never_first):
    lines = _set(text, ems)
    assert "".join(lines) == text
    assert not any(line.startswith(never_first) for line in lines)


def test_ideographic_space_vanishes_at_a_break_but_opens_a_paragraph():
    lines = _set("　字下げのある段落です。なぜでしょう？　答えはここに。", 8, "gothic")
    assert lines[0].startswith("\u3000")
    assert not any(line.startswith("\u3000") for line in lines[1:])
    assert not any(line.startswith("、") for line in _set("あいう　、え", 3, "gothic"))


def test_spaces_do_not_hide_a_forbidden_break():
    # A cut inside a too-long cluster looks past the space: "「" must not end the line.
    lines = _set("「 旭川」と「 あいうえおかきくけこ」", 4, "gothic")
    assert all(not line.rstrip().endswith("「") for line in lines[:-1])


def test_no_crash_when_the_indent_leaves_no_room():
    lines = break_lines([Span("  x", "pgothic", SIZE)], 10, fonts.advance, first_indent=30)
    assert "".join(line.text for line in lines).strip() == "x"


# ------------------------------------------------------------------ units that never break


def _lines(spans, width, phrases=False):
    return break_lines(spans, width, fonts.advance, phrases=phrases)


def _split(unit: str, lines) -> bool:
    """Whether a unit's text is divided between two lines."""
    texts = [line.text.replace(" ", "") for line in lines]
    joined, target = "".join(texts), unit.replace(" ", "")
    start = joined.find(target)
    assert start >= 0, (unit, texts)
    edges = [sum(len(t) for t in texts[:n]) for n in range(1, len(texts))]
    return any(start < edge < start + len(target) for edge in edges)


NAME = "アレクサンドラ・ヴィクトリア・ローゼンベルク 氏"


def test_a_name_marked_keep_stays_on_one_line_at_every_width_it_fits():
    spans = [Span("文化庁 参事官（伝統文化・生活文化担当）付 文化戦略官　", "pgothic", SIZE),
             Span(NAME, "pgothic", SIZE, True)]
    name_width = fonts.text_width(NAME, "pgothic", SIZE)
    for width in range(int(name_width) + 1, 600, 7):
        lines = _lines(spans, width)
        assert not _split(NAME, lines), width
        assert not any(line.broken for line in lines)


def test_a_name_wider_than_its_line_breaks_after_a_middle_dot_and_says_so():
    lines = _lines([Span(NAME, "pgothic", SIZE, True)], 160)
    assert [line.text for line in lines] == ["アレクサンドラ・ヴィクトリア・", "ローゼンベルク 氏"]
    assert lines[0].broken == NAME and lines[1].broken is None


@pytest.mark.parametrize("unit", ["ジョルジュ・ガルニエ", "ネットワーク", "2019年", "14:30", "令和8年6月17日(水)",
                         "408都市",
                                  "第9回", "Design"])
def test_katakana_words_latin_words_and_numbers_with_units_never_split(unit):
    text = f"旭川市は{unit}について、デザインを生かしたまちづくりを進めています。{unit}と国内外の都市。"
    unit_width = fonts.text_width(unit, "pgothic", SIZE)
    for half_ems in range(int(unit_width / SIZE * 2) + 2, 60):
        lines = _lines([Span(text, "pgothic", SIZE)], half_ems / 2 * SIZE)
        assert not _split(unit, lines), (half_ems, [line.text for line in lines])


def test_a_hyphenated_latin_name_breaks_at_its_hyphen():
    lines = _lines([Span("Anne-Sophie Rampal-Dupontshire", "pgothic", SIZE)], 70)
    assert [line.text for line in lines][-2:] == ["Rampal-", "Dupontshire"]


def test_short_texts_keep_phrases_and_organisations_break_at_word_ends():
    lines = _lines([Span("鶴岡市企画部食文化創造都市推進課", "pgothic", 8)], 60, phrases=True)
    assert [line.text for line in lines] == ["鶴岡市企画部", "食文化創造都市", "推進課"]
    # a run of Latin words is one phrase of a title: kept whole while it fits the line
    title = _lines([Span("UNESCO Creative Cities Networkと旭川市のデザイン", "pgothic-bold", 40)], 848, phrases=True)
    assert [line.text for line in title] == ["UNESCO Creative Cities Networkと", "旭川市のデザイン"]


def test_no_paragraph_ends_in_a_line_of_one_or_two_characters_when_a_box_can_move_down():
    text = "旭川市は、デザイン都市として、ものづくりの伝統を大切に保存"
    for width in range(120, 300, 3):
        lines = _lines([Span(text, "pgothic", SIZE)], width)
        if len(lines) > 1:
            assert len(lines[-1].text) > 2, (width, [line.text for line in lines])


def test_extent_gives_the_narrowest_and_widest_a_cell_can_be():
    from ucc_print.typeset.linebreak import extent

    found = extent((Span("北山 浩士 氏", "pgothic", SIZE, True),), fonts.advance, True)
    width = fonts.text_width("北山 浩士 氏", "pgothic", SIZE)
    assert found.narrowest == found.unit == found.widest == pytest.approx(width)
    found = extent((Span("旭川市 経済部産業振興課", "pgothic", SIZE),), fonts.advance, True)
    assert found.unit < found.narrowest <= found.widest


def _full(spans, width, first_indent, indent, phrases):
    """The full breaker's lines (units, phrases, boxes, greedy filling), without the shortcut."""
    from ucc_print.typeset import linebreak

    segments = linebreak._prepared(spans, fonts.advance, phrases)
    paragraphs = linebreak._set(segments, width, first_indent, indent, phrases)
    return tuple(line for built in paragraphs for line in linebreak._lines(built, width))


def test_the_one_line_shortcut_sets_what_the_full_breaker_sets():
    """Texts whose every segment fits whole are set without units and phrases: the lines must be
    the full breaker's, spans, widths and roles alike; near or past the measure it steps aside."""
    import random

    from ucc_print.typeset.linebreak import _one_line_each

    chooser = random.Random(13)
    alphabet = "旭川市デザインの都市国際ABC abc 123。、（）「」ー・\u3000 \n"
    taken = declined = 0
    for _ in range(1500):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 30)))
        cut = chooser.randint(0, len(text))
        sizes = chooser.choice([(12.0, 10.5), (7.1, 13.7), (9.3, 8.45)])  # copy-fitting makes sizes like these
        spans = tuple(span for span in (Span(text[:cut], "pgothic-bold", sizes[0]),
                                         Span(text[cut:], "pgothic", sizes[1])) if span.text)
        width = chooser.choice([20.0, 60.0, 120.0, 240.0, 480.0])
        first_indent, indent = chooser.choice([(0.0, 0.0), (10.5, 0.0), (0.0, 21.0)])
        phrases = chooser.random() < 0.5
        short = _one_line_each(spans, width, fonts.advance, first_indent, indent)
        full = _full(spans, width, first_indent, indent, phrases)
        if short is None:
            declined += 1
            assert any(line.width > line.available - 1e-6 for line in full) or len(full) > text.count("\n") + 1
        else:
            taken += 1
            assert short == full, (text, width, first_indent, indent)
    assert taken > 500 and declined > 200


def test_natural_width_is_the_extents_widest():
    """Column widths take the max-content width alone while every column fits: it must be extent()'s."""
    import random

    from ucc_print.typeset.linebreak import extent, natural_width

    chooser = random.Random(7)
    alphabet = "旭川市デザインABC abc 123。、\u3000 \n"
    for _ in range(1500):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 30)))
        spans = (Span(text, "pgothic", 10.5),) if text else ()
        first_indent = chooser.choice([0.0, 10.5])
        full = extent(spans, fonts.advance, chooser.random() < 0.5, first_indent)
        assert natural_width(spans, fonts.advance, first_indent) == full.widest
        assert full.narrowest <= full.widest and full.unit <= full.widest  # why widest alone may decide
