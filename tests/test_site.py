"""The built site in a real browser: headless Chromium driven by Selenium, over a real HTTP server.

Every page loads without a console error; no internal link, anchor or image is broken, and every
figure has alt text; a solution dropdown opens on click; the search page finds chapter 2, and
every error-atlas entry from its message pasted as a reader pastes it; the Chinese edition (under
zh/, built from locales/) loads the same way, its language switch leads both ways, and its search
finds a Chinese word and an atlas message; screenshots of three pages
land in _build/screenshots/ of the build. Skips when Chromium (or Chrome) or chromedriver is
missing; on GitHub's runners it finds their Chrome and its driver.
"""

import functools
import http.server
import os
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

import psutil
import pytest
from book_build import build

from examples_scripts.atlas import entries as atlas

webdriver = pytest.importorskip("selenium.webdriver", reason="pip install 'selenium>=4.20,<5'")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _chromium():
    """Chromium or Chrome: on PATH (Debian, Ubuntu), else where Chrome installs itself (Windows, macOS)."""
    found = next(filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome"])), None)
    installed = [
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Google/Chrome/Application/chrome.exe",
        Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
    ]
    return found or next((str(p) for p in installed if p.is_file()), None)


CHROMIUM = _chromium()
# GitHub's runner images keep a matching driver in the folder $CHROMEWEBDRIVER names
CHROMEDRIVER = shutil.which("chromedriver") or (
    os.environ.get("CHROMEWEBDRIVER") and shutil.which("chromedriver", path=os.environ["CHROMEWEBDRIVER"])
)
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Chromium and chromedriver: on Debian/Ubuntu `apt-get install chromium chromium-driver`",
    ),
    pytest.mark.timeout(1800),
]  # the first test to ask for the shared book build waits for it
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The full build's HTML with the Chinese edition under zh/, as the site publishes them, served on
    127.0.0.1 by a thread; yields (html dir, base URL)."""
    html = build(tmp_path_factory).check()
    chinese = build(tmp_path_factory, "zh_CN").check()
    if not (html / "zh").is_dir():
        shutil.copytree(chinese, html / "zh")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield html, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def browser(tmp_path):
    """A fresh headless Chromium; it and every process it started are gone afterwards."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    started = psutil.Process().children(recursive=True)
    try:
        yield driver
    finally:
        driver.quit()
        _, alive = psutil.wait_procs(started, timeout=10)
        for p in alive:  # only what this fixture started
            p.kill()
        psutil.wait_procs(alive, timeout=5)


def pages(html):
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(html).parts)  # _static/, zh/_static/
    )


def load(driver, url):
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


OFFLINE = ("net::ERR_NAME_NOT_RESOLVED", "net::ERR_INTERNET_DISCONNECTED", "net::ERR_CONNECTION_REFUSED")


def severe(driver):
    """Console errors. Not ours: Chromium's own request for /favicon.ico (the book has no icon),
    and a CDN script (MathJax) that a machine without internet cannot reach."""
    return [
        e
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE"
        and "/favicon.ico " not in e["message"]
        and not (e["message"].startswith("https://") and e["message"].endswith(OFFLINE))
    ]


def test_every_page_loads_without_console_errors_or_broken_images(site, browser):
    html, base = site
    assert "book/intro.html" in pages(html) and len(pages(html)) >= 8
    for page in pages(html):
        load(browser, base + page)
        assert not severe(browser), (page, severe(browser))
        broken = browser.execute_script(
            "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
        )
        assert not broken, (page, broken)
        no_alt = browser.execute_script(
            "return [...document.querySelectorAll('article img')].filter(i => !i.alt.trim()).map(i => i.src)"
        )
        assert not no_alt, (page, "a figure without alt text", no_alt)


def test_no_broken_internal_link_or_anchor(site):
    """Every same-site link points at a file that exists, and its #anchor at an id on that page."""
    html, _ = site
    ids = {}
    for page in pages(html):
        text = (html / page).read_text(encoding="utf-8")
        ids[page] = set(re.findall(r'\bid="([^"]+)"', text))
    bad = []
    for page in pages(html):
        for href in re.findall(r'<a [^>]*href="([^"]+)"', (html / page).read_text(encoding="utf-8")):
            href = href.replace("&amp;", "&")
            if re.match(r"[a-z]+:", href):  # http:, https:, mailto:
                continue
            path, _, anchor = href.partition("#")
            target = urllib.parse.unquote(urllib.parse.urljoin(page, path.split("?")[0])) if path else page
            if not (html / target).is_file():
                bad.append((page, href))
            elif anchor and target.endswith(".html") and urllib.parse.unquote(anchor) not in ids[target]:
                bad.append((page, href))
    assert not bad, bad


