"""The web page of ``subsidie serve`` in a real headless browser.

Debian's chromium is driven by Selenium through Debian's chromedriver (same source package,
so the two always match). Without them the tests skip, saying what to install; with
``SUBSIDIE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails instead. Each
state of the page is saved as a PNG in ``$SUBSIDIE_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from engine.text.formatting import money

from .commands.test_serve import SCENARIO, running_server
from .conftest import ROOT

REQUIRED = os.environ.get("SUBSIDIE_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("SUBSIDIE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SUBSIDIE_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("SUBSIDIE_ARTIFACTS") or ROOT / "test-artifacts")
SCHEMA = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
WAIT = 30  # seconds: a generous bound for a shared, noisy machine; the page normally answers in well under one
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=en-US",
    "--window-size=1000,1000",
]


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is missing (pip install -e '.[browser]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as (base, _):
        yield base


@pytest.fixture(scope="module")
def downloads() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(f"SUBSIDIE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


# ---- helpers ----


def by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition)


def open_page(driver: Any, site: str, lang: str = "en") -> None:
    driver.get(f"{site}/health")  # the page keeps its answers in the tab: start each test empty
    driver.execute_script("sessionStorage.clear()")
    driver.get(f"{site}/?lang={lang}")
    wait(driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-ready]"))
    driver.get_log("browser")  # start each page with an empty console log


def type_into(driver: Any, name: str, text: str) -> None:
    field = driver.find_element(by("NAME"), name)
    field.clear()
    field.send_keys(text)


def choose(driver: Any, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(by("NAME"), name)).select_by_value(value)


def fill_scenario(driver: Any, enterprise_number: str = "0566.988.259") -> None:
    """Fill in the small IT firm and its cybersecurity advice project as a person would, on the English page."""
    company, project = SCENARIO["company"], SCENARIO["projects"][0]
    type_into(driver, "company.name", company["name"])
    type_into(driver, "company.enterprise_number", enterprise_number)
    choose(driver, "company.legal_form", company["legal_form"])
    type_into(driver, "company.founded", "01/05/2021")  # dd/mm/yyyy on the English page, whatever the browser
    choose(driver, "company.region", company["region"])
    for key in ("employees", "turnover", "balance_sheet_total"):
        type_into(driver, f"company.{key}", str(company[key]))
    type_into(driver, "projects[0].id", project["id"])
    choose(driver, "projects[0].kind", project["kind"])
    choose(driver, "projects[0].theme", project["theme"])
    type_into(driver, "projects[0].cost", str(project["cost"]))
    type_into(driver, "projects[0].application_date", "01/03/2026")
    choose(driver, "projects[0].provider_registered", "true")
    assert driver.find_element(by("ID"), "read-company.founded").text == "= 1 May 2021"
    assert driver.find_element(by("ID"), "read-projects[0].application_date").text == "= 1 March 2026"


def submit(driver: Any) -> None:
    driver.find_element(by("ID"), "evaluate").click()
    wait(driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results .report, #form-problems p"))


def screenshot(driver: Any, name: str, width: int | None = None) -> Path:
    """Save the whole page (not only the window) as ARTIFACTS/name."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    if width is None:
        size = driver.get_window_size()
        driver.set_window_size(size["width"], height + 150)
        path = ARTIFACTS / name
        driver.save_screenshot(str(path))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
        path = ARTIFACTS / name
        driver.save_screenshot(str(path))
    assert path.stat().st_size > 10000
    return path


SHOWN = """
const text = (node) => node ? node.innerText.trim() : null;  // as shown, as Selenium's .text reads it
return [...document.querySelectorAll("#results .report-line")].map((line) => {
  const project = line.closest("section[data-project]");
  const measure = line.getAttribute("data-measure");
  const detail = project.querySelector(`.report-detail[data-measure='${measure}']`);
  const all = (node, css) => [...node.querySelectorAll(css)];
  return {
    project: project.getAttribute("data-project"),
    measure,
    title: text(line.querySelector(".title")),
    status: line.getAttribute("data-status"),
    words: text(line.querySelector(".badge")),
    counted: Boolean(line.querySelector(".counted")),
    amount: text(line.querySelector(".amount")),
    why_not: all(line, ".why-not").map(text),
    helps: all(line, ".helps").map(text),
    met: all(detail, ".met li").map((li) => li.textContent),
    calculation: all(detail, ".calculation li").map((li) => li.textContent),
  };
});
"""


