"""Third lawyer review of issue 15 (docs/reviews/2026-12-02-issue-15-findings-3.md): the cases
fixed by `lawyer`, each against the seed lines that decide it."""

from __future__ import annotations

from datetime import date

import pytest

from consolidator.commands import history_document, timeline_document
from consolidator.engine.replay import VersionIndex
from consolidator.errors import QueryError
from consolidator.model import View
from consolidator.query.applicability import applicability
from consolidator.query.citation import citation
from consolidator.query.diff import changelog
from consolidator.query.knowledge import known_index
from consolidator.query.labels import ArticleLabel
from consolidator.query.scope import Scope, branche_text
from consolidator.query.snapshot import article_at, resolve_article, version_at
from consolidator.render.listings import _bound_caveats
from tests.conftest import flat, seed_lines


def test_applicability_gives_a_guessed_first_day_with_its_caveat(index: VersionIndex) -> None:
    """L-52: the Ségur EHPAD accord « prendra effet, sous réserve de l'agrément » (004 l.12291),
    whose date the sources lack (D-407): « rédaction d'origine » alone stated it in force."""
    assert "Il prendra effet, sous réserve de l'agrément" in seed_lines(12291, 12291)[0]
    text = flat(applicability(index, "segur-ehpad-2020-1", date(2021, 1, 1)))
    assert "dans sa rédaction d'origine (depuis le 3 décembre 2020, date approximative" in text
    assert "date d'agrément inconnue des sources, D-407)" in text


def test_applicability_gives_no_date_for_a_sourced_first_day(index: VersionIndex) -> None:
    """L-52, the other side: 5.1 of 2000 applies from 1 February 2000 (004 l.57-58): nothing to
    caveat, so the sentence stays as it was."""
    assert "Elle est applicable à compter du 1er février 2000" in " ".join(seed_lines(55, 60))
    text = flat(applicability(index, "a2000-5.1", date(2005, 1, 1)))
    assert "est en vigueur dans sa rédaction d'origine. Il est étendu" in text


def test_applicability_under_known_at_names_the_text_waiting_for_its_arrete(
    index: VersionIndex,
) -> None:
    """L-53: on 1 January 2017 avenant n° 20 (signed 21 September 2016, 004 l.10917) was known;
    it enters into force « au premier jour suivant la date de publication de son arrêté
    d'extension au Journal officiel » (l.9552), a date nobody knew then."""
    assert "premier jour suivant la date de publication de son arrêté" in seed_lines(9552, 9552)[0]
    known = known_index(index, date(2017, 1, 1))  # 2.4 since avenant n° 13 (ex-2.3)
    text = flat(applicability(known, "a2000-2.3", date(2017, 1, 1)))
    assert (
        "Une nouvelle rédaction, issue de l'avenant n° 20 du 21 septembre 2016, est signée et "
        "entrera en vigueur le lendemain de la publication de son arrêté d'extension, dont la "
        "date n'est pas connue au 1er janvier 2017." in text
    )
    assert "2 avril 2017" not in text


def test_known_at_an_accord_waiting_for_its_arrete_is_signed_not_unknown(
    index: VersionIndex,
) -> None:
    """L-62: on 1 March 2004 the CPNEFP accord of 17 December 2003 was signed (004 l.5069) and
    « entre en vigueur au jour de son extension » (l.5067); its arrêté of 10 May 2004 was not yet
    published. It was « article inconnu »."""
    assert "entre en vigueur au jour de son extension" in seed_lines(5067, 5067)[0]
    assert "Fait à Paris, le 17 décembre 2003." in seed_lines(5069, 5069)[0]
    known = known_index(index, date(2004, 3, 1))
    for ask in (article_at, resolve_article):
        with pytest.raises(QueryError) as err:
            ask(known, "accord-2003-12-17-1", date(2004, 3, 1))
        assert flat(str(err.value.args[0])) == (
            "l'article 1 de l'accord du 17 décembre 2003 (CPNEFP) n'est pas encore en vigueur le "
            "1er mars 2004 : signé le 17 décembre 2003, il entrera en vigueur à la publication "
            "de son arrêté d'extension, date inconnue au 1er mars 2004"
        )
    with pytest.raises(QueryError, match="article inconnu"):
        article_at(known, "nowhere-1", date(2004, 3, 1))


