"""Cold-start timing of ucc-print commands on the bundled content: prints figures, asserts nothing.

Each run is a fresh Python process (imports, fonts, layout, writing), which is what a clerk
waits for: first with `--no-cache` (everything made afresh), then with the cache (a folder of the
bench's own) filled by a first run and nothing changed since.
Run: python bench/cold_start.py [runs] [command ...]   (default: all)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from child import timed_run

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "build": ["build"],
    "handout": ["handout"],
    "slides": ["slides", "--handout", "6"],
    "check": ["check"],
    "shop": ["handout", "--shop"],
    "package": ["package"],
    "preview": ["preview"],
}


def measure(command: list[str], runs: int, cached: bool) -> tuple[list[float], float, int]:
    """Wall times of `runs` cold runs, the peak RSS (MiB) of the largest, and bytes written."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "content", project / "content")
        ours = [sys.executable, "-m", "ucc_print", "--project", str(project), *([] if cached else ["--no-cache"])]
        cache = {"XDG_CACHE_HOME": str(project / "cache")}
        if cached:
            timed_run([*ours, *command], **cache)  # fills the cache
        times = []
        peak = 0.0
        for _ in range(runs):
            elapsed, memory = timed_run([*ours, *command], **cache)
            times.append(elapsed)
            peak = max(peak, memory)
        output = project / "output"
        written = sum(p.stat().st_size for p in output.rglob("*") if p.is_file()) if output.exists() else 0
    return times, peak, written


def main(runs: int, names: list[str]) -> None:
    print(f"cold process, {runs} runs each (min / median / max wall time, peak RSS, output bytes)")
    for cached in (False, True):
        print("  with the cache filled, nothing changed:" if cached else "  --no-cache (everything made afresh):")
        for name in names:
            times, peak, written = measure(COMMANDS[name], runs, cached)
            print(f"    {' '.join(COMMANDS[name]):<20} {min(times):.3f} / {statistics.median(times):.3f} / "
                  f"{max(times):.3f} s   {peak:.0f} MiB   {written / 1024:.0f} KiB")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    count = int(arguments.pop(0)) if arguments and arguments[0].isdigit() else 5
    main(count, arguments or list(COMMANDS))
