"""How much a measure pays, in words: the sentences of the documentation pages, worked out from the rules."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from engine.load.ruleset import load_rules
from engine.model import RuleSet
from engine.render.docs import render_html, render_markdown
from engine.render.docs_words import LANGS

from ...conftest import RULES

FIXTURES = Path(__file__).parents[2] / "fixtures"


@pytest.fixture(scope="module")
def shipped() -> RuleSet:
    return load_rules(RULES)


def how_much(markdown: str, lang: str) -> str:
    """The owner's part of a page's 'How much' section: up to the next section or the shared facts line."""
    heading = {"nl": "## Hoeveel", "en": "## How much"}[lang]
    text = markdown[markdown.index(heading) + len(heading) :]
    end = min(i for i in (text.find("\n## "), text.find("\n**Gebruikte"), text.find("\n**Shared"), len(text)) if i >= 0)
    return text[:end].strip()


def measure_page(rule_dir: Path, text: str, lang: str, name: str = "example") -> str:
    (rule_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return render_markdown(load_rules(rule_dir), lang)[f"{name}.md"]


# -- the minimal measure --------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, words",
    [
        ("nl", "30% van de kosten van het project (zonder btw)."),
        ("en", "30% of the project's cost (excluding VAT)."),
    ],
)
def test_one_rate_of_the_cost(rule_dir, lang, words):
    shutil.copy(FIXTURES / "minimal-measure.yaml", rule_dir / "minimal.yaml")
    page = render_markdown(load_rules(rule_dir), lang)["minimal.md"]
    assert how_much(page, lang) == words


# -- a rate per size and theme, changed on a date ------------------------------------------

BY_SIZE_AND_THEME = """\
id: example
title: {nl: Voorbeeld, en: Example}
applies_to: [advice, training]
valid_from: 2020-01-01
sources: [https://example.org/example]
parameters:
  rate:
    description: {nl: Het percentage., en: The percentage.}
    unit: percent
    values:
      - from: 2020-01-01
        value: {standard: {small: 40, medium: 30}}
        source: https://example.org/rate-2020
      - from: 2021-09-14
        value: {standard: {small: 30, medium: 20}, raised: {small: 45, medium: 35}}
        source: https://example.org/rate-2021
  raised_themes:
    description: {nl: De thema's met het verhoogde percentage., en: The themes with the raised rate.}
    unit: list
    values:
      - from: 2020-01-01
        value: []
        source: https://example.org/themes-2020
      - from: 2021-09-14
        value: [cybersecurity]
        source: https://example.org/themes-2021
conditions:
  - use: flemish-region
amount:
  rate: "rate['raised' if project.theme in raised_themes else 'standard'][size]"
  base: project.cost
"""


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "nl",
            """\
**Vanaf 14 september 2021**:

- Rond cybersecurity: 45% van de kosten van het project (zonder btw) voor een kleine onderneming, 35% voor een middelgrote onderneming.
- Rond energie-efficiëntie of een ander thema: 30% van de kosten van het project (zonder btw) voor een kleine onderneming, 20% voor een middelgrote onderneming.

**Eerder**:

| Periode | Hoeveel |
|---|---|
| Van 1 januari 2020 tot en met 13 september 2021 | 40% van de kosten van het project (zonder btw) voor een kleine onderneming, 30% voor een middelgrote onderneming. |""",  # noqa: E501
        ),
        (
            "en",
            """\
**From 14 September 2021**:

- On cybersecurity: 45% of the project's cost (excluding VAT) for a small enterprise, 35% for a medium-sized enterprise.
- On energy efficiency or another theme: 30% of the project's cost (excluding VAT) for a small enterprise, 20% for a medium-sized enterprise.

**Earlier**:

| Period | How much |
|---|---|
| From 1 January 2020 to 13 September 2021 | 40% of the project's cost (excluding VAT) for a small enterprise, 30% for a medium-sized enterprise. |""",  # noqa: E501
        ),
    ],
)
def test_a_rate_per_size_and_theme_per_period(rule_dir, lang, words):
    assert how_much(measure_page(rule_dir, BY_SIZE_AND_THEME, lang), lang) == words


# -- a flag, a maximum, a cap and a minimum --------------------------------------------------