@pytest.mark.parametrize(
    ("article", "day", "caveat"),
    [
        (
            "segur-ehpad-2020-1",
            date(2020, 12, 1),
            "(en vigueur à partir du 3 décembre 2020, date approximative : effet sous réserve de "
            "l'agrément",
        ),
        (
            "accord-2003-12-17-1",
            date(2004, 3, 1),
            "(en vigueur à partir du 19 mai 2004, d'après les métadonnées Légifrance)",
        ),
    ],
)
def test_not_yet_in_force_gives_the_first_days_caveat(
    index: VersionIndex, article: str, day: date, caveat: str
) -> None:
    """L-63: 004 l.12291 (Ségur EHPAD: effect « sous réserve de l'agrément », date unknown,
    D-407); l.5067 and l.15615-15631 (the CPNEFP accord applies from its extension; the arrêté of
    10 May 2004 bears no JO date in the seed: the 19 May 2004 is the metadata's)."""
    assert "sous réserve de l'agrément" in seed_lines(12291, 12291)[0]
    assert "JO" not in " ".join(seed_lines(15615, 15631))
    with pytest.raises(QueryError) as err:
        article_at(index, article, day)
    assert caveat in flat(str(err.value.args[0]))


def test_a_partly_extended_article_is_cited_as_such(index: VersionIndex) -> None:
    """L-59: avenant n° 7 (effect 1 January 2004) only completes 4.4 « par le paragraphe
    suivant » (004 l.5081-5083); its arrêté of 4 June 2004 came later. On 1 March 2004 the 2000
    alinéa stays extended by the arrêté of 17 August 2001 (l.15465-15494): the citation said
    « non étendu » where `article` says « étendu partiellement »."""
    assert "est complété par le paragraphe suivant" in seed_lines(5081, 5081)[0]
    art = article_at(index, "a2000-4.4", date(2004, 3, 1))
    assert art.label is ArticleLabel.PARTIEL
    cited = flat(citation(index, "a2000-4.4", date(2004, 3, 1)).text)
    assert "non étendu au 1er mars 2004 »" not in cited.replace("l'alinéa 2, non", "")
    assert cited.endswith(
        "dans sa rédaction issue de l'avenant n° 7 du 17 décembre 2003, étendu partiellement par "
        "arrêté du 17 août 2001 (JO du 28 août 2001, d'après les métadonnées Légifrance) à "
        "l'exclusion des organismes relevant de la convention collective agréée de travail du "
        "personnel de la mutualité sociale agricole ; l'alinéa 2, non étendu au 1er mars 2004"
    )
    after = flat(citation(index, "a2000-4.4", date(2004, 7, 1)).text)  # arrêté 4 June 2004
    assert "partiellement" not in after and "étendu par arrêté du 4 juin 2004" in after


def _not_extended(index: VersionIndex, article: str, day: date) -> list[int]:
    art = article_at(index, article, day)
    return [s.index + 1 for s in art.scopes if s.scope is Scope.ADHERENTS]


def test_a_retyping_leaves_the_alinea_to_the_act_that_wrote_it(index: VersionIndex) -> None:
    """L-54: avenant n° 30 only completes 15.2.3 (« Les autres dispositions de l'article 15.2.3
    demeurent en vigueur à l'identique », 004 l.12115); the « L. 912-1 » spacing of l.2999ff is
    Légifrance's (D-311). Between its effect (12 March 2020) and its extension (12 February 2021)
    only the six alinéas it adds (l.12105-12113) bind members only. Same for avenant n° 11, which
    modifies « L'alinéa 2 » and « L'alinéa 3 de l'article 10.2 a » only (l.5367-5378, D-103)."""
    assert "demeurent en vigueur à l'identique" in seed_lines(12115, 12115)[0]
    assert "L'alinéa 2 de l'article 10.2 a est ainsi modifié" in seed_lines(5369, 5369)[0]
    assert _not_extended(index, "a2000-15.2", date(2020, 5, 1)) == [25, 26, 27, 28, 29, 30]
    text = article_at(index, "a2000-15.2", date(2020, 5, 1)).version.paragraphs
    assert any("(à ce jour, art. L. 912-1 du code" in p for p in text)  # Légifrance's text kept
    assert _not_extended(index, "a2000-10.2", date(2006, 11, 15)) == [3, 4, 6]


def test_held_over_wording_keeps_its_arretes_reservation(index: VersionIndex) -> None:
    """L-60: « Le quatrième alinéa de l'article 9.2.2.1 est étendu sous réserve des dispositions
    de l'article R. 6332-8 du code du travail » (arrêté du 18 décembre 2020, 004 l.11365-11366).
    Avenant n° 32 (16 April 2021) rewrites 9.2 but is extended only on 16 November 2021: until
    then non-adherents are bound by avenant n° 27's 9.2 as extended, reservation included."""
    assert (
        "étendu sous réserve des dispositions de l'article R. 6332-8" in seed_lines(11365, 11365)[0]
    )
    assert "Arrêté du 18 décembre 2020" in seed_lines(11366, 11366)[0]
    day = date(2021, 6, 1)
    held = branche_text(index, version_at(index, "a2015-9.2", day), day)
    assert held.fallback is not None and held.fallback.act == "avenant-27"
    assert [r.arrete for r in held.fallback_restrictions] == ["arrete-2020-12-18"]
    log = changelog(index, date(2021, 4, 15), date(2021, 4, 17), View.BRANCHE, "a2015-9.2")
    assert not any(c.restrictions_removed for c in log.changes)  # nothing changed for them
    after = branche_text(
        index, version_at(index, "a2015-9.2", date(2021, 12, 1)), date(2021, 12, 1)
    )
    assert after.fallback is None and after.fallback_restrictions == ()


