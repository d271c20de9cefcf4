"""Fixtures for the browser tests: a headless Chromium driven by Selenium.

The servers are started by scripts/checks/browser, which passes their addresses:
  WEB_URL       patient-api with a working MariaDB, serving the web front end
  WEB_DOWN_URL  patient-api whose database is unreachable (for the 503 message)
"""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the browser tests through scripts/test (scripts/checks/browser)")
    return value


@pytest.fixture(scope="session")
def web_url() -> str:
    return _require("WEB_URL").rstrip("/")


@pytest.fixture(scope="session")
def web_down_url() -> str:
    return _require("WEB_DOWN_URL").rstrip("/")


@pytest.fixture(scope="session")
def screenshot_dir() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("TEST_OUTPUT_DIR", "test-output")) / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1100,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