WITH_BONUS = """\
id: example
title: {nl: Voorbeeld, en: Example}
applies_to: [development]
valid_from: 2018-01-01
sources: [https://example.org/example]
parameters:
  base_rate: {description: Base., unit: percent, values: [{from: 2018-01-01, value: 25, source: https://example.org/a}]}
  bonus: {description: Bonus., unit: percent, values: [{from: 2018-01-01, value: 10, source: https://example.org/b}]}
  size_bonus:
    description: Size bonus.
    unit: percent
    values: [{from: 2018-01-01, value: {micro: 20, small: 20, medium: 10, large: 0}, source: https://example.org/c}]
  max_rate: {description: Most., unit: percent, values: [{from: 2018-01-01, value: 50, source: https://example.org/d}]}
  max_aid: {description: Cap., unit: euro, values: [{from: 2018-01-01, value: 3000000, source: https://example.org/e}]}
  min_aid: {description: Least., unit: euro, values: [{from: 2018-01-01, value: 25000, source: https://example.org/f}]}
conditions:
  - use: flemish-region
amount:
  rate: "min(base_rate + (bonus if project.collaboration else 0) + size_bonus[size], max_rate)"
  base: project.cost
  caps:
    - id: maximum-aid
      amount: max_aid
      text: {nl: Hoogstens het maximum., en: At most the maximum.}
  minimum:
    id: below-minimum-aid
    amount: min_aid
    text: {nl: Minstens het minimum., en: At least the minimum.}
"""


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "nl",
            """\
- Met een erkende samenwerking: 50% van de kosten van het project (zonder btw) voor een micro-onderneming of kleine onderneming, 45% voor een middelgrote onderneming, 35% voor een grote onderneming.
- Zonder erkende samenwerking: 45% van de kosten van het project (zonder btw) voor een micro-onderneming of kleine onderneming, 35% voor een middelgrote onderneming, 25% voor een grote onderneming.

**Plafond**:

Hoogstens EUR 3.000.000.

**Minimum (minder steun komt niet in aanmerking)**:

Minstens EUR 25.000.""",  # noqa: E501
        ),
        (
            "en",
            """\
- With a qualifying collaboration: 50% of the project's cost (excluding VAT) for a micro enterprise or small enterprise, 45% for a medium-sized enterprise, 35% for a large enterprise.
- Without a qualifying collaboration: 45% of the project's cost (excluding VAT) for a micro enterprise or small enterprise, 35% for a medium-sized enterprise, 25% for a large enterprise.

**Upper limit**:

At most EUR 3,000,000.

**Lowest amount (less aid is not eligible)**:

At least EUR 25,000.""",  # noqa: E501
        ),
    ],
)
def test_a_bonus_a_maximum_rate_a_cap_and_a_minimum(rule_dir, lang, words):
    assert how_much(measure_page(rule_dir, WITH_BONUS, lang), lang) == words


# -- too complex for words: the description, or a pointer to the technical section ----------

COMPLEX = """\
id: example
title: {nl: Voorbeeld, en: Example}
applies_to: [advice]
valid_from: 2024-01-01
sources: [https://example.org/example]
parameters:
  rate: {description: Rate., unit: percent, values: [{from: 2024-01-01, value: 40, source: https://example.org/a}]}
conditions:
  - use: flemish-region
amount:
DESCRIPTION  rate: "rate if project.cost > 10000 else 50"
  base: project.cost
  caps:
    - id: yearly
CAP      amount: "10000 - aid_total(year_start(project.application_date), project.application_date)"
      text: {nl: Het jaarplafond is niet bereikt., en: The yearly cap is not reached.}
"""


