"""The served application and the static site: pages, JSON twins, search, comparison, links.

Runs a real uvicorn server on 127.0.0.1 (free port) over the embedded corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import httpx
import pytest
from lxml import html as lhtml

from consolidator.engine.replay import VersionIndex
from consolidator.query.snapshot import resolve_article
from consolidator.render.links import NumberMap
from tests.conftest import flat

BASE = "/idcc/2128"


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def test_search_finds_2_5_at_a_date_and_the_2000_article_2_4_ever(client: httpx.Client) -> None:
    """Issue 11: « congé exceptionnel » at 2012-06-01 finds 2.5; across versions, 2000's 2.4."""
    r = client.get(
        f"{BASE}/2012-06-01/recherche", params={"q": "conge exceptionnel", "format": "json"}
    )
    data = r.json()
    assert data["format"] == "consolidator/1"
    assert [h["num"] for h in data["hits"]][:1] == ["2.5"]
    r = client.get(
        f"{BASE}/2012-06-01/recherche",
        params={"q": "congé exceptionnel", "portee": "toutes", "format": "json"},
    )
    old = [h for h in r.json()["hits"] if h["num"] == "2.4" and h["since"] == "2000-02-01"]
    assert old and old[0]["id"] == "a2000-2.4"
    page = client.get(f"{BASE}/2012-06-01/recherche", params={"q": "congé exceptionnel"})
    assert "<mark>" in page.text and "Article 2.5" in page.text


def test_number_box_and_stable_id_redirect_to_the_printed_number(client: httpx.Client) -> None:
    r = client.get(f"{BASE}/2012-06-01/recherche", params={"q": "article 2.5"})
    assert r.status_code == 303 and r.headers["location"] == f"{BASE}/2012-06-01/article/2.5"
    r = client.get(f"{BASE}/2012-06-01/article/a2000-2.4")  # the address serve used to write
    assert r.status_code == 301 and r.headers["location"] == f"{BASE}/2012-06-01/article/2.5"
    r = client.get(f"{BASE}/2005-06-01/article/a2000-2.4")
    assert r.headers["location"] == f"{BASE}/2005-06-01/article/2.4"  # before avenant n° 13


def test_article_not_in_force_shows_its_last_wording_in_french(client: httpx.Client) -> None:
    """18.1 was repealed by avenant n° 21 from 1 January 2018: the page says so in French,
    shows its last wording with its state, and no English or ISO date (issue 11)."""
    old = client.get(f"{BASE}/2026-12-02/article/a2000-18.1")  # 18.1 names a newer article now
    assert old.status_code == 301
    assert old.headers["location"] == f"{BASE}/2026-12-02/article/18.1-2000-2018"  # D-707
    r = client.get(old.headers["location"])
    assert r.status_code == 200
    main = lhtml.fromstring(r.text).xpath("//main")[0]
    said = main.xpath("string(.//p[@class='absent'])")
    assert re.sub(r"[\u00a0\u202f’]", lambda m: " " if m.group() != "’" else "'", said).startswith(
        "Cet article n'est plus en vigueur au 2 décembre 2026 : abrogé le 1er janvier 2018 par"
    ), said
    assert "Dernière rédaction" in said
    assert main.xpath(".//article[@class='article']//div[@class='text']/p")
    body = main.text_content()
    assert "no longer" not in body and not re.search(r"\b\d{4}-\d\d-\d\d\b", body)


def test_json_twins_and_openapi(client: httpx.Client) -> None:
    art = client.get(f"{BASE}/2012-06-01/article/2.5", params={"format": "json"}).json()
    assert art["format"] == "consolidator/1" and art["article"]["num"] == "2.5"
    assert [v["num"] for v in art["history"]["versions"]] == ["2.4", "2.5", "2.5"]
    text = client.get(
        f"{BASE}/2012-06-01/texte", params={"vue": "branche", "format": "json"}
    ).json()
    assert text["view"] == "branche" and text["at"] == "2012-06-01"
    same = client.get(f"{BASE}/2012-06-01/article/2.5.json").json()
    assert same["article"] == art["article"]
    moved = client.get(f"{BASE}/2012-06-01/article/a2000-2.4.json")
    assert moved.headers["location"] == f"{BASE}/2012-06-01/article/2.5.json"
    assert client.get(f"{BASE}/2013-06-01/salaires.json").json()["format"] == "consolidator/1"
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and f"{BASE}/{{day}}/article/{{ident}}" in spec["paths"]


