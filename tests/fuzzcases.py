"""Fuzz cases for every content file and guest-list cell: Hypothesis strategies, and how a case
is applied to a copy of the bundled project. The cases are run by tests/fuzzrunner.py."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
#: Every content file a clerk edits.
FILES = sorted(str(path.relative_to(CONTENT)) for path in CONTENT.rglob("*") if path.suffix in (".yaml", ".md"))

#: Characters that have broken tools before: controls, separators, marks, rare kanji, emoji,
#: brackets kinsoku holds on to, YAML and Jinja syntax, full-width digits.
TRICKY = ("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1c\x1d\x1e\x1f\x7f\x85\x9f\u2028\u2029\ufeff\ufffe\ufdd0"
          "\u0301\u3099\u309a\ufe0f\U000e0100\u200d"
          "𠮷𠮟髙﨑神‐―…（「『【〔）」』】〕、。・ー"
          ":#-{}[]&*!|>'\"%@`,?\\\t\n "
          "０１２３令和平成元年月日時分(水)"
          "😀🇯🇵")
TEXT = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(TRICKY)), max_size=80)
#: Text the fonts can print, of every kind the layout meets: so that many cases are laid out.
PRINTABLE = st.text(alphabet=st.sampled_from("旭川市デザイン会議の取組について、。（）「」・ー―…0123456789ABCdef -＝"
                                              "アレクサンドラヴィクトリア髙﨑令和年月日(水)"), max_size=120)
JINJA = st.sampled_from([
    "{{ event.title }}", "{{ 10**5000 }}", "{{ 'a' * 10**7 }}", "{{ event.model_dump() }}", "{{ event.model_fields }}",
    "{{ host }}", "{{ cities }}", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{{ lipsum(10**4) }}", "{{ event.date | wareki }}", "{{ event.venue | nendo }}", "{{ undefined_name }}",
    "{% if %}", "{{", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "{{ event.__class__.__mro__ }}",
    "{{ '%s' | format(event) }}", "{{ 'x' | center(10**9) }}", "{{ cities | map(attribute='nope') | join }}",
])

#: YAML no person writes but a file can hold: brackets nested past Python's stack, numbers past the
#: 4,300 digits Python prints, lists of lists written as dashes.
DEEP = st.builds(lambda opening, closing, count: opening * count + closing * count,
                 st.sampled_from(["[", "{a: "]), st.sampled_from(["]", "}"]), st.sampled_from([49, 51, 300, 5_000]))
HUGE = st.builds(lambda prefix, count: prefix + "9" * count, st.sampled_from(["", "-", "0x", "0o", "+"]),
                 st.sampled_from([100, 101, 4_301, 100_000]))
DASHES = st.builds(lambda count: "- " * count + "x", st.sampled_from([49, 51, 300, 5_000]))


@st.composite
def _value(draw, depth: int = 0):
    """A YAML value of any type: text, numbers (huge ones too), booleans, dates, lists, mappings."""
    kinds = ["text", "text", "jinja", "number", "float", "bool", "null", "date", "long"]
    if depth < 3:
        kinds += ["list", "map"]
    kind = draw(st.sampled_from(kinds))
    if kind == "text":
        return draw(TEXT)
    if kind == "jinja":
        return draw(TEXT) + draw(JINJA) + draw(TEXT)
    if kind == "number":
        return draw(st.integers(min_value=-(10 ** 30), max_value=10 ** 30))
    if kind == "float":
        return draw(st.floats(allow_nan=True, allow_infinity=True))
    if kind == "bool":
        return draw(st.booleans())
    if kind == "null":
        return None
    if kind == "date":
        return draw(st.sampled_from(["2026-02-30", "令和8年13月1日", "2026年6月17日(火)", "平成31年5月1日",
                    "0000-00-00",
                                     "25:61", "14:30", "no", "yes", "~"]))
    if kind == "long":
        return draw(st.sampled_from(["（", "ア", "a", "\u0301", "旭川 "])) * draw(st.sampled_from([500, 5_000, 60_000]))
    if kind == "list":
        return draw(st.lists(_value(depth + 1), max_size=4))
    return draw(st.dictionaries(st.sampled_from(["name", "title", "x", "time", "items", "show", "organization"]),
                                _value(depth + 1), max_size=3))


def _scalar(value) -> str:
    """A value written as YAML on one line (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


@st.composite
def content_case(draw) -> dict:
    """A change to one content file: a value replaced, a line deleted, inserted or doubled."""
    name = draw(st.sampled_from(FILES))
    lines = (CONTENT / name).read_text(encoding="utf-8").split("\n")
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    operation = draw(st.sampled_from(["replace", "replace", "replace", "delete", "insert", "double", "raw", "nest"]))
    line = lines[index]
    if operation == "nest" and ":" in line and name.endswith(".yaml"):  # written as YAML, not as JSON
        lines[index] = f"{line.split(':', 1)[0]}: {draw(st.one_of(DEEP, HUGE))}"
    elif operation == "nest":
        lines.insert(index, draw(DASHES))
    elif operation == "replace" and ":" in line and name.endswith(".yaml"):
        key = line.split(":", 1)[0]
        # text most often, so that many cases load and go on to be laid out
        value = draw(st.one_of(PRINTABLE, PRINTABLE, TEXT, _value()))
        lines[index] = f"{key}: {_scalar(value)}"
    elif operation in ("replace", "raw"):
        lines[index] = draw(TEXT) if operation == "raw" or not name.endswith(".yaml") else f"{line} {draw(TEXT)}"
    elif operation == "delete":
        del lines[index]
    elif operation == "insert":
        indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
        lines.insert(index, indent + draw(st.one_of(TEXT, st.builds(lambda v: f"x: {_scalar(v)}", _value()))))
    else:
        lines.insert(index, line)
    return {"file": f"content/{name}", "text": "\n".join(lines)}


#: What guest-list cells hold in real lists, and what they should not.
CELL = st.one_of(TEXT, st.sampled_from(["来賓", "参加者", "事務局", "guest", "正面", "側面", "head", "氏",
                 "=SUM(A1:A3)",
                                         "#N/A", "TRUE", "1", "1.5", "-3", "0", ""]),
                 st.integers(min_value=-10, max_value=10 ** 12), st.floats(allow_nan=False, allow_infinity=False),
                 st.booleans(), st.dates().map(str))
HEADINGS = ["氏名", "ふりがな", "所属", "略称", "役職", "区分", "敬称", "順番", "席", "備考", "name", "姓", "名", "?",
            ""]


@st.composite
def guest_case(draw) -> dict:
    """A guest list as Excel or CSV: headings (some wrong), rows of any cells, some well formed."""
    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=8))
    if draw(st.booleans()):
        headings = ["氏名", "所属", "区分"] + headings
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        if draw(st.booleans()):
            rows.append([draw(st.sampled_from(["北山 浩士", "ジョルジュ・ガルニエ", ""])), "文部科学省", "来賓"]
                        + [draw(CELL) for _ in headings[3:]])
        else:
            rows.append([draw(CELL) for _ in headings])
    kind = draw(st.sampled_from(["xlsx", "csv", "csv-sjis", "csv-bytes"]))
    return {"file": f"guests.{kind.split('-')[0]}", "kind": kind, "headings": headings, "rows": rows,
            "bytes": draw(st.binary(max_size=200)) if kind == "csv-bytes" else b""}