@pytest.mark.parametrize("lang", LANGS)
def test_an_amount_too_complex_for_words(rule_dir, lang):
    page = how_much(measure_page(rule_dir, COMPLEX.replace("DESCRIPTION", "").replace("CAP", ""), lang), lang)
    assert (
        page
        == {
            "nl": "Dit bedrag is te ingewikkeld om hier in woorden te zeggen: de technische details hieronder "
            "tonen hoe het berekend wordt.\n\n**Plafond**:\n\nDe regels controleren: Het jaarplafond is niet bereikt.",
            "en": "This amount is too complex to put in words here: the technical details below show how it is "
            "computed.\n\n**Upper limit**:\n\nThe rules check: The yearly cap is not reached.",
        }[lang]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_rules_description_of_an_amount_and_a_cap(rule_dir, lang):
    described = COMPLEX.replace(
        "DESCRIPTION",
        "  description: {nl: '40% van de kosten boven EUR 10.000, anders 50%.', "
        "en: '40% of a cost above EUR 10,000, else 50%.'}\n",
    ).replace("CAP", "      description: {nl: 'Hoogstens EUR 10.000 per jaar.', en: 'At most EUR 10,000 a year.'}\n")
    page = how_much(measure_page(rule_dir, described, lang), lang)
    assert (
        page
        == {
            "nl": "40% van de kosten boven EUR 10.000, anders 50%.\n\n**Plafond**:\n\nHoogstens EUR 10.000 per jaar.",
            "en": "40% of a cost above EUR 10,000, else 50%.\n\n**Upper limit**:\n\nAt most EUR 10,000 a year.",
        }[lang]
    )


# -- the shipped rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, lines",
    [
        (
            "nl",
            [
                "**Vanaf 1 januari 2023**:",
                "- Rond cybersecurity, en bij een opleiding rond energie-efficiëntie: 45% van de kosten van het "
                "project (zonder btw) voor een micro-onderneming of kleine onderneming, 35% voor een middelgrote "
                "onderneming.",
                "- Rond een ander thema, en bij advies rond energie-efficiëntie: 30% van de kosten van het project "
                "(zonder btw) voor een micro-onderneming of kleine onderneming, 20% voor een middelgrote onderneming.",
                "Hoogstens EUR 7.500 steun per kalenderjaar (tot eind 2019 EUR 10.000, of EUR 15.000 voor een "
                "middelgrote onderneming), min de steun uit de kmo-portefeuille die de onderneming in hetzelfde "
                "kalenderjaar al kreeg.",
            ],
        ),
        (
            "en",
            [
                "**From 1 January 2023**:",
                "- On cybersecurity, and for a training on energy efficiency: 45% of the project's cost "
                "(excluding VAT) for a micro enterprise or small enterprise, 35% for a medium-sized enterprise.",
                "- On another theme, and for advice on energy efficiency: 30% of the project's cost "
                "(excluding VAT) for a micro enterprise or small enterprise, 20% for a medium-sized enterprise.",
                "At most EUR 7,500 of aid per calendar year (until the end of 2019 EUR 10,000, or EUR 15,000 for a "
                "medium-sized enterprise), minus the kmo-portefeuille aid the company already received in the same "
                "calendar year.",
            ],
        ),
    ],
)
def test_the_kmo_portefeuille_in_words(shipped, lang, lines):
    section = how_much(render_markdown(shipped, lang)["kmo-portefeuille.md"], lang).splitlines()
    for line in lines:
        assert line in section


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "nl",
            "- Voor een onderneming die geen erkend maatwerkbedrijf is: 50% van de kosten van het project "
            "(zonder btw) voor een micro-onderneming, kleine onderneming of middelgrote onderneming, 35% voor een "
            "grote onderneming.",
        ),
        (
            "en",
            "- For a company that is not a recognised maatwerkbedrijf: 50% of the project's cost (excluding VAT) for a "
            "micro enterprise, small enterprise or medium-sized enterprise, 35% for a large enterprise.",
        ),
    ],
)
def test_the_improvement_trajectory_in_words(shipped, lang, line):
    section = how_much(render_markdown(shipped, lang)["cybersecurity-verbetertraject.md"], lang)
    assert section.startswith({"nl": "**Vanaf 18 oktober 2024**:", "en": "**From 18 October 2024**:"}[lang])
    assert line in section.splitlines()


def _expressions(rules: RuleSet) -> set[str]:
    """The source of every expression of the rule set that is more than a name (those are parameters or facts)."""
    found = [e for m in rules.measures.values() for e in m.expressions()]
    found += [f.expression for f in rules.facts.values()] + [c.expression for c in rules.shared_conditions.values()]
    return {" ".join(e.source.split()) for e in found if not re.fullmatch(r"[a-z_][a-z0-9_]*", e.source.strip())}