def test_compare_two_dates_aligns_alineas_and_keeps_words(client: httpx.Client) -> None:
    """2.5 rewritten by avenant n° 20 (004 l.310-315), side by side and redline."""
    q = {"du": "2017-04-01", "au": "2017-04-02", "article": "2.5"}
    red = lhtml.fromstring(client.get(f"{BASE}/comparer", params=q).text)
    deleted = [d.text_content() for d in red.xpath("//div[@class='redline']//del")]
    assert "journée." not in deleted and deleted
    sbs = lhtml.fromstring(client.get(f"{BASE}/comparer", params={**q, "affichage": "cote"}).text)
    rows = sbs.xpath("//table[@class='sbs']/tbody/tr")
    assert len(rows) >= 4
    data = client.get(f"{BASE}/comparer", params={**q, "format": "json"}).json()
    assert data["changes"][0]["num"] == "2.5"


def test_salaries_linked_from_annexe_ii(client: httpx.Client) -> None:
    page = client.get(f"{BASE}/2013-06-01/texte").text
    assert 'href="/idcc/2128/2013-06-01/salaires">voir les salaires</a>' in page
    sal = client.get(f"{BASE}/2013-06-01/salaires").text
    assert "7,97" in sal and "E1" in sal


def test_cross_references_read_the_numbers_of_the_day_they_were_written(
    index: VersionIndex,
) -> None:
    """D-704: 2.7 (accord of 9 November 2018) cites « articles 9.12, 9.13 et 18.1 » (004 l.539):
    9.12 is the CPNEFP article of 2015, not the one avenant n° 32 renumbered 9.12 in 2021."""
    from consolidator.render.links import NumberMap, ServedLinks, cross_references

    links = ServedLinks(NumberMap(index), date(2026, 12, 2), BASE)
    said = "consacrées aux articles 9.12, 9.13 et 18.1 de la convention collective de la mutualité"
    doc = lhtml.fromstring(f"<p>{cross_references(said, links, 'base', date(2018, 12, 7))}</p>")
    hrefs = doc.xpath("//a/@href")
    assert hrefs[0] == f"{BASE}/2026-12-02/article/9.12-2015-2021"  # 9.12 names another now
    assert resolve_article(index, "9.12", date(2026, 12, 2)) == "a2015-9.14"
    assert [a.text for a in doc.xpath("//a")] == ["9.12", "9.13", "18.1"]
    other = "l'article L. 2261-22 du code du travail ; l'article 16 de la loi du 30 juin 1975"
    assert "<a" not in str(cross_references(other, links, "base", date(2000, 2, 1)))
    ref = "l'article 2.7.2 de la convention collective de la mutualité"
    out = str(cross_references(ref, links, "accord-2018-11-09", date(2019, 1, 1)))
    assert f'href="{BASE}/2026-12-02/article/2.7"' in out  # a subdivision links to its article


def test_cross_references_on_a_served_page(client: httpx.Client) -> None:
    page = lhtml.fromstring(client.get(f"{BASE}/2026-12-02/article/2.7").text)
    assert f"{BASE}/2026-12-02/article/9.12-2015-2021" in page.xpath("//a[@class='xref']/@href")


def _links(page: str, url: str) -> set[str]:
    doc = lhtml.fromstring(page)
    return {urljoin(url, h) for h in doc.xpath("//a/@href | //link/@href | //script/@src")}


def _resolves(index: VersionIndex, client: httpx.Client, url: str, seen: dict[str, bool]) -> bool:
    """A link resolves when what it names exists on its date: an article URL's number names
    that article then, a comparison's dates and article parse, a page is one the site serves
    on a date the convention is in force. The first link of each kind is also fetched."""
    from consolidator.query.snapshot import first_day
    from consolidator.render.listings import PAGES

    parts = urlsplit(url)
    kind = re.sub(r"\d{4}-\d\d-\d\d", "D", parts.path)
    kind = re.sub(r"/article/.+", "/article/N", kind)
    if kind not in seen:
        seen[kind] = client.get(url).status_code == 200
        if not seen[kind]:
            return False
    m = re.fullmatch(rf"{BASE}/(\d{{4}}-\d\d-\d\d)/(article/(.+)|[a-z]+)", parts.path)
    if m:
        day = date.fromisoformat(m.group(1))
        if m.group(3):
            return NumberMap(index).named(unquote(m.group(3)), day) in index.versions
        return m.group(2) in PAGES and day >= first_day(index)
    if parts.path == f"{BASE}/comparer":
        q = parse_qs(parts.query)
        start, end = date.fromisoformat(q["du"][0]), date.fromisoformat(q["au"][0])
        ok = first_day(index) <= start <= end
        return ok and ("article" not in q or bool(NumberMap(index).named(q["article"][0], end)))
    return seen[kind]