def test_the_ipynb_download_and_solution_dropdown_work(site, browser):
    html, base = site
    load(browser, base + "notebooks/02_main_guard.html")
    assert browser.find_elements(By.CSS_SELECTOR, 'a[href$="_sources/notebooks/02_main_guard.ipynb"]')
    assert (html / "_sources/notebooks/02_main_guard.ipynb").is_file()
    solution = browser.find_element(By.CSS_SELECTOR, "div.solution.dropdown")
    body = solution.find_element(By.CSS_SELECTOR, "section")
    assert not body.is_displayed()  # hidden until opened
    button = solution.find_element(By.CSS_SELECTOR, "button.toggle-button")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(browser, 10).until(lambda d: body.is_displayed())
    assert "module level" in body.text
    assert not severe(browser)


def test_search_finds_the_main_guard_chapter(site, browser):
    _, base = site
    load(browser, base + "search.html?q=bootstrapping")
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#search-results a[href*="02_main_guard"]')
    )
    assert not severe(browser)


# What a reader's run prints where the atlas's texts have a "…": a path, an address, a number.
THEIRS = r"C:\Users\ana\jobs\0x7f3a2c1b5e50_4242"


def pasted(entry):
    """The entry's message as a reader pastes it: the traceback's last line, with their own run's
    path, address and process id in it. A hang or a silent failure has no message: its title."""
    if entry["kind"] in ("hangs", "silent"):
        return entry["title"]
    first = [atlas.pattern(a) for a in atlas.alternatives(entry["match"][0])]
    for demo in entry["demo"]:
        for line in reversed(demo["output"].splitlines()):
            line = line.replace("…", THEIRS).strip()
            if line and any(p.search(line + "\n") for p in first):
                return line
    return entry["title"].replace("…", THEIRS)


# What the search box runs for a query (searchtools.js), the atlas's hook (atlas_search.js) included:
# the first three results as "page.html#anchor". Sphinx shows its result list from the end.
TOP_THREE = """
const [query, terms, excluded, highlighted, objects] = Search._parseQuery(arguments[0]);
const results = Search._performSearch(query, terms, excluded, highlighted, objects);
return results.slice(-3).reverse().map((r) => r[0] + ".html" + r[2]);
"""


def test_search_finds_each_atlas_entry_from_its_pasted_message(site, browser):
    _, base = site
    load(browser, base + "search.html?q=" + urllib.parse.quote("ValueError: process not started"))
    shown = WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
    assert "atlas/lifecycle.html#err-process-not-started" in shown[0].get_attribute("href")  # the example
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return Search.hasIndex()"))
    missed = []
    for entry in atlas.load().values():
        query = pasted(entry)
        top = browser.execute_script(TOP_THREE, query)
        if f"book/atlas/{entry['area']}.html#{entry['id']}" not in top:
            missed.append(f"{entry['id']}: {query!r} -> {top}")
    assert not missed, f"{len(missed)} entries not in the first three results:\n" + "\n".join(missed)
    assert not severe(browser)


def test_the_language_switch_leads_to_the_same_page_in_the_other_edition(site, browser):
    _, base = site
    load(browser, base + "notebooks/05_queue.html")
    browser.find_element(By.CSS_SELECTOR, "p.language-switch a").click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url.endswith("/zh/notebooks/05_queue.html"))
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.execute_script("return document.documentElement.lang").startswith("zh")
    assert "队列" in browser.execute_script("return document.querySelector('article h1').textContent")
    browser.find_element(By.CSS_SELECTOR, "p.language-switch a").click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url == base + "notebooks/05_queue.html")
    assert not severe(browser)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("进程", "zh/"),
        ("ValueError: process not started", "zh/book/atlas/lifecycle.html#err-process-not-started"),
    ],
    ids=["a Chinese word", "an atlas message"],
)
def test_the_chinese_search_finds_chinese_words_and_atlas_messages(site, browser, query, expected):
    _, base = site
    load(browser, base + "zh/search.html?q=" + urllib.parse.quote(query))
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
    first = browser.find_elements(By.CSS_SELECTOR, "#search-results li a")[0].get_attribute("href")
    assert expected in first, first
    assert not severe(browser)


def test_screenshots_of_three_pages(site, browser):
    html, base = site
    shots = html.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    for page in ["book/intro.html", "notebooks/01_start_methods.html", "notebooks/02_main_guard.html"]:
        load(browser, base + page)
        png = shots / (Path(page).stem + ".png")
        assert browser.save_screenshot(str(png))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
