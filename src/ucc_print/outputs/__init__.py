"""Outputs: each one module declaring one Output (base.py), registered when it is imported.

Adding an output is writing its module and naming it in MODULES, in the order `build` makes it.
"""

from __future__ import annotations

from importlib import import_module

from .base import REGISTRY, Output

#: The output modules, in the order `build` makes their outputs.
MODULES = ("handout", "slides", "cards", "press_release", "letters", "reception", "signs", "web")


def registry() -> dict[str, type[Output]]:
    """Every output by name, its module imported (and so registered) on first use."""
    for module in MODULES:
        import_module(f".{module}", __name__)
    return REGISTRY
