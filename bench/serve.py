"""`ucc-print serve`: time from a saved edit to the preview's new state (the moment the open page
is told to redraw), on the bundled content. Prints figures, asserts nothing.

The server runs in its own process on a copy of the content, on a free port. Each round saves one
content file (a word changed, as a clerk would) and waits on /events until the state after the
rebuild arrives, then fetches it and every new page image, as the page does.

    python bench/serve.py [rounds]      (default: 5 a file)
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EDITS = [("handout.yaml", "heading: 開催概要"), ("press.yaml", "to: 各報道機関"), ("slides.md", "# デザインでつなぐ"),
         ("event.yaml", "大会議室A")]


def _get(address: str, path: str) -> bytes:
    connection = http.client.HTTPConnection(address, timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read()


def _until_done(address: str, seen: int, timeout: float = 60.0) -> dict:
    """The state once a build after version `seen` is done (polled as the page's event would wake it)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        state = json.loads(_get(address, "/state"))
        if state["version"] > seen and state["status"] in ("done", "failed"):
            return state
        time.sleep(0.005)
    raise TimeoutError(f"no new build after version {seen} within {timeout:.0f} s")


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "content", root / "content")
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen([sys.executable, "-m", "ucc_print", "--project", str(root), "serve", "--port", "0"],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment)
        try:
            assert process.stdout is not None
            address = process.stdout.readline().split("http://", 1)[1].split("/")[0]
            began = time.perf_counter()
            state = _until_done(address, 0)
            print(f"first build with every page rendered: {(time.perf_counter() - began) * 1000:.0f} ms")
            images: set[str] = set()
            for name, text in EDITS:
                times = []
                for round_ in range(rounds):
                    path = root / "content" / name
                    before = path.read_text(encoding="utf-8")
                    seen = state["version"]
                    start = time.perf_counter()
                    path.write_text(before.replace(text, text + "の" * (round_ + 1)), encoding="utf-8")
                    state = _until_done(address, seen + 1)
                    for output in state["outputs"]:
                        for file in output["files"]:
                            for key in file["pages"]:
                                if key not in images:
                                    _get(address, f"/page/{key}.png")
                                    images.add(key)
                    times.append((time.perf_counter() - start) * 1000)
                    path.write_text(before, encoding="utf-8")
                    state = _until_done(address, state["version"] + 1)
                print(f"{name:<14} save → new state and images: median {statistics.median(times):5.0f} ms, "
                      f"max {max(times):5.0f} ms ({rounds} saves)")
        finally:
            process.terminate()
            process.wait(10)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
