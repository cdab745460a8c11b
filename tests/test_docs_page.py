"""The HTML page of ``subsidie docs`` in a real headless browser: it fits a phone and a desktop screen.

The generated ``index.html`` of the shipped rules is opened in chromium (Selenium, the fixtures of
:mod:`tests.test_web_page`) at 375 and 1280 CSS pixels wide, in Dutch and English, with the technical
sections folded and unfolded: the page never scrolls sideways (its scroll width is at most the
window's width). Each state is saved as a PNG in ``$SUBSIDIE_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.load.ruleset import load_rules
from engine.render.docs import write_docs

from .conftest import RULES
from .test_web_page import browser, by, downloads, screenshot  # noqa: F401 - fixtures used by name

WIDTHS = (375, 1280)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    rules = load_rules(RULES)
    found = {}
    for lang in ("nl", "en"):
        folder = tmp_path_factory.mktemp(f"docs-{lang}")
        write_docs(rules, folder, lang)
        found[lang] = folder / "index.html"
    return found


def _set_width(driver: Any, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800},
    )


def _widths(driver: Any) -> tuple[int, int]:
    return driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_fits_the_screen(browser, pages, lang, width):  # noqa: F811 - the fixture imported above
    browser.get(pages[lang].as_uri())
    _set_width(browser, width)
    try:
        scroll, window = _widths(browser)
        assert window == width
        assert scroll <= window, f"the page is {scroll} px wide on a {window} px screen"
        heading = browser.find_element(by("CSS_SELECTOR"), "#m-kmo-portefeuille > h2")
        assert heading.text == {"nl": "Kmo-portefeuille", "en": "SME wallet (kmo-portefeuille)"}[lang]
        screenshot(browser, f"docs-{lang}-{width}.png", width)
        # the technical sections for rule editors, unfolded, fit as well
        opened = browser.execute_script(
            "const all = document.querySelectorAll('details'); all.forEach(d => d.open = true); return all.length"
        )
        assert opened >= 10
        scroll, window = _widths(browser)
        assert scroll <= window, f"unfolded, the page is {scroll} px wide on a {window} px screen"
        screenshot(browser, f"docs-{lang}-{width}-technical.png", width)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_table_stacks_its_rows_on_a_phone(browser, pages):  # noqa: F811 - the fixture imported above
    browser.get(pages["nl"].as_uri())
    _set_width(browser, 375)
    try:
        header = browser.find_element(by("CSS_SELECTOR"), ".table thead")
        assert not header.is_displayed()
        cell = browser.find_element(by("CSS_SELECTOR"), ".table td[data-label]")
        label = browser.execute_script("return getComputedStyle(arguments[0], '::before').content", cell)
        assert label == '"Maatregel"'
        assert cell.size["width"] > 300  # the cell takes the row's whole width
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    _set_width(browser, 1280)
    try:
        assert browser.find_element(by("CSS_SELECTOR"), ".table thead").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
