"""`ucc-print build --watch`: time from a saved edit to the rewritten file, on the bundled content.
Prints figures, asserts nothing.

A watch runs in its own process on a copy of the content. Each round saves one content file
(changing a word, as a clerk would) and waits until the output made from it holds new bytes: the
time between is what the clerk waits for, the file-system watcher's settling time included.

    python bench/watch.py [rounds]      (default: 10 a file)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The file saved, the text changed in it, and the output watched for it.
EDITS = [
    ("handout.yaml", "heading: 開催概要", "handout.pdf"),
    ("press.yaml", "to: 各報道機関", "press-release.pdf"),
    ("slides.md", "# デザインでつなぐ", "slides.pptx"),
    ("event.yaml", "大会議室A", "handout.pdf"),
]
TIMEOUT = 30.0


def _wait_for(path: Path, before: bytes | None, timeout: float = TIMEOUT) -> float:
    """The moment `path` holds other bytes than `before` (polled every millisecond)."""
    limit = time.perf_counter() + timeout
    while time.perf_counter() < limit:
        try:
            if path.read_bytes() != before:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.001)
    raise SystemExit(f"{path.name} was not rewritten within {timeout:.0f} s")


def main(rounds: int) -> None:
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "content", project / "content")
        watcher = subprocess.Popen([sys.executable, "-m", "ucc_print", "--project", str(project), "build", "--watch"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
        try:
            for _file, _text, output in EDITS:
                _wait_for(project / "output" / output, None)
            time.sleep(1.0)  # the first build done and the watcher settled
            print(f"edit saved → output rewritten, {rounds} saves a file (build --watch, bundled content)")
            for name, text, output in EDITS:
                source, target = project / "content" / name, project / "output" / output
                original = source.read_text(encoding="utf-8")
                if text not in original:
                    raise SystemExit(f"{name} no longer holds {text!r}: choose another word to change")
                times = []
                for round_ in range(rounds):
                    before = target.read_bytes()
                    # a new text each time (the first occurrence: not a comment), so nothing comes from the cache
                    edited = original.replace(text, f"{text}{'改' * (round_ % 3 + 1)}{round_}", 1)
                    start = time.perf_counter()
                    source.write_text(edited, encoding="utf-8")
                    times.append(_wait_for(target, before) - start)
                    time.sleep(0.3)  # the rest of the set written, the watcher settled
                print(f"  {name:<14} → {output:<18} median {statistics.median(times) * 1000:5.0f} ms   "
                      f"min {min(times) * 1000:5.0f} ms   max {max(times) * 1000:5.0f} ms")
                source.write_text(original, encoding="utf-8")
                time.sleep(1.0)
        finally:
            watcher.terminate()
            watcher.wait(10)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
