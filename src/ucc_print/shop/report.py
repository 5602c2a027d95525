"""A preflight report: the rules, what breaks them and where, and the report as a terminal shows it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import plural

#: Rule id → what the rule asks, in the order the report lists them.
RULES = {
    "syntax": "the file reads cleanly: the header at its first byte, no damage repaired on opening, every "
              "part readable, each page listed once",
    "version": "PDF version 1.3 (PDF/X-1a:2001 is based on PDF 1.3)",
    "identification": "Info says GTS_PDFXVersion (PDF/X-1:2001) and GTS_PDFXConformance (PDF/X-1a:2001)",
    "document-info": "Info has a Title, CreationDate and ModDate, and Trapped is True or False",
    "file-id": "the trailer has an ID",
    "encryption": "the file is not encrypted",
    "output-intent": "one GTS_PDFX OutputIntent for a CMYK printing condition (registered, or with its profile)",
    "page-boxes": "every page has a TrimBox (or ArtBox) and a BleedBox: TrimBox ⊆ BleedBox ⊆ MediaBox",
    "bleed": "at least 3 mm of bleed beyond the trim on every side",
    "colour": "colour in DeviceCMYK, DeviceGray, Separation or DeviceN only: no RGB, ICC-based or Lab "
              "operators, colour spaces or images",
    "transparency": "no transparency: no soft masks, alpha below 1, blend modes or transparency groups",
    "fonts": "every font embedded",
    "compression": "no LZW, JBIG2 or JPEG 2000 compression and no object or cross-reference streams",
    "annotations": "no annotations or form fields inside the BleedBox (printer's marks excepted)",
    "actions": "no JavaScript and no actions that run on opening or on events",
    "prepress": "no transfer functions, halftone phases, PostScript or OPI",
}

@dataclass(frozen=True)
class Finding:
    """One thing that breaks a rule: where (page number, or None for the document) and what."""

    rule: str
    page: int | None
    detail: str


@dataclass
class Report:
    """All findings for one file, and what was learned about it on the way."""

    name: str
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: Trim size in mm and the smallest bleed in mm, if every page agrees (for the summary).
    trim_mm: tuple[float, float] | None = None
    bleed_mm: float | None = None
    #: Whether the checks stopped early (a page tree that cannot be walked): the rest is not known.
    stopped: bool = False

    @property
    def passed(self) -> bool:
        return not self.findings and not self.stopped

    def broken(self) -> list[str]:
        """The rules with findings, in RULES order."""
        found = {finding.rule for finding in self.findings}
        return [rule for rule in RULES if rule in found]

    def text(self) -> str:
        """The report for a terminal: a verdict line, then rule by rule, pages grouped."""
        if self.passed:
            size = f", trim {self.trim_mm[0]:g} × {self.trim_mm[1]:g} mm" if self.trim_mm else ""
            bleed = f", bleed {self.bleed_mm:g} mm" if self.bleed_mm is not None else ""
            return f"{self.name}: PASS  PDF/X-1a:2001, {plural(self.pages, 'page')}{size}{bleed}"
        lines = [f"{self.name}: FAIL  {len(self.broken())} of {len(RULES)} rules broken"]
        for rule in RULES:
            found = [finding for finding in self.findings if finding.rule == rule]
            if not found:
                mark, after = ("-     ", " (not checked)") if self.stopped else ("ok    ", "")
                lines.append(f"  {mark}{rule}{after}")
                continue
            lines.append(f"  FAIL  {rule}: {RULES[rule]}")
            pages: dict[str, list[int]] = {}
            for finding in found:
                pages.setdefault(finding.detail, []).append(finding.page or 0)
            for detail, numbers in pages.items():
                where = _pages(sorted(set(numbers) - {0}))
                times = f" ({len(numbers)} times)" if len(numbers) > max(1, len(set(numbers))) else ""
                lines.append(f"          {where + ': ' if where else ''}{detail}{times}")
        return "\n".join(lines)


def _pages(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "pages 1–3, 5"."""
    runs: list[list[int]] = []
    for number_ in numbers:
        if runs and number_ == runs[-1][-1] + 1:
            runs[-1].append(number_)
        else:
            runs.append([number_])
    if not runs:
        return ""
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs)
    return f"page{'s' if len(numbers) > 1 else ''} {text}"
