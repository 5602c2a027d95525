"""Office Open XML validation with openxml-audit (a pure-Python port of the Open XML SDK's
validator): schema, relationship and semantic problems, the kinds PowerPoint offers to repair."""

from __future__ import annotations

from pathlib import Path

from openxml_audit import validate_pptx


def schema_errors(path: Path) -> list[str]:
    """Every problem the validator finds in a .pptx, as one line each (none: PowerPoint opens it)."""
    return [str(error) for error in validate_pptx(str(path)).errors]