def shown_results(driver: Any) -> list[dict[str, Any]]:
    """What the page's report shows for each measure (a line of its project, and its details), read in one call."""
    return list(driver.execute_script(SHOWN))


def _contents(node: Any, css: str) -> list[str]:
    """The text of each element ``css`` finds under ``node``, shown or folded away."""
    return [found.get_attribute("textContent") for found in node.find_elements(by("CSS_SELECTOR"), css)]


def report_of(run_cli: Any, path: Path, lang: str) -> ElementTree.Element:
    """The report ``subsidie evaluate --format html`` writes for the profile at ``path``, parsed."""
    code, out, err = run_cli("evaluate", str(path), "--format", "html", "--lang", lang)
    assert code == 0, err
    return ElementTree.fromstring(out.split('<body class="report-page">\n', 1)[1].rsplit("</body>", 1)[0])


def _texts(node: ElementTree.Element, path: str) -> list[str]:
    return ["".join(found.itertext()) for found in node.findall(path)]


def as_shown(document: dict[str, Any], report: ElementTree.Element) -> list[dict[str, Any]]:
    """What the page must show: per result of ``subsidie evaluate --format json`` (``document``), its status,
    title and amount, and the words of the same line of ``subsidie evaluate --format html`` (``report``)."""
    shown = []
    for r in document["results"]:
        if r["status"] == "info":
            continue
        project = report.find(f".//section[@data-project='{r['project']}']")
        line = project.find(f"div[@data-measure='{r['measure']}']")
        detail = project.find(f".//div[@class='report-detail'][@data-measure='{r['measure']}']")
        amount = _texts(line, ".//span[@class='amount']")
        if r["status"] == "eligible":  # the amount evaluate computed, in the page's words
            lang = report.get("lang")
            assert amount == [money(Decimal(str(r["amount"])), lang)]
        shown.append(
            {
                "project": r["project"],
                "measure": r["measure"],
                "title": r["title"],
                "status": r["status"],
                "words": _texts(line, ".//span[@class='badge']")[0],
                "counted": bool(line.findall(".//span[@class='counted']")),
                "amount": amount[0] if amount else None,
                "why_not": _texts(line, "p[@class='why-not']"),
                "helps": _texts(line, "p[@class='helps']"),
                "met": _texts(detail, "ul[@class='met']/li"),
                "calculation": _texts(detail, "ul[@class='calculation']/li"),
            }
        )
    return shown


def evaluate_file(run_cli: Any, path: Path, lang: str) -> dict[str, Any]:
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--lang", lang)
    assert code == 0, err
    return json.loads(out)


def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    return path


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _node(path: str) -> dict[str, Any]:
    """The schema node of a profile path such as projects[0].cost (with $ref siblings kept)."""
    node: dict[str, Any] = SCHEMA
    for part in path.replace("[", ".[").split("."):
        node = node["items"] if part.startswith("[") else node["properties"][part]
        while "$ref" in node:
            node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


# ---- the tests ----


def test_the_form_asks_the_schemas_questions_in_dutch_and_english(browser, site):
    open_page(browser, site, "en")
    browser.find_element(by("CSS_SELECTOR"), "[data-add='company.partner_enterprises']").click()
    for lang in ("en", "nl"):
        browser.find_element(by("ID"), f"lang-{lang}").click()
        labels = {
            field.get_attribute("data-path"): field.find_element(by("TAG_NAME"), "label")
            for field in browser.find_elements(by("CSS_SELECTOR"), ".field")
        }
        assert len(labels) == 15 + 3 + 4 + 3  # company, previous year, a partner, a project of no kind yet
        for path, label in labels.items():
            question = browser.execute_script("return arguments[0].firstChild.textContent", label)
            assert question == _node(path)["x-question"][lang], path
        options = browser.find_elements(by("CSS_SELECTOR"), "select[name='projects[0].kind'] option")
        labels_of = _node("projects[0].kind")["x-enum-labels"]
        assert [(o.get_attribute("value"), o.text) for o in options][1:] == [
            (value, labels_of[value][lang]) for value in _node("projects[0].kind")["enum"]
        ]
        assert browser.find_element(by("TAG_NAME"), "html").get_attribute("lang") == lang
    assert console_errors(browser) == []


