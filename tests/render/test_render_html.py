"""HTML site: golden article pages, valid HTML, no broken internal link, escaping, views."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import pytest
from click.testing import CliRunner
from lxml import html as lhtml

from consolidator.cli import main
from consolidator.engine.index import open_index
from consolidator.engine.replay import VersionIndex
from consolidator.render.html import make_env
from consolidator.render.site import build_site, site_files
from tests.conftest import GOLDEN

CORPUS = GOLDEN / "corpus"  # frozen copy of the chapters I-II corpus
DAY = date(2018, 1, 1)


@pytest.fixture(scope="module")
def small() -> VersionIndex:
    return open_index(CORPUS)


@pytest.fixture(scope="module")
def site(small: VersionIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    build_site(small, DAY, folder)
    return folder


def flat(text: str) -> str:
    """Typography undone (no-break spaces, typographic apostrophes) to compare with the sources."""
    return text.replace("\xa0", " ").replace("\u202f", " ").replace("’", "'")


def _doc(path: Path) -> lhtml.HtmlElement:
    return lhtml.fromstring(path.read_bytes())


def _article(doc: lhtml.HtmlElement, anchor: str) -> lhtml.HtmlElement:
    found = doc.xpath(f'//article[@id="{anchor}"]')
    assert len(found) == 1, anchor
    return found[0]


@pytest.mark.parametrize(
    "page",
    [
        "articles/2.5.html",  # 2.5 (stable id a2000-2.4): three versions, exclusions of 2017 (004 l.310-315)
        "articles/1.1.html",  # 1.1: rewritten by the avenant of 24 May 2002
        "articles/2.8.html",  # 2.8: inserted in 2012, rewritten by the accord of 2018
        "versions/2.5-2.html",  # 2.5: avenant n° 20 against avenant n° 13
    ],
)
def test_golden_pages(site: Path, page: str, golden) -> None:
    golden(f"html/{page.replace('/', '__')}", (site / page).read_text(encoding="utf-8"))


def test_every_page_parses_and_every_internal_link_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    anchors = {p: set(_doc(p).xpath("//@id")) for p in pages}
    broken = []
    for page in pages:
        for href in _doc(page).xpath("//a/@href | //link/@href"):
            parts = urlsplit(href)
            assert not parts.scheme, f"{page.name}: external link {href}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif parts.fragment and parts.fragment not in anchors.get(target, set()):
                broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    assert broken == []


def test_ids_are_unique_on_each_page(site: Path) -> None:
    for page in [site / "index.html", site / "branche.html", site / "articles/2.5.html"]:
        ids = _doc(page).xpath("//@id")
        assert len(ids) == len(set(ids)), page


def test_excluded_words_marked_with_footnote(site: Path) -> None:
    """004 l.315: « au niveau national » and « au plan national » excluded by the arrêté of 21 March 2017."""
    art = _article(_doc(site / "index.html"), "art-2.5")
    spans = art.xpath('.//span[@class="excluded"]')
    assert [s.text_content() for s in spans] == [
        "au niveau national",
        "au plan national",
        "au plan national",
    ]
    assert {flat(s.get("title")) for s in spans} == {
        "exclu de l'extension par l'arrêté du 21 mars 2017"
    }
    notes = art.xpath('.//ol[@class="notes"]/li')
    assert len(notes) == 3
    assert "au premier point du paragraphe 2.5" in notes[0].text_content()
    assert art.xpath('.//sup[@class="call"]/a/@href') == ["#note-1", "#note-2", "#note-3"]


def test_branche_view_removes_excluded_words_and_says_so(site: Path) -> None:
    doc = _doc(site / "branche.html")
    art = _article(doc, "art-2.5")
    text = art.xpath('string(.//div[@class="text"])')
    assert "au niveau national" not in text
    assert "représentatives […]" in text
    removed = art.xpath('.//span[@class="removed"]/@title')
    assert flat(removed[0]).startswith("« au niveau national » : exclu de l'extension")
    assert "Vous lisez la vue branche." in doc.xpath('string(//p[@class="views"])')


def test_branche_view_keeps_the_earlier_extended_wording(small: VersionIndex) -> None:
    """On 1 June 2010, 2.5 (avenant n° 13) is not yet extended (arrêté of 23 December 2010):
    the branche view drops its alinéas and shows the base text's 2.4 (004 l.239-243)."""
    files = site_files(small, date(2010, 6, 1), with_pdf=False)
    adherent = lhtml.fromstring(files["index.html"])
    branche = lhtml.fromstring(files["branche.html"])
    assert adherent.xpath('//article[@id="art-2.5"]//span[@class="badge etat-non-etendu"]')
    art = _article(branche, "art-2.5")
    dropped = art.xpath('.//p[@class="dropped"]')
    assert len(dropped) == 4
    assert "non étendu" in dropped[0].text_content()
    fallback = flat(art.xpath('string(.//div[@class="fallback"])'))
    assert "convention collective nationale de la mutualité du 31 janvier 2000" in fallback
    assert "le mandat doit être confié par écrit" in fallback


