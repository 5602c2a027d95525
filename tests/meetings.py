"""Realistic meetings we did not write by hand: seeded random content as the next host city would
write it, for layout and robustness tests.

A meeting has another host city and mayor, 6–10 agenda items with speakers, 1–12 来賓 with long
titles, 10–80 participants in delegations of their member cities, official organisation names of
up to 60 characters (some with a short form), names of 2–30 characters (kanji, long katakana
with ・, Latin with hyphens), long slide titles, a history of 4–12 milestones, either seating
layout, and, when asked, the guest list as an Excel workbook or a Shift_JIS CSV with the quirks
staff lists have (a title row, merged 区分 cells, a hidden row, a line break inside a cell).
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FAMILY = ["佐藤", "鈴木", "髙橋", "田中", "渡邉", "伊藤", "山﨑", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
          "勅使河原", "長谷川", "五十嵐", "齋藤", "宇佐美", "東海林", "小鳥遊", "西園寺", "神", "林"]
GIVEN = ["太郎", "花子", "浩士", "有希枝", "雅幸", "髙志", "美智子", "健一郎", "さくら", "翔", "ひなた",
         "由紀子", "誠", "千代", "惣一朗", "瑠璃子"]
#: ふりがな of the kanji names' parts (a katakana name is read as it is written; a Latin one has none).
READINGS = dict(zip(FAMILY + GIVEN, [
    "さとう", "すずき", "たかはし", "たなか", "わたなべ", "いとう", "やまさき", "なかむら", "こばやし",
    "かとう", "よしだ", "やまだ", "ささき", "てしがわら", "はせがわ", "いがらし", "さいとう", "うさみ",
    "しょうじ", "たかなし", "さいおんじ", "じん", "はやし", "たろう", "はなこ", "ひろし", "ゆきえ", "まさゆき",
    "たかし", "みちこ", "けんいちろう", "さくら", "しょう", "ひなた", "ゆきこ", "まこと", "ちよ",
    "そういちろう", "るりこ",
], strict=True))
KATAKANA = ["アレクサンドラ", "ヴィクトリア", "ローゼンベルク", "ジョルジュ", "ガルニエ", "マリー", "アントワネット",
            "シュヴァルツェネッガー", "エリザベス", "ファン", "デル", "ヴァールト", "ムハンマド", "アブドゥッラー",
            "クリスティーナ", "ヴェネツィアーノ", "ジャン", "ピエール", "フォルトゥナート"]
LATIN = ["Jean-Pierre Rampal-Dupont", "María José García-Fernández", "Anne-Sophie van der Berg",
         "Kim Min-jun", "Nguyen Thi Minh Khai", "Oluwaseun Adeyemi-Okafor", "Jürgen Müller-Lüdenscheidt",
         "François Dœuvre", "Søren Kierkegaard"]
TITLES = ["国際統括官", "参事官（伝統文化・生活文化担当）付 文化戦略官", "文化経済・国際課 国際文化交流室長補佐",
          "理事長兼学長", "事務総長", "政策統括官付 政策評価担当参事官", "デザイン振興部長",
          "地域創生・クリエイティブ産業推進担当ディレクター", "副市長", "教授", "Director, Creative Cities Programme"]
ORGANISATIONS = ["文部科学省", "文化庁", "日本ユネスコ国内委員会", "静岡文化芸術大学",
                 "国際連合教育科学文化機関（ユネスコ）創造都市ネットワーク事務局 日本担当",
                 "独立行政法人国際交流基金 文化事業部 アジア・大洋州チーム",
                 "公益財団法人日本デザイン振興会 グッドデザイン賞事業部",
                 "UNESCO Creative Cities Network Secretariat", "一般社団法人 日本インテリアデザイナー協会"]
SECTIONS = ["企画部", "文化スポーツ部 文化振興課", "産業振興部 クリエイティブシティ推進課",
            "企画部食文化創造都市推進課",
            "観光文化局 創造都市推進室", "経済部 産業振興課 デザイン都市推進係"]
AGENDA = ["開会", "開催市挨拶", "来賓挨拶", "各都市の活動状況報告", "意見交換（課題と取組事例）", "基調講演",
          "パネルディスカッション「デザインと地域の未来」", "次回開催都市について", "記念撮影", "閉会"]
SLIDE_TITLES = ["UNESCO Creative Cities Networkと{city}のデザインによるまちづくりの歩み",
                "ものづくりの伝統を保存し、次の世代へ伝えるための{city}の取組",
                "クリエイティブ・エコノミーとサステナビリティ・トランスフォーメーション",
                "{city}のデザイン"]
MILESTONES = ["デザインシンポジウム", "国際デザインフォーラム", "国際家具デザインフェア", "デザインウィーク",
              "インテリア宣言", "ユネスコ創造都市ネットワーク加盟", "クリエイティブ・ディレクター制度の創設",
              "ものづくり大学校の開校"]


@dataclass
class Meeting:
    """A generated project folder and what it holds, for assertions."""

    root: Path
    seed: int
    host: str
    #: Everyone's name as written (kanji names with a space between family and given name).
    names: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    #: The guest list file when the guests are in Excel or CSV (else guests.yaml).
    guest_list: Path | None = None
    layout: str = "u-shape"
    guests: int = 0

    @property
    def content(self) -> Path:
        return self.root / "content"


def _quoted(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds."""
    return json.dumps(value, ensure_ascii=False)


