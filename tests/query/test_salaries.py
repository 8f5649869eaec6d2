"""Salary agreements as data: grids, the gap of 2011, the `salaries` command (004 l.15136-15462)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.corpus.load import load_corpus
from consolidator.engine.index import validate
from consolidator.engine.replay import VersionIndex
from consolidator.errors import CorpusError, QueryError
from consolidator.model import State
from consolidator.query.salaries import salaries_at
from tests.conftest import CONVENTION, seed_lines

CLASSES = ("E1", "E2", "E3", "E4", "T1", "T2", "C1", "C2", "C3", "C4", "D")  # 004 l.15449-15459


@pytest.fixture(scope="module")
def corpus(index: VersionIndex) -> VersionIndex:
    return index


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def test_2013_grid_is_the_accord_of_5_december_2012(corpus: VersionIndex) -> None:
    answer = salaries_at(corpus, date(2013, 6, 1))
    assert answer.act is not None and answer.act.id == "accord-2012-12-05-salaires"
    assert answer.grid.point == Decimal("7.97")  # 004 l.15414
    assert answer.grid.minimum is not None
    assert answer.grid.minimum.montant == Decimal("19000.00")  # 004 l.15419
    # 004 l.15449-15459: « E1 17 027,07 17 282,48 1,5 % » ... the « Montant 2013 » column
    expected = {}
    for line in seed_lines(15449, 15459):
        classe, rest = line.split(" ", 1)
        expected[classe] = _amount(" ".join(rest.split()[2:4]))
    assert {r.classe: r.montant for r in answer.grid.rmag} == expected
    assert [r.classe for r in answer.grid.rmag] == list(CLASSES)
    assert corpus.corpus.convention.classes == CLASSES  # convention.xml, not the library
    assert answer.state is State.ETENDU  # arrêté du 16 avril 2013, JO 23 avril 2013 (l.15438)
    assert answer.extension is not None and answer.extension.arrete.id == "arrete-2013-04-16"
    assert answer.warnings == ()


def test_before_its_extension_the_2013_grid_binds_members_only(corpus: VersionIndex) -> None:
    answer = salaries_at(corpus, date(2013, 2, 1))
    assert answer.grid.point == Decimal("7.97")
    assert answer.state is State.NON_ETENDU


@pytest.mark.parametrize(
    ("day", "point", "e1"),
    [
        ("2007-06-01", "7.43", "16043.34"),  # 004 l.15152, l.15171
        ("2008-06-01", "7.53", "16267.95"),  # 004 l.15194, l.15221
        ("2009-06-01", "7.72", "16674.65"),  # 004 l.15271, l.15297
        ("2010-06-01", "7.76", "16758.02"),  # 004 l.15319, l.15344
        ("2012-06-01", "7.89", "17027.07"),  # 004 l.15364, l.15389
    ],
)
def test_each_year_takes_its_accord(corpus: VersionIndex, day: str, point: str, e1: str) -> None:
    grid = salaries_at(corpus, date.fromisoformat(day)).grid
    assert grid.point == Decimal(point)
    assert grid.rmag[0].classe == "E1" and grid.rmag[0].montant == Decimal(e1)


def test_2011_is_a_gap_answered_with_the_amounts_the_2012_accord_quotes(
    corpus: VersionIndex,
) -> None:
    answer = salaries_at(corpus, date(2011, 6, 1))
    # 004 l.15387-15389: « Niveau Montant 2011 Montant 2012 ... E1 16 841,81 17 027,07 1,1 »
    assert answer.grid.cited and answer.grid.point is None
    assert answer.grid.rmag[0].montant == Decimal("16841.81")
    assert answer.act is None  # the accord that set them is not in the sources (D-410)
    assert answer.cited_by is not None and answer.cited_by.id == "accord-2011-11-09-salaires"
    assert answer.state is None
    assert any(w.startswith("lacune") for w in answer.warnings)
    assert any("7,76 €" in w for w in answer.warnings)  # the last known point, 004 l.15319


def test_after_2013_the_answer_warns_that_later_accords_are_missing(corpus: VersionIndex) -> None:
    answer = salaries_at(corpus, date(2016, 1, 1))
    assert answer.grid.point == Decimal("7.97")
    assert any(
        "accords salariaux postérieurs à l’accord du 5 décembre 2012" in w for w in answer.warnings
    )


def test_no_grid_before_the_convention_is_an_error(corpus: VersionIndex) -> None:
    """004 l.57: the convention, its Annexe II with it, applies from 1 February 2000."""
    with pytest.raises(QueryError, match="aucune grille de salaires connue au 31 janvier 2000"):
        salaries_at(corpus, date(2000, 1, 31))


@pytest.mark.parametrize(
    ("day", "act", "line", "words"),
    [
        (date(2001, 6, 1), "annexe-ii", 3796, "rémunérations minimales annuelles garanties"),
        (date(2003, 6, 1), "accord-2002-11-15-salaires", 15528, "et la valeur du point"),
        (date(2005, 6, 1), "accord-2004-11-03-salaires", 15672, "au titre de l'année 2005"),
    ],
)
def test_grids_before_2006_are_named_without_amounts(
    corpus: VersionIndex, day: date, act: str, line: int, words: str
) -> None:
    """004 l.3796-3800 (Annexe II « Montant des rémunérations minimales annuelles garanties »,
    « (voir les salaires) »), l.15528 and l.15672 (the accords of 15 November 2002 and 3 November
    2004, known from their arrêtés): the grid's text is named, its amounts « non disponibles dans
    les sources », never « aucune grille connue » (lawyer L-30, D-418)."""
    assert words in " ".join(seed_lines(line, line + 2))
    answer = salaries_at(corpus, day)
    assert answer.grid.act == act and not answer.grid.amounts_known
    assert answer.grid.point is None and not answer.grid.rmag
    out = CliRunner().invoke(main, ["salaries", "--at", day.isoformat()])
    assert out.exit_code == 0, out.output
    assert "Valeur du point et RMAG par classe : non disponibles dans les sources" in out.output
    data = json.loads(
        CliRunner().invoke(main, ["salaries", "--at", day.isoformat(), "--format", "json"]).output
    )
    assert data["amounts_known"] is False and data["rmag"] == []


def test_a_grid_not_yet_extended_names_what_binds_non_adherents(corpus: VersionIndex) -> None:
    """004 l.15413-15421 (2013 grid, effect 1 January 2013) and l.15438 (extended by the arrêté
    of 16 April 2013, « à l'exclusion des organismes relevant … de la mutualité sociale
    agricole »): on 1 February 2013 the 2013 grid binds members only; non-adherents stay bound by
    the extended 2012 grid (accord of 9 November 2011, 7,89 €), which `--view branche` shows
    (lawyer L-07)."""
    assert "mutualité sociale agricole" in seed_lines(15438, 15438)[0]
    day = date(2013, 2, 1)
    answer = salaries_at(corpus, day)
    assert answer.state is State.NON_ETENDU
    assert answer.non_adherents is not None
    assert answer.non_adherents.act == "accord-2011-11-09-salaires"
    out = CliRunner().invoke(main, ["salaries", "--at", "2013-02-01"]).output
    assert (
        "les employeurs non adhérents restent liés par la grille étendue fixée par l’accord du 9 novembre 2011"
        in out
    )
    branche = CliRunner().invoke(main, ["salaries", "--at", "2013-02-01", "--view", "branche"])
    assert branche.exit_code == 0, branche.output
    assert "fixés par : accord du 9 novembre 2011 (salaires 2012)" in branche.output
    assert "Valeur du point : 7,89 €" in branche.output


def test_the_extension_line_carries_the_msa_exclusion_and_the_jo_provenance(
    corpus: VersionIndex,
) -> None:
    """004 l.15438: « Accord étendu à l'exclusion des organismes relevant des conventions
    collectives applicables respectivement au personnel, aux agents de direction et aux
    praticiens de la mutualité sociale agricole (arrêté du 16 avril 2013, art. 1er) »; the JO date
    (23 April 2013) is only in the metadata file (lawyer L-20)."""
    assert "23 avril 2013" not in "\n".join(seed_lines(15400, 15462))
    out = CliRunner().invoke(main, ["salaries", "--at", "2020-01-01"]).output
    assert (
        "[en vigueur étendue] arrêté du 16 avril 2013 (JO du 23 avril 2013, d’après les "
        "métadonnées Légifrance), à l’exclusion des organismes relevant des conventions "
        "collectives applicables respectivement au personnel, aux agents de direction et aux "
        "praticiens de la mutualité sociale agricole"
    ) in out
    data = json.loads(
        CliRunner().invoke(main, ["salaries", "--at", "2020-01-01", "--format", "json"]).output
    )
    assert data["extension"]["published_provenance"]["certainty"] == "metadata"
    assert data["extension"]["scope_exclusions"][0].startswith("organismes relevant")


def test_grids_are_sorted_and_one_per_date(corpus: VersionIndex) -> None:
    days = [g.effective for g in corpus.corpus.grids]
    assert days == sorted(days) and len(days) == len(set(days))
    assert days[0] == date(2000, 2, 1) and days[-1] == date(2013, 1, 1)


BAD_GRID = """<?xml version="1.0" encoding="UTF-8"?>
<act id="sal" kind="salaires" signed="2012-12-05" title="Accord salarial de test">
  <effect><fixed date="2013-01-01"/></effect>
  <salaires effective="2013-01-01" point="7.97">
    <rmag classe="E1" montant="17282.48"/>
  </salaires>
