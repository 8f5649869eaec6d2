"""Company-level texts of Mutualité française Orne are not branch texts (D-413, lawyer L-45):
004 l.5726 « La Mutualité française Orne recherchera … », l.5859 « Elargissement de l'accord aux
autres filières de la Mutualité française Orne », l.5869 (deposit with the direction
départementale de l'Orne)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from consolidator.cli import main
from consolidator.engine.replay import VersionIndex
from consolidator.model import ActLevel, State
from consolidator.query.applicability import applicability
from consolidator.query.citation import citation
from consolidator.query.snapshot import article_at
from tests.conftest import seed_lines

TODAY = date(2026, 12, 2)
ARTICLES = ("orne-cet-2002-1", "orne-modulation-2007-1")


def test_the_seed_names_one_employer() -> None:
    assert "La Mutualité française Orne recherchera" in seed_lines(5726, 5726)[0]
    assert "autres filières de la Mutualité française Orne" in seed_lines(5859, 5859)[0]
    assert "de l'Orne" in seed_lines(5869, 5869)[0]


def test_every_company_text_names_its_employer_and_is_never_extensible(
    index: VersionIndex,
) -> None:
    company = [a for a in index.corpus.acts.values() if a.level is ActLevel.ENTREPRISE]
    assert len(company) == 4  # D-413: the CET accord, its avenant, the two modulation accords
    assert all(a.employer == "Mutualité française Orne" and not a.extensible for a in company)


@pytest.mark.parametrize("article", ARTICLES)
def test_applicability_says_it_binds_its_employer_not_the_branch(
    index: VersionIndex, article: str
) -> None:
    text = applicability(index, article, TODAY)
    assert (
        "C’est un accord d’entreprise de la Mutualité française Orne : il lie cet employeur et "
        "ses salariés ; il n’est pas un texte de la branche et n’est pas susceptible d’extension."
    ) in text
    assert "organisation patronale signataire" not in text and "non adhérents" not in text
    assert "de la convention collective nationale" not in text


@pytest.mark.parametrize("article", ARTICLES)
def test_headers_and_citations_never_say_non_etendu(index: VersionIndex, article: str) -> None:
    art = article_at(index, article, TODAY)
    assert art.state is State.EN_VIGUEUR
    assert art.heading_label == "en vigueur (accord d’entreprise)"
    cite = citation(index, article, TODAY).text
    assert "accord d’entreprise, classé par Légifrance parmi les textes attachés" in cite
    assert "étendu" not in cite
    out = CliRunner().invoke(main, ["article", article, "--at", TODAY.isoformat()]).output
    assert "[en vigueur (accord d’entreprise)]" in out and "non-étendue" not in out
    data = json.loads(
        CliRunner()
        .invoke(main, ["cite", article, "--at", TODAY.isoformat(), "--format", "json"])
        .output
    )
    assert data["state"] == "en vigueur" and data["extension"] is None
