"""The kinsoku rules the issue names, as a checker over set lines (used by several tests)."""

from ucc_print.japanese.kinsoku import NO_LINE_END, NO_LINE_START

#: Named in the issue: no line may start with these …
MUST_NOT_START = set("、。，．）」』】〉》！？：；ー") | set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
#: … and none may end with these.
MUST_NOT_END = set("（「『【〈《")


def violations(lines: list[str], every_class: bool = True) -> list[str]:
    """Each line that breaks a rule, with the reason.

    `every_class` checks all JLREQ classes the breaker knows; without it only the characters the
    issue names (for lines read back from a PDF, where a list's ・ marker begins a line by design).
    """
    no_start = MUST_NOT_START | (NO_LINE_START if every_class else set())
    no_end = MUST_NOT_END | (NO_LINE_END if every_class else set())
    found = []
    for index, line in enumerate(lines):
        text = line.strip(" \u3000")
        if not text:
            continue
        if index > 0 and text[0] in no_start:
            found.append(f"line {index + 1} starts with {text[0]!r}: {line!r}")
        if index < len(lines) - 1 and text[-1] in no_end:
            found.append(f"line {index + 1} ends with {text[-1]!r}: {line!r}")
    return found
