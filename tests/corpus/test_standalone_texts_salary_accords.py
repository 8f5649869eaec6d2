"""Standalone attached texts and salary accords on real data (004 l.4543-15135, l.15136-15462)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from consolidator.engine.replay import VersionIndex
from consolidator.model import State
from consolidator.normalize import normalize_text
from consolidator.query.snapshot import article_at, snapshot
from consolidator.query.states import version_state
from tests.conftest import seed_lines

# the first line of each standalone or salary text of 004 encoded by the corpus (D-400)
# fmt: off
STANDALONE = (
    4543, 4585, 4622, 5501, 5592, 5655, 5875, 6430, 6714, 7479, 7555, 8012, 8040,
    8962, 9141, 9680, 10085, 10897, 11003, 11079, 11542, 11709, 12228, 12329, 12443, 12657,
    12722, 13292, 14152, 14704, 14786, 14801, 14911, 15030, 15185, 15233, 15262, 15310, 15355,
    15405,
)
# fmt: on


_CALL = re.compile(r"\s*\((?:\d|\*)\)(?=[\s.,;:]|$)")  # footnote calls are not text (D-009)


def _state(index: VersionIndex, article: str, day: str) -> State:
    """The state on `day` of the article's version covering it (or its first/last one)."""
    when = date.fromisoformat(day)
    versions = index.versions[article]
    version = next((v for v in versions if v.covers(when)), None)
    if version is None:
        version = versions[0] if when < versions[0].since else versions[-1]
    return version_state(index, version, when)


def test_every_block_of_the_standalone_texts_is_a_version(index: VersionIndex, export) -> None:  # type: ignore[no-untyped-def]
    """Each block's wording (footnote calls removed) is in one version of its text (D-400)."""
    texts = {t.start_line: t for t in export.attached + export.salaries}
    wordings = [
        normalize_text(" ".join(v.paragraphs))
        for versions in index.versions.values()
        for v in versions
        if index.corpus.acts[v.text_id].kind.value in ("accord", "avenant", "salaires", "adhesion")
    ]
    missing = []
    for start in STANDALONE:
        for art in texts[start].articles:
            for block in art.blocks:
                wording = normalize_text(" ".join(_CALL.sub("", p.text) for p in block.paragraphs))
                if wording and not any(wording in w for w in wordings):
                    missing.append((start, art.label, block.marker_line))
    assert missing == []


def test_moyens_2000_continues_after_its_term(index: VersionIndex) -> None:
    # 004 l.4582: « conclu pour une durée déterminée s'achevant le 31 décembre 2000 », no
    # stipulation that its effects cease: former L. 132-6, it continues (D-416)
    assert "31 décembre 2000" in seed_lines(4582, 4582)[0]
    assert _state(index, "moyens-2000-1", "2000-06-01") is State.NON_ETENDU
    assert _state(index, "moyens-2000-1", "2001-01-01") is State.NON_ETENDU
    assert "accord-2000-01-31-moyens" in {t.act.id for t in snapshot(index, date(2001, 6, 1)).texts}


def test_agenda_social_2017_is_in_force_one_year(index: VersionIndex) -> None:
    # 004 l.9726: « durée déterminée d'un an »; signed 2 November 2017 (meta title, D-401)
    assert _state(index, "agenda-2017-1", "2018-11-01") is State.NON_ETENDU
    assert _state(index, "agenda-2017-1", "2018-11-02") is State.PERIME


def test_gpec_2014_exclusions_of_the_arrete_of_27_december_2018(index: VersionIndex) -> None:
    assert _state(index, "gpec-2014-6.1", "2018-06-01") is State.NON_ETENDU
    art = article_at(index, "gpec-2014-6.1", date(2019, 6, 1))  # JO 30 December 2018
    assert art.state is State.ETENDU
    assert [r.kind for r in art.restrictions] == ["exclusion"]  # 004 l.7896
    art7 = article_at(index, "gpec-2014-7", date(2019, 6, 1))
    # 004 l.7961: « Les termes « et également de la mise en œuvre des contrats de génération, » ... »
    spans = [art7.version.fragments[s.fragment].text[s.start : s.end] for s in art7.excluded]
    assert spans == ["et également de la mise en œuvre des contrats de génération,"]
    pre = article_at(index, "gpec-2014-preambule", date(2019, 6, 1))
    assert [s.fragment for s in pre.excluded] == [6]  # the 7th alinéa, 004 l.7571 « (2) »


