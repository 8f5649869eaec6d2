"""Issue 15, what outputs claim: dated numbers, renumberings, citations, date provenance.

Every case is quoted from the issue and checked against 004_cb251bc3192fed7a.txt.
"""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.errors import QueryError
from consolidator.query.citation import citation
from consolidator.query.history import history
from consolidator.query.provenance import Certainty, jo_provenance, since_provenance
from consolidator.query.snapshot import article_at, resolve_article
from consolidator.render import text as trender
from tests.conftest import flat, seed_lines


def article_text(index, art) -> str:  # type: ignore[no-untyped-def]
    """The text output with French typography undone, to compare with plain expectations."""
    return flat(trender.article_text(index, art))


def history_text(index, hist) -> str:  # type: ignore[no-untyped-def]
    return flat(trender.history_text(index, hist))


def _refused(index, num: str, day: date) -> str:
    with pytest.raises(QueryError) as err:
        resolve_article(index, num, day)
    return str(err.value)


def test_18_3_in_2010_is_not_answered_by_18_4(index) -> None:
    # 004 l.9579: avenant n° 21 deleted the 2000 18.3 (commission paritaire nationale);
    # l.9630: « L'article 18.4 « Indemnisation des membres » devient l'article 18.3 »
    assert "18.3 consacrant la commission paritaire nationale" in seed_lines(9579, 9579)[0]
    assert "devient l'article 18.3" in seed_lines(9630, 9630)[0]
    # in 2010, 18.3 is the 2000 commission paritaire nationale, wording not in the sources
    day = date(2010, 1, 1)
    assert resolve_article(index, "18.3", day) == "a2000-18.3"
    text = article_text(index, article_at(index, "a2000-18.3", day))
    assert "Indemnisation" not in text and "texte non disponible dans les sources" in text
    assert resolve_article(index, "18.4", day) == "a2000-18.4"
    # and the 2000 18.4 says it became 18.3 when it did
    later = article_text(index, article_at(index, "a2000-18.4", date(2019, 6, 1)))
    assert "ancien article 18.4, renuméroté 18.3 par l'avenant n° 21" in later


def test_9_12_in_2010_is_not_answered_by_9_14(index) -> None:
    # chapter IX of 2011 (004 l.7159: the 2011 9.14) and 2015 (l.8753) hold the numbers 9.12/9.14
    assert seed_lines(7159, 7159)[0].startswith("9.14.")
    message = _refused(index, "9.12", date(2010, 2, 5))
    assert "le 5 février 2010" in message
    # 004 l.112: chapter IX is in force in 2000, its wording not in the sources, its articles
    # known by the numbers the sources name (D-200, lawyer L-12)
    assert (
        "le chapitre « IX - Formation professionnelle et emploi » compte des articles dont le "
        "texte n’est pas disponible dans les sources" in message
    )
    assert "du 5 juillet 2011 au 3 juillet 2015 : l’article 9.12" in message
    assert "auparavant article 9.14" in message


def test_2_7_in_2005_is_not_answered_by_2_5(index) -> None:
    # in 2005 the base text's articles ran 2.1-2.6 (004 l.213-): 2.7 is avenant n° 13's number (2009)
    message = _refused(index, "2.7", date(2005, 6, 1))
    assert "du 1er mai 2009 : l'article 2.7" not in message  # open-ended: « depuis le »
    assert "depuis le 1er mai 2009 : l’article 2.7" in message
    assert "auparavant article 2.5" in message


def test_9_14_in_2022_says_it_was_renumbered_9_12(index) -> None:
    # 004 l.1836: « (ancien article 9.14) » under 9.12
    assert seed_lines(1836, 1836) == ["(ancien article 9.14)"]
    message = _refused(index, "9.14", date(2022, 6, 1))
    assert "renuméroté 9.12 par l’avenant n° 32 du 16 avril 2021" in message
    day = date(2022, 6, 1)
    art = article_at(index, resolve_article(index, "9.12", day), day)
    text = article_text(index, art)
    assert "ancien article 9.14, renuméroté 9.12 par l'avenant n° 32 du 16 avril 2021" in text
    assert "rédaction issue de : avenant n° 24 du 7 décembre 2018" in text


