"""Name cards for large guest lists: time and peak memory of `ucc-print cards --guests` (cold
process) for 1,000 and 10,000 guests, in the office and print-shop profiles, and of the print shop's
package (print-shop PDFs, preflight, a PNG proof of every page) up to PACKAGE_LIMIT guests. Prints
figures, asserts nothing.

Goals: 1,000 guests → both card files in at most 1.0 s (issue 13; 2 s in issue 4), peak memory
under 200 MiB, cost growing linearly; package for 1,000 in at most 10 s and 200 MiB. Each run
has an empty cache folder: nothing made before is recalled.
Run: python bench/cards.py [counts ...]   (default: 1000 10000)
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
import tempfile
from pathlib import Path

from child import timed_run

REPO = Path(__file__).resolve().parents[1]
#: Kanji common in names, places and departments: names and organisations come out (nearly) all
#: different, as in a real list, so nothing is measured from a warm cache.
NAME_KANJI = ("佐藤鈴木髙橋田中伊藤渡邉山本中村小林加藤吉田山田々木﨑齋松井上村清水森池橋阿部石川前野小川岡"
              "長谷坂近藤後福太郎花子一二三健美咲翔陽菜大輔和也真由恵誠明日香浩士有希枝雅幸正直樹博之")
PLACES = ["札幌", "函館", "旭川", "青森", "盛岡", "仙台", "秋田", "山形", "鶴岡", "福島", "水戸", "宇都宮", "前橋",
          "川越", "千葉", "横浜", "新潟", "富山", "金沢", "福井", "甲府", "長野", "岐阜", "静岡", "浜松", "名古屋",
          "津", "大津", "京都", "大阪", "神戸", "篠山", "奈良", "和歌山", "鳥取", "松江", "岡山", "広島", "山口",
          "徳島", "高松", "松山", "高知", "福岡", "佐賀", "長崎", "熊本", "臼杵", "宮崎", "鹿児島", "那覇"]
DEPARTMENTS = ["企画調整局", "経済観光局", "文化スポーツ局", "産業振興課", "国際交流課", "観光振興課", "文化振興課",
               "デザイン推進室", "創造都市推進課", "商工労働部", "市民文化部", "教育委員会", "政策企画課", "都市計画課",
               "広報課"]
TITLES = ["担当者", "課長", "係長", "主査", "部長", "理事長兼学長", "国際統括官", "課長補佐", "主任", "参事", "室長",
          "局長", "副市長", "専門員", ""]
CATEGORIES = ["来賓", "参加者", "参加者", "参加者", "事務局"]


def guest_list(path: Path, count: int) -> None:
    chooser = random.Random(count)

    def word(low: int, high: int) -> str:
        return "".join(chooser.choice(NAME_KANJI) for _ in range(chooser.randint(low, high)))

    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["氏名", "所属", "役職", "区分", "敬称", "席"])
        for index in range(count):
            organisation = f"{chooser.choice(PLACES)}市 {chooser.choice(DEPARTMENTS)}{word(0, 2)}"
            # the first few guests at the head table, everyone else at the side (the seating chart's rule)
            writer.writerow([f"{word(1, 3)} {word(1, 3)}", organisation, chooser.choice(TITLES),
                             chooser.choice(CATEGORIES), "氏", "正面" if index < 4 else "側面"])


#: The package renders a proof of every page; beyond this many guests it is not timed.
PACKAGE_LIMIT = 1000
COMMANDS = {"cards": ["cards"], "cards --shop": ["cards", "--shop"], "package": ["package"]}


def without_handout(print_yaml: Path) -> None:
    """Drop the handout from print.yaml: a thousand guests fit no seating chart, and the handout
    is not what this measures."""
    kept, skipping = [], False
    for line in print_yaml.read_text(encoding="utf-8").splitlines():
        skipping = line.strip() == "- output: handout" or (skipping and line.strip() != "")
        kept.append("" if skipping else line)
    print_yaml.write_text("\n".join(kept) + "\n", encoding="utf-8")


def run(count: int, command: list[str]) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(REPO / "content", project / "content")
        without_handout(project / "content" / "print.yaml")
        guest_list(project / "guests.csv", count)
        elapsed, peak = timed_run([sys.executable, "-m", "ucc_print", "--project", str(project), *command,
                                   "--guests", str(project / "guests.csv")],
                                  XDG_CACHE_HOME=str(project / "cache"))  # empty: nothing made before is recalled
        size = sum(p.stat().st_size for p in (project / "output").rglob("*") if p.is_file())
    return elapsed, peak, size


def main(counts: list[int]) -> None:
    print("cold process: import, read the list, fit, build, write (shop: PDF/X; package: + preflight, proofs, zip)")
    for name, command in COMMANDS.items():
        rows = []
        for count in counts:
            if name == "package" and count > PACKAGE_LIMIT:
                continue
            elapsed, peak, size = run(count, command)
            rows.append((count, elapsed))
            print(f"  {name:<14} {count:>6} guests  {elapsed:6.2f} s  {elapsed / count * 1000:6.2f} ms/guest  "
                  f"peak RSS {peak:6.0f} MiB  output {size / 1_048_576:6.1f} MiB")
        if len(rows) > 1:
            (a, ta), (b, tb) = rows[0], rows[-1]
            print(f"  {'':<14} growth: {b / a:.0f}× the guests took {tb / ta:.1f}× the time")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000, 10000])