def test_a_small_it_firm_gets_the_amount_and_reasons_that_evaluate_gives(browser, site, run_cli, tmp_path, downloads):
    open_page(browser, site, "en")
    fill_scenario(browser)
    screenshot(browser, "web-1-filled-form.png")
    submit(browser)
    scenario = scenario_file(tmp_path)
    expected = evaluate_file(run_cli, scenario, "en")
    shown = shown_results(browser)
    assert shown == as_shown(expected, report_of(run_cli, scenario, "en"))
    [kmo] = shown
    assert (kmo["measure"], kmo["status"], kmo["amount"], kmo["words"]) == (
        "kmo-portefeuille",
        "eligible",
        "EUR 4,500.00",
        "eligible",
    )
    assert "The company is an SME (micro, small or medium under the EU definition)." in kmo["met"]
    assert kmo["calculation"] == ["45% of EUR 10,000.00 = EUR 4,500.00"]
    assert browser.find_element(by("CSS_SELECTOR"), "#results .report-total").text == "Aid to expect: EUR 4,500.00"
    screenshot(browser, "web-2-results.png")
    assert console_errors(browser) == []

    for old in downloads.iterdir():
        old.unlink()
    browser.find_element(by("ID"), "download").click()
    target = downloads / "profile.yaml"
    deadline = time.monotonic() + WAIT
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), "the browser saved no profile.yaml"
    assert as_shown(evaluate_file(run_cli, target, "en"), report_of(run_cli, target, "en")) == shown


