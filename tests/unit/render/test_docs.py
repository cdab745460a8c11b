"""The documentation pages: every measure, dated value, version, source and note of the rules appears."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from engine.load.ruleset import load_rules, rule_files
from engine.load.yaml_loader import load_file
from engine.model import Measure, Note, RuleSet, either_text, in_lang
from engine.render.docs import render_html, render_markdown, write_docs
from engine.render.docs_words import LANGS, value_text

from ...conftest import RULES

ASSUMPTION = {"en": "assumption", "nl": "aanname"}


@pytest.fixture(scope="module")
def shipped() -> RuleSet:
    return load_rules(RULES)


@pytest.fixture(scope="module", params=LANGS)
def rendered(request, shipped) -> tuple[str, dict[str, str], str]:
    return request.param, render_markdown(shipped, request.param), render_html(shipped, request.param)


# -- helpers ---------------------------------------------------------------------------


def md_rows(text: str) -> list[list[str]]:
    """The cells of every Markdown table row (header and separator rows included)."""
    return [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def html_rows(text: str) -> list[list[str]]:
    """The cells of every HTML table row with cells (header rows left out)."""
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", text, re.S)]
    return [row for row in rows if row]


def section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start : page.index("</section>", start)]


def md_block(text: str, heading: str) -> str:
    """The Markdown under the heading line ``heading``, up to the next heading of that level or higher."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    level = heading.split(" ")[0]
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith("#") and len(lines[i].split(" ")[0]) <= len(level)),
        len(lines),
    )
    return "\n".join(lines[start:end])


