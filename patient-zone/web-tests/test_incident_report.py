"""The Doctor's HTML incident report renders in Chromium: no console errors, no external requests."""
import os
import pathlib

import pytest
from selenium.webdriver.common.by import By


@pytest.fixture(scope="module")
def report_path() -> pathlib.Path:
    value = os.environ.get("REPORT_HTML")
    if not value:
        pytest.fail("REPORT_HTML is not set: run the browser tests through scripts/test (scripts/checks/browser)")
    return pathlib.Path(value)


def test_report_renders_without_errors(browser, report_path, screenshot_dir):
    browser.get(report_path.as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text.strip() != ""
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert headings == ["Root cause", "Incident", "Timeline", "Evidence", "Terraform fix", "Who produced what"]
    # The timeline is an inline SVG with at least one series drawn.
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg polyline")) >= 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.evidence tbody tr")) >= 1
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    # Self-contained: the page loaded nothing but itself.
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    browser.save_screenshot(str(screenshot_dir / "incident-report.png"))
