"""The web page's result: the adviser's report, on a phone and a desktop, in Dutch and English, printed and copied.

The small IT firm of ``examples/profiles/small-it-firm.yaml`` (its three projects: a cybersecurity
audit, a training capped by the year's kmo-portefeuille cap, an advice on a theme no longer
supported), typed into the form once per module and put back, as a reload keeps it, for each
report shown. The page's report is the one ``subsidie evaluate --format
html`` writes; it prints on at most two A4 pages without the form; "copy for e-mail" puts
``subsidie evaluate --format text`` on the clipboard. Screenshots and the printed PDF go to
``$SUBSIDIE_ARTIFACTS``, as for tests/test_web_page.py (whose browser and server these tests share).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from . import test_web_page as page
from .conftest import EXAMPLES
from .test_web_page import ARTIFACTS, by, choose, console_errors, open_page, screenshot, submit, type_into, wait

browser, site, downloads = page.browser, page.site, page.downloads  # the page tests' fixtures, shared

PROFILE = yaml.safe_load((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"))


def _typed_date(day: Any) -> str:
    """A date as a person types it on the English page: dd/mm/yyyy."""
    year, month, date = str(day).split("-")
    return f"{date}/{month}/{year}"


def fill_small_it_firm(driver: Any) -> None:
    """The small IT firm's company, aid received and three projects, typed into the form as a person would."""
    company = PROFILE["company"]
    for key in ("name", "enterprise_number", "nace", "employees", "turnover", "balance_sheet_total"):
        type_into(driver, f"company.{key}", str(company[key]))
    for key in ("legal_form", "region"):
        choose(driver, f"company.{key}", company[key])
    type_into(driver, "company.founded", _typed_date(company["founded"]))
    driver.find_element(by("CSS_SELECTOR"), "[data-add='aid_received']").click()
    [aid] = PROFILE["aid_received"]
    type_into(driver, "aid_received[0].date", _typed_date(aid["date"]))
    type_into(driver, "aid_received[0].amount", str(aid["amount"]))
    type_into(driver, "aid_received[0].measure", aid["measure"])
    for index, project in enumerate(PROFILE["projects"]):
        if index:
            driver.find_element(by("CSS_SELECTOR"), "[data-add='projects']").click()
        prefix = f"projects[{index}]"
        type_into(driver, f"{prefix}.id", project["id"])
        for key in ("kind", "theme"):
            choose(driver, f"{prefix}.{key}", project[key])
        type_into(driver, f"{prefix}.cost", str(project["cost"]))
        for key in ("application_date", "start_date"):
            if key in project:
                type_into(driver, f"{prefix}.{key}", _typed_date(project[key]))
        choose(driver, f"{prefix}.provider_registered", "true")


def evaluated(run_cli: Any, tmp_path: Path, fmt: str, lang: str) -> str:
    path = tmp_path / "small-it-firm.json"
    path.write_text(json.dumps(PROFILE, default=str), encoding="utf-8")
    code, out, err = run_cli("evaluate", str(path), "--format", fmt, "--lang", lang)
    assert code == 0, err
    return out


def _report_text(driver: Any) -> str:
    return driver.execute_script("return document.querySelector('#results .report').outerHTML")


@pytest.fixture(scope="module")
def answers(browser: Any, site: str) -> str:
    """The small IT firm typed into the English form once (:func:`fill_small_it_firm`): the answers the page keeps
    in the tab (sessionStorage), which :func:`show_report` puts back instead of typing them again."""
    open_page(browser, site, "en")
    fill_small_it_firm(browser)
    kept = browser.execute_script("return sessionStorage.getItem('subsidie-form')")
    assert json.loads(kept)["model"]["projects"][2]["id"] == PROFILE["projects"][2]["id"]
    return str(kept)