</act>
"""


WITH_CLASSES = CONVENTION.replace("/>", "><classes>E1 E2 D</classes></convention>")


def test_a_grid_missing_classes_is_a_corpus_error(make_corpus) -> None:  # type: ignore[no-untyped-def]
    root = make_corpus({"acts/sal.xml": BAD_GRID, "convention.xml": WITH_CLASSES})
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert "lists classes E1" in str(info.value.diagnostics[0])


def test_validate_catches_a_grid_with_an_unknown_class(make_corpus) -> None:  # type: ignore[no-untyped-def]
    grid = BAD_GRID.replace(
        '<rmag classe="E1" montant="17282.48"/>',
        '<rmag classe="E1" montant="1.00"/><rmag classe="E9" montant="2.00"/><rmag classe="D" montant="3.00"/>',
    )
    root = make_corpus({"acts/sal.xml": grid, "convention.xml": WITH_CLASSES})
    problems = [str(d) for d in validate(root)]
    assert len(problems) == 1 and "(unknown: E9)" in problems[0]
    assert problems[0].startswith("acts/sal.xml:4:")
    out = CliRunner().invoke(main, ["validate", "--corpus", str(root)])
    assert out.exit_code == 1 and "unknown: E9" in out.output


def test_a_grid_needs_the_conventions_classes(make_corpus) -> None:  # type: ignore[no-untyped-def]
    root = make_corpus({"acts/sal.xml": BAD_GRID})
    assert "convention.xml declares no classes" in str(validate(root)[0])


def test_cli_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["salaries", "--at", "2013-06-01"], catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert "Valeur du point : 7,97 €" in text.output
    assert "C4    62 651,97 €" in text.output  # 004 l.15458
    out = runner.invoke(main, ["salaries", "--at", "2011-06-01", "--format", "json"])
    data = json.loads(out.output)
    assert data["valeur_du_point"] is None and data["cited"] is True
    assert data["rmag"][10] == {"classe": "D", "montant": 25806.04}  # 004 l.15399
    err = runner.invoke(main, ["salaries", "--at", "2000-01-01"])
    assert err.exit_code == 1 and err.output.startswith("error: aucune grille de salaires connue")


def test_the_2006_grid_belongs_to_the_accord_of_7_december_2005(corpus: VersionIndex) -> None:
    """004 l.15727: the arrêté of 11 April 2006 extends « l'accord du 7 décembre 2005, relatif aux
    salaires »; l.15168 « MONTANT 2006 » is a column of the accord signed « le 23 novembre 2006 »
    (l.15163), which only quotes those amounts (D-412). The state and the extension belong to the
    accord of 2005; the accord of 2006 is only the source of the amounts (lawyer L-33)."""
    assert "l'accord du 7 décembre 2005, relatif aux salaires" in seed_lines(15727, 15727)[0]
    assert "MONTANT 2006" in seed_lines(15168, 15168)[0]
    assert "Fait à Paris, le 23 novembre 2006" in seed_lines(15163, 15163)[0]
    answer = salaries_at(corpus, date(2006, 6, 1))
    assert answer.act is not None and answer.act.id == "accord-2005-12-07-salaires"
    assert answer.cited_by is not None and answer.cited_by.id == "accord-2006-11-23-salaires"
    assert answer.undated is not None and answer.undated.arrete.id == "arrete-2006-04-11"
    assert answer.grid.rmag[0].montant == Decimal("15837.45")  # 004 l.15171, first column


def test_known_at_june_2006_the_2005_accord_and_its_arrete_answer(corpus: VersionIndex) -> None:
    """On 1 June 2006, the accord of 7 December 2005 and its arrêté of 11 April 2006 (004
    l.15721-15737; known from its own date, D-701) were known; the accord of 23 November 2006 that
    quotes the 2006 amounts was not: the grid is the 2005 accord's, amounts unknown, dated at its
    signature as every act known only by reference (D-411; lawyer L-34)."""
    from consolidator.query.knowledge import known_index

    answer = salaries_at(known_index(corpus, date(2006, 6, 1)), date(2006, 6, 1))
    assert answer.act is not None and answer.act.id == "accord-2005-12-07-salaires"
    assert not answer.grid.amounts_known and answer.cited_by is None
    assert answer.grid.effective == date(2005, 12, 7) and answer.grid.approximate
    assert answer.undated is not None and answer.undated.arrete.id == "arrete-2006-04-11"


def test_the_2004_accord_is_for_2005(corpus: VersionIndex) -> None:
    """004 l.15672: « l'accord du 3 novembre 2004 relatif à la politique de la branche au titre de
    l'année 2005 »: when no later accord is known, its amounts are « de 2005 », not « de 2004 »
    (its date of effect, 3 November 2004, is only its signature, D-411; lawyer L-34)."""
    from consolidator.query.knowledge import known_index

    assert "au titre de l'année 2005" in seed_lines(15672, 15672)[0]
    answer = salaries_at(known_index(corpus, date(2005, 12, 1)), date(2006, 1, 1))
    assert answer.grid.act == "accord-2004-11-03-salaires" and answer.grid.amounts_year == 2005
    stale = [w for w in answer.warnings if "manquent aux sources" in w]
    assert stale and "les montants de 2005 ont pu être remplacés" in stale[0]
    assert not any("2004 ont pu" in w for w in answer.warnings)


def test_the_annual_minimum_carries_its_three_conditions(corpus: VersionIndex) -> None:
    """004 l.15419-15423: « aucun salarié … ne devra percevoir une rémunération annuelle brute
    inférieure à 19 000 €. Cette rémunération s'entend : – pour une durée du travail hebdomadaire
    de 35 heures ; – pour une année complète de travail effectif ou assimilé ; – hors éléments de
    rémunération liés à l'ancienneté. » (lawyer L-42)."""
    minimum = salaries_at(corpus, date(2013, 6, 1)).grid.minimum
    assert minimum is not None and minimum.article == "3"
    seed = [line.strip("– ;.") for line in seed_lines(15421, 15423)]
    assert list(minimum.conditions) == seed
    assert minimum.montant == Decimal("19000.00") and "19 000 €" in seed_lines(15419, 15419)[0]
