"""ucc-print against Typst on the same document: prints figures, asserts nothing.

The document: the handout's cover (title, 次第 with times and speakers) and a 400-row member-city
table (都市 / 都道府県 / 分野 / 加盟年) with its header repeated on every page, a running header, and
"page n / N" in the footer, in BIZ UDPGothic (the bundled font). ucc-print makes it from a
project whose handout.yaml shows only the cities; Typst (the `typst` package from PyPI, a bench
extra, never a runtime dependency) compiles the same content written as Typst markup.

Each run is a whole process, the two tools in turn, so the machine's state is shared fairly:

- cold: ucc-print with an empty cache folder (XDG_CACHE_HOME), no project cache;
- warm: ucc-print after one content file changed (event.yaml's venue), its caches filled by
  the runs before;
- in a running watch: what `build --watch` does after that change (load the content, make the
  handout), timed inside one process that has made it before — no start-up, no imports;
- imports alone: a process that only imports what making the handout imports (the garbage
  collector set as the command line sets it) and ends: the floor under any whole run;
- dependencies alone: a process that only imports the libraries making it needs (reportlab,
  Jinja2, click, PyYAML, markdown-it-py) and builds and uses one pydantic model: the floor no
  code of ucc-print's can go under.

Reported: median CPU (user + system) and wall time of each, and the median of the ratios taken
pair by pair.

    python bench/typst_compare.py [runs] [rows]       (defaults: 9 runs, 400 rows)
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
FONTS = REPO / "src" / "ucc_print" / "assets" / "fonts"
FIELDS = ["デザイン", "クラフト&フォークアート", "メディアアート", "食文化", "音楽", "映画", "文学"]
PREFECTURES = ["北海道", "青森県", "山形県", "新潟県", "石川県", "静岡県", "愛知県", "兵庫県", "岡山県", "福岡県"]


def cities(rows: int) -> list[tuple[str, str, str, int]]:
    """Made-up member cities (the host, 旭川市, first): (city, prefecture, field, year joined)."""
    stems = ["旭川", "神戸", "名古屋", "金沢", "札幌", "浜松", "鶴岡", "篠山", "山形", "臼杵", "新潟", "帯広釧路"]
    made = [(f"{stems[i % len(stems)]}{'東西南北中'[i // len(stems) % 5]}{i // 60 or ''}市",
             PREFECTURES[i % len(PREFECTURES)], FIELDS[i % len(FIELDS)], 2004 + i % 22) for i in range(rows - 1)]
    return [("旭川市", "北海道", "デザイン", 2019), *made]


def make_project(folder: Path, rows: int) -> Path:
    """The bundled content with `rows` cities and a handout of the cover and the city table only."""
    project = folder / "project"
    shutil.copytree(REPO / "content", project / "content")
    lines = ["as_of: 令和7年10月31日(金)", "", "cities:"]
    for city, prefecture, field, joined in cities(rows):
        lines += [f"  - city: {city}", f"    prefecture: {prefecture}", f"    field: {field}",
                  f"    joined: {joined}", "    source: 加盟都市一覧（ベンチマーク用）"]
    (project / "content" / "cities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    handout = (project / "content" / "handout.yaml").read_text(encoding="utf-8")
    cover = handout[:handout.index("sections:")]
    (project / "content" / "handout.yaml").write_text(
        cover + "sections:\n  - heading: 国内加盟都市\n    show: cities\n    new_page: true\n", encoding="utf-8")
    return project


def typst_source(rows: int) -> str:
    """The same cover, agenda and table as Typst markup."""
    agenda = [("14:30", "開会", ""), ("14:35", "開催市挨拶", "旭川市長 今津 寛介"), ("14:40", "来賓挨拶", ""),
              ("14:55", "旭川市の取組紹介", "旭川市長 今津 寛介"), ("15:10", "議事", ""), ("16:00", "閉会", "")]
    table_rows = ",\n".join(f'  [{c}], [{p}], [{f}], align(right)[{j}年]' for c, p, f, j in cities(rows))
    agenda_rows = ",\n".join(f"  [{t}], [{title}], [{speaker}]" for t, title, speaker in agenda)
    return f"""#set page(paper: "a4", margin: (x: 20mm, top: 22mm, bottom: 20mm),
  header: context {{ if counter(page).get().first() > 1 [
    #set text(size: 8pt); 第9回 ユネスコ創造都市国内ネットワーク会議 #h(1fr) 配布資料 ] }},
  footer: context [ #set text(size: 8pt); #h(1fr) #counter(page).display("1 / 1", both: true) #h(1fr) ])
#set text(font: "BIZ UDPGothic", size: 10pt, lang: "ja")
#set par(justify: true)
#align(center)[#text(size: 20pt, weight: "bold")[第9回 ユネスコ創造都市国内ネットワーク会議] \\ #text(size: 14pt)[次第]]
#v(8mm)
令和8年6月17日(水) 14:30〜16:00 \\ 旭川市役所総合庁舎 7階 大会議室A
#v(6mm)
#table(columns: (auto, 1fr, auto), stroke: none, inset: 6pt,
{agenda_rows})
#v(6mm)
配布資料: 資料 第9回 ユネスコ創造都市国内ネットワーク会議 概要
#pagebreak()
= 国内加盟都市
#table(columns: (auto, auto, 1fr, auto), stroke: (x, y) => (bottom: 0.5pt + gray), inset: (x: 5pt, y: 7.5pt),
  fill: (x, y) => if y == 0 {{ luma(230) }},
  table.header([*都市*], [*都道府県*], [*分野*], align(right)[*加盟年*]),
{table_rows})
令和7年10月31日現在。
"""


#: A process importing what `ucc-print handout` imports, and no more.
IMPORTS_ONLY = [sys.executable, "-c", "import atexit, gc; gc.set_threshold(200_000, 30, 30); "
                "atexit.register(gc.freeze); import ucc_print.cli, ucc_print.content.loader, "
                "ucc_print.components.handout, ucc_print.backends.pdf.document, ucc_print.outputs.handout"]

#: A process importing the libraries the handout is made with, and using pydantic once, and no more.
DEPENDENCIES_ONLY = [sys.executable, "-c", "import atexit, gc; gc.set_threshold(200_000, 30, 30); "
                     "atexit.register(gc.freeze); import reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts, "
                     "jinja2, click, yaml, markdown_it\nfrom pydantic import BaseModel\nclass Row(BaseModel):\n"
                     "    city: str\nRow.model_validate({'city': '旭川市'})"]


def cpu_run(arguments: list[str], **env: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one whole process run to its end (compiled modules kept, as users have them)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**environment, **env})
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(arguments)} failed:\n{process.stderr.read().decode(errors='replace')}")
    process.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall


def main(runs: int, rows: int) -> None:
    try:
        import typst  # noqa: F401  (only to say it is missing)
    except ImportError:
        raise SystemExit("Typst is a bench extra: python3 -m pip install typst") from None
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = make_project(root, rows)
        source = root / "doc.typ"
        source.write_text(typst_source(rows), encoding="utf-8")
        typst_run = [sys.executable, "-c", f"import typst; typst.compile({str(source)!r}, "
                     f"output={str(root / 'typst.pdf')!r}, font_paths=[{str(FONTS)!r}])"]
        ours = [sys.executable, "-m", "ucc_print", "--project", str(project), "handout"]
        warm_cache = root / "warm-cache"
        event = project / "content" / "event.yaml"
        original = event.read_text(encoding="utf-8")
        figures: dict[str, list[tuple[float, float]]] = {"typst": [], "cold": [], "warm": [], "imports": [],
                                                          "dependencies": []}
        for run in range(runs + 1):  # the first round only fills the warm cache
            cold_cache = root / f"cold-cache-{run}"
            cold = cpu_run([*ours], XDG_CACHE_HOME=str(cold_cache))
            theirs = cpu_run(typst_run)
            event.write_text(original.replace("大会議室A", f"大会議室A（{run}）"), encoding="utf-8")
            warm = cpu_run(ours, XDG_CACHE_HOME=str(warm_cache))
            imports = cpu_run(IMPORTS_ONLY)
            dependencies = cpu_run(DEPENDENCIES_ONLY)
            if run:
                figures["cold"].append(cold)
                figures["typst"].append(theirs)
                figures["warm"].append(warm)
                figures["imports"].append(imports)
                figures["dependencies"].append(dependencies)
        pages = _pages(project / "output" / "handout.pdf"), _pages(root / "typst.pdf")
        figures["watch"] = in_watch(project, runs)
    print(f"{rows}-row handout, {runs} runs each, whole processes in turn "
          f"(ucc-print {pages[0]} pages, Typst {pages[1]} pages)")
    for name in ("typst", "cold", "warm", "watch", "imports", "dependencies"):
        cpu = statistics.median(c for c, _w in figures[name])
        wall = statistics.median(w for _c, w in figures[name])
        label = {"typst": "Typst", "cold": "ucc-print cold (empty caches)",
                 "warm": "ucc-print warm (one file changed)", "watch": "ucc-print in a running watch",
                 "imports": "its imports alone",
                 "dependencies": "its dependencies alone"}[name]
        ratio = "" if name == "typst" else "   ratio to Typst: CPU {:.2f}×, wall {:.2f}×".format(
            statistics.median(a[0] / b[0] for a, b in zip(figures[name], figures["typst"], strict=True)),
            statistics.median(a[1] / b[1] for a, b in zip(figures[name], figures["typst"], strict=True)))
        print(f"  {label:<36} CPU {cpu:.3f} s   wall {wall:.3f} s{ratio}")


def in_watch(project: Path, runs: int) -> list[tuple[float, float]]:
    """(CPU, wall) of reloading the content and making the handout after each change, in this process."""
    sys.path.insert(0, str(REPO / "src"))
    from ucc_print.cli.context import Context
    from ucc_print.design.profiles import OFFICE
    from ucc_print.make import make
    from ucc_print.outputs import registry

    event = project / "content" / "event.yaml"
    original = event.read_text(encoding="utf-8")
    handout = [registry()["handout"]]
    figures = []
    for run in range(runs + 1):
        event.write_text(original.replace("大会議室A", f"大会議室A（{run}）"), encoding="utf-8")
        cpu, wall = time.process_time(), time.perf_counter()
        made = make(Context(project).project(None, None), project, OFFICE, handout)
        if not made.ok:
            raise SystemExit(f"the handout failed in the watch: {made.failed}")
        if run:  # the first one is the watch's first build
            figures.append((time.process_time() - cpu, time.perf_counter() - wall))
    event.write_text(original, encoding="utf-8")
    return figures


def _pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9, int(sys.argv[2]) if len(sys.argv) > 2 else 400)