def test_every_internal_link_of_the_served_site_resolves(
    client: httpx.Client, index: VersionIndex
) -> None:
    seeds = [
        f"{BASE}/2012-06-01/{p}"
        for p in ("texte", "articles", "historique", "evenements", "salaires")
    ]
    seeds += [
        f"{BASE}/2012-06-01/article/2.5",
        f"{BASE}/2020-06-01/article/9.5",
        f"{BASE}/comparer?du=2017-04-01&au=2017-04-02",
    ]
    seen: dict[str, bool] = {}
    broken = []
    for seed in seeds:
        page = client.get(seed)
        assert page.status_code == 200, seed
        for link in _links(page.text, "http://x" + seed):
            parts = urlsplit(link)
            if parts.netloc != "x" or parts.path.endswith(".pdf"):
                continue
            if not _resolves(
                index, client, parts.path + (f"?{parts.query}" if parts.query else ""), seen
            ):
                broken.append((seed, link))
    assert not broken, broken[:10]
    assert parse_qs(urlsplit(seeds[-1]).query)["du"] == ["2017-04-01"]


def test_every_internal_link_of_the_static_site_resolves(static_site: Path) -> None:
    """Files and anchors; and every page is linked from some other page (no orphans)."""
    files = {p.relative_to(static_site).as_posix() for p in static_site.rglob("*") if p.is_file()}
    anchors: dict[str, set[str]] = {}
    pages = {n: (static_site / n).read_text(encoding="utf-8") for n in files if n.endswith(".html")}
    for name, content in pages.items():
        anchors[name] = set(lhtml.fromstring(content).xpath("//@id"))
    linked: set[str] = set()
    broken = []
    for name, content in pages.items():
        for link in _links(content, "http://x/" + name):
            parts = urlsplit(link)
            target = parts.path.lstrip("/")
            if parts.netloc != "x" or target.endswith(".pdf"):
                continue
            if target not in files or (
                parts.fragment and parts.fragment not in anchors.get(target, set())
            ):
                broken.append((name, link))
            if target != name:
                linked.add(target)
    assert not broken, broken[:10]
    orphans = sorted(set(pages) - linked - {"index.html"})
    assert not orphans, orphans[:10]
    assert "articles/2.5.html" in files and "Article 2.5" in pages["articles/2.5.html"]


def test_every_article_url_names_its_article(index: VersionIndex) -> None:
    """The name a link prints (D-707) is read back as that article on that date; an article of
    the convention in force bearing a number is named by it, as resolve_article reads it."""
    numbers = NumberMap(index)
    base = index.corpus.convention.base
    for day in (date(2005, 6, 1), date(2016, 2, 26), date(2026, 12, 2)):
        names = {aid: numbers.name(aid, day) for aid in index.versions}
        assert len(set(names.values())) == len(names), day  # one article per name
        for aid, name in names.items():
            assert numbers.named(name, day) == aid
            v = numbers.shown(aid, day)
            if v.text_id == base and v.num and v.covers(day):
                assert name == v.num and resolve_article(index, name, day) == aid


def test_branche_view_kept_by_the_date_picker_and_change_links(client: httpx.Client) -> None:
    r = client.get(
        f"{BASE}/aller", params={"date": "2015-01-01", "page": "texte", "vue": "branche"}
    )
    assert r.headers["location"] == f"{BASE}/2015-01-01/texte?vue=branche"
    doc = lhtml.fromstring(client.get(f"{BASE}/2012-06-01/texte", params={"vue": "branche"}).text)
    assert doc.xpath("//nav[@class='dates']//a[@rel='next']/@href")[0].endswith("?vue=branche")
    assert doc.xpath("//form[@class='datepick']//input[@name='vue']/@value") == ["branche"]


def test_errors_are_french_pages_with_their_status(client: httpx.Client) -> None:
    r = client.get(f"{BASE}/1999-01-01/texte")
    assert r.status_code == 404 and "en vigueur depuis le 1er février 2000" in flat(r.text)
    r = client.get(f"{BASE}/2012-06-01/article/99.9")
    assert r.status_code == 404 and re.search(r"«\s*99\.9\s*»", r.text)
    r = client.get(f"{BASE}/2012-13-01/texte", params={"format": "json"})
    assert r.status_code == 400 and r.json()["error"].startswith("Date invalide")
    assert client.get(f"{BASE}/2012-06-01/inconnue").status_code == 404


