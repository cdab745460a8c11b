"""``subsidie docs``: write the rule set as Markdown pages and one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from .options import default_lang, lang_option, load_rules, rules_option


@click.command()
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("rule-docs"),
    show_default=True,
    help="The folder to write the pages to (created when needed).",
)
@lang_option("the pages")
@rules_option
def docs(output: Path, lang: str | None, rules_path: Path | None) -> int:
    """Write the rule set as Markdown pages (index.md, one page per measure, facts.md) and one
    self-contained HTML page (index.html): who can apply, for what, how much, every dated value,
    version, source and assumption.

    Exit status: 0 written; 2 the rules cannot be read or the folder cannot be written.
    """
    from ..render.docs import write_docs
    from ..text.messages import say

    lang = lang or default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    try:
        written = write_docs(rules, output, lang)
    except OSError as exc:
        click.echo(say("diagnostics.cannot-write", lang, path=output, reason=exc.strerror or exc), err=True)
        return 2
    click.echo(say("diagnostics.wrote-pages", lang, count=len(written), path=output))
    return 0
