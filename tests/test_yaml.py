"""The fast YAML reader (libyaml) agrees with ruamel.yaml on every file it reads: the same values,
the same kinds (14:30 and `no` stay text), the same line for every key and item. What it leaves
aside, ruamel.yaml reads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ucc_print.content import yamlfast, yamlruamel
from ucc_print.content.yamlfile import _parse

from .yamlsame import differences

CONTENT = Path(__file__).resolve().parents[1] / "content"
#: Scalars whose kind YAML 1.1 and 1.2 (or careless readers) disagree on.
TRICKY = ["14:30", "07:30", "no", "yes", "on", "off", "~", "null", "Null", "", "1e3", "1.50", "-0", "+12", "0",
          "0.5", ".5", "-.5", "2026-06-17", "2026-06-17 10:00:00", "令和8年6月17日(水)", "true", "FALSE", "1:20:30",
          "0166-65-7047", "#1", "a: b", "- x", "[x]", "é", "ｱｲｳ", "1,000", "3.", "1e", "0x", "=", "<<"]


def _careful(text: str):
    return yamlruamel.converted(yamlruamel.load(text, "x.yaml"))


@pytest.mark.parametrize("name", sorted(path.name for path in CONTENT.glob("*.yaml")))
def test_the_bundled_files_are_read_fast_and_alike(name):
    text = (CONTENT / name).read_text(encoding="utf-8")
    done, data = yamlfast.fast(text)
    assert done
    assert differences(data, _careful(text)) == []


scalars = st.one_of(st.sampled_from(TRICKY), st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False, width=32),
                    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12))
keys = st.one_of(st.sampled_from(["name", "city", "time", "no", "14:30", "1", "予定", "a b"]),
                 st.text("abcxyz_1あ", min_size=1, max_size=6))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


def _dumped(tree, flow: bool, blocks: bool) -> str:
    def styled(value):
        if isinstance(value, dict):
            return {k: styled(v) for k, v in value.items()}
        if isinstance(value, list):
            return [styled(v) for v in value]
        if blocks and isinstance(value, str) and value.strip():
            return LiteralScalarString(value + "\n") if len(value) % 2 else FoldedScalarString(value + "\n")
        return value

    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump({"top": styled(tree), "after": "x"}, out)
    return out.getvalue()


@seed(20261130)
@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(tree=trees, flow=st.booleans(), blocks=st.booleans(), cut=st.integers(0, 400))
def test_generated_files_and_their_mangled_forms_are_read_alike(tree, flow, blocks, cut):
    text = _dumped(tree, flow, blocks)
    for variant in (text, text[:cut] + text[cut + 1:], text.replace("\n", "\n  ", 1)):
        done, data = yamlfast.fast(variant)
        if not done:
            continue  # ruamel.yaml reads it (or words its mistake)
        careful = yamlruamel.load(variant, "x.yaml")
        assert not isinstance(careful, list), f"ruamel.yaml refuses what the fast reader read:\n{variant}\n{careful}"
        assert differences(data, yamlruamel.converted(careful)) == [], variant


def test_most_generated_files_take_the_fast_path():
    import random

    generator = random.Random(7)
    fast = 0
    for _ in range(200):
        tree = {f"k{i}": generator.choice(TRICKY[:20] + [1, 2.5, None, True]) for i in range(5)}
        fast += yamlfast.fast(_dumped(tree, generator.random() < 0.5, False))[0]
    assert fast > 150


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",            # anchors and aliases
    "a: !!str 12\n",               # a tag
    "a: 1\na: 2\n",                # a duplicate key
    "a: 0x1F\n", "a: 1_000\n", "a: 017\n", "a: .inf\n",  # numbers written unusually
    "<<: {a: 1}\n",                # a merge key
    "a: 1\n---\nb: 2\n",           # two documents
    "? [a, b]\n: 1\n",             # a list as a key
    "a:\tb\n", "a: 1\u2028b: 2\n",  # characters YAML 1.1 and 1.2 read differently
    "a: [" * 60 + "]" * 60 + "\n",  # nesting past the limit
    "a: b: c\n",                   # a mistake
])
def test_what_the_fast_reader_leaves_aside_ruamel_reads(text):
    assert yamlfast.fast(text) == (False, None)
    parsed = _parse(text, "x.yaml")
    assert parsed is not None  # data or problems, never an exception


def test_a_difference_in_a_line_is_seen():
    text = "a:\n  - 1\n  - 2\nb: x\n"
    _done, data = yamlfast.fast(text)
    careful = _careful(text)
    careful["a"].lines[1] = 9
    assert differences(data, careful) == [".a: item lines [2, 3] / [2, 9]"]
