"""Copy-fitting: shrink in proportion, never below a style's floor; tables split with their header."""

from dataclasses import replace

from ucc_print.components.blocks import city_table
from ucc_print.components.fit import factors, fit_rows, fit_stack, fit_table
from ucc_print.components.measure import height, stack_height
from ucc_print.components.spec import Run, TextSpec
from ucc_print.design.geometry import Box
from ucc_print.design.theme import SLIDES

BODY = SLIDES.style("body")


def test_text_that_fits_keeps_its_size():
    spec = TextSpec((Run("旭川市の取組"),), BODY)
    assert fit_stack([spec], 400, 100) == [spec]


def test_text_shrinks_to_the_largest_size_that_fits_and_not_below_the_floor():
    spec = TextSpec((Run("デザインのまち旭川。" * 12),), BODY)
    fitted = fit_stack([spec], 400, 200)
    assert fitted and BODY.min_size <= fitted[0].style.size < BODY.size
    assert stack_height(fitted, 400) <= 200
    assert fit_stack([spec], 100, 40) is None


def test_a_style_without_a_floor_still_fits_at_its_own_size():
    notes = TextSpec((Run("あ"),), SLIDES.style("notes"))  # 12 pt, no floor of its own
    assert fit_stack([notes], 500, 500) == [notes]
    assert list(factors([notes])) == [1.0]


def test_rows_shrink_by_one_factor():
    short = [TextSpec((Run("短い"),), BODY)]
    long = [TextSpec((Run("長い文章が続きます。" * 8),), BODY)]
    fitted = fit_rows([short, long], [Box(0, 0, 300, 200), Box(0, 0, 300, 200)])
    assert fitted and fitted[0][0].style.size == fitted[1][0].style.size < BODY.size


def test_a_long_table_splits_with_every_row_kept(bundled):
    table = city_table(bundled, SLIDES)
    longer = replace(table, rows=table.rows * 3)
    parts = fit_table(longer, 848, 366)
    assert len(parts) >= 2
    assert sum(len(part.rows) for part in parts) == 36
    assert all(height(part, 848) <= 366 for part in parts)
    assert [part.note is not None for part in parts] == [False] * (len(parts) - 1) + [True]


def test_every_theme_prints_in_faces_the_glyph_check_covers():
    from ucc_print.design import theme as themes
    from ucc_print.design.fonts import PRINTED_FACES

    for candidate in vars(themes).values():
        if isinstance(candidate, themes.Theme):
            for style in candidate.styles.values():
                assert style.face() in PRINTED_FACES and style.face(bold=True) in PRINTED_FACES, (candidate.name, style)
