"""Fuzzing: random text, types and deletions in every content file and guest-list cell.

Cases come from Hypothesis (seeded: the same cases every run) and run in child processes under
a memory limit and a time limit per case (tests/fuzzrunner.py). Any traceback, timeout or
memory overrun fails. The default run (120 cases) is bounded to about ten seconds; the long run
(`pytest -m fuzz`, or UCC_FUZZ_CASES=10000) goes through 10,000 cases.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from .fuzzcases import REPO, content_case, guest_case, serialisable

#: Cases of the default run; a long run sets UCC_FUZZ_CASES.
CASES = int(os.environ.get("UCC_FUZZ_CASES", "120"))
#: The memory one child may take at its peak (RSS), as the issue asks.
PEAK_MIB = 500
#: Every this many cases, one is laid out for the print shop (PDF/X, bleed, トンボ) instead of the office.
SHOP_EVERY = 4


def draw_cases(count: int, start: int = 0) -> list[dict]:
    """`count` cases, the same every time (Hypothesis, derandomized); every SHOP_EVERY-th for the print shop."""
    cases: list[dict] = []

    @seed(start)
    @settings(max_examples=count, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(content_case(), content_case(), guest_case()))
    def collect(case):
        cases.append(serialisable(case))

    collect()
    for case in cases[SHOP_EVERY - 1::SHOP_EVERY]:
        case["profile"] = "shop"
    return cases[:count]


def run_cases(cases: list[dict], folder, workers: int = 1) -> list[dict]:
    """The cases run by `workers` child processes; each child's results."""
    chunks = [cases[index::workers] for index in range(workers)]

    def child(number: int) -> dict:
        given = folder / f"cases{number}.json"
        found = folder / f"results{number}.json"
        given.write_text(json.dumps(chunks[number], ensure_ascii=False), encoding="utf-8")
        process = subprocess.run([sys.executable, "-m", "tests.fuzzrunner", str(given), str(found)], cwd=REPO,
                                 capture_output=True, text=True, timeout=60 + 25 * len(chunks[number]))
        assert process.returncode == 0, process.stderr[-3000:]
        return json.loads(found.read_text(encoding="utf-8"))

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(child, range(workers)))


def _check(results: list[dict]) -> None:
    failures = [failure for result in results for failure in result["failures"]]
    shown = "\n\n".join(f"{failure['what']}\ninput: {json.dumps(failure['input'], ensure_ascii=False)[:600]}"
                        for failure in failures[:3])
    assert not failures, f"{len(failures)} failing case(s):\n{shown}"
    peak = max(result["peak_mib"] for result in results)
    assert peak < PEAK_MIB, f"a child took {peak:.0f} MiB"


def test_fuzzed_content_gives_content_errors_or_outputs_never_tracebacks(tmp_path):
    results = run_cases(draw_cases(CASES), tmp_path)
    assert sum(result["cases"] for result in results) == CASES
    _check(results)


@pytest.mark.fuzz
def test_ten_thousand_fuzzed_cases(tmp_path):
    count = max(10_000, CASES)
    results = run_cases(draw_cases(count, start=1), tmp_path, workers=os.cpu_count() or 2)
    print(f"\nfuzz: {sum(r['cases'] for r in results)} cases ({sum(r['built'] for r in results)} laid out), "
          f"slowest {max(r['slowest'] for r in results):.1f} s, "
          f"peak {max(r['peak_mib'] for r in results):.0f} MiB")
    _check(results)
