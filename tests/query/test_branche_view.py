"""The branche view: a change made by a not-yet-extended act does not bind non-adherents (D-213).

Lawyer findings L-04, L-09, L-21, L-24 (issue 15), on seed 004 (`corpus/sources/004_cb251bc3192fed7a.txt`).
"""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.model import State, View
from consolidator.query.applicability import applicability
from consolidator.query.branche_view import branche_article
from consolidator.query.snapshot import ArticleAt, snapshot


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.replace("\u00a0", " ").replace("\u202f", " ")  # typography undone


def _articles(index, day: date, view: View = View.BRANCHE) -> list[ArticleAt]:  # type: ignore[no-untyped-def]
    snap = snapshot(index, day, view)
    base = index.corpus.convention.base
    return [a for t in snap.texts if t.act.id == base for a in t.articles]


def _chapter(arts: list[ArticleAt], chapter: str) -> list[ArticleAt]:
    return [a for a in arts if a.path and a.path[0].startswith(f"{chapter} - ")]


def test_l04_avenant_32_deletion_and_renumbering_do_not_bind_non_adherents(index) -> None:
    # avenant n° 32 renumbers 9.14 as 9.12 (l.14068-14071) and deletes 9.13 (l.14073-14076);
    # D-208 repeals the CPNEFP 9.12 the same day; extended by the arrêté of 10 November 2021
    # (JO 16 November 2021, meta): until then the extended 9.12, 9.13 and 9.14 bind non-adherents
    ix = _chapter(_articles(index, date(2021, 6, 1)), "IX")
    held = {a.num: a for a in ix if a.held is not None}
    assert sorted(held) == ["9.12", "9.13", "9.14"]
    assert held["9.12"].id == "a2015-9.12" and held["9.12"].version.act == "avenant-27"
    assert held["9.13"].id == "a2015-9.13" and held["9.13"].title.startswith("Observatoire")
    assert held["9.14"].id == "a2015-9.14" and held["9.14"].held.renumbered  # type: ignore[union-attr]
    assert all(a.state is State.ETENDU and a.held.act == "avenant-32" for a in held.values())  # type: ignore[union-attr]
    assert [a.num for a in ix][-3:] == ["9.12", "9.13", "9.14"]  # their 2015 places
    # the adherent view is unchanged: 9.14 is 9.12, 9.13 is gone
    adherent = {a.num for a in _chapter(_articles(index, date(2021, 6, 1), View.ADHERENT), "IX")}
    assert "9.13" not in adherent and "9.14" not in adherent
    # from the extension (16 November 2021) the change binds everyone
    later = _chapter(_articles(index, date(2021, 11, 16)), "IX")
    assert not any(a.held for a in later) and "9.13" not in {a.num for a in later}


def test_l04_article_command_in_the_branche_view(index) -> None:
    out = _run("article", "9.13", "--at", "2021-06-01", "--view", "branche")
    assert out.startswith("Article 9.13 - Observatoire de l’emploi et des métiers (OEMM)\n")
    assert "[en vigueur étendue]" in out
    assert (
        "(abrogé le 16 avril 2021 par l’avenant n° 32 du 16 avril 2021, non étendu à cette date"
        in out
    )
    out = _run("article", "9.14", "--at", "2021-06-01", "--view", "branche")
    assert out.startswith("Article 9.14 - Modalités de financement de la CPNEFP et de l’OEMM\n")
    assert "(renuméroté 9.12 le 16 avril 2021 par l’avenant n° 32" in out
    art = branche_article(index, "9.12", date(2021, 6, 1))
    assert art.id == "a2015-9.12" and art.title is not None and art.title.startswith("Commission")
    data = json.loads(
        _run("article", "9.13", "--at", "2021-06-01", "--view", "branche", "--format", "json")
    )["article"]
    assert data["held_over"]["change"] == "repealed"
    assert data["held_over"]["by"]["id"] == "avenant-32"
    assert data["held_over"]["since"] == "2021-04-16"


