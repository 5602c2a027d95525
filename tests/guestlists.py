"""Guest lists written as a clerk would: 25 guests in CSV or Excel, and workbooks with quirks."""

from __future__ import annotations

import csv

from openpyxl import Workbook

LONG_NAME = "勅使河原ルイーズ＝マリー・アントワネット"  # 20 characters, no space to break at
MARKUP = "Smith & Sons <Design>"
HEADERS_JA = ["氏名", "ふりがな", "所属", "役職", "区分", "敬称"]
HEADERS_EN = ["name", "reading", "organization", "title", "category", "honorific"]
CITIES = ["神戸市", "名古屋市", "金沢市", "札幌市", "鶴岡市", "浜松市", "丹波篠山市", "山形市", "旭川市", "臼杵市",
          "岡山市", "越前市"]


def guest_rows() -> list[list[str]]:
    """25 guests: 3 来賓, 12 cities (in a shuffled order), 10 more, with the names the issue names."""
    rows = [
        ["北山 浩士", "きたやま ひろし", "文部科学省", "国際統括官", "来賓", "氏"],
        ["星野 有希枝", "", "文化庁", "参事官（伝統文化・生活文化担当）付 文化戦略官", "来賓", "氏"],
        ["佐々木 雅幸", "", "静岡文化芸術大学", "理事長兼学長", "来賓", "先生"],
    ]
    surnames = ["髙橋", "山﨑", "渡邉", "齋藤", "田中", "伊藤", "佐藤", "鈴木", "高橋", "小林", "加藤", "吉川"]
    for index, city in enumerate(reversed(CITIES)):
        rows.append([f"{surnames[index]} 太郎", "", city, "担当者", "参加者", ""])
    rows.append([LONG_NAME, "", MARKUP, "Director", "参加者", ""])
    for index in range(9):
        rows.append([f"事務局 {index + 1}郎", "", "旭川市 経済部産業振興課", "主査", "事務局", ""])
    assert len(rows) == 25
    return rows


def write_csv(path, headers=HEADERS_JA, rows=None, encoding="utf-8-sig"):
    """The list (25 guests unless `rows` is given) as CSV, with a BOM as Excel writes it."""
    with open(path, "w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        writer.writerows(rows if rows is not None else guest_rows())
    return path


def write_xlsx(path, headers=HEADERS_JA, rows=None, sheet="名簿"):
    """The list (25 guests unless `rows` is given) as one sheet of a workbook."""
    book = Workbook()
    book.active.title = sheet
    book.active.append(headers)
    for row in rows if rows is not None else guest_rows():
        book.active.append(row)
    book.save(path)
    return path


def workbook(path, rows, setup=None, sheet="名簿"):
    """A workbook of exactly `rows`, then `setup(book)` for merged cells, hidden rows and the like."""
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    if setup:
        setup(book)
    book.save(path)
    return path


def run_list(project, path, *args):
    """`ucc-print cards --guests path`."""
    return project.run("cards", "--guests", str(path), *args)
