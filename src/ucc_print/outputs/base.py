"""Outputs, each declared once: the registry everything else is derived from.

An output is one module with one class registered here: its name (the command `ucc-print NAME`
and its key in `build`), what it is for a clerk, the content it is made from (for `--watch`),
whether it reads the guest list and has a print-shop version, its own options, the products
print.yaml may order from it, and how its files are made. The command line, `build`, `--watch`,
print.yaml's product names, `package`, `preview` and the tests all read this one list, as Sphinx
derives everything from its registered builders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..design.profiles import SHOP, Profile
from ..errors import UccError

if TYPE_CHECKING:
    from ..content.model import PrintItem, Project

#: Content every output may draw on: templates in any text can quote these files.
SHARED = ("content/event.yaml", "content/host.yaml", "content/network.yaml", "content/commission.yaml",
          "content/cities.yaml", "content/guests.yaml")
#: Where print-shop PDFs go under output/.
SHOP_FOLDER = "shop"


def shop_name(name: str, profile: Profile) -> str:
    """handout.pdf, or shop/handout.pdf in the print-shop profile."""
    return f"{SHOP_FOLDER}/{name}" if profile.shop else name


@dataclass(frozen=True)
class Option:
    """An option of an output's command (the CLI turns it into a click option)."""

    flag: str
    name: str
    help: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Product:
    """Something print.yaml may order: its name there, its 品名 on the order sheet, and how it is counted."""

    name: str
    title: str
    #: Each page is a product of its own (a card): quantities count pages, not copies of the file.
    one_per_page: bool = False
    #: The size once folded, in mm (a tent card), when the shop folds what it cuts.
    folded_mm: tuple[float, float] | None = None
    #: It takes print.yaml's per_page (slides a page).
    per_page: bool = False


class Output:
    """One output. A subclass declares the class attributes and makes its files."""

    #: The command's name and the output's key: `ucc-print NAME`.
    name: ClassVar[str]
    #: What it is, in the clerk's words (progress lines, errors).
    title: ClassVar[str]
    #: Project-relative paths or patterns (besides SHARED) whose change means a rebuild.
    sources: ClassVar[tuple[str, ...]] = ()
    #: The project attribute of an optional content file it is made from (see CONTENT_FILES), and
    #: what that file holds, to tell a clerk who asks for this output without it.
    needs: ClassVar[str | None] = None
    holds: ClassVar[str] = ""
    #: The files it writes (before shop_name), removed by `build` once that optional file is gone.
    writes: ClassVar[tuple[str, ...]] = ()
    #: Made from the guest list (its command takes --guests and --sheet).
    guests: ClassVar[bool] = True
    #: It has a print-shop version (its command takes --shop).
    shop: ClassVar[bool] = True
    #: Options of its own command.
    options: ClassVar[tuple[Option, ...]] = ()
    #: What print.yaml may order from it.
    products: ClassVar[tuple[Product, ...]] = ()
    #: A folder under output/ it owns whole (web): a file there it did not make this time is removed
    #: once its files are written, so the folder never holds a page or picture left from before.
    owns: ClassVar[str | None] = None

    def __init__(self, project: Project, root: Path, earlier: Mapping[str, bytes] | None = None):
        self.project, self.root = project, root
        #: Files other outputs made earlier in the same run (by name under output/), to reuse.
        self.earlier: Mapping[str, bytes] = earlier or {}

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        """Its files in memory (name under output/ → bytes); a UccError names what cannot be made."""
        raise NotImplementedError

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        """One product print.yaml orders, for the print shop: (file name, PDF/X bytes)."""
        raise NotImplementedError

    @classmethod
    def needs_file(cls) -> str | None:
        """The optional content file it is made from: press.yaml."""
        from ..content.loader import CONTENT_FILES

        return CONTENT_FILES[cls.needs][0] if cls.needs else None

    @classmethod
    def uses(cls, path: str) -> bool:
        """Whether a changed file (project-relative, with /) is one this output is made from."""
        return any(fnmatch(path, pattern) for pattern in SHARED + cls.sources)

    @classmethod
    def unavailable(cls, project: Project) -> str | None:
        """Why `build` skips it for this project (the optional content file it is made from is
        left out), or None when it can be made."""
        if cls.needs is not None and getattr(project, cls.needs) is None:
            return f"content/{cls.needs_file()} is missing"
        return None

    @classmethod
    def available(cls, project: Project) -> bool:
        """Whether it can be made from this project."""
        return cls.unavailable(project) is None

    @classmethod
    def missing(cls, project: Project | None = None) -> UccError:
        """The error for asking for this output when it cannot be made."""
        if project is None or (cls.needs is not None and getattr(project, cls.needs) is None):
            return UccError(f"content/{cls.needs_file()} is missing: it holds {cls.holds}.\n"
                            "Copy it from the bundled example content and edit it.")
        return UccError(f"{cls.unavailable(project)}.")


class Together(Output):
    """An output whose files are made together, each a product of its own (tent cards and badges;
    letters and reply forms): the print-shop set is made once for all the products it orders."""

    #: Each product's name and the file that is it.
    product_files: ClassVar[tuple[tuple[str, str], ...]] = ()

    def made(self, profile: Profile) -> dict[str, bytes]:
        """All its files, by name (before shop_name)."""
        raise NotImplementedError

    @cached_property
    def _shop(self) -> dict[str, bytes]:
        return self.made(SHOP)

    def files(self, profile: Profile, **options: Any) -> dict[str, bytes]:
        made = self._shop if profile.shop else self.made(profile)
        return {shop_name(name, profile): data for name, data in made.items()}

    def product(self, product: Product, item: PrintItem) -> tuple[str, bytes]:
        name = dict(self.product_files)[product.name]
        return name, self._shop[name]


#: Every output, by name, in the order `build` makes them.
REGISTRY: dict[str, type[Output]] = {}


def register(output: type[Output]) -> type[Output]:
    """Add an output to the registry (a class decorator)."""
    REGISTRY[output.name] = output
    return output


def products() -> dict[str, tuple[type[Output], Product]]:
    """Every product print.yaml may order, by its name, with the output that makes it."""
    return {product.name: (output, product) for output in REGISTRY.values() for product in output.products}


def print_problems(parts: dict[str, Any], at: Callable[..., Any]) -> list[Any]:
    """print.yaml's products checked against what the outputs make: each a known product, once."""
    order = parts.get("printing")
    if order is None:
        return []
    known = products()
    problems: list[Any] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(order.items):
        if item.output not in known:
            problems.append(at("print.yaml", ("items", index, "output"), "a product: " + ", ".join(known),
                               repr(item.output), None))
            continue
        product = known[item.output][1]
        key = f"{item.output} ({item.per_page} per page)" if product.per_page else item.output
        if key in seen:
            problems.append(at("print.yaml", ("items", index, "output"), "each product once",
                               f"{key} again (first in item {seen[key] + 1})", None))
        seen.setdefault(key, index)
    return problems
