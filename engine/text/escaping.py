"""Text from a profile or a rule file, made harmless for where it lands: a terminal, a CI log, Markdown.

A profile's project id, a file name or a rule's title is data: it must show as written and never
act. On a terminal, control characters (escape sequences, a carriage return that overwrites the
line, a line break that starts a new line, right-to-left overrides) would act; in a GitHub Actions
log a line starting with ``::`` (after spaces) or holding ``##[`` is a workflow command; in Markdown
(the impact report posted on a pull request) a value could open a heading, a link, an image, an
HTML comment that hides what follows, or mention a user. Each function here takes one value as it
came and returns a text that shows it:

- :func:`terminal` for a value in the text formats, and :func:`terminal_lines` for whole lines;
- :func:`markdown_code` for an identifier or a name in Markdown (a code span, in which nothing is
  read as Markdown, HTML, a link or a mention; a ``|`` is escaped for tables);
- :func:`markdown_text` for prose in Markdown (a rule's title or reason), inline, never at the start
  of a line: the characters that open emphasis, code, links, images, strike-through and table cells
  are escaped with a backslash, ``<``, ``>`` and an ``&`` that would start an entity are written as
  entities, and an ``@`` before a name is kept from becoming a mention; ``.``, ``,``, ``-`` and the
  other punctuation that acts only at the start of a line stay as written, so amounts read as before;
- :func:`markdown_link` for a rule's title linked to its source: the address is percent-encoded
  where Markdown could read it (``(``, ``)``, ``<``, ``>``, quotes, spaces), and only ``http`` and
  ``https`` addresses become links.

Control characters are written as Python escapes (``\\n``, ``\\x1b``, ``\\u202e``) by all three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

_URL_SAFE = "/:?#[]@!$&*+,;=%~-._"  # what an address keeps as written; the rest is percent-encoded
_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"  # printable ASCII and the line break: what the text formats write as is


@cache
def _markdown() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of the Markdown functions, compiled at their first use (the text formats need none).

    Returns:
        Characters that act in Markdown, an ``&`` that starts an entity, an ``@`` before a name, runs
        of backticks, and an address that may become a link.
    """
    return (
        re.compile(r"[\\`*_\[\]|~]"),
        re.compile(r"&(?=#?[0-9A-Za-z]+;)"),
        re.compile(r"(?<![0-9A-Za-z])@(?=[0-9A-Za-z])"),
        re.compile("`+"),
        re.compile(r"https?://\S+", re.ASCII),
    )


def visible(text: str) -> str:
    """``text`` with every character that is not printable written as its Python escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def terminal(text: str) -> str:
    """A value for a text format: control characters escaped, and no workflow command for a CI log.

    A leading ``::`` (after spaces) and ``##[`` anywhere are broken by writing a ``:`` or ``[`` as
    ``\\x3a`` or ``\\x5b``; the rest shows as written.
    """
    text = visible(text)
    stripped = text.lstrip(" ")
    if stripped.startswith("::"):
        text = text[: len(text) - len(stripped)] + "\\x3a" + stripped[1:]
    return text.replace("##[", "##\\x5b")


def markdown_code(text: str) -> str:
    """A value as a Markdown code span, safe in a table cell: nothing in it is read as Markdown."""
    text = visible(text).replace("|", "\\|")
    longest = max((len(run) for run in _markdown()[3].findall(text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip(" ") else text
    return f"{fence}{padded}{fence}"


def markdown_text(text: str) -> str:
    """A value as inline Markdown prose that shows as written, safe in a table cell and in a list item."""
    active, entity_start, mention, _, _ = _markdown()
    text = active.sub(lambda m: "\\" + m.group(), visible(text))
    text = entity_start.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return mention.sub("@\u2060", text)  # a word joiner after it: shown as '@', never read as a mention


def markdown_link(text: str, url: str) -> str:
    """``text`` (as :func:`markdown_text`) linked to ``url``; an address that is not http(s) is left unlinked."""
    from urllib.parse import quote  # here: the text formats never link, and importing it costs every start

    label = markdown_text(text)
    if not _markdown()[4].fullmatch(url):
        return label
    return f"[{label}]({quote(url, safe=_URL_SAFE)})"


def terminal_lines(lines: Iterable[str]) -> str:
    """Lines for a text format, each through :func:`terminal`, each ending in a line break.

    The text formats build their lines from the engine's words and from values of profiles and
    rule files; escaping each whole line escapes every value in it, whatever its place, and leaves
    the engine's own words (always printable) as they are. Lines that are all printable ASCII, with no ``::``
    or ``##[`` anywhere, are as written: checked at once on the whole text, not line by line.
    """
    lines = list(lines)
    if not lines:
        return ""
    text = "\n".join(lines) + "\n"
    if (
        text.isascii()
        and not text.encode("ascii").translate(None, _PLAIN)  # nothing but printable characters and line breaks
        and text.count("\n") == len(lines)  # no line break within a line
        and "::" not in text
        and "##[" not in text
    ):
        return text
    return "".join(terminal(line) + "\n" for line in lines)
