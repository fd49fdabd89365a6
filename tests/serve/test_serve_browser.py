"""A person's visit in headless Chromium: overview, a post, a cable, a search; charts drawn,
links followed, hostile cable text shown as text. Screenshots go to tests/artifacts/serve/.

Uses Debian's `chromium` driven by Playwright (never a downloaded browser). Skipped when either
is missing, except under CI (`CI=true`), where `.ci/run` installs them and a skip would hide a
broken page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.conftest import HOSTILE_ID

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "serve"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not installed; .ci/run must install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        _missing("chromium (apt package `chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (pip package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.events = {"dialogs": [], "errors": [], "foreign": []}
    page.on("dialog", lambda d: (page.events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.events["errors"].append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:")
            else page.events["foreign"].append(r.url))  # fmt: skip
    yield page
    context.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def drawn(page, selector: str) -> int:
    """How many elements matching `selector` the browser laid out with a real size."""
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => { const b = e.getBBox ? e.getBBox() : e.getBoundingClientRect();"
        " return b.width > 0 && b.height > 0; }).length",
    )


def test_overview_post_cable_search(page, server: str) -> None:
    page.goto(server + "/")
    assert drawn(page, "#chart-years rect.bar") == 3  # one bar per (year, classification)
    assert drawn(page, "#chart-posts rect.bar") == 2
    assert drawn(page, "#chart-tags rect.bar") >= 6
    # 07MUSCAT920, cited by 08TRIPOLI36, cites 07MUSCAT375 and 07MUSCAT883.
    assert drawn(page, "#chart-citations circle.node") == 3
    shoot(page, "overview")

    page.click("#chart-posts a[href='/post/MUSCAT']")
    page.wait_for_url(server + "/post/MUSCAT")
    assert page.inner_text("h1") == "AMEMBASSY MUSCAT"
    assert "2007" in page.inner_text("ol.years")
    shoot(page, "post")

    page.click("text=GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON OF COMMITMENT ON TIP")
    page.wait_for_url(server + "/cable/07MUSCAT920")
    assert page.inner_text("#par4 .marking") == "(C)"
    assert "PHUM" in page.inner_text(".tags") and "Human Rights" in page.inner_text(".tags")
    assert drawn(page, ".citation circle.node") == 3
    shoot(page, "cable")

    page.fill("header input[name=q]", "trafficking")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=trafficking")
    assert page.locator(".hit").count() == 1
    assert page.inner_text(".hit mark").lower() == "trafficking"
    shoot(page, "search")
    page.click(".hit h3 a")
    page.wait_for_url(server + "/cable/07MUSCAT920")

    assert page.events == {"dialogs": [], "errors": [], "foreign": []}


def test_hostile_cable_is_shown_not_run(page, server: str) -> None:
    page.goto(server + f"/cable/{HOSTILE_ID}")
    page.wait_for_load_state("load")
    text = page.inner_text("#par1 p")
    assert '<script>alert("xss")</script>' in text
    assert "AT&amp;T &lt;b&gt;not bold&lt;/b&gt;" in text
    assert page.locator("article img").count() == 0
    assert page.inner_text("h1").startswith('<script>alert("xss")</script>')
    shoot(page, "hostile-cable")
    assert page.events["dialogs"] == [] and page.events["errors"] == []


def test_sparql_query_page(page, server: str) -> None:
    page.goto(server + "/sparql")
    page.click("button[type=submit]")
    page.wait_for_selector("table.results")
    assert "GOVERNMENT OFFICIALS ASSURE AMBASSADOR LAGON" in page.inner_text("table.results")
    shoot(page, "sparql")