def _name(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    if kind < 0.9:
        parts = rng.sample(KATAKANA, rng.randint(2, 3))
        name = "・".join(parts)
        while len(name) > 30:
            parts = parts[:-1]
            name = "・".join(parts)
        return name
    return rng.choice(LATIN)


def _organisation(rng: random.Random, city: str | None = None) -> str:
    if city:
        return f"{city} {rng.choice(SECTIONS)}" if rng.random() < 0.8 else city
    organisation = rng.choice(ORGANISATIONS)
    if rng.random() < 0.2 and len(organisation) < 40:
        organisation += " " + rng.choice(SECTIONS)
    return organisation[:60]


def _cities() -> list[str]:
    text = (REPO / "content" / "cities.yaml").read_text(encoding="utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("  - city:")]


def generate(root: Path, seed: int, guests: int | None = None, list_format: str = "yaml") -> Meeting:
    """A meeting in `root` (content/ copied from the bundled example, then rewritten)."""
    rng = random.Random(seed)
    shutil.copytree(REPO / "content", root / "content")
    cities = _cities()
    host = rng.choice(cities)
    meeting = Meeting(root, seed, host, layout=rng.choice(["u-shape", "classroom"]))
    _host(meeting, rng)
    people = _guests(meeting, rng, cities, guests)
    _event(meeting, rng, people)
    _handout(meeting, rng)
    _slides(meeting, rng)
    _press(meeting, rng)
    if list_format == "yaml":
        _guests_yaml(meeting, people)
    else:
        meeting.guest_list = _guest_sheet(meeting, rng, people, list_format)
    return meeting


def _edit(meeting: Meeting, name: str, old: str, new: str) -> None:
    path = meeting.content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _host(meeting: Meeting, rng: random.Random) -> None:
    text = (REPO / "content" / "cities.yaml").read_text(encoding="utf-8")
    field_of = {}
    current = None
    for line in text.splitlines():
        if line.startswith("  - city:"):
            current = line.split(":", 1)[1].strip()
        elif line.startswith("    field:") and current:
            field_of[current] = line.split(":", 1)[1].strip()
    mayor = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    meeting.names.append(mayor)
    _edit(meeting, "host.yaml", "city: 旭川市", f"city: {meeting.host}")
    _edit(meeting, "host.yaml", "title: 旭川市長\n", f"title: {meeting.host}長\n")
    _edit(meeting, "host.yaml", "  name:\n", f"  name: {mayor}\n")
    _edit(meeting, "host.yaml", "  field: デザイン\n", f"  field: {_quoted(field_of[meeting.host])}\n")
    history = "".join(
        f"  - year: \"{1970 + 5 * index}\"\n    title: {meeting.host}{rng.choice(MILESTONES)}\n"
        + (f"    detail: 市民と産業をつなぐ取組として毎年開催し、{rng.choice(KATAKANA)}などが参加\n"
           if rng.random() < 0.7 else "")
        for index in range(rng.randint(4, 12)))
    path = meeting.content / "host.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("history:\n") + len("history:\n")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + history.rstrip("\n") + text[end:], encoding="utf-8")


def _guests(meeting: Meeting, rng: random.Random, cities: list[str], count: int | None) -> list[dict]:
    total = count if count is not None else rng.randint(10, 80)
    people: list[dict] = []
    for _ in range(rng.randint(1, 12)):
        people.append({"name": _name(rng), "organization": _organisation(rng), "title": rng.choice(TITLES),
                       "category": "来賓", "honorific": "氏"})
    staff = rng.randint(1, 3)
    while len(people) < total - staff:
        city = rng.choice(cities)
        for _ in range(rng.randint(1, 4)):  # a delegation
            if len(people) >= total - staff:
                break
            person = {"name": _name(rng), "organization": _organisation(rng, city), "title": rng.choice(TITLES[3:]),
                      "category": "参加者"}
            if len(person["organization"]) > 14 and rng.random() < 0.5:
                person["short"] = city
            people.append(person)
    for _ in range(staff):
        people.append({"name": _name(rng), "organization": f"{meeting.host} {rng.choice(SECTIONS)}",
                       "category": "事務局"})
    people = people[:max(total, 1)]
    for index in rng.sample(range(len(people)), k=min(3, len(people))):
        people[index]["order"] = rng.randint(1, len(people))
    meeting.names += [person["name"] for person in people]
    meeting.organisations += [person["organization"] for person in people]
    meeting.guests = len(people)
    return people


def reading(name: str) -> str | None:
    """A generated name's ふりがな: its kanji parts looked up, katakana as written, Latin none."""
    parts = name.split(" ")
    if all(part in READINGS for part in parts):
        return " ".join(READINGS[part] for part in parts)
    return name if all("゠" <= ch <= "ヿ" for ch in name) else None


def _guests_yaml(meeting: Meeting, people: list[dict]) -> None:
    lines = ["guests:"]
    for person in people:
        lines.append(f"  - name: {_quoted(person['name'])}")
        if reading(person["name"]):
            lines.append(f"    reading: {_quoted(reading(person['name']) or '')}")
        for key in ("organization", "short", "title", "category", "honorific"):
            if key in person:
                lines.append(f"    {key}: {_quoted(person[key])}")
        if "order" in person:
            lines.append(f"    order: {person['order']}")
    (meeting.content / "guests.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


HEADINGS = ["No.", "区分", "所属", "略称", "役職", "氏名", "敬称", "順番", "備考"]
KEYS = [None, "category", "organization", "short", "title", "name", "honorific", "order", None]


def _guest_sheet(meeting: Meeting, rng: random.Random, people: list[dict], kind: str) -> Path:
    rows = [[index + 1 if key is None and column == 0 else person.get(key, "") if key else ""
             for column, key in enumerate(KEYS)] for index, person in enumerate(people)]
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "名簿"
        sheet.append([f"{meeting.host} 出席者名簿"])  # a title row above the headings
        sheet.append(HEADINGS)
        for row in rows:
            sheet.append([float(value) if isinstance(value, int) else value for value in row])
        # 区分 merged down a run of equal values, as staff do
        start = 3
        for index in range(1, len(rows) + 1):
            if index == len(rows) or rows[index][1] != rows[start - 3][1]:
                if index + 2 > start:
                    sheet.merge_cells(start_row=start, start_column=2, end_row=index + 2, end_column=2)
                start = index + 3
        hidden = len(rows) + 3
        sheet.append(["", "参加者", "欠席の市", "", "担当者", "欠席 太郎", "", "", "欠席"])
        sheet.row_dimensions[hidden].hidden = True
        path = meeting.root / "名簿.xlsx"
        book.save(path)
        return path
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow(row[:-1] + ["当日受付\n要確認" if rng.random() < 0.1 else ""])
    path = meeting.root / "名簿.csv"
    data = buffer.getvalue()
    try:
        path.write_bytes(data.encode("cp932"))
    except UnicodeEncodeError:  # names Shift_JIS cannot hold: Excel would save UTF-8
        path.write_bytes(data.encode("utf-8-sig"))
    return path


def _event(meeting: Meeting, rng: random.Random, people: list[dict]) -> None:
    items = ["開会"] + rng.sample(AGENDA[1:-1], rng.randint(4, 8)) + ["閉会"]
    guests = [person for person in people if person["category"] == "来賓"]
    lines = ["agenda:"]
    minute = 0
    for item in items:
        lines.append(f"  - time: \"{13 + minute // 60}:{minute % 60:02d}\"")
        lines.append(f"    title: {_quoted(item)}")
        if item in ("開催市挨拶",):
            lines.append('    speaker: "{{ host.mayor.title }} {{ host.mayor.name }}"')
        elif item in ("来賓挨拶", "基調講演") and guests:
            guest = rng.choice(guests)
            lines.append(f"    speaker: {_quoted(guest['title'][:12] + ' ' + guest['name'])}")
        if item.startswith("意見交換") and rng.random() < 0.6:
            lines.append("    items:")
            lines += [f"      - {_quoted(sub)}" for sub in ("課題の共有", "取組事例の紹介", "今後の連携について")]
        minute += rng.randint(5, 25)
    path = meeting.content / "event.yaml"
    text = path.read_text(encoding="utf-8")
    text = text[:text.index("agenda:")] + "\n".join(lines) + "\n"
    end = f"{13 + (minute + 5) // 60}:{(minute + 5) % 60:02d}"
    text = text.replace('start: "14:30"', 'start: "13:00"').replace('end: "16:00"', f'end: "{end}"')
    text = text.replace("number: 9", f"number: {rng.randint(10, 30)}")
    hall = rng.choice(["大ホール", "第2会議室", "クリエイティブ・ラボ"])
    text = text.replace("venue: 旭川市役所総合庁舎 7階 大会議室A", f"venue: {meeting.host}民文化会館 ホールA（{hall}）")
    path.write_text(text, encoding="utf-8")


def _handout(meeting: Meeting, rng: random.Random) -> None:
    _edit(meeting, "handout.yaml", "layout: u-shape", f"layout: {meeting.layout}")


def _slides(meeting: Meeting, rng: random.Random) -> None:
    title = rng.choice(SLIDE_TITLES).format(city=meeting.host)
    _edit(meeting, "slides.md", "# デザインでつなぐ、旭川のまちづくり", f"# {title}")
    second = rng.choice(SLIDE_TITLES).format(city=meeting.host)
    _edit(meeting, "slides.md", "# ものづくりと暮らしのデザイン", f"# {second}")


def _press(meeting: Meeting, rng: random.Random) -> None:
    if rng.random() < 0.5:
        _edit(meeting, "press.yaml", "separate_sheet: false", "separate_sheet: true")


def normalised(text: str) -> str:
    """Text compared as extraction gives it back (NFKC off: names are compared exactly)."""
    return unicodedata.normalize("NFC", text)
