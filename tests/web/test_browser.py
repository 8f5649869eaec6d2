"""The served application in a real browser (Playwright driving Debian's chromium).

Opens pages, picks a date, searches, compares two dates, follows links, at 1280 px and 390 px.
Screenshots go to $CONSOLIDATOR_SHOTS (default: pytest's tmp dir) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import flat
from tests.web.test_web import BASE

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("these tests drive Debian's chromium: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("CONSOLIDATOR_SHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("shots")


@pytest.mark.parametrize("width", [1280, 390])
def test_read_pick_a_date_search_compare(browser, server: str, shots: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(15_000)
    # An article at a date: its wording, citation, who is bound, history; no horizontal overflow.
    page.goto(f"{server}{BASE}/2018-01-01/article/2.5")
    assert page.locator("h1").inner_text().startswith("Article 2.5")
    assert page.locator("#citer").is_visible() and page.locator("#qui").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"article-2.5-{width}.png"), full_page=True)
    # Pick another date with the date picker (a GET form): the same article then.
    page.fill("#date-choisie", "2005-06-01")
    page.click("form.datepick button")
    page.wait_for_url("**/2005-06-01/texte")
    page.goto(f"{server}{BASE}/2005-06-01/article/a2000-2.4")
    assert page.url.endswith("/2005-06-01/article/2.4")  # the number printed then
    # Search: full text at the date, then across all versions.
    page.goto(f"{server}{BASE}/2012-06-01/recherche")
    page.fill("#q", "congé exceptionnel")
    page.click("form.search button")
    page.wait_for_url("**/recherche?q=*")
    first = page.locator("ol.hits li a").first
    assert first.inner_text().startswith("Article 2.5")
    page.screenshot(path=str(shots / f"search-{width}.png"), full_page=False)
    first.click()
    page.wait_for_url("**/2012-06-01/article/2.5")
    # The number box: type a number as printed.
    page.fill("#numero", "2.7")
    page.click("form.numbox button")
    page.wait_for_url("**/2012-06-01/article/2.7")
    assert page.locator("h1").inner_text().startswith("Article 2.7")
    # Compare two dates, redline then side by side; follow a link to the article.
    page.goto(f"{server}{BASE}/comparer?du=2017-04-01&au=2017-04-02&article=2.5")
    assert page.locator("div.redline del").count() > 0
    page.screenshot(path=str(shots / f"diff-2017-04-02-{width}.png"), full_page=False)
    page.click("text=côte à côte")
    page.wait_for_url("**affichage=cote")
    assert page.locator("table.sbs tbody tr").count() >= 4
    page.click("section.change h2 a")
    page.wait_for_url("**/article/2.5")
    # Previous / next change links on the text.
    page.goto(f"{server}{BASE}/2012-06-01/texte")
    page.click("nav.dates a[rel=next]")
    page.wait_for_url(lambda url: url.endswith("/texte") and "2012-06-01" not in url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_static_site_search_works_from_files(browser, static_site: Path) -> None:
    """The built site's search page (JS index, progressive enhancement) from file://."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((static_site / "recherche.html").as_uri() + "?q=conge+exceptionnel")
    link = page.locator("#resultats a").first
    assert link.inner_text().startswith("Article 2.5")
    link.click()
    page.wait_for_url("**/articles/2.5.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_compare_two_versions_from_the_article_page(browser, server: str) -> None:
    """2.5's first and last wordings (2000 and 2017), chosen in the article page's form."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}{BASE}/2018-01-01/article/2.5")
    page.select_option("#v-du", "2000-02-01")
    page.select_option("#v-au", "2017-04-02")
    page.click("form.compare button")
    page.wait_for_url("**/comparer?*")
    assert page.locator("h1").inner_text().startswith("Article 2.5")
    assert "renuméroté : 2.4 → 2.5" in page.locator("ul.facts").first.inner_text()
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_known_at_banner_and_links_keep_it(browser, server: str, shots: Path, width: int) -> None:
    """?connu= (query.knowledge): on 1 April 2020 avenant n° 30 (« du 30 juin 2020 », 004
    l.12080) was unknown, so 15.2 is avenant n° 22's; the banner says so, the links, the date
    picker and the number box keep it, and the banner leads back to every source."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(15_000)
    page.goto(f"{server}{BASE}/2020-04-01/article/15.2?connu=2020-04-01")
    banner = page.locator("header p.known")
    assert banner.is_visible()
    assert flat(banner.inner_text()).startswith("Connaissance au 1er avril 2020")
    assert "n° 22 du" in flat(page.locator("p.meta").first.inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"known-at-15.2-{width}.png"), full_page=False)
    page.click("header nav >> text=Actes et arrêtés")
    page.wait_for_url("**/2020-04-01/evenements?connu=2020-04-01")
    assert page.locator("header p.known").is_visible()
    page.fill("#date-choisie", "2019-06-01")
    page.click("form.datepick button")
    page.wait_for_url("**/2019-06-01/evenements?connu=2020-04-01")
    page.fill("#numero", "2.5")
    page.click("form.numbox button")
    page.wait_for_url("**/2019-06-01/article/2.5?connu=2020-04-01")
    page.click("header p.known a")
    page.wait_for_url(lambda url: url.endswith("/2019-06-01/article/2.5"))
    assert page.locator("header p.known").count() == 0
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_history_page_shows_the_held_over_periods(
    browser, server: str, shots: Path, width: int
) -> None:
    """On 1 October 2015 the 2011 chapter IX, repealed by the accord of 3 July 2015 (004 l.8746),
    still binds non-adherents until its extension (26 February 2016, l.10074): the history page
    says so in `history`'s words, marks the periods of the day, fits the screen, and leads to
    the article page, which says it too."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(15_000)
    page.goto(f"{server}{BASE}/2015-10-01/historique")
    current = page.locator("table.held tr.current")
    assert current.count() >= 15
    passport = current.filter(has_text="Passeport orientation")
    assert "→ 26 février 2016 : en vigueur étendue pour les employeurs non adhérents" in flat(
        passport.inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    passport.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"history-held-{width}.png"), full_page=False)
    passport.locator("a").click()
    page.wait_for_url("**/2015-10-01/article/9.13-2011-2015")
    held = page.locator("li.held").first
    assert "26 février 2016" in flat(held.inner_text())
    page.close()