def test_l09_chapter_ix_2011_binds_non_adherents_until_the_2015_accord_is_extended(index) -> None:
    # the accord of 3 July 2015 « abroge et remplace » chapter IX (l.8335), extended by the
    # arrêté of 23 February 2016 (in force 26 February 2016); the 2011 chapter was extended in 2012
    ix = _chapter(_articles(index, date(2015, 10, 1)), "IX")
    assert [a.num for a in ix] == [f"9.{n}" for n in range(1, 16)]
    assert all(a.id.startswith("a2011-") and a.state is State.ETENDU for a in ix)
    assert all(a.held and a.held.act == "accord-2015-07-03" for a in ix)
    after = _chapter(_articles(index, date(2016, 2, 26)), "IX")
    assert after and not any(a.id.startswith("a2011-") for a in after)


def test_l09_chapter_ix_of_2004_binds_non_adherents_until_the_2011_accord_is_extended(
    index,
) -> None:
    # the 2004 chapter (l.5159-5161, wording unknown, D-200) was extended by the arrêté of
    # 28 June 2005; the accord of 5 July 2011 that repealed it, by the arrêté of 5 July 2012
    # (its articles known by number, 9.1-9.11: D-200, lawyer L-12)
    ix = _chapter(_articles(index, date(2012, 1, 1)), "IX")
    assert [(a.id, a.state, a.version.act) for a in ix] == [
        (f"a2004-9.{k}", State.ETENDU, "accord-2004-12-01") for k in range(1, 11)
    ] + [("a2004-9.11", State.ETENDU, "avenant-12")]  # its third alinéa (l.5416)
    assert not any(a.version.wording_known for a in ix)
    out = _run("text", "--at", "2012-01-01", "--view", "branche")
    chapter = out[out.index("\nIX - ") : out.index("\nX - ")]
    assert "[en vigueur étendue, texte non disponible dans les sources]" in chapter
    assert "(abrogé le 5 juillet 2011 par l’accord du 5 juillet 2011, non étendu" in chapter


def test_l09_chapter_ix_of_2000_still_binds_in_2005(index) -> None:
    # L-09 addendum: on 2005-03-01 the 2004 accord is not yet extended (arrêté of 28 June 2005):
    # the 2000 chapter (extended 28 August 2001, wording unknown) still binds non-adherents
    out = _run("text", "--at", "2005-03-01", "--view", "branche")
    chapter = out[out.index("\nIX - ") : out.index("\nX - ")]
    # 9.6 of the avenant of 26 September 2001 binds them from the unknown JO day of the arrêté
    # of 24 December 2001 (004 l.15495-15501): until then, the 2000 9.6 (D-716)
    assert (
        "Jusqu’à la publication au JO, à une date inconnue, de l’arrêté du 24 décembre 2001 (au "
        "plus tôt le 24 décembre 2001, D-716), rédaction antérieure étendue applicable aux "
        "non-adhérents (convention collective nationale de la mutualité du 31 janvier 2000) : "
        "texte non disponible dans les sources"
    ) in chapter


def test_l09_the_2000_3_2_and_3_3_bind_until_avenant_13_is_extended(index) -> None:
    # avenant n° 13 « abroge et remplace » chapters II and III (l.6103), extended by the arrêté
    # of 23 December 2010 (JO 29 December 2010, meta); 3.3 existed in 2000 (l.108, D-100)
    iii = _chapter(_articles(index, date(2010, 1, 1)), "III")
    assert [(a.id, a.num) for a in iii] == [
        ("a2000-3.1", "3.1"),
        ("a2000-3.2", "3.2"),
        ("a2000-3.3", "3.3"),
    ]
    assert [a.state for a in iii[1:]] == [State.ETENDU, State.ETENDU]
    later = _chapter(_articles(index, date(2010, 12, 29)), "III")
    assert "a2000-3.2" not in {a.id for a in later}


