"""Who is bound: fragment scopes, the two views and applicability, on the seed's real cases."""

from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from consolidator.applicability import applicability
from consolidator.cli import main
from consolidator.scope import Scope, branche_text
from consolidator.snapshot import article_at, snapshot


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
    assert "faute d'extension à cette date" in text
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
    assert "à l'exclusion des organismes relevant de la convention collective agréée" in text


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
