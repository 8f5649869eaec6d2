"""The chapters I-II slice on real data: versions, dates, states and exclusions of the seed."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from consolidator.cli import main
from consolidator.model import State
from consolidator.normalize import normalize_text
from consolidator.query.history import history
from consolidator.query.snapshot import article_at, resolve_article, snapshot
from tests.conftest import flat, seed_lines


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_history_2_5_lists_every_version_oldest_first() -> None:
    data = cli_json("history", "2.5", "--format", "json")
    assert data["num"] == "2.5" and data["id"] == "a2000-2.4"
    own = [(v["num"], v["since"], v["until"], v["act"]["id"]) for v in data["versions"]]
    assert own == [
        ("2.4", "2000-02-01", "2009-05-01", "base"),  # 004 l.237-245: 13 jours (old 2.4)
        ("2.5", "2009-05-01", "2017-04-02", "avenant-13"),  # 004 l.265-273 and l.278-286
        ("2.5", "2017-04-02", None, "avenant-20"),  # 004 l.308-313
    ]
    # the article that bore number 2.5 in 2000 (004 l.296-306) is listed apart: it is now 2.7
    other = data["same_number"]
    assert [(o["id"], o["num"], o["since"], o["until"]) for o in other] == [
        ("a2000-2.5", "2.5", "2000-02-01", "2009-05-01")
    ]
    assert "Permanent syndical" in other[0]["text"]


def test_history_2_5_states_and_exclusions() -> None:
    data = cli_json("history", "2.5", "--format", "json")
    av13 = data["versions"][1]
    periods = [(p["since"], p["until"], p["state"]) for p in av13["periods"]]
    assert periods == [
        ("2009-05-01", "2010-12-29", "en vigueur non-étendue"),
        ("2010-12-29", "2017-04-02", "en vigueur étendue"),
    ]
    excluded = [r["words"] for r in av13["periods"][1]["reservations"] if r["kind"] == "exclusion"]
    # 004 l.288 and l.290: « au plan national » and « 5 », arrêté du 23 décembre 2010
    assert excluded == ["au plan national", "5"]
    assert av13["end"] == "remplacé" and av13["ended_by"]["id"] == "avenant-20"
    av20 = data["versions"][2]
    assert av20["extension"] == {
        "arrete": "2017-03-21",
        "arrete_id": "arrete-2017-03-21",
        "published": "2017-04-01",
        # 004 l.10917: « étendu par arrêté du 21 mars 2017 (Journal officiel du 1er avril 2017) »
        "published_provenance": {"certainty": "source", "source": "004 l.10917", "decision": None},
        "effective": "2017-04-01",
    }
    # 004 l.315: « au niveau national » (1st point), « au plan national » (2nd and 3rd points)
    assert [r["words"] for r in av20["reservations"] if r["kind"] == "exclusion"] == [
        "au niveau national",
        "au plan national",
        "au plan national",
    ]


def test_text_at_2012_06_01_shows_2_5_as_then_worded() -> None:
    data = cli_json("text", "--at", "2012-06-01", "--format", "json")
    assert data["at"] == "2012-06-01" and data["view"] == "adherent"
    assert data["convention"]["idcc"] == "2128"
    base = data["texts"][0]
    art = next(a for a in base["articles"] if a["num"] == "2.5")
    assert art["state"] == "en vigueur étendue"
    assert art["path"] == ["II - Droit syndical"]
    assert art["version"]["act"]["number"] == "13"
    assert art["version"]["since"] == "2009-05-01"
    assert art["extension"]["arrete"] == "2010-12-23"
    seed = [line for line in seed_lines(267, 273) if line]  # 004 l.267-273
    assert art["text"].split("\n\n") == [
        " ".join(line.split()).replace(" (1)", "") for line in seed
    ]
    exclusion = next(r for r in art["reservations"] if r.get("words") == "au plan national")
    assert exclusion["kind"] == "exclusion" and exclusion["arrete"] == "2010-12-23"
    assert "2008-789" in exclusion["text"]


def test_non_extended_before_the_arrete(index) -> None:
    art = article_at(index, resolve_article(index, "2.5", date(2010, 6, 1)), date(2010, 6, 1))
    assert art.state is State.NON_ETENDU
    assert art.extension is None
    assert [r.kind for r in art.restrictions] == []


def test_base_text_not_extended_until_2001(index) -> None:
    # arrêté du 17 août 2001, JO 28 août 2001 (meta); 004 l.15465
    assert article_at(index, "a2000-1.3", date(2001, 8, 27)).state is State.NON_ETENDU
    art = article_at(index, "a2000-1.3", date(2001, 8, 28))
    assert art.state is State.ETENDU
    assert [r.kind for r in art.restrictions] == ["scope"]


def test_reservation_on_first_alinea_of_1_2_until_avenant_7(index) -> None:
    # 004 l.76: « Alinéa étendu sous réserve ... L. 132-13 ... (arrêté du 17 août 2001) »
    before = article_at(index, "a2000-1.2", date(2003, 1, 1))
    assert [r.kind for r in before.restrictions] == ["reserve", "scope"]
    after = article_at(index, "a2000-1.2", date(2004, 1, 1))  # avenant n° 7, effect 004 l.5120
    assert after.version.act == "avenant-7"
    assert [normalize_text(p) for p in after.version.paragraphs] == [
        normalize_text(seed_lines(79, 79)[0])
    ]
    assert after.state is State.NON_ETENDU  # arrêté du 4 juin 2004 published 15 June 2004
    assert "reserve" not in [r.kind for r in after.restrictions]


def test_renumbering_keeps_identity(index) -> None:
    assert resolve_article(index, "2.4", date(2005, 1, 1)) == "a2000-2.4"
    assert resolve_article(index, "2.4", date(2012, 1, 1)) == "a2000-2.3"
    assert resolve_article(index, "2.7", date(2012, 1, 1)) == "a2000-2.5"
    old = article_at(index, "a2000-2.4", date(2005, 1, 1))
    assert old.num == "2.4" and "13 jours" in old.version.text  # 004 l.243


def test_structure_of_chapter_ii_in_2012(index) -> None:
    snap = snapshot(index, date(2012, 6, 1))
    nums = [a.num for a in snap.texts[0].articles if a.path == ("II - Droit syndical",)]
    assert nums == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"]
    nums_2005 = [
        a.num
        for a in snapshot(index, date(2005, 1, 1)).texts[0].articles
        if a.path == ("II - Droit syndical",)
    ]
    assert nums_2005 == ["2.1", "2.2", "2.3", "2.4", "2.5"]


def test_avenant_20_signed_but_not_yet_in_force(index) -> None:
    # signed 21 September 2016, in force the day after the JO of 1 April 2017 (004 l.9552)
    art = article_at(index, "a2000-2.4", date(2017, 1, 15))
    assert art.version.act == "avenant-13"
    assert [v.since for v in art.upcoming] == [date(2017, 4, 2)]
    assert article_at(index, "a2000-2.4", date(2017, 4, 2)).version.act == "avenant-20"


def test_history_text_mentions_arretes(index) -> None:
    result = CliRunner().invoke(main, ["history", "2.5"], catch_exceptions=False)
    assert "arrêté du 23 décembre 2010" in flat(result.output)
    assert "« au plan national »" in flat(result.output)
    hist = history(index, "a2000-2.4", date(2026, 1, 1))
    assert hist.versions[-1].state_today is State.ETENDU


def test_partial_rewrite_of_2_7_keeps_2_7_1_provenance(index) -> None:
    # avenant n° 25 rewrites 2.7.2 only (004 l.533-543); 2.7.1 stays avenant n° 13's wording
    art = article_at(index, "a2000-2.5", date(2020, 1, 1))
    acts = [f.act for f in art.version.fragments]
    assert acts[:6] == ["avenant-13"] * 6
    assert set(acts[6:]) == {"avenant-25"}
    assert art.version.paragraphs[7] == seed_lines(535, 535)[0]
