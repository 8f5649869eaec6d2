"""Chapters XV-XVIII and the convention's annexes on real data."""

from __future__ import annotations

import re
from datetime import date

from consolidator.engine.replay import VersionIndex
from consolidator.model import State
from consolidator.normalize import normalize_text
from consolidator.query.history import history
from consolidator.query.snapshot import article_at, resolve_article
from consolidator.query.states import excluded_spans, version_state
from tests.conftest import seed_lines

SEED_DAY = date(2023, 7, 1)
CALL = re.compile(r"\s*\(\d\)(?=[\s.,;:]|$)")  # footnote calls of the export (D-009)


def _seed(start: int, end: int) -> list[str]:
    return [normalize_text(CALL.sub("", line)) for line in seed_lines(start, end) if line.strip()]


def _text(index: VersionIndex, article: str, day: date) -> list[str]:
    return [normalize_text(p) for p in article_at(index, article, day).version.paragraphs]


def test_history_18_3_three_versions_across_renumbering(index: VersionIndex) -> None:
    art = resolve_article(index, "18.3", SEED_DAY)
    # the 2000 article 18.4, renumbered 18.3 by avenant n° 21 (004 l.9630)
    assert art == "a2000-18.4"
    hist = history(index, art, SEED_DAY)
    rows = [(v.version.num, v.version.since, v.version.until, v.version.act) for v in hist.versions]
    assert rows == [
        ("18.4", date(2000, 2, 1), date(2018, 1, 1), "base"),  # 004 l.3445-3451
        ("18.3", date(2018, 1, 1), date(2019, 1, 1), "avenant-21"),  # 004 l.3453-3459
        ("18.3", date(2019, 1, 1), None, "accord-2018-11-09"),  # 004 l.3461-3463
    ]
    assert _text(index, art, date(2017, 6, 1))[0].startswith(
        normalize_text(seed_lines(3447, 3447)[0])  # « visés à l'article 1.1.1 »
    )
    assert _text(index, art, SEED_DAY) == _seed(3463, 3463)


def test_15_2_versions_and_acts(index: VersionIndex) -> None:
    acts = [(v.act, v.since) for v in index.versions["a2000-15.2"]]
    assert acts == [
        ("base", date(2000, 2, 1)),  # 004 l.2255
        ("avenant-2002-12-10", date(2002, 12, 10)),  # l.2315, approximate (D-303)
        ("avenant-10", date(2007, 1, 1)),  # l.2383; « le 1er janvier 2007 » l.5332
        ("avenant-16", date(2013, 1, 1)),  # l.2442; 1st day of the quarter after JO 9 Dec 2012
        ("texte-15-2-7", date(2015, 6, 1)),  # l.2552, unknown text (D-301)
        ("avenant-22", date(2018, 1, 1)),  # l.2858 (l.2706, avenant n° 21, lasts 0 days: D-312)
        ("avenant-30", date(2020, 3, 12)),  # l.2999, retroactive « 12 mars 2020 » l.12178
    ]


def test_15_2_current_text_equals_seed_block(index: VersionIndex) -> None:
    version = article_at(index, "a2000-15.2", SEED_DAY)
    assert version.state is State.ETENDU
    seed = _seed(3001, 3147)  # 004 l.3001-3147
    assert [normalize_text(p) for p in version.version.paragraphs] == seed
    assert [r.kind for r in version.restrictions] == ["reserve"]  # 004 l.3149 (arrêté 5 Feb 2021)


def test_15_2_3_table_rows_of_2007(index: VersionIndex) -> None:
    v3 = article_at(index, "a2000-15.2", date(2010, 1, 1)).version
    rows = [f.cells for f in v3.fragments if f.cells]
    # 004 l.2399-2401: « Incapacité 23 % 23 % 77 % 77 % »
    assert rows[1] == (
        ("risque", "Incapacité"),
        ("employeur TA", "23 %"),
        ("employeur TB", "23 %"),
        ("salarié TA", "77 %"),
        ("salarié TB", "77 %"),
    )
    assert len(rows) == 3