def test_history_shows_the_renumbering_without_new_wording(index) -> None:
    hist = history(index, resolve_article(index, "9.12", date(2022, 6, 1)), date(2022, 6, 1))
    text = history_text(index, hist)
    assert (
        "renuméroté 9.12 par l'avenant n° 32 du 16 avril 2021, sans changement de rédaction" in text
    )
    assert "(a2011-9.12)" not in text and "(a2015-9.12)" not in text
    assert "Article 9.12 « Reconnaissance des formations diplômantes » :" in text


def test_9_12_in_2021_is_extended_with_avenant_24s_words(index) -> None:
    # avenant n° 24's 9.14 was extended by the arrêté of 5 February 2021; avenant n° 32 only
    # renumbered it (l.1836), so 9.12 is not « non-étendue » between 16 April and 16 November 2021
    day = date(2021, 6, 1)
    art = article_at(index, resolve_article(index, "9.12", day), day)
    assert art.state.value == "en vigueur étendue"
    assert art.extension is not None and art.extension.arrete.id == "arrete-2021-02-05"


def test_citation_names_the_words_act_and_the_renumbering_act_apart(index) -> None:
    c = citation(index, resolve_article(index, "9.12", date(2022, 6, 1)), date(2022, 6, 1))
    assert "dans sa rédaction issue de l’avenant n° 24 du 7 décembre 2018" in c.text
    assert "(ancien article 9.14, renuméroté 9.12 par l’avenant n° 32 du 16 avril 2021)" in c.text


def test_citation_of_excluded_rows_names_rows(index) -> None:
    # the arrêté of 20 November 2020 excluded certification rows of 9.5's table (D-5xx, issue 5)
    c = citation(index, resolve_article(index, "9.5", date(2022, 6, 1)), date(2022, 6, 1))
    assert "à l'exclusion des termes « 1027 »" not in c.text
    # 23 rows, each by its content (31204 stands on two rows: tests/query/test_excluded_rows.py)
    assert "des 23 lignes « Brevet de technicien supérieur : Assistant de gestion PME-PMI" in c.text


@pytest.mark.parametrize(("num", "day"), [("1.1", date(2024, 1, 1)), ("2.5", date(2012, 6, 1))])
def test_citation_keeps_the_msa_scope_exclusion(index, num: str, day: date) -> None:
    # 004 l.15721-15737 (and every arrêté since 2003): « à l'exclusion des organismes relevant des
    # conventions collectives ... de la mutualité sociale agricole »
    c = citation(index, resolve_article(index, num, day), day)
    assert "mutualité sociale agricole" in c.text


def test_approximate_date_of_the_avenant_of_24_may_2002_is_shown(index) -> None:
    # D-005: the avenant is known from the arrêté of 3 June 2003 (l.15541-15557) and 1.1 (l.38-48)
    day = date(2002, 6, 1)
    art = article_at(index, resolve_article(index, "1.1", day), day)
    prov = since_provenance(index, art.version)
    assert prov is not None and prov.certainty is Certainty.APPROXIMATE and prov.decision == "D-005"
    assert "depuis le 24 mai 2002 (date approximative, D-005)" in article_text(index, art)
    hist = history_text(index, history(index, art.id, day))
    assert "du 24 mai 2002 (date approximative, D-005)" in hist


def test_15_2_fifth_version_date_is_a_guess(index) -> None:
    # 004 l.2552: the version adding 15.2.7, by a text in neither source (D-301)
    day = date(2016, 1, 1)
    art = article_at(index, resolve_article(index, "15.2", day), day)
    assert "depuis le 1er juin 2015 (date approximative, D-301)" in article_text(index, art)


def test_jo_dates_say_where_they_come_from(index) -> None:
    # 004 l.10917: « étendu par arrêté du 21 mars 2017 (Journal officiel du 1er avril 2017) »
    assert "(Journal officiel du 1er avril 2017)" in seed_lines(10917, 10917)[0]
    sourced = jo_provenance(index.corpus, index.corpus.arretes["arrete-2017-03-21"])
    assert sourced is not None and sourced.certainty is Certainty.SOURCE
    assert sourced.source == "004 l.10917"
    # the arrêté of 17 August 2001 (l.15469): its JO date (28 August 2001) is in the metadata only
    meta = jo_provenance(index.corpus, index.corpus.arretes["arrete-2001-08-17"])
    assert meta is not None and meta.certainty is Certainty.METADATA
    day = date(2005, 1, 1)
    art = article_at(index, resolve_article(index, "18.4", day), day)
    assert "JO du 28 août 2001, d'après les métadonnées Légifrance" in (article_text(index, art))


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from consolidator.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return flat(result.output.replace("&nbsp;", " "))


