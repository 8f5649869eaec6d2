"""Fixed terms applied by each text's words and the law at its signature (D-416; issue 15, 9 and 13)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import article_document
from consolidator.engine.replay import VersionIndex
from consolidator.model import State
from consolidator.query.snapshot import article_at
from consolidator.query.states import version_state
from tests.conftest import seed_lines

TODAY = date(2024, 1, 1)  # the seed's date


def _state(index: VersionIndex, act: str, day: date) -> State:
    versions = [v for vs in index.versions.values() for v in vs if v.text_id == act]
    assert versions, act
    return version_state(index, versions[0], day)


@pytest.mark.parametrize(
    ("act", "line", "words", "after_term"),
    [
        # signed before the loi du 8 août 2016, no stipulation that the effects cease: the former
        # L. 132-6 / L. 2222-4 make them continue as accords à durée indéterminée
        ("accord-2000-01-31-moyens", 4582, "s'achevant le 31 décembre 2000", date(2001, 6, 1)),
        ("accord-2001-01-30-moyens", 4619, "s'achevant le 31 décembre 2001", date(2002, 6, 1)),
        (
            "accord-2014-12-05-financement-formation",
            8023,
            "qui prendra fin le 31 décembre 2015",
            date(2016, 6, 1),
        ),
        ("accord-2015-02-11-temps-partiel", 8135, "24 mois à compter de sa date", date(2017, 8, 1)),
    ],
)
def test_accords_signed_before_2016_continue_after_their_term(
    index: VersionIndex, act: str, line: int, words: str, after_term: date
) -> None:
    text = seed_lines(line, line)[0]
    assert words in text and "cesseront" not in text
    assert index.corpus.acts[act].term is None
    for day in (after_term, TODAY):
        assert _state(index, act, day).in_force, (act, day)


def test_extended_ones_keep_legifrances_label(index: VersionIndex) -> None:
    """004 l.8021 and l.8139: « en vigueur étendue » on the seed's date."""
    assert seed_lines(8021, 8021) == ["en vigueur étendue"]
    assert _state(index, "accord-2014-12-05-financement-formation", TODAY) is State.ETENDU
    assert _state(index, "accord-2015-02-11-temps-partiel", TODAY) is State.ETENDU
    # the 2000 protocole: no arrêté names it (004 l.15469), so not extended (D-402)
    assert _state(index, "accord-2000-01-31-moyens", TODAY) is State.NON_ETENDU


@pytest.mark.parametrize(
    ("act", "line", "last_day"),
    [
        ("accord-2017-11-02-agenda", 9726, date(2018, 11, 1)),
        ("accord-2019-03-15-methode", 11170, date(2020, 12, 31)),
        ("accord-2021-03-12-methode", 13379, date(2021, 12, 31)),
    ],
)
def test_accords_that_stipulate_their_end_lapse(
    index: VersionIndex, act: str, line: int, last_day: date
) -> None:
    """« À l'échéance de son terme, ses dispositions cesseront automatiquement de produire leurs
    effets » (004 l.9726, l.11170, l.13379)."""
    assert "cesseront automatiquement de produire leurs effets" in seed_lines(line, line)[0]
    assert index.corpus.acts[act].term == last_day
    assert _state(index, act, last_day).in_force
    assert _state(index, act, date.fromordinal(last_day.toordinal() + 1)) is State.PERIME


def test_the_temporary_commission_annexe_is_not_a_fixed_term_text(index: VersionIndex) -> None:
    """004 l.4509-4511: the commission « a une durée de 5 ans »; « Passé ce délai, les différends
    relèvent de la compétence de la commission paritaire de conciliation »: the annexe stays."""
    assert "a une durée de 5 ans à compter du jour de la signature" in seed_lines(4509, 4509)[0]
    assert seed_lines(4511, 4511)[0].startswith("Passé ce délai, les différents relèvent")
    assert index.corpus.acts["annexe-commission"].term is None
    assert _state(index, "annexe-commission", TODAY) is State.ETENDU
    assert any("until 31 January 2005" in n for n in index.corpus.acts["annexe-commission"].notes)


@pytest.mark.parametrize(
    ("article", "line", "before", "after", "words"),
    [
        # 004 l.8023: « conclu pour une durée déterminée qui prendra fin le 31 décembre 2015 »
        (
            "financement-formation-2015-2",
            8023,
            date(2015, 6, 1),
            date(2016, 1, 1),
            "31 décembre 2015",
        ),
        # 004 l.4582: « … s'achevant le 31 décembre 2000 »
        ("moyens-2000-4", 4582, date(2000, 6, 1), date(2001, 1, 1), "31 décembre 2000"),
        # 004 l.4619: « … s'achevant le 31 décembre 2001 »
        ("moyens-2001-4", 4619, date(2001, 6, 1), date(2002, 1, 1), "31 décembre 2001"),
        # 004 l.4509-4511: the commission's 5 years from the signature of 31 January 2000
        ("annexe-commission-8", 4509, date(2004, 1, 1), date(2005, 2, 1), "31 janvier 2005"),
    ],
)
def test_readers_are_told_why_a_fixed_term_text_is_still_in_force(
    index: VersionIndex, article: str, line: int, before: date, after: date, words: str
) -> None:
    """D-416's reading is shown, flagged as inferred, from the day the term is reached; never
    before (lawyer L-06). Each duration clause is the seed's own."""
    assert "durée" in seed_lines(line, line)[0]
    assert not article_at(index, article, before).notas
    (note,) = article_at(index, article, after).notas
    assert note.decision == "D-416" and words in note.text
    text = " ".join(str(article_document(index, article, after, "adherent", "text")).split())
    assert "Note déduite (D-416) :" in text and words in text
    data = json.loads(str(article_document(index, article, after, "adherent", "json")))
    (nota,) = data["article"]["notas"]
    assert nota["certainty"] == "inferred" and nota["decision"] == "D-416"
