#!/usr/bin/env python3
"""The dashboard in a real browser: headless Chromium driven by Selenium.

Starts `neuro-host --simulate --dashboard 127.0.0.1:0` on a games.json whose first game's
title is a script tag, and checks, without reloading the page: every game is shown, action
counts rise, "Drop connection" (confirmed) makes the game's reconnect count rise, a manual
action is sent and answered, and the script title renders as text (no alert, no injected
element). Saves screenshots to /tmp/neuro-dashboard-*.png when it fails, and the page to
docs/dashboard.png with --screenshot.

Usage: dashboard_test.py NEURO_HOST_BINARY [--screenshot PATH]
Every wait is bounded; nothing sleeps to synchronise beyond polling a condition.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

SCRIPT_TITLE = '<script>alert(1)</script><img src=x onerror="document.title=\'pwned\'">'
GAMES = {
    "games": [
        {"plugin": "tic-tac-toe", "title": SCRIPT_TITLE},
        {"plugin": "hangman", "title": "Hangman"},
        {"plugin": "guess-the-number", "title": "Guess the Number"},
    ]
}


def fail(driver, message):
    path = f"/tmp/neuro-dashboard-failure-{int(time.time())}.png"
    try:
        driver.save_screenshot(path)
        print(f"screenshot: {path}", file=sys.stderr)
    except Exception as error:  # the browser may be gone
        print(f"no screenshot: {error}", file=sys.stderr)
    raise AssertionError(message)


def wait_for(driver, what, condition, timeout=30):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: condition(d))
    except TimeoutException:
        fail(driver, f"timed out waiting for {what}")


def card(driver, index):
    return driver.find_element(By.CSS_SELECTOR, f'article.game[data-index="{index}"]')


def number(driver, index, field):
    text = card(driver, index).find_element(By.CSS_SELECTOR, f".value.{field}").text
    return int(text) if text.isdigit() else -1


def main():
    binary = os.path.abspath(sys.argv[1])
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="neuro-dashboard-")
    with open(os.path.join(work, "games.json"), "w") as file:
        json.dump(GAMES, file)
    port_file = os.path.join(work, "port")
    log = open(os.path.join(work, "neuro-host.log"), "w")
    host = subprocess.Popen(
        [binary, "--config", "games.json", "--simulate", "--dashboard", "127.0.0.1:0",
         "--dashboard-port-file", port_file, "--status", "off", "--duration", "120", "--seed", "7"],
        cwd=work, stdout=subprocess.DEVNULL, stderr=log)
    driver = None
    try:
        deadline = time.monotonic() + 30
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if host.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("neuro-host did not report its dashboard port: " + open(log.name).read()[-2000:])
            time.sleep(0.1)
        url = f"http://127.0.0.1:{open(port_file).read().strip()}/"
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        size = "1400,1900" if screenshot else "1400,1100"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={size}"]:
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                  options=options)
        driver.set_page_load_timeout(30)
        driver.get(url)

        # Every game of games.json, the script title as text.
        wait_for(driver, "every game", lambda d: len(d.find_elements(By.CSS_SELECTOR, "article.game")) == 3)
        titles = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "article.game .game-title")]
        if titles[0] != SCRIPT_TITLE or titles[1:] != ["Hangman", "Guess the Number"]:
            fail(driver, f"titles: {titles}")
        title_node = card(driver, 0).find_element(By.CSS_SELECTOR, ".game-title")
        if title_node.find_elements(By.XPATH, ".//*"):
            fail(driver, "the title was parsed as HTML")
        if driver.find_elements(By.XPATH, "//body//script") or driver.find_elements(By.XPATH, "//img[@src='x']"):
            fail(driver, "an element from a title was injected")
        if driver.title == "pwned":
            fail(driver, "a handler from a title ran")
        try:
            alert = driver.switch_to.alert
            fail(driver, f"an alert opened: {alert.text}")
        except NoAlertPresentException:
            pass

        # Action counts rise without a reload (the live stream).
        marker = driver.execute_script("window.__notReloaded = true; return true;")
        first = driver.find_element(By.ID, "total-actions").text
        wait_for(driver, "the action count to rise",
                 lambda d: int(d.find_element(By.ID, "total-actions").text or 0) > int(first or 0) + 2)
        if not driver.execute_script("return window.__notReloaded === true;") or not marker:
            fail(driver, "the page reloaded")

        # Drop connection on Hangman, confirmed: its reconnects rise.
        wait_for(driver, "Hangman connected",
                 lambda d: card(d, 1).find_element(By.CSS_SELECTOR, ".value.state").text == "connected")
        before = number(driver, 1, "reconnects")
        card(driver, 1).find_element(By.CSS_SELECTOR, "button.drop").click()
        wait_for(driver, "the confirm dialog", lambda d: d.switch_to.alert)
        driver.switch_to.alert.accept()
        wait_for(driver, "Hangman's reconnects to rise", lambda d: number(d, 1, "reconnects") > before)
        error = card(driver, 1).find_element(By.CSS_SELECTOR, ".last-error").text
        if "dropped from the dashboard" not in error:
            fail(driver, f"last error: {error}")

        # A manual action to Guess the Number, data pre-filled from the schema.
        wait_for(driver, "the simulator panel", lambda d: d.find_element(By.ID, "simulator").is_displayed())
        Select(driver.find_element(By.ID, "manual-game")).select_by_value("2")
        wait_for(driver, "registered actions",
                 lambda d: len(Select(d.find_element(By.ID, "manual-action")).options) > 0)
        wait_for(driver, "example data", lambda d: d.find_element(By.ID, "manual-data").get_attribute("value") != "")
        # Bad data is refused with the schema's words.
        editor = driver.find_element(By.ID, "manual-data")
        editor.clear()
        editor.send_keys('{"not": "valid"')
        driver.find_element(By.ID, "manual-send").click()
        wait_for(driver, "the refusal", lambda d: "not sent" in d.find_element(By.ID, "manual-result").text)
        driver.find_element(By.ID, "manual-example").click()
        wait_for(driver, "new example data",
                 lambda d: d.find_element(By.ID, "manual-data").get_attribute("value").startswith("{"))
        driver.find_element(By.ID, "manual-send").click()
        wait_for(driver, "the action sent", lambda d: "sent " in d.find_element(By.ID, "manual-result").text)
        action_id = driver.find_element(By.ID, "manual-result").text.split("(id ")[-1].rstrip(")")
        wait_for(driver, "the manual action in the game's log",
                 lambda d: card(d, 2).find_elements(By.CSS_SELECTOR, f'ol.actions li[data-id="{action_id}"]'))
        if screenshot:
            driver.save_screenshot(screenshot)
            print(f"screenshot: {screenshot}")
        print(f"dashboard browser test passed in {time.monotonic() - started:.1f} s")
    except Exception:
        if driver is not None:
            path = f"/tmp/neuro-dashboard-error-{int(time.time())}.png"
            try:
                driver.save_screenshot(path)
                print(f"screenshot: {path}", file=sys.stderr)
            except Exception:
                pass
        print(open(log.name).read()[-3000:], file=sys.stderr)
        raise
    finally:
        if driver is not None:
            driver.quit()
        host.terminate()
        try:
            host.wait(timeout=15)
        except subprocess.TimeoutExpired:
            host.kill()


if __name__ == "__main__":
    main()
