"""Escaping of profile and rule text for the terminal, a CI log and Markdown (engine/text/escaping.py)."""

from __future__ import annotations

import pytest

from engine.text.escaping import markdown_code, markdown_link, markdown_text, terminal, terminal_lines, visible


def test_visible_writes_control_characters_as_escapes_and_keeps_the_rest():
    assert visible("café 45% → EUR 4.500,00") == "café 45% → EUR 4.500,00"
    assert visible("a\nb\r\x1b[2J\u202egnp\t") == "a\\nb\\r\\x1b[2J\\u202egnp\\t"


@pytest.mark.parametrize(
    "value, shown",
    [
        ("::error file=a.py::pwned", "\\x3a:error file=a.py::pwned"),
        ("   ::warning::x", "   \\x3a:warning::x"),
        ("id ::set-output", "id ::set-output"),  # a workflow command only at the start of a line
        ("x ##[error]pwned", "x ##\\x5berror]pwned"),
        ("a\n::error::x", "a\\n::error::x"),  # the line break is escaped, so '::' is not at a start
        ("plain-id", "plain-id"),
    ],
)
def test_terminal(value, shown):
    assert terminal(value) == shown


def test_terminal_lines_escape_each_line_and_end_each_with_a_break():
    assert terminal_lines(["one", "::two\x07", ""]) == "one\n\\x3a:two\\x07\n\n"


@pytest.mark.parametrize(
    "lines, text",
    [
        ([], ""),
        (["one", "", "  two: EUR 4.500,00 (a, b)"], "one\n\n  two: EUR 4.500,00 (a, b)\n"),  # plain: as written
        (["one", "a\nb"], "one\na\\nb\n"),  # a line break within a line
        (["one", "  ::x"], "one\n  \\x3a:x\n"),
        (["id ::x", "y"], "id ::x\ny\n"),  # '::' but not at a line's start: as written
        (["x ##[y"], "x ##\\x5by\n"),
        (["##", "[y"], "##\n[y\n"),
        (["tab\there", "del\x7f"], "tab\\there\ndel\\x7f\n"),
        (["café", "\u202eabc"], "café\n\\u202eabc\n"),
    ],
)
def test_terminal_lines_as_each_line_through_terminal(lines, text):
    """Printable ASCII lines are checked at once on the whole text; every other text line by line: the same."""
    assert terminal_lines(lines) == text == "".join(terminal(line) + "\n" for line in lines)
    assert terminal_lines(iter(lines)) == text


@pytest.mark.parametrize(
    "value, shown",
    [
        ("cyber-audit", "`cyber-audit`"),
        ("a|b", "`a\\|b`"),
        ("x`y", "``x`y``"),
        ("`start", "`` `start ``"),
        ("a``b", "```a``b```"),
        (" ", "`   `"),
        ("<!--\n# Approved", "`<!--\\n# Approved`"),
    ],
)
def test_markdown_code(value, shown):
    assert markdown_code(value) == shown


@pytest.mark.parametrize(
    "value, shown",
    [
        ("45% of EUR 10,000.00", "45% of EUR 10,000.00"),
        ("*bold* _it_ `c` [l](u) ~s~ a|b \\", "\\*bold\\* \\_it\\_ \\`c\\` \\[l\\](u) \\~s\\~ a\\|b \\\\"),
        ("<img src=x> &amp; & R&D", "&lt;img src=x&gt; &amp;amp; & R&D"),
        ("ask @security-team, mail a@b.be", "ask @\u2060security-team, mail a@b.be"),
        ("line\n## Approved", "line\\\\n## Approved"),  # shown as the escape '\n', on one line
    ],
)
def test_markdown_text(value, shown):
    assert markdown_text(value) == shown


def test_markdown_link_links_only_web_addresses_and_encodes_what_markdown_reads():
    assert markdown_link("SME wallet", "https://www.vlaio.be/nl/a(b)'c'") == (
        "[SME wallet](https://www.vlaio.be/nl/a%28b%29%27c%27)"
    )
    assert markdown_link("x", "https://e.be/a b") == "x"  # not one address
    assert markdown_link("x", "javascript:alert(1)") == "x"
    assert markdown_link("[x]", 'https://e.be/"><script>') == "[\\[x\\]](https://e.be/%22%3E%3Cscript%3E)"
