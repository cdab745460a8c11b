"""The form of the web page in a real browser: it must not misread (issue 16).

In Dutch and English, on a phone (375 px) and a desktop (1280 px), under a browser whose own
language is English (``--lang=en-US``, as in tests/test_web_page.py): amounts are read as the
page's language writes them, or refused with the reason, and the value read is shown next to
the field; an impossible date is refused at its field; a project is asked only the questions
that can matter for its kind; the answers survive a reload and the Back button; every problem
is shown at once, next to its field, in the page's language; a profile file can be opened. Each
state is saved as a PNG in ``$SUBSIDIE_ARTIFACTS`` (``form-*.png``).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.ask.relevance import project_fields
from engine.load.ruleset import load_rules

from .commands.test_serve import SCENARIO
from .conftest import ROOT, RULES
from .test_web_page import browser, by, choose, console_errors, downloads, open_page, screenshot, site, type_into, wait

__all__ = ["browser", "downloads", "site"]  # the fixtures, imported to be used here

AMOUNTS = json.loads((ROOT / "tests" / "fixtures" / "web" / "amounts.json").read_text(encoding="utf-8"))["cases"]
VIEWS = [("nl", 375), ("nl", 1280), ("en", 375), ("en", 1280)]
SPY = """
window.sent = [];
const original = window.fetch;
window.fetch = (url, options) => {
  window.sent.push({url: String(url), body: options && typeof options.body === "string" ? options.body : null});
  return original(url, options);
};
"""


class Page:
    """The page in one language at one width, and what a person does on it."""

    def __init__(self, driver: Any, site: str, lang: str, width: int):
        self.driver, self.site, self.lang, self.width = driver, site, lang, width

    def shot(self, state: str) -> Path:
        return screenshot(
            self.driver, f"form-{state}-{self.lang}-{self.width}.png", self.width if self.width < 1000 else None
        )

    def field(self, name: str) -> Any:
        return self.driver.find_element(by("NAME"), name)

    def type(self, name: str, text: str, leave: bool = True) -> None:
        from selenium.webdriver.common.keys import Keys

        type_into(self.driver, name, text)
        if leave:
            self.field(name).send_keys(Keys.TAB)

    def text(self, element_id: str) -> str:
        return str(self.driver.find_element(by("ID"), element_id).text)

    def shown(self, element_id: str) -> bool:
        return bool(self.driver.find_element(by("ID"), element_id).is_displayed())

    def fields(self, prefix: str) -> list[str]:
        return [
            str(e.get_attribute("data-path")[len(prefix) :])
            for e in self.driver.find_elements(by("CSS_SELECTOR"), ".field")
            if e.get_attribute("data-path").startswith(prefix)
        ]

    def spy(self) -> None:
        """Keep every request body the page sends, in window.sent."""
        self.driver.execute_script(SPY)

    def sent(self, path: str) -> Any:
        """The profile the page last posted to ``path``."""
        bodies = [s["body"] for s in self.driver.execute_script("return window.sent") if path in s["url"]]
        return json.loads(bodies[-1])

    def submit(self) -> None:
        self.driver.find_element(by("ID"), "evaluate").click()
        wait(self.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results h2, #form-problems p"))

    def fits(self) -> None:
        """Nothing sticks out of the window (a phone cannot scroll sideways on a form)."""
        assert self.driver.execute_script("return document.documentElement.scrollWidth") <= self.width


@pytest.fixture(params=VIEWS, ids=[f"{lang}-{width}" for lang, width in VIEWS])
def page(request: Any, browser: Any, site: str) -> Iterator[Page]:
    lang, width = request.param
    if width < 1000:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 812, "deviceScaleFactor": 1, "mobile": True},
        )
    else:
        browser.set_window_size(width, 1000)
    try:
        open_page(browser, site, lang)
        yield Page(browser, site, lang, width)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.set_window_size(1000, 1000)


WORDS = {
    "nl": {
        "problems": "Het profiel heeft {n} fout(en); ze staan bij de velden.",
        "required": "Vul dit in: het is verplicht.",
        "not-asked": "Telt niet mee voor dit soort project; wis het als het hier niet hoort.",
    },
    "en": {
        "problems": "The profile has {n} error(s); they are shown at the fields.",
        "required": "Fill this in: it is required.",
        "not-asked": "Does not count for this kind of project; clear it if it does not belong here.",
    },
}


# ---- amounts ----


def test_the_page_reads_amounts_by_the_rules_of_ask(browser, site):
    """read.js and engine/ask/answers.py read every case of tests/fixtures/web/amounts.json alike (the Python
    side: tests/unit/ask/test_answers.py)."""
    open_page(browser, site, "nl")
    got = browser.execute_script(
        "return arguments[0].map(c => window.SubsidieRead.number(c.text, c.lang, "
        "{type: c.integer ? 'integer' : 'number'}))",
        AMOUNTS,
    )
    expected = [{"value": c["value"]} if "value" in c else {"error": c["error"], "hint": c["hint"]} for c in AMOUNTS]
    assert got == expected


def test_an_amount_is_read_as_the_pages_language_writes_it_and_the_value_read_is_shown(page):
    page.spy()
    choose(page.driver, "projects[0].kind", "advice")
    nl = page.lang == "nl"
    page.type("projects[0].cost", "12.000")
    if nl:  # the Belgian way: a dot between the thousands
        assert page.text("read-projects[0].cost") == "= EUR 12.000,00"
        assert not page.shown("problem-projects[0].cost")
    else:  # in English '12.000' is twelve with three decimals, or twelve thousand: refused, with the reason
        assert not page.shown("read-projects[0].cost")
        assert page.text("problem-projects[0].cost") == (
            "'12.000' is ambiguous: 12000 written with a thousands separator, or 12 with three decimals\n"
            "write 12000 or 12, without thousands separators"
        )
        assert page.field("projects[0].cost").get_attribute("aria-invalid") == "true"
        page.shot("amount-refused")
        page.type("projects[0].cost", "12,000")
        assert page.text("read-projects[0].cost") == "= EUR 12,000.00"
        assert not page.shown("problem-projects[0].cost")
    page.type("company.turnover", "1.800.000")
    page.type("company.balance_sheet_total", "€ 900 000,50" if nl else "€ 900,000.50")
    page.type("company.employees", "12")
    assert page.text("read-company.turnover") == ("= EUR 1.800.000,00" if nl else "= EUR 1,800,000.00")
    assert page.text("read-company.balance_sheet_total") == ("= EUR 900.000,50" if nl else "= EUR 900,000.50")
    assert not page.shown("read-company.employees")  # a number typed plainly needs no echo
    page.type("projects[0].id", "audit")
    page.shot("amount-read")
    page.fits()
    page.submit()
    sent = page.sent("/report")
    urls = [s["url"] for s in page.driver.execute_script("return window.sent")]
    assert urls == [f"/report?lang={page.lang}&format=json"]  # one request gives the report, its text and the dates
    assert sent["projects"][0]["cost"] == 12000
    assert sent["company"]["turnover"] == 1800000 and sent["company"]["employees"] == 12
    assert json.dumps(sent["company"]["balance_sheet_total"]) == "900000.5"  # exact: JSON digits, not a float
    assert page.driver.find_elements(by("CSS_SELECTOR"), "#results h2")


# ---- dates ----


def test_an_impossible_date_is_refused_at_its_field_whatever_the_browsers_language(page):
    page.spy()
    nl = page.lang == "nl"
    field = page.field("projects[0].application_date")
    assert field.get_attribute("type") == "text"  # not the browser's date field, which reads mm/dd/yyyy in en-US
    assert field.get_attribute("placeholder") == ("dd-mm-jjjj" if nl else "dd/mm/yyyy")
    page.type("projects[0].application_date", "31-02-2026" if nl else "31/02/2026")
    assert page.text("problem-projects[0].application_date") == (
        "'31-02-2026' bestaat niet: februari 2026 heeft 28 dagen\n"
        "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026"
        if nl
        else "'31/02/2026' does not exist: February 2026 has 28 days\n"
        "write the date as dd/mm/yyyy, for example 01/03/2026"
    )
    assert field.get_attribute("aria-invalid") == "true"
    assert not page.shown("read-projects[0].application_date")
    page.type("company.founded", "13-05-2021" if nl else "13/05/2021")  # day first: 13 May, never month 13
    assert page.text("read-company.founded") == ("= 13 mei 2021" if nl else "= 13 May 2021")
    page.shot("date-refused")
    page.fits()
    page.type("projects[0].id", "audit")
    choose(page.driver, "projects[0].kind", "advice")
    page.submit()  # the impossible date is not sent: it is shown with every other problem
    assert page.text("form-problems") == WORDS[page.lang]["problems"].format(n=1)
    assert "application_date" not in page.sent("/report")["projects"][0]
    assert page.sent("/report")["company"]["founded"] == "2021-05-13"
    page.type("projects[0].application_date", "01-03-2026" if nl else "1/3/2026")
    assert page.text("read-projects[0].application_date") == ("= 1 maart 2026" if nl else "= 1 March 2026")
    assert not page.shown("problem-projects[0].application_date")
    page.submit()
    assert page.sent("/report")["projects"][0]["application_date"] == "2026-03-01"


def test_an_empty_application_date_is_said_to_be_today_on_the_result(page):
    page.type("projects[0].id", "audit")
    choose(page.driver, "projects[0].kind", "advice")
    page.submit()
    note = page.driver.find_element(by("CSS_SELECTOR"), "#results .assumed").text
    today = _dt.date.today()
    months = {
        "nl": "januari februari maart april mei juni juli augustus september oktober november december",
        "en": "January February March April May June July August September October November December",
    }[page.lang].split()
    said = f"{today.day} {months[today.month - 1]} {today.year}"
    assert note == (
        f"Geen aanvraagdatum ingevuld voor project 'audit': het resultaat gaat uit van vandaag, {said}. Bedragen en "
        "voorwaarden hangen af van die datum; vul hem in als je een andere bedoelt."
        if page.lang == "nl"
        else f"No application date given for project 'audit': the result assumes today, {said}. Amounts and "
        "conditions depend on that date; fill it in if you mean another one."
    )
    page.shot("date-assumed")


# ---- the questions of a kind ----

KINDS = project_fields(load_rules(RULES))


def test_a_project_is_asked_only_the_questions_of_its_kind(page):
    assert page.fields("projects[0].") == ["id", "kind", "application_date"]  # no kind yet: what every kind asks
    choose(page.driver, "projects[0].kind", "advice")
    asked = page.fields("projects[0].")
    assert asked == KINDS["advice"]["fields"]
    for question in ("provider_framework_contract", "package", "consortium.research_organisation", "collaboration"):
        assert question not in asked  # an audit is not asked the trajectory's, the package or ICON's questions
    assert not page.driver.find_elements(by("CSS_SELECTOR"), "[data-path='projects[0].consortium']")
    page.shot("kind-advice")
    page.fits()
    choose(page.driver, "projects[0].kind", "improvement_trajectory")
    assert page.fields("projects[0].") == KINDS["improvement_trajectory"]["fields"]
    choose(page.driver, "projects[0].provider_framework_contract", "true")
    choose(page.driver, "projects[0].kind", "icon")
    assert sorted(page.fields("projects[0].")) == sorted(KINDS["icon"]["fields"] + ["provider_framework_contract"])
    foreign = page.driver.find_element(
        by("CSS_SELECTOR"), ".field[data-path='projects[0].provider_framework_contract']"
    )
    assert "foreign" in foreign.get_attribute("class")  # an answer of another kind stays in sight, marked
    assert foreign.find_element(by("CSS_SELECTOR"), ".not-asked").text == WORDS[page.lang]["not-asked"]
    assert page.driver.switch_to.active_element.get_attribute("name") == "projects[0].kind"
    page.shot("kind-icon-with-an-answer-of-another-kind")
    assert console_errors(page.driver) == []


def test_the_server_worked_out_the_questions_from_the_rules():
    """What the page asks comes from the rules' reads: these are the facts each kind's measures read."""
    assert KINDS["advice"]["fields"] == [
        "id",
        "kind",
        "theme",
        "cost",
        "application_date",
        "start_date",
        "provider_registered",
    ]
    assert KINDS["improvement_trajectory"]["fields"] == [
        "id",
        "kind",
        "cost",
        "application_date",
        "provider_framework_contract",
    ]
    assert KINDS["icon"]["fields"][-2:] == ["consortium.research_organisation", "consortium.independent_companies"]
    assert KINDS["startup"]["fields"] == ["id", "kind", "application_date"]
    assert all("package" not in kind["fields"] for kind in KINDS.values())  # no rule reads it


# ---- keeping the answers ----


def test_the_answers_are_kept_across_a_reload_and_the_back_button(page):
    nl = page.lang == "nl"
    page.type("company.name", "Bitwerk BV")
    page.type("company.turnover", "1.800.000")
    page.type("projects[0].id", "audit")
    choose(page.driver, "projects[0].kind", "advice")
    page.type("projects[0].cost", "12.000" if nl else "12,000")
    page.type("projects[0].application_date", "01-03-2026" if nl else "01/03/2026")
    page.submit()
    page.driver.refresh()
    wait(page.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-ready]"))
    assert page.field("company.name").get_attribute("value") == "Bitwerk BV"
    assert page.field("projects[0].cost").get_attribute("value") == ("12.000" if nl else "12,000")
    assert page.text("read-projects[0].cost") == ("= EUR 12.000,00" if nl else "= EUR 12,000.00")
    assert page.fields("projects[0].") == KINDS["advice"]["fields"]
    wait(page.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results h2"))  # the result is shown again
    page.shot("kept-after-reload")
    page.driver.get(f"{page.site}/health")  # away, and back
    page.driver.back()
    wait(page.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-ready]"))
    assert page.field("projects[0].application_date").get_attribute("value") == ("01-03-2026" if nl else "01/03/2026")
    assert page.field("company.turnover").get_attribute("value") == "1.800.000"
    other = "en" if nl else "nl"  # the other language writes the same answers its own way
    page.driver.find_element(by("ID"), f"lang-{other}").click()
    assert page.field("projects[0].application_date").get_attribute("value") == ("01/03/2026" if nl else "01-03-2026")
    assert page.field("projects[0].cost").get_attribute("value") == "12000"
    assert page.driver.current_url.endswith(f"lang={other}")
    page.driver.find_element(by("ID"), "clear").click()  # start over: after a question, every answer goes
    page.driver.switch_to.alert.accept()
    page.driver.refresh()
    wait(page.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-ready]"))
    assert page.field("company.name").get_attribute("value") == ""
    assert page.fields("projects[0].") == ["id", "kind", "application_date"]
    assert not page.driver.find_elements(by("CSS_SELECTOR"), "#results h2")


# ---- every problem at once ----


def test_every_problem_is_shown_at_once_next_to_its_field_in_the_pages_language(page):
    nl = page.lang == "nl"
    page.spy()
    page.type("company.enterprise_number", "0566.988.258")
    page.type("company.founded", "01-05-2021" if nl else "01/05/2021")
    page.type("company.employees", "twaalf" if nl else "twelve")
    page.driver.find_element(by("CSS_SELECTOR"), "[data-add='aid_received']").click()
    page.type("aid_received[0].date", "01-04-2025" if nl else "01/04/2025")
    page.type("projects[0].id", "audit")
    choose(page.driver, "projects[0].kind", "advice")
    page.type("projects[0].cost", "-12000")
    page.type("projects[0].application_date", "01-03-2020" if nl else "01/03/2020")
    page.submit()
    slots = {
        "company.enterprise_number": (
            "het ondernemingsnummer '0566.988.258' heeft de verkeerde controlecijfers: verwacht 59, gevonden 58\n"
            "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers zijn 97 min "
            "de eerste acht modulo 97"
            if nl
            else "the enterprise number '0566.988.258' has the wrong check digits: expected 59, found 58\n"
            "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are 97 minus the "
            "first eight modulo 97"
        ),
        "company.employees": (
            "verwacht een getal, maar gevonden: de tekst 'twaalf'\n"
            "schrijf een getal met hoogstens één decimaalteken, bijvoorbeeld 12500 of 2,5"
            if nl
            else "expected a number but found the text 'twelve'\n"
            "write a number with at most one decimal mark, for example 12500 or 2.5"
        ),
        "aid_received[0].amount": WORDS[page.lang]["required"],
        "projects[0].cost": "moet minstens 0 zijn, gevonden: -12000" if nl else "must be at least 0, found -12000",
        "projects[0].application_date": (
            "de aanvraagdatum 2020-03-01 ligt voor de oprichting van de onderneming (2021-05-01)"
            if nl
            else "the application date 2020-03-01 is before the company was founded (2021-05-01)"
        ),
    }
    for path, text in slots.items():
        assert page.text(f"problem-{path}") == text, path
        assert page.field(path).get_attribute("aria-invalid") == "true", path
    assert page.text("form-problems") == WORDS[page.lang]["problems"].format(n=len(slots))
    assert page.driver.switch_to.active_element.get_attribute("name") == "company.enterprise_number"  # the first
    assert not page.driver.find_elements(by("CSS_SELECTOR"), "#results h2")
    page.shot("every-problem")
    page.fits()
    page.type("projects[0].cost", "12000")  # correcting one field clears its message, the others stay
    assert not page.shown("problem-projects[0].cost")
    assert page.shown("problem-company.employees")


# ---- a profile file ----


def test_a_profile_file_is_opened_into_the_form_with_its_problems_at_their_fields(page, tmp_path):
    nl = page.lang == "nl"
    profile = tmp_path / "bitwerk.yaml"
    company = {**SCENARIO["company"], "enterprise_number": "0566.988.258", "turnover": 1800000.5}
    project = {**SCENARIO["projects"][0], "costt": 3}
    text = "# Bitwerk\n" + json.dumps({"company": company, "projects": [project]}, indent=2)
    profile.write_text(text.replace('"founded": "2021-05-01"', '"founded": 2021-05-01'), encoding="utf-8")
    page.driver.find_element(by("ID"), "open-file").send_keys(str(profile))
    wait(page.driver, lambda d: d.find_element(by("ID"), "form-status").text)
    assert page.text("form-status") == ("Geopend: bitwerk.yaml." if nl else "Opened: bitwerk.yaml.")
    assert page.field("company.name").get_attribute("value") == "Bitwerk BV"
    assert page.field("company.founded").get_attribute("value") == ("01-05-2021" if nl else "01/05/2021")
    assert page.field("company.turnover").get_attribute("value") == ("1800000,5" if nl else "1800000.5")
    assert page.text("read-company.turnover") == ("= EUR 1.800.000,50" if nl else "= EUR 1,800,000.50")
    assert page.field("projects[0].cost").get_attribute("value") == "10000"
    assert page.fields("projects[0].") == KINDS["advice"]["fields"]
    assert page.text("problem-company.enterprise_number").startswith(
        "het ondernemingsnummer '0566.988.258' heeft de verkeerde controlecijfers"
        if nl
        else "the enterprise number '0566.988.258' has the wrong check digits"
    )
    assert page.text("problem-projects[0]") == (
        "onbekende sleutel 'costt'\nbedoel je 'cost'?" if nl else "unknown key 'costt'\ndid you mean 'cost'?"
    )
    assert page.text("form-problems") == WORDS[page.lang]["problems"].format(n=2)
    page.shot("profile-opened")
    page.fits()
    page.type("company.enterprise_number", "0566.988.259")
    page.submit()  # the unknown key is not part of the form: the profile now evaluates
    wait(page.driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results h2"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("company: [\n", encoding="utf-8")
    page.driver.find_element(by("ID"), "open-file").send_keys(str(broken))
    wait(page.driver, lambda d: "broken.yaml" in d.find_element(by("ID"), "form-status").text)
    assert page.field("company.name").get_attribute("value") == "Bitwerk BV"  # nothing read: the answers stay
    assert page.text("form-status") == (
        "broken.yaml kon niet worden gelezen; wat er mis is, staat hieronder."
        if nl
        else "broken.yaml could not be read; what is wrong is said below."
    )
    assert page.text("form-problems").split("\n")[1].startswith("regel 2, kolom 1: " if nl else "line 2, column 1: ")
