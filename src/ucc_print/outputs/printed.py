"""The print shop's files: every product print.yaml orders, made in the print-shop profile by the
output that declares it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.model import PrintItem, Project
from ..errors import UccError
from . import registry
from .base import Output, Product, products


@dataclass(frozen=True)
class ShopFile:
    """One file for print/: the item of print.yaml, its file name, the product, its PDF/X bytes."""

    item: PrintItem
    name: str
    product: Product
    data: bytes


def shop_files(project: Project, root: Path) -> list[ShopFile]:
    """Every item of print.yaml as a print-shop file, in the order print.yaml lists them, each
    output laid out once however many items it makes."""
    if project.printing is None:
        raise UccError("content/print.yaml is missing: it lists what the print shop is to print (products, "
                       "copies, paper, finishing).\nCopy it from the bundled example content and edit it.")
    registry()
    known = products()
    made: dict[type[Output], Output] = {}
    files = []
    for item in project.printing.items:
        output, product = known[item.output]
        name, data = made.setdefault(output, output(project, root)).product(product, item)
        files.append(ShopFile(item, name, product, data))
    return files
