"""The Mutualité française Orne texts are company agreements, not branch texts (lawyer L-45, D-413):
they bind one employer and its employees and are never subject to extension."""

from __future__ import annotations

import json
from datetime import date

from consolidator.commands import applicability_document, article_document, cite_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines

DAY = date(2026, 12, 2)


def _words(text: str) -> str:
    return " ".join(flat(text).split())


def test_the_seed_shows_one_employer() -> None:
    # 004 l.5726: « La Mutualité française Orne recherchera tous les moyens possibles pour limiter
    # le recours au chômage partiel » (an employer's own undertaking); l.5869: deposit with the
    # DDTEFP de l'Orne.
    assert "La Mutualité française Orne recherchera" in seed_lines(5726, 5726)[0]
    assert "direction départementale du travail" in seed_lines(5869, 5869)[0]


def test_applicability_says_company_agreement(index: VersionIndex) -> None:
    out = _words(str(applicability_document(index, "orne-cet-2002:1er", DAY)))
    assert (
        "Ce texte est un accord d'entreprise : il lie l'employeur qui l'a conclu et ses salariés ; "
        "il n'est pas un texte de la branche et n'est pas susceptible d'extension." in out
    )
    assert "adhérents d'une organisation patronale" not in out
    assert "Aucune rédaction antérieure étendue" not in out


def test_article_and_cite_never_say_non_etendu(index: VersionIndex) -> None:
    art = _words(str(article_document(index, "orne-cet-2002:1er", DAY, "adherent", "text")))
    assert art.startswith("Article 1er - Objet [en vigueur] depuis le 28 mars 2007")
    cite = _words(str(cite_document(index, "orne-cet-2002:1er", DAY, "text")))
    assert "accord d'entreprise classé parmi les textes de la convention collective" in cite
    assert "étendu" not in cite.split(" »")[0]
    doc = json.loads(str(article_document(index, "orne-cet-2002:1er", DAY, "adherent", "json")))
    assert doc["article"]["state"] == "en vigueur"
    assert doc["article"]["scope"] == "sans extension"