def test_l21_applicability_names_the_earlier_extended_provisions(index) -> None:
    text = applicability(index, "a2015-9.1", date(2015, 10, 1))
    assert "Aucune rédaction antérieure étendue" not in text
    assert (
        "Pour les employeurs non adhérents, les articles 9.1, 9.2, 9.3, 9.4, 9.5, 9.6, 9.7, 9.8, "
        "9.9, 9.10, 9.11, 9.12, 9.13, 9.14 et 9.15 dans leur rédaction issue de l’accord du "
        "5 juillet 2011, que l’accord du 3 juillet 2015 abroge, demeurent applicables jusqu’à "
        "son extension."
    ) in text
    text = applicability(index, "a2009-3.3", date(2010, 6, 1))
    assert "Aucune rédaction antérieure étendue" not in text
    assert (
        "les articles 3.2 et 3.3 dans leur rédaction issue de la convention collective nationale "
        "de la mutualité du 31 janvier 2000 (texte non disponible dans les sources), que "
        "l’avenant n° 13 du 18 mars 2009 abroge, demeurent applicables jusqu’à son extension."
    ) in text


def test_l24_reworded_alineas_keep_their_earlier_extended_wording(index) -> None:
    # chapter XIII: 2000 wording l.2152 and l.2156 (extended 28 August 2001); the avenant of
    # 8 April 2002 rewords them (l.2163 « de 1 heure »), extended only from 11 December 2002
    art = next(a for a in _articles(index, date(2002, 6, 1)) if a.id == "a2000-XIII")
    assert art.branche is not None and art.branche.fallback is not None
    old = [f.text for f in art.branche.fallback_fragments]
    assert old[0].startswith("Une réduction du temps de travail d'une heure par jour")
    assert "comptant un an de présence dans l'organisme" in old[1]
    data = json.loads(_run("text", "--at", "2002-06-01", "--view", "branche", "--format", "json"))
    xiii = next(a for t in data["texts"] for a in t["articles"] if a["id"] == "a2000-XIII")
    assert xiii["fallback"]["text"].startswith("Une réduction du temps de travail d'une heure")


def test_l24_family_leaves_of_10_2_in_2004(index) -> None:
    # 10.2 a (l.1974 « -naissance d'un enfant : 3 jours ouvrables ; », 2000); avenants n° 7 and
    # n° 8 (l.5146, « ouvrés ») are not extended on 1 April 2004: the 2000 wording binds
    art = branche_article(index, "10.2", date(2004, 4, 1))
    assert art.branche is not None and art.branche.fallback is not None
    assert art.branche.fallback.act == index.corpus.convention.base
    old = [f.text for f in art.branche.fallback_fragments]
    assert "-naissance d'un enfant : 3 jours ouvrables ;" in old
    assert "-décès d'un enfant : 3 jours ouvrables ;" in old


def test_history_shows_the_stretch_an_ended_version_still_binds_non_adherents(index) -> None:
    # 9.13 OEMM deleted by avenant n° 32 (l.14073-14076), extended from 16 November 2021 (meta)
    out = _run("history", "9.13", "--at", "2020-01-01")
    assert (
        "16 avril 2021 (d’après les métadonnées Légifrance) → 16 novembre 2021 : en vigueur "
        "étendue pour les employeurs non adhérents "
        "(abrogé par l’avenant n° 32 du 16 avril 2021, qui ne les lie qu’à compter de son "
        "extension, le 16 novembre 2021, d’après les métadonnées Légifrance)"
    ) in out
    # the 2000 3.2 (l.108, D-100), repealed by avenant n° 13 (l.6103), extended 29 December 2010
    out = _run("history", "a2000-3.2")
    assert (
        "1er mai 2009 → 29 décembre 2010 : en vigueur étendue pour les employeurs non adhérents "
        "(abrogé par l’avenant n° 13 du 18 mars 2009, qui ne les lie qu’à compter de son "
        "extension, le 29 décembre 2010"
    ) in out
    data = json.loads(_run("history", "9.12", "--at", "2020-01-01", "--format", "json"))
    last = data["versions"][-1]
    assert last["held_over"]["change"] == "repealed"
    assert (last["held_over"]["since"], last["held_over"]["until"]) == ("2021-04-16", "2021-11-16")
    # a version an adherent-only act replaced binds non-adherents for what it changed
    out = _run("history", "1.1")
    assert (
        "24 mai 2002 (date approximative, D-005) → 12 juin 2003 : en vigueur étendue pour les employeurs non adhérents"
        in out
    )