def test_a_wrong_enterprise_number_is_explained_next_to_its_field(browser, site, run_cli, tmp_path):
    open_page(browser, site, "en")
    fill_scenario(browser, enterprise_number="0566.988.258")
    submit(browser)
    slot = browser.find_element(by("ID"), "problem-company.enterprise_number")
    assert slot.is_displayed()
    bad = {**SCENARIO, "company": {**SCENARIO["company"], "enterprise_number": "0566.988.258"}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = run_cli("evaluate", str(path))
    assert code == 2
    message, hint = err.split("\n")[0].split(" [kbo-check]")[0].split(": error: ")[1], err.split("hint: ")[1].strip()
    assert message == "the enterprise number '0566.988.258' has the wrong check digits: expected 59, found 58"
    assert slot.text == f"{message}\n{hint}"
    field = browser.find_element(by("NAME"), "company.enterprise_number")
    assert field.get_attribute("aria-invalid") == "true"
    assert browser.switch_to.active_element == field
    assert (
        browser.find_element(by("ID"), "form-problems").text
        == "The profile has 1 error(s); they are shown at the fields."
    )
    assert browser.find_elements(by("CSS_SELECTOR"), "#results .measure") == []
    screenshot(browser, "web-3-invalid-enterprise-number.png")
    type_into(browser, "company.enterprise_number", "0566.988.259")  # correcting the field clears its message
    assert not slot.is_displayed() and field.get_attribute("aria-invalid") is None


def test_projects_are_added_and_removed_and_problems_shown_on_their_card(browser, site):
    open_page(browser, site, "en")
    fill_scenario(browser)
    browser.find_element(by("CSS_SELECTOR"), "[data-add='projects']").click()
    assert browser.find_element(by("NAME"), "projects[1].id").is_displayed()
    legends = browser.execute_script(
        "return [...document.querySelectorAll('[data-path=projects] > .item > legend')]"
        ".map(e => e.firstChild.textContent)"
    )
    assert legends == ["Project 1: cyber-advice", "Project 2"]  # the schema's x-item-label
    type_into(browser, "projects[1].application_date", "31/04/2026")
    submit(browser)
    for key in ("id", "kind"):  # a required answer left empty is asked for at its field
        assert browser.find_element(by("ID"), f"problem-projects[1].{key}").text == "Fill this in: it is required."
    assert browser.find_element(by("ID"), "problem-projects[1].application_date").text == (
        "'31/04/2026' does not exist: April 2026 has 30 days\nwrite the date as dd/mm/yyyy, for example 01/03/2026"
    )
    browser.find_element(by("CSS_SELECTOR"), "[data-remove='projects[1]']").click()
    assert browser.find_elements(by("NAME"), "projects[1].id") == []
    assert browser.find_elements(by("CSS_SELECTOR"), "[data-remove='projects[0]']") == []  # at least one project
    submit(browser)
    assert [r["measure"] for r in shown_results(browser)] == ["kmo-portefeuille"]


def _settled(driver: Any) -> list[dict[str, Any]] | None:
    """The results shown, or None while the page is replacing them."""
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        return shown_results(driver)
    except StaleElementReferenceException:
        return None


def test_a_training_capped_by_this_years_advice_shows_when_to_apply_in_each_language(browser, site, run_cli, tmp_path):
    """The small IT firm's security training (examples/profiles/small-it-firm.yaml): capped at EUR 3,000 in 2026
    because the advice took EUR 4,500 of the year's EUR 7,500; applied on 1 January 2027 it would get its 45%."""
    open_page(browser, site, "en")
    fill_scenario(browser)
    browser.find_element(by("CSS_SELECTOR"), "[data-add='projects']").click()
    type_into(browser, "projects[1].id", "security-training")
    choose(browser, "projects[1].kind", "training")
    choose(browser, "projects[1].theme", "cybersecurity")
    type_into(browser, "projects[1].cost", "8000")
    type_into(browser, "projects[1].application_date", "10/05/2026")
    choose(browser, "projects[1].provider_registered", "true")
    path = tmp_path / "two-projects.json"
    training = {
        "id": "security-training",
        "kind": "training",
        "theme": "cybersecurity",
        "cost": 8000,
        "application_date": "2026-05-10",
        "provider_registered": True,
    }
    path.write_text(json.dumps({**SCENARIO, "projects": SCENARIO["projects"] + [training]}), encoding="utf-8")
    texts = {
        "en": "From 1 January 2027 you can get EUR 3,600.00.",
        "nl": "Vanaf 1 januari 2027 kan je EUR 3.600,00 krijgen.",
    }
    for lang in ("en", "nl"):
        browser.find_element(by("ID"), f"lang-{lang}").click()  # with results shown, the page evaluates again
        submit(browser)
        expected = as_shown(evaluate_file(run_cli, path, lang), report_of(run_cli, path, lang))
        wait(browser, lambda d, want=expected: _settled(d) == want)  # the answer in the new language is shown
        shown = shown_results(browser)
        assert shown == expected
        assert [(r["project"], r["amount"], r["helps"]) for r in shown] == [
            ("cyber-advice", money(Decimal("4500"), lang), []),
            ("security-training", money(Decimal("3000"), lang), [texts[lang]]),
        ]
    screenshot(browser, "web-5-when-to-apply.png")
    assert console_errors(browser) == []


def test_missing_facts_make_an_undetermined_result_that_names_the_questions(browser, site, run_cli, tmp_path):
    open_page(browser, site, "nl")
    type_into(browser, "projects[0].id", "audit")
    choose(browser, "projects[0].kind", "advice")
    submit(browser)
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps({"company": {}, "projects": [{"id": "audit", "kind": "advice"}]}), encoding="utf-8")
    expected = evaluate_file(run_cli, path, "nl")
    assert shown_results(browser) == as_shown(expected, report_of(run_cli, path, "nl"))
    [result] = expected["results"]
    assert result["status"] == "undetermined"
    questions = browser.find_elements(by("CSS_SELECTOR"), ".report-questions li")
    assert [li.text for li in questions] == [
        ("audit: " if p.startswith("projects[") else "") + _node(p)["x-question"]["nl"] for p in result["missing"]
    ]
    for li, path in zip(questions, result["missing"]):  # each question links to its field
        li.find_element(by("TAG_NAME"), "a").click()
        assert browser.switch_to.active_element.get_attribute("name") == path


def test_on_a_phone_the_page_fits_and_speaks_dutch(browser, site, run_cli, tmp_path):
    open_page(browser, site, "en")
    try:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True}
        )
        fill_scenario(browser)
        browser.find_element(by("ID"), "lang-nl").click()
        submit(browser)
        assert browser.execute_script("return window.innerWidth") == 375
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
        scenario = scenario_file(tmp_path)
        expected = evaluate_file(run_cli, scenario, "nl")
        assert shown_results(browser) == as_shown(expected, report_of(run_cli, scenario, "nl"))
        assert shown_results(browser)[0]["amount"] == "EUR 4.500,00"
        narrow = browser.execute_script(
            "return [...document.querySelectorAll('input, select, button')]"
            ".filter(e => e.getBoundingClientRect().right > 375).length"
        )
        assert narrow == 0
        screenshot(browser, "web-4-phone.png", width=375)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert console_errors(browser) == []
