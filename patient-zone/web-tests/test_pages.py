"""The web front end against a real patient-api and MariaDB, in headless Chromium."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "correct horse battery"


def fresh_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def console_errors(browser):
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def fill(browser, **fields):
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def submit(browser, form_id):
    browser.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]").click()


def sign_up(browser, base, email, name="Ada"):
    browser.get(f"{base}/signup.html")
    fill(browser, name=name, email=email, password=PASSWORD)
    submit(browser, "signup-form")
    wait(browser).until(EC.url_contains("profile.html"))
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "profile-email"), email))


def test_sign_up_shows_the_profile(browser, web_url, screenshot_dir):
    email = fresh_email()
    browser.get(f"{web_url}/signup.html")
    browser.save_screenshot(str(screenshot_dir / "signup.png"))
    sign_up(browser, web_url, email, name="Grace Hopper")
    assert browser.find_element(By.ID, "profile-name").text == "Grace Hopper"
    browser.save_screenshot(str(screenshot_dir / "profile.png"))
    assert console_errors(browser) == []


def test_log_out_then_log_in_again(browser, web_url, screenshot_dir):
    email = fresh_email()
    sign_up(browser, web_url, email)
    browser.find_element(By.ID, "logout").click()
    wait(browser).until(EC.url_contains("index.html"))
    assert browser.execute_script("return sessionStorage.length") == 0
    fill(browser, email=email.upper(), password=PASSWORD)
    browser.save_screenshot(str(screenshot_dir / "login.png"))
    submit(browser, "login-form")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "profile-email"), email))
    assert console_errors(browser) == []


def test_wrong_password_says_so_without_leaking_which_part(browser, web_url, screenshot_dir):
    email = fresh_email()
    sign_up(browser, web_url, email)
    browser.find_element(By.ID, "logout").click()
    wait(browser).until(EC.url_contains("index.html"))
    fill(browser, email=email, password="not the password")
    submit(browser, "login-form")
    banner = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-form [role=alert]")))
    assert banner.text == "Email or password is wrong."
    browser.save_screenshot(str(screenshot_dir / "login-wrong-password.png"))
    assert "profile.html" not in browser.current_url


def test_duplicate_email_is_shown_on_the_email_field(browser, web_url, screenshot_dir):
    email = fresh_email()
    sign_up(browser, web_url, email)
    browser.execute_script("sessionStorage.clear()")
    browser.get(f"{web_url}/signup.html")
    fill(browser, email=email, password=PASSWORD)
    submit(browser, "signup-form")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "email-error"), "already exists"))
    assert browser.find_element(By.ID, "email").get_attribute("aria-invalid") == "true"
    browser.save_screenshot(str(screenshot_dir / "signup-duplicate.png"))


def test_client_side_checks_catch_a_short_password_before_any_request(browser, web_url):
    browser.get(f"{web_url}/signup.html")
    fill(browser, email=fresh_email(), password="short")
    submit(browser, "signup-form")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "password-error"), "at least 8"))


def test_profile_without_a_session_says_not_logged_in(browser, web_url):
    browser.get(f"{web_url}/profile.html")
    banner = wait(browser).until(EC.visibility_of_element_located((By.ID, "profile-message")))
    assert "not logged in" in banner.text


def test_api_down_shows_a_clear_message(browser, web_down_url, screenshot_dir):
    browser.get(f"{web_down_url}/index.html")
    fill(browser, email=fresh_email(), password=PASSWORD)
    submit(browser, "login-form")
    banner = wait(browser, 20).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-form [role=alert]")))
    assert "temporarily unavailable" in banner.text
    browser.save_screenshot(str(screenshot_dir / "login-api-down.png"))


def test_status_page_reports_health_and_readiness(browser, web_url, web_down_url, screenshot_dir):
    browser.get(f"{web_url}/status.html")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "readyz"), "ready"))
    assert browser.find_element(By.ID, "healthz").text == "ok"
    browser.save_screenshot(str(screenshot_dir / "status.png"))
    browser.get(f"{web_down_url}/status.html")
    wait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "readyz"), "unavailable"))
    assert browser.find_element(By.ID, "healthz").text == "ok"
    assert console_errors(browser) == [] or all("readyz" in e["message"] for e in console_errors(browser))


def test_pages_send_a_strict_content_security_policy(web_url):
    import urllib.request

    with urllib.request.urlopen(f"{web_url}/index.html", timeout=10) as response:
        policy = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers.get("X-Content-Type-Options") == "nosniff"
