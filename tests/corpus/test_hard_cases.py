"""The hard cases of the sources (seed-chronology §6), each decided in DECISIONS.md and pinned here."""

from __future__ import annotations

from datetime import date

from consolidator.model import EndReason
from consolidator.query.snapshot import article_at, resolve_article


def test_18_1_repealed_by_avenant_21_and_its_number_reused(index) -> None:
    # 004 l.3363: the 2000 « commission paritaire d'interprétation »; l.3375: avenant n° 21's CPPNI
    old = index.versions["a2000-18.1"]
    assert old[-1].until == date(2018, 1, 1) and old[-1].end is EndReason.REPEALED
    assert old[-1].ended_by == "avenant-21"
    assert resolve_article(index, "18.1", date(2010, 1, 1)) == "a2000-18.1"
    assert resolve_article(index, "18.1", date(2019, 1, 1)) == "a2017-18.1"


def test_18_3_is_the_2000_article_18_4_renumbered(index) -> None:
    # 004 l.3445: the 2000 18.4 (it cites « article 2.4 »), filed under 18.3 after avenant n° 21
    versions = index.versions["a2000-18.4"]
    assert versions[0].num == "18.4" and versions[-1].num == "18.3"
    assert resolve_article(index, "18.3", date(2024, 1, 1)) == "a2000-18.4"


def test_15_2_fifth_version_written_by_an_unidentified_text(index) -> None:
    # 004 l.2552: a 15.2 version adding 15.2.7 whose act is in neither source (D-301)
    act = index.corpus.acts["texte-15-2-7"]
    assert act.signed_approximate and act.effects[None].approximate
    assert act.effects[None].decision == "D-301"
    acts = [v.act for v in index.versions["a2000-15.2"]]
    assert acts.index("texte-15-2-7") == acts.index("avenant-16") + 1


def test_cppni_date_kept_as_signature_with_its_evidence(index) -> None:
    # avenant n° 25: « convenu lors de la CPPNI du 7 décembre 2018 » (004 l.10894); meta signed 2018-12-07
    act = index.corpus.acts["avenant-25"]
    assert act.signed == date(2018, 12, 7)
    assert any("CPPNI" in note for note in act.effects[None].notes)


def test_9_14_becomes_9_12_over_an_existing_9_12(index) -> None:
    # avenant n° 32 (2021): 9.14 renumbered 9.12 (004 l.1836 « ancien article 9.14 »); old 9.12 repealed
    day = date(2022, 1, 1)
    current = article_at(index, resolve_article(index, "9.12", day), day)
    assert any(v.num == "9.14" for v in index.versions[current.id])
    repealed = [
        aid
        for aid, vs in index.versions.items()
        if vs[-1].end is EndReason.REPEALED
        and vs[-1].num == "9.12"
        and vs[-1].ended_by == "avenant-32"
    ]
    assert repealed and current.id not in repealed


def test_retroactive_avenant_30_applies_from_12_march_2020(index) -> None:
    # « à compter du 12 mars 2020 » (004 l.12178), agreed at the CPPNI of 30 June 2020 (l.12198)
    act = index.corpus.acts["avenant-30"]
    version = next(v for v in index.versions["a2000-15.2"] if v.act == "avenant-30")
    assert version.since == date(2020, 3, 12) < act.signed