def test_fonds_de_solidarite_article_4_replaced_by_the_avenant_of_5_february_2021(
    index: VersionIndex,
) -> None:
    versions = index.versions["solidarite-2019-4"]
    assert [(v.since, v.act) for v in versions] == [
        (date(2019, 9, 21), "accord-2019-09-20-solidarite"),  # 004 l.11569 REMPLACE, l.11611
        (date(2021, 2, 6), "avenant-2021-02-05-solidarite"),  # 004 l.11577, l.12699
    ]
    assert "pris en charge par le fonds de solidarité" in versions[1].text
    assert _state(index, "solidarite-2019-4", "2021-10-01") is State.ETENDU  # JO 29 Sep 2021


def test_imperativite_accord_extended_under_reserve(index: VersionIndex) -> None:
    art = article_at(index, "imperativite-2018-1", date(2020, 3, 1))
    assert art.state is State.ETENDU  # arrêté du 31 janvier 2020, JO 6 février 2020
    assert [r.kind for r in art.restrictions] == ["reserve"]  # 004 l.10910
    assert "L. 2253-2" in art.restrictions[0].text


def test_interessement_model_exclusions_and_reservations(index: VersionIndex) -> None:
    art = article_at(index, "interessement-2021-modele-4.2", date(2022, 7, 1))
    # 004 l.14457: « Les quatre derniers alinéas de l'article 4.2 sont exclus de l'extension »
    n = len(art.version.fragments)
    assert sorted({s.fragment for s in art.excluded}) == [n - 4, n - 3, n - 2, n - 1]
    assert art.version.fragments[-1].text == "– développement de l'alternance."
    reserve = article_at(index, "interessement-2021-2", date(2022, 7, 1))
    assert [r.kind for r in reserve.restrictions] == ["reserve"]  # 004 l.14179


def test_temps_partiel_runs_24_months_from_its_extension(index: VersionIndex) -> None:
    # 004 l.8135; arrêté du 16 juillet 2015, JO 26 juillet 2015 (D-405)
    assert _state(index, "temps-partiel-2015-2", "2015-07-25") is State.A_VENIR
    assert _state(index, "temps-partiel-2015-2", "2015-07-26") is State.ETENDU
    # signed before the loi du 8 août 2016: continues after its 24 months (D-405, D-416)
    assert _state(index, "temps-partiel-2015-2", "2017-07-26") is State.ETENDU


def test_fessad_adhesion_is_simply_in_force(index: VersionIndex) -> None:
    assert "Bagnolet, le 20 décembre 2021." in seed_lines(14789, 14789)
    assert _state(index, "fessad-2021-lettre", "2022-01-01") is State.EN_VIGUEUR


@pytest.mark.parametrize("article", ["orne-cet-2002-1", "orne-cet-2002-4", "orne-cet-2002-5"])
def test_orne_cet_articles_rewritten_by_its_avenant(index: VersionIndex, article: str) -> None:
    versions = index.versions[article]
    assert [v.act for v in versions] == [
        "orne-accord-2002-11-04-cet",
        "orne-avenant-2007-03-28-cet",
    ]
    assert versions[1].since == date(2007, 3, 28)


def test_orne_cet_objet_loses_the_22_days_cap(index: VersionIndex) -> None:
    # 004 l.5507: « La phrase « l'alimentation du compte épargne-temps ne peut excéder 22 jours
    # par an » est supprimée. »
    old, new = index.versions["orne-cet-2002-1"]
    assert "22 jours" in old.text and "22 jours" not in new.text
