"""Site addresses are readable and by number, never internal ids (lawyer L-19, L-26, D-707), and
cross-references link « 2.3. » as « 2.3 » (L-25, D-704)."""

from __future__ import annotations

import re
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.render.links import NumberMap, static_names
from consolidator.render.site_build import SiteBuild
from tests.conftest import seed_lines

DAY = date(2026, 12, 2)


def _page(index: VersionIndex, article: str, day: date = DAY) -> tuple[str, str]:
    files = SiteBuild(index, day, None, False).render(f"article:{article}")
    (name,) = [k for k in files if k.startswith("articles/")]
    return name, files[name].decode()


def test_names_are_numbers_and_texts_not_ids(index: VersionIndex) -> None:
    names = static_names(NumberMap(index), DAY)
    assert len(set(names.values())) == len(names)
    assert names == static_names(NumberMap(index), DAY)  # deterministic
    # no name is a stable id or carries one (« a2015-9.13 », « annexe-7-texte », « avenant-20-2 »)
    ids = set(index.versions) | set(index.corpus.acts)
    words = {"annexe-ii", "annexe-iii-preambule", "annexe-iv", "annexe-v", "annexe-7", "annexe-8"}
    words |= {"preambule"}
    assert {n for n in names.values() if n in ids} == words  # what a reader calls them too
    assert not [n for n in names.values() if re.match(r"a\d{4}-", n)]
    assert names["annexe-7-texte"] == "annexe-7"
    assert names["avenant-20-2"] == "avenant-n-20-article-2"
    assert names["accord-2015-07-03-1"] == "accord-du-3-juillet-2015-article-1er"
    assert names["a2000-IV"] == "chapitre-iv"
    # 9.13: the OEMM of 2015 (004 l.8746), abrogated on 16 April 2021, was the last to bear it;
    # the 2011 « Passeport orientation/ formation » (l.7155) adds the years it bore it
    assert seed_lines(8746, 8746)[0].startswith("9.13. Observatoire")
    assert seed_lines(7155, 7155)[0].startswith("9.13. Passeport")
    assert names["a2015-9.13"] == "9.13" and names["a2011-9.13"] == "9.13-2011-2015"
    # a number in force names the article bearing it: 9.12 is the former 9.14 (l.1836)
    assert names["a2015-9.14"] == "9.12" and names["a2015-9.12"] == "9.12-2015-2021"
    assert names["a2000-3.2"] == "3.2-2000-2009"  # D-100: 3.2 of 2000, wording unknown


def test_a_number_page_lists_the_other_holders(index: VersionIndex) -> None:
    name, page = _page(index, "a2015-9.13")
    page = page.replace("\xa0", " ")
    assert name == "articles/9.13.html"
    block = page[page.index("Le numéro 9.13 a aussi désigné") :]
    assert '<a href="../articles/9.13-2011-2015.html">du 5 juillet 2011 au 3 juillet 2015' in block
    name, page = _page(index, "a2011-9.14")
    page = page.replace("\xa0", " ")
    assert name == "articles/9.14.html"  # the 2011 « Bilan d'étape professionnel » (l.7159)
    assert '<a href="../articles/9.12.html">du 3 juillet 2015 au 16 avril 2021' in page
    assert "renuméroté 9.12 par l’avenant n° 32" in page


def test_xref_with_a_trailing_dot_links_the_number_of_its_day(index: VersionIndex) -> None:
    # 10.1 e) « visés aux articles 10.2., 2.3. et 2.4. » (004 l.1868, current block l.1914):
    # written when 2.3 was the crédits d'heures (today 2.4) and 2.4 the congé exceptionnel (2.5)
    assert "visés aux articles 10.2., 2.3. et 2.4." in seed_lines(1914, 1914)[0]
    _, page = _page(index, "a2000-10.1")
    line = re.search(r"visés aux articles <a.*?</p>", page)
    assert line is not None
    links = re.findall(
        r'href="\.\./articles/([^"]+)\.html"(?: title="([^"]*)")?>([^<]+)</a>', line.group()
    )
    assert [(href, text) for href, _, text in links] == [
        ("10.2", "10.2"),
        ("2.4", "2.3"),
        ("2.5", "2.4"),
    ]
    assert links[1][1] == (
        "article 2.3 le 1er janvier 2004, date de cette rédaction ; article 2.4 au 2 décembre 2026"
    )


def test_the_index_dates_a_former_holder_by_its_tenure(index: VersionIndex) -> None:
    files = SiteBuild(index, DAY, None, False).render("listings:")
    page = files["articles/index.html"].decode().replace("\xa0", " ")
    line = re.search(r'href="\.\./articles/9\.13\.html">.*?</li>', page)
    assert line is not None
    assert "en vigueur du 3 juillet 2015 au 16 avril 2021" in line.group()


def test_names_kept_per_stretch_are_each_days_names(index: VersionIndex) -> None:
    """names_on keeps each stretch but the first as its differences from the first:
    read by article or by name, every stretch says what article_names says for its day."""
    from consolidator.render.names import _KEPT, article_names, names_on

    first = names_on(index, DAY)
    days = [date.min, *_KEPT[id(index)][1]]
    overlays = 0
    for day in days:
        kept, whole = names_on(index, day), article_names(index, day, company=True)
        overlays += kept.whole is None
        assert dict(kept.names) == whole and len(kept.names) == len(whole)
        back = {name: a for a, name in whole.items()}
        assert dict(kept.articles) == back
        for name in (*whole.values(), *first.names.values(), "x", "9.13"):
            assert kept.articles.get(name) == back.get(name)
    assert overlays >= len(days) - 1 > 50
