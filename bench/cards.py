"""Name cards for large guest lists: time and peak memory of `ucc-print cards --guests` (cold
process) for 1,000 and 10,000 guests. Prints figures, asserts nothing.

Goal (issue 4): 1,000 guests → both card files in under 2 s, peak memory under 200 MiB, cost
growing linearly. Run: python bench/cards.py [counts ...]   (default: 1000 10000)
"""

from __future__ import annotations

import csv
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAMILY = "佐藤 鈴木 髙橋 田中 伊藤 渡邉 山本 中村 小林 加藤 吉田 山田 佐々木 山﨑 齋藤 松本 井上 木村 林 清水".split()
GIVEN = "一郎 花子 太郎 由美 健一 美咲 翔太 陽菜 大輔 さくら 和也 真由美 浩士 有希枝 雅幸 恵 誠 明日香".split()
ORGS = ["神戸市 企画調整局", "名古屋市 観光文化交流局", "金沢市 文化スポーツ局", "札幌市 経済観光局",
        "文化庁 参事官（伝統文化・生活文化担当）", "静岡文化芸術大学", "独立行政法人国際交流基金", "旭川市 経済部産業振興課"]
TITLES = ["担当者", "課長", "係長", "主査", "部長", "理事長兼学長", "国際統括官", ""]
CATEGORIES = ["来賓", "参加者", "参加者", "参加者", "事務局"]


def guest_list(path: Path, count: int) -> None:
    chooser = random.Random(count)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["氏名", "所属", "役職", "区分", "敬称"])
        for _ in range(count):
            writer.writerow([f"{chooser.choice(FAMILY)} {chooser.choice(GIVEN)}", chooser.choice(ORGS),
                             chooser.choice(TITLES), chooser.choice(CATEGORIES), "氏"])


def run(count: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "content", project / "content")
        guest_list(project / "guests.csv", count)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ucc_print", "--project", str(project), "cards", "--guests",
                        str(project / "guests.csv")], check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
        size = sum(p.stat().st_size for p in (project / "output").glob("*.pdf"))
    return elapsed, peak, size


def main(counts: list[int]) -> None:
    print("ucc-print cards --guests (cold process: import, read, fit, both PDFs, write)")
    rows = []
    for count in counts:
        elapsed, peak, size = run(count)
        rows.append((count, elapsed))
        print(f"  {count:>6} guests  {elapsed:6.2f} s  {elapsed / count * 1000:6.2f} ms/guest  "
              f"peak RSS {peak:6.0f} MiB  output {size / 1_048_576:6.1f} MiB")
    if len(rows) > 1:
        (a, ta), (b, tb) = rows[0], rows[-1]
        print(f"  growth: {b / a:.0f}× the guests took {tb / ta:.1f}× the time")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000, 10000])