def test_timeline_in_2017_tells_when_avenant_20s_date_became_known() -> None:
    # avenant n° 20 enters into force the day after its arrêté's JO publication; the arrêté of
    # 21 March 2017 was published on 1 April 2017 (004 l.10917): unknown on 1 January 2017
    out = _cli("timeline", "--at", "2017-01-01")
    pending = out.split("Signé au 1er janvier 2017")[1]
    assert "soit le 2 avril 2017 (connu depuis le JO du 1er avril 2017)" in pending
    assert "2017-04-02" not in out and "avenant-20" not in pending and "a2000-" not in pending
    then = _cli("timeline", "--at", "2017-01-01", "--known-at", "2017-01-01")
    pending = then.split("Signé au 1er janvier 2017")[1]
    assert "entre en vigueur le lendemain de la publication de son arrêté d'extension :" in pending
    assert "2 avril 2017" not in then


def test_9_5_upcoming_in_2020_is_not_dated_before_the_jo(index) -> None:
    # 004 l.12059: 9.5.2 « entrera en vigueur au lendemain de la publication de l'arrêté
    # d'extension »; that arrêté (20 November 2020) was published on 27 November 2020
    known = _cli("article", "9.5", "--at", "2020-06-01")
    assert "le 28 novembre 2020 (connu depuis le JO du 27 novembre 2020)" in known
    then = _cli("article", "9.5", "--at", "2020-06-01", "--known-at", "2020-06-01")
    assert "À venir : nouvelle rédaction le lendemain de la publication de son arrêté" in then
    assert "28 novembre 2020" not in then


def test_every_output_says_how_current_the_sources_are() -> None:
    import json

    for args in (
        ("text", "--at", "2030-01-01"),
        ("article", "2.5", "--at", "2030-01-01"),
        ("salaries", "--at", "2030-01-01"),
    ):
        out = _cli(*args)
        assert "Sources à jour au " in out, args
        assert "Attention : le 1er janvier 2030 est postérieur aux sources" in out, args
    data = json.loads(_cli("text", "--at", "2030-01-01", "--format", "json"))
    assert data["sources"]["warning"].startswith("Attention : le 1er janvier 2030")
    data = json.loads(_cli("salaries", "--at", "2030-01-01", "--format", "json"))
    assert data["sources"]["up_to"] <= "2030-01-01" and data["sources"]["warning"]
    quiet = _cli("text", "--at", "2012-06-01")
    assert "Sources à jour au " in quiet and "postérieur aux sources" not in quiet
    html = _cli("article", "2.5", "--at", "2030-01-01", "--format", "html")
    assert 'class="warning" role="alert"' in html


def test_salary_grid_after_the_last_accord_says_later_ones_are_missing() -> None:
    out = _cli("salaries", "--at", "2030-01-01")
    assert "accords salariaux postérieurs à l'accord du 5 décembre 2012 (salaires 2013)" in out


def test_2006_grid_extended_by_an_arrete_whose_jo_date_is_unknown() -> None:
    # 004 l.15721-15737: « ARRETE du 11 avril 2006 » extends the accord of 7 December 2005
    # (salaires); no JO date in the sources nor in the metadata (D-411)
    assert seed_lines(15721, 15721) == ["ARRETE du 11 avril 2006"]
    out = _cli("salaries", "--at", "2006-06-01")
    assert "étendu par arrêté du 11 avril 2006, date de publication au JO inconnue" in out
    assert "non-étendue" not in out


