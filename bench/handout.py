"""Cold-start timing of `ucc-print handout` on the bundled content: prints figures, asserts nothing.

Each run is a fresh Python process (imports, font parsing, layout, PDF writing, atomic write),
which is what a clerk waits for. Run: python bench/handout.py [runs]
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "content", project / "content")
        command = [sys.executable, "-m", "ucc_print", "--project", str(project), "handout"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        size = (project / "output" / "handout.pdf").stat().st_size
    print(f"ucc-print handout, cold process, {runs} runs")
    print(f"  min {min(times):.3f} s   median {statistics.median(times):.3f} s   max {max(times):.3f} s")
    print(f"  peak RSS {peak_kib / 1024:.1f} MiB   handout.pdf {size / 1024:.1f} KiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
