"""Where each character of a YAML scalar's value stands in the file: for positions inside a value.

A problem inside an expression (an unknown name at column 40 of a condition) must point at
that character in the rule file, whatever the scalar's style: plain or quoted (with escapes
and line folding), literal (``|``) or folded (``>``) block. :func:`scalar_map` maps every
character of a value to its index in the file's text; :class:`engine.load.yaml_loader.Document`
uses it in ``locate_in_scalar``.
"""

from __future__ import annotations


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of the character at ``index`` in ``text``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _flow_map(text: str, start: int, end: int, quote: str | None) -> list[int]:
    """For each character of a plain or quoted scalar's value, its index in ``text``."""
    out: list[int] = []
    i = start
    while i < end:
        c = text[i]
        if c in "\r\n":
            while out and text[out[-1]] in " \t":
                out.pop()
            breaks = 0
            while i < end and text[i] in " \t\r\n":
                breaks += text[i] == "\n"
                i += 1
            out.extend([i] * (1 if breaks <= 1 else breaks - 1))
            continue
        if quote == "'" and c == "'" and i + 1 < end and text[i + 1] == "'":
            out.append(i)
            i += 2
            continue
        if quote == '"' and c == "\\" and i + 1 < end:
            follower = text[i + 1]
            if follower in "\r\n":
                i += 2
                while i < end and text[i] in " \t\r\n":
                    i += 1
                continue
            out.append(i)
            i += {"x": 4, "u": 6, "U": 10}.get(follower, 2)
            continue
        out.append(i)
        i += 1
    return out


def _block_map(text: str, start: int, end: int, style: str) -> list[int]:
    """For each character of a literal (|) or folded (>) block scalar's value, its index in ``text``."""
    i = text.index("\n", start) + 1 if "\n" in text[start:end] else end
    lines: list[tuple[int, str]] = []
    indent = None
    while i < end:
        stop = text.find("\n", i, end)
        stop = end if stop < 0 else stop
        raw = text[i:stop]
        if raw.strip():
            here = len(raw) - len(raw.lstrip(" "))
            indent = here if indent is None else indent
            if here < indent:
                break
        lines.append((i, raw))
        i = stop + 1
    if indent is None:
        return []
    out: list[int] = []
    previous_blank = False
    for n, (begin, raw) in enumerate(lines):
        blank = not raw.strip()
        if n:
            if style == "|" or blank or previous_blank:
                out.append(begin)  # a kept line break
            else:
                out.append(begin + indent)  # a folded line break: one space
        if not blank:
            out.extend(range(begin + indent, begin + len(raw)))
        previous_blank = blank
    return out


def scalar_map(text: str, start: int, end: int, style: str | None) -> list[int]:
    """For each character of the value of the scalar written at ``text[start:end]`` in ``style`` (None for
    plain, a quote, or ``|``/``>`` for a block), its index in ``text``."""
    if style in ("|", ">"):
        return _block_map(text, start, end, style)
    if style in ("'", '"'):
        return _flow_map(text, start + 1, end - 1, style)
    return _flow_map(text, start, end, None)