def _outside_details(text: str) -> str:
    return re.sub(r"<details[^>]*>.*?</details>", "", text, flags=re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_no_expression_outside_the_technical_section(shipped, lang):
    expressions = _expressions(shipped)
    assert len(expressions) >= 50
    pages = render_markdown(shipped, lang)
    pages["index.html"] = render_html(shipped, lang)
    for name, text in pages.items():
        assert text.count("<details") == text.count("</details>")
        owner = _outside_details(text)
        for source in expressions:
            assert source not in owner and html.escape(source) not in owner, (name, source)
    every = "".join(pages.values())
    for source in expressions:  # every expression is still there, for rule editors
        assert source in every or html.escape(source) in every, source


@pytest.mark.parametrize("lang", LANGS)
def test_every_rate_fixed_amount_and_cap_of_the_shipped_rules_is_in_words(shipped, lang):
    complex_ = {"nl": "te ingewikkeld", "en": "too complex"}[lang]
    check = {"nl": "De regels controleren:", "en": "The rules check:"}[lang]
    for measure in shipped.measures.values():
        if measure.status == "info":
            continue
        section = how_much(render_markdown(shipped, lang)[f"{measure.id}.md"], lang)
        assert complex_ not in section and check not in section, measure.id
        assert "%" in section or "EUR" in section, measure.id


FACTS = """\
id: example-facts
title: {nl: Voorbeeldfeiten, en: Example facts}
sources: [https://example.org/facts]
facts:
  band:
    description: {nl: De band van de onderneming., en: The company's band.}
    expression: "'high' if company.employees >= 100 else 'low'"
    values:
      low: {nl: voor een lage band, en: for a low band}
      high: {nl: voor een hoge band, en: for a high band}
"""

BY_BAND = """\
id: example
title: {nl: Voorbeeld, en: Example}
applies_to: [advice]
valid_from: 2024-01-01
sources: [https://example.org/example]
parameters:
  rate:
    description: {nl: Het percentage per band., en: The percentage per band.}
    unit: percent
    values: [{from: 2024-01-01, value: {low: 40, high: 12.5}, source: https://example.org/rate}]
conditions:
  - use: flemish-region
amount:
  rate: rate[band]
  base: project.cost
"""


@pytest.mark.parametrize(
    "lang, words, description, other",
    [
        (
            "nl",
            "40% van de kosten van het project (zonder btw) voor een lage band, 12,5% voor een hoge band.",
            "De band van de onderneming.",
            "The company's band.",
        ),
        (
            "en",
            "40% of the project's cost (excluding VAT) for a low band, 12.5% for a high band.",
            "The company's band.",
            "De band van de onderneming.",
        ),
    ],
)
def test_a_facts_values_and_description_in_the_pages_language(rule_dir, lang, words, description, other):
    (rule_dir / "facts" / "example-facts.yaml").write_text(FACTS, encoding="utf-8")
    (rule_dir / "example.yaml").write_text(BY_BAND, encoding="utf-8")
    rules = load_rules(rule_dir)
    pages = render_markdown(rules, lang)
    assert how_much(pages["example.md"], lang) == words
    assert description in pages["facts.md"] and other not in pages["facts.md"]
    assert description in pages["index.md"] and other not in render_html(rules, lang)


@pytest.mark.parametrize(
    "lang, lines",
    [
        (
            "nl",
            [
                "**Onderzoeksdeel**:",
                "- Met een erkende samenwerking: 60% van het verschil tussen de kosten van het project (zonder btw) en "
                "het deel ontwikkelingswerk.",
                "**Ontwikkelingsdeel**:",
                "- Zonder erkende samenwerking: 45% van het deel ontwikkelingswerk voor een micro-onderneming of "
                "kleine onderneming, 35% voor een middelgrote onderneming, 25% voor een grote onderneming.",
            ],
        ),
        (
            "en",
            [
                "**Research part**:",
                "- With a qualifying collaboration: 60% of the difference between the project's cost (excluding VAT) "
                "and the development part of the cost.",
                "**Development part**:",
                "- Without a qualifying collaboration: 45% of the development part of the cost for a micro enterprise "
                "or small enterprise, 35% for a medium-sized enterprise, 25% for a large enterprise.",
            ],
        ),
    ],
)
def test_the_research_projects_parts_in_words(shipped, lang, lines):
    section = how_much(render_markdown(shipped, lang)["onderzoeksproject.md"], lang).splitlines()
    assert section[0] == {"nl": "De steun is de som van deze delen:", "en": "The aid is the sum of these parts:"}[lang]
    for line in lines:
        assert line in section


def test_the_profile_schemas_words_for_the_pages_name_real_values_in_both_languages():
    from engine.language.expression import profile_fields
    from engine.load.schemas import schema

    named = 0
    for path, spec in profile_fields(schema("profile")).items():
        labels = spec.get("x-doc-labels")
        if labels is not None:
            values = ["true", "false"] if spec.get("type") == "boolean" else spec["enum"]
            assert list(labels) == values, path
            named += 1
        for text in list((labels or {}).values()) + ([spec["x-doc-name"]] if "x-doc-name" in spec else []):
            assert set(text) == {"nl", "en"} and all(text.values()), path
    assert named == 4


@pytest.mark.parametrize("lang", LANGS)
def test_a_fact_whose_values_are_not_named_is_not_put_in_words(rule_dir, lang):
    unnamed = FACTS[: FACTS.index("    values:")]
    (rule_dir / "facts" / "example-facts.yaml").write_text(unnamed, encoding="utf-8")
    (rule_dir / "example.yaml").write_text(BY_BAND, encoding="utf-8")
    page = render_markdown(load_rules(rule_dir), lang)["example.md"]
    assert (
        how_much(page, lang)
        == {
            "nl": "Dit bedrag is te ingewikkeld om hier in woorden te zeggen: de technische details hieronder "
            "tonen hoe het berekend wordt.",
            "en": "This amount is too complex to put in words here: the technical details below show how it is "
            "computed.",
        }[lang]
    )
    assert "`rate[band]` procent van `project.cost`" in page or "`rate[band]` percent of `project.cost`" in page
