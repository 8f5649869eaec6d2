"""An extension binds a rewriting from that rewriting's own entry into force (D-711).

Avenant n° 20 enters into force the day after its arrêté's JO publication: the article and the
« Qui est lié » paragraph must not say that its extension took effect the day before.
"""

from __future__ import annotations

import json
from datetime import date

from consolidator.commands import applicability_document, article_document
from consolidator.engine.replay import VersionIndex
from tests.conftest import flat, seed_lines


def _words(text: str) -> str:
    return " ".join(flat(text).replace("’", "'").split())


def test_the_seed_dates_avenant_20_after_its_arrete() -> None:
    # 004 l.9552: « Le présent avenant entre en vigueur au premier jour suivant la date de
    # publication de son arrêté d'extension au Journal officiel »; l.10917: « étendu par arrêté du
    # 21 mars 2017 (Journal officiel du 1er avril 2017) ».
    assert (
        "entre en vigueur au premier jour suivant la date de publication"
        in seed_lines(9552, 9552)[0]
    )
    assert (
        "étendu par arrêté du 21 mars 2017 (Journal officiel du 1er avril 2017)"
        in seed_lines(10917, 10917)[0]
    )


def test_applicability_and_article_agree_on_2_april_2017(index: VersionIndex) -> None:
    day = date(2018, 1, 1)
    who = _words(str(applicability_document(index, "2.5", day)))
    art = _words(str(article_document(index, "2.5", day, "adherent", "text")))
    assert "en vigueur étendue] depuis le 2 avril 2017" in art
    assert (
        "étendu par arrêté du 21 mars 2017 (JO du 1er avril 2017 ; l'extension prend effet à "
        "l'entrée en vigueur de cette rédaction, le 2 avril 2017)" in art
    )
    assert (
        "Il est étendu par l'arrêté du 21 mars 2017 (JO du 1er avril 2017), avec effet à l'entrée "
        "en vigueur de cette rédaction, le 2 avril 2017 :" in who
    )
    assert "1er avril 2017, avec effet" not in who and "avec effet au 1er avril 2017" not in who
    doc = json.loads(str(article_document(index, "2.5", day, "adherent", "json")))["article"]
    assert doc["extension"]["published"] == "2017-04-01"
    assert doc["extension"]["effective"] == doc["version"]["since"] == "2017-04-02"


def test_a_renumbered_article_keeps_its_words_extension_date(index: VersionIndex) -> None:
    # 9.12 from 16 April 2021 is avenant n° 24's words (l.10762-10775), renumbered by avenant n° 32
    # (l.14071); avenant n° 24 was extended by the arrêté of 5 February 2021 (JO 12 February).
    art = _words(str(article_document(index, "9.12", date(2022, 6, 1), "adherent", "text")))
    assert "l'extension prend effet à l'entrée en vigueur" not in art
