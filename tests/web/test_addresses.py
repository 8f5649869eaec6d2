"""Served addresses name articles as the static site does (D-707), never by an internal id.

9.13 of 2011, the « Passeport orientation/ formation » (004 l.7155), bore 9.13 until the accord
of 3 July 2015 whose OEMM article took the number (l.8746): on 1 June 2020 it is
`9.13-2011-2015`, as `articles/9.13-2011-2015.html` in the built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from lxml import html as lhtml

from tests.conftest import flat

BASE = "/idcc/2128"
INTERNAL = re.compile(r"\ba20\d\d-|\bavenant-\d+\b|-texte\b|\borne-")
PAGES = ("texte", "texte?vue=branche", "articles", "historique", "evenements", "salaires")


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def _internal(page: str) -> list[str]:
    """Every internal id a reader could see on `page`: in an address (links, forms, anchors,
    a form's values) or in the text."""
    doc = lhtml.fromstring(page)
    said = doc.xpath("//@href | //@action | //@id | //input/@value | //option/@value")
    said.append(flat(doc.xpath("string(//body)")))
    return [m.group() for s in said for m in [INTERNAL.search(s)] if m]


@pytest.mark.parametrize("day", ["2012-06-01", "2016-02-26", "2026-12-02"])
def test_no_served_page_shows_an_internal_id(client: httpx.Client, day: str) -> None:
    """Every page of the day, and every article page the list of articles links to."""
    seen = {f"{BASE}/{day}/{p}" for p in PAGES}
    seen.add(f"{BASE}/comparer?du=2015-01-01&au={day}")
    seen.add(f"{BASE}/{day}/recherche?q=formation&portee=toutes")
    listing = client.get(f"{BASE}/{day}/articles").text
    for href in lhtml.fromstring(listing).xpath("//a/@href"):
        path = urlsplit(urljoin(f"http://x{BASE}/{day}/articles", href)).path
        if "/article/" in path:
            seen.add(path)
    assert len(seen) > 200  # every article ever, named on the day
    found = {}
    for url in sorted(seen):
        r = client.get(url)
        assert r.status_code == 200, url
        if ids := _internal(r.text):
            found[url] = ids[:3]
    assert not found, list(found.items())[:5]


@pytest.mark.parametrize(
    ("day", "ident", "name"),
    [
        ("2012-06-01", "a2000-2.4", "2.5"),  # renumbered by avenant n° 13
        ("2020-06-01", "a2011-9.13", "9.13-2011-2015"),  # l.7155; 9.13 is the OEMM's (l.8746)
        ("2026-12-02", "a2000-18.1", "18.1-2000-2018"),
    ],
)
def test_an_old_id_address_redirects_for_good_to_the_name(
    client: httpx.Client, day: str, ident: str, name: str
) -> None:
    r = client.get(f"{BASE}/{day}/article/{ident}", params={"connu": "2023-06-15"})
    assert r.status_code == 301
    assert r.headers["location"] == f"{BASE}/{day}/article/{name}?connu=2023-06-15"
    page = client.get(f"{BASE}/{day}/article/{name}")
    assert page.status_code == 200 and not _internal(page.text)
    twin = client.get(f"{BASE}/{day}/article/{ident}.json")
    assert twin.status_code == 301
    assert twin.headers["location"] == f"{BASE}/{day}/article/{name}.json"


def test_a_former_holder_of_a_number_is_served_under_its_name(client: httpx.Client) -> None:
    """On 1 June 2020 `9.13` is the OEMM (l.8746), `9.13-2011-2015` the 2011 article (l.7155);
    a page's comparison form reads the name on the page's date (`jour`)."""
    now = lhtml.fromstring(client.get(f"{BASE}/2020-06-01/article/9.13").text)
    former = lhtml.fromstring(client.get(f"{BASE}/2020-06-01/article/9.13-2011-2015").text)
    assert "OEMM" in flat(now.xpath("string(//main//h1)")) + flat(now.xpath("string(//main)"))
    assert "Passeport orientation" in flat(former.xpath("string(//main)"))
    links = former.xpath("//main//a/@href")
    assert f"{BASE}/2015-07-03/article/9.13" in links  # « Le numéro 9.13 a aussi désigné »
    # 9.12 of 2015 (CPNEFP), 9.12 on 2 December 2026 being the former 9.14 (l.1836, D-707)
    renamed = lhtml.fromstring(client.get(f"{BASE}/2026-12-02/article/9.12-2015-2021").text)
    fields = renamed.xpath("//form[@class='compare']//input[@type='hidden']")
    values = {f.get("name"): f.get("value") for f in fields}
    assert values == {"article": "9.12-2015-2021", "jour": "2026-12-02"}


def test_the_comparison_reads_the_name_on_its_day(client: httpx.Client) -> None:
    q = {"du": "2011-01-01", "au": "2013-01-01", "article": "9.13-2011-2015", "jour": "2020-06-01"}
    r = client.get(f"{BASE}/comparer", params=q)
    assert r.status_code == 200 and not _internal(r.text)
    assert flat(lhtml.fromstring(r.text).xpath("string(//h1)")).startswith("Article 9.13 :")
    typed = client.get(f"{BASE}/comparer", params={**q, "article": "9.13", "jour": ""})
    assert typed.status_code == 200  # 9.13 on 1 January 2013: the 2011 article, by its number
    data = client.get(f"{BASE}/comparer", params={**q, "format": "json"}).json()
    same = client.get(
        f"{BASE}/comparer", params={**q, "article": "9.13", "jour": "", "format": "json"}
    )
    assert data == same.json()
