"""history: every version of an article with its dates, acts, state periods and exclusions.

Article 2.5 (congé exceptionnel pour représentation syndicale), seed 004: the 2000 article 2.4,
moved to 2.5 and rewritten by avenant n° 13 (l.6099-6428), extended by the arrêté of
23 December 2010 with two exclusions (l.276), rewritten by avenant n° 20, extended by the
arrêté of 21 March 2017, JO 1 April 2017 (l.305-316, l.10917).
"""

from __future__ import annotations

from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.model import RestrictionKind, State
from consolidator.query.history import history
from consolidator.query.snapshot import resolve_article
from tests.conftest import seed_lines

TODAY = date(2021, 1, 1)


def test_the_lineage_of_2_5(index: VersionIndex) -> None:
    hist = history(index, resolve_article(index, "2.5", TODAY), TODAY)
    rows = [(v.version.num, v.version.since, v.version.until, v.version.act) for v in hist.versions]
    assert rows == [
        ("2.4", date(2000, 2, 1), date(2009, 5, 1), "base"),
        ("2.5", date(2009, 5, 1), date(2017, 4, 2), "avenant-13"),
        ("2.5", date(2017, 4, 2), None, "avenant-20"),
    ]
    assert [v.state_today for v in hist.versions] == [State.REMPLACE, State.REMPLACE, State.ETENDU]


def test_state_periods_follow_the_arretes(index: VersionIndex) -> None:
    assert "arrêté du 23 décembre 2010" in seed_lines(276, 276)[0].lower()
    hist = history(index, "a2000-2.4", TODAY)
    middle = hist.versions[1]
    assert [(p.since, p.until, p.state) for p in middle.periods] == [
        (date(2009, 5, 1), date(2010, 12, 29), State.NON_ETENDU),
        (date(2010, 12, 29), date(2017, 4, 2), State.ETENDU),
    ]
    excluded = sorted(
        r.words or ""
        for r in middle.periods[-1].restrictions
        if r.kind is RestrictionKind.EXCLUSION
    )
    assert excluded == ["5", "au plan national"]


def test_others_that_bore_the_number(index: VersionIndex) -> None:
    hist = history(index, "a2000-2.4", TODAY)
    assert {aid for aid, _ in hist.same_number} == {"a2000-2.5"}  # the 2000 article 2.5


def test_each_version_with_another_subject_carries_its_title(index: VersionIndex) -> None:
    """Lawyer L-58: avenant n° 32 replaced 9.10 whole (004 l.14011, « L'article 9.10 est
    intégralement supprimé et remplacé ») by the CPNEFP (l.14013): the 2015 version, the
    recognition of diplomas, keeps its own title in the history, in text and on the site."""
    from consolidator.commands import history_document
    from consolidator.render.pages import timeline_rows
    from consolidator.render.site_build import SiteBuild
    from tests.conftest import flat

    assert "intégralement supprimé et remplacé" in seed_lines(14011, 14011)[0]
    assert "Commission paritaire nationale de l'emploi" in seed_lines(14013, 14013)[0]
    out = flat(str(history_document(index, "9.10", date(2022, 1, 1), "text")))
    assert out.startswith("Historique de l'article 9.10 — Commission paritaire nationale")
    assert (
        "• 9.10 « Reconnaissance des formations diplômantes, certifiantes et qualifiantes »"
        " — du 3 juillet 2015" in out
    )
    assert "• 9.10 — du 16 avril 2021" in out  # the heading's own title is not repeated
    article = resolve_article(index, "9.10", date(2022, 1, 1))
    rows = timeline_rows(index, article, SiteBuild(index, date(2022, 1, 1), None, False).site)
    assert [r["title"] for r in rows] == [
        "Reconnaissance des formations diplômantes, certifiantes et qualifiantes",
        None,
    ]