#: Characters XML 1.0 cannot hold, so no .xlsx can.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def apply(case: dict, root: Path) -> Path | None:
    """Put a case into the project at `root` (a copy of the bundled one); the guest list it makes, if any."""
    for name, data in case.get("files", {}).items():  # pictures and other files a case brings along
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, dict):
            target.symlink_to(data["link"])
        else:
            target.write_bytes(bytes.fromhex(data))
    for name, (old, new) in case.get("edits", {}).items():  # exact replacements, as a clerk types them
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if "text" in case:
        path = root / case["file"]
        path.write_bytes(case["text"].encode("utf-8", "surrogatepass"))
        return None
    if "file" not in case:
        return None
    path = root / case["file"]
    if case["kind"] == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in [case["headings"], *case["rows"]]:  # what a workbook cannot hold, Excel cannot have put there
            sheet.append([NOT_XML.sub("", value) if isinstance(value, str) else value for value in row])
        book.save(path)
    elif case["kind"] in ("csv-bytes", "hex"):  # a file given byte by byte
        path.write_bytes(bytes.fromhex(case["bytes"]) if isinstance(case["bytes"], str) else case["bytes"])
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(case["headings"])
        writer.writerows(case["rows"])
        encoding = "cp932" if case["kind"] == "csv-sjis" else "utf-8"
        path.write_bytes(buffer.getvalue().encode(encoding, "replace"))
    return path


def serialisable(case: dict) -> dict:
    """A case as JSON can carry it to the runner."""
    return {**case, "bytes": case["bytes"].hex()} if isinstance(case.get("bytes"), bytes) else case