def html_block(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next heading."""
    start = page.index(f'id="{anchor}"')
    end = re.compile(r"<h[1-6][ >]").search(page, start)
    return page[start : end.start() if end else len(page)]


def measure_conditions(measure: Measure):
    yield from measure.conditions
    for version in measure.versions:
        yield from version.conditions or ()


def all_sources(rules: RuleSet) -> dict[str, set[str]]:
    """Every source URL of the rule set, per Markdown page that must show it."""
    found: dict[str, set[str]] = {}
    for measure in rules.measures.values():
        urls = set(measure.sources)
        urls |= {e.source for p in measure.parameters.values() for e in p.timeline}
        urls |= {v.source for v in measure.versions}
        urls |= {c.source for c in measure_conditions(measure) if c.source}
        urls |= {w.source for w in measure.calls.windows} if measure.calls else set()
        urls |= {r.source for r in measure.reminders if r.source}
        for amount in [measure.amount] + [v.amount for v in measure.versions]:
            if amount:
                urls |= {c.source for c in amount.caps if c.source}
                urls |= {amount.minimum.source} if amount.minimum and amount.minimum.source else set()
        found[f"{measure.id}.md"] = urls
    facts = {e.source for p in rules.parameters.values() for e in p.timeline}
    facts |= {c.source for c in rules.shared_conditions.values() if c.source}
    facts |= {f.source for f in rules.facts.values() if f.source}
    for path in rule_files(Path(rules.root))[1]:  # the facts files' own sources, which the model does not keep
        facts |= set(load_file(path)[0].data.get("sources") or ())
    found["facts.md"] = facts
    return found


def raw_notes(root: Path) -> list[tuple[str, Note]]:
    """Notes the model does not keep (dated values, reminders, facts files), read from the YAML: (page, note)."""
    found = []
    measures, facts = rule_files(root)
    for path in measures + facts:
        doc, _ = load_file(path)
        page = "facts.md" if path in facts else f"{path.stem}.md"
        data = doc.data
        lists = [data.get("notes")] if path in facts else []
        lists += [v.get("notes") for p in (data.get("parameters") or {}).values() for v in p.get("values") or ()]
        lists += [r.get("notes") for r in data.get("reminders") or ()]
        for notes in lists:
            for n in notes or ():
                found.append((page, Note(either_text(n["text"]), n.get("decision"), n.get("assumption", False))))
    return found


def leaves(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif not isinstance(value, bool):
        yield str(value)


# -- value texts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, lang, text",
    [
        ({"small": 45, "medium": 35}, "en", "small: 45, medium: 35"),
        (12, "en", "12"),
        (__import__("decimal").Decimal("12.50"), "en", "12.5"),
        (True, "nl", "ja"),
        (False, "en", "no"),
        (__import__("datetime").date(2021, 8, 20), "en", "2021-08-20"),
        ([], "nl", "geen"),
        (["vzw", "ivzw"], "en", "vzw, ivzw"),
        (
            {"advice": [], "training": ["cybersecurity", "energy_efficiency"]},
            "en",
            "advice: none; training: cybersecurity, energy_efficiency",
        ),
        (
            {"standard": {"micro": 30}, "raised": {"micro": 45, "medium": 40}},
            "en",
            "standard: (micro: 30); raised: (micro: 45, medium: 40)",
        ),
        ("fiscal_years", "nl", "fiscal_years"),
    ],
)
def test_value_text(value, lang, text):
    assert value_text(value, lang) == text


# -- the shipped rules -------------------------------------------------------------------


def test_pages(rendered, shipped):
    _, markdown, _ = rendered
    assert set(markdown) == {"index.md", "facts.md"} | {f"{m}.md" for m in shipped.measures}


def test_index_lists_every_measure(rendered, shipped):
    lang, markdown, page = rendered
    for measure in shipped.measures.values():
        title = measure.title(lang)
        assert measure.id in markdown["index.md"] and title in markdown["index.md"]
        assert f"[{title}]({measure.id}.md)" in markdown["index.md"]
        assert f'<a href="#m-{measure.id}">{html.escape(title)}</a>' in page  # the table of contents
        assert markdown[f"{measure.id}.md"].startswith(f"# {title}\n")
    for name in list(shipped.facts) + list(shipped.parameters) + list(shipped.shared_conditions):
        assert name in markdown["index.md"]
    assert shipped.digest in markdown["index.md"] and shipped.digest in page


def test_every_dated_value_on_its_row(rendered, shipped):
    lang, markdown, page = rendered
    # a measure's parameters are in its technical section (level 4), the shared ones on facts.md (level 3)
    owners = [(f"{m.id}.md", f"m-{m.id}.", "####", m.parameters.values()) for m in shipped.measures.values()]
    owners.append(("facts.md", "p-", "###", shipped.parameters.values()))
    checked = 0
    for name, prefix, level, parameters in owners:
        for parameter in parameters:
            rows = md_rows(md_block(markdown[name], f"{level} {parameter.name}"))
            cells = html_rows(html_block(page, prefix + parameter.name))
            assert len(rows) == len(cells) + 2 == len(parameter.timeline) + 2
            for entry in parameter.timeline:
                start, text = entry.start.isoformat(), value_text(entry.value, lang)
                origin = (
                    entry.origin.replace("version", {"en": "version", "nl": "versie"}[lang])
                    if entry.origin != "timeline"
                    else {"en": "timeline", "nl": "tijdlijn"}[lang]
                )
                row = [r for r in rows if len(r) == 6 and r[0] == start and r[2] == text and r[3] == origin]
                assert row, (name, parameter.name, start, text)
                assert entry.source in row[0][4]
                assert all(leaf in row[0][2] for leaf in leaves(entry.value))
                html_row = [r for r in cells if len(r) == 6 and r[0] == start and r[2] == html.escape(text)]
                assert html_row and f'href="{html.escape(entry.source)}"' in html_row[0][4], (name, start)
                checked += 1
    assert checked >= 40


def test_every_version(rendered, shipped):
    lang, markdown, page = rendered
    for measure in shipped.measures.values():
        rows = md_rows(markdown[f"{measure.id}.md"])
        cells = html_rows(section(page, f"m-{measure.id}"))
        if measure.versions:
            heading = {"en": "## Versions", "nl": "## Versies"}[lang]
            assert len(md_rows(md_block(markdown[f"{measure.id}.md"], heading))) == len(measure.versions) + 2
        for i, version in enumerate(measure.versions):
            row = [r for r in rows if r[0] == f"`{version.id}`" and r[1:2] == [version.start.isoformat()]]
            assert row and version.source in row[0][4]
            if version.until:
                assert row[0][2] == version.until.isoformat()
            elif i + 1 < len(measure.versions):
                following = measure.versions[i + 1].start
                assert row[0][2] == (following - __import__("datetime").timedelta(days=1)).isoformat()
            assert [r for r in cells if r[:2] == [f"<code>{html.escape(version.id)}</code>", version.start.isoformat()]]
            if version.conditions is not None:
                for condition in version.conditions:
                    assert condition.text(lang) in markdown[f"{measure.id}.md"]


def test_every_source(rendered, shipped):
    _, markdown, page = rendered
    every = set()
    for name, urls in all_sources(shipped).items():
        every |= urls
        for url in urls:
            assert f"]({url})" in markdown[name], (name, url)
    for url in every:
        assert f'href="{html.escape(url)}"' in page, url
    assert len(every) >= 30


def _with_values(text: str) -> str:
    """A pattern for a rule text whose {parameter} placeholders the pages fill in with values."""
    return "".join(".+?" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{[a-z_]+\})", text))


def test_a_text_shows_the_latest_values_of_the_parameters_it_names(rendered):
    lang, markdown, _ = rendered
    expected = {
        "nl": "`cost-in-range`: De kostprijs van het traject ligt tussen EUR 8.500 en EUR 35.000, zonder btw.",
        "en": "`cost-in-range`: The trajectory's cost lies between EUR 8,500 and EUR 35,000, excluding VAT.",
    }
    assert expected[lang] in markdown["cybersecurity-verbetertraject.md"]
    assert "{" not in "".join(
        line for line in markdown["cybersecurity-verbetertraject.md"].splitlines() if line.startswith("7. ")
    )


def test_every_condition_with_its_text(rendered, shipped):
    lang, markdown, page = rendered
    for measure in shipped.measures.values():
        text = markdown[f"{measure.id}.md"]
        for condition in measure_conditions(measure):
            lines = [line for line in text.splitlines() if re.match(rf"\d+\. `{re.escape(condition.id)}`: ", line)]
            line = next(
                (
                    line
                    for line in lines
                    if re.search(_with_values(condition.text(lang)), line)
                    and (condition.source is None or f"]({condition.source})" in line)
                ),
                None,
            )
            assert line is not None, (measure.id, condition.id)
            if condition.shared:
                assert "([" + {"en": "shared condition", "nl": "gedeelde voorwaarde"}[lang] + "](facts.md))" in line
            if condition.source:
                assert f"]({condition.source})" in line
        if measure.calls:
            assert measure.calls.text(lang) in text
            for window in measure.calls.windows:
                assert [
                    r
                    for r in md_rows(text)
                    if r[0] == window.name and r[1] == window.open.isoformat() and r[2] == window.close.isoformat()
                ]
    for condition in shipped.shared_conditions.values():
        assert condition.text(lang) in markdown["facts.md"]
        assert html.escape(condition.text(lang)) in section(page, "facts")


def test_every_note_with_its_decision(rendered, shipped):
    lang, markdown, page = rendered
    notes = []
    for measure in shipped.measures.values():
        name = f"{measure.id}.md"
        notes += [(name, n) for n in measure.notes]
        notes += [(name, n) for c in measure_conditions(measure) for n in c.notes]
        notes += [(name, n) for v in measure.versions for n in v.notes]
    notes += [("facts.md", n) for c in shipped.shared_conditions.values() for n in c.notes]
    notes += raw_notes(RULES)
    assert len(notes) >= 40 and any(n.assumption for _, n in notes)
    for name, note in notes:
        text = in_lang(note.text, lang)
        line = next((line for line in markdown[name].splitlines() if text in line), None)
        assert line is not None, (name, text)
        if note.decision:
            assert f"**{note.decision}**" in line
        if note.assumption:
            assert f"**{note.decision}** (**{ASSUMPTION[lang]}**): {text}" in line
        assert html.escape(text) in page
        if note.decision:
            assert f"<strong>{note.decision}</strong>" in page


def test_markdown_tables_are_whole(rendered):
    _, markdown, _ = rendered
    for name, text in markdown.items():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|") and not lines[i - 1].startswith("|"):
                width = len(md_rows(line)[0])
                j = i
                while j < len(lines) and lines[j].startswith("|"):
                    assert len(md_rows(lines[j])[0]) == width, (name, lines[j])
                    j += 1


def test_html_is_self_contained(rendered, shipped):
    lang, _, page = rendered
    sources = set().union(*all_sources(shipped).values())
    assert page.startswith("<!DOCTYPE html>\n") and f'<html lang="{lang}">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "max-width" in page and "<style>" in page
    for attribute, value in re.findall(r"\b(src|href)\s*=\s*[\"']?([^\"' >]*)", page, re.I):
        assert attribute.lower() == "href", value
        if "http" in value.lower():
            assert html.unescape(value) in sources, value
        else:
            assert value.startswith("#"), value
    lowered = page.lower()
    for outside in ("<script", "<link", "@import", "url(", "<img", "<iframe", "src="):
        assert outside not in lowered
    anchors = re.findall(r'id="([^"]+)"', page)
    assert len(anchors) == len(set(anchors))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in anchors, target


# -- escaping and a changed rule set --------------------------------------------------------

TINY = """\
id: tiny
title:
  nl: "Klein <b>& zo"
  en: "Tiny <b>& co"
summary:
  nl: "Een <script>alert(1)</script> test"
  en: "A <script>alert(1)</script> test"
status: info
applies_to: [advice]
valid_from: 2024-01-01
sources:
  - https://example.org/tiny?a=1&b=2
"""


@pytest.mark.parametrize("lang", LANGS)
def test_html_escapes_rule_texts(rule_dir, lang):
    (rule_dir / "tiny.yaml").write_text(TINY, encoding="utf-8")
    rules = load_rules(rule_dir)
    page = render_html(rules, lang)
    title = rules.measures["tiny"].title(lang)
    assert html.escape(title) in page and title not in page
    assert "<b>" not in page and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.org/tiny?a=1&amp;b=2"' in page
    markdown = render_markdown(rules, lang)
    assert title.replace("<", "\\<").replace(">", "\\>") in markdown["index.md"]
    assert "[example.org/tiny?a=1&b=2](https://example.org/tiny?a=1&b=2)" in markdown["tiny.md"]


NEW_RATE = """\
      - from: 2027-01-01
        value:
          standard: {micro: 30, small: 30, medium: 20}
          raised: {micro: 45, small: 45, medium: 40}
        source: https://example.org/kmo-portefeuille-2027
"""


def test_a_new_dated_value_appears(tmp_path):
    """Done when: a new dated value of kmo-portefeuille's rate shows up on its page and in the HTML."""
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    path = root / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  raised_themes:\n") == 1
    path.write_text(text.replace("\n  raised_themes:\n", "\n" + NEW_RATE + "  raised_themes:\n"), encoding="utf-8")
    rules = load_rules(root)
    assert rules.measures["kmo-portefeuille"].parameters["rate"].timeline[-1].start.isoformat() == "2027-01-01"
    written = write_docs(rules, tmp_path / "docs", "en")
    page = (tmp_path / "docs" / "kmo-portefeuille.md").read_text(encoding="utf-8")
    value = "standard: (micro: 30, small: 30, medium: 20); raised: (micro: 45, small: 45, medium: 40)"
    rows = md_rows(page)
    assert [
        "2027-01-01",
        "",
        value,
        "timeline",
        "[example.org/kmo-portefeuille-2027](https://example.org/kmo-portefeuille-2027)",
        "",
    ] in rows
    assert any(r[0] == "2021-09-14" and r[1] == "2026-12-31" for r in rows)  # the value before now ends
    index = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    assert [
        "2027-01-01",
        "",
        value,
        "timeline",
        '<a href="https://example.org/kmo-portefeuille-2027">example.org/kmo-portefeuille-2027</a>',
        "",
    ] in html_rows(section(index, "m-kmo-portefeuille"))
    assert tmp_path / "docs" / "index.html" in written


# -- writing -------------------------------------------------------------------------------


def test_write_docs(tmp_path, shipped):
    out = tmp_path / "a" / "docs"
    written = write_docs(shipped, out, "nl")
    expected = render_markdown(shipped, "nl")
    assert [p.name for p in written] == list(expected) + ["index.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)  # no temporary files left
    for path in written[:-1]:
        assert path.read_text(encoding="utf-8") == expected[path.name]
    assert written[-1].read_text(encoding="utf-8") == render_html(shipped, "nl")
    (out / "index.md").write_text("old", encoding="utf-8")
    write_docs(shipped, out, "en")
    assert (out / "index.md").read_text(encoding="utf-8") == render_markdown(shipped, "en")["index.md"]


def test_output_is_stable(shipped):
    assert render_markdown(shipped, "en") == render_markdown(shipped, "en")
    assert render_html(shipped, "nl") == render_html(shipped, "nl")


def test_unknown_language(shipped):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render_markdown(shipped, "fr")


def test_rules_changed_after_loading(tmp_path):
    """The pages come from the loaded rule set alone: editing the files afterwards changes nothing."""
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    rules = load_rules(root)
    note = "Cybersecurity advice and training get the raised rate from 2021-09-14."
    assert note in render_markdown(rules, "en")["kmo-portefeuille.md"]
    path = root / "kmo-portefeuille.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(note, "Changed."), encoding="utf-8")
    markdown = render_markdown(rules, "en")
    assert "Changed." not in markdown["kmo-portefeuille.md"]
    assert note in markdown["kmo-portefeuille.md"]


def test_docs_command_writes_the_pages(run_cli, tmp_path):
    out = tmp_path / "site"
    code, stdout, err = run_cli("docs", "-o", str(out), "--lang", "nl")
    assert (code, err) == (0, "")
    assert stdout == f"11 bestanden geschreven naar {out}\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.md", "facts.md", "index.html"] + [f"{m}.md" for m in load_rules(RULES).measures]
    )
    assert "<h1" in (out / "index.html").read_text(encoding="utf-8")