def test_provenance_markers_are_in_the_legend(site: Path) -> None:
    doc = _doc(site / "index.html")
    used = {m.text_content() for m in doc.xpath('//span[@class="prov"]')}
    legend = {
        "►" + dt.text_content().lstrip("►") for dt in doc.xpath("//section[@class='legend']//dt")
    }
    assert used <= legend
    assert "►B" in used
    meta = flat(_article(doc, "art-2.5").xpath('string(.//p[@class="meta"])'))
    assert "rédaction issue de l'avenant n° 20 du 21 septembre 2016" in meta


def test_article_timeline_links_each_version_to_its_diff(site: Path) -> None:
    doc = _doc(site / "articles/2.5.html")
    rows = doc.xpath("//section[@class='timeline']//tbody/tr")
    assert len(rows) == 3
    links = doc.xpath("//section[@class='timeline']//a/@href")
    assert links == ["../versions/2.5-1.html", "../versions/2.5-2.html"]
    wordings = doc.xpath("//section[@class='timeline']//details[@class='wording']")
    assert len(wordings) == 3  # every version's full wording, replaced ones included
    assert "13 jours" in wordings[0].text_content()  # the 2000 article 2.4 (004 l.239-243)


def test_navigation_to_previous_and_next_change(site: Path) -> None:
    doc = _doc(site / "index.html")
    assert doc.xpath('//nav[@class="dates"]//a[@rel="prev"]/@href') == ["changes/2012-02-29.html"]
    assert doc.xpath('//nav[@class="dates"]//a[@rel="next"]/@href') == ["changes/2018-12-07.html"]


SCRIPT_BASE = """<?xml version="1.0" encoding="UTF-8"?>
<act id="base" kind="convention" signed="2000-01-31" title="Convention &lt;b&gt;de test&lt;/b&gt;">
  <effect><fixed date="2000-02-01"/></effect>
  <body>
    <section id="ch-I" num="I" title="Dispositions &lt;i&gt;générales&lt;/i&gt;">
      <article id="a1" num="1.1" title="Champ"><p>Texte &lt;script&gt;alert(1)&lt;/script&gt; &amp; suite.</p></article>
    </section>
  </body>
</act>
"""