def test_version_page_and_changes_page_agree_on_the_state_change(index) -> None:
    # avenant n° 20 rewrote 2.5 from 2 April 2017 (004 l.10917: extended by the arrêté of
    # 21 March 2017); the 2009 wording was extended since 29 December 2010: « étendu → étendu »
    from datetime import timedelta

    from consolidator.query.diff import changelog, version_change

    versions = index.versions["a2000-2.4"]
    n = next(i for i, v in enumerate(versions) if v.since == date(2017, 4, 2))
    page = version_change(index, "a2000-2.4", n)
    day = date(2017, 4, 2)
    log = changelog(index, day - timedelta(days=1), day, "adherent", "a2000-2.4")
    assert page.state_line == log.changes[0].state_line
    assert page.state_line.startswith("étendu (arrêté du 23 décembre 2010) → étendu")


def test_diff_summary_groups_added_articles_by_their_text(index) -> None:
    # « Articles ajoutés : Préambule, 2, 3.1, 3.2 » are avenant n° 20's own articles (004 l.9449-9573)
    from consolidator.query.diff import changelog
    from consolidator.render.diff import changelog_text

    text = changelog_text(index, changelog(index, date(2016, 1, 1), date(2018, 1, 1)))
    assert "  texte de l’avenant n° 20 du 21 septembre 2016 : Préambule, 2, 3.1, 3.2\n" in text
    assert "  convention : 18.1\n" in text


def test_gpec_6_1_wholly_excluded_is_not_headed_etendue(index) -> None:
    # 004 l.7896: « Article exclu de l'extension » (arrêté du 27 décembre 2018)
    assert any("exclu de l'extension" in line for line in seed_lines(7894, 7897))
    day = date(2020, 1, 1)
    art = article_at(index, resolve_article(index, "gpec-2014:6.1", day), day)
    text = article_text(index, art)
    assert "[en vigueur, exclu de l'extension]" in text
    assert "exclu de l'extension par arrêté du 27 décembre 2018" in text
    assert "[en vigueur étendue]" not in text and "étendu par arrêté" not in text


def test_9_5_with_excluded_rows_is_headed_etendu_partiellement(index) -> None:
    # the arrêté of 20 November 2020 excluded 22 certification rows of 9.5 (avenant n° 29)
    day = date(2022, 1, 1)
    art = article_at(index, resolve_article(index, "9.5", day), day)
    assert art.heading_label == "en vigueur, étendu partiellement"
    assert "[en vigueur, étendu partiellement]" in article_text(index, art)


def test_extension_by_an_arrete_without_jo_date_is_shown_not_hidden(make_corpus) -> None:
    # as the arrêté of 11 April 2006 (004 l.15721), whose JO date is in no source (D-411)
    from consolidator.engine.index import open_index
    from tests.conftest import avenant

    ops = """    <insert-article id="a9" num="1.3" title="Nouveau" parent="ch-I" after="a2">
      <p>Un alinéa nouveau.</p>
    </insert-article>"""
    arrete = """<?xml version="1.0" encoding="UTF-8"?>
<arrete id="arrete-x" date="2005-06-01" title="Arrêté du 1er juin 2005">
  <extends act="av1"/>
</arrete>
"""
    root = make_corpus({"acts/av1.xml": avenant(ops), "arretes/x.xml": arrete})
    small = open_index(root)
    day = date(2005, 7, 1)
    art = article_at(small, resolve_article(small, "1.3", day), day)
    text = article_text(small, art)
    assert "étendu par arrêté du 1er juin 2005, date de publication au JO inconnue" in text
    assert "non-étendue" not in text
    before = article_at(small, "a9", date(2005, 5, 1))
    assert before.heading_label == "en vigueur non-étendue"


def test_history_periods_follow_the_same_labels(index) -> None:
    # 004 l.7896: 6.1 excluded by the arrêté of 27 December 2018 (JO 30 December 2018)
    day = date(2024, 1, 1)
    text = history_text(index, history(index, resolve_article(index, "gpec-2014:6.1", day), day))
    assert (
        "30 décembre 2018 (d'après les métadonnées Légifrance) : en vigueur, exclu de "
        "l'extension" in flat(text)
    )
    assert "[en vigueur, exclu de l'extension]" in text and "[en vigueur étendue]" not in text


