"""Runs fuzz cases in this process, under a memory limit and a time limit per case.

    python -m tests.fuzzrunner cases.json results.json

Each case is applied to a copy of the bundled project, loaded and laid out into every output in
memory (as `ucc-print build` does, writing nothing; as `build --shop` does for a case marked
`"profile": "shop"`), with Python's own recursion limit, as the command has it. A content error
is the right answer; any other exception, a case running past its time, or the memory limit
being hit is a failure.
The results hold the failures with their tracebacks, the number of cases and the peak memory.
"""

from __future__ import annotations

import json
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .fuzzcases import CONTENT, apply

#: Per case, and for the whole process.
SECONDS = 20
MEMORY = 1_500 * 1024 * 1024


class _Late(BaseException):
    """A case ran past its time (BaseException: no except Exception in the code swallows it)."""


def _late(signum, frame):
    raise _Late


def run(cases: list[dict]) -> dict:
    from ucc_print.content.loader import load_project
    from ucc_print.design.profiles import OFFICE, SHOP
    from ucc_print.errors import UccError
    from ucc_print.make import make
    from ucc_print.project import ProjectDir

    failures, slowest, built = [], 0.0, 0
    said: list[str] = []  # what each case came to: a content error's message, or "built"
    signal.signal(signal.SIGALRM, _late)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        for number, case in enumerate(cases):
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(CONTENT, root / "content")
            began = time.perf_counter()
            signal.alarm(SECONDS)
            try:
                guest_list = apply(case, root)
                try:
                    project = load_project(ProjectDir(root), guest_list).project
                except UccError as error:
                    said.append(error.format_message())
                    continue
                made = make(project, root, SHOP if case.get("profile") == "shop" else OFFICE)
                for _recipe, error in made.failed:
                    if not isinstance(error, UccError):
                        raise error
                said.append("\n".join(error.format_message() for _recipe, error in made.failed) or "built")
                built += 1
            except _Late:
                said.append("late")
                failures.append({"case": number, "what": f"ran past {SECONDS} s", "input": case})
            except MemoryError:
                said.append("memory")
                failures.append({"case": number, "what": "ran out of memory", "input": case})
            except Exception:
                said.append("traceback")
                failures.append({"case": number, "what": traceback.format_exc(), "input": case})
            finally:
                signal.alarm(0)
                slowest = max(slowest, time.perf_counter() - began)
    return {"cases": len(cases), "built": built, "failures": failures, "slowest": slowest, "peak_mib": _peak(),
            "said": said}


def _peak() -> float:
    """This process's own peak memory in MiB (Linux's VmHWM; ru_maxrss also counts what the
    parent held when it started this process)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = run(cases)
    Path(sys.argv[2]).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
