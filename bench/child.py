"""One command in a fresh process: its wall time and its own peak memory (not its siblings')."""

from __future__ import annotations

import os
import subprocess
import time


def timed_run(arguments: list[str], **env: str) -> tuple[float, float]:
    """Run to the end (an error if it fails); seconds and peak RSS in MiB of that process alone.
    Compiled modules are kept (PYTHONDONTWRITEBYTECODE dropped), as a user's installation has them."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"} | env
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code:
        raise subprocess.CalledProcessError(code, arguments, stderr=process.stderr.read())
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