def test_the_branche_html_page_says_why_a_held_over_article_binds(index) -> None:
    page = _run("text", "--at", "2021-06-01", "--view", "branche", "--format", "html")
    start = page.index('id="art-9.13"')
    assert (
        "(abrogé le 16 avril 2021 par l’avenant n° 32 du 16 avril 2021, non étendu à cette date"
        in page[start : start + 3000]
    )
    page = _run("text", "--at", "2005-03-01", "--view", "branche", "--format", "html")
    assert (
        "la rédaction antérieure étendue reste applicable (convention collective nationale de la "
        "mutualité du 31 janvier 2000)&nbsp;: texte non disponible dans les sources"
    ) in page


def test_a_number_inside_the_held_over_2004_chapter_ix(index) -> None:
    # 9.4 of the accord of 5 July 2011 is in force from its signature, extended on 14 July 2012
    # (l.7183); on 2012-01-01 non-adherents are bound by the 2004 9.4 (l.5159-5161, named by
    # the accord GPEC of 2009, l.7615), wording unknown, held over (D-213)
    result = CliRunner().invoke(main, ["article", "9.4", "--at", "2012-01-01", "--view", "branche"])
    assert result.exit_code == 0
    out = result.output.replace("\u00a0", " ")
    assert out.startswith(
        "Article 9.4\n[en vigueur étendue, texte non disponible dans les sources]"
    )
    assert "rédaction issue de : accord du 1er décembre 2004" in out
    assert "(abrogé le 5 juillet 2011 par l’accord du 5 juillet 2011, non étendu" in out
    assert "l. 7615" in out


def test_l24_a_reservation_answered_by_an_unextended_act_still_binds_non_adherents(index) -> None:
    # arrêté of 17 August 2001: 14.2 alinéa 1 « sous réserve de l'application de l'article
    # L. 122-14-13 » (l.2216, l.15491), answered by avenant n° 7 (D-110), extended 15 June 2004
    reserve = "L. 122-14-13 (2e alinéa)"
    art = branche_article(index, "14.2", date(2004, 3, 1))
    assert [r.text for r in art.restrictions if reserve in r.text]
    assert not [
        r
        for r in branche_article(index, "14.2", date(2004, 6, 15)).restrictions
        if reserve in r.text
    ]
    adherent = [a for a in _articles(index, date(2004, 3, 1), View.ADHERENT) if a.num == "14.2"]
    assert not [r for r in adherent[0].restrictions if reserve in r.text]
    branche = [a for a in _articles(index, date(2004, 3, 1)) if a.num == "14.2"]
    assert [r for r in branche[0].restrictions if reserve in r.text]


def test_applicability_of_a_number_only_non_adherents_still_know(index) -> None:
    # 9.13 deleted and 9.14 renumbered 9.12 by avenant n° 32 (l.14068-14076), extended
    # 16 November 2021 (meta)
    out = _run("applicability", "9.13", "--at", "2021-06-01")
    assert (
        "Au 1er juin 2021, l’article 9.13 de la convention collective nationale de la mutualité "
        "du 31 janvier 2000 dans sa rédaction issue de l’accord du 9 novembre 2018 est abrogé "
        "depuis le 16 avril 2021 par l’avenant n° 32 du 16 avril 2021 pour les employeurs "
        "adhérents d’une organisation patronale signataire (et leurs salariés). Ce texte n’étant "
        "pas étendu à cette date, l’article, étendu par l’arrêté du 17 février 2020"
    ) in out
    assert "lie toujours les autres employeurs entrant dans le champ d’application" in out
    out = _run("applicability", "9.14", "--at", "2021-06-01")
    assert "est renuméroté 9.12 depuis le 16 avril 2021 par l’avenant n° 32" in out
    out = _run("applicability", "9.12", "--at", "2021-06-01")
    assert (
        "L’avenant n° 32 du 16 avril 2021, qui l’a renuméroté, n’étant pas étendu à cette date, "
        "il porte encore le numéro 9.14 pour les employeurs non adhérents."
    ) in out
    result = CliRunner().invoke(main, ["applicability", "9.13", "--at", "2021-11-16"])
    assert result.exit_code == 1  # extended: the deletion binds everyone
