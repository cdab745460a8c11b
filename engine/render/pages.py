"""A small page model (headings, paragraphs, lists and tables of text, links, code and bold text)
and its two renderers, Markdown and HTML, so that both outputs of ``subsidie docs`` hold the same
content. Every text is escaped for its output; nothing here knows about rules.
"""

from __future__ import annotations

import html
import re

from ..records import field, record

STYLE = """
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;--head:#f2f2f2;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#aaa;--line:#444;--head:#222;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:break-word}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.7rem;line-height:1.2}h2{font-size:1.4rem;margin-top:2.5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin-top:1.8rem}h4{font-size:1rem;margin-top:1.4rem}h5,h6{font-size:1rem}
a{color:var(--link);overflow-wrap:anywhere}
code{font:0.9em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;background:var(--head);padding:0 .2em}
ul,ol{padding-left:1.4rem}
.table{margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:var(--head)}
@media (max-width:40rem){.table table,.table tbody,.table tr,.table td{display:block;width:100%}.table thead{display:none}.table tr{border:1px solid var(--line);margin-bottom:.8rem}.table td{border:0;border-top:1px solid var(--line)}.table td:first-child{border-top:0;background:var(--head)}.table td:empty{display:none}.table td::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:600;color:var(--muted)}}
details.technical{margin:1.5rem 0;padding:.4rem .8rem;border:1px solid var(--line);border-radius:4px}
details.technical summary{cursor:pointer;font-weight:600}
.generated,.top{color:var(--muted);font-size:.9rem}
section{margin-top:2rem}
"""  # noqa: E501 - one CSS rule a line, as the pages hold it


def flat(source: str) -> str:
    """A text on one line: runs of white space (new lines too) become one space."""
    return " ".join(source.split())


@record
class Link:
    """A link: to a web address (``url``) or to a page of the documentation (``page``, ``anchor``)."""

    text: str
    url: str | None = None
    page: str | None = None
    anchor: str | None = None


@record
class Code:
    """Text shown as code (expressions, ids)."""

    text: str


@record
class Strong:
    """Text shown in bold."""

    text: str


Inline = str | Link | Code | Strong
Line = tuple[Inline, ...]


@record
class Heading:
    level: int  # 2 = a section of a page; the page title is level 1
    text: str
    anchor: str | None = None


@record
class Para:
    parts: Line
    css: str | None = None


@record
class Items:
    items: tuple[Line, ...]
    numbered: bool = False


@record
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@record
class Details:
    """Blocks folded away under a summary line (the technical section for rule editors)."""

    summary: str
    blocks: tuple[Heading | Para | Items | Table, ...]


Block = Heading | Para | Items | Table | Details


@record(frozen=False)
class Page:
    """One page: its Markdown file name, its anchor in the HTML page, its title and blocks."""

    name: str
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)


# -- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"[\\`*\[\]<>]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split("\n")))


def _md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _md_inline(part: Inline) -> str:
    if isinstance(part, Code):
        fence = "``" if "`" in part.text else "`"
        pad = " " if fence == "``" else ""
        return f"{fence}{pad}{flat(part.text)}{pad}{fence}"
    if isinstance(part, Strong):
        return f"**{_md_text(part.text)}**"
    if isinstance(part, Link):
        target = _md_url(part.url) if part.url else part.page
        return f"[{_md_text(part.text)}]({target})"
    return _md_text(part)


def _md_line(parts: Line, cell: bool = False) -> str:
    text = "".join(_md_inline(p) for p in parts)
    return text.replace("|", "\\|") if cell else text


def markdown(page: Page) -> str:
    """A page as Markdown text: its title as the only level-1 heading, then its blocks."""
    out = [f"# {_md_text(page.title)}", ""] + _md_blocks(page.blocks)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_blocks(blocks: list[Block] | tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Items):
            # a list right after another list gets another bullet, or Markdown joins the two
            after_list = isinstance(previous, Items)
            bullet = ("{}) " if after_list else "{}. ") if block.numbered else ("* " if after_list else "- ")
            out += [bullet.format(i) + _md_line(item) for i, item in enumerate(block.items, 1)] + [""]
        elif isinstance(block, Heading):
            out += ["#" * block.level + " " + _md_text(block.text), ""]
        elif isinstance(block, Para):
            out += [_md_line(block.parts), ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_text(h).replace("|", "\\|") for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md_line(c, cell=True) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Details):
            # GitHub and most Markdown viewers fold an HTML details element; Markdown inside needs the blank lines
            out += ["<details>", f"<summary>{esc(block.summary)}</summary>", ""] + _md_blocks(block.blocks)
            out += ["</details>", ""]
        previous = block
    return out


# -- HTML -------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(text, quote=True)


def _html_inline(part: Inline, anchors: dict[str, str]) -> str:
    if isinstance(part, Code):
        return f"<code>{esc(part.text)}</code>"
    if isinstance(part, Strong):
        return f"<strong>{esc(part.text)}</strong>"
    if isinstance(part, Link):
        if part.url:
            return f'<a href="{esc(part.url)}">{esc(part.text)}</a>'
        target = part.anchor or anchors.get(part.page or "", "top")
        return f'<a href="#{esc(target)}">{esc(part.text)}</a>'
    return esc(part)


def _html_line(parts: Line, anchors: dict[str, str]) -> str:
    return "".join(_html_inline(p, anchors) for p in parts)


def html_blocks(blocks: list[Block], shift: int, anchors: dict[str, str]) -> list[str]:
    """Blocks as HTML lines; headings moved down ``shift`` levels, links to pages turned into ``anchors``."""
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level + shift, 6)
            ident = f' id="{esc(block.anchor)}"' if block.anchor else ""
            out.append(f"<h{level}{ident}>{esc(block.text)}</h{level}>")
        elif isinstance(block, Para):
            css = f' class="{block.css}"' if block.css else ""
            out.append(f"<p{css}>{_html_line(block.parts, anchors)}</p>")
        elif isinstance(block, Items):
            tag = "ol" if block.numbered else "ul"
            out.append(f"<{tag}>")
            out += [f"<li>{_html_line(item, anchors)}</li>" for item in block.items]
            out.append(f"</{tag}>")
        elif isinstance(block, Table):
            # on a narrow screen each row stacks its cells, each cell led by its column's name (data-label)
            out.append('<div class="table"><table>')
            out.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in block.header) + "</tr></thead>")
            out.append("<tbody>")
            out += [
                "<tr>"
                + "".join(
                    f'<td data-label="{esc(h)}">{_html_line(c, anchors)}</td>'
                    for h, c in zip(block.header, row, strict=True)
                )
                + "</tr>"
                for row in block.rows
            ]
            out.append("</tbody></table></div>")
        elif isinstance(block, Details):
            out.append(f'<details class="technical"><summary>{esc(block.summary)}</summary>')
            out += html_blocks(list(block.blocks), shift, anchors)
            out.append("</details>")
    return out