def _known(doc: lhtml.HtmlElement) -> str:
    return flat(doc.xpath("string(//header//p[@class='known'])"))


def test_known_at_answers_what_could_be_known_on_that_day(client: httpx.Client) -> None:
    """`?connu=K` is `--known-at K` (query.knowledge): avenant n° 30 « du 30 juin 2020 » (004
    l.12080-12175) applies from 12 March 2020, but on 1 April 2020 nobody could know its wording:
    15.2 is then avenant n° 22's (lawyer L-10); avenant n° 15 « du 28 avril 2010 » (004
    l.6666-6713, retroactive to 1 January 2010, D-109) is unknown on 1 February 2010 to the
    article page and the timeline alike (lawyer L-18)."""
    page = client.get(f"{BASE}/2020-04-01/article/15.2", params={"connu": "2020-04-01"})
    doc = lhtml.fromstring(page.text)
    meta = flat(doc.xpath("string(//p[@class='meta'])"))
    assert "avenant n° 22 du 8 décembre 2017" in meta and "n° 30" not in meta
    assert _known(doc).startswith(
        "Connaissance au 1er avril 2020 : les textes signés ou publiés après cette date ne sont "
        "pas pris en compte."
    )
    assert "réponse limitée à ce qui était connu au 1er avril 2020" in flat(page.text)
    every = client.get(f"{BASE}/2020-04-01/article/15.2")
    assert "avenant n° 30 du 30 juin 2020" in flat(every.text)  # without it: every source
    assert not lhtml.fromstring(every.text).xpath("//p[@class='known']")
    data = client.get(
        f"{BASE}/2020-04-01/article/15.2", params={"connu": "2020-04-01", "format": "json"}
    ).json()
    assert data["known_at"] == "2020-04-01"
    assert data["article"]["version"]["act"]["id"] == "avenant-22"
    article = flat(client.get(f"{BASE}/2010-02-01/article/14.2?connu=2010-02-01").text)
    events = flat(client.get(f"{BASE}/2010-02-01/evenements?connu=2010-02-01").text)
    assert "avenant n° 9 du 29 mars 2005" in article
    assert "n° 15" not in article and "n° 15" not in events
    assert "avenant n° 15 du 28 avril 2010" in flat(
        client.get(f"{BASE}/2010-02-01/evenements").text
    )
    text = flat(client.get(f"{BASE}/2020-04-01/texte?connu=2020-04-01").text)
    assert "Connaissance au 1er avril 2020" in text and "avenant n° 30" not in text


def test_known_at_is_kept_by_every_link_and_form(client: httpx.Client) -> None:
    doc = lhtml.fromstring(client.get(f"{BASE}/2010-02-01/article/2.5?connu=2010-02-01").text)
    hrefs = [h for h in doc.xpath("//a/@href") if h.startswith(BASE)]
    every = doc.xpath("string(//p[@class='known']/a/@href)")
    assert every == f"{BASE}/2010-02-01/article/2.5"  # the way back to every source
    assert hrefs and all("connu=2010-02-01" in h for h in hrefs if h != every)
    for form in doc.xpath("//form[@method='get']"):
        assert form.xpath("string(.//input[@name='connu']/@value)") == "2010-02-01"
    r = client.get(
        f"{BASE}/aller",
        params={"date": "2011-01-01", "page": "texte", "vue": "branche", "connu": "2010-02-01"},
    )
    assert r.headers["location"] == f"{BASE}/2011-01-01/texte?vue=branche&connu=2010-02-01"
    r = client.get(f"{BASE}/2010-02-01/article/a2000-2.4", params={"connu": "2010-02-01"})
    assert r.headers["location"] == f"{BASE}/2010-02-01/article/2.5?connu=2010-02-01"
    r = client.get(f"{BASE}/2010-02-01/texte", params={"connu": "1999-01-01"})
    assert r.status_code == 400
    spec = client.get("/openapi.json").json()["paths"][f"{BASE}/{{day}}/texte"]["get"]
    assert "connu" in [p["name"] for p in spec["parameters"]]
    assert "le premier l'a été le 31 janvier 2000" in flat(r.text)