def test_15_3_exclusion_of_2001_and_avenant_19_date(index: VersionIndex) -> None:
    old = article_at(index, "a2000-15.3", date(2010, 1, 1))
    spans = excluded_spans(index, old.version, date(2010, 1, 1))
    text = old.version.paragraphs[0]
    # 004 l.3155-3157: « régie par le code de la mutualité * », arrêté du 17 août 2001
    assert [text[s.start : s.end] for s in spans] == ["régi par le code de la mutualité"]
    # NOTE l.3235: entry into force 28 December 2015
    assert article_at(index, "a2000-15.3", date(2015, 12, 27)).version.act == "base"
    assert article_at(index, "a2000-15.3", date(2015, 12, 28)).version.act == "avenant-19"


def test_16_1_reserve_follows_the_second_tiret(index: VersionIndex) -> None:
    now = article_at(index, "a2000-16.1", SEED_DAY)
    assert now.version.act == "avenant-7"
    assert _text(index, "a2000-16.1", SEED_DAY) == _seed(3311, 3321)  # 004 l.3311-3321
    reserves = [r for r in now.restrictions if r.kind == "reserve"]
    assert len(reserves) == 1 and reserves[0].alinea == 3  # 004 l.15493 / l.3323


def test_annexe_v_versions_and_current_table(index: VersionIndex) -> None:
    versions = index.versions["annexe-v-texte"]
    assert [(v.act, v.since) for v in versions] == [
        ("annexe-v", date(2000, 2, 1)),  # 004 l.4234
        ("avenant-2003-10-24", date(2004, 1, 1)),  # l.4266 MODIFIE
        ("avenant-10", date(2007, 1, 1)),  # l.4317
        ("avenant-22", date(2018, 1, 1)),  # l.4420
        ("avenant-28", date(2020, 1, 1)),  # l.4430
    ]
    now = versions[-1]
    assert version_state(index, now, SEED_DAY) is State.ETENDU
    # 004 l.4438: « Incapacité 0,17 0,46 0,63 0,34 0,95 1,29 »
    incapacite = next(f.cells for f in now.fragments if f.cells and f.cells[0][1] == "Incapacité")
    assert [c for _, c in incapacite] == [
        "Incapacité",
        "0,17",
        "0,46",
        "0,63",
        "0,34",
        "0,95",
        "1,29",
    ]
    # the 2007 table printed one cell per line (l.4329-4408): 4 groups of 5 lines
    assert sum(1 for f in versions[2].fragments if f.cells) == 20


def test_annexe_v_avenant_28_extension_next_january(index: VersionIndex) -> None:
    now = index.versions["annexe-v-texte"][-1]
    # arrêté du 10 juillet 2020 (JO 23 July 2020), effect on 1 January following (004 l.11842)
    assert version_state(index, now, date(2020, 12, 31)) is State.NON_ETENDU
    assert version_state(index, now, date(2021, 1, 1)) is State.ETENDU


def test_annexe_i_grid(index: VersionIndex) -> None:
    cotation = article_at(index, "annexe-i-3", SEED_DAY).version
    rows = [dict(f.cells) for f in cotation.fragments if f.cells]
    assert len(rows) == 6  # 004 l.3666-3764
    assert rows[5]["Degrés"] == "6" and rows[5]["Autonomie"] == "1 200"
    assert rows[5]["Loi de progression"] == "6,00"
    assert "3.5. Catégorie directeurs" in cotation.paragraphs  # glued at l.3792


def test_commission_article_8_and_annexe_7(index: VersionIndex) -> None:
    art8 = index.versions["annexe-commission-8"]
    assert [(v.act, v.since) for v in art8] == [
        ("annexe-commission", date(2000, 2, 1)),  # 004 l.4502
        ("avenant-2003-01-27", date(2003, 1, 27)),  # l.4507
    ]
    assert _text(index, "annexe-commission-8", SEED_DAY) == _seed(4509, 4511)
    annexe7 = index.versions["annexe-7-texte"]
    assert [(v.act, v.since) for v in annexe7] == [
        ("annexe-7", date(2015, 12, 28)),  # 004 l.8237, with avenant n° 19
        ("avenant-31", date(2021, 1, 1)),  # l.8314
    ]


def test_annexe_iii_is_not_extended(index: VersionIndex) -> None:
    # D-304: the arrêté of 17 August 2001 lists six annexes, not Annexe III (004 l.15469), though
    # Legifrance labels it « en vigueur étendue » (004 l.3805): no arrêté is credited with it
    at = article_at(index, "annexe-iii-1", SEED_DAY)
    assert at.state is State.NON_ETENDU
    assert not index.extensions_of("annexe-iii")
    assert _text(index, "annexe-iii-1", SEED_DAY) == _seed(3806, 3806)
