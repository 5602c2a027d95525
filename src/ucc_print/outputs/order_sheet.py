"""order-sheet.pdf, the 入稿仕様書: for each file of the print shop's package, what to make of it."""

from __future__ import annotations

from .. import __version__
from ..backends.pdf import document
from ..components.heading import heading
from ..components.keyvalue import aligned, key_values
from ..components.pages import paginate
from ..components.spec import Column, Spec
from ..components.table import data_table
from ..components.text import CellValue, plain
from ..content.model import Project
from ..design.profiles import OUTPUT_CONDITION, OUTPUT_CONDITION_ID, SHOP, size_text
from ..design.theme import HANDOUT, Theme
from ..design.units import mm
from ..errors import ContentError
from ..japanese.dates import wareki
from .info import document_info
from .printed import ShopFile

FILE_NAME = "order-sheet.pdf"


def _quantity(file: ShopFile, pages: int) -> str:
    """50部, or for cards 各1枚（計16枚）."""
    copies = file.item.copies
    return f"各{copies}枚（計{copies * pages}枚）" if file.product.one_per_page else f"{copies}部"


def _printing(file: ShopFile) -> str:
    return "両面 4色／4色（CMYK）" if file.item.sides == "両面" else "片面 4色／0色（CMYK）"


def header(project: Project, theme: Theme) -> list[Spec]:
    """Who orders, from whom, by when, delivered where."""
    order, host, contact = project.printing, project.host, project.host.contact
    assert order is not None, "the order sheet is made only for print.yaml's products"
    rows: list[tuple[str, CellValue]] = [
        ("件名", f"{project.event.title} 印刷物"),
        ("発注者", f"{host.city}{contact.department}　担当 {contact.person}"),
        ("連絡先", contact.reach()),
        ("印刷会社", order.shop or "（未定）"),
        ("納品希望日", wareki(order.due, True) if order.due else "（ご相談）"),
        ("納品先", order.delivery or "（ご相談）"),
        ("校正", order.proofing),
    ]
    return [plain("入稿仕様書", theme, "title", "center"), key_values(rows, theme)]


def summary(files: list[tuple[ShopFile, int, list[str]]], theme: Theme) -> Spec:
    """One row per file: 品名 over its file name, finished size, pages, quantity."""
    return data_table(
        [Column("品名／ファイル（print/）"), Column("仕上がりサイズ"), Column("ページ", "right"),
         Column("数量", "right")],
        [[[file.product.title, file.name], size, f"{pages}", _quantity(file, pages)] for file, pages, size in files],
        theme,
        sources=[file.item.where for file, _pages, _size in files],
    )


def details(files: list[tuple[ShopFile, int, list[str]]], theme: Theme) -> list[Spec]:
    """A block per file: size, pages, quantity, paper, colours, finishing, notes."""
    specs: list[Spec] = []
    for number, (file, pages, size) in enumerate(files, 1):
        rows = [
            ("ファイル", f"print/{file.name}"),
            ("仕上がりサイズ", size),
            ("ページ数", f"{pages}ページ" + ("（1ページが1枚）" if file.product.one_per_page else "")),
            ("数量", _quantity(file, pages)),
            ("用紙", file.item.paper),
            ("印刷", _printing(file)),
            ("加工", file.item.finishing),
        ]
        if file.item.note:
            rows.append(("備考", file.item.note))
        specs += [heading(file.product.title, theme, number, level=3), key_values(rows, theme)]
    return specs


def data_spec(theme: Theme) -> list[Spec]:
    """How every file is made, once for all."""
    bleed = f"{SHOP.bleed / mm(1):g}"
    rows = [
        ("形式", "PDF/X-1a:2001（PDF 1.3）。すべてのファイルが入稿前の検査（ucc-print preflight）に合格しています"),
        ("出力条件", f"{OUTPUT_CONDITION}（{OUTPUT_CONDITION_ID}）"),
        ("色", "CMYK のみ。黒の文字は K100（リッチブラックなし）。RGB・特色・透明効果は使っていません"),
        ("塗り足し", f"天地左右 {bleed} mm（TrimBox が仕上がり、BleedBox が塗り足し）"),
        ("トンボ", "日本式（角トンボ二重・センタートンボ）。卓上名札は折りトンボ付き"),
        ("フォント", "すべて埋め込み（BIZ UD ゴシック・明朝）"),
        ("面付け", "各ファイル1ページが仕上がり1面です。面付けはお任せします"),
        ("校正用画像", "proofs/ フォルダの PNG（各ページをトンボまで表示）"),
        ("ファイルの照合", "SHA256SUMS（sha256sum -c SHA256SUMS で確認できます）"),
        ("作成", f"ucc-print {__version__}（reportlab・pikepdf）"),
    ]
    return [heading("入稿データの仕様", theme, level=3), key_values(rows, theme)]


def finished_size(file: ShopFile, trim_mm: tuple[float, float] | None) -> list[str]:
    """A4（210 × 297 mm）; for a folded product 展開 A4 … over 二つ折り 210 × 148.5 mm."""
    if trim_mm is None:
        return ["ページにより異なります"]
    size = size_text(*trim_mm)
    if file.product.folded_mm:
        return [f"展開 {size}", f"二つ折り {file.product.folded_mm[0]:g} × {file.product.folded_mm[1]:g} mm"]
    return [size]


def pdf(project: Project, files: list[tuple[ShopFile, int, tuple[float, float] | None]],
          theme: Theme = HANDOUT) -> bytes:
    """The order sheet for print-shop files given with their page counts and trim sizes in mm."""
    shown = [(file, pages, finished_size(file, trim)) for file, pages, trim in files]
    specs = header(project, theme) + [summary(shown, theme)] + data_spec(theme) + details(shown, theme)
    info = document_info(project, "入稿仕様書")
    furniture = document.running_furniture(theme, f"{project.event.title} 入稿仕様書", project.host.city)
    laid = paginate(aligned(specs, theme.page_grid.frame_width), theme.page_grid)
    if laid.problems:
        raise ContentError(laid.problems)
    return document.render(laid.pages, info, furniture, theme.style("body").face())