def test_applicability_follows_the_words_act_labels_and_dates(index) -> None:
    from consolidator.query.applicability import applicability

    text = applicability(index, resolve_article(index, "9.12", date(2021, 6, 1)), date(2021, 6, 1))
    assert "rédaction issue de l’avenant n° 24 du 7 décembre 2018" in text
    assert "ancien article 9.14, renuméroté 9.12 par l’avenant n° 32" in text
    day = date(2020, 1, 1)
    text = applicability(index, resolve_article(index, "gpec-2014:6.1", day), day)
    assert "Il est exclu de l’extension par l’arrêté du 27 décembre 2018" in text
    assert "il lie tous les employeurs" not in text
    day = date(2002, 6, 1)
    text = applicability(index, resolve_article(index, "1.1", day), day)
    assert "(depuis le 24 mai 2002, date approximative, D-005)" in text


def test_citation_shows_an_inferred_jo_date_and_a_wholly_excluded_article(index) -> None:
    # D-007: two arrêtés of 3 June 2003 and two JO dates in the metadata, assigned by decision
    c = citation(index, resolve_article(index, "1.1", date(2004, 1, 1)), date(2004, 1, 1))
    assert "(JO du 12 juin 2003, date déduite, D-007)" in c.text
    # 004 l.7896: GPEC 2014 art. 6.1 « Article exclu de l'extension »
    day = date(2020, 1, 1)
    c = citation(index, resolve_article(index, "gpec-2014:6.1", day), day)
    assert "exclu de l’extension par arrêté du 27 décembre 2018" in c.text
    assert "étendu par" not in c.text


def test_act_numbers_say_whether_the_seed_or_the_metadata_gives_them(index) -> None:
    from consolidator.query.provenance import number_provenance

    # 004 l.15638 names « avenant n° 7 du 17 décembre 2003 »
    assert "avenant n° 7 du 17 décembre 2003" in seed_lines(15638, 15638)[0]
    seven = number_provenance(index.corpus, index.corpus.acts["avenant-7"])
    assert seven is not None and seven.certainty is Certainty.SOURCE
    # the export never writes « avenant n° 32 »: the number comes from the metadata's title
    assert not any("avenant n° 32" in line.lower() for line in seed_lines(1, 16000))
    thirty_two = number_provenance(index.corpus, index.corpus.acts["avenant-32"])
    assert thirty_two is not None and thirty_two.certainty is Certainty.METADATA
    from consolidator.render.html import markers

    assert markers(index)["avenant-32"].number_caveat == (
        "numéro d’après les métadonnées Légifrance"
    )


def test_approximate_date_in_json_and_html() -> None:
    # D-005 (004 l.38-48, l.15541-15557): the avenant of 24 May 2002's date of effect is a stand-in
    import json

    data = json.loads(_cli("article", "1.1", "--at", "2002-06-01", "--format", "json"))
    prov = data["article"]["version"]["since_provenance"]
    assert prov == {
        "certainty": "approximate",
        "source": "date d'effet non écrite dans les sources",
        "decision": "D-005",
    }
    page = _cli("article", "1.1", "--at", "2002-06-01", "--format", "html")
    # the tooltip is in French typography (« d’effet »), which _cli's flat() undoes
    assert '<span class="caveat" title="date d\'effet non écrite dans les sources">' in page
    assert "(date approximative, D-005)</span>" in page


def test_history_and_site_resolve_numbers_on_their_date() -> None:
    # 004 l.1836: « (ancien article 9.14) » under 9.12
    from click.testing import CliRunner

    from consolidator.cli import main

    result = CliRunner().invoke(main, ["history", "9.14", "--at", "2022-06-01"])
    assert result.exit_code == 1
    assert "renuméroté 9.12 par l'avenant n° 32 du 16 avril 2021" in flat(result.output)
    page = _cli("article", "9.12", "--at", "2022-06-01", "--format", "html")
    page = page.replace("&#39;", "'")
    assert "ancien article 9.14, renuméroté 9.12 par l'avenant n° 32 du 16 avril 2021" in page
    assert "rédaction issue de l'avenant n° 24 du 7 décembre 2018" in page


def test_a_text_with_excluded_articles_is_headed_partly_extended(index) -> None:
    # the arrêté of 27 December 2018 excluded GPEC 2014's 6.1-6.3 (004 l.7896, l.7915, l.7942)
    from consolidator.query.snapshot import snapshot

    snap = snapshot(index, date(2020, 1, 1))
    gpec = next(t for t in snap.texts if t.act.id == "accord-2014-10-15-gpec")
    assert gpec.heading_label == "en vigueur, étendu partiellement"
