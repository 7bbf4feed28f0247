#!/usr/bin/env python3
"""Opens `retrace report` pages in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) and
says what a person would see, as JSON on standard output, for the Swift tests to judge.

Usage: report_browser.py SPEC.json   where SPEC is {"pages": [{"file", "screenshot", "open"?, "hostile"?}, ...]}

For each page: the time until the verdict (and the graph, when the page has one) is on screen; the verdict and
root cause texts; whether clicking the root-cause node opened its details; what the event filters leave; console
errors; every network request the page made (none is allowed: the file must be self-contained); hostile checks.
"""
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1400", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def visible_text(driver, css):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found and found[0].is_displayed() else None


def wait_for(driver, script, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if driver.execute_script(script):
            return True
        time.sleep(0.01)
    return False


def event_count(driver):
    text = visible_text(driver, "#event-count") or ""
    words = text.split()
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else None


def open_from_index(driver, page, result):
    """Reads a batch index's failure groups, then clicks the first execution linked from the last group and waits
    for its report: the way a person goes from "200 logs: Render.OutOfMemory" to one of them."""
    result["groupHeadings"] = [heading.text for heading in
                               driver.find_elements(By.CSS_SELECTOR, "#section-groups .finding h3")]
    result["groupPlaces"] = [place.text for place in
                             driver.find_elements(By.CSS_SELECTOR, "#section-groups .finding p .mono")]
    result["indexRows"] = len(driver.find_elements(By.CSS_SELECTOR, "#section-executions tr")) - 1
    links = driver.find_elements(By.CSS_SELECTOR, "#section-groups .finding:last-child a")
    if not links:
        return
    result["openedLink"] = links[0].text
    started = time.monotonic()
    links[0].click()
    result["openedReady"] = wait_for(
        driver, "var r = document.getElementById('app').getAttribute('data-ready'); return !!r && r.indexOf('log-') === 0")
    result["secondsToOpen"] = round(time.monotonic() - started, 3)
    result["openedHash"] = driver.execute_script("return window.location.hash")
    result["openedTitle"] = visible_text(driver, "#title")
    result["openedVerdict"] = visible_text(driver, "#verdict")
    result["openedRootCause"] = visible_text(driver, "#root-cause")
    if page.get("screenshot"):
        driver.save_screenshot(page["screenshot"].replace(".png", "-opened.png"))


def check(driver, page):
    result = {"file": page["file"]}
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    url = "file://" + page["file"] + (("#log-%d" % page["open"]) if "open" in page else "")
    if "hash" in page:
        url += "#" + page["hash"]
    started = time.monotonic()
    driver.get(url)
    shown = wait_for(driver, "var v = document.getElementById('verdict'); if (!v || !v.textContent) return false;"
                             "var t = document.querySelector('template[id^=retrace-graph-]');"
                             "return !t || !!document.querySelector('#graph svg') || !!document.getElementById('section-groups');")
    result["secondsToVerdict"] = round(time.monotonic() - started, 3)
    result["ready"] = wait_for(driver, "return !!document.getElementById('app').getAttribute('data-ready')")
    result["secondsToReady"] = round(time.monotonic() - started, 3)
    result["verdictShown"] = shown
    marks = driver.execute_script(
        "return performance.getEntriesByName('retrace-verdict-shown').map(function (m) { return m.startTime; })")
    result["secondsToVerdictInPage"] = round(marks[0] / 1000, 3) if marks else None
    result["verdict"] = visible_text(driver, "#verdict")
    result["rootCause"] = visible_text(driver, "#root-cause")
    result["title"] = visible_text(driver, "#title")
    result["graphShown"] = bool(driver.find_elements(By.CSS_SELECTOR, "#graph svg"))
    result["groups"] = len(driver.find_elements(By.CSS_SELECTOR, "#section-groups .finding"))
    result["groupLinks"] = ["#" + link.get_attribute("href").split("#", 1)[1]
                            for link in driver.find_elements(By.CSS_SELECTOR, "#section-groups .finding a")]

    if page.get("screenshot"):
        driver.save_screenshot(page["screenshot"])
    if page.get("openFromIndex"):
        open_from_index(driver, page, result)
    result["eventDetail"] = visible_text(driver, "#event-detail")
    result["stateTitle"] = visible_text(driver, "#state-title")
    if page.get("keys"):
        # `/` from anywhere focuses the event search; Escape leaves it.
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        result["focusAfterSlash"] = driver.execute_script("return document.activeElement.id")
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        result["focusAfterEscape"] = driver.execute_script("return document.activeElement.id")
    nodes = driver.find_elements(By.CSS_SELECTOR, "#graph g.node.root-node.clickable")
    if nodes:
        name = nodes[0].get_attribute("data-state")
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", nodes[0])
        result["rootNodeState"] = name
        result["detailsTitle"] = visible_text(driver, "#state-title")
        result["detailsText"] = (visible_text(driver, "#state-details") or "")[:4000]
        result["hashAfterClick"] = driver.execute_script("return window.location.hash")

    lifecycle = [node for node in driver.find_elements(By.CSS_SELECTOR, "#graph g.node.clickable")
                 if not node.get_attribute("class").count("root-node") and page.get("lifecycleClick")]
    for node in lifecycle:
        before = event_count(driver)
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
        after = event_count(driver)
        if after is not None and before is not None and after < before:
            result["lifecycleClick"] = {"state": node.get_attribute("data-state"), "before": before, "after": after,
                                        "type": Select(driver.find_element(By.ID, "filter-type")).first_selected_option.text}
            Select(driver.find_element(By.ID, "filter-type")).select_by_index(0)
            break
    total = event_count(driver)
    if total is not None:
        filters = {"all": total}
        box = driver.find_element(By.ID, "filter-failed")
        box.click()
        filters["failedOnly"] = event_count(driver)
        box.click()
        select = Select(driver.find_element(By.ID, "filter-type"))
        if len(select.options) > 1:
            select.select_by_index(1)
            filters["type"] = select.first_selected_option.text
            filters["typeCount"] = event_count(driver)
            select.select_by_index(0)
        search = driver.find_element(By.ID, "filter-text")
        term = page.get("search", "Failed")
        started_search = time.monotonic()
        search.send_keys(term)
        wait_for(driver, "return document.getElementById('event-count').textContent.indexOf('Showing %d of') < 0" % total, 2.0)
        filters["searchSeconds"] = round(time.monotonic() - started_search, 3)
        filters["search"] = term
        filters["searchCount"] = event_count(driver)
        search.clear()
        driver.execute_script("document.getElementById('filter-text').dispatchEvent(new Event('input'))")
        filters["rowsInDOM"] = len(driver.find_elements(By.CSS_SELECTOR, "#event-scroller .row"))
        result["filters"] = filters

    result["bodyText"] = driver.execute_script("return document.body.innerText")[:200000]
    result["injected"] = driver.execute_script(
        "return {img: document.querySelectorAll('img').length,"
        " scripts: Array.prototype.filter.call(document.scripts, function (s) { return s.type !== 'application/json'; }).length,"
        " iframes: document.querySelectorAll('iframe').length, pwned: typeof window.pwned !== 'undefined'}")
    if page.get("screenshot"):
        height = driver.execute_script("return Math.min(document.body.scrollHeight, 6000)")
        driver.set_window_size(1400, max(900, height))
        driver.save_screenshot(page["screenshot"].replace(".png", "-full.png"))
        driver.set_window_size(1400, 1400)

    if page.get("modes"):
        # Print keeps the verdict, root cause and graph and leaves out the interactive parts; dark follows the system.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        result["print"] = driver.execute_script(
            "function shown(id) { var e = document.getElementById(id); return !!e && getComputedStyle(e).display !== 'none'; }"
            "return {verdict: shown('verdict'), rootCause: shown('root-cause'), graph: shown('graph'),"
            " events: shown('section-events'), nav: !!document.querySelector('nav.sections') &&"
            " getComputedStyle(document.querySelector('nav.sections')).display !== 'none'}")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        result["darkBackground"] = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
        result["lightBackground"] = driver.execute_script("return getComputedStyle(document.body).backgroundColor")

    result["consoleErrors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            if not requested.startswith("file://" + page["file"]) and requested != "about:blank":
                requests.append(requested)
    result["networkRequests"] = requests
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    driver = browser()
    try:
        results = [check(driver, page) for page in spec["pages"]]
    finally:
        driver.quit()
    json.dump({"pages": results}, sys.stdout)


if __name__ == "__main__":
    main()
