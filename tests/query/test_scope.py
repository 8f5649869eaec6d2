"""Who is bound: fragment scopes, the two views and applicability, on the seed's real cases."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.cli import main
from consolidator.model import State
from consolidator.query.applicability import applicability
from consolidator.query.scope import Scope, branche_text, fragment_scopes
from consolidator.query.snapshot import article_at, snapshot


def article_json(*args: str) -> dict:
    result = CliRunner().invoke(
        main, ["article", *args, "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["article"]


def test_2_5_on_2012_06_01_both_views(index) -> None:
    day = date(2012, 6, 1)
    art = article_at(index, "a2000-2.4", day)
    adherent = art.version.paragraphs
    assert "au plan national" in adherent[1] and " 5 organisations" in adherent[2]  # 004 l.269-271
    branche = branche_text(index, art.version, day)
    assert (
        branche.paragraphs[1].count("[…]") == 1 and "au plan national" not in branche.paragraphs[1]
    )
    assert "des […] organisations syndicales représentatives […]." in branche.paragraphs[2]
    assert branche.removed == () and branche.fallback is None
    data = article_json("2.5", "--at", "2012-06-01")
    spans = [
        (e["alinea"], e["excluded_text"], e["restriction"]["arrete"]) for e in data["excluded"]
    ]
    assert spans == [
        (2, "au plan national", "2010-12-23"),
        (3, "5", "2010-12-23"),
        (3, "au plan national", "2010-12-23"),
    ]
    for e in data["excluded"]:  # offsets index the article's text
        assert data["text"][e["start"] : e["end"]] == e["excluded_text"]
    assert data["scope"] == "branche"


def test_2_5_before_its_extension_binds_members_only(index) -> None:
    day = date(2010, 6, 1)  # avenant n° 13 in force 1 May 2009, extended from 29 December 2010
    art = article_at(index, "a2000-2.4", day)
    assert {s.scope for s in art.scopes} == {Scope.ADHERENTS}
    branche = branche_text(index, art.version, day)
    assert branche.paragraphs == ()
    assert (
        branche.fallback is not None
        and branche.fallback.act == "base"
        and branche.fallback.num == "2.4"
    )
    assert "13 jours" in " ".join(f.text for f in branche.fallback_fragments)  # 004 l.243
    text = applicability(index, "a2000-2.4", day)
    assert "faute d’extension à cette date" in text
    assert (
        "rédaction antérieure étendue issue de la convention collective" in text
        and "alors article 2.4" in text
    )


def test_2_5_on_2018_01_01(index) -> None:
    day = date(2018, 1, 1)
    art = article_at(index, "a2000-2.4", day)
    assert art.version.act == "avenant-20"
    words = [
        (s.fragment + 1, art.version.fragments[s.fragment].text[s.start : s.end])
        for s in art.excluded
    ]
    assert words == [
        (2, "au niveau national"),
        (3, "au plan national"),
        (4, "au plan national"),
    ]  # 004 l.315
    text = applicability(index, "a2000-2.4", day)
    assert "arrêté du 21 mars 2017 (JO du 1er avril 2017)" in text
    assert "« au niveau national » et « au plan national »" in text


def test_1_1_and_the_msa_scope_exclusion(index) -> None:
    day = date(2005, 1, 1)
    art = article_at(index, "a2000-1.1", day)
    scope = [r for r in art.restrictions if r.kind == "scope"]
    assert scope and "mutualité sociale agricole" in scope[0].text  # 004 l.50
    assert scope[0].arrete == "arrete-2003-06-03-a"
    text = applicability(index, "a2000-1.1", day)
    assert "à l’exclusion des organismes relevant de la convention collective agréée" in text


def test_partly_extended_article_2_7_in_2020(index) -> None:
    day = date(2020, 1, 1)  # avenant n° 25 signed 7 Dec 2018, extended by arrêté of 2 April 2021
    art = article_at(index, "a2000-2.5", day)
    scopes = [s.scope for s in art.scopes]
    assert scopes[:6] == [Scope.BRANCHE] * 6 and set(scopes[6:]) == {Scope.ADHERENTS}
    branche = branche_text(index, art.version, day)
    assert [i for i, _ in branche.removed] == list(range(6, len(scopes)))
    assert [f.uid.split("/")[0] for f in branche.fallback_fragments] == ["avenant-13"] * 3
    assert branche_text(index, art.version, date(2021, 4, 10)).removed == ()


def test_branche_view_of_the_snapshot_drops_what_binds_members_only(index) -> None:
    adherent = {a.id for a in snapshot(index, date(2010, 6, 1)).texts[0].articles}
    branche = {a.id for a in snapshot(index, date(2010, 6, 1), "branche").texts[0].articles}
    assert "a2009-2.3" in adherent and "a2009-2.3" not in branche  # NTIC: avenant n° 13 only


def _is_subtext(part: str, whole: str) -> bool:
    pos = 0
    for piece in (p.strip() for p in part.split("[…]")):
        found = whole.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_branche_view_is_a_subtext_of_the_adherent_view(index, data: st.DataObject) -> None:
    article = data.draw(st.sampled_from(sorted(index.versions)))
    versions = index.versions[article]
    version = data.draw(st.sampled_from(versions))
    end = version.until or date(2026, 12, 31)
    day = data.draw(st.dates(min_value=version.since, max_value=end - timedelta(days=1)))
    branche = branche_text(index, version, day)
    adherent = list(version.paragraphs)
    pos = 0
    for paragraph in branche.paragraphs:  # in order, each a sub-text of one adherent alinéa
        while pos < len(adherent) and not _is_subtext(paragraph, adherent[pos]):
            pos += 1
        assert pos < len(adherent), (article, day, paragraph)
        pos += 1


def _row(art, rncp: str):  # type: ignore[no-untyped-def]
    """The index of the row whose RNCP code is `rncp` (avenant n° 29's certification tables)."""
    return [i for i, f in enumerate(art.version.fragments) if dict(f.cells).get("rncp") == rncp]


def test_9_5_on_2020_06_01_signed_rewrite_binds_members_only(index) -> None:
    day = date(2020, 6, 1)  # avenant n° 29 signed 13 Dec 2019 (000), arrêté of 20 Nov 2020 not yet
    art = article_at(index, "a2015-9.5", day)
    assert art.version.act == "avenant-29" and art.state is State.NON_ETENDU
    assert [v.since for v in art.upcoming] == [
        date(2020, 11, 28)
    ]  # 9.5.2: day after JO 27 Nov 2020
    branche = branche_text(index, art.version, day)
    assert branche.paragraphs == ()
    assert branche.fallback is not None and branche.fallback.act == "accord-2015-07-03"
    text = applicability(index, "a2015-9.5", day)
    assert (
        "le lendemain de la publication de son arrêté d’extension, soit le 28 novembre 2020" in text
    )
    result = CliRunner().invoke(main, ["timeline", "--at", "2020-06-01", "--format", "json"])
    pending = json.loads(result.output)["pending"]
    assert any(e["subject"] == "avenant-29" and e["date"] == "2020-11-28" for e in pending)


@pytest.mark.parametrize("day", [date(2020, 11, 28), date(2021, 1, 1)])
def test_9_5_after_the_arrete_of_20_november_2020(index, day: date) -> None:
    art = article_at(index, "a2015-9.5", day)
    assert art.state is State.ETENDU and art.extension.arrete.id == "arrete-2020-11-20"
    rows = [i for i, f in enumerate(art.version.fragments) if f.cells]
    excluded = {s.fragment for s in art.excluded}
    assert len(excluded) == 23 and excluded <= set(rows)  # 004 l.1574-1598: 23 certifications
    assert _row(art, "1027")[0] in excluded  # BTS Assistant de gestion PME-PMI (004 l.1575)
    assert _row(art, "31204")[0] not in excluded  # 31204 INSEEC stays extended (D-204)
    branche = branche_text(index, art.version, day)
    assert len(branche.paragraphs) == len(art.version.fragments) - 23
    assert {why for _, why in branche.removed} == {"exclu de l’extension"}
    assert branche.fallback is None
    assert "23 ligne(s) de tableau sont exclues de l’extension (arrêté du 20 novembre 2020)" in (
        applicability(index, "a2015-9.5", day)
    )


def test_avenant_27_9_5_is_never_shown_as_extended(index) -> None:
    # arrêté of 18 Dec 2020 (JO 24 Dec 2020): 9.5 of avenant n° 27 excluded as sans objet (004 l.1430)
    av27 = [v for v in index.versions["a2015-9.5"] if v.act == "avenant-27"]
    assert len(av27) == 1
    days = sorted({*index.change_dates, date(2020, 12, 24), date(2021, 6, 1), date(2026, 1, 1)})
    for day in days:
        if av27[0].covers(day):
            assert article_at(index, "a2015-9.5", day).state is State.NON_ETENDU
        for v in index.versions["a2015-9.5"]:
            if v.covers(day) or v.since <= day:
                fallback = branche_text(index, v, day).fallback
                assert fallback is None or fallback.act != "avenant-27", day
    scopes = fragment_scopes(index, av27[0], date(2021, 1, 1))
    assert {s.scope for s in scopes} == {Scope.ADHERENTS}  # excluded whole, never brought back


def test_an_attached_texts_article_is_named_with_its_text(index) -> None:
    """004 l.734 (« 6.1. Principe », the convention's chapter VI) and l.7886 (« Principes », the
    GPEC accord of 15 October 2014's own article 6.1): « Qui est lié » names the accord as the
    citation does, never « l'article 6.1 de la convention » (lawyer L-28)."""
    text = applicability(index, "gpec-2014-6.1", date(2020, 1, 1))
    assert text.startswith(
        "Au 1er janvier 2020, l’article 6.1 de l’accord du 15 octobre 2014 (GPEC) de la "
        "convention collective nationale de la mutualité du 31 janvier 2000 est en vigueur dans "
        "sa rédaction d’origine (depuis le 15 octobre 2014, date approximative, D-403)."
    )  # no clause of effect (D-403): its first day is a guess, said so (lawyer L-52)
    base = applicability(index, "a2000-6.1", date(2020, 1, 1))
    assert base.startswith(
        "Au 1er janvier 2020, l’article 6.1 de la convention collective nationale de la mutualité"
    )