def test_docs_command_unwritable_folder_exit_2(run_cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run_cli("docs", "-o", str(blocker / "sub"))
    assert code == 2
    assert err.startswith(f"error: cannot write to {blocker / 'sub'}")


BILINGUAL = """\
id: bilingual
title: {nl: Tweetalig, en: Bilingual}
applies_to: [advice]
valid_from: 2024-01-01
sources: [https://example.org/bilingual]
notes:
  - decision: D15
    text:
      nl: Alleen voor een vestiging in het Vlaams Gewest.
      en: Only for an operating unit in the Flemish Region.
  - text: One text for both languages.
parameters:
  rate:
    description:
      nl: Het percentage van de kosten.
      en: The percentage of the cost.
    unit: percent
    values:
      - from: 2024-01-01
        value: 40
        source: https://example.org/rate
        notes:
          - text: {nl: Bevestigd door VLAIO., en: Confirmed by VLAIO.}
conditions:
  - use: flemish-region
amount:
  rate: rate
  base: project.cost
"""


@pytest.mark.parametrize(
    "lang, texts, other",
    [
        (
            "nl",
            [
                "Het percentage van de kosten.",
                "Alleen voor een vestiging in het Vlaams Gewest.",
                "Bevestigd door VLAIO.",
            ],
            "The percentage of the cost.",
        ),
        (
            "en",
            ["The percentage of the cost.", "Only for an operating unit in the Flemish Region.", "Confirmed by VLAIO."],
            "Het percentage van de kosten.",
        ),
    ],
)
def test_a_description_and_notes_in_two_languages_show_in_the_pages_language(rule_dir, lang, texts, other):
    (rule_dir / "bilingual.yaml").write_text(BILINGUAL, encoding="utf-8")
    rules = load_rules(rule_dir)
    page = render_markdown(rules, lang)["bilingual.md"]
    for text in [*texts, "One text for both languages."]:
        assert text in page
    assert other not in page
    assert "**D15**: " + texts[1] in page
    assert other not in render_html(rules, lang)