def test_timeline_known_at_says_it_once(index: VersionIndex) -> None:
    """L-56: « … connu au 1er janvier 2017 (connu au 1er janvier 2017) ». Avenant n° 20 is dated
    21 September 2016 in the seed (004 l.10917)."""
    assert "21 septembre 2016" in seed_lines(10917, 10917)[0]
    known = known_index(index, date(2017, 1, 1))
    first = str(timeline_document(known, date(2017, 1, 1), "text", date(2017, 1, 1))).split("\n")[0]
    assert first.endswith("réponse limitée à ce qui était connu au 1er janvier 2017")


def test_articles_index_gives_each_date_its_own_caveat(index: VersionIndex) -> None:
    """L-55: the 9.6 of 2000 applied from 1 February 2000 (004 l.57-58) and was rewritten by
    the avenant of 26 September 2001, whose date of effect is guessed (D-212, l.15499): the index
    printed « du 1er février 2000 [date approximative, D-212] »."""
    assert "article 9-6" in seed_lines(15499, 15499)[0]
    versions = index.versions["a2000-9.6"]
    shown = _bound_caveats(index, versions[-1], False, versions[0])
    assert shown["since_caveat"] is None
    assert "D-212" in (_bound_caveats(index, versions[-1], False)["since_caveat"] or "")


def test_a_chapter_numeral_reaches_the_chapters_own_clauses(index: VersionIndex) -> None:
    """L-61: chapter XIII « Maternité - Adoption » has clauses of its own, no numbered article
    (004 l.2149-2173, D-102); `article XIII` answered « article inconnu » with the hint
    « vouliez-vous dire : a2000-XIII ? »."""
    assert seed_lines(2149, 2149)[0] == "XIII. - Maternité - Adoption"
    assert resolve_article(index, "XIII", date(2010, 1, 1)) == "a2000-XIII"
    with pytest.raises(QueryError, match="article inconnu"):
        resolve_article(index, "XV", date(2010, 1, 1))  # chapter XV has numbered articles only


def test_history_names_a_wording_under_another_title(index: VersionIndex) -> None:
    """L-58: avenant n° 32 « L'article 9.10 est intégralement supprimé et remplacé » (004 l.14011)
    by the CPNEFP: the 2015 9.10 was the diploma gratification. `history 9.10`, headed by the
    CPNEFP's title, listed the 2015 wording without its own title."""
    assert "L'article 9.10" in seed_lines(14011, 14011)[0]
    text = flat(str(history_document(index, "9.10", date(2026, 12, 2), "text")))
    assert (
        "• 9.10 « Reconnaissance des formations diplômantes, certifiantes et qualifiantes » — du 3 juillet 2015"
        in text
    )
    assert "• 9.10 — du 16 avril 2021" in text  # the heading's own title is not repeated


def test_the_held_over_wording_shows_its_reservation_in_text_and_html(index: VersionIndex) -> None:
    """L-60, outputs: on 1 June 2021 the branche view prints avenant n° 27's 9.2 for
    non-adherents with the reservation of the arrêté of 18 December 2020 (004 l.11365-11366),
    in the text and on the page."""
    from consolidator.commands import article_document
    from consolidator.query.snapshot import snapshot
    from consolidator.render.html import NoteCounter, article_view, markers

    text = flat(str(article_document(index, "9.2", date(2021, 6, 1), "branche", "text")))
    held = text.split("Rédaction antérieure étendue, toujours applicable aux non-adhérents")[1]
    assert "[*] Étendu sous réserve : Le quatrième alinéa de l'article 9.2.2.1" in " ".join(
        held.split()
    )
    assert "(arrêté du 18 décembre 2020)" in " ".join(held.split())
    day = date(2021, 6, 1)
    snap = snapshot(index, day, "branche")
    art = next(a for t in snap.texts for a in t.articles if a.id == "a2015-9.2")
    shown = article_view(index, art, View.BRANCHE, NoteCounter(), markers(index), day)
    assert len(shown.fallback_notes) == 1
    note = flat(shown.fallback_notes[0])
    assert "R. 6332-8" in note and note.endswith("(arrêté du 18 décembre 2020)")