def test_served_and_built_pages_say_what_their_sources_knew(
    client: httpx.Client, static_site: Path
) -> None:
    """The footer of every page: « Sources à jour au … ; connaissance au … » (a built site
    knows what its sources hold; a served page under ?connu= what could be known that day)."""
    for path in ("index.html", "articles/2.5.html", "history.html"):
        footer = flat(lhtml.parse(str(static_site / path)).xpath("string(//footer)"))
        assert (
            "Sources à jour au 15 juin 2023 ; connaissance au 15 juin 2023 : les textes signés "
            "ou publiés après cette date ne sont pas pris en compte." in footer
        ), path
    doc = lhtml.fromstring(client.get(f"{BASE}/2012-06-01/texte?connu=2012-01-01").text)
    footer = flat(doc.xpath("string(//footer)"))
    assert "; connaissance au 1er janvier 2012 :" in footer
    assert _known(doc).startswith("Connaissance au 1er janvier 2012")


def test_branche_comparison_shows_the_held_over_wording_replaced(client: httpx.Client) -> None:
    """Chapter XIII across the extension of the avenant of 8 April 2002 (arrêté of 2 December
    2002, 004 l.15503): for non-adherents, the 2000 wording « d'une heure » (004 l.2152) was
    replaced by « de 1 heure » (l.2163); the page says it is the branche view and keeps it."""
    r = client.get(
        f"{BASE}/comparer", params={"du": "2002-06-01", "au": "2003-01-01", "vue": "branche"}
    )
    doc = lhtml.fromstring(r.text)
    assert flat(doc.xpath("string(//h1)")).endswith("(vue branche)")
    assert "d'une" in [flat(d.text_content()) for d in doc.xpath("//del")]
    assert "de 1" in [flat(i.text_content()) for i in doc.xpath("//ins")]
    assert doc.xpath("//form[@class='compare']//input[@name='vue']/@value") == ["branche"]
    assert all("vue=branche" in h for h in doc.xpath("//p[@class='layouts']//a/@href"))


@pytest.mark.parametrize(
    ("number", "at", "known"),
    [("15.2", "2020-04-01", "2020-04-01"), ("2.5", "2018-01-01", "2017-01-01")],
)
def test_known_at_page_answers_as_the_cli(
    client: httpx.Client, number: str, at: str, known: str
) -> None:
    """One query for both (query.knowledge): the served article under ?connu=K is the CLI's
    `article --known-at K` (2.5 on 1 January 2018 known on 1 January 2017: avenant n° 20 signed,
    its arrêté not yet published, 004 l.10917)."""
    import json

    from click.testing import CliRunner

    from consolidator.cli import main

    served = client.get(
        f"{BASE}/{at}/article/{number}", params={"connu": known, "format": "json"}
    ).json()
    args = ["article", number, "--at", at, "--known-at", known, "--format", "json"]
    cli = json.loads(CliRunner().invoke(main, args).output)
    assert served["known_at"] == known
    assert served["article"] == cli["article"]
    every = client.get(f"{BASE}/{at}/article/{number}", params={"format": "json"}).json()
    assert every["article"]["version"] != served["article"]["version"]  # a later act known


def test_history_json_lists_the_held_over_periods(client: httpx.Client) -> None:
    """The history page's JSON twin: each held-over period (D-213) with `history`'s sentence;
    the 2011 « Passeport orientation/ formation » (004 l.7155) until the extension of the accord
    of 3 July 2015 (l.10074)."""
    data = client.get(f"{BASE}/2015-10-01/historique.json").json()
    held = [h for h in data["held_over"] if h["title"] == "Passeport orientation/ formation"]
    assert [(h["num"], h["since"], h["until"]) for h in held] == [
        ("9.13", "2015-07-03", "2016-02-26")
    ]
    assert "qui ne les lie qu’à compter de son extension, le 26 février 2016" in held[0]["sentence"]


def test_history_json_says_when_a_held_over_end_is_unknown(client: httpx.Client) -> None:
    """D-716: the 2000 article 9.6 binds non-adherents until the JO publication, on a day no
    source gives, of the arrêté of 24 December 2001 (004 l.15499): `until` null is not « still in
    force », the JSON names that arrêté and its earliest day."""
    data = client.get(f"{BASE}/2003-01-01/historique.json").json()
    held = [h for h in data["held_over"] if h["num"] == "9.6" and h["since"] == "2001-09-26"]
    assert len(held) == 1 and held[0]["until"] is None
    unknown = held[0]["until_extension_jo_unknown"]
    assert unknown["effective"] is None and unknown["effective_not_before"] == "2001-12-24"
    closed = [h for h in data["held_over"] if h["until"]]
    assert closed and all(h["until_extension_jo_unknown"] is None for h in closed)
