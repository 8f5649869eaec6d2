"""« Qui est lié » and the JSON scope of an extended article whose wording the sources lack
(lawyer findings L-48, L-50).

3.2 of 2000 is proved by the mention of a 3.3 (004 l.108, D-100) and 18.3 of 2000 by avenant n° 21
deleting it (l.9579, D-111); both were extended with the convention by the arrêté of 17 August
2001 (l.15469). They bind every employer of the field: no « Aucune rédaction antérieure étendue »
sentence, no scope « adhérents », and the text's absence is said as `article` says it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from consolidator.commands import applicability_document, article_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines


def test_the_seed_proves_3_3_and_18_3_and_their_extension() -> None:
    assert (
        "chapitre III : Institutions représentatives du personnel, article 3.3"
        in seed_lines(108, 108)[0]
    )
    assert (
        "l'article 18.3 consacrant la commission paritaire nationale sont supprimés"
        in (seed_lines(9579, 9579)[0])
    )
    assert (
        "Sont rendues obligatoires, pour tous les employeurs et tous les salariés"
        in (seed_lines(15469, 15469)[0])
    )


@pytest.mark.parametrize(("num", "day"), [("3.2", date(2005, 1, 1)), ("18.3", date(2010, 1, 1))])
def test_applicability_of_an_extended_unknown_wording(
    index: VersionIndex, num: str, day: date
) -> None:
    out = " ".join(flat(str(applicability_document(index, num, day))).split())
    assert (
        f"l'article {num} de la convention collective nationale de la mutualité du 31 janvier "
        "2000 est en vigueur dans sa rédaction d'origine, dont le texte n'est pas disponible dans "
        "les sources. Il est étendu par l'arrêté du 17 août 2001" in out
    )
    assert "il lie tous les employeurs entrant dans le champ d'application" in out
    assert "Aucune rédaction antérieure étendue" not in out


@pytest.mark.parametrize(
    ("ident", "day"),
    [
        ("3.2", date(2005, 1, 1)),
        ("3.3", date(2005, 1, 1)),
        ("18.3", date(2010, 1, 1)),
        ("annexe-frais-texte", date(2005, 1, 1)),
    ],
)
def test_json_scope_of_an_extended_unknown_wording(
    index: VersionIndex, ident: str, day: date
) -> None:
    art = json.loads(str(article_document(index, ident, day, "adherent", "json")))["article"]
    assert art["wording"] == "texte-non-disponible"
    assert art["label"] == "en vigueur étendue"
    assert art["scope"] == "branche"