def test_corpus_markup_is_shown_never_run(make_corpus) -> None:
    root = make_corpus({"acts/base.xml": SCRIPT_BASE}, with_base=False)
    files = site_files(open_index(root), date(2001, 1, 1), with_pdf=False)
    for name in ("index.html", "articles/1.1.html"):
        page = files[name].decode("utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; suite" in page
        doc = lhtml.fromstring(page)
        assert not doc.xpath("//script | //b | //i")


def test_env_autoescapes_and_is_strict() -> None:
    env = make_env()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    assert {"typo", "date_fr", "slug", "badge_class", "badge_label", "de"} <= set(env.filters)


def test_cli_text_and_article_html(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "t.html"
    args = ["text", "--corpus", str(CORPUS), "--at", "2018-01-01", "--format", "html"]
    result = runner.invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = lhtml.fromstring(out.read_bytes())
    assert doc.xpath("//style") and not doc.xpath("//link[@rel='stylesheet']")
    assert not [h for h in doc.xpath("//a/@href") if not h.startswith("#")]
    result = runner.invoke(
        main, ["article", "2.5", "--corpus", str(CORPUS), "--at", "2018-01-01", "--format", "html"]
    )
    assert result.exit_code == 0
    assert re.search(r"<h1>Article 2\.5 — Congé exceptionnel", result.output)


def test_build_writes_a_pdf_per_view(site: Path) -> None:
    assert (site / "convention-2018-01-01.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "convention-2018-01-01-branche.pdf").read_bytes().startswith(b"%PDF")


def test_cli_build_reports_paths(tmp_path: Path) -> None:
    args = ["build", "--corpus", str(CORPUS), "--at", "2018-01-01", "--no-pdf"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"site: {tmp_path / 'index.html'}" in result.output
    assert (tmp_path / "history.html").is_file()
    assert not list(tmp_path.rglob("*.part"))


# a date and its provenance (not « (numéro d'après …) », said by the legend, nor « (arrêté du …) »)
_CAVEATED = re.compile(r"(\d{1,2}(?:er)? [a-zéû]+ \d{4}) \((?!numéro|arrêté)([^()]*)\)")


def _table_dates(page: str) -> set[tuple[str, str]]:
    """(date, caveat) pairs of the article page's history table and wording summaries."""
    doc = lhtml.fromstring(page)
    parts = doc.xpath(
        "//section[@class='timeline']//tbody/tr | //details[@class='wording']/summary"
    )
    return {m.groups() for p in parts for m in _CAVEATED.finditer(flat(p.text_content()))}


@pytest.mark.parametrize("number", ["1.1", "18.3", "9.12", "2.5"])
def test_history_table_dates_carry_what_history_prints(index: VersionIndex, number: str) -> None:
    """One source of truth (lawyer L-01): every date the article page's history table shows with
    a provenance is the one `history` prints with the same provenance, end dates and state
    boundaries included, and no date `history` marks is left plain in the table."""
    from consolidator.query.history import history
    from consolidator.query.snapshot import resolve_article
    from consolidator.render.site import standalone_article
    from consolidator.render.text import history_text

    aid = resolve_article(index, number, date(2026, 12, 2))
    text = flat(history_text(index, history(index, aid, date(2026, 12, 2))))
    text = text.split("\n", 2)[2]  # after the heading and « Sources à jour au … »
    text = text.split("\nLe numéro ")[0]  # the other holders of the number have their own page
    expected = {m.groups() for m in _CAVEATED.finditer(text)}
    page = standalone_article(index, aid, date(2026, 12, 2), "html")
    assert isinstance(page, str)
    assert expected and _table_dates(page) == expected


def test_history_table_of_1_1_marks_its_end_and_state_boundaries(index: VersionIndex) -> None:
    """1.1: the avenant of 24 May 2002's date of effect is written nowhere (the arrêté of 3 June
    2003 names only the avenant's date, 004 l.15541-15557: approximate, D-005); the JO date of
    that arrêté is inferred (D-007); 28 August 2001 (arrêté of 17 August 2001) is only in the
    metadata file."""
    from consolidator.render.site import standalone_article

    page = standalone_article(index, "a2000-1.1", date(2026, 12, 2), "html")
    assert isinstance(page, str)
    rows = lhtml.fromstring(page).xpath("//section[@class='timeline']//tbody/tr")
    first, second = (flat(r.text_content()) for r in rows)
    assert "au 24 mai 2002 (date approximative, D-005)" in first
    assert "étendu depuis le 28 août 2001 (d'après les métadonnées Légifrance)" in first
    assert "remplacé le 24 mai 2002 (date approximative, D-005)" in first
    assert (  # held over for non-adherents until the extension, as `history` says (D-213)
        "24 mai 2002 (date approximative, D-005) → 12 juin 2003 : en vigueur étendue pour les "
        "employeurs non adhérents" in first
    )
    assert "non étendu depuis le 24 mai 2002 (date approximative, D-005)" in second
    assert "étendu depuis le 12 juin 2003 (date déduite, D-007)" in second


def test_history_page_gives_each_act_the_provenance_of_its_date(static_site: Path) -> None:
    """The site's « Historique des modifications »: the avenant of 24 May 2002 enters into force
    on a date written nowhere (approximate, D-005; 004 l.15541-15557), the CPNEFP accord of
    17 December 2003 on the JO publication of its arrêté, known only from the metadata file;
    the convention's own first day, 1 February 2000, is plain (a sourced date)."""
    rows = {
        flat(r.xpath("string(td[1])")): flat(r.xpath("string(td[2])"))
        for r in _doc(static_site / "history.html").xpath("//table[@class='history']/tbody/tr")
    }
    assert rows["24 mai 2002"] == "avenant du 24 mai 2002 (date approximative, D-005)"
    assert rows["19 mai 2004"] == (
        "accord du 17 décembre 2003 (CPNEFP) (d'après les métadonnées Légifrance)"
    )
    assert "convention collective nationale de la mutualité du 31 janvier 2000," in (
        rows["1er février 2000"] + ","
    )


def test_version_page_heading_marks_an_approximate_date(index: VersionIndex) -> None:
    """1.1's second wording, from the avenant of 24 May 2002: its date of effect is written
    nowhere (D-005; 004 l.15541-15557), and the comparison page's heading says so."""
    from consolidator.render.site import standalone, version_page

    page = version_page(make_env(), index, "a2000-1.1", 1, standalone(index, date(2026, 12, 2)))
    assert flat(lhtml.fromstring(page).xpath("string(//h1)")) == (
        "Article 1.1 : rédaction du 24 mai 2002 (date approximative, D-005) comparée à la "
        "précédente"
    )