def show_report(driver: Any, site: str, lang: str, answers: str) -> None:
    """The report of the typed answers (:func:`answers`), kept in the tab as a reload keeps them, in ``lang``."""
    open_page(driver, site, "en")
    driver.execute_script("sessionStorage.setItem('subsidie-form', arguments[0])", answers)
    driver.refresh()
    wait(driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-ready]"))
    driver.find_element(by("ID"), f"lang-{lang}").click()
    submit(driver)
    wait(driver, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results .report"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_result_is_the_report_with_the_answer_first(browser, site, run_cli, tmp_path, answers, lang):
    show_report(browser, site, lang, answers)
    document = evaluated(run_cli, tmp_path, "html", lang)
    body = document.split('<body class="report-page">\n', 1)[1].rsplit("</body>", 1)[0].rstrip("\n")
    # the page's report is evaluate's (both as the browser reads them: the same elements, attributes and texts)
    same = browser.execute_script(
        "return new DOMParser().parseFromString(arguments[0], 'text/html').body.innerHTML", body
    )
    assert _report_text(browser) == same
    for width in (375, 1280):  # the same report, on a phone and on a desktop
        _report_fits(browser, lang, width)
    assert console_errors(browser) == []


def _report_fits(browser: Any, lang: str, width: int) -> None:
    try:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        assert browser.execute_script("return window.innerWidth") == width
        heads = browser.find_elements(by("CSS_SELECTOR"), "#results .report-head > *")
        words = {"nl": ("Subsidies voor Bitwerk BV", "Te verwachten steun: EUR 7.500,00"),
                 "en": ("Subsidies for Bitwerk BV", "Aid to expect: EUR 7,500.00")}[lang]  # fmt: skip
        assert [heads[0].text, heads[2].text] == list(words)
        first_project = browser.find_element(by("CSS_SELECTOR"), "#results .report-project")
        assert heads[2].location["y"] < first_project.location["y"]  # the total before any project
        lines = browser.find_elements(by("CSS_SELECTOR"), "#results .report-line")
        assert [line.get_attribute("data-status") for line in lines] == ["eligible", "eligible", "not_eligible"]
        details = browser.find_elements(by("CSS_SELECTOR"), "#results details.report-details")
        assert len(details) == 3 and not any(d.get_attribute("open") for d in details)  # folded away
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        screenshot(browser, f"report-{lang}-{width}.png", width=width)
        browser.find_element(by("ID"), "results").screenshot(str(ARTIFACTS / f"report-{lang}-{width}-result.png"))
        height = browser.execute_script("return document.querySelector('#results').getBoundingClientRect().height")
        assert height < {375: 1500, 1280: 1000}[width]  # the answer, not a trace (it was 13,751 px on a phone)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_prints_as_a_report_of_at_most_two_a4_pages(browser, site, answers, lang):
    from selenium.webdriver.common.print_page_options import PrintOptions

    show_report(browser, site, lang, answers)
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4, in centimetres
    pdf = base64.b64decode(browser.print_page(options))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"report-{lang}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pdf_pages(pdf) <= 2
    # printed: the report only, not the form, its buttons or the page's header
    sheet = browser.execute_script(
        "return [...document.styleSheets].flatMap(s => [...s.cssRules])"
        ".filter(r => r.media && r.media.mediaText === 'print').map(r => r.cssText).join(' ')"
    )
    for selector in ("#profile-form", ".report-actions", ".top", "#intro", "footer"):
        assert selector in sheet


def test_copy_for_e_mail_puts_the_text_report_on_the_clipboard(browser, site, run_cli, tmp_path, answers):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": site, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    show_report(browser, site, "nl", answers)
    for lang in ("nl", "en"):
        if lang == "en":  # with the report shown, the page says it again in the other language
            browser.execute_script("delete document.body.dataset.copied")
            browser.find_element(by("ID"), "lang-en").click()
            wait(browser, lambda d: d.find_elements(by("CSS_SELECTOR"), "#results .report[lang='en']"))
        browser.find_element(by("ID"), "copy-mail").click()
        wait(browser, lambda d: d.find_elements(by("CSS_SELECTOR"), "body[data-copied]"))
        copied = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "navigator.clipboard.readText().then(done, (e) => done('error: ' + e));"
        )
        assert copied == evaluated(run_cli, tmp_path, "text", lang)
        assert (
            browser.find_element(by("ID"), "copy-status").text
            == {
                "nl": "Gekopieerd: plak het in je e-mail.",
                "en": "Copied: paste it into your e-mail.",
            }[lang]
        )
    assert console_errors(browser) == []
